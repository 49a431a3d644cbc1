# imported by imports_once.py; the body must run only once
print("_helper_counter body runs")
loads = 1
items = []
def add(x):
    items.append(x)
    return len(items)

# re-raised exception is uncaught
def fetch(d, k):
    try:
        return d[k]
    except KeyError:
        print("fetch failed for", k)
        raise
print(fetch({"a": 1}, "a"))
fetch({"a": 1}, "b")

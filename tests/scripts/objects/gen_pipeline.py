# generator pipelines
lines = """# config
name = gil
 version = 0.1

# comment
mode = fast
""".splitlines()
def strip_lines(src):
    for line in src:
        yield line.strip()
def skip_blank_and_comments(src):
    for line in src:
        if line and not line.startswith("#"):
            yield line
def parse(src):
    for line in src:
        k, _, v = line.partition("=")
        yield k.strip(), v.strip()
config = dict(parse(skip_blank_and_comments(strip_lines(lines))))
print(config)
def numbers():
    for i in range(1, 21):
        yield i
def only_odd(src):
    return (n for n in src if n % 2)
def squared(src):
    for n in src:
        yield n * n
def take(n, src):
    for i, v in enumerate(src):
        if i >= n:
            return
        yield v
print(list(take(5, squared(only_odd(numbers())))))
def running_total(src):
    total = 0
    for v in src:
        total += v
        yield total
print(list(running_total(range(1, 6))))
def window(src, size):
    buf = []
    for v in src:
        buf.append(v)
        if len(buf) > size:
            buf.pop(0)
        if len(buf) == size:
            yield tuple(buf)
print(list(window("abcde", 3)))
stages = [only_odd, squared, running_total]
data = numbers()
for stage in stages:
    data = stage(data)
print(list(data))

# sys.set_asyncgen_hooks: firstiter on first use, finalizer when dropped unfinished, and the
# hooks asyncio's loop installs while it runs.
import sys
import asyncio

seen = []

def firstiter(agen):
    seen.append(("first", agen.__name__))

kept = []

def finalizer(agen):
    seen.append(("final", agen.__name__))
    kept.append(agen)

async def counter():
    try:
        yield 1
        yield 2
    finally:
        print("counter finally")

def gen():
    yield "resumed"

print(tuple(sys.get_asyncgen_hooks()))
sys.set_asyncgen_hooks(firstiter, finalizer)
def start_and_drop():
    g = counter()
    g.__anext__()
    print(seen)

start_and_drop()
# (gil runs a dropped generator's finalizer at the next generator resume, CPython at once)
print(next(gen()))
print(seen)
# the finalizer got the generator back, never started: aclose() has nothing to run
try:
    kept[0].aclose().send(None)
except StopIteration:
    print("closed")
sys.set_asyncgen_hooks(None, None)
print(tuple(sys.get_asyncgen_hooks()))
try:
    sys.set_asyncgen_hooks(firstiter=1)
except TypeError as e:
    print(e)

async def main():
    loop = asyncio.get_running_loop()
    hooks = sys.get_asyncgen_hooks()
    print(hooks[0] == loop._asyncgen_firstiter_hook, hooks[1] == loop._asyncgen_finalizer_hook)

asyncio.run(main())
print(tuple(sys.get_asyncgen_hooks()))

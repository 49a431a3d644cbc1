# A generator suspended inside an `except` block keeps its own exception: another generator
# handling (and finishing) a different one meanwhile must not change what a bare `raise`
# re-raises or what a new exception is chained to (CPython's per-generator exc state).
import asyncio


def handling(exc):
    try:
        raise exc
    except Exception:
        yield 1
        raise


def done_handling(exc):
    try:
        raise exc
    except Exception:
        yield 1


a = handling(ValueError("a"))
b = done_handling(KeyError("b"))
next(a)
next(b)
next(b, None)
try:
    next(a)
except Exception as e:
    print("re-raised:", repr(e))

a = handling(ValueError("a"))
next(a)
try:
    raise KeyError("outer")
except KeyError:
    try:
        next(a)
    except Exception as e:
        print("inside another handler:", repr(e))


def chained():
    try:
        raise ValueError("first")
    except ValueError:
        yield 1
        raise KeyError("second")


c = chained()
next(c)
b = done_handling(TypeError("other"))
next(b)
try:
    next(c)
except KeyError as e:
    print("context:", repr(e.__context__))


async def reraise_later(name, delay):
    try:
        raise ValueError(name)
    except ValueError:
        await asyncio.sleep(delay)
        raise


async def handle_briefly(name, delay):
    try:
        raise KeyError(name)
    except KeyError:
        await asyncio.sleep(delay)


async def main():
    print(await asyncio.gather(reraise_later("A", 0.01), handle_briefly("B", 0.02),
                               return_exceptions=True))
    print(await asyncio.gather(reraise_later("A", 0.02), handle_briefly("B", 0.01),
                               return_exceptions=True))

asyncio.run(main())

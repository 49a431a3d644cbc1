"""cProfile: deterministic profiling of gil programs (the native half is _lsprof)."""

import _lsprof

__all__ = ["run", "runctx", "Profile"]


class Profile:
    def __init__(self, timer=None, timeunit=0.0, subcalls=True, builtins=True):
        self._prof = _lsprof.Profiler()
        # The native methods themselves, so that the table shows
        # {method 'disable' of '_lsprof.Profiler' objects} as CPython's does.
        self.enable = self._prof.enable
        self.disable = self._prof.disable

    def clear(self):
        self._prof.clear()

    def print_stats(self, sort=-1):
        print(self._prof.table(sort), end="")

    def run(self, cmd):
        self.enable()
        try:
            _lsprof.exec_main(cmd)
        finally:
            self.disable()
        return self

    def runctx(self, cmd, globals=None, locals=None):
        return self.run(cmd)

    def runcall(self, func, *args, **kw):
        self.enable()
        try:
            return func(*args, **kw)
        finally:
            self.disable()

    def __enter__(self):
        self.enable()
        return self

    def __exit__(self, *exc_info):
        self.disable()


def run(statement, filename=None, sort=-1):
    prof = Profile()
    try:
        prof.run(statement)
    except SystemExit:
        pass
    prof.print_stats(sort)


def runctx(statement, globals=None, locals=None, filename=None, sort=-1):
    run(statement, filename, sort)

"""concurrent.futures: executors on threads (ThreadPoolExecutor) and on gil worker
processes (ProcessPoolExecutor), with Future, wait and as_completed."""

from concurrent.futures._base import (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
                                      CancelledError, TimeoutError, BrokenExecutor,
                                      InvalidStateError, Future, Executor, wait, as_completed)


def __getattr__(name):
    # Imported on first use, as in CPython: a process worker that re-runs a script importing
    # this package compiles only what it uses.
    if name == "ProcessPoolExecutor":
        from concurrent.futures.process import ProcessPoolExecutor
        return ProcessPoolExecutor
    if name == "ThreadPoolExecutor":
        from concurrent.futures.thread import ThreadPoolExecutor
        return ThreadPoolExecutor
    raise AttributeError("module %r has no attribute %r" % (__name__, name))

__all__ = ("FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED", "CancelledError",
           "TimeoutError", "BrokenExecutor", "Future", "Executor", "wait", "as_completed",
           "ProcessPoolExecutor", "ThreadPoolExecutor")

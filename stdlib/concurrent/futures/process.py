"""concurrent.futures.process: ProcessPoolExecutor on gil worker processes (`_mp`)."""

import os
import threading
import _mp

from concurrent.futures._base import Executor, Future, BrokenExecutor
from multiprocessing.pool import _WorkerPool, RemoteTraceback


class BrokenProcessPool(BrokenExecutor):
    pass


_RemoteTraceback = RemoteTraceback

_BROKEN_MSG = ("A process in the process pool was terminated abruptly while the future "
               "was running or pending.")


def _broken(code):
    return BrokenProcessPool(_BROKEN_MSG)


class _Sink:
    def __init__(self, future):
        self.future = future

    def start(self):
        return self.future.set_running_or_notify_cancel()

    def __call__(self, ok, value):
        f = self.future
        if f.cancelled():
            return
        if f._state == "PENDING":
            f._state = "RUNNING"
        if ok:
            f.set_result(value)
        else:
            exc, tb = value
            cause = None if tb is None else _RemoteTraceback('\n"""\n%s"""' % tb)
            f.set_exception(exc, cause)


class ProcessPoolExecutor(Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            elif max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._initializer = initializer
        self._initargs = tuple(initargs)
        self._max_tasks_per_child = max_tasks_per_child
        self._max_workers = max_workers
        self._pool = None
        self._shutdown = False
        self._lock = threading.Lock()
        self._pending = []

    def _get_pool(self):
        if self._pool is None:
            self._pool = _WorkerPool(self._max_workers, _broken, "ProcessPoolExecutor",
                                     self._initializer, self._initargs,
                                     self._max_tasks_per_child, "SpawnProcess")
        return self._pool

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._pool is not None and self._pool._broken:
                raise BrokenProcessPool(_BROKEN_MSG)
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = Future()
            try:
                data = _mp.dumps(("call", fn, args, kwargs))
            except BaseException as e:
                f.set_exception(e)
                return f
            sink = _Sink(f)
            self._pending.append(f)
            self._get_pool().submit(data, sink, sink.start)
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        return Executor.map(self, fn, *iterables, timeout=timeout)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                for f in self._pending:
                    f.cancel()
            self._pending = []
            pool = self._pool
        if pool is not None:
            pool.close()
            if wait:
                pool.join()

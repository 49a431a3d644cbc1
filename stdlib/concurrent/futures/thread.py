"""concurrent.futures.thread: ThreadPoolExecutor on `threading` and `queue`."""

import os
import threading
import queue as _queue

from concurrent.futures._base import Executor, Future, BrokenExecutor

_counter = [0]


class BrokenThreadPool(BrokenExecutor):
    pass


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


def _worker(work_queue):
    while True:
        item = work_queue.get()
        if item is None:
            work_queue.put(None)
            return
        item.run()
        item = None


class ThreadPoolExecutor(Executor):
    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work_queue = _queue.Queue()
        self._threads = []
        self._shutdown = False
        self._lock = threading.Lock()
        self._idle = 0
        _counter[0] += 1
        self._prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % (_counter[0] - 1))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            pending = self._work_queue.qsize()
            if len(self._threads) < self._max_workers and pending > 0:
                t = threading.Thread(name="%s_%d" % (self._prefix, len(self._threads)),
                                     target=self._run, daemon=True)
                t.start()
                self._threads.append(t)
            return f

    def _run(self):
        if self._initializer is not None:
            self._initializer(*self._initargs)
        _worker(self._work_queue)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except _queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()

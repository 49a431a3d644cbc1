"""multiprocessing.queues: `Queue`, `SimpleQueue` and `JoinableQueue` between processes.

As in CPython: a pipe, a lock for the readers and one for the writers (process-shared,
`_mp.PipeLock`), and a feeder thread per process, so `put` never blocks. The feeder is a
native thread (`mp_conn.rs`) and needs no GIL; what it has not written yet is flushed
before the process exits. A queue reaches a child process by inheritance only: pass it in
a `Process`'s arguments.
"""

import time
import _mp

from queue import Empty, Full
from multiprocessing.connection import Pipe


class Queue:
    def __init__(self, maxsize=0, *, ctx=None):
        self._maxsize = maxsize
        self._reader, self._writer = Pipe(duplex=False)
        self._rlock = _mp.PipeLock()
        self._wlock = _mp.PipeLock()
        self._closed = False

    def __getstate__(self):
        _mp.assert_spawning("Queue")
        return (self._maxsize, self._reader, self._writer, self._rlock, self._wlock)

    def __setstate__(self, state):
        self._maxsize, self._reader, self._writer, self._rlock, self._wlock = state
        self._closed = False

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % (self,))
        # Encoded now, so an unpicklable value is refused here rather than in the feeder.
        self._writer._h.feed(_mp.dumps(obj), self._wlock)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % (self,))
        if block and timeout is None:
            with self._rlock:
                data = self._reader._h.recv_bytes()
            return _mp.loads(data)
        if block:
            deadline = time.monotonic() + timeout
        if not self._rlock.acquire(block, timeout):
            raise Empty
        try:
            if block:
                left = deadline - time.monotonic()
                data = self._reader._h.recv_bytes(max(left, 0.0))
                if data is None:
                    raise Empty
            else:
                if not self._reader._h.poll():
                    raise Empty
                data = self._reader._h.recv_bytes()
        finally:
            self._rlock.release()
        return _mp.loads(data)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        return not self._reader._h.poll()

    def full(self):
        return False

    def qsize(self):
        raise NotImplementedError("Queue.qsize is not available in gil")

    def close(self):
        if not self._closed:
            self._closed = True
            self._writer._h.close_feed()

    def join_thread(self):
        if not self._closed:
            raise AssertionError("Queue {0!r} not closed".format(self))
        self._writer._h.flush()

    def cancel_join_thread(self):
        pass

    def __repr__(self):
        return "<multiprocessing.queues.Queue object>"


class JoinableQueue(Queue):
    """A `Queue` with `task_done` and `join`, for one process (CPython's counts across
    processes with a shared semaphore; gil has none yet)."""

    def __init__(self, maxsize=0, *, ctx=None):
        Queue.__init__(self, maxsize)
        import threading
        self._cond = threading.Condition()
        self._unfinished = 0

    def __getstate__(self):
        raise NotImplementedError("JoinableQueue cannot be passed to another process in gil")

    def put(self, obj, block=True, timeout=None):
        Queue.put(self, obj, block, timeout)
        with self._cond:
            self._unfinished += 1

    def task_done(self):
        with self._cond:
            if self._unfinished <= 0:
                raise ValueError("task_done() called too many times")
            self._unfinished -= 1
            if self._unfinished == 0:
                self._cond.notify_all()

    def join(self):
        with self._cond:
            while self._unfinished:
                self._cond.wait()


class SimpleQueue:
    """A pipe and two locks, `put` written at once (no feeder), as CPython's."""

    def __init__(self, *, ctx=None):
        self._reader, self._writer = Pipe(duplex=False)
        self._rlock = _mp.PipeLock()
        self._wlock = _mp.PipeLock()
        self._closed = False

    def __getstate__(self):
        _mp.assert_spawning("SimpleQueue")
        return (self._reader, self._writer, self._rlock, self._wlock)

    def __setstate__(self, state):
        self._reader, self._writer, self._rlock, self._wlock = state
        self._closed = False

    def empty(self):
        return not self._reader._h.poll()

    def get(self):
        with self._rlock:
            data = self._reader._h.recv_bytes()
        return _mp.loads(data)

    def put(self, obj):
        data = _mp.dumps(obj)
        with self._wlock:
            self._writer._h.send_bytes(data)

    def close(self):
        self._reader.close()
        self._writer.close()

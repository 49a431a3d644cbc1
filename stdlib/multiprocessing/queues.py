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


_PIPE_UNITS = 16000  # empty frames (4-byte headers) that fit a 64 KiB pipe


class _PipeSemaphore:
    """A counting semaphore between processes: one empty frame in a pipe per unit.
    `release` writes a frame, `acquire` reads one; passed to a child by inheritance."""

    def __init__(self, value=0):
        self._reader, self._writer = Pipe(duplex=False)
        self._rlock = _mp.PipeLock()
        self._wlock = _mp.PipeLock()
        for _ in range(value):
            self.release()

    def __getstate__(self):
        _mp.assert_spawning("_PipeSemaphore")
        return (self._reader, self._writer, self._rlock, self._wlock)

    def __setstate__(self, state):
        self._reader, self._writer, self._rlock, self._wlock = state

    def acquire(self, block=True, timeout=None):
        if not block:
            timeout = 0.0
        if timeout is None:
            with self._rlock:
                self._reader._h.recv_bytes()
            return True
        deadline = time.monotonic() + timeout
        # `PipeLock.acquire(True, 0.0)` fails even when free: ask without blocking then.
        got = self._rlock.acquire(True, timeout) if timeout > 0 else self._rlock.acquire(False)
        if not got:
            return False
        try:
            left = max(deadline - time.monotonic(), 0.0)
            if left == 0.0:
                if not self._reader._h.poll():
                    return False
                self._reader._h.recv_bytes()
                return True
            return self._reader._h.recv_bytes(left) is not None
        finally:
            self._rlock.release()

    def release(self):
        with self._wlock:
            self._writer._h.send_bytes(b"")

    def zero(self):
        """Whether no unit is available (a snapshot)."""
        return not self._reader._h.poll()


class Queue:
    def __init__(self, maxsize=0, *, ctx=None):
        if maxsize <= 0 or maxsize > _PIPE_UNITS:
            maxsize = 0
        self._maxsize = maxsize
        self._reader, self._writer = Pipe(duplex=False)
        self._rlock = _mp.PipeLock()
        self._wlock = _mp.PipeLock()
        self._slots = _PipeSemaphore(maxsize) if maxsize else None
        self._closed = False

    def __getstate__(self):
        _mp.assert_spawning("Queue")
        return (self._maxsize, self._reader, self._writer, self._rlock, self._wlock,
                self._slots)

    def __setstate__(self, state):
        (self._maxsize, self._reader, self._writer, self._rlock, self._wlock,
         self._slots) = state
        self._closed = False

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % (self,))
        # Encoded now, so an unpicklable value is refused here rather than in the feeder.
        data = _mp.dumps(obj)
        if self._slots is not None and not self._slots.acquire(block, timeout):
            raise Full
        self._writer._h.feed(data, self._wlock)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        data = self._get_bytes(block, timeout)
        if self._slots is not None:
            self._slots.release()
        return _mp.loads(data)

    def _get_bytes(self, block, timeout):
        if self._closed:
            raise ValueError("Queue %r is closed" % (self,))
        if block and timeout is None:
            with self._rlock:
                return self._reader._h.recv_bytes()
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
        return data

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        return not self._reader._h.poll()

    def full(self):
        return self._slots is not None and self._slots.zero()

    def qsize(self):
        # CPython on macOS raises the same: the count is not readable from a pipe.
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
    """A `Queue` with `task_done` and `join` between processes: the unfinished count is a
    `_PipeSemaphore` (at most ~16000 unfinished tasks: `put` then blocks)."""

    def __init__(self, maxsize=0, *, ctx=None):
        Queue.__init__(self, maxsize)
        self._unfinished = _PipeSemaphore(0)

    def __getstate__(self):
        return Queue.__getstate__(self) + (self._unfinished,)

    def __setstate__(self, state):
        Queue.__setstate__(self, state[:-1])
        self._unfinished = state[-1]

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % (self,))
        data = _mp.dumps(obj)
        if self._slots is not None and not self._slots.acquire(block, timeout):
            raise Full
        self._unfinished.release()
        self._writer._h.feed(data, self._wlock)

    def task_done(self):
        if not self._unfinished.acquire(False):
            raise ValueError("task_done() called too many times")

    def join(self):
        # Polls: a pipe cannot signal "became empty". 2 ms keeps the latency small.
        while not self._unfinished.zero():
            time.sleep(0.002)


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

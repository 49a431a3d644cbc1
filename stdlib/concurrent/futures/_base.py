"""concurrent.futures._base: Future, wait, as_completed and the executor base class."""

import threading
import time
import queue as _queue

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

PENDING = "PENDING"
RUNNING = "RUNNING"
CANCELLED = "CANCELLED"
CANCELLED_AND_NOTIFIED = "CANCELLED_AND_NOTIFIED"
FINISHED = "FINISHED"

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}


class Error(Exception):
    pass


class CancelledError(Error):
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    pass


class BrokenExecutor(RuntimeError):
    pass


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._cause = None
        self._waiters = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            if self._state == FINISHED:
                if self._exception:
                    return "<%s at %#x state=%s raised %s>" % (
                        type(self).__name__, id(self), "finished",
                        type(self._exception).__name__)
                return "<%s at %#x state=%s returned %s>" % (
                    type(self).__name__, id(self), "finished", type(self._result).__name__)
            return "<%s at %#x state=%s>" % (
                type(self).__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state])

    def _notify(self):
        for w in list(self._waiters):
            w.put(self)

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as e:
                import sys
                sys.stderr.write("exception calling callback for %r\n" % (self,))

    def cancel(self):
        with self._condition:
            if self._state in (RUNNING, FINISHED):
                return False
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED)

    def running(self):
        with self._condition:
            return self._state == RUNNING

    def done(self):
        with self._condition:
            return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)

    def _get_result(self):
        if self._exception is not None:
            if self._cause is not None:
                raise self._exception from self._cause
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            import sys
            sys.stderr.write("exception calling callback for %r\n" % (self,))

    def result(self, timeout=None):
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == FINISHED:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == FINISHED:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == FINISHED:
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                self._notify()
                return False
            if self._state == PENDING:
                self._state = RUNNING
                return True
            raise RuntimeError("Future in unexpected state")

    def set_result(self, result):
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                raise InvalidStateError("{}: {!r}".format(self._state, self))
            self._result = result
            self._state = FINISHED
            self._notify()
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception, cause=None):
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                raise InvalidStateError("{}: {!r}".format(self._state, self))
            self._exception = exception
            self._cause = cause
            self._state = FINISHED
            self._notify()
            self._condition.notify_all()
        self._invoke_callbacks()


def _is_done(f):
    return f._state in (CANCELLED_AND_NOTIFIED, FINISHED)


def _done_now(fs):
    done = set()
    for f in fs:
        with f._condition:
            if f._state == CANCELLED:
                f._state = CANCELLED_AND_NOTIFIED
            if _is_done(f):
                done.add(f)
    return done


class _Waiter:
    """A queue every watched future puts itself on when it finishes."""

    def __init__(self, fs):
        self.q = _queue.Queue()
        self.fs = fs
        for f in fs:
            with f._condition:
                f._waiters.append(self.q)

    def remove(self):
        for f in self.fs:
            with f._condition:
                if self.q in f._waiters:
                    f._waiters.remove(self.q)


def as_completed(fs, timeout=None):
    end = None if timeout is None else time.monotonic() + timeout
    fs = set(fs)
    total = len(fs)
    waiter = _Waiter(fs)
    try:
        finished = _done_now(fs)
        pending = fs - finished
        for f in finished:
            yield f
        while pending:
            if end is None:
                wait_time = None
            else:
                wait_time = end - time.monotonic()
                if wait_time < 0:
                    raise TimeoutError("%d (of %d) futures unfinished" % (len(pending), total))
            try:
                f = waiter.q.get(timeout=wait_time)
            except _queue.Empty:
                raise TimeoutError("%d (of %d) futures unfinished" % (len(pending), total))
            if f in pending:
                with f._condition:
                    if f._state == CANCELLED:
                        f._state = CANCELLED_AND_NOTIFIED
                pending.discard(f)
                yield f
    finally:
        waiter.remove()


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __repr__(self):
        return "DoneAndNotDoneFutures(done=%r, not_done=%r)" % (self.done, self.not_done)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    end = None if timeout is None else time.monotonic() + timeout
    waiter = _Waiter(fs)
    try:
        while True:
            done = _done_now(fs)
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(
                    f._state == FINISHED and f._exception is not None for f in done):
                break
            if len(done) == len(fs):
                break
            if end is None:
                remaining = None
            else:
                remaining = end - time.monotonic()
                if remaining <= 0:
                    break
            try:
                waiter.q.get(timeout=remaining)
            except _queue.Empty:
                pass
        return DoneAndNotDoneFutures(done, fs - done)
    finally:
        waiter.remove()


class Executor:
    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end = None if timeout is None else timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]
        return _map_results(fs, end)

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


def _map_results(fs, end):
    fs.reverse()
    try:
        while fs:
            if end is None:
                yield fs.pop().result()
            else:
                yield fs.pop().result(end - time.monotonic())
    finally:
        for f in fs:
            f.cancel()

"""multiprocessing.pool: `Pool` and its results, on worker processes from `_mp`.

One gil thread per worker process in the parent (CPython has task, result and worker
handler threads; one per worker is simpler and as parallel): it takes the next task from a
shared queue, sends it, and waits for the reply with the GIL released.
"""

import os
import threading
import queue as _queue
import _mp

import multiprocessing as _m


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


def _decode_reply(reply):
    """(True, value) or (False, (exception, remote traceback text))."""
    try:
        msg = _mp.loads(reply)
    except BaseException as e:
        return False, (e, None)
    if msg[0] == "ok":
        return True, msg[1]
    _, exc, tb, tname, text = msg
    if exc is None or not isinstance(exc, BaseException):
        exc = Exception("%s: %s" % (tname, text))
    return False, (exc, tb)


def _raise_remote(err):
    exc, tb = err
    if tb is None:
        raise exc
    raise exc from RemoteTraceback('\n"""\n%s"""' % tb)


class _WorkerPool:
    """N worker processes serving one task queue. If a worker dies mid-task the pool is
    broken: every running and pending task fails with `broken()` at once, and later
    submissions fail immediately."""

    def __init__(self, processes, broken, thread_prefix="PoolWorker", initializer=None,
                 initargs=(), maxtasks=None, child_prefix="SpawnPoolWorker"):
        if maxtasks is not None and (not isinstance(maxtasks, int) or maxtasks < 1):
            raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._tasks = _queue.Queue()
        self._lock = threading.Lock()
        self._broken_factory = broken
        self._broken = False
        self._closed = False
        # Encoded once: every worker (replacements too) runs it before its first task.
        self._init = None
        if initializer is not None:
            self._init = _mp.dumps(("init", initializer, tuple(initargs)))
        self._maxtasks = maxtasks
        self._path = _m._main_path()
        self._child_prefix = child_prefix
        self._spawned = 0
        self.workers = [self._spawn() for _ in range(processes)]
        self._threads = []
        for i in range(processes):
            t = threading.Thread(target=self._serve, args=(i,), daemon=True,
                                 name="%s-%d" % (thread_prefix, i + 1))
            t.start()
            self._threads.append(t)

    def _spawn(self):
        with self._lock:
            self._spawned += 1
            n = self._spawned
        w = _mp.spawn(self._path, None, "%s-%d" % (self._child_prefix, n))
        if self._init is not None:
            w.send(self._init)
        return w

    def submit(self, data, done, start=None):
        """Queues `data` (an encoded task); `done(ok, value_or_err)` runs on a pool thread.
        `start()`, if given, runs just before sending; returning False skips the task."""
        with self._lock:
            broken = self._broken
            if not broken:
                self._tasks.put((data, done, start))
        if broken:
            done(False, (self._broken_factory(None), None))

    def _serve(self, i):
        w = self.workers[i]
        served = 0
        while True:
            item = self._tasks.get()
            if item is None:
                w.close_stdin()
                w.wait()
                return
            data, done, start = item
            if self._broken:
                done(False, (self._broken_factory(None), None))
                continue
            if start is not None and not start():
                continue
            if self._maxtasks is not None and served >= self._maxtasks:
                # maxtasksperchild: this worker has done its share; a fresh one takes over.
                w.close_stdin()
                w.wait()
                w = self._spawn()
                self.workers[i] = w
                served = 0
            served += 1
            try:
                w.send(data)
                reply = w.recv()
            except (EOFError, OSError):
                code = w.wait(1.0)
                self._break(code)
                done(False, (self._broken_factory(code), None))
                continue
            ok, value = _decode_reply(reply)
            done(ok, value)

    def _break(self, code):
        with self._lock:
            if self._broken:
                return
            self._broken = True
            pending = []
            while True:
                try:
                    pending.append(self._tasks.get_nowait())
                except _queue.Empty:
                    break
        for w in self.workers:
            w.kill()
        sentinels = 0
        for item in pending:
            if item is None:
                sentinels += 1
            else:
                item[1](False, (self._broken_factory(code), None))
        for _ in range(sentinels):
            self._tasks.put(None)

    def close(self):
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for _ in self._threads:
                self._tasks.put(None)

    def join(self, timeout=None):
        for t in self._threads:
            t.join(timeout)

    def terminate(self):
        self._break_quietly()
        for w in self.workers:
            w.kill()
        for w in self.workers:
            w.wait()

    def _break_quietly(self):
        with self._lock:
            self._broken = True
            self._closed = True
            while True:
                try:
                    self._tasks.get_nowait()
                except _queue.Empty:
                    break
            for _ in self._threads:
                self._tasks.put(None)


class ApplyResult:
    def __init__(self, callback=None, error_callback=None):
        self._event = threading.Event()
        self._ok = None
        self._value = None
        self._callback = callback
        self._error_callback = error_callback

    def _set(self, ok, value):
        self._ok = ok
        self._value = value
        try:
            if ok and self._callback is not None:
                self._callback(value)
            if not ok and self._error_callback is not None:
                self._error_callback(value[0])
        finally:
            self._event.set()

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._ok

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise _m.TimeoutError
        if self._ok:
            return self._value
        _raise_remote(self._value)


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    """The result of `map_async`: one slot per chunk, set when all have arrived (or at the
    first failure)."""

    def __init__(self, nchunks, callback=None, error_callback=None):
        ApplyResult.__init__(self, callback, error_callback)
        self._chunks = [None] * nchunks
        self._done = [False] * nchunks
        self._errors = {}
        self._left = nchunks
        self._mlock = threading.Lock()
        if nchunks == 0:
            self._set(True, [])

    def _chunk_done(self, i, ok, value):
        # A failure is reported once every chunk before it has finished, so the exception
        # raised is always the one of the earliest failing item, whatever order the workers
        # finish in.
        with self._mlock:
            if self._event.is_set() or self._ok is False:
                return
            self._done[i] = True
            self._left -= 1
            if ok:
                self._chunks[i] = value
            else:
                self._errors[i] = value
            first_error = min(self._errors) if self._errors else None
            if first_error is not None and all(self._done[:first_error]):
                self._ok = False
                finish = True
            else:
                finish = self._left == 0 and first_error is None
        if finish:
            if first_error is None:
                out = []
                for c in self._chunks:
                    out.extend(c)
                self._set(True, out)
            else:
                self._set(False, self._errors[first_error])


def _chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


class Pool:
    """A pool of worker processes (`multiprocessing.Pool`)."""

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        self._processes = processes
        self._state = "RUN"
        self._pool = _WorkerPool(processes, self._broken, "PoolWorker", initializer, initargs,
                                 maxtasksperchild)

    @staticmethod
    def _broken(code):
        if code is None:
            return _m.ProcessError("the pool is broken: a worker process died earlier")
        return _m.ProcessError(
            "a worker process of the pool died unexpectedly (exit code %s) while running a task"
            % code)

    def _check_running(self):
        if self._state != "RUN":
            raise ValueError("Pool not running")

    def _encode(self, task):
        return _mp.dumps(task)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(callback, error_callback)
        try:
            data = _mp.dumps(("call", func, tuple(args), dict(kwds)))
        except BaseException as e:
            result._set(False, (e, None))
            return result
        self._pool.submit(data, result._set)
        return result

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _map_async(self, func, iterable, star, chunksize, callback=None, error_callback=None):
        self._check_running()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), self._processes * 4)
            if extra:
                chunksize += 1
        if chunksize < 1:
            chunksize = 1
        chunks = _chunks(items, chunksize)
        datas = [_mp.dumps(("chunk", func, c, star)) for c in chunks]
        result = MapResult(len(chunks), callback, error_callback)
        for i, data in enumerate(datas):
            self._pool.submit(data, _ChunkSink(result, i))
        return result

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, False, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, True, chunksize, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, False, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, True, chunksize).get()

    def _submit_chunks(self, func, iterable, chunksize, sink):
        self._check_running()
        items = list(iterable)
        datas = [_mp.dumps(("chunk", func, c, False)) for c in _chunks(items, max(1, chunksize))]
        for i, data in enumerate(datas):
            self._pool.submit(data, sink(i))
        return len(datas)

    def imap(self, func, iterable, chunksize=1):
        results = []

        def sink(i):
            r = ApplyResult()
            results.append(r)
            return r._set

        self._submit_chunks(func, iterable, chunksize, sink)
        return _imap_ordered(results)

    def imap_unordered(self, func, iterable, chunksize=1):
        q = _queue.Queue()

        def sink(i):
            return lambda ok, value: q.put((ok, value))

        n = self._submit_chunks(func, iterable, chunksize, sink)
        return _imap_unordered(q, n)

    def close(self):
        if self._state == "RUN":
            self._state = "CLOSE"
            self._pool.close()

    def terminate(self):
        self._state = "TERMINATE"
        self._pool.terminate()

    def join(self):
        if self._state == "RUN":
            raise ValueError("Pool is still running")
        self._pool.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()

    def __repr__(self):
        return "<multiprocessing.pool.Pool state=%s pool_size=%d>" % (self._state, self._processes)


class _ChunkSink:
    def __init__(self, result, i):
        self.result = result
        self.i = i

    def __call__(self, ok, value):
        self.result._chunk_done(self.i, ok, value)


def _imap_ordered(results):
    for r in results:
        for v in r.get():
            yield v


def _imap_unordered(q, n):
    for _ in range(n):
        ok, value = q.get()
        if not ok:
            _raise_remote(value)
        for v in value:
            yield v


class ThreadPool(Pool):
    def __init__(self, processes=None):
        raise NotImplementedError("multiprocessing.pool.ThreadPool: use concurrent.futures.ThreadPoolExecutor")

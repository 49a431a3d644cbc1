"""multiprocessing: real child processes of the same gil binary (the `spawn` start method).

Built on the native `_mp` module (`interpreter/modules/mp.rs`): a worker is `gil --mp-worker
SCRIPT`, which runs the main script as `__mp_main__` and then serves tasks. Values cross the
process boundary through `_mp.dumps`/`_mp.loads` (functions and classes by module and
qualified name, as pickle does), so what cannot be pickled in CPython cannot be sent here.
"""

import os
import sys
import _mp

PicklingError = _mp.PicklingError

__all__ = ["Process", "Pool", "Queue", "SimpleQueue", "JoinableQueue", "Pipe", "Lock", "current_process", "parent_process", "active_children",
           "cpu_count", "get_start_method", "set_start_method", "get_context",
           "ProcessError", "TimeoutError", "AuthenticationError", "BufferTooShort",
           "PicklingError", "freeze_support"]


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


# Pools, pipes and queues are imported on first use (they are functions here, as they are
# context methods in CPython), so that a worker re-running a script that imports this
# package compiles only this file: start-up time is most of what a process pool costs.

def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None):
    """A pool of worker processes (`multiprocessing.pool.Pool`)."""
    from multiprocessing.pool import Pool
    return Pool(processes, initializer, initargs, maxtasksperchild)


def Pipe(duplex=True):
    """Two connected `Connection`s (`multiprocessing.connection.Pipe`)."""
    from multiprocessing.connection import Pipe
    return Pipe(duplex)


def Queue(maxsize=0):
    """A queue between processes (`multiprocessing.queues.Queue`)."""
    from multiprocessing.queues import Queue
    return Queue(maxsize)


def SimpleQueue():
    from multiprocessing.queues import SimpleQueue
    return SimpleQueue()


def JoinableQueue(maxsize=0):
    from multiprocessing.queues import JoinableQueue
    return JoinableQueue(maxsize)


def Lock():
    """A lock shared with the child processes that inherit it (a pipe holding one token)."""
    return _mp.PipeLock()


def cpu_count():
    n = os.cpu_count()
    if n is None:
        raise NotImplementedError("cannot determine number of cpus")
    return n


def get_start_method(allow_none=False):
    return "spawn"


def get_all_start_methods():
    return ["spawn"]


def set_start_method(method, force=False):
    if method != "spawn":
        raise ValueError("cannot find context for %r (gil only supports 'spawn')" % (method,))


def freeze_support():
    pass


class _Context:
    """What `get_context("spawn")` returns: this module, as an object."""

    def __getattr__(self, name):
        return getattr(sys.modules["multiprocessing"], name)

    def get_start_method(self, allow_none=False):
        return "spawn"


def get_context(method=None):
    if method is not None and method != "spawn":
        raise ValueError("cannot find context for %r" % (method,))
    return _Context()


def _main_path():
    main = sys.modules.get("__main__")
    f = getattr(main, "__file__", None) if main is not None else None
    if not isinstance(f, str) or f.startswith("<"):
        return ""
    return f


# ---- processes ---------------------------------------------------------------------------

class _ProcessInfo:
    def __init__(self, name, pid, ident=None):
        self.name = name
        self.pid = pid
        self.ident = pid
        self.daemon = False
        self.authkey = b""
        self._identity = ()

    def is_alive(self):
        return True

    def __repr__(self):
        return "<_ProcessInfo name=%r pid=%r>" % (self.name, self.pid)


class _MainProcess(_ProcessInfo):
    def __repr__(self):
        return "<_MainProcess name=%r parent=None started>" % (self.name,)


_current = _MainProcess("MainProcess", os.getpid())
_parent = None
_children = []
_process_counter = [0]


def current_process():
    return _current


def parent_process():
    return _parent


def active_children():
    alive = [p for p in _children if p.is_alive()]
    _children[:] = alive
    return list(alive)


class Process:
    """A gil child process running `target(*args, **kwargs)`."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        _process_counter[0] += 1
        self._identity = (_process_counter[0],)
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs) if kwargs else {}
        self._name = name if name is not None else "Process-%d" % _process_counter[0]
        self._daemonic = bool(daemon) if daemon is not None else False
        self._w = None
        self._closed = False

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self._w is not None:
            raise AssertionError("cannot start a process twice")
        if self._closed:
            raise ValueError("process object is closed")
        if type(self).run is Process.run:
            task = ("process", self._target, self._args, self._kwargs, self._name)
        else:
            task = ("process", None, (self,), {}, self._name)
        fds = []
        data = _mp.dumps(task, fds)         # refuses what can't cross, before spawning
        w = _mp.spawn(_main_path(), fds, self._name)
        w.send(data)
        w.close_stdin()
        self._w = w
        _children.append(self)
        if not self._daemonic:
            # Like CPython's atexit hook: the parent waits for non-daemonic children.
            import threading
            t = threading.Thread(target=w.wait, name="%s-reaper" % self._name, daemon=False)
            t.start()

    def join(self, timeout=None):
        if self._w is None:
            raise AssertionError("can only join a started process")
        self._w.wait(timeout)

    def is_alive(self):
        if self._w is None:
            return False
        return self._w.poll() is None

    def terminate(self):
        if self._w is not None:
            self._w.terminate()

    def kill(self):
        if self._w is not None:
            self._w.kill()

    def close(self):
        if self.is_alive():
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        self._closed = True

    @property
    def exitcode(self):
        if self._w is None:
            return None
        return self._w.poll()

    @property
    def pid(self):
        return None if self._w is None else self._w.pid()

    ident = pid

    @property
    def sentinel(self):
        return self.pid

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, value):
        if self._w is not None:
            raise AssertionError("process has already started")
        self._daemonic = bool(value)

    def __repr__(self):
        if self._w is None:
            status = "initial"
        else:
            code = self._w.poll()
            status = "started" if code is None else "stopped exitcode=%s" % code
        return "<%s name=%r %s%s>" % (type(self).__name__, self._name, status,
                                       " daemon" if self._daemonic else "")


# ---- the worker side ---------------------------------------------------------------------

def _error_reply(e):
    tb = _mp.format_exception(e)
    try:
        return _mp.dumps(("err", e, tb, type(e).__name__, str(e)))
    except BaseException:
        return _mp.dumps(("err", None, tb, type(e).__name__, str(e)))


def _exit_code(e):
    code = e.args[0] if e.args else None
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(str(code) + "\n")
    return 1


def _run_process(task):
    global _current, _parent
    _, func, args, kwargs, name = task
    _current = _ProcessInfo(name, os.getpid())
    _parent = _ProcessInfo("MainProcess", os.getppid())
    try:
        if func is None:
            args[0].run()
        else:
            func(*args, **kwargs)
    except SystemExit as e:
        return _exit_code(e)
    except BaseException as e:
        sys.stdout.flush()
        sys.stderr.write("Process %s:\n%s" % (name, _mp.format_exception(e)))
        return 1
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()
    return 0


def _worker_loop():
    """A worker's life: tasks from stdin until EOF, a reply for each on fd 3."""
    global _current, _parent
    _current = _ProcessInfo("SpawnPoolWorker-%d" % os.getpid(), os.getpid())
    _parent = _ProcessInfo("MainProcess", os.getppid())
    while True:
        data = _mp.read_task()
        if data is None:
            return 0
        try:
            task = _mp.loads(data)
            kind = task[0]
            if kind == "process":
                return _run_process(task)
            if kind == "init":
                # Pool(initializer=...): no reply; if it fails the worker exits and the
                # pool reports a broken worker instead of respawning forever.
                _, func, args = task
                try:
                    func(*args)
                except BaseException as e:
                    sys.stdout.flush()
                    sys.stderr.write("Process %s:\n%s" % (_current.name, _mp.format_exception(e)))
                    return 1
                continue
            if kind == "call":
                _, func, args, kwargs = task
                result = func(*args, **kwargs)
            elif kind == "chunk":
                _, func, items, star = task
                if star:
                    result = [func(*a) for a in items]
                else:
                    result = [func(a) for a in items]
            else:
                raise ValueError("unknown task kind %r" % (kind,))
            out = _mp.dumps(("ok", result))
        except SystemExit as e:
            return _exit_code(e)
        except BaseException as e:
            out = _error_reply(e)
        _mp.write_reply(out)

"""threading for gil: the high-level thread API, built on the native `_thread` module.

Follows CPython 3.11's Lib/threading.py: Condition waiters are per-waiter locks, Semaphore,
Event and Barrier are built on Condition, Thread waits on the native thread handle.
Every blocking wait goes through a `_thread` lock or handle, which releases the GIL and
takes part in gil's deadlock detection.
"""

import sys as _sys
import _thread
from time import monotonic as _time

__all__ = [
    "get_ident", "active_count", "Condition", "current_thread", "enumerate",
    "main_thread", "TIMEOUT_MAX", "Event", "Lock", "RLock", "Semaphore",
    "BoundedSemaphore", "Thread", "Barrier", "BrokenBarrierError", "Timer",
    "ThreadError", "ExceptHookArgs", "setprofile", "settrace", "local",
    "stack_size", "excepthook", "get_native_id", "getprofile", "gettrace",
]

_start_joinable_thread = _thread.start_joinable_thread
_allocate_lock = _thread.allocate_lock
_local_key = _thread._local_key
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX

_profile_hook = None
_trace_hook = None


def setprofile(func):
    """Accepted for compatibility; gil does not call profile hooks."""
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


def settrace(func):
    """Accepted for compatibility; gil does not call trace hooks."""
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


def stack_size(size=0):
    return 0


Lock = _allocate_lock


class _RLock:
    """A re-entrant lock: owned by one thread, acquired as many times as it likes.

    Written in Python (as CPython's _PyRLock) so that Condition can fully release and
    restore it around wait() through _release_save/_acquire_restore.
    """

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def __repr__(self):
        owner = self._owner
        return "<%s %s.%s object owner=%r count=%d at %s>" % (
            "locked" if self._block.locked() else "unlocked",
            self.__class__.__module__,
            self.__class__.__qualname__,
            owner,
            self._count,
            hex(id(self)),
        )

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        rc = self._block.acquire(blocking, timeout)
        if rc:
            self._owner = me
            self._count = 1
        return rc

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count = count = self._count - 1
        if not count:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _release_save(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        count = self._count
        self._count = 0
        owner = self._owner
        self._owner = None
        self._block.release()
        return (count, owner)

    def _is_owned(self):
        return self._owner == get_ident()

    def _recursion_count(self):
        if self._owner != get_ident():
            return 0
        return self._count


def RLock(*args, **kwargs):
    """A factory returning a new re-entrant lock."""
    return _RLock(*args, **kwargs)


class Condition:
    """A condition variable: threads wait until notified by another thread."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        try:
            self._release_save = lock._release_save
        except AttributeError:
            pass
        try:
            self._acquire_restore = lock._acquire_restore
        except AttributeError:
            pass
        try:
            self._is_owned = lock._is_owned
        except AttributeError:
            pass
        # Every access happens with the condition's lock held.
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, x):
        self._lock.acquire()

    def _is_owned(self):
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            else:
                if timeout > 0:
                    gotit = waiter.acquire(True, timeout)
                else:
                    gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                pass
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    """A counter of release() calls minus acquire() calls, plus an initial value."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return "<%s.%s at %s: value=%d>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            for i in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore whose value may not exceed its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return "<%s.%s at %s: value=%d/%d>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), self._value,
            self._initial_value)

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for i in range(n):
                self._cond.notify()


class Event:
    """A flag that threads can wait on until another thread sets it.

    Lighter than CPython's (a Condition over a Lock): one native lock guards the flag and a
    list of per-waiter locks that is only created when somebody actually waits. Every
    Thread has one, so its cost is part of starting a thread.
    """

    def __init__(self):
        self._lock = _allocate_lock()
        self._flag = False
        self._waiters = None

    def __repr__(self):
        cls = self.__class__
        status = "set" if self._flag else "unset"
        return "<%s.%s at %s: %s>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), status)

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._lock:
            self._flag = True
            waiters = self._waiters
            self._waiters = None
        if waiters:
            for waiter in waiters:
                waiter.release()

    def clear(self):
        with self._lock:
            self._flag = False

    def wait(self, timeout=None):
        if self._flag:
            return True
        with self._lock:
            if self._flag:
                return True
            waiter = _allocate_lock()
            waiter.acquire()
            if self._waiters is None:
                self._waiters = [waiter]
            else:
                self._waiters.append(waiter)
        if timeout is None:
            return waiter.acquire()
        if timeout > 0:
            gotit = waiter.acquire(True, timeout)
        else:
            gotit = waiter.acquire(False)
        if not gotit:
            with self._lock:
                # set() may have released us just after the timeout: then it counts.
                if self._waiters is not None and waiter in self._waiters:
                    self._waiters.remove(waiter)
                else:
                    gotit = True
        return gotit


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Holds `parties` threads until all of them have called wait()."""

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0  # 0 filling, 1 draining, -1 resetting, -2 broken
        self._count = 0

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return "<%s.%s at %s: broken>" % (
                cls.__module__, cls.__qualname__, hex(id(self)))
        return "<%s.%s at %s: waiters=%d/%d>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), self.n_waiting,
            self.parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


# ---- threads ---------------------------------------------------------------------------------

_counter_value = 0


def _newname(name_template="Thread-%d"):
    global _counter_value
    _counter_value += 1
    return name_template % _counter_value


# Threads by ident once their bootstrap has run; threads started but not yet running.
_active_limbo_lock = _thread.RLock()  # native: taken three times per thread start
_active = {}
_limbo = {}


class Thread:
    """A thread of control: run() in a separate OS thread, started by start()."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None,
                 args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += " (" + target_name + ")"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._handle = None
        self._started = Event()
        self._is_stopped = False
        self._initialized = True
        self._stderr = _sys.stderr

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        self.is_alive()
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            self._handle = _start_joinable_thread(self._bootstrap_inner, (), {},
                                                  name=self._name)
        except Exception:
            with _active_limbo_lock:
                del _limbo[self]
            raise
        # The new thread had the GIL first (see _thread.start_joinable_thread), so this
        # normally finds the event set at once.
        self._ident = self._handle.ident
        self._started.wait()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Avoid a refcycle if the thread is running a function with
            # an argument that has a member that points to the thread.
            del self._target, self._args, self._kwargs

    def _bootstrap_inner(self):
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self
            del _limbo[self]
        self._started.set()
        try:
            try:
                self.run()
            except BaseException as exc:
                if isinstance(exc, SystemExit):
                    pass
                elif excepthook is __excepthook__:
                    # The default hook: print the header, then let the native layer
                    # print the traceback as the thread ends.
                    _print_header(self)
                    raise
                else:
                    self._invoke_excepthook(exc)
        finally:
            self._is_stopped = True
            with _active_limbo_lock:
                try:
                    del _active[self._ident]
                except KeyError:
                    pass

    def _invoke_excepthook(self, exc):
        args = ExceptHookArgs((type(exc), exc,
                               getattr(exc, "__traceback__", None), self))
        try:
            excepthook(args)
        except BaseException as hook_exc:
            if isinstance(hook_exc, SystemExit):
                return
            _sys.stderr.write("Exception in threading.excepthook:\n")
            raise

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._handle is None:
            return
        if timeout is None:
            done = self._handle.join()
        else:
            done = self._handle.join(max(timeout, 0))
        if done:
            self._is_stopped = True

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)

    @property
    def ident(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        assert self._initialized, "Thread.__init__() not called"
        if self._native_id is None and self._handle is not None:
            self._native_id = self._handle.native_id
        return self._native_id

    def is_alive(self):
        assert self._initialized, "Thread.__init__() not called"
        if self._is_stopped or not self._started.is_set():
            return False
        if self._handle is not None and self._handle.is_done():
            self._is_stopped = True
            return False
        return True

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class ExceptHookArgs:
    """What excepthook receives: exc_type, exc_value, exc_traceback, thread."""

    def __init__(self, args):
        self.exc_type, self.exc_value, self.exc_traceback, self.thread = args

    def __iter__(self):
        return iter((self.exc_type, self.exc_value, self.exc_traceback, self.thread))

    def __getitem__(self, i):
        return (self.exc_type, self.exc_value, self.exc_traceback, self.thread)[i]

    def __len__(self):
        return 4

    def __repr__(self):
        return ("ExceptHookArgs(exc_type=%r, exc_value=%r, exc_traceback=%r, thread=%r)"
                % (self.exc_type, self.exc_value, self.exc_traceback, self.thread))


def _print_header(thread):
    if thread is not None:
        name = thread.name
    else:
        name = get_ident()
    stderr = _sys.stderr
    stderr.write("Exception in thread %s:\n" % (name,))
    try:
        stderr.flush()
    except AttributeError:
        pass


def excepthook(args):
    """Handle an uncaught Thread.run() exception: print it to sys.stderr."""
    if args.exc_type is SystemExit or issubclass(args.exc_type, SystemExit):
        return
    _print_header(args.thread)
    exc = args.exc_value
    _sys.stderr.write("%s: %s\n" % (type(exc).__name__, exc) if str(exc)
                      else "%s\n" % (type(exc).__name__,))


__excepthook__ = excepthook


class Timer(Thread):
    """Call a function after a number of seconds, unless cancel() is called first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self

    def is_alive(self):
        return not self._is_stopped


class _DummyThread(Thread):
    """A thread not started by this module (e.g. through _thread.start_new_thread)."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self

    def is_alive(self):
        return True

    def join(self, timeout=None):
        assert False, "cannot join a dummy thread"


def current_thread():
    """The Thread object of the calling thread."""
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def active_count():
    """The number of Thread objects currently alive."""
    with _active_limbo_lock:
        return len(_active) + len(_limbo)


activeCount = active_count


def _enumerate():
    return list(_active.values()) + list(_limbo.values())


def enumerate():
    """The list of all Thread objects currently alive."""
    with _active_limbo_lock:
        return list(_active.values()) + list(_limbo.values())


def main_thread():
    return _main_thread


def _shutdown():
    """Wait until every non-daemon thread has finished (called at interpreter exit)."""
    if _main_thread._is_stopped:
        return
    _main_thread._is_stopped = True
    while True:
        with _active_limbo_lock:
            threads = [t for t in _enumerate()
                       if not t.daemon and t is not _main_thread
                       and not isinstance(t, _DummyThread) and t.is_alive()]
        if not threads:
            break
        for t in threads:
            t.join()


# ---- thread-local data -----------------------------------------------------------------------

class local:
    """Attributes that have a separate value in each thread.

    Per-thread values live in a dict of dicts keyed by _thread._local_key() (never reused,
    unlike get_ident(): an OS thread may run several gil threads in turn), reached through
    __getattr__/__setattr__ (gil does not call a user __getattribute__). So, unlike
    CPython, an attribute that also exists on the class reads as the class value.
    """

    def __new__(cls, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__lock", _allocate_lock())
        object.__setattr__(self, "_local__args", (args, kw))
        object.__setattr__(self, "_local__dicts", {_local_key(): {}})
        return self

    def _local__dict(self):
        dicts = object.__getattribute__(self, "_local__dicts")
        key = _local_key()
        d = dicts.get(key)
        if d is None:
            d = {}
            dicts[key] = d
            cls = type(self)
            if cls.__init__ is not object.__init__:
                args, kw = object.__getattribute__(self, "_local__args")
                cls.__init__(self, *args, **kw)
        return d

    def __getattr__(self, name):
        if name[:8] == "_local__":
            raise AttributeError(
                "'%s' object has no attribute '%s'" % (type(self).__name__, name))
        d = local._local__dict(self)
        try:
            return d[name]
        except KeyError:
            raise AttributeError(
                "'%s' object has no attribute '%s'" % (type(self).__name__, name)) from None

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError(
                "%r object attribute '__dict__' is read-only" % type(self).__name__)
        local._local__dict(self)[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError(
                "%r object attribute '__dict__' is read-only" % type(self).__name__)
        d = local._local__dict(self)
        try:
            del d[name]
        except KeyError:
            raise AttributeError(name) from None


# The main thread, registered when threading is first imported.
_main_thread = _MainThread()

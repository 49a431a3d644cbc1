# asyncio for gil: an event loop on the native readiness poller `_asyncio_poll` (mio),
# futures, tasks driving coroutines with send/throw, synchronisation primitives, queues and
# TCP streams. Modelled on CPython 3.11's pure-Python implementation.

import sys
import os
import time as _time
import _thread
import _asyncio_poll as _poll
import _mp  # format_exception: a traceback as text

iscoroutine = _poll.iscoroutine
iscoroutinefunction = _poll.iscoroutinefunction

# ---- exceptions -----------------------------------------------------------------------------


class CancelledError(BaseException):
    pass


TimeoutError = TimeoutError


class InvalidStateError(Exception):
    pass


class SendfileNotAvailableError(RuntimeError):
    pass


class IncompleteReadError(EOFError):
    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        EOFError.__init__(self, f'{len(partial)} bytes read on a total of '
                                f'{r_expected} expected bytes')
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    def __init__(self, message, consumed):
        Exception.__init__(self, message)
        self.consumed = consumed


class QueueEmpty(Exception):
    pass


class QueueFull(Exception):
    pass


# ---- a small heap ---------------------------------------------------------------------------

# Native (`_asyncio_poll.heappush/heappop`), for PriorityQueue; the loop's timers are a TimerHeap.
_heappush = _poll.heappush
_heappop = _poll.heappop


# ---- running-loop bookkeeping ---------------------------------------------------------------

_event_loops = {}

# The running loop of this thread is kept natively (a thread-local).
_get_running_loop = _poll._get_running_loop
get_running_loop = _poll.get_running_loop


def get_event_loop():
    loop = _get_running_loop()
    if loop is not None:
        return loop
    ident = _thread._local_key()  # never reused, unlike get_ident()
    loop = _event_loops.get(ident)
    if loop is None:
        loop = new_event_loop()
        _event_loops[ident] = loop
    return loop


def set_event_loop(loop):
    _event_loops[_thread._local_key()] = loop


def new_event_loop():
    return EventLoop()


def _coro_repr(coro, done=False):
    info = _poll.coro_info(coro)
    if info is None:
        return repr(coro)
    name, filename, line = info
    if done:
        return f'{name}() done, defined at {filename}:{line}'
    return f'{name}() running at {filename}:{line}'


def _entry_callback(h):
    # A ready-queue entry (see `_asyncio_poll.run_ready`): a Task to step, a `(callback,
    # future)` pair, or a Handle. Returns the task it advances, or the callback.
    if isinstance(h, Task):
        return h
    if type(h) is tuple:
        return h[0]
    return h._callback


def _step_name(h):
    # What the watchdog, the timeline and --diagnose call a loop step: the task it advances
    # (with its coroutine's name when the task has a default name), or the callback.
    cb = _entry_callback(h)
    task = cb if isinstance(cb, Task) else getattr(cb, '__self__', None)
    if isinstance(task, Task):
        name = task._name
        if name.startswith('Task-'):
            info = _poll.coro_info(task._coro)
            if info is not None:
                return f"task '{name}' ({info[0].rpartition('.')[2]})"
        return f"task '{name}'"
    return f'callback {_cb_name(cb)}'


def _cb_name(cb):
    if isinstance(cb, Task):  # a task waiting on a future (CPython: TaskWakeupMethWrapper)
        return 'Task.task_wakeup()'
    name = getattr(cb, '__qualname__', None) or getattr(cb, '__name__', None)
    if name is None:
        return repr(cb)
    return name + '()'


# ---- handles --------------------------------------------------------------------------------

class Handle:
    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def __repr__(self):
        state = ' cancelled' if self._cancelled else ''
        return f'<Handle{state} {_cb_name(self._callback)}>'

    def cancel(self):
        self._cancelled = True
        self._callback = None
        self._args = None

    def cancelled(self):
        return self._cancelled

    def get_loop(self):
        return self._loop


def _report_callback_error(loop, entry, callback, args, exc):
    # Called by `_asyncio_poll.run_ready` when a ready-queue entry raised.
    handle = entry if isinstance(entry, Handle) else Handle(callback, args, loop)
    loop.call_exception_handler({
        'message': f'Exception in callback {_cb_name(callback)}',
        'exception': exc,
        'handle': handle,
    })


class TimerHandle(Handle):
    def __init__(self, when, callback, args, loop):
        Handle.__init__(self, callback, args, loop)
        self._when = when
        self._scheduled = False

    def when(self):
        return self._when

    def __repr__(self):
        state = ' cancelled' if self._cancelled else ''
        return f'<TimerHandle{state} when={self._when} {_cb_name(self._callback)}>'


# ---- the event loop -------------------------------------------------------------------------

class EventLoop:
    def __init__(self):
        self._poller = _poll.Poller()
        self._ready = []
        self._threadsafe = []
        self._scheduled = _poll.TimerHeap()  # native: (when, handle) by value
        self._handlers = {}
        self._stopping = False
        self._closed = False
        self._running = False
        self._threads = []
        self._tasks = {}  # task -> None: insertion-ordered, O(1) removal
        self._current_task = None
        self._failed_tasks = []  # finished with an exception: checked for retrieval at close
        self._exception_handler = None
        self._asyncgens = sys._asyncgen_weakset()  # a WeakSet, as in CPython
        self._asyncgens_shutdown_called = False
        self.slow_callback_duration = 0.1
        self._debug = bool(os.environ.get('PYTHONASYNCIODEBUG'))
        # gil: the loop watchdog (`--loop-watchdog`, or always in debug mode) reports a step
        # that blocks the loop while it is still running; see `_asyncio_poll.step_begin`.
        self._watchdog = _poll.watchdog_threshold()
        # gil: bracket each step (and poll) for --timeline/--trace/--diagnose too
        # (`_asyncio_poll.step_begin` records it as a slice of the loop's lane and sums it for
        # the diagnosis); set by run_forever while either is on.
        self._record_steps = False

    def __repr__(self):
        return (f'<_UnixSelectorEventLoop running={self._running} '
                f'closed={self._closed} debug={self._debug}>')

    # -- basics
    def time(self):
        return _time.monotonic()

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = bool(enabled)

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def create_future(self):
        return _poll.new_future(self)

    def create_task(self, coro, *, name=None, context=None):
        return _poll.new_task(self, coro, name)  # what Task(coro, loop=self, name=name) does

    # -- scheduling
    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        h = Handle(callback, args, self)
        self._ready.append(h)
        return h

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError('when cannot be None')
        self._check_closed()
        h = TimerHandle(when, callback, args, self)
        h._scheduled = True
        self._scheduled.push(when, h)
        return h

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        h = Handle(callback, args, self)
        self._threadsafe.append(h)
        self._poller.wake()
        return h

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is not None:
            # e.g. concurrent.futures.ThreadPoolExecutor: its future, bridged to this loop.
            return wrap_future(executor.submit(func, *args), loop=self)
        fut = self.create_future()
        loop = self

        def work():
            try:
                r = func(*args)
            except BaseException as e:
                try:
                    loop.call_soon_threadsafe(_set_exception_unless_cancelled, fut, e)
                except RuntimeError:
                    pass
            else:
                try:
                    loop.call_soon_threadsafe(_set_result_unless_cancelled, fut, r)
                except RuntimeError:
                    pass

        self._threads.append(_thread.start_joinable_thread(work, ()))
        return fut

    async def shutdown_default_executor(self):
        threads = self._threads
        self._threads = []
        for h in threads:
            h.join()

    # -- async generators: closed when abandoned (finalizer hook) or at shutdown
    def _asyncgen_finalizer_hook(self, agen):
        self._asyncgens.discard(agen)
        if not self.is_closed():
            self.call_soon_threadsafe(self.create_task, agen.aclose())

    def _asyncgen_firstiter_hook(self, agen):
        self._asyncgens.add(agen)

    async def shutdown_asyncgens(self):
        self._asyncgens_shutdown_called = True
        if not len(self._asyncgens):
            return
        closing_agens = self._asyncgens.snapshot()
        self._asyncgens.clear()
        results = await gather(*[ag.aclose() for ag in closing_agens], return_exceptions=True)
        for result, agen in zip(results, closing_agens):
            if isinstance(result, Exception):
                self.call_exception_handler({
                    'message': f'an error occurred during closing of asynchronous generator {agen!r}',
                    'exception': result,
                    'asyncgen': agen,
                })

    # -- exceptions
    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        message = context.get('message') or 'Unhandled exception in event loop'
        lines = [message]
        for key in sorted(context):
            if key in ('message', 'exception'):
                continue
            lines.append(f'{key}: {context[key]!r}')
        exc = context.get('exception')
        if exc is not None:
            # The traceback as CPython's logger prints it (frames, then the exception).
            lines.append(_mp.format_exception(exc).rstrip('\n'))
        sys.stderr.write('\n'.join(lines) + '\n')

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
        else:
            try:
                self._exception_handler(self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self.default_exception_handler({
                    'message': 'Unhandled error in exception handler',
                    'exception': exc,
                    'context': context,
                })

    # -- file descriptors
    def _add_handler(self, fd, handler):
        if fd not in self._handlers:
            self._poller.register(fd, 3)
        self._handlers[fd] = handler

    def _remove_handler(self, fd):
        if fd in self._handlers:
            del self._handlers[fd]
            try:
                self._poller.unregister(fd)
            except (KeyError, OSError):
                pass

    def _report_unretrieved(self, task):
        # A task that failed and was dropped (or is still unretrieved when asyncio.run ends)
        # without anyone asking for its exception, as CPython's Future.__del__ reports it.
        task._log_traceback = False
        self.call_exception_handler({
            'message': 'Task exception was never retrieved',
            'exception': task._exception,
            'future': task,
        })

    def _io_error(self, exc):
        self.call_exception_handler({'message': 'Exception in I/O handler', 'exception': exc})

    # -- running
    def _run_once(self):
        # Without debug mode, the watchdog or step recording (--timeline/--trace/--diagnose), one
        # iteration is native (`run_once`); the gil version below times each step.
        if not self._debug and self._watchdog is None and not self._record_steps:
            _poll.run_once(self)
            return
        sched = self._scheduled
        _poll.prune_timers(self)
        if self._ready or self._stopping or self._threadsafe:
            timeout = 0
        else:
            timeout = sched.next_when()
            if timeout is not None:
                timeout = max(0, timeout - self.time())
        if timeout != 0 or self._handlers:
            handlers = self._handlers
            record = self._record_steps
            if record:
                # What the loop waits for, for --diagnose: timers (cancelled ones not yet
                # pruned included) and watched descriptors.
                _poll.poll_begin(len(sched) + len(handlers), len(self._tasks))
            events = self._poller.poll(timeout)
            if record:
                _poll.poll_end()
            for fd, readable, writable in events:
                h = handlers.get(fd)
                if h is None:
                    continue
                try:
                    if readable:
                        h._on_read()
                    if writable and handlers.get(fd) is h:
                        h._on_write()
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException as exc:
                    self._io_error(exc)
        ts = self._threadsafe
        while ts:
            self._ready.append(ts.pop(0))
        _poll.due_timers(self)
        todo = self._ready
        self._ready = []
        if self._debug or self._watchdog is not None or self._record_steps:
            debug = self._debug
            if self._record_steps:
                _poll.loop_tasks(len(self._tasks))
            for h in todo:
                if isinstance(h, Handle) and h._cancelled:
                    continue
                _poll.step_begin(_step_name(h))
                t0 = self.time()
                try:
                    _poll.run_ready(self, [h])
                finally:
                    _poll.step_end()
                dt = self.time() - t0
                if debug and dt >= self.slow_callback_duration:
                    sys.stderr.write(f'Executing {_format_handle(h)} took {dt:.3f} seconds\n')
        else:
            _poll.run_ready(self, todo)
        if self._failed_tasks:
            _poll.check_unretrieved(self, False)

    def _check_running(self):
        if self._running:
            raise RuntimeError('This event loop is already running')
        if _get_running_loop() is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')

    def run_forever(self):
        self._check_closed()
        self._check_running()
        if self._debug:
            wd = self.slow_callback_duration
            if self._watchdog is not None and self._watchdog < wd:
                wd = self._watchdog
            self._watchdog = wd
        if self._watchdog is not None:
            _poll.watchdog_start(self._watchdog)
        self._record_steps = _poll.recording_steps()
        self._running = True
        old_agen_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook,
                               finalizer=self._asyncgen_finalizer_hook)
        _poll.set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            _poll.set_running_loop(None)
            sys.set_asyncgen_hooks(*old_agen_hooks)

    def run_until_complete(self, future):
        self._check_closed()
        self._check_running()  # before a task is made of `future`, as in CPython
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def stop(self):
        self._stopping = True

    def close(self):
        if self._running:
            raise RuntimeError('Cannot close a running event loop')
        if self._closed:
            return
        if self._failed_tasks:
            _poll.check_unretrieved(self, True)
        self._closed = True
        self._ready = []
        self._scheduled.clear()
        for h in self._threads:
            h.join()
        self._threads = []


def _format_handle(handle):
    cb = _entry_callback(handle)
    task = cb if isinstance(cb, Task) else getattr(cb, '__self__', None)
    if isinstance(task, Task):
        return repr(task)
    return str(handle)


def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    fut.get_loop().stop()


# ---- futures --------------------------------------------------------------------------------

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'


def isfuture(obj):
    return getattr(obj, '_asyncio_future_blocking', None) is not None and \
        not isinstance(obj, type)


class Future:
    # Defaults as class attributes keep each instance's dict small (100,000 tasks...).
    _asyncio_future_blocking = False
    _result = None
    _exception = None
    _cancel_message = None
    _cancelled_exc = None
    _log_traceback = False

    def __init__(self, *, loop=None):
        if loop is None:
            loop = get_event_loop()
        self._loop = loop
        self._state = _PENDING
        self._callbacks = []

    def _repr_info(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f'exception={self._exception!r}')
            else:
                info.append(f'result={self._result!r}')
        if self._callbacks:
            info.append('cb=[' + ', '.join(_cb_name(c) for c in self._callbacks) + ']')
        return info

    def __repr__(self):
        return '<{} {}>'.format(type(self).__name__, ' '.join(self._repr_info()))

    def get_loop(self):
        return self._loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    # Native: each callback goes on the ready queue as `(callback, future)`.
    _schedule_callbacks = _poll.future_schedule_callbacks

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Result is not set.')
        self._log_traceback = False
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Exception is not set.')
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(kept)
        if removed:
            self._callbacks = kept
        return removed

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError(f'{self._state}: {self!r}')
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError(f'{self._state}: {self!r}')
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError('StopIteration interacts badly with generators '
                            'and cannot be raised into a Future')
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()
        self._log_traceback = True

    # Native (CPython's FutureIter): yields the future while pending, then returns its result.
    __await__ = _poll.future_await
    __iter__ = __await__


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


def _set_exception_unless_cancelled(fut, exc):
    if fut.cancelled():
        return
    fut.set_exception(exc)


def _is_concurrent_future(fut):
    return hasattr(fut, 'set_running_or_notify_cancel') and hasattr(fut, 'add_done_callback')


def _copy_to_asyncio(source, dest):
    # `source` (a concurrent.futures.Future) is done; runs on the loop's thread.
    if dest.cancelled():
        return
    if source.cancelled():
        dest.cancel()
        return
    exc = source.exception()
    if exc is not None:
        dest.set_exception(exc)
    else:
        dest.set_result(source.result())


def _copy_to_concurrent(source, dest):
    # `source` (an asyncio future) is done; `dest` is a concurrent.futures.Future.
    if source.cancelled():
        dest.cancel()
    if not dest.set_running_or_notify_cancel():
        return
    exc = source.exception()
    if exc is not None:
        dest.set_exception(exc)
    else:
        dest.set_result(source.result())


def wrap_future(fut, *, loop=None):
    if isfuture(fut):
        return fut
    if not _is_concurrent_future(fut):
        raise TypeError(f'concurrent.futures.Future is expected, got {fut!r}')
    if loop is None:
        loop = get_event_loop()
    new_future = loop.create_future()

    def _on_asyncio_done(f):
        if f.cancelled():
            fut.cancel()

    def _on_concurrent_done(f):
        # May run on the worker thread that finished `fut`.
        if loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(_copy_to_asyncio, f, new_future)
        except RuntimeError:
            pass  # the loop was closed meanwhile

    new_future.add_done_callback(_on_asyncio_done)
    fut.add_done_callback(_on_concurrent_done)
    return new_future


# ---- tasks ----------------------------------------------------------------------------------

class Task(Future):
    _num_cancels_requested = 0
    _must_cancel = False
    _fut_waiter = None

    def __init__(self, coro, *, loop=None, name=None, context=None):
        Future.__init__(self, loop=loop)
        if not iscoroutine(coro):
            raise TypeError(f'a coroutine was expected, got {coro!r}')
        if name is None:
            self._name = f'Task-{_poll.next_task_id()}'
        else:
            self._name = str(name)
        self._coro = coro
        loop = self._loop
        loop._check_closed()
        loop._ready.append(self)  # a Task on the ready queue means "step it"
        loop._tasks[self] = None

    def __repr__(self):
        info = [self._state.lower(), f'name={self._name!r}',
                f'coro=<{_coro_repr(self._coro, self.done())}>']
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f'exception={self._exception!r}')
            else:
                info.append(f'result={self._result!r}')
        if self._fut_waiter is not None:
            info.append(f'wait_for={self._fut_waiter!r}')
        return '<Task {}>'.format(' '.join(info))

    def get_coro(self):
        return self._coro

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_stack(self, *, limit=None):
        return []

    def set_result(self, result):
        raise RuntimeError('Task does not support set_result operation')

    def set_exception(self, exception):
        raise RuntimeError('Task does not support set_exception operation')

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    # Native (`_asyncio_poll`): one step of the coroutine, and the wake-up when the
    # awaited future is done (a waiting task sits in the future's `_callbacks` itself).
    _step = _poll.task_step
    _wakeup = _poll.task_wakeup


_poll.core_init(Future, Task, CancelledError, InvalidStateError, _report_callback_error,
                _PENDING, _FINISHED)


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return loop._current_task


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return set(t for t in loop._tasks if not t.done())


def create_task(coro, *, name=None, context=None):
    loop = get_running_loop()
    return loop.create_task(coro, name=name)


async def _wrap_awaitable(aw):
    return await aw


def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        return coro_or_future
    if iscoroutine(coro_or_future):
        if loop is None:
            loop = get_event_loop()
        return loop.create_task(coro_or_future)
    if hasattr(coro_or_future, '__await__'):
        if loop is None:
            loop = get_event_loop()
        return loop.create_task(_wrap_awaitable(coro_or_future))
    raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')


# Native: one small object that is the coroutine, the future its task waits on and the
# timer-heap entry (see interpreter/modules/aio_sleep.rs).
sleep = _poll.sleep


# ---- gather / wait / wait_for / as_completed / shield ---------------------------------------

class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer
    # Native (`_asyncio_poll.gather_children`, see interpreter/modules/aio_gather.rs): with
    # 100,000 children the per-child work (a task, a done callback, the results) dominates.
    return _poll.gather_children(coros_or_futures, return_exceptions)


_poll.gather_init(_GatheringFuture, ensure_future, get_event_loop, EventLoop)


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner._loop
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f'expect a list of futures, not {type(fs).__name__}')
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')
    loop = get_running_loop()
    uniq = []
    seen = set()
    for f in fs:
        if id(f) not in seen:
            seen.add(id(f))
            uniq.append(ensure_future(f, loop=loop))
    return await _wait(uniq, timeout, return_when, loop)


async def _wait(fs, timeout, return_when, loop):
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = [len(fs)]

    def _on_completion(f):
        counter[0] -= 1
        if (counter[0] <= 0 or return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                    f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


async def _cancel_and_wait(fut):
    loop = get_running_loop()
    waiter = loop.create_future()
    cb = lambda f: _release_waiter(waiter)
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = lambda f: _release_waiter(waiter)
    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def as_completed(fs, *, timeout=None):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f'expect an iterable of futures, not {type(fs).__name__}')
    loop = get_event_loop()
    todo = []
    seen = set()
    for f in fs:
        if id(f) not in seen:
            seen.add(id(f))
            todo.append(ensure_future(f, loop=loop))
    done = Queue()
    handle = [None]

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and handle[0] is not None:
            handle[0].cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        handle[0] = loop.call_later(timeout, _on_timeout)
    return _AsCompleted(_wait_for_one, len(todo))


class _AsCompleted:
    def __init__(self, fn, n):
        self._fn = fn
        self._n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self._n <= 0:
            raise StopIteration
        self._n -= 1
        return self._fn()


class Timeout:
    def __init__(self, when):
        self._state = 'created'
        self._timeout_handler = None
        self._task = None
        self._when = when
        self._cancelling = 0

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        self._when = when
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in ('expiring', 'expired')

    def __repr__(self):
        info = [self._state]
        if self._state == 'entered':
            info.append(f'when={self._when!r}')
        return '<Timeout [{}]>'.format(' '.join(info))

    async def __aenter__(self):
        self._state = 'entered'
        self._task = current_task()
        if self._task is None:
            raise RuntimeError('Timeout should be used inside a task')
        self._cancelling = self._task.cancelling()
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._state == 'expiring':
            self._state = 'expired'
            if self._task.uncancel() <= self._cancelling and exc_type is CancelledError:
                raise TimeoutError from exc_val
        elif self._state == 'entered':
            self._state = 'exited'
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = 'expiring'
        self._timeout_handler = None


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    return await loop.run_in_executor(None, lambda: func(*args, **kwargs))


def run_coroutine_threadsafe(coro, loop):
    """Submits `coro` to `loop` from another thread; returns a concurrent.futures.Future."""
    if not iscoroutine(coro):
        raise TypeError('A coroutine object is required')
    from concurrent.futures import Future as _ConcurrentFuture
    future = _ConcurrentFuture()

    def callback():
        try:
            task = ensure_future(coro, loop=loop)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            if future.set_running_or_notify_cancel():
                future.set_exception(exc)
            raise

        def _on_concurrent_done(f):
            # A cancel() of the concurrent future (from any thread) cancels the task.
            if f.cancelled() and not loop.is_closed():
                loop.call_soon_threadsafe(task.cancel)

        task.add_done_callback(lambda t: _copy_to_concurrent(t, future))
        future.add_done_callback(_on_concurrent_done)

    loop.call_soon_threadsafe(callback)
    return future


# ---- run ------------------------------------------------------------------------------------

def _cancel_all_tasks(loop):
    to_cancel = [t for t in loop._tasks if not t.done()]
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    if not iscoroutine(main):
        raise ValueError(f'a coroutine was expected, got {main!r}')
    loop = new_event_loop()
    try:
        set_event_loop(loop)
        if debug is not None:
            loop.set_debug(debug)
        return loop.run_until_complete(main)
    finally:
        try:
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            set_event_loop(None)
            loop.close()


# ---- synchronisation primitives -------------------------------------------------------------

class _ContextManagerMixin:
    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Lock(_ContextManagerMixin):
    def __init__(self):
        self._waiters = None
        self._locked = False

    def __repr__(self):
        extra = 'locked' if self._locked else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Lock object [{extra}]>'

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._waiters is None or
                                 all(w.cancelled() for w in self._waiters)):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = []
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)


class Event:
    def __init__(self):
        self._waiters = []
        self._value = False

    def __repr__(self):
        extra = 'set' if self._value else 'unset'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Event object [{extra}]>'

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_ContextManagerMixin):
    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    async def wait(self):
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        self.release()
        try:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            err = None
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError as e:
                    err = e
            if err is not None:
                raise err

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_ContextManagerMixin):
    def __init__(self, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        self._waiters = None
        self._value = value

    def __repr__(self):
        extra = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.{type(self).__name__} object [{extra}]>'

    def locked(self):
        return self._value == 0 or (
            any(not w.cancelled() for w in (self._waiters or ())))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = []
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        if self._value > 0:
            self._wake_up_next()
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return False
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return True
        return False


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        Semaphore.__init__(self, value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        Semaphore.release(self)


# ---- queues ---------------------------------------------------------------------------------

class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = []

    def _get(self):
        return self._queue.pop(0)

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return f'<{type(self).__name__} maxsize={self._maxsize!r}>'

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except BaseException:
                putter.cancel()
                if putter in self._putters:
                    self._putters.remove(putter)
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                getter.cancel()
                if getter in self._getters:
                    self._getters.remove(getter)
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class LifoQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# ---- streams --------------------------------------------------------------------------------

_DEFAULT_LIMIT = 2 ** 16


class _SocketTransport:
    """A connected non-blocking socket: reads eagerly into a StreamReader (the poller is
    edge-triggered, so every read report is drained until BlockingIOError) and buffers
    writes the kernel will not take yet."""

    def __init__(self, loop, sock, reader):
        self._loop = loop
        self._sock = sock
        self._reader = reader
        self._fd = sock.fileno()
        self._wbuf = []
        self._wsize = 0
        self._closing = False
        self._closed = False
        self._drain_waiter = None
        self._close_waiter = loop.create_future()
        self._conn_lost = None
        self._extra = {}
        try:
            self._extra['peername'] = sock.getpeername()
        except OSError:
            self._extra['peername'] = None
        try:
            self._extra['sockname'] = sock.getsockname()
        except OSError:
            self._extra['sockname'] = None
        self._extra['socket'] = sock
        loop._add_handler(self._fd, self)
        # Data may have arrived before registration: read once now.
        loop.call_soon(self._on_read)

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)

    def is_closing(self):
        return self._closing or self._closed

    # Native (`_asyncio_poll.transport_on_read`, interpreter/modules/aio_stream.rs): reads
    # until the socket would block, feeding the reader (`feed_data`, or `feed_eof` at EOF);
    # an OSError goes to `_fatal`.
    _on_read = _poll.transport_on_read

    def _on_write(self):
        self._flush()

    # Native (`_asyncio_poll.transport_write`): send now what the kernel takes, buffer the
    # rest for `_on_write`; only bytes are accepted.
    write = _poll.transport_write

    def _flush(self):
        while self._wbuf and not self._closed:
            data = self._wbuf[0]
            try:
                n = self._sock.send(data)
            except BlockingIOError:
                break
            except OSError as e:
                self._fatal(e)
                return
            self._wsize -= n
            if n < len(data):
                self._wbuf[0] = data[n:]
                break
            self._wbuf.pop(0)
        if not self._wbuf:
            self._wake_drain()
            if self._closing:
                self._do_close()

    def _wake_drain(self, exc=None):
        w = self._drain_waiter
        if w is not None:
            self._drain_waiter = None
            if not w.done():
                if exc is None:
                    w.set_result(None)
                else:
                    w.set_exception(exc)

    def write_eof(self):
        self._sock.shutdown_write()

    def close(self):
        if self._closing or self._closed:
            return
        self._closing = True
        if not self._wbuf:
            self._loop.call_soon(self._do_close)

    def abort(self):
        self._do_close()

    def _fatal(self, exc):
        self._conn_lost = exc
        self._reader.set_exception(exc)
        self._wake_drain(exc)
        self._do_close()

    def _do_close(self):
        if self._closed:
            return
        self._closed = True
        self._closing = True
        self._loop._remove_handler(self._fd)
        self._sock.close()
        self._reader.feed_eof()
        self._wake_drain(self._conn_lost or ConnectionResetError('Connection lost'))
        if not self._close_waiter.done():
            self._close_waiter.set_result(None)


class StreamReader:
    def __init__(self, limit=_DEFAULT_LIMIT, loop=None):
        if limit <= 0:
            raise ValueError('Limit cannot be <= 0')
        self._limit = limit
        self._loop = get_event_loop() if loop is None else loop
        self._buffer = b''
        self._eof = False
        self._waiter = None
        self._exception = None

    def __repr__(self):
        info = ['StreamReader']
        if self._buffer:
            info.append(f'{len(self._buffer)} bytes')
        if self._eof:
            info.append('eof')
        return '<{}>'.format(' '.join(info))

    def exception(self):
        return self._exception

    def set_exception(self, exc):
        self._exception = exc
        w = self._waiter
        if w is not None:
            self._waiter = None
            if not w.cancelled():
                w.set_exception(exc)

    def _wakeup_waiter(self):
        w = self._waiter
        if w is not None:
            self._waiter = None
            _poll.set_result_unless_cancelled(w, None)

    def feed_eof(self):
        self._eof = True
        self._wakeup_waiter()

    def at_eof(self):
        return self._eof and not self._buffer

    def feed_data(self, data):
        if not data:
            return
        self._buffer += data
        self._wakeup_waiter()

    async def _wait_for_data(self, func_name):
        if self._waiter is not None:
            raise RuntimeError(f'{func_name}() called while another coroutine is '
                               f'already waiting for incoming data')
        self._waiter = self._loop.create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    async def readline(self):
        # Fast path: a whole line is buffered, or comes with the next reads (no readuntil
        # coroutine); anything unusual (EOF, an error, over the limit) takes readuntil's path.
        while True:
            buf = self._buffer
            i = buf.find(b'\n')
            if self._exception is not None:
                break
            if 0 <= i <= self._limit:
                self._buffer = buf[i + 1:]
                return buf[:i + 1]
            if i >= 0 or self._eof or len(buf) > self._limit or self._waiter is not None:
                break
            self._waiter = w = self._loop.create_future()
            try:
                await w
            finally:
                self._waiter = None
        sep = b'\n'
        try:
            line = await self.readuntil(sep)
        except IncompleteReadError as e:
            return e.partial
        except LimitOverrunError as e:
            if self._buffer.startswith(sep, e.consumed):
                self._buffer = self._buffer[e.consumed + len(sep):]
            else:
                self._buffer = b''
            raise ValueError(e.args[0])
        return line

    async def readuntil(self, separator=b'\n'):
        seplen = len(separator)
        if seplen == 0:
            raise ValueError('Separator should be at least one-byte string')
        if self._exception is not None:
            raise self._exception
        offset = 0
        while True:
            buflen = len(self._buffer)
            if buflen - offset >= seplen:
                isep = self._buffer.find(separator, offset)
                if isep != -1:
                    break
                offset = buflen + 1 - seplen
                if offset > self._limit:
                    raise LimitOverrunError(
                        'Separator is not found, and chunk exceed the limit', offset)
            if self._eof:
                chunk = self._buffer
                self._buffer = b''
                raise IncompleteReadError(chunk, None)
            # _wait_for_data('readuntil'), inlined: this is the hot path of a line protocol.
            if self._waiter is not None:
                raise RuntimeError('readuntil() called while another coroutine is '
                                   'already waiting for incoming data')
            self._waiter = w = self._loop.create_future()
            try:
                await w
            finally:
                self._waiter = None
        if isep > self._limit:
            raise LimitOverrunError('Separator is found, but chunk is longer than limit', isep)
        chunk = self._buffer[:isep + seplen]
        self._buffer = self._buffer[isep + seplen:]
        return chunk

    async def read(self, n=-1):
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b''
        if n < 0:
            blocks = []
            while True:
                block = await self.read(self._limit)
                if not block:
                    break
                blocks.append(block)
            return b''.join(blocks)
        if not self._buffer and not self._eof:
            await self._wait_for_data('read')
        data = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return data

    async def readexactly(self, n):
        if n < 0:
            raise ValueError('readexactly size can not be less than zero')
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b''
        while len(self._buffer) < n:
            if self._eof:
                incomplete = self._buffer
                self._buffer = b''
                raise IncompleteReadError(incomplete, n)
            await self._wait_for_data('readexactly')
        data = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return data

    def __aiter__(self):
        return self

    async def __anext__(self):
        val = await self.readline()
        if val == b'':
            raise StopAsyncIteration
        return val


_poll.stream_init(StreamReader)


class StreamWriter:
    def __init__(self, transport, protocol, reader, loop):
        self._transport = transport
        self._protocol = protocol
        self._reader = reader
        self._loop = loop

    def __repr__(self):
        return f'<StreamWriter transport={self._transport!r}>'

    @property
    def transport(self):
        return self._transport

    write = _poll.writer_write  # self._transport.write(data), natively

    def writelines(self, data):
        for d in data:
            self._transport.write(d)

    def write_eof(self):
        return self._transport.write_eof()

    def can_write_eof(self):
        return True

    def close(self):
        return self._transport.close()

    def is_closing(self):
        return self._transport.is_closing()

    async def wait_closed(self):
        await self._transport._close_waiter

    def get_extra_info(self, name, default=None):
        return self._transport.get_extra_info(name, default)

    async def drain(self):
        if self._reader is not None:
            exc = self._reader._exception
            if exc is not None:
                raise exc
        t = self._transport
        if t._closing or t._closed:
            await sleep(0)
        # transport._drain(), inlined (no coroutine per call when nothing is buffered).
        if t._conn_lost is not None:
            raise t._conn_lost
        if t._wsize > _DEFAULT_LIMIT and not t._closed:
            w = self._loop.create_future()
            t._drain_waiter = w
            await w


class _ConnectWaiter:
    def __init__(self, fut):
        self.fut = fut

    def _on_read(self):
        pass

    def _on_write(self):
        if not self.fut.done():
            self.fut.set_result(None)


async def open_connection(host=None, port=None, *, limit=_DEFAULT_LIMIT, **kwds):
    loop = get_running_loop()
    sock = _poll.connect(host, port)
    fd = sock.fileno()
    waiter = _ConnectWaiter(loop.create_future())
    loop._add_handler(fd, waiter)
    try:
        while True:
            await waiter.fut
            if sock.finish_connect():
                break
            waiter.fut = loop.create_future()
    except OSError as exc:
        loop._remove_handler(fd)
        sock.close()
        if exc.errno is not None and host is not None:
            addr = ('127.0.0.1' if host == 'localhost' else host, port)
            raise type(exc)(exc.errno, f'Connect call failed {addr!r}') from None
        raise
    except BaseException:
        loop._remove_handler(fd)
        sock.close()
        raise
    reader = StreamReader(limit=limit, loop=loop)
    transport = _SocketTransport(loop, sock, reader)
    writer = StreamWriter(transport, None, reader, loop)
    return reader, writer


class Server:
    def __init__(self, loop, sockets, client_connected_cb, limit):
        self._loop = loop
        self._sockets = sockets
        self._cb = client_connected_cb
        self._limit = limit
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return f'<Server sockets={self.sockets!r}>'

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(self._sockets)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for s in self._sockets:
            self._loop._add_handler(s.fileno(), _Acceptor(self, s))

    async def start_serving(self):
        self._start_serving()
        await sleep(0)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for s in sockets:
            self._loop._remove_handler(s.fileno())
            s.close()
        self._serving = False
        if self._serving_forever_fut is not None and not self._serving_forever_fut.done():
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None

    async def wait_closed(self):
        return None

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(f'server {self!r} is already being awaited on serve_forever()')
        if self._sockets is None:
            raise RuntimeError(f'server {self!r} is closed')
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


class _Acceptor:
    def __init__(self, server, sock):
        self._server = server
        self._sock = sock

    def _on_write(self):
        pass

    def _on_read(self):
        server = self._server
        loop = server._loop
        while server._sockets is not None:
            try:
                conn, addr = self._sock.accept()
            except BlockingIOError:
                return
            except OSError as exc:
                loop.call_exception_handler({
                    'message': 'socket.accept() out of system resource',
                    'exception': exc})
                return
            reader = StreamReader(limit=server._limit, loop=loop)
            transport = _SocketTransport(loop, conn, reader)
            writer = StreamWriter(transport, None, reader, loop)
            res = server._cb(reader, writer)
            if iscoroutine(res):
                task = loop.create_task(res)

                def done(t, transport=transport):
                    if t.cancelled():
                        transport.close()
                        return
                    exc = t.exception()
                    if exc is not None:
                        loop.call_exception_handler({
                            'message': 'Unhandled exception in client_connected_cb',
                            'exception': exc,
                            'transport': transport,
                        })
                        transport.close()

                task.add_done_callback(done)


async def start_server(client_connected_cb, host=None, port=None, *,
                       limit=_DEFAULT_LIMIT, backlog=100, start_serving=True, **kwds):
    loop = get_running_loop()
    sock = _poll.listen(host, 0 if port is None else port, backlog)
    server = Server(loop, [sock], client_connected_cb, limit)
    if start_serving:
        server._start_serving()
        await sleep(0)
    return server

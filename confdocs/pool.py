"""Work shared among worker processes, streamed in order, that fails loudly when a worker dies.

multiprocessing.Pool replaces a worker killed from outside (the out-of-memory killer, a
`kill -9`) and waits for ever for the work it held, so a build or an import hung with its
output folder locked. concurrent.futures' pool says instead that it is broken, and this module
turns that into :class:`WorkerLostError`, naming the signal: the caller records what was
finished and the next run does the rest.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .errors import WorkerLostError

T = TypeVar("T")
R = TypeVar("R")

# Chunks in flight for each worker: enough that a worker never waits for the next one, few enough
# that memory does not grow with the batch (the chunks' inputs are held until their results come).
_AHEAD = 4


def ordered_map(func: Callable[[T], R], items: Iterable[T], workers: int, *,
                initializer: Callable[..., None], initargs: tuple[Any, ...] = (),
                chunksize: int = 16, advice: str | None = None,
                inherited: Sequence[int] = ()) -> Iterator[R]:
    """``func`` over ``items`` in ``workers`` processes, results in the order of ``items``, as they
    come; ``items`` is read only as far as the work in flight needs.

    The workers end when this process ends, however it ends (a ``kill -9`` of it alone, as the
    out-of-memory killer or a supervisor sends, included), and close the descriptors
    ``inherited`` names (the output folder's lock) as they start, so that none of them outlives
    it holding what it held.

    Raises WorkerLostError when a worker process ends abruptly, with the caller's ``advice``: what
    was kept and what to do (by default, run the same command again). On any exception (an
    interrupt included) no more work is handed out, and the workers end once their current chunk
    is done.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(os.getpid(), tuple(inherited), initializer,
                                             initargs))
    _never_wait_for_lost_work(executor)
    pending: deque[Future[list[R]]] = deque()
    processes: list[Any] = []
    finished = False
    try:
        for chunk in _chunks(items, chunksize):
            try:
                if not processes:
                    # The pool forks its workers and starts its threads on the first submission.
                    with _sigterm_to_this_thread():
                        pending.append(executor.submit(_each, func, chunk))
                    processes = list((getattr(executor, "_processes", None) or {}).values())
                else:
                    pending.append(executor.submit(_each, func, chunk))
            except BrokenProcessPool:  # a worker died before this chunk could be handed out
                raise _lost(processes, advice) from None
            while len(pending) >= workers * _AHEAD:
                yield from _results(pending.popleft(), processes, advice)
        while pending:
            yield from _results(pending.popleft(), processes, advice)
        finished = True
    finally:
        executor.shutdown(wait=finished, cancel_futures=not finished)


def _never_wait_for_lost_work(executor: ProcessPoolExecutor) -> None:
    """On Python 3.10, let the pool's clean-up leave the work its dead workers will never read.

    When a worker dies (the out-of-memory killer, or a CI cancel's SIGTERM to the whole group)
    while the queue of work for the workers is full, 3.10's pool waits for ever for the thread
    that writes that queue, stuck on a pipe nobody reads (CPython gh-94777, fixed from 3.11): the
    build or import reported the loss, or was interrupted, then never exited, its output folder
    locked. Not waiting for that thread loses nothing: the work it holds is for workers that
    read it before they end, as the pool asks them to, or are dead; and a process that is
    ending has no use for work not yet handed out.
    """
    if sys.version_info < (3, 11):
        with contextlib.suppress(AttributeError):
            executor._call_queue.cancel_join_thread()  # type: ignore[attr-defined]


def _start_worker(parent: int, inherited: tuple[int, ...], initializer: Callable[..., None],
                  initargs: tuple[Any, ...]) -> None:
    """A worker's first steps: end with its parent, let go of what it must not hold, then the
    caller's own set-up."""
    _end_with(parent)
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    initializer(*initargs)


def _end_with(parent: int) -> None:
    """End this process when ``parent`` ends. Left running, a worker of a build killed on its
    own held the output folder's lock for minutes, and every later build was refused."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            # PR_SET_PDEATHSIG: the kernel sends SIGKILL when the parent dies. Nothing is lost:
            # workers write atomically, and the next run tidies their temporary files.
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != parent:  # the parent died before the request was made
                os._exit(1)
            return
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="confdocs-parent-watch", daemon=True).start()


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _each(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _results(future: Future[list[R]], processes: list[Any], advice: str | None) -> list[R]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise _lost(processes, advice) from None


def _lost(processes: list[Any], advice: str | None) -> WorkerLostError:
    how = _how_it_ended(processes)
    return WorkerLostError(how) if advice is None else WorkerLostError(how, advice)


def _how_it_ended(processes: list[Any]) -> str:
    """What ended the worker that died: a signal's name, an exit status, or nothing known."""
    for process in processes:
        # The pool says it is broken as soon as a worker's end is seen, before that worker is
        # waited for; then it stops the others, which end at once.
        with contextlib.suppress(Exception):
            process.join(2)
    codes = [getattr(process, "exitcode", None) for process in processes]
    # The pool terminates the others (SIGTERM) once one has died: the first other cause is it.
    causes = [code for code in codes if code not in (None, 0, -signal.SIGTERM)] or [
        code for code in codes if code not in (None, 0)]
    if not causes:
        return "ended abruptly"
    code = causes[0]
    if code < 0:
        with contextlib.suppress(ValueError):
            name = signal.Signals(-code).name
            hint = " (the system may have run out of memory)" if name == "SIGKILL" else ""
            return f"was killed by {name}{hint}"
        return f"was killed by signal {-code}"
    return f"exited with status {code}"


def worker_signals() -> None:
    """Signals in a worker: Ctrl-C goes to the parent alone, which stops the pool; SIGTERM (a CI
    cancel sent to the whole group) just ends the worker, without a traceback, as it would have
    inherited the command line's handler; and SIGTERM is unblocked (see _sigterm_to_this_thread).
    Workers write atomically, so ending one leaves no half-written file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


@contextlib.contextmanager
def _sigterm_to_this_thread() -> Iterator[None]:
    """Block SIGTERM while the pool starts its threads (and workers), which keep that mask, so
    that the kernel hands a SIGTERM (a CI cancel) to this thread: delivered to one of the
    pool's threads, its handler would wait until this thread next ran Python, and this thread
    may be waiting for results that never come. Workers unblock it (worker_signals)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)

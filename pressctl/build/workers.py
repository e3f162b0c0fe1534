"""``build --jobs N``: worker processes that never outlive the build, nor leave a file behind.

Ctrl-C reaches every process of the terminal's group, so the workers ignore
SIGINT and leave the decision to the build, which stops them with SIGTERM.  On
SIGTERM a worker abandons the file it renders (its temporary file is removed
on the way out) and exits at once, without a traceback.  A worker also stops
when its build dies, however it dies (even by SIGKILL, which no handler sees):
on Linux the kernel sends it SIGTERM (``PR_SET_PDEATHSIG``), and everywhere a
thread notices that its parent changed.  The build then removes what its
workers staged in its name (:func:`pressctl.core.atomic.remove_temporaries_of`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pressctl.build.plan import Job
from pressctl.core.interrupts import signals_held

#: prctl(2) option: the signal this process gets when its parent dies.
PR_SET_PDEATHSIG = 1
#: How often a worker looks for its parent where the kernel does not tell it (seconds).
WATCH_INTERVAL = 0.5
#: How long the build waits for a stopped worker before SIGKILL (seconds).
GRACE = 5.0


class Stopped(BaseException):
    """Raised in a worker by SIGTERM while it renders: unwinds it, removing its temporary."""


_busy = False


def _on_sigterm(signum: int, frame: Any) -> None:
    if _busy:
        raise Stopped
    os._exit(128 + signum)  # idle: nothing to clean, and no traceback from the pool's loop


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os.kill(os.getpid(), signal.SIGTERM)


def _prctl_death_signal(signum: int) -> None:
    """Ask the kernel to send ``signum`` to this process when its parent dies (Linux)."""
    if _LIBC is not None:
        with contextlib.suppress(OSError, AttributeError):
            _LIBC.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)


_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
#: The build's process id while :func:`run` forks the pool's workers (see
#: :func:`_just_forked`), else None.
_forking: int | None = None


def _just_forked() -> None:
    """First thing in a forked child, before multiprocessing's own start-up: a worker dies
    with SIGKILL if its build dies before :func:`start` runs.  A child forked while another
    thread of the build held a lock can hang before its initializer (seen: orphaned workers
    waiting on a futex for an hour after their build was killed); SIGKILL reaches it
    wherever it waits, and :func:`start` then trades it for SIGTERM, which cleans up.
    A build that died between the fork and the request is not there to die later: the
    child then exits at once."""
    if _forking is not None:
        _prctl_death_signal(signal.SIGKILL)
        if os.getppid() != _forking:
            os._exit(128 + signal.SIGKILL)


os.register_at_fork(after_in_child=_just_forked)


def start(parent: int) -> None:
    """Runs first in every worker (the pool's initializer); the build forked it with SIGINT
    and SIGTERM held, so nothing reaches it before its handlers are in place."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _prctl_death_signal(signal.SIGTERM)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if os.getppid() != parent:  # the build died before the watch began
        os._exit(128 + signal.SIGTERM)


#: Renders a job into a temporary file in the name of the build (``run.run_job``); the
#: third argument is the kits the build planned for the job's release, by (seed, language).
Render = Callable[[Job, int, dict[Any, Any]], Path]


@contextlib.contextmanager
def _busy_until_stopped() -> Iterator[None]:
    """While a worker runs a task: SIGTERM raises :class:`Stopped`, which unwinds the task
    (its temporary file removed) and ends the worker without a word."""
    global _busy
    _busy = True
    try:
        yield
    except Stopped:
        os._exit(128 + signal.SIGTERM)
    finally:
        _busy = False


def work(render: Render, job: Job, owner: int, kits: dict[Any, Any]) -> Path:
    """Render ``job`` in a worker: the staged file, or an exit without a word if stopped."""
    with _busy_until_stopped():
        staged = render(job, owner, kits)
    return staged


def ahead(task: Callable[[], object]) -> None:
    """Run ``task``, work done ahead of the jobs (a font converted into the cache), in a
    worker.  Stopped like a job; a failure is left for the job that needs the result,
    which meets it again and reports it as its own."""
    with _busy_until_stopped(), contextlib.suppress(Exception):  # the job reports it
        task()


class Workers:
    """``count`` worker processes, started before the build plans (issue 27).

    Each first runs ``warm`` (the build's: import the renderers of its formats),
    while the build reads, checks and localises the releases on another core;
    before, the build imported reportlab, pikepdf and python-docx itself and
    only then forked, a third of a second in a row.  The workers are forked
    before the plan, so the kits it makes reach them with each job.
    """

    def __init__(self, count: int, owner: int, warm: Callable[[], object]) -> None:
        global _forking
        self.owner = owner
        self.pool = ProcessPoolExecutor(max_workers=count, initializer=start, initargs=(owner,))
        with signals_held():  # the first task forks every worker: they inherit the block
            _forking = os.getpid()
            try:
                for _ in range(count):
                    self.pool.submit(warm)
            except BaseException:
                stop(self.pool)
                raise
            finally:
                _forking = None

    def ahead(self, tasks: list[Callable[[], object]]) -> None:
        """Queue ``tasks`` before the jobs: idle workers take them first, in this order."""
        for task in tasks:
            self.pool.submit(ahead, task)

    def run(self, render: Render, jobs: list[Job], kits: list[dict[Any, Any]],
            done: Callable[[Job, Path], None]) -> None:
        """Render ``jobs`` (with ``kits``, one mapping a job), calling ``done`` in order as
        each is staged.  Anything that stops the build here (Ctrl-C, SIGTERM made an
        exception, an error) stops every worker and waits for it before it goes on."""
        try:
            staged: Iterable[Path] = self.pool.map(work, [render] * len(jobs), jobs,
                                                   [self.owner] * len(jobs), kits)
            for job, path in zip(jobs, staged, strict=True):
                done(job, path)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop every worker now (see :func:`stop`); a second Ctrl-C does not cut it short."""
        with signals_held():
            stop(self.pool)

    def close(self) -> None:
        """The build is done with them: each exits once idle, and is waited for."""
        self.pool.shutdown()


def stop(pool: ProcessPoolExecutor) -> None:
    """SIGTERM to every worker, SIGKILL to any still there after :data:`GRACE`; reaped."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    deadline = time.monotonic() + GRACE
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()

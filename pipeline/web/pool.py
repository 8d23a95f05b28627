"""Worker processes with a time limit per job: a worker that runs past it is killed and replaced.

``concurrent.futures`` cannot stop one stuck task, so each worker here is a process with its
own pipe. A job takes an idle worker, sends it ``(function, args)`` and waits at most the
time limit; past it the worker is killed, a fresh one is started in the background, and the
caller gets :class:`JobTimeout`. Functions and results cross the pipe by pickle, so jobs are
module-level functions (``time.sleep`` will do in a test).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any


class JobTimeout(Exception):
    """The job ran past its time limit; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free in time."""


class JobFailed(Exception):
    """The job raised; the message is ``Type: reason`` from the worker."""


@dataclass(frozen=True)
class _Worker:
    process: BaseProcess
    conn: Connection


def _serve(conn: Connection, initializer: Callable[[], None] | None) -> None:
    """A worker's life: load resources once, then run jobs until the pipe closes."""
    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()
    conn.send("ready")
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = (True, fn(*args))
        except Exception as err:  # the caller decides what a failed job means
            result = (False, f"{type(err).__name__}: {err}")
        conn.send(result)


class WorkerPool:
    """``size`` worker processes; :meth:`run` gives a job to the first idle one."""

    def __init__(
        self,
        size: int,
        *,
        initializer: Callable[[], None] | None = None,
        start_timeout: float = 300.0,
    ) -> None:
        self.size = size
        self._initializer = initializer
        self._start_timeout = start_timeout
        # spawn, not fork: the server process has threads, and forking them is unsafe.
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each has loaded its resources."""
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def alive(self) -> int:
        with self._lock:
            return sum(w.process.is_alive() for w in self._all)

    def run(self, fn: Callable[..., Any], *args: Any, timeout: float, wait: float) -> Any:
        """``fn(*args)`` in a worker; waits ``wait`` s for a free worker, ``timeout`` s for it."""
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise PoolBusy(f"no worker free within {wait:g} s") from None
        try:
            worker.conn.send((fn, args))
            if not worker.conn.poll(timeout):
                self._replace(worker)
                raise JobTimeout(f"stopped after {timeout:g} s")
            ok, value = worker.conn.recv()
        except (EOFError, OSError) as err:  # the worker died under the job
            self._replace(worker)
            raise JobFailed(f"worker process died: {err!r}") from None
        self._idle.put(worker)
        if not ok:
            raise JobFailed(value)
        return value

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            _stop(worker)

    def _spawn(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve, args=(theirs, self._initializer), daemon=True, name="baokan-worker"
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        try:
            ready = ours.poll(self._start_timeout) and ours.recv() == "ready"
        except (EOFError, OSError):  # the initializer crashed the process
            ready = False
        if not ready:
            _stop(worker)
            raise RuntimeError("worker process did not start")
        with self._lock:
            if self._closed:
                _stop(worker)
                raise RuntimeError("pool is closed")
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now; its successor starts in the background (loading takes time)."""
        with self._lock:
            self._all.discard(worker)
        _stop(worker)
        threading.Thread(target=self._refill, daemon=True, name="baokan-refill").start()

    def _refill(self) -> None:
        with contextlib.suppress(RuntimeError):  # the pool closed meanwhile
            self._idle.put(self._spawn())


def _stop(worker: _Worker) -> None:
    worker.process.kill()
    worker.process.join(5)
    worker.conn.close()

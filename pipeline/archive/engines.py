"""Engines that run batches of page sources: in-process, a local process pool, Dask.

Every engine has the same interface: ``run(batches)`` yields one :class:`BatchResult` per
batch, in input order, as soon as it and the batches before it are done. Only a window of
batches is in flight at a time, so memory stays bounded whatever the archive's size.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from pipeline.archive.inputs import InputFailure, PageSource
from pipeline.archive.work import BatchResult, failed_batch, process_batch, start_worker

# A batch whose worker dies this many times is given up (its sources become failures).
MAX_ATTEMPTS = 3
Batch = Sequence[PageSource | InputFailure]


class EngineError(Exception):
    """An engine that cannot start (a scheduler out of reach); shown to the user as is."""


class Engine(Protocol):
    def run(
        self, batches: Iterable[Batch], published: str | None, tables: bool = True
    ) -> Iterator[BatchResult]: ...

    def close(self) -> None: ...


@dataclass
class _Job:
    batch: Batch
    future: Any  # concurrent.futures.Future or distributed.Future
    attempts: int = 1


class InProcess:
    """Batches one after the other in this process (``--jobs 1``)."""

    def run(
        self, batches: Iterable[Batch], published: str | None, tables: bool = True
    ) -> Iterator[BatchResult]:
        for batch in batches:
            yield process_batch(batch, published, tables)

    def close(self) -> None:
        pass


class LocalPool:
    """A pool of worker processes that die with this process; a dead worker is replaced."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        # spawn: each worker is a fresh child of this process, which its death signal needs.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=start_worker, initargs=(os.getpid(),)
        )

    def run(
        self, batches: Iterable[Batch], published: str | None, tables: bool = True
    ) -> Iterator[BatchResult]:
        def submit(batch: Batch) -> Future:
            try:
                return self._pool.submit(process_batch, batch, published, tables)
            except BrokenProcessPool as err:  # noticed on submit: handled like on result
                broken: Future = Future()
                broken.set_exception(err)
                return broken

        def restart() -> None:
            self.close()
            self._pool = self._start()

        yield from _windowed(batches, submit, 2 * self.jobs, _pool_failure, restart)

    def close(self) -> None:
        processes = list((self._pool._processes or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # a worker busy on a long page would otherwise finish it
            if process.is_alive():
                process.kill()


def _pool_failure(err: BaseException) -> bool:
    """Whether a batch failed because its worker died (and may be tried again)."""
    return isinstance(err, BrokenProcessPool)


class DaskEngine:
    """Batches on a Dask distributed cluster: ``tcp://HOST:PORT``, or ``local`` for a new one."""

    def __init__(self, scheduler: str, jobs: int) -> None:
        from distributed import Client, LocalCluster

        self._cluster = None
        try:
            if scheduler == "local":
                self._cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(scheduler, timeout="20s")
        except (OSError, ValueError) as err:  # TimeoutError is an OSError
            raise EngineError(f"cannot reach the Dask scheduler ({err})") from None

    def run(
        self, batches: Iterable[Batch], published: str | None, tables: bool = True
    ) -> Iterator[BatchResult]:
        threads = max(1, sum(self._client.nthreads().values()))

        def submit(batch: Batch) -> Any:
            # pure=False: the same batch sent again (after a failure) is new work.
            return self._client.submit(process_batch, batch, published, tables, pure=False)

        # Dask itself moves the work of a dead worker to another one; a batch that killed
        # three workers comes back as KilledWorker and is given up.
        yield from _windowed(batches, submit, 2 * threads, lambda err: False, lambda: None)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(jobs: int, scheduler: str | None) -> Engine:
    if scheduler:
        return DaskEngine(scheduler, jobs)
    return LocalPool(jobs) if jobs > 1 else InProcess()


def _windowed(
    batches: Iterable[Batch],
    submit: Callable[[Batch], Any],
    window: int,
    retryable: Callable[[BaseException], bool],
    restart: Callable[[], None],
) -> Iterator[BatchResult]:
    """Results in input order with at most ``window`` batches in flight.

    When ``retryable`` says a failure killed the engine, ``restart`` makes a new one and
    every batch in flight is sent again; a batch is given up after :data:`MAX_ATTEMPTS`.
    """
    pending: deque[_Job] = deque()
    queue = iter(batches)
    while True:
        while len(pending) < window and (batch := next(queue, None)) is not None:
            pending.append(_Job(batch, submit(batch)))
        if not pending:
            return
        job = pending[0]
        try:
            result = job.future.result()
        except Exception as err:
            if not retryable(err):
                pending.popleft()
                yield failed_batch(job.batch, f"worker failed: {type(err).__name__}: {err}")
                continue
            restart()
            _resubmit(pending, submit)
            continue
        pending.popleft()
        yield result


def _resubmit(pending: deque[_Job], submit: Callable[[Batch], Any]) -> None:
    """Send every batch in flight again; one that failed too often becomes a failure."""
    for job in pending:
        if job.future.done() and job.future.exception() is None:
            continue  # finished before the pool broke
        job.attempts += 1
        if job.attempts > MAX_ATTEMPTS:
            done: Future = Future()
            reason = f"worker process died {MAX_ATTEMPTS} times on this batch"
            done.set_result(failed_batch(job.batch, reason))
            job.future = done
        else:
            job.future = submit(job.batch)

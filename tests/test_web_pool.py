"""Worker processes with a time limit: a stuck job's worker is killed and replaced."""

from __future__ import annotations

import math
import operator
import threading
import time

import pytest

from pipeline.web.pool import JobFailed, JobTimeout, PoolBusy, WorkerPool


@pytest.fixture()
def pool():
    workers = WorkerPool(1)
    workers.start()
    yield workers
    workers.close()


def _wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_job_runs_in_a_worker_and_returns_its_result(pool):
    assert pool.run(math.sqrt, 16.0, timeout=30, wait=30) == 4.0
    assert pool.run(operator.add, "ab", "cd", timeout=30, wait=30) == "abcd"


def test_job_past_its_time_limit_is_stopped_and_its_worker_replaced(pool):
    first = next(iter(pool._all)).process
    started = time.monotonic()
    with pytest.raises(JobTimeout):
        pool.run(time.sleep, 30, timeout=0.3, wait=30)
    assert time.monotonic() - started < 10
    assert not first.is_alive()
    assert _wait_for(lambda: pool.alive() == 1)
    assert pool.run(math.sqrt, 9.0, timeout=30, wait=60) == 3.0


def test_failing_job_reports_its_error_and_keeps_the_worker(pool):
    with pytest.raises(JobFailed, match="ValueError: math domain error"):
        pool.run(math.sqrt, -1.0, timeout=30, wait=30)
    assert pool.run(math.sqrt, 4.0, timeout=30, wait=30) == 2.0


def test_busy_pool_turns_away_a_job_that_cannot_wait(pool):
    sleeper = threading.Thread(
        target=pool.run, args=(time.sleep, 1.5), kwargs={"timeout": 30, "wait": 30}
    )
    sleeper.start()
    try:
        assert _wait_for(lambda: pool._idle.empty(), 5)
        with pytest.raises(PoolBusy):
            pool.run(math.sqrt, 4.0, timeout=30, wait=0.1)
    finally:
        sleeper.join()


def test_closed_pool_stops_its_workers(pool):
    processes = [w.process for w in pool._all]
    pool.close()
    assert processes and not any(p.is_alive() for p in processes)
    assert pool.alive() == 0

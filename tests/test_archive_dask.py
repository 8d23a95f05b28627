"""A real Dask cluster on 127.0.0.1: one scheduler and two workers, started by the tests.

The run through ``--scheduler tcp://…`` must write what a local run writes, and must still
write every page exactly once when one of the two workers is killed mid-run.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress

import pytest

from pipeline.archive.engines import DaskEngine, InProcess
from pipeline.archive.query import query
from pipeline.archive.runner import run_archive
from tests.archive_faults import (
    assert_every_page_once,
    committed_sources,
    kill_group,
    start_extract,
    wait_for,
)
from tests.archive_pages import write_pages

pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dask(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dask", *args, "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own group: one killpg ends a worker and its nanny
    )


@pytest.fixture()
def cluster() -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """``tcp://127.0.0.1:PORT`` of a scheduler with two one-thread workers connected."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _dask("scheduler", "--host", "127.0.0.1", "--port", str(port))
    workers = [_dask("worker", address, "--nworkers", "1", "--nthreads", "1") for _ in range(2)]
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address, workers
    finally:
        for process in (*workers, scheduler):
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def test_a_dask_run_writes_what_a_local_run_writes(tmp_path, cluster):
    address, _ = cluster
    write_pages(tmp_path / "paper", 30)
    local, remote = tmp_path / "local", tmp_path / "dask"
    options = {"version": "1", "published": "2026-05-20", "batch_size": 4}
    run_archive([tmp_path / "paper"], local, InProcess(), **options)
    engine = DaskEngine(address, jobs=2)
    try:
        stats = run_archive([tmp_path / "paper"], remote, engine, **options)
    finally:
        engine.close()
    assert stats.pages == 30
    assert (remote / "pages.jsonl").read_bytes() == (local / "pages.jsonl").read_bytes()
    for table in ("pages", "figures", "entities", "dates", "quotes"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert query(remote, sql).equals(query(local, sql)), table


def test_killing_a_dask_worker_mid_run_still_gives_every_page_once(tmp_path, cluster):
    address, workers = cluster
    inputs = write_pages(tmp_path / "paper", 120, paragraphs=12)
    out = tmp_path / "run"
    run = start_extract(
        str(tmp_path / "paper"), "-o", str(out), "--scheduler", address, "--batch-size", "2"
    )
    try:
        wait_for(lambda: committed_sources(out) >= 4, 240, "the first batches")
        assert run.poll() is None, "the run ended before the kill"
        os.killpg(workers[1].pid, signal.SIGKILL)
        assert run.wait(timeout=600) == 0, run.stderr.read().decode()
    finally:
        kill_group(run)
    assert committed_sources(out) == len(inputs)
    assert_every_page_once(out, inputs)


def test_killing_the_parent_of_a_local_dask_cluster_leaves_no_process(tmp_path):
    import psutil

    from tests.archive_faults import alive

    write_pages(tmp_path / "paper", 60, paragraphs=12)
    out = tmp_path / "run"
    run = start_extract(
        str(tmp_path / "paper"),
        "-o",
        str(out),
        "--scheduler",
        "local",
        "-j",
        "2",
        "--batch-size",
        "2",
    )
    try:
        wait_for(lambda: committed_sources(out) >= 2, 240, "the first batches")
        children = [c.pid for c in psutil.Process(run.pid).children(recursive=True)]
        assert children
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        wait_for(lambda: not alive(children), 30, "the Dask workers to die with the parent")
    finally:
        kill_group(run)

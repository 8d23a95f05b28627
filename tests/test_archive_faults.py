"""Killing a local run: the parent (no worker may outlive it) or one worker, then rerunning."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import psutil
import pytest

from tests.archive_faults import (
    alive,
    assert_every_page_once,
    committed_sources,
    kill_group,
    start_extract,
    wait_for,
)
from tests.archive_pages import write_pages

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals")
PAGES = 120


@pytest.fixture()
def archive(tmp_path):
    return write_pages(tmp_path / "paper", PAGES, paragraphs=12)


def _workers(process: subprocess.Popen) -> list[int]:
    children = psutil.Process(process.pid).children(recursive=True)
    return [c.pid for c in children if "resource_tracker" not in " ".join(c.cmdline())]


def test_killing_the_parent_kills_its_workers_and_a_rerun_completes(tmp_path, archive):
    out = tmp_path / "run"
    args = (str(tmp_path / "paper"), "-o", str(out), "--jobs", "2", "--batch-size", "2")
    run = start_extract(*args)
    try:
        wait_for(lambda: committed_sources(out) >= 4, 240, "the first batches")
        workers = _workers(run)
        assert len(workers) == 2
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        wait_for(lambda: not alive(workers), 20, "the workers to die with their parent")
    finally:
        kill_group(run)
    assert committed_sources(out) < PAGES, "the run was killed before its end"
    rerun = start_extract(*args)
    try:
        assert rerun.wait(timeout=600) == 0, rerun.stderr.read().decode()
    finally:
        kill_group(rerun)
    assert_every_page_once(out, archive)


def test_a_killed_worker_is_replaced_and_every_page_comes_once(tmp_path, archive):
    out = tmp_path / "run"
    run = start_extract(str(tmp_path / "paper"), "-o", str(out), "-j", "2", "--batch-size", "2")
    try:
        wait_for(lambda: committed_sources(out) >= 4, 240, "the first batches")
        assert run.poll() is None, "the run ended before the kill"
        os.kill(_workers(run)[0], signal.SIGKILL)
        assert run.wait(timeout=600) == 0, run.stderr.read().decode()
    finally:
        kill_group(run)
    assert_every_page_once(out, archive)


def test_ctrl_c_says_how_to_resume_and_leaves_no_worker(tmp_path, archive):
    out = tmp_path / "run"
    run = start_extract(str(tmp_path / "paper"), "-o", str(out), "-j", "2", "--batch-size", "2")
    try:
        wait_for(lambda: committed_sources(out) >= 2, 240, "the first batches")
        workers = _workers(run)
        os.kill(run.pid, signal.SIGINT)
        assert run.wait(timeout=60) == 130
        wait_for(lambda: not alive(workers), 20, "the workers to stop")
    finally:
        kill_group(run)
    stderr = run.stderr.read().decode()
    assert "run the same command again to resume" in stderr
    assert "Traceback" not in stderr

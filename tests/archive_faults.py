"""Helpers for the fault tests: runs in subprocesses, waiting, killing, checking outputs."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psutil

from pipeline.archive.query import query


def start_extract(*args: str) -> subprocess.Popen:
    """``baokan extract ARGS`` in a new session, so that a kill reaches only what we name."""
    command = [sys.executable, "-m", "pipeline.cli", "extract", *args]
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def committed_sources(out: Path) -> int:
    manifest = out / "manifest.jsonl"
    return manifest.read_text(encoding="utf-8").count("\n") if manifest.is_file() else 0


def kill_group(process: subprocess.Popen) -> None:
    """Kill whatever is left of a process started by :func:`start_extract`."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def alive(pids: list[int]) -> list[int]:
    return [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]


def assert_every_page_once(out: Path, inputs: list[Path]) -> None:
    """pages.jsonl and the Parquet pages table each hold every input exactly once."""
    lines = (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    sources = Counter(json.loads(line)["page"]["source"] for line in lines)
    assert sources == Counter(str(p) for p in inputs)
    table = query(out, "SELECT source, count(*) AS n FROM pages GROUP BY source")
    assert dict(zip(table.source, table.n, strict=True)) == dict(sources)
    figures = sum(len(json.loads(line)["figures"]) for line in lines)
    assert query(out, "SELECT count(*) AS n FROM figures").n[0] == figures

"""Load test of `baokan serve` on loopback: latency of POST /extract on the seed page.

    python benchmarks/bench_serve.py [--requests 200] [--concurrency 8] [--workers 2] [PAGE]

Starts the server on a free 127.0.0.1 port, waits until its workers are up, sends one warm-up
request, then ``--requests`` extractions of PAGE (default: the seed page), ``--concurrency``
at a time, and prints p50/p95/max latency, throughput and the number of errors (any answer
but 200). Loopback only; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed" / "000_caa4a03adb5becde.txt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline.cli", "serve", "--port", str(port)]
    return subprocess.Popen([*command, "--workers", str(workers)], stderr=subprocess.DEVNULL)


def _wait_healthy(base: str, workers: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).json()["workers"] == workers:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit("bench_serve: the server did not start")


def _timed_post(client: httpx.Client, url: str, body: dict) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        status = client.post(url, json=body).status_code
    except httpx.HTTPError:
        status = 0
    return time.perf_counter() - started, status


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered) + 0.5) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=SEED)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    body = {"text": args.page.read_text(encoding="utf-8"), "source": args.page.name}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(port, args.workers)
    try:
        _wait_healthy(base, args.workers, server)
        limits = httpx.Limits(max_connections=args.concurrency)
        with httpx.Client(timeout=120, limits=limits) as client:
            _timed_post(client, f"{base}/extract", body)  # warm-up
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(
                    pool.map(
                        lambda _: _timed_post(client, f"{base}/extract", body),
                        range(args.requests),
                    )
                )
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)

    latencies = [t for t, _ in results]
    errors = sum(status != 200 for _, status in results)
    print(
        f"POST /extract, {len(body['text']):,}-character page, {args.requests} requests, "
        f"{args.concurrency} concurrent, {args.workers} workers"
    )
    print(
        f"p50 {percentile(latencies, 0.5) * 1000:.0f} ms  "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms  "
        f"max {max(latencies) * 1000:.0f} ms  mean {statistics.mean(latencies) * 1000:.0f} ms"
    )
    print(f"throughput {args.requests / elapsed:.1f} pages/s  errors {errors}")


if __name__ == "__main__":
    main()

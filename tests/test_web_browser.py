"""A real browser on a real server: headless Chromium drives the annotated seed page.

Starts `baokan serve` on a free loopback port, reads the seed page through the API, opens its
view, hovers 596万家 for its tooltip, checks a claim and sees the evidence marked, and saves a
screenshot as outputs/web_view.png. Skips only when Chromium or Playwright is not installed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pipeline.web.marks import figure_tip

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "outputs" / "web_view.png"
CHROMIUM = os.environ.get("BAOKAN_CHROMIUM") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CLAIM = "浙江已走访企业600万家"

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium: install Debian's chromium package (see .ci/run)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("baokan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.cli"]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    args = [*_command(), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_healthy(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(30)


def _wait_healthy(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"baokan serve exited: {process.stderr.read().decode()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).json()["workers"] >= 1:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail("baokan serve did not become healthy in 180 s")


@pytest.fixture(scope="module")
def seed_page(server, seed_text, seed_path):
    response = httpx.post(
        f"{server}/extract", json={"text": seed_text, "source": seed_path.name}, timeout=120
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture()
def browser_page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1440, "height": 900})
        finally:
            browser.close()


def test_figure_is_highlighted_with_its_tooltip(server, seed_page, browser_page):
    page = browser_page
    page.goto(f"{server}/view/{seed_page['page']['id']}")
    figure = next(f for f in seed_page["figures"] if f["surface"] == "596万家")
    mark = page.locator(f'mark[data-kind="fig"][data-start="{figure["start"]}"]')
    sync_api.expect(mark).to_have_text("596万家")
    background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    mark.hover()
    tip = page.locator("#tip")
    sync_api.expect(tip).to_be_visible()
    assert tip.inner_text().strip() == figure_tip(figure)


def test_claim_box_marks_the_evidence_on_the_page(server, seed_page, browser_page):
    expected = httpx.post(
        f"{server}/check", json={"claim": CLAIM, "page_id": seed_page["page"]["id"]}, timeout=60
    ).json()["verdicts"][0]
    figure = expected["evidence"]["figure"]
    page = browser_page
    page.goto(f"{server}/view/{seed_page['page']['id']}")
    page.fill("#claim-form textarea", CLAIM)
    page.click("#claim-form button[type=submit]")
    verdict = page.locator("#verdicts .verdict")
    sync_api.expect(verdict).to_contain_text(expected["verdict"].replace("_", " "))
    evidence = page.locator("mark.evidence")
    sync_api.expect(evidence).to_have_count(1)
    assert evidence.get_attribute("data-start") == str(figure["start"])
    assert evidence.get_attribute("data-end") == str(figure["end"])
    sync_api.expect(evidence).to_be_in_viewport()
    page.wait_for_timeout(800)  # let the smooth scroll settle before the picture
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def test_front_page_reads_pasted_text_and_opens_its_view(server, browser_page):
    page = browser_page
    page.goto(f"{server}/")
    page.fill("#extract-form textarea", "本报讯 截至2026年4月末，全省已走访企业12万家。")
    page.click("#extract-form button[type=submit]")
    page.wait_for_url(f"{server}/view/page-*", timeout=60_000)
    sync_api.expect(page.locator('mark[data-kind="fig"]').first).to_have_text("12万家")


def test_figure_table_sorts_by_value_and_leads_to_the_figure(server, seed_page, browser_page):
    page = browser_page
    page.goto(f"{server}/view/{seed_page['page']['id']}")
    page.click('#figure-table th button[data-col="1"]')
    keys = page.eval_on_selector_all(
        "#figure-table tbody tr td:nth-child(2)", "cells => cells.map(c => c.dataset.sort)"
    )
    numbers = [float(k) for k in keys if k]
    assert numbers == sorted(numbers) and len(numbers) > 10
    page.click('#figure-table th button[data-col="1"]')  # again: descending
    first = page.locator("#figure-table tbody tr").first
    assert float(first.locator("td").nth(1).get_attribute("data-sort")) == max(numbers)
    first.click()
    start, end = first.get_attribute("data-start"), first.get_attribute("data-end")
    mark = page.locator(f'mark.flash[data-kind="fig"][data-start="{start}"][data-end="{end}"]')
    sync_api.expect(mark).to_be_in_viewport()

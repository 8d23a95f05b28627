"""The HTTP API through FastAPI's test client: every endpoint, every error, JSON errors."""

from __future__ import annotations

import io
import re
import threading
import time

import pytest
from fastapi.testclient import TestClient

import pipeline
from pipeline.document import json_schema
from pipeline.web.app import Settings, create_app

MAX_BYTES = 200_000
CLAIM_PAGE = "本报杭州5月20日电 截至2026年4月末，浙江已组织走访企业596万家，累放贷款6.5万亿元。"


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(workers=1, max_bytes=MAX_BYTES))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def seed_id(client, seed_text):
    response = client.post("/extract", json={"text": seed_text, "source": "seed.txt"})
    assert response.status_code == 200
    return response.json()["page"]["id"]


def _pdf(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        canvas.drawString(72, 760 - 18 * i, line)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"] and "\n" not in body["error"]
    return body["error"]


# --- /extract ---------------------------------------------------------------------------


def test_extract_json_gives_the_same_bytes_as_the_python_api(client, seed_text):
    response = client.post(
        "/extract", json={"text": seed_text, "published": "2026-05-20", "source": "seed.txt"}
    )
    assert response.status_code == 200
    expected = pipeline.extract(seed_text, published="2026-05-20", source="seed.txt").to_json()
    assert response.content.decode("utf-8") == expected
    assert response.headers["x-baokan-pages"] == response.json()["page"]["id"]


def test_extract_document_follows_the_json_schema(client, seed_id):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(client.get(f"/pages/{seed_id}").json(), json_schema())


def test_extract_upload_of_a_gbk_text_file(client, seed_text):
    response = client.post(
        "/extract",
        files={"file": ("page.txt", seed_text.encode("gb18030"), "text/plain")},
        data={"published": "2026-05-20"},
    )
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["page"]["source"] == "page.txt"
    assert doc["page"]["text"] == seed_text
    assert doc["page"]["published"] == "2026-05-20"


def test_extract_upload_of_a_pdf(client):
    lines = ["银行业金融机构普惠型小微企业贷款余额38.8万亿元，同比增长9.9%。"]
    response = client.post("/extract", files={"file": ("page.pdf", _pdf(lines), "application/pdf")})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["page"]["source"].startswith("page.pdf")
    assert "38.8万亿元" in [f["surface"] for f in doc["figures"]]


def test_extract_keeps_the_page_in_the_store(client, seed_id):
    assert seed_id in {page["id"] for page in client.get("/pages").json()}
    doc = client.get(f"/pages/{seed_id}").json()
    assert doc["page"]["id"] == seed_id


def test_extract_of_wrong_media_type_is_415(client):
    assert "JSON" in _error(client.post("/extract", content=b"abc"), 415)
    response = client.post("/extract", content="页面", headers={"content-type": "text/plain"})
    _error(response, 415)
    response = client.post("/extract", files={"file": ("page.docx", b"PK\x03\x04", "x/y")})
    assert "page.docx" in _error(response, 415)


def test_extract_of_a_body_over_the_limit_is_413(client):
    response = client.post("/extract", json={"text": "字" * MAX_BYTES})
    assert "limit" in _error(response, 413)


def test_extract_without_content_length_is_411(client):
    def chunks():
        yield b'{"text": "38.8'
        yield '万亿元"}'.encode()

    response = client.post(
        "/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    _error(response, 411)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"text": "   "}, "empty"),
        ({"text": "贷款", "published": "2026-13-40"}, "not a date"),
        ({"text": "贷款", "published": "yesterday"}, "not a date"),
        ({"text": 42}, "text"),
        ({"published": "2026-05-20"}, "text"),
        ({"text": "贷款", "source": "x" * 501}, "source"),
    ],
)
def test_extract_of_invalid_text_or_date_is_422(client, body, reason):
    assert reason in _error(client.post("/extract", json=body), 422)


def test_text_with_a_lone_surrogate_is_refused(client):
    """Strict JSON parsing refuses it on /extract; /check parses it and then refuses the text."""
    headers = {"content-type": "application/json"}
    response = client.post("/extract", content=b'{"text": "\\ud800"}', headers=headers)
    _error(response, 400)
    body = b'{"claim": "596\xe4\xb8\x87", "text": "\\ud800"}'
    assert "not valid Unicode" in _error(client.post("/check", content=body, headers=headers), 422)


def test_broken_json_is_400(client):
    for path in ("/extract", "/check"):
        response = client.post(
            path, content=b'{"text": ', headers={"content-type": "application/json"}
        )
        _error(response, 400)


def test_upload_that_cannot_be_read_is_422(client):
    garbage = bytes((i * 7919) % 254 + 1 for i in range(4000))
    assert "cannot be read" in _error(
        client.post("/extract", files={"file": ("page.txt", garbage)}), 422
    )
    _error(client.post("/extract", files={"file": ("page.pdf", b"not a pdf")}), 422)


def test_upload_without_a_file_or_with_a_bad_date_is_422(client):
    assert "file" in _error(client.post("/extract", files={"other": ("a.txt", b"x")}), 422)
    response = client.post(
        "/extract", files={"file": ("a.txt", "贷款38.8万亿元".encode())}, data={"published": "x"}
    )
    assert "published" in _error(response, 422)


# --- /check -----------------------------------------------------------------------------


def test_check_against_page_text_supports_the_figure(client):
    response = client.post("/check", json={"claim": "浙江已走访企业596万家", "text": CLAIM_PAGE})
    assert response.status_code == 200, response.text
    body = response.json()
    [verdict] = body["verdicts"]
    assert verdict["verdict"] == "supported"
    figure = verdict["evidence"]["figure"]
    assert CLAIM_PAGE[figure["start"] : figure["end"]] == "596万家"
    assert client.get(f"/pages/{body['page_id']}").status_code == 200


def test_check_against_a_stored_page_finds_the_contradicting_figure(client, seed_id, seed_text):
    response = client.post("/check", json={"claim": "浙江已走访企业600万家", "page_id": seed_id})
    assert response.status_code == 200, response.text
    [verdict] = response.json()["verdicts"]
    assert verdict["verdict"] == "contradicted"
    figure = verdict["evidence"]["figure"]
    assert seed_text[figure["start"] : figure["end"]] == figure["surface"] == "596万家"


def test_check_takes_several_claims(client, seed_id):
    claims = ["浙江已走访企业596万家", "累放贷款6.5万亿元", "这句话没有数字"]
    response = client.post("/check", json={"claim": claims, "page_id": seed_id})
    assert [v["claim"] for v in response.json()["verdicts"]] == claims[:2]


def test_check_of_an_unknown_page_is_404(client):
    response = client.post("/check", json={"claim": "走访企业596万家", "page_id": "page-0"})
    assert "page-0" in _error(response, 404)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"claim": "走访企业596万家"}, "either text or page_id"),
        ({"claim": "走访企业596万家", "text": "页", "page_id": "page-0"}, "either text or page_id"),
        ({"claim": [], "text": "页"}, "between 1 and 50"),
        ({"claim": "", "text": "页"}, "empty"),
        ({"claim": "x" * 2001, "text": "页"}, "longer than 2000"),
        ({"claim": "走访企业596万家", "text": "页", "published": "5/20"}, "not a date"),
    ],
)
def test_check_of_an_invalid_request_is_422(client, body, reason):
    assert reason in _error(client.post("/check", json=body), 422)


# --- the rest ---------------------------------------------------------------------------


def test_schema_version_and_health(client):
    assert client.get("/schema").json() == json_schema()
    assert client.get("/version").json() == {
        "baokan": pipeline.__version__,
        "schema_version": "1",
    }
    assert client.get("/healthz").json() == {"status": "ok", "workers": 1}


def test_openapi_docs_are_served_without_a_cdn(client):
    page = client.get("/docs").text
    assert "swagger" in page.lower()
    scripts = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert scripts and all(s.startswith("/") for s in scripts), scripts
    assert all(client.get(s).status_code == 200 for s in scripts)
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/extract", "/check", "/schema", "/healthz", "/version"} <= set(paths)
    content = paths["/extract"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)


def test_wrong_method_is_json_405_that_says_what_is_allowed(client):
    response = client.get("/extract")
    _error(response, 405)
    assert response.headers["allow"] == "POST"


def test_unknown_page_and_path_are_json_404(client):
    _error(client.get("/pages/page-0"), 404)
    _error(client.get("/view/page-0"), 404)
    _error(client.get("/no/such/path"), 404)


def test_front_page_lists_the_pages_read(client, seed_id):
    response = client.get("/")
    assert response.headers["content-type"].startswith("text/html")
    assert f'href="/view/{seed_id}"' in response.text
    assert 'id="extract-form"' in response.text


def test_view_of_a_stored_page_has_marks_and_the_claim_box(client, seed_id):
    html = client.get(f"/view/{seed_id}").text
    assert 'data-kind="fig"' in html
    assert 'data-check-url="/check"' in html
    assert client.get("/static/baokan.css").status_code == 200
    assert "checkClaim" in client.get("/static/baokan.js").text


# --- time limits ------------------------------------------------------------------------


def test_slow_extraction_is_stopped_504_and_a_busy_server_says_503(seed_text):
    """A cold worker (no warm-up) cannot load the NLP stack in 0.5 s: its job is stopped."""
    settings = Settings(workers=1, timeout=0.5, wait=0.1, warm=False)
    with TestClient(create_app(settings)) as slow:
        results = {}

        def first() -> None:
            results["first"] = slow.post("/extract", json={"text": seed_text})

        thread = threading.Thread(target=first)
        thread.start()
        time.sleep(0.2)
        assert slow.get("/healthz").status_code == 200
        assert thread.is_alive()  # the server answered while the slow page was still running
        second = slow.post("/extract", json={"text": seed_text})
        thread.join()
        assert "stopped after 0.5 s" in _error(results["first"], 504)
        assert "busy" in _error(second, 503)
        deadline = time.monotonic() + 60
        while slow.get("/healthz").json()["workers"] != 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert slow.get("/healthz").json()["workers"] == 1

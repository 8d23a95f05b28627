"""The HTTP API and the annotated page: a thin FastAPI shell over extraction and claim checks.

Extraction and checks run in worker processes (:mod:`pipeline.web.pool`) so that one slow
page never blocks the server; every page the server reads is kept in its store. Errors are
JSON ``{"error": "one-line reason"}`` with the status that says what went wrong.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

import pipeline
from pipeline.document import SCHEMA_VERSION, json_schema, published_date
from pipeline.web import jobs
from pipeline.web.pool import JobFailed, JobTimeout, PoolBusy, WorkerPool
from pipeline.web.render import render_index, render_page
from pipeline.web.store import PageStore

UPLOAD_SUFFIXES = (".txt", ".pdf")
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Settings:
    workers: int = 2
    timeout: float = 30.0  # seconds one extraction or check may run before its worker is killed
    wait: float = 60.0  # seconds a request may wait for a free worker before a 503
    max_bytes: int = 2_000_000  # largest request body
    store: str = ":memory:"  # DuckDB file of the pages read, or in memory
    warm: bool = True  # load the NLP resources in each worker before serving


class ApiError(HTTPException):
    """An error answered as ``{"error": reason}``."""


def _checked_text(value: str) -> str:
    if not value.strip():
        raise ValueError("the page text is empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the page text is not valid Unicode (lone surrogate)") from None
    return value


class PageText(BaseModel):
    """Page text to extract."""

    text: str = Field(description="The page text, UTF-8.")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    source: str = Field("<text>", max_length=500, description="A name for the page.")

    _text = field_validator("text")(_checked_text)
    _published = field_validator("published")(published_date)


class ClaimRequest(BaseModel):
    """Claims to check against page text or a page this server has read."""

    claim: str | list[str] = Field(description="A sentence citing figures, or several.")
    text: str | None = Field(None, description="Page text to check against.")
    page_id: str | None = Field(None, description="Id of a page in this server's store.")
    published: str | None = Field(None, description="Publication date of `text`, YYYY-MM-DD.")

    _published = field_validator("published")(published_date)

    @field_validator("claim")
    @classmethod
    def _claims(cls, value: str | list[str]) -> str | list[str]:
        claims = [value] if isinstance(value, str) else value
        if not claims or len(claims) > 50:
            raise ValueError("give between 1 and 50 claims")
        for claim in claims:
            _checked_text(claim)
            if len(claim) > 2000:
                raise ValueError("a claim is longer than 2000 characters")
        return value

    @model_validator(mode="after")
    def _one_page(self) -> ClaimRequest:
        if (self.text is None) == (self.page_id is None):
            raise ValueError("give either text or page_id")
        if self.text is not None:
            _checked_text(self.text)
        return self


ERROR_BODY = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "description": "One line saying what is wrong."}},
}
# Errors are JSON on every route, the HTML ones included.
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/json": {"schema": ERROR_BODY}}}
    for code, text in {
        400: "the body is not JSON",
        404: "no such page",
        411: "the request has no Content-Length",
        413: "the request body is too large",
        415: "not JSON, nor a .txt/.pdf upload",
        422: "invalid text, date or claim; or a page that cannot be read",
        503: "every worker stayed busy",
        504: "the extraction ran past the time limit and was stopped",
    }.items()
}

EXTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": PageText.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "published": {"type": "string"},
                    },
                }
            },
        },
    }
}


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app; its worker pool and store open and close with the app's lifespan."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(settings.workers, initializer=jobs.warm if settings.warm else None)
        await run_in_threadpool(pool.start)
        app.state.pool, app.state.store = pool, PageStore(settings.store)
        yield
        pool.close()
        app.state.store.close()

    # Docs assets come from the fastapi-offline package: the API page works without internet.
    app = FastAPIOffline(
        title="baokan",
        version=pipeline.__version__,
        description="Chinese newspaper pages in; articles, figures, dates, entities, quotes out.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(_limit_body)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    _api_routes(app)
    _page_routes(app)
    return app


async def _limit_body(request: Request, call_next: Callable[..., Awaitable[Response]]) -> Response:
    """413 before reading a body larger than the limit; 411 when its size is not given."""
    if request.method in ("POST", "PUT", "PATCH"):
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return _error(411, "send the body with a Content-Length")
        limit = request.app.state.settings.max_bytes
        if int(length) > limit:
            return _error(413, f"the body is {int(length):,} bytes; the limit is {limit:,}")
    return await call_next(request)


def _error(status: int, reason: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": reason}, status_code=status, headers=headers)


async def _http_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, HTTPException)
    return _error(err.status_code, str(err.detail), err.headers)  # 405 keeps its Allow


async def _validation_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    broken = any(e.get("type") == "json_invalid" for e in err.errors())
    return _error(400 if broken else 422, describe_errors(err.errors()))


def describe_errors(errors: Any) -> str:
    """One line for pydantic's error list: where, then what."""
    parts = []
    for e in errors:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        message = str(e.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def _api_routes(app: FastAPI) -> None:
    @app.post("/extract", openapi_extra=EXTRACT_BODY, responses=ERRORS, tags=["api"])
    async def extract(request: Request) -> Response:
        """Extract one page: JSON `{"text", "published"?, "source"?}` or a `.txt`/`.pdf` upload.

        Returns the page document (schema at `/schema`). Every page read is stored; for a PDF
        of several pages the first is returned and `X-Baokan-Pages` lists the ids of all.
        """
        docs = await _extract_request(request)
        store: PageStore = request.app.state.store
        ids = []
        for doc in docs:
            page = json.loads(doc)["page"]
            store.put(page["id"], page["source"], doc)
            ids.append(page["id"])
        headers = {"X-Baokan-Pages": ",".join(ids)}
        return Response(docs[0], media_type="application/json", headers=headers)

    @app.post("/check", responses=ERRORS, tags=["api"])
    async def check(body: ClaimRequest, request: Request) -> dict[str, Any]:
        """Check each figure cited in the claim(s) against page text or a stored page."""
        store: PageStore = request.app.state.store
        if body.page_id is not None:
            doc = store.get(body.page_id)
            if doc is None:
                raise ApiError(404, f"no page {body.page_id!r} in this server's store")
        else:
            assert body.text is not None
            doc = (await _run(request, jobs.extract_text, body.text, body.published, "<text>"))[0]
            page = json.loads(doc)["page"]
            store.put(page["id"], page["source"], doc)
        claims = [body.claim] if isinstance(body.claim, str) else body.claim
        verdicts = json.loads(await _run(request, jobs.check_claims, claims, doc))
        return {"page_id": json.loads(doc)["page"]["id"], "verdicts": verdicts}

    @app.get("/pages", tags=["api"])
    async def pages(request: Request) -> list[dict[str, str]]:
        """The pages this server has read: id and source."""
        return [{"id": p.id, "source": p.source} for p in request.app.state.store.pages()]

    @app.get("/pages/{page_id}", responses=ERRORS, tags=["api"])
    async def page(page_id: str, request: Request) -> Response:
        """A stored page document."""
        return Response(_stored(request, page_id), media_type="application/json")

    @app.get("/schema", tags=["api"])
    async def schema() -> dict[str, Any]:
        """The JSON Schema of the page document."""
        return json_schema()

    @app.get("/healthz", tags=["api"])
    async def healthz(request: Request) -> dict[str, Any]:
        """Up, and how many worker processes are alive."""
        return {"status": "ok", "workers": request.app.state.pool.alive()}

    @app.get("/version", tags=["api"])
    async def version() -> dict[str, str]:
        return {"baokan": pipeline.__version__, "schema_version": SCHEMA_VERSION}


def _page_routes(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, tags=["pages"])
    async def index(request: Request) -> str:
        """The front page: paste or upload a page; the pages read so far."""
        stored = [(p.id, p.source) for p in request.app.state.store.pages()]
        return render_index(stored, static_url="/static")

    @app.get("/view/{page_id}", response_class=HTMLResponse, responses=ERRORS, tags=["pages"])
    async def view(page_id: str, request: Request) -> str:
        """The annotated page of a stored page, with the claim box."""
        doc = json.loads(_stored(request, page_id))
        return render_page(doc, check_url="/check", static_url="/static")


def _stored(request: Request, page_id: str) -> str:
    doc = request.app.state.store.get(page_id)
    if doc is None:
        raise ApiError(404, f"no page {page_id!r} in this server's store")
    return doc


async def _extract_request(request: Request) -> list[str]:
    """Documents (JSON) of the page text or the file the request carries."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json":
        try:
            given = PageText.model_validate_json(await request.body())
        except ValidationError as err:
            broken = any(e.get("type") == "json_invalid" for e in err.errors())
            raise ApiError(400 if broken else 422, describe_errors(err.errors())) from None
        return await _run(request, jobs.extract_text, given.text, given.published, given.source)
    if media == "multipart/form-data":
        data, filename, published = await _upload(request)
        return await _run(request, jobs.extract_upload, data, filename, published)
    raise ApiError(415, 'send JSON {"text": ...} or a multipart upload of a .txt or .pdf file')


async def _upload(request: Request) -> tuple[bytes, str, str | None]:
    """The uploaded file's bytes and name, and the published date field."""
    try:
        form = await request.form(max_files=1, max_fields=10)
    except (HTTPException, ValueError, AssertionError) as err:
        raise ApiError(422, f"the upload cannot be read: {err}") from None
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise ApiError(422, "file: the upload has no file field")
    filename = upload.filename or ""
    if not filename.lower().endswith(UPLOAD_SUFFIXES):
        raise ApiError(415, f"{filename or 'the file'}: only .txt and .pdf files are read")
    published = form.get("published")
    try:
        date = published_date(published if isinstance(published, str) and published else None)
    except ValueError as err:
        raise ApiError(422, f"published: {err}") from None
    return await upload.read(), filename, date


async def _run(request: Request, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a worker process, its failures turned into HTTP errors."""
    settings: Settings = request.app.state.settings
    pool: WorkerPool = request.app.state.pool
    try:
        return await run_in_threadpool(
            pool.run, fn, *args, timeout=settings.timeout, wait=settings.wait
        )
    except JobTimeout as err:
        raise ApiError(504, f"extraction {err}; the worker was replaced") from None
    except PoolBusy as err:
        raise ApiError(503, f"server busy: {err}") from None
    except JobFailed as err:
        raise ApiError(422, f"the page cannot be read: {err}") from None

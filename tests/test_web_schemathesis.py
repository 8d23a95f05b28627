"""Generated requests over the app's OpenAPI schema (in-process ASGI): no 500 on any of them.

Valid and invalid requests alike must get a status and media type the schema documents, and
never a 500. Schema-valid requests may still be refused (an empty text, a claim without a
page, a .png upload), so the check that they are accepted is left out.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402

from pipeline.web.app import Settings, create_app  # noqa: E402

SETTINGS = Settings(workers=1, timeout=20.0, max_bytes=200_000)
# Building the app starts nothing (workers start with its lifespan), so this is cheap.
OPERATIONS = [
    (path, method, mode)
    for path, methods in create_app(SETTINGS).openapi()["paths"].items()
    for method in methods
    # Only request bodies can be made invalid; paths and plain GETs have nothing to break.
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or method == "post"
]


def test_generated_requests_get_documented_answers_never_a_500():
    """One test for all operations: schemathesis ends the app's lifespan (its workers) per test."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(SETTINGS))
    for path, method, mode in OPERATIONS:

        @given(case=schema[path][method].as_strategy(generation_mode=mode))
        @settings(
            max_examples=60 if method == "post" else 5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def check(case) -> None:
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as err:
            err.add_note(f"operation: {method.upper()} {path}, {mode.value} data")
            raise

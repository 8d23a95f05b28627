"""Installable anywhere: the sdist and the wheel carry every data file and model.

Builds the sdist and, from it, the wheel (``python -m build``, as a user would), once per
session; about 15 seconds. The whole round trip (install the wheel into a fresh venv and
extract pages there) is in ``.ci/run``.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.lexicon import GAZETTEERS

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> list[str]:
    """Files under a folder of the checkout, relative to the checkout, caches left out."""
    return sorted(
        str(p.relative_to(ROOT))
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def wheel_names(dist) -> set[str]:
    (wheel,) = dist.glob("baokan-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.fixture(scope="module")
def sdist_names(dist) -> set[str]:
    (sdist,) = dist.glob("baokan-*.tar.gz")
    with tarfile.open(sdist) as tf:
        return {name.split("/", 1)[1] for name in tf.getnames() if "/" in name}


def test_gazetteers_are_found_through_the_installed_package():
    import pipeline.gazetteers

    assert Path(pipeline.gazetteers.__file__).parent == GAZETTEERS
    assert (GAZETTEERS / "segment" / "furniture_markers.txt").is_file()


def test_every_gazetteer_file_is_in_the_wheel_under_pipeline(wheel_names):
    files = _files(ROOT / "gazetteers")
    assert len(files) > 50
    missing = [f for f in files if f"pipeline/{f}" not in wheel_names]
    assert not missing, missing[:10]


def test_every_model_file_is_in_the_wheel(wheel_names):
    files = _files(ROOT / "pipeline" / "models")
    assert any(f.endswith(".crfsuite") for f in files)
    missing = [f for f in files if f not in wheel_names]
    assert not missing, missing[:10]


def test_every_file_of_the_package_is_in_the_wheel(wheel_names):
    missing = [f for f in _files(ROOT / "pipeline") if f not in wheel_names]
    assert not missing, missing[:10]


def test_wheel_carries_the_schema_and_no_corpora(wheel_names):
    assert "pipeline/schema.json" in wheel_names
    assert not [n for n in wheel_names if n.startswith(("corpora/", "gazetteers/"))]


def test_sdist_carries_gazetteers_and_models(sdist_names):
    files = _files(ROOT / "gazetteers") + _files(ROOT / "pipeline" / "models")
    missing = [f for f in files if f not in sdist_names]
    assert not missing, missing[:10]


def test_version_option_prints_the_installed_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"baokan {metadata.version('baokan')}"

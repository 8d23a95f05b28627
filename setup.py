"""The package list: ``pipeline`` and its subpackages, plus the data package.

The top-level ``gazetteers/`` folder becomes ``pipeline.gazetteers``. pyproject.toml holds
everything else; its ``find`` directive cannot add a package that lives outside
``pipeline/``, so the list is computed here. Data folders count as (namespace) packages,
which is how setuptools ships their files.
"""

from setuptools import find_namespace_packages, setup

SKIP = ["*__pycache__*"]
GAZETTEERS = find_namespace_packages(where="gazetteers", exclude=SKIP)

setup(
    packages=[
        *find_namespace_packages(include=["pipeline*"], exclude=SKIP),
        "pipeline.gazetteers",
        *(f"pipeline.gazetteers.{name}" for name in GAZETTEERS),
    ],
    package_dir={"pipeline.gazetteers": "gazetteers"},
)

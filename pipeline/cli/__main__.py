"""``python -m pipeline.cli``: the ``baokan`` command."""

from pipeline.cli import main

main()

"""Archives at scale: many inputs, a process pool or a Dask cluster, a run folder.

- :mod:`~pipeline.archive.inputs`: page sources from files, folders, ZIP/TAR, JSON Lines
- :mod:`~pipeline.archive.work`: what a worker does with a batch of sources
- :mod:`~pipeline.archive.engines`: in-process, local pool, Dask; same interface
- :mod:`~pipeline.archive.run`: the run folder (manifest, pages.jsonl, Parquet parts)
- :mod:`~pipeline.archive.query`: the DuckDB catalog and SQL over it
- :mod:`~pipeline.archive.runner`: a run from inputs to folder
"""

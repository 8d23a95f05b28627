"""baokan's data files (lexicons, name lists, tables): installed as ``pipeline.gazetteers``.

The folder stays at the top level of the project; setup.py maps it into the package at build
time, and :mod:`pipeline.lexicon` reads it through :mod:`importlib.resources`.
"""

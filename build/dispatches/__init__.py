"""Dispatches: turn raw news scrapes into a browsable, citable dataset.

The pipeline runs in stages, each a module named for what it does:
ingest -> segment -> load -> publish (Datasette).
"""

__version__ = "0.1.0"

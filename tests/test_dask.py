"""The NLP stage on a Dask cluster builds the same database as a local build."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from dispatches import pipeline
from test_rebuild import canonical

distributed = pytest.importorskip("distributed", reason="Dask is a test extra (pip install -e .[test])")


def test_two_worker_local_cluster_builds_the_identical_database(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline.DaskReaders, "CHUNK", 2)       # several tasks over the six articles
    pipeline.run(SEEDS, tmp_path / "local.db", cache_path=None, jobs=1)
    result = pipeline.run(SEEDS, tmp_path / "dask.db", cache_path=None, jobs=2, executor="dask")
    assert len(result.articles) == 6
    assert canonical(tmp_path / "local.db") == canonical(tmp_path / "dask.db")


def test_dask_reads_only_what_the_cache_lacks(tmp_path):
    db = tmp_path / "a.db"
    pipeline.run(SEEDS, db, jobs=1)
    again = pipeline.run(SEEDS, db, jobs=2, executor="dask")
    assert again.cache_misses == 0 and again.cache_hits >= 6

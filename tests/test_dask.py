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


def odd_files(folder):
    """A seeds folder with every kind of file ingest sorts: two copies of one scrape (the
    later one a duplicate), an empty file, binary data, an HTML page, a file with no
    article, and two real seeds."""
    import shutil
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    for n, seed in enumerate(seeds):
        shutil.copy(seed, folder / f"{n}-{seed.name}")
    shutil.copy(seeds[0], folder / "9-copy.txt")
    (folder / "3-empty.txt").write_bytes(b"")
    (folder / "4-binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "5-page.txt").write_text("<html><body><p>Hi</p></body></html>")
    (folder / "6-menu.txt").write_text("Home\nNews\nSport\n")
    return folder


def test_files_are_read_and_cut_by_the_workers(tmp_path, monkeypatch):
    """Same seed_files rows (duplicate, empty, rejected, each with its reason) and articles as a
    local build, with this process unable to read or cut a file: the workers did both."""
    seeds = odd_files(tmp_path / "seeds")
    pipeline.run(seeds, tmp_path / "local.db", cache_path=None, jobs=1)

    def not_here(*args, **kwargs):
        raise AssertionError("the client read or cut a file")
    monkeypatch.setattr(pipeline.ingest, "ingest", not_here)
    monkeypatch.setattr(pipeline.ingest, "read_seed", not_here)
    monkeypatch.setattr(pipeline.segment, "segment", not_here)
    monkeypatch.setattr(pipeline.DaskReaders, "FILES", 3)        # several tasks, in order
    result = pipeline.run(seeds, tmp_path / "dask.db", cache_path=None, jobs=2, executor="dask")
    statuses = {s.path: s.status for s in result.seeds}
    assert statuses["9-copy.txt"] == "duplicate" and statuses["3-empty.txt"] == "empty"
    assert statuses["4-binary.txt"] == statuses["5-page.txt"] == "rejected"
    assert canonical(tmp_path / "local.db") == canonical(tmp_path / "dask.db")


def test_an_empty_folder_builds_an_empty_database_without_a_cluster(tmp_path):
    (tmp_path / "seeds").mkdir()
    result = pipeline.run(tmp_path / "seeds", tmp_path / "dask.db", cache_path=None, jobs=2, executor="dask")
    assert result.seeds == [] and result.articles == []

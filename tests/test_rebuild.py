"""Rebuilds people can cite: a killed build leaves the previous database intact, the same
inputs give the same tables, and ids do not move when another file comes or goes."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEEDS
from dispatches import pipeline

ENTITY_TABLES = ("articles", "people", "organizations", "places", "events", "figures", "quotes")


def canonical(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: equal when the contents are equal, whatever the row order."""
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' "
                                        "and name not like '%_fts%' and name not like 'sqlite_%'")]
    return {name: sorted(conn.execute(f"select * from [{name}]").fetchall(), key=repr) for name in sorted(names)}


def ids(db: Path, table: str) -> set[str]:
    return {r[0] for r in sqlite3.connect(db).execute(f"select id from [{table}]")}


def test_two_builds_of_the_same_inputs_are_identical(tmp_path):
    pipeline.run(SEEDS, tmp_path / "a.db")
    pipeline.run(SEEDS, tmp_path / "b.db")
    a, b = canonical(tmp_path / "a.db"), canonical(tmp_path / "b.db")
    assert a.keys() == b.keys()
    for table in a:
        assert a[table] == b[table], table
    assert sum(len(rows) for rows in a.values()) > 400


def test_ids_stay_when_a_file_is_added_or_removed(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(SEEDS, base)
    pipeline.run(base, tmp_path / "before.db")
    more = tmp_path / "more"
    shutil.copytree(SEEDS, more)
    for extra in sorted((FIXTURES / "events" / "seeds").glob("*.txt"))[:3]:
        shutil.copyfile(extra, more / f"zz_{extra.name}")
    pipeline.run(more, tmp_path / "after.db")
    for table in ENTITY_TABLES:
        old, new = ids(tmp_path / "before.db", table), ids(tmp_path / "after.db", table)
        assert old <= new, (table, sorted(old - new))
    # and removing a file keeps the others' ids
    fewer = tmp_path / "fewer"
    shutil.copytree(SEEDS, fewer)
    removed = sorted(fewer.glob("*.txt"))[-1]
    removed.unlink()
    pipeline.run(fewer, tmp_path / "fewer.db")
    kept = {r[0] for r in sqlite3.connect(tmp_path / "before.db").execute(
        "select id from articles where seed_file != ?", (removed.name,))}
    assert kept <= ids(tmp_path / "fewer.db", "articles")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_build_killed_at_any_point_leaves_the_previous_database(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(12):                       # enough work to be killed in the middle
        for path in SEEDS.glob("*.txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            (seeds / f"{n:02d}_{path.name}").write_text(text.replace("Sunday", f"Sunday {n}"), encoding="utf-8")
    db = tmp_path / "site" / "dispatches.db"
    pipeline.run(SEEDS, db)
    before = db.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "build"))
    for delay in (0.3, 1.5, 3.0, 5.0):
        proc = subprocess.Popen([sys.executable, "-m", "dispatches", "build", "--seeds", str(seeds), "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        if proc.poll() is not None:
            break                             # finished before the kill: nothing left to test at this delay
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert db.read_bytes() == before, delay
        assert sqlite3.connect(db).execute("pragma integrity_check").fetchone() == ("ok",)
        assert sqlite3.connect(db).execute("select count(*) from articles").fetchone() == (6,)
    # the next build replaces it and clears the killed builds' temporary files
    pipeline.run(SEEDS, db)
    assert not list(db.parent.glob(".dispatches.db.tmp-*"))


def test_cache_reads_again_only_what_changed(tmp_path, monkeypatch):
    from dispatches import cache
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = pipeline.run(seeds, tmp_path / "a.db")
    assert first.cache_hits == 0 and first.cache_misses >= 6
    again = pipeline.run(seeds, tmp_path / "a.db")
    assert again.cache_misses == 0 and again.cache_hits == first.cache_misses
    uncached = pipeline.run(seeds, tmp_path / "b.db", cache_path=None)
    assert canonical(tmp_path / "a.db") == canonical(tmp_path / "b.db")      # the cache changes nothing
    # one file edited: only its article is read again
    path = sorted(seeds.glob("*.txt"))[3]
    text = path.read_text(encoding="utf-8")
    assert " hailed " in text
    path.write_text(text.replace(" hailed ", " praised ", 1), encoding="utf-8")
    edited = pipeline.run(seeds, tmp_path / "a.db")
    assert edited.cache_misses == 1 and edited.cache_hits == first.cache_misses - 1
    # a new pipeline version (code or rules changed) invalidates everything
    monkeypatch.setattr(cache, "pipeline_version", lambda: "another-version")
    bumped = pipeline.run(seeds, tmp_path / "a.db")
    assert bumped.cache_hits == 0
    assert uncached.cache_hits == 0


def test_parallel_reading_gives_the_same_tables(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)          # use the worker processes even for six articles
    pipeline.run(SEEDS, tmp_path / "one.db", cache_path=None, jobs=1)
    pipeline.run(SEEDS, tmp_path / "two.db", cache_path=None, jobs=2)
    assert canonical(tmp_path / "one.db") == canonical(tmp_path / "two.db")


def test_articles_sent_to_the_workers_while_files_are_read_give_the_same_tables(tmp_path, monkeypatch):
    from dispatches import nlp
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)          # a cold build of six articles starts the workers
    monkeypatch.setattr(nlp, "BATCH_SIZE", 2)                 # and sends them chunks of two as files are cut
    sent = []
    real_send = pipeline.Reading.send

    def spy(self, whole_chunks_only):
        before = len(self.sent)
        real_send(self, whole_chunks_only)
        sent.extend([whole_chunks_only] * (len(self.sent) - before))
    monkeypatch.setattr(pipeline.Reading, "send", spy)
    pipeline.run(SEEDS, tmp_path / "streamed.db", cache_path=None, jobs=2)
    assert sent.count(True) >= 2                               # chunks went out before the last file was read
    pipeline.run(SEEDS, tmp_path / "one.db", cache_path=None, jobs=1)
    assert canonical(tmp_path / "one.db") == canonical(tmp_path / "streamed.db")


def test_the_last_chunks_of_a_reading_shrink_so_the_workers_end_together():
    # while many are left: whole spaCy batches; then half of each worker's share, down to the smallest
    assert pipeline.chunk_size(1000, 2, 32, 4) == 32
    assert pipeline.chunk_size(100, 2, 32, 4) == 25        # 100 / (2 workers * 2)
    assert pipeline.chunk_size(31, 2, 32, 4) == 8
    assert pipeline.chunk_size(10, 2, 32, 4) == 4          # never below the smallest...
    assert pipeline.chunk_size(3, 2, 32, 4) == 3           # ...unless fewer are left
    assert pipeline.chunk_size(1, 4, 32, 4) == 1


class FakePool:
    """Takes chunks and finishes them only when told (``finish_one``)."""

    def __init__(self):
        self.chunks, self.callbacks = [], []

    def apply_async(self, fn, args, callback, error_callback):
        self.chunks.append(len(args[0]))
        self.callbacks.append(callback)
        return None

    def finish_one(self):
        self.callbacks.pop(0)(None)


def test_streaming_queues_at_most_two_chunks_a_worker_then_the_rest_follow_as_they_finish():
    from dispatches import nlp
    from dispatches.cache import Cache
    from dispatches.records import Article
    articles = [Article("f.txt", n, None, None, None, None, [], f"Body {n}.") for n in range(200)]
    readers = pipeline.Readers(2)
    readers.pool, readers.workers = FakePool(), 2
    reading = pipeline.Reading(articles, Cache(None), readers, stream=True)
    reading.pending = list(range(200))
    reading.send(whole_chunks_only=True)
    assert readers.pool.chunks == [nlp.BATCH_SIZE] * 4     # 2 workers x 2, the other 72 wait
    readers.pool.finish_one()
    reading.send(whole_chunks_only=True)
    assert readers.pool.chunks == [nlp.BATCH_SIZE] * 5
    assert len(reading.pending) == 200 - 5 * nlp.BATCH_SIZE
    reading.send(whole_chunks_only=True)                   # none finished since: nothing more goes
    assert len(readers.pool.chunks) == 5 and len(reading.pending) == 40


def test_workers_start_only_for_enough_uncached_articles_then_take_any_number():
    readers = pipeline.Readers(2)
    assert not readers.parallel(pipeline.PARALLEL_MIN - 1)     # a small build reads in this process
    assert readers.parallel(pipeline.PARALLEL_MIN)
    assert not pipeline.Readers(1).parallel(10_000)           # one job: never workers
    readers.pool = object()                                    # workers already up (model loaded):
    assert readers.parallel(3)                                 # the second reading goes to them too
    assert not readers.parallel(0)


def test_cache_size_counts_stored_extractions(tmp_path):
    from dispatches.cache import Cache
    from dispatches.records import Extraction
    assert Cache(None).size() == 0
    store = Cache(tmp_path / "c.sqlite")
    assert store.size() == 0
    store.put("k1", Extraction())
    store.put("k2", Extraction())
    store.put("k1", Extraction())                              # the same key again replaces it
    assert store.size() == 2


@pytest.mark.parametrize("damage", ["garbage", "torn page"])
def test_damaged_cache_is_set_aside_and_the_build_goes_on(tmp_path, capsys, damage):
    db = tmp_path / "a.db"
    first = pipeline.run(SEEDS, db)
    cache_file = pipeline.default_cache(db)
    data = bytearray(cache_file.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this is not a database" * 100)
    else:   # keep the header, overwrite every page after the first two
        data[8192:] = b"\xff" * (len(data) - 8192)
    assert len(data) > 0
    cache_file.write_bytes(bytes(data))
    again = pipeline.run(SEEDS, db)
    assert "is damaged" in capsys.readouterr().err
    assert cache_file.with_name(cache_file.name + ".broken").exists()
    assert again.cache_hits == 0 and again.cache_misses == first.cache_misses
    pipeline.run(SEEDS, tmp_path / "plain" / "b.db", cache_path=None)
    assert canonical(db) == canonical(tmp_path / "plain" / "b.db")
    # the new cache works: the next build reads nothing again
    assert pipeline.run(SEEDS, db).cache_misses == 0


def flip_one_stored_byte(cache_file: Path, table: str, offset: int) -> None:
    conn = sqlite3.connect(cache_file)
    key, value = conn.execute(f"select key, value from {table} order by key limit 1").fetchone()
    changed = bytearray(value)
    changed[offset % len(changed)] ^= 0x5A
    conn.execute(f"update {table} set value = ? where key = ?", (bytes(changed), key))
    conn.commit()
    conn.close()


def counting_reads(monkeypatch) -> list[str]:
    """The names of the files the build reads from disk from now on."""
    read, names = pipeline.ingest.read_seed, []

    def counted(path, *args, **kwargs):
        names.append(path.name)
        return read(path, *args, **kwargs)
    monkeypatch.setattr(pipeline.ingest, "read_seed", counted)
    return names


def test_a_rebuild_reads_only_the_files_whose_stamp_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline.ingest, "SETTLED_SECONDS", 0)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    pipeline.run(seeds, tmp_path / "a.db")
    reads = counting_reads(monkeypatch)
    pipeline.run(seeds, tmp_path / "a.db")
    assert reads == []                                   # nothing changed: no file read or hashed
    paths = sorted(seeds.glob("*.txt"))
    paths[1].touch()                                     # same bytes, new time: read again
    text = paths[3].read_text(encoding="utf-8")
    paths[3].write_text(text.replace(" hailed ", " praised ", 1), encoding="utf-8")
    edited = pipeline.run(seeds, tmp_path / "a.db")
    assert sorted(reads) == sorted([paths[1].name, paths[3].name])
    assert edited.cache_misses == 1                      # the touched file's article came from the cache
    pipeline.run(seeds, tmp_path / "plain.db", cache_path=None)
    assert canonical(tmp_path / "a.db") == canonical(tmp_path / "plain.db")


def test_files_looked_up_in_batches_come_back_as_read_one_by_one(tmp_path, monkeypatch):
    """Reading the files in batches of two (the store asked once a batch) gives, file by
    file, what reading each alone without a store gives, and reads none of them again."""
    from dispatches.cache import Cache
    monkeypatch.setattr(pipeline.ingest, "SETTLED_SECONDS", 0)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    pipeline.run(seeds, tmp_path / "a.db")
    paths = sorted(seeds.glob("*.txt"))
    assert len(paths) >= 5
    alone = [pipeline.read_and_cut(path, seeds, pipeline.ingest.DEFAULT_MAX_BYTES, False) for path in paths]
    store = Cache(pipeline.default_cache(tmp_path / "a.db"))
    reads = counting_reads(monkeypatch)
    batched = list(pipeline.read_and_cut_all(paths, seeds, pipeline.ingest.DEFAULT_MAX_BYTES, False, store, batch=2))
    store.close()
    assert reads == []
    assert [(r.read, r.key, r.cut, r.articles) for r in batched] == [(r.read, r.key, r.cut, r.articles) for r in alone]
    assert sum(len(r.articles) for r in batched) >= 5


def test_an_edit_that_keeps_the_size_and_the_modified_time_is_seen(tmp_path, monkeypatch):
    """Tools that restore the modified time (cp -p, rsync -t, touch -d) cannot restore the change time."""
    monkeypatch.setattr(pipeline.ingest, "SETTLED_SECONDS", 0)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "a.db"
    pipeline.run(seeds, db)
    hailed = sum(b.count(" hailed ") for (b,) in sqlite3.connect(db).execute("select body from articles"))
    path = sorted(seeds.glob("*.txt"))[3]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(" hailed ", " lauded ", 1), encoding="utf-8")      # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    pipeline.run(seeds, db)
    bodies = [b for (b,) in sqlite3.connect(db).execute("select body from articles")]
    assert sum(b.count(" lauded ") for b in bodies) == 1 and sum(b.count(" hailed ") for b in bodies) == hailed - 1


def test_a_file_changed_moments_ago_is_not_kept_by_its_stamp(tmp_path, monkeypatch):
    """Another write in the same tick of a coarse clock would leave the stamp as it was."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)                        # just written: not settled
    db = tmp_path / "a.db"
    pipeline.run(seeds, db)
    assert sqlite3.connect(pipeline.default_cache(db)).execute("select count(*) from files").fetchone()[0] == 0
    reads = counting_reads(monkeypatch)
    pipeline.run(seeds, db)
    assert len(reads) == len(list(seeds.glob("*.txt")))


@pytest.mark.parametrize("table, offset", [("extraction", 3), ("extraction", 40), ("extraction", -20),
                                           ("segments", 50), ("segments", -5), ("files", 30), ("files", -5)])
def test_one_changed_byte_in_a_stored_value_is_a_miss_for_that_entry(tmp_path, monkeypatch, table, offset):
    """A changed byte once raised UnicodeDecodeError on every rebuild, or loaded silently."""
    monkeypatch.setattr(pipeline.ingest, "SETTLED_SECONDS", 0)     # every file is kept by its stamp
    db = tmp_path / "a.db"
    first = pipeline.run(SEEDS, db)
    flip_one_stored_byte(pipeline.default_cache(db), table, offset)
    again = pipeline.run(SEEDS, db)
    assert not pipeline.default_cache(db).with_name(".dispatches-cache.sqlite.broken").exists()
    pipeline.run(SEEDS, tmp_path / "plain.db", cache_path=None)
    assert canonical(db) == canonical(tmp_path / "plain.db")
    if table == "extraction":
        assert again.cache_hits == first.cache_misses - 1


def test_cache_path_that_is_a_folder_is_reported_and_left_alone(tmp_path, capsys):
    folder = tmp_path / "cache.sqlite"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    result = pipeline.run(SEEDS, tmp_path / "a.db", cache_path=folder)
    assert len(result.articles) == 6
    assert "cannot be used" in capsys.readouterr().err
    assert (folder / "keep.txt").read_text() == "mine"


def test_a_locked_cache_is_not_taken_for_damage(tmp_path, capsys, monkeypatch):
    """Another build holding the cache: this build goes on without it and keeps it."""
    db = tmp_path / "a.db"
    pipeline.run(SEEDS, db)
    cache_file = pipeline.default_cache(db)
    holder = sqlite3.connect(cache_file)
    holder.execute("begin exclusive")
    monkeypatch.setattr(sqlite3, "connect", lambda *a, timeout=5.0, **k: _connect(*a, timeout=0.1, **k))
    try:
        result = pipeline.run(SEEDS, db)
    finally:
        holder.rollback()
        holder.close()
    assert len(result.articles) == 6
    err = capsys.readouterr().err
    assert "locked" in err and "is damaged" not in err
    assert not cache_file.with_name(cache_file.name + ".broken").exists()
    assert pipeline.run(SEEDS, db).cache_misses == 0        # the kept cache still serves


_connect = sqlite3.connect


def started_pools(monkeypatch) -> list[int]:
    """The size of each worker pool a build starts (the pools really start)."""
    sizes: list[int] = []
    real = pipeline.Readers.start

    def spy(self, workers):
        sizes.append(workers)
        real(self, workers)
    monkeypatch.setattr(pipeline.Readers, "start", spy)
    return sizes


def test_a_rebuild_of_many_files_with_few_to_read_starts_one_helper(monkeypatch):
    sizes = []
    monkeypatch.setattr(pipeline.Readers, "start", lambda self, workers: (sizes.append(workers),
                                                                          setattr(self, "pool", object()),
                                                                          setattr(self, "workers", workers)))
    readers = pipeline.Readers(2)
    readers.prepare(0, files=pipeline.PARALLEL_MIN)             # a rebuild: nothing known to read yet
    assert sizes == [1]
    readers.prepare(3)                                         # a few changed articles: the helper reads them
    assert sizes == [1]
    readers.prepare(pipeline.PARALLEL_MIN)                     # more than expected: all the workers instead
    assert sizes == [1, 2]
    few = pipeline.Readers(2)
    few.prepare(0, files=pipeline.PARALLEL_MIN - 1)            # a small folder: this process reads
    pipeline.Readers(1).prepare(0, files=10_000)               # one job: never another process
    assert sizes == [1, 2] and few.pool is None


def test_the_helper_reads_the_changed_article_and_the_result_is_the_same(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    pipeline.run(seeds, tmp_path / "site.db", jobs=2)
    path = sorted(seeds.glob("*.txt"))[2]
    path.write_text(path.read_text(encoding="utf-8").replace(" the ", " a ", 1), encoding="utf-8")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 3)           # five files are "many", one article "few"
    sizes = started_pools(monkeypatch)
    result = pipeline.run(seeds, tmp_path / "site.db", jobs=2)
    assert sizes == [1] and result.cache_misses >= 1        # (its article, and any read again with an estimated date)
    monkeypatch.undo()
    pipeline.run(seeds, tmp_path / "full.db", cache_path=None, jobs=1)
    assert canonical(tmp_path / "site.db") == canonical(tmp_path / "full.db")

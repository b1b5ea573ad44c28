"""The database follows SCHEMA.md: keys, foreign keys, stable ids, search, atomic writes."""
from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from dispatches import load, pipeline
from dispatches.ids import unique_ids

from conftest import SEEDS


def test_tables_keys_and_foreign_keys(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    assert db["seed_files"].pks == ["path"]
    for table in ("outlets", "articles", "captions"):
        assert db[table].pks == ["id"]
    fks = {(fk.table, fk.column, fk.other_table) for t in ("articles", "captions") for fk in db[t].foreign_keys}
    assert fks == {("articles", "seed_file", "seed_files"), ("articles", "outlet_id", "outlets"),
                   ("captions", "article_id", "articles")}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    indexed = {tuple(i.columns) for i in db["articles"].indexes}
    assert {("outlet_id",), ("published",)} <= indexed


def test_seed_articles(seeds_db):
    conn = sqlite3.connect(seeds_db)
    rows = conn.execute("select seed_file, position, id, published, wire_agencies, word_count, body "
                        "from articles order by seed_file, position").fetchall()
    assert [(r[0][:3], r[1]) for r in rows] == [("000", 0), ("000", 1), ("001", 0), ("002", 0), ("003", 0), ("004", 0)]
    ids = {r[2] for r in rows}
    assert "2023-04-17-china-minister-hails-strong-russia-ties-in-putin-meeting" in ids
    assert "2024-11-10-russias-shoigu-to-visit-china-next-week" in ids
    assert all(isinstance(json.loads(r[4]), list) for r in rows)
    assert all(r[5] == len(r[6].split()) for r in rows)
    counts = dict(conn.execute("select path, article_count from seed_files"))
    assert counts["000_abe9c48f4cc4bc55.txt"] == 2
    outlets = dict(conn.execute("select id, name from outlets"))
    assert outlets == {"newsweek": "Newsweek", "the-moscow-times": "The Moscow Times"}


def test_bodies_have_no_boilerplate(seeds_db):
    """Lines from the scrapes' page furniture never reach a body."""
    bodies = "\n".join(r[0] for r in sqlite3.connect(seeds_db).execute("select body from articles"))
    for junk in ("Read more", "Source link", "Leave a Reply", "Contribute today", "Min read", "\nTT\n",
                 "01:52", "newsletter", "Getty Images", "(Reuters)", "Dear readers", "Remind me later"):
        assert junk not in bodies, junk
    assert "\n\n\n" not in bodies


def test_captions_are_kept_once(seeds_db):
    conn = sqlite3.connect(seeds_db)
    rows = conn.execute("select a.seed_file, c.text, c.credit from captions c join articles a on a.id = c.article_id "
                        "order by a.seed_file, a.position, c.position").fetchall()
    assert len(rows) == len(set(rows)) == 6
    assert ("001_1a835f9a2327f7d7.txt", None, "kremlin.ru") in rows


def test_full_text_search(seeds_db):
    conn = sqlite3.connect(seeds_db)
    hits = conn.execute("select a.seed_file from articles_fts f join articles a on a.rowid = f.rowid "
                        "where articles_fts match 'reservists'").fetchall()
    assert hits == [("000_abe9c48f4cc4bc55.txt",)]


def test_ids_are_deterministic_and_independent_of_other_files(tmp_path):
    from shutil import copy
    first = tmp_path / "a.db"
    pipeline.run(SEEDS, first)
    fewer = tmp_path / "fewer"
    fewer.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[1:]:
        copy(path, fewer / path.name)
    second = tmp_path / "b.db"
    pipeline.run(fewer, second)
    ids = lambda db: dict(sqlite3.connect(db).execute("select seed_file || '#' || position, id from articles"))
    a, b = ids(first), ids(second)
    assert {k: v for k, v in a.items() if k in b} == b


def test_colliding_slugs_get_a_short_hash():
    ids = unique_ids([("same", "a.txt#0"), ("same", "b.txt#0"), ("other", "c.txt#0")])
    assert ids[0] == "same" and ids[2] == "other"
    assert ids[1].startswith("same-") and len(ids[1]) == len("same-") + 6


@pytest.mark.parametrize("fails", ["sync", "index", "copy_previous", "resolve"])
def test_failed_build_leaves_previous_database(tmp_path, monkeypatch, fails):
    """Whether it fails while changing a copy of the last database (sync), writing every
    table anew (index), copying the last database, or resolving while it is copied."""
    target = tmp_path / "dispatches.db"
    pipeline.run(SEEDS, target)
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")
    if fails == "index":
        monkeypatch.setattr(load, "copy_previous", lambda target, tmp: None)     # write every table
    monkeypatch.setattr(pipeline.resolve if fails == "resolve" else load, fails, boom)
    with pytest.raises(RuntimeError):
        pipeline.run(SEEDS, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dispatches-cache.sqlite", "dispatches.db"]  # no temp file


@pytest.mark.parametrize("text, slug", [
    ("José Ramírez", "jose-ramirez"),                 # accents off
    ("O'Neill’s  Plan!", "oneills-plan"),             # apostrophes dropped, runs of others one dash
    ("Meeting: Li, Putin — Moscow, 16 Apr 2023", "meeting-li-putin-moscow-16-apr-2023"),
    ("Ærø", "r"),                                     # letters with no ASCII base are not slug characters
    ("Dvor\u030cak", "dvorak"),                         # a combining mark written apart is taken off too
    ("ﬁnal Ｍｏｓｃｏｗ ²", "final-moscow-2"),          # compatibility forms folded: ligature, full width, superscript
    ("서울 Seoul", "seoul"),                           # Hangul decomposes to jamo, none of them slug characters
    ("!!!", "untitled"),
])
def test_slugs(text, slug):
    from dispatches.ids import slugify
    assert slugify(text) == slug

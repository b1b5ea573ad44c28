"""Load: write the records into SQLite with sqlite-utils, atomically.

The database is written to a temporary file next to the target and moved
into place only when complete, so an interrupted build leaves the previous
database untouched.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

from .ids import article_slug, slugify, unique_ids
from .records import Article, SeedFile


@contextmanager
def atomic_database(target: Path) -> Iterator[sqlite_utils.Database]:
    """Yield a database in a temporary file; replace ``target`` with it on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    try:
        yield db
        db.conn.commit()
        db.conn.execute("vacuum")
        db.close()
        os.replace(tmp, target)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise


def create_tables(db: sqlite_utils.Database) -> None:
    db["seed_files"].create({
        "path": str, "sha256": str, "bytes": int, "status": str, "reason": str,
        "encoding": str, "article_count": int,
    }, pk="path", not_null={"status"})
    db["outlets"].create({"id": str, "name": str}, pk="id", not_null={"name"})
    # column order is the order a reader scans a table page in: long text last
    db["articles"].create({
        "id": str, "title": str, "outlet_id": str, "published": str, "byline": str,
        "wire_agencies": str, "word_count": int, "seed_file": str, "position": int, "body": str,
        "boilerplate_removed": str,
    }, pk="id", not_null={"seed_file", "position", "body"},
        foreign_keys=[("seed_file", "seed_files", "path"), ("outlet_id", "outlets", "id")])
    db["captions"].create({
        "id": str, "article_id": str, "position": int, "text": str, "credit": str,
    }, pk="id", not_null={"article_id"}, foreign_keys=[("article_id", "articles", "id")])


def article_ids(articles: list[Article]) -> list[str]:
    order = sorted(range(len(articles)), key=lambda i: (articles[i].seed_file, articles[i].position))
    ids = unique_ids([(article_slug(articles[i].published, articles[i].title, articles[i].body),
                       f"{articles[i].seed_file}#{articles[i].position}") for i in order])
    out = [""] * len(articles)
    for i, id_ in zip(order, ids):
        out[i] = id_
    return out


def write(db: sqlite_utils.Database, seeds: list[SeedFile], articles: list[Article]) -> None:
    create_tables(db)
    counts: dict[str, int] = {}
    for a in articles:
        counts[a.seed_file] = counts.get(a.seed_file, 0) + 1
    db["seed_files"].insert_all(
        {"path": s.path, "sha256": s.sha256, "bytes": s.bytes, "status": s.status, "reason": s.reason,
         "encoding": s.encoding, "article_count": counts.get(s.path, 0)}
        for s in seeds)
    outlets = sorted({a.outlet for a in articles if a.outlet})
    db["outlets"].insert_all({"id": slugify(name), "name": name} for name in outlets)
    ids = article_ids(articles)
    db["articles"].insert_all({
        "id": id_, "seed_file": a.seed_file, "position": a.position,
        "outlet_id": slugify(a.outlet) if a.outlet else None, "title": a.title, "byline": a.byline,
        "wire_agencies": json.dumps(a.wire_agencies, ensure_ascii=False), "published": a.published,
        "body": a.body, "word_count": a.word_count,
        "boilerplate_removed": json.dumps(a.dropped, ensure_ascii=False),
    } for id_, a in zip(ids, articles))
    db["captions"].insert_all(
        {"id": f"{id_}-caption-{n}", "article_id": id_, "position": n, "text": c.text, "credit": c.credit}
        for id_, a in zip(ids, articles) for n, c in enumerate(a.captions))
    index(db)


def index(db: sqlite_utils.Database) -> None:
    for table, cols in {
        "seed_files": ["status"],
        "articles": ["outlet_id", "published", "seed_file", "byline"],
        "captions": ["article_id", "credit"],
    }.items():
        for col in cols:
            db[table].create_index([col], if_not_exists=True)
    db["articles"].enable_fts(["title", "body"], tokenize="porter", replace=True)

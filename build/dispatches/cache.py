"""Per-article extraction results, cached by content so a rebuild after one file
changes runs the NLP stage on that file only.

The key is a hash of the article body, the date it is read against (stated or
estimated), the spaCy model, and the *pipeline version*: a hash of every source and
data file of this package except those that only present the data (pages, export,
command line). Editing a rule, a word list or the code therefore
invalidates every entry, without anyone having to remember to bump a number.
The cache is one SQLite file beside the database (``.dispatches-cache.sqlite``);
deleting it is always safe.
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .records import Article, Extraction


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the package's code and data files."""
    digest = hashlib.sha256()
    root = resources.files("dispatches")
    for path in sorted(_files(root), key=lambda p: str(p)):
        digest.update(str(path.relative_to(Path(str(root)))).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Code that runs after the cached steps (cross-article resolution, loading, pages and
# the command line): changing it cannot change a file's segments or an article's
# extraction, so it is not part of the version.
NOT_CACHED = {"resolve.py", "load.py", "render.py", "export.py", "cli.py", "__main__.py"}


def _files(root) -> list[Path]:
    base = Path(str(root))
    return [p for p in base.rglob("*") if p.is_file() and p.suffix in (".py", ".yml", ".yaml")
            and p.name not in NOT_CACHED]


def key(body: str, reference: str | None, model: str) -> str:
    return hashlib.sha256("\x1f".join((pipeline_version(), model, reference or "", body)).encode()).hexdigest()


class Cache:
    """get/put by key; ``hits`` and ``misses`` count this build's lookups."""

    def __init__(self, path: Path | None):
        self.path = path
        self.hits = self.misses = 0
        self.used: set[str] = set()
        self.conn = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path)
            self.conn.execute("create table if not exists extraction (key text primary key, value blob not null)")
            self.conn.execute("create table if not exists segments (key text primary key, value text not null)")

    def get(self, k: str) -> Extraction | None:
        if self.conn is None:
            self.misses += 1
            return None
        row = self.conn.execute("select value from extraction where key = ?", (k,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return pickle.loads(row[0])

    def segments(self, path: str, text: str, segment) -> list[Article]:
        """The articles ``segment(path, text)`` cuts from a file, from the cache when this
        version of the pipeline has cut the same text under the same name before."""
        k = hashlib.sha256("\x1f".join((pipeline_version(), path, text)).encode()).hexdigest()
        self.used.add(k)
        if self.conn is not None:
            row = self.conn.execute("select value from segments where key = ?", (k,)).fetchone()
            if row is not None:
                return pickle.loads(row[0])
        found = segment(path, text)
        if self.conn is not None:
            self.conn.execute("insert or replace into segments values (?, ?)",
                              (k, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)))
        return found

    def put(self, k: str, ex: Extraction) -> None:
        # pickle: this file is our own, written and read by this program only; it
        # loads about twice as fast as rebuilding the records from JSON
        if self.conn is not None:
            self.conn.execute("insert or replace into extraction values (?, ?)",
                              (k, pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)))

    def close(self, keep: set[str] | None = None) -> None:
        """Commit; with ``keep``, drop entries this build did not use (old versions, removed files)."""
        if self.conn is None:
            return
        if keep is not None:
            self.conn.execute("create temp table keep (key text primary key)")
            self.conn.executemany("insert or ignore into keep values (?)", ((k,) for k in keep))
            self.conn.execute("delete from extraction where key not in (select key from keep)")
            self.conn.execute("delete from segments where key not in (select key from keep)")
        self.conn.commit()
        self.conn.close()
        self.conn = None

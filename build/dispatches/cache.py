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
import os
import pickle
import sqlite3
import sys
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


# What a damaged cache file raises: it is then moved aside and the build goes on without it.
BROKEN = (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError)


class Cache:
    """get/put by key; ``hits`` and ``misses`` count this build's lookups. A cache file
    that turns out to be damaged is renamed to ``*.broken`` with a warning, replaced by
    an empty one, and the build reads everything itself: the cache never fails a build."""

    def __init__(self, path: Path | None):
        self.path = path
        self.hits = self.misses = 0
        self.used: set[str] = set()
        self.conn = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._open()
            except BROKEN as exc:
                self._give_up(exc)

    def _open(self) -> None:
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("create table if not exists extraction (key text primary key, value blob not null)")
        self.conn.execute("create table if not exists segments (key text primary key, value text not null)")

    def _give_up(self, exc: Exception) -> None:
        """Move the damaged file aside and go on with an empty cache (or none)."""
        print(f"warning: the cache {self.path} is damaged ({exc}); moved to {self.path.name}.broken, "
              "and this build reads every article itself", file=sys.stderr)
        try:
            if self.conn is not None:
                self.conn.close()
        except sqlite3.Error:
            pass
        self.conn = None
        for suffix in ("", "-journal", "-wal", "-shm"):
            old = self.path.with_name(self.path.name + suffix)
            if old.exists():
                os.replace(old, self.path.with_name(self.path.name + ".broken" + suffix))
        try:
            self._open()
        except (OSError, *BROKEN):
            self.conn = None

    def _safely(self, action, default=None):
        """``action(connection)``, or ``default`` when there is no cache or it is damaged."""
        if self.conn is None:
            return default
        try:
            return action(self.conn)
        except BROKEN as exc:
            self._give_up(exc)
            return default

    def _stored(self, keys: set[str], columns: str, read, default):
        """``read(rows)`` over the rows of ``extraction`` (``columns``) that ``keys`` name,
        streamed from one query."""
        def action(conn):
            conn.execute("create temp table if not exists wanted (key text primary key)")
            conn.execute("delete from wanted")
            conn.executemany("insert into wanted values (?)", ((k,) for k in keys))
            return read(conn.execute(f"select {columns} from extraction join wanted using (key)"))
        return self._safely(action, default)

    def present(self, keys) -> set[str]:
        """Which of ``keys`` have a stored extraction (counted as hits, the others as misses)."""
        keys = set(keys)
        found = self._stored(keys, "key", lambda rows: {k for (k,) in rows}, set())
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def get_many(self, keys) -> dict[str, Extraction]:
        """The stored extractions of ``keys`` (those that have one)."""
        return self._stored(set(keys), "key, value", lambda rows: {k: pickle.loads(v) for k, v in rows}, {})

    def segments(self, path: str, text: str, segment) -> list[Article]:
        """The articles ``segment(path, text)`` cuts from a file, from the cache when this
        version of the pipeline has cut the same text under the same name before."""
        k = hashlib.sha256("\x1f".join((pipeline_version(), path, text)).encode()).hexdigest()
        self.used.add(k)

        def stored(conn):
            row = conn.execute("select value from segments where key = ?", (k,)).fetchone()
            return None if row is None else pickle.loads(row[0])
        found = self._safely(stored)
        if found is None:
            found = segment(path, text)
            blob = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            self._safely(lambda conn: conn.execute("insert or replace into segments values (?, ?)", (k, blob)))
        return found

    def put(self, k: str, ex: Extraction) -> None:
        # pickle: this file is our own, written and read by this program only; it
        # loads about twice as fast as rebuilding the records from JSON
        blob = pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)
        self._safely(lambda conn: conn.execute("insert or replace into extraction values (?, ?)", (k, blob)))

    def close(self, keep: set[str] | None = None) -> None:
        """Commit; with ``keep``, drop entries this build did not use (old versions, removed files)."""
        def action(conn):
            if keep is not None:
                conn.execute("create temp table keep (key text primary key)")
                conn.executemany("insert or ignore into keep values (?)", ((k,) for k in keep))
                conn.execute("delete from extraction where key not in (select key from keep)")
                conn.execute("delete from segments where key not in (select key from keep)")
            conn.commit()
        self._safely(action)
        if self.conn is not None:
            self.conn.close()
        self.conn = None

"""Per-article extraction results, cached by content so a rebuild after one file
changes runs the NLP stage on that file only.

The key is a hash of the article body, the date it is read against (stated or
estimated), the spaCy model, and the *pipeline version*: a hash of every source and
data file of this package except those that only present the data (pages, export,
command line). Editing a rule, a word list or the code therefore
invalidates every entry, without anyone having to remember to bump a number.
Each file's cut (its articles) is kept too, by the hash of its text and name, and
each read file's outcome by its stamp (:func:`ingest.settled_stamp`), so that a
rebuild neither reads nor hashes the files that did not change; and the gazetteer,
which loads faster than it builds.
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
    """A hash of the package's code and data files that the cached steps run."""
    return _hash(p for p in _files() if p.name not in NOT_CACHED)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of every code and data file of the package, those that run after the cached
    steps included (what the database's rows are made by)."""
    return _hash(_files())


# Code that runs after the cached steps (cross-article resolution, loading, pages and
# the command line): changing it cannot change a file's segments or an article's
# extraction, so it is not part of the version.
NOT_CACHED = {"resolve.py", "load.py", "render.py", "export.py", "cli.py", "__main__.py"}


def _hash(paths) -> str:
    """Of each file, in path order: its path in the package and its bytes."""
    root = Path(str(resources.files("dispatches")))
    digest = hashlib.sha256()
    for path in sorted(paths, key=str):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _files() -> list[Path]:
    base = Path(str(resources.files("dispatches")))
    return [p for p in base.rglob("*") if p.is_file() and p.suffix in (".py", ".yml", ".yaml")]


def key(body: str, reference: str | None, model: str) -> str:
    return hashlib.sha256("\x1f".join((pipeline_version(), model, reference or "", body)).encode()).hexdigest()


def segments_key(path: str, text: str) -> str:
    """Of the articles cut from ``text`` under the name ``path`` by this pipeline version."""
    return hashlib.sha256("\x1f".join((pipeline_version(), path, text)).encode()).hexdigest()


def file_key(path: str, stamp: tuple, how: tuple) -> str:
    """Of what reading the file ``path`` with ``stamp`` (see :func:`ingest.settled_stamp`) the
    way ``how`` says (size limit, links) gave this pipeline version."""
    return hashlib.sha256("\x1f".join((pipeline_version(), path, repr(stamp), repr(how))).encode()).hexdigest()


# What SQLite says of a damaged file: it is then moved aside and the build goes on with a
# new one. Anything else it says (locked by another build, disk full, read-only folder, a
# folder in the cache's place) is reported as what it is, and this build goes on without
# a cache, leaving the file alone.
DAMAGE = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
CHECK = 8       # bytes of SHA-256 stored before each value: a changed byte makes the entry a miss


def damaged(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", None) or ""
    return any(name.startswith(code) for code in DAMAGE) or "malformed" in str(exc)


def seal(value) -> bytes:
    """``value`` pickled, with a checksum in front."""
    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(blob).digest()[:CHECK] + blob


def unseal(stored: bytes):
    """The value :func:`seal` stored, or None when the bytes are not what was written."""
    if not isinstance(stored, bytes) or hashlib.sha256(stored[CHECK:]).digest()[:CHECK] != stored[:CHECK]:
        return None
    try:
        return pickle.loads(stored[CHECK:])
    except Exception:           # noqa: BLE001 - any failure to load one entry is a miss for it
        return None


def articles(found) -> bool:
    """Whether ``found`` is a list of articles (a stored cut read back intact)."""
    return isinstance(found, list) and all(isinstance(a, Article) for a in found)


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
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._open()
            except (OSError, sqlite3.Error) as exc:
                self._trouble(exc)

    def _open(self) -> None:
        if self.path.is_dir():
            raise OSError(f"{self.path} is a folder")
        self.conn = sqlite3.connect(self.path, timeout=10)
        self.conn.execute("create table if not exists extraction (key text primary key, value blob not null)")
        self.conn.execute("create table if not exists segments (key text primary key, value text not null)")
        self.conn.execute("create table if not exists files (key text primary key, value blob not null, "
                          "segments text not null)")
        self.conn.execute("create table if not exists objects (key text primary key, value blob not null)")

    def _trouble(self, exc: Exception) -> None:
        """Set a damaged file aside; for anything else, say what it is and go on without a cache."""
        if isinstance(exc, sqlite3.Error) and damaged(exc):
            self._give_up(exc)
            return
        print(f"warning: the cache {self.path} cannot be used ({exc}); this build reads every article "
              "itself and leaves the cache file as it is", file=sys.stderr)
        self._close_quietly()

    def _close_quietly(self) -> None:
        try:
            if self.conn is not None:
                self.conn.close()
        except sqlite3.Error:
            pass
        self.conn = None

    def _give_up(self, exc: Exception) -> None:
        """Move the damaged file aside and go on with an empty cache (or none)."""
        print(f"warning: the cache {self.path} is damaged ({exc}); moved to {self.path.name}.broken, "
              "and this build reads every article itself", file=sys.stderr)
        self._close_quietly()
        for suffix in ("", "-journal", "-wal", "-shm"):
            old = self.path.with_name(self.path.name + suffix)
            if old.exists():
                os.replace(old, self.path.with_name(self.path.name + ".broken" + suffix))
        try:
            self._open()
        except (OSError, sqlite3.Error):
            self._close_quietly()

    def _safely(self, action, default=None):
        """``action(connection)``, or ``default`` when there is no cache or it cannot be used."""
        if self.conn is None:
            return default
        try:
            return action(self.conn)
        except (OSError, sqlite3.Error) as exc:
            self._trouble(exc)
            return default

    def _stored(self, keys, query: str, read, default):
        """``read(rows)`` over the rows of ``query``, which joins the temp table ``wanted``
        (the ``keys``) to a table of the cache, streamed from one query."""
        def action(conn):
            conn.execute("create temp table if not exists wanted (key text primary key)")
            conn.execute("delete from wanted")
            conn.executemany("insert or ignore into wanted values (?)", ((k,) for k in keys))
            # "wanted" drives the join (CROSS JOIN keeps SQLite from scanning every stored
            # entry for each call): the cost grows with the keys asked, not the cache's size
            return read(conn.execute(query))
        return self._safely(action, default)

    def present(self, keys) -> set[str]:
        """Which of ``keys`` have a stored extraction (counted as hits, the others as misses)."""
        keys = set(keys)
        found = self._stored(keys, "select key from wanted cross join extraction using (key)",
                             lambda rows: {k for (k,) in rows}, set())
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def size(self) -> int:
        """How many extractions the cache holds (0 without a usable cache)."""
        return self._safely(lambda conn: conn.execute("select count(*) from extraction").fetchone()[0], 0)

    def get_many(self, keys) -> dict[str, Extraction]:
        """The stored extractions of ``keys`` that have one and read back intact."""
        def read(rows):
            found = {k: unseal(v) for k, v in rows}
            return {k: v for k, v in found.items() if isinstance(v, Extraction)}
        return self._stored(set(keys), "select key, value from wanted cross join extraction using (key)", read, {})

    def segments(self, path: str, text: str, segment) -> list[Article]:
        """The articles ``segment(path, text)`` cuts from a file, from the cache when this
        version of the pipeline has cut the same text under the same name before."""
        k = segments_key(path, text)
        self.used.add(k)

        def stored(conn):
            row = conn.execute("select value from segments where key = ?", (k,)).fetchone()
            return None if row is None else unseal(row[0])
        found = self._safely(stored)
        if not articles(found):
            found = segment(path, text)
            self._keep("segments", k, found)
        return found

    def files(self, keys: list[str]) -> dict[str, tuple]:
        """Of ``keys`` (see :func:`file_key`), what :meth:`put_file` kept under each, its
        articles back from the segments they were cut into; those not there or not intact left out."""
        rows = self._stored(keys, "select f.key, f.value, s.value, s.key from wanted cross join files f using (key) "
                                  "join segments s on s.key = f.segments", list, [])
        found = {}
        for k, outcome, stored_cut, segments in rows:
            outcome, cut = unseal(outcome), unseal(stored_cut)
            if isinstance(outcome, tuple) and articles(cut):
                self.used.update((k, segments))
                found[k] = (*outcome, cut)
        return found

    def put_file(self, k: str, outcome: tuple, segments: str) -> None:
        """Keep ``outcome`` (what reading a file gave, its articles aside) under ``k``, with the
        key of the segments that hold its articles."""
        self.used.add(k)
        self._keep("files", k, outcome, segments)

    def object(self, k: str):
        """What :meth:`put_object` kept under ``k``, or None."""
        self.used.add(k)
        row = self._safely(lambda conn: conn.execute("select value from objects where key = ?", (k,)).fetchone())
        return None if row is None else unseal(row[0])

    def put_object(self, k: str, value) -> None:
        """Keep ``value`` (something the build makes the same way each time) under ``k``."""
        self.used.add(k)
        self._keep("objects", k, value)

    def put(self, k: str, ex: Extraction) -> None:
        # pickle: this file is our own, written and read by this program only; it
        # loads about twice as fast as rebuilding the records from JSON
        self._keep("extraction", k, ex)

    def _keep(self, table: str, k: str, value, *more) -> None:
        """Store ``value`` sealed (:func:`seal`) in ``table`` under ``k``, with the ``more`` columns after it."""
        row = (k, seal(value), *more)
        marks = ", ".join("?" * len(row))
        self._safely(lambda conn: conn.execute(f"insert or replace into {table} values ({marks})", row))

    def close(self, keep: set[str] | None = None) -> None:
        """Commit; with ``keep``, drop entries this build did not use (old versions, removed files)."""
        def action(conn):
            if keep is not None:
                conn.execute("create temp table keep (key text primary key)")
                conn.executemany("insert or ignore into keep values (?)", ((k,) for k in keep))
                conn.execute("delete from extraction where key not in (select key from keep)")
                conn.execute("delete from segments where key not in (select key from keep)")
                conn.execute("delete from files where key not in (select key from keep)")
                conn.execute("delete from objects where key not in (select key from keep)")
            conn.commit()
        self._safely(action)
        if self.conn is not None:
            self.conn.close()
        self.conn = None

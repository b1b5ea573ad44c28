"""The build, start to end: ingest -> segment -> nlp + extract -> resolve and load."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import datetime as dt

from . import dates, events, figures, ingest, load, nlp, people, quotes, resolve, segment
from .cache import Cache, key as cache_key
from .records import Article, SeedFile


@dataclass
class BuildResult:
    seeds: list[SeedFile] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    cache_hits: int = 0
    cache_misses: int = 0

    @property
    def rejected(self) -> list[SeedFile]:
        return [s for s in self.seeds if s.status != "ok"]

    def summary(self, db: Path) -> str:
        by_status: dict[str, int] = {}
        for s in self.seeds:
            by_status[s.status] = by_status.get(s.status, 0) + 1
        detail = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
        return (f"{db}: {len(self.seeds)} files ({detail or 'none'}), {len(self.articles)} articles, "
                f"{len(self.rejected)} rejected")


class Rejected(Exception):
    """``--strict``: some input was not built, so nothing is written."""

    def __init__(self, result: "BuildResult"):
        super().__init__(f"{len(result.rejected)} file(s) not built")
        self.result = result


def mark_changed(seeds_dir: Path, result: BuildResult) -> None:
    """Files edited on disk after this build read them: built from the version read, and said so."""
    for seed in result.seeds:
        if seed.status == "ok" and ingest.changed_since_read(seeds_dir, seed):
            seed.status = "changed"
            seed.reason = (f"changed on disk while the build ran; its articles are from the version read "
                           f"(sha256 {seed.sha256[:12]}…); build again to include the new one")


def default_cache(db_path: Path) -> Path:
    return db_path.with_name(".dispatches-cache.sqlite")


def run(seeds_dir: Path, db_path: Path, max_bytes: int = ingest.DEFAULT_MAX_BYTES,
        progress: Callable[[SeedFile], None] | None = None, strict: bool = False,
        cache_path: Path | None | bool = True) -> BuildResult:
    """Build ``db_path`` from ``seeds_dir``. With ``strict``, any file that is not built
    raises :class:`Rejected` before anything is written (the old database stays).
    ``cache_path``: True for the default cache beside the database, a path, or
    None/False for no cache."""
    result = BuildResult()
    for seed in ingest.ingest(seeds_dir, max_bytes):
        if seed.status == "ok":
            found = segment.segment(seed.path, seed.text or "")
            if not found:
                seed.status, seed.reason = "empty", "no article text found (only site boilerplate)"
            seed.article_count = len(found)
            result.articles.extend(found)
        seed.text = None
        result.seeds.append(seed)
        if progress:
            progress(seed)
    if strict and result.rejected:
        raise Rejected(result)
    store = Cache(default_cache(db_path) if cache_path is True else (cache_path or None))
    try:
        extract(result.articles, store)
        mark_changed(seeds_dir, result)
        if strict and result.rejected:
            raise Rejected(result)
        with load.atomic_database(db_path) as db:
            load.write(db, result.seeds, result.articles)
    finally:
        result.cache_hits, result.cache_misses = store.hits, store.misses
        store.close(keep=store.used)
    return result


def extract(articles: list[Article], store: Cache | None = None) -> None:
    """Run the NLP stage over all bodies in batches and attach what it finds (from the
    cache where the same body was read the same way before). Then undated articles
    that report, by weekday, an event other articles date get an estimated date, and
    are read again against it."""
    store = store or Cache(None)
    extract_all(articles, range(len(articles)), store)
    _, person_of = resolve.people(articles)
    estimates = events.estimate_dates(articles, events.across(articles, person_of, keep_unresolved=True))
    for i, (day, basis) in estimates.items():
        articles[i].estimated, articles[i].estimated_basis = day, basis
    extract_all(articles, sorted(estimates), store)


def extract_all(articles: list[Article], which, store: Cache) -> None:
    model = nlp.model_id()
    todo = []
    for i in which:
        a = articles[i]
        k = cache_key(a.body, f"{a.published}|{a.estimated}", model)
        store.used.add(k)
        cached = store.get(k)
        if cached is not None:
            a.extraction = cached
        else:
            todo.append((i, k))
    for (i, k), doc in zip(todo, nlp.parse(articles[i].body for i, _ in todo)):
        extract_one(articles[i], doc)
        store.put(k, articles[i].extraction)


def extract_one(article: Article, doc) -> None:
    found = people.extract(doc)
    quotes.extract(doc, found)
    date = article.published or article.estimated
    reference = dt.date.fromisoformat(date) if date else None
    mentions = dates.find(article.body, reference)
    figures.extract(doc, found, mentions, date)
    events.extract(doc, found, mentions, article.published)
    article.extraction = found

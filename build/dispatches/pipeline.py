"""The build, start to end: ingest -> segment -> nlp + extract -> resolve and load."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import datetime as dt

from . import dates, events, figures, ingest, load, nlp, people, quotes, resolve, segment
from .records import Article, SeedFile


@dataclass
class BuildResult:
    seeds: list[SeedFile] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

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


def run(seeds_dir: Path, db_path: Path, max_bytes: int = ingest.DEFAULT_MAX_BYTES,
        progress: Callable[[SeedFile], None] | None = None, strict: bool = False) -> BuildResult:
    """Build ``db_path`` from ``seeds_dir``. With ``strict``, any file that is not built
    raises :class:`Rejected` before anything is written (the old database stays)."""
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
    extract(result.articles)
    with load.atomic_database(db_path) as db:
        load.write(db, result.seeds, result.articles)
    return result


def extract(articles: list[Article]) -> None:
    """Run the NLP stage over all bodies in batches and attach what it finds. Then
    undated articles that report, by weekday, an event other articles date get an
    estimated date, and are read again against it."""
    for article, doc in zip(articles, nlp.parse(a.body for a in articles)):
        extract_one(article, doc)
    _, person_of = resolve.people(articles)
    estimates = events.estimate_dates(articles, events.across(articles, person_of, keep_unresolved=True))
    order = sorted(estimates)
    for i, doc in zip(order, nlp.parse(articles[i].body for i in order)):
        articles[i].estimated, articles[i].estimated_basis = estimates[i]
        extract_one(articles[i], doc)


def extract_one(article: Article, doc) -> None:
    found = people.extract(doc)
    quotes.extract(doc, found)
    date = article.published or article.estimated
    reference = dt.date.fromisoformat(date) if date else None
    mentions = dates.find(article.body, reference)
    figures.extract(doc, found, mentions, date)
    events.extract(doc, found, mentions, article.published)
    article.extraction = found

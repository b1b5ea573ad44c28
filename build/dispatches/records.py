"""Plain records handed from one pipeline stage to the next."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SeedFile:
    """One file found under the seeds folder, read or rejected."""

    path: str                      # relative to the seeds folder, POSIX separators
    sha256: str | None
    bytes: int | None
    status: str = "ok"             # ok / empty / rejected / duplicate
    reason: str | None = None      # why it is not ok, or how it was decoded when unusual
    encoding: str | None = None
    text: str | None = None        # decoded text (None unless status is ok)
    article_count: int = 0


@dataclass
class Caption:
    text: str | None
    credit: str | None


@dataclass
class Article:
    """One article cut out of a seed file, before any NLP."""

    seed_file: str
    position: int
    title: str | None
    byline: str | None
    published: str | None          # the date the scrape states, never guessed
    outlet: str | None
    wire_agencies: list[str]
    body: str                      # paragraphs separated by one blank line
    captions: list[Caption] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)   # boilerplate lines removed, for audit

    @property
    def word_count(self) -> int:
        return len(self.body.split())

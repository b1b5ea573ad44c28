"""Plain records handed from one pipeline stage to the next."""
from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class SeedFile:
    """One file found under the seeds folder, read or rejected."""

    path: str                      # relative to the seeds folder, POSIX separators
    sha256: str | None
    bytes: int | None
    status: str = "ok"             # ok / empty / rejected / duplicate / changed
    reason: str | None = None      # why it is not ok, or how it was decoded when unusual
    encoding: str | None = None
    text: str | None = None        # decoded text (None unless status is ok)
    article_count: int = 0
    stamp: tuple | None = field(default=None, repr=False)   # (size, mtime_ns) when read


@dataclass(slots=True)
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
    extraction: "Extraction | None" = None              # filled by the NLP stage
    estimated: str | None = None                        # a date the text pins when none is stated
    estimated_basis: str | None = None
    extraction_key: str | None = None                   # the cache key it was read under (names body, date, model)

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(slots=True)
class Mention:
    """A name in an article body. ``key`` is what the name refers to within the
    article (a person's fullest name there, a place's gazetteer name)."""

    kind: str                      # person / organization / place
    start: int
    end: int
    text: str
    key: str
    country: str | None = None


@dataclass(slots=True)
class Role:
    person: str                    # the person's key in the article
    title: str                     # "Foreign Minister"
    of: str | None                 # country or organisation
    former: bool = False
    start: int | None = None       # the words that give the role
    end: int | None = None


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str                      # without the quote marks
    speaker: str | None            # as named: a person's key or an institution
    person: str | None             # the person's key when the speaker is a person


@dataclass(slots=True)
class Figure:
    """A numeric fact: "at least 144 people", "$176.4 billion", "29.5%"."""

    start: int
    end: int
    text: str                      # as written, with its qualifier and counted noun when adjacent
    value: float
    unit: str | None               # counted plural noun, or usd / percent / years ...
    what: str | None               # short description from the clause
    qualifier: str | None          # nearly / at least / about / more than / up to
    change: str | None             # increase / decrease / level
    as_of: str | None              # the date the figure refers to, at the precision given


@dataclass(slots=True)
class EventReport:
    """One sentence of one article reporting an event; merged into events later."""

    type: str                      # meeting / visit / talks / decree / attack / election / ...
    start: int                     # the reporting sentence
    end: int
    text: str
    trigger: str                   # the word that made it an event
    at: int                        # the trigger's offset in the body
    summary: str                   # the clause around the trigger, shortened
    date_start: str | None
    date_end: str | None
    date_text: str | None          # the date words the report gives ("on Sunday")
    date_basis: str | None
    participants: list[str] = field(default_factory=list)   # person keys in the article
    place: str | None = None       # place key
    merged: list["EventReport"] = field(default_factory=list)   # further sentences of this article on it
    inherited: bool = False        # the date came from an earlier sentence, not its own words
    thing: str | None = None       # what a verb trigger acts on ("missile" in "fired a missile")
    phase: str | None = None       # "end" for the end of a term of office ("stepped down")
    lemma: str | None = None       # the trigger's lemma ("step" for "stepped down")
    speaker: str | None = None     # a statement's institution ("labor department"), not a person
    speaker_named: bool = False    # the speaker is a name ("the Labor Department"), not "the ministry"
    actor: str | None = None       # the named body that acts ("bank of england"), for types other than occasions
    definite: bool = False         # a noun trigger with "the", "this", "that" ("the ceasefire")
    later_phase: bool = False      # its date is what will happen to it ("the ceasefire, which will take effect on")


@dataclass
class Extraction:
    """What the NLP stage found in one article."""

    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[EventReport] = field(default_factory=list)
    person_country: dict[str, str] = field(default_factory=dict)   # key -> country the text gives

    def __reduce_ex__(self, protocol):
        """Pickled as rows of plain values (:func:`packed`), which load about twice as fast as
        the records themselves (a rebuild loads every cached extraction); as the records when
        one of them, or one of their lists, is in two places (rows would part the two)."""
        rows = packed(self)
        return (unpacked, rows) if rows is not None else super().__reduce_ex__(protocol)


PLAIN = (Mention, Role, Quote, Figure)      # records whose fields hold no records or lists
FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in (*PLAIN, EventReport)}


def packed(ex: Extraction) -> tuple | None:
    """``ex`` as rows: each record a tuple of its fields; the event reports as one table (those
    an event's ``merged`` holds included), ``merged`` and the events as row numbers in it.
    None when a record or list is held twice, other than a report in two ``merged`` lists."""
    lists = [ex.mentions, ex.roles, ex.quotes, ex.figures]
    table: dict[int, int] = {}              # id of a report -> its row
    reports: list[EventReport] = []

    def row_of(r: EventReport) -> int:
        if id(r) not in table:
            table[id(r)] = len(reports)
            reports.append(r)
            for m in r.merged:
                row_of(m)
        return table[id(r)]
    events = [row_of(r) for r in ex.events]
    held = [*lists, ex.events, *(r.merged for r in reports), *(r.participants for r in reports)]
    records = [x for xs in lists for x in xs]
    if len({id(x) for x in held}) != len(held) or len({id(x) for x in records}) != len(records):
        return None
    rows = [[tuple([getattr(x, n) for n in FIELDS[type(x)]]) for x in xs] for xs in lists]
    report_rows = [tuple([getattr(r, n) if n != "merged" else [table[id(m)] for m in r.merged]
                          for n in FIELDS[EventReport]]) for r in reports]
    return (*rows, report_rows, events, ex.person_country)


def unpacked(mentions: list, roles: list, quotes: list, figures: list, report_rows: list, events: list,
             person_country: dict) -> Extraction:
    """The :class:`Extraction` :func:`packed` made these rows of."""
    reports = [EventReport(*row) for row in report_rows]
    for r in reports:
        if r.merged:
            r.merged = [reports[n] for n in r.merged]
    return Extraction([Mention(*x) for x in mentions], [Role(*x) for x in roles], [Quote(*x) for x in quotes],
                      [Figure(*x) for x in figures], [reports[n] for n in events], person_country)

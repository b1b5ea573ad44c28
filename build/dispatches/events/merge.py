"""Merging reports into events: within an article (reports of one event in several
sentences) and across articles (one row per real event, as ACLED does: compatible
type, compatible dates, shared participants or, with nobody named, the same place).

Meeting, talks and visit reports are one occasion when they name the same two or
more people (``kinds`` keeps what each source called it); a rough year ("nearly
three years ago") fits the years next to it and does not split an event from a
dated report of it.
"""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import EventReport
from .triggers import lexicon


def dates_agree(a_start, a_end, b_start, b_end) -> bool:
    """Compatible at the coarser precision, or overlapping ranges within a year (a
    span of years is a career, not one occasion)."""
    if not a_start or not b_start:
        return False
    n = min(len(a_start), len(b_start))
    if a_start[:n] == b_start[:n]:
        return True
    a_hi, b_hi = a_end or a_start, b_end or b_start
    if a_hi[:4] != a_start[:4] or b_hi[:4] != b_start[:4]:
        return False                    # "an MP from 1979 to 1997" is not "knighted in 1997"
    return a_start[:n] <= b_hi[:n] and b_start[:n] <= a_hi[:n]


def merge_in_article(reports: list[EventReport]) -> list[EventReport]:
    """Reports of one event within an article become one (the first keeps the others'
    facts); a statement by a meeting's participants on its date is part of the meeting."""
    out: list[EventReport] = []
    for r in reports:
        target = next((e for e in out if joins(e, r, out)), None)
        if target is None and r.type == "statement" and r.participants:
            target = next((e for e in out if e.type != "statement" and e.date_start
                           and e.date_start == r.date_start and set(r.participants) <= set(e.participants)), None)
        if target is None:
            out.append(r)
            continue
        if same_speaker(target, r) and target.date_text is None and r.date_text and r.date_start \
                and not r.inherited:         # the announcement's own day beats the article's day
            target.date_start, target.date_end = r.date_start, r.date_end
            target.date_text, target.date_basis = r.date_text, r.date_basis
        absorb(target, r)
    return out


def joins(e: EventReport, r: EventReport, out: list[EventReport]) -> bool:
    """Whether report ``r`` tells the event of the earlier report ``e`` (``out``: the
    article's reports so far)."""
    if same_speaker(e, r):
        return True                     # "the Defense Ministry says ..." and "the ministry's announcement Tuesday"
    if anaphor(e, r):
        return True                     # "the ceasefire" after "declared a ceasefire on Friday"
    if same_occasion_day(e, r):
        return True                     # "Thursday marked the highest-level talks" after "X met Y on Thursday"
    if not one_occasion(e.type, e.participants, r.type, r.participants) or not same_when(e, r) \
            or e.phase != r.phase or other_step(e, r) or (e.actor and r.actor and e.actor != r.actor):
        return False
    shared = set(e.participants) & set(r.participants)
    if not shared and e.date_start and r.date_start and len(e.date_start) != len(r.date_start) \
            and not (e.inherited or r.inherited) \
            and not (vague_year(e.date_text) or vague_year(r.date_text)):
        return False                    # "on Wednesday" and "earlier this month": not enough to join
    if shared or (r.type in lexicon().merge_without_participants and (not e.participants or not r.participants)):
        return True
    return same_thing_that_day(e, r) or one_hearing(e, r, out)


def same_thing_that_day(e: EventReport, r: EventReport) -> bool:
    """Two reports naming nobody of one type and day: the lead told again ("results
    released Friday", same word, speaker and thing), or one thing told by two verbs
    ("fired a missile ... the missile was launched on Sunday")."""
    if e.type != r.type or e.participants or r.participants or not e.date_start or e.date_start != r.date_start:
        return False
    if len(e.date_start) == 10 and e.lemma == r.lemma and e.speaker == r.speaker and e.thing == r.thing:
        return True
    return bool(e.thing) and e.thing == r.thing


def one_hearing(e: EventReport, r: EventReport, out: list[EventReport]) -> bool:
    """Of a type that is one event per day and place (a hearing, a crash, a protest):
    the same day ("X was jailed ..., while Y was jailed ..."), or told right after it
    with no date words ("X was sentenced to death. Y was acquitted.")."""
    if r.type not in lexicon().one_per_day or e.type != r.type:
        return False
    if r.date_start and len(r.date_start) == 10 and e.date_start == r.date_start:
        return True
    return told_next(e, r, out)


def anaphor(e: EventReport, r: EventReport) -> bool:
    """"The <noun>" that names again, by a word of its report, an event of the same type
    told before in the article: that event, when the dates agree at the coarser precision or
    its own date is what will befall it ("declared a ceasefire on Friday ... the
    ceasefire, which will come into force on Aug. 3"). A noun that names a person or
    another body acting is not read as one ("the renewal" by another ministry)."""
    if not r.definite or r.type != e.type or r.participants and not set(r.participants) & set(e.participants):
        return False
    said = [x for x in [e, *e.merged] if x.lemma == r.lemma or re.search(rf"\b{re.escape(r.lemma or '')}", x.text.lower())]
    if not r.lemma or not said or (e.actor and r.actor and e.actor != r.actor):
        return False
    if not e.date_start or not r.date_start:
        return bool(e.date_start or r.date_start) and not r.inherited and not e.inherited
    return r.later_phase or dates_agree(e.date_start, e.date_end, r.date_start, r.date_end)


def same_speaker(e: EventReport, r: EventReport) -> bool:
    """Two statements of one institution in an article that name no person ("the Defense
    Ministry says ...", "the ministry's announcement Tuesday"): one statement when their
    dates agree, or when one is dated only by the article's own day (no date words)
    and the other within a week of it."""
    if e.type != "statement" or r.type != "statement" or e.participants or r.participants:
        return False
    if not e.speaker or not r.speaker or e.speaker.split()[-1] != r.speaker.split()[-1]:
        return False
    if e.date_start and r.date_start and len(e.date_start) == len(r.date_start) == 10 \
            and (e.date_text is None or r.date_text is None):
        days = abs((dt.date.fromisoformat(e.date_start) - dt.date.fromisoformat(r.date_start)).days)
        return days <= 7
    return bool(e.date_start and r.date_start) and same_when(e, r)


NEXT_CHARS = 300


def told_next(e: EventReport, r: EventReport, out: list[EventReport]) -> bool:
    """A report with no date words of its own, told right after the last report of the
    same type (within a few lines): it goes on with that one."""
    if r.date_text is not None:
        return False
    def last(x: EventReport) -> int:
        return max(y.end for y in [x, *x.merged])

    same = [x for x in out if x.type == r.type and last(x) <= r.start]
    if not same or max(same, key=last) is not e:
        return False
    return r.start - last(e) <= NEXT_CHARS


def other_step(e: EventReport, r: EventReport) -> bool:
    """Two steps of a career told by different verbs in two sentences ("served as an MP
    from 1979", "took on the role of chairman"): two events unless they give the same
    date; the same verb ("stepped down in 2005", "after stepping down") or a noun ("the
    appointment") may tell the step told before."""
    lex = lexicon()
    if r.type not in lex.career_types or e.type != r.type or e.lemma == r.lemma:
        return False
    if (e.trigger or "").lower() in lex.nouns or (r.trigger or "").lower() in lex.nouns:
        return False
    return not (e.date_start and e.date_start == r.date_start)


def same_occasion_day(e: EventReport, r: EventReport) -> bool:
    """A meeting or talks report that names nobody, on the very day of a meeting or
    talks of the same article: that occasion, whatever the report calls it (a visit
    is an occasion of its own)."""
    kinds = lexicon().same_day_kinds
    return (e.type in kinds and r.type in kinds and e.type != r.type and not r.participants
            and bool(e.date_start) and len(e.date_start) == 10 and e.date_start == r.date_start
            and not r.inherited)


def same_when(a: EventReport, b: EventReport) -> bool:
    """Resolved dates agree; unresolved date words are the same words; a report
    without date words fits any date; a rough year ("three years ago") fits the years
    next to it."""
    if a.date_start and b.date_start:
        if (vague_year(a.date_text) or vague_year(b.date_text)) and abs(int(a.date_start[:4]) - int(b.date_start[:4])) <= 1:
            return True
        return dates_agree(a.date_start, a.date_end, b.date_start, b.date_end)
    if a.date_text and b.date_text:
        return a.date_text.lower() == b.date_text.lower()
    return True


def absorb(target: EventReport, r: EventReport) -> None:
    """The target report takes the other's people, place, and date (see
    :func:`takes_date`)."""
    target.participants += [p for p in r.participants if p not in target.participants]
    if takes_date(target, r):
        target.date_start, target.date_end = r.date_start, r.date_end
        target.date_text, target.date_basis = r.date_text, r.date_basis
        target.inherited = r.inherited
    target.place = target.place or r.place
    target.merged += [r, *r.merged]


def takes_date(target: EventReport, r: EventReport) -> bool:
    """Whether a merged report's date should replace the target's: a date of its own
    words beats none, a rough year ("three years ago") or a date carried over from an
    earlier sentence; a carried-over date is a guess about that one sentence and is
    not spread to the event."""
    if r.date_start is None or r.inherited:
        return False
    if target.date_start is None or target.inherited:
        return True
    if target.date_end and len(target.date_start) == 10 and target.date_start <= r.date_start \
            and (r.date_end or r.date_start) <= target.date_end \
            and (r.date_start, r.date_end) != (target.date_start, target.date_end):
        return True                     # "this week", then "Wednesday through Sunday": the closer
    return vague_year(target.date_text) and not vague_year(r.date_text)


def one_occasion(a_type: str, a_parts, b_type: str, b_parts) -> bool:
    """Reports of two types can be one event only when both are of the occasion family
    (meeting, talks, visit) and name the same two or more people: "A met B" and "A and
    B held talks". A visit by A and talks of A with B stay two events, and so do a
    visit and "talks" that name nobody."""
    if a_type == b_type:
        return True
    if family(a_type) != family(b_type) or family(a_type) == a_type:
        return False
    return len(set(a_parts)) >= 2 and set(a_parts) == set(b_parts)


def family(etype: str) -> str:
    """Types that name one occasion from different sides (a meeting, talks, a visit)
    share a family; other types are their own."""
    return "occasion" if etype in lexicon().occasion_types else etype


def occasion_type(kinds: list[str]) -> str:
    """The type of an occasion reported under several kinds: the one the lexicon
    names first (a meeting before talks before a visit)."""
    order = lexicon().occasion_types
    return min(kinds, key=lambda k: order.index(k) if k in order else len(order))


@dataclass
class Event:
    """One real event and every report of it."""

    type: str
    date_start: str | None
    date_end: str | None
    date_basis: str | None
    place: str | None                  # place id
    summary: str
    participants: list[str] = field(default_factory=list)   # person ids
    reports: list[tuple[int, EventReport]] = field(default_factory=list)   # (article index, report)
    vague: bool = False                # its date is a rough year ("nearly three years ago")
    speakers: set[str] = field(default_factory=set)     # named institutions that made this statement

    @property
    def kinds(self) -> list[str]:
        """What the reports call the event, in order of first report ("talks", "meeting")."""
        kinds = list(dict.fromkeys(s.type for _, r in self.reports for s in [r, *r.merged]))
        return [k for k in kinds if k == self.type or k != "statement"]   # what was said at it is not a kind


def merge(items: list[tuple[int, EventReport, list[str], str | None]]) -> list[Event]:
    """Join reports from all articles. ``items`` holds (article index, report,
    participant person ids, place id); returns events in first-report order (see
    :class:`Merger`)."""
    merger = Merger()
    merger.add(items)
    return merger.events


def _years(start: str | None, end: str | None) -> list[str]:
    if not start:
        return []
    first, last = int(start[:4]), int((end or start)[:4])
    return [str(y) for y in range(first, min(max(first, last), first + 4) + 1)]


def _months(start: str, end: str | None) -> list[str]:
    """The months a date of month or day precision spans, when it stays within its
    year (only then can it overlap another date, see :func:`dates_agree`); else
    its first month."""
    hi = end or start
    if hi[:4] != start[:4]:
        return [start[:7]]
    last = int(hi[5:7]) if len(hi) >= 7 else 12
    return [f"{start[:4]}-{m:02d}" for m in range(int(start[5:7]), max(last, int(start[5:7])) + 1)]


def _year_months(years) -> list[str]:
    return [f"{y}-{m:02d}" for y in years for m in range(1, 13)]


@lru_cache(maxsize=65536)
def _when_keys(start: str, end: str | None, rough: bool) -> tuple[str, ...]:
    """Where a dated event is filed: by month when it has a month and is not a rough
    year, else by year (one either side of a rough year)."""
    if rough or len(start) < 7:
        ys = _years(start, end)
        return tuple(near_years(ys) if rough else ys)
    return tuple(_months(start, end))


@lru_cache(maxsize=65536)
def _when_lookup(start: str, end: str | None, rough: bool) -> tuple[str, ...]:
    """Every filing of an event whose dates can agree with these (see
    :func:`when_agrees`): the years of the range (one either side of a rough year),
    for events filed by year, and the months that can agree, for events filed by month:
    any month of the start year (or the years around a rough one) for a year, else the
    months of the range."""
    ys = _years(start, end)
    if rough:
        return tuple(near_years(ys) + _year_months(near_years([start[:4]])))
    if len(start) < 7:
        return tuple(ys + _year_months([start[:4]]))
    return tuple(ys + _months(start, end))


def _keys(etype: str, parts: list[str], place: str | None, start, end, rough: bool = False,
          speakers=()) -> list[tuple]:
    """Where an event can be found again: by participant and month (or year) when
    dated, by participant while undated; by pairs of participants, and participant and
    place, always; by place and month (or year) (and apart, when it names nobody), by
    place, and by place while undated; by speaker, and by speaker and day (or while
    undated)."""
    out = []
    whens = _when_keys(start, end, rough) if start else []
    for p in parts:
        out += [(etype, "p", p, w) for w in whens] + ([] if start else [(etype, "pu", p)])
        if place:
            out.append((etype, "pp", p, place))
    out += [(etype, "2", a, b) for a in parts for b in parts if a < b]
    if place:
        out += [(etype, "place", place, w) for w in whens] + [(etype, "at", place)]
        out += [] if parts else [(etype, "place0", place, w) for w in whens]
        out += [] if start else [(etype, "atu", place)]
    for s in speakers:
        out.append((etype, "s", s))
        if not start or len(start) == 10:
            out.append((etype, "sd", s, start))
        if start and len(start) == 10:
            out += [(etype, "s" + kind, s, value) for kind, value in day_facts(dt.date.fromisoformat(start))]
    return out


def _lookup(fam: str, report: EventReport, parts: list[str], place: str | None, spk: str | None) -> list[tuple]:
    """The keys under which every event this report can join is filed (see :func:`_keys`
    and the conditions in :meth:`Merger.add`). A dated report finds dated events by
    participant, or by place (events naming nobody, when it names someone; not for
    statements and occasions) and a month or year whose dates can agree; undated ones
    by participant (or, naming nobody, place, when its type is one event per day and
    place); and statements by speaker and day. An undated report finds events by two
    participants, participant and place, or (naming nobody, of such a type) place,
    and, when its date words could not be read, statements by speaker."""
    if report.date_start:
        whens = _when_lookup(report.date_start, report.date_end, vague_year(report.date_text))
        out = [(fam, "p", p, w) for p in parts for w in whens] + [(fam, "pu", p) for p in parts]
        if place and fam == report.type != "statement":
            out += [(fam, "place0" if parts else "place", place, w) for w in whens]
        if place and not parts and report.type in lexicon().one_per_day:
            out.append((fam, "atu", place))
        if spk:
            out.append((fam, "sd", spk, report.date_start))
        if spk and report.type in lexicon().one_per_day:
            out.append((fam, "sd", spk, None))
        return out
    out = [(fam, "2", a, b) for a in parts for b in parts if a < b]
    out += [(fam, "pp", p, place) for p in parts if place]
    if place and not parts and report.type in lexicon().one_per_day:
        out.append((fam, "at", place))
    if spk and unresolved(report):
        hints = day_hints(report)
        out += [(fam, "s", spk)] if hints is None else [(fam, "s" + kind, spk, value) for kind, value in hints]
    return out


YEARS_AGO = re.compile(r"\byears?\s+ago\b", re.I)


@lru_cache(maxsize=65536)
def vague_year(words: str | None) -> bool:
    """Date words that give a year only roughly ("nearly three years ago")."""
    return bool(words) and YEARS_AGO.search(words) is not None


def near_years(ys: list[str]) -> list[str]:
    """The years around a rough year: one either side."""
    return sorted({str(int(y) + d) for y in ys for d in (-1, 0, 1)})


def when_agrees(ev: "Event", report: EventReport) -> bool:
    """The dates agree, or one is a rough year ("three years ago") within a year of the other."""
    if dates_agree(ev.date_start, ev.date_end, report.date_start, report.date_end):
        return True
    if ev.vague or vague_year(report.date_text):
        return abs(int(ev.date_start[:4]) - int(report.date_start[:4])) <= 1
    return False


class Merger:
    """The cross-article merge, one report at a time, so that a build can merge the
    reports of dated articles once and go on from a copy of that state twice.

    A report joins the first earlier event of its type from another article whose
    dates agree and that shares a participant (or, neither naming anyone, its place);
    without a resolved date on both sides, it must share two participants, or one and
    the place, or (naming nobody, of a type that is one event per day and place: a
    crash, a quake, drills) the place alone. Events are looked up by (type, participant) and (type, place), so the
    merge stays linear in the number of reports."""

    def __init__(self):
        self.events: list[Event] = []
        self.articles: list[set[int]] = []          # per event, the articles that report it
        self.index: dict[tuple, list[int]] = {}     # key -> event numbers

    def copy(self) -> "Merger":
        """An independent copy (events, their lists and the index are not shared)."""
        new = Merger()
        new.events = [Event(e.type, e.date_start, e.date_end, e.date_basis, e.place, e.summary,
                            list(e.participants), list(e.reports), e.vague, set(e.speakers)) for e in self.events]
        new.articles = [set(a) for a in self.articles]
        new.index = {k: list(v) for k, v in self.index.items()}
        return new

    def keys(self, ev: Event) -> list[tuple]:
        """Where an event is filed (see :func:`_keys`)."""
        return _keys(family(ev.type), ev.participants, ev.place, ev.date_start, ev.date_end, ev.vague,
                     sorted(ev.speakers))

    def lookup(self, fam: str, report: EventReport, parts: list[str], place: str | None,
               spk: str | None) -> list[tuple]:
        """Where the events a report may join are filed (see :func:`_lookup`)."""
        return _lookup(fam, report, parts, place, spk)

    def _file(self, n: int, ev: Event) -> None:
        index = self.index
        for k in self.keys(ev):
            bucket = index.get(k)
            if bucket is None:
                index[k] = [n]
            elif bucket[-1] < n:
                bucket.append(n)
            else:                               # an earlier event found under a new key: kept in order
                at = bisect.bisect_left(bucket, n)
                if bucket[at] != n:
                    bucket.insert(at, n)

    def candidates(self, keys: list[tuple]) -> Iterable[int]:
        """The events filed under any of ``keys``, in order, each once; lazily, since the
        first that the report can join ends the search."""
        filed = [bucket for bucket in map(self.index.get, keys) if bucket]
        if len(filed) <= 1:             # most reports: none or one bucket, in order without repeats
            return filed[0] if filed else ()
        return unique_in_order(filed)


    def add(self, items) -> None:
        undated_min = lexicon().undated_min
        events, articles = self.events, self.articles
        for idx, report, parts, place in items:
            fam = family(report.type)
            rough = vague_year(report.date_text)
            spk = speaker_of(report, parts)
            target = None
            for n in self.candidates(self.lookup(fam, report, parts, place, spk)):
                ev = events[n]
                if idx in articles[n] or not one_occasion(ev.type, ev.participants, report.type, parts) \
                        or ev.reports[0][1].phase != report.phase:
                    continue
                if spk and spk in ev.speakers and speaker_day(ev, report):
                    target = n              # "the Labor Department said on Tuesday" in two articles
                    break
                shared = set(ev.participants) & set(parts)
                if ev.date_start and report.date_start:
                    if not when_agrees(ev, report):
                        continue
                    if shared or (place and place == ev.place and (not parts or not ev.participants)
                                  and fam == report.type and report.type != "statement"):
                        target = n              # "the invasion" of a place, whoever one source names
                        break
                elif len(shared) >= undated_min or (shared and place and place == ev.place) \
                        or (not parts and place and place == ev.place and fam == report.type == ev.type
                            and report.type in lexicon().one_per_day):
                    target = n              # "the bus plunged into a gorge" in the same district
                    break
            if target is None:
                events.append(Event(report.type, report.date_start, report.date_end, report.date_basis, place,
                                    report.summary, list(parts), [(idx, report)], rough, {spk} if spk else set()))
                articles.append({idx})
                if fam != report.type:
                    events[-1].type = occasion_type(said_kinds(report))
                self._file(len(events) - 1, events[-1])
                continue
            ev = events[target]
            ev.reports.append((idx, report))
            if family(ev.type) != ev.type:      # the occasion's type so far is that of its kinds so far
                ev.type = occasion_type([ev.type, *said_kinds(report)])
            articles[target].add(idx)
            before = (len(ev.participants), ev.place, ev.date_start, ev.date_end, ev.vague, len(ev.speakers))
            if spk:
                ev.speakers.add(spk)
            ev.participants += [p for p in parts if p not in ev.participants]
            ev.place = ev.place or place
            if report.date_start and (not ev.date_start or len(report.date_start) > len(ev.date_start)
                                      or (ev.vague and not rough)):
                ev.date_start, ev.date_end, ev.date_basis = report.date_start, report.date_end, report.date_basis
                ev.vague = rough
            if (len(ev.participants), ev.place, ev.date_start, ev.date_end, ev.vague, len(ev.speakers)) != before:
                self._file(target, ev)          # only when it can now be found under new keys


def unique_in_order(buckets: list[list[int]]) -> Iterator[int]:
    """The numbers of sorted ``buckets``, in order, each once."""
    last = -1
    for n in heapq.merge(*buckets):
        if n != last:
            yield n
            last = n


def said_kinds(report: EventReport) -> list[str]:
    """What a report of an occasion calls it (see :attr:`Event.kinds`): its type and those of
    the sentences merged into it, in order, but no statement."""
    return [s.type for s in [report, *report.merged] if s.type != "statement"]


def speaker_of(report: EventReport, parts: list[str]) -> str | None:
    """The named institution that made a statement naming no person ("labor department")."""
    if report.type == "statement" and report.speaker_named and not parts:
        return report.speaker
    return None


def speaker_day(ev: Event, report: EventReport) -> bool:
    """A statement of the same institution is the same one when both give the same
    day, or when the report's date words ("on Tuesday", in an article without a date)
    cannot be read yet and the event has a day."""
    if not ev.date_start or len(ev.date_start) != 10:
        return False
    if report.date_start:
        return report.date_start == ev.date_start
    return unresolved(report) and day_of(report, dt.date.fromisoformat(ev.date_start)) is not None


def unresolved(report: EventReport) -> bool:
    """Date words that could not be read ("on Tuesday" in an article with no date), in
    the report or in a sentence merged into it while it has no date of its own."""
    if report.date_start or report.date_end:
        return False
    return any(bool(r.date_text) and not r.date_start and not r.date_end for r in [report, *report.merged])


def across(articles, person_of, place_key=lambda name: name, keep_unresolved: bool = False,
           reuse: dict | None = None) -> list[Event]:
    """Merge every article's reports. Articles are taken in date order (stated, else
    estimated; undated last), then by file and position, so the result is stable.
    Reports whose date words cannot be read are left out (see :func:`unresolved`);
    ``keep_unresolved`` keeps those of articles without a stated date, so that
    :func:`estimate_dates` can date them.

    ``reuse``: a dict the caller keeps between calls. Articles with a stated date come
    first, and their reports are the same in both merges of a build (only undated
    articles are read again), so a copy of the state after them is kept there, and
    the next call that starts from exactly the same reports takes it."""
    items = []
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published is None,
                                                        articles[i].published or articles[i].estimated or "9999",
                                                        articles[i].seed_file, articles[i].position))
    dated = 0
    for i in order:
        ex = articles[i].extraction
        for r in (ex.events if ex else []):
            if unresolved(r) and not (keep_unresolved and articles[i].published is None):
                continue
            parts = [person_of[(i, k)] for k in r.participants if (i, k) in person_of]
            items.append((i, r, list(dict.fromkeys(parts)), place_key(r.place) if r.place else None))
        if articles[i].published is not None:
            dated = len(items)
    if reuse is None:
        return merge(items)
    prefix = items[:dated]
    signature = [(i, id(r), tuple(parts), place) for i, r, parts, place in prefix]
    if reuse.get("signature") == signature:
        merger = reuse.pop("merger")
        del reuse["signature"], reuse["reports"]
    else:
        merger = Merger()
        merger.add(prefix)
        # The reports are kept too, so that their ids cannot be reused by new objects.
        reuse.update(signature=signature, reports=[r for _, r, _, _ in prefix], merger=merger.copy())
    merger.add(items[dated:])
    return merger.events


DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "yesterday": 1}


def estimate_dates(articles, merged: list[Event]) -> dict[int, tuple[str, str]]:
    """For articles that state no date: the day an event they report "on Sunday"
    (or "yesterday", "today") took place, when another article dates that event.
    The article was written on or after that day; relative dates in it are read
    against it. Returns article index -> (date, basis)."""
    out: dict[int, tuple[str, str]] = {}
    for ev in merged:
        if not ev.date_start or len(ev.date_start) != 10:
            continue
        dated_by = [i for i, r in ev.reports if articles[i].published and r.date_start == ev.date_start]
        if not dated_by:
            continue
        for i, r in ev.reports:
            if articles[i].published or i in out:
                continue
            day = day_of(r, dt.date.fromisoformat(ev.date_start))
            if day is None:
                continue
            other = articles[dated_by[0]]
            words = repr(r.date_text) if r.date_text else "in its lead, with no date words,"
            out[i] = (day.isoformat(), f"reports {words} the {ev.type} that {other.seed_file} "
                                       f"(dated {other.published}) places on {ev.date_start}; written on or after it")
    return out


WEEKDAY = re.compile(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+\w+)?")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_DAY = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3})[a-z]*\b")
LEAD_CHARS = 400


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def day_facts(day: dt.date) -> list[tuple[str, str]]:
    """What :func:`day_of` can check of a day: its weekday, and its month and day."""
    return [("w", WEEKDAYS[day.weekday()]), ("md", f"{day.month:02d}-{day.day:02d}")]


def day_hints(r: EventReport) -> list[tuple[str, str]] | None:
    """The facts of a day (see :func:`day_facts`) of which one must hold for
    :func:`day_of` to place report ``r`` on it; None when any day may do, [] when
    none can. The merge looks statements up by them."""
    if not r.date_text:
        return None if r.start < LEAD_CHARS else []
    words = r.date_text.lower().strip()
    if words in DAY_WORDS:
        return None
    if WEEKDAY.fullmatch(words):
        return [("w", name) for name in WEEKDAYS if name in words]
    m = MONTH_DAY.search(words)
    if m:
        month, num = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return [("md", f"{MONTHS.index(month) + 1:02d}-{int(num):02d}")] if month in MONTHS else []
    return []


def day_of(r: EventReport, day: dt.date) -> dt.date | None:
    """The day an undated article's report of an event puts it on, given the day
    another article dates it: "on Sunday" (that day, when it is a Sunday), "yesterday" (the day after),
    "March 15" (that day, when it is March 15), or, told in the article's lead with no
    date words, that day; else None."""
    if not r.date_text:
        return day if r.start < LEAD_CHARS else None
    words = r.date_text.lower().strip()
    if words in DAY_WORDS:
        return day + dt.timedelta(days=DAY_WORDS[words])
    if WEEKDAY.fullmatch(words):
        return day if day.strftime("%A").lower() in words else None     # "on Sunday" is a Sunday
    m = MONTH_DAY.search(words)
    if m:
        month, num = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month in MONTHS and (MONTHS.index(month) + 1, int(num)) == (day.month, day.day):
            return day
    return None

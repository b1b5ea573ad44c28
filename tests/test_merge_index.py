"""The cross-article merge looks events up by key so that it stays linear; the keys
must never hide an event that the joining conditions accept. Checked against a merger
that considers every earlier event, on random reports of every date precision (day,
month, year, ranges inside and across years, rough years, no date), with and without
participants, places and speakers."""
import datetime as dt
import random

import pytest

from dispatches.events.merge import Merger, _keys, _lookup, day_facts, day_hints
from dispatches.records import EventReport


class EveryEvent(Merger):
    """The reference: every earlier event is a candidate."""

    def keys(self, ev):
        return [("all",)]

    def lookup(self, fam, report, parts, place, spk):
        return [("all",)]


TYPES = ["meeting", "talks", "visit", "statement", "court", "attack", "appointment"]
DATES = [(None, None), ("2019", None), ("2019-03", None), ("2019-03-05", None), ("2019-03-06", None),
         ("2019-03-01", "2019-03-07"), ("2019-02", "2019-04"), ("2018-12-20", "2019-01-10"),
         ("2019", "2021"), ("2018", None), ("2020-03-05", None), ("2019-12", None), ("2019-04-02", None),
         ("2018-11", None)]
WORDS = [None, None, "on Tuesday", "nearly three years ago", "in March", "yesterday", "on March 5",
         "6th of March", "Sunday night", "last year"]


STATEMENT_DATES = [(None, None), (None, None), ("2019-03-05", None), ("2019-03-06", None), ("2019-03-10", None),
                   ("2020-03-05", None)]


def report(rng: random.Random, n: int, statements: bool = False) -> EventReport:
    """A random report; ``statements``: institutions' statements, many of them with date
    words that could not be read (matched to other articles' days by :func:`day_of`)."""
    etype = "statement" if statements else rng.choice(TYPES)
    start, end = rng.choice(STATEMENT_DATES if statements else DATES)
    words = rng.choice(WORDS)
    speaker = rng.choice([None, "labor department", "defense ministry"]) if etype == "statement" else None
    return EventReport(etype, n * 5, n * 5 + 10, "text", "met", n, "summary", start, end, words, None,
                       phase=rng.choice([None, None, "end"]), speaker=speaker, speaker_named=bool(speaker))


def items(seed: int, count: int = 120, statements: bool = False):
    rng = random.Random(seed)
    out = []
    for n in range(count):
        parts = [] if statements else rng.sample(["p1", "p2", "p3", "p4"], rng.choice([0, 0, 1, 1, 2, 3]))
        out.append((rng.randrange(25), report(rng, n, statements), parts, rng.choice([None, "x", "y"])))
    return out


def rows(merger: Merger, its) -> list[tuple]:
    merger.add(its)
    return [(e.type, e.date_start, e.date_end, e.place, tuple(e.participants),
             tuple((i, r.start) for i, r in e.reports)) for e in merger.events]


@pytest.mark.parametrize("statements", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_keys_find_every_event_the_conditions_accept(seed, statements):
    its = items(seed, statements=statements)
    assert rows(Merger(), its) == rows(EveryEvent(), its)


@pytest.mark.parametrize("statements", [False, True])
def test_the_random_reports_do_merge(statements):
    """The equivalence above is not vacuous: many reports join earlier events, and
    undated statements join dated ones of the same institution by weekday or date."""
    before = [items(seed, statements=statements) for seed in range(40)]
    merged = sum(len(its) - len(rows(Merger(), its)) for its in before)
    assert merged > 40 * 20
    if statements:
        undated_joins = 0
        for its in before:
            merger = Merger()
            merger.add(its)
            undated_joins += sum(1 for ev in merger.events for _, r in ev.reports[1:]
                                 if r.date_start is None and ev.date_start and r.date_text)
        assert undated_joins > 40


def test_a_day_is_filed_by_month_and_found_by_the_months_of_a_range():
    day = _keys("attack", ["p1"], None, "2019-03-05", None)
    week = _lookup("attack", EventReport("attack", 0, 1, "", "", 0, "", "2019-02-25", "2019-03-03", None, None),
                   ["p1"], None, None)
    assert ("attack", "p", "p1", "2019-03") in day and ("attack", "p", "p1", "2019") not in day
    assert ("attack", "p", "p1", "2019-03") in week and ("attack", "p", "p1", "2019-02") in week
    assert ("attack", "p", "p1", "2019-04") not in week


def test_a_year_looks_in_every_month_of_it_and_a_rough_year_in_the_years_around():
    year = _lookup("attack", EventReport("attack", 0, 1, "", "", 0, "", "2019", None, None, None), ["p1"], None, None)
    rough = _lookup("attack", EventReport("attack", 0, 1, "", "", 0, "", "2019", None, "three years ago", None),
                    ["p1"], None, None)
    assert {("attack", "p", "p1", f"2019-{m:02d}") for m in range(1, 13)} <= set(year)
    assert ("attack", "p", "p1", "2020-01") not in year
    assert ("attack", "p", "p1", "2020-12") in rough and ("attack", "p", "p1", "2018") in rough
    assert ("attack", "p", "p1", "2021-01") not in rough


def test_day_hints_say_which_days_an_undated_statement_can_fall_on():
    def said(words, start=1000):
        return EventReport("statement", start, start + 10, "", "said", start, "", None, None, words, None)

    assert day_hints(said("on Tuesday")) == [("w", "tuesday")]
    assert day_hints(said("March 5")) == [("md", "03-05")] == day_hints(said("5th of March"))
    assert day_hints(said("yesterday")) is None                     # any day: the day before the article's
    assert day_hints(said(None, start=10)) is None                  # told in the lead without date words
    assert day_hints(said(None, start=1000)) == []                  # further down, without date words
    assert day_hints(said("last year")) == []
    assert ("w", "tuesday") in day_facts(dt.date(2019, 3, 5)) and ("md", "03-05") in day_facts(dt.date(2019, 3, 5))


def occasion(etype: str, n: int, merged: tuple[str, ...] = ()) -> EventReport:
    """A report of an occasion between two people on 5 March 2019, with sentences of other kinds merged into it."""
    sentences = [EventReport(kind, 0, 1, "s", "t", 0, "s", "2019-03-05", None, None, None) for kind in merged]
    return EventReport(etype, n, n + 1, "text", "met", n, "summary", "2019-03-05", None, "on March 5", None,
                       merged=sentences)


def test_an_occasion_is_named_by_the_first_of_its_kinds_in_the_lexicons_order():
    """occasion_types: meeting, talks, visit. Reported as talks, then a meeting, then talks and a
    visit again: a meeting from the second report on, whatever comes after."""
    merger = Merger()
    types = []
    for article, etype in enumerate(["talks", "meeting", "talks", "visit"]):
        merger.add([(article, occasion(etype, article), ["p1", "p2"], None)])
        types.append([e.type for e in merger.events])
    assert types == [["talks"], ["meeting"], ["meeting"], ["meeting"]]
    assert merger.events[0].kinds == ["talks", "meeting", "visit"]


def test_a_statement_merged_into_an_occasion_report_does_not_name_it():
    merger = Merger()
    merger.add([(0, occasion("visit", 0, merged=("statement", "talks")), ["p1", "p2"], None)])
    assert [e.type for e in merger.events] == ["talks"]
    merger.add([(1, occasion("visit", 1, merged=("statement",)), ["p1", "p2"], None)])
    assert [e.type for e in merger.events] == ["talks"] and merger.events[0].kinds == ["visit", "talks"]

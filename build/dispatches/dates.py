"""Date expressions in English news text, resolved against the article's date.

``find(text, reference, doc=None)`` returns every date expression in a text, in order and
without overlaps; where readings overlap the longest wins ("Tuesday, March 22,
2024" and "between Sunday and Tuesday" are one mention each). Each mention is
resolved to ISO dates at the precision its words give ("2023", "2023-12",
"2023-12-01"), with an end for ranges ("Nov. 11-14", "the fall of 2022").
``reference`` is the article's publication date. Words such as "on Sunday",
"last month" or "in March" are resolved against it and stay unresolved
(``date_start`` None) without it; explicit dates never need it. Word lists are
in ``data/dates.yml``.

How the ambiguous cases are read:

* Tense. An expression is future when a future marker ("will", "is expected
  to", "next" ...) comes earlier in its sentence (and not inside a quotation
  closed before it), else past. Past means the
  latest such weekday, day, month or season on or before the article date;
  future the earliest on or after it, so "on Monday" in a Monday's article is
  that day in either tense. A range or season counts as past if it had started
  by the article date and as future if it had not yet ended.
* With the spaCy parse (``doc``, as the build passes it), a day, month or
  season without a year and without a future marker is past only when the verb
  that governs it is past or perfect ("the rally on March 22 drew thousands");
  otherwise it is the occurrence nearest the article date, a day ahead
  counting as two days back ("payable Jan. 2",
  "must remain in custody until March 6", "effective June 1"). A weekday is
  future when a modal governs it ("would travel Thursday").
* A weekday written with a day ("Monday, Oct. 26") picks the year, within a
  year of the article date, in which that day is that weekday.
* Quarters and halves are their months: "the third quarter" 2023-07 to
  2023-09, "the first half of 2022" 2022-01 to 2022-06, "the September
  quarter" the three months to September, "Q1 2025". Without a year, the latest
  that had begun by the article date (results follow the quarter), or the
  nearest in the future tense; and only when the paragraph speaks of accounts
  or the economy ("scored in the second half" is no date). A fiscal quarter
  ("fiscal third quarter", "the second quarter of 2016-17") gets no months:
  the fiscal year's months are not in the text.
* "the year-ago quarter", "the latest period", "the same period last year",
  "the 1988 quarter" refer to the first quarter or half the text names (the
  one a results story reports), moved by the years they say; "a year ago",
  "a year earlier" and "the year-earlier results" shortly after a quarter are
  that quarter a year before, else the year before.
* "last Sunday" is the latest Sunday strictly before the article date, "next
  Sunday" and "this coming Sunday" the first strictly after it; "this Sunday"
  follows the tense.
* "last December" is December of the year before the article's year, "this
  December" that of the article's year, "next December" the first December
  after the article's month.
* "this winter" is the season that contains the article date, else the nearest
  one (on a tie, the coming one); "last winter" and "next winter" are a year
  before and after it. Seasons are northern meteorological ones, and a year
  names the one that starts in it: "winter 2022" is 2022-12 to 2023-02.
* "this/last/next week" are ISO weeks, Monday to Sunday; "this weekend" is the
  Saturday and Sunday of the article's ISO week; "over the weekend" the latest
  Saturday and Sunday (the coming ones in the future tense).
* Holidays ("Thanksgiving Day", "until Christmas") are their day in the year
  the tense points to; "the '90s" and "the nineties" the latest such decade
  begun by the article's year. "This Week" and "USA Today" are names.
* "N days/weeks ago" are days, "N months ago" a month, "N years ago" a year;
  "the 1990s" runs from 1990 to 1999. "early", "mid", "late" and "the end of"
  keep the precision of what they narrow: no day or month is invented.
* "the same day/month/year", "that month", "the following day" and "two days
  later" refer to the previous mention in the text and are never more precise
  than it is.
* A mention's text leaves out a leading preposition ("on", "in", "since",
  "between", "from") but keeps "the" ("the fall of 2022") and modifiers ("last
  December"). The preposition is still read: "between Sunday and Tuesday" is
  one range, "Sunday and Tuesday" two days.

Not dates: "fall" the verb ("expected to fall", "fall apart", "the fall in
prices"), durations ("three years", "a three-day visit"), quantities ("2000
troops", "29.5%", "$2022"), times of day and ordinals. A number from 1900 to
2099 is a year unless it is part of a larger number, a decimal, a percentage,
an amount of money, a label ("Resolution 2022") or followed by a counted noun.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

from .lexicon import load
from .lexicon import by_first_letter

NO_DATE = "unresolved: relative expression and no article date"

Point = tuple[int, ...]  # (year,), (year, month) or (year, month, day)


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text and what it resolves to."""
    start: int              # char offset of the expression in the text passed to find()
    end: int                # text[start:end] == self.text
    text: str               # the expression as written: "Sunday", "last December", "Nov. 11-14"
    date_start: str | None  # ISO at the precision the words give; None = unresolved
    date_end: str | None    # end of a range, else None
    basis: str              # how it was resolved, for humans
    relative: bool          # True when resolving needed the reference date


def find(text: str, reference: dt.date | None, doc=None) -> list[DateMention]:
    """All date expressions in text (may be a whole article body with paragraphs), in order, non-overlapping.

    ``doc``, the spaCy parse of ``text`` when the caller has one, lets a day or month
    without a year and without a future marker be read from the verb that governs it:
    past when that verb is past (or perfect), else the occurrence nearest the article
    date ("payable Jan. 2", "remain in custody until March 6"). Without it such a date
    is past.
    """
    return _find(text, reference, False, doc)


def resolve(expression: str, reference: dt.date | None, future: bool = False) -> DateMention | None:
    """Resolve one expression on its own (used by tests and callers); None when it is not a date expression.

    The expression may carry a preposition or a whole clause ("on Sunday",
    "will take effect Dec. 1"); the longest date expression in it is returned.
    ``future=True`` reads it in the future tense whatever its words say.
    """
    found = _find(expression, reference, future)
    return max(found, key=lambda m: m.end - m.start) if found else None


# ---------------------------------------------------------------- values


class _Value(NamedTuple):
    """A resolved expression, before it has a place in the text."""
    start: Point | None
    end: Point | None
    basis: str
    relative: bool
    anaphor: tuple | None = None  # (unit, offset, ...) from an earlier mention, resolved in _find
    period: bool = False          # names a quarter or half that later words may refer to


UNRESOLVED = _Value(None, None, NO_DATE, True)


def _iso(p: Point | None) -> str | None:
    return None if p is None else "-".join([f"{p[0]:04d}", *(f"{x:02d}" for x in p[1:])])


def _day(d: dt.date) -> Point:
    return (d.year, d.month, d.day)


def _valid(p: Point) -> bool:
    try:
        dt.date(*p)
        return True
    except ValueError:
        return False


def _add_months(year: int, month: int, n: int) -> Point:
    k = year * 12 + month - 1 + n
    return (k // 12, k % 12 + 1)


def _by_tense(make: Callable[[int], tuple[Point, Point] | None], ref: dt.date, future: bool, size: int):
    """The occurrence of a yearly date, month or season the tense points to.

    ``make(year)`` gives an occurrence as (start, end) points of ``size``
    parts, or None when there is none that year (February 29). Past: the
    latest that started on or before the reference; future: the earliest that
    has not ended before it.
    """
    now = (ref.year, ref.month, ref.day)[:size]
    spans = [s for y in range(ref.year - 8, ref.year + 9) if (s := make(y))]
    if future:
        return min((s for s in spans if s[1] >= now), default=None, key=lambda s: s[0])
    return max((s for s in spans if s[0] <= now), default=None, key=lambda s: s[0])


def _tense_words(future: bool) -> tuple[str, str, str]:
    return ("future tense", "earliest", "on or after") if future else ("past tense", "latest", "on or before")


def _first_day(p: Point) -> dt.date:
    return dt.date(*p, *(1,) * (3 - len(p)))


def _last_day(p: Point) -> dt.date:
    if len(p) == 3:
        return dt.date(*p)
    y, m = p[0], (p[1] if len(p) == 2 else 12)
    return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)


FUTURE_WEIGHT = 2   # news tells more of the past: a future occurrence must be twice as near


def _nearest(make: Callable[[int], tuple[Point, Point] | None], ref: dt.date):
    """The occurrence of a yearly date, month or season nearest the reference (0 inside it), a day ahead
    counting as ``FUTURE_WEIGHT`` days back; a tie goes to the past."""
    def distance(span):
        first, last = _first_day(span[0]), _last_day(span[1])
        return (first - ref).days * FUTURE_WEIGHT if first > ref else (ref - last).days if last < ref else 0
    spans = [s for y in range(ref.year - 2, ref.year + 3) if (s := make(y))]
    return min(spans, default=None, key=lambda s: (distance(s), s[0] > (ref.year, ref.month, ref.day)[:len(s[0])]))


def _occurrence(make, c: "_Ctx", size: int, what: str):
    """The occurrence of a date without a year that the tense (or, with no tense, nearness) points to, and how."""
    if c.nearest:
        return _nearest(make, c.ref), f"{what}: no tense marker or past verb, nearest {c.ref}"
    tense, which, how = _tense_words(c.future)
    return _by_tense(make, c.ref, c.future, size), f"{what}: {tense}, {which} {how} {c.ref}"


# ---------------------------------------------------------------- words and patterns


def _alt(words, ci: bool = True) -> str:
    """Regex alternation of words, longest first; spaces match any whitespace, ' either apostrophe."""
    body = by_first_letter(sorted(words, key=len, reverse=True),
                           lambda w: re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]"))
    return f"(?i:{body})" if ci else f"(?:{body})"


class _AnyChar(Exception):
    """A pattern's first character may be any (or one not worked out here)."""


def _first_chars(pattern: str) -> str:
    """The characters a match of ``pattern`` can begin with, as a regex that matches one of
    them ("[ADFJMNOS]|(?i:[bf])"), or "" when it may begin with any or match nothing.
    A date pattern is tried only at word starts with one of them (see :func:`_matches`)."""
    try:
        from re import _constants, _parser
        cased, folded, empty = _first_of(_parser.parse(pattern), False, _constants)
    except (_AnyChar, ImportError, AttributeError):
        return ""
    if empty:
        return ""
    parts = ["[" + "".join(map(_in_class, sorted(cased))) + "]"] if cased else []
    parts += ["(?i:[" + "".join(map(_in_class, sorted(folded))) + "])"] if folded else []
    return "|".join(parts)


def _in_class(char: str) -> str:
    """A character (or a class such as ``\\d``, kept as it is) written inside ``[...]``."""
    return re.escape(char) if len(char) == 1 else char


def _first_of(seq, ci: bool, c) -> tuple[set[str], set[str], bool]:
    """(first characters read as written, read ignoring case, whether it can match nothing) of a
    parsed sequence."""
    cased, folded = set(), set()
    for op, av in seq:
        more, more_folded, empty = _first_of_item(op, av, ci, c)
        cased |= more
        folded |= more_folded
        if not empty:
            return cased, folded, False
    return cased, folded, True


def _first_of_item(op, av, ci: bool, c) -> tuple[set[str], set[str], bool]:
    if op is c.LITERAL:
        return (set(), {chr(av)}, False) if ci else ({chr(av)}, set(), False)
    if op is c.IN:
        chars = set()
        for item, value in av:
            if item is c.LITERAL:
                chars.add(chr(value))
            elif item is c.RANGE and value[1] - value[0] < 100:
                chars |= {chr(n) for n in range(value[0], value[1] + 1)}
            elif item is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars.add(r"\d")          # any digit, as the pattern's \d reads it
            else:
                raise _AnyChar
        return (set(), chars, False) if ci else (chars, set(), False)
    if op is c.BRANCH:
        cased, folded, empty = set(), set(), False
        for alt in av[1]:
            more, more_folded, alt_empty = _first_of(alt, ci, c)
            cased, folded, empty = cased | more, folded | more_folded, empty or alt_empty
        return cased, folded, empty
    if op is c.SUBPATTERN:
        _, add, remove, sub = av
        return _first_of(sub, (ci or bool(add & c.SRE_FLAG_IGNORECASE)) and not remove & c.SRE_FLAG_IGNORECASE, c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, sub = av
        cased, folded, empty = _first_of(sub, ci, c)
        return cased, folded, empty or low == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), set(), True               # reads no character
    if op is c.GROUPREF_EXISTS:
        _, yes, no = av
        cased, folded, empty = _first_of(yes, ci, c)
        more, more_folded, no_empty = _first_of(no, ci, c) if no is not None else (set(), set(), True)
        return cased | more, folded | more_folded, empty or no_empty
    raise _AnyChar


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


class _Words(NamedTuple):
    month: dict[str, int]          # name or abbreviation -> 1..12
    month_names: list[str]
    weekday: dict[str, int]        # name -> 0 (Monday) .. 6
    season: dict[str, tuple[int, int]]
    modifier: dict[str, int]
    rel_day: dict[str, int]
    anaphora: dict[str, int]
    number: dict[str, int]
    future: re.Pattern
    cue: re.Pattern                # at the end of the text before a bare month or season
    listed: re.Pattern             # "April and " before a bare month: one of a list
    not_weekday: re.Pattern        # "Black " before "Friday"
    label: re.Pattern              # "Resolution " before a number
    not_end: frozenset[str]
    period_ordinal: dict[str, int]
    holiday: dict[str, tuple[int, int] | None]   # None: Thanksgiving
    decade_word: dict[str, int]
    period_refer: dict[str, int]
    period_context: re.Pattern
    patterns: list[tuple[re.Pattern, Callable]]
    first: list[re.Pattern | None]   # per pattern: one character a match can begin with (None: any)
    starts: re.Pattern               # a word start with a character some pattern can begin with
    taking: dict[str, tuple[int, ...]]   # character -> the patterns that can begin with it, as met


@lru_cache(maxsize=1)
def _words() -> _Words:
    w = load("dates")
    month = {}
    for i, (name, abbrs) in enumerate(w["months"].items(), 1):
        month[name] = i
        month.update((a, i) for a in abbrs or [])
    weekday = {name: i for i, name in enumerate(w["weekdays"])}
    numbers = {_norm(k): int(v) for k, v in w["number_words"].items()}

    full = _alt(w["months"], ci=False)
    spelled = "|".join(re.escape(n) + ("" if n in w["months"] else r"\.?")   # "Sept." or "Sept"
                       for n in sorted(month, key=len, reverse=True))
    wd = _alt(weekday, ci=False)
    seasons = _alt(w["seasons"])
    tod = _alt(w["times_of_day"])
    qty = rf"[\s-]+{_alt(w['counted_nouns'])}\b"
    num = rf"(?:\d{{1,3}}|{_alt(numbers)})"

    def mon(g, abbr=True):
        return rf"(?P<{g}>(?:{spelled if abbr else full})(?![A-Za-z]))"

    def day(g):
        return rf"(?P<{g}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![A-Za-z\d]|[.,:]\d|\s*%|{qty})"

    def year(g):
        return rf"(?<![\d$£€¥.,])(?P<{g}>(?:19|20)\d\d)(?![\d%A-Za-z]|[.,]\d|{qty})"

    part_word = _alt(w["part_words"])
    part = rf"(?:(?P<part>{part_word}|(?i:the\s+)?{_alt(w['part_phrases'])}\s+(?i:of))[\s-]+)?"
    mods = rf"(?P<mod>{_alt(w['modifiers'])})\s+"
    pre = r"(?:(?P<btw>(?i:between)\s+)|(?P<frm>(?i:from)\s+))?"
    sep = rf"(?:\s*[-–]\s*|\s+{_alt(w['range_words'])}\s+|(?(btw)\s+(?i:and)\s+|(?!)))"   # "and" after "between"
    yrel = rf"\s+(?:(?i:of)\s+)?(?P<rel>{_alt(w['modifiers'])})\s+(?i:year)(?![\w-])"
    weekday_before = rf"(?:(?P<wd>{wd}),?\s+)?"
    ordinal = _alt(w["period_ordinals"])
    fiscal = r"(?:(?i:fiscal)[\s-]+)?"
    unit_end = r"(?![\w-])"
    of_year = (rf"(?:\s+(?i:of)\s+(?:(?P<theyear>(?i:the)\s+{fiscal}(?i:year)){unit_end}|{fiscal}{year('y')}"
               rf"|(?P<rel>{_alt(w['modifiers'])})\s+(?i:year){unit_end}))")
    period = rf"(?P<unit>(?i:quarter|half)){unit_end}"
    with_year = (rf"(?=[\s-]+(?i:quarter|half)\s+(?i:of)\s+(?:(?i:the\s+(?:fiscal\s+)?year)|(?i:fiscal\s+)?(?:19|20)\d\d"
                 rf"|{_alt(w['modifiers'])}\s+(?i:year)))")   # "last" / "final" only before "quarter of 1989"

    patterns = [
        # "the third quarter", "third-quarter", "the 1988 third quarter", "this year's first half",
        # "the last half of 1989", "Q3 2023"
        (rf"(?:(?i:the|its)\s+)?(?:(?P<yb>(?:19|20)\d\d)\s+|(?P<poss>{_alt(w['modifiers'])})\s+(?i:year)['’]s\s+)?"
         rf"{fiscal}(?:(?P<ord>{ordinal})|(?P<last>{_alt(w['period_last'])}){with_year})[\s-]+{fiscal}"
         rf"{period}{of_year}?", _h_quarter),
        (rf"(?P<q>Q[1-4])(?:\s+{year('y')})?(?![\w-])", _h_quarter),
        # "the September quarter", "the July-September quarter": the three months ending in that month
        (rf"(?:(?i:the)\s+)?(?:{mon('qa', abbr=False)}\s*[-–]\s*)?{mon('qm', abbr=False)}[\s-]+"
         rf"(?P<unit>(?i:quarter)){unit_end}"
         rf"{of_year}?", _h_quarter),
        # "the year-ago quarter", "the latest period", "the corresponding period last year"
        (rf"(?:(?P<det>(?i:the|its|this|that))\s+|(?P<poss>{_alt(w['modifiers'])})\s+(?i:year)['’]s\s+)"
         rf"(?:{_alt(w['period_comparison'])}\s+)?"
         rf"(?:(?P<refer>{_alt(w['period_refer'])})\s+|(?P<cur>(?i:current))\s+|(?P<yb>(?:19|20)\d\d)\s+)?"
         rf"{fiscal}(?P<unit>(?i:quarter|period)){unit_end}(?!\s+(?i:of|point))"
         rf"(?:\s+(?:(?i:of|in)\s+)?(?P<back>{_alt(w['period_year_back'])}){unit_end})?", _h_period_ref),
        (r"(?:(?<=\b[Tt]he )|(?<=\b[Aa] ))(?i:year-earlier|year-ago)(?=\s+[a-z])", _h_year_ago_adjective),
        (r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])", _h_iso),
        # "25/12/2023", "12.25.2023": day and month in either order, read only when one is over 12
        (r"(?<![\d.,/-])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d.,/]\d)", _h_numeric),
        # month day: "Tuesday, March 22, 2024", "Nov. 11-14", "March 30 - April 2", "March 22 of last year"
        (rf"{pre}{weekday_before}{mon('ma')}\s+{day('da')}(?:{sep}(?:{mon('mb')}\s+)?{day('db')})?"
         rf"(?:,?\s+{year('y')}|{yrel})?", _h_monthday),
        # day month: "22 March 2024", "11-14 November", "the 22nd of March"
        (rf"{pre}{weekday_before}(?:(?i:the)\s+)?(?<![\d.,$£€:/]){day('da')}(?:\s+(?:(?i:of)\s+)?{mon('ma')})?"
         rf"(?:{sep}(?:(?i:the)\s+)?{day('db')})?\s+(?:(?i:of)\s+)?{mon('mb')}(?:,?\s+{year('y')}|{yrel})?",
         _h_monthday),
        (rf"{part}{mon('ma')}(?:,?\s+(?:(?i:of)\s+)?{year('y')}|{yrel})", _h_month_year),
        (rf"{part}(?:{mods})?{mon('ma', abbr=False)}", _h_month),
        (rf"{part}(?:{mods}|(?P<the>(?i:the))\s+)?(?P<s>{seasons})(?![\w-])"
         rf"(?:\s+(?:(?i:of)\s+)?{year('y')}(?:[-–/](?P<y2>(?:19|20)\d\d|\d\d)(?!\d))?)?", _h_season),
        (rf"{part}{year('y')}", _h_year),
        (rf"{pre}{year('y')}(?:{sep}|/)(?:{year('y2')}|(?P<yy>\d\d)(?![\d%A-Za-z]|[.,]\d|{qty}))", _h_years),
        (rf"(?:(?i:the)\s+)?(?:(?P<part>{part_word})[\s-]+)?(?<![\d$£€¥.,])(?P<dec>(?:1[5-9]|20)\d0)s(?![\w])",
         _h_decade),
        (rf"(?i:the)\s+(?:(?P<part>{part_word})[\s-]+)?"
         rf"(?:['’](?P<dd>[1-9]0)s|(?P<dw>{_alt(w['decade_words'])}))(?![\w'’])",
         _h_decade_short),
        (rf"(?P<hol>{_alt([*w['holidays'], *w['thanksgiving']], ci=False)})(?![\w'’])", _h_holiday),
        (rf"(?:(?P<part>{part_word})\s+)?(?:{mods})?(?P<wd>{wd})(?![\w])(?:\s+(?P<tod>{tod})(?![\w]))?", _h_weekday),
        (rf"{pre}(?P<wd>{wd})(?:\s+{tod})?{sep}(?P<wd2>{wd})(?![\w])(?:\s+{tod}(?![\w]))?", _h_weekdays),
        (rf"(?:(?i:the)\s+(?=(?i:current)\s))?{part}{mods}(?P<unit>(?i:weekend|week|month|year))(?![\w-])",
         _h_relative),
        (rf"(?:(?P<part>{part_word})\s+)?(?P<day>{_alt(w['relative_days'])})(?![\w])", _h_day),
        (r"(?i:the)\s+(?i:weekend)(?![\w-])", _h_the_weekend),
        (rf"(?:(?P<approx>{_alt(w['approximations'])})\s+)?(?<![\w.,])(?P<n>{num})\s+"
         r"(?P<unit>(?i:day|week|month|year|decade)s?)\s+(?i:ago)(?![\w])", _h_ago),
        (rf"(?P<ana>{_alt(w['anaphora'])})\s+"
         r"(?P<unit>(?i:day|week|month|year))(?![\w-])", _h_anaphor),
        (rf"(?<![\w.,])(?P<n>{num})\s+(?P<unit>(?i:day|week|month|year)s?)\s+(?P<dir>(?i:later|earlier))(?![\w])",
         _h_anaphor),
    ]
    firsts = [_first_chars(p) for p, _ in patterns]
    plain = [m for m in w["future_markers"] if m[0] not in "'’"]
    clitic = [m for m in w["future_markers"] if m[0] in "'’"]
    future = rf"(?<![\w'’])(?:{_alt(plain, ci=False)})(?![\w'’])(?!(?<=next)\s+to\b)"   # not "next to" a place
    if clitic:
        future += rf"|(?<=\w)(?:{_alt(clitic, ci=False)})(?![\w])"
    return _Words(
        month=month,
        month_names=list(w["months"]),
        weekday=weekday,
        season={_norm(k): tuple(v) for k, v in w["seasons"].items()},
        modifier={_norm(k): int(v) for k, v in w["modifiers"].items()},
        rel_day={_norm(k): int(v) for k, v in w["relative_days"].items()},
        anaphora={_norm(k): int(v) for k, v in w["anaphora"].items()},
        number=numbers,
        future=re.compile(future),
        cue=re.compile(rf"(?<![\w]){_alt(w['cues'])}\s+$"),
        listed=re.compile(rf"(?:{full}|{seasons})(?:\s*[-–/]\s*|,?\s+(?i:and|or|to|through|until|till)\s+)$"),
        not_weekday=re.compile(rf"(?<![\w]){_alt(w['weekday_not_date_before'], ci=False)}\s+$"),
        label=re.compile(rf"(?<![\w]){_alt(w['number_labels'])}\s*$"),
        not_end=frozenset(w["not_sentence_end"]),
        period_ordinal={_norm(k): int(v) for k, v in w["period_ordinals"].items()},
        holiday={**{_norm(k): tuple(v) for k, v in w["holidays"].items()},
                 **{_norm(k): None for k in w["thanksgiving"]}},
        decade_word={_norm(k): int(v) for k, v in w["decade_words"].items()},
        period_refer={_norm(k): int(v) for k, v in w["period_refer"].items()},
        period_context=re.compile(rf"[$€£%]|(?<![\w-]){_alt(w['period_context'])}(?![\w-])"),
        patterns=[(re.compile(r"(?<![\w])" + (f"(?={first})" if first else "") + p), h)
                  for (p, h), first in zip(patterns, firsts)],
        first=[re.compile(first) if first else None for first in firsts],
        starts=re.compile(r"(?<![\w])(?:" + "|".join(f for f in firsts if f) + ")"),
        taking={},
    )


# ---------------------------------------------------------------- finding


@dataclass
class _Ctx:
    """Where a match is and what surrounds it."""
    text: str
    start: int
    end: int
    ref: dt.date | None
    future: bool
    sentence: int   # offset where the match's sentence starts
    w: _Words
    sentence_end: int = 0
    nearest: bool = False   # no future marker and (with a parse) no past verb: nearest occurrence
    modal: bool = False     # (with a parse) a modal before the governing verb

    @property
    def sentence_text(self) -> str:
        return self.text[self.sentence:max(self.sentence_end, self.end)]

    @property
    def paragraph(self) -> str:
        """The line (paragraph) the match is in."""
        end = self.text.find("\n", self.end)
        return self.text[self.text.rfind("\n", 0, self.start) + 1:end if end >= 0 else len(self.text)]

    @property
    def before(self) -> str:
        return self.text[max(self.sentence, self.start - 60):self.start]

    @property
    def after(self) -> str:
        return self.text[self.end:self.end + 40]

    def cued(self) -> bool:
        """A preposition, a list of months or the start of the sentence before the match."""
        b = self.before
        return bool(self.w.cue.search(b) or self.w.listed.search(b)) or not b.strip(" \t\"'“‘([—–-")


# A closing quotation mark: future markers inside a quotation that closes before
# an expression do not set its tense ("“We will win,” he said on Monday").
_QUOTE_CLOSE = re.compile(r"”|(?<=[,.!?])\"")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z])|\n\s*")


def _sentence_starts(text: str, w: _Words) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group()[0] != "\n":
            token = text[:m.start() + 1].rsplit(None, 1)[-1]
            if token in w.not_end or re.fullmatch(r"(?:[A-Za-z]\.)+", token):
                continue
        starts.append(m.end())
    return starts


def _find(text: str, reference: dt.date | None, future: bool, doc=None) -> list[DateMention]:
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    w = _words()
    starts = _sentence_starts(text, w)
    found = []
    for rx, handler, m in _matches(text, w):
        start = next((m.end(g) for g in ("btw", "frm") if g in rx.groupindex and m.group(g)), m.start())
        if in_a_name(text, start):
            continue
        i = bisect.bisect_right(starts, start) - 1
        sentence, sentence_end = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
        clause = max((q.end() for q in _QUOTE_CLOSE.finditer(text, sentence, start)), default=sentence)
        fut = future or bool(w.future.search(text, clause, start))
        tense = _verb_tense(doc, start) if doc is not None and not fut else None
        nearest = doc is not None and not fut and tense != "past"
        ctx = _Ctx(text, start, m.end(), reference, fut, sentence, w, sentence_end, nearest, tense == "modal")
        value = _within_calendar(handler, m, ctx)
        if value:
            found.append((start, m.end(), value))
    found.sort(key=lambda f: (f[0] - f[1], f[0]))   # longest first, then leftmost
    kept: list = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    out: list[DateMention] = []
    # quarters and halves: the first named (the one a results story reports), the latest named
    # or referred to without a shift, and where the text last spoke of one
    first = latest = None
    at = -PERIOD_WINDOW[True]
    for start, end, value in sorted(kept, key=lambda f: f[0]):
        if value.anaphor:
            wide = value.anaphor[0] == "period"
            near = (first if wide else latest) if start - at <= PERIOD_WINDOW[wide] else None
            value = _within_calendar(_follow, value.anaphor, out[-1] if out else None, near)
            if value is None:
                continue
        if value.period:
            first, latest, at = first or value, value, end
        elif value.basis.startswith(PERIOD_BASIS):
            at = end
            if value.basis.startswith(PERIOD_BASIS + "the same"):
                latest = value
        out.append(DateMention(start, end, text[start:end], _iso(value.start), _iso(value.end),
                               value.basis, value.relative))
    return out


def _matches(text: str, w: _Words) -> Iterator[tuple[re.Pattern, Callable, re.Match]]:
    """Each pattern's matches in ``text``, pattern by pattern, the ones ``finditer`` finds.
    A match begins at a word start with one of the pattern's first characters (its
    lookahead, :func:`_first_chars`); those places are found in one scan, and each pattern
    is tried at its own only, instead of scanning the text once for each (a date pattern's
    scan is most of the time of finding dates)."""
    places: list[list[int]] = [[] for _ in w.patterns]
    for m in w.starts.finditer(text):
        for k in _taking(m.group(), w):
            places[k].append(m.start())
    for k, (rx, handler) in enumerate(w.patterns):
        if w.first[k] is None:
            yield from ((rx, handler, m) for m in rx.finditer(text))
            continue
        end = 0
        for at in places[k]:
            if at >= end and (m := rx.match(text, at)):
                end = m.end()
                yield rx, handler, m


def _taking(char: str, w: _Words) -> tuple[int, ...]:
    """The patterns whose match can begin with ``char``."""
    found = w.taking.get(char)
    if found is None:
        found = w.taking[char] = tuple(k for k, first in enumerate(w.first) if first is not None and first.match(char))
    return found


NAME_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*)-$")


def in_a_name(text: str, start: int) -> bool:
    """A number glued to a capitalised word by a hyphen is part of a name ("Security
    Bond-2023", "Vision-2030"), not a date; "mid-2023" and "Mid-2023" are dates."""
    m = NAME_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word, w = m.group(1), _words()
    return word not in w.month and word.lower() not in w.month and word.lower() not in {"mid", "early", "late"}


# How far back (in characters) "a year ago" and "the year-ago quarter" look for the quarter or half they compare with.
PERIOD_WINDOW = {False: 400, True: 2500}
PERIOD_BASIS = "period: "


def _verb_tense(doc, pos: int) -> str | None:
    """The tense of the verb that governs the word at ``pos``, from spaCy's tags: "past" (past
    or perfect), "modal" (a modal or "to" before it: "would travel", "plans to leave"), else None.

    An adjective on the way up ("payable Jan. 2", "effective June 1") gives no tense; a
    participle with no auxiliary and no subject of its own ("..., rising to a high in June")
    takes the tense of the verb it hangs from."""
    from .nlp import token_index
    i = token_index(doc, pos)
    if i is None:
        return None
    tok = doc[i]
    for _ in range(10):
        if tok.pos_ == "ADJ" and tok.i != i:
            return None
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "acl"):
            aux = [t for t in tok.children if t.dep_ in ("aux", "auxpass")]
            own = aux or any(t.dep_.startswith("nsubj") for t in tok.children)
            if own or tok.tag_ not in ("VBG", "VBN") or tok.dep_ not in ("advcl", "xcomp", "conj") or tok.head is tok:
                break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    aux = [t for t in tok.children if t.dep_ in ("aux", "auxpass")]
    perfect = any(t.lower_ in ("has", "have", "'ve", "had") for t in aux)
    if any(t.tag_ == "MD" for t in aux) and not perfect:
        return "modal"
    if any(t.lower_ == "to" for t in aux):
        return None
    return "past" if tok.tag_ == "VBD" or perfect or any(t.tag_ == "VBD" for t in aux) else None


OUT_OF_RANGE = "unresolved: falls outside the calendar's years 1 to 9999"


def _within_calendar(resolve: Callable[..., "_Value | None"], *args) -> "_Value | None":
    """``resolve(*args)``, or an unresolved value when the date it reaches is outside years
    1–9999 (" date 9999-12-31 " and "next week"): one mention fails, never the build."""
    try:
        value = resolve(*args)
    except (OverflowError, ValueError):
        return _Value(None, None, OUT_OF_RANGE, True)
    if value and any(p is not None and not 1 <= p[0] <= 9999 for p in (value.start, value.end)):
        return _Value(None, None, OUT_OF_RANGE, value.relative)
    return value


def _shift(value: _Value, years: int, basis: str) -> _Value:
    def move(p):
        return None if p is None else (p[0] + years, *p[1:])
    return _Value(move(value.start), move(value.end), basis, True)


def _follow(anaphor: tuple, prev: DateMention | None, period: _Value | None = None) -> _Value | None:
    """"the same month", "two days later": the previous mention, moved and cut to the unit.

    "a year earlier" / "a year ago" / "the year-ago quarter" near a quarter or half (``period``)
    are that quarter or half a year before; "the latest quarter" is that quarter."""
    unit, n = anaphor[:2]
    if unit in ("period", "ago") or unit == "year" and n == -1 and period is not None:
        if period is None:
            return anaphor[-1]
        if unit == "period" and anaphor[2]:
            return _shift(period, anaphor[2] - period.start[0] + n, f"{PERIOD_BASIS}the {anaphor[2]} quarter or half "
                                                                    f"like {_iso(period.start)}..{_iso(period.end)}")
        how = "the same" if n == 0 else f"{-n} year{'s' * (n != -1)} before the"
        return _shift(period, n, f"{PERIOD_BASIS}{how} quarter or half as {_iso(period.start)}..{_iso(period.end)}")
    if prev is None:
        return _Value(None, None, "unresolved: no earlier date to refer to", False)
    if prev.date_start is None:
        return _Value(None, None, f"unresolved: the earlier date '{prev.text}' is unresolved", prev.relative)
    p = tuple(int(x) for x in prev.date_start.split("-"))
    if len(p) < {"year": 1, "month": 2}.get(unit, 3):
        return _Value(None, None, f"unresolved: '{prev.text}' gives no {unit}", prev.relative)
    end = None
    if unit == "year":
        start = (p[0] + n,)
    elif unit == "month":
        start = _add_months(p[0], p[1], n)
    else:
        d = dt.date(*p) + dt.timedelta(days=n * (7 if unit == "week" else 1))
        if unit == "week" and n == 0:
            d, end = d - dt.timedelta(days=d.weekday()), _day(d + dt.timedelta(days=6 - d.weekday()))
        start = _day(d)
    how = f"same {unit} as" if n == 0 else f"{abs(n)} {unit}{'s' * (abs(n) != 1)} {'after' if n > 0 else 'before'}"
    return _Value(start, end, f"anaphora: {how} '{prev.text}' ({prev.date_start})", prev.relative)


# ---------------------------------------------------------------- handlers: (match, context) -> value or None


def _narrowed(m: re.Match, basis: str) -> str:
    part = m.groupdict().get("part")
    return f"{basis}; '{_norm(part)}' keeps the precision" if part else basis


def _h_iso(m, c):
    p = (int(m["y"]), int(m["mo"]), int(m["d"]))
    return _Value(p, None, "explicit", False) if _valid(p) else None


def _h_numeric(m, c):
    """A date in numbers: day and month are told apart only when one of them is over 12
    ("25/12/2023"); "05/12/2023" is 5 December in most of the world and 12 May in the US, so
    it is left unread (the year alone is then found on its own)."""
    a, b = int(m["a"]), int(m["b"])
    if (a > 12) == (b > 12):
        return None
    p = (int(m["y"]), b, a) if a > 12 else (int(m["y"]), a, b)
    return _Value(p, None, "explicit", False) if _valid(p) else None


def _h_monthday(m, c):
    g, w, ref = m.groupdict(), c.w, c.ref
    ma, mb = w.month[(g["ma"] or g["mb"]).rstrip(".")], w.month[(g["mb"] or g["ma"]).rstrip(".")]
    da, db = int(g["da"]), int(g["db"] or g["da"])
    ranged = g["db"] is not None
    wrap = (mb, db) < (ma, da)              # "Dec. 30 - Jan. 2" runs into the next year
    if ranged and (mb, db) == (ma, da) or wrap and not (g["ma"] and g["mb"]):
        return None

    def make(y):
        a, b = (y, ma, da), (y + wrap, mb, db)
        return (a, b) if _valid(a) and _valid(b) else None

    name = f"{w.month_names[ma - 1]} {da}"
    if g["y"]:
        span, basis, relative = make(int(g["y"]) - wrap), "explicit", False
    elif ref is None:
        return UNRESOLVED
    elif g["rel"]:
        y = ref.year + w.modifier[_norm(g["rel"])]
        span, basis, relative = make(y - wrap), f"{_norm(g['rel'])} year: {name} of {y}", True
    elif g["wd"] and (fits := _weekday_year(make, ref, w.weekday[g["wd"]])):
        span, relative = fits, True
        basis = f"day without year: the year nearest {ref} in which {name} is a {g['wd']}"
    else:
        span, basis = _occurrence(make, c, 3, f"day without year ({name}{' range' * ranged})")
        relative = True
    if span is None:
        return _Value(None, None, f"unresolved: no {name} in that year", relative)
    if g["wd"] and dt.date(*span[0]).weekday() != w.weekday[g["wd"]]:
        basis += f"; note: {_iso(span[0])} is not a {g['wd']}"
    return _Value(span[0], span[1] if ranged else None, basis, relative)


def _weekday_year(make, ref: dt.date, weekday: int):
    """"Monday, Oct. 26": the occurrence within a year of the reference that falls on that weekday, if one does."""
    spans = [s for y in (ref.year - 1, ref.year, ref.year + 1)
             if (s := make(y)) and dt.date(*s[0]).weekday() == weekday and abs((dt.date(*s[0]) - ref).days) <= 366]
    return min(spans, default=None, key=lambda s: abs((dt.date(*s[0]) - ref).days))


def _h_month_year(m, c):
    mo = c.w.month[m["ma"].rstrip(".")]
    if m["y"]:
        return _Value((int(m["y"]), mo), None, _narrowed(m, "explicit"), False)
    if c.ref is None:
        return UNRESOLVED
    y = c.ref.year + c.w.modifier[_norm(m["rel"])]
    return _Value((y, mo), None, _narrowed(m, f"{_norm(m['rel'])} year: {m['ma']} of {y}"), True)


def _h_month(m, c):
    if not (m["mod"] or m["part"] or c.cued()):
        return None
    if c.ref is None:
        return UNRESOLVED
    mo, ref, name = c.w.month[m["ma"]], c.ref, m["ma"]
    mod = c.w.modifier[_norm(m["mod"])] if m["mod"] else None
    if mod == -1:
        p, basis = (ref.year - 1, mo), f"last {name}: {name} of the year before {ref.year}"
    elif mod == 0:
        p, basis = (ref.year, mo), f"this {name}: {name} of {ref.year}"
    elif mod == 1:
        p, basis = (ref.year + (mo <= ref.month), mo), f"next {name}: first {name} after {ref:%Y-%m}"
    else:
        span, basis = _occurrence(lambda y: ((y, mo), (y, mo)), c, 2, f"month without year ({name})")
        p = span[0]
    return _Value(p, None, _narrowed(m, basis), True)


# After a bare season word, words that make it a verb ("fall apart", "spring back").
_VERB_AFTER = re.compile(r"\s+(?:apart|further|short|back|behind|below|sharply|steeply|slightly|by\s+\d|from\s+\d)\b")


def _h_season(m, c):
    first, last = c.w.season[_norm(m["s"])]
    wraps = last < first

    def make(y):
        return (y, first), (y + wraps, last)

    if m["y"]:
        y = int(m["y"])
        if m["y2"]:
            y2 = int(m["y2"]) if len(m["y2"]) == 4 else y // 100 * 100 + int(m["y2"])
            if not wraps or y2 % 100 != (y + 1) % 100:
                return None
        return _Value(*make(y), _narrowed(m, f"explicit: {_norm(m['s'])} starting in {y}"), False)
    if not (m["mod"] or m["part"]) and (not c.cued() or m["the"] and re.match(r"\s+(?:of|in)\b", c.after)):
        return None                          # "prices fall", "the fall of the city", "the fall in prices"
    if not (m["mod"] or m["part"] or m["the"]) and (_VERB_AFTER.match(c.after) or re.search(r"(?i)\bto\s+$", c.before)
                                                    and not c.w.listed.search(c.before)):
        return None                          # "expected to fall", "began to fall apart", "spring back"
    if re.match(r"\s+[A-Z]", c.after):
        return None                          # "Spring Festival", "Summer Olympics"
    if c.ref is None:
        return UNRESOLVED
    ref, name = c.ref, _norm(m["s"])
    mod = c.w.modifier[_norm(m["mod"])] if m["mod"] else None
    if mod is None:
        span, basis = _occurrence(make, c, 2, f"season without year ({name})")
    else:
        now = ref.year * 12 + ref.month

        def distance(y):                     # months from the reference to the season; 0 inside it
            (sy, sm), (ey, em) = make(y)
            s, e = sy * 12 + sm, ey * 12 + em
            return (s - now, 0) if s > now else (now - e, 1) if e < now else (0, 0)

        y = min(range(ref.year - 1, ref.year + 2), key=distance) + mod
        span = make(y)
        basis = f"the {name} containing or nearest {ref}"
        if mod:
            basis = f"a year {'before' if mod < 0 else 'after'} {basis}"
        basis = f"{_norm(m['mod'])} {name}: {basis}"
    return _Value(*span, _narrowed(m, basis), True)


def _h_year(m, c):
    if c.w.label.search(c.before):
        return None
    return _Value((int(m["y"]),), None, _narrowed(m, "explicit"), False)


def _h_years(m, c):
    y = int(m["y"])
    y2 = int(m["y2"]) if m["y2"] else y // 100 * 100 + int(m["yy"])
    if m["yy"] and y2 <= y:
        y2 += 100                              # "1999-00"
    if not y < y2 < y + 100:
        return None
    return _Value((y,), (y2,), "explicit", False)


def _h_decade(m, c):
    d = int(m["dec"])
    return _Value((d,), (d + 9,), _narrowed(m, "decade"), False)


def _quarter_months(unit: str, n: int) -> tuple[int, int]:
    return (3 * n - 2, 3 * n) if unit == "quarter" else (6 * n - 5, 6 * n)


# After a quarter: "of the last fiscal", "of fiscal 2016", "-17" (of "2016-17").
_FISCAL_AFTER = re.compile(r"(?i)\s+of\s+(?:the\s+)?(?:\w+\s+)?fiscal\b|\s*[-–/]\s*\d\d(?!\d)")


# After a quarter or half: "of" something other than a year.
_OF_OTHER_AFTER = re.compile(r"(?i)\s+of\s+(?:the|a|an|this|that|its|his|her|their|our)\s+(?!(?:fiscal\s+)?year\b)")


def _month_quarter(m, c):
    """"the September quarter": the three months ending in September."""
    last = c.w.month[m["qm"]]
    if m["qa"] and _add_months(2000, c.w.month[m["qa"]], 2)[1] != last:
        return None

    def make(y):
        return _add_months(y, last, -2), (y, last)

    name = f"quarter to {m['qm']}"
    if m["y"]:
        return _Value(*make(int(m["y"])), f"explicit: {name} {m['y']}", False, period=True)
    if not c.w.period_context.search(c.paragraph):
        return None
    if c.ref is None:
        return UNRESOLVED
    span, basis = _occurrence(make, c, 2, name)
    return _Value(*span, basis, True, period=True)


def _h_quarter(m, c):
    """"the third quarter", "third-quarter profit", "the first half of 2023", "Q3 2023": three or six months."""
    g = m.groupdict()
    if g.get("qm"):
        return _month_quarter(m, c)
    if "fiscal" in m.group().lower() or _FISCAL_AFTER.match(c.after):
        return None                          # a fiscal year's months are not in the text; "2016-17" is found as years
    if _OF_OTHER_AFTER.match(c.after):
        return None                          # "the first half of the match", "the first quarter of the century"
    if g.get("q"):
        unit, n = "quarter", int(g["q"][1])
    else:
        unit = g["unit"].lower()
        n = c.w.period_ordinal[_norm(g["ord"])] if g["ord"] else (4 if unit == "quarter" else 2)
    if unit == "half" and n > 2:
        return None
    first, last = _quarter_months(unit, n)

    def make(y):
        return (y, first), (y, last)

    name = f"{'Q' if unit == 'quarter' else 'H'}{n}"
    y = g.get("y") or g.get("yb")
    if y:
        return _Value(*make(int(y)), f"explicit: {name} of {y}", False, period=True)
    if not c.w.period_context.search(c.paragraph):
        return None                          # "scored in the second half"
    if c.ref is None:
        return UNRESOLVED
    rel = g.get("rel") or g.get("poss")
    if rel or g.get("theyear"):
        y = c.ref.year + (c.w.modifier[_norm(rel)] if rel else 0)
        return _Value(*make(y), f"{_norm(rel) if rel else 'the'} year: {name} of {y}", True, period=True)
    if c.future:                             # "third-quarter results are due": the nearest third quarter
        return _Value(*_nearest(make, c.ref), f"{name} without year: future tense, nearest {c.ref}", True, period=True)
    span = _by_tense(make, c.ref, False, 2)  # results come after the quarter: the latest that had begun
    return _Value(*span, f"{name} without year: latest begun by {c.ref}", True, period=True)


def _h_period_ref(m, c):
    """"the year-ago quarter", "the latest period", "the 1988 quarter": the quarter or half named before."""
    g = m.groupdict()
    if not c.w.period_context.search(c.paragraph):
        return None
    unit, det = g["unit"].lower(), _norm(g["det"] or "")
    if c.ref is None:
        return UNRESOLVED
    year = int(g["yb"]) if g["yb"] else c.ref.year + c.w.modifier[_norm(g["poss"])] if g["poss"] else None
    if unit == "quarter" and (g["cur"] or det == "this") and not (g["refer"] or g["back"] or year):
        n = (c.ref.month - 1) // 3 + 1
        first, last = _quarter_months(unit, n)
        return _Value((c.ref.year, first), (c.ref.year, last), f"current quarter: Q{n} of {c.ref.year}", True,
                      period=True)
    if unit == "period" and not (g["refer"] or g["back"] or year):
        return None                          # "the period" alone
    shift = (c.w.period_refer[_norm(g["refer"])] if g["refer"] else 0) - bool(g["back"])
    fallback = None
    if g["refer"] and not year and c.w.period_refer[_norm(g["refer"])] == 0:   # "the latest quarter", nothing named
        q = (c.ref.month - 1) // 3 or 4      # the last quarter that has ended
        y = c.ref.year - (q == 4) + shift
        first, last = _quarter_months("quarter", q)
        fallback = _Value((y, first), (y, last), f"latest quarter ended by {c.ref}", True, period=not shift)
    return _Value(None, None, "", True, anaphor=("period", shift, year, fallback))


def _h_year_ago_adjective(m, c):
    """"the year-earlier results": the quarter or half named before, a year back; else the year before."""
    if not c.w.period_context.search(c.paragraph):
        return None
    if c.ref is None:
        return UNRESOLVED
    fallback = _Value((c.ref.year - 1,), None, f"a year before {c.ref}", True)
    return _Value(None, None, "", True, anaphor=("ago", -1, fallback))


def _h_decade_short(m, c):
    """"the '90s", "the nineties": the latest such decade begun by the article's year."""
    tens = int(m["dd"]) if m["dd"] else c.w.decade_word[_norm(m["dw"])]
    d = 2000 + tens if c.ref and 2000 + tens <= c.ref.year else 1900 + tens
    return _Value((d,), (d + 9,), _narrowed(m, f"decade: the latest {tens}s begun by {c.ref.year if c.ref else 1999}"),
                  True)


def _h_holiday(m, c):
    """"Thanksgiving Day", "on Christmas Eve": that day in the year the tense (or nearness) points to."""
    name = _norm(m["hol"])
    if not re.search(r"(?i)\b(?:day|eve)$", name) and not c.w.cue.search(c.before):
        return None                          # "Christmas shopping"
    if c.ref is None:
        return UNRESOLVED
    fixed = c.w.holiday[name]

    def make(y):
        if fixed:
            p = (y, *fixed)
        else:                                # the fourth Thursday of November
            first = dt.date(y, 11, 1)
            p = _day(first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21))
        return p, p

    span, basis = _occurrence(make, c, 3, m["hol"])
    return _Value(span[0], None, basis, True)


def _weekday(name: str, ref: dt.date, future: bool, mod: int | None) -> tuple[dt.date, str]:
    target = _words().weekday[name]
    back, ahead = (ref.weekday() - target) % 7, (target - ref.weekday()) % 7
    if mod == -1:
        return ref - dt.timedelta(days=back or 7), f"last {name}: latest {name} before {ref}"
    if mod == 1:
        return ref + dt.timedelta(days=ahead or 7), f"next {name}: first {name} after {ref}"
    if future:
        return ref + dt.timedelta(days=ahead), f"weekday: future tense, first {name} on or after {ref}"
    return ref - dt.timedelta(days=back), f"weekday: latest {name} on or before {ref}"


def _h_weekday(m, c):
    nxt = re.match(r" ([A-Z][\w'’]*)", c.after)
    if (not (m["mod"] or m["tod"]) and nxt and nxt[1] not in c.w.month and nxt[1] not in c.w.weekday
            or c.w.not_weekday.search(c.before)):
        return None                          # "Sunday Times", "Black Friday"
    if c.ref is None:
        return UNRESOLVED
    d, basis = _weekday(m["wd"], c.ref, c.future or c.modal, c.w.modifier[_norm(m["mod"])] if m["mod"] else None)
    return _Value(_day(d), None, basis, True)


def _h_weekdays(m, c):
    if c.ref is None:
        return UNRESOLVED
    d, basis = _weekday(m["wd"], c.ref, c.future, None)
    end = d + dt.timedelta(days=(c.w.weekday[m["wd2"]] - d.weekday()) % 7 or 7)
    return _Value(_day(d), _day(end), f"{basis}; to the first {m['wd2']} after it", True)


def _h_relative(m, c):
    if m["unit"][0].isupper():
        return None                          # "This Week" (a programme's name)
    if not m["part"] and re.search(r"(?i)\bthe\s+$", c.before) and _norm(m["mod"]) != "current":
        return None                          # "over the next year", "in the last week": durations
    if c.ref is None:
        return UNRESOLVED
    ref, n, unit = c.ref, c.w.modifier[_norm(m["mod"])], m["unit"].lower()
    end = None
    if unit == "year":
        p = (ref.year + n,)
    elif unit == "month":
        p = _add_months(ref.year, ref.month, n)
    else:
        first = ref + dt.timedelta(days=7 * n - ref.weekday() + (5 if unit == "weekend" else 0))
        p, end = _day(first), _day(first + dt.timedelta(days=1 if unit == "weekend" else 6))
    return _Value(p, end, _narrowed(m, f"relative: {_norm(m['mod'])} {unit} from {ref}"), True)


def _h_the_weekend(m, c):
    """"over the weekend": the latest Saturday and Sunday (the coming ones in the future tense)."""
    if not re.search(r"(?i)\b(?:over|during|across|at|on)\s+$", c.before):
        return None
    if c.ref is None:
        return UNRESOLVED
    ref = c.ref
    if c.future and ref.weekday() < 6:
        sat, how = ref + dt.timedelta(days=(5 - ref.weekday()) % 7), "future tense, the coming"
    else:
        sat, how = ref - dt.timedelta(days=(ref.weekday() - 5) % 7), "the latest"
    return _Value(_day(sat), _day(sat + dt.timedelta(days=1)), f"the weekend: {how} Saturday and Sunday by {ref}", True)


def _h_day(m, c):
    if m["day"][0].isupper() and re.search(r"[A-Z][\w.]*\s+$", c.before):
        return None                          # "USA Today": a name
    if c.ref is None:
        return UNRESOLVED
    word = _norm(m["day"])
    d = c.ref + dt.timedelta(days=c.w.rel_day[word])
    return _Value(_day(d), None, f"relative: {word} from {c.ref}", True)


def _count(m, c) -> int:
    return int(m["n"]) if m["n"].isdigit() else c.w.number[_norm(m["n"])]


def _h_ago(m, c):
    if c.ref is None:
        return UNRESOLVED
    n, unit, ref = _count(m, c), _norm(m["unit"]).rstrip("s"), c.ref
    if unit in ("day", "week"):
        p = _day(ref - dt.timedelta(days=n * (7 if unit == "week" else 1)))
    elif unit == "month":
        p = _add_months(ref.year, ref.month, -n)
    else:
        p = (ref.year - n * (10 if unit == "decade" else 1),)
    basis = f"ago: {n} {unit}{'s' * (n != 1)} before {ref}"
    if m["approx"]:
        basis += f", approximate ('{_norm(m['approx'])}')"
    elif (n, unit) == (1, "year"):              # near a quarter in company results: that quarter a year before
        return _Value(None, None, "", True, anaphor=("ago", -1, _Value(p, None, basis, True)))
    return _Value(p, None, basis, True)


def _h_anaphor(m, c):
    unit = _norm(m["unit"]).rstrip("s")
    if "ana" in m.re.groupindex:
        ana = _norm(m["ana"])
        if ana == "the next" and unit != "day":
            return None                      # "over the next year" is a duration
        n = c.w.anaphora[ana]
    else:
        n = _count(m, c) * (1 if _norm(m["dir"]) == "later" else -1)
    return _Value(None, None, "", False, anaphor=(unit, n))


# ----------------------------------------------------------------- publication stamps
#
# A page prints when it was published: "Published On 20 Sep 2023", "08:40, October 15,
# 2024", "Sep 20, 2023 10:27 AM IST", "Created: 10-04-2022 01:12 IST", "2016-12-10
# 05:45:26", "15th September, 2021". Only a full date with a year counts; all-number
# dates are read day first ("10-04-2022" is 10 April) unless that is impossible.

class Stamp(NamedTuple):
    """A full date printed in a page stamp."""
    start: int
    end: int
    iso: str


@lru_cache(maxsize=1)
def _stamp_patterns() -> list[tuple[re.Pattern, str]]:
    w = _words()
    mon = "|".join(re.escape(n) for n in sorted(w.month, key=len, reverse=True))
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:19|20)\d\d)(?!\d)"
    return [
        (re.compile(rf"(?<!\d){year}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), "ymd"),
        (re.compile(rf"(?<![\d.\-/])(?P<a>[0-3]?\d)(?P<sep>[.\-/])(?P<b>[0-3]?\d)(?P=sep){year}"), "nums"),
        (re.compile(rf"(?<![A-Za-z])(?P<m>{mon})\.?\s+{day},?\s+{year}"), "mdy"),
        (re.compile(rf"(?<![\d])\b{day}\s+(?:of\s+)?(?P<m>{mon})\.?,?\s+{year}"), "dmy"),
    ]


def stamps(text: str) -> list[Stamp]:
    """Every full, valid date with a year that ``text`` prints, in order."""
    w = _words()
    found: list[Stamp] = []
    for rx, shape in _stamp_patterns():
        for m in rx.finditer(text):
            point = _stamp_point(m, shape, w)
            if point and _valid(point) and not any(s.start < m.end() and m.start() < s.end for s in found):
                found.append(Stamp(m.start(), m.end(), _iso(point)))
    return sorted(found)


def _stamp_point(m: re.Match, shape: str, w: _Words) -> Point | None:
    y = int(m["y"])
    if shape == "ymd":
        return (y, int(m["m"]), int(m["d"]))
    if shape == "nums":
        a, b = int(m["a"]), int(m["b"])
        return (y, b, a) if b <= 12 else (y, a, b)
    return (y, w.month[m["m"]], int(m["d"]))

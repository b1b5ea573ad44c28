"""Numeric facts: a number, what it counts, how exact it is and whether it is a change.

    "at least 144 people"       144        people   qualifier "at least"
    "by 2,000 to 15,000"        2000, 15000          change increase, then level
    "$176.4 billion"            1.764e11   usd
    "more than 2 ½ years"       2.5        years    qualifier "more than"

A number with no counted noun after it ("by 2,000 to a total of 15,000") takes the
noun the sentence counts: "the number of <troops>", or the nearest plural noun before
it. Dates, years, times, ordinals, ages and numbers that are part of a name
("Article 5", "F-16") are not figures. Vague amounts ("hundreds of thousands",
"dozens") are left out: no value can be written for them without guessing. A number
repeated in one article with the same unit is one figure (its first mention).
All word lists are in ``data/figures.yml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

from .nlp import ents_of, text_of, token_after
from .lexicon import load
from .lexicon import by_first_letter
from .records import Extraction, Figure

MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"}
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
FILLERS = {"more", "additional", "other", "extra", "new", "further", "straight", "consecutive", "full", "whole",
           "more than"}
COUNT_HEADS = {"number", "total", "count", "tally", "toll", "figure", "size", "strength", "population", "headcount"}


# "+44 20 7946 0958", "(253) 555-0147", "0800 123 4567": three or more digit groups
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,3}(?!\d)"
                   r"(?<=\d{3}[\s.-]\d{4})|\+\d{1,3}(?:[\s.-]\d{1,5}){2,4}|\(\d{2,5}\)\s?\d{3}[\s.-]\d{4}")


class Reading(NamedTuple):
    """One number read in the text, before it is written as a figure."""
    start: int
    end: int
    value: float
    unit: str | None
    money: bool
    what: str | None = None          # set where the words say it ("age"), else described later


def alternation(words) -> str:
    """Regex alternation of words, longest first (grouped by first letter: see ``by_first_letter``)."""
    return by_first_letter(sorted(words, key=len, reverse=True), re.escape)


@dataclass
class Words:
    pattern: re.Pattern
    anchors: re.Pattern        # where the number of a match of ``pattern`` can begin (see figure_matches)
    lead: int                  # how far before its number a match can begin
    number_words: dict
    scales: dict
    currency_symbols: dict
    currency_codes: set
    currency_words: dict
    unit_words: dict
    qualifier_re: re.Pattern
    qualifiers: dict
    increase: set
    decrease: set
    level_before: re.Pattern
    level_parts: re.Pattern
    level_verbs: set
    durations: set
    not_units: set
    name_before: set
    age_before: set
    age_after: re.Pattern
    measure_re: re.Pattern
    abbreviations: dict
    measure_nouns: dict
    scale_names: dict
    guarded: set
    rates: set
    unit_scales: dict
    scale_measures: list
    one_not_units: set
    fractions: dict
    irregular_plurals: dict
    per_re: re.Pattern
    measures: dict
    range_link: re.Pattern
    range_before: re.Pattern
    window_before: re.Pattern
    unit_aliases: dict
    people_states: list
    head_units: dict
    currency_units: set
    fraction_re: re.Pattern
    shared: dict
    prefixes: set
    era_before: re.Pattern
    sum_before: re.Pattern
    dimensions: list
    era_after: re.Pattern
    powers: set


def fraction_pattern(fractions: dict) -> re.Pattern:
    """A fraction word before "of" or before a point: "half a point", "a third of"; or after
    "by", a change by that share: "fell by a third"."""
    frac = alternation(fractions).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
    return re.compile(rf"\b(?P<frac>{frac})(?:(?:\s+of)?\s+an?\s+|\s+)(?P<point>(?:percentage\s+)?points?)\b"
                      rf"|\b(?P<frac2>{frac})(?=\s+of\s+(?!an?\s|\d))"
                      rf"|(?<=\bby\s)(?P<frac3>{frac})\b(?![\s-]+(?:of|an?|the|\w+ly)\b)(?=\s*[,.;]|\s+(?:in|on|from|to|over|since|last|this|after|compared|year|between)\b)", re.I)


@lru_cache(maxsize=1)
def words() -> Words:
    d = load("figures")
    num_words = {k.lower(): v for k, v in d["number_words"].items()}
    simple = [w for w in num_words if " " not in w]
    word_num = (rf"(?:{alternation(num_words)})(?:[-\s](?:{alternation(simple)}))*")
    scales = {k.lower(): float(v) for k, v in d["scales"].items()}
    units = {k.lower(): v for k, v in d["unit_words"].items()}
    cur_words = {k.lower(): v for k, v in d["currency_words"].items()}
    codes = set(d["currency_codes"])
    pattern = re.compile(
        rf"(?P<code1>\b(?:{alternation(codes)})\s?)?"
        rf"(?P<cur>(?<![A-Za-z])(?:{alternation(d['currency_symbols'])}))?\s?(?P<sign>(?<=[^\s\w])[-−](?=\d))?"
        rf"(?:(?P<num>(?<![\d/])[1-7]/[2348](?![\d/])|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
        rf"|(?<![\w.,])\.\d+)"
        rf"(?P<frac>\s?[½¼¾⅓⅔]|\s\d/\d\b)?(?:\s?×\s?10(?:\^|\*\*)?(?P<exp>[-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,2}})\b)?"
        rf"|(?P<word>\b{word_num}\b))"
        rf"(?:\s?-?(?P<scale>(?:{alternation(scales)}))\b)?"
        rf"(?P<unit>\s?%|\s?(?:{alternation([u for u in units if u != '%'])})\b)?"
        rf"(?P<code2>\s(?:{alternation(codes)})\b)?"
        rf"(?P<cword>\s(?:{alternation(cur_words)})\b)?",
        re.I)
    quals = {k.lower(): v for k, v in d["qualifiers"].items()}
    return Words(
        pattern=pattern, number_words=num_words, scales=scales,
        anchors=re.compile(rf"\d|\.(?=\d)|\b(?={alternation(num_words)})", re.I),
        lead=max(map(len, codes)) + 1 + max(map(len, d["currency_symbols"])) + 1 + 1,   # code, space, symbol, space, sign
        currency_symbols=d["currency_symbols"], currency_codes=codes, currency_words=cur_words,
        unit_words=units,
        qualifier_re=re.compile(rf"\b(?:{alternation(quals)})\s+$", re.I), qualifiers=quals,
        increase=set(d["increase_words"]), decrease=set(d["decrease_words"]),
        level_before=re.compile(rf"\b(?:{alternation(d['level_before'])})\s+(?:\S+\s+)?$", re.I),
        level_parts=re.compile(rf"\b(?:{alternation(d['level_parts'])})\s+(?:\S+\s+)?$", re.I),
        level_verbs=set(d["level_verbs"]), durations=set(d["duration_units"]),
        not_units={w.lower() for w in d["not_units"]}, name_before={w.lower() for w in d["name_before"]},
        age_before={w.lower() for w in d["age_before"]},
        age_after=re.compile(rf"[\s-]*({alternation(d['age_units'])})[\s-]old\b", re.I),
        measure_re=re.compile(rf"(\s?)({alternation(d['measure_abbreviations'])})(?![\w/°²])"),
        abbreviations=dict(d["measure_abbreviations"]),
        measure_nouns={**d["hyphen_measures"], **d["measure_nouns"]},
        scale_names={k.lower(): v for k, v in d["temperature_scales"].items()},
        guarded=set(d.get("guarded_symbols") or []), rates=set(d["rate_units"]),
        unit_scales={k: (v[0], float(v[1])) for k, v in d["unit_scales"].items()},
        scale_measures=list(d["scale_measures"]), one_not_units=set(d["one_not_units"]),
        fractions={k.lower(): float(v) for k, v in d["fractions"].items()},
        irregular_plurals=dict(d["irregular_plurals"]), measures=dict(d["hyphen_measures"]),
        per_re=re.compile(rf"\s+(?:a|an|per)(?:\s+|-)({alternation(d['per_units'])})\b"
                          rf"(?!\s+(?:ago|earlier|later|before|after)\b)", re.I),
        range_link=re.compile(rf"\s*(?:{alternation(d['range_links'])})\s*"),
        range_before=re.compile(rf"\b(?:{alternation(d['range_before'])})\s+$", re.I),
        window_before=re.compile(rf"\bthe\s+(?:(?:{alternation(d['window_words'])})\s+)?$", re.I), unit_aliases=dict(d["unit_aliases"]),
        people_states=list(d["people_states"]), head_units=dict(d["head_units"]),
        currency_units=set(d["currency_symbols"].values()) | {c.lower() for c in codes}
        | set(d["currency_words"].values()) | set(d.get("shared_symbols") or {}),
        fraction_re=fraction_pattern(d["fractions"]), shared=d.get("shared_symbols") or {},
        prefixes={w.lower() for w in d["number_prefixes"]}, powers=set(d["measure_powers"]),
        sum_before=re.compile(rf"\b(?:{alternation(d['sum_words'])})\s+(?:(?:of|at|to|by|over|about|around|nearly|"
                              rf"almost|some|roughly|more than|less than|just|only)\s+)*$", re.I),
        dimensions=list(d["dimension_words"]),
        era_before=re.compile(rf"(?<![\w.])(?:{alternation(d['eras'])})\s$"),
        era_after=re.compile(rf"\s(?:{alternation(d['eras'])})(?![\w.])"),
    )


def word_value(text: str) -> float | None:
    """"twenty-five" -> 25, "two hundred" -> 200, "a dozen" -> 12."""
    w = words().number_words
    text = text.lower()
    if text in w:
        return float(w[text])
    total = 0.0
    for part in re.split(r"[-\s]+", text):
        if part not in w:
            return None
        total = total * w[part] if w[part] == 100 and total else total + w[part]
    return total or None


def extract(doc, ex: Extraction, dates=(), published: str | None = None) -> None:
    """Add the article's figures to ``ex.figures``. ``dates`` are the date mentions
    of the body (their spans are not figures; the nearest one in the sentence gives
    ``as_of``)."""
    text = text_of(doc)
    taken = [(d.start, d.end) for d in dates if not d.text.endswith((" ago", " later"))]   # "three years ago" is both
    taken += [m.span() for m in PHONE.finditer(text)]
    readings = [r for m in figure_matches(text) if (r := number_reading(doc, text, m, taken))]
    readings += fraction_readings(text, taken)
    seen: set[tuple] = set()
    previous_end = -1
    for reading in sorted(readings, key=lambda r: r[:2]):
        if any(f.start <= reading.start < f.end for f in ex.figures):
            continue
        if reading.money or not is_conversion(text, reading.start, previous_end):   # "1,000 km (621 miles)"
            add_figure(doc, ex, seen, reading, dates, published)
        previous_end = reading.end


def figure_matches(text: str) -> Iterator[re.Match]:
    """The matches ``words().pattern.finditer(text)`` finds. Each holds a number, in
    digits or words, that begins at most ``lead`` characters after the match does (what
    may come first: a currency code, a space, a symbol, a space, a sign). So the numbers
    are found in one scan (``anchors``) and the pattern is tried only in front of each,
    from the left, where a match can begin: the first one found is the leftmost, as
    ``finditer``'s is (a third of the time of scanning the whole text with the pattern)."""
    w = words()
    pos = tried = 0            # where the next match may begin; positions before ``tried`` found none
    for anchor in w.anchors.finditer(text):
        at = anchor.start()
        if at < pos:
            continue
        for start in range(max(pos, tried, at - w.lead), at + 1):
            m = w.pattern.match(text, start)
            if m:
                yield m
                pos = m.end()
                break
        tried = at + 1


def number_reading(doc, text: str, m, taken) -> tuple | None:
    """(start, end, value, unit, is money) for one number match, or None when it is
    not a stated figure (a date, a name, a code, a vague "the two")."""
    w = words()
    start, end = m.start(), m.end()
    if m.group("code1") is None and m.group("cur") is None:
        start = m.start("num") if m.group("num") else m.start("word")
    if m.group("cur") and m.group("cur") not in w.currency_symbols:
        return None                       # case differs: "rs", "p" are not symbols
    if any(s < end and start < e for s, e in taken):
        return None
    value = number_value(m)
    if value is None:
        return None
    if re.match(r"an?\s", m.group("word") or "", re.I):
        share = fraction_before(text, start)
        if share is not None:             # "half a million": 500,000
            start, value = share[0], value * share[1]
    if metres_not_millions(text, m):      # "a 15m-long hull", "a 25m (82ft) wave"
        return Reading(start, m.end("scale"), value / w.scales["m"], w.abbreviations["m"], False)
    measure = scale_reading(text, m, start)
    if measure is not None:
        return Reading(measure[2], measure[1], value, measure[0], False)
    if m.group("num") and not m.group("cur") and re.search(r"(?:^|[\s(])[-−]$", text[:start]):
        start, value = start - 1, -value       # "-1.3%": a negative value
    elif m.group("cur") and m.group("sign"):
        value = -value                         # "$-50.8bn"
    elif minus := re.search(r"\bminus[\s-]$", text[max(0, start - 6):start], re.I):
        start, value = start - len(minus.group()), -value    # "minus 5 degrees", "minus-130"
    age = age_reading(text, m, start, value)
    if age is not None:
        return age
    if not_a_figure(text, m, start) or not plain_money(m):
        return None
    unit, end = unit_of(doc, m, end)
    if unit is None and "/" in (m.group("num") or ""):
        return None                       # "3/4" alone: a fraction of nothing written
    if unit is None and (both := range_end(doc, text, m, taken)):
        unit, end, shared_scale = both
        if shared_scale and not m.group("scale"):
            value *= w.scales[shared_scale]      # "four to five thousand people": 4,000
    if m.group("word") and not counted_word(text, m, start, unit):
        return None
    if unit in w.durations and w.window_before.search(text[max(0, start - 40):start]):
        return None                       # "in the past 12 months": a time window, not a fact
    if is_money(m) and money_range_before(text, start):
        both = range_end(doc, text, m, taken)
        if both and both[0].split(" per ")[0] == unit:
            unit, end = both[0], both[1]  # "prices range from $200 to $4 million (a year)": one figure
            value *= shared_money_scale(text, m, both[2])
    rate = exchange_rate(doc, text, m, taken, unit) if is_money(m) else None
    if rate is not None:
        return Reading(start, rate[1], rate[2], rate[0], True)
    per = w.per_re.match(text, end) if unit is not None and unit not in w.rates else None
    if per:                               # "92.64 dollars a barrel", "2 million barrels a day"
        unit, end = f"{unit} per {per.group(1).lower()}", per.end()
    if unit is None and re.search(r"\bages? of\s+$", text[max(0, start - 12):start], re.I):
        unit = "years"                    # "at the age of 79", "under the age of 11"
    money = is_money(m)
    if unit is None and (whole := part_of(doc, text, end, taken)):
        unit, money = whole               # "40 million of the 90 million euros"
    if unit is None and not w.sum_before.search(text[max(0, start - 40):start]):
        unit, _ = antecedent(doc, start)  # (a sum with its currency lost counts no noun: "worth 6 billion")
    if unit == "__skip__":
        return None
    factor = w.unit_scales.get(unit)
    if factor:
        unit, value = factor[0], value * factor[1]
    return Reading(start, end, value, unit, money)


def part_of(doc, text: str, end: int, taken) -> tuple[str, bool] | None:
    """A bare number that is a part of a whole given right after it takes the whole's
    unit: "raised 40 million of the 90 million euros" counts euros. Returns the unit
    and whether it is money."""
    link = re.match(r"\s+of\s+(?:the|its|their|an?)\s+", text[end:], re.I)
    second = words().pattern.match(text, end + link.end()) if link else None
    reading = number_reading(doc, text, second, taken) if second else None
    if reading is None or reading[3] is None:
        return None
    return reading[3], reading[4]


def shared_money_scale(text: str, m, scale: str) -> float:
    """The scale word of a range's second sum that its bare first sum shares: "from $20
    to $25 billion" is $20 billion, but "from $200 to $4 million" stays $200 (a first
    end bigger than the second's figure has no scale of its own left out)."""
    w = words()
    if not scale or m.group("scale") or not m.group("num") or "/" in m.group("num"):
        return 1.0
    second = w.pattern.match(text, w.range_link.match(text, m.end()).end())
    first = float(m.group("num").replace(",", ""))
    bare = float(second.group("num").replace(",", "")) if second and second.group("num") else None
    return w.scales[scale] if bare is not None and first < bare else 1.0


def fraction_before(text: str, start: int) -> tuple[int, float] | None:
    """A fraction word right before "a million" ("half a million", "a quarter of a
    million"): where it starts and its share."""
    w = words()
    frac = alternation(w.fractions).replace(r"\ ", r"[\s-]+")
    found = re.search(rf"\b({frac})(?:\s+of)?\s+$", text[max(0, start - 24):start], re.I)
    if found is None:
        return None
    share = w.fractions[re.sub(r"[\s-]+", " ", found.group(1).lower())]
    return start - (len(text[max(0, start - 24):start]) - found.start()), share


def metres_not_millions(text: str, m) -> bool:
    """"m" after a bare number is metres, not millions, before a dimension ("15m-long")
    or a length in feet in brackets ("25m (82ft)")."""
    w = words()
    if (m.group("scale") or "") != "m" or is_money(m) or m.group("unit"):
        return False
    after = text[m.end("scale"):m.end("scale") + 30]
    return bool(re.match(rf"-(?:{alternation(w.dimensions)})\b", after)
                or re.match(r"\s?\(\s?[\d.,]+\s?(?:ft|feet|foot|in|inches|yards?)\b", after))


def money_range_before(text: str, start: int) -> bool:
    """The words before a sum make it the first end of a range: "between", "ranging
    from", or a bare "from" that follows no verb of change ("fines from $5 to $10", but
    "fell from $75 to $45" is a change and the level it reached)."""
    w = words()
    before = text[max(0, start - 60):start]
    if w.range_before.search(before):
        return True
    if not re.search(r"\bfrom\s+$", before, re.I):
        return False
    recent = re.findall(r"[a-z]+", before.lower())[-6:]
    return not any(word in w.increase or word in w.decrease for word in recent)


def age_reading(text: str, m, start: int, value: float) -> Reading | None:
    """A person's (or a thing's) age is a figure in years, described as "age": "the
    54-year-old", "a 4-month-old daughter", "aged 54", "Jane Doe, 54, said"."""
    w = words()
    if m.group("cur") or m.group("unit"):
        return None
    end = m.end("num") if m.group("num") else m.end("word")
    old = w.age_after.match(text, m.end("scale") if m.group("scale") else end)
    if old:                                            # "a 300 million-year-old rock" too

        return Reading(start, old.end(), value, old.group(1).lower().rstrip("s") + "s", False, "age")
    prev = re.findall(r"[\w.]+", text[max(0, start - 40):start])
    if m.group("scale"):
        return None
    if prev and prev[-1].lower() in w.age_before:
        other = w.range_link.match(text, end)          # "aged 18 to 34": one figure
        second = re.match(r"\d+\b", text[other.end():]) if other else None
        return Reading(start, other.end() + second.end() if second else end, value, "years", False, "age")
    if m.group("num") and len(m.group("num")) <= 3 and re.search(r"[A-Z][\w.]*[a-z],\s$", text[:start]) \
            and text[end:end + 1] == ",":
        return Reading(start, end, value, "years", False, "age")
    return None


def exchange_rate(doc, text: str, m, taken, unit: str | None) -> tuple[str, int, float] | None:
    """"$1 = 109.71 yen": one exchange rate (the second value, "jpy per usd"), not
    a dollar. Returns the unit, the end of the text and the value."""
    eq = re.compile(r"\s*=\s*").match(text, m.end())
    if not eq:
        return None
    second = words().pattern.match(text, eq.end())
    reading = number_reading(doc, text, second, []) if second else None   # "109.7100" is no phone number here
    if reading is None or not reading[4]:
        return None
    return f"{reading[3]} per {unit}", reading[1], reading[2]


def range_end(doc, text: str, m, taken) -> tuple[str, int, str] | None:
    """"30 and 24 years", "11 to 12,000 people": one figure with both ends; the
    first number takes the noun of the second. Returns that unit, the end and the
    second number's scale word ("five thousand"), which a bare first number shares."""
    link = words().range_link.match(text, m.end())
    if not link:
        return None
    second = words().pattern.match(text, link.end())
    if not second:
        return None
    reading = number_reading(doc, text, second, taken)
    if reading is None or reading[3] is None or reading[4] != is_money(m):
        return None
    return reading[3], reading[1], (second.group("scale") or "").lower()


def counted_word(text: str, m, start: int, unit: str | None) -> bool:
    """A number in words is a figure with its counted noun or a qualifier ("at least
    one"), not as "the two leaders", "the world's two largest"; bare "one" wants a noun that is not an idiom
    ("one day", "one hand")."""
    w = words()
    if re.search(r"(?:\b(?:the|these|those|both|their|its|our|his|her|this|that|any|each|every|no)|\w['’]s)\s+$",
                 text[max(0, start - 8):start], re.I):
        return False
    qualified = w.qualifier_re.search(text[max(0, start - 30):start]) is not None
    if m.group("word").lower() == "one":
        hyphened = text[m.end("word"):m.end("word") + 1] == "-"
        if unit in w.one_not_units or (unit in w.durations and not hyphened):
            return False
    return unit is not None or qualified


def scale_reading(text: str, m, start: int) -> tuple[str, int, int] | None:
    """A reading on a named scale: "magnitude-7.1", "a 6.5-magnitude quake" (the
    quake is not counted). Returns the unit and the end and start of the figure's text."""
    w = words()
    if m.group("cur") or m.group("unit") or m.group("scale"):
        return None
    end = m.end("num") if m.group("num") else m.end("word")
    head = text[max(0, start - 20):start]
    before = re.search(rf"\b({alternation(w.scale_measures)})[\s-]$", head, re.I)
    if before:
        return before.group(1).lower(), end, start - (len(head) - before.start())
    after = re.match(rf"[\s-]({alternation(w.scale_measures)})\b", text[end:], re.I)
    if after:
        return after.group(1).lower(), end + after.end(), start
    return None


def fraction_readings(text: str, taken) -> list[tuple]:
    """"half a point", "three-quarters of a point" (percentage points); "half of",
    "a third of" (a share, in percent)."""
    w = words()
    out = []
    for m in w.fraction_re.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        written = m.group("frac") or m.group("frac2") or m.group("frac3")
        share = w.fractions[re.sub(r"[\s-]+", " ", written.lower())]
        if m.group("point"):
            out.append(Reading(m.start(), m.end(), share, "percentage points", False))
        elif m.group("frac3") or not re.search(r"\b(?:first|second|the|a|in|by)\s+$",
                                               text[max(0, m.start() - 8):m.start()], re.I):
            out.append(Reading(m.start(), m.end(), round(share * 100, 1), "percent", False))
    return out


def add_figure(doc, ex: Extraction, seen: set, reading: tuple, dates, published) -> None:
    """Write one reading as a figure unless it restates one already written."""
    w = words()
    text = text_of(doc)
    start, end, value, unit, money, what = reading
    if unit is None:
        unit = unit_of_list(doc, ex, start)
    q_start, qualifier = qualifier_before(text, start)
    base = unit.split(" per ")[0] if unit else unit     # "2 million barrels (a day)" again
    fact = (value, base, governing_verb(doc, start) if unit in w.rates else None)
    if fact in seen or ((value, unit) in {f[:2] for f in seen} and refers_back(text, start)):
        return
    seen.add(fact)
    start = q_start
    span_text = text[start:end].rstrip(" ,.;:")
    end = start + len(span_text)
    ex.figures.append(Figure(start=start, end=end, text=span_text, value=value, unit=unit,
                             what=what or describe(doc, start, end, unit), qualifier=qualifier,
                             change=change_of(doc, text, start, ex), as_of=as_of(doc, start, dates, published)))


def plural(noun: str) -> str:
    """The unit is written as a plural noun: "person" -> "people", "missile" -> "missiles"."""
    w = words()
    if noun in w.irregular_plurals:
        return w.irregular_plurals[noun]
    if noun in w.durations or noun in w.scale_measures or noun.endswith("s") or " " in noun or not noun.isalpha():
        return noun
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(?:x|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def unit_of_list(doc, ex: Extraction, start: int) -> str | None:
    """A bare number after a count in the same or the previous sentence counts the
    same thing: "352 deputies voted for it; 58 voted against and 18 abstained"."""
    w = words()
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None or not ex.figures:
        return None
    sent = tok[0].sent
    first = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    last = ex.figures[-1]
    if last.start < first or last.unit is None or last.unit in w.rates or last.unit in w.durations \
            or last.unit in w.currency_units:
        return None
    return last.unit


def governing_verb(doc, start: int) -> str | None:
    """The lemma of the verb the number hangs from: the same rate under another verb
    is another fact ("prices rose 0.3%" / "the core index climbed 0.3%")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.lemma_.lower() if tok.pos_ in ("VERB", "AUX") else None


def refers_back(text: str, start: int) -> bool:
    """"the 50,000 soldiers": a definite repeat names a figure already given."""
    return re.search(r"\b(?:the|these|those|that|this|its|their|his|her|our)\s+$",
                     text[max(0, start - 8):start], re.I) is not None


def is_money(m) -> bool:
    """The match carries a currency: a symbol, a code or a currency word."""
    return any(m.group(g) for g in ("cur", "code1", "code2", "cword"))


def is_conversion(text: str, start: int, previous_end: int) -> bool:
    """A measure in brackets right after another figure restates it in other units:
    "1,000 kilometers (621 miles)". (Money in brackets is kept: "€65m (£55.7m)".)"""
    head = text[:start].rstrip()
    if not head.endswith("("):
        return False
    before = head[:-1].rstrip()
    return previous_end == len(before)


def number_value(m) -> float | None:
    w = words()
    if m.group("num") and "/" in m.group("num"):
        a, b = m.group("num").split("/")
        value = int(a) / int(b)                     # "3/4 cup"
    elif m.group("num"):
        value = float(m.group("num").replace(",", "")) * power_of_ten(m.group("exp"))
        frac = (m.group("frac") or "").strip()
        if frac in FRACTIONS:
            value += FRACTIONS[frac]
        elif frac:
            a, b = frac.split("/")
            value += int(a) / int(b)
    else:
        value = word_value(m.group("word"))
        if value is None:
            return None
    scale = (m.group("scale") or "").lower()
    if scale:
        value *= w.scales[scale]
    return value


def power_of_ten(exp: str | None) -> float:
    """The factor of a written exponent: "×10−6" -> 1e-6, "× 10⁶" -> 1e6."""
    if not exp:
        return 1.0
    plain = exp.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--"))
    return 10.0 ** int(plain)


def not_a_figure(text: str, m, start: int) -> bool:
    """Years, times, ordinals, parts of names and codes, ages."""
    w = words()
    raw = m.group("num") or ""
    end = m.end("frac") if m.group("frac") else (m.end("num") if raw else m.end("word"))
    before = text[max(0, start - 40):start]
    after = text[end:end + 12]
    if raw and re.match(r"[A-Za-z]", after) and not (m.group("scale") or m.group("unit")) \
            and measure_symbol(text, end) is None:
        if not re.match(r"(?:st|nd|rd|th)\b", after) and not re.match(r"-", after):
            return True                  # "5G", "3D"
    if raw and re.match(r"(?:st|nd|rd|th)\b", after, re.I):
        return True                      # ordinal
    prefix = re.search(r"\b([A-Za-z]+)-$", before)
    if prefix and prefix.group(1).lower() in w.prefixes:
        pass                             # "sub-5 nanometre"
    elif re.search(r"[A-Za-z]-?$|[:/#]$|\d[-–:]$", before) or re.match(r"[:/]\d|[-–]\d", after):
        return True                      # "F-16", "MH17", "10:30", "2/3", "11-14", a score "7-2"
    if raw and re.search(r"\b[A-Z&]{2,}\s$", before) and not (m.group("cur") or m.group("scale") or m.group("unit")) \
            and prev_word(before).lower() not in w.qualifiers:
        return True                      # an index or a name: "FTSE 100", "ASX 200"
    bare = not (m.group("cur") or m.group("scale") or m.group("unit"))
    if raw and bare and (re.fullmatch(r"(1[89]|20)\d\d", raw) or era_year(text, raw, start, end)):
        return True                      # a year
    prev = re.findall(r"[\w.]+", before)
    if prev and re.search(r"[A-Z][a-z]+\s$", before) and not re.search(r"(?:[.!?:]\s+|\n|^)\S+\s$", before) \
            and prev[-1].lower() not in w.qualifiers and not measure_follows(text, end) and bare \
            and prev[-1] not in MONTH_NAMES and len(prev) > 1 and (raw or m.group("word")[:1].isupper()):
        return True                      # "Amber Shield 25", "Leopard 2", "the Big Ten": part of a name
    if prev:
        last = prev[-1].lower()
        two = " ".join(prev[-2:]).lower()
        capital = prev[-1][:1].isupper() or prev[-1].endswith(".")
        if (last in w.name_before and capital) or two in w.name_before:
            return True
    nxt = re.match(r"\s*([\w.]+)", after)
    if nxt and nxt.group(1).lower() in w.not_units:
        return True                      # a time of day
    return False


def era_year(text: str, raw: str, start: int, end: int) -> bool:
    """A year by its era ("AD 79", "300 BC") or by the range it is in ("between 1500
    and 1800", "AD 1100 and 1250")."""
    w = words()
    if not re.fullmatch(r"\d{1,4}", raw):
        return False
    if w.era_before.search(text[max(0, start - 8):start]) or w.era_after.match(text, end):
        return True
    link = w.range_link.match(text, end)
    if link and re.match(r"(?:1[0-9]|20)\d\d\b(?![\d,.%])", text[link.end():]) and len(raw) >= 3:
        second = re.match(r"\d+", text[link.end():]).group()
        return bool(re.fullmatch(r"(1[89]|20)\d\d", second)) or w.era_after.match(text, link.end() + 4) is not None
    earlier = re.search(r"(\d{3,4})\s*(?:and|to|or|-|–)\s*$", text[max(0, start - 20):start])
    return earlier is not None and w.era_before.search(text[max(0, start - 40):start - len(earlier.group())]) is not None


def measure_follows(text: str, end: int) -> bool:
    """A measure symbol or measure noun right after a number ("420bhp", "13 inch")."""
    w = words()
    if measure_symbol(text, end) is not None:
        return True
    nxt = re.match(r"[\s-]([a-z]+)\b", text[end:])
    return nxt is not None and (nxt.group(1) in w.measure_nouns or nxt.group(1) in w.measures
                                or nxt.group(1) in w.measures.values())


def prev_word(before: str) -> str:
    """The last word of ``before`` ("S&P", "U.S.")."""
    words_before = re.findall(r"[\w.&]+", before)
    return words_before[-1] if words_before else ""


def unit_of(doc, m, end: int) -> tuple[str | None, int]:
    """The unit the number carries or the counted noun right after it; the end of the
    figure's text grows over an adjacent counted noun."""
    w = words()
    text = text_of(doc)
    if m.group("cur"):
        return shared_currency(doc, w.currency_symbols[m.group("cur")]), end
    for g in ("code1", "code2"):
        if m.group(g):
            return m.group(g).strip().lower(), end
    if m.group("cword"):
        return shared_currency(doc, w.currency_words[m.group("cword").strip().lower()]), end
    if m.group("unit"):
        return w.unit_words[m.group("unit").strip().lower()], end
    symbol = measure_symbol(text, end)
    if symbol is not None:               # "60GB", "10 kW", "87 mph"
        return symbol
    hyphen = re.match(r"-([A-Za-z]+)\b", text[end:])
    if hyphen and hyphen.group(1) in w.abbreviations and len(hyphen.group(1)) > 1:
        return w.abbreviations[hyphen.group(1)], end + hyphen.end()     # "a 185-hp engine"
    suspended = re.match(r"-(?:\s*,\s*\w+-)*\s*,?\s+(?:and|or|to)\s+\w+-([a-z]+)\b", text[end:])
    if suspended:                         # "two- and three-bedroom": the last word's unit
        return hyphen_unit(suspended.group(1)), end + 1
    hyphen = re.match(r"-([a-z]+)\b", text[end:])
    if hyphen:                            # "three-day", "10-year", "150-metre"
        unit = hyphen_unit(hyphen.group(1))
        return unit, end + hyphen.end() if unit else end
    state = re.match(rf"\s+({alternation(w.people_states)})\b", text[end:], re.I)
    if state:                             # "17 injured", "two missing"
        return "people", end + state.end()
    tok = token_after(doc, end)
    skipped = 0
    while tok is not None and skipped < 3 and is_filler(doc, tok) and tok.lower_ not in w.measure_nouns:
        tok = tok.nbor() if tok.i + 1 < len(doc) else None
        skipped += 1
    if tok is not None and len(tok.lower_) > 1 and tok.lower_ in w.scale_names:
        return w.scale_names[tok.lower_], tok.idx + len(tok)          # "minus 40 Fahrenheit"
    measure = measure_noun(doc, tok) if tok is not None else None
    if measure is not None:
        return measure
    tok = noun_past_names(doc, tok, end)
    if tok is None or tok.pos_ not in ("NOUN", "PROPN") or tok.is_title and tok.pos_ == "PROPN":
        return None, end
    if tok.lower_ in ("times", "time") and skipped == 0:
        return "times", tok.idx + len(tok)
    first = tok
    while tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN" and doc[tok.i + 1].tag_ in ("NNS", "NN") \
            and tok.tag_ != "NNS":
        tok = doc[tok.i + 1]              # compound: "rescue workers"
    if tok.lower_ in w.not_units:
        return "__skip__", end
    if len(tok.text.rstrip(".")) <= 2:    # "68 p", "0.5 R": a symbol, never made plural
        symbol = tok.text.rstrip(".")
        return w.abbreviations.get(symbol, symbol.lower()), tok.idx + len(symbol)
    word = tok.lower_.rstrip("-")        # "310 kilometres- and": a stray hyphen is no part of the noun
    head = plural(word) if tok.tag_ == "NN" or word in w.irregular_plurals else word
    noun = doc[first.i:tok.i].text.lower() + " " + head if first.i < tok.i and first.pos_ == "NOUN" else head
    power = doc[first.i - 1].lower_ if first.i > 0 else ""
    if power in w.powers and head in w.measures.values():
        noun = f"{power} {noun}"          # "120 square miles", "5 cubic metres"
    return w.unit_aliases.get(noun, noun), tok.idx + len(word)


def noun_past_names(doc, tok, end: int):
    """The counted noun when names stand between it and the number ("two Hamas commanders",
    "20 Boeing planes", "12 Extinction Rebellion activists"): the common noun the number
    modifies, when it is at most four words on and the names are part of its phrase; else ``tok``."""
    from .nlp import token_index
    k = token_index(doc, end - 1)
    if tok is None or k is None or doc[k].dep_ != "nummod":
        return tok
    head = doc[k].head
    if head.pos_ == "NOUN" and tok.i < head.i <= tok.i + 4 and head.left_edge.i <= tok.i \
            and any(t.pos_ == "PROPN" for t in doc[tok.i:head.i]):
        return head
    return tok


def hyphen_unit(word: str) -> str | None:
    """The unit of a hyphened measure or duration ("day" in "three-day"), else None."""
    w = words()
    if word in w.durations or word.rstrip("s") + "s" in w.durations:
        return word.rstrip("s") + "s"
    return w.measures.get(word)


def measure_symbol(text: str, end: int) -> tuple[str, int] | None:
    """The unit of a measure symbol right after a number ("60GB", "10 kW"; a one-letter
    symbol only when glued: "118.5p") and the end of the symbol."""
    w = words()
    found = w.measure_re.match(text, end)
    if found is None or (found.group(1) and len(found.group(2)) == 1):
        return None
    return w.abbreviations[found.group(2)], found.end()


def measure_noun(doc, tok) -> tuple[str, int] | None:
    """A measure noun after a number is the unit even where a noun follows it ("a 40 yard
    run" counts yards); "degrees Celsius" names its scale. Returns the unit and its end."""
    w = words()
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.lower_ in ("degree", "degrees") and nxt is not None and nxt.lower_ in w.scale_names:
        return w.scale_names[nxt.lower_], nxt.idx + len(nxt)

    if tok.lower_ in w.measure_nouns and nxt is not None and nxt.pos_ == "NOUN":
        return w.measure_nouns[tok.lower_], tok.idx + len(tok)
    return None


def is_filler(doc, tok) -> bool:
    """Words between a number and its noun: "more", adjectives, a participle before a
    noun ("16 confirmed cases", "400 charging stations")."""
    if tok.lower_ in FILLERS or tok.pos_ == "ADJ":
        return True
    if tok.text == "-" and 0 < tok.i < len(doc) - 1:     # "10 like-minded countries", "9 first-team players"
        return doc[tok.i + 1].pos_ in ("ADJ", "VERB") or hyphen_modifier(doc, tok.i + 1)
    if doc[tok.i - 1].text == "-" and hyphen_modifier(doc, tok.i):
        return True
    return tok.tag_ in ("VBN", "VBG") and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN"


def hyphen_modifier(doc, i: int) -> bool:
    """The word after a hyphen ends a modifier when a noun follows it: "team" in
    "first-team players" (but "first-team" alone is the noun: "in the first-team")."""
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "-" and doc[i].pos_ in ("NOUN", "ADJ") \
        and doc[i + 1].pos_ == "NOUN"


def shared_currency(doc, unit: str) -> str:
    """A symbol several currencies share ("Rs") becomes the currency of the first
    country the article names ("Lahore" -> Pakistan -> pkr), else the default."""
    rule = words().shared.get(unit)
    if rule is None:
        return unit
    from .gazetteer import gazetteer
    names = [ent.text for ent in ents_of(doc) if ent.label_ in ("GPE", "LOC", "NORP")]
    names += [tok.text for tok in doc if tok.pos_ == "PROPN"]
    for name in names:
        place = gazetteer().major_place(name)
        country = place.country if place is not None else gazetteer().country(name)
        if country in rule["by_country"]:
            return rule["by_country"][country]
    return rule["default"]


def plain_money(m) -> bool:
    """A letter symbol ("P") reads as money only before digit groups, decimals or a scale."""
    cur = m.group("cur")
    if cur is None or cur.strip() not in words().guarded:
        return True
    num = m.group("num") or ""
    return bool(m.group("scale") or "," in num or "." in num) and m.start("num") == m.end("cur")


def antecedent(doc, start: int) -> tuple[str | None, object]:
    """For a bare number, the noun its sentence counts: "the number of troops ... at 700,000"."""
    sent = doc.char_span(start, start + 1, alignment_mode="expand")
    if sent is None:
        return None, None
    sent = sent[0].sent
    before = [t for t in sent if t.idx < start]
    w = words()
    for tok in reversed(before):
        if tok.lemma_.lower() in COUNT_HEADS:
            noun = counted_by(tok)
            if noun is not None:
                return w.unit_aliases.get(noun.lower_, noun.lower_), noun
            if tok.lemma_.lower() in w.head_units:
                return w.head_units[tok.lemma_.lower()], tok
    for tok in reversed(before):
        if tok.pos_ == "NOUN" and (tok.tag_ == "NNS" or tok.lower_ in ("personnel", "people")):
            return w.unit_aliases.get(tok.lower_, tok.lower_), tok
    return None, None


def counted_by(head):
    """"number of (Russian military) personnel" -> personnel."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [t for t in child.subtree if t.pos_ == "NOUN"]
            if nouns:
                pobj = [t for t in child.children if t.dep_ == "pobj"]
                return pobj[0] if pobj and pobj[0].pos_ == "NOUN" else nouns[0]
    return None


def qualifier_before(text: str, start: int) -> tuple[int, str | None]:
    w = words()
    m = w.qualifier_re.search(text[max(0, start - 30):start])
    if not m:
        return start, None
    phrase = re.sub(r"\s+", " ", m.group(0).strip().lower())
    return start - (len(text[max(0, start - 30):start]) - m.start()), w.qualifiers.get(phrase)


def change_of(doc, text: str, start: int, ex: Extraction) -> str | None:
    """increase / decrease when the figure is the size of a change ("rose by 3%",
    "a 3% rise"), level when it is what a quantity stands at ("to 4.5%", "at 2.4 million")."""
    w = words()
    sent = doc.char_span(start, start + 1, alignment_mode="expand")
    if sent is None:
        return None
    sent = sent[0].sent
    head = text[sent.start_char:start]
    tail = text[start:sent.end_char]
    prior = re.findall(r"[a-z]+", head.lower())
    if re.search(r"\bby\s+$", head):
        for word in reversed(prior[-12:]):
            if word in w.increase:
                return "increase"
            if word in w.decrease:
                return "decrease"
    if re.search(r"\bby\s+$", head) is None:
        m = re.match(r"[^,;]*?\s(\w+)\b", tail)
        nxt = m.group(1).lower() if m else ""
        if nxt in ("rise", "increase", "jump", "hike", "gain"):
            return "increase"
        if nxt in ("fall", "drop", "cut", "decline", "decrease", "reduction"):
            return "decrease"
    setting = any(word in w.level_verbs for word in prior) or any(t.lemma_ in w.level_verbs for t in sent
                                                                  if t.idx < start)
    changing = any(word in w.increase or word in w.decrease for word in prior)
    if w.level_before.search(head) and (setting or changing or re.search(r"total of\s+(?:\S+\s+)?$", head)):
        return "level"
    if w.level_parts.search(head) and any(f.change == "level" and sent.start_char <= f.start < start
                                          for f in ex.figures):
        return "level"
    return None


def describe(doc, start: int, end: int, unit: str | None) -> str | None:
    """A short description: the governing verb and the counted noun phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return unit
    root = span.root
    verb = root
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    noun = unit or ""
    for tok in span:
        if tok.lower_ == unit:
            noun = " ".join(t.text for t in tok.lefts if t.pos_ in ("ADJ", "NOUN", "PROPN") and t.idx >= span.start_char) \
                + " " + tok.text
    if not noun.strip():
        return None
    if verb.pos_ in ("VERB", "AUX") and verb.i != root.i:
        return f"{noun.strip()} ({verb.lemma_})"
    return noun.strip()


def as_of(doc, start: int, dates, published: str | None) -> str | None:
    """The resolved date nearest the figure in its sentence, else the article's date."""
    sent = doc.char_span(start, start + 1, alignment_mode="expand")
    if sent is not None:
        sent = sent[0].sent
        near = [d for d in dates if sent.start_char <= d.start < sent.end_char and d.date_start
                and not d.start <= start < d.end]
        if near:
            return min(near, key=lambda d: abs(d.start - start)).date_start
    return published

"""Calendar dates on TempEval-3 (TBAQ: TimeBank + AQUAINT) against dateparser's `search_dates`.

    .venv/bin/python benchmarks/tempeval.py PATH/TO/TBAQ-cleaned [--half dev] [-v]

The set: github.com/qiangning/StructTempRel-EMNLP17 at d6518a5, folder
`data/TempEval3/Training/TBAQ-cleaned` (`TimeBank/*.tml`, `AQUAINT/*.tml`; 256 news documents
annotated in TimeML). Document id: the `.tml` file name without its extension. The reference date
is the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME"); the text is
the content of `<TEXT>` with its tags removed.

Gold, counted: every TIMEX3 of type DATE inside `<TEXT>` whose value is a fully specified
calendar value of one of these shapes (and no other):

    YYYY            a year                     YYYY-Www        an ISO week
    YYYY-MM         a month                    YYYY-Www-WE     that week's weekend
    YYYY-MM-DD      a day                      YYYY-Qn         a quarter (n = 1..4)
    YYYY-MM-DDTMO   a day part (MO, AF, EV,    YYYY-Hn         a half (n = 1, 2)
      (or AF/EV/NI)   NI), compared as its day  YYYY-SP/SU/FA/WI  a season (meteorological
    YYY             a decade ("199")                            months; WI = Dec to Feb)

Not counted: PRESENT_REF, PAST_REF, FUTURE_REF; values with X ("1998-XX", "1998-WXX"); clock
times ("1998-01-08T10:30"); durations and sets (types DURATION, SET) and TIME. A prediction that
overlaps a TIMEX3 which is not counted is left out of both sides (neither right nor wrong); any
other prediction counts.

Scores, one-to-one matching in text order:
* span: a prediction is found when it overlaps a gold expression;
* value: found, and the prediction's value is the same stretch of days as the gold value, at
  the precision the gold gives: "1998-10" is October 1998 and is not "1998-10-26"; a quarter
  is its three months ("1998-07" to "1998-09" is 1998-Q3); a week is its Monday to Sunday.

Ours: `dispatches.dates.find(text, reference, doc)`, the function the build runs on every article
body with its date and its spaCy parse (`dispatches.nlp.parse`). Peer:
`dateparser.search.search_dates(text, languages=["en"], settings=
{RELATIVE_BASE: the document date, PREFER_DATES_FROM: "current_period"})`: dateparser's own
default, and on the dev half its best choice (value F1 0.40, against 0.32 with "past" and 0.24
with "future"; `--prefer` runs another). dateparser gives a datetime, not a
precision, so each string it finds is parsed again with `DateDataParser.get_date_data` (same
settings) and its `period` (day, week, month, year) sets the precision: the most favourable
reading we could give it. No published figures exist for this exact subset; on the TempEval-3
platinum test set, all timex types, the best system (HeidelTime) reached 0.90 relaxed span F1
and 0.78 value F1 (UzZaman et al., SemEval 2013): printed beside ours, not comparable.
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from peers import Score, add_half_argument, optional, wanted

Interval = tuple[dt.date, dt.date]

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}   # 14 = February of the next year
CALENDAR = re.compile(r"(?P<decade>\d{3})|(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?:MO|AF|EV|NI))?)?"
                      r"|W(?P<w>\d\d?)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?")


@dataclass
class Timex:
    start: int
    end: int
    text: str
    value: str
    counted: bool
    interval: Interval | None = None


@dataclass
class Document:
    id: str
    text: str
    reference: dt.date
    timexes: list[Timex] = field(default_factory=list)

    @property
    def gold(self) -> list[Timex]:
        return [t for t in self.timexes if t.counted]


def months(y: int, first: int, last: int) -> Interval:
    """From the first day of month ``first`` to the last of month ``last`` (13, 14 = next year)."""
    ly, lm = y + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(y, first, 1), dt.date(ly, lm, calendar.monthrange(ly, lm)[1])


def gold_interval(value: str) -> Interval | None:
    """The days a counted TimeML value covers, or None when the value is not counted."""
    m = CALENDAR.fullmatch(value)
    if not m:
        return None
    try:
        if m["decade"]:
            d = int(m["decade"]) * 10
            return dt.date(d, 1, 1), dt.date(d + 9, 12, 31)
        y = int(m["y"])
        if m["d"]:
            day = dt.date(y, int(m["m"]), int(m["d"]))
            return day, day
        if m["m"]:
            return months(y, int(m["m"]), int(m["m"]))
        if m["w"]:
            monday = dt.date.fromisocalendar(y, int(m["w"]), 1)
            return (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) if m["we"] else \
                (monday, monday + dt.timedelta(days=6))
        if m["q"]:
            return months(y, 3 * int(m["q"]) - 2, 3 * int(m["q"]))
        if m["h"]:
            return months(y, 6 * int(m["h"]) - 5, 6 * int(m["h"]))
        if m["s"]:
            return months(y, *SEASONS[m["s"]])
        return months(y, 1, 12)
    except ValueError:
        return None


def iso_interval(start: str | None, end: str | None = None) -> Interval | None:
    """The days from an ISO start ("2023", "2023-12", "2023-12-06") to an ISO end (or the start's own end)."""
    if not start:
        return None
    first = _bounds(start)
    last = _bounds(end or start)
    return (first[0], last[1]) if first and last else None


def _bounds(iso: str) -> Interval | None:
    parts = [int(p) for p in iso.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts), dt.date(*parts)
        if len(parts) == 2:
            return months(parts[0], parts[1], parts[1])
        return months(parts[0], 1, 12)
    except ValueError:
        return None


def read(path: Path) -> Document:
    """One .tml file: its plain text, reference date and TIMEX3s with offsets into the text."""
    root = ET.parse(path).getroot()
    dct = next(t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    doc = Document(path.stem, "", dt.date.fromisoformat(dct.get("value")[:10]))
    pieces: list[str] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, pieces))
        pieces.append(node.text or "")
        for child in node:
            walk(child)
            pieces.append(child.tail or "")
        if node.tag == "TIMEX3":
            end = sum(map(len, pieces))
            value = node.get("value", "")
            interval = gold_interval(value) if node.get("type") == "DATE" else None
            doc.timexes.append(Timex(start, end, "".join(pieces)[start:end], value, interval is not None, interval))

    walk(root.find("TEXT"))
    doc.text = "".join(pieces)
    return doc


Prediction = tuple[int, int, str, "Interval | None"]   # start, end, text, days it covers


def ours(docs: list[Document]) -> list[list[Prediction]]:
    from dispatches import dates, nlp
    parsed = nlp.parse(d.text for d in docs)
    return [[(m.start, m.end, m.text, iso_interval(m.date_start, m.date_end))
             for m in dates.find(d.text, d.reference, parse)] for d, parse in zip(docs, parsed)]


def dateparser_run(docs: list[Document], prefer: str) -> list[list[Prediction]] | None:
    search = optional("dateparser.search", "pip install dateparser")
    if search is None:
        return None
    from dateparser.date import DateDataParser
    out = []
    for d in docs:
        base = dt.datetime.combine(d.reference, dt.time(12))
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer}
        parser = DateDataParser(languages=["en"], settings=settings)
        found, at = [], 0
        for string, when in search.search_dates(d.text, languages=["en"], settings=settings) or []:
            start = d.text.find(string, at)
            if start < 0:
                continue
            at = start + len(string)
            data = parser.get_date_data(string)
            found.append((start, at, string, peer_interval(when.date(), data.period if data else "day")))
        out.append(found)
    return out


def peer_interval(day: dt.date, period: str | None) -> Interval:
    if period == "year":
        return months(day.year, 1, 12)
    if period == "month":
        return months(day.year, day.month, day.month)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    return day, day


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(doc: Document, preds: list[Prediction], span: Score, value: Score, misses: list[str] | None) -> None:
    ignored = [t for t in doc.timexes if not t.counted]
    preds = [p for p in preds if not any(overlaps(p[:2], (t.start, t.end)) for t in ignored)
             or any(overlaps(p[:2], (g.start, g.end)) for g in doc.gold)]
    gold = doc.gold
    span.pred += len(preds)
    value.pred += len(preds)
    span.gold += len(gold)
    value.gold += len(gold)
    free = list(range(len(preds)))
    for g in gold:
        cands = [i for i in free if overlaps(preds[i][:2], (g.start, g.end))]
        right = [i for i in cands if preds[i][3] == g.interval]
        hit = (right or cands or [None])[0]
        if hit is None:
            if misses is not None:
                misses.append(f"MISS  {doc.id} {g.text!r} gold {g.value}  ...{context(doc, g.start, g.end)}")
            continue
        free.remove(hit)
        span.tp += 1
        if right:
            value.tp += 1
        elif misses is not None:
            got = preds[hit][3]
            shown = f"{got[0]}..{got[1]}" if got else None
            misses.append(f"VALUE {doc.id} {g.text!r} gold {g.value} ours {preds[hit][2]!r} = {shown}"
                          f"  ref {doc.reference}  ...{context(doc, g.start, g.end)}")
    if misses is not None:
        for i in free:
            misses.append(f"EXTRA {doc.id} {preds[i][2]!r}  ...{context(doc, preds[i][0], preds[i][1])}")


def context(doc: Document, start: int, end: int) -> str:
    text = doc.text[max(0, start - 70):start] + "[[" + doc.text[start:end] + "]]" + doc.text[end:end + 50]
    return " ".join(text.split())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="the TBAQ-cleaned folder (holding TimeBank/ and AQUAINT/)")
    add_half_argument(ap)
    ap.add_argument("--prefer", choices=["past", "future", "current_period"], default="current_period",
                    help="dateparser's PREFER_DATES_FROM (default current_period)")
    ap.add_argument("--no-peer", action="store_true", help="run ours only")
    ap.add_argument("-v", "--verbose", action="store_true", help="list our misses, wrong values and extras")
    args = ap.parse_args(argv)
    files = sorted(args.path.glob("*/*.tml")) or sorted(args.path.glob("*.tml"))
    docs = [read(f) for f in files if wanted(f.stem, args.half)]
    print(f"TempEval-3 TBAQ, {args.half} half: {len(docs)} documents, "
          f"{sum(len(d.gold) for d in docs)} calendar DATE expressions")
    runs = [("Dispatches", ours(docs))]
    if not args.no_peer:
        runs.append((f"dateparser ({args.prefer})", dateparser_run(docs, args.prefer)))
    for name, preds in runs:
        if preds is None:
            continue
        span, value = Score(), Score()
        misses = [] if args.verbose and name == "Dispatches" else None
        for d, p in zip(docs, preds):
            score(d, p, span, value, misses)
        print(span.line(f"{name} span"))
        print(value.line(f"{name} value"))
        if misses:
            print("\n".join(misses), file=sys.stderr)
    print("published (TempEval-3 platinum test, all timex types, HeidelTime; not comparable): "
          "relaxed span F1 0.90, value F1 0.78")


if __name__ == "__main__":
    main()

"""Figures on NewsQuant (590 news sentences, 904 quantities) against quantulum3.

    .venv/bin/python benchmarks/newsquant.py PATH/TO/CQE_Evaluation/data/formatted_test_set/NewsQuant.json [--half dev]

The set: github.com/satya77/CQE_Evaluation at 190c0ce409ce0acedc0eec82b9dadbd5336bf852. Document id:
``newsquant-NNNN``, the sentence's 0-based position (4 digits). A quantity is found when a figure
has its value (a range: either end); value+unit also needs the unit (our codes mapped to the set's
unit names in UNIT_NAMES; units compared word by word in the singular, -meter and -metre alike;
an age, which we keep as years described "age", as the set's "year of age"; a unit's head word
is its last word or the word before "of" ("barrel of oil"); a multi-word unit of ours may be the end
of the set's longer one; a share we write in percent, 33.3, is the set's fraction 0.333 with a "%"
unit). Published: CQE 0.92 / 0.86 on
all 904 (value / value+unit F1); quantulum3 is run here on the same sentences.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from peers import Score, add_half_argument, optional, wanted

UNIT_NAMES = {"usd": "dollar", "eur": "euro", "gbp": "pound sterling", "jpy": "japanese yen",
              "cny": "chinese yuan", "inr": "indian rupee", "aud": "australian dollar", "cad": "canadian dollar",
              "rub": "russian ruble", "krw": "south korean won", "percent": "percentage",
              "percentage points": "percentage point", "basis points": "basis point", "ils": "shekel",
              "myr": "malaysian ringgit", "hkd": "hong kong dollar", "sgd": "singapore dollar",
              "pence": "p", "mmbtu": "mega british thermal unit", "feet": "foot"}


def singular(word: str) -> str:
    word = word.lower().strip()
    for plural, single in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("es", "e"), ("s", "")):
        if word.endswith(plural) and len(word) > 3:
            return word[: -len(plural)] + single
    return word


def unit_key(name: str) -> str:
    """A unit name compared word by word in the singular, with one spelling of -metre/-litre
    ("kilometers" and "kilometre" are one unit) and the scale of a temperature as the unit."""
    words = [singular(w) for w in name.lower().replace("degrees ", "").replace("-", " ").split()]
    return " ".join(re.sub(r"(met|lit)er\b", r"\1re", w) for w in words)


def unit_ok(pred: str | None, gold: dict) -> bool:
    names = {unit_key(gold["normalized_unit"]), unit_key(gold["unit"])} - {"-", ""}
    if gold["normalized_unit"].startswith("%") and pred == "percent":
        return True                      # a share: "% Germans" is a percentage of Germans
    if not names:
        return pred is None
    if pred is None:
        return False
    name = unit_key(" per ".join(UNIT_NAMES.get(part, part) for part in pred.lower().split(" per ")))
    heads = {head(n) for n in names}     # "new season" -> season, "dollar per share" -> dollar
    return name in names or (" " not in name and name in heads) \
        or (" " in name and any(n.endswith(" " + name) for n in names))     # "power plant" of "coal fired power plant"


def head(name: str) -> str:
    """The head word of a unit name: the last word, or the word before "of" ("barrel of oil")."""
    words = name.split(" per ")[0].split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def gold_values(value: str) -> list[float]:
    parts = re.split(r"(?<=\d)-(?=\d)", value)
    try:
        return [float(p) for p in parts]
    except ValueError:
        return []


def same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def hits(pred: tuple[float, str | None], end: float) -> bool:
    """Our value is the gold one; a share we give in percent ("a third": 33.3 percent) is
    the set's fraction of one (0.333...)."""
    value, unit = pred
    return same(value, end) or (unit == "percent" and 0 < end < 1 and abs(value / 100 - end) < 1e-3)


def match(preds: list[tuple[float, str | None]], golds: list[dict], value: Score, unit: Score) -> list[str]:
    """Count hits into ``value`` and ``unit``; return the misses as lines to read."""
    misses = []
    value.pred += len(preds)
    unit.pred += len(preds)
    value.gold += len(golds)
    unit.gold += len(golds)
    free = list(range(len(preds)))
    for g in golds:
        ends = gold_values(g["value"])
        hit = next((i for i in free if any(hits(preds[i], e) for e in ends)), None)
        if hit is None:
            misses.append(f"  missed   {g['value']} {g['unit']!r}")
            continue
        with_unit = next((i for i in free if any(hits(preds[i], e) for e in ends) and unit_ok(preds[i][1], g)), None)
        free.remove(with_unit if with_unit is not None else hit)
        value.tp += 1
        if with_unit is not None:
            unit.tp += 1
        else:
            misses.append(f"  unit     {g['value']} gold {g['unit']!r}/{g['normalized_unit']!r}, ours {preds[hit][1]!r}")
    misses += [f"  spurious {preds[i][0]:g} {preds[i][1]!r}" for i in free]
    return misses


def ours(texts: list[str]) -> list[list[tuple[float, str | None]]]:
    from dispatches import dates, figures, nlp, people
    out = []
    for text, doc in zip(texts, nlp.parse(texts)):
        found = people.extract(doc)
        figures.extract(doc, found, dates.find(text, None), None)
        out.append([(f.value, "year of age" if f.what == "age" else f.unit) for f in found.figures])
    return out


def quantulum(texts: list[str]):
    q = optional("quantulum3.parser", "pip install quantulum3")
    if q is None:
        return None
    out = []
    for text in texts:
        try:
            out.append([(x.value, None if x.unit.name == "dimensionless" else x.unit.name) for x in q.parse(text)])
        except Exception:       # noqa: BLE001 - a peer's crash on one sentence is a miss there
            out.append([])
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    add_half_argument(ap)
    ap.add_argument("-v", "--verbose", action="store_true", help="list our misses, sentence by sentence")
    args = ap.parse_args(argv)
    data = json.loads(args.path.read_text(encoding="utf-8"))
    items = [d for i, d in enumerate(data) if wanted(f"newsquant-{i:04d}", args.half)]
    texts = [d["text"] for d in items]
    print(f"NewsQuant, {args.half} half: {len(items)} sentences, {sum(len(d['quantities']) for d in items)} quantities")
    for name, preds in (("Dispatches", ours(texts)), ("quantulum3", quantulum(texts))):
        if preds is None:
            continue
        value, unit = Score(), Score()
        for p, d in zip(preds, items):
            misses = match(p, d["quantities"], value, unit)
            if args.verbose and misses and name == "Dispatches":
                print(d["text"], *misses, sep="\n")
        print(value.line(f"{name} value"))
        print(unit.line(f"{name} value+unit"))
    print("published (CQE paper, all 904): CQE value F1 0.92, value+unit 0.86")


if __name__ == "__main__":
    main()

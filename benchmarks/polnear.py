"""Direct quotations with a named source on PolNeAR against textacy's `direct_quotations`.

    .venv/bin/python benchmarks/polnear.py PATH/TO/PolNeAR [--half dev]

The set: github.com/networkdynamics/PolNeAR at c3eee83 (its `data/{train,dev,test}`; one
annotator's file per article, the first in name order). Document id: the article's `filename`
in `data/metadata.tsv`.

Gold: every quoted stretch inside an attribution's Content, between “ ” or " " marks or the
two-apostrophe marks '' '' some papers print (New York Times style); the speaker is the
attribution's Source text. Recall counts the stretches of 3+ words whose Source is not a
pronoun ("named source"). A prediction is found when it overlaps at least half of such a
stretch; its speaker is right when a word of it (not a stop word) is a word of the gold Source.
A prediction that is not found but overlaps a quoted stretch the gold leaves out of recall
(its Source is a pronoun, or it has fewer than 3 words) is ignored: it is neither a hit nor a
false positive, since the text does quote someone there. Any other prediction is a false
positive.
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from peers import Score, add_half_argument, optional, wanted

PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "him", "them", "who", "which", "that"}
QUOTED = re.compile(r"(?:[“\"]|'')((?:(?!'')[^“”\"]){3,}?)(?:[”\"]|'')")
STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "said", "says"}


@dataclass
class Quoted:
    start: int
    end: int
    source: str
    counted: bool = True        # gold: in recall (named source, 3+ words); else only excuses overlaps


def gold_quotes(ann: str, text: str) -> list[Quoted]:
    spans, events = {}, []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, *offsets = parts[1].split(" ")
            try:
                spans[parts[0]] = (kind, int(offsets[0]), int(offsets[-1].split(";")[-1]))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    out = []
    for e in events:
        if "Content" not in e or "Source" not in e or e["Content"] not in spans or e["Source"] not in spans:
            continue
        _, s0, s1 = spans[e["Source"]]
        source = text[s0:s1]
        named = source.strip().lower() not in PRONOUNS
        _, c0, c1 = spans[e["Content"]]
        for m in QUOTED.finditer(text, c0, c1):
            out.append(Quoted(m.start(1), m.end(1), source, named and len(m.group(1).split()) >= 3))
    return out


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'.-]+", text.lower()) if w not in STOP}


def overlap(a: Quoted, b: Quoted) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match(preds: list[Quoted], golds: list[Quoted], found: Score, misses: list | None = None) -> None:
    """Count hits, speakers and false positives; predictions on quotes the gold leaves
    out of recall (pronoun source, fewer than 3 words) are ignored. With `misses`, append
    (gold, prediction) for each found quote whose speaker is wrong."""
    counted = [g for g in golds if g.counted]
    excused = [g for g in golds if not g.counted]
    found.gold += len(counted)
    free = list(preds)
    for g in counted:
        hit = next((p for p in free if overlap(p, g) >= (g.end - g.start) / 2), None)
        if hit is None:
            continue
        free.remove(hit)
        found.tp += 1
        if hit.source and words(hit.source) & words(g.source):
            found.attr_hit += 1
        elif misses is not None:
            misses.append((g, hit))
    found.pred += len(preds) - sum(1 for p in free if any(overlap(p, g) > 0 for g in excused))


def context(text: str, q: Quoted, width: int = 200) -> str:
    """The quote with `width` characters either side, on one line."""
    around = text[max(0, q.start - width):q.start] + "[[" + text[q.start:q.end] + "]]" + text[q.end:q.end + width]
    return " ".join(around.split())


def ours(texts: list[str]) -> list[list[Quoted]]:
    from dispatches import nlp, people, quotes
    out = []
    for doc in nlp.parse(texts):
        found = people.extract(doc)
        quotes.extract(doc, found)
        out.append([Quoted(q.start, q.end, q.speaker or "") for q in found.quotes])
    return out


def textacy_quotes(texts: list[str]):
    triples = optional("textacy.extract.triples", "pip install textacy")
    if triples is None:
        return None
    from dispatches import nlp
    out = []
    for doc in nlp.parse(texts):
        found = []
        try:
            for q in triples.direct_quotations(doc):
                content = q.content
                start, end = content[0].idx, content[-1].idx + len(content[-1])
                found.append(Quoted(start, end, " ".join(t.text for t in q.speaker)))
        except Exception:       # noqa: BLE001 - a peer's crash on one article is a miss there
            pass
        out.append(found)
    return out


def load(root: Path, half: str) -> list[tuple[str, str, str]]:
    """(id, text, annotation) of each article of the half."""
    items = []
    for compartment in ("train", "dev", "test"):
        for text_file in sorted((root / "data" / compartment / "text").glob("*.txt")):
            doc_id = text_file.stem
            anns = sorted((root / "data" / compartment / "attributions").glob(f"{doc_id}_*.ann"))
            if anns and wanted(doc_id, half):
                items.append((doc_id, text_file.read_text(encoding="utf-8"), anns[0].read_text(encoding="utf-8")))
    return items


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="a checkout of networkdynamics/PolNeAR")
    add_half_argument(ap)
    ap.add_argument("-v", "--verbose", action="store_true", help="print our speaker misses")
    args = ap.parse_args(argv)
    items = load(args.root, args.half)
    texts = [t for _, t, _ in items]
    golds = [gold_quotes(a, t) for _, t, a in items]
    print(f"PolNeAR, {args.half} half: {len(items)} articles, "
          f"{sum(g.counted for gs in golds for g in gs)} direct quotes with a named source")
    for name, preds in (("Dispatches", ours(texts)), ("textacy direct_quotations", textacy_quotes(texts))):
        if preds is None:
            continue
        score = Score()
        for (doc_id, text, _), p, g in zip(items, preds, golds):
            misses = [] if args.verbose and name == "Dispatches" else None
            match(p, g, score, misses)
            for gold, hit in misses or ():
                print(f"SPEAKER {doc_id}: gold {gold.source!r} ours {hit.source!r}\n"
                      f"    {context(text, gold)}")
        print(score.line(name, "speaker"))


if __name__ == "__main__":
    main()

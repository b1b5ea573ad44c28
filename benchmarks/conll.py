"""Person names on CoNLL-2003 English test (Reuters) against bare spaCy, exact spans.

    .venv/bin/python benchmarks/conll.py PATH/TO/eng.testb [--half dev] [--misses]

The set: `data/eng.testb` in github.com/ZhixiuYe/HSCRF-pytorch (the CoNLL-2003 English test
file, IOB1 tags; documents separated by `-DOCSTART-` lines). Document id: `testb-NNN`, the
document's 1-based position in the file, 3 digits.

Each document becomes a scrape: its first sentence is the title line, each later sentence a
paragraph of its own (tokens joined by single spaces). Dispatches reads it as a seed file
(segmentation, then people extraction on each article body); its person mentions are mapped
back to offsets in the document text. spaCy's model (the one the pipeline uses) tags the same
text, and its PERSON entities are the peer. A name counts when its start and end are exactly
a gold PER span's.

Two scores: "in bodies" counts only gold names inside the article bodies Dispatches kept (and
spaCy's names there too): extraction, with segmentation set aside. "whole documents" counts
every gold name, so names in the title line, in a byline or in a document that gave no
article are misses for Dispatches. The published state of the art for the whole CoNLL-2003
NER task (all four types, all tokens) is about 0.93-0.94 F1; spaCy's own card gives
en_core_web_sm about 0.85 for all entity types on OntoNotes, not this set.
"""
from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from peers import Score, add_half_argument, wanted


@dataclass
class Document:
    doc_id: str
    text: str
    gold: list[tuple[int, int]]                 # PER spans, character offsets in text
    title_end: int                              # end of the first line


@dataclass
class Found:
    spans: list[tuple[int, int]] = field(default_factory=list)
    bodies: list[tuple[int, int]] = field(default_factory=list)   # regions of text kept as bodies
    articles: int = 0
    unmapped: int = 0                            # mentions in a paragraph not found in the text


def per_spans(tokens: list[tuple[str, str]], offsets: list[int]) -> list[tuple[int, int]]:
    """PER entity spans from IOB1 tags (I-PER continues, B-PER starts a new one)."""
    spans, start, end = [], None, None
    for (word, tag), at in zip(tokens, offsets):
        if tag == "I-PER" and start is not None:
            end = at + len(word)
            continue
        if start is not None:
            spans.append((start, end))
            start = None
        if tag in ("I-PER", "B-PER"):
            start, end = at, at + len(word)
    if start is not None:
        spans.append((start, end))
    return spans


def documents(path: Path) -> list[Document]:
    """Every document of the file, in order, with its text and gold PER spans."""
    chunks, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            chunks.append(current)
            current = []
        else:
            current.append(line)
    chunks.append(current)
    docs = []
    for lines in chunks:
        sentences, sentence = [], []
        for line in lines + [""]:
            parts = line.split()
            if parts:
                sentence.append((parts[0], parts[-1]))
            elif sentence:
                sentences.append(sentence)
                sentence = []
        if not sentences:
            continue
        text, gold, title_end = "", [], 0
        for n, sent in enumerate(sentences):
            if n:
                text += "\n\n"
            offsets = []
            for k, (word, _) in enumerate(sent):
                if k:
                    text += " "
                offsets.append(len(text))
                text += word
            gold += per_spans(sent, offsets)
            if n == 0:
                title_end = len(text)
        docs.append(Document(f"testb-{len(docs) + 1:03d}", text + "\n", gold, title_end))
    return docs


def body_regions(text: str, body: str, cursor: int) -> list[tuple[int, int, int]]:
    """(body offset, text offset, length) of each body paragraph found in the text, in order."""
    out, at = [], 0
    for para in body.split("\n\n"):
        found = text.find(para, cursor)
        if found >= 0:
            out.append((at, found, len(para)))
            cursor = found + len(para)
        at += len(para) + 2
    return out


def ours(docs: list[Document]) -> list[Found]:
    """Dispatches' person mentions in each document, as offsets in the document's text."""
    from dispatches import ingest, nlp, people, segment
    results, bodies = [], []
    for d in docs:
        found = Found()
        articles = segment.segment(f"{d.doc_id}.txt", ingest.clean_text(d.text))
        found.articles = len(articles)
        cursor = 0
        for a in articles:
            regions = body_regions(d.text, a.body, cursor)
            if regions:
                cursor = regions[-1][1] + regions[-1][2]
            found.bodies += [(t, t + n) for _, t, n in regions]
            bodies.append((found, a.body, regions))
        results.append(found)
    for (found, _, regions), doc in zip(bodies, nlp.parse(b for _, b, _ in bodies)):
        for m in people.extract(doc).mentions:
            if m.kind != "person":
                continue
            region = next(((b, t) for b, t, n in regions if b <= m.start and m.end <= b + n), None)
            if region is None:
                found.unmapped += 1
                continue
            found.spans.append((m.start - region[0] + region[1], m.end - region[0] + region[1]))
    return results


def spacy_persons(docs: list[Document]) -> list[list[tuple[int, int]]]:
    """Bare spaCy: PERSON entities of the model the pipeline loads, on each whole text."""
    from dispatches import nlp
    return [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
            for doc in nlp.parse(d.text for d in docs)]


def inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def count(score: Score, pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> None:
    score.pred += len(set(pred))
    score.gold += len(gold)
    score.tp += len(set(pred) & set(gold))


def show_misses(docs: list[Document], found: list[Found]) -> None:
    """Every wrong and missed name in the bodies, with the words around it."""
    for d, f in zip(docs, found):
        gold = {g for g in d.gold if inside(g, f.bodies)}
        pred = set(f.spans)
        for s, e in sorted(pred - gold):
            print(f"{d.doc_id} EXTRA  {d.text[s:e]!r:30} …{d.text[max(0, s - 50):e + 40]!r}")
        for s, e in sorted(gold - pred):
            print(f"{d.doc_id} MISSED {d.text[s:e]!r:30} …{d.text[max(0, s - 50):e + 40]!r}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="eng.testb (CoNLL-2003 English test)")
    add_half_argument(ap)
    ap.add_argument("--misses", action="store_true", help="list Dispatches' wrong and missed names in bodies")
    args = ap.parse_args(argv)
    docs = [d for d in documents(args.path) if wanted(d.doc_id, args.half)]
    found = ours(docs)
    theirs = spacy_persons(docs)
    if args.misses:
        show_misses(docs, found)
    body_ours, body_spacy, all_ours, all_spacy = Score(), Score(), Score(), Score()
    for d, f, sp in zip(docs, found, theirs):
        gold_in = [g for g in d.gold if inside(g, f.bodies)]
        count(body_ours, f.spans, gold_in)
        count(body_spacy, [s for s in sp if inside(s, f.bodies)], gold_in)
        count(all_ours, f.spans, d.gold)
        count(all_spacy, sp, d.gold)
    empty = sum(1 for f in found if not f.articles)
    titled = sum(1 for d in docs for s, _ in d.gold if s < d.title_end)
    outside = Counter("no article" if not f.articles else "title line" if s < d.title_end else "not in a body"
                      for d, f in zip(docs, found) for s, e in d.gold if not inside((s, e), f.bodies))
    print(f"CoNLL-2003 English test, {args.half} half: {len(docs)} documents, {sum(len(d.gold) for d in docs)} "
          f"gold PER names ({titled} in the title line)")
    print(f"documents that gave no article: {empty}; gold names outside the bodies: "
          + ", ".join(f"{n} {why}" for why, n in outside.most_common()))
    print("PER, exact spans, in article bodies:")
    print(body_ours.line("  Dispatches"))
    print(body_spacy.line("  spaCy en_core_web_sm PERSON"))
    print("PER, exact spans, whole documents:")
    print(all_ours.line("  Dispatches"))
    print(all_spacy.line("  spaCy en_core_web_sm PERSON"))
    print("published state of the art, whole CoNLL-2003 NER task (all types): about 0.93-0.94 F1")
    if sum(f.unmapped for f in found):
        print(f"({sum(f.unmapped for f in found)} Dispatches mentions could not be mapped back to the text)")


if __name__ == "__main__":
    main()

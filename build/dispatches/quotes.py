"""Direct quotations and who said them (word lists in ``data/quotes.yml``).

A quotation is text between double quote marks, straight or curly. One that
is still open at the end of its paragraph runs to the paragraph's end, and
when the next paragraph opens with a quote mark it goes on there (the
newspaper convention), with the same speaker.

The speaker is the subject of the verb of saying nearest to the quotation in
its sentence ("Li said", "said Li", "he told reporters"), the object of
"cited X as saying", or the source of "according to X". "He" and "she" are
the person last named as a subject or speaker. A speaker that is an
institution or a place standing for a government ("the Kremlin said",
"Moscow said") is kept as named, with no person. Short quoted phrases used as
labels ("a "no limits" partnership", what the Kremlin calls the "special
military operation") are not quotations.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon, people
from .nlp import text_of
from .records import Extraction, Mention, Quote

OPEN = "“"
CLOSE = "”"


@dataclass
class Words:
    speech: set[str]
    according: re.Pattern
    labels: re.Pattern
    label_max: int
    pronouns: set[str]
    institutions: set[str]
    openers: tuple[str, ...]
    closers: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> Words:
    data = lexicon.load("quotes")
    according = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in data["according_to"])
    labels = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(data["label_words"], key=len, reverse=True))
    return Words(
        speech=set(data["speech_verbs"]),
        according=re.compile(rf"\b(?:{according})\s+$", re.I),
        labels=re.compile(rf"(?:^|\s)(?:{labels})\s*$", re.I),
        label_max=int(data["label_max_words"]),
        pronouns={p.lower() for p in data["pronouns"]},
        institutions={p.lower() for p in data.get("institution_nouns") or []},
        openers=tuple(sorted(data["open_marks"], key=len, reverse=True)),
        closers=tuple(sorted(data["close_marks"], key=len, reverse=True)),
    )


@dataclass
class Span:
    start: int          # inner text, without the marks
    end: int
    open_start: int     # where the opening mark is
    close_end: int      # just after the closing mark (or the paragraph end)
    closed: bool


def paragraphs(text: str):
    pos = 0
    for part in text.split("\n\n"):
        yield pos, pos + len(part)
        pos += len(part) + 2


def mark_at(text: str, i: int, marks: tuple[str, ...]) -> str | None:
    """The quote mark among ``marks`` that starts at ``i``, or None."""
    return next((m for m in marks if text.startswith(m, i)), None)


def closing_mark(text: str, i: int, end: int) -> tuple[int, str] | None:
    """The first closing mark at or after ``i`` before ``end``: (position, mark)."""
    w = words()
    found = [(j, m) for m in w.closers for j in [text.find(m, i, end)] if j != -1]
    return min(found, key=lambda f: (f[0], -len(f[1]))) if found else None


def quote_spans(text: str) -> list[Span]:
    """Quoted stretches, paragraph by paragraph; the marks are in ``data/quotes.yml``
    (curly, straight, and the doubled apostrophes some papers print: ''…'')."""
    w = words()
    spans = []
    for p0, p1 in paragraphs(text):
        i = p0
        while i < p1:
            opener = mark_at(text, i, w.openers)
            if opener is None:
                i += 1                                 # text, or a stray close mark
                continue
            closer = closing_mark(text, i + len(opener), p1)
            if closer is None:
                spans.append(Span(i + len(opener), p1, i, p1, False))
                break
            j, mark = closer
            spans.append(Span(i + len(opener), j, i, j + len(mark), True))
            i = j + len(mark)
    for s in spans:                                    # trim spaces and a trailing comma
        inner = text[s.start:s.end]
        lead = len(inner) - len(inner.lstrip())
        inner = inner.strip()
        inner = re.sub(r"[,;:\s]+$", "", inner)
        s.start += lead
        s.end = s.start + len(inner)
    return [s for s in spans if s.end > s.start]


def extract(doc, ex: Extraction) -> None:
    text = text_of(doc)
    w = words()
    spans = quote_spans(text)
    if not spans:
        return
    at: dict[int, Mention] = {}
    for m in ex.mentions:
        for k in range(m.start, m.end):
            at[k] = m
    inside = [False] * (len(text) + 1)
    for s in spans:
        for k in range(s.open_start, s.close_end):
            inside[k] = True
    sents = list(doc.sents)
    salient: str | None = None
    subject_of: dict[int, str] = {}      # sentence index -> person who is its subject
    for n, sent in enumerate(sents):
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and not inside[tok.idx]:
                m = at.get(tok.idx)
                if m and m.kind == "person":
                    subject_of.setdefault(n, m.key)

    starts = [sent.start_char for sent in sents]

    def sent_index(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    prev: Quote | None = None
    prev_span: Span | None = None
    last_sent = -1
    for span in spans:
        first, last = sent_index(span.open_start), sent_index(max(span.open_start, span.close_end - 1))
        for n in range(last_sent + 1, first):
            if n in subject_of:
                salient = subject_of[n]
        last_sent = max(last_sent, first - 1)
        p0 = text.rfind("\n\n", 0, span.open_start) + 2 if "\n\n" in text[:span.open_start] else 0
        p1 = text.find("\n\n", span.open_start)
        p1 = len(text) if p1 == -1 else p1
        zone = [t.i for t in doc[sents[first].start:sents[last].end] if p0 <= t.idx < p1]
        speaker = find_speaker(doc, zone, span, inside, at, salient, ex)
        n_words = len(text[span.start:span.end].split())
        if speaker is None and prev is not None and prev_span is not None and continues(text, prev_span, span, at):
            speaker = (prev.speaker, prev.person)
        if is_label(doc, span, n_words) and (speaker is None or not introduced(text, span)):
            continue
        if speaker is None and n_words <= w.label_max:
            continue
        name, person = speaker if speaker else (None, None)
        q = Quote(span.start, span.end, text[span.start:span.end], name, person)
        ex.quotes.append(q)
        if person:
            salient = person
        for n in range(first, last + 1):
            if n in subject_of and subject_of[n] != person and n != first:
                salient = subject_of[n]
        last_sent = max(last_sent, last)
        prev, prev_span = q, span


def continues(text: str, before: Span, span: Span, at) -> bool:
    """A quote with no attribution of its own goes on from the previous one when
    it opens the next paragraph, or follows it closely in the same paragraph
    with no one else named in between."""
    between = text[before.close_end:span.open_start]
    breaks = between.count("\n\n")
    if breaks > 1:
        return False
    if breaks == 1:
        return text[span.open_start - 2:span.open_start] == "\n\n"
    others = {at[k].key for k in range(before.close_end, span.open_start) if k in at and at[k].kind == "person"}
    return len(between) <= 120 and len(others) <= 1


def is_label(doc, span: Span, n_words: int) -> bool:
    w = words()
    text = text_of(doc)
    if n_words > w.label_max:
        return False
    if w.labels.search(text[max(0, span.open_start - 20):span.open_start]):
        return True
    nxt = re.match(r"\s*([\w-]+)", text[span.close_end:span.close_end + 30])
    if nxt:
        tok = token_at(doc, span.close_end + nxt.start(1))
        if tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("nsubj", "nsubjpass"):
            return True
    return False


def introduced(text: str, span: Span) -> bool:
    """A verb of saying or a colon right before the quote."""
    before = text[max(0, span.open_start - 40):span.open_start]
    return bool(re.search(r"(?::|\b(?:said|says|told|added|wrote|stated|declared|cover|called for)\s*(?:that\s*)?)\s*$",
                          before))


def find_speaker(doc, zone: range, span: Span, inside, at, salient, ex: Extraction):
    """(speaker as named, person key or None) for a quote, or None."""
    w = words()
    text = text_of(doc)
    verbs = [doc[i] for i in zone if doc[i].lemma_ in w.speech and doc[i].pos_ in ("VERB", "AUX")
             and not inside[doc[i].idx]]
    verbs.sort(key=lambda t: min(abs(t.idx - span.close_end), abs(t.idx - span.open_start)))
    for verb in verbs:
        if verb.lemma_ in ("cite", "quote"):
            obj = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            if obj:
                found = speaker_from(obj[0], at, salient, ex.roles)
                if found:
                    return found
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not inside[c.idx]]
        if not subj and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.lemma_ in w.speech:
            subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") and not inside[c.idx]]
        if subj:
            found = speaker_from(subj[0], at, salient, ex.roles)
            if found:
                return found
    # the parse went astray: "...," NAME said / "...," said NAME right after the quote
    after = text[span.close_end:span.close_end + 80].split("\n\n")[0]
    m = re.match(r"\s*,?\s*(?:(?P<verb1>[a-z]+)\s+)?(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)"
                 r"(?:\s+(?P<verb2>[a-z]+))?", after)
    verbs_at = [token_at(doc, span.close_end + m.start(g)) for g in ("verb1", "verb2") if m and m.group(g)]
    if m and any(t is not None and t.lemma_ in w.speech for t in verbs_at):
        mention = at.get(span.close_end + m.start("name"))
        if mention is not None:
            return (mention.key, mention.key if mention.kind == "person" else None)
    # "..., according to TASS" / "according to Reuters, ..."
    for i in zone:
        tok = doc[i]
        if inside[tok.idx]:
            continue
        if w.according.search(text[max(0, tok.idx - 20):tok.idx]):
            found = speaker_from(tok, at, salient)
            if found:
                return found
    return None


def token_at(doc, pos: int):
    """The token that starts at character ``pos``, or None."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == pos else None


def speaker_from(tok, at, salient, roles=None):
    """The speaker a subject token stands for: the token's own noun phrase
    (its compounds and appositions), not everything hanging from it."""
    if tok.lower_ in words().pronouns:
        return (salient, salient) if salient else None
    near = [c for c in tok.children if c.dep_ in ("compound", "flat", "appos", "poss", "amod", "nmod")]
    found = [at[t.idx] for t in [tok] + near if t.idx in at]
    person = next((m for m in found if m.kind == "person"), None)
    if person:
        return person.key, person.key
    if people.words().title_at_start.fullmatch(tok.text):
        # "said France's trade minister": an unnamed official, named as written
        return " ".join(t.text_with_ws for t in tok.doc[tok.left_edge.i:tok.i + 1]).strip(), None
    if found:
        return found[0].key, None
    if tok.pos_ == "PROPN":
        return tok.text, None
    # "the ministry said": the institution named earlier in the article, or as written
    phrase = " ".join(t.text for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.dep_ != "det" and t.tag_ != "PRP$")
    # "the prime minister said": the person this article gives that title
    for role in reversed(roles or []):
        if role.title.lower() == phrase.lower():
            return role.person, role.person
    national = people.words().national
    if phrase and (national.search(phrase[:1].upper() + phrase[1:]) or national.search(phrase.title())
                   or tok.lemma_.lower() in words().institutions):
        word = tok.text.lower()
        for m in sorted(at.values(), key=lambda m: -m.start):
            if m.kind == "organization" and m.start < tok.idx and word in m.key.lower():
                return m.key, None
        return phrase[:1].upper() + phrase[1:], None
    return None

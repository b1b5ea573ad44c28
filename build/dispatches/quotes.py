"""Direct quotations and who said them (word lists and quote marks in ``data/quotes.yml``).

A quotation is text between double quote marks: curly, straight, or the doubled
apostrophes some papers print (''…''); single curly marks (‘…’, the British
style) count too, but only when a speaker is found, since headlines use them
for labels. One that is still open at the end of its paragraph runs to the
paragraph's end, and when the next paragraph opens with a quote mark it goes on
there (the newspaper convention), with the same speaker.

The speaker is the subject of the verb of saying nearest to the quotation in
its sentence ("Li said", "said Li", "he told reporters", or the verb of saying
beside an "adding that ..."), the object of "cited X as saying", a credit after
a dash ("“…” ― Li"), the subject of whatever verb the quote hangs from ("Li
dismissed it as “…”"), or the source of "according to X". A quote with none of
these takes the speaker of the quote before it in the same paragraph, or of the
paragraph before when that one introduces it (ends with a colon, or its last
sentence has a speaker). "He" and "she" are the person last named as a subject
or speaker; "it" and "they" the institution that spoke last. Institutions are
kept as named, with no person: "the ministry" is the ministry named earlier,
an acronym is spelled out where the article introduces it, "the statement
read" speaks for whoever issued the statement, "analysts at X" is X, and "the
prosecutor" is the person the article gave that title ("a prosecutor" is someone
new). A speaker the article names only by a description or as "one"/"another"
("the 52-year-old said", "one said") is kept as written, as a last resort, and
"he"/"she" do not refer to it. Short quoted phrases
used as labels ("a "no limits" partnership", what the Kremlin calls the
"special military operation") are not quotations.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon, people
from .nlp import ents_of, sents_of, starts_of, text_of
from .records import Extraction, Mention, Quote

OPEN = "“"
CLOSE = "”"


@dataclass
class Words:
    speech: set[str]
    speech_back: set[str]
    according: re.Pattern
    labels: re.Pattern
    titles: re.Pattern
    label_max: int
    pronouns: set[str]
    institutions: set[str]
    openers: tuple[str, ...]
    closers: tuple[str, ...]
    mark_start: re.Pattern          # where any opening mark (or a single curly one) may start
    group_pronouns: set[str]
    groups: set[str]
    documents: set[str]
    unnamed: set[str]
    possessives: set[str]
    pronoun_gender: dict[str, str]
    honorifics: dict[str, str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = lexicon.load("quotes")
    according = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in data["according_to"])
    labels = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(data["label_words"], key=len, reverse=True))
    return Words(
        speech=set(data["speech_verbs"]),
        speech_back=set(data["speech_verbs_with_back"]),
        according=re.compile(rf"\b(?:{according})\s+$", re.I),
        labels=re.compile(rf"(?:^|\s)(?:{labels})\s*$", re.I),
        titles=title_pattern(data["title_before"]),
        label_max=int(data["label_max_words"]),
        pronouns={p.lower() for p in data["pronouns"]},
        institutions={p.lower() for p in data.get("institution_nouns") or []},
        openers=tuple(sorted(data["open_marks"], key=len, reverse=True)),
        mark_start=re.compile("|".join(re.escape(m) for m in [*data["open_marks"], "‘"])),
        closers=tuple(sorted(data["close_marks"], key=len, reverse=True)),
        group_pronouns=set(data["group_pronouns"]),
        groups=set(data["group_nouns"]),
        documents=set(data["document_nouns"]),
        unnamed={u.lower() for u in data["unnamed_speakers"]},
        possessives=set(data["possessive_pronouns"]),
        pronoun_gender={k.lower(): v for k, v in data["pronoun_gender"].items()},
        honorifics={k.lower(): v for k, v in data["honorifics"].items()},
    )


def speaks(tok) -> bool:
    """A verb of saying: one of the list, or a retort with "back" ("shot back",
    "hit back at")."""
    w = words()
    return tok.lemma_ in w.speech or (tok.lemma_ in w.speech_back
                                      and any(c.lower_ == "back" for c in tok.children))


def title_pattern(before: list[str]) -> re.Pattern:
    """Text ending with one of ``before``: a word ("on") or a suffix ("'s")."""
    suffixes = "|".join(re.escape(b) for b in before if b[:1] in "'’")
    whole = "|".join(re.escape(b) for b in before if b[:1] not in "'’")
    return re.compile(rf"(?:(?:{suffixes})|(?:^|\s)(?:{whole}))\s*$", re.I)


@dataclass
class Span:
    start: int          # inner text, without the marks
    end: int
    open_start: int     # where the opening mark is
    close_end: int      # just after the closing mark (or the paragraph end)
    closed: bool
    single: bool = False   # in single marks ‘…’: kept only with a speaker (headlines use them too)


def paragraphs(text: str):
    pos = 0
    for part in text.split("\n"):
        yield pos, pos + len(part)
        pos += len(part) + 1


def mark_at(text: str, i: int, marks: tuple[str, ...]) -> str | None:
    """The quote mark among ``marks`` that starts at ``i``, or None."""
    return next((m for m in marks if text.startswith(m, i)), None)


def closing_mark(text: str, i: int, end: int) -> tuple[int, str] | None:
    """The first closing mark at or after ``i`` before ``end``: (position, mark)."""
    w = words()
    found = [(j, m) for m in w.closers for j in [text.find(m, i, end)] if j != -1]
    return min(found, key=lambda f: (f[0], -len(f[1]))) if found else None


def single_quote(text: str, i: int, p0: int, p1: int) -> Span | None:
    """A stretch in single curly marks (‘…’, the British style) that opens at ``i``:
    the opening mark starts a word, the closing one ends a word and is not an
    apostrophe inside one ("Britain’s")."""
    if text[i] != "‘" or (i > p0 and text[i - 1].isalnum()) or i + 1 >= p1 or text[i + 1].isspace():
        return None
    j = text.find("’", i + 1, p1)
    while j != -1:
        if not text[j - 1].isspace() and (j + 1 >= p1 or not text[j + 1].isalnum()):
            return Span(i + 1, j, i, j + 1, True, True)
        j = text.find("’", j + 1, p1)
    if i == p0 or text[max(p0, i - 2):i].strip() == ":":
        return Span(i + 1, p1, i, p1, False, True)      # "She said: ‘..." running on past the paragraph
    return None


def quote_spans(text: str) -> list[Span]:
    """Quoted stretches, paragraph by paragraph; the marks are in ``data/quotes.yml``
    (curly, straight, and the doubled apostrophes some papers print: ''…'')."""
    w = words()
    spans = []
    for p0, p1 in paragraphs(text):
        i = p0
        while i < p1:
            found = w.mark_start.search(text, i, p1)
            if found is None:
                break
            i = found.start()                          # no quote mark before here: skip the text
            opener = mark_at(text, i, w.openers)
            if opener is None:
                single = single_quote(text, i, p0, p1)
                if single:
                    spans.append(single)
                    i = single.close_end
                else:
                    i += 1                             # text, or a stray close mark
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




@dataclass
class Context:
    """What the speaker search knows about one article while it reads it in order."""
    doc: object
    text: str
    at: dict                       # character offset -> Mention
    inside: list                   # character offset -> within quote marks
    roles: list
    person: str | None = None      # the person last named as a subject or speaker ("he", "she")
    group: tuple | None = None     # the last institution that spoke ("it", "they", "the body")
    speaker: tuple | None = None   # the last speaker of any kind
    issuer: tuple | None = None    # the last speaker who spoke "in a statement" ("the statement read")
    seen: list = field(default_factory=list)     # people in the order last named, most recent last
    genders: dict = field(default_factory=dict)  # person key -> "m" / "f" where the article shows it

    def note(self, person: str) -> None:
        """``person`` is now the one "he" or "she" most likely refers to."""
        self.person = person
        if person in self.seen:
            self.seen.remove(person)
        self.seen.append(person)

    def agreeing(self, pronoun: str) -> str | None:
        """The most recent person whose gender, where known, agrees with ``pronoun``."""
        want = words().pronoun_gender.get(pronoun)
        for person in reversed(self.seen):
            if self.genders.get(person) in (None, want):
                return person
        return None


def extract(doc, ex: Extraction) -> None:
    text = text_of(doc)
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
    ctx = Context(doc, text, at, inside, ex.roles, genders=genders(doc, ex.mentions))
    sents = sents_of(doc)
    starts = [sent.start_char for sent in sents]

    def sent_index(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    said_by: dict[int, tuple] = {}     # sentence index -> who speaks in it (outside quotes)
    prev: Quote | None = None
    prev_span: Span | None = None
    read = -1                          # sentences read so far for salience
    for span in spans:
        first, last = sent_index(span.open_start), sent_index(max(span.open_start, span.close_end - 1))
        for n in range(read + 1, first):
            read_sentence(ctx, sents[n], said_by, n)
        read = max(read, first - 1)
        p0, p1 = paragraph_of(text, span.open_start)
        zone = [t.i for t in doc[sents[first].start:sents[last].end] if p0 <= t.idx < p1]
        follows = prev is not None and prev_span is not None and continues(text, prev_span, span, at)
        direct = find_speaker(ctx, zone, span)
        speaker = (direct or colon_sentence(ctx, span, sents, sent_index, said_by)
                   or ((prev.speaker, prev.person) if follows else None)
                   or governor(ctx, span, p0, p1) or introduced_before(ctx, span, p0, sents, sent_index, said_by)
                   or said_just_before(ctx, span, p0, sents, first, said_by))
        n_words = len(text[span.start:span.end].split())
        if is_label(doc, span, n_words) and (speaker is None or not introduced(text, span)):
            continue
        named = speaker is not None and not isinstance(speaker[0], Described)
        told = speaker is not None and speaker is direct and (introduced(text, span) or said_after(ctx, span))
        if not (named or told) and (n_words <= words().label_max or span.single):
            continue       # a short phrase or ‘…’ needs a named speaker, or a verb of saying right before it
        name, person = speaker if speaker else (None, None)
        q = Quote(span.start, span.end, text[span.start:span.end], name, person)
        ex.quotes.append(q)
        if speaker and name:
            remember(ctx, speaker)
            if named and any(doc[i].lemma_ in words().documents and not inside[doc[i].idx] for i in zone):
                ctx.issuer = speaker
        for n in range(max(read + 1, first + 1), last + 1):
            read_sentence(ctx, sents[n], said_by, n)
        read = max(read, last)
        prev, prev_span = q, span
    people.countries_from_speakers(ex)


def first_named(searches):
    """The first speaker the searches find, in order, that is named; a speaker known
    only by a description ("the judge") is the last resort."""
    fallback = None
    for search in searches:
        found = search()
        if found is not None and isinstance(found[0], Described):
            fallback = fallback or found
        elif found is not None:
            return found
    return fallback


def genders(doc, mentions) -> dict[str, str]:
    """Each person's gender where the article shows it: an honorific before the name
    ("Mrs. Ruiz") or the first he/his/him or she/her that follows the name in its
    sentence with no other person named in between."""
    w = words()
    text = text_of(doc)
    votes: dict[str, dict[str, int]] = {}
    people_ = sorted((m for m in mentions if m.kind == "person"), key=lambda m: m.start)
    for n, m in enumerate(people_):
        tally = votes.setdefault(m.key, {"m": 0, "f": 0})
        honorific = re.search(r"(\w+)\.?\s+$", text[max(0, m.start - 6):m.start])
        if honorific and honorific.group(1).lower() in w.honorifics:
            tally[w.honorifics[honorific.group(1).lower()]] += 2
        limit = people_[n + 1].start if n + 1 < len(people_) else len(text)
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None:
            continue
        for t in doc[tok.end:min(len(doc), tok.end + 15)]:
            if t.idx >= limit or t.is_sent_start:
                break
            if t.lower_ in w.pronoun_gender:
                tally[w.pronoun_gender[t.lower_]] += 1
                break
    return {k: ("m" if v["m"] > v["f"] else "f") for k, v in votes.items() if v["m"] != v["f"]}


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the paragraph around ``pos`` (paragraphs end at a line break)."""
    p0 = text.rfind("\n", 0, pos) + 1
    p1 = text.find("\n", pos)
    return p0, len(text) if p1 == -1 else p1


def remember(ctx: Context, speaker: tuple) -> None:
    """Make ``speaker`` the one later pronouns and nouns refer to."""
    name, person = speaker
    ctx.speaker = speaker
    if isinstance(name, Described):
        return
    if person:
        ctx.note(person)
    else:
        ctx.group = speaker


def read_sentence(ctx: Context, sent, said_by: dict, n: int) -> None:
    """Update who is salient after a sentence: its speaker (the subject of a verb
    of saying outside quotes), else the person who is its subject. A speaker known
    only by a description is kept for the sentence but makes no one salient."""
    w = words()
    for tok in sent:
        if speaks(tok) and tok.pos_ in ("VERB", "AUX") and not ctx.inside[tok.idx]:
            subj = subject_of(ctx, tok)
            found = speaker_from(ctx, subj) if subj is not None else None
            if not found or not found[0]:
                continue
            if isinstance(found[0], Described):
                said_by.setdefault(n, found)
                continue
            if n not in said_by or isinstance(said_by[n][0], Described):
                said_by[n] = found
            remember(ctx, found)
            if any(t.lemma_ in w.documents for t in sent):
                ctx.issuer = found
            return
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and not ctx.inside[tok.idx]:
            named = [ctx.at.get(t.idx) for t in (tok, *(c for c in tok.children if c.dep_ == "appos"))]
            m = next((m for m in named if m is not None and m.kind == "person"), None)
            if m:                       # the subject, or the name set beside it ("Her deputy, X, disagreed")
                ctx.note(m.key)
                return


def subject_of(ctx: Context, verb):
    """The subject of ``verb``, or of the verb it is coordinated with or hangs from
    ("the JCS said, adding that ..."), but not of a verb inside a quotation ("Li
    told us Ruiz “had no plan,” adding ...": Ruiz did not add)."""
    for v in (verb, verb.head, verb.head.head):
        if v is not verb and ctx.inside[v.idx]:
            return None
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and not ctx.inside[c.idx]]
        if subj:
            return subj[0]
        said = sibling_speech_verb(ctx, v)
        if said is not None:
            return said
        if v.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "acl", "pcomp", "prep") or v.head is v:
            return None
    return None


def sibling_speech_verb(ctx: Context, verb):
    """For "... are working together, the JCS said, adding that ...": the subject
    of the verb of saying beside ``verb`` under the same head, when there is one."""
    w = words()
    if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head is verb:
        return None
    for other in verb.head.children:
        if other is not verb and speaks(other) and not ctx.inside[other.idx]:
            subj = [c for c in other.children if c.dep_ in ("nsubj", "nsubjpass") and not ctx.inside[c.idx]]
            if subj:
                return subj[0]
    return None


def continues(text: str, before: Span, span: Span, at) -> bool:
    """A quote with no attribution of its own goes on from the previous one when
    it opens the next paragraph, or follows it in the same paragraph with no one
    else named in between, or with only the previous quote's attribution in between
    ("“...,” Li told Ada Berg by phone. “...”": one sentence, no full stop inside)."""
    between = text[before.close_end:span.open_start]
    breaks = len(re.findall(r"\n+", between))
    if breaks > 1:
        return False
    if breaks == 1:
        return text[span.open_start - 1:span.open_start] == "\n"
    others = {at[k].key for k in range(before.close_end, span.open_start) if k in at and at[k].kind == "person"}
    return len(others) <= 1 or not sentence_ends_inside(between.strip())


def sentence_ends_inside(text: str) -> bool:
    """A full stop, "!" or "?" followed by more text, not after an abbreviation
    or an initial ("Mr. Li", "Sen. Ruiz", "John F. Ade")."""
    return any(not abbreviation(text, m.end() - 1) for m in re.finditer(r"\w*[.!?](?=\s+\S)", text))


def abbreviation(text: str, dot: int) -> bool:
    """The full stop at ``dot`` closes an abbreviation or an initial ("Mr.", "Sen.",
    "F."): a capitalised word of at most three letters before it."""
    if text[dot:dot + 1] != ".":
        return False
    word = re.search(r"(\w*)$", text[:dot]).group(1)
    return word[:1].isupper() and len(word) <= 3


def introduced_before(ctx: Context, span: Span, p0: int, sents, sent_index, said_by):
    """A paragraph that opens with a quote and names no one takes its speaker from
    the paragraph before when that one introduces it: it ends with a colon
    ("Coach Ana Ruiz was delighted:"), or its last sentence has a speaker
    ("Ruiz said the team had earned it.")."""
    if span.open_start != p0 or p0 < 2:
        return None
    q0, _ = paragraph_of(ctx.text, p0 - 2 if ctx.text[p0 - 2] == "\n" else p0 - 1)
    before = ctx.text[q0:p0].rstrip()
    if not before or ctx.inside[q0]:
        return None
    n = sent_index(len(before) + q0 - 1)
    if n in said_by:
        return said_by[n]
    if before.endswith(":"):
        for tok in sents[n]:
            m = ctx.at.get(tok.idx)
            if m and m.kind == "person" and not ctx.inside[tok.idx]:
                return m.key, m.key
    return None


def colon_sentence(ctx: Context, span: Span, sents, sent_index, said_by):
    """A quote opened right after a colon: the speaker of the sentence that ends
    with the colon, else the subject of its main verb ("The board was blunt in its
    findings: “...”", "As Ruiz put it: “...”")."""
    k = len(ctx.text[:span.open_start].rstrip()) - 1
    if k < 0 or ctx.text[k] != ":" or ctx.inside[k]:
        return None
    n = sent_index(k)
    if n in said_by:
        return said_by[n]
    colon = token_at(ctx.doc, k)
    verb = colon.head if colon is not None else None
    if verb is None or ctx.inside[verb.idx] or verb.idx > k or verb.pos_ not in ("VERB", "AUX"):
        verb = sents[n].root
    if ctx.inside[verb.idx] or verb.idx > k:      # the parse ran the sentence on into the quote
        subj = next((t for t in sents[n] if t.idx < k and t.dep_ == "nsubj" and t.head.idx < k
                     and not ctx.inside[t.idx]), None)
    else:
        subj = subject_of(ctx, verb)
    return speaker_from(ctx, subj) if subj is not None else None


def said_just_before(ctx: Context, span: Span, p0: int, sents, first: int, said_by):
    """A quote that opens a sentence inside a paragraph takes the speaker of the
    sentence before it ("Ruiz said the plan was late. “It cost us a year.”")."""
    start = sents[first].start_char
    if first == 0 or ctx.text[start:span.open_start].strip(" ([—–-") or sents[first - 1].start_char < p0:
        return None
    if len(ctx.text[span.start:span.end].split()) <= words().label_max:
        return None
    return said_by.get(first - 1) or person_subject(ctx, sents[first - 1])


def person_subject(ctx: Context, sent):
    """The person who is the subject of the main verb of ``sent``, outside quotes."""
    root = sent.root
    for c in root.children:
        m = ctx.at.get(c.idx) if c.dep_ == "nsubj" and not ctx.inside[c.idx] else None
        if m is not None and m.kind == "person":
            return m.key, m.key
    return None


def is_label(doc, span: Span, n_words: int) -> bool:
    """A quoted phrase used as a name: a title after a possessive, closed by a comma (on
    CBS's "This Morning," ...); a short phrase with a label word before it ("the so-called
    "..."") or a noun right after it ("a "no limits" partnership"), unless a comma closes
    it (""Far too late," Ruiz said") and no title comes before ("on CNN's "...,"")."""
    w = words()
    text = text_of(doc)
    before = text[max(0, span.open_start - 20):span.open_start]
    if n_words <= TITLE_MAX_WORDS and re.search(r"['’]s\s*$", before) and "," in text[span.end:span.close_end] \
            and title_case(text[span.start:span.end].strip(" ,.")):
        return True                     # "on CBS’s “This Morning,”": a programme, not words said
    if n_words > w.label_max:
        return False
    if w.labels.search(before):
        return True
    if "," in text[span.end:span.close_end] and not w.titles.search(before):
        return False
    nxt = re.match(r"\s*([\w-]+)", text[span.close_end:span.close_end + 30])
    if nxt:
        tok = token_at(doc, span.close_end + nxt.start(1))
        if tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("nsubj", "nsubjpass"):
            return True
    return False


TITLE_MAX_WORDS = 6
TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by"}


def title_case(phrase: str) -> bool:
    """Written as a title: every word capitalised but the small ones inside ("Midday with
    the Hosts")."""
    parts = phrase.split()
    return bool(parts) and parts[0][:1].isupper() and all(
        p[:1].isupper() or not p[:1].isalpha() or p.lower() in TITLE_SMALL_WORDS for p in parts[1:])


def introduced(text: str, span: Span) -> bool:
    """A verb of saying or a colon right before the quote ("she said, “...")."""
    before = text[max(0, span.open_start - 40):span.open_start]
    return bool(re.search(r"(?::|\b(?:said|says|told|added|wrote|stated|declared|cover|called for)\s*,?\s*(?:that\s*)?)\s*$",
                          before))


def said_after(ctx: Context, span: Span) -> bool:
    """A verb of saying among the first four words after the quote, in its paragraph
    ("“...,” one reader wrote")."""
    after = ctx.text[span.close_end:span.close_end + 60].split("\n")[0]
    for m in list(re.finditer(r"[A-Za-z]+", after))[:4]:
        tok = token_at(ctx.doc, span.close_end + m.start())
        if tok is not None and speaks(tok) and tok.pos_ in ("VERB", "AUX"):
            return True
    return False


def find_speaker(ctx: Context, zone: list, span: Span):
    """(speaker as named, person key or None) for a quote, or None."""
    w = words()
    doc, text, inside = ctx.doc, ctx.text, ctx.inside
    verbs = [doc[i] for i in zone if speaks(doc[i]) and doc[i].pos_ in ("VERB", "AUX")
             and not inside[doc[i].idx] and not progressive(doc[i])]
    verbs.sort(key=lambda t: min(abs(t.idx - span.close_end), abs(t.idx - span.open_start)))
    searches = [lambda verb=verb: verb_speaker(ctx, verb) for verb in verbs]
    searches += [lambda: after_quote(ctx, span), lambda: attribution_after(ctx, span),
                 lambda: named_before_colon(ctx, span)]
    # "..., according to TASS" / "according to Reuters, ..."
    searches += [lambda tok=doc[i]: speaker_from(ctx, tok.head if tok.dep_ == "det" else tok)
                 for i in zone if not inside[doc[i].idx] and w.according.search(text[max(0, doc[i].idx - 20):doc[i].idx])]
    return first_named(searches)


def verb_speaker(ctx: Context, verb):
    """Who speaks through a verb of saying: its subject, or the object of "cited X"."""
    w = words()
    if verb.lemma_ in ("cite", "quote"):
        obj = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        found = speaker_from(ctx, obj[0]) if obj else None
        if found and not isinstance(found[0], Described):     # "cited “blocked drains”": no speaker
            return found
    subj = subject_of(ctx, verb)
    if subj is None:            # "..., read the statement": the parse makes it an object
        subj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_ in w.documents), None)
    return speaker_from(ctx, subj) if subj is not None else None


def named_before_colon(ctx: Context, span: Span):
    """"Said Ellis: “...”", "Ellis: “...”": a name right before a colon that opens the quote."""
    before = ctx.text[max(0, span.open_start - 4):span.open_start]
    colon = before.rstrip().endswith(":")
    k = ctx.text.rfind(":", 0, span.open_start) - 1
    mention = ctx.at.get(k) if colon and k >= 0 else None
    if mention is None:
        return None
    return mention.key, mention.key if mention.kind == "person" else None


def progressive(verb) -> bool:
    """"is maintaining", "are calling for": an ongoing action, not a report of words."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def after_quote(ctx: Context, span: Span):
    """Right after the quote: "...," NAME said / "...," said NAME (when the parse went
    astray), also with an apposition between ("...," NAME, 61, told ...), or a credit
    line "“...” ― NAME"."""
    w = words()
    text = ctx.text
    after = text[span.close_end:span.close_end + 80].split("\n")[0]
    credit = re.match(r"\s*[―—–]\s*", after)
    if credit:
        mention = ctx.at.get(span.close_end + credit.end())
        if mention is not None:
            return mention.key, mention.key if mention.kind == "person" else None
    m = re.match(r"\s*,?\s*(?:(?P<verb1>[a-z]+)\s+)?(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)"
                 r"(?:,[^,“”\"]{1,60},)?(?:\s+(?P<verb2>[a-z]+))?", after)
    verbs_at = [token_at(ctx.doc, span.close_end + m.start(g)) for g in ("verb1", "verb2") if m and m.group(g)]
    if m and any(t is not None and speaks(t) for t in verbs_at):
        mention = ctx.at.get(span.close_end + m.start("name"))
        if mention is not None:
            return mention.key, mention.key if mention.kind == "person" else None
    return None


def attribution_after(ctx: Context, span: Span):
    """"“...?” a staffer in the room wondered.": the parse ended the sentence with
    the quote, so the attribution right after it is a sentence of its own; its verb
    of saying must come within a dozen words, before any full stop or quote mark."""
    w = words()
    if not re.search(r"[,?!]", ctx.text[span.end - 1:span.close_end]) or introduced(ctx.text, span):
        return None                 # only a quote closed by , ? or ! runs on into its attribution
    after = ctx.text[span.close_end:span.close_end + 120].split("\n")[0]
    stop = next((m for m in re.finditer(r"[.!?;“”\"]|''", after) if not abbreviation(after, m.start())), None)
    end = span.close_end + (stop.start() if stop else len(after))
    first = ctx.doc.char_span(span.close_end, end, alignment_mode="expand")
    if first is None:
        return None
    for tok in list(first)[:12]:
        if speaks(tok) and tok.pos_ in ("VERB", "AUX") and not ctx.inside[tok.idx]:
            subj = subject_of(ctx, tok)
            if subj is not None and span.close_end <= subj.idx < end:
                return speaker_from(ctx, subj)
            if subj is None:        # the parse lost the subject: the name between quote and verb
                named = [ctx.at[t.idx] for t in first if t.i < tok.i and t.idx in ctx.at]
                person = next((m for m in reversed(named) if m.kind == "person"), None)
                return (person.key, person.key) if person else None
            return None
    return None


def governor(ctx: Context, span: Span, p0: int, p1: int):
    """The subject of the verb the quote hangs from in its paragraph, whatever the
    verb ("Scholz dismissed the idea as "...", "the AU echoed them, calling it "..."")."""
    doc, inside = ctx.doc, ctx.inside
    starts = starts_of(doc)
    heads = [t.head for t in doc[bisect.bisect_left(starts, span.start):bisect.bisect_left(starts, span.end)]
             if not inside[t.head.idx]]
    for head in heads[:1]:
        v = head
        for _ in range(4):
            if not p0 <= v.idx < p1:
                break
            if v.pos_ in ("VERB", "AUX"):
                subj = subject_of(ctx, v)
                if subj is not None:
                    return speaker_from(ctx, subj)
            if v.head is v:
                break
            v = v.head
    return None


def token_at(doc, pos: int):
    """The token that starts at character ``pos``, or None."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == pos else None


def speaker_from(ctx: Context, tok):
    """The speaker a subject token stands for: the token's own noun phrase
    (its compounds and appositions), not everything hanging from it."""
    w = words()
    lower = tok.lower_
    if lower in w.pronouns:
        person = earlier_in_sentence(ctx, tok) or ctx.agreeing(lower)
        return (person, person) if person else None
    if lower in w.group_pronouns:
        return ctx.group
    near = [c for c in tok.children if c.dep_ in ("compound", "flat", "appos", "poss", "amod", "nmod")]
    found = [ctx.at[t.idx] for t in [tok] + near if t.idx in ctx.at]
    person = next((m for m in found if m.kind == "person"), None)
    if person:
        return person.key, person.key
    phrase = " ".join(t.text for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.dep_ != "det" and t.tag_ != "PRP$")
    # "the prime minister said": the person this article gives that title (not "a spokeswoman
    # said": an indefinite article brings in someone new)
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
    for role in reversed([] if indefinite else ctx.roles or []):
        if role.title.lower() == phrase.lower():
            return role.person, role.person
    if people.words().title_at_start.fullmatch(tok.text):
        # "said France's trade minister": an unnamed official, named as written
        return " ".join(t.text for t in tok.doc[tok.left_edge.i:tok.i + 1]), None
    if tok.pos_ == "PROPN" or tok.idx in ctx.at:
        return proper_speaker(ctx, tok, found)
    owner = owner_of(ctx, tok)
    if owner:
        return owner
    if found:
        return institution_phrase(tok, found), None
    national = people.words().national
    lemma = tok.lemma_.lower()
    if phrase and (national.search(phrase[:1].upper() + phrase[1:]) or national.search(phrase.title())
                   or lemma in w.institutions):
        earlier = named_before(ctx, tok)
        if earlier:
            return earlier, None
        if lemma in w.groups and ctx.group:
            return ctx.group
        return phrase[:1].upper() + phrase[1:], None
    if lemma in w.documents:
        return ctx.issuer or (phrase, None)
    if (tok.pos_ == "NOUN" and tok.dep_ != "nsubjpass") or (tok.pos_ == "ADJ" and tok.dep_ == "nsubj") \
            or (lemma in w.unnamed and tok.dep_ == "nsubj"):
        return described(tok), None         # not "X was told": X listened; "the 52-year-old said"
    return None


class Described(str):
    """A speaker the article names only by a description ("the judge", "one tweet"):
    kept on its quote as written, but later pronouns do not refer to it."""


def described(tok) -> Described:
    """A common-noun speaker as written, from its first word to the noun, without
    an article or "one" before it ("the 46-year-old" -> "46-year-old", "one senior
    official" -> "senior official"): no relative clause or apposition after it."""
    start = tok.left_edge.i
    while start < tok.i and (tok.doc[start].dep_ in ("det", "predet") or tok.doc[start].lower_ == "one"):
        start += 1
    return Described(tok.doc[start:tok.i + 1].text.strip(" ,;:“”\"'‘’—–-"))


def earlier_in_sentence(ctx: Context, pronoun) -> str | None:
    """The person named last before ``pronoun`` in its own sentence, outside quotes,
    whose gender (where known) agrees ("Li flew to Lagos, where he said ...")."""
    want = words().pronoun_gender.get(pronoun.lower_)
    for t in reversed(ctx.doc[pronoun.sent.start:pronoun.i]):
        m = ctx.at.get(t.idx)
        if m is not None and m.kind == "person" and not ctx.inside[t.idx] and ctx.genders.get(m.key) in (None, want):
            return m.key
    return None


def proper_speaker(ctx: Context, tok, found):
    """A proper-noun subject: an acronym spelled out earlier ("the JCS" ->
    "Joint Chiefs of Staff"), else the name as written with its compounds."""
    if people.acronym(tok.text):
        full = spelled_out(ctx, tok)
        if full:
            return full, None
    org = next((m for m in found if m.kind == "organization"), None)
    if org is not None:
        written = as_written(tok)
        # the name as written when it says more than the bare name ("Iran's Ministry of ..."),
        # else the article's key for it ("Security Council of Russia")
        return (written if len(written) > len(org.text) else org.key), None
    if found and not any(m.kind == "place" for m in found):
        return found[0].key, None
    return institution_phrase(tok, found), None


def as_written(tok) -> str:
    """An organisation's name as the sentence gives it, with its owner and its
    "of ..." part: "Iran's Ministry of Foreign Affairs", "Ministry of Foreign
    Affairs of the Islamic Republic of Iran" (no article, no relative clause)."""
    doc = tok.doc
    owners = [t for t in doc[tok.left_edge.i:tok.i] if t.dep_ == "poss" and t.pos_ == "PROPN"]
    left = [t for t in doc[tok.left_edge.i:tok.i] if t.dep_ in ("compound", "amod", "nmod", "flat")
            or t in owners or (t.dep_ == "case" and t.head in owners)]
    start = left[0].i if left else tok.i
    end = tok.i + 1
    head = tok
    while True:
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end]
        obj = [g for g in of[0].children if g.dep_ == "pobj"] if of else []
        if not obj or any(t.pos_ not in ("PROPN", "ADP", "DET", "PART") for t in obj[0].subtree):
            break
        end = obj[0].right_edge.i + 1
        head = obj[0]
    return doc[start:end].text


def institution_phrase(tok, found) -> str:
    """A name and the words compounded with it, as written: "New Delhi",
    "Hertfordshire police"."""
    doc = tok.doc
    parts = [t for t in doc[tok.left_edge.i:tok.i + 1] if t.dep_ in ("compound", "flat", "amod") or t.i == tok.i]
    return " ".join(t.text for t in parts)


def spelled_out(ctx: Context, tok) -> str | None:
    """The full name an acronym stands for: the capitalised words before "(ACR)"
    where the article introduces it, else an organisation with those initials."""
    text = ctx.text
    k = text.find(f"({tok.text})")
    if k != -1:
        before = text[max(0, k - 120):k].rstrip()
        m = re.search(r"((?:[A-Z][\w.’'-]*\s+(?:(?:of|the|and|for|on)\s+)*){1,8})$", before + " ")
        if m:
            name = m.group(1).strip()
            if people.initials(name).replace("-", "") == tok.text or acronym_of(name) == tok.text:
                return name
    for m in ctx.at.values():
        if m.kind == "organization" and acronym_of(m.key) == tok.text:
            return m.key
    return None


def acronym_of(name: str) -> str:
    """Initials of the capitalised words: "Ministry of External Affairs" -> "MEA"."""
    name = re.sub(r"^.*?['’]s\s+", "", name)
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def owner_of(ctx: Context, tok):
    """A common noun whose owner is named: "his family" -> "<surname>'s family",
    "analysts at Commerzbank" / "a spokesman for the ministry" -> the organisation,
    "a Health Department fact sheet" -> the department."""
    w = words()
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ in w.possessives and ctx.person:
            return f"{ctx.person.split()[-1]}'s {tok.text}", None
        if c.dep_ == "prep" and c.lower_ in ("at", "for", "of", "from"):
            obj = [g for g in c.children if g.dep_ == "pobj"]
            if obj and obj[0].idx in ctx.at and ctx.at[obj[0].idx].kind == "organization":
                return ctx.at[obj[0].idx].key, None
    if tok.lemma_.lower() in w.documents:
        for c in tok.children:
            m = ctx.at.get(c.idx) if c.dep_ in ("compound", "poss", "nmod") else None
            if m is not None and m.kind == "organization":
                return m.key, None
    return None


def named_before(ctx: Context, tok) -> str | None:
    """"the ministry said": the organisation of that kind named earlier, or an earlier
    subject with the same head noun and more words ("China's defense ministry")."""
    word = tok.text.lower()
    for m in sorted(ctx.at.values(), key=lambda m: -m.start):
        if m.kind == "organization" and m.start < tok.idx and word in m.key.lower():
            return m.key
    for t in reversed(ctx.doc[:tok.i]):
        if t.lemma_ == tok.lemma_ and t.dep_ in ("nsubj", "nsubjpass") and not ctx.inside[t.idx]:
            words_ = [x for x in ctx.doc[t.left_edge.i:t.i + 1] if x.dep_ != "det"]
            if len(words_) > 1:
                return "".join(x.text_with_ws for x in words_).strip()
    return None

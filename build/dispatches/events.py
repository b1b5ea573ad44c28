"""Events: what happened, when, where and who took part, one row per real event.

Per article, each sentence is searched for trigger words (``data/events.yml``): a
verb ("met", "visited", "ordered the military to"), or a noun ("a meeting with",
"Xi's trip", "the invasion"). A trigger's *zone* is its own clause in the
dependency parse: its subtree without nested clauses (ccomp, advcl, relcl, conj)
and without other triggers. From the zone come

* participants: the people named in it; a noun trigger in a prepositional phrase
  ("during a meeting with X") also takes the subject of the verb it hangs from;
* the date: a date expression in the zone, else in the clauses above it
  ("... in February 2022 when X visited Y" dates the visit), resolved by ``dates``;
* the place: a gazetteer place in the zone or the clauses above it.

Verbs of saying make a ``statement`` only when the clause dates them ("said last
week") or the verb itself is news ("announced", "claimed responsibility", "said in
a statement"). Quoted words are never triggers. Nouns used generically ("the war
in Ukraine", no date and no person) are not events.

Within an article, reports of one type whose dates agree and whose participants
overlap (or one names nobody: "the meeting") are one event; a statement made at a
meeting by its participants is a report of the meeting. Across articles,
:func:`merge` joins reports of compatible type, compatible dates and overlapping
participants (or, with nobody named, the same place), as ACLED does.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .nlp import text_of, token_index
from .lexicon import load
from .records import EventReport, Extraction

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl"}
LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "stage", "carry", "launch", "begin", "start", "attend",
               "host", "lead", "join", "sign", "issue", "release", "open", "end"}
SUMMARY_WORDS = 30
INHERIT_DEPS = {"relcl", "advcl", "conj", "xcomp", "acl", "pcomp"}


@dataclass(frozen=True)
class ArticleDate:
    """The article's own date standing in for a date mention."""

    published: str
    why: str = "present tense ('has announced', 'says')"

    @property
    def text(self):
        return None

    @property
    def date_start(self):
        return self.published

    date_end = None
    start = -1

    @property
    def basis(self):
        return f"{self.why}: the article's date {self.published}"


LEAD_SENTENCES = 3
NOT_DONE = {"will", "would", "could", "may", "might", "should", "shall", "must", "can", "to"}


def lead_day(tok, sent_no: int, published: str | None):
    """The article's date for a trigger in its first sentences whose clause tells
    what happened or is happening ("has raised", "raised", "is cutting"), not what
    may or will ("will meet", "to hold talks")."""
    if not published or sent_no >= LEAD_SENTENCES or after_before(tok):
        return None
    verb = tok if tok.pos_ in ("VERB", "AUX") else host_verb(tok, hops=2)
    if verb is not None and verb is not tok and not reports_an_event(verb):
        verb = None                         # "analysts worry about the war": not a report of it
    if verb is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head                     # "The talks ended on ..."
    if verb is None or any(c.dep_ in ("aux", "auxpass", "mark") and c.lower_ in NOT_DONE for c in verb.children):
        return None
    if verb.dep_ == "ccomp" and verb.head.lemma_ in lexicon().weak_statement | {"announce", "warn", "claim"}:
        return None                         # "said joint exercises are ...": what was said, not done
    if verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ in ("VBN", "VBG") and any(
            c.dep_ in ("aux", "auxpass") for c in verb.children)):
        return ArticleDate(published, "in the lead, told as done or under way")
    return None


def present_tense(tok) -> bool:
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)


@dataclass
class Trigger:
    type: str
    strong: bool                   # makes an event without a date or a participant
    dated_only: bool = False       # makes an event only when its clause is dated
    pattern: bool = False          # made by a Matcher pattern ("said in a statement")


@dataclass
class Lexicon:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    patterns: dict[str, list]      # Matcher key (the type) -> token patterns
    weak_statement: set[str]
    not_before: set[str]
    merge_without_participants: set[str]
    undated_min: int
    named_subject: set[str] = field(default_factory=set)
    object_kind: dict[str, str] = field(default_factory=dict)
    kind_words: dict[str, set[str]] = field(default_factory=dict)
    report_verbs: set[str] = field(default_factory=set)
    name_labels: set[str] = field(default_factory=set)
    occasion_types: list[str] = field(default_factory=list)
    needs_doer: set[str] = field(default_factory=set)
    one_per_day: set[str] = field(default_factory=set)
    vehicle_subject: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon of ``data/events.yml``."""
    d = load("events")
    verbs, nouns, patterns = {}, {}, {}
    for etype, spec in d["types"].items():
        for v in spec.get("verbs") or []:
            verbs.setdefault(v, Trigger(etype, etype != "statement"))
        for v in spec.get("strong_verbs") or []:
            verbs.setdefault(v, Trigger(etype, True))
        for v in spec.get("weak_verbs") or []:
            verbs.setdefault(v, Trigger(etype, True, dated_only=True))
        for n in spec.get("nouns") or []:
            nouns.setdefault(n, Trigger(etype, False))
        if spec.get("patterns"):
            patterns[etype] = spec["patterns"]
    weak = set(d["types"]["statement"].get("verbs") or [])
    return Lexicon(verbs, nouns, patterns, weak, set(d["not_before"]), set(d["merge_without_participants"]),
                   int(d["undated_merge_min_participants"]), set(d["named_subject"]), dict(d["object_kind"]),
                   {"person": set(d["person_words"]), "weapon": set(d["weapon_words"]), "road": set(d["road_words"]),
                    "vehicle": set(d["vehicle_words"])},
                   set(d["report_verbs"]), set(d["name_labels"]), list(d["occasion_types"]),
                   set(d["needs_doer"]), set(d["one_per_day"]), set(d["vehicle_subject"]))


@lru_cache(maxsize=4)
def matcher(vocab):
    """A spaCy Matcher of the lexicon's token patterns, one key per event type."""
    from spacy.matcher import Matcher
    m = Matcher(vocab)
    for etype, pats in lexicon().patterns.items():
        m.add(etype, pats)
    return m


# ---------------------------------------------------------------- one article

def extract(doc, ex: Extraction, date_mentions, published: str | None = None) -> None:
    """Add the article's event reports to ``ex.events``. ``published`` (the article's
    stated date) dates a statement made in the present ("has announced", "says")."""
    text = text_of(doc)
    quoted = [(q.start - 1, q.end + 1) for q in ex.quotes]
    people = [m for m in ex.mentions if m.kind == "person"]
    places = [m for m in ex.mentions if m.kind == "place"]
    dates = [(d, token_root(doc, d.start, d.end)) for d in date_mentions]
    reports: list[EventReport] = []
    sents = list(doc.sents)
    for sent_no, sent in enumerate(sents):
        found = triggers(sent, quoted)
        if not found:
            continue
        trigger_toks = {t.i for t, _ in found}
        by_type: dict[str, EventReport] = {}
        for tok, trig in found:
            zone = zone_of(tok, trigger_toks)
            agent = host_verb(tok, hops=1) if tok.pos_ in ("NOUN", "PROPN") else governing_verb(tok)
            if agent is not None:
                zone |= subject_of(agent)
            parts = [m.key for m in people if token_index(doc, m.start) in zone]
            parts += [k for k in unnamed_subjects(agent if agent is not None else tok, people, ex.roles)
                      if k not in parts]
            when = said_when(tok, dates) if trig.type == "statement" and tok.pos_ == "VERB" \
                else date_in(tok, zone, dates, trigger_toks)
            inherited = None
            if when is None and trig.type != "statement":
                if after_before(tok):
                    when = offset_date(tok, text, zone_of, trigger_toks, dates, sents, sent_no) \
                        or year_of_sentence(sent, dates)
                else:
                    inherited = previous_date(sents, sent_no, dates)
            if trig.dated_only and when is None and inherited is None:
                continue                      # "agree", "approve" with no time of their own: no one act
            lead = lead_day(tok, sent_no, published)
            if trig.type == "statement" and when is None:
                long_quote = any(q.start < sent.end_char and q.end > sent.start_char and len(q.text.split()) > 8
                                 for q in ex.quotes)
                if long_quote and not trig.pattern:
                    continue                  # the attribution of a quotation
                if long_quote and published:  # quoted at length "on Telegram", "to reporters": today's news
                    when = ArticleDate(published, "a statement quoted at length, said to reporters or online")
                elif published and lead is None and not trig.pattern and not present_tense(tok):
                    continue                  # "X announced" with no time, after the lead of a dated story
                if not trig.strong and not (lead is not None and sent_no == 0 and proper_name(doer(tok))
                                            and not any(sent.start_char <= q.start < sent.end_char for q in ex.quotes)):
                    continue                  # a routine "X said" after the lead sentence, or of a quotation
                if when is None and lead is not None and (present_tense(tok) or not trig.strong):
                    when = lead               # "X has announced", "the ministry said" in the lead: today's news
            elif when is None and inherited is None:
                when = lead                   # "The bank has raised its rate" in the lead: the story's day
            if not trig.strong and tok.pos_ in ("NOUN", "PROPN") and when is None and not parts:
                earlier = [r for r in reports if r.type == trig.type]
                if earlier and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                    start, end = sentence_bounds(text, sent, tok.idx)     # "The meeting lasted two hours."
                    if all(m.start != start for m in [earlier[-1], *earlier[-1].merged]):
                        earlier[-1].merged.append(EventReport(
                            type=trig.type, start=start, end=end, text=text[start:end], trigger=tok.text,
                            at=tok.idx, summary=earlier[-1].summary, date_start=None, date_end=None,
                            date_text=None, date_basis=None))
                continue                      # "the war in Ukraine": generic
            host = host_verb(tok, hops=1) if tok.pos_ in ("NOUN", "PROPN") else None
            if host is not None and host.dep_ == "xcomp" and host.tag_ == "VB" and when is None:
                continue                      # "agreed to start talks": an intention
            when = when or inherited
            if trig.type == "statement":
                parts = [m.key for m in people if token_index(doc, m.start) in subjects(tok)] or parts
            place = place_in(tok, zone, places, doc)
            report = by_type.get(family(trig.type))
            if report is not None and when is not None and when.text and when.text != report.date_text:
                report = None                 # "X's trip ... weeks after Y's visit last month": two events
            if report is not None and trig.type == "statement" and report.participants and parts \
                    and not set(report.participants) & set(parts):
                report = None                 # two speakers, two statements
            if report is not None and not one_occasion(report.type, report.participants, trig.type, parts):
                report = None                 # "X's visit, where he held talks with Y": two occasions
            if report is not None:           # one report per type and sentence
                report.participants += [p for p in parts if p not in report.participants]
                if report.date_text is None and when is not None and when is not inherited:
                    set_date(report, when)
                report.place = report.place or place
                continue
            start, end = sentence_bounds(text, sent, tok.idx)
            report = EventReport(type=trig.type, start=start, end=end, text=text[start:end], trigger=tok.text, at=tok.idx,
                                 summary=summary(sent, tok, zone), date_start=None, date_end=None,
                                 date_text=None, date_basis=None, participants=list(dict.fromkeys(parts)),
                                 place=place)
            if when is not None:
                set_date(report, when, inherited=when is inherited)
                if report.date_start is None and report.date_end and not after_before(tok):
                    story = previous_date(sents, sent_no, dates) or lead_date(text, dates)
                    if story is not None and story.date_start and story.date_start <= report.date_end:
                        report.date_start = story.date_start
                        report.date_basis += f"; start: the story's last date before it, {story.text!r}"
            by_type[family(trig.type)] = report
            reports.append(report)
    merged = merge_in_article(reports)
    if published:                       # a dated story's report with no time at all is generic
        merged = [r for r in merged if r.date_start or r.date_end or r.date_text or r.type == "statement"]
    ex.events.extend(merged)


def sentence_bounds(text: str, sent, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``, cut at paragraph breaks (the parser may run a
    sentence across them) and trimmed of surrounding space."""
    start = max(sent.start_char, text.rfind("\n\n", 0, pos) + 2 if "\n\n" in text[:pos] else 0)
    brk = text.find("\n\n", pos)
    end = min(sent.end_char, brk if brk >= 0 else len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def triggers(sent, quoted) -> list[tuple[object, Trigger]]:
    """The sentence's event triggers: Matcher patterns first (the pattern's verb, else
    its noun, stands for it), then single verbs and nouns of the lexicon, each checked
    against the rules of :func:`verb_counts` and :func:`noun_counts`."""
    lex = lexicon()
    out: dict[int, tuple[object, Trigger]] = {}
    claimed: set[int] = set()               # words inside a pattern that already made a trigger
    spans = matcher(sent.doc.vocab)(sent, as_spans=True)
    for span in sorted(spans, key=lambda sp: (-len(sp), sp.start)):
        if any(t.i in claimed or t.i in out for t in span):
            continue
        tok = next((t for t in span if t.pos_ == "VERB"), None) or next((t for t in span if t.pos_ == "NOUN"), None)
        if tok is None or inside(tok.idx, quoted) or in_name(tok, lex):
            continue
        if tok.pos_ == "VERB" and any(c.dep_ == "neg" for c in tok.children):
            continue
        out[tok.i] = (tok, Trigger(span.label_, True, pattern=True))
        claimed.update(t.i for t in span if t.i != tok.i)
    for tok in sent:
        if tok.i in out or tok.i in claimed or inside(tok.idx, quoted) or in_name(tok, lex):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lex.verbs:
            if verb_counts(tok, lemma, sent, lex):
                out[tok.i] = (tok, lex.verbs[lemma])
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in lex.nouns or tok.lower_ in lex.nouns):
            prev = tok.doc[tok.i - 1] if tok.i > sent.start else None
            if prev is not None and prev.lower_ in lex.not_before:
                continue
            out[tok.i] = (tok, lex.nouns.get(tok.lower_) or lex.nouns[lemma])
    drop_reporting_verbs(out, lex)
    return sorted(out.values(), key=lambda x: x[0].i)


def in_name(tok, lex: Lexicon) -> bool:
    """The word is part of a longer name ("Law and Justice", "Security Council")."""
    if tok.ent_type_ not in lex.name_labels:
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and len(ent) > 1


def verb_counts(tok, lemma: str, sent, lex: Lexicon) -> bool:
    """A verb of the lexicon reports an event here: it has a doer, is not negated,
    is not a name ("Meet the Press"), a tally ("the war has killed 24,000") or a
    participle of manner (", warning X ..."), and its subject and object are of
    the kinds the lexicon asks for."""
    if tok.is_title and tok.i != sent.start:
        return False                          # "Meet the Press": a name
    if any(c.dep_ == "neg" for c in tok.children):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in tok.children) \
            and tok.dep_ not in ("xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "ccomp"):
        return False                          # "Meet the press.": no one does it
    trig = lex.verbs[lemma]
    if trig.type == "attack" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children):
        return False                          # a tally, not an attack
    if trig.type == "statement" and tok.tag_ in ("VBG", "VBN") and not any(
            c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False                          # ", warning X against ...": not itself a statement
    if lemma in lex.named_subject and not names_someone(doer(tok), lex):
        return False                          # "troops arrived", "patients visited schools"
    if lemma in lex.vehicle_subject:
        subj = doer(tok)
        if subj is None or not (subj.pos_ == "PRON" or subj.lemma_.lower() in lex.kind_words["vehicle"]):
            return False                      # "shares plunged": not an accident
    if lemma in lex.needs_doer and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children):
        return False                          # "25 passengers were killed": a toll, not an attack
    kind = lex.object_kind.get(lemma)
    if kind is not None:
        obj = object_of(tok)
        kind, _, required = kind.partition("_")
        if obj is None:
            return not required               # "the two leaders met"
        if kind == "person":
            return names_someone(obj, lex)
        return obj.lemma_.lower() in lex.kind_words[kind] or obj.lower_ in lex.kind_words[kind]
    return True


def doer(verb):
    """The subject of a verb, or of the clause it is conjoined to or governed by
    ("X arrived and met Y": X)."""
    node = verb
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if node.dep_ not in ("conj", "xcomp", "advcl", "acl", "relcl") or node.head.i == node.i:
            return None
        if node.dep_ in ("acl", "relcl"):
            return node.head                  # "the minister, who arrived ..."
        node = node.head
    return None


def object_of(verb):
    """The verb's direct object, or for a passive its subject ("was named")."""
    for c in verb.children:
        if c.dep_ == "dobj" or c.dep_ == "nsubjpass":
            return c
    return None


def names_someone(tok, lex: Lexicon) -> bool:
    """A word that stands for someone: a name, a pronoun, or a title or group of people."""
    if tok is None:
        return False
    if tok.pos_ in ("PROPN", "PRON") and tok.lower_ not in ("it", "that", "which", "this"):
        return True
    if tok.lemma_.lower() in lex.kind_words["person"] or tok.lower_ in lex.kind_words["person"]:
        return True
    return any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children) \
        and tok.lemma_.lower() not in lex.kind_words["weapon"]


def proper_name(tok) -> bool:
    """A named speaker ("Ukraine", "the Labor Department", "China's ministry"), not a
    title or a group ("officials", "the minister")."""
    return tok is not None and (tok.pos_ == "PROPN" or any(
        c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children))


def drop_reporting_verbs(found: dict, lex: Lexicon) -> None:
    """A verb that reports an event noun in its object is that event, not another
    ("declared a ceasefire", "announced the renewal of the agreement"); so is a verb
    whose doer is an event noun ("the earthquake struck ..., killing 300")."""
    for i, (tok, trig) in list(found.items()):
        if tok.pos_ != "VERB":
            continue
        subj = doer(tok)
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if any(n is not None and n.i in found and found[n.i][1].type not in ("statement", trig.type)
               for n in [subj, *agent]):
            del found[i]
            continue
        if tok.lemma_.lower() not in lex.report_verbs:
            continue
        for c in tok.children:
            if c.dep_ not in ("dobj", "nsubjpass"):
                continue
            nouns = [c] + [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj"]
            if any(n.i in found and n.i != i and found[n.i][1].type != "statement" for n in nouns):
                del found[i]
                break


def inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def zone_of(tok, trigger_toks: set[int]) -> set[int]:
    """The trigger's clause: its subtree minus nested clauses and other triggers."""
    zone: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        zone.add(t.i)
        for c in t.children:
            if c.i in trigger_toks and c.i != tok.i:
                continue
            if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return zone


def host_verb(tok, hops: int = 2):
    """For a noun trigger, the verb it hangs from: "hailed ties during a meeting" -> hailed,
    "after calling up reservists in the face of a counteroffensive" -> calling."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    head = tok.head
    node = tok
    for _ in range(hops):
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            break
        up = node.head.head
        if up.pos_ in ("VERB", "AUX"):
            return up
        if up.pos_ not in ("NOUN", "PROPN"):
            break
        if up.dep_ in ("dobj", "nsubjpass") and up.head.pos_ == "VERB":
            return up.head                  # "wrapped up a round of talks"
        if up.dep_ != "pobj":
            break
        node = up
    if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and reports_an_event(head):
        return head
    return None


def verb_lemmas(tok) -> set[str]:
    """The verb's lemma, and the base forms its spelling allows when the model's
    lemma is off ("staged" -> "stag")."""
    word = tok.lower_
    out = {tok.lemma_.lower()}
    if word.endswith("ed"):
        out |= {word[:-1], word[:-2]}
    if word.endswith("s"):
        out.add(word[:-1])
    return out


def reports_an_event(verb) -> bool:
    """A light or reporting verb whose object is the event ("held talks", "staged a
    protest", "announced a deal")."""
    words = verb_lemmas(verb)
    return bool(words & LIGHT_VERBS or words & lexicon().report_verbs)


def subjects(tok) -> set[int]:
    out: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dative"):
            out |= {t.i for t in c.subtree}
        if c.dep_ == "prep" and c.lower_ in ("to", "with"):
            out |= {t.i for t in c.subtree}
    return out


def token_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


OTHER_TIME = ("since", "before", "after")


def other_time(root, trigger=None) -> bool:
    """A date after "since", "before", "after": another time than the event's ("until"
    is kept: it dates the event's end). With ``trigger``, the words between the date
    and the trigger count too: "met on X for the first time since re-establishing
    ties last month" (last month is not the meeting's date)."""
    head = root.head
    if head.dep_ == "prep" and head.lower_ in OTHER_TIME or root.i > 0 and root.doc[root.i - 1].lower_ == "since":
        return True
    if trigger is None:
        return False
    above_trigger = {t.i for t in trigger.ancestors}
    node = root
    for _ in range(4):
        if node.head.i == node.i or node.head.i == trigger.i or node.head.i in above_trigger:
            return False                # reached the trigger's own clause
        node = node.head
        if node.lower_ in OTHER_TIME and node.pos_ in ("ADP", "SCONJ"):
            return True
        if any(c.dep_ == "mark" and c.lower_ in OTHER_TIME for c in node.children):
            return True
    return False


def said_when(verb, dates):
    """The date that modifies a verb of saying itself ("said on Monday", "In February,
    X said", "said in a statement on Monday", "announced a plan on Thursday"), not one
    inside what was said ("says room for further cuts in 2026")."""
    links = {"prep", "pobj", "npadvmod", "advmod", "conj", "cc", "appos", "compound", "nummod", "amod", "det"}
    for d, root in dates:
        if root is None or other_time(root):
            continue
        node, path = root, []
        while node.i != verb.i and node.head.i != node.i and len(path) < 6:
            path.append(node.dep_)
            node = node.head
        if node.i != verb.i:
            continue
        if all(dep in links for dep in path) or (path[-1:] == ["dobj"] and len(path) <= 3
                                                 and all(dep in links for dep in path[:-1])):
            return d
    return None


def date_in(tok, zone: set[int], dates, trigger_toks: set[int]):
    """The date mention in the trigger's zone, else in the clause that governs it: the
    verb a noun trigger hangs from ("hailed ties on Sunday during a meeting"), or the
    clause a relative, adverbial or conjoined clause belongs to ("in February 2022
    when X visited Y just days before Z launched ..."). A reported clause (ccomp)
    does not take the date of its reporting ("said last week that X will visit")."""
    def nearest(ids):
        hits = [d for d, root in dates if root is not None and root.i in ids and not other_time(root, tok)]
        return min(hits, key=lambda d: abs(d.start - tok.idx)) if hits else None

    found = nearest(zone)
    if found is not None:
        return found
    if tok.pos_ == "VERB":              # "were killed and 35 injured Thursday"
        kin = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            kin.append(tok.head)
        found = nearest({i for k in kin for i in zone_of(k, trigger_toks - {k.i})} - zone)
        if found is not None:
            return found
    if tok.pos_ in ("NOUN", "PROPN"):   # "the war, which began last February"
        found = nearest({t.i for c in tok.children if c.dep_ in ("relcl", "acl") for t in c.subtree})
        if found is not None:
            return found
    if after_before(tok, close_ok=True):
        return None                         # "reopened on X after earlier shelling": another time
    seen = set(zone)
    node = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        node = host_verb(tok)
        if node is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            node = tok.head                 # "last December, when a decree by X set ..."
        if node is None:
            return None
        above = zone_of(node, trigger_toks - {node.i}) - seen
        for c in node.children:             # "the drills, codenamed X, were held on ..."
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i not in trigger_toks:
                above |= zone_of(c, trigger_toks)
        found = nearest(above)
        if found is not None:
            return found
        seen |= above
    while node.dep_ in INHERIT_DEPS and node.head.i != node.i:
        node = node.head
        above = zone_of(node, trigger_toks - {node.i}) - seen
        found = nearest(above)
        if found is not None:
            return found
        seen |= above
    return None


def place_in(tok, zone: set[int], places, doc) -> str | None:
    """Where: a place in the trigger's clause, preferring one after "in", "at", "to"
    or the object of a visit; a possessive ("China's defense minister") or an
    adjective is who, not where. Else a place after such a word in the clauses above."""
    def where(m) -> int:
        i = token_index(doc, m.start)
        if i is None:
            return 0
        t = doc[i]
        while t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        if t.dep_ == "poss" or (i + 1 < len(doc) and doc[i + 1].tag_ == "POS") or t.pos_ == "ADJ":
            return 0
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "to", "into", "near", "inside", "outside"):
            return 2
        if t.dep_ == "dobj" and t.head.lemma_ in ("visit", "tour", "leave", "reach"):
            return 2
        return 1

    mine = [(where(m), m) for m in places if token_index(doc, m.start) in zone]
    mine = [(w, m) for w, m in mine if w > 0]
    if mine:
        best = max(w for w, _ in mine)
        return min((m for w, m in mine if w == best), key=lambda m: abs(m.start - tok.idx)).key
    node = tok
    steps = 0
    while node.head.i != node.i and steps < 4:
        node = node.head
        steps += 1
        if node.pos_ in ("VERB", "AUX"):
            above = zone_of(node, {tok.i})
            hits = [m for m in places if token_index(doc, m.start) in above and where(m) == 2]
            if hits:
                return hits[0].key
    return None


def set_date(report: EventReport, when, inherited: bool = False) -> None:
    """Copy a date mention onto a report. "until April 19" dates only the end;
    a date carried over from an earlier sentence says so in the basis."""
    report.date_text = when.text
    report.date_start, report.date_end, report.date_basis = when.date_start, when.date_end, when.basis
    before = report_text_before(report, when)
    if re.search(r"\b(?:until|till|through|to)\s+$", before, re.I):
        report.date_start, report.date_end = None, when.date_end or when.date_start
        report.date_basis = f"end only ('until'): {when.basis}"
    if inherited:
        report.inherited = True
        report.date_text = None
        report.date_basis = f"no date in its sentence; the story's last date before it, {when.text!r}: {when.basis}"


def report_text_before(report: EventReport, when) -> str:
    if report.start <= when.start <= report.end:
        return report.text[:when.start - report.start][-12:]
    return ""


def governing_verb(tok):
    """A verb with no subject of its own ("before being moved", "and visited") takes the
    subject of the clause it belongs to."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return node
    return None


PRONOUNS = {"he", "she", "him", "her"}


def unnamed_subjects(verb, people, roles) -> list[str]:
    """People a subject stands for without naming them: "he" (the last person named
    before it), "the President" (whoever this article gave that title)."""
    out = []
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if c.lower_ in PRONOUNS:
            before = [m for m in people if m.start < c.idx]
            subjects = [m for m in before if is_subject(c.doc, m)]
            if subjects or before:
                out.append((subjects or before)[-1].key)
        elif c.pos_ in ("NOUN", "PROPN"):
            phrase = " ".join(t.text for t in c.doc[c.left_edge.i:c.i + 1] if t.dep_ != "det").lower()
            holder = [r.person for r in roles if r.title.lower() == phrase]
            if holder:                      # several: the first one the story gave it, its subject
                out.append(holder[0])
    return out


def is_subject(doc, mention) -> bool:
    """The mention is (the head of) a clause's subject: who the story is following."""
    i = token_index(doc, mention.start)
    if i is None:
        return False
    tok = doc[i]
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("compound", "flat", "appos") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def subject_of(verb) -> set[int]:
    """The tokens of a verb's subject when it names someone ("Putin and X hailed"),
    not a thing ("X's trip comes after ...")."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "PRON"):
            out |= {t.i for t in c.subtree}
    return out


CLOSE_WORDS = {"days", "day", "hours", "hour", "minutes", "moments", "shortly", "just", "soon", "immediately",
               "right", "weeks"}


def after_before(tok, close_ok: bool = False) -> bool:
    """Inside "after ...", "before ...", "since ...": another time than the story's.
    With ``close_ok``, "just days before ..." and "shortly after ..." do not count."""
    def far(word) -> bool:
        if not close_ok:
            return True
        doc = word.doc
        near = {doc[j].lower_ for j in range(max(0, word.i - 2), word.i)}
        return not near & CLOSE_WORDS

    node = tok
    for _ in range(4):
        if node.lower_ in ("after", "before", "since", "until", "ahead") and node.pos_ in ("ADP", "SCONJ") \
                and far(node):
            return True
        if any(c.lower_ in ("after", "before", "since") and c.dep_ in ("mark", "prep") and far(c)
               for c in node.children if c.i < tok.i):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@dataclass(frozen=True)
class OffsetDate:
    """A date worked out from "a month after <something dated>"."""

    text: str
    start: int
    date_start: str
    basis: str
    date_end = None


OFFSET = re.compile(r"(?:(?:less|more) than |about |nearly |almost |just |some )?"
                    r"(an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+$", re.I)
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}


def offset_date(tok, text: str, zone_of_fn, trigger_toks, dates, sents, sent_no) -> OffsetDate | None:
    """"X comes a month after Y met Z": Y's meeting is a month before X's date
    (its clause's date, else the story's), at the precision of the unit."""
    node, word = tok, None
    for _ in range(5):
        if node.lower_ in ("after", "before") and node.pos_ in ("ADP", "SCONJ"):
            word = node
        else:
            word = next((c for c in node.children if c.lower_ in ("after", "before")
                         and c.dep_ in ("mark", "prep") and c.i <= tok.i), None)
        if word is not None or node.head.i == node.i:
            break
        node = node.head
    if word is None:
        return None
    m = OFFSET.search(text[max(0, word.idx - 40):word.idx])
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else COUNTS[m.group(1).lower()]
    unit = m.group(2).lower()
    clause = word.head if word.dep_ == "prep" else word.head.head
    zone = zone_of_fn(clause, trigger_toks - {clause.i}) - {t.i for t in word.subtree}
    near = [d for d, root in dates if root is not None and root.i in zone and d.date_start]
    anchor = near[0] if near else (previous_date(sents, sent_no, dates) or lead_date(text, dates))
    if anchor is None or not anchor.date_start or len(anchor.date_start) < {"year": 4, "month": 7}.get(unit, 10):
        return None
    sign = -1 if word.lower_ == "after" else 1
    parts = [int(x) for x in anchor.date_start.split("-")]
    if unit == "year":
        value = f"{parts[0] + sign * n:04d}"
    elif unit == "month":
        months = parts[0] * 12 + parts[1] - 1 + sign * n
        value = f"{months // 12:04d}-{months % 12 + 1:02d}"
    else:
        day = dt.date(*parts) + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        value = day.isoformat()
    phrase = text[word.idx - len(m.group(0)):word.idx + len(word)]
    return OffsetDate(phrase, word.idx - len(m.group(0)), value,
                      f"{phrase!r} {anchor.text!r} ({anchor.date_start}): {n} {unit}(s) {'before' if sign < 0 else 'after'}")


@dataclass(frozen=True)
class YearDate:
    """The year of a sentence's date standing in for an event told "after" or "before"
    it ("cut ties in 2016 after protesters attacked the embassy": 2016)."""

    text: str
    start: int
    date_start: str
    basis: str
    date_end = None


def year_of_sentence(sent, dates) -> YearDate | None:
    """The year of the sentence's one resolved date given at year or month precision:
    an event before or after it is placed in that year, no closer."""
    found = [d for d, _ in dates if sent.start_char <= d.start < sent.end_char and d.date_start]
    years = {d.date_start[:4] for d in found}
    if len(years) != 1 or any(len(d.date_start) == 10 for d in found):
        return None                     # no date, several years, or a day (too close to guess)
    d = found[0]
    return YearDate(d.text, d.start, d.date_start[:4],
                    f"told before or after {d.text!r} ({d.date_start}): its year only")


def lead_date(text: str, dates):
    """The first resolved date of the first paragraph: when the story happens."""
    first = text.find("\n\n")
    first = len(text) if first < 0 else first
    return next((d for d, _ in dates if d.start < first and d.date_start), None)


def previous_date(sents, sent_no: int, dates, back: int = 3):
    """The last date mentioned in the few sentences before this one."""
    lo = sents[max(0, sent_no - back)].start_char
    hi = sents[sent_no].start_char
    saying = lexicon().weak_statement | {"say", "tell", "report"}
    before = [d for d, root in dates if lo <= d.start < hi
              and not (root is not None and root.head.lemma_ in saying)]   # when it was said, not done
    return before[-1] if before else None


def summary(sent, tok, zone: set[int]) -> str:
    words = sent.text.split()
    if len(words) <= SUMMARY_WORDS:
        return sent.text.strip()
    toks = sorted(zone | {tok.i})
    span = sent.doc[toks[0]:toks[-1] + 1].text.strip(" ,;:—–-")
    words = span.split()
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")


# ---------------------------------------------------------------- merging

def dates_agree(a_start, a_end, b_start, b_end) -> bool:
    """Compatible at the coarser precision, or overlapping ranges."""
    if not a_start or not b_start:
        return False
    n = min(len(a_start), len(b_start))
    if a_start[:n] == b_start[:n]:
        return True
    a_hi, b_hi = a_end or a_start, b_end or b_start
    return a_start[:n] <= b_hi[:n] and b_start[:n] <= a_hi[:n]


def merge_in_article(reports: list[EventReport]) -> list[EventReport]:
    """Reports of one event within an article become one (the first keeps the others'
    facts); a statement by a meeting's participants on its date is part of the meeting."""
    lex = lexicon()
    out: list[EventReport] = []
    for r in reports:
        target = None
        for e in out:
            if not one_occasion(e.type, e.participants, r.type, r.participants) or not same_when(e, r):
                continue
            shared = set(e.participants) & set(r.participants)
            if not shared and e.date_start and r.date_start and len(e.date_start) != len(r.date_start) \
                    and not (vague_year(e.date_text) or vague_year(r.date_text)):
                continue                    # "on Wednesday" and "earlier this month": not enough to join
            if shared or (r.type in lex.merge_without_participants and (not e.participants or not r.participants)):
                target = e
                break
            if r.type in lex.one_per_day and e.type == r.type and r.date_start and len(r.date_start) == 10 \
                    and e.date_start == r.date_start:
                target = e                  # "X was jailed ..., while Y was jailed ...": one hearing that day
                break
        if target is None and r.type == "statement" and r.participants:
            for e in out:
                if e.type != "statement" and e.date_start and e.date_start == r.date_start \
                        and set(r.participants) <= set(e.participants):
                    target = e
                    break
        if target is None:
            out.append(r)
            continue
        absorb(target, r)
    return out


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
    """The target report takes the other's people, place, and date when its own is
    missing or only a rough year."""
    target.participants += [p for p in r.participants if p not in target.participants]
    if r.date_start is not None and (target.date_start is None
                                     or (vague_year(target.date_text) and not vague_year(r.date_text))):
        target.date_start, target.date_end = r.date_start, r.date_end
        target.date_text, target.date_basis = r.date_text, r.date_basis
    target.place = target.place or r.place
    target.merged += [r, *r.merged]


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


def _keys(etype: str, parts: list[str], place: str | None, start, end, rough: bool = False) -> list[tuple]:
    """Where an event can be found again: by participant and year when dated, by
    pairs of participants (or participant and place) when not; by place and year
    when nobody is named."""
    out = []
    ys = near_years(_years(start, end)) if rough else _years(start, end)
    for p in parts:
        out += [(etype, "p", p, y) for y in ys]
        if place:
            out.append((etype, "pp", p, place))
    for a in parts:
        for b in parts:
            if a < b:
                out.append((etype, "2", a, b))
    if place:
        out += [(etype, "place", place, y) for y in ys]
    return out


def vague_year(words: str | None) -> bool:
    """Date words that give a year only roughly ("nearly three years ago")."""
    return bool(words) and re.search(r"\byears?\s+ago\b", words, re.I) is not None


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
    the place. Events are looked up by (type, participant) and (type, place), so the
    merge stays linear in the number of reports."""

    def __init__(self):
        self.events: list[Event] = []
        self.articles: list[set[int]] = []          # per event, the articles that report it
        self.index: dict[tuple, list[int]] = {}     # key -> event numbers

    def copy(self) -> "Merger":
        """An independent copy (events, their lists and the index are not shared)."""
        new = Merger()
        new.events = [Event(e.type, e.date_start, e.date_end, e.date_basis, e.place, e.summary,
                            list(e.participants), list(e.reports), e.vague) for e in self.events]
        new.articles = [set(a) for a in self.articles]
        new.index = {k: list(v) for k, v in self.index.items()}
        return new

    def _file(self, n: int, ev: Event) -> None:
        for k in _keys(family(ev.type), ev.participants, ev.place, ev.date_start, ev.date_end, ev.vague):
            bucket = self.index.setdefault(k, [])
            if not bucket or bucket[-1] != n:
                bucket.append(n)

    def add(self, items) -> None:
        undated_min = lexicon().undated_min
        events, articles, index = self.events, self.articles, self.index
        for idx, report, parts, place in items:
            fam = family(report.type)
            pairs = [(fam, "2", a, b) for a in parts for b in parts if a < b]
            with_place = [(fam, "pp", p, place) for p in parts if place]
            rough = vague_year(report.date_text)
            if report.date_start:
                ys = _years(report.date_start, report.date_end)
                ys = near_years(ys) if rough else ys
                lookup = [(fam, "p", p, y) for p in parts for y in ys]
                if place:
                    lookup += [(fam, "place", place, y) for y in ys]
                lookup += pairs + with_place               # undated events
            else:
                lookup = pairs + with_place
            candidates: set[int] = set()
            for k in lookup:
                candidates.update(index.get(k, ()))
            target = None
            for n in sorted(candidates):
                ev = events[n]
                if idx in articles[n] or not one_occasion(ev.type, ev.participants, report.type, parts):
                    continue
                shared = set(ev.participants) & set(parts)
                if ev.date_start and report.date_start:
                    if not when_agrees(ev, report):
                        continue
                    if shared or (place and place == ev.place and (not parts or not ev.participants)
                                  and fam == report.type and report.type != "statement"):
                        target = n              # "the invasion" of a place, whoever one source names
                        break
                elif len(shared) >= undated_min or (shared and place and place == ev.place):
                    target = n
                    break
            if target is None:
                events.append(Event(report.type, report.date_start, report.date_end, report.date_basis, place,
                                    report.summary, list(parts), [(idx, report)], rough))
                articles.append({idx})
                if family(report.type) != report.type:
                    events[-1].type = occasion_type(events[-1].kinds)
                self._file(len(events) - 1, events[-1])
                continue
            ev = events[target]
            ev.reports.append((idx, report))
            ev.type = occasion_type(ev.kinds) if family(ev.type) != ev.type else ev.type
            articles[target].add(idx)
            before = (len(ev.participants), ev.place, ev.date_start, ev.date_end)
            ev.participants += [p for p in parts if p not in ev.participants]
            ev.place = ev.place or place
            if report.date_start and (not ev.date_start or len(report.date_start) > len(ev.date_start)
                                      or (ev.vague and not rough)):
                ev.date_start, ev.date_end, ev.date_basis = report.date_start, report.date_end, report.date_basis
                ev.vague = rough
            if (len(ev.participants), ev.place, ev.date_start, ev.date_end) != before:
                self._file(target, ev)          # only when it can now be found under new keys


def unresolved(report: EventReport) -> bool:
    """Date words that could not be read ("on Tuesday" in an article with no date)."""
    return bool(report.date_text) and not report.date_start and not report.date_end


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
        reuse.clear()
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
            if articles[i].published or i in out or not r.date_text:
                continue
            words = r.date_text.lower().strip()
            day = dt.date.fromisoformat(ev.date_start)
            if words in DAY_WORDS:
                day += dt.timedelta(days=DAY_WORDS[words])
            elif not re.fullmatch(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+\w+)?", words):
                continue
            other = articles[dated_by[0]]
            out[i] = (day.isoformat(), f"reports {r.date_text!r} for the {ev.type} that {other.seed_file} "
                                       f"(dated {other.published}) places on {ev.date_start}; written on or after it")
    return out


# ---------------------------------------------------------------- names people read

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def reader_surname(name: str) -> str:
    """The name a reader calls someone by: the family name, first for East Asian names
    ("Li Shangfu": Li, "Kim Jong Un": Kim), else last with its particles ("Faisal bin
    Farhan Al Saud": Al Saud, "Ursula von der Leyen": von der Leyen)."""
    d = load("events")
    words = name.split()
    if not words:
        return name
    if 2 <= len(words) <= 3 and words[0].lower() in set(d["family_name_first"]):
        return words[0]
    particles = set(d["surname_particles"])
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in particles:
        i -= 1
    return " ".join(words[i:])


def readable_date(date: str | None) -> str:
    """"2023-04-16" -> "16 Apr 2023", "2023-04" -> "Apr 2023", "2023" -> "2023"."""
    if not date:
        return "undated"
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def title(event: Event, names: list[str], place: str | None, most: int = 3) -> str:
    """A title a reader can scan: "Meeting: Putin, Li, Shoigu — Moscow, 16 Apr 2023"."""
    who = ", ".join(reader_surname(n) for n in names[:most]) + (" and others" if len(names) > most else "")
    head = event.type.replace("_", " ").capitalize() + (f": {who}" if who else "")
    where = ", ".join(x for x in (place, readable_date(event.date_start)) if x)
    return f"{head} — {where}"

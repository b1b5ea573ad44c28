"""Event reports: one article's sentences turned into reports (type, participants,
place, date), each from a trigger's clause in the dependency parse.

A trigger's *zone* is its own clause: its subtree without nested clauses (ccomp,
advcl, relcl, conj) and without other triggers. From the zone come the participants
(the people named in it; a noun trigger in a prepositional phrase also takes the
subject of the verb it hangs from), the date (a date expression in the zone, else in
the clauses above it, else the story's last date, else the article's own day for what
its lead tells as done) and the place (a gazetteer place in the zone or above it).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import islice

from ..nlp import sents_of, text_of, token_index
from ..records import EventReport, Extraction
from .merge import family, merge_in_article, one_occasion
from .triggers import Trigger, doer, lexicon, object_of, proper_name, reports_an_event, triggers


CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl", "pcomp"}


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
    if verb.dep_ == "ccomp" and verb.head.lemma_ in lexicon().weak_statement | {"announce", "warn", "claim"} \
            and not under_way(verb):
        return None                         # "said joint exercises are planned": what was said, not done
    if verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ in ("VBN", "VBG") and any(
            c.dep_ in ("aux", "auxpass") for c in verb.children)):
        return ArticleDate(published, "in the lead, told as done or under way")
    return None


def background(tok) -> bool:
    """A noun trigger after "amid" or "despite": the setting of what the clause tells."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in lexicon().setting_words


def thing_of(tok) -> str | None:
    """What a verb trigger acts on, as a lemma: "fired a missile", "the missile was
    launched" -> "missile"."""
    if tok.pos_ != "VERB":
        return None
    obj = object_of(tok)
    return obj.lemma_.lower() if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


def dated_in(tok, dates) -> bool:
    """A date mention inside the trigger's phrase ("the floods that hit on Sunday")."""
    phrase = {t.i for t in tok.subtree}
    return any(root is not None and root.i in phrase for _, root in dates)


def clause_verb(tok):
    """The verb whose clause the trigger tells: itself, or the verb a noun hangs from."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    verb = host_verb(tok, hops=2)
    if verb is None and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head
    return verb


HYPOTHETICAL = {"would", "could", "may", "might", "should", "must", "can"}


def not_done(tok) -> bool:
    """The trigger's clause tells what may or would happen ("would raise the rate",
    "could meet"), not what happened or is scheduled ("will meet" is): it borrows no
    date from the sentences before it."""
    verb = clause_verb(tok)
    return verb is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ in HYPOTHETICAL
                                    for c in verb.children)


def expected_by_others(tok) -> bool:
    """The trigger is what someone expects, predicts or bets on ("markets anticipate
    that the bank will hike", "the view that the Fed will raise rates") or what only
    may come of something ("pressures that could keep the bank on track to raise
    rates"): an opinion, not an event; so is what someone is ready for or thinks
    unlikely ("was ready for a meeting", "unlikely that they would hold talks"). A
    reported "would" ("said he would visit") is a plan and stays."""
    lex = lexicon()
    words = lex.expectation_words | lex.modal_words
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.lemma_.lower() in lex.modal_words:
        return True                     # "was ready for a meeting"
    node = clause_verb(tok) or tok
    for _ in range(4):
        if node is not tok and possible_only(node):
            return True
        if node.head.i == node.i:
            return False
        if node.dep_ in ("ccomp", "acl", "xcomp", "advcl", "relcl", "conj") \
                and node.head.lemma_.lower() in words and node.head.i != tok.i:
            return True
        if node.dep_ == "ccomp" and any(c.dep_ == "acomp" and c.lemma_.lower() in lex.modal_words
                                        for c in node.head.children):
            return True                 # "it was unlikely that they would hold talks"
        node = node.head
    return False


def requested(tok) -> bool:
    """A noun trigger asked for, not done: "a warrant for his arrest", "calls for
    sanctions"."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "for" \
        and tok.head.head.lemma_.lower() in lexicon().request_nouns


def phase_of(tok, trig) -> str | None:
    """"end" for a trigger that ends a term of office ("resigned", "stepped down"),
    which is never the same event as taking one up."""
    if trig.type == "appointment" and tok.lemma_.lower() in lexicon().office_end:
        return "end"
    return None


def under_way(verb) -> bool:
    """A reported clause that tells something as happening or done: "says forces are
    staging drills", "announced it is cutting jobs", "said it has raised its rate",
    "a bus plunged into a gorge, police said"."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if verb.tag_ == "VBG":
        return bool(aux & {"is", "are", "was", "were"})
    if verb.tag_ == "VBD":
        return True                     # "a bus plunged into a gorge, police said"
    return verb.tag_ == "VBN" and bool(aux & {"has", "have"})


def possible_only(verb) -> bool:
    """A clause that says only what could or might be ("could keep", "may lead")."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(aux & {"could", "might", "may"}) or ("would" in aux and verb.dep_ != "ccomp")


def present_tense(tok) -> bool:
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)


def extract(doc, ex: Extraction, date_mentions, published: str | None = None) -> None:
    """Add the article's event reports to ``ex.events``. ``published`` (the article's
    stated date) dates a statement made in the present ("has announced", "says")."""
    text = text_of(doc)
    quoted = [(q.start - 1, q.end + 1) for q in ex.quotes]
    people = [m for m in ex.mentions if m.kind == "person"]
    people_at = [(m, token_index(doc, m.start)) for m in people]     # each person's first token, once
    places = [m for m in ex.mentions if m.kind == "place"]
    dates = [(d, token_root(doc, d.start, d.end)) for d in date_mentions]
    reports: list[EventReport] = []
    sents = sents_of(doc)
    for sent_no, sent in enumerate(sents):
        found = triggers(sent, quoted)
        if not found:
            continue
        trigger_toks = {t.i for t, _ in found}
        by_type: dict[str, EventReport] = {}
        for tok, trig in found:
            if expected_by_others(tok) or requested(tok):
                continue                      # "markets expect the bank to raise rates": an opinion
            if background(tok) and not dated_in(tok, dates):
                continue                      # "prices rose amid the war": the setting, not news
            if crosshead(tok, text, sent):
                continue                      # "'Battlefield after bombardment'" between paragraphs
            if venue_of_saying(tok, trig, {i for _, i in people_at}):
                trig = Trigger("statement", True)   # "X said at a Security Council meeting": X's statement
            zone = zone_of(tok, trigger_toks)
            agent = host_verb(tok, hops=1) if tok.pos_ in ("NOUN", "PROPN") else governing_verb(tok)
            if agent is not None:
                zone |= subject_of(agent)
            parts = [m.key for m, i in people_at if i in zone]
            parts += [k for k in unnamed_subjects(agent if agent is not None else tok, people, ex.roles)
                      if k not in parts]
            timed = coordinate(tok) or tok     # "after X attacked ... and Y executed ...": as "attacked"
            when = said_when(tok, dates) if trig.type == "statement" and tok.pos_ == "VERB" \
                else date_in(timed, zone if timed is tok else zone_of(timed, trigger_toks), dates, trigger_toks)
            inherited = None
            if when is None and trig.type != "statement":
                if after_before(timed):
                    when = offset_date(timed, text, zone_of, trigger_toks, dates, sents, sent_no, published) \
                        or year_of_clause(timed, dates, trigger_toks) or year_of_sentence(sent, dates)
                elif not not_done(tok):
                    inherited = previous_date(sents, sent_no, dates)
            if when is None and published and on_the_day(tok) and tok.head.pos_ in ("NOUN", "VERB") \
                    and sent.root.tag_ in ("VBZ", "VBP"):
                when, inherited = ArticleDate(published, "'on the day that', in a clause told in the present"), None
            if trig.dated_only and when is None and inherited is None:
                continue                      # "agree", "approve" with no time of their own: no one act
            lead = lead_day(tok, sent_no, published)
            if trig.type == "statement" and when is None:
                if not trig.pattern and said_by_nobody(tok):
                    continue                  # "police have in the past been accused of brutality"
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
                    when = told_day(tok, sent, dates, published) or lead   # "the ministry said" in the lead
                elif when is None and trig.release and published and sent_no < LEAD_SENTENCES:
                    when = ArticleDate(published, "a release of data told in the lead")
            elif when is None and inherited is None:
                when = lead                   # "The bank has raised its rate" in the lead: the story's day
            if not trig.strong and tok.pos_ in ("NOUN", "PROPN") and when is None and not parts:
                kinds = lexicon().same_day_kinds
                earlier = [r for r in reports if r.type == trig.type] or \
                    [r for r in reports if r.type in kinds and trig.type in kinds][-1:]   # "the talks" after "met"
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
            speaker = None
            if trig.type == "statement":
                said_by = subjects(tok)
                parts = [m.key for m, i in people_at if i in said_by] or parts
                speaker = institution(tok, {i for _, i in people_at}) if not parts else None
            place = place_in(tok, zone, places, doc)
            report = by_type.get(family(trig.type))
            if report is not None and report.phase != phase_of(tok, trig):
                report = None                 # "stepped down ... and took on the role of": two events
            if report is not None and when is not None and when.text and when.text != report.date_text:
                report = None                 # "X's trip ... weeks after Y's visit last month": two events
            if report is not None and trig.type == "statement" and report.participants and parts \
                    and not set(report.participants) & set(parts):
                report = None                 # two speakers, two statements
            if report is not None and not one_occasion(report.type, report.participants, trig.type, parts):
                report = None                 # "X's visit, where he held talks with Y": two occasions
            doer_name = actor(tok) if family(trig.type) == trig.type != "statement" \
                and trig.type not in lexicon().one_per_day else None
            if report is not None and doer_name and report.actor not in (None, doer_name):
                report = None                 # "a day after the Fed raised rates and the Bank of England cut"
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
                                 place=place, thing=thing_of(tok), phase=phase_of(tok, trig),
                                 lemma=tok.lemma_.lower(), speaker=speaker[0] if speaker else None,
                                 speaker_named=bool(speaker and speaker[1]))
            if when is not None:
                set_date(report, when, inherited=when is inherited)
                if report.date_start is None and report.date_end and not after_before(tok):
                    story = previous_date(sents, sent_no, dates) or lead_date(text, dates)
                    if story is not None and story.date_start and story.date_start <= report.date_end:
                        report.date_start = story.date_start
                        report.date_basis += f"; start: the story's last date before it, {story.text!r}"
            report.actor = doer_name
            report.definite = tok.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
            report.later_phase = report.definite and will_befall(tok, dates)
            by_type[family(trig.type)] = report
            reports.append(report)
    merged = merge_in_article(reports)
    if published:                       # a dated story's report with no time at all is generic
        merged = [r for r in merged if r.date_start or r.date_end or r.date_text or r.type == "statement"]
    ex.events.extend(merged)


def will_befall(tok, dates) -> bool:
    """A noun whose relative clause dates what will happen to it ("the ceasefire, which
    will come into force on Aug. 3"): a later phase of the thing, not another one."""
    for c in tok.children:
        if c.dep_ in ("relcl", "acl") and any(a.dep_ == "aux" and a.lower_ in ("will", "shall") for a in c.children):
            clause = {t.i for t in c.subtree}
            if any(root is not None and root.i in clause for _, root in dates):
                return True
    return False


def actor(tok) -> str | None:
    """The named doer of a trigger, lowercased: the proper-noun active subject of its
    verb (or of the verb a noun hangs from), else a noun's proper-noun possessor ("the Bank of
    England raised", "the Fed's increase"); None for a pronoun, a common noun or none."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else host_verb(tok, hops=1)
    subj = doer(verb) if verb is not None else None
    if subj is not None and subj.dep_ != "nsubj":
        subj = None                         # "X was jailed": who undergoes it, not who acts
    if subj is None and tok.pos_ in ("NOUN", "PROPN"):
        subj = next((c for c in tok.children if c.dep_ == "poss"), None)
    if subj is None or not proper_name(subj) or subj.ent_type_ == "PERSON":
        return None                         # people are told apart by their names already
    words = [t for t in subj.subtree if t.i <= subj.i and t.dep_ not in ("det", "case", "punct")]
    return " ".join(t.lower_ for t in words)


def institution(tok, person_toks: set[int]) -> tuple[str, bool] | None:
    """The body that makes a statement: the subject of the verb of saying, or the
    possessor of a statement noun, when it is an institution and not a person or a
    title ("the Labor Department said", "the ministry's announcement"): its head word
    with the words compounded to it, lowercased ("labor department"), and whether it is
    a name (a proper noun) rather than a common noun ("the ministry")."""
    dep = "nsubj" if tok.pos_ in ("VERB", "AUX") else "poss"
    heads = [c for c in tok.children if c.dep_ == dep]
    head = min(heads, key=lambda c: abs(c.i - tok.i)) if heads else None    # not a dateline ("OSLO (AP) -")
    after_dash = [c for c in (head.children if head is not None else []) if c.dep_ == "appos"
                  and any(t.text in ("-", "\u2013", "\u2014", "--") for t in tok.doc[head.i:c.i])]
    head = after_dash[-1] if after_dash else head           # "OSLO (AP) - Norway's Fisheries Ministry says"
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON" or head.i in person_toks:
        return None
    if head.lemma_.lower() in lexicon().kind_words["person"] or head.tag_ in ("NNS", "NNPS"):
        return None                     # "the minister", "officials": people, not a body
    words = [c for c in head.children if c.dep_ == "compound" and c.i < head.i] + [head]
    name = " ".join(t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in words)
    return name, any(t.pos_ == "PROPN" for t in words)


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
    """A date after "since", "before", "after", or closing the period of a figure ("the
    three months to September"): another time than the event's ("until" is kept: it
    dates the event's end). With ``trigger``, the words between the date
    and the trigger count too: "met on X for the first time since re-establishing
    ties last month" (last month is not the meeting's date)."""
    if fronted(root):
        return False                    # "launched it last month after ...": the outer clause's date
    head = root.head
    if head.dep_ == "prep" and head.lower_ in OTHER_TIME or root.i > 0 and root.doc[root.i - 1].lower_ == "since":
        return True
    if head.dep_ == "prep" and head.lower_ in ("to", "through", "ending") and head.i > 0 and (
            head.head.lemma_.lower() in lexicon().period_nouns
            or root.doc[head.i - 1].lemma_.lower() in lexicon().period_nouns):
        return True                     # "a profit for the three months to September": a figure's period
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


def fronted(root) -> bool:
    """A date the parser hung on an "after"/"before"/"since" clause though it stands
    before the clause's first word ("launched an offensive last month after it was
    driven out"): it dates the clause around, not the one after it."""
    if root.dep_ not in ("npadvmod", "advmod"):
        return False
    marks = [c for c in root.head.children if c.dep_ == "mark" and c.lower_ in OTHER_TIME]
    return bool(marks) and root.i < marks[0].i


def fronted_dates(zone: set[int], doc) -> set[int]:
    """The tokens of fronted dates (see :func:`fronted`) of clauses hanging from the zone."""
    out: set[int] = set()
    for i in zone:
        for c in doc[i].children:
            if c.dep_ == "advcl":
                for g in c.children:
                    if fronted(g):
                        out |= {t.i for t in g.subtree}
    return out


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
        hits = [d for d, root in dates if root is not None and root.i in ids and not other_time(root, tok)
                and not (fronted(root) and root.head.i == tok.i)]
        return min(hits, key=lambda d: abs(d.start - tok.idx)) if hits else None

    found = nearest(zone | fronted_dates(zone, tok.doc))
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
    """Where: a place in the trigger's clause, preferring one the trigger itself is of, in
    or at ("the invasion of Ukraine", "floods in Assam"), then one after "in", "at", "to"
    or the object of a visit; a possessive ("China's defense minister") or an
    adjective is who, not where. Else a place after such a word in the clauses above
    ("will conduct drills in the Gulf": the verb's), else any place in the clause."""
    def own_noun(n) -> bool:
        """The trigger, or the noun it acts on ("launched an invasion", "ordered a strike")."""
        return n.i == tok.i or (n.head.i == tok.i and n.dep_ in ("dobj", "nsubjpass") and n.pos_ == "NOUN")

    def where(m) -> int:
        i = token_index(doc, m.start)
        if i is None:
            return 0
        t = doc[i]
        while t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        if t.dep_ == "poss" or (i + 1 < len(doc) and doc[i + 1].tag_ == "POS") or t.pos_ == "ADJ":
            return 0
        if t.dep_ == "pobj" and t.head.lower_ in ("of", "in", "at") and own_noun(t.head.head):
            return 3
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "to", "into", "near", "inside", "outside"):
            return 2
        if t.dep_ == "dobj" and t.head.lemma_ in ("visit", "tour", "leave", "reach"):
            return 2
        return 1

    mine = [(where(m), m) for m in places if token_index(doc, m.start) in zone]
    mine = [(w, m) for w, m in mine if w > 0]
    best = max((w for w, _ in mine), default=0)
    if best >= 2:
        return min((m for w, m in mine if w == best), key=lambda m: abs(m.start - tok.idx)).key
    fallback = min((m for w, m in mine if w == best), key=lambda m: abs(m.start - tok.idx)).key if mine else None
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
    return fallback             # "China and Russia will conduct drills": who, for want of where


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
    return next((node for node in islice(tok.ancestors, 3)
                 if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)),
                None)


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
    """The tokens of a verb's subject when it names someone ("Ortega and X hailed"),
    not a thing ("X's trip comes after ...")."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "PRON"):
            out |= {t.i for t in c.subtree}
    return out


CLOSE_WORDS = {"days", "day", "hours", "hour", "minutes", "moments", "shortly", "just", "soon", "immediately",
               "right", "weeks"}


def venue_of_saying(tok, trig, person_toks: set[int]) -> bool:
    """A meeting noun that is only where someone spoke: "X said at a Security Council
    meeting", with nobody named in the meeting's own words ("said at a meeting with Y"
    is a meeting with Y) and nobody told ("told their counterparts at talks" are talks)."""
    if family(trig.type) != "occasion" or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj":
        return False
    verb = tok.head.head
    if tok.head.lower_ not in ("at", "during") or verb.lemma_.lower() not in lexicon().weak_statement:
        return False
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False                    # "negotiators told their counterparts at talks": the talks
    return not any(t.i in person_toks for t in tok.subtree)


CROSSHEAD_WORDS = 8


def crosshead(tok, text: str, sent) -> bool:
    """A noun trigger in a short paragraph with no verb: a heading between paragraphs
    (often a phrase quoted from below), not a report."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    start, end = sentence_bounds(text, sent, tok.idx)
    before, after = text[:start].rstrip(" "), text[end:].lstrip(" ")
    if not (start == 0 or before.endswith("\n")) or not (not after or after.startswith("\n")):
        return False                    # not a paragraph of its own
    words = [t for t in sent if start <= t.idx < end and not t.is_punct]
    return len(words) <= CROSSHEAD_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in words)


def said_by_nobody(verb) -> bool:
    """A verb of saying in the passive with no "by" phrase: said of someone, by nobody
    the story names ("have been accused of brutality")."""
    return verb.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


TOLD_DAYS = 3


def told_day(verb, sent, dates, published: str):
    """For a verb of saying in the lead with no date of its own: the day its sentence
    gives what was said ("X carried out an exchange on Saturday, Y said"), when that is
    a day in the few days before the article's own; the saying is that day's news."""
    today = dt.date.fromisoformat(published)
    best = None
    for d, root in dates:
        if root is None or not (sent.start <= root.i < sent.end) or other_time(root, verb):
            continue
        if not d.date_start or len(d.date_start) != 10:
            continue
        if 0 < (today - dt.date.fromisoformat(d.date_start)).days <= TOLD_DAYS \
                and (best is None or abs(d.start - verb.idx) < abs(best.start - verb.idx)):
            best = d
    return best


def coordinate(verb):
    """The clause a conjoined verb really goes with when the parser hung it higher: the
    lowest verb above the word right before its "and", if that is not the parser's head
    ("they cut ties after protesters attacked the embassy and the state executed a
    cleric": "executed" goes with "attacked", not with "cut"). None when the parse
    already says so, or the verb is not conjoined."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj":
        return None
    left = verb.left_edge.i
    if left < 2 or verb.doc[left - 1].pos_ != "CCONJ":
        return None
    node = verb.doc[left - 2]
    while node.i != verb.head.i and node.head.i != node.i:
        if node.pos_ == "VERB" and node.dep_ in ("advcl", "ccomp", "relcl", "conj"):
            return node
        node = node.head
    return None


def on_the_day(tok) -> bool:
    """A verb told "on the day that ..." or "the same day ...": the day of the clause
    it hangs from, whatever "after" stands before ("comes a day after X raised rates
    and on the day that Y cut them": Y's cut is today)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    left = tok.left_edge.i
    before = [t.lower_ for t in tok.doc[max(0, left - 3):left]]
    return before[-2:] == ["the", "day"] and "on" in before or before[-2:] == ["same", "day"]


def after_before(tok, close_ok: bool = False) -> bool:
    """Inside "after ...", "before ...", "since ...": another time than the story's.
    With ``close_ok``, "just days before ..." and "shortly after ..." do not count."""
    def far(word) -> bool:
        if not close_ok:
            return True
        doc = word.doc
        near = {doc[j].lower_ for j in range(max(0, word.i - 2), word.i)}
        return not near & CLOSE_WORDS

    if on_the_day(tok):
        return False
    node = tok
    for _ in range(4):
        if (node.lower_ in ("after", "before", "since", "until", "ahead") and node.pos_ in ("ADP", "SCONJ")
                or node.lower_ == "following" and node.dep_ == "prep") \
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


def offset_date(tok, text: str, zone_of_fn, trigger_toks, dates, sents, sent_no,
                published: str | None = None) -> OffsetDate | None:
    """"X comes a month after Y met Z": Y's meeting is a month before X's date
    (its clause's date, else the story's last, else the article's own day), at the
    precision of the unit."""
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
    today = ArticleDate(published, "the article's day") if published else None
    if near:
        anchor = near[0]
    elif today is not None and clause.tag_ in ("VBZ", "VBP"):
        anchor = today                  # "the decision comes a day after ...": now
    else:
        anchor = previous_date(sents, sent_no, dates) or lead_date(text, dates) or today
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


def year_of_clause(tok, dates, trigger_toks) -> YearDate | None:
    """The year of the clause that an "after"/"before" clause hangs from: "cut ties in
    2016 after protesters attacked the embassy" puts the attack in 2016, whatever else
    the sentence dates ("Thursday marked the first talks since they cut ties ...")."""
    node, word = tok, None
    for _ in range(5):
        word = next((c for c in node.children if c.lower_ in ("after", "before") and c.dep_ in ("mark", "prep")), None)
        if word is not None or node.head.i == node.i:
            break
        node = node.head
    if word is None:
        return None
    clause = node
    governing = clause.head if word.dep_ == "mark" else node
    if governing.i == clause.i and word.dep_ == "mark":
        return None
    inner = {t.i for t in (clause.subtree if word.dep_ == "mark" else word.subtree)}
    zone = zone_of(governing, trigger_toks - {governing.i}) - inner
    found = [d for d, root in dates if root is not None and root.i in zone and d.date_start]
    years = {d.date_start[:4] for d in found}
    if len(years) != 1:
        return None
    d = found[0]
    return YearDate(d.text, d.start, d.date_start[:4],
                    f"told before or after {d.text!r} ({d.date_start}), the date of the clause it hangs from: "
                    "its year only")


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
              and not (root is not None and root.head.lemma_ in saying)   # when it was said, not done
              and not (root is not None and inside_other_time(root))]
    return before[-1] if before else None


def inside_other_time(root) -> bool:
    """A date inside a "since ...", "after ...", "before ..." phrase or clause ("for the
    first time since re-establishing ties last month"): another time than the story's,
    which a later sentence does not carry over."""
    if other_time(root):
        return True
    return any((node.lower_ in OTHER_TIME and node.pos_ in ("ADP", "SCONJ"))
               or any(c.dep_ == "mark" and c.lower_ in OTHER_TIME for c in node.children)
               for node in islice(root.ancestors, 4))


def summary(sent, tok, zone: set[int]) -> str:
    words = sent.text.split()
    if len(words) <= SUMMARY_WORDS:
        return sent.text.strip()
    toks = sorted(zone | {tok.i})
    span = sent.doc[toks[0]:toks[-1] + 1].text.strip(" ,;:—–-")
    words = span.split()
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")

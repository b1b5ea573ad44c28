"""Event triggers: the lexicon of ``data/events.yml`` (verbs, nouns and spaCy Matcher
patterns per type, after ACE/ERE event subtypes and CAMEO codes) and the rules that
decide whether a word in a sentence reports an event: it has a doer, is not negated,
is not part of a name, and its subject and object are of the kinds the lexicon asks
for ("troops arrived" is no visit, "fired its chief" no launch)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import load
from ..people import word_set


LIGHT_VERBS = {"hold", "have", "make", "pay", "conduct", "stage", "carry", "launch", "begin", "start", "attend",
               "host", "lead", "join", "sign", "issue", "release", "open", "end"}


@dataclass
class Trigger:
    type: str
    strong: bool                   # makes an event without a date or a participant
    dated_only: bool = False       # makes an event only when its clause is dated
    pattern: bool = False          # made by a Matcher pattern ("said in a statement")
    release: bool = False          # an official release of data ("data showed")


NO_TRIGGER = Trigger("", False)


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
    expectation_words: set[str] = field(default_factory=set)
    tally_nouns: set[str] = field(default_factory=set)
    needs_ruling: set[str] = field(default_factory=set)
    same_day_kinds: set[str] = field(default_factory=set)
    setting_words: set[str] = field(default_factory=set)
    office_end: set[str] = field(default_factory=set)
    modal_words: set[str] = field(default_factory=set)
    request_nouns: set[str] = field(default_factory=set)
    career_types: set[str] = field(default_factory=set)
    period_nouns: set[str] = field(default_factory=set)
    tally_verbs: set[str] = field(default_factory=set)


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
        if spec.get("release_patterns"):
            patterns[f"{etype}.release"] = spec["release_patterns"]
        if spec.get("dated_patterns"):
            patterns[f"{etype}.dated"] = spec["dated_patterns"]
    weak = set(d["types"]["statement"].get("verbs") or [])
    return Lexicon(verbs, nouns, patterns, weak, set(d["not_before"]), set(d["merge_without_participants"]),
                   int(d["undated_merge_min_participants"]), set(d["named_subject"]), dict(d["object_kind"]),
                   {"person": set(d["person_words"]), "weapon": set(d["weapon_words"]), "road": set(d["road_words"]),
                    "vehicle": set(d["vehicle_words"])},
                   set(d["report_verbs"]), set(d["name_labels"]), list(d["occasion_types"]),
                   set(d["needs_doer"]), set(d["one_per_day"]), set(d["vehicle_subject"]),
                   set(d["expectation_words"]), set(d["tally_nouns"]), set(d["needs_ruling"]),
                   set(d["same_day_kinds"]), set(d["setting_words"]), set(d["office_end"]),
                   set(d["modal_words"]), set(d["request_nouns"]), set(d["career_types"]),
                   set(d["period_nouns"]), set(d["tally_verbs"]))


@lru_cache(maxsize=4)
def matcher(vocab):
    """A spaCy Matcher of the lexicon's token patterns, one key per event type."""
    from spacy.matcher import Matcher
    m = Matcher(vocab)
    for etype, pats in lexicon().patterns.items():
        m.add(etype, pats)
    return m


WORD_ATTRS = {"LOWER": "LOWER", "LEMMA": "LEMMA", "ORTH": "ORTH", "TEXT": "ORTH"}


@lru_cache(maxsize=1)
def pattern_needs() -> list[list[tuple[str, frozenset]]]:
    """For each Matcher pattern, the words it cannot match without: (token attribute,
    the values one of the sentence's words must have), from its tokens that must be
    there once (no ``OP``, or ``+``) and give a word (``LOWER``, ``LEMMA``, ``ORTH``)
    or a list of them (``IN``). Other conditions are not checked here."""
    out = []
    for pats in lexicon().patterns.values():
        for pattern in pats:
            needs = []
            for spec in pattern:
                spec = {str(k).upper(): v for k, v in spec.items()}
                if spec.get("OP") not in (None, "+"):
                    continue
                for key, attr in WORD_ATTRS.items():
                    value = spec.get(key)
                    if isinstance(value, str):
                        needs.append((attr, frozenset([value])))
                    elif isinstance(value, dict) and set(value) == {"IN"}:
                        needs.append((attr, frozenset(value["IN"])))
            out.append(needs)
    return out


@lru_cache(maxsize=1)
def pattern_need_ids() -> list[list[tuple[int, frozenset]]]:
    """:func:`pattern_needs` as spaCy's string hashes, by column of :func:`word_ids`."""
    from spacy.strings import get_string_id
    column = {attr: n for n, attr in enumerate(dict.fromkeys(WORD_ATTRS.values()))}
    return [[(column[attr], frozenset(get_string_id(v) for v in values)) for attr, values in needs]
            for needs in pattern_needs()]


def word_ids(doc) -> list[list[int]]:
    """The tokens' LOWER, LEMMA and ORTH string hashes, one list each, read once per doc."""
    found = doc.user_data.get("dispatches_word_ids")
    if found is None:
        from spacy.attrs import IDS
        attrs = [IDS[a] for a in dict.fromkeys(WORD_ATTRS.values())]
        found = doc.user_data["dispatches_word_ids"] = doc.to_array(attrs).T.tolist()
    return found


def may_match(sent) -> bool:
    """Whether some pattern has every word it needs in the sentence: when none has, the
    Matcher finds nothing there, and is not run (it cost a third of the events stage)."""
    columns = word_ids(sent.doc)
    have: dict[int, set[int]] = {}
    for needs in pattern_need_ids():
        for column, values in needs:
            if column not in have:
                have[column] = set(columns[column][sent.start:sent.end])
            if values.isdisjoint(have[column]):
                break
        else:
            return True
    return False


def sentence_matches(sent) -> list:
    """The Matcher's spans in ``sent``."""
    return matcher(sent.doc.vocab)(sent, as_spans=True) if may_match(sent) else []


def triggers(sent, quoted) -> list[tuple[object, Trigger]]:
    """The sentence's event triggers: Matcher patterns first (the pattern's verb, else
    its noun, stands for it), then single verbs and nouns of the lexicon, each checked
    against the rules of :func:`verb_counts` and :func:`noun_counts`."""
    lex = lexicon()
    out: dict[int, tuple[object, Trigger]] = {}
    claimed: set[int] = set()               # words inside a pattern that already made a trigger
    spans = sentence_matches(sent)
    for span in sorted(spans, key=lambda sp: (-len(sp), sp.start)):
        if any(t.i in claimed or t.i in out for t in span):
            continue
        tok = next((t for t in span if t.pos_ == "VERB"), None) \
            or (span.root if span.root.pos_ in ("NOUN", "PROPN") else None) \
            or next((t for t in span if t.pos_ == "NOUN"), None)
        if tok is None or inside(tok.idx, quoted) or in_name(tok, lex):
            continue
        if tok.pos_ == "VERB" and any(c.dep_ == "neg" for c in tok.children):
            continue
        etype, _, flavour = span.label_.partition(".")
        out[tok.i] = (tok, Trigger(etype, True, pattern=True, release=flavour == "release",
                                   dated_only=flavour == "dated"))
        claimed.update(t.i for t in span if t.i != tok.i)
    for tok in sent:
        pos, lemma = tok.pos_, tok.lemma_.lower()
        verb = pos == "VERB" and lemma in lex.verbs
        if not verb and not (pos in ("NOUN", "PROPN") and (lemma in lex.nouns or tok.lower_ in lex.nouns)):
            continue                          # no word of the lexicon: the checks below are for those
        if tok.i in out or tok.i in claimed or inside(tok.idx, quoted) or in_name(tok, lex):
            continue
        if verb:
            if verb_counts(tok, lemma, sent, lex):
                out[tok.i] = (tok, lex.verbs[lemma])
        else:
            prev = tok.doc[tok.i - 1] if tok.i > sent.start else None
            if prev is not None and prev.lower_ in lex.not_before:
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ in lex.not_before:
                continue                      # "the talks ended without a deal": none was made
            if counted(tok, lex):
                continue                      # "garnered 5,000 votes": a tally
            trig = lex.nouns.get(tok.lower_) or lex.nouns[lemma]
            if named_disaster(tok, lex):
                tok = name_head(tok)          # "Typhoon Haikui hit ...": the storm is the name, the verb's subject
            out[tok.i] = (tok, trig)
    drop_reporting_verbs(out, lex)
    return sorted(out.values(), key=lambda x: x[0].i)


def named_disaster(tok, lex: Lexicon) -> bool:
    """A capitalised disaster noun followed by the one word of the name it is given, in one
    name or one compound ("Typhoon Haikui", "Tropical Storm Helene"): the storm itself; not
    an organisation named after one ("the Fire Department", "the Storm Prediction Center")."""
    found = lex.nouns.get(tok.lower_)
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    return found is not None and found.type == "disaster" and tok.is_title and nxt is not None \
        and nxt.is_title and not (after is not None and after.is_title) and nxt.lower_ not in lex.nouns \
        and nxt.lower_ not in word_set("organizations", "not_person_ends") \
        and (nxt.ent_iob_ == "I" or tok.head.i == nxt.i)


def name_head(tok):
    """The last word of the name ``tok`` begins ("Haikui" of "Typhoon Haikui"), its head in the parse."""
    while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.is_title:
        tok = tok.head
    return tok


def disaster_doer(verb, lex: Lexicon) -> bool:
    """A verb whose subject is a disaster ("the earthquake struck", "Cyclone Freddy killed 400",
    "the quake struck ..., killing 2,000"): what it did is its toll, not an attack."""
    node, subjects = verb, []
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or node.dep_ not in ("conj", "xcomp", "advcl") or node.head.i == node.i:
            break
        node = node.head
    words = [w for s in subjects for w in [s, *(c for c in s.children if c.dep_ == "compound")]]
    return any((lex.nouns.get(t.lower_) or lex.nouns.get(t.lemma_.lower()) or NO_TRIGGER).type == "disaster"
               for t in words)


def counted(tok, lex: Lexicon) -> bool:
    """A tally noun in the plural or with a number: "5,000 votes", "the valid votes
    cast", "two ballots"; "the vote on Thursday" is an event."""
    if tok.lower_ in lex.tally_nouns and tok.lower_ != tok.lemma_.lower():
        return True                           # "votes", "ballots": counted, even without a number
    return tok.lemma_.lower() in lex.tally_nouns and any(c.dep_ == "nummod" or c.like_num for c in tok.children)


def in_name(tok, lex: Lexicon) -> bool:
    """The word is part of a longer name ("Law and Justice", "Security Council"), but for
    a disaster noun before the name it is given ("Typhoon Haikui", "Tropical Storm Helene")."""
    if tok.ent_type_ not in lex.name_labels or named_disaster(tok, lex):
        return False
    if tok.ent_iob_ == "I":                 # inside an entity, after its first word
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.ent_iob_ == "I"     # the first word of a longer one


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
    if trig.type == "attack" and disaster_doer(tok, lex):
        return False                          # "the earthquake struck ...", "Cyclone Freddy killed 400"
    if trig.type == "statement" and tok.tag_ in ("VBG", "VBN") and not any(
            c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False                          # ", warning X against ...": not itself a statement
    if trig.type == "statement" and lemma in lex.tally_verbs and counted_object(tok):
        return False                          # "the agency reported 17 outbreaks": a tally
    if lemma in lex.named_subject and not names_someone(doer(tok), lex):
        return False                          # "troops arrived", "patients visited schools"
    if lemma in lex.vehicle_subject:
        subj = doer(tok)
        if subj is None or not (subj.pos_ == "PRON" or subj.lemma_.lower() in lex.kind_words["vehicle"]):
            return False                      # "shares plunged": not an accident
    if lemma in lex.needs_doer and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children):
        return False                          # "25 passengers were killed": a toll, not an attack
    if lemma in lex.needs_doer and tok.dep_ in ("advcl", "conj", "xcomp") and doer(tok) is not None \
            and doer(tok).lemma_.lower() in lex.kind_words["vehicle"]:
        return False                          # "the bus plunged ..., killing 12": the crash's toll
    if lemma in lex.needs_ruling and not ruling(tok):
        return False                          # "ruled the country": governed, no court
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


def counted_object(verb) -> bool:
    """The verb's direct object is a number of things ("reported 17 outbreaks")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(c.dep_ == "nummod" or c.like_num for c in obj.children)


def ruling(verb) -> bool:
    """"ruled that ...", "ruled in favour of / against / on X": what a court rules;
    "ruled the country for 30 years" is governing."""
    deps = {c.dep_ for c in verb.children}
    if "ccomp" in deps:
        return True
    return "dobj" not in deps and any(c.dep_ == "prep" and c.lower_ in ("in", "on", "against")
                                      for c in verb.children)


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
    """The verb's direct object (or object predicate: "named X as"), or for a passive
    its subject ("was named")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "oprd"):
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
    """A verb that reports an event noun in its object, or an announcing verb whose
    reported clause is an event, is that event, not another ("declared a ceasefire",
    "announced the renewal of the agreement", "announced it is cutting jobs"); so is a verb
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
        if any(c.dep_ == "ccomp" and c.i in found and found[c.i][1].type != "statement" for c in tok.children):
            del found[i]                      # "announced it is cutting jobs": the cut is the news
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


def verb_lemmas(tok) -> set[str]:
    """The verb's lemma, and the base forms its spelling allows when the model's
    lemma is off ("staged", "staging" -> "stag")."""
    word = tok.lower_
    out = {tok.lemma_.lower()}
    if word.endswith("ed"):
        out |= {word[:-1], word[:-2]}
    if word.endswith("s"):
        out.add(word[:-1])
    if word.endswith("ing"):
        out |= {word[:-3], word[:-3] + "e"}         # "staging" -> "stag": "stage"
    return out


def reports_an_event(verb) -> bool:
    """A light or reporting verb whose object is the event ("held talks", "staged a
    protest", "announced a deal")."""
    words = verb_lemmas(verb)
    return bool(words & LIGHT_VERBS or words & lexicon().report_verbs)

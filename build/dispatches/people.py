"""People, organisations and places in one article, with the roles it gives people.

spaCy's entities are the base. Rules correct them (word lists in
``data/people.yml``, ``data/organizations.yml``, ``data/places.yml``):

- a name is cut to its capitalised name words: titles and honorifics before
  it ("Gen.", "Defense Minister"), a possessive after it ("Torres's") and
  capitalised verbs glued to it (a headline's "X Orders Troops") are not part of it;
- a name that the gazetteer knows as a place is a place, unless a title or
  honorific stands before it ("in Kherson" is never a person);
- a surname (or any single name word) is the full name used elsewhere in the
  same article, the nearest one before it when two people share the word; the
  same words tagged ORG or GPE by the model ("Torres said") are found again;
- roles come from a title before the name ("Chinese Defense Minister Li"),
  an apposition after it ("Wang, a spokesperson for China's Foreign Ministry,")
  or a copula ("Petrov was Bulgaria's defense minister"); "former" and a past
  copula mark a role no longer held;
- a person's country is the one the text gives: a country or demonym before the
  name or in a title ("X, a Pakistani national", "head of Peru's central bank"),
  the country of the party or institution they hold a role in, of the person whose
  aide they are ("one of his aides"), or, for an office named inside someone's
  quotation, the speaker's. A state office the text gives no country for is in
  the article's home country; nothing else takes a country from the setting.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .lexicon import by_first_letter
from .nlp import ents_of, sents_of, text_of
from .gazetteer import gazetteer
from .records import Extraction, Mention, Role


@lru_cache(maxsize=1)
def quote_verbs() -> set[str]:
    return set(lexicon.load("quotes")["speech_verbs"])

APOSTROPHES = "'’"
NAME_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le",
                  "dos", "das", "del", "y", "abu", "ben", "bint"}
PARTICLE_ALT = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_AFTER = re.compile(r"\s+(?:River|Sea|Lake|Ocean|Bay|Gulf|Strait|Island|Islands|Mountains?|Valley|Desert|"
                         r"Canal|Peninsula|Port|Airport|Square|Street|Avenue|Bridge|Dam|Province|Region|Oblast|"
                         r"District|County|Shoal|Reef)\b")


@dataclass
class Words:
    titles: re.Pattern            # a title at the end of a text window
    title_any: re.Pattern         # a capitalised title anywhere
    title_at_start: re.Pattern
    title_lower: re.Pattern       # a title written in lower case ("police chief")
    honorifics: dict[str, str | None]
    honorific_re: re.Pattern
    former: set[str]
    fillers: set[str]
    not_name: set[str]
    place_preps: set[str]
    orgs: dict[str, tuple[str, str | None]]      # alias (exact case) -> (name, country)
    org_re: re.Pattern
    national: re.Pattern
    not_orgs: set[str]
    not_orgs_lower: set[str]
    trailing_honorifics: re.Pattern
    agencies: set[str]
    role_verbs: dict[str, str]
    not_places: set[str]
    with_complement: set[str]
    bare_titles: set[str]
    role_nouns: set[str]          # roles and positions written before a name ("Midfielder X", "Surgeon Y")
    title_countries: dict[str, str]
    counterpart: re.Pattern


@lru_cache(maxsize=1)
def words() -> Words:
    people = lexicon.load("people")
    orgs = lexicon.load("organizations")
    titles = sorted({t.lower() for t in people["titles"]}, key=len, reverse=True)
    title_alt = by_first_letter(titles, lambda t: re.escape(t).replace(r"\ ", r"\s+"))
    honorifics = dict(people["honorifics"])
    hon_alt = by_first_letter(sorted(honorifics, key=len, reverse=True), re.escape)
    known: dict[str, tuple[str, str | None]] = {}
    for org in orgs["known"]:
        for alias in [org["name"]] + list(org.get("aliases") or []):
            known[alias] = (org["name"], org.get("country"))
    agencies = set()
    for agency in lexicon.load("agencies")["agencies"]:
        for alias in [agency["name"]] + list(agency.get("aliases") or []):
            agencies.add(alias)
            known.setdefault(alias, (agency["name"], None))
    org_alt = by_first_letter([a for a in sorted(known, key=len, reverse=True) if not a.startswith("the ")], re.escape)
    national = "|".join(re.escape(n) for n in sorted(set(orgs["national"]), key=len, reverse=True))
    return Words(
        titles=re.compile(rf"(?i:\b(?:{title_alt}))$"),
        title_any=re.compile(r"(?<![\w-])(?:" + by_first_letter(
            titles, lambda t: r"\s+".join(word[:1].upper() + word[1:] for word in t.split())) + r")(?![\w-])"),
        title_at_start=re.compile(rf"(?i:(?:{title_alt}))\b"),
        title_lower=re.compile(rf"(?<![\w-])(?:{title_alt})(?![\w-])"),
        honorifics=honorifics,
        honorific_re=re.compile(rf"(?:(?<=\s)|^)(?:{hon_alt})(?=\s)"),
        former={w.lower().rstrip("-") for w in people["former_words"]},
        fillers={w.lower() for w in people["title_fillers"]},
        not_name=set(people["not_name_words"]),
        place_preps={w.lower() for w in people["place_prepositions"]},
        orgs=known,
        org_re=re.compile(rf"(?<![\w-])(?:{org_alt})(?![\w-])"),
        national=re.compile(rf"(?:{national})$"),
        not_orgs=set(orgs["not_organizations"]),
        not_orgs_lower={n.lower() for n in orgs["not_organizations"]},
        trailing_honorifics=re.compile(rf"(?:\s+(?:{hon_alt}))+\s*$"),
        agencies=agencies,
        role_verbs=dict(people.get("role_verbs") or {}),
        not_places=set(lexicon.load("places").get("not_places") or []),
        with_complement={t.lower() for t in people.get("titles_with_complement") or []},
        bare_titles={t.lower() for t in people.get("bare_titles") or []},
        role_nouns={form for t in people["team_roles"] + (people.get("occupations") or []) + people["titles"]
                    for form in (t.lower(), t.lower() + "s") if " " not in t},
        title_countries={k.lower(): v for k, v in (people.get("title_countries") or {}).items()},
        counterpart=re.compile(r"(?:(?P<owner>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:['’]s)?\s+)?(?:"
                               + "|".join(map(re.escape, people.get("counterpart_words") or ["counterpart"]))
                               + r")\s*,?\s*$"),
    )


# ---------------------------------------------------------------- names

@lru_cache(maxsize=1)
def national_then_name() -> re.Pattern:
    """A national institution followed by two or three name words, at the end of an entity."""
    return re.compile(r"(?<![\w-])(?:" + words().national.pattern[:-1]
                      + r")\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})$")


def at_word_start(words_, written, group: bool = False) -> str:
    r"""``(?<![\w-])`` followed by a word (or a capturing group of ``words_`` in their order),
    each written by ``written``: with each word's first character before the check on the
    character before it (``A(?<![\w-]A)na``), which is the same regex, but one the engine
    can look for by its first characters instead of trying at every position of the text.
    Words that do not all begin with an ASCII letter or digit are written the plain way."""
    many = [words_] if isinstance(words_, str) else list(words_)
    if not all(w[:1].isascii() and w[:1].isalnum() for w in many):
        body = "|".join(map(written, many))
        return rf"(?<![\w-])({body})" if group else rf"(?<![\w-]){body}"
    body = "|".join(rf"{w[0]}(?<![\w-]{w[0]}){written(w[1:])}" for w in many)
    return f"({body})" if group else body


WORD_START = re.compile(r"(?<![\w-])\S")
WORD_END = re.compile(r"['’]s\b|[^\w-]|$")


def whole_words(words, text: str):
    """``(start, end)`` of each of ``words`` in ``text`` that starts a word and ends one (or is
    followed by 's), the longest at each place, left to right, never overlapping: what
    ``re.finditer`` of the alternation of ``words``, longest first, between those two checks
    finds, without compiling a regex for each article's words."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[:1], []).append(word)
    done = 0
    for m in WORD_START.finditer(text):
        s = m.start()
        if s < done:
            continue
        for word in by_first.get(text[s], ()):
            if text.startswith(word, s) and WORD_END.match(text, s + len(word)):
                done = s + len(word)
                yield s, done
                break


@lru_cache(maxsize=None)
def word_set(name: str, key: str, lower: bool = True) -> frozenset:
    """The word list ``key`` of ``data/<name>.yml`` as a set (lower case unless ``lower`` is
    False), built once."""
    return frozenset(w.lower() if lower else w for w in lexicon.load(name).get(key) or [])


RUN_TOGETHER = re.compile(r"[a-z][A-Z].*[a-z][A-Z]")    # "SolutionsLegalReuters": menu words run together


def is_name_word(tok) -> bool:
    """A word that can be part of a person's name."""
    text = tok.text
    if tok.text.lower() in NAME_PARTICLES and tok.i > 0:
        return True
    return (bool(text[:1].isupper()) and text not in words().not_name and any(c.isalpha() for c in text)
            and not RUN_TOGETHER.search(text))


LIST_ITEM = re.compile(r"(?:^|(?<=[,;(:]\s)|(?<=\s-\s)|(?<=\d\s))"
                       r"([A-Z][a-z][\w'’.-]*(?:[ \t]+(?:(?:" + PARTICLE_ALT + r")[ \t]+)*[A-Z][\w'’.-]*[a-z]){1,3})"
                       r"(?=\s*(?:[,;(]|\d|\.?\s*$))", re.M)


BRACKETED_ITEM = re.compile(r"(?<![\w'’.-])([A-Z][a-z][\w'’.-]*(?:[ \t]+(?:(?:" + PARTICLE_ALT
                            + r")[ \t]+)*[A-Z][\w'’.-]*[a-z]){1,3})[ \t]*\([ \t]*[A-Z][^()\d\n]{0,40}\)")


def bracketed_names(doc, people_found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names each followed by a country or club in brackets, the shape of results and squad
    lists ("A B ( Denmark ) beat C D ( China )"): when at least three are in the article and
    at least half of them are already people, the others are people too."""
    return unknown_items(doc, [(m.start(1), m.end(1)) for m in BRACKETED_ITEM.finditer(text_of(doc))],
                         people_found, 3)


def unknown_items(doc, items: list[tuple[int, int]], people_found: list[tuple[int, int]],
                  least: int) -> list[tuple[int, int]]:
    """The items of a list that are not yet people, when at least ``least`` items are listed and
    at least half are people; an item with a place's or a people's word is never taken."""
    text = text_of(doc)
    g, w = gazetteer(), words()
    if len(items) < least:
        return []
    known = [it for it in items if any(s <= it[0] < e or it[0] <= s < it[1] for s, e in people_found)]
    if len(known) * 2 < len(items):
        return []
    out = []
    for s, e in items:
        parts = text[s:e].split()
        if (s, e) in known or any(g.major_place(p) or g.country(p) or p in w.not_name for p in parts) \
                or text[s:e] in w.orgs or g.place(text[s:e]):
            continue
        out.append((s, e))
    return out


def listed_names(doc, people_found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names in a list line (a line-up, a results table: "Goalkeepers - A B , C D .",
    "3 - A B ( Wales ) , 2 - C D ( Leicester )") where at least half of the name-shaped
    items are already people: the others are people too. An item with a place's or a
    people's word in it ("New Zealand", "Bayer Leverkusen") is not taken."""
    out = []
    for line in re.finditer(r"[^\n]+", text_of(doc)):
        items = [(line.start() + m.start(1), line.start() + m.end(1)) for m in LIST_ITEM.finditer(line.group())]
        out += unknown_items(doc, items, people_found, 2)
    return out


SCORERS = re.compile(r"(?<=\d )\(\s*((?:[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}\s\d+(?:st|nd|rd|th)?"
                     r"(?:\s(?:pen|penalty|and|\d+(?:st|nd|rd|th)?|,\s\d+(?:st|nd|rd|th)?))*\s*[,;]?\s*)+)\)")
SCORER = re.compile(r"([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s\d")


def scorers(text: str) -> list[tuple[int, int]]:
    """Names in a results line's brackets after a score, each with its minutes or runs
    ("Bochum 2 ( Kowalczyk 30th pen , Brandt 89th )", "all out ( Ramdin 54 )")."""
    out = []
    g = gazetteer()
    for m in SCORERS.finditer(text):
        for item in SCORER.finditer(m.group(1)):
            name = item.group(1)
            if not (g.place(name) or g.country(name) or name in words().not_name or name in words().orgs):
                out.append((m.start(1) + item.start(1), m.start(1) + item.end(1)))
    return out


def aged_names(doc) -> list[tuple[int, int]]:
    """Two or three capitalised words followed by an age set off by commas ("Anna Berg, 38,"):
    only people are given an age that way."""
    text = text_of(doc)
    g, w = gazetteer(), words()
    out = []
    for m in re.finditer(r"(?<![\w-])([A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*){1,2})\s?,\s?\d{1,3}\s?,", text):
        parts = m.group(1).split()
        if not any(p in w.not_name or g.country(p) or g.major_place(p) or p.lower() in title_vocabulary()
                   for p in parts) and m.group(1) not in w.orgs and not g.place(m.group(1)):
            out.append((m.start(1), m.end(1)))
    return out


def places_alone(doc) -> set[str]:
    """Places the article names on their own (a place entity, or a dateline in capitals), lower case."""
    found = {e.text.lower() for e in ents_of(doc) if e.label_ in PLACE_LABELS}
    dl = DATELINE.match(text_of(doc))
    if dl:
        found.add(dl.group(1).lower())
    return found


def named_after_place(name: str, alone: set[str]) -> bool:
    """A name of two or more words with a word that is a known place the article also names on
    its own: a team or firm named after its city ("Partizan Belgrade", "Munich Re")."""
    parts = name.split()
    g = gazetteer()
    return len(parts) > 1 and any(p.lower() in alone and g.place(p) is not None for p in parts)


def glued_hyphen(tok) -> bool:
    """A hyphen inside a name ("Jean-Paul"), not one set off by spaces ("Forwards - Ioan")."""
    return tok.text == "-" and (tok.i == 0 or tok.doc[tok.i - 1].whitespace_ == "" or tok.whitespace_ == "")


def clean_person(span) -> tuple[int, int] | None:
    """Token bounds of the name inside a PERSON entity, or None."""
    w = words()
    g = gazetteer()
    toks = list(span)
    i = 0
    while i < len(toks):                          # drop titles, honorifics, adjectives before the name
        t = toks[i]
        low = t.text.lower()
        if (t.text in w.honorifics or low in w.former or low in w.fillers or g.is_adjective(t.text)
                or w.title_at_start.fullmatch(t.text) or t.tag_ in ("DT", "PRP$") or acronym_before_title(toks, i)
                or (low in w.role_nouns and i + 1 < len(toks))
                or not t.text[:1].isupper() or t.text in w.not_name):
            i += 1
            continue
        break
    j = i
    while j < len(toks) and (is_name_word(toks[j]) or glued_hyphen(toks[j])) and toks[j].tag_ != "POS":
        if toks[j].text in APOSTROPHES:
            break
        j += 1
    while j > i and (toks[j - 1].text in "-" or toks[j - 1].text.lower() in NAME_PARTICLES):
        j -= 1
    if j <= i or sum(toks[k].text.lower() not in NAME_PARTICLES for k in range(i, j)) > 4:
        return None
    start, end = toks[i].i, toks[j - 1].i + 1
    doc = span.doc
    while end < len(doc) and doc[end - 1].whitespace_ == "" and (doc[end].text == "-" or doc[end - 1].text == "-") \
            and doc[end].text.strip(".,;:"):
        end += 1                                  # "Min-jung": a hyphenated name word is one word
    while doc[end - 1].text == "-":
        end -= 1
    return start, extend_particles(doc, end)


@lru_cache(maxsize=1)
def company_re() -> re.Pattern:
    suffixes = "|".join(re.escape(x) for x in sorted(lexicon.load("organizations").get("company_suffixes") or [],
                                                      key=len, reverse=True))
    return re.compile(r"((?:[A-Z][\w&'’.-]*[ \t]+(?:(?:and|&)[ \t]+)?){1,4})(?:" + suffixes + r")(?![\w-])")


def company_prefixes(text: str) -> set[str]:
    """The leading words of every company name written with its legal or group suffix
    ("Barrick Gold Corp" gives "Barrick" and "Barrick Gold"; "Russ Berrie and Co Inc" gives
    "Russ" and "Russ Berrie"): names the article uses for the company, not for a person."""
    out = set()
    for m in company_re().finditer(text):
        parts = [p for p in m.group(1).split() if p not in ("and", "&")]
        out |= {" ".join(parts[:k]) for k in range(1, len(parts) + 1)}
    return out


def in_capitals_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is written in capitals (a headline: "SOCCER - X BANNED")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    return sum(c.isalpha() for c in line) >= 8 and line.upper() == line


NEXT_WORD = re.compile(r"\s+([A-Z][\w'’-]+)")


def name_word_follows(text: str, pos: int) -> bool:
    """Whether a capitalised name word follows ``pos`` ("Torres Ltd", "Torres Garcia"), not a
    verb of saying after names ("Torres Garcia said" still ends at the name), a place or a
    word that never belongs to a name."""
    if not re.match(r"\s[A-Z]", text[pos:pos + 2]) or re.match(r"\s(?:[A-Z][a-z]*\s)*?(?:said|says|told)",
                                                             text[pos:pos + 30]):
        return False
    nxt = NEXT_WORD.match(text, pos)
    return bool(nxt) and nxt.group(1) not in words().not_name and not gazetteer().place(nxt.group(1))


def name_word_before(text: str, pos: int) -> bool:
    """Whether a capitalised word that could be a name comes just before ``pos`` on its line
    ("Ye Zhaoying"), not a title, a place, a people or a word that starts sentences."""
    before = re.search(r"(?<!\S)([A-Z][\w'’-]+)[ \t]+$", text[max(0, pos - 40):pos])
    if not before:
        return False
    word = before.group(1)
    w, g = words(), gazetteer()
    return not (word in w.not_name or word in w.honorifics or word.lower() in title_vocabulary()
                or g.major_place(word) or g.country(word) or acronym(word))


def tagged_as_name(doc, start: int, end: int) -> bool:
    """Words after a lower-case title that the model tagged as a name of any kind
    (it often calls a foreign name an ORG or a GPE): two or more words, or a PERSON."""
    from .nlp import token_index
    first, last = token_index(doc, start), token_index(doc, end - 1)
    if first is None or last is None:
        return False
    span = doc[first:last + 1]
    labels = {t.ent_type_ for t in span}
    return (labels == {"PERSON"} or (len(span) > 1 and labels <= {"PERSON", "ORG", "GPE", "NORP", ""}
                                     and all(t.tag_ == "NNP" for t in span)))


def mislabelled_full_name(doc, start: int, end: int) -> tuple[int, int] | None:
    """A surname at the end of a short ORG or GPE entity of capitalised name words
    ("Andriy Nebytov" tagged ORG, "Nebytov" a person elsewhere): the whole entity."""
    from .nlp import token_index
    i = token_index(doc, end - 1)
    if i is None:
        return None
    tok = doc[i]
    if tok.ent_type_ not in ("ORG", "GPE") or tok.ent_iob_ == "B":
        return None
    ent = next((e for e in ents_of(doc) if e.start <= i < e.end), None)
    if ent is None or ent.end != i + 1 or len(ent) > 3:
        return None
    first = [t for t in ent if t.i < i]
    if not all(is_name_word(t) and not gazetteer().place(t.text) and t.text not in words().orgs for t in first):
        return None
    return ent.start_char, end


def joined_to_person(ent) -> bool:
    """An ORG or GPE entity of two or three name words joined by "and" to a PERSON
    ("officers Brian Kosgei and Mercy Atieno", the second tagged GPE): a person too."""
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(ent) <= 3:
        return False
    root = ent.root
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    if not any(p.ent_type_ == "PERSON" for p in partners):
        return False
    g, w = gazetteer(), words()
    return (all(t.tag_ == "NNP" and is_name_word(t) and not g.place(t.text) for t in ent)
            and ent.text not in w.orgs and not g.place(ent.text) and not acronym(ent.text))


def described_as_person(ent) -> bool:
    """An ORG or GPE entity of two or three name words set in apposition with a noun for a
    person's role ("Tunde Bakare, a senior advocate," / "the trial judge, Ada Obi,", the name
    tagged ORG): a person."""
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(ent) <= 3:
        return False
    g, w = gazetteer(), words()
    if not all(t.tag_ == "NNP" and is_name_word(t) and not g.major_place(t.text) and not g.country(t.text)
               for t in ent) or ent.text in w.orgs or g.place(ent.text) or acronym(ent.text):
        return False
    heads = word_set("organizations", "org_head_words")
    if ent[-1].lower_ in heads:
        return False                       # "New Patriotic Party, the main opposition,"
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    vocabulary = title_vocabulary() | w.role_nouns
    return any(n.tag_ in NOUN_TAGS and n.lemma_.lower() in vocabulary for n in nouns)


def acronym_before_title(toks: list, i: int) -> bool:
    """An institution's acronym before a title glued to a name ("NEC Chairperson Ama Boateng")."""
    return (i + 1 < len(toks) and acronym(toks[i].text) and len(toks[i].text) <= 6
            and words().title_at_start.fullmatch(toks[i + 1].text) is not None)


POSSESSIVE_END = re.compile(r"['’]s?$")
FULL_STOP_END = re.compile(r"(\w{4,})[.,;:]$")          # a sentence's full stop, not "U.S."
SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def name_of(text: str) -> str:
    """A name as written, without a possessive, a sentence's full stop or runs of space
    (kept once per string: the same candidates are cleaned again by each filter)."""
    text = POSSESSIVE_END.sub("", text.strip())
    text = FULL_STOP_END.sub(r"\1", text)
    return SPACES.sub(" ", text)


def acronym(text: str) -> bool:
    return len(text) >= 2 and text.replace(".", "").replace("-", "").isupper()


def extend_particles(doc, end: int) -> int:
    """The end of a name that goes on past ``end`` with particles and a name word
    ("Ursula" + "von der Leyen", "Faisal" + "bin Farhan")."""
    k = end
    while k < len(doc) and doc[k].text.islower() and doc[k].text in NAME_PARTICLES:
        k += 1
    if k > end and k < len(doc) and doc[k].text[:1].isupper() and doc[k].text not in words().not_name:
        return k + 1
    return end


# ---------------------------------------------------------------- things that are not people

@dataclass
class NotPeople:
    credits: list[tuple[int, int]]     # character ranges of reporter credits
    names: set[str]                    # names the text shows to be places, teams or things


@lru_cache(maxsize=1)
def matchers():
    """spaCy matchers for credits, named things, places and teams, built once from the YAML lists,
    and the words (lower case, as spaCy's string hashes) one of which is in every match of the second."""
    from spacy.matcher import Matcher, PhraseMatcher
    from .nlp import pipeline
    nlp = pipeline()
    lists = lexicon.load("people")
    credit = PhraseMatcher(nlp.vocab, attr="LOWER")
    credit.add("CREDIT", [nlp.make_doc(p) for p in lists["credit_phrases"]])
    named = Matcher(nlp.vocab)
    things = sorted({t.split()[-1].lower() for t in lists["thing_nouns"]})
    named.add("THING", [[{"LOWER": {"IN": things}}, {"IS_QUOTE": True, "OP": "?"}, {"IS_TITLE": True}]])
    places = [p.lower() for p in lexicon.load("places")["place_nouns"]]
    named.add("PLACE", [[{"IS_TITLE": True}, {"LOWER": {"IN": places}}]])
    media = [n.lower() for n in lists.get("thing_after_nouns") or []]
    named.add("PLACE", [[{"TEXT": {"REGEX": "^[A-Z]"}}, {"LOWER": {"IN": media}, "IS_LOWER": True}]])
    teams = sorted({t.split()[-1].lower() for t in lists["team_roles"]})
    named.add("TEAM", [[{"IS_TITLE": True}, {"LOWER": {"IN": teams}, "IS_LOWER": True}]])
    from spacy.strings import get_string_id
    return credit, named, frozenset(get_string_id(w) for w in {*things, *places, *media, *teams})


def named_matches(doc, named, needed: frozenset) -> set[tuple[int, int, int]]:
    """The matches (key, start, end) of the named-thing Matcher in ``doc``. Each of its matches
    is at most three words with one of the ``needed`` words first or second, so the Matcher
    reads only the stretches around those words, not the whole doc (most of a doc's words,
    checked against its patterns, cost a twentieth of the people stage)."""
    n = len(doc)
    stretches: list[list[int]] = []
    for i, word in enumerate(doc.to_array("LOWER").tolist()):
        if word not in needed:
            continue
        start, end = max(0, i - 1), min(n, i + 3)
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    return {(span.label, span.start, span.end) for start, end in stretches
            for span in named(doc[start:end], as_spans=True)}


def not_people(doc) -> NotPeople:
    """Where the text credits reporters, and the names it shows are not people:
    "Typhoon Helen", "in Kullu district", "Zvezda coach X" (the team)."""
    credit, named, needed = matchers()
    ranges = []
    for _, start, end in credit(doc):
        while end < len(doc) and not (doc[end].text in CLAUSE_ENDS or "\n" in doc[end].text):
            end += 1
        ranges.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)))
    names = set()
    for match_id, start, end in named_matches(doc, named, needed):
        label = doc.vocab.strings[match_id]
        tok = doc[end - 1] if label == "THING" else doc[start]
        if tok.text not in words().not_name and not (label != "THING" and tok.i > 0 and doc[tok.i - 1].tag_ == "POS"):
            names.add(tok.text)
    return NotPeople(ranges, names)


def is_thing(name: str, found: NotPeople) -> bool:
    """A name that is (or starts with, or ends in) a word the text shows is a place, team or
    thing, that ends in a word no surname is ("Chapman Golf Club", "Russ Berrie and Co Inc"),
    or that begins with a thing's noun ("Typhoon Haikui", "Tropical Storm Helene")."""
    parts = name.split()
    places = word_set("places", "place_nouns")
    ends = word_set("organizations", "not_person_ends")
    suffixes = word_set("organizations", "company_suffixes")
    things = word_set("people", "thing_nouns")
    return bool(parts) and (name in found.names or parts[0] in found.names or parts[-1].lower() in places
                            or parts[-1].lower() in ends or parts[-1].lower() in suffixes
                            or any(" ".join(parts[:n]).lower() in things for n in (1, 2, 3) if n < len(parts)))


CLAUSE_ENDS = {";", ")", "|", "."}
DATELINE = re.compile(r"\s*([A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+){0,2})(?=\s*(?:,|:|\(|\s[-–—]))")


# ---------------------------------------------------------------- extraction

def extract(doc) -> Extraction:
    text = text_of(doc)
    g = gazetteer()
    w = words()
    out = Extraction()
    taken = [False] * (len(text) + 1)

    def free(start, end):
        return not any(taken[start:end])

    def take(kind, start, end, key, country=None):
        if start >= end or not free(start, end):
            return None
        for k in range(start, end):
            taken[k] = True
        m = Mention(kind, start, end, text[start:end], key, country)
        out.mentions.append(m)
        return m

    # 1. person candidates from PERSON entities, cleaned
    candidates: list[tuple[int, int]] = []
    for ent in ents_of(doc):
        if ent.label_ not in PERSON_LABELS:
            continue
        bounds = clean_person(ent)
        if bounds is None:
            continue
        span = doc[bounds[0]:bounds[1]]
        name = span.text
        prev = doc[span.start - 1] if span.start > 0 else None
        titled = prev is not None and (prev.text in w.honorifics or w.titles.search(
            text[max(0, prev.idx - 40):prev.idx + len(prev.text)]) is not None)
        if not titled:
            if g.place(name) or g.country(name):
                continue                       # a city the model took for a person
            if name in w.orgs or acronym(name):
                continue
        candidates.append((span.start_char, span.end_char))
    candidates += [(e.start_char, e.end_char) for e in ents_of(doc) if joined_to_person(e)]
    for ent in (e for e in ents_of(doc) if described_as_person(e)):
        bounds = clean_person(ent)                 # "General Ada Obi, head of ...": the name without the rank
        if bounds:
            candidates.append((doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1].text)))
    candidates += listed_names(doc, candidates) + bracketed_names(doc, candidates)
    candidates += scorers(text) + aged_names(doc)
    # honorific or title + capitalised words the model missed ("Mr. Wang", "Foreign Minister Ana Torres")
    def name_after(pos: int) -> tuple[int, int] | None:
        rest = re.match(r"\s+(?:\((?:r|retd|ret)\.?\)\s+)?(?:[\[(][A-Z][\w'’-]+[\])]\s+)?((?:[A-Z][\w'’-]+)(?:\s+(?:(?:" + PARTICLE_ALT
                        + r")\s+)*[A-Z][\w'’-]+){0,2})", text[pos:pos + 80])
        if not rest:
            return None
        s, e = pos + rest.start(1), pos + rest.end(1)
        nm = name_of(text[s:e])
        parts = nm.split()
        while parts and (parts[-1] in w.not_name or g.country(parts[-1])):
            parts.pop()
        if not parts or parts[0] in w.not_name or parts[0] in w.honorifics or g.country(parts[0]) \
                or g.place(" ".join(parts)):
            return None
        nm = " ".join(parts)
        if nm in w.orgs or acronym(nm) or w.title_at_start.fullmatch(nm.split()[0]):
            return None
        return s, s + len(nm)

    for m in w.honorific_re.finditer(text):
        found = name_after(m.end())
        if found:
            candidates.append(found)
    for m in w.title_any.finditer(text):
        found = name_after(m.end())
        if found and not BRACKETED.sub("", text[m.end():found[0]]).strip():
            candidates.append(found)
    for m in w.title_lower.finditer(text):
        found = name_after(m.end())
        if found and not text[m.end():found[0]].strip() and tagged_as_name(doc, *found):
            candidates.append(found)
    # a proper noun that is the subject of a verb of saying ("Torres said")
    speech = quote_verbs()
    for tok in doc:
        if (tok.tag_ == "NNP" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in speech
                and tok.ent_type_ in ("", "PERSON") and tok.text[:1].isupper() and tok.text not in w.not_name
                and not g.major_place(tok.text) and not g.country(tok.text) and tok.text not in w.orgs
                and not acronym(tok.text) and not w.title_at_start.fullmatch(tok.text)):
            left = tok.left_edge.i
            span = doc[left:tok.i + 1]
            if all(t.tag_ == "NNP" for t in span) and len(span) <= 3:
                bounds = clean_person(span)
                if bounds:
                    candidates.append((doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1].text)))
    # "the Security Council Oleksiy Danilov" tagged as one organisation
    for ent in ents_of(doc):
        if ent.label_ in ORG_LABELS:
            sm = national_then_name().search(ent.text)
            if sm and not g.place(sm.group(1)) and not RUN_TOGETHER.search(sm.group(1)):
                candidates.append((ent.start_char + sm.start(1), ent.start_char + sm.end(1)))

    # nothing that begins a company's name written in full ("Barrick" of "Barrick Gold Corp"),
    # nothing named after a place the article names on its own ("Partizan Belgrade" ... "in Belgrade")
    firms = company_prefixes(text)
    alone = places_alone(doc)
    candidates = [(s, e) for s, e in candidates if name_of(text[s:e]) not in firms
                  and not named_after_place(name_of(text[s:e]), alone)]
    # nothing in a reporter credit, nothing the text shows is a place, team or thing
    shown = not_people(doc)
    candidates = [(s, e) for s, e in candidates
                  if not any(cs <= s < ce for cs, ce in shown.credits) and not is_thing(name_of(text[s:e]), shown)]
    # nothing that is an organisation, a well-known place or a people ("Africans")
    candidates = [(s, e) for s, e in candidates
                  if not (PLACE_AFTER.match(text, e) or name_of(text[s:e]) in w.orgs or g.major_place(name_of(text[s:e]))
                          or g.is_adjective(name_of(text[s:e])) or g.is_adjective(name_of(text[s:e]).rstrip("s")))]

    # 2. one key per person in the article: full names first, then single words
    full = sorted({name_of(text[s:e]) for s, e in candidates if len(name_of(text[s:e]).split()) > 1},
                  key=len, reverse=True)
    # a longer name that contains a shorter full one is the same person
    keys: dict[str, str] = {}
    for name in full:
        longer = next((f for f in full if f != name and f" {name} " in f" {f} "), None)
        keys[name] = longer or name
    first_seen: dict[str, int] = {}
    for s, e in sorted(candidates):
        nm = name_of(text[s:e])
        if nm in keys:
            first_seen.setdefault(keys[nm], s)

    def resolve(word: str, at: int) -> str | None:
        """The full name in this article that contains ``word``, nearest before ``at``."""
        low = word.lower()
        options = [f for f in set(keys.values())
                   if low in f.lower().split() or (" " in word and f.lower().endswith(" " + low))]
        if not options:
            return None
        last = [f for f in options if f.lower().endswith(low)] or options
        return max(last, key=lambda f: (first_seen.get(f, 10**9) <= at, -abs(first_seen.get(f, 0) - at)))

    for s, e in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        nm = name_of(text[s:e])
        e = s + len(nm)
        key = keys.get(nm) or resolve(nm, s) or nm
        take("person", s, e, key)

    # 3. name words of people found, where the model missed or mislabelled them
    person_keys = {m.key for m in out.mentions if m.kind == "person"}
    tokens: dict[str, set[str]] = {}
    for key in person_keys:
        for part in key.split():
            if len(part) > 1 and part not in w.not_name and (part[0].isupper() or "-" in part):
                tokens.setdefault(part, set()).add(key)
                tokens.setdefault(part[:1].upper() + part[1:], set()).add(key)
    for key in sorted((k for k in person_keys if " " in k), key=len, reverse=True):
        for m in re.finditer(at_word_start(key, lambda k: re.escape(k).replace(r"\ ", r"[ \t]*\n?[ \t]*"))
                             + r"(?![\w-])", text):
            if not name_word_follows(text, m.end()) and not name_word_before(text, m.start()):
                take("person", m.start(), m.end(), key)      # a full name again, where the model missed it
    for key in person_keys:
        for part in key.split():
            if len(part) > 2 and part not in w.not_name and part[:1].isupper():
                tokens.setdefault(part.upper(), set()).add(key)      # "BLINKER BAN LIFTED": a headline in capitals
    if tokens:
        for s, e in whole_words(tokens, text):
            word = text[s:e]
            if not free(s, e):
                continue
            capitals = word.isupper() and len(word) > 2
            if capitals and not in_capitals_line(text, s):
                continue
            if not capitals and name_word_follows(text, e):
                continue                       # part of a longer name, someone else's
            if not capitals and name_word_before(text, s) and not mislabelled_full_name(doc, s, e):
                continue                       # "Ye Zhaoying": the end of someone else's longer name
            if capitals:
                key = next(iter(tokens[word])) if len(tokens[word]) == 1 else None
                if key:
                    take("person", s, e, key)
                continue
            key = resolve(word, s) or (word if word in person_keys else None)
            if not key:
                continue
            full = mislabelled_full_name(doc, s, e)
            if full and " " not in key:
                take("person", full[0], e, text[full[0]:e])
            else:
                take("person", s, e, key)

    # a dateline ("LAHORE -", "NAIROBI, Kenya (AP) -"): the place the story was filed from
    dl = DATELINE.match(text)
    if dl and g.place(dl.group(1)):
        place = g.place(dl.group(1))
        take("place", dl.start(1), dl.end(1), place.name, place.country)

    # 4. organisations: known names, national institutions, the model's ORG entities
    for m in w.org_re.finditer(text):
        name, country = w.orgs[m.group()]
        take("organization", m.start(), m.end(), name, country)
    for acr, (name, country) in defined_acronyms(text, out).items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            take("organization", m.start(), m.end(), name, country)     # "PiS", where "(PiS)" defined it
    for ent in ents_of(doc):
        if ent.label_ not in ORG_LABELS:
            continue
        org_mention(doc, ent, take)

    # 5. places: the model's places and anything the gazetteer knows that it tagged
    for ent in ents_of(doc):
        if ent.label_ not in PLACE_LABELS and ent.label_ not in PERSON_LABELS | ORG_LABELS:
            continue
        s, e = ent.start_char, ent.end_char
        surface = text[s:e]
        surface_clean = re.sub(r"^the\s+", "", surface, flags=re.I)
        s += len(surface) - len(surface_clean)
        surface_clean = name_of(surface_clean)
        e = s + len(surface_clean)
        place = g.place(surface_clean)
        if place is None:
            if ent.label_ not in PLACE_LABELS or g.is_adjective(surface_clean) or "-" in surface_clean:
                continue
            if not surface_clean[:1].isupper() or surface_clean in w.not_places:
                continue
            take("place", s, e, surface_clean, None)
            continue
        take("place", s, e, place.name, place.country)

    # "the Security Council" is the Security Council of the country named earlier
    national = {m.key.rsplit(" of ", 1)[0]: m.key for m in out.mentions
                if m.kind == "organization" and m.country and m.key.endswith(f" of {m.country}")}
    for m in out.mentions:
        if m.kind == "organization" and m.key in national:
            m.key = national[m.key]
            m.country = m.key.rsplit(" of ", 1)[1]
    out.mentions.sort(key=lambda m: (m.start, m.end))
    roles_for(doc, out)
    countries_from_offices(out)
    countries_from_principals(out, text)
    return out


DEFINED = re.compile(r"((?:[A-Z][\w.&'’-]*\s+(?:(?:and|of|for|the|&)\s+)*)*[A-Z][\w.&'’-]*)\s+\(([A-Z][A-Za-z]{1,7})\)")
COUNTRY_BEFORE = re.compile(r"([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)(['’]s)?\s+((?:[a-z-]+\s+){0,3})$")
LINKING = {"the", "a", "an", "on", "of", "in", "for", "at", "to", "with", "from", "by", "and", "or"}


def owning_country(before: str) -> str | None:
    """The country that owns the name written right after ``before``: a possessive country or
    a demonym, with up to three adjectives between ("Poland's conservative", "the Polish
    ruling"); not a country used as a noun ("a Ukraine specialist on the")."""
    g = gazetteer()
    cm = COUNTRY_BEFORE.search(before)
    if not cm or not (cm.group(2) or g.is_adjective(cm.group(1))) or LINKING & set(cm.group(3).split()):
        return None
    return g.country(cm.group(1))


def leading_country(text: str, start: int, end: int) -> tuple[str | None, int]:
    """A country that begins a name ("Poland's Law and Justice", "South Korea's Joint Chiefs",
    "the Kenya National Union"): (that country, where the rest of the name starts)."""
    g = gazetteer()
    owner = None
    while True:
        lead = re.match(r"(?:the|and|of|for|&)\s+", text[start:end], flags=re.I)
        if lead:
            start += lead.end()
            continue
        words_ = re.findall(r"\S+", text[start:end])
        n = next((n for n in (3, 2, 1) if len(words_) > n and g.country(" ".join(words_[:n]))), 0)
        if not n:
            return owner, start
        owner = g.country(" ".join(words_[:n]))
        start += re.match(r"(?:\S+\s+){%d}" % n, text[start:end]).end()


def defined_acronyms(text: str, out: Extraction) -> dict[str, tuple[str, str | None]]:
    """Acronyms an article defines in brackets after a name ("Poland's conservative Law and
    Justice (PiS)"): acronym -> (name, country), the country that owns the name (see
    ``owning_country``) at any of its definitions."""
    g = gazetteer()
    people_at = [(m.start, m.end) for m in out.mentions if m.kind == "person" and " " in m.key]
    found: dict[str, tuple[str, str | None]] = {}
    for m in DEFINED.finditer(text):
        acr, start = m.group(2), m.start(1)
        if sum(c.isupper() for c in acr) < 2 or acr in words().orgs:
            continue
        start = max([start] + [e for s, e in people_at if start <= s < m.end(1)])     # after a person's name
        titled = [t.end() for t in words().title_any.finditer(text, start, m.end(1))]
        if titled:
            of = re.search(r"\sof\s+(?:the\s+)?", text[titled[-1]:m.end(1)])
            if not of:
                continue                           # "Minister X (KO)": a person, not a name
            start = titled[-1] + of.end()          # "Prime Minister X of the Civic Coalition (KO)"
        if text[:start].rstrip().endswith(","):
            continue                               # "Ministry of Trade, Industry and Energy (MOTIE)"
        owner, start = leading_country(text, start, m.end(1))
        name = " ".join(text[start:m.end(1)].split())
        if not name or g.place(name) or g.country(name):
            continue
        country = owner or owning_country(text[max(0, start - 60):start])
        old = found.get(acr)
        found[acr] = (old[0] if old else name, (old[1] if old else None) or country)
    return found


def org_mention(doc, ent, take) -> None:
    w = words()
    g = gazetteer()
    text = text_of(doc)
    s, e = ent.start_char, ent.end_char
    surface = text[s:e]
    country = None
    # "China's Foreign Ministry", "the Russian Defense Ministry"
    m = re.match(r"(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)??)(?:['’]s)?\s+(?=[A-Z])", surface, flags=re.I)
    if m and g.country(m.group(1).rstrip("'’s")) and not g.place(surface):
        country = g.country(m.group(1))
        s += m.end()
    else:
        lead = re.match(r"(?:the|The)\s+", surface)
        if lead:
            s += lead.end()
    name = name_of(text[s:e])
    e = s + len(name)
    if not name or name.lower() in w.not_orgs_lower:
        return
    if g.place(name) or g.country(name) or not name[:1].isupper():
        return
    if country is None:
        before = text[max(0, s - 30):s]
        pm = re.search(r"([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)(?:['’]s)?\s+$", before)
        if pm and g.country(pm.group(1)):
            country = g.country(pm.group(1))
    if country is None:
        tail = re.search(r"\sof\s+(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)*)$", name)
        country = g.country(tail.group(1)) if tail else None       # "Electoral Commission of Ghana"
    known = w.orgs.get(name)
    if known:
        name, country = known[0], known[1] or country
    elif country and w.national.search(name):
        name = f"{name} of {country}"
    take("organization", s, e, name, country)


# ---------------------------------------------------------------- roles

OWNER = r"(?P<owner>(?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3}?(?:['’]s)?)"
HYPHENATED = r"[a-z]+(?:-[a-z]+)+"       # "Italy's hard-right Prime Minister": a compound adjective
CAPSEQ = r"(?P<of>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|and\s+|for\s+|the\s+)?[A-Z][\w.&'’-]*){0,6})"


@lru_cache(maxsize=1)
def role_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    w = words()
    title = w.titles.pattern[:-1]          # the title alternation without its end anchor
    title = title.replace(r"(?i:\b(?:", r"(?P<title>(?i:\b(?:", 1) + ")"
    former = "|".join(re.escape(f) for f in sorted(w.former, key=len, reverse=True))
    filler = "|".join(re.escape(f) for f in sorted(w.fillers, key=len, reverse=True))
    head = (rf"(?:(?P<former>(?i:{former}))[\s-]+)?(?:(?i:{filler})\s+)*(?:{OWNER}\s+)?"
            rf"(?:{HYPHENATED}\s+)?(?:(?P<former2>(?i:{former}))[\s-]+)?(?:(?i:{filler})\s+)*{title}")
    before = re.compile(rf"(?:^|[\s(,;:—–])(?:(?i:the|a|an)\s+)?{head}(?:\s+(?:of|for|at)\s+{CAPSEQ})?\s*,?\s*$")
    after = re.compile(rf"^\s*,\s*(?:(?i:the|a|an)\s+)?(?:[a-z][a-z-]+\s+){{0,2}}?{head}(?:\s+(?:of|for|at)\s+{CAPSEQ})?\s*(?:[,.;)—–]|$)")
    copula = re.compile(rf"^\s+(?P<verb>is|was|has\s+been|had\s+been|became|becomes|served\s+as|remains|"
                        rf"is\s+now|was\s+then)\s+(?:(?i:the|a|an)\s+)?{head}(?:\s+(?:of|for|at)\s+{CAPSEQ})?\b")
    # "X, who succeeded Y as MP for Z," / "X, who was elected as mayor": a role taken on
    taken = re.compile(rf"^\s*,\s*who\s+(?:[\w.'’-]+\s+){{1,5}}?as\s+(?:(?i:the|a|an)\s+)?{head}"
                       rf"(?:\s+(?:of|for|at)\s+{CAPSEQ})?\s*(?:[,.;)—–]|$)")
    return before, after, copula, taken


RETIRED = re.compile(r"\s+\((?:r|retd|ret)\.?\)\s*$")     # "Col (r) X": a retired officer's rank
BRACKETED = re.compile(r"[\[(][A-Z][\w'’-]+[\])]")      # "(Volodymyr)": a given name an editor added
# "President (Volodymyr) Zelensky", "PM [Narendra Modi]": an editor's brackets between a title and a name
EDITORIAL = re.compile(r"\s*[\[(](?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*[\])]\s*)?$")


def roles_for(doc, out: Extraction) -> None:
    text = text_of(doc)
    g = gazetteer()
    w = words()
    before_re, after_re, copula_re, taken_re = role_patterns()
    seen: set[tuple] = set()
    sent_starts = sorted(s.start_char for s in sents_of(doc))

    def sentence_start(pos: int) -> int:
        n = bisect.bisect_right(sent_starts, pos)
        return sent_starts[n - 1] if n else 0

    for m in [m for m in out.mentions if m.kind == "person"]:
        s0 = sentence_start(m.start)
        if re.search(r"[\[(]\s*$", text[max(0, m.start - 3):m.start]):
            s0 = sentence_start(max(0, m.start - 3))      # a parse may start a sentence at the bracket
        window = EDITORIAL.sub(" ", RETIRED.sub(" ", text[max(s0, m.start - 160):m.start]))
        # honorific directly before the name
        hon = re.search(r"(\S+(?:\s\S+)?)\s+$", window)
        if hon:
            for cand in (hon.group(1), hon.group(1).split()[-1]):
                if cand in w.honorifics and w.honorifics[cand]:
                    add_role(out, seen, m.key, w.honorifics[cand], None, False, m.start - len(hon.group(0)), m.start)
                    break
        window_h = w.trailing_honorifics.sub(" ", window)
        found = []
        bm = before_re.search(window_h)
        if bm:
            found.append((bm, False, m.start - len(window) + bm.start()))
        am = after_re.match(text[m.end:m.end + 200])
        if am:
            found.append((am, False, m.end + am.start()))
        tm = taken_re.match(text[m.end:m.end + 200])
        if tm:
            found.append((tm, False, m.end + tm.start()))
        cm = copula_re.match(text[m.end:m.end + 200])
        if cm:
            past = cm.group("verb").split()[0] in ("was", "had", "served")
            found.append((cm, past, m.end + cm.start()))
        vm = re.match(r"\s*,\s*who\s+(\w+)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}"
                      r"(?:(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+(?:[a-z-]+\s+){0,2})?"
                      + CAPSEQ, text[m.end:m.end + 200])
        if vm and vm.group(1) in w.role_verbs:
            of, country = role_of(vm.group("owner"), vm.group("of"), out)
            title = w.role_verbs[vm.group(1)]
            if title.lower() in w.with_complement and not gazetteer().country(vm.group("of")):
                title = f"{title} of the {institution(vm.group('of'))}"
            add_role(out, seen, m.key, title, of, False, m.end + vm.start(), m.end + vm.end())
            if country and m.key not in out.person_country:
                out.person_country[m.key] = country
        # "his Japanese counterpart Minoru Kihara": the title of the person compared to
        cp = w.counterpart.search(window_h)
        if cp:
            before = [p.key for p in out.mentions if p.kind == "person" and s0 <= p.start < m.start
                      and p.key != m.key]
            pick = []
            for key in reversed(before):
                pick = [r for r in out.roles if r.person == key and not r.former][:1]
                if pick:
                    break
            for r in pick:
                owner_country = g.country(cp.group("owner")) if cp.group("owner") else None
                add_role(out, seen, m.key, r.title.split(" of ")[0], owner_country, False,
                         m.start - len(cp.group(0)), m.start)
                if owner_country and m.key not in out.person_country:
                    out.person_country[m.key] = owner_country
        for match, past, at in found:
            title, owner = split_title(match.group("title"), match.group("owner"))
            of_text = match.group("of")
            former = bool(match.group("former") or match.group("former2")) or past
            of, country = role_of(owner, of_text, out)
            if owner and not of and not g.country(owner):
                continue                       # a capitalised word that is not an owner: be safe
            if of_text and title.lower() in w.with_complement and not g.country(of_text):
                title = f"{title} of the {institution(of_text)}"
            elif owner and not of_text and title.lower() in w.bare_titles and not g.country(owner) \
                    and institution(owner) and not g.country(institution(owner)):
                title = f"{title} of the {institution(owner)}"     # "EU chief X": Chief of the EU
            if not of and not country and title.lower() in w.title_countries and " for " not in match.group(0):
                country = w.title_countries[title.lower()]
            add_role(out, seen, m.key, title, of, former, at, at + len(match.group(0)))
            if country and m.key not in out.person_country:
                out.person_country[m.key] = country
        # "France's Dubois", "Japanese counterpart Kihara": the country without a title
        if m.key not in out.person_country:
            cm2 = re.search(r"([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)(?:['’]s)?\s+(?:(?:[a-z-]+)\s+){0,2}$", window_h)
            if cm2 and g.country(cm2.group(1)) and (cm2.group(0).split()[0].endswith(("'s", "’s"))
                                                     or g.is_adjective(cm2.group(1))):
                out.person_country[m.key] = g.country(cm2.group(1))
    apposition_roles(doc, out, seen)
    ruling_roles(doc, out, seen)
    counted_roles(doc, out, seen)


def counted_roles(doc, out: Extraction, seen: set) -> None:
    """A counted plural role as a sentence's subject ("Two corrupt detectives were jailed") is
    the role of the people the next sentence names, when it names just that many, each in full,
    and none of them has a role of its own ("Ann Lee, 49, was jailed while Bo Ma, 47, ...")."""
    numbers = lexicon.load("figures")["number_words"]
    sents = sents_of(doc)
    for n, sent in enumerate(sents[:-1]):
        for tok in sent:
            if tok.tag_ != "NNS" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ not in words().role_nouns:
                continue
            count = next((numbers.get(c.lower_) or (int(c.text) if c.text.isdigit() else 0)
                          for c in tok.children if c.dep_ == "nummod"), 0)
            nxt = sents[n + 1]
            there = [m for m in out.mentions if m.kind == "person" and nxt.start_char <= m.start < nxt.end_char]
            named = {m.key for m in there}
            if count < 2 or len(named) != count or any(" " not in m.text.strip() for m in there) \
                    or any(r.person in named for r in out.roles):
                continue
            title = capitalise(" ".join([c.text for c in tok.lefts if c.dep_ == "compound"] + [tok.lemma_]))
            for key in sorted(named):
                add_role(out, seen, key, title, None, False, tok.left_edge.idx, tok.idx + len(tok.text))


def ruling_roles(doc, out: Extraction, seen: set) -> None:
    """A person who is the subject of a verb of ruling with a country as its object
    ("Bashir ruled Sudan for 30 years"): the ruler of that country, a former one when
    the verb is in the past tense and not "has ruled"."""
    from .nlp import token_index
    g = gazetteer()
    verbs = lexicon.load("people").get("ruling_verbs") or {}
    for m in [m for m in out.mentions if m.kind == "person"]:
        i = token_index(doc, m.end - 1)
        if i is None:
            continue
        tok = doc[i]
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.lemma_ not in verbs:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        country = g.country(doc[obj.left_edge.i:obj.i + 1].text) if obj is not None else None
        if not country:
            continue
        former = verb.tag_ == "VBD" and not any(c.dep_ == "aux" for c in verb.children)
        if not said_already(out, m.key, verbs[verb.lemma_]):
            add_role(out, seen, m.key, verbs[verb.lemma_], country, former, tok.idx, obj.idx + len(obj.text))
        out.person_country.setdefault(m.key, country)


def home_country(out: Extraction) -> str | None:
    """The country the article is plainly about: the one its places point to, when it
    has at least two mentions and more than half of all the places with a country."""
    votes: dict[str, int] = {}
    for m in out.mentions:
        if m.kind in ("place", "organization") and m.country:
            dateline = m.kind == "place" and m.start < 5 and m.text.isupper()     # counts twice
            votes[m.country] = votes.get(m.country, 0) + (2 if dateline else 1)
    if not votes:
        return None
    top, n = max(votes.items(), key=lambda kv: kv[1])
    return top if n >= 2 and n * 2 > sum(votes.values()) else None


def is_national_office(title: str) -> bool:
    """A state office ("Prime Minister", "judge", "police officer"), from people.yml."""
    low = title.lower().split(" of ")[0].strip()
    offices = word_set("people", "national_offices")
    return low in offices or "minister" in low.split()


@lru_cache(maxsize=1)
def title_vocabulary() -> set[str]:
    """Every word of every title, lower case ("police", "officer", "informer")."""
    return {part for t in lexicon.load("people")["titles"] for part in re.split(r"[\s-]+", t.lower())}


def place_in_title(title: str) -> str | None:
    """The country of a city or province a title names ("Head of the Kyiv Regional Police")."""
    g = gazetteer()
    common = title_vocabulary()
    for words_ in re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", title):
        parts = [p for p in words_.split() if p.lower() not in common]     # "Police Informer": no town Police
        for k in range(len(parts)):
            for n in range(len(parts), k, -1):
                place = g.place(" ".join(parts[k:n]))
                if place is not None and place.kind in ("city", "province") and place.country:
                    return place.country
    return None


def local_of(out: Extraction, of: str) -> bool:
    """What an office is of that stays inside one country: a state institution
    ("Supreme Court") or a place the gazetteer does not know ("Kullu police chief")."""
    w = words()
    if w.national.search(of) or of.lower() in word_set("organizations", "national"):
        return True
    return any(m.kind == "place" and m.text == of and not m.country for m in out.mentions)


def resident_of_local_place(out: Extraction, title: str) -> bool:
    """A title that says where someone lives ("Resident of X County") naming a place of this
    article that the gazetteer has no country for: a place inside the article's country."""
    head, _, place = title.partition(" of ")
    residence = word_set("people", "residence_nouns")
    if head.lower() not in residence or not place:
        return False
    return any(m.kind == "place" and not m.country and m.text in place for m in out.mentions)


def national_institution(out: Extraction, of: str) -> bool:
    """An institution of one state, named without its country: one of the national institutions
    ("Supreme Court") or one whose name, or the name its initials stand for in this article,
    has the word "National" ("the NDRRMC" for "National Disaster ... Council")."""
    if words().national.search(of):
        return True
    names = [of] + [m.key for m in out.mentions if m.kind == "organization" and acronym(of) and initials(m.key) == of]
    return any("National" in n.split() and not gazetteer().country(n) for n in names)


def country_in_title(title: str | None) -> str | None:
    """The country a title names as the one its holder acts for: a demonym in it ("Japanese
    Tourist", "Minister in the Danish Government") or a country after "of" or with a
    possessive ("Head of Peru's Central Bank"); not one after "to" and the like, which the
    office deals with ("Ambassador to Kenya"), nor a language ("French Teacher"), nor one
    inside a longer name ("Inner Mongolia's", "New Mexico's"); data/people.yml."""
    if not title:
        return None
    g = gazetteer()
    data = lexicon.load("people")
    not_after = {w.lower() for w in data.get("title_country_not_after") or []}
    not_before = {w.lower() for w in data.get("title_demonym_not_before") or []}
    plain = title_vocabulary() | words().fillers | words().former
    toks = re.findall(r"[\w.-]+(?:['’]s)?", title)
    for i, n, span in country_spans(toks):
        before = [t.lower() for t in toks[:i] if t.lower() != "the"][-1:]
        after = toks[i + n].lower() if i + n < len(toks) else ""
        possessive = span.endswith(("'s", "’s"))
        glued = i > 0 and toks[i - 1][:1].isupper() and toks[i - 1].lower() not in plain
        if before and before[0] in not_after:
            continue
        if g.is_adjective(span) and not possessive and after not in not_before:
            return g.country(span)
        if (possessive or before == ["of"]) and not glued:
            return g.country(span)
    return None


def country_spans(toks: list[str]):
    """(start, length, words) of each run of a title's words that names a country, the longest
    at each start, passing over the words of a longer place name ("New Mexico's")."""
    g = gazetteer()
    skip = 0
    for i in range(len(toks)):
        if i < skip or not toks[i][:1].isupper():
            continue
        for n in (3, 2, 1):
            span = " ".join(toks[i:i + n])
            if i + n <= len(toks) and g.country(span):
                yield i, n, span
                skip = i + n
                break
            if n > 1 and i + n <= len(toks) and g.place(re.sub(r"['’]s$", "", span)):
                skip = i + n
                break


def countries_from_offices(out: Extraction) -> None:
    """People who hold a state office the text gives no country for act for the
    article's home country; a local office takes the country of its place ("Kullu police chief");
    a title that names a country gives that one ("a Pakistani national")."""
    g = gazetteer()
    home = home_country(out)
    for r in out.roles:
        if r.person in out.person_country:
            continue
        named = country_in_title(r.title) or country_in_title(r.of)
        if named:
            out.person_country[r.person] = named
            continue
        if not is_national_office(r.title):
            local = place_in_title(r.title)
            if local:
                out.person_country[r.person] = local       # "Head of the Kyiv Regional Police"
            elif home and r.of and national_institution(out, r.of):
                out.person_country[r.person] = home        # "the NDRRMC executive director"
            elif home and resident_of_local_place(out, r.title):
                out.person_country[r.person] = home        # "a resident of Ludian county"
            continue
        place = g.place(r.of) if r.of else None
        if place is not None and place.country:
            out.person_country[r.person] = place.country
        elif home and (r.of is None or "minister" in r.title.lower().split() or local_of(out, r.of)):
            out.person_country[r.person] = home


def countries_from_principals(out: Extraction, text: str) -> None:
    """Staff of another person ("one of his aides, X", "her spokesman Y") act for the country
    of the person the pronoun stands for: the one named last before the role (data/people.yml)."""
    staff = word_set("people", "staff_titles")
    for r in out.roles:
        if r.person in out.person_country or r.of or r.title.lower() not in staff:
            continue
        if not re.search(r"\b(?:[Hh]is|[Hh]er)\b", text[r.start:r.end]):
            continue
        before = [m for m in out.mentions if m.kind == "person" and m.end <= r.start and m.key != r.person]
        if before and before[-1].key in out.person_country:
            out.person_country[r.person] = out.person_country[before[-1].key]


def countries_from_speakers(out: Extraction) -> None:
    """A person named only inside one speaker's quotations, with a state office the quote gives
    no country for ("PM [X]'s government will help our pilgrims"), holds it in the speaker's
    own country, not in the article's home country. Runs once the quotes have speakers."""
    for r in out.roles:
        if r.of or not is_national_office(r.title):
            continue
        q = next((q for q in out.quotes if q.start <= r.start and r.end <= q.end), None)
        country = out.person_country.get(q.person) if q is not None and q.person else None
        if not country or q.person == r.person:
            continue
        inside = [any(p.start <= m.start and m.end <= p.end and p.person == q.person for p in out.quotes)
                  for m in out.mentions if m.kind == "person" and m.key == r.person]
        if inside and all(inside):
            out.person_country[r.person] = country


NOUN_TAGS = ("NN", "NNS")
ROLE_PREPS = {"of", "for", "at", "to", "in"}


def apposition_roles(doc, out: Extraction, seen: set) -> None:
    """Roles a parse puts in apposition to a name, on either side: "Leliman, a police
    officer," / "the head of the regional police, Andriy Nebytov," / "one of his aides, X";
    a plural one is shared by names joined with "and" ("former officers A and B")."""
    from .nlp import token_index
    for m in [m for m in out.mentions if m.kind == "person"]:
        i = token_index(doc, m.end - 1)
        if i is None:
            continue
        tok = doc[i]
        for name in [tok] + list(tok.conjuncts):
            for noun in appositions(doc, name):
                noun = role_noun(noun, name)
                if noun is None or (name is not tok and noun.tag_ != "NNS"):
                    continue
                title, former, owner = role_phrase(noun)
                if title and not said_already(out, m.key, title):
                    of, country = role_of(owner, None, out) if owner else (None, None)
                    add_role(out, seen, m.key, title, of, former, doc[noun.left_edge.i].idx,
                             noun.idx + len(noun.text))
                    if country and m.key not in out.person_country:
                        out.person_country[m.key] = country


SMALL_WORDS = {"of", "the", "a", "an", "s", "to", "for", "at", "in", "and"}


def role_words(title: str) -> set[str]:
    """The words of a title that tell the role: no small words, no country."""
    g = gazetteer()
    return {t for t in re.findall(r"\w+", title.lower()) if t not in SMALL_WORDS and not g.country(t)}


def said_already(out: Extraction, person: str, title: str) -> bool:
    """Whether a role found before says as much: its title has every word of this one, or
    this one is the same role said more fully ("Trial Judge" for "Judge"), then it replaces it."""
    new = role_words(title)
    for r in out.roles:
        if r.person != person:
            continue
        old = role_words(r.title) | role_words(r.of or "")
        if new <= old:
            return True
        if old < new:
            r.title = title
            return True
    return False


def appositions(doc, name) -> list:
    """Nouns in apposition to the name token, set off by a comma, or a plural title
    just before the names ("former officers A and B")."""
    nouns = [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        nouns.append(name.head)
        nouns += [c for c in name.head.children if c.dep_ == "appos" and c.i < name.i
                  and c.right_edge.i + 2 == name.left_edge.i]      # "X, the head of ..., Name,"
    return [n for n in nouns if (comma_between(doc, n, name) and (n.i < name.i or set_off_after(doc, n)))
            or (n.tag_ == "NNS" and n.i == name.left_edge.i - 1)]


def set_off_after(doc, noun) -> bool:
    """An apposition after a name ends where a comma, a bracket, a dash or the sentence does
    ("Leliman, a police officer, was sentenced"); one that runs on into a verb is the subject
    of the next clause, misread ("with the re-election of Putin, the continuity of ... has
    received")."""
    end = noun.right_edge.i + 1
    return end >= len(doc) or doc[end].is_punct or doc[end].is_sent_start


def comma_between(doc, noun, name) -> bool:
    """An apposition set off by a comma ("Leliman, a police officer"), not words run
    together by the parse ("his client X and their driver Y")."""
    if noun.i < name.i:
        return name.left_edge.i > 0 and doc[name.left_edge.i - 1].text == ","
    last = max([name.i] + [c.i for c in name.conjuncts])     # "A and B, both police officers,"
    return last + 1 < len(doc) and doc[last + 1].text == ","


def role_noun(tok, name=None):
    """The common noun that names a role: the token itself, or the noun in "one of his aides";
    not one that has a name of its own beside ``name`` ("his client Josephat Mwenda")."""
    if tok.tag_ == "CD":
        tok = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"), None)
    if tok is None or tok.tag_ not in NOUN_TAGS or not tok.text.islower():
        return None
    if tok.lemma_ in word_set("people", "not_role_nouns", lower=False):
        return None
    if any(c.tag_ == "NNP" and c.dep_ in ("appos", "compound") and (name is None or c.i != name.i)
           for c in tok.children):
        return None                           # "his client Josephat Mwenda": someone else's descriptor
    return tok


def role_phrase(noun) -> tuple[str, bool, str | None]:
    """(title, former, owner) of a role noun: its compound and adjective words before it and
    an "of/for ..." complement after it; "former" marks a role no longer held."""
    w = words()
    left, former, owner = [], False, None
    for c in noun.lefts:
        if c.dep_ == "poss" and c.text[:1].isupper() and c.tag_ != "PRP$":
            owner = re.sub(r"\s*['‘’]s$", "", " ".join(t.text for t in c.subtree if t.tag_ != "POS"))
        elif c.lower_.rstrip("-") in w.former:
            former = True
        elif c.dep_ in ("compound", "amod", "nmod") and not c.like_num and c.lower_ not in w.fillers:
            left.extend(t.text for t in c.subtree)
    right = []
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ROLE_PREPS:
            right = [noun.doc[c.left_edge.i:c.right_edge.i + 1].text]
            break
    head = noun.lemma_ if noun.tag_ == "NNS" else noun.text
    phrase = " ".join(left + [head] + right)
    return (capitalise(phrase) if len(phrase) <= 80 else ""), former, owner


def capitalise(phrase: str) -> str:
    """A role phrase as a title: lower-case words capitalised but small ones, other words kept
    ("head of the Kyiv regional police" -> "Head of the Kyiv Regional Police", "UN" stays)."""
    small = {"of", "the", "and", "for", "at", "in", "to"}
    out = [p if (p in small and n) or not p.islower() else p[:1].upper() + p[1:]
           for n, p in enumerate(phrase.split())]
    return " ".join(out)


def split_title(title: str, owner: str | None) -> tuple[str, str | None]:
    """A title and its owner, where the owner's last words may begin the title:
    "Deputy" + "Prime Minister" is the title "Deputy Prime Minister", owned by no one."""
    w = words()
    if owner:
        parts = owner.split()
        for k in range(len(parts)):
            joined = " ".join(parts[k:] + [title])
            if w.title_at_start.fullmatch(joined) and not joined.endswith(("'s", "’s")):
                return titlecase(joined), " ".join(parts[:k]) or None
    return titlecase(title), owner


def initials(name: str) -> str:
    """The acronym of an organisation's name: "Electoral Commission of Ghana" -> "EC"
    (the words before "of"), "National Electoral Board" -> "NEB"."""
    head = re.split(r"\s+of\s+", name)[0]
    return "".join(word[0] for word in head.split() if word[:1].isupper())


def institution(text: str) -> str:
    """An organisation's name without its article or owner: "Russia's Security Council" -> "Security Council"."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    lead = re.match(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?['’]s\s+(.+)$", text)
    if lead and gazetteer().country(text[:text.index(lead.group(1))].strip()):
        text = lead.group(1)
    return name_of(text)


def short_acronym(word: str) -> bool:
    """A short word in capitals that a title keeps as written ("MP", "CEO")."""
    return acronym(word) and len(word) <= 4


def titlecase(title: str) -> str:
    small = {"of", "the", "and", "for", "at", "in"}
    parts = re.split(r"(\s+|-)", title)
    parts = [p if short_acronym(p) else p.lower() for p in parts]           # "MP" stays "MP"
    return "".join(p if p in small or short_acronym(p) or not p.strip() or p == "-" else p[:1].upper() + p[1:] for p in parts)


def role_of(owner: str | None, of_text: str | None, out: Extraction) -> tuple[str | None, str | None]:
    """(of, country) for a title's owner ("China's", "Russian", "CIA") or complement."""
    g = gazetteer()
    w = words()
    country = None
    of = None
    for part in (of_text, owner):
        if not part:
            continue
        part = re.sub(r"^the\s+", "", part.strip(), flags=re.I)
        c = g.country(part)
        if c:
            country = country or c
            of = of or c
            continue
        lead = re.match(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+(.+)$", part)
        inst = part
        if lead and g.country(lead.group(1)):
            country = country or g.country(lead.group(1))
            inst = lead.group(2)
        inst = name_of(inst)
        if inst in w.orgs:
            name, oc = w.orgs[inst]
            of = of or name
            country = country or oc
        elif w.national.search(inst) and country:
            of = of or f"{inst} of {country}"
        elif inst[:1].isupper():
            of = of or inst
            org = next((mm for mm in out.mentions if mm.kind == "organization"
                        and (mm.text == inst or initials(mm.key) == inst)), None)
            if org and org.country:
                country = country or org.country
    return of, country


def add_role(out: Extraction, seen: set, person: str, title: str, of, former: bool, start, end) -> None:
    key = (person, title.lower(), of, former)
    if key in seen:
        return
    seen.add(key)
    out.roles.append(Role(person, title, of, former, start, end))

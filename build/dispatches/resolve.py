"""Resolve: one row per real person, organisation and place across all articles.

Within an article, ``people.py`` has already mapped each surname to the full
name used there. Across articles:

- two full names with the same letters are one person, however their words are
  split or hyphenated ("Park Min Jun" and "Park Min-jun", "Ana Sousa-Lima" and
  "Ana Sousalima"); the more frequent spelling is the name;
- a full name whose words are all in another, longer full name is that person
  ("Ana Torres" joins "Ana Maria Torres");
- a name of one word that an article never spells out (a headline-style
  "Torres said") is the one full name in the dataset that ends with it, or,
  failing that, the one that contains it; it stays a person of its own when
  there is none or several;
- two full names that differ by one letter inside one word of five letters or more
  ("Fredrick" and "Frederick") are one person, named as first seen;
- a person's country is the one the articles give most often (ties: the first
  in alphabetical order, so builds are deterministic);
- places take their kind, country and coordinates from the gazetteer;
- event reports become events (``events.across``: one row per real event).

:func:`resolve` runs all of it once, after extraction and before load, which only
writes what it returns.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import events
from .gazetteer import gazetteer
from .ids import slugify
from .records import Article


@dataclass
class Entity:
    id: str
    name: str
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    extra: dict = field(default_factory=dict)


@dataclass
class Resolved:
    """Everything that is one row across articles, ready to be written."""

    persons: dict[str, Entity]
    person_of: dict[tuple[int, str], str]      # (article index, key in the article) -> person id
    organizations: dict[str, Entity]
    places: dict[str, Entity]                  # with extra: kind, latitude, longitude
    events: list                               # events.Event, in first-report order


def resolve(articles: list[Article], reuse: dict | None = None) -> Resolved:
    """People, organisations, places and events across all articles. ``reuse`` is the
    state a build's two cross-article passes share (:func:`people_and_places`,
    :func:`events.across`)."""
    persons, person_of, places = people_and_places(articles, reuse)
    locate(places)
    merged = events.across(articles, person_of, place_key(set(places)), reuse=reuse)
    return Resolved(persons, person_of, named(articles, "organization"), places, merged)


def people_and_places(articles: list[Article], reuse: dict | None = None) \
        -> tuple[dict[str, Entity], dict[tuple[int, str], str], dict[str, Entity]]:
    """:func:`people` and the places (:func:`named`) of ``articles``. With ``reuse`` (a dict
    the build keeps between its merges), the answer of the last call is given again when
    every article's names are the same as then: an article read again against an
    estimated date usually finds the same names."""
    last = reuse.get("names") if reuse is not None else None
    if last is not None and same_names(last[0], articles):
        return last[1]
    found = (*people(articles), named(articles, "place"))
    if reuse is not None:
        reuse["names"] = ([a.extraction for a in articles], found)
    return found


def same_names(extractions: list, articles: list[Article]) -> bool:
    """Whether ``articles`` hold ``extractions`` (the same objects), or ones with the same
    mentions and people's countries."""
    return len(extractions) == len(articles) and all(
        old is a.extraction or (old is not None and a.extraction is not None and old.mentions == a.extraction.mentions
                                and old.person_country == a.extraction.person_country)
        for old, a in zip(extractions, articles))


def locate(places: dict[str, Entity]) -> None:
    """Kind, country and coordinates of each place the gazetteer knows."""
    gaz = gazetteer()
    for p in places.values():
        known = gaz.place(p.name)
        p.extra = {"kind": known.kind if known else None,
                   "latitude": known.latitude if known else None,
                   "longitude": known.longitude if known else None}
        if known:
            p.country = known.country


def fold(name: str) -> str:
    return slugify(name).replace("-", " ")


def people(articles: list[Article]) -> tuple[dict[str, Entity], dict[tuple[int, str], str]]:
    """People by id, and (article index, key in the article) -> person id."""
    counts: Counter[str] = Counter()
    for a in articles:
        for m in (a.extraction.mentions if a.extraction else []):
            if m.kind == "person":
                counts[m.key] += 1
    full = sorted((k for k in counts if len(k.split()) > 1), key=lambda k: (-len(k.split()), -counts[k], k))
    canonical: dict[str, str] = {}
    folded = {name: set(fold(name).split()) for name in full}
    order = {name: n for n, name in enumerate(full)}
    having: dict[str, list[str]] = defaultdict(list)       # word -> full names with it, in `full` order
    for name in full:
        for w in folded[name]:
            having[w].append(name)
    spelled: dict[str, str] = {}                             # letters only -> the first such full name
    for name in full:
        same = spelled.setdefault(fold(name).replace(" ", ""), name)
        if same != name:
            canonical[name] = same                             # "Amir-Abdollahian" is "Amirabdollahian"
    for name in full:
        if name in canonical:
            continue
        words = folded[name]
        rarest = min(words, key=lambda w: len(having[w]))   # a longer name holding all words holds this one
        target = next((c for c in having[rarest] if c != name and len(c.split()) > len(name.split())
                       and words <= folded[c] and canonical.get(c, c) == c), None)
        canonical[name] = target or name
    for name in full:
        while canonical[canonical[name]] != canonical[name]:
            canonical[name] = canonical[canonical[name]]
    first = {name: n for n, name in enumerate(counts)}          # order of first mention
    for name, earlier in spelling_variants([n for n in full if canonical[n] == n], first).items():
        for k, v in canonical.items():
            if v == name:
                canonical[k] = earlier
    by_last: dict[str, set[str]] = defaultdict(set)
    by_any: dict[str, set[str]] = defaultdict(set)
    for name in full:
        target = canonical[name]
        parts = fold(name).split()
        by_last[parts[-1]].add(target)
        for p in parts:
            by_any[p].add(target)
    for name in counts:
        if name in canonical:
            continue
        key = fold(name)
        options = by_last.get(key) or by_any.get(key) or set()
        canonical[name] = next(iter(options)) if len(options) == 1 else name

    ents: dict[str, Entity] = {}
    mapping: dict[tuple[int, str], str] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    for i, a in enumerate(articles):
        if not a.extraction:
            continue
        for m in a.extraction.mentions:
            if m.kind != "person":
                continue
            name = canonical[m.key]
            pid = slugify(name)
            ent = entity(ents, pid, name)
            ent.aliases.add(m.text.strip())
            ent.aliases.add(name)
            mapping[(i, m.key)] = pid
        for key, country in a.extraction.person_country.items():
            if (i, key) in mapping:
                votes[mapping[(i, key)]][country] += 1
    for pid, vote in votes.items():
        ents[pid].country = sorted(vote.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return ents, mapping


def entity(ents: dict[str, Entity], eid: str, name: str) -> Entity:
    """The entity ``eid`` of ``ents``, made (named ``name``) the first time it is asked for."""
    ent = ents.get(eid)
    if ent is None:
        ent = ents[eid] = Entity(eid, name)
    return ent


def one_inner_edit(a: str, b: str) -> bool:
    """Whether two words of five letters or more differ by one letter added, dropped or
    changed, not at their end ("fredrick"/"frederick", "lesiit"/"lessit"; not "ivan"/"ivana")."""
    if min(len(a), len(b)) < 5 or a[-1] != b[-1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_) - 1))


def spelling_variants(names: list[str], first: dict[str, int]) -> dict[str, str]:
    """Full names that are one name spelled two ways: all words the same but one, which
    differs by one letter inside it. Maps each later-seen spelling to the first one."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name in names:
        parts = fold(name).split()
        if len(parts) > 1:
            for i in range(len(parts)):
                buckets[tuple(parts[:i] + ["*"] + parts[i + 1:])].append(name)
    out: dict[str, str] = {}
    for key, group in buckets.items():
        i = key.index("*")
        group = sorted(group, key=lambda n: first.get(n, 0))
        for n, name in enumerate(group):
            earlier = next((g for g in group[:n] if one_inner_edit(fold(g).split()[i], fold(name).split()[i])), None)
            if earlier and name not in out:
                out[name] = out.get(earlier, earlier)
    return out


def named(articles: list[Article], kind: str) -> dict[str, Entity]:
    """Organisations or places by id: one per name, country by majority."""
    ents: dict[str, Entity] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        for m in (a.extraction.mentions if a.extraction else []):
            if m.kind != kind:
                continue
            eid = slugify(m.key)
            ent = entity(ents, eid, m.key)
            ent.aliases.add(m.text)
            if m.country:
                votes[eid][m.country] += 1
    for eid, vote in votes.items():
        ents[eid].country = sorted(vote.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return ents


def place_key(ids: set[str]):
    """Event place names to the ids of resolved places; None for a name that is not one."""
    def key(name: str) -> str | None:
        pid = slugify(name)
        return pid if pid in ids else None
    return key

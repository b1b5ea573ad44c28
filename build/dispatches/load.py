"""Load: write the records into SQLite with sqlite-utils, atomically.

The database is written to a temporary file next to the target and moved
into place only when complete, so an interrupted build leaves the previous
database untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import threading
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import sqlite_utils

from . import events as events_mod
from .cache import code_version
from .ids import article_slug, slugify, unique_ids
from .records import Article, SeedFile
from .resolve import Resolved


def temp_path(target: Path) -> Path:
    """Where this process writes the next ``target`` until it is complete."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def fresh_temp(target: Path) -> Path:
    """:func:`temp_path`, with its folder made and no file there (nor any killed build's)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    tmp = temp_path(target)
    tmp.unlink(missing_ok=True)
    return tmp


class PreviousCopy:
    """``target`` copied to the temporary file of the next database (see :func:`copy_previous`)
    in a thread, so that the copy and its check run while the build does other work (the
    thread mostly waits on the disk and SQLite, which let other Python code run). Give it
    to :func:`atomic_database`; on leaving the ``with`` block the copy is removed if no
    database took it."""

    def __init__(self, target: Path):
        self.tmp = fresh_temp(target)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._copy, args=(target,), name="copy previous database", daemon=True)
        self.thread.start()

    def _copy(self, target: Path) -> None:
        try:
            copy_previous(target, self.tmp)
        except BaseException as exc:       # noqa: BLE001 - raised again in the build's thread by wait()
            self.error = exc

    def wait(self) -> Path:
        """The temporary file, once the copy is done (absent when the copy was not usable)."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.tmp

    def __enter__(self) -> "PreviousCopy":
        return self

    def __exit__(self, *exc) -> None:
        self.thread.join()
        self.tmp.unlink(missing_ok=True)


@contextmanager
def atomic_database(target: Path, from_previous: "bool | PreviousCopy" = False) -> Iterator[sqlite_utils.Database]:
    """Yield a database in a temporary file; replace ``target`` with it on success.
    ``from_previous``: the temporary file starts as a copy of ``target`` (when it is a
    database this version wrote), so that :func:`write` changes only what differs; a
    :class:`PreviousCopy` is that copy made beforehand."""
    tmp = temp_path(target) if isinstance(from_previous, PreviousCopy) else fresh_temp(target)
    try:
        if isinstance(from_previous, PreviousCopy):
            tmp = from_previous.wait()
        elif from_previous:
            copy_previous(target, tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    db = sqlite_utils.Database(tmp)
    # No journal and no syncs while writing: a failed build throws the temp file away,
    # and the finished file is fsynced below before it replaces the old one.
    db.conn.execute("pragma journal_mode = off")
    db.conn.execute("pragma synchronous = off")
    try:
        yield db
        db.conn.commit()
        db.conn.execute("pragma optimize")
        db.close()
        with open(tmp, "rb") as fh:      # on disk before it takes the old one's name
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        sync_dir(target.parent)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise


def copy_previous(target: Path, tmp: Path) -> None:
    """Copy the last build's database to ``tmp`` when it is one this version can bring
    up to date; anything else (missing, damaged, older tables) leaves ``tmp`` absent,
    and the build writes every table."""
    try:
        shutil.copyfile(target, tmp)
        db = sqlite_utils.Database(tmp)
        try:
            usable = db.execute("pragma quick_check").fetchone()[0] == "ok" and matches_schema(db)
        finally:
            db.close()
    except (OSError, sqlite3.DatabaseError):
        usable = False
    if not usable:
        tmp.unlink(missing_ok=True)


class fast:  # noqa: N801 - reads like sqlite-utils: fast(db)["table"].insert_all(rows)
    """Insert dicts into tables created beforehand (columns and types are already
    there): one executemany per shape of row, much quicker than sqlite-utils'
    insert_all, which re-checks every value."""

    def __init__(self, db: sqlite_utils.Database, table: str | None = None):
        self.db, self.table = db, table

    def __getitem__(self, table: str) -> "fast":
        return fast(self.db, table)

    def insert_all(self, rows, replace: bool = False) -> int:
        return insert(self.db, self.table, rows, replace)


def insert(db: sqlite_utils.Database, table: str, rows, replace: bool = False) -> int:
    """Returns the number of rows inserted."""
    verb = "insert or replace" if replace else "insert"
    count = 0
    pending: dict[tuple, list[tuple]] = {}
    for row in rows:
        keys = tuple(row)
        pending.setdefault(keys, []).append(tuple(row.values()))
        count += 1
    for keys, values in pending.items():
        cols = ", ".join(f"[{k}]" for k in keys)
        marks = ", ".join("?" for _ in keys)
        db.conn.executemany(f"{verb} into [{table}] ({cols}) values ({marks})", values)
    return count


def remove_stale_temps(target: Path) -> None:
    """Temp files of builds that were killed (their process is gone)."""
    for old in target.parent.glob(f".{target.name}.tmp-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            old.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_tables(db: sqlite_utils.Database) -> None:
    db["seed_files"].create({
        "path": str, "sha256": str, "bytes": int, "status": str, "reason": str,
        "encoding": str, "article_count": int,
    }, pk="path", not_null={"status"})
    db["outlets"].create({"id": str, "name": str}, pk="id", not_null={"name"})
    # column order is the order a reader scans a table page in: long text last
    db["articles"].create({
        "id": str, "title": str, "outlet_id": str, "published": str, "byline": str,
        "wire_agencies": str, "word_count": int, "estimated_published": str, "estimated_published_basis": str,
        "seed_file": str, "position": int, "body": str, "boilerplate_removed": str,
    }, pk="id", not_null={"seed_file", "position", "body"},
        foreign_keys=[("seed_file", "seed_files", "path"), ("outlet_id", "outlets", "id")])
    db["captions"].create({
        "id": str, "article_id": str, "position": int, "text": str, "credit": str,
    }, pk="id", not_null={"article_id"}, foreign_keys=[("article_id", "articles", "id")])
    db["people"].create({"id": str, "name": str, "country": str, "article_count": int, "mention_count": int},
                        pk="id", not_null={"name"})
    db["person_aliases"].create({"person_id": str, "alias": str}, pk=("person_id", "alias"),
                                foreign_keys=[("person_id", "people", "id")])
    db["organizations"].create({"id": str, "name": str, "country": str, "article_count": int,
                                "mention_count": int}, pk="id", not_null={"name"})
    db["places"].create({"id": str, "name": str, "kind": str, "country": str, "latitude": float,
                         "longitude": float, "article_count": int, "mention_count": int}, pk="id", not_null={"name"})
    for table, target, fk in (("person_mentions", "people", "person_id"),
                              ("organization_mentions", "organizations", "organization_id"),
                              ("place_mentions", "places", "place_id")):
        db[table].create({"id": str, "article_id": str, fk: str, "start": int, "end": int, "text": str},
                         pk="id", not_null={"article_id", fk, "start", "end", "text"},
                         foreign_keys=[("article_id", "articles", "id"), (fk, target, "id")])
    db["roles"].create({"id": str, "person_id": str, "title": str, "of": str, "former": int, "as_of": str,
                        "article_id": str, "start": int, "end": int, "text": str},
                       pk="id", not_null={"person_id", "article_id", "title"},
                       foreign_keys=[("person_id", "people", "id"), ("article_id", "articles", "id")])
    db["quotes"].create({"id": str, "article_id": str, "person_id": str, "speaker": str, "start": int,
                         "end": int, "text": str}, pk="id", not_null={"article_id", "start", "end", "text"},
                        foreign_keys=[("article_id", "articles", "id"), ("person_id", "people", "id")])
    db["figures"].create({"id": str, "article_id": str, "text": str, "value": float, "unit": str, "qualifier": str,
                          "change": str, "as_of": str, "what": str, "start": int, "end": int},
                         pk="id", not_null={"article_id", "start", "end", "text", "value"},
                         foreign_keys=[("article_id", "articles", "id")])
    db["events"].create({"id": str, "type": str, "date_start": str, "date_end": str, "place_id": str,
                         "participants": str, "article_count": int, "outlet_count": int, "report_count": int,
                         "summary": str, "date_basis": str, "kinds": str, "title": str},
                        pk="id", not_null={"type"}, foreign_keys=[("place_id", "places", "id")])
    db["event_reports"].create({"id": str, "event_id": str, "article_id": str, "start": int, "end": int,
                                "text": str, "trigger": str, "date_text": str, "date_start": str},
                               pk="id", not_null={"event_id", "article_id", "start", "end", "text"},
                               foreign_keys=[("event_id", "events", "id"), ("article_id", "articles", "id")])
    db["event_participants"].create({"event_id": str, "person_id": str}, pk=("event_id", "person_id"),
                                    foreign_keys=[("event_id", "events", "id"), ("person_id", "people", "id")])
    db["undated_event_reports"].create({"id": str, "article_id": str, "type": str, "trigger": str, "date_text": str,
                                        "participants": str, "start": int, "end": int, "text": str},
                                       pk="id", not_null={"article_id", "type", "start", "end", "text"},
                                       foreign_keys=[("article_id", "articles", "id")])
    db[DIGESTS].create({"article_id": str, "digest": str}, pk="article_id", not_null={"digest"})
    db[EVENT_DIGESTS].create({"event_id": str, "digest": str, "slug": str, "owner": str}, pk="event_id",
                             not_null={"digest", "slug", "owner"})


# json.dumps(value, ensure_ascii=False), without making a new encoder for each value
to_json = json.JSONEncoder(ensure_ascii=False).encode

DIGESTS = "_article_digests"     # internal: what each article's rows were made from (see write)
EVENT_DIGESTS = "_event_digests"  # internal: the same of each event, with what its id was made from (see plan_events)


def article_ids(articles: list[Article]) -> list[str]:
    order = sorted(range(len(articles)), key=lambda i: (articles[i].seed_file, articles[i].position))
    ids = unique_ids([(article_slug(articles[i].published, articles[i].title, articles[i].body),
                       f"{articles[i].seed_file}#{articles[i].position}") for i in order])
    out = [""] * len(articles)
    for i, id_ in zip(order, ids):
        out[i] = id_
    return out


REPLACE = {"event_reports", "event_participants", "undated_event_reports"}   # a later row of one id wins

# Tables whose rows belong to one article (and the column naming it): a rebuild rewrites
# only those of the articles whose digest changed.
PER_ARTICLE = {"articles": "id", "captions": "article_id", "person_mentions": "article_id",
               "organization_mentions": "article_id", "place_mentions": "article_id", "roles": "article_id",
               "quotes": "article_id", "figures": "article_id", "undated_event_reports": "article_id",
               DIGESTS: "article_id"}

# Tables whose rows belong to one event: a rebuild rewrites only those of the events
# whose digest or id changed (see plan_events).
PER_EVENT = {"events": "id", "event_reports": "event_id", "event_participants": "event_id",
             EVENT_DIGESTS: "event_id"}


def write(db: sqlite_utils.Database, seeds: list[SeedFile], articles: list[Article], resolved: Resolved) -> None:
    """Write every table from what the earlier stages found and resolved: into empty
    tables, or, when ``db`` already holds this version's tables (a copy of the last
    build, see :func:`atomic_database`), by changing only the rows that differ. There,
    an article whose digest (:func:`article_digests`) is the one stored is not looked at
    again: its own rows are made from exactly what they were made from last time; and
    so is an event whose digest and id are the ones stored (:func:`plan_events`)."""
    ids = article_ids(articles)
    digests = article_digests(ids, articles, resolved)
    if matches_schema(db):
        stored = dict(db.execute(f"select article_id, digest from [{DIGESTS}]").fetchall())
        changed = [i for i, (aid, d) in enumerate(zip(ids, digests)) if stored.get(aid) != d]
        stale = {ids[i] for i in changed} | (stored.keys() - set(ids))
        plan = plan_events(ids, digests, resolved, stored_events(db))
        for table, rows in table_rows(seeds, articles, resolved, ids, digests, plan, changed):
            scope = (PER_ARTICLE[table], stale) if table in PER_ARTICLE else \
                (PER_EVENT[table], plan.stale) if table in PER_EVENT else None
            sync(db, table, rows, scope)
        return
    create_tables(db)
    for table, rows in table_rows(seeds, articles, resolved, ids, digests, plan_events(ids, digests, resolved)):
        fast(db)[table].insert_all(rows, replace=table in REPLACE)
    index(db)


def article_digests(ids: list[str], articles: list[Article], resolved: Resolved) -> list[str]:
    """Per article, a digest of all its own rows (:data:`PER_ARTICLE`) are made from: this
    code, the article's id and fields, what the NLP stage read from it (the cache key of
    its extraction, which names the body, the date and the model), and the person and
    name each of its people resolved to."""
    resolved_people: dict[int, list] = {}
    for (i, key), pid in resolved.person_of.items():
        resolved_people.setdefault(i, []).append((key, pid, resolved.persons[pid].name))
    code = code_version().encode()
    out = []
    for i, (aid, a) in enumerate(zip(ids, articles)):
        read = a.extraction_key or (pickle.dumps(a.extraction) if a.extraction else None)
        h = hashlib.blake2b(code, digest_size=16)
        h.update(repr((aid, a.seed_file, a.position, a.title, a.byline, a.published, a.outlet, a.wire_agencies,
                       a.captions, a.dropped, a.estimated, a.estimated_basis, read,
                       sorted(resolved_people.get(i, ())))).encode())
        if a.extraction_key is None:        # the key names the body: hashed once already
            h.update(a.body.encode())
        out.append(h.hexdigest())
    return out


def table_rows(seeds: list[SeedFile], articles: list[Article], resolved: Resolved, ids: list[str],
               digests: list[str], plan: "EventPlan", only: list[int] | None = None) -> Iterator[tuple[str, Iterable[dict]]]:
    """Every table's rows, in the order the tables are written (a table before those
    that refer to it); of the tables of one article's rows, only those of the articles
    ``only`` (all when None); of those of one event's rows, those of the events ``plan`` writes."""
    counts: dict[str, int] = {}
    for a in articles:
        counts[a.seed_file] = counts.get(a.seed_file, 0) + 1
    yield "seed_files", ({"path": s.path, "sha256": s.sha256, "bytes": s.bytes, "status": s.status,
                          "reason": s.reason, "encoding": s.encoding, "article_count": counts.get(s.path, 0)}
                         for s in seeds)
    outlets = sorted({a.outlet for a in articles if a.outlet})
    yield "outlets", ({"id": slugify(name), "name": name} for name in outlets)
    some = range(len(articles)) if only is None else only
    yield "articles", ({
        "id": ids[i], "seed_file": a.seed_file, "position": a.position,
        "outlet_id": slugify(a.outlet) if a.outlet else None, "title": a.title, "byline": a.byline,
        "wire_agencies": to_json(a.wire_agencies), "published": a.published,
        "estimated_published": a.estimated, "estimated_published_basis": a.estimated_basis,
        "body": a.body, "word_count": a.word_count,
        "boilerplate_removed": to_json(a.dropped),
    } for i in some for a in [articles[i]])
    yield "captions", ({"id": f"{ids[i]}-caption-{n}", "article_id": ids[i], "position": n, "text": c.text,
                        "credit": c.credit}
                       for i in some for n, c in enumerate(articles[i].captions))
    yield from entity_rows(ids, articles, resolved, some)
    yield "figures", figure_rows(ids, articles, some)
    yield from event_rows(ids, articles, resolved, plan, some)
    yield DIGESTS, ({"article_id": ids[i], "digest": digests[i]} for i in some)


FK = {"person": "person_id", "organization": "organization_id", "place": "place_id"}


def entity_rows(ids: list[str], articles: list[Article], resolved: Resolved,
                some: Iterable[int]) -> Iterator[tuple[str, list[dict]]]:
    """People, organisations and places with their counts (over all articles), and the
    mentions, roles and quotes of the articles ``some``."""
    persons, person_of = resolved.persons, resolved.person_of
    orgs, places = resolved.organizations, resolved.places
    article_n, mention_n = mention_counts(articles, person_of)
    yield "people", [{"id": p.id, "name": p.name, "country": p.country,
                      "article_count": article_n.get(("person", p.id), 0),
                      "mention_count": mention_n.get(("person", p.id), 0)}
                     for p in sorted(persons.values(), key=lambda p: p.id)]
    yield "person_aliases", [{"person_id": p.id, "alias": alias}
                             for p in sorted(persons.values(), key=lambda p: p.id) for alias in sorted(p.aliases)]
    yield "organizations", [{"id": o.id, "name": o.name, "country": o.country,
                             "article_count": article_n.get(("organization", o.id), 0),
                             "mention_count": mention_n.get(("organization", o.id), 0)}
                            for o in sorted(orgs.values(), key=lambda o: o.id)]
    yield "places", [{"id": p.id, "name": p.name, "kind": p.extra.get("kind"), "country": p.country,
                      "latitude": p.extra.get("latitude"), "longitude": p.extra.get("longitude"),
                      "article_count": article_n.get(("place", p.id), 0),
                      "mention_count": mention_n.get(("place", p.id), 0)}
                     for p in sorted(places.values(), key=lambda p: p.id)]
    mentions: dict[str, list[dict]] = {"person": [], "organization": [], "place": []}
    roles: list[dict] = []
    quotes: list[dict] = []
    for i in some:
        aid, a = ids[i], articles[i]
        ex = a.extraction
        if ex is None:
            continue
        for m in ex.mentions:
            mentions[m.kind].append({"id": f"{aid}-{m.start}", "article_id": aid,
                                     FK[m.kind]: mentioned(i, m, person_of),
                                     "start": m.start, "end": m.end, "text": m.text})
        seen_roles: set[str] = set()
        for r in ex.roles:
            pid = person_of.get((i, r.person))
            if pid is None:
                continue
            rid = f"{aid}-{pid}-{slugify(r.title)}" + ("-former" if r.former else "")
            if rid in seen_roles:
                continue
            seen_roles.add(rid)
            roles.append({"id": rid, "person_id": pid, "title": r.title, "of": r.of, "former": int(r.former),
                          "as_of": a.published, "article_id": aid, "start": r.start, "end": r.end,
                          "text": a.body[r.start:r.end] if r.start is not None else None})
        for q in ex.quotes:
            pid = person_of.get((i, q.person)) if q.person else None
            speaker = persons[pid].name if pid else q.speaker
            quotes.append({"id": f"{aid}-{q.start}", "article_id": aid, "person_id": pid, "speaker": speaker,
                           "start": q.start, "end": q.end, "text": q.text})
    yield "person_mentions", mentions["person"]
    yield "organization_mentions", mentions["organization"]
    yield "place_mentions", mentions["place"]
    yield "roles", roles
    yield "quotes", quotes


def mentioned(i: int, m, person_of: dict[tuple[int, str], str]) -> str:
    """The id of the person, organisation or place that mention ``m`` of article ``i`` names."""
    return person_of[(i, m.key)] if m.kind == "person" else slugify(m.key)


def mention_counts(articles: list[Article], person_of) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """How many articles mention each (kind, id), and how many times in all."""
    in_articles: dict[tuple[str, str], int] = {}
    mentions: dict[tuple[str, str], int] = {}
    for i, a in enumerate(articles):
        here = set()
        for m in (a.extraction.mentions if a.extraction else ()):
            k = (m.kind, mentioned(i, m, person_of))
            mentions[k] = mentions.get(k, 0) + 1
            here.add(k)
        for k in here:
            in_articles[k] = in_articles.get(k, 0) + 1
    return in_articles, mentions


def figure_rows(ids: list[str], articles: list[Article], some: Iterable[int]) -> Iterator[dict]:
    return ({"id": f"{ids[i]}-{f.start}", "article_id": ids[i], "start": f.start, "end": f.end, "text": f.text,
             "value": f.value, "unit": f.unit, "what": f.what, "qualifier": f.qualifier, "change": f.change,
             "as_of": f.as_of}
            for i in some if articles[i].extraction for f in articles[i].extraction.figures)


class EventPlan(NamedTuple):
    """The events' ids, digests (:func:`event_digest`) and the (slug, owner) each id was
    made from; which events' rows are written (indices into ``resolved.events``), with
    their titles; and the ids whose stored rows are compared (all when None)."""
    ids: list[str]
    digests: list[str]
    keys: list[tuple[str, str]]
    write: list[int]
    titles: dict[int, str]
    stale: set[str] | None


def stored_events(db: sqlite_utils.Database) -> dict[str, tuple[str, str, str]]:
    """The last build's events: digest -> (id, slug, owner)."""
    return {d: (eid, slug, owner) for eid, d, slug, owner in
            db.execute(f"select event_id, digest, slug, owner from [{EVENT_DIGESTS}]")}


def plan_events(ids: list[str], digests: list[str], resolved: Resolved,
                stored: dict[str, tuple[str, str, str]] | None = None) -> EventPlan:
    """Ids for the resolved events (the slug of each title, made unique in order), and
    which of them to write: all, or with ``stored`` (the last build's, :func:`stored_events`)
    those whose digest was not stored under the same id. A stored event's title is not made
    again: its digest covers what the title is made from. Events that share a report id
    (a row that only one of them can own) are always written."""
    persons, merged = resolved.persons, resolved.events
    place_names = {p.id: p.name for p in resolved.places.values()}
    code = code_version().encode()
    stored = stored or {}
    keys_, event_digests, titles, seen, shared = [], [], {}, {}, set()

    def named(e) -> tuple[list[str], str | None]:
        return [persons[p].name for p in e.participants], place_names.get(e.place, e.place)

    for n, e in enumerate(merged):
        names, place = named(e)
        d = event_digest(code, e, names, place, digests)
        known = stored.get(d)
        if known is None:
            titles[n] = events_mod.title(e, names, place)
            keys_.append((slugify(titles[n], 100), f"{ids[e.reports[0][0]]}-{e.reports[0][1].at}"))
        else:
            keys_.append(known[1:])
        event_digests.append(d)
        for i, r in e.reports:
            for s in (r, *r.merged):
                first = seen.setdefault((i, s.at), n)
                if first != n:
                    shared.update((first, n))
    eids = unique_ids(keys_)
    if not stored:
        return EventPlan(eids, event_digests, keys_, list(range(len(merged))), titles, None)
    write = [n for n, (d, eid) in enumerate(zip(event_digests, eids)) if stored.get(d, ("",))[0] != eid or n in shared]
    for n in write:
        if n not in titles:
            titles[n] = events_mod.title(merged[n], *named(merged[n]))
    kept = set(eids) - {eids[n] for n in write}
    stale = {eids[n] for n in write} | ({v[0] for v in stored.values()} - kept)
    return EventPlan(eids, event_digests, keys_, write, titles, stale)


def event_digest(code: bytes, e, names: list[str], place: str | None, digests: list[str]) -> str:
    """What an event's rows are made from: this code, its own fields, its participants'
    and place's names, and each report's article (by the article's digest, which covers
    what the NLP stage read) and place in it."""
    h = hashlib.blake2b(code, digest_size=16)
    h.update(repr((e.type, e.date_start, e.date_end, e.date_basis, e.place, place, e.summary, e.participants, names,
                   [(digests[i], r.at) for i, r in e.reports])).encode())
    return h.hexdigest()


def event_rows(ids: list[str], articles: list[Article], resolved: Resolved, plan: EventPlan,
               some: Iterable[int]) -> Iterator[tuple[str, list[dict]]]:
    """The rows of the events ``plan`` writes, their reports, participants and digests,
    and the reports of the articles ``some`` whose date words could not be read."""
    persons, person_of, merged = resolved.persons, resolved.person_of, resolved.events
    events, reports, participants, digests = [], [], [], []
    for n in plan.write:
        e, eid = merged[n], plan.ids[n]
        arts = {i for i, _ in e.reports}
        outlets = {articles[i].outlet for i in arts if articles[i].outlet}     # an unknown outlet is not one
        sentences = [(i, s) for i, r in e.reports for s in [r, *r.merged]]
        events.append({"id": eid, "type": e.type, "date_start": e.date_start, "date_end": e.date_end,
                       "date_basis": e.date_basis, "place_id": e.place, "summary": e.summary,
                       "participants": to_json([persons[p].name for p in e.participants]),
                       "report_count": len(sentences), "article_count": len(arts), "outlet_count": len(outlets),
                       "kinds": json.dumps(e.kinds), "title": plan.titles[n]})
        seen = set()
        for i, s in sentences:
            rid = f"{ids[i]}-{s.at}"
            if rid in seen:
                continue
            seen.add(rid)
            reports.append({"id": rid, "event_id": eid, "article_id": ids[i], "start": s.start, "end": s.end,
                            "text": s.text, "trigger": s.trigger, "date_text": s.date_text,
                            "date_start": s.date_start})
        participants.extend({"event_id": eid, "person_id": p} for p in e.participants)
        digests.append({"event_id": eid, "digest": plan.digests[n], "slug": plan.keys[n][0], "owner": plan.keys[n][1]})
    yield "events", events
    yield "event_reports", reports
    yield "event_participants", participants
    yield "undated_event_reports", [
        {"id": f"{ids[i]}-{r.at}", "article_id": ids[i], "type": r.type, "trigger": r.trigger,
         "date_text": r.date_text,
         "participants": to_json([persons[person_of[(i, k)]].name for k in r.participants
                                  if (i, k) in person_of]),
         "start": r.start, "end": r.end, "text": r.text}
        for i in some if articles[i].extraction
        for r in articles[i].extraction.events if events_mod.unresolved(r)]
    yield EVENT_DIGESTS, digests


def schema(db: sqlite_utils.Database) -> list[tuple]:
    """Tables, indexes and triggers (not SQLite's own statistics, which ``pragma optimize``
    may add)."""
    return db.execute("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' "
                      "order by type, name").fetchall()


@lru_cache(maxsize=1)
def this_schema() -> tuple:
    """What :func:`create_tables` and :func:`index` make, tables, indexes and search
    tables alike."""
    db = sqlite_utils.Database(memory=True)
    create_tables(db)
    index(db)
    return tuple(schema(db))


def matches_schema(db: sqlite_utils.Database) -> bool:
    """Whether ``db`` holds exactly the tables, indexes and search tables this version
    writes (so its rows can be brought up to date in place)."""
    return bool(db.table_names()) and tuple(schema(db)) == this_schema()


FTS = {"articles": ["title", "body"], "quotes": ["text", "speaker"], "events": ["summary", "participants", "type"]}


def sync(db: sqlite_utils.Database, table: str, rows: Iterable[dict],
         scope: tuple[str, set[str]] | None = None) -> int:
    """Make ``table`` hold exactly ``rows``: delete the rows that are gone or differ,
    insert those that are new or differ, and keep its search index in step. With
    ``scope`` (column, values), only the rows whose column holds one of the values are
    compared, the others left as they are. Returns the number of rows deleted and inserted."""
    cols = [c.name for c in db[table].columns]
    key = [cols.index(c) for c in db[table].pks]
    new: dict[tuple, tuple] = {}
    values_of, key_of = itemgetter(*cols), itemgetter(*key)
    for row in rows:
        try:
            values = values_of(row)
        except KeyError:                                       # a row without some columns: null there
            values = tuple(row.get(c) for c in cols)
        pk = key_of(values)
        new[pk if len(key) > 1 else (pk,)] = values           # a later row of one id wins, as in a full write
    names = ", ".join(f"[{c}]" for c in cols)
    gone = []
    for rowid, *values in old_rows(db, table, names, scope):
        pk = key_of(values)
        pk = pk if len(key) > 1 else (pk,)
        if new.get(pk) == tuple(values):
            del new[pk]                                        # unchanged
        else:
            gone.append((rowid, values))
    fts = FTS.get(table)
    if fts:
        idx = [cols.index(c) for c in fts]
        db.conn.executemany(
            f"insert into [{table}_fts] ([{table}_fts], rowid, {', '.join(fts)}) values ('delete', ?{', ?' * len(fts)})",
            [(rowid, *(values[i] for i in idx)) for rowid, values in gone])
    db.conn.executemany(f"delete from [{table}] where rowid = ?", [(rowid,) for rowid, _ in gone])
    last = db.execute(f"select coalesce(max(rowid), 0) from [{table}]").fetchone()[0]
    marks = ", ".join("?" for _ in cols)
    db.conn.executemany(f"insert into [{table}] ({names}) values ({marks})", new.values())
    if fts:
        db.execute(f"insert into [{table}_fts] (rowid, {', '.join(fts)}) "
                   f"select rowid, {', '.join(fts)} from [{table}] where rowid > ?", [last])
    return len(gone) + len(new)


def old_rows(db: sqlite_utils.Database, table: str, names: str, scope: tuple[str, set[str]] | None):
    """``rowid`` and the columns ``names`` of every row of ``table``, or of those in ``scope``."""
    if scope is None:
        return db.execute(f"select rowid, {names} from [{table}]")
    column, values = scope
    return db.execute(f"select rowid, {names} from [{table}] where [{column}] in (select value from json_each(?))",
                      [json.dumps(sorted(values))])


def index(db: sqlite_utils.Database) -> None:
    for table, cols in {
        "seed_files": ["status", "encoding"],
        "articles": ["outlet_id", "published", "seed_file", "byline"],
        "captions": ["article_id", "credit"],
        "people": ["country", "article_count"],      # article_count: the front page's most mentioned
        "person_aliases": ["person_id", "alias"],    # alias: search finds people by a name as written
        "organizations": ["country"],
        "places": ["country", "kind"],
        "person_mentions": ["article_id", "person_id"],
        "organization_mentions": ["article_id", "organization_id"],
        "place_mentions": ["article_id", "place_id"],
        "roles": ["person_id", "article_id", "title", "of", "former"],
        "quotes": ["article_id", "person_id", "speaker"],
        "figures": ["article_id", "unit", "what", "qualifier", "change", "as_of"],
        "events": ["type", "date_start", "place_id", "article_count"],
        "event_reports": ["event_id", "article_id", "trigger"],
        "event_participants": ["person_id"],
        "undated_event_reports": ["article_id", "type"],
    }.items():
        for col in cols:
            db[table].create_index([col], if_not_exists=True)
    # reader pages: a person's or an event's latest articles without reading all of them
    for table, cols in (("person_mentions", ["person_id", "article_id"]), ("quotes", ["person_id", "article_id"]),
                        ("event_reports", ["event_id", "article_id"]),
                        ("roles", ["person_id", "title", "of", "former", "as_of", "article_id"])):
        db[table].create_index(cols, if_not_exists=True)
    db["articles"].enable_fts(["title", "body"], tokenize="porter", replace=True)
    db["quotes"].enable_fts(["text", "speaker"], tokenize="porter", replace=True)
    db["events"].enable_fts(["summary", "participants", "type"], tokenize="porter", replace=True)

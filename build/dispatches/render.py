"""Reader pages as data: an article with its people, places, figures and quotes marked and
linked; a person (each role once, with when it was first and last stated, quotes, events,
articles); an event (each outlet's sentences side by side, with its date and the source count).

Python only gathers the data; the HTML is in Jinja templates under ``site/templates/dispatches/``,
autoescaped, and the same templates serve the site (Datasette row pages, through
``site/plugins/dispatches_pages.py``) and the static bundle (``dispatches export``); only the
:class:`Links` differ. Article text is data, never markup: autoescaping shows ``<script>`` or
``[x](javascript:...)`` in a scrape as the characters it is.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import jinja2

# How an article is named where it is linked: its title, else its first words (an untitled
# article's slug is no name); plugins use the same expression in their SQL.
ARTICLE_LABEL = "coalesce({a}.title, '(untitled) ' || substr({a}.body, 1, 60) || '…')"


def article_label(alias: str = "a") -> str:
    """:data:`ARTICLE_LABEL` for the articles table under ``alias``."""
    return ARTICLE_LABEL.format(a=alias)


TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"


@dataclass(frozen=True)
class Links:
    """Where a page links to: Datasette row URLs on the site, relative files in the bundle."""

    row: Callable[[str, str], str | None]       # (table, primary key) -> URL, None for no page
    table: Callable[[str], str]                 # table -> URL of its rows

    def href(self, table: str, pk) -> str | None:
        return self.row(table, str(pk)) if pk is not None else None


def site_links(base: str = "/dispatches") -> Links:
    return Links(row=lambda table, pk: f"{base}/{table}/{quote(pk, safe='')}",
                 table=lambda table: f"{base}/{table}")


PAGE_TABLES = ("articles", "people", "events")


def bundle_links(prefix: str = "../") -> Links:
    """Links between the bundle's pages: ``articles/<id>.html``; other rows to their table's CSV."""
    def row(table: str, pk: str) -> str | None:
        if table in PAGE_TABLES:
            return f"{prefix}{table}/{quote(pk, safe='')}.html"
        return None
    return Links(row=row, table=lambda table: f"{prefix}data/{table}.csv")


# ---------------------------------------------------------------- formatting (Jinja filters)

SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number(value) -> str:
    """A number as a reader writes it: 180,000; 1.5 million; 2.5 (never 180000.0)."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    for scale, name in SCALES:
        if abs(value) >= scale:
            q = value / scale
            if abs(q * 1000 - round(q * 1000)) < 1e-6:
                return f"{q:,.3f}".rstrip("0").rstrip(".") + " " + name
            break
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


FILTERS = {"number": number}


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment of the static bundle (the site uses Datasette's, with the same filters)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir or TEMPLATES)),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    return env


# ---------------------------------------------------------------- queries

def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _one(conn: sqlite3.Connection, sql: str, params=()) -> dict | None:
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


def _has(conn, table: str) -> bool:
    return bool(conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", (table,)).fetchone())


def _link(links: Links, table: str, pk, label, kind: str = "") -> dict:
    """What a template needs to draw a link (or a plain span where the target has no page)."""
    return {"href": links.href(table, pk), "label": label if label not in (None, "") else pk, "kind": kind}


# ---------------------------------------------------------------- article

@dataclass
class Mark:
    start: int
    end: int
    kind: str            # person / place / organization / figure / quote
    href: str | None
    title: str


def article(conn: sqlite3.Connection, article_id: str, links: Links) -> dict | None:
    """An article's metadata, its body as marked paragraphs, and what was found in it."""
    a = _one(conn, """select a.*, o.name as outlet from articles a left join outlets o on o.id = a.outlet_id
                      where a.id = ?""", (article_id,))
    if a is None:
        return None
    a["wire_agencies"] = json.loads(a["wire_agencies"] or "[]")
    marks = _marks(conn, article_id, links)
    return {"kind": "article", "title": a["title"] or "(untitled)", "article": a,
            "paragraphs": paragraphs(a["body"], marks), **_article_lists(conn, article_id, links)}


def _marks(conn, article_id: str, links: Links) -> list[Mark]:
    marks: list[Mark] = []
    for table, fk, target, kind in (("person_mentions", "person_id", "people", "person"),
                                    ("place_mentions", "place_id", "places", "place"),
                                    ("organization_mentions", "organization_id", "organizations", "organization")):
        if not _has(conn, table):
            continue
        for r in _rows(conn, f"""select m.start, m.end, m.{fk} as target, t.name from {table} m
                                 join {target} t on t.id = m.{fk} where m.article_id = ?""", (article_id,)):
            marks.append(Mark(r["start"], r["end"], kind, links.href(target, r["target"]), r["name"]))
    if _has(conn, "figures"):
        for r in _rows(conn, "select * from figures where article_id = ?", (article_id,)):
            title = f"{number(r['value'])} {r['unit'] or ''}".strip() + (f" ({r['qualifier']})" if r["qualifier"] else "")
            marks.append(Mark(r["start"], r["end"], "figure", links.href("figures", r["id"]), title))
    if _has(conn, "quotes"):
        for r in _rows(conn, "select * from quotes where article_id = ?", (article_id,)):
            marks.append(Mark(r["start"], r["end"], "quote", None, f"quoted: {r['speaker'] or 'unknown speaker'}"))
    return marks


def paragraphs(body: str, marks: list[Mark]) -> list[list[dict]]:
    """The body as paragraphs (split at blank lines), each a list of nodes: plain ``{"text"}``,
    a mark ``{"kind", "href", "title", "text"}``, or a quote ``{"kind": "quote", "title",
    "children"}`` holding the marks inside it. Marks never overlap (the first wins); a mark
    that straddles a quote's edge is dropped."""
    out = []
    pos = 0
    for para in body.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        inner = sorted((m for m in marks if m.kind != "quote" and start <= m.start and m.end <= end),
                       key=lambda m: (m.start, -m.end))
        kept: list[Mark] = []
        for m in inner:
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        nodes, cursor = [], start
        for q in sorted((m for m in marks if m.kind == "quote" and m.start < end and m.end > start),
                        key=lambda m: m.start):
            qs, qe = max(q.start, start, cursor), min(q.end, end)
            if qs >= qe:
                continue                      # overlaps the previous quote
            nodes += _nodes(body, cursor, qs, kept)
            nodes.append({"kind": "quote", "title": q.title, "children": _nodes(body, qs, qe, kept)})
            cursor = qe
        nodes += _nodes(body, cursor, end, kept)
        out.append(nodes)
    return out


def _nodes(body: str, start: int, end: int, marks: list[Mark]) -> list[dict]:
    """Plain text and the marks wholly inside [start, end)."""
    out, cursor = [], start
    for m in marks:
        if m.start < start or m.end > end:
            continue
        if m.start > cursor:
            out.append({"text": body[cursor:m.start]})
        out.append({"kind": m.kind, "href": m.href, "title": m.title, "text": body[m.start:m.end]})
        cursor = m.end
    if cursor < end:
        out.append({"text": body[cursor:end]})
    return out


def _events(rows: list[dict], links: Links) -> list[dict]:
    return [{"date": r["date_start"], "type": r["type"], "link": _link(links, "events", r["id"], r["summary"])}
            for r in rows]


def _article_lists(conn, article_id: str, links: Links) -> dict:
    people = _rows(conn, """select p.id, p.name, count(*) as n from person_mentions m join people p on p.id = m.person_id
                            where m.article_id = ? group by p.id order by min(m.start)""", (article_id,))
    out = {"people": [{"link": _link(links, "people", r["id"], r["name"], "person"), "count": r["n"]}
                      for r in people], "events": [], "quotes": [], "figures": []}
    if _has(conn, "event_reports"):
        out["events"] = _events(_rows(conn, """select distinct e.id, e.type, e.date_start, e.summary from event_reports r
                                               join events e on e.id = r.event_id where r.article_id = ?
                                               order by r.start""", (article_id,)), links)
    if _has(conn, "quotes"):
        out["quotes"] = [{"speaker": _link(links, "people", r["person_id"], r["speaker"] or "unknown", "person"),
                          "text": r["text"]}
                         for r in _rows(conn, "select * from quotes where article_id = ? order by start", (article_id,))]
    if _has(conn, "figures"):
        out["figures"] = _rows(conn, "select * from figures where article_id = ? order by start", (article_id,))
    return out


# ---------------------------------------------------------------- person

def person(conn: sqlite3.Connection, person_id: str, links: Links) -> dict | None:
    """A person: each distinct role once with its first and last stated dates, quotes, events, articles."""
    p = _one(conn, "select * from people where id = ?", (person_id,))
    if p is None:
        return None
    aliases = [r["alias"] for r in _rows(conn, "select alias from person_aliases where person_id = ? order by alias",
                                         (person_id,))]
    events = []
    if _has(conn, "event_participants"):
        events = _events(_rows(conn, """select e.* from events e join event_participants ep on ep.event_id = e.id
                                        where ep.person_id = ? order by coalesce(e.date_start, '9999')""",
                               (person_id,)), links)
    quotes = [{"text": r["text"], "date": r["published"],
               "article": _link(links, "articles", r["article_id"], r["article_title"])}
              for r in _rows(conn, f"""select q.*, {article_label()} as article_title, a.published from quotes q
                                      join articles a on a.id = q.article_id where q.person_id = ?
                                      order by coalesce(a.published, '9999'), q.start""", (person_id,))]
    articles = [{"date": r["published"], "link": _link(links, "articles", r["id"], r["title"])}
                for r in _rows(conn, f"""select distinct a.id, {article_label()} as title, a.published
                                        from person_mentions m
                                        join articles a on a.id = m.article_id where m.person_id = ?
                                        order by coalesce(a.published, '9999')""", (person_id,))]
    return {"kind": "person", "title": p["name"], "person": p, "aliases": aliases,
            "roles": roles(conn, person_id, links), "events": events, "quotes": quotes, "articles": articles}


ROLE_ARTICLES = 5      # articles listed per role; the rest are counted


def roles(conn: sqlite3.Connection, person_id: str, links: Links) -> list[dict]:
    """Each distinct role (title, of, former) once, in the order first stated (undated last),
    with the first and last dates the articles state it and the articles themselves."""
    found: dict[tuple, dict] = {}
    for r in _rows(conn, f"""select r.title, r.of, r.former, r.as_of, r.article_id, {article_label()} as article_title
                            from roles r join articles a on a.id = r.article_id where r.person_id = ?
                            order by coalesce(r.as_of, '9999'), r.title, r.article_id""", (person_id,)):
        key = (r["title"], r["of"], bool(r["former"]))
        role = found.setdefault(key, {"title": r["title"], "of": r["of"], "former": bool(r["former"]),
                                      "first": None, "last": None, "articles": [], "seen": set()})
        if r["as_of"]:
            role["first"] = min(filter(None, (role["first"], r["as_of"])))
            role["last"] = max(filter(None, (role["last"], r["as_of"])))
        if r["article_id"] not in role["seen"]:
            role["seen"].add(r["article_id"])
            role["articles"].append({**_link(links, "articles", r["article_id"], r["article_title"]),
                                     "date": r["as_of"]})
    out = []
    for role in found.values():
        role["more"] = max(0, len(role["articles"]) - ROLE_ARTICLES)
        role["articles"] = role["articles"][:ROLE_ARTICLES]
        out.append({k: v for k, v in role.items() if k != "seen"})
    return out


# ---------------------------------------------------------------- event

def event(conn: sqlite3.Connection, event_id: str, links: Links) -> dict | None:
    """An event and, side by side, how each source reports it."""
    e = _one(conn, """select e.*, p.name as place from events e left join places p on p.id = e.place_id
                      where e.id = ?""", (event_id,))
    if e is None:
        return None
    people = [_link(links, "people", r["id"], r["name"], "person")
              for r in _rows(conn, """select p.id, p.name from event_participants ep join people p on p.id = ep.person_id
                                      where ep.event_id = ? order by p.name""", (event_id,))]
    reports = _rows(conn, f"""select r.*, {article_label()} as title, a.published, a.estimated_published, a.seed_file, o.name as outlet
                             from event_reports r join articles a on a.id = r.article_id
                             left join outlets o on o.id = a.outlet_id
                             where r.event_id = ? order by coalesce(a.published, a.estimated_published, '9999'),
                             a.id, r.start""", (event_id,))
    sources: dict[str, dict] = {}
    for r in reports:
        source = sources.setdefault(r["article_id"], {
            "outlet": r["outlet"] or r["seed_file"], "published": r["published"],
            "estimated": r["estimated_published"], "article": _link(links, "articles", r["article_id"], r["title"]),
            "sentences": []})
        source["sentences"].append({"text": r["text"], "date_text": r["date_text"]})
    return {"kind": "event", "title": f"{e['type'].replace('_', ' ')}: {e['date_start'] or 'undated'}",
            "event": e, "people": people, "sources": list(sources.values())}


PAGES = {"articles": article, "people": person, "events": event}
TEMPLATE_OF = {"articles": "dispatches/article.html", "people": "dispatches/person.html",
               "events": "dispatches/event.html"}

__all__ = ["Links", "site_links", "bundle_links", "article", "person", "event", "roles", "PAGES", "TEMPLATE_OF",
           "environment", "number", "FILTERS", "paragraphs"]

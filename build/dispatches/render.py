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
from urllib.parse import quote, urlencode

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

# How an article is named where it is linked: its title, else its first words (an untitled
# article's slug is no name); plugins use the same expression in their SQL.
ARTICLE_LABEL = "coalesce({a}.title, '(untitled) ' || substr({a}.body, 1, 60) || '…')"


def article_label(alias: str = "a") -> str:
    """:data:`ARTICLE_LABEL` for the articles table under ``alias``."""
    return ARTICLE_LABEL.format(a=alias)


TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"
# The data contract, published with the data as a page: "what each table and column means".
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


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
    """A number as a reader writes it: 250,000; 3.5 million; 2.5 (never 250000.0)."""
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

LIST = 50             # quotations, articles and events listed on a person page; the rest are counted
ROLE_ARTICLES = 5     # articles listed per role
SOURCES = 30          # sources shown side by side on an event page


def _more(links: Links, table: str, column: str, value: str, total: int, shown: int) -> dict | None:
    """How many rows a page leaves out, and where they all are."""
    if total <= shown:
        return None
    return {"count": total - shown, "href": f"{links.table(table)}?{urlencode({column: value})}"}


def _count(conn, sql: str, params=()) -> int:
    return conn.execute(sql, params).fetchone()[0]


FEW = 500             # up to this many articles are sorted by date; past it, read newest first


def _latest(conn, table: str, column: str, value: str, limit: int, newest: bool = True) -> list[str]:
    """Ids of the (newest or oldest) ``limit`` articles with a row in ``table`` whose
    ``column`` is ``value``. A few are looked up and sorted; many are found by walking the
    articles' date index until ``limit`` match, so the cost stays flat at any size."""
    order = "desc" if newest else "asc"
    rows = _count(conn, f"select count(*) from (select 1 from [{table}] where [{column}] = ? limit {FEW + 1})",
                  (value,))
    if rows <= FEW:
        sql = f"""select a.id from articles a where a.id in (select article_id from [{table}] where [{column}] = ?)
                  order by coalesce(a.published, a.estimated_published) is null,
                  coalesce(a.published, a.estimated_published) {order}, a.id limit ?"""
    else:
        sql = f"""select a.id from articles a where a.published is not null
                  and exists (select 1 from [{table}] t where t.[{column}] = ? and t.article_id = a.id)
                  order by a.published {order} limit ?"""
    return [r[0] for r in conn.execute(sql, (value, limit))]


def _articles(conn, ids: list[str]) -> dict[str, dict]:
    """Label, dates, outlet and file of each article in ``ids``, in that order."""
    if not ids:
        return {}
    rows = _rows(conn, f"""select a.id, {article_label()} as title, a.published, a.estimated_published, a.seed_file,
                                  o.name as outlet
                           from articles a left join outlets o on o.id = a.outlet_id
                           where a.id in ({', '.join('?' * len(ids))})""", ids)
    by_id = {r["id"]: r for r in rows}
    return {i: by_id[i] for i in ids if i in by_id}


def person(conn: sqlite3.Connection, person_id: str, links: Links) -> dict | None:
    """A person: each distinct role once with its first and last stated dates; the latest
    quotations and articles and the events (at most :data:`LIST` each, the rest counted)."""
    p = _one(conn, "select * from people where id = ?", (person_id,))
    if p is None:
        return None
    aliases = [r["alias"] for r in _rows(conn, "select alias from person_aliases where person_id = ? order by alias",
                                         (person_id,))]
    events, more_events = [], None
    if _has(conn, "event_participants"):
        events = _events(_rows(conn, """select e.* from events e join event_participants ep on ep.event_id = e.id
                                        where ep.person_id = ? order by coalesce(e.date_start, '9999') limit ?""",
                               (person_id, LIST)), links)
        more_events = _more(links, "event_participants", "person_id", person_id,
                            _count(conn, "select count(*) from event_participants where person_id = ?", (person_id,)),
                            len(events))
    n_quotes = _count(conn, "select count(*) from quotes where person_id = ?", (person_id,))
    quoted = _articles(conn, _latest(conn, "quotes", "person_id", person_id, LIST))
    quotes = []
    if quoted:
        for r in _rows(conn, f"""select article_id, text from quotes where person_id = ?
                                 and article_id in ({', '.join('?' * len(quoted))}) order by start""",
                       (person_id, *quoted)):
            a = quoted[r["article_id"]]
            quotes.append({"text": r["text"], "date": a["published"], "order": list(quoted).index(r["article_id"]),
                           "article": _link(links, "articles", a["id"], a["title"])})
        quotes = sorted(quotes, key=lambda q: q.pop("order"))[:LIST]
    named = _articles(conn, _latest(conn, "person_mentions", "person_id", person_id, LIST))
    articles = [{"date": a["published"], "link": _link(links, "articles", a["id"], a["title"])}
                for a in named.values()]
    return {"kind": "person", "title": p["name"], "person": p, "aliases": aliases,
            "roles": roles(conn, person_id, links), "events": events, "more_events": more_events,
            "quotes": quotes, "articles": articles,
            "more_quotes": _more(links, "quotes", "person_id", person_id, n_quotes, len(quotes)),
            "more_articles": _more(links, "person_mentions", "person_id", person_id, p["article_count"] or 0,
                                   len(articles))}


ROLES_SQL = """select title, of, former, min(as_of) as first, max(as_of) as last, count(*) as n
               from roles where person_id = ? group by title, of, former"""
ROLE_ARTICLES_SQL = """select as_of, article_id from roles
                       where person_id = ? and title = ? and of is ? and former = ?
                       order by as_of desc, article_id desc limit ?"""


def roles(conn: sqlite3.Connection, person_id: str, links: Links) -> list[dict]:
    """Each distinct role (title, of, former) once, in the order first stated (undated last),
    with the first and last dates the articles state it, how many articles state it and
    the latest :data:`ROLE_ARTICLES` of them (all read from one covering index)."""
    found = sorted(_rows(conn, ROLES_SQL, (person_id,)),
                   key=lambda r: (r["first"] is None, r["first"] or "", r["title"], r["of"] or "", r["former"]))
    out = []
    for r in found:
        stated = _rows(conn, ROLE_ARTICLES_SQL, (person_id, r["title"], r["of"], r["former"], ROLE_ARTICLES))
        labels = _articles(conn, [x["article_id"] for x in stated])
        out.append({"title": r["title"], "of": r["of"], "former": bool(r["former"]), "first": r["first"],
                    "last": r["last"], "count": r["n"], "more": max(0, r["n"] - len(stated)),
                    "articles": [{**_link(links, "articles", x["article_id"],
                                          labels.get(x["article_id"], {}).get("title")), "date": x["as_of"]}
                                 for x in stated]})
    return out


# ---------------------------------------------------------------- event

def event(conn: sqlite3.Connection, event_id: str, links: Links) -> dict | None:
    """An event and, side by side, how each source reports it (the first :data:`SOURCES`
    articles by date; the rest are counted)."""
    e = _one(conn, """select e.*, p.name as place from events e left join places p on p.id = e.place_id
                      where e.id = ?""", (event_id,))
    if e is None:
        return None
    people = [_link(links, "people", r["id"], r["name"], "person")
              for r in _rows(conn, """select p.id, p.name from event_participants ep join people p on p.id = ep.person_id
                                      where ep.event_id = ? order by p.name""", (event_id,))]
    found = _articles(conn, _latest(conn, "event_reports", "event_id", event_id, SOURCES, newest=False))
    sources = {a["id"]: {"outlet": a["outlet"] or a["title"], "published": a["published"],
                         "estimated": a["estimated_published"], "article": _link(links, "articles", a["id"], a["title"]),
                         "sentences": []} for a in found.values()}
    if sources:
        for r in _rows(conn, f"""select article_id, text, date_text from event_reports where event_id = ?
                                 and article_id in ({', '.join('?' * len(sources))}) order by start""",
                       (event_id, *sources)):
            sources[r["article_id"]]["sentences"].append({"text": r["text"], "date_text": r["date_text"]})
    return {"kind": "event", "title": e.get("title") or f"{e['type'].replace('_', ' ')}: {e['date_start'] or 'undated'}",
            "event": e, "people": people, "sources": list(sources.values()),
            "more_sources": _more(links, "event_reports", "event_id", event_id, e["article_count"] or 0,
                                  len(sources))}


PAGES = {"articles": article, "people": person, "events": event}
TEMPLATE_OF = {"articles": "dispatches/article.html", "people": "dispatches/person.html",
               "events": "dispatches/event.html"}

__all__ = ["Links", "site_links", "bundle_links", "article", "person", "event", "roles", "PAGES", "TEMPLATE_OF",
           "environment", "number", "FILTERS", "paragraphs"]


def markdown_html(text: str) -> Markup:
    """The project's own Markdown (the data contract) as HTML: CommonMark with tables;
    raw HTML in it is shown as text and unsafe link targets are refused (markdown-it-py)."""
    return Markup(MarkdownIt("commonmark", {"html": False}).enable("table").render(text))


def schema_page(path: Path = SCHEMA) -> dict | None:
    """Data for the schema page, or None where the checkout has no ``docs/schema.md``."""
    if not path.is_file():
        return None
    return {"title": "What each table and column means", "html": markdown_html(path.read_text(encoding="utf-8"))}

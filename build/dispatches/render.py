"""Reader pages, as HTML fragments: an article with its people, places, figures and
quotes highlighted and linked; a person (roles over time, quotes, events, articles); an
event (each outlet's sentence side by side, with its date and the source count).

The same functions serve the site (Datasette row pages, through
``site/plugins/dispatches_pages.py``) and the static bundle (``dispatches export``);
only the :class:`Links` differ. Article text is data, never markup: every piece of it
goes through markdown-it-py's ``zero`` preset with raw HTML off, which escapes it and
interprets nothing (no links, no emphasis), so ``<script>`` or ``[x](javascript:...)``
in a scrape shows as the characters it is.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from urllib.parse import quote

from markdown_it import MarkdownIt
from markupsafe import Markup, escape


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return MarkdownIt("zero", {"html": False})


def text(value) -> str:
    """Escape article text for HTML (markdown-it-py, nothing interpreted)."""
    if value is None:
        return ""
    return _md().renderInline(str(value))


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


def _a(href: str | None, inner: str, cls: str = "", title: str | None = None) -> str:
    attrs = f' class="{cls}"' if cls else ""
    if title:
        attrs += f' title="{escape(title)}"'
    if href is None:
        return f"<span{attrs}>{inner}</span>"
    return f'<a href="{escape(href)}"{attrs}>{inner}</a>'


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    return list(conn.execute(sql, params))


def _one(conn: sqlite3.Connection, sql: str, params=()) -> sqlite3.Row | None:
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


def _has(conn, table: str) -> bool:
    return bool(conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", (table,)).fetchone())


# ---------------------------------------------------------------- article

@dataclass
class Mark:
    start: int
    end: int
    kind: str            # person / place / organization / figure / quote
    href: str | None
    title: str


def article(conn: sqlite3.Connection, article_id: str, links: Links) -> str | None:
    a = _one(conn, """select a.*, o.name as outlet from articles a left join outlets o on o.id = a.outlet_id
                      where a.id = ?""", (article_id,))
    if a is None:
        return None
    marks = _marks(conn, article_id, links)
    parts = ['<article class="dispatch">']
    parts.append(f"<h2>{text(a['title'] or '(untitled)')}</h2>")
    meta = []
    if a["outlet"]:
        meta.append(text(a["outlet"]))
    if a["byline"]:
        meta.append(text(a["byline"]))
    if a["published"]:
        meta.append(f"published {text(a['published'])}")
    elif "estimated_published" in a.keys() and a["estimated_published"]:
        meta.append(f'no date stated; estimated {text(a["estimated_published"])} '
                    f'<span class="basis">({text(a["estimated_published_basis"])})</span>')
    else:
        meta.append("no date stated")
    agencies = json.loads(a["wire_agencies"] or "[]")
    if agencies:
        meta.append("wire: " + ", ".join(text(x) for x in agencies))
    meta.append(f"from {text(a['seed_file'])}")
    parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    parts.append('<div class="body">')
    parts.extend(_paragraphs(a["body"], marks))
    parts.append("</div>")
    parts.append('<p class="legend"><span class="person">person</span> <span class="place">place</span> '
                 '<span class="organization">organisation</span> <span class="figure">figure</span> '
                 '<span class="quote">quotation</span></p>')
    parts.extend(_article_lists(conn, article_id, links))
    parts.append("</article>")
    return "\n".join(parts)


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
            title = f"{r['value']:g} {r['unit'] or ''}".strip() + (f" ({r['qualifier']})" if r["qualifier"] else "")
            marks.append(Mark(r["start"], r["end"], "figure", links.href("figures", r["id"]), title))
    if _has(conn, "quotes"):
        for r in _rows(conn, "select * from quotes where article_id = ?", (article_id,)):
            marks.append(Mark(r["start"], r["end"], "quote", None, f"quoted: {r['speaker'] or 'unknown speaker'}"))
    return marks


def _paragraphs(body: str, marks: list[Mark]) -> list[str]:
    """The body as <p> paragraphs (split at blank lines), with marks as links or spans.
    Quotes wrap what is inside them; other marks never overlap (the first wins)."""
    out = []
    pos = 0
    for para in body.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        inner = [m for m in marks if m.kind != "quote" and start <= m.start and m.end <= end]
        inner.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mark] = []
        for m in inner:
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        quotes = sorted((m for m in marks if m.kind == "quote" and m.start < end and m.end > start),
                        key=lambda m: m.start)
        out.append(f"<p>{_render_span(body, start, end, kept, quotes)}</p>")
    return out


def _render_span(body: str, start: int, end: int, kept: list[Mark], quotes: list[Mark]) -> str:
    # boundaries: quote opens/closes (clipped to the paragraph) and inner marks, nested properly
    events: list[tuple[int, int, str]] = []
    for q in quotes:
        qs, qe = max(q.start, start), min(q.end, end)
        inside = [m for m in kept if qs <= m.start and m.end <= qe]
        straddle = [m for m in kept if m not in inside and m.start < qe and m.end > qs]
        for m in straddle:
            kept.remove(m)
        events.append((qs, 0, f'<span class="quote" title="{escape(q.title)}">'))
        events.append((qe, 2, "</span>"))
    html = []
    cursor = start
    marks = sorted(kept, key=lambda m: m.start)
    points = sorted(events + [(m.start, 1, m) for m in marks], key=lambda e: (e[0], e[1]))
    i = 0
    while i < len(points):
        at, order, what = points[i]
        if at > cursor:
            html.append(text(body[cursor:at]))
            cursor = at
        if isinstance(what, Mark):
            html.append(_a(what.href, text(body[what.start:what.end]), what.kind, what.title))
            cursor = what.end
        else:
            html.append(what)
        i += 1
    if cursor < end:
        html.append(text(body[cursor:end]))
    return "".join(html)


def _event_list(heading: str, events, links: Links) -> str:
    return f"<h3>{heading}</h3><ul>" + "".join(
        f"<li>{text(r['date_start'] or 'undated')} · {text(r['type'])}: "
        f"{_a(links.href('events', r['id']), text(r['summary']))}</li>" for r in events) + "</ul>"


def _article_lists(conn, article_id: str, links: Links) -> list[str]:
    parts = []
    people = _rows(conn, """select p.id, p.name, count(*) as n from person_mentions m join people p on p.id = m.person_id
                            where m.article_id = ? group by p.id order by min(m.start)""", (article_id,))
    if people:
        parts.append("<h3>People</h3><ul>" + "".join(
            f"<li>{_a(links.href('people', r['id']), text(r['name']), 'person')} ({r['n']})</li>" for r in people)
            + "</ul>")
    if _has(conn, "event_reports"):
        events = _rows(conn, """select distinct e.id, e.type, e.date_start, e.summary from event_reports r
                                join events e on e.id = r.event_id where r.article_id = ? order by r.start""",
                       (article_id,))
        if events:
            parts.append(_event_list("Events reported", events, links))
    if _has(conn, "quotes"):
        quotes = _rows(conn, "select * from quotes where article_id = ? order by start", (article_id,))
        if quotes:
            parts.append("<h3>Quotations</h3><ul>" + "".join(
                f"<li>{_a(links.href('people', r['person_id']), text(r['speaker'] or 'unknown'), 'person')}: "
                f"<q>{text(r['text'])}</q></li>" for r in quotes) + "</ul>")
    if _has(conn, "figures"):
        figures = _rows(conn, "select * from figures where article_id = ? order by start", (article_id,))
        if figures:
            parts.append("<h3>Figures</h3><table><tr><th>as written</th><th>value</th><th>unit</th>"
                         "<th>qualifier</th><th>change</th><th>as of</th></tr>" + "".join(
                             f"<tr><td>{text(r['text'])}</td><td>{r['value']:,.6g}</td><td>{text(r['unit'])}</td>"
                             f"<td>{text(r['qualifier'])}</td><td>{text(r['change'])}</td>"
                             f"<td>{text(r['as_of'])}</td></tr>" for r in figures) + "</table>")
    return parts


# ---------------------------------------------------------------- person

def person(conn: sqlite3.Connection, person_id: str, links: Links) -> str | None:
    p = _one(conn, "select * from people where id = ?", (person_id,))
    if p is None:
        return None
    parts = ['<article class="dispatch">', f"<h2>{text(p['name'])}</h2>"]
    aliases = [r["alias"] for r in _rows(conn, "select alias from person_aliases where person_id = ? order by alias",
                                         (person_id,))]
    parts.append(f'<p class="meta">{text(p["country"] or "country not stated")} · named in '
                 f'{p["article_count"]} article(s), {p["mention_count"]} time(s) · written as '
                 f'{", ".join(text(a) for a in aliases)}</p>')
    roles = _rows(conn, """select r.*, a.title as article_title from roles r join articles a on a.id = r.article_id
                           where r.person_id = ? order by coalesce(r.as_of, '9999'), r.title""", (person_id,))
    if roles:
        parts.append("<h3>Roles over time</h3><table><tr><th>as of</th><th>title</th><th>of</th><th></th>"
                     "<th>source</th></tr>" + "".join(
                         f"<tr><td>{text(r['as_of'] or 'undated')}</td><td>{text(r['title'])}</td>"
                         f"<td>{text(r['of'])}</td><td>{'former' if r['former'] else ''}</td>"
                         f"<td>{_a(links.href('articles', r['article_id']), text(r['article_title'] or r['article_id']))}</td></tr>"
                         for r in roles) + "</table>")
    if _has(conn, "event_participants"):
        events = _rows(conn, """select e.* from events e join event_participants ep on ep.event_id = e.id
                                where ep.person_id = ? order by coalesce(e.date_start, '9999')""", (person_id,))
        if events:
            parts.append(_event_list("Events", events, links))
    quotes = _rows(conn, """select q.*, a.title as article_title, a.published from quotes q
                            join articles a on a.id = q.article_id where q.person_id = ?
                            order by coalesce(a.published, '9999'), q.start""", (person_id,))
    if quotes:
        parts.append("<h3>Quotations</h3><ul>" + "".join(
            f"<li><q>{text(r['text'])}</q> — "
            f"{_a(links.href('articles', r['article_id']), text(r['article_title'] or r['article_id']))}"
            f" ({text(r['published'] or 'undated')})</li>" for r in quotes) + "</ul>")
    articles = _rows(conn, """select distinct a.id, a.title, a.published from person_mentions m
                              join articles a on a.id = m.article_id where m.person_id = ?
                              order by coalesce(a.published, '9999')""", (person_id,))
    if articles:
        parts.append("<h3>Articles</h3><ul>" + "".join(
            f"<li>{text(r['published'] or 'undated')} · "
            f"{_a(links.href('articles', r['id']), text(r['title'] or r['id']))}</li>" for r in articles) + "</ul>")
    parts.append("</article>")
    return "\n".join(parts)


# ---------------------------------------------------------------- event

def event(conn: sqlite3.Connection, event_id: str, links: Links) -> str | None:
    e = _one(conn, """select e.*, p.name as place from events e left join places p on p.id = e.place_id
                      where e.id = ?""", (event_id,))
    if e is None:
        return None
    when = text(e["date_start"] or "undated") + (f" to {text(e['date_end'])}" if e["date_end"] else "")
    parts = ['<article class="dispatch">', f"<h2>{text(e['type'].replace('_', ' '))}: {when}</h2>"]
    people = _rows(conn, """select p.id, p.name from event_participants ep join people p on p.id = ep.person_id
                            where ep.event_id = ? order by p.name""", (event_id,))
    meta = [f"reported by {e['article_count']} article(s) from {e['outlet_count']} source(s)"]
    if e["place"]:
        meta.append(f"in {text(e['place'])}")
    if people:
        meta.append("with " + ", ".join(_a(links.href("people", r["id"]), text(r["name"]), "person") for r in people))
    parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    parts.append(f"<p>{text(e['summary'])}</p>")
    if e["date_basis"]:
        parts.append(f'<p class="basis">Date: {text(e["date_basis"])}</p>')
    reports = _rows(conn, """select r.*, a.title, a.published, a.estimated_published, a.seed_file, o.name as outlet
                             from event_reports r join articles a on a.id = r.article_id
                             left join outlets o on o.id = a.outlet_id
                             where r.event_id = ? order by coalesce(a.published, a.estimated_published, '9999'),
                             a.id, r.start""", (event_id,))
    parts.append('<h3>How each source reports it</h3><div class="reports">')
    by_article: dict[str, list] = {}
    for r in reports:
        by_article.setdefault(r["article_id"], []).append(r)
    for aid, group in by_article.items():
        first = group[0]
        date = first["published"] or (f"estimated {first['estimated_published']}" if first["estimated_published"]
                                       else "no date stated")
        sentences = "".join(f"<blockquote>{text(r['text'])}</blockquote>"
                            + (f'<p class="basis">date words: “{text(r["date_text"])}”</p>' if r["date_text"] else "")
                            for r in group)
        parts.append(f'<section class="report"><h4>{text(first["outlet"] or first["seed_file"])}</h4>'
                     f'<p class="meta">{text(date)} · '
                     f'{_a(links.href("articles", aid), text(first["title"] or aid))}</p>{sentences}</section>')
    parts.append("</div></article>")
    return "\n".join(parts)


PAGES = {"articles": article, "people": person, "events": event}


def page(title: str, body: str, css: str, extra_head: str = "") -> str:
    """A whole HTML document around a fragment (for the static bundle)."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{escape(css)}">{extra_head}</head>'
            f"<body>{body}</body></html>\n")


__all__ = ["Links", "site_links", "bundle_links", "article", "person", "event", "PAGES", "page", "text", "Markup"]

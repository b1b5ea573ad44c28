"""Search that leads somewhere: ``/-/search`` (datasette-search-all's page, whose template
``site/templates/search_all.html`` replaces the plugin's) answers on the server, in a
fixed order of sections (people, articles, quotes, events), each hit linking to its reader
page with a highlighted FTS5 ``snippet()`` instead of the whole body.

The words typed are searched as words: ``China's``, ``U.S.`` or an odd quote mark are
quoted (:func:`fts_query`) instead of reaching FTS5 as syntax and failing."""
from __future__ import annotations

from datasette import hookimpl
from datasette.database import QueryInterrupted

from dispatches.render import article_label
import re
from urllib.parse import quote

HITS = 10
OPEN, CLOSE = "\x01", "\x02"          # snippet markers; split out again below, never shown

SECTIONS = (
    {"table": "articles", "heading": "Articles", "fts": "articles_fts",
     "sql": f"""select a.id, {article_label()} as label, a.published as date,
                      snippet(articles_fts, 1, char(1), char(2), '…', 24) as snippet
               from articles_fts join articles a on a.rowid = articles_fts.rowid
               where articles_fts match :q order by rank limit :n"""},
    {"table": "quotes", "heading": "Quotations", "fts": "quotes_fts",
     "sql": f"""select q.article_id as id, {article_label()} as label, a.published as date,
                      q.speaker, q.person_id,
                      snippet(quotes_fts, 0, char(1), char(2), '…', 24) as snippet
               from quotes_fts join quotes q on q.rowid = quotes_fts.rowid join articles a on a.id = q.article_id
               where quotes_fts match :q order by rank limit :n"""},
    {"table": "events", "heading": "Events", "fts": "events_fts",
     "sql": f"""select e.id, e.type || ': ' || coalesce(e.date_start, 'undated') as label, e.date_start as date,
                      snippet(events_fts, 0, char(1), char(2), '…', 24) as snippet
               from events_fts join events e on e.rowid = events_fts.rowid
               where events_fts match :q order by rank limit :n"""},
)
LINKED = {"articles": "articles", "quotes": "articles", "events": "events"}
PEOPLE_SQL = """select distinct p.id, p.name as label, p.country, p.article_count from person_aliases a
                join people p on p.id = a.person_id where a.alias in (:q, :titled)
                order by p.article_count desc limit :n"""


TERM = re.compile(r'"([^"]*)"|([^\s"]+)')


def fts_query(q: str) -> str:
    """``q`` as FTS5 phrases that all must occur: "quoted words" stay one phrase, every other
    run of non-space characters is one (so ``China's`` and ``U.S.`` are words, not syntax);
    an unclosed quote is closed, and pieces with no letter or digit are left out."""
    if q.count('"') % 2:
        q += '"'
    phrases = []
    for quoted, word in TERM.findall(q):
        text = " ".join((quoted or word).split())
        if re.search(r"\w", text):
            phrases.append(f'"{text}"')
    return " ".join(phrases)


def highlighted(snippet: str | None) -> list[dict]:
    """A snippet as pieces ``{"text", "mark"}`` for the template to escape and highlight."""
    pieces = []
    for i, part in enumerate((snippet or "").split(OPEN)):
        inside, _, after = part.partition(CLOSE) if i else ("", "", part)
        if inside:
            pieces.append({"text": inside, "mark": True})
        if after:
            pieces.append({"text": after, "mark": False})
    return pieces


async def run(db, sql: str, params: dict) -> tuple[list[dict], str | None]:
    try:
        return [dict(r) for r in (await db.execute(sql, params)).rows], None
    except QueryInterrupted:
        return [], "took too long"
    except Exception as error:                 # noqa: BLE001 - shown, not raised
        return [], str(error)


async def search(datasette, name: str, q: str) -> list[dict]:
    """The sections for query ``q`` on database ``name``, always in the same order."""
    db = datasette.get_database(name)
    tables = set(await db.table_names())
    base = datasette.urls.database(name)
    words = " ".join(q.split())
    sections = []
    if {"people", "person_aliases"} <= tables:
        hits, error = await run(db, PEOPLE_SQL, {"q": words, "titled": words.title(), "n": HITS})
        sections.append({"table": "people", "heading": "People", "url": f"{base}/people", "error": error,
                         "count": len(hits), "hits": [{**h, "href": f"{base}/people/{quote(h['id'], safe='')}", "pieces": []}
                                                      for h in hits]})
    fts = fts_query(words)
    for section in SECTIONS:
        if section["fts"] not in tables:
            continue
        hits, error, count = [], None, []
        if fts:
            hits, error = await run(db, section["sql"], {"q": fts, "n": HITS})
            count, _ = await run(db, f"select count(*) as n from {section['fts']} where {section['fts']} match :q",
                                 {"q": fts})
        sections.append({
            "table": section["table"], "heading": section["heading"], "url": f"{base}/{section['table']}",
            "error": error, "count": count[0]["n"] if count else 0,
            "hits": [{**h, "href": f"{base}/{LINKED[section['table']]}/{quote(h['id'], safe='')}",
                      "speaker_href": f"{base}/people/{quote(h['person_id'], safe='')}" if h.get("person_id") else None,
                      "pieces": highlighted(h["snippet"])} for h in hits]})
    return sections


@hookimpl
def extra_template_vars(template, datasette, request):
    if template != "search_all.html" or request is None:
        return {}

    async def inner():
        q = (request.args.get("q") or "").strip()
        name = next((n for n in datasette.databases if not n.startswith("_")), None)
        if not q or name is None:
            return {"sections": None}
        return {"sections": await search(datasette, name, q)}
    return inner

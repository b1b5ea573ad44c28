"""The dataset's front page: the data behind ``site/templates/index.html`` and
``database.html`` (what the dataset holds, when and from what it was built, the latest
articles, the people most mentioned, events by month, and where to go next).

Every query reads an index and stops at a LIMIT, so the page costs the same at 100,000
articles as at ten (timed in benchmarks/site_speed.py)."""
from __future__ import annotations

import datetime as dt
import os

from datasette import hookimpl
from datasette.database import QueryInterrupted

from dispatches.render import article_label

LATEST = 8           # latest articles listed
PEOPLE = 12          # people most mentioned
MONTHS = 24          # months of events shown, ending with the latest dated event
MAIN_TABLES = ("articles", "people", "events", "quotes", "figures", "places", "organizations")

LATEST_SQL = f"""select id, {article_label("articles")} as title, published from articles where published is not null
                order by published desc limit :n"""
PEOPLE_SQL = """select id, name, country, article_count from people
                order by article_count desc limit :n"""
LAST_MONTH_SQL = """select substr(max(date_start), 1, 7) as month from events where date_start is not null"""
MONTHS_SQL = """select substr(date_start, 1, 7) as month, count(*) as n from events
                where date_start >= :since and date_start < :until and length(date_start) >= 7
                group by month order by month"""
FILES_SQL = "select status, count(*) as n from seed_files group by status order by status"


def month_before(month: str, count: int) -> str:
    """The month ``count`` months before ``month`` (both YYYY-MM)."""
    year, mon = int(month[:4]), int(month[5:7])
    total = year * 12 + (mon - 1) - count
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def every_month(found: list[dict]) -> list[dict]:
    """The months from the first to the last found, with 0 for those without events."""
    if not found:
        return []
    counts = {m["month"]: m["n"] for m in found}
    out, month, last = [], found[0]["month"], found[-1]["month"]
    while month <= last:
        out.append({"month": month, "n": counts.get(month, 0)})
        month = month_before(month, -1)
    return out


def pick_database(datasette, database: str | None) -> str | None:
    """The database the front page describes: the one asked for, else the first with articles."""
    names = [database] if database else list(datasette.databases)
    return next((n for n in names if n in datasette.databases and not n.startswith("_")), None)


async def rows(db, sql: str, params: dict | None = None) -> list[dict]:
    try:
        result = await db.execute(sql, params or {})
    except (QueryInterrupted, Exception):      # a database without our tables still gets a page
        return []
    return [dict(r) for r in result.rows]


async def front(datasette, name: str, actor) -> dict | None:
    """Everything the front page shows, from the database ``name``."""
    db = datasette.get_database(name)
    if "articles" not in await db.table_names():
        return None
    counts = await db.table_counts(limit=10)      # as Datasette's own index page: a slow count is left out
    hidden = set(await db.hidden_table_names())
    files = await rows(db, FILES_SQL)
    last = await rows(db, LAST_MONTH_SQL)
    end = last[0]["month"] if last else None
    months = []
    if end and len(end) == 7:
        months = await rows(db, MONTHS_SQL, {"since": month_before(end, MONTHS - 1),
                                                 "until": month_before(end, -1)})
    months = every_month(months)
    top = max((m["n"] for m in months), default=0)
    built = None
    if db.path and os.path.exists(db.path):
        built = dt.datetime.fromtimestamp(os.path.getmtime(db.path), dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    queries = await datasette.get_canned_queries(name, actor)
    return {
        "database": name,
        "built": built,
        "counts": {t: counts.get(t) for t in MAIN_TABLES if t in counts},
        "tables": [{"name": t, "count": counts[t]} for t in sorted(counts) if t not in hidden],
        "files": sum(f["n"] for f in files),
        "not_built": sum(f["n"] for f in files if f["status"] != "ok"),
        "latest": await rows(db, LATEST_SQL, {"n": LATEST}),
        "people": await rows(db, PEOPLE_SQL, {"n": PEOPLE}),
        "months": [{**m, "width": round(100 * m["n"] / top, 1) if top else 0} for m in months],
        "queries": [{"name": q_name, "title": q.get("title") or q_name} for q_name, q in queries.items()],
        "has_feed": "latest_articles" in queries,
    }


@hookimpl
def extra_template_vars(template, database, datasette, request):
    if template not in ("index.html", "database.html"):
        return {}

    async def inner():
        name = pick_database(datasette, database)
        actor = request.actor if request else None
        return {"front": await front(datasette, name, actor) if name else None}
    return inner

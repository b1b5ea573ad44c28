"""Datasette timings on a large database: every configured facet, table pages, a row
page, search and a canned query.

    .venv/bin/python benchmarks/site_speed.py --from /tmp/dispatches-bench/build-10000/dispatches.db \\
        --articles 100000 [--out /tmp/dispatches-bench/big.db]

The large database is made from a built one by copying every article, with every row
that hangs off it (captions, mentions, roles, quotes, figures, event reports), under new
ids (suffix ~k) until there are --articles of them; people, places, organisations and events are
kept, so facet counts grow as they would. Each URL is fetched in process with the
project's metadata.yml, 5 times; the median is printed. For each table, its page
computes every configured facet; a facet that misses Datasette's default 200 ms limit
is left out of the page's facet_results, and is reported as timed out.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

import sqlite_utils
import yaml
from datasette.app import Datasette

from dispatches.cli import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
HANGING = ["captions", "person_mentions", "organization_mentions", "place_mentions", "roles", "quotes", "figures",
           "event_reports", "undated_event_reports"]


def grow(source: Path, out: Path, target: int) -> None:
    shutil.copyfile(source, out)
    conn = sqlite3.connect(out)
    have = conn.execute("select count(*) from articles").fetchone()[0]
    copies = max(0, -(-target // have) - 1)
    conn.execute("pragma foreign_keys = off")
    cols = {t: [r[1] for r in conn.execute(f"pragma table_info([{t}])")] for t in ["seed_files", "articles", *HANGING]
            if conn.execute("select 1 from sqlite_master where name = ?", (t,)).fetchone()}
    # the originals are the first rows of each table: copy them by rowid range, not by
    # scanning the growing table for ids without a suffix (quadratic from a small source)
    last = {t: conn.execute(f"select max(rowid) from [{t}]").fetchone()[0] or 0 for t in cols}
    for k in range(1, copies + 1):
        suffix = f"~{k}"
        def sel(table, renames):
            return ", ".join(f"[{c}] || '{suffix}'" if c in renames else f"[{c}]" for c in cols[table])
        conn.execute(f"insert into seed_files select {sel('seed_files', {'path', 'sha256'})} from seed_files "
                     f"where rowid <= {last['seed_files']}")
        conn.execute(f"insert into articles select {sel('articles', {'id', 'seed_file'})} from articles "
                     f"where rowid <= {last['articles']}")
        for table in HANGING:
            if table in cols:
                conn.execute(f"insert into [{table}] select {sel(table, {'id', 'article_id'})} from [{table}] "
                             f"where rowid <= {last[table]}")
    conn.execute(f"delete from articles where rowid in (select rowid from articles order by rowid desc "
                 f"limit max(0, (select count(*) from articles) - {target}))")
    conn.commit()
    conn.close()
    db = sqlite_utils.Database(out)
    for table in ("articles", "quotes", "events"):
        if db[table].detect_fts():
            db[table].rebuild_fts()
    db.vacuum()


async def timings(db_path: Path, repeat: int) -> None:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette([str(db_path)], immutables=[], metadata=metadata, template_dir=str(ROOT / "site" / "templates"),
                   plugins_dir=str(ROOT / "site" / "plugins"), settings=SETTINGS)
    await ds.invoke_startup()
    tables = metadata["databases"]["dispatches"]["tables"]
    # A table page computes all its configured facets; one that does not answer within
    # Datasette's facet time limit (200 ms) is left out of facet_results.
    slow = []
    for table, spec in tables.items():
        wanted = [f["array"] if isinstance(f, dict) else f for f in spec.get("facets") or []]
        if not wanted:
            continue
        times, missing = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            r = await ds.client.get(f"/dispatches/{table}.json?_size=0")
            times.append(1000 * (time.perf_counter() - t))
            got = r.json().get("facet_results") or {}
            missing = [f for f in wanted if f not in got]
        flag = f"  TIMED OUT: {missing}" if missing else ""
        print(f"{statistics.median(times):8.1f} ms  {table}: {len(wanted)} facet(s) {', '.join(wanted)}{flag}",
              flush=True)
        slow += [f"{table}.{f}" for f in missing]
    urls = []
    first_article = (await ds.get_database("dispatches").execute("select id from articles limit 1")).first()[0]
    db = ds.get_database("dispatches")
    first_person = (await db.execute("select id from people order by article_count desc limit 1")).first()[0]
    first_event = (await db.execute("select id from events order by article_count desc limit 1")).first()[0]
    urls += [("front page /", "/"),
             ("database page /dispatches", "/dispatches"),
             ("search all /-/search?q=minister", "/-/search?q=minister"),
             ("search with an apostrophe (China's)", "/-/search?q=China%27s"),
             ("row page person (reader page)", f"/dispatches/people/{first_person}"),
             ("row page event (reader page)", f"/dispatches/events/{first_event}"),
             ("atom feed latest_articles", "/dispatches/latest_articles.atom"),
             ("table page articles (HTML, all facets)", "/dispatches/articles"),
             ("table page events (HTML, all facets)", "/dispatches/events"),
             ("table page figures (HTML, all facets)", "/dispatches/figures"),
             ("row page article (reader page)", f"/dispatches/articles/{first_article}"),
             ("search articles", "/dispatches/articles?_search=minister"),
             ("canned query figures_over_time", "/dispatches/figures_over_time.json?unit=troops&what="),
             ("csv articles (first page)", "/dispatches/articles.csv")]
    for label, url in urls:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            r = await ds.client.get(url)
            times.append(1000 * (time.perf_counter() - t))
            assert r.status_code == 200, (url, r.status_code)
        print(f"{statistics.median(times):8.1f} ms  {label}", flush=True)
    print(f"{len(slow)} facet(s) timed out" + (f": {slow}" if slow else ""))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="source", type=Path, required=True)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/dispatches-bench/big/dispatches.db"),
                    help="where to write the large database (its file name is the database name: keep dispatches.db)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.out.exists() or sqlite3.connect(args.out).execute("select count(*) from articles").fetchone()[0] \
            != args.articles:
        args.out.unlink(missing_ok=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        grow(args.source, args.out, args.articles)
        print(f"made {args.out} ({args.out.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - t:.0f} s")
    n = sqlite3.connect(args.out).execute("select count(*) from articles").fetchone()[0]
    print(f"{n:,} articles; median of {args.repeat} requests each:")
    asyncio.run(timings(args.out, args.repeat))


if __name__ == "__main__":
    main()

"""Loopback load test: concurrent clients against the served site.

    .venv/bin/python benchmarks/load_test.py [--db site/dispatches.db] [--clients 50] [--seconds 30]

Starts `dispatches serve` on a free local port, then runs --clients concurrent clients
for --seconds (bounded: each client stops at the deadline, and at most 100,000 requests
are sent in all). Each client loops over a mix of table pages with facets, row pages
(reader pages), full-text search, CSV and JSON exports and a custom SQL query. Prints
requests, requests/s, p50/p95/max latency per kind and overall, and every error.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 100_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mix(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    articles = [r[0] for r in conn.execute("select id from articles order by random() limit 50")]
    people = [r[0] for r in conn.execute("select id from people order by article_count desc limit 20")]
    events = [r[0] for r in conn.execute("select id from events limit 20")]
    sql = quote("select type, count(*) as n from events group by type order by n desc")
    urls = [("table+facets", "/dispatches/articles"), ("table+facets", "/dispatches/events"),
            ("table+facets", "/dispatches/figures?_facet=unit"), ("table+facets", "/dispatches/people?country=China"),
            ("search", "/dispatches/articles?_search=minister"), ("search", "/-/search?q=talks"),
            ("csv", "/dispatches/figures.csv"), ("json", "/dispatches/events.json?_shape=array"),
            ("sql", f"/dispatches?sql={sql}")]
    urls += [("row", f"/dispatches/articles/{quote(a, safe='')}") for a in articles]
    urls += [("row", f"/dispatches/people/{quote(p, safe='')}") for p in people]
    urls += [("row", f"/dispatches/events/{quote(e, safe='')}") for e in events]
    return urls


async def client(base: str, urls, deadline: float, results, errors, counter, rng: random.Random) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.perf_counter() < deadline and counter[0] < MAX_REQUESTS:
            kind, url = rng.choice(urls)
            counter[0] += 1
            t = time.perf_counter()
            try:
                r = await http.get(url)
                ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, exc
            results[kind].append(time.perf_counter() - t)
            if not ok:
                errors.append(f"{url}: {getattr(r, 'status_code', r)}")


async def load(base: str, urls, clients: int, seconds: float) -> None:
    results: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    counter = [0]
    deadline = time.perf_counter() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(client(base, urls, deadline, results, errors, counter, random.Random(i))
                           for i in range(clients)))
    elapsed = time.perf_counter() - start
    every = [x for xs in results.values() for x in xs]

    def line(label, xs):
        q = statistics.quantiles(xs, n=100, method="inclusive") if len(xs) > 1 else xs * 99
        return (f"{label:14s} {len(xs):6d} requests  p50 {1000 * q[49]:7.1f} ms  p95 {1000 * q[94]:7.1f} ms  "
                f"max {1000 * max(xs):7.1f} ms")
    print(f"{clients} clients, {elapsed:.1f} s: {len(every)} requests, {len(every) / elapsed:.1f} requests/s, "
          f"{len(errors)} errors")
    for kind in sorted(results):
        print(line(kind, results[kind]))
    print(line("all", every))
    for e in errors[:20]:
        print("ERROR", e)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "site" / "dispatches.db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args(argv)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dispatches", "serve", "--db", str(args.db), "-p", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        asyncio.run(load(base, mix(args.db), args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()

"""What a reader sees, in real headless Chromium (Debian's `chromium`, driven by Playwright):
the served site and the static bundle, built from the seeds plus one hostile scrape whose
text holds <script>, <img onerror>, javascript: links and Markdown tricks.

Skipped, with the reason, where Chromium or Playwright is absent; `.ci/run` installs both."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from conftest import ROOT, SEEDS
from dispatches import cli, export, pipeline

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine "
                                "(apt-get install chromium, or set CHROMIUM=/path/to/chrome)")

# Four tags in prose: below ingest's "HTML page saved as .txt" threshold, so it is built as text.
HOSTILE = """ date 2024-01-02 
Council minutes <b onmouseover="window.__pwned = 5">row</b> over pasted code

A council meeting on Monday heard that <script>window.__pwned = 1; alert("x")</script> had been pasted into the minutes by Mayor John Smith, who said the text had to go before Friday.

The clerk said <img src=x onerror="window.__pwned = 2; alert(2)"> and [click me](javascript:window.__pwned=3) and <svg onload="window.__pwned = 4"> and **bold** claims were found, and 12 residents attended the meeting.
"""
UNSAFE_SNIPPETS = ['<script>window.__pwned = 1; alert("x")</script>', '<img src=x onerror="window.__pwned = 2; alert(2)">',
                   "[click me](javascript:window.__pwned=3)", '<svg onload="window.__pwned = 4">', "**bold**"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copyfile(path, seeds / path.name)
    (seeds / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "dispatches.db"
    pipeline.run(seeds, db)
    return db


@pytest.fixture(scope="module")
def site(built):
    port = free_port()
    args = cli.datasette_args(built, ROOT / "metadata.yml", ROOT / "site")
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", *args, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        wait_for(f"http://127.0.0.1:{port}/-/versions.json")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def bundle(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "site"
    export.export(built, out, ROOT / "metadata.yml", ROOT / "site" / "static" / "dispatches.css")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", "-d", str(out), "--bind", "127.0.0.1", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html")
        yield f"http://127.0.0.1:{port}", out
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def assert_no_script_ran(page):
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []


# ---------------------------------------------------------------- the served site

def test_facet_click_narrows_the_table(page, site):
    page.goto(f"{site}/dispatches/articles")
    before = page.locator("h3").filter(has_text=re.compile(r"\d+ rows")).first.inner_text()
    assert before.startswith("7 rows")
    page.locator(".facet-info a", has_text="The Moscow Times").first.click()
    page.wait_for_url(re.compile(r"outlet_id=the-moscow-times"))
    after = page.locator("h3").filter(has_text=re.compile(r"\d+ rows")).first.inner_text()
    assert after.startswith("2 rows")


def test_article_page_highlights_people_that_link_to_their_page(page, site):
    page.goto(f"{site}/dispatches/articles/2023-04-17-china-minister-hails-strong-russia-ties-in-putin-meeting")
    people = page.locator("article.dispatch .body a.person")
    assert people.count() >= 5
    assert page.locator("article.dispatch .body a.place").count() >= 5
    assert page.locator("article.dispatch .body span.quote").count() >= 4
    first = people.first
    name = first.get_attribute("title")
    first.click()
    page.wait_for_url(re.compile(r"/dispatches/people/"))
    assert page.locator("article.dispatch h2").inner_text() == name
    assert page.locator("article.dispatch h3", has_text="Roles").count() == 1


def test_event_page_shows_each_source(page, site):
    page.goto(f"{site}/dispatches/events?type=meeting&article_count=3")
    page.locator("table.rows-and-columns tbody tr td a").first.click()
    page.wait_for_url(re.compile(r"/dispatches/events/"))
    assert page.locator("section.report").count() == 3


def test_csv_link_downloads(page, site):
    page.goto(f"{site}/dispatches/figures")
    with page.expect_download() as info:
        page.locator("a", has_text=re.compile(r"^CSV$")).first.click(modifiers=["Alt"])
    path = info.value.path()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,article_id,") and ",value,unit," in lines[0]
    assert any(",1500000.0,troops," in line for line in lines[1:])      # "a total of 1.5 million" troops


def test_hostile_text_is_shown_as_text_on_the_site(page, site, built):
    import sqlite3
    [(article_id,)] = sqlite3.connect(built).execute("select id from articles where seed_file = 'zz_hostile.txt'")
    href = f"/dispatches/articles/{article_id}"
    for path in ("/dispatches/articles", "/dispatches/articles?seed_file=zz_hostile.txt", "/dispatches/articles.csv",
                 "/dispatches/event_reports", "/dispatches/figures", "/-/search?q=minutes",
                 "/dispatches/search_everything?q=minutes", f"/dispatches/articles?_search=minutes"):
        page.goto(site + path)
        assert_no_script_ran(page)
    page.goto(site + href)
    body = page.locator("article.dispatch .body").inner_text()
    for snippet in UNSAFE_SNIPPETS:
        assert snippet in body
    assert page.locator("article.dispatch a[href^='javascript']").count() == 0
    assert page.locator("article.dispatch img, article.dispatch script").count() == 0
    assert_no_script_ran(page)


# ---------------------------------------------------------------- the pages a reader lands on

def test_home_page_leads_to_articles_people_events_map_and_queries(page, site):
    page.goto(site + "/")
    for name, pattern in (("latest article", r"/dispatches/articles/[^/]+$"), ("person", r"/dispatches/people/[^/]+$"),
                          ("events of a month", r"/dispatches/events\?date_start__startswith="),
                          ("map", r"/dispatches/places$"), ("canned query", r"/dispatches/figures_over_time$"),
                          ("feed", r"/dispatches/latest_articles\.atom$"), ("inputs", r"/dispatches/seed_files$")):
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert any(re.search(pattern, h) for h in hrefs), name
    page.locator(".front section", has_text="Latest articles").locator("a[href*='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/dispatches/articles/"))
    assert page.locator("article.dispatch .body").count() == 1
    page.goto(site + "/")
    page.locator(".front section", has_text="People most mentioned").locator("a").first.click()
    page.wait_for_url(re.compile(r"/dispatches/people/"))
    assert page.locator("article.dispatch h3", has_text="Roles").count() == 1
    page.goto(site + "/")
    page.locator(".months a.month").first.click()
    page.wait_for_url(re.compile(r"date_start__startswith="))
    assert page.locator("table.rows-and-columns tbody tr").count() >= 1


def test_search_hit_leads_to_its_reader_page_and_shows_a_snippet(page, site):
    page.goto(site + "/")
    page.fill(".front-search input[type=search]", "Putin")
    page.press(".front-search input[type=search]", "Enter")
    page.wait_for_url(re.compile(r"/-/search\?q=Putin"))
    sections = page.eval_on_selector_all("section.search-section", "els => els.map(e => e.id)")
    assert sections == ["results-people", "results-articles", "results-quotes", "results-events"]
    hit = page.locator("#results-articles .search-hit").first
    assert hit.locator("mark").first.inner_text() == "Putin"
    assert len(hit.locator(".snippet").inner_text()) < 400          # a snippet, not the body
    title = hit.locator("a.hit").inner_text()
    hit.locator("a.hit").click()
    page.wait_for_url(re.compile(r"/dispatches/articles/"))
    assert page.locator("article.dispatch h2").inner_text() == title.replace("(untitled) ", "") or title.startswith("(untitled)")
    for q in ("China's", "U.S.", '"no limits', '"'):
        page.goto(site + "/-/search?q=" + quote(q))
        assert page.locator("section.search-section").count() == 4, q
        assert page.locator("p.error").count() == 0, q


def test_person_roles_are_distinct_and_headed(page, site):
    page.goto(site + "/dispatches/people/vladimir-putin")
    roles = page.locator("table.roles td.role").all_inner_texts()
    assert roles and len(roles) == len(set(roles))
    headers = page.locator("table.roles th").all_inner_texts()
    assert all(h.strip() for h in headers)
    # dates stay on one line
    for cell in page.locator("table.roles .date").all():
        box = cell.bounding_box()
        assert box["height"] < 30


def test_chart_has_one_unit_and_no_undated_x(page, site, built):
    import json
    import sqlite3
    conn = sqlite3.connect(built)
    [(unit,)] = conn.execute("select unit from figures where as_of is not null and unit is not null "
                             "and coalesce(change, 'level') = 'level' group by unit order by count(*) desc, unit limit 1")
    chart = ("#g.mark=circle&g.x_column=as_of&g.x_type=temporal&g.y_column=value&g.y_type=quantitative"
             "&g.color_column=what")
    page.goto(f"{site}/dispatches/figures_over_time?unit={quote(unit)}&what={chart}")
    page.wait_for_selector(".vega-embed canvas, .vega-embed svg", timeout=15000)
    rows = json.loads(page.request.get(f"{site}/dispatches/figures_over_time.json?unit={quote(unit)}"
                                       f"&what=&_shape=array").text())
    assert rows and {r["unit"] for r in rows} == {unit}
    assert all(r["as_of"] for r in rows)
    assert all(r["change"] in (None, "level") for r in rows)
    # the query's own description links only to charts that colour by `what` and never stack bars
    page.goto(f"{site}/dispatches/figures_over_time?unit={quote(unit)}&what=")
    for href in page.eval_on_selector_all(".metadata-description a[href*='g.mark']", "els => els.map(e => e.href)"):
        assert "g.mark=bar" not in href and "g.color_column=what" in href and "g.x_type=temporal" in href


def test_hostile_text_stays_inert_on_the_new_pages(page, site, built):
    import sqlite3
    conn = sqlite3.connect(built)
    [(article_id,)] = conn.execute("select id from articles where seed_file = 'zz_hostile.txt'")
    people = [pid for (pid,) in conn.execute("select distinct person_id from person_mentions where article_id = ?",
                                            (article_id,))]
    events = [eid for (eid,) in conn.execute("select distinct event_id from event_reports where article_id = ?",
                                            (article_id,))]
    paths = ["/", "/dispatches", "/-/search?q=minutes", "/-/search?q=pwned", "/-/search?q=script",
             "/-/search?q=" + quote('<script>alert(1)</script>'), "/dispatches/latest_articles",
             "/dispatches/undated_figures?unit=residents", "/dispatches/figures_over_time?unit=residents&what="]
    paths += [f"/dispatches/people/{p}" for p in people] + [f"/dispatches/events/{e}" for e in events]
    for path in paths:
        page.goto(site + path)
        assert_no_script_ran(page)
        assert page.locator("a[href^='javascript']").count() == 0, path
    page.goto(site + "/")
    assert page.locator(".front", has_text='<b onmouseover="window.__pwned = 5">row</b>').count() == 1
    feed = page.request.get(site + "/dispatches/latest_articles.atom").text()
    assert "<script>window.__pwned" not in feed and "&lt;script&gt;window.__pwned" in feed


# ---------------------------------------------------------------- the static bundle

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def test_every_bundle_link_resolves(page, bundle):
    base, out = bundle
    page.goto(f"{base}/index.html")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    internal = [h for h in hrefs if h.startswith(base)]
    assert len(internal) > 40
    for h in internal:
        assert page.request.get(h).status == 200, h
    # and every page of the bundle refers only to files that exist
    pages = list(out.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        parser = Links()
        parser.feed(path.read_text(encoding="utf-8"))
        for link in parser.found:
            parsed = urlparse(link)
            if parsed.scheme or link.startswith("#"):
                assert parsed.scheme in ("http", "https"), (path, link)   # only Datasette Lite is outside
                continue
            assert not link.startswith("/"), (path, link)                    # relative links only
            target = Path(os.path.normpath(path.parent / parsed.path))
            assert target.exists(), (path, link)


def test_bundle_pages_show_hostile_text_as_text(page, bundle):
    base, out = bundle
    [hostile] = [p for p in (out / "articles").glob("*.html") if "council" in p.name]
    page.goto(f"{base}/articles/{hostile.name}")
    body = page.locator("article.dispatch .body").inner_text()
    for snippet in UNSAFE_SNIPPETS:
        assert snippet in body
    assert_no_script_ran(page)
    page.goto(f"{base}/index.html")
    assert_no_script_ran(page)
    for folder in ("people", "events"):
        for path in sorted((out / folder).glob("*.html")):
            page.goto(f"{base}/{folder}/{path.name}")
            assert_no_script_ran(page)


def test_bundle_person_page_lists_each_role_once(page, bundle):
    base, out = bundle
    page.goto(f"{base}/people/vladimir-putin.html")
    roles = page.locator("table.roles td.role").all_inner_texts()
    assert roles and len(roles) == len(set(roles))


def test_bundle_is_small_and_complete(bundle):
    _, out = bundle
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert size < 10_000_000
    for name in ("index.html", "dispatches.db", "datapackage.json", "metadata.json", "data/articles.csv",
                 "data/events.json"):
        assert (out / name).exists(), name

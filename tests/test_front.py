"""The pages a reader lands on, in process: the front page, search, the person page's
roles, the Atom feed, number formatting and the article body's marks (no browser; the
Chromium tests are in test_browser.py)."""
from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT, SEEDS, run_async
from dispatches import render
from dispatches.cli import SETTINGS


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


# ---------------------------------------------------------------- formatting

@pytest.mark.parametrize("value, shown", [
    (180000.0, "180,000"), (1500000.0, "1.5 million"), (2400000, "2.4 million"), (3_200_000_000.0, "3.2 billion"),
    (2.5, "2.5"), (12, "12"), (0, "0"), (-45000, "-45,000"), (1234567, "1,234,567"), (None, ""),
])
def test_numbers_read_as_a_reader_writes_them(value, shown):
    assert render.number(value) == shown


def test_paragraph_marks_nest_inside_quotes_and_never_overlap():
    body = 'Ann Lee said "Paris is calm" today.\n\nBob spoke.'
    marks = [render.Mark(0, 7, "person", "/p/ann-lee", "Ann Lee"),
             render.Mark(14, 19, "place", "/pl/paris", "Paris"),
             render.Mark(14, 27, "quote", None, "quoted: Ann Lee"),
             render.Mark(4, 10, "person", None, "overlaps the first")]
    paras = render.paragraphs(body, marks)
    assert len(paras) == 2
    first = paras[0]
    assert first[0] == {"kind": "person", "href": "/p/ann-lee", "title": "Ann Lee", "text": "Ann Lee"}
    quote = next(n for n in first if n.get("kind") == "quote")
    assert [c.get("text") for c in quote["children"]] == ["Paris", " is calm"]
    assert quote["children"][0]["kind"] == "place"
    assert "".join(n.get("text", "") if n.get("kind") != "quote" else "".join(c["text"] for c in n["children"])
                   for n in first) == body.split("\n\n")[0]
    assert paras[1] == [{"text": "Bob spoke."}]


def test_templates_escape_what_the_data_holds(tmp_path):
    env = render.environment()
    data = {"kind": "person", "title": "<b>x</b>", "person": {"country": "<i>", "article_count": 1,
                                                              "mention_count": 2}, "aliases": ["<script>"],
            "roles": [], "events": [], "quotes": [{"text": "<img src=x onerror=1>", "date": None,
                                                    "article": {"href": "a.html", "label": "<t>", "kind": ""}}],
            "articles": []}
    html = env.get_template("dispatches/person.html").render(reader=data)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<script>" not in html and "<img" not in html


# ---------------------------------------------------------------- front page

def test_front_page_leads_to_articles_people_events_map_queries_and_downloads(get):
    html = get("/").text
    links = hrefs(html)
    assert any(h.startswith("/dispatches/articles/") for h in links)          # latest articles' reader pages
    assert any(h.startswith("/dispatches/people/") for h in links)            # people most mentioned
    assert any(h.startswith("/dispatches/events?date_start__startswith=") for h in links)   # events by month
    for target in ("/dispatches/articles", "/dispatches/people", "/dispatches/events", "/dispatches/places",
                   "/dispatches/seed_files", "/dispatches.db", "/dispatches/latest_articles.atom", "/-/search",
                   "/dispatches/figures_over_time", "/dispatches/events_between"):
        assert target in links, target
    assert "Built " in html and "from" in html
    assert 'type="application/atom+xml"' in html


def test_front_page_says_how_many_files_were_not_built(build):
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    _, db = build({"a.txt": seed, "b.txt": "", "c.txt": "\x00\x01binary\x00" * 20})
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(db)], metadata=metadata, settings=SETTINGS,
                   template_dir=str(ROOT / "site" / "templates"), plugins_dir=str(ROOT / "site" / "plugins"))

    async def fetch():
        await ds.invoke_startup()
        return (await ds.client.get("/")).text
    html = run_async(fetch())
    assert "3 scraped files" in html
    assert re.search(r'href="/dispatches/seed_files\?status__not=ok">2 not built', html)


def test_database_page_is_the_front_page_too(get):
    html = get("/dispatches").text
    assert "People most mentioned" in html and "Latest articles" in html
    assert "/dispatches/figures_over_time" in html          # Datasette's own list of queries stays


def test_front_page_queries_read_indexes_not_whole_tables(seeds_db):
    import importlib.util
    spec = importlib.util.spec_from_file_location("front", ROOT / "site" / "plugins" / "dispatches_front.py")
    front = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(front)
    conn = sqlite3.connect(seeds_db)
    for sql, params in ((front.LATEST_SQL, {"n": 5}), (front.PEOPLE_SQL, {"n": 5}),
                        (front.MONTHS_SQL, {"since": "2023-01", "until": "2024-01"}), (front.LAST_MONTH_SQL, {})):
        plan = " | ".join(r[3] for r in conn.execute(f"explain query plan {sql}", params))
        assert not re.search(r"SCAN (articles|people|events)(?! USING (COVERING )?INDEX)", plan), (sql, plan)
        assert "TEMP B-TREE FOR ORDER BY" not in plan.replace("RIGHT PART OF ORDER BY", ""), (sql, plan)


def test_month_arithmetic():
    import importlib.util
    spec = importlib.util.spec_from_file_location("front", ROOT / "site" / "plugins" / "dispatches_front.py")
    front = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(front)
    assert front.month_before("2024-02", 3) == "2023-11"
    assert front.month_before("2024-12", -1) == "2025-01"
    assert [m["month"] for m in front.every_month([{"month": "2023-11", "n": 2}, {"month": "2024-02", "n": 1}])] \
        == ["2023-11", "2023-12", "2024-01", "2024-02"]


# ---------------------------------------------------------------- search

SECTION_ORDER = ["people", "articles", "quotes", "events"]


@pytest.mark.parametrize("q", ["Putin", "China's", "U.S.", '"no limits', "defense minister", "'", '"', "a.b.c"])
def test_search_answers_in_a_fixed_order_without_failing(get, q):
    from urllib.parse import quote
    r = get(f"/-/search?q={quote(q)}")
    assert r.status_code == 200
    assert "failed" not in r.text
    assert re.findall(r'id="results-(\w+)"', r.text) == SECTION_ORDER


def test_search_hits_link_to_reader_pages_with_a_highlighted_snippet(get):
    html = get("/-/search?q=Putin").text
    hits = re.findall(r'<a class="hit" href="([^"]+)"', html)
    assert hits and all(re.match(r"/dispatches/(articles|people|events)/[^/?#]+$", h) for h in hits)
    assert "<mark>Putin</mark>" in html
    assert "/dispatches/people/vladimir-putin" in hits
    # a snippet, not the whole body: no hit block is longer than a few lines
    blocks = re.findall(r'<div class="snippet">(.*?)</div>', html, re.S)
    assert blocks and max(len(re.sub("<[^>]+>", "", b)) for b in blocks) < 400


def test_search_for_an_apostrophe_word_finds_it(get):
    html = get("/-/search?q=China%27s").text
    assert re.search(r"Articles <span class=\"meta\">\(([1-9]\d*)\)", html)


# ---------------------------------------------------------------- person page and feed

def test_person_roles_are_each_listed_once_with_first_and_last_dates(seeds_db):
    conn = sqlite3.connect(seeds_db)
    [(pid,)] = conn.execute("select person_id from roles group by person_id order by count(*) desc limit 1")
    roles = render.roles(conn, pid, render.site_links())
    keys = [(r["title"], r["of"], r["former"]) for r in roles]
    assert len(keys) == len(set(keys))
    stated = conn.execute("select count(distinct title || '|' || coalesce(of, '') || '|' || former) from roles "
                          "where person_id = ?", (pid,)).fetchone()[0]
    assert len(roles) == stated
    for r in roles:
        dates = [d for (d,) in conn.execute("select as_of from roles where person_id = ? and title = ? and "
                                            "coalesce(of, '') = ? and former = ? and as_of is not null",
                                            (pid, r["title"], r["of"] or "", int(r["former"])))]
        assert (r["first"], r["last"]) == ((min(dates), max(dates)) if dates else (None, None))
        assert r["articles"]


def test_person_page_has_no_blank_headers(get):
    html = get("/dispatches/people/vladimir-putin").text
    table = re.search(r'<table class="roles">.*?</table>', html, re.S).group(0)
    assert "<th></th>" not in table
    assert table.count('<td class="role">') == len(set(re.findall(r'<td class="role">(.*?)</td>', table)))


def test_atom_feed_lists_the_latest_articles(get, seeds_db):
    r = get("/dispatches/latest_articles.atom")
    assert r.status_code == 200
    feed = ET.fromstring(r.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    dated = sqlite3.connect(seeds_db).execute("select count(*) from articles where published is not null").fetchone()[0]
    assert len(entries) == min(dated, 50)
    for e in entries:
        assert e.find("a:link", ns).get("href").startswith("/dispatches/articles/")
        assert e.find("a:content", ns).get("type") == "text"


def test_table_cells_format_numbers(get):
    html = get("/dispatches/figures?_sort=value").text
    assert "1.5 million" in html and "180,000" in html
    assert "180000.0" not in html


@pytest.mark.parametrize("typed, query", [
    ("China's", '"China\'s"'), ("U.S. troops", '"U.S." "troops"'), ('"no limits" pact', '"no limits" "pact"'),
    ('"no limits', '"no limits"'), ('"', ""), ("'", ""), ("  ", ""), ("AND OR NOT", '"AND" "OR" "NOT"'),
    ("a*b (c)", '"a*b" "(c)"'),
])
def test_typed_words_become_fts5_phrases(typed, query):
    import importlib.util
    spec = importlib.util.spec_from_file_location("search", ROOT / "site" / "plugins" / "dispatches_search.py")
    search = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search)
    assert search.fts_query(typed) == query


# ---------------------------------------------------------------- the data contract as a page

def test_markdown_html_renders_tables_and_keeps_raw_html_as_text():
    html = str(render.markdown_html("| a | b |\n|---|---|\n| `x` | <script>alert(1)</script> |\n\n"
                                    "[bad](javascript:alert(1)) and [good](https://example.org)"))
    assert "<table>" in html and "<code>x</code>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and 'href="https://example.org"' in html


def test_schema_page_is_served_and_linked_from_the_front_page(get):
    page = get("/-/schema")
    assert page.status_code == 200
    assert "<table>" in page.text and "<code>articles</code>" in page.text    # the tables of docs/schema.md
    assert "/-/schema" in hrefs(get("/").text)


def test_schema_page_says_when_there_is_no_contract(tmp_path):
    assert render.schema_page(tmp_path / "absent.md") is None


def test_event_page_is_titled_as_a_reader_says_it_and_names_sources_without_an_outlet(seeds_db):
    """The seeds' meeting (three files, one of which names no outlet) reads "Meeting: …" with
    its participants' surnames, and every source has a heading, never a file name."""
    conn = sqlite3.connect(seeds_db)
    conn.row_factory = sqlite3.Row
    (event_id,) = conn.execute("""select e.id from events e where e.type = 'meeting' and e.date_start = '2023-04-16'
                                  and e.article_count = 3""").fetchone()
    data = render.event(conn, event_id, render.site_links("/dispatches"))
    assert data["title"].startswith("Meeting: ") and "Putin" in data["title"] and "2023" in data["title"]
    headings = [s["outlet"] for s in data["sources"]]
    assert len(headings) == 3 and all(headings) and not any(h.endswith(".txt") for h in headings)

"""A rebuild starts from a copy of the last database and changes only the rows that
differ; the result must be the database a full build writes, search tables included."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import FIXTURES, SEEDS
from dispatches import load, pipeline, resolve
from test_rebuild import canonical

SEARCHES = {"articles": ["president", "minister", "china"], "quotes": ["we", "not"], "events": ["meeting", "visit"]}


def searched(db: Path) -> dict:
    """What full-text search finds, by id, for a few words; and FTS5's own check that
    each search table matches its content table."""
    conn = sqlite3.connect(db)
    out = {}
    for table, words in SEARCHES.items():
        conn.execute(f"insert into [{table}_fts]([{table}_fts]) values ('integrity-check')")
        for word in words:
            out[table, word] = sorted(r[0] for r in conn.execute(
                f"select t.id from [{table}] t join [{table}_fts] f on f.rowid = t.rowid "
                f"where [{table}_fts] match ?", [word]))
    return out


def counted_syncs(monkeypatch, scopes: dict | None = None) -> dict[str, int]:
    """Rows each table's sync changed; ``scopes`` gets the article ids each per-article
    table was compared for."""
    changed: dict[str, int] = {}
    real = load.sync

    def spy(db, table, rows, scope=None):
        if scopes is not None and scope is not None:
            scopes[table] = scope[1]
        changed[table] = real(db, table, rows, scope)
        return changed[table]

    monkeypatch.setattr(load, "sync", spy)
    return changed


def edit_one_file(seeds: Path) -> Path:
    """Change one sentence of one file's article (a new figure and a new person)."""
    path = sorted(seeds.glob("*.txt"))[1]
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    paragraphs.insert(5, "Maria Okonkwo, the port's director, said 1,200 containers were stuck.")   # in the body
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def test_a_one_file_rebuild_changes_few_rows_and_equals_a_full_build(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for extra in sorted((FIXTURES / "events" / "seeds").glob("*.txt"))[:4]:
        shutil.copyfile(extra, seeds / f"zz_{extra.name}")
    pipeline.run(seeds, tmp_path / "site.db")
    rows_before = sum(len(r) for r in canonical(tmp_path / "site.db").values())
    edit_one_file(seeds)
    edited_file = sorted(p.name for p in seeds.glob("*.txt"))[1]      # the file edit_one_file edited
    before = article_ids(tmp_path / "site.db", edited_file)
    events_before = event_ids(tmp_path / "site.db", before)
    scopes: dict = {}
    changed = counted_syncs(monkeypatch, scopes)
    pipeline.run(seeds, tmp_path / "site.db")
    monkeypatch.undo()
    pipeline.run(seeds, tmp_path / "full.db", cache_path=None)

    assert changed, "the rebuild did not start from the last database"
    edited = before | article_ids(tmp_path / "site.db", edited_file)
    assert set(scopes) == set(load.PER_ARTICLE) | set(load.PER_EVENT)
    assert all(scopes[table] == edited for table in load.PER_ARTICLE), "only the edited file's articles are looked at"
    touched = events_before | event_ids(tmp_path / "site.db", edited)
    assert touched and all(scopes[table] == touched for table in load.PER_EVENT), \
        "only the events the edited article reports, before or after the edit, are looked at"
    assert len(touched) < len(event_ids(tmp_path / "site.db", article_ids(tmp_path / "site.db", None))) / 2
    assert 0 < sum(changed.values()) < rows_before / 10
    assert changed["seed_files"] == 2 and changed["outlets"] == 0      # one row out, its new version in
    assert canonical(tmp_path / "site.db") == canonical(tmp_path / "full.db")
    assert searched(tmp_path / "site.db") == searched(tmp_path / "full.db")
    conn = sqlite3.connect(tmp_path / "site.db")
    assert conn.execute("select count(*) from people where name = 'Maria Okonkwo'").fetchone()[0] == 1
    assert conn.execute("select count(*) from figures where text like '1,200%'").fetchone()[0] == 1


def article_ids(db: Path, seed_file: str | None) -> set[str]:
    """The ids of the articles of one file (of all files: None)."""
    return {r[0] for r in sqlite3.connect(db).execute("select id from articles where ? is null or seed_file = ?",
                                                      [seed_file, seed_file])}


def event_ids(db: Path, articles: set[str]) -> set[str]:
    """The events that ``articles`` report."""
    return {r[0] for r in sqlite3.connect(db).execute(
        "select distinct event_id from event_reports where article_id in (select value from json_each(?))",
        [json.dumps(sorted(articles))])}


@pytest.mark.parametrize("change", ["a person's name", "whom a name refers to", "a place's name"])
def test_an_unchanged_article_whose_people_resolve_otherwise_is_rewritten(tmp_path, monkeypatch, change):
    """The rows of an article depend on how its names resolve across the corpus, which
    other files can change: then they are written again, though its file is the same."""
    pipeline.run(SEEDS, tmp_path / "site.db")
    real = resolve.resolve

    def otherwise(articles, reuse=None):
        out = real(articles, reuse)
        if change == "a person's name":
            for person in out.persons.values():
                person.name = f"{person.name} Jr"
        elif change == "a place's name":                  # no article's own rows change: events' titles do
            for place in out.places.values():
                place.name = f"{place.name} City"
        else:                                             # the first article's people are one person
            first = min(out.persons)
            for i, key in [k for k in out.person_of if k[0] == 0]:
                out.person_of[i, key] = first
        return out
    monkeypatch.setattr(pipeline.resolve, "resolve", otherwise)
    pipeline.run(SEEDS, tmp_path / "site.db")
    pipeline.run(SEEDS, tmp_path / "full.db", cache_path=None)
    assert canonical(tmp_path / "site.db") == canonical(tmp_path / "full.db")
    conn = sqlite3.connect(tmp_path / "site.db")
    if change == "a person's name":
        assert conn.execute("select count(*) from quotes where speaker like '% Jr'").fetchone()[0] > 0
    elif change == "a place's name":
        assert conn.execute("select count(*) from events where title like '% City, %'").fetchone()[0] > 0
    else:
        assert conn.execute("select count(distinct person_id) from person_mentions where article_id = "
                            "(select id from articles order by seed_file, position limit 1)").fetchone()[0] == 1


def test_removing_a_file_removes_its_rows_and_search_entries(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    pipeline.run(seeds, tmp_path / "site.db")
    sorted(seeds.glob("*.txt"))[0].unlink()
    pipeline.run(seeds, tmp_path / "site.db")
    pipeline.run(seeds, tmp_path / "full.db", cache_path=None)
    assert canonical(tmp_path / "site.db") == canonical(tmp_path / "full.db")
    assert searched(tmp_path / "site.db") == searched(tmp_path / "full.db")


@pytest.mark.parametrize("previous", ["other tables", "damaged", "not sqlite", "empty"])
def test_a_previous_database_it_cannot_start_from_is_written_anew(tmp_path, monkeypatch, previous):
    target = tmp_path / "site.db"
    if previous == "other tables":
        sqlite3.connect(target).execute("create table articles (id text primary key, body text)")
    elif previous == "damaged":
        pipeline.run(SEEDS, target)
        data = bytearray(target.read_bytes())
        data[4096:8192] = b"\x07" * 4096
        target.write_bytes(bytes(data))
    elif previous == "not sqlite":
        target.write_text("not a database")
    else:
        target.write_bytes(b"")
    changed = counted_syncs(monkeypatch)
    pipeline.run(SEEDS, target)
    assert not changed
    monkeypatch.undo()
    pipeline.run(SEEDS, tmp_path / "full.db", cache_path=None)
    assert canonical(target) == canonical(tmp_path / "full.db")


def test_sync_deletes_changed_and_gone_rows_and_inserts_new_ones(tmp_path):
    db = load.sqlite_utils.Database(tmp_path / "t.db")
    load.create_tables(db)
    load.index(db)
    row = {"id": "a", "seed_file": "f.txt", "position": 0, "body": "The mayor spoke.", "title": "Old"}
    load.fast(db)["articles"].insert_all([row, {**row, "id": "b", "title": "Kept"}, {**row, "id": "c"}])
    db.execute("insert into articles_fts (rowid, title, body) select rowid, title, body from articles")
    assert load.sync(db, "articles", [{**row, "title": "New"}, {**row, "id": "b", "title": "Kept"},
                                      {**row, "id": "d", "title": "Added"}]) == 4   # a out and in, c out, d in
    assert sorted(db.execute("select id, title from articles").fetchall()) == [("a", "New"), ("b", "Kept"),
                                                                              ("d", "Added")]
    db.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
    found = {r[0] for r in db.execute("select a.id from articles a join articles_fts f on f.rowid = a.rowid "
                                      "where articles_fts match 'new OR added OR old'")}
    assert found == {"a", "d"}


def report(at: int, date: str = "2024-05-03"):
    from dispatches.records import EventReport
    return EventReport("meeting", at, at + 20, "They met on Friday.", "met", at + 5, "they met", date, None,
                       "on Friday", "stated")


def meeting(*reports, date: str = "2024-05-03"):
    from dispatches.events import Event
    return Event("meeting", date, None, "stated", None, "they met", [], list(reports))


def plan(events, stored=None):
    resolved = resolve.Resolved({}, {}, {}, {}, events)
    return load.plan_events(["art-a", "art-b", "art-c"], ["da", "db", "dc"], resolved, stored)


def as_stored(p) -> dict:
    return {d: (eid, *key) for eid, d, key in zip(p.ids, p.digests, p.keys)}


def test_an_event_plan_writes_only_new_events_and_those_whose_id_moved():
    first = [meeting((0, report(10))), meeting((1, report(10)), date="2024-06-01")]
    full = plan(first)
    assert full.write == [0, 1] and full.stale is None                  # a first build writes every event
    assert plan(first, as_stored(full)).write == [] and plan(first, as_stored(full)).stale == set()
    # a new event with the same title ("Meeting — 3 May 2024"), first in order, takes the plain slug:
    # it is written, and so is the event whose id moved; the other stays as it is
    newer = [meeting((2, report(40))), *first]
    again = plan(newer, as_stored(full))
    assert again.ids[0] == full.ids[0] and again.ids[1] != full.ids[0]
    assert again.write == [0, 1] and again.stale == {again.ids[0], again.ids[1]}
    assert again.titles.keys() == {0, 1}                                 # a kept event's title is not made again
    # an event gone: its stored id is compared (its rows deleted)
    gone = plan(first[:1], as_stored(full))
    assert gone.write == [] and gone.stale == {full.ids[1]}


def test_events_that_share_a_report_are_always_written():
    shared = report(10)
    events = [meeting((0, shared)), meeting((0, shared), date="2024-06-01"), meeting((1, report(70)))]
    p = plan(events)
    assert plan(events, as_stored(p)).write == [0, 1]

"""Attacks and bad input from issue 15: links out of the seeds folder, pipes and devices,
out-of-range dates. Each reproduces the attack; none may stop a build or leak a file."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from dispatches import dates, pipeline

ARTICLE = ("Ministers Agree New Grain Corridor\n\nBy Jane Doe\n\n"
           "Officials from three countries agreed on Thursday to reopen a grain corridor, "
           "the foreign ministry said in a statement.\n\n"
           "The deal covers shipments through the end of the year, officials said.\n")
SECRET = "Top Secret Ledger Entry\n\nThe vault code is kept by the treasurer, the bank said on Monday.\n"
posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links, pipes and devices are POSIX")


def seed_rows(db: Path) -> dict[str, tuple[str, str | None]]:
    return {p: (s, r) for p, s, r in sqlite3.connect(db).execute("select path, status, reason from seed_files")}


def all_text(db: Path) -> str:
    conn = sqlite3.connect(db)
    return " ".join(str(v) for row in conn.execute("select * from articles") for v in row)


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE)
    return folder


@pytest.fixture
def link_out(seeds, tmp_path) -> Path:
    """``seeds/secret.txt``, a link to a file outside the seeds folder."""
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET)
    (seeds / "secret.txt").symlink_to(outside)
    return seeds / "secret.txt"


@posix_only
def test_link_out_of_the_seeds_folder_is_not_read(seeds, tmp_path, link_out):
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    status, reason = seed_rows(db)["secret.txt"]
    assert status == "rejected" and "outside the seeds folder" in reason and "--follow-links" in reason
    assert "vault code" not in all_text(db)
    assert seed_rows(db)["good.txt"][0] == "ok"


@posix_only
def test_follow_links_reads_a_link_out_when_asked(seeds, tmp_path, link_out):
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None, follow_links=True)
    assert seed_rows(db)["secret.txt"][0] != "rejected"


@posix_only
def test_link_inside_the_seeds_folder_is_read(seeds, tmp_path):
    (seeds / "alias.txt").symlink_to(seeds / "good.txt")
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    rows = seed_rows(db)
    assert {rows["alias.txt"][0], rows["good.txt"][0]} == {"ok", "duplicate"}


@posix_only
@pytest.mark.parametrize("follow", [False, True])
def test_pipe_and_device_are_refused_without_reading(seeds, tmp_path, follow):
    """A FIFO would hang the build and /dev/zero would fill memory; both are refused."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (seeds / "fifo.txt").symlink_to(fifo)
    (seeds / "zero.txt").symlink_to("/dev/zero")
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None, follow_links=follow)
    rows = seed_rows(db)
    assert rows["fifo.txt"][0] == rows["zero.txt"][0] == "rejected"
    if follow:
        assert "named pipe" in rows["fifo.txt"][1] and "character device" in rows["zero.txt"][1]
    assert rows["good.txt"][0] == "ok"


@posix_only
def test_broken_link_and_linked_folder_get_a_row(seeds, tmp_path):
    (seeds / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_text(SECRET)
    (seeds / "more").symlink_to(elsewhere)
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    rows = seed_rows(db)
    assert rows["gone.txt"] == ("rejected", "broken symbolic link (its target does not exist)")
    assert rows["more"][0] == "rejected" and "folder" in rows["more"][1]
    assert "more/other.txt" not in rows


def test_folder_named_like_a_scrape_is_walked(seeds, tmp_path):
    inner = seeds / "batch.txt"
    inner.mkdir()
    (inner / "story.txt").write_text(ARTICLE.replace("Grain", "Rice"))
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    assert seed_rows(db)["batch.txt/story.txt"][0] == "ok"


@pytest.mark.parametrize("stated, words", [
    ("9999-12-31", "The ministers will meet again next week, officials said."),
    ("9999-12-31", "The talks resume next year, officials said."),
    ("0001-01-01", "The ministers met yesterday, officials said."),
    ("0001-01-01", "The ministers met last year, officials said."),
])
def test_date_past_the_calendar_fails_one_mention_not_the_build(stated, words):
    import datetime as dt
    found = dates.find(words, dt.date.fromisoformat(stated))
    assert len(found) == 1
    assert found[0].date_start is None and "outside the calendar" in found[0].basis


def test_dates_inside_the_calendar_still_resolve():
    import datetime as dt
    found = dates.find("The ministers met yesterday, officials said.", dt.date(2024, 3, 5))
    assert found[0].date_start == "2024-03-04"


def test_build_with_an_extreme_date_line_writes_the_database(seeds, tmp_path):
    (seeds / "late.txt").write_text(" date 9999-12-31 \n\n" + ARTICLE.replace("on Thursday", "next week"))
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    assert seed_rows(db)["late.txt"][0] == "ok"


def test_overlong_body_is_kept_unread_and_said_so(seeds, tmp_path, monkeypatch):
    """A body past the NLP stage's limit once raised spaCy's E088 (or ran for minutes,
    gigabytes deep) and no database was written. Now it is kept, unread, with a reason."""
    monkeypatch.setattr(pipeline, "MAX_BODY_CHARS", 2_000)
    paragraphs = [f"Officials from ministry number {n} met grain traders in the capital on Monday and "
                  f"agreed on a plan for depot {n}, the agency said in a statement. " * 3 for n in range(12)]
    (seeds / "long.txt").write_text("A Long Report On Grain\n\n" + "\n\n".join(paragraphs))
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    status, reason = seed_rows(db)["long.txt"]
    assert status == "ok" and "over the 2,000" in reason and "kept" in reason
    conn = sqlite3.connect(db)
    long_id, = conn.execute("select id from articles where seed_file = 'long.txt'").fetchone()
    assert conn.execute("select count(*) from person_mentions where article_id = ?", [long_id]).fetchone()[0] == 0
    assert conn.execute("select count(*) from figures where article_id = ?", [long_id]).fetchone()[0] == 0
    assert seed_rows(db)["good.txt"] == ("ok", None)


def test_impossible_date_line_is_said_so(seeds, tmp_path):
    (seeds / "odd.txt").write_text(" date 2023-02-30 \n\n" + ARTICLE.replace("Grain", "Wheat"))
    (seeds / "fine.txt").write_text(" date 2023-02-28 \n\n" + ARTICLE.replace("Grain", "Barley"))
    db = tmp_path / "d.db"
    pipeline.run(seeds, db, cache_path=None)
    rows = seed_rows(db)
    assert rows["odd.txt"][0] == "ok" and "2023-02-30 names no real day" in rows["odd.txt"][1]
    assert rows["fine.txt"] == ("ok", None)
    conn = sqlite3.connect(db)
    assert conn.execute("select published from articles where seed_file = 'odd.txt'").fetchone() == (None,)
    assert conn.execute("select published from articles where seed_file = 'fine.txt'").fetchone() == ("2023-02-28",)


def crafted_database(path: Path, built: Path) -> Path:
    import shutil
    shutil.copyfile(built, path)
    conn = sqlite3.connect(path)
    conn.execute("create table notes (id integer primary key, text text, value real)")
    conn.executemany("insert into notes values (?, ?, ?)", [
        (1, "=HYPERLINK(\"http://evil.example\",\"click\")", -1.5),
        (2, "+1+1", 2.0), (3, "-2+3", None), (4, "@SUM(A1)", None), (5, "plain words", None)])
    conn.execute('create table "../../escaped" (id integer)')
    conn.execute('create table "x]; drop table notes; --" (id integer)')
    conn.commit()
    conn.close()
    return path


def test_export_refuses_unsafe_table_names_and_defuses_formulas(tmp_path, seeds_db):
    from dispatches import export
    db = crafted_database(tmp_path / "crafted.db", seeds_db)
    out = tmp_path / "deep" / "er" / "public"
    export.export(db, out, None, None)
    assert not (tmp_path / "deep" / "escaped.csv").exists()
    assert not list(tmp_path.rglob("escaped*"))
    written = {p.name for p in (out / "data").iterdir()}
    assert {"notes.csv", "notes.json", "articles.csv"} <= written
    assert not any("escaped" in name or "drop" in name for name in written)
    import csv as csvlib
    rows = list(csvlib.reader((out / "data" / "notes.csv").open(encoding="utf-8")))
    cells = [r[1] for r in rows[1:]]
    assert cells == ["'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1+1", "'-2+3", "'@SUM(A1)", "plain words"]
    assert rows[1][2] == "-1.5"                          # a number stays a number
    import json as jsonlib
    assert jsonlib.loads((out / "data" / "notes.json").read_text())[0]["text"].startswith("=HYPERLINK")


WORKER_BUILD = """
import sys, time
from pathlib import Path
from dispatches import pipeline
def slow(*args):
    time.sleep(120)
pipeline.PARALLEL_MIN = 1
pipeline.read_all = slow
pipeline.run(Path(sys.argv[1]), Path(sys.argv[2]), cache_path=None, jobs=2)
"""


def children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_build_is_killed(seeds, tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from conftest import ROOT
    proc = subprocess.Popen([sys.executable, "-c", WORKER_BUILD, str(seeds), str(tmp_path / "d.db")], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while len(workers := children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 2
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while any(Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1][:3]
                  for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
        assert alive == []
    finally:
        if proc.poll() is None:
            proc.kill()

"""Bad input gets a clear status and reason in seed_files; nothing else is lost."""
from __future__ import annotations

import os
import sqlite3

import pytest

ARTICLE = ("Ministers Agree New Grain Corridor\n\nBy Jane Doe\n\n"
           "Officials from three countries agreed on Thursday to reopen a grain corridor, "
           "the foreign ministry said in a statement.\n\n"
           "The deal covers shipments through the end of the year, officials said.\n")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def rows(db):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return {r["path"]: dict(r) for r in conn.execute("select * from seed_files")}


@pytest.mark.parametrize("name, content, status, reason_part", [
    ("empty.txt", b"", "empty", "empty"),
    ("blank.txt", b"  \n\t\n \xc2\xa0 \n", "empty", "whitespace"),
    ("nul.txt", b"some text\x00\x00\x01 more", "rejected", "NUL"),
    ("image.txt", PNG, "rejected", "PNG"),
    ("notes.pdf", b"%PDF-1.4 ...", "rejected", "not a .txt file"),
    ("page.txt", b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "rejected", "HTML"),
    ("garbage.txt", b"\x81\x8d\x8f\x90\x9d" * 20, "rejected", "not valid UTF-8"),
    ("boiler.txt", "Support Our Newsroom!\nContribute today\n\nRead more\n\nSign up for our newsletter\n",
     "empty", "boilerplate"),
])
def test_bad_file_is_recorded_and_others_still_build(build, name, content, status, reason_part):
    result, db = build({name: content, "good.txt": ARTICLE})
    got = rows(db)
    assert got[name]["status"] == status
    assert reason_part.lower() in got[name]["reason"].lower()
    assert got[name]["article_count"] == 0
    assert got["good.txt"]["status"] == "ok" and got["good.txt"]["article_count"] == 1
    titles = [r[0] for r in sqlite3.connect(db).execute("select title from articles")]
    assert titles == ["Ministers Agree New Grain Corridor"]


def test_cp1252_is_decoded_and_said_so(build):
    text = ARTICLE.replace("Thursday", "Thursday \u2013 \u201cfinally\u201d")
    _, db = build({"win.txt": text.encode("cp1252")})
    row = rows(db)["win.txt"]
    assert row["status"] == "ok" and row["encoding"] == "cp1252"
    assert "cp1252" in row["reason"]
    body = sqlite3.connect(db).execute("select body from articles").fetchone()[0]
    assert "\u2013 \u201cfinally\u201d" in body


@pytest.mark.parametrize("encoding, prefix", [("utf-16", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")])
def test_unicode_encodings_decode(build, encoding, prefix):
    text = ARTICLE.replace("Jane Doe", "Zoë Łukasz")
    _, db = build({"a.txt": prefix + text.encode(encoding)})
    row = rows(db)["a.txt"]
    assert row["status"] == "ok" and row["reason"] is None
    byline, body = sqlite3.connect(db).execute("select byline, body from articles").fetchone()
    assert byline == "By Zoë Łukasz"
    assert not body.startswith("\ufeff")


def test_duplicate_content_is_recorded(build):
    result, db = build({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("\n", "\r\n")})
    got = rows(db)
    assert got["a.txt"]["status"] == "ok"
    assert got["b.txt"]["status"] == "duplicate" and "a.txt" in got["b.txt"]["reason"]
    assert sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0] == 1


def test_unreadable_file_is_recorded(build, tmp_path):
    (tmp_path / "seeds").mkdir()
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "seeds" / "dangling.txt")
    _, db = build({"good.txt": ARTICLE})
    row = rows(db)["dangling.txt"]
    assert row["status"] == "rejected" and "broken symbolic link" in row["reason"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_permission_is_recorded(build, tmp_path):
    (tmp_path / "seeds").mkdir()
    locked = tmp_path / "seeds" / "locked.txt"
    locked.write_text(ARTICLE)
    locked.chmod(0)
    _, db = build({"good.txt": ARTICLE.replace("Grain", "Rice")})
    assert rows(db)["locked.txt"]["status"] == "rejected"


def test_too_large_file_is_rejected(build, tmp_path):
    from dispatches import pipeline
    seeds = tmp_path / "big"
    seeds.mkdir()
    (seeds / "big.txt").write_text(ARTICLE * 50)
    result = pipeline.run(seeds, tmp_path / "big.db", max_bytes=1000)
    assert result.seeds[0].status == "rejected" and "limit" in result.seeds[0].reason


def test_all_files_bad_still_gives_a_valid_database(build):
    result, db = build({"a.txt": b"", "b.txt": PNG})
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from articles").fetchone()[0] == 0
    assert {r[0] for r in conn.execute("select status from seed_files")} == {"empty", "rejected"}
    assert len(result.rejected) == 2


def test_hidden_files_are_ignored(build):
    _, db = build({".DS_Store": b"\x00\x01", "a.txt": ARTICLE})
    assert set(rows(db)) == {"a.txt"}


def test_fifty_megabyte_file_is_rejected_without_reading_it_into_memory(build, tmp_path):
    big = ("A line of a very long scrape that goes on and on without end. " * 16 + "\n").encode()
    (tmp_path / "seeds").mkdir()
    with open(tmp_path / "seeds" / "huge.txt", "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(big) + 1):
            fh.write(big)
    result, db = build({"good.txt": ARTICLE})
    row = rows(db)["huge.txt"]
    assert row["status"] == "rejected" and "limit" in row["reason"] and row["bytes"] > 50_000_000
    assert row["sha256"] and len(row["sha256"]) == 64
    assert rows(db)["good.txt"]["status"] == "ok"


def test_file_that_changes_during_the_build_is_flagged(tmp_path):
    from dispatches import pipeline
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE)
    (seeds / "b.txt").write_text(ARTICLE.replace("Grain", "Rice"))

    def edit_after_reading(seed):
        if seed.path == "a.txt":            # someone saves a new version while the build runs
            (seeds / "a.txt").write_text(ARTICLE + "\nA late correction was appended to the story today by the desk.\n")
    result = pipeline.run(seeds, tmp_path / "x.db", progress=edit_after_reading)
    got = rows(tmp_path / "x.db")
    assert got["a.txt"]["status"] == "changed" and "build again" in got["a.txt"]["reason"]
    assert got["a.txt"]["article_count"] == 1 and got["b.txt"]["status"] == "ok"
    assert [s.path for s in result.rejected] == ["a.txt"]


def test_seed_paths_in_sorted_path_order_without_hidden_entries(tmp_path):
    """Names sorted as paths sort (code points: capitals first, "a10" before "a2"), folders
    walked in place, hidden files and folders left out, a link to a folder only when asked."""
    from dispatches.ingest import iter_seed_paths
    names = ["b.txt", "B.txt", "a2.txt", "a10.txt", "a b.txt", "é.txt", ".hidden.txt", "z.md"]
    for name in names:
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "e.txt").write_text("x")
    (tmp_path / "linked").symlink_to(outside, target_is_directory=True)
    got = [p.relative_to(tmp_path).as_posix() for p in iter_seed_paths(tmp_path)]
    assert got == ["B.txt", "a b.txt", "a10.txt", "a2.txt", "b.txt", "linked", "sub/c.txt", "z.md", "é.txt"]
    followed = [p.relative_to(tmp_path).as_posix() for p in iter_seed_paths(tmp_path, follow_links=True)]
    assert followed == ["B.txt", "a b.txt", "a10.txt", "a2.txt", "b.txt", "linked/e.txt", "sub/c.txt", "z.md", "é.txt"]


def test_a_settled_stamp_names_a_regular_file_that_has_not_changed_for_a_while(tmp_path, monkeypatch):
    from dispatches import ingest
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    assert ingest.settled_stamp(path) is None                 # just written
    assert ingest.settled_stamp(tmp_path / "missing.txt") is None
    monkeypatch.setattr(ingest.time, "time_ns", lambda: path.stat().st_ctime_ns + 4 * 10 ** 9)
    st = path.stat()
    assert ingest.settled_stamp(path) == (st.st_dev, st.st_ino, 4, st.st_mtime_ns, st.st_ctime_ns)
    (tmp_path / "link.txt").symlink_to(path)
    assert ingest.settled_stamp(tmp_path / "link.txt") is None    # a link is read each time
    assert ingest.settled_stamp(tmp_path) is None                 # not a file

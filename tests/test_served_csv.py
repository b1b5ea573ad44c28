"""Served CSV opens in a spreadsheet as data: formula-like text cells get an apostrophe,
numbers and everything else stay byte for byte as Datasette wrote them, also when the
stream arrives cut in the middle of a record or of a character."""
from __future__ import annotations

import csv
import io
import sys

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT, run_async
from dispatches.cli import SETTINGS

sys.path.insert(0, str(ROOT / "site" / "plugins"))
from dispatches_csv import CsvEscaper, complete_records, spreadsheet_safe  # noqa: E402


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-1.3", "-1.3"),
    ("+44", "+44"),
    ("2.5e-3", "2.5e-3"),
    ("Kyiv", "Kyiv"),
    ("", ""),
    ("a = b", "a = b"),
])
def test_spreadsheet_safe(cell, expected):
    assert spreadsheet_safe(cell) == expected


def test_a_record_is_complete_only_at_a_newline_outside_quotes():
    assert complete_records('a,b\r\nc,"d\r\n') == len("a,b\r\n")
    assert complete_records('a,"x\ny"\r\n') == len('a,"x\ny"\r\n')
    assert complete_records('a,"x\ny') == 0


ROWS = [["id", "text", "value"], ["1", "=1+1", "-1.3"], ["2", 'two\nlines, "quoted"', "+7"],
        ["3", "@here Київ", "5"]]


def as_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_chunks_of_any_size_give_the_same_escaped_csv(size):
    data, escaper = as_csv(ROWS), CsvEscaper()
    out = b"".join(escaper.feed(data[i:i + size]) for i in range(0, len(data), size)) + escaper.feed(b"", True)
    assert list(csv.reader(io.StringIO(out.decode("utf-8"), newline=""))) == [
        ["id", "text", "value"], ["1", "'=1+1", "-1.3"], ["2", 'two\nlines, "quoted"', "+7"],
        ["3", "'@here Київ", "5"]]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import sqlite_utils
    path = tmp_path_factory.mktemp("csv") / "dispatches.db"
    sqlite_utils.Database(path)["notes"].insert_all(
        [{"id": 1, "text": "=HYPERLINK(\"http://evil\",\"click\")", "n": -2}, {"id": 2, "text": "plain", "n": 3}], pk="id")
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(path)], metadata=metadata, settings=SETTINGS,
                   plugins_dir=str(ROOT / "site" / "plugins"))

    async def get(url):
        await ds.invoke_startup()
        return await ds.client.get(url)
    return lambda url: run_async(get(url))


@pytest.mark.parametrize("url", ["/dispatches/notes.csv", "/dispatches/notes.csv?_stream=1&_dl=1",
                                 "/dispatches/notes.csv?_size=max&_labels=on",
                                 "/dispatches.csv?sql=select+text,+n+from+notes+order+by+rowid"])
def test_served_csv_is_escaped(client, url):
    response = client(url)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert [r["text"] for r in rows] == ["'=HYPERLINK(\"http://evil\",\"click\")", "plain"]
    assert [r["n"] for r in rows] == ["-2", "3"]


def test_json_is_left_as_stored(client):
    rows = client("/dispatches/notes.json?_shape=array").json()
    assert rows[0]["text"].startswith("=HYPERLINK")

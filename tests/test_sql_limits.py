"""One SQL request cannot take the site down: values have a length limit, the FTS3
tokenizer hook is off, and `serve --public` turns arbitrary SQL off (canned queries stay)."""
from __future__ import annotations

import time

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT, run_async
from dispatches.cli import SETTINGS, datasette_args


@pytest.fixture(scope="module")
def get(seeds_db):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(seeds_db)], metadata=metadata, settings=SETTINGS,
                   plugins_dir=str(ROOT / "site" / "plugins"))

    async def fetch(path, params):
        await ds.invoke_startup()
        return await ds.client.get(path, params=params)
    return lambda sql: run_async(fetch("/dispatches.json", {"sql": sql, "_shape": "array"}))


@pytest.mark.parametrize("sql", [
    "select length(printf('%.*c', 2000000000, 'x')) as n",
    "select length(hex(randomblob(100000000))) as n",
    "select length(zeroblob(1000000000)) as n",
])
def test_a_huge_value_is_refused_at_once(get, sql):
    started = time.monotonic()
    response = get(sql)
    assert response.status_code == 400 and response.json()["rows"] == []
    assert time.monotonic() - started < 10       # generous: the point is it is not built


def test_fts3_tokenizer_is_disabled(get):
    response = get("select hex(fts3_tokenizer('simple')) as p")
    assert response.status_code == 400 and response.json()["rows"] == []


@pytest.mark.parametrize("sql, expected", [
    ("select printf('%5.1f%%', 12.345) as v", " 12.3%"),
    ("select printf('%s has %d', 'Kyiv', 3) as v", "Kyiv has 3"),
    ("select printf('%.*c', 3, 'x') as v", "xxx"),
    ("select format('%-4s|', 'ab') as v", "ab  |"),
])
def test_printf_keeps_sqlite_behaviour_within_bounds(get, sql, expected):
    assert get(sql).json()[0]["v"] == expected


def test_ordinary_queries_still_answer(get):
    response = get("select count(*) as n, max(length(body)) as longest from articles")
    assert response.status_code == 200
    assert response.json()[0]["n"] == 6 and response.json()[0]["longest"] > 1000


def test_public_turns_arbitrary_sql_off(tmp_path):
    args = datasette_args(tmp_path / "d.db", ROOT / "metadata.yml", ROOT / "site", public=True)
    assert ["--setting", "default_allow_sql", "off"] == args[args.index("default_allow_sql") - 1:][:3]
    assert "default_allow_sql" not in datasette_args(tmp_path / "d.db", ROOT / "metadata.yml", ROOT / "site")

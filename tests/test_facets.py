"""The array facet plugin (site/plugins/dispatches_facets.py) counts what Datasette's own
array facet counts, with the same URLs, and replaces it rather than running beside it."""
from __future__ import annotations

import itertools
import json
import sqlite3

import pytest
from datasette.app import Datasette
from datasette.facets import ArrayFacet
from datasette.plugins import pm
from datasette.utils.asgi import Request

from conftest import ROOT, run_async

ROWS = [  # (id, tags)
    ("r1", ["a", "a", "b"]),     # a repeated within one row counts once
    ("r2", ["a"]),
    ("r3", ["b", "a"]),
    ("r4", []),
    ("r5", None),
    ("r6", ["a"]),               # the same array as r2 in another row counts again
    ("r7", ["c", None, None]),
]


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    path = tmp_path_factory.mktemp("facets") / "db.db"
    conn = sqlite3.connect(path)
    conn.execute("create table t (id text primary key, tags text, body text)")
    conn.executemany("insert into t values (?, ?, ?)",
                     [(i, None if tags is None else json.dumps(tags), "x" * 5000) for i, tags in ROWS])
    conn.execute("create table plain (tags text)")      # a rowid table
    conn.executemany("insert into plain values (?)", [(json.dumps(tags),) for _, tags in ROWS if tags is not None])
    conn.commit()
    conn.close()
    datasette = Datasette([str(path)], plugins_dir=str(ROOT / "site" / "plugins"))
    run_async(datasette.invoke_startup())
    return datasette


def counts(ds, path):
    r = run_async(ds.client.get(path))
    assert r.status_code == 200
    return r.json()["facet_results"]


def test_counts_each_value_once_per_row(ds):
    facets = counts(ds, "/db/t.json?_facet_array=tags")
    assert list(facets) == ["tags"]                    # one facet: the stock one is replaced
    got = {item["value"]: item["count"] for item in facets["tags"]["results"]}
    assert got == {"a": 4, "b": 2, "c": 1, "None": 1}


def test_counts_within_a_filter_and_marks_the_selected_value(ds):
    facets = counts(ds, "/db/t.json?_facet_array=tags&tags__arraycontains=b")
    items = {item["value"]: item for item in facets["tags"]["results"]}
    assert {v: item["count"] for v, item in items.items()} == {"a": 2, "b": 2}
    assert items["b"]["selected"] and not items["a"]["selected"]
    assert "tags__arraycontains=b" not in items["b"]["toggle_url"]
    assert "tags__arraycontains=a" in items["a"]["toggle_url"]


@pytest.mark.parametrize("path", [
    "/db/t?_facet_array=tags",
    "/db/t?_facet_array=tags&tags__arraycontains=a",
    "/db/t?_facet_array=tags&_facet_size=2",
    "/db/plain?_facet_array=tags",
])
def test_same_results_as_datasettes_own_array_facet(ds, path):
    array_classes = [k for k in itertools.chain(*pm.hook.register_facet_classes()) if k.type == "array"]
    assert len(array_classes) == 1 and array_classes[0] is not ArrayFacet
    fast = array_classes[0]
    table = path.split("?")[0].rsplit("/", 1)[1]
    sql = f"select {'id, tags, body' if table == 't' else 'rowid, tags'} from {table}"
    params = {}
    if "arraycontains" in path:
        sql += " where rowid in (select t.rowid from t, json_each(t.tags) j where j.value = :p0)"
        params = {"p0": "a"}

    def results(klass):
        facet = klass(ds, Request.fake(path), "db", sql=sql, params=params, table=table, metadata={})
        return run_async(facet.facet_results())
    assert results(fast) == results(ArrayFacet)
    assert results(fast)[0]                   # and it did find something

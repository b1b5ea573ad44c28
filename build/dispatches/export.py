"""``dispatches export DIR``: the dataset as plain files any static host can serve.

    DIR/index.html              what the dataset is, tables with row counts, when and from what it was built
    DIR/articles/<id>.html      one page per article, person and event (the site's reader pages)
    DIR/people/<id>.html
    DIR/events/<id>.html
    DIR/data/<table>.csv|json   every table
    DIR/dispatches.db           the database itself
    DIR/metadata.json           Datasette metadata, for Datasette Lite
    DIR/datapackage.json        Frictionless Data Package describing the CSV tables
    DIR/static/dispatches.css

Every link between these files is relative, so the folder works from any sub-path.
"""
from __future__ import annotations

import csv
import re
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import yaml
from markupsafe import escape

from . import render

LITE = "https://lite.datasette.io/"
SQLITE_TYPES = {"INTEGER": "integer", "REAL": "number", "TEXT": "string", "FLOAT": "number", "": "string"}


SAFE_NAME = re.compile(r"[A-Za-z0-9_]{1,100}")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def tables(conn: sqlite3.Connection) -> list[str]:
    """User tables, without full-text-search shadow tables, and only those whose names are
    safe as file names and in SQL (a crafted database may name a table ``../../x``)."""
    names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")
             if SAFE_NAME.fullmatch(r[0])]
    fts = {n for n in names if n.endswith("_fts")}
    return [n for n in names if not n.startswith("sqlite_") and n not in fts
            and not any(n.startswith(f + "_") for f in fts)]


def export(db_path: Path, out: Path, metadata_path: Path | None, css_path: Path | None) -> dict[str, int]:
    """Write the bundle; returns the number of files written per kind."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {"pages": 0, "tables": 0}
    shutil.copyfile(db_path, out / "dispatches.db")
    metadata = yaml.safe_load(metadata_path.read_text(encoding="utf-8")) if metadata_path and metadata_path.exists() \
        else {}
    (out / "metadata.json").write_text(json.dumps(metadata, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "static").mkdir(exist_ok=True)
    if css_path and css_path.exists():
        shutil.copyfile(css_path, out / "static" / "dispatches.css")
    else:
        (out / "static" / "dispatches.css").write_text("", encoding="utf-8")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        names = tables(conn)
        (out / "data").mkdir(exist_ok=True)
        row_counts = {}
        for name in names:
            row_counts[name] = write_table(conn, name, out / "data")
            counts["tables"] += 1
        links = render.bundle_links("../")
        for table, fn in render.PAGES.items():
            folder = out / table
            folder.mkdir(exist_ok=True)
            for (pk,) in conn.execute(f"select id from [{table}] order by id"):
                html = fn(conn, pk, links)
                if html is None:
                    continue
                body = (f'<nav><a href="../index.html">Dispatches</a> / <a href="../index.html#{table}">{table}</a>'
                        f'</nav>{html}')
                page = render.page(pk, body, "../static/dispatches.css").replace("<body>", '<body class="bundle">')
                (folder / f"{quote(pk, safe='')}.html").write_text(page, encoding="utf-8")
                counts["pages"] += 1
        (out / "datapackage.json").write_text(json.dumps(datapackage(conn, names, metadata), indent=2,
                                                         ensure_ascii=False), encoding="utf-8")
        (out / "index.html").write_text(index(conn, names, row_counts, metadata, db_path), encoding="utf-8")
    finally:
        conn.close()
    return counts


def write_table(conn: sqlite3.Connection, name: str, folder: Path) -> int:
    cur = conn.execute(f"select * from [{name}]")
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
    with open(folder / f"{name}.json", "w", encoding="utf-8") as fh:
        json.dump([dict(zip(columns, r)) for r in rows], fh, ensure_ascii=False)
    return len(rows)


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) gets a
    leading apostrophe, which spreadsheets show as text; numbers and other text are as stored."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def datapackage(conn: sqlite3.Connection, names: list[str], metadata: dict) -> dict:
    """A Frictionless Data Package: one CSV resource per table, with its fields, keys and descriptions."""
    described = (metadata.get("databases") or {}).get("dispatches", {}).get("tables") or {}
    resources = []
    for name in names:
        info = described.get(name) or {}
        columns = info.get("columns") or {}
        fields, pk = [], []
        for _, col, ctype, _, _, is_pk in conn.execute(f"pragma table_info([{name}])"):
            field = {"name": col, "type": SQLITE_TYPES.get(str(ctype).upper(), "string")}
            if col in columns:
                field["description"] = columns[col]
            fields.append(field)
            if is_pk:
                pk.append((is_pk, col))
        schema: dict = {"fields": fields}
        if pk:
            schema["primaryKey"] = [c for _, c in sorted(pk)]
        fks = [{"fields": [r[3]], "reference": {"resource": r[2], "fields": [r[4]]}}
               for r in conn.execute(f"pragma foreign_key_list([{name}])")]
        if fks:
            schema["foreignKeys"] = fks
        resource = {"name": name.replace("_", "-"), "path": f"data/{name}.csv", "format": "csv", "mediatype": "text/csv",
                    "encoding": "utf-8", "schema": schema}
        if info.get("description"):
            resource["description"] = " ".join(str(info["description"]).split())
        resources.append(resource)
    for r in resources:   # references use resource names
        for fk in r["schema"].get("foreignKeys", []):
            fk["reference"]["resource"] = fk["reference"]["resource"].replace("_", "-")
    return {"name": "dispatches", "title": metadata.get("title", "Dispatches"),
            "licenses": [{"name": "CC-BY-4.0", "path": metadata.get("license_url", ""),
                          "title": metadata.get("license", "")}],
            "resources": resources}


def index(conn: sqlite3.Connection, names: list[str], row_counts: dict[str, int], metadata: dict,
          db_path: Path) -> str:
    built = dt.datetime.fromtimestamp(db_path.stat().st_mtime, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    described = (metadata.get("databases") or {}).get("dispatches", {}).get("tables") or {}
    inputs = list(conn.execute("select path, status, article_count, reason from seed_files order by path"))
    parts = [f"<h1>{escape(metadata.get('title', 'Dispatches'))}</h1>"]
    if metadata.get("description_html"):
        parts.append(str(metadata["description_html"]))     # our own metadata, not article text
    parts.append(f"<p>Built {escape(built)} from {len(inputs)} input file(s). "
                 f'<a href="dispatches.db">Download the SQLite database</a> · '
                 f'<a href="datapackage.json">datapackage.json</a> · '
                 f'<a id="lite" href="{LITE}">Open in Datasette Lite</a> (facets and SQL in the browser; '
                 f"the link points Lite at this folder's database and metadata).</p>")
    parts.append("<script>(function(){var a=document.getElementById('lite');"
                 "var db=new URL('dispatches.db',location.href).href,md=new URL('metadata.json',location.href).href;"
                 "a.href='" + LITE + "?url='+encodeURIComponent(db)+'&metadata='+encodeURIComponent(md);})();</script>")
    parts.append('<h2 id="tables">Tables</h2><table><tr><th>table</th><th>rows</th><th>download</th><th>what</th></tr>')
    for name in names:
        desc = " ".join(str((described.get(name) or {}).get("description") or "").split())
        parts.append(f"<tr><td>{escape(name)}</td><td>{row_counts[name]:,}</td>"
                     f'<td><a href="data/{quote(name)}.csv">CSV</a> · <a href="data/{quote(name)}.json">JSON</a></td>'
                     f"<td>{escape(desc)}</td></tr>")
    parts.append("</table>")
    for table, label, order in (("articles", "title", "coalesce(published, estimated_published, '9999'), id"),
                                ("people", "name", "article_count desc, name"),
                                ("events", "summary", "coalesce(date_start, '9999'), id")):
        extra = {"articles": "coalesce(published, 'estimated ' || estimated_published, 'undated')", "people": "coalesce(country, '')",
                 "events": "coalesce(date_start, 'undated') || ' · ' || type"}[table]
        rows = list(conn.execute(f"select id, coalesce({label}, id), {extra} from [{table}] order by {order}"))
        parts.append(f'<h2 id="{table}">{table.capitalize()} ({len(rows)})</h2><ul>')
        parts.extend(f'<li>{escape(side)} · <a href="{table}/{quote(pk, safe="")}.html">{render.text(title)}</a></li>'
                     for pk, title, side in rows)
        parts.append("</ul>")
    parts.append('<h2 id="inputs">Inputs</h2><table><tr><th>file</th><th>status</th><th>articles</th>'
                 "<th>reason</th></tr>")
    parts.extend(f"<tr><td>{render.text(p)}</td><td>{escape(s)}</td><td>{n}</td><td>{render.text(r)}</td></tr>"
                 for p, s, n, r in inputs)
    parts.append("</table>")
    licence = metadata.get("license")
    if licence:
        parts.append(f"<p>{escape(licence)}</p>")
    return render.page(metadata.get("title", "Dispatches"), "\n".join(parts), "static/dispatches.css") \
        .replace("<body>", '<body class="bundle">')

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

from . import render

LITE = "https://lite.datasette.io/"
SQLITE_TYPES = {"INTEGER": "integer", "REAL": "number", "TEXT": "string", "FLOAT": "number", "": "string"}


SAFE_NAME = re.compile(r"[A-Za-z0-9_]{1,100}")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def tables(conn: sqlite3.Connection) -> list[str]:
    """User tables, without full-text-search shadow tables and internal ones (``_name``), and only those whose names are
    safe as file names and in SQL (a crafted database may name a table ``../../x``)."""
    names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")
             if SAFE_NAME.fullmatch(r[0])]
    fts = {n for n in names if n.endswith("_fts")}
    return [n for n in names if not n.startswith(("sqlite_", "_")) and n not in fts
            and not any(n.startswith(f + "_") for f in fts)]


def export(db_path: Path, out: Path, metadata_path: Path | None, css_path: Path | None,
           template_dir: Path | None = None) -> dict[str, int]:
    """Write the bundle with the site's templates (``template_dir``, default the project's
    site/templates); returns the number of files written per kind."""
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
        env = render.environment(template_dir)
        page = env.get_template("dispatches/bundle_page.html")
        for table, fn in render.PAGES.items():
            folder = out / table
            folder.mkdir(exist_ok=True)
            for (pk,) in conn.execute(f"select id from [{table}] order by id"):
                data = fn(conn, pk, links)
                if data is None:
                    continue
                html = page.render(title=data["title"], root="../", table=table, reader=data,
                                   reader_template=render.TEMPLATE_OF[table])
                (folder / f"{quote(pk, safe='')}.html").write_text(html, encoding="utf-8")
                counts["pages"] += 1
        schema = render.schema_page()
        if schema is not None:
            (out / "schema.html").write_text(page.render(title=schema["title"], root="", table="tables", reader=schema,
                                                         reader_template="dispatches/schema.html"), encoding="utf-8")
            counts["pages"] += 1
        (out / "datapackage.json").write_text(json.dumps(datapackage(conn, names, metadata), indent=2,
                                                         ensure_ascii=False), encoding="utf-8")
        (out / "index.html").write_text(index(env, conn, names, row_counts, metadata, db_path), encoding="utf-8")
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


SECTIONS = (("articles", render.article_label("articles"), "coalesce(published, 'estimated ' || estimated_published, 'undated')",
             "coalesce(published, estimated_published, '9999'), id"),
            ("people", "name", "country", "article_count desc, name"),
            ("events", "summary", "coalesce(date_start, 'undated') || ' · ' || type", "coalesce(date_start, '9999'), id"))


def index(env, conn: sqlite3.Connection, names: list[str], row_counts: dict[str, int], metadata: dict,
          db_path: Path) -> str:
    """The bundle's front page: what the dataset is, its tables, every reader page, its inputs."""
    built = dt.datetime.fromtimestamp(db_path.stat().st_mtime, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    described = (metadata.get("databases") or {}).get("dispatches", {}).get("tables") or {}
    inputs = list(conn.execute("select path, status, article_count, reason from seed_files order by path"))
    tables_ = [{"name": name, "rows": row_counts[name],
                "description": " ".join(str((described.get(name) or {}).get("description") or "").split())}
               for name in names]
    sections = []
    for table, label, side, order in SECTIONS:
        rows = conn.execute(f"select id, coalesce({label}, id), {side} from [{table}] order by {order}")
        # label: the title (an untitled article's first words), name or summary; side: date or country
        sections.append({"table": table, "rows": [{"href": f"{table}/{quote(pk, safe='')}.html", "label": title,
                                                   "side": side_} for pk, title, side_ in rows]})
    return env.get_template("dispatches/bundle_index.html").render(
        title=metadata.get("title", "Dispatches"), root="", metadata=metadata, built=built, inputs=inputs,
        tables=tables_, sections=sections, lite=LITE, has_schema=render.SCHEMA.is_file())

"""CSV a spreadsheet opens as data, not formulas. A scraped cell that starts with ``=``,
``+``, ``-`` or ``@`` (``=HYPERLINK(...)``) would run as a formula when a reader opens
Datasette's CSV in a spreadsheet; such a cell gets a leading apostrophe, which
spreadsheets show as text, as the static export does. Numbers ("-1.3") stay as they are.

Datasette has no hook for its CSV writer, so this wraps the app: responses to ``.csv``
and ``?_format=csv`` requests are re-read record by record as they stream, which keeps
streamed downloads (``_stream=1``) streaming.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from urllib.parse import parse_qs

from datasette import hookimpl

from dispatches.export import FORMULA_START
NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with an apostrophe before a leading formula sign, unless it is a number."""
    if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def complete_records(text: str) -> int:
    """Length of the longest prefix of ``text`` that ends a CSV record: a newline outside
    quotes (an even number of ``"`` before it); 0 when no record is complete yet."""
    end = len(text)
    while (newline := text.rfind("\n", 0, end)) != -1:
        if text.count('"', 0, newline) % 2 == 0:
            return newline + 1
        end = newline
    return 0


def escape_records(text: str) -> str:
    """Complete CSV records with every formula-like cell made safe, written back with the
    same dialect Datasette writes (``csv.writer`` defaults)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


class CsvEscaper:
    """Bytes in, bytes out: holds back an incomplete record until its end arrives."""

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pending = ""

    def feed(self, data: bytes, final: bool = False) -> bytes:
        self.pending += self.decoder.decode(data, final)
        cut = len(self.pending) if final else complete_records(self.pending)
        ready, self.pending = self.pending[:cut], self.pending[cut:]
        return escape_records(ready).encode("utf-8") if ready else b""


def wants_csv(scope: dict) -> bool:
    """A request for Datasette's CSV: a ``.csv`` path or ``_format=csv``."""
    if scope.get("type") != "http":
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return scope.get("path", "").endswith(".csv") or "csv" in query.get("_format", [])


def escape_csv_responses(app):
    """ASGI middleware: CSV responses pass through a :class:`CsvEscaper`."""

    async def wrapped(scope, receive, send):
        if not wants_csv(scope):
            return await app(scope, receive, send)
        escaper, is_csv = CsvEscaper(), False

        async def escaping_send(message):
            nonlocal is_csv
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                kind = headers.get(b"content-type", b"").split(b";")[0].strip()
                is_csv = kind in (b"text/csv", b"text/plain")
                if is_csv:
                    message = {**message, "headers": [(k, v) for k, v in message.get("headers", [])
                                                      if k.lower() != b"content-length"]}
            elif message["type"] == "http.response.body" and is_csv:
                final = not message.get("more_body", False)
                message = {**message, "body": escaper.feed(message.get("body", b""), final)}
            await send(message)

        await app(scope, receive, escaping_send)

    return wrapped


@hookimpl
def asgi_wrapper(datasette):
    return escape_csv_responses

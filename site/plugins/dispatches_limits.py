"""Limits on every connection the site serves SQL from, so that no single request can
stop the server. Datasette's time limit interrupts between SQLite steps, not inside one
function call: ``printf('%.*c', 2000000000, 'x')`` once made every page wait 47 s and the
server grow to 2.9 GB. SQLite's own length limit stops such a value as it is built."""
import re
import sqlite3
import threading

from datasette import hookimpl

# No stored value comes near these: bodies over 200,000 characters are not read for
# extraction, and a 10 MiB scrape (the build's default limit) is at most 4 M characters.
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: 16_000_000,       # bytes in one string or blob (default 1 GB)
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,      # bytes of SQL in one statement
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 100,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1_000,
}
# printf()/format() with a huge width or precision loop inside SQLite for seconds (15 s
# for 2,000,000,000) before the length limit ends them; they are refused up front.
MAX_WIDTH = 100_000
SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")
# fts3_tokenizer() hands out a pointer (an address in the server's memory) and, where
# enabled, takes one: never callable from the SQL page.
DISABLED = {"fts3_tokenizer": (1, 2)}


def refuse(*args):
    raise sqlite3.DatabaseError("this function is disabled on this site")


def widths(fmt: str, args: tuple) -> list[int]:
    """Every width and precision ``fmt`` asks for, literal or taken from ``args`` by ``*``."""
    found, used = [], 0
    for spec in SPEC.finditer(fmt):
        for part in spec.groups():
            if part == "*":
                value = args[used] if used < len(args) else 0
                used += 1
                found.append(abs(int(value)) if isinstance(value, (int, float)) else 0)
            elif part:
                found.append(int(part))
        if not spec.group().endswith("%"):
            used += 1
    return found


_plain = threading.local()


def bounded_printf(fmt, *args):
    """SQLite's own printf(), run on a private connection after the widths are checked."""
    if isinstance(fmt, str) and any(w > MAX_WIDTH for w in widths(fmt, args)):
        raise sqlite3.DataError(f"printf width or precision over {MAX_WIDTH:,}")
    if not hasattr(_plain, "conn"):
        _plain.conn = sqlite3.connect(":memory:")
        _plain.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, LIMITS[sqlite3.SQLITE_LIMIT_LENGTH])
    marks = ", ".join("?" * (len(args) + 1))
    return _plain.conn.execute(f"select printf({marks})", (fmt, *args)).fetchone()[0]


@hookimpl
def prepare_connection(conn):
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    for name, arities in DISABLED.items():
        for n in arities:
            conn.create_function(name, n, refuse)
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)

"""Ingest: find every file under the seeds folder, read, hash, decode or reject it.

Nothing here raises for bad input. Each file becomes a :class:`SeedFile` whose
``status`` is ``ok``, ``empty``, ``rejected`` or ``duplicate`` with a ``reason``
a person can act on; the rest of the build goes on.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import time
import unicodedata
from pathlib import Path
from typing import Iterator

from .records import SeedFile

TEXT_SUFFIXES = {".txt"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Leading bytes of common binary formats, so the reason can say what the file is.
MAGIC = [
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
]
BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
HTML_START = re.compile(r"\A\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
HTML_TAG = re.compile(r"</?(p|div|span|a|script|style|meta|link|br|li|ul|table|img)\b[^>]*>", re.I)


def iter_seed_paths(seeds: Path, follow_links: bool = False) -> Iterator[Path]:
    """Every non-hidden entry under ``seeds`` that is not a real folder, in a stable (sorted)
    order: files, and the links, pipes and devices that :func:`refusal` explains. Real folders
    are walked whatever their name; linked folders only with ``follow_links`` (once each)."""
    seen: set[Path] = set()

    def walk(folder: Path) -> Iterator[Path]:
        try:
            with os.scandir(folder) as listing:      # each entry knows its type: no system call per file
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if is_folder(entry) and (not entry.is_symlink() or follow_links):
                real = path.resolve()
                if real not in seen:
                    seen.add(real)
                    yield from walk(path)
            else:
                yield path

    seen.add(seeds.resolve())
    yield from walk(seeds)


def is_folder(entry: os.DirEntry) -> bool:
    """Whether a folder entry is a folder or a link to one (``Path.is_dir``: False when it cannot tell)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def refusal(path: Path, seeds: Path, follow_links: bool = False) -> str | None:
    """Why ``path`` is not read at all, or None: a link out of the seeds folder (unless
    ``follow_links``), a link to a folder, a broken link, or anything not a regular file."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken symbolic link (its target does not exist)"
        if target.is_dir():
            return "symbolic link to a folder; not followed (pass --follow-links to read it)"
        if not follow_links and not target.is_relative_to(seeds.resolve()):
            return "symbolic link to a file outside the seeds folder; not read (pass --follow-links to read it)"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({kind_of(mode)}); only files are read"
    return None


def kind_of(mode: int) -> str:
    """A person's word for a non-regular file mode."""
    for test, word in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return word
    return "not a file"


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Return ``(text, encoding, problem)``; ``problem`` says why there is no text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError as exc:
                return None, None, f"starts with a {encoding} byte-order mark but does not decode: {exc.reason}"
    for magic, what in MAGIC:
        if data.startswith(magic):
            return None, None, f"binary file ({what}), not text"
    if b"\x00" in data:
        return None, None, "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252", None
    except UnicodeDecodeError as exc:
        return None, None, f"not valid UTF-8 and not cp1252 either (byte {data[exc.start]:#04x} at {exc.start})"


def clean_text(text: str) -> str:
    """Normalise newlines and Unicode form; drop stray byte-order marks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


CONTROL = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")   # Unicode category Cc, less \t \n \f


def control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(CONTROL.findall(text)) / len(text)


def content_key(text: str) -> str:
    """Hash of the text with whitespace folded: same article, same key."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def read_seed(path: Path, seeds: Path, max_bytes: int = DEFAULT_MAX_BYTES,
              follow_links: bool = False) -> SeedFile:
    rel = path.relative_to(seeds).as_posix()
    refused = refusal(path, seeds, follow_links)
    if refused:
        return SeedFile(rel, None, None, "rejected", refused)
    try:
        data, stamp = read_stable(path, max_bytes)
    except OSError as exc:
        size = None
        try:
            size = path.stat().st_size
        except OSError:
            pass
        return SeedFile(rel, None, size, "rejected", f"cannot read file: {exc.strerror or exc}")
    except Changing:
        return SeedFile(rel, None, None, "rejected", "file kept changing while it was being read "
                                                      "(still being written?); build again when it is complete")
    if isinstance(data, Oversized):
        seed = SeedFile(rel, data.sha256, data.size)
        seed.stamp = stamp
        return _reject(seed, f"file is {data.size:,} bytes, over the {max_bytes:,}-byte limit for one scrape "
                             "(raise it with --max-bytes)")
    seed = SeedFile(rel, hashlib.sha256(data).hexdigest(), len(data))
    seed.stamp = stamp
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return _reject(seed, f"not a .txt file ({path.suffix or 'no extension'}); only .txt scrapes are read")
    if not data:
        return _reject(seed, "file is empty", status="empty")
    text, encoding, problem = decode(data)
    if text is None:
        return _reject(seed, problem)
    text = clean_text(text)
    if not text.strip():
        return _reject(seed, "file holds only whitespace", status="empty")
    if control_ratio(text) > 0.01:
        return _reject(seed, "not text: too many control characters (binary data?)")
    if HTML_START.match(text) or len(HTML_TAG.findall(text)) >= 5:
        return _reject(seed, "HTML page saved as .txt; save the page's text instead "
                             "(HTML is never rendered or parsed here)")
    seed.encoding = encoding
    seed.text = text
    if encoding == "cp1252":
        seed.reason = "not valid UTF-8; decoded as cp1252 (Windows-1252)"
    return seed


class Changing(Exception):
    """The file changed under us on every attempt to read it."""


class Oversized:
    """A file over the size limit: hashed in chunks, never held in memory."""

    def __init__(self, sha256: str, size: int):
        self.sha256, self.size = sha256, size


def stamp_of(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def read_stable(path: Path, max_bytes: int, attempts: int = 3):
    """The file's bytes and (size, mtime) when they did not change during the read;
    an :class:`Oversized` for a file over ``max_bytes``."""
    for _ in range(attempts):
        before = stamp_of(path)
        if before[0] > max_bytes:
            digest, size = hashlib.sha256(), 0
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
            data = Oversized(digest.hexdigest(), size)
        else:
            data = read_regular(path)
        after = stamp_of(path)
        size = data.size if isinstance(data, Oversized) else len(data)
        if before == after and size == after[0]:
            return data, after
    raise Changing(path)


# A file whose last change is older than this, read once, is known by its stamp afterwards.
SETTLED_SECONDS = 3.0


def settled_stamp(path: Path) -> tuple[int, ...] | None:
    """Which file ``path`` is and when it last changed (device, inode, size, modified and
    changed times in ns), for a regular file (not a link) that has not changed for
    :data:`SETTLED_SECONDS`; None otherwise. While the stamp stays the same, so do the
    bytes: every write sets the change time to the clock, which no program can set back
    (tools that restore the modified time leave it), and the margin keeps a write from
    landing in the same tick of a coarse clock as the change the stamp saw."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    last = max(st.st_mtime_ns, st.st_ctime_ns)
    if not stat.S_ISREG(st.st_mode) or time.time_ns() - last < SETTLED_SECONDS * 1e9:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def read_regular(path: Path) -> bytes:
    """The bytes of ``path``, opened without blocking and checked to be a regular file
    once open (so a file swapped for a pipe or a device after :func:`refusal` is not read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file ({kind_of(os.fstat(fd).st_mode)})")
        return fh.read()


def changed_since_read(seeds: Path, seed: SeedFile) -> bool:
    """True when the file on disk is no longer the one this build read."""
    stamp = getattr(seed, "stamp", None)
    if stamp is None:
        return False
    try:
        return stamp_of(seeds / seed.path) != stamp
    except OSError:
        return True


def _reject(seed: SeedFile, reason: str, status: str = "rejected") -> SeedFile:
    seed.status, seed.reason = status, reason
    return seed


def ingest(seeds: Path, max_bytes: int = DEFAULT_MAX_BYTES, follow_links: bool = False) -> Iterator[SeedFile]:
    """Read every file under ``seeds``; later copies of an earlier file's text are duplicates."""
    seen: dict[str, str] = {}
    for path in iter_seed_paths(seeds, follow_links):
        seed = read_seed(path, seeds, max_bytes, follow_links)
        if seed.status == "ok":
            mark_duplicate(seed, content_key(seed.text), seen)
        yield seed


def mark_duplicate(seed: SeedFile, key: str, seen: dict[str, str]) -> bool:
    """Whether ``seed``, whose text has content ``key``, repeats a file ``seen`` before
    (key -> path); if so it becomes a duplicate of it, else it is remembered."""
    if key in seen:
        seed.status, seed.reason, seed.text = "duplicate", f"same text as {seen[key]}", None
        return True
    seen[key] = seed.path
    return False

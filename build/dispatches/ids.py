"""Stable, readable ids: slugs, with a short hash only where a slug collides."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache


APOSTROPHES = re.compile(r"['’‘`]")
NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Unaccented(dict):
    """A ``str.translate`` table that takes accents off ("é" -> "e"): each character's
    compatibility decomposition without its combining marks, worked out once per character."""

    def __missing__(self, code: int) -> str:
        folded = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        self[code] = folded
        return folded


UNACCENTED = Unaccented()


@lru_cache(maxsize=262144)
def slugify(text: str, max_len: int = 80) -> str:
    if not text.isascii():           # ASCII has no accents to take off
        text = text.translate(UNACCENTED)
    slug = NOT_SLUG.sub("-", APOSTROPHES.sub("", text.lower())).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "untitled"


def short_hash(*parts: object, n: int = 6) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:n]


def article_slug(published: str | None, title: str | None, body: str) -> str:
    words = " ".join((title or body).split()[: 12 if title is None else 40])
    return f"{published or 'undated'}-{slugify(words, 70)}"


def unique_ids(keys: list[tuple[str, object]]) -> list[str]:
    """Give each ``(slug, owner)`` an id. The first owner of a slug (in the
    stable order given) keeps it; later owners get ``slug-<hash of owner>``,
    so an id depends only on its own row and the rows sorted before it."""
    taken: set[str] = set()
    out = []
    for slug, owner in keys:
        candidate = slug if slug not in taken else f"{slug}-{short_hash(owner)}"
        while candidate in taken:
            candidate = f"{slug}-{short_hash(owner, candidate)}"
        taken.add(candidate)
        out.append(candidate)
    return out

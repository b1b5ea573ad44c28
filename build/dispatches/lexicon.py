"""Load the YAML data files that hold patterns and word lists."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


# libyaml's safe loader when PyYAML was built with it (its wheels are), else the pure-Python
# one: the same documents, about ten times faster, which every worker process pays once.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed contents of ``data/<name>.yml`` inside the package."""
    text = resources.files("dispatches").joinpath("data", f"{name}.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def load_all() -> None:
    """Load every data file now (a process about to fork workers, so that they share them)."""
    for path in resources.files("dispatches").joinpath("data").iterdir():
        if path.name.endswith(".yml"):
            load(path.name[:-4])


def full_line(patterns: list[str], flags: int = re.I) -> re.Pattern:
    """One regex that matches a whole line against any of ``patterns``."""
    return re.compile("|".join(f"(?:{p})" for p in patterns).join(("^(?:", ")$")), flags)


def any_of(patterns: list[str], flags: int = re.I) -> list[re.Pattern]:
    return [re.compile(p, flags) for p in patterns]


def by_first_letter(words_: list[str], written) -> str:
    """A regex alternation of ``words_`` (each as ``written(word)``) in their order, grouped by
    first letter. A word of one group never matches where a word of another does (with or
    without case), so every match and the order that decides between words are kept; the
    regex engine tries one group per letter of text, not each of hundreds of titles (two
    thirds of the time of the title patterns). A word that begins with a character other
    than an ASCII letter or digit has a group of its own character (ignoring case), unless,
    ignoring case, that character reads as one of another group (as "ſ" reads as "s"): then
    nothing is grouped."""
    groups: dict[str, list[str]] = {}
    for word in words_:
        groups.setdefault(word[:1].casefold(), []).append(written(word))
    if not all(read_apart(first, groups) for first in groups if not (first.isascii() and first.isalnum())):
        return "|".join(map(written, words_))
    return "|".join(f"(?:{'|'.join(group)})" for group in groups.values())


def read_apart(first: str, groups) -> bool:
    """Whether a group's first character, ignoring case, matches no other group's."""
    if len(first) != 1:
        return False                      # "ß" folds to "ss": not worth telling apart
    same = re.compile(f"(?i:{re.escape(first)})")
    return not any(other != first and any(same.fullmatch(c) for c in {other[:1], other[:1].upper()}) for other in groups)

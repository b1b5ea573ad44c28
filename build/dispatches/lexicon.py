"""Load the YAML data files that hold patterns and word lists."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed contents of ``data/<name>.yml`` inside the package."""
    text = resources.files("dispatches").joinpath("data", f"{name}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def full_line(patterns: list[str], flags: int = re.I) -> re.Pattern:
    """One regex that matches a whole line against any of ``patterns``."""
    return re.compile("|".join(f"(?:{p})" for p in patterns).join(("^(?:", ")$")), flags)


def any_of(patterns: list[str], flags: int = re.I) -> list[re.Pattern]:
    return [re.compile(p, flags) for p in patterns]

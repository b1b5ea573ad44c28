"""Names people read: an event's title and id ("Meeting: Chen, Ortega, Silva — Lisbon,
3 May 2024"), with each participant called by the name a reader uses."""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import load
from .merge import Event


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@lru_cache(maxsize=1)
def name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Family names written first, and the particles of a family name (events.yml)."""
    d = load("events")
    return frozenset(d["family_name_first"]), frozenset(d["surname_particles"])


@lru_cache(maxsize=65536)
def reader_surname(name: str) -> str:
    """The name a reader calls someone by: the family name, first for East Asian names
    ("Chen Wei": Chen, "Park Min Jun": Park), else last with its particles ("Faisal bin
    Farhan Al Saud": Al Saud, "Ursula von der Leyen": von der Leyen)."""
    family_first, particles = name_words()
    words = name.split()
    if not words:
        return name
    if 2 <= len(words) <= 3 and words[0].lower() in family_first:
        return words[0]
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in particles:
        i -= 1
    return " ".join(words[i:])


def readable_date(date: str | None) -> str:
    """"2023-04-16" -> "16 Apr 2023", "2023-04" -> "Apr 2023", "2023" -> "2023"."""
    if not date:
        return "undated"
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def title(event: Event, names: list[str], place: str | None, most: int = 3) -> str:
    """A title a reader can scan: "Meeting: Ortega, Chen, Silva — Lisbon, 3 May 2024"."""
    who = ", ".join(reader_surname(n) for n in names[:most]) + (" and others" if len(names) > most else "")
    head = event.type.replace("_", " ").capitalize() + (f": {who}" if who else "")
    where = ", ".join(x for x in (place, readable_date(event.date_start)) if x)
    return f"{head} — {where}"

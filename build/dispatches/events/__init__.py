"""Events: what happened, when, where and who took part, one row per real event.

What counts as an event: something that happened or is scheduled, at a time, with
actors: the story's main event, dated background events and announced future ones.
Not every verb of saying (a routine "X said" or the attribution of a quotation is
not a statement; an announcement is, and so is the lead sentence of a named source),
not generic or habitual statements (a noun with no time and nobody named, a report
with no time at all in a dated story after its lead), not tallies ("the war has
killed 24,000", "25 people were killed") and not intentions ("agreed to start talks").

The package, in data-flow order:

* :mod:`.triggers` - the lexicon (``data/events.yml``) and which words are triggers;
* :mod:`.reports` - one article's reports: clause, participants, place, date;
* :mod:`.merge` - reports into events, within an article and across articles;
* :mod:`.names` - titles and ids a reader can scan.
"""
from __future__ import annotations

from ..records import EventReport
from .merge import Event, Merger, across, estimate_dates, merge, merge_in_article, unresolved
from .names import readable_date, reader_surname, title
from .reports import extract
from .triggers import lexicon, triggers

__all__ = ["Event", "EventReport", "Merger", "across", "estimate_dates", "extract", "lexicon", "merge",
           "merge_in_article", "readable_date", "reader_surname", "title", "triggers", "unresolved"]

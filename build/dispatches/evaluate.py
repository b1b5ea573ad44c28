"""Score a built database against hand-written gold annotations (``dispatches evaluate``).

Gold is one YAML file per scrape, named after it (``gold/my_page.yml`` annotates
``seeds/my_page.txt``); its keys are described in ``docs/gold-format.md``. Each gold
article is matched to a database article of the same scrape by its title (or, when the
title is wrong or absent, by its first sentence or its quotes, figures and names), and
then scored:

  articles     articles found (precision / recall / F1)
  metadata     title, outlet, byline, published, wire agencies (accuracy)
  body         gold first/last body sentences present in the body (accuracy)
  people       people mentioned (P/R/F1), their roles and country (accuracy)
  figures      numbers with their value (P/R/F1), unit and qualifier (accuracy)
  events       events reported (P/R/F1), type and date (accuracy)
  quotes       quotations (P/R/F1), speaker (accuracy)
  provenance   rows whose start/end offsets cut their text out of the body
  identity     people split over several ids; events reported by several files kept as one

The figures are those of the project's reference scorer (``eval/score.py``).
"""
from __future__ import annotations

import difflib
import json
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Row = dict[str, Any]
Gold = dict[str, Any]

MATCH_THRESHOLD = 0.6          # least similarity for a gold article to match a database one
QUOTE_PREFIX = 40              # characters of a quotation that must agree
VALUE_TOLERANCE = 0.005        # relative difference allowed between figure values
PROVENANCE_TABLES = ("person_mentions", "figures", "quotes", "event_reports")
METADATA_FIELDS = ("title", "outlet", "byline", "published", "wire")


class GoldError(ValueError):
    """A gold file that cannot be read or lacks a required key."""


# ---------------------------------------------------------------- comparing text

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_TITLE_STOPWORDS = frozenset({"of", "the", "and", "for", "to", "a", "s", "chief", "head"})


def norm(text: object) -> str:
    """Lowercase, strip accents, unify curly quotes and dashes, fold runs of spaces."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip().lower()


def name_key(text: object) -> str:
    """A name (person, outlet, unit, type) reduced to letters, digits and single spaces."""
    text = re.sub(r"^(the|by)\s+", "", norm(text)).replace("defence", "defense")
    return re.sub(r"[^a-z0-9 ]+", "", text).strip()


def title_words(text: object) -> set[str]:
    """The telling words of a role title ("Minister of Foreign Affairs" -> minister, foreign, affairs)."""
    return {w for w in name_key(text).split() if w not in _TITLE_STOPWORDS}


def date_compatible(gold: object, pred: object) -> bool:
    """Equal at the coarser of the two precisions (``2025-02`` agrees with ``2025-02-28``)."""
    gold, pred = (str(gold) if gold else ""), (str(pred) if pred else "")
    if not gold or not pred:
        return not gold and not pred
    n = min(len(gold), len(pred))
    return gold[:n] == pred[:n]


def json_list(value: object) -> list:
    """A JSON array column's items; a plain comma-separated string is read as a list too."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return [v.strip() for v in str(value).split(",") if v.strip()]
    return data if isinstance(data, list) else [data]


def as_text(value: object) -> str:
    """A gold or database value as text for an exact comparison (None is empty)."""
    return str(value or "")


# ---------------------------------------------------------------- measures

def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 of ``tp`` correct rows out of ``n_pred`` found and ``n_gold`` wanted."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    return {"tp": tp, "pred": n_pred, "gold": n_gold,
            "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def accuracy(hit: int, total: int) -> dict:
    """Share of ``total`` checks that were right (None when there was nothing to check)."""
    return {"hit": hit, "total": total, "accuracy": round(hit / total, 3) if total else None}


# ---------------------------------------------------------------- the database

class Database:
    """A built database opened read-only; queries on absent tables are noted, not raised."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        self.conn.row_factory = sqlite3.Row
        self.tables = {r[0] for r in self.conn.execute(
            "select name from sqlite_master where type in ('table', 'view')")}
        self.problems: list[str] = []

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def columns(self, table: str) -> set[str]:
        """The column names of a table (empty when it does not exist)."""
        return {r[1] for r in self.conn.execute(f"pragma table_info([{table}])")}

    def rows(self, table: str, sql: str, params: tuple = ()) -> list[Row]:
        """The rows of a query on ``table``; none, with a problem noted, if it fails."""
        if table not in self.tables:
            self._problem(f"missing table {table}")
            return []
        try:
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.Error as exc:
            self._problem(f"{table}: {exc}")
            return []

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def articles_of(self, stem: str) -> list[Row]:
        """The articles built from the scrape named ``stem`` (any extension, any folder)."""
        has_outlets = "outlets" in self.tables
        outlet = "o.name" if has_outlets else "null"
        join = "left join outlets o on o.id = a.outlet_id" if has_outlets else ""
        return self.rows("articles", f"""
            select a.id, a.position, a.title, a.byline, a.published, a.wire_agencies, a.body,
                   {outlet} as outlet
            from articles a {join}
            where a.seed_file = ? or a.seed_file like ? or a.seed_file like ?
            order by a.position""", (stem + ".txt", "%/" + stem + ".txt", stem + ".%"))


# ---------------------------------------------------------------- the gold

def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder: ``*.yml`` then ``*.yaml``, each sorted by name."""
    return sorted(gold_dir.glob("*.yml")) + sorted(gold_dir.glob("*.yaml"))


def read_gold_file(path: Path) -> tuple[str, list[Gold]]:
    """The scrape stem a gold file annotates and its list of articles."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise GoldError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a mapping with `file` and `articles`")
    articles = data.get("articles") or []
    check_articles(path, articles)
    return Path(data.get("file") or path.name).stem, articles


def check_articles(path: Path, articles: object) -> None:
    """Raise GoldError unless ``articles`` is a list of mappings whose people all have a name."""
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        raise GoldError(f"{path}: `articles` must be a list of mappings")
    for n, article in enumerate(articles):
        for person in article.get("people") or []:
            if not isinstance(person, dict) or not person.get("name"):
                raise GoldError(f"{path}: article {n}: every entry of `people` needs a `name`")


def load_gold(gold_dir: Path) -> Iterator[tuple[str, list[Gold]]]:
    """Each gold file's scrape stem and articles, in file-name order."""
    for path in gold_files(gold_dir):
        yield read_gold_file(path)


def gold_names(person: Gold) -> set[str]:
    """The name keys of a gold person: their name and aliases."""
    names = {name_key(person.get("name"))} | {name_key(a) for a in person.get("aliases") or []}
    names.discard("")
    return names


def find_person(gold_people: list[Gold], name: object) -> Gold | None:
    """The gold person one of whose names is ``name``, if any."""
    key = name_key(name)
    return next((person for person in gold_people if key in gold_names(person)), None)


# ---------------------------------------------------------------- matching articles

def title_similarity(gold: Gold, pred: Row) -> float:
    """How alike two titles are (0..1); an untitled gold article is recognised by its first sentence."""
    if gold.get("title"):
        return difflib.SequenceMatcher(None, norm(gold["title"]), norm(pred["title"])).ratio()
    return 1.0 if norm(gold.get("body_first_sentence"))[:80] in norm(pred["body"]) else 0.0


def content_anchors(gold: Gold) -> set[str]:
    """Quote, figure and alias texts of a gold article, used to recognise it by its body."""
    anchors = [q.get("text") for q in gold.get("quotes") or []]
    anchors += [f.get("text") for f in gold.get("figures") or []]
    anchors += [a for person in gold.get("people") or [] for a in person.get("aliases") or []]
    return {norm(a) for a in anchors if a and len(norm(a)) >= 4}


def best_match(candidates: list[Row], score: Callable[[Row], float]) -> tuple[Row | None, float]:
    """The first candidate with the highest positive score, and that score."""
    best, best_score = None, 0.0
    for row in candidates:
        value = score(row)
        if value > best_score:
            best, best_score = row, value
    return best, best_score


def match_article(gold: Gold, candidates: list[Row]) -> Row | None:
    """The database article a gold article is: by title, else by its body's content."""
    best, similarity = best_match(candidates, lambda row: title_similarity(gold, row))
    if best is not None and similarity >= MATCH_THRESHOLD:
        return best
    # a wrong title is a title error, not a lost article
    anchors = content_anchors(gold)
    if len(anchors) < 2:
        return None
    best, share = best_match(candidates, lambda row: sum(a in norm(row["body"]) for a in anchors) / len(anchors))
    return best if best is not None and share >= MATCH_THRESHOLD else None


# ---------------------------------------------------------------- matching rows

def first_unused(rows: list[Row], used: set[int], matches: Callable[[Row], bool]) -> int | None:
    """Index of the first row not yet used that matches, if any."""
    return next((i for i, row in enumerate(rows) if i not in used and matches(row)), None)


def figure_matches(fig: Gold, row: Row) -> bool:
    """Same value (within 0.5 %) and one text contains the other."""
    try:
        want, got = float(fig.get("value")), float(row["value"])
    except (TypeError, ValueError):
        return False
    gold_text, text = norm(fig.get("text")), norm(row["text"])
    close = abs(got - want) <= VALUE_TOLERANCE * abs(want) + 1e-9
    return close and bool(text) and (text in gold_text or gold_text in text)


def same_unit(gold: object, pred: object) -> bool:
    """Units agree, singular or plural."""
    return name_key(gold).rstrip("s") == name_key(pred).rstrip("s")


def quote_key(text: object) -> str:
    """A quotation's text without surrounding quote marks."""
    return norm(text).strip("\"' ")


def quote_matches(gold_text: object, pred_text: object) -> bool:
    """The two quotations start alike (the shorter one's first 40 characters)."""
    gold, pred = quote_key(gold_text), quote_key(pred_text)
    return bool(pred) and (pred.startswith(gold[:QUOTE_PREFIX]) or gold.startswith(pred[:QUOTE_PREFIX]))


def same_speaker(quote: Gold, speaker: object, gold_people: list[Gold]) -> bool:
    """The database speaker is the gold one, by any of the gold person's names."""
    person = find_person(gold_people, speaker) if speaker else None
    if person is not None and name_key(person["name"]) == name_key(quote.get("speaker")):
        return True
    return name_key(speaker) == name_key(quote.get("speaker"))


def event_matches(event: Gold, row: Row) -> bool:
    """Compatible dates, and the same type or a shared participant."""
    if not date_compatible(event.get("date_start"), row["date_start"]):
        return False
    return name_key(event.get("type")) == name_key(row["type"]) or bool(participant_keys(event) & row["participants"])


def participant_keys(event: Gold) -> set[str]:
    """The name keys of a gold event's participants."""
    return {name_key(n) for n in event.get("participants") or []}


def roles_agree(gold_titles: list[object], titles: list[object]) -> bool:
    """Some database title's words contain, or are contained in, some gold title's words."""
    want = [title_words(t) for t in gold_titles]
    got = [title_words(t) for t in titles]
    return any(w and g and (w <= g or g <= w) for w in want for g in got)


# Metadata: gold key, database column, comparison.
def _same_agencies(gold: object, pred: object) -> bool:
    return {name_key(w) for w in gold or []} == {name_key(w) for w in json_list(pred)}


METADATA_CHECKS: dict[str, tuple[str, Callable[[object, object], bool]]] = {
    "title": ("title", lambda g, p: norm(g) == norm(p)),
    "outlet": ("outlet", lambda g, p: name_key(g) == name_key(p)),
    "byline": ("byline", lambda g, p: name_key(g) == name_key(p)),
    "published": ("published", lambda g, p: as_text(g) == as_text(p)),
    "wire": ("wire_agencies", _same_agencies),
}


# ---------------------------------------------------------------- scoring

@dataclass
class Evaluation:
    """Counts and misses of one database scored against a gold folder."""
    db: Database
    counts: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    person_ids: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    event_ids: dict[tuple, set] = field(default_factory=lambda: defaultdict(set))
    event_files: dict[tuple, set] = field(default_factory=lambda: defaultdict(set))

    def note(self, message: str) -> None:
        """Record a miss or an extra row (listed by ``-v``)."""
        self.misses.append(message)

    def tally(self, measure: str, ok: bool) -> None:
        """Count one accuracy check of ``measure``."""
        self.counts[f"{measure}_total"] += 1
        self.counts[f"{measure}_hit"] += bool(ok)

    # -- articles
    def score_file(self, stem: str, gold_articles: list[Gold]) -> None:
        """Match each gold article of one scrape to a database article and score it."""
        pred = self.db.articles_of(stem)
        self.counts["art_gold"] += len(gold_articles)
        self.counts["art_pred"] += len(pred)
        used: set = set()
        for gold in gold_articles:
            row = match_article(gold, [p for p in pred if p["id"] not in used])
            if row is None:
                self.note(f"{stem}: article not found: {gold.get('title')!r}")
                self.count_lost_article(gold)
                continue
            used.add(row["id"])
            self.counts["art_tp"] += 1
            self.score_article(stem, gold, row)

    def count_lost_article(self, gold: Gold) -> None:
        """A gold article with no database article: all its rows are missed."""
        for key, kind in (("people_gold", "people"), ("fig_gold", "figures"),
                          ("ev_gold", "events"), ("q_gold", "quotes")):
            self.counts[key] += len(gold.get(kind) or [])

    def score_article(self, stem: str, gold: Gold, row: Row) -> None:
        """Score everything of one matched article."""
        self.score_metadata(stem, gold, row)
        self.score_body(stem, gold, row)
        self.score_people(stem, gold, row["id"])
        self.score_figures(stem, gold, row["id"])
        self.score_events(stem, gold, row["id"])
        self.score_quotes(stem, gold, row["id"])

    def score_metadata(self, stem: str, gold: Gold, row: Row) -> None:
        """Title, outlet, byline, published date and wire agencies."""
        for measure, (column, same) in METADATA_CHECKS.items():
            wanted = gold.get("wire_agencies" if measure == "wire" else measure)
            ok = same(wanted, row[column])
            self.tally(f"meta_{measure}", ok)
            if not ok:
                self.note(f"{stem}: {measure} gold={wanted!r} db={row[column]!r}")

    def score_body(self, stem: str, gold: Gold, row: Row) -> None:
        """The gold first and last body sentences are in the body."""
        for key in ("body_first_sentence", "body_last_sentence"):
            if gold.get(key):
                ok = norm(gold[key]) in norm(row["body"])
                self.tally("body", ok)
                if not ok:
                    self.note(f"{stem}: body lacks {key}: {gold[key][:60]!r}")

    # -- people
    def score_people(self, stem: str, gold: Gold, article_id: str) -> None:
        """People mentioned in the article, then the role and country of each one found."""
        gold_people = gold.get("people") or []
        pred = self.db.rows("person_mentions", """
            select distinct p.id, p.name, p.country from person_mentions m
            join people p on p.id = m.person_id where m.article_id = ?""", (article_id,))
        matched = self.match_people(stem, gold_people, pred)
        self.counts["people_tp"] += len(matched)
        self.counts["people_pred"] += len(pred)
        self.counts["people_gold"] += len(gold_people)
        for person in gold_people:
            row = matched.get(person["name"])
            if row is None:
                self.note(f"{stem}: missed person {person['name']!r}")
                continue
            self.score_country(stem, person, row)
            self.score_roles(stem, person, row, article_id)

    def match_people(self, stem: str, gold_people: list[Gold], pred: list[Row]) -> dict[str, Row]:
        """Gold name -> the first database person bearing one of its names."""
        matched: dict[str, Row] = {}
        for row in pred:
            person = find_person(gold_people, row["name"])
            if person is None:
                self.note(f"{stem}: extra person {row['name']!r}")
            elif person["name"] not in matched:
                matched[person["name"]] = row
                self.person_ids[name_key(person["name"])].add(row["id"])
        return matched

    def score_country(self, stem: str, person: Gold, row: Row) -> None:
        """The person's country, where the gold gives one."""
        if person.get("country"):
            ok = name_key(person["country"]) == name_key(row["country"])
            self.tally("country", ok)
            if not ok:
                self.note(f"{stem}: country of {person['name']} gold={person['country']!r} db={row['country']!r}")

    def score_roles(self, stem: str, person: Gold, row: Row, article_id: str) -> None:
        """One of the person's roles in this article, where the gold gives roles."""
        gold_titles = [r.get("title") for r in person.get("roles") or []]
        if not gold_titles:
            return
        titles = [r["title"] for r in self.db.rows(
            "roles", "select title from roles where person_id = ? and article_id = ?", (row["id"], article_id))]
        ok = roles_agree(gold_titles, titles)
        self.tally("role", ok)
        if not ok:
            self.note(f"{stem}: role of {person['name']} gold={gold_titles} db={titles}")

    # -- figures
    def score_figures(self, stem: str, gold: Gold, article_id: str) -> None:
        """Figures by value and text, then the unit and qualifier of each one found."""
        figures = gold.get("figures") or []
        pred = self.db.rows("figures", "select text, value, unit, qualifier from figures where article_id = ?",
                            (article_id,))
        used: set[int] = set()
        for fig in figures:
            hit = first_unused(pred, used, lambda row: figure_matches(fig, row))
            if hit is None:
                self.note(f"{stem}: missed figure {fig.get('text')!r}")
                continue
            used.add(hit)
            self.counts["fig_tp"] += 1
            self.score_figure_details(stem, fig, pred[hit])
        for i, row in enumerate(pred):
            if i not in used:
                self.note(f"{stem}: extra figure {row['text']!r}")
        self.counts["fig_pred"] += len(pred)
        self.counts["fig_gold"] += len(figures)

    def score_figure_details(self, stem: str, fig: Gold, row: Row) -> None:
        """Unit and qualifier of a figure found."""
        unit_ok = same_unit(fig.get("unit"), row["unit"])
        qualifier_ok = name_key(fig.get("qualifier")) == name_key(row["qualifier"])
        self.tally("fig_unit", unit_ok)
        self.tally("fig_qual", qualifier_ok)
        if not unit_ok:
            self.note(f"{stem}: unit of figure {fig.get('text')!r} gold={fig.get('unit')!r} db={row['unit']!r}")
        if not qualifier_ok:
            self.note(f"{stem}: qualifier of figure {fig.get('text')!r} "
                      f"gold={fig.get('qualifier')!r} db={row['qualifier']!r}")

    # -- events
    def score_events(self, stem: str, gold: Gold, article_id: str) -> None:
        """Events by date and type or participant, then the type and date of each one found."""
        events = gold.get("events") or []
        pred = self.reported_events(gold.get("people") or [], article_id)
        used: set[int] = set()
        for event in events:
            hit = first_unused(pred, used, lambda row: event_matches(event, row))
            if hit is None:
                self.note(f"{stem}: missed event {event.get('date_start')} {event.get('type')}: "
                          f"{(event.get('summary') or '')[:70]!r}")
                continue
            used.add(hit)
            self.counts["ev_tp"] += 1
            self.score_event_details(stem, event, pred[hit])
        for i, row in enumerate(pred):
            if i not in used:
                self.note(f"{stem}: extra event {row['date_start']} {row['type']}")
        self.counts["ev_pred"] += len(pred)
        self.counts["ev_gold"] += len(events)

    def reported_events(self, gold_people: list[Gold], article_id: str) -> list[Row]:
        """The article's events, each with the gold names of its participants."""
        rows = self.db.rows("event_reports", """
            select distinct e.id, e.type, e.date_start from event_reports r
            join events e on e.id = r.event_id where r.article_id = ?""", (article_id,))
        for row in rows:
            names = self.db.rows("event_participants", """
                select p.name from event_participants ep join people p on p.id = ep.person_id
                where ep.event_id = ?""", (row["id"],))
            people = (find_person(gold_people, n["name"]) for n in names)
            row["participants"] = {name_key(p["name"]) for p in people if p is not None}
        return rows

    def score_event_details(self, stem: str, event: Gold, row: Row) -> None:
        """Type and date of an event found; remember it for the identity check."""
        type_ok = name_key(event.get("type")) == name_key(row["type"])
        date_ok = as_text(event.get("date_start")) == as_text(row["date_start"])
        self.tally("ev_type", type_ok)
        self.tally("ev_date", date_ok)
        if not (type_ok and date_ok):
            self.note(f"{stem}: event {(event.get('summary') or '')[:50]!r} gold={event.get('type')} "
                      f"{event.get('date_start')} db={row['type']} {row['date_start']}")
        parts = participant_keys(event)
        if event.get("date_start") and parts:
            key = (str(event["date_start"]), tuple(sorted(parts)))
            self.event_ids[key].add(row["id"])
            self.event_files[key].add(stem)

    # -- quotes
    def score_quotes(self, stem: str, gold: Gold, article_id: str) -> None:
        """Quotations by their opening words, then the speaker of each one found."""
        quotes = gold.get("quotes") or []
        gold_people = gold.get("people") or []
        speaker = "coalesce(p.name, q.speaker)" if "speaker" in self.db.columns("quotes") else "p.name"
        pred = self.db.rows("quotes", f"""select q.text, {speaker} as speaker from quotes q
                                          left join people p on p.id = q.person_id
                                          where q.article_id = ?""", (article_id,))
        used: set[int] = set()
        for quote in quotes:
            hit = first_unused(pred, used, lambda row: quote_matches(quote.get("text"), row["text"]))
            if hit is None:
                self.note(f"{stem}: missed quote {quote.get('text')!r}")
                continue
            used.add(hit)
            self.counts["q_tp"] += 1
            ok = same_speaker(quote, pred[hit]["speaker"], gold_people)
            self.tally("q_speaker", ok)
            if not ok:
                self.note(f"{stem}: speaker of quote {(quote.get('text') or '')[:40]!r} "
                          f"gold={quote.get('speaker')!r} db={pred[hit]['speaker']!r}")
        for i, row in enumerate(pred):
            if i not in used:
                self.note(f"{stem}: extra quote {(row['text'] or '')[:60]!r}")
        self.counts["q_pred"] += len(pred)
        self.counts["q_gold"] += len(quotes)

    # -- whole database
    def provenance(self) -> dict:
        """Rows whose ``body[start:end]`` is exactly their text, over every table with offsets."""
        hit = total = 0
        for table in PROVENANCE_TABLES:
            for row in self.offset_rows(table):
                total += 1
                hit += row["s"] is not None and row["e"] is not None and row["b"] is not None \
                    and row["b"][row["s"]:row["e"]] == row["t"]
        return accuracy(hit, total)

    def offset_rows(self, table: str) -> list[Row]:
        """start, end, text and article body of each row of a table that has offsets."""
        if table not in self.db.tables:
            return []
        cols = self.db.columns(table)
        text_col = "text" if "text" in cols else ("sentence" if "sentence" in cols else None)
        if not {"start", "end", "article_id"} <= cols or text_col is None:
            return []
        return self.db.rows(table, f"""
            select t.[start] as s, t.[end] as e, t.[{text_col}] as t, a.body as b
            from [{table}] t join articles a on a.id = t.article_id""")

    def identity(self) -> dict:
        """People found under more than one id; events in several files kept as one row."""
        multi = [key for key, files in self.event_files.items() if len(files) > 1]
        return {
            "people_split": sum(1 for ids in self.person_ids.values() if len(ids) > 1),
            "people_seen": len(self.person_ids),
            "events_multi_file": len(multi),
            "events_multi_file_merged": sum(1 for key in multi if len(self.event_ids[key]) == 1),
        }

    def report(self) -> dict:
        """Every measure, keyed as in the project's eval/score.py."""
        c = self.counts
        return {
            "articles": prf(c["art_tp"], c["art_pred"], c["art_gold"]),
            "metadata": {k: accuracy(c[f"meta_{k}_hit"], c[f"meta_{k}_total"]) for k in METADATA_FIELDS},
            "body_sentences": accuracy(c["body_hit"], c["body_total"]),
            "people": prf(c["people_tp"], c["people_pred"], c["people_gold"]),
            "people_roles": accuracy(c["role_hit"], c["role_total"]),
            "people_country": accuracy(c["country_hit"], c["country_total"]),
            "figures": prf(c["fig_tp"], c["fig_pred"], c["fig_gold"]),
            "figures_unit": accuracy(c["fig_unit_hit"], c["fig_unit_total"]),
            "figures_qualifier": accuracy(c["fig_qual_hit"], c["fig_qual_total"]),
            "events": prf(c["ev_tp"], c["ev_pred"], c["ev_gold"]),
            "events_type": accuracy(c["ev_type_hit"], c["ev_type_total"]),
            "events_date": accuracy(c["ev_date_hit"], c["ev_date_total"]),
            "quotes": prf(c["q_tp"], c["q_pred"], c["q_gold"]),
            "quotes_speaker": accuracy(c["q_speaker_hit"], c["q_speaker_total"]),
            "provenance": self.provenance(),
            "identity": self.identity(),
            "problems": self.db.problems,
        }


def evaluate(db_path: Path, gold_dir: Path) -> tuple[dict, list[str]]:
    """Score the database at ``db_path`` against the gold files in ``gold_dir``: (report, misses)."""
    gold = list(load_gold(gold_dir))
    with closing(Database(db_path)) as db:
        run = Evaluation(db)
        for stem, articles in gold:
            run.score_file(stem, articles)
        return run.report(), run.misses


# ---------------------------------------------------------------- printing

_PRF_LINES = (("articles", "articles"), ("people", "people"), ("figures", "figures"),
              ("events", "events"), ("quotes", "quotes"))
_ACCURACY_LINES = {
    "articles": [("title", ("metadata", "title")), ("outlet", ("metadata", "outlet")),
                 ("byline", ("metadata", "byline")), ("published", ("metadata", "published")),
                 ("wire agencies", ("metadata", "wire")), ("body sentences", ("body_sentences",))],
    "people": [("roles", ("people_roles",)), ("country", ("people_country",))],
    "figures": [("unit", ("figures_unit",)), ("qualifier", ("figures_qualifier",))],
    "events": [("type", ("events_type",)), ("date", ("events_date",))],
    "quotes": [("speaker", ("quotes_speaker",))],
}


def prf_line(label: str, m: dict) -> str:
    """One precision/recall/F1 line."""
    return (f"{label:<18}F1 {m['f1']:.2f}  P {m['precision']:.2f}  R {m['recall']:.2f}"
            f"   ({m['tp']} right of {m['pred']} found, {m['gold']} in gold)")


def accuracy_line(label: str, m: dict) -> str:
    """One accuracy line, indented under its table."""
    value = "n/a " if m["accuracy"] is None else f"{m['accuracy']:.2f}"
    return f"  {label:<16}{value}   ({m['hit']} of {m['total']})"


def format_report(report: dict) -> list[str]:
    """The report as readable lines, ending with the one-line summary."""
    lines = []
    for label, key in _PRF_LINES:
        lines.append(prf_line(label, report[key]))
        for sub_label, path in _ACCURACY_LINES[key]:
            measure = report
            for part in path:
                measure = measure[part]
            lines.append(accuracy_line(sub_label, measure))
    lines.append(accuracy_line("provenance", report["provenance"])[2:].replace("provenance", "provenance  ", 1))
    ident = report["identity"]
    lines.append(f"identity          {ident['people_split']} of {ident['people_seen']} people split over ids; "
                 f"{ident['events_multi_file_merged']} of {ident['events_multi_file']} events "
                 f"reported by several files kept as one")
    lines += [f"problem: {p}" for p in report["problems"]]
    lines.append(summary_line(report))
    return lines


def summary_line(report: dict) -> str:
    """The one-line summary, as the project's eval/score.py prints it."""
    meta = [v["accuracy"] for v in report["metadata"].values() if v["accuracy"] is not None]
    meta_avg = round(sum(meta) / len(meta), 2) if meta else 0
    prov = report["provenance"]["accuracy"]
    return (f"articles F1 {report['articles']['f1']:.2f} | metadata {meta_avg:.2f} | "
            f"people F1 {report['people']['f1']:.2f} | figures F1 {report['figures']['f1']:.2f} | "
            f"events F1 {report['events']['f1']:.2f} | quotes F1 {report['quotes']['f1']:.2f} | "
            f"provenance {prov if prov is not None else 'n/a'}")

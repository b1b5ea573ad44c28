"""`dispatches evaluate`: the scorer, on a small database and gold files written by hand
(every table with a hit, a miss and a spurious row; the expected figures are worked out
below), and against the project's reference scorer (../shared/eval/score.py) when a
checkout has it."""
from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from dispatches import evaluate
from dispatches.cli import cli

SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "eval" / "score.py"

# ---------------------------------------------------------------- a hand-made database

A1_BODY = (
    "Some 3,000 dockers walked out at Port Vell on Wednesday, 1 May, for two days, "
    "demanding a pay rise of about 12 percent.\n\n"
    "Marta Vidal, the union leader of the dockers, said: \u201cWe will not go back to work "
    "until the port listens to us.\u201d\n\n"
    "The city council said: \u201cThe harbour remains open to all vessels.\u201d\n\n"
    "Vidal called it \u201ca historic day\u201d. The strike began at 10 a.m. in 2024."
)
A2_BODY = "Sunny spells all week."
B1_BODY = (
    "Finance Minister Lena Park resigned on Thursday after an audit.\n\n"
    "Park said: \u201cI take full responsibility for the audit.\u201d She will leave office on Friday."
)

SCHEMA = """
create table outlets (id text primary key, name text);
create table articles (id text primary key, seed_file text, position int, outlet_id text,
    title text, byline text, wire_agencies text, published text, body text);
create table people (id text primary key, name text, country text);
create table person_mentions (id int primary key, article_id text, person_id text,
    start int, "end" int, text text);
create table roles (id int primary key, person_id text, article_id text, title text);
create table figures (id int primary key, article_id text, start int, "end" int, text text,
    value real, unit text, qualifier text);
create table events (id text primary key, type text, date_start text);
create table event_reports (id int primary key, event_id text, article_id text,
    start int, "end" int, text text);
create table event_participants (event_id text, person_id text);
create table quotes (id int primary key, article_id text, person_id text, speaker text,
    start int, "end" int, text text);
"""


def span(body: str, text: str, shift: int = 0) -> tuple[int, int, str]:
    """start, end and text of ``text`` in ``body`` (``shift`` moves the offsets, to make a wrong row)."""
    start = body.index(text) + shift
    return start, start + len(text), text


def make_db(path: Path) -> Path:
    """Three articles: a1 (matched by title), a2 (spurious), b1 (wrong title, matched by content)."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("insert into outlets values ('hg', 'Harbour Gazette')")
    db.executemany("insert into articles values (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("a1", "alpha.txt", 0, "hg", "Harbour workers strike over pay in Port Vell", "Ana Ruiz",
         '["AFP", "Reuters"]', "2024-05-02", A1_BODY),
        ("a2", "alpha.txt", 1, None, "Weather: sunny spells", None, None, None, A2_BODY),
        ("b1", "news/beta.txt", 0, None, "Read more: weather for the weekend", "By Staff",
         None, "2024-05-03", B1_BODY),
    ])
    db.executemany("insert into people values (?, ?, ?)", [
        ("marta-vidal", "Marta Vidal", "Spain"), ("vidal", "Vidal", "Spain"),
        ("port-vell", "Port Vell", None), ("lena-park", "Lena Park", "Korea")])
    mentions = [("a1", "marta-vidal", A1_BODY, "Marta Vidal"), ("a1", "vidal", A1_BODY, "Vidal called"),
                ("a1", "port-vell", A1_BODY, "Port Vell"), ("b1", "lena-park", B1_BODY, "Lena Park")]
    db.executemany("insert into person_mentions values (?, ?, ?, ?, ?, ?)",
                   [(i, art, person, *span(body, text)) for i, (art, person, body, text) in enumerate(mentions)])
    db.executemany("insert into roles values (?, ?, ?, ?)", [
        (1, "marta-vidal", "a1", "Union Leader of the dockers"), (2, "vidal", "a1", "union leader"),
        (3, "lena-park", "b1", "Spokesperson")])
    figures = [("3,000 dockers", 3000, "docker", None, 0), ("12 percent", 12, "percent", None, 0),
               ("2024", 2024, "years", None, 0), ("10 a.m.", 10, "hours", None, 1)]   # last: offsets off by one
    db.executemany("insert into figures values (?, 'a1', ?, ?, ?, ?, ?, ?)",
                   [(i, *span(A1_BODY, text, shift), value, unit, qual)
                    for i, (text, value, unit, qual, shift) in enumerate(figures)])
    db.executemany("insert into events values (?, ?, ?)", [
        ("e1", "other", "2024-05"), ("e2", "statement", "2023"), ("e3", "statement", "2024-05-02")])
    reports = [("e1", "a1", A1_BODY, "Some 3,000 dockers walked out"), ("e2", "a1", A1_BODY, "The strike began"),
               ("e3", "b1", B1_BODY, "Finance Minister Lena Park resigned")]
    db.executemany("insert into event_reports values (?, ?, ?, ?, ?, ?)",
                   [(i, ev, art, *span(body, text)) for i, (ev, art, body, text) in enumerate(reports)])
    db.executemany("insert into event_participants values (?, ?)", [("e1", "marta-vidal"), ("e3", "lena-park")])
    quotes = [("vidal", None, "We will not go back to work until the port listens to us."),
              (None, "the city council", "The harbour remains open to all vessels."),
              (None, None, "a historic day")]
    db.executemany("insert into quotes values (?, 'a1', ?, ?, ?, ?, ?)",
                   [(i, person, speaker, *span(A1_BODY, text)) for i, (person, speaker, text) in enumerate(quotes)])
    db.commit()
    db.close()
    return path


ALPHA_GOLD = """
file: alpha.txt
articles:
  - title: Harbour workers strike over pay in Port Vell
    outlet: The Harbour Gazette
    byline: By Ana Ruiz
    published: 2024-05-02
    wire_agencies: [AFP]
    body_first_sentence: Some 3,000 dockers walked out at Port Vell
    body_last_sentence: The dockers will meet the port director on Friday.
    people:
      - {name: Marta Vidal, aliases: [Marta Vidal, Vidal], country: Spain, roles: [{title: union leader}]}
      - {name: Jordi Puig, aliases: [Puig], country: Spain, roles: [{title: Port Director}]}
    figures:
      - {text: "3,000 dockers", value: 3000, unit: dockers, qualifier: null}
      - {text: about 12 percent, value: 12, unit: percent, qualifier: about}
      - {text: two days, value: 2, unit: days, qualifier: null}
    events:
      - {type: protest, date_start: 2024-05-01, participants: [Marta Vidal], summary: Dockers strike}
      - {type: meeting, date_start: 2024-05-03, participants: [Marta Vidal, Jordi Puig], summary: Talks}
    quotes:
      - {speaker: Marta Vidal, text: We will not go back to work until the port listens to us.}
      - {speaker: Port Authority, text: The harbour remains open to all vessels.}
  - title: Council approves new bridge budget
    people:
      - {name: Oriol Mas, aliases: [Mas]}
    figures:
      - {text: 40 million euros, value: 40000000, unit: eur}
      - {text: 18 months, value: 18, unit: months}
    events:
      - {type: vote, date_start: 2024-04-30, summary: The council votes the budget}
    quotes:
      - {speaker: Oriol Mas, text: This bridge will link the two halves of the city.}
      - {speaker: Oriol Mas, text: Work starts in June.}
"""

# no `file` key: the file's own name says which scrape it annotates
BETA_GOLD = """
articles:
  - title: Minister resigns after audit
    published: 2024-05
    people:
      - {name: Lena Park, aliases: [Lena Park, Park], country: South Korea, roles: [{title: Minister}]}
    events:
      - {type: statement, date_start: 2024-05-02, participants: [Lena Park], summary: Park resigns}
    quotes:
      - {speaker: Lena Park, text: I take full responsibility for the audit.}
"""


@pytest.fixture
def hand_made(tmp_path) -> tuple[Path, Path]:
    """(database, gold folder) written by hand."""
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "alpha.yml").write_text(ALPHA_GOLD, encoding="utf-8")
    (gold / "beta.yaml").write_text(BETA_GOLD, encoding="utf-8")
    return make_db(tmp_path / "hand.db"), gold


def numbers(measure: dict) -> tuple:
    """The counts and rates of a P/R/F1 or accuracy entry."""
    if "f1" in measure:
        return measure["tp"], measure["pred"], measure["gold"], measure["precision"], measure["recall"], measure["f1"]
    return measure["hit"], measure["total"], measure["accuracy"]


def test_articles_found_by_title_and_by_content(hand_made):
    report, misses = evaluate.evaluate(*hand_made)
    # a1 by title, b1 by its quote and names despite a wrong title; a2 is spurious; one gold article lost
    assert numbers(report["articles"]) == (2, 3, 3, 0.667, 0.667, 0.667)
    assert "alpha: article not found: 'Council approves new bridge budget'" in misses


def test_metadata_and_body(hand_made):
    report, misses = evaluate.evaluate(*hand_made)
    meta = {k: numbers(v) for k, v in report["metadata"].items()}
    assert meta == {"title": (1, 2, 0.5),        # b1's title is wrong
                    "outlet": (2, 2, 1.0),       # "The Harbour Gazette" = "Harbour Gazette"; none = none
                    "byline": (1, 2, 0.5),       # "By Ana Ruiz" = "Ana Ruiz"; none != "By Staff"
                    "published": (1, 2, 0.5),    # 2024-05 != 2024-05-03: dates must be equal
                    "wire": (1, 2, 0.5)}         # [AFP] != [AFP, Reuters]; [] = null
    assert numbers(report["body_sentences"]) == (1, 2, 0.5)
    assert "beta: title gold='Minister resigns after audit' db='Read more: weather for the weekend'" in misses


def test_people_roles_country(hand_made):
    report, misses = evaluate.evaluate(*hand_made)
    # found: Marta Vidal (twice, as two ids), Port Vell (extra), Lena Park; gold: Vidal, Puig, Mas, Park
    assert numbers(report["people"]) == (2, 4, 4, 0.5, 0.5, 0.5)
    assert numbers(report["people_roles"]) == (1, 2, 0.5)      # union leader ok; Spokesperson != Minister
    assert numbers(report["people_country"]) == (1, 2, 0.5)    # Spain ok; Korea != South Korea
    # the second id of Marta Vidal in the same article is a found row that is not right (not a split)
    assert report["identity"]["people_split"] == 0 and report["identity"]["people_seen"] == 2
    assert "alpha: extra person 'Port Vell'" in misses
    assert "alpha: missed person 'Jordi Puig'" in misses
    assert not any("extra person 'Vidal'" in m for m in misses)   # a second id of a found person


def test_figures(hand_made):
    report, misses = evaluate.evaluate(*hand_made)
    # 3,000 dockers and 12 percent found; 2024 and 10 a.m. extra; two days + the lost article's two missed
    assert numbers(report["figures"]) == (2, 4, 5, 0.5, 0.4, 0.444)
    assert numbers(report["figures_unit"]) == (2, 2, 1.0)        # docker = dockers
    assert numbers(report["figures_qualifier"]) == (1, 2, 0.5)   # "about" lost
    assert "alpha: missed figure 'two days'" in misses
    assert "alpha: extra figure '2024'" in misses


def test_events(hand_made):
    report, misses = evaluate.evaluate(*hand_made)
    # the strike (2024-05 ~ 2024-05-01, shared participant) and the resignation statement found;
    # the 2023 statement is extra; the meeting and the lost article's vote are missed
    assert numbers(report["events"]) == (2, 3, 4, 0.667, 0.5, 0.571)
    assert numbers(report["events_type"]) == (1, 2, 0.5)   # protest != other
    assert numbers(report["events_date"]) == (1, 2, 0.5)   # 2024-05-01 != 2024-05
    assert report["identity"]["events_multi_file"] == 0
    assert "alpha: extra event 2023 statement" in misses


def test_quotes_and_provenance(hand_made):
    report, misses = evaluate.evaluate(*hand_made)
    # Vidal's and the council's quotes found, "a historic day" extra; Park's and the lost two missed
    assert numbers(report["quotes"]) == (2, 3, 5, 0.667, 0.4, 0.5)
    assert numbers(report["quotes_speaker"]) == (1, 2, 0.5)    # "Vidal" is Marta Vidal; council != Port Authority
    assert "beta: missed quote 'I take full responsibility for the audit.'" in misses
    assert "alpha: extra quote 'a historic day'" in misses
    # 4 mentions + 4 figures + 3 quotes + 3 event reports; one figure's offsets are off by one
    assert numbers(report["provenance"]) == (13, 14, 0.929)
    assert report["problems"] == []


def test_identity_across_files(tmp_path):
    """One person under two ids in two files is a split; one event row for both files' reports is merged."""
    db = sqlite3.connect(tmp_path / "two.db")
    db.executescript(SCHEMA)
    db.executemany("insert into articles (id, seed_file, position, title, body) values (?, ?, 0, ?, ?)",
                   [("x", "one.txt", "Ada Nkem visits Lagos", "Ada Nkem visited Lagos."),
                    ("y", "two.txt", "Nkem in Lagos", "Nkem arrived in Lagos.")])
    db.executemany("insert into people values (?, ?, null)", [("ada-nkem", "Ada Nkem"), ("nkem", "Nkem")])
    db.executemany("insert into person_mentions values (?, ?, ?, null, null, null)",
                   [(1, "x", "ada-nkem"), (2, "y", "nkem")])
    db.execute("insert into events values ('v', 'visit', '2024-03-02')")
    db.executemany("insert into event_reports values (?, 'v', ?, null, null, null)", [(1, "x"), (2, "y")])
    db.executemany("insert into event_participants values ('v', ?)", [("ada-nkem",), ("nkem",)])
    db.commit()
    db.close()
    (tmp_path / "gold").mkdir()
    for stem, title in (("one", "Ada Nkem visits Lagos"), ("two", "Nkem in Lagos")):
        (tmp_path / "gold" / f"{stem}.yml").write_text(
            f"articles:\n  - title: {title}\n    people: [{{name: Ada Nkem, aliases: [Ada Nkem, Nkem]}}]\n"
            f"    events: [{{type: visit, date_start: 2024-03-02, participants: [Ada Nkem]}}]\n")
    report, _ = evaluate.evaluate(tmp_path / "two.db", tmp_path / "gold")
    assert report["identity"] == {"people_split": 1, "people_seen": 1,
                                  "events_multi_file": 1, "events_multi_file_merged": 1}
    assert numbers(report["provenance"]) == (0, 4, 0.0)     # rows without offsets do not cut their text


def test_match_article_needs_a_close_title_or_the_content():
    gold = {"title": "Council approves new bridge budget",
            "quotes": [{"text": "This bridge will link the two halves"}], "people": [{"name": "Oriol Mas"}]}
    near = {"id": 1, "title": "Council approves bridge budget", "body": ""}         # similarity 0.94
    other = {"id": 2, "title": "Council rejects plan for new ferry", "body": ""}     # similarity 0.47
    assert evaluate.match_article(gold, [other, near]) is near
    assert evaluate.match_article(gold, [other]) is None
    # one anchor is too few to recognise an article by its content
    other_with_quote = {**other, "body": "He said: this bridge will link the two halves of the city."}
    assert evaluate.match_article(gold, [other_with_quote]) is None
    gold["people"] = [{"name": "Oriol Mas", "aliases": ["Oriol Mas"]}]
    assert evaluate.match_article(gold, [other_with_quote]) is None             # 1 of 2 anchors: 0.5
    other_with_both = {**other, "body": other_with_quote["body"] + " Oriol Mas smiled."}
    assert evaluate.match_article(gold, [other_with_both]) is other_with_both


def test_helpers():
    assert evaluate.norm("  Caf\u00e9 \u201cA\u2014B\u201d ") == 'cafe "a-b"'
    assert evaluate.name_key("The Ministry of Defence") == "ministry of defense"
    assert evaluate.name_key("By AFP") == "afp"
    assert evaluate.date_compatible("2025-02", "2025-02-28")
    assert not evaluate.date_compatible("2025-02-01", "2025-02-28")
    assert evaluate.date_compatible(None, None) and not evaluate.date_compatible("2025", None)
    assert evaluate.prf(0, 0, 0)["f1"] == 1.0 and evaluate.prf(0, 2, 0)["f1"] == 0.0
    assert evaluate.accuracy(0, 0)["accuracy"] is None
    assert evaluate.json_list('["AFP", "TASS"]') == ["AFP", "TASS"]
    assert evaluate.json_list("AFP, TASS") == ["AFP", "TASS"]
    assert evaluate.roles_agree(["Foreign Minister"], ["Minister of Foreign Affairs"])
    assert not evaluate.roles_agree(["Foreign Minister"], ["Defence Minister"])
    assert not evaluate.roles_agree(["Minister"], [])
    assert evaluate.quote_matches("\u201cWe will win", "we will win, he said")
    assert not evaluate.quote_matches("We will win", "They will lose")
    same_40 = "We will not go back to work until the po"          # 40 characters
    assert evaluate.quote_matches(same_40 + "rt listens", same_40 + "wer is back")
    assert evaluate.quote_matches("We will not go back to work until the port listens", "We will not go back")
    assert not evaluate.quote_matches("We will not go back to work", "We will not go back to school")
    fig = {"text": "3,000 dockers", "value": 3000}
    assert evaluate.figure_matches(fig, {"text": "3,000 dockers", "value": 3010})      # within 0.5 %
    assert not evaluate.figure_matches(fig, {"text": "3,000 dockers", "value": 3100})
    assert evaluate.figure_matches(fig, {"text": "3,000", "value": 3000})              # text inside the gold's
    assert not evaluate.figure_matches(fig, {"text": "3,000 cranes", "value": 3000})
    assert not evaluate.figure_matches({"text": "dozens", "value": None}, {"text": "dozens", "value": 24})


def test_missing_tables_are_problems_not_errors(tmp_path, hand_made):
    db = sqlite3.connect(tmp_path / "bare.db")
    db.execute("create table articles (id text primary key, seed_file text, position int, title text, "
               "byline text, wire_agencies text, published text, body text)")
    db.execute("insert into articles values ('a1', 'alpha.txt', 0, 'Harbour workers strike over pay in Port Vell', "
               "null, null, null, 'x')")
    db.commit()
    db.close()
    report, _ = evaluate.evaluate(tmp_path / "bare.db", hand_made[1])
    assert numbers(report["articles"]) == (1, 1, 3, 1.0, 0.333, 0.5)
    assert "missing table person_mentions" in report["problems"]
    assert report["metadata"]["outlet"]["hit"] == 0     # no outlets table: outlet read as null


def test_bad_gold_is_reported(tmp_path, hand_made):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.yml").write_text("articles:\n  - title: T\n    people:\n      - {aliases: [A]}\n")
    with pytest.raises(evaluate.GoldError, match="needs a `name`"):
        evaluate.evaluate(hand_made[0], tmp_path / "bad")
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(tmp_path / "bad"), "--db", str(hand_made[0])])
    assert result.exit_code == 1 and "needs a `name`" in result.output


def test_cli_text_json_and_errors(hand_made, tmp_path):
    db, gold = hand_made
    runner = CliRunner()
    text = runner.invoke(cli, ["evaluate", "--gold", str(gold), "--db", str(db)])
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0].startswith("articles          F1 0.67  P 0.67  R 0.67")
    assert "  roles           0.50   (1 of 2)" in lines
    assert lines[-1].startswith("articles F1 0.67 | metadata 0.60 | people F1 0.50 | figures F1 0.44")
    assert not any("missed" in line for line in lines)
    verbose = runner.invoke(cli, ["evaluate", "--gold", str(gold), "--db", str(db), "-v"])
    assert "alpha: missed person 'Jordi Puig'" in verbose.output.splitlines()
    as_json = json.loads(runner.invoke(cli, ["evaluate", "--gold", str(gold), "--db", str(db), "--json"]).output)
    assert as_json == evaluate.evaluate(db, gold)[0]
    with_misses = json.loads(runner.invoke(cli, ["evaluate", "--gold", str(gold), "--db", str(db),
                                                 "--json", "-v"]).output)
    assert "alpha: extra person 'Port Vell'" in with_misses["misses"]
    missing = runner.invoke(cli, ["evaluate", "--gold", str(gold), "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no database" in missing.output
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(cli, ["evaluate", "--gold", str(tmp_path / "empty"), "--db", str(db)])
    assert empty.exit_code == 1 and "no gold files" in empty.output


# ---------------------------------------------------------------- the reference scorer

def reference_report(db: Path, gold: Path) -> tuple[dict, list[str]]:
    """The report and misses of ../shared/eval/score.py."""
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    scorer = score.Scorer(score.DB(db), verbose=True)
    for stem, articles in score.load_gold(gold):
        scorer.score_file(stem, articles)
    return scorer.report(), scorer.misses


needs_reference = pytest.mark.skipif(not REFERENCE.exists(),
                                     reason=f"no reference scorer at {REFERENCE} (a clone has no ../shared)")


@needs_reference
def test_same_figures_as_reference_on_seeds(seeds_db):
    gold = SHARED / "gold" / "seeds"
    if not gold.is_dir():
        gold = ROOT / "tests" / "gold"
    ours, our_misses = evaluate.evaluate(seeds_db, gold)
    theirs, their_misses = reference_report(seeds_db, gold)
    assert ours == theirs
    assert set(their_misses) <= set(our_misses)    # ours also lists wrong fields (unit, speaker...)


@needs_reference
def test_same_figures_as_reference_on_hand_made(hand_made):
    ours, our_misses = evaluate.evaluate(*hand_made)
    theirs, their_misses = reference_report(*hand_made)
    assert ours == theirs
    assert set(their_misses) <= set(our_misses)

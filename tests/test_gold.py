"""The seeds build scored against the hand-checked gold (tests/gold/), at the issues' targets."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def report(seeds_db):
    spec = importlib.util.spec_from_file_location("score", GOLD / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    scorer = score.Scorer(score.DB(seeds_db))
    for stem, articles in score.load_gold(GOLD):
        scorer.score_file(stem, articles)
    return scorer.report()


def test_articles_and_metadata(report):
    assert report["articles"]["f1"] == 1.0
    for key in ("title", "byline", "published", "wire"):
        assert report["metadata"][key]["accuracy"] == 1.0, key
    assert report["body_sentences"]["accuracy"] == 1.0


def test_people_roles_country(report):
    assert report["people"]["f1"] >= 0.95
    assert report["people_roles"]["accuracy"] >= 0.90
    assert report["people_country"]["accuracy"] >= 0.95
    assert report["identity"]["people_split"] == 0


def test_quotes(report):
    assert report["quotes"]["f1"] >= 0.90
    assert report["quotes_speaker"]["accuracy"] >= 0.90


def test_provenance(report):
    assert report["provenance"]["accuracy"] == 1.0
    assert report["provenance"]["total"] > 50
    assert not report["problems"] or all("missing table" in p for p in report["problems"])

"""Ten blind, hand-annotated scrapes in other outlets' shapes (tests/fixtures/events/),
built end to end and scored by `dispatches evaluate`, as the seeds are. Floors sit just under
what the pipeline measured when they were set; they guard against regressions on
articles the rules were not written from (trade, casualties, rates, votes, exercises)."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from dispatches import evaluate, pipeline

EVENTS = FIXTURES / "events"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    db = tmp_path_factory.mktemp("events") / "events.db"
    pipeline.run(EVENTS / "seeds", db)
    return evaluate.evaluate(db, EVENTS / "gold")[0]


def test_every_article_found(report):
    assert report["articles"]["f1"] == 1.0


def test_figures(report):
    assert report["figures"]["f1"] >= 0.93
    assert report["figures_unit"]["accuracy"] >= 0.87
    assert report["figures_qualifier"]["accuracy"] >= 0.95


def test_events(report):
    assert report["events"]["f1"] >= 0.60
    assert report["events_date"]["accuracy"] >= 0.85


def test_one_event_reported_by_two_files_is_one_row(report):
    assert report["identity"]["events_multi_file"] >= 1
    assert report["identity"]["events_multi_file_merged"] == report["identity"]["events_multi_file"]


def test_provenance(report):
    assert report["provenance"]["accuracy"] == 1.0

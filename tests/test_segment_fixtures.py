"""Segmentation driven by fixture files: tests/fixtures/segment/NAME.txt is a
scrape, NAME.yml beside it the segmentation a careful reader expects."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dispatches.segment import segment

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "segment"
CASES = sorted(FIXTURES.glob("*.txt"))
FIELDS = ("title", "byline", "published", "outlet", "wire_agencies")


def expected(path: Path) -> list[dict]:
    return (yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8")) or {}).get("articles") or []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_segmentation(case: Path):
    want = expected(case)
    got = segment(case.name, case.read_text(encoding="utf-8"))
    assert len(got) == len(want), [a.title for a in got]
    for w, g in zip(want, got):
        for field in FIELDS:
            assert getattr(g, field) == (w.get(field) if field != "wire_agencies" else w.get(field) or []), field
        assert g.body == w["body"].strip()
        if "captions" in w:
            assert [(c.text, c.credit) for c in g.captions] == \
                   [(c.get("text"), c.get("credit")) for c in w["captions"] or []]


def test_every_fixture_has_expectations():
    assert CASES, "no fixtures found"
    missing = [c.name for c in CASES if not c.with_suffix(".yml").exists()]
    assert not missing

"""Property-based fuzzing (Hypothesis) of the stages that read raw input: ingest,
segmentation and date reading. Whatever the bytes, nothing raises, and every offset a
stage gives points at the words it names. Bounded to run in well under a minute."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from dispatches import dates, ingest, segment

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text in the shapes scrapes have: words, numbers, dates, quote marks, date lines, blank lines.
PIECES = st.sampled_from([
    " date 2024-02-29 ", " date 9999-12-31 ", " date 0001-01-01 ", " date 2023-02-30 ", "\n", "\n\n",
    "By Jane Doe", "Read more", "Share this", "(AP) —", "Reuters", "“", "”", "\"", "'", "’", "said", "told",
    "on Monday", "will meet", "tomorrow", "next week", "yesterday", "last year", "in March", "Jan. 14", "2024", "13.10.2023",
    "at least", "$1.5 billion", "24pc", "-1.3%", "7-2", "352 to 58", "President", "Kyiv", "Ghana's",
    "The minister", "Officials", "met", "in", "the", ".", ",", ":", " ", "\t", "\u00a0", "\u200b", "—",
])
SCRAPE = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=120).map(" ".join)
REFERENCE = st.one_of(st.none(), st.sampled_from([dt.date.min, dt.date.max]),
                      st.dates(min_value=dt.date.min, max_value=dt.date.max))


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_get_a_status_and_a_reason(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("seeds")
    (folder / "x.txt").write_bytes(data)
    seed = ingest.read_seed(folder / "x.txt", folder)
    assert seed.status in {"ok", "empty", "rejected"}
    assert (seed.text is not None) == (seed.status == "ok")
    assert seed.status == "ok" or seed.reason


@FAST
@given(SCRAPE)
def test_segmentation_never_raises_and_bodies_are_text(text):
    for article in segment.segment("x.txt", text):
        assert article.body.strip()
        assert article.published is None or dt.date.fromisoformat(article.published)


@FAST
@given(SCRAPE, REFERENCE)
def test_dates_never_raise_and_offsets_point_at_the_words(text, reference):
    for mention in dates.find(text, reference):
        assert text[mention.start:mention.end] == mention.text
        for value in (mention.date_start, mention.date_end):
            assert value is None or 1 <= int(value[:4]) <= 9999

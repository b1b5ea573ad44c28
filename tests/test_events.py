"""Event rules on fixture sentences (invented people and places). Each expectation is
what a reader takes from the sentence, worked out by hand: 2024-05-07 is a Tuesday,
so "on Sunday" is 2024-05-05."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dispatches import dates, events, nlp, people, quotes
from dispatches.records import Extraction


def reports(text: str, published: str | None = "2024-05-07"):
    doc = nlp.pipeline()(text)
    ex: Extraction = people.extract(doc)
    quotes.extract(doc, ex)
    ref = dt.date.fromisoformat(published) if published else None
    events.extract(doc, ex, dates.find(text, ref), published)
    for r in ex.events:
        assert text[r.start:r.end] == r.text
    return ex.events


def estimated(db_path, seed_file: str) -> str | None:
    """The estimated publication date the build gave ``seed_file``'s article."""
    import sqlite3
    row = sqlite3.connect(db_path).execute(
        "select estimated_published from articles where seed_file = ?", (seed_file,)).fetchone()
    return row[0]


def test_verb_trigger_participants_place_and_weekday():
    [r] = reports("Foreign Minister Anna Berg met Prime Minister David Miller in Oslo on Sunday.")
    assert (r.type, r.date_start, r.place) == ("meeting", "2024-05-05", "Oslo")
    assert set(r.participants) == {"Anna Berg", "David Miller"}


def test_noun_trigger_takes_the_subject_of_its_verb():
    [r] = reports("Anna Berg praised the ties during a meeting with David Miller in Oslo on Sunday.")
    assert (r.type, r.date_start) == ("meeting", "2024-05-05")
    assert set(r.participants) == {"Anna Berg", "David Miller"}


def test_dated_statement_and_routine_saying():
    found = reports("In March, Anna Berg said the economy was recovering. David Miller said it was not.")
    assert [(r.type, r.date_start, r.participants) for r in found] == [("statement", "2024-03", ["Anna Berg"])]


def test_relative_clause_takes_the_date_of_its_clause():
    found = reports("The two countries signed a pact in February 2022 when David Miller visited Oslo.")
    visit = [r for r in found if r.type == "visit"]
    assert [(r.date_start, r.participants) for r in visit] == [("2022-02", ["David Miller"])]


def test_a_month_after_is_dated_from_the_story():
    found = reports("David Miller arrived in Oslo on Sunday.\n\n"
                    "His visit comes a month after Anna Berg met Sarah Cohen in Seoul.")
    meeting = [r for r in found if r.type == "meeting"]
    assert [(r.date_start, set(r.participants)) for r in meeting] == [("2024-04", {"Anna Berg", "Sarah Cohen"})]


def test_later_mention_of_the_meeting_is_the_same_event():
    found = reports("Anna Berg met David Miller in Oslo on Sunday. The meeting lasted two hours.")
    assert len(found) == 1
    assert len(found[0].merged) == 1 and found[0].date_start == "2024-05-05"


def test_two_visits_in_one_sentence_stay_two():
    found = reports("Sarah Cohen's trip to Oslo comes weeks after a visit to Rome by David Miller last month.")
    visits = sorted((r.date_start or "", tuple(r.participants)) for r in found if r.type == "visit")
    # the trip told in the present in the lead takes place on the article's day
    assert visits == [("2024-04", ("David Miller",)), ("2024-05-07", ("Sarah Cohen",))]


def test_passed_a_law_is_one_vote_dated_by_its_verb():
    found = reports("In March, parliament passed a law raising spending from next year.")
    assert [(r.type, r.date_start) for r in found] == [("vote", "2024-03")]


def test_date_after_since_is_not_the_event_date():
    found = reports("The central bank has cut interest rates to 3%, the lowest level since early 2023.")
    assert found and all(r.date_start != "2023" for r in found)


def test_not_events():
    assert reports("Analysts worry about the war in the region.") == []            # generic noun
    assert reports('"We will attack them," Anna Berg said.') == []                  # quoted, routine saying
    assert reports("The conflict has killed more than 5,000 people.") == []        # a tally
    assert reports("The ministers agreed to start talks on a trade deal.") == []   # an intention
    assert reports("Meet the Press.") == []                                          # a name


def test_unresolvable_date_words_are_kept_aside():
    [r] = reports("Anna Berg met David Miller on Tuesday.", published=None)
    assert r.date_text == "Tuesday" and r.date_start is None and events.unresolved(r)


def test_merge_across_articles_and_estimated_date(build):
    result, db_path = build({
        "a.txt": " date 2024-05-07 \nBerg and Miller meet in Oslo\n\n"
                 "Foreign Minister Anna Berg met David Miller in Oslo on Sunday to discuss fishing rights and trade.\n",
        "b.txt": "Miller visits Oslo\n\n"
                 "David Miller met with Anna Berg on Sunday in Oslo, officials said after the two-hour session.\n",
        "c.txt": " date 2024-06-20 \nBerg and Miller meet again\n\n"
                 "Foreign Minister Anna Berg met David Miller in Oslo on Monday, their second meeting in six weeks.\n",
    })
    import sqlite3
    db = sqlite3.connect(db_path)
    rows = db.execute("select date_start, article_count from events where type = 'meeting' "
                      "order by date_start").fetchall()
    assert rows == [("2024-05-05", 2), ("2024-06-17", 1)]       # 2024-06-20 is a Thursday
    assert all(r[0] == 3 for r in db.execute("select count(*) from articles"))
    est = db.execute("select estimated_published from articles where seed_file = 'b.txt'").fetchone()
    assert est == ("2024-05-05",)


MEETINGS = {
    "a.txt": " date 2024-05-07 \nBerg and Miller meet in Oslo\n\n"
             "Foreign Minister Anna Berg met David Miller in Oslo on Sunday to discuss fishing rights and trade.\n",
    "b.txt": "Miller visits Oslo\n\n"
             "David Miller met with Anna Berg on Sunday in Oslo, officials said after the two-hour session.\n",
}


@pytest.mark.parametrize("workers", [False, True])
def test_an_undated_article_read_again_is_not_parsed_again(build, monkeypatch, tmp_path, workers):
    """b.txt is read a second time against its estimated date, from the document its first
    reading parsed (in this process, or in the worker processes, which need not be the
    same one both times); the database is the one a build that parses it twice writes."""
    from dispatches import pipeline
    from test_rebuild import canonical
    if workers:
        monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
        monkeypatch.setattr(pipeline, "default_jobs", lambda: 2)
        monkeypatch.setattr(pipeline, "start_worker", lambda: None)    # no warm-up parse to count
    parsed: list[str] = []
    real = nlp.parse

    def counted(texts):
        texts = list(texts)
        parsed.extend(texts)
        return real(texts)
    monkeypatch.setattr(nlp, "parse", counted)
    result, once = build(MEETINGS)
    b = next(a for a in result.articles if a.seed_file == "b.txt")
    assert b.estimated == "2024-05-05"
    assert workers or parsed.count(b.body) == 1          # (the workers' parsing is not seen from here)
    if workers:
        assert result.workers_peak_mib > 0 and result.cache_misses == 3     # a, b, and b again
    monkeypatch.setattr(pipeline, "DOCS_KEPT_MAX", 0)               # nothing kept: parsed twice
    parsed.clear()
    pipeline.run(tmp_path / "seeds", tmp_path / "twice.db", cache_path=None)
    assert workers or parsed.count(b.body) == 2
    assert canonical(once) == canonical(tmp_path / "twice.db")


def test_a_document_from_bytes_gives_the_extraction_of_a_fresh_parse():
    from conftest import FIXTURES, SEEDS
    from dispatches import ingest, pipeline, segment
    from dispatches.records import Article
    articles = [a for folder in (SEEDS, FIXTURES / "events" / "seeds") for seed in ingest.ingest(folder)
                if seed.status == "ok" for a in segment.segment(seed.path, seed.text)]
    assert len(articles) > 10
    for article, doc in zip(articles, nlp.parse(a.body for a in articles)):
        fresh, again = (Article(**{**vars(article), "published": article.published or "2024-05-07"})
                        for _ in range(2))
        pipeline.extract_one(fresh, doc)
        pipeline.extract_one(again, nlp.from_bytes(nlp.to_bytes(doc)))
        assert again.extraction == fresh.extraction, article.seed_file


def _article(name: str, published: str | None, *reps) -> "Article":
    from dispatches.records import Article
    ex = Extraction()
    ex.events = [events.EventReport(type=t, start=0, end=1, text="x", trigger="met", at=n, summary="x",
                                    date_start=d, date_end=None, date_text=words, date_basis=None,
                                    participants=list(who), place=place)
                 for n, (t, d, words, who, place) in enumerate(reps)]
    return Article(name, 0, name, None, published, None, [], "x", extraction=ex)


def _shape(merged):
    return [(e.type, e.date_start, e.place, e.participants, [(i, r.at) for i, r in e.reports]) for e in merged]


def test_second_merge_starts_from_a_copy_of_the_dated_articles_merge():
    # Dated articles: a meeting of A and B on 2024-05-05 (two reports), a visit by C.
    # Undated: "on Sunday" A met B (unresolved words), and A met D.
    arts = [_article("1", "2024-05-07", ("meeting", "2024-05-05", "on Sunday", ["A", "B"], "Oslo")),
            _article("2", "2024-05-06", ("meeting", "2024-05-05", "on Sunday", ["B", "A"], None),
                     ("visit", "2024-05-06", "today", ["C"], "Rome")),
            _article("3", None, ("meeting", None, "on Sunday", ["A", "B"], None),
                     ("meeting", None, None, ["A", "D"], None))]
    person_of = {(i, k): k.lower() for i, a in enumerate(arts) for r in a.extraction.events for k in r.participants}
    reuse: dict = {}
    first = events.across(arts, person_of, keep_unresolved=True, reuse=reuse)
    assert _shape(first) == _shape(events.across(arts, person_of, keep_unresolved=True))
    # the undated "on Sunday" report joined the dated meeting, which is how its article gets a date
    assert _shape(first)[0] == ("meeting", "2024-05-05", "Oslo", ["b", "a"], [(1, 0), (0, 0), (2, 0)])
    kept = reuse["merger"]
    second = events.across(arts, person_of, reuse=reuse)
    assert reuse == {}                                           # the same dated articles: their state was taken
    assert _shape(second) == _shape(events.across(arts, person_of))
    assert second[0] is kept.events[0]
    assert _shape(second)[0][4] == [(1, 0), (0, 0)]              # unresolved report left out this time
    assert [len(e.reports) for e in first] == [3, 1, 1]         # the first merge's events were not touched
    # a dated article read differently: the kept state does not fit, so it is not used
    events.across(arts, person_of, keep_unresolved=True, reuse=reuse)
    arts[1].extraction.events[0] = dataclasses.replace(arts[1].extraction.events[0], participants=["B", "E"])
    person_of[(1, "E")] = "e"
    third = events.across(arts, person_of, reuse=reuse)
    assert _shape(third) == _shape(events.across(arts, person_of))
    assert "e" in third[0].participants

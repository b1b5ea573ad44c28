"""Event rules of a careful reader, on sentences written for these tests (invented
people and firms, real places). Articles are dated Tuesday 2024-05-07 unless said
otherwise, so "on Sunday" is 2024-05-05 and "on Monday" 2024-05-06. Each expectation
was worked out by hand."""
from __future__ import annotations

import datetime as dt
import sqlite3

from dispatches import dates, events
from dispatches.events.merge import merge_in_article
from test_events import estimated, reports


def kinds(text: str, published: str | None = "2024-05-07"):
    return [(r.type, r.date_start) for r in reports(text, published)]


def _report(etype, date_start=None, date_text=None, inherited=False, date_end=None):
    r = events.EventReport(type=etype, start=0, end=1, text="x", trigger="x", at=0, summary="x",
                           date_start=date_start, date_end=date_end, date_text=date_text, date_basis=None)
    r.inherited = inherited
    return r


# ---------------------------------------------------------------- dates carried over

def test_a_carried_over_date_is_not_spread_to_the_event():
    # "He was found guilty." then "He served as mayor until 2005." then "He was charged ...":
    # the charge borrowed 2005 from the sentence before; the verdict must not take it.
    [e] = merge_in_article([_report("court"), _report("court", "2005", inherited=True)])
    assert e.date_start is None


def test_a_date_of_its_own_words_replaces_a_carried_over_one():
    # "... in May." then "He was charged" (May carried over) then "on Friday a court convicted him"
    [e] = merge_in_article([_report("court", "2024-05", inherited=True), _report("court", "2024-05-03", "on Friday")])
    assert (e.date_start, e.date_text) == ("2024-05-03", "on Friday")
    # a carried-over date that disagrees keeps the reports apart: it may well be right
    assert len(merge_in_article([_report("court", "2005", inherited=True),
                                 _report("court", "2024-05-03", "on Friday")])) == 2


def test_a_day_inside_a_week_is_the_closer_date():
    [e] = merge_in_article([_report("exercise", "2024-05-06", "this week", date_end="2024-05-12"),
                            _report("exercise", "2024-05-08", "Wednesday through Sunday", date_end="2024-05-12")])
    assert (e.date_start, e.date_end) == ("2024-05-08", "2024-05-12")


def test_what_would_happen_borrows_no_date():
    text = ("Inflation rose to 6% in March.\n\n"
            "The central bank of Norway had indicated it would raise its key rate.")
    assert kinds(text) == []


def test_what_will_happen_borrows_the_schedule():
    found = kinds("Prime Minister Anna Berg arrived in Oslo on Sunday.\n\nShe will also meet King David Miller.")
    assert ("meeting", "2024-05-05") in found


def test_an_expectation_is_not_an_event():
    assert kinds("Markets anticipate that the central bank will raise interest rates in June.") == []
    assert kinds("The retreat is unlikely to change the view that the central bank will raise "
                 "interest rates at its June meeting.") == []
    assert kinds("The central bank raised interest rates in March.") == [("policy", "2024-03")]


# ---------------------------------------------------------------- what is no event

def test_counted_votes_are_a_tally():
    assert kinds("Anna Berg garnered 5,000 votes, or 52 percent of the valid votes cast, on Sunday.") == []
    assert kinds("Anna Berg won the election on Sunday.") == [("election", "2024-05-05")]


def test_ruling_a_country_is_no_court_ruling():
    assert kinds("The general ruled the country with an iron fist for 30 years.") == []
    assert kinds("The supreme court ruled on Monday that the tax was unlawful.") == [("court", "2024-05-06")]


def test_a_year_glued_to_a_name_is_no_date():
    ref = dt.date(2024, 5, 7)
    assert [m.text for m in dates.find("the Sea Shield-2023 drills", ref)] == []
    assert [m.date_start for m in dates.find("in mid-2023", ref)] == ["2023"]


# ---------------------------------------------------------------- told in a statement

def test_a_statement_that_tells_what_is_under_way():
    found = reports("The Defence Ministry says naval forces of three countries are staging joint drills "
                    "in the Gulf of Oman.")
    assert sorted((r.type, r.date_start) for r in found) == [("exercise", "2024-05-07"),
                                                             ("statement", "2024-05-07")]
    assert [r.place for r in found if r.type == "exercise"] == ["Gulf of Oman"]
    assert kinds("The minister said joint military exercises are planned.") == []


def test_where_the_verb_says_beats_who_does_it():
    [r] = reports("China and Russia conducted naval drills in the Gulf of Oman on Sunday.")
    assert (r.type, r.place) == ("exercise", "Gulf of Oman")


# ---------------------------------------------------------------- across articles

def test_an_undated_copy_joins_the_dated_crash_by_its_place(build):
    _, db_path = build({
        "a.txt": " date 2024-05-07 \nBus plunges into gorge\n\n"
                 "A bus carrying 40 people plunged into a gorge in Nepal on Tuesday, killing 12, police said.\n",
        "b.txt": "Bus plunges into gorge\n\n"
                 "A crowded bus plunged into a deep gorge in Nepal, killing 12 passengers, police said.\n\n"
                 "Rescuers worked through the night.\n",
    })
    db = sqlite3.connect(db_path)
    rows = db.execute("select date_start, article_count from events where type = 'disaster'").fetchall()
    assert rows == [("2024-05-07", 2)]
    assert estimated(db_path, "b.txt") == "2024-05-07"


def test_a_month_and_day_date_the_undated_copy(build):
    _, db_path = build({
        "a.txt": " date 2024-03-13 \nNaval drills begin\n\n"
                 "Three navies will stage joint drills in the Gulf of Oman from Friday through Tuesday.\n",
        "b.txt": "Navies to hold drills\n\n"
                 "Three navies will conduct joint drills in the Gulf of Oman from March 15 until March 19, "
                 "the defence ministry said on Wednesday.\n",
    })
    db = sqlite3.connect(db_path)
    assert estimated(db_path, "b.txt") == "2024-03-15"
    rows = db.execute("select date_start, date_end, article_count from events where type = 'exercise'").fetchall()
    assert rows == [("2024-03-15", "2024-03-19", 2)]


# ---------------------------------------------------------------- releases and announcements

def test_an_official_release_of_data_in_the_lead_is_that_days_news():
    assert kinds("Norway's exports fell 4% in March, statistics office data showed on Tuesday.") == \
        [("statement", "2024-05-07")]
    assert kinds("Prices rose 2% in April.\n\nAccording to data released by the statistics office, "
                 "wages rose 3%.") == [("statement", "2024-05-07")]
    # far below the lead, it does not take the article's day
    found = kinds("Prices rose 2% in April.\n\nWages rose.\n\nRents fell.\n\nImports rose.\n\n"
                  "According to data released by the statistics office, wages rose 3%.")
    assert ("statement", "2024-05-07") not in found


def test_an_announced_cut_is_the_news_not_the_announcement():
    assert kinds("The carmaker has announced it is cutting 12% of its workforce, about 900 jobs.") == \
        [("other", "2024-05-07")]
    assert kinds("The carmaker said on Monday that sales rose.") == [("statement", "2024-05-06")]


def test_after_a_dated_clause_is_in_its_year():
    found = kinds("Thursday marked the first talks since the two countries cut ties in 2016 after "
                  "protesters attacked the embassy.")
    assert ("attack", "2016") in found and ("policy", "2016") in found


def test_following_is_another_time():
    assert kinds("Following days of talks in Geneva, the two ministers signed a trade pact on Sunday.") == \
        [("agreement", "2024-05-05")]


def test_serving_as_needs_a_date():
    assert kinds("Anna Berg served as health minister from 1997 to 2001.") == [("appointment", "1997")]
    assert kinds("The episode serves as a reminder of the risks.") == []


def test_a_career_span_is_not_one_occasion_with_a_year_in_it():
    found = kinds("Anna Berg served as an MP from 1979 to 1997.\n\nAnna Berg was knighted in 1997.")
    assert sorted(found) == [("appointment", "1979"), ("appointment", "1997")]


def test_chanting_slogans_is_a_protest():
    assert kinds("Opposition members chanted slogans and tore up copies of the budget on Saturday.") == \
        [("protest", "2024-05-04")]


def test_what_only_could_come_is_not_an_event():
    assert kinds("Rising prices could keep the central bank on track to raise interest rates in June.") == []
    found = kinds("Prime Minister Anna Berg said she would visit Oslo in June.")
    assert [t for t, _ in found if t != "statement"] == ["visit"]


def test_a_coup_is_other():
    assert kinds("The army seized power in a coup on Sunday.") == [("other", "2024-05-05")]


def test_a_day_after_counts_from_now_when_told_in_the_present():
    text = ("The central bank of Norway raised its key rate to 4% in March.\n\nPrices rose.\n\n"
            "The decision comes a day after the central bank of Sweden raised its key interest rate.")
    found = kinds(text)
    assert ("policy", "2024-05-06") in found           # the day before the article's Tuesday


def test_the_date_of_what_someone_is_convicted_of_is_not_the_conviction():
    found = kinds("Prices rose.\n\nWages fell.\n\nRents rose.\n\n"
                  "A court convicted Anna Berg of carrying out the murders in 2016.")
    assert ("attack", "2016") in found and ("court", "2016") not in found


def test_talks_that_name_nobody_on_the_day_of_a_meeting_are_that_meeting():
    found = reports("Foreign Minister Anna Berg met David Miller in Oslo on Sunday.\n\n"
                    "Sunday marked the highest-level talks between the two countries in years.")
    assert [(r.type, r.date_start) for r in found] == [("meeting", "2024-05-05")]
    found = reports("Foreign Minister Anna Berg met David Miller in Oslo on Sunday.\n\n"
                    "King Sam Cohen arrived in Oslo on Sunday for a visit.")
    assert sorted(r.type for r in found) == ["meeting", "visit"]


def test_the_setting_of_a_clause_is_not_news():
    assert kinds("Prices rose 5% in March amid the war in the region.") == []
    assert kinds("Prices rose amid the floods that hit the region on Sunday.") == [("disaster", "2024-05-05")]


def test_what_police_said_happened_in_the_lead_is_that_days_news():
    assert kinds("A crowded bus plunged into a gorge in Nepal, killing 12 passengers, police said.") == \
        [("disaster", "2024-05-07")]


def test_the_same_thing_fired_and_launched_on_one_day_is_one_event():
    found = kinds("The army fired a missile into the sea on Sunday.\n\n"
                  "The missile was launched from a base near the coast on Sunday, officials said.")
    assert found == [("other", "2024-05-05")]
    found = kinds("The army fired a missile into the sea on Sunday.\n\n"
                  "The navy fired two torpedoes at a target on Sunday.")
    assert found == [("other", "2024-05-05"), ("other", "2024-05-05")]


def test_cutting_off_relations_is_a_policy():
    assert kinds("The kingdom cut off relations with its neighbour in 2016.") == [("policy", "2016")]
    assert kinds("The kingdom broke off diplomatic ties with its neighbour in 2016.") == [("policy", "2016")]


# ---------------------------------------------------------------- where: the trigger's own place

def test_the_place_an_event_noun_is_of_or_in_is_its_place():
    # "visited Lisbon" is the visit's place; the invasion's is the place it is "of"
    found = reports("Moscow and Minsk signed a pact in March 2021 when Anna Berg visited Lisbon "
                    "just days before Russia launched its invasion of Georgia.", "2024-05-07")
    places = {r.type: r.place for r in found}
    assert places.get("military_operation") == "Georgia"
    assert places.get("visit") == "Lisbon"


def test_floods_in_a_place_are_there_not_where_the_minister_flew():
    found = reports("Prime Minister Anna Berg flew to Oslo on Sunday after the floods in Bergen.", "2024-05-07")
    assert [r.place for r in found if r.type == "disaster"] == ["Bergen"]


def test_a_place_in_another_phrase_is_not_the_event_nouns_own():
    # "in Oslo" belongs to the verb, not to "talks ... with": the talks' place is still Oslo
    [r] = [r for r in reports("Foreign Minister Anna Berg held talks with David Miller in Oslo on Sunday.")
           if r.type in ("talks", "meeting")]
    assert r.place == "Oslo"

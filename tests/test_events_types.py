"""Event types for all news and the rules that decide what is an event, on sentences
written for these tests (invented people, real places). The article is dated
Tuesday 2024-05-07, so "on Sunday" is 2024-05-05, "on Thursday" 2024-05-02, "on
Friday" 2024-05-03 and "on Monday" 2024-05-06. Each expectation was worked out by
hand from what a reader takes from the sentence."""
from __future__ import annotations

import pytest

from dispatches import events
from test_events import reports


# Three sentences that open a dated story, so that what follows is past its lead.
LEAD = "Inflation was 6% on Monday.\n\nPrices rose.\n\nWages fell.\n\n"


def kinds(text: str, published: str | None = "2024-05-07"):
    """(type, date_start) of each event report, in order."""
    return [(r.type, r.date_start) for r in reports(text, published)]


# ---------------------------------------------------------------- the seven new types

@pytest.mark.parametrize("text, expected", [
    # disaster: a natural disaster or an accident; what it kills is part of it, not an attack
    ("A powerful earthquake struck the northern province on Sunday, killing 40 people.",
     [("disaster", "2024-05-05")]),
    ("On Monday a crowded bus plunged into a river near the border.", [("disaster", "2024-05-06")]),
    # vote: a body votes on a measure
    ("On Thursday the regional assembly voted to reject the proposal.", [("vote", "2024-05-02")]),
    ("The city council approved its annual budget on Friday.", [("vote", "2024-05-03")]),
    # court: sentence, verdict, trial
    ("A court in Lagos sentenced the former governor to ten years in prison on Monday.",
     [("court", "2024-05-06")]),
    ("On Friday a jury found the two bankers guilty of fraud.", [("court", "2024-05-03")]),
    # arrest
    ("Police arrested 30 people outside the parliament on Sunday.", [("arrest", "2024-05-05")]),
    # protest: a demonstration, a blockade of a road
    ("Thousands of farmers blocked the main highway into the capital on Monday.", [("protest", "2024-05-06")]),
    ("Students staged a protest in the square on Friday.", [("protest", "2024-05-03")]),
    # agreement: deal, treaty, acquisition; the declaring verb is not a second event
    ("The brewer agreed to buy its smaller rival for $2 billion on Friday.", [("agreement", "2024-05-03")]),
    ("The government and the rebels declared a ceasefire on Sunday.", [("agreement", "2024-05-05")]),
    # policy: a decision of a government body or central bank
    ("The central bank raised its key interest rate to 4% on Thursday.", [("policy", "2024-05-02")]),
    ("On Monday the ministry imposed a ban on fishing in the bay.", [("policy", "2024-05-06")]),
    # appointments, elections
    ("The board on Friday named Anna Berg as chief executive of the utility.", [("appointment", "2024-05-03")]),
    ("David Miller took office as mayor on Monday.", [("appointment", "2024-05-06")]),
    ("Anna Berg won the presidential run-off on Sunday.", [("election", "2024-05-05")]),
])
def test_new_types(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "Shares plunged 5% on Monday after the results.",                 # not an accident
    "The senator blocked the bill on Monday.",                        # not a road: no protest
    "Mortgage rates were high on Monday.",                            # no decision
    "The two sides agreed that the weather was bad.",                 # "agree" with no time: no act
    "The police did not arrest anyone on Sunday.",                    # negated
    "The company fired its chief executive on Sunday.",               # "fire" here is no launch
    "He tried to leave the country on Sunday.",                       # "tried to": no trial
    "On Sunday she polled 2,000 votes against 1,500 for her rival.",  # a tally, not a vote on a measure
])
def test_new_types_negatives(text):
    assert kinds(text) == []


# ---------------------------------------------------------------- who does it

def test_a_toll_is_not_an_attack():
    assert kinds("Three people were killed in the region on Monday.") == []
    assert kinds("Gunmen killed three people in the region on Monday.") == [("attack", "2024-05-06")]


def test_a_visit_needs_someone_named():
    assert kinds("Troops arrived in the city on Monday.") == []
    assert kinds("Contagious patients visited two schools on Monday.") == []
    [r] = reports("Prime Minister Anna Berg arrived in Oslo on Monday.")
    assert (r.type, r.date_start, r.participants) == ("visit", "2024-05-06", ["Anna Berg"])


def test_a_launch_needs_a_weapon():
    assert kinds("The army fired a missile into the sea on Sunday.") == [("other", "2024-05-05")]
    assert kinds("The firm launched a new phone on Sunday.") == []


def test_a_meeting_with_a_thing_is_no_meeting():
    assert kinds("The company met its sales targets on Monday.") == []


# ---------------------------------------------------------------- when

def test_lead_event_without_date_words_takes_the_article_date():
    found = reports("The central bank has raised its key interest rate to 4%.\n\n"
                    "It said more rises may follow.\n\nInflation was 6%.\n\n"
                    "The central bank also raised its rate in 2019.")
    assert [(r.type, r.date_start) for r in found] == [("policy", "2024-05-07"), ("policy", "2019")]


def test_undated_report_after_the_lead_of_a_dated_story_is_generic():
    found = reports(LEAD + "The government signed a new trade deal.")
    assert found == []


def test_what_was_said_is_not_done():
    assert kinds("The minister said joint military exercises are planned.") == []


def test_a_named_speaker_in_the_lead_sentence_makes_a_statement():
    assert kinds("The Finance Ministry said exports fell in March.") == [("statement", "2024-05-07")]
    assert kinds("Officials said exports fell in March.") == []


def test_date_of_a_conjoined_verb():
    found = reports("Prime Minister Anna Berg arrived in Oslo and met King David Miller on Sunday.")
    assert sorted((r.type, r.date_start) for r in found) == [("meeting", "2024-05-05"), ("visit", "2024-05-05")]
    found = reports("Gunmen attacked the convoy and killed five guards on Thursday.")
    assert [(r.type, r.date_start) for r in found] == [("attack", "2024-05-02")]


def test_since_inside_the_clause_is_another_time():
    [r] = reports("Anna Berg and David Miller met in Oslo on Monday for the first time since restoring "
                  "ties last month.")
    assert (r.type, r.date_start) == ("meeting", "2024-05-06")


def test_after_a_year_takes_that_year():
    found = reports("The two countries cut diplomatic ties in 2016 after protesters attacked an embassy.")
    assert sorted((r.type, r.date_start) for r in found) == [("attack", "2016"), ("policy", "2016")]


# ---------------------------------------------------------------- one occasion, one row

def test_one_hearing_a_day_whoever_it_names():
    found = reports("Anna Berg was jailed for two years on Monday, while David Miller was jailed for a year.")
    assert [(r.type, r.date_start, sorted(r.participants)) for r in found] == [
        ("court", "2024-05-06", ["Anna Berg", "David Miller"])]


def test_meeting_and_talks_of_the_same_people_are_one_occasion():
    found = reports("Anna Berg met David Miller in Oslo on Sunday. Later on Sunday Berg and Miller "
                    "held talks on fishing.")
    assert len(found) == 1 and found[0].type == "meeting"
    assert [m.type for m in found[0].merged] == ["talks"]


def test_a_visit_and_talks_with_others_stay_two():
    found = reports("Anna Berg arrived in Oslo on Sunday. On Sunday Berg held talks with David Miller.")
    assert sorted((r.type, tuple(sorted(r.participants))) for r in found) == [
        ("talks", ("Anna Berg", "David Miller")), ("visit", ("Anna Berg",))]


# ---------------------------------------------------------------- statements

@pytest.mark.parametrize("text", [
    "In a statement, the foreign ministry said the talks had failed.",
    "The foreign ministry said in a statement that the talks had failed.",
    "Anna Berg told reporters the plan was dead.",
    "Anna Berg wrote on X that the plan was dead.",
])
def test_statements_the_story_reports(text):
    assert [r.type for r in reports(text, None)] == ["statement"]


def test_a_routine_said_is_not_a_statement():
    assert reports(LEAD + "Anna Berg said the plan was dead.") == []


def test_statement_quoted_at_length_online_is_the_days_news():
    found = reports(LEAD + '"We have brought home every one of the sailors held by the other side," '
                    "Anna Berg said on Telegram.")
    assert [(r.type, r.date_start, r.participants) for r in found] == [("statement", "2024-05-07", ["Anna Berg"])]


def test_undated_announcement_after_the_lead_of_a_dated_story():
    assert reports(LEAD + "The ministry announced that a new plant would be built.") == []
    [r] = reports(LEAD + "The opposition has accused the ministry of hiding the figures.")
    assert (r.type, r.date_start) == ("statement", None)


# ---------------------------------------------------------------- names people read

def test_reader_surnames():
    from dispatches.events import reader_surname
    assert reader_surname("Li Shangfu") == "Li"               # family name first
    assert reader_surname("Kim Jong Un") == "Kim"
    assert reader_surname("Anna Berg") == "Berg"
    assert reader_surname("Jennifer Lee") == "Lee"            # family name last when the given name leads
    assert reader_surname("Faisal bin Farhan Al Saud") == "Al Saud"
    assert reader_surname("Ursula von der Leyen") == "von der Leyen"


def test_event_title():
    ev = events.Event("meeting", "2023-04-16", None, None, "moscow", "x")
    assert events.title(ev, ["Sergei Orlov", "Wang Mei", "Anna Berg"], "Moscow") == \
        "Meeting: Orlov, Wang, Berg — Moscow, 16 Apr 2023"
    ev = events.Event("disaster", "2014-08", None, None, None, "x")
    assert events.title(ev, [], None) == "Disaster — Aug 2014"


def test_cross_article_one_occasion_end_to_end(build):
    """Two scrapes report one meeting, one calling it talks: one row, both kinds, a
    title a reader can scan, and no outlet counted for files whose outlet is unknown."""
    _, db_path = build({
        "a.txt": " date 2024-05-07 \nBerg and Miller in Oslo\n\n"
                 "Foreign Minister Anna Berg met David Miller in Oslo on Sunday to discuss fishing rights.\n",
        "b.txt": " date 2024-05-08 \nMiller in Oslo\n\n"
                 "David Miller met Anna Berg in Oslo on Sunday, officials said after the two-hour session.\n\n"
                 "The two discussed fishing quotas and the price of salmon exports.\n",
    })
    import json
    import sqlite3
    db = sqlite3.connect(db_path)
    rows = db.execute("select id, type, kinds, title, article_count, outlet_count from events "
                      "where date_start = '2024-05-05'").fetchall()
    assert len(rows) == 1
    eid, etype, kinds_json, title, articles, outlets = rows[0]
    assert (etype, json.loads(kinds_json), articles, outlets) == ("meeting", ["talks", "meeting"], 2, 0)
    assert (title, eid) == ("Meeting: Berg, Miller — Oslo, 5 May 2024", "meeting-berg-miller-oslo-5-may-2024")


def test_a_rough_year_and_a_nameless_report_do_not_split_an_event():
    """One invasion, reported as "in February 2022" with its leader named, as "nearly
    three years ago" (read as 2021), and by place only: one event dated February 2022.
    A protest in the same place that month stays apart (another type)."""
    from test_events import _article, _shape
    arts = [_article("1", "2024-06-01", ("military_operation", "2022-02", "February 2022", ["A"], "Ruritania")),
            _article("2", "2024-11-10", ("military_operation", "2021", "nearly three years ago", [], "Ruritania")),
            _article("3", "2024-05-01", ("military_operation", "2022-02", "in February 2022", [], "Ruritania"),
                     ("protest", "2022-02", "in February 2022", [], "Ruritania"))]
    person_of = {(0, "A"): "a"}
    merged = events.across(arts, person_of)
    shapes = sorted((t, d, len(reps)) for t, d, _, _, reps in _shape(merged))
    assert shapes == [("military_operation", "2022-02", 3), ("protest", "2022-02", 1)]
    # without the rough words, 2021 and February 2022 are two events
    arts[1].extraction.events[0].date_text = "in 2021"
    assert len([e for e in events.across(arts, person_of) if e.type == "military_operation"]) == 2


def test_a_rough_year_joins_a_dated_report_in_the_same_article():
    found = reports("Troops of Ruritania invaded the country nearly three years ago.\n\n"
                    "The invasion in February 2022 was condemned at the time.", "2024-11-10")
    ops = [r for r in found if r.type == "military_operation"]
    assert [(r.date_start, len(r.merged)) for r in ops] == [("2022-02", 1)]


@pytest.mark.parametrize("text, expected", [
    # a storm given a name: one disaster, dated by the verb its name is the subject of
    ("Typhoon Haikui hit Taiwan on Sunday.", [("disaster", "2024-05-05")]),
    ("Cyclone Freddy killed more than 400 people in Malawi on Thursday.", [("disaster", "2024-05-02")]),
    ("Tropical Storm Helene brought heavy rain to Georgia on Friday.", [("disaster", "2024-05-03")]),
    # a disaster as the subject of an attack's verb: its toll, not an attack
    ("A magnitude 6.8 earthquake struck Morocco on Sunday, killing more than 2,000 people.",
     [("disaster", "2024-05-05")]),
    # an organisation named after a disaster is no disaster
    ("The Storm Prediction Center issued a warning on Monday.", []),
    ("Officials said the Fire Department responded on Monday.", []),
    # attacks stay attacks
    ("Gunmen killed 12 villagers in Zamfara state on Sunday.", [("attack", "2024-05-05")]),
])
def test_named_storms_and_what_disasters_do(text, expected):
    assert kinds(LEAD + text) == expected


@pytest.mark.parametrize("text, expected", [
    # what a meeting ended without did not happen
    ("The talks ended without an agreement on Friday.", [("talks", "2024-05-03")]),
    ("The meeting broke up without a ceasefire on Friday.", [("meeting", "2024-05-03")]),
    # "without" before another noun leaves the event alone
    ("The two sides signed a deal without delay on Friday.", [("agreement", "2024-05-03")]),
])
def test_an_event_noun_after_without_is_no_event(text, expected):
    assert kinds(LEAD + text) == expected

"""People in wire copy of the CoNLL kind: results tables and line-ups, headlines in capitals,
companies named like people, positions written before names. Sentences written for this file;
expected values worked out by hand.
"""
from __future__ import annotations

import pytest

from dispatches import nlp, people


def extract(text):
    return people.extract(nlp.pipeline()(text))


def spans(ex):
    return {m.text for m in ex.mentions if m.kind == "person"}


def test_company_named_in_full_is_no_person():
    text = ("Harlow Mining Corp said on Friday it would buy the mine. Harlow shares rose 3 percent, "
            "and Harlow said the deal would close in March.")
    assert "Harlow" not in spans(extract(text))


def test_company_suffix_elsewhere_leaves_people_alone():
    text = "Mayor Ana Harlow said on Friday the mine would reopen. Harlow spoke in the square."
    assert {"Ana Harlow", "Harlow"} <= spans(extract(text))


def test_surname_in_a_headline_in_capitals():
    text = "CYCLING - KOVAC WINS MOUNTAIN STAGE .\n\nSlovak rider Marek Kovac won the third stage on Friday ."
    ex = extract(text)
    caps = [m for m in ex.mentions if m.kind == "person" and m.text == "KOVAC"]
    assert caps and caps[0].key == "Marek Kovac"


def test_capitals_outside_a_headline_are_not_taken():
    """A word in capitals inside an ordinary sentence is no headline."""
    text = "Marek Kovac won on Friday. The KOVAC team car broke down later ."
    assert "KOVAC" not in spans(extract(text))


@pytest.mark.parametrize("text, name", [
    ("Midfielder Tomas Berg was dropped from the squad .", "Tomas Berg"),
    ("Surgeon Lena Holm led the operation on Tuesday .", "Lena Holm"),
])
def test_position_before_a_name_is_not_part_of_it(text, name):
    found = spans(extract(text))
    assert name in found
    assert not any(f.split()[0] in ("Midfielder", "Surgeon") for f in found)


def test_list_items_take_the_kind_of_the_others():
    text = "Defenders - Jan Svoboda , Petr Kral , Karel Dvorsky ."
    doc = nlp.pipeline()(text)
    at = {name: (text.index(name), text.index(name) + len(name)) for name in ("Jan Svoboda", "Petr Kral", "Karel Dvorsky")}
    # two of three already people: the third is one too
    found = people.listed_names(doc, [at["Jan Svoboda"], at["Petr Kral"]])
    assert at["Karel Dvorsky"] in found
    # one of three is not enough
    assert people.listed_names(doc, [at["Jan Svoboda"]]) == []


def test_list_item_with_a_country_is_not_taken():
    text = "Groups - Jan Svoboda , Petr Kral , New Zealand ."
    doc = nlp.pipeline()(text)
    known = [(text.index(n), text.index(n) + len(n)) for n in ("Jan Svoboda", "Petr Kral")]
    assert people.listed_names(doc, known) == []


@pytest.mark.parametrize("text, word, expected", [
    ("Group B\n\nYe Zhaoying beat her .", "Zhaoying", True),     # the end of a longer name
    ("the coach said Zhaoying played well", "Zhaoying", False),   # a lower-case word before
    ("Minister Zhaoying spoke .", "Zhaoying", False),            # a title before
    ("In Beijing Zhaoying spoke .", "Zhaoying", False),          # a place before
])
def test_name_word_before(text, word, expected):
    assert people.name_word_before(text, text.index(word)) is expected


def test_full_name_found_again_whole():
    """Where a full name comes again, it is taken whole, never as its last word alone."""
    text = "Sun Jiahui won the final on Friday . Earlier , Sun Jiahui beat Mei Lin 11-6 ."
    ex = extract(text)
    assert "Jiahui" not in spans(ex)


def test_scorers_in_a_results_line():
    text = "Lindau 2 ( Kowalczyk 30th pen , Brandt 89th ) Eckstadt 1 ( Olsen 12 ) ."
    found = {text[s:e] for s, e in people.scorers(text)}
    assert found == {"Kowalczyk", "Brandt", "Olsen"}


def test_no_scorers_without_a_score_before_the_brackets():
    assert people.scorers("The club ( Kowalczyk 30 , Brandt 89 ) said nothing .") == []
    assert people.scorers("Hamburg 2 ( Germany 3 ) .") == []          # a country is no scorer


def test_a_name_with_an_age_is_a_person():
    text = "In sentencing Darek Wolny , 41 , the judge said he had shown no remorse ."
    assert "Darek Wolny" in spans(extract(text))
    doc = nlp.pipeline()("Sales at Grand Hotel , 12 , rose .")
    assert people.aged_names(doc) == [(9, 20)]        # the shape alone: checked words only
    doc = nlp.pipeline()("Troops entered New Zealand , 12 , times .")
    assert people.aged_names(doc) == []                # a country's words are no name


def test_team_named_after_a_place_the_article_names():
    text = ("Dynamo Lindau beat Rovers 2-0 on Saturday . The win in Lindau lifted Dynamo Lindau to third , "
            "said coach Piet Maas .")
    found = spans(extract(text))
    assert "Dynamo Lindau" not in found
    assert "Piet Maas" in found
    assert people.named_after_place("Dynamo Lindau", {"lindau"})
    assert not people.named_after_place("Dynamo Lindau", set())     # the place never named alone
    assert not people.named_after_place("Lindau", {"lindau"})        # one word: the place itself


def test_table_words_are_no_names():
    text = "Halftime 1-1 .\n\nAttendance : 24,602\n\nSquad : Piet Maas , Jan Smit ."
    assert not {"Attendance", "Halftime", "Squad"} & spans(extract(text))


def test_names_followed_by_their_country_in_brackets():
    text = ("Singles\n\nJan Smit ( Netherlands ) beat Piet Maas ( Belgium ) 15-3 15-7\n\n"
            "Karel Dvorsky ( Austria ) beat Tomas Berg ( Denmark ) 15-9 15-11")
    doc = nlp.pipeline()(text)
    at = {n: (text.index(n), text.index(n) + len(n)) for n in ("Jan Smit", "Piet Maas", "Karel Dvorsky", "Tomas Berg")}
    found = people.bracketed_names(doc, [at["Jan Smit"], at["Piet Maas"]])
    assert sorted(found) == sorted([at["Karel Dvorsky"], at["Tomas Berg"]])
    # fewer than half known: nothing is inferred
    assert people.bracketed_names(doc, [at["Jan Smit"]]) == []


@pytest.mark.parametrize("text", [
    "The corridor fulfills the long-cherished aspirations of the Sikh community for access to their shrine.",
    "Our Hindu community will keep its temples open, the minister said.",
    "Three dead in Kurd militia blood feud in Turkey .",
])
def test_faiths_and_peoples_are_no_people(text):
    """A faith or a people the model takes for a person's name is none (people.yml)."""
    assert spans(extract(text)) == set()


@pytest.mark.parametrize("text, name", [
    ("Christian Lindner, the finance minister, said the budget was balanced.", "Christian Lindner"),
    ("Hindu nationalist leader Narendra Modi spoke in Delhi.", "Narendra Modi"),
    ("Shiite cleric Nimr al-Nimr was executed in 2016.", "Nimr al-Nimr"),
    ("The Kurdish leader Selahattin Demirtas spoke in Diyarbakir.", "Selahattin Demirtas"),
])
def test_people_named_beside_a_faith_are_still_people(text, name):
    assert name in spans(extract(text))


@pytest.mark.parametrize("text", [
    "Typhoon Haikui hit Taiwan on Sunday.",
    "Cyclone Freddy killed more than 400 people in Malawi.",
])
def test_a_named_storm_is_no_person(text):
    """A name that begins with a thing's noun (people.yml thing_nouns) is a thing."""
    assert spans(extract(text)) == set()

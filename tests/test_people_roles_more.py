"""Roles and countries the text says or makes plain, one rule each, on sentences written for
this file; the expected values were worked out by hand.
"""
from __future__ import annotations

import pytest

from dispatches import nlp, people
from dispatches.gazetteer import gazetteer


def extract(text):
    return people.extract(nlp.pipeline()(text))


def titles_of(ex, person):
    return {r.title for r in ex.roles if r.person == person}


@pytest.mark.parametrize("text, person, title", [
    # an editor's brackets between the title and the name
    ("Officials said PM [Rishi Patel]'s plan had failed.", "Rishi Patel", "Prime Minister"),
    ("The talks began on the order of President (Olena) Kovalenko, aides said.", "Kovalenko", "President"),
    # an owner before a title that says nothing alone becomes its complement
    ("EU chief Ana Lopez spoke at the summit.", "Ana Lopez", "Chief of the EU"),
    # a role taken on: "who succeeded X as TITLE"; a short acronym title keeps its capitals
    ("Tom Harris, who succeeded Lord Brown as MP for Peterborough, said he was sad.", "Tom Harris", "MP"),
    # titles written in lower case that were missing from the lists
    ("Indian external affairs minister R. Kumar posted the news.", "R. Kumar", "External Affairs Minister"),
    ("The crowd mourned Shiite cleric Hassan Jaber on Sunday.", "Hassan Jaber", "Cleric"),
])
def test_role_found(text, person, title):
    assert title in titles_of(extract(text), person)


def test_title_without_role_words_keeps_its_own_title():
    """Only a bare title takes its owner in: "CIA Director" stays "Director"."""
    assert titles_of(extract("CIA Director Jane Doe testified."), "Jane Doe") == {"Director"}


def test_ruler_of_a_country():
    ex = extract("Mugabe ruled Zimbabwe for 37 years before he was removed.")
    assert [(r.title, r.of, r.former) for r in ex.roles if r.person == "Mugabe"] == [("Ruler", "Zimbabwe", True)]
    assert ex.person_country["Mugabe"] == "Zimbabwe"


@pytest.mark.parametrize("text", [
    "Mugabe visited Zimbabwe for three days.",          # not a verb of ruling
    "Mugabe ruled the meeting with an iron hand.",        # what he ruled is no country
])
def test_no_ruler(text):
    ex = extract(text)
    assert not any(r.title == "Ruler" for r in ex.roles)


def test_dateline_gives_the_home_country_for_offices():
    ex = extract("KARACHI - Mayor Omar Khan opened the new road on Friday.")
    assert ex.person_country.get("Omar Khan") == "Pakistan"
    ex = extract("Mayor Omar Khan opened the new road on Friday.")
    assert "Omar Khan" not in ex.person_country


def test_shared_demonym_goes_to_the_larger_country():
    g = gazetteer()
    assert g.country("Indian") == "India"
    assert g.country("American") == "United States"
    ex = extract("Indian external affairs minister R. Kumar posted the news.")
    assert ex.person_country.get("R. Kumar") == "India"


def test_title_word_is_no_town():
    """"Police" is also a town in Poland; a police informer is not Polish."""
    ex = extract("The court jailed police informer Peter Mwangi for ten years.")
    assert ex.person_country.get("Peter Mwangi") != "Poland"


def test_head_of_a_national_institution_acts_for_the_home_country():
    text = ("Floods hit Manila and Cebu on Monday, the National Flood Control Authority (NFCA) said. "
            "NFCA executive director Juan Cruz said nine people had died in Davao.")
    assert extract(text).person_country.get("Juan Cruz") == "Philippines"
    # the same office of an institution with no "National" in its name gives no country
    text = ("Floods hit Manila and Cebu on Monday, the Flood Control Authority (FCA) said. "
            "FCA executive director Juan Cruz said nine people had died in Davao.")
    assert "Juan Cruz" not in extract(text).person_country


@pytest.mark.parametrize("text, name, title", [
    ("The court heard from Tunde Bakare, a senior advocate, on Friday.", "Tunde Bakare", "Advocate"),
    ("Ama Serwaa Owusu, a witness, said the car was red.", "Ama Serwaa Owusu", "Witness"),
    # a title with -elect or -designate is still a title before the name
    ("Supporters of President-elect Nana Akufo-Addo cheered in Accra.", "Nana Akufo-Addo", "President-Elect"),
    ("Prime Minister-designate Ana Vell met the king in Amman.", "Ana Vell", "Prime Minister-Designate"),
])
def test_name_tagged_as_an_organisation_but_described_as_a_person(text, name, title):
    ex = extract(text)
    assert name in {m.key for m in ex.mentions if m.kind == "person"}
    assert title in titles_of(ex, name)


def test_institution_in_apposition_stays_an_institution():
    ex = extract("The court heard from the Supreme Court, a national body, on Friday.")
    assert not [m for m in ex.mentions if m.kind == "person"]


def test_party_in_apposition_is_no_person():
    ex = extract("Votes went to the Green Unity Party, the main opposition, on Friday.")
    assert "Green Unity Party" not in {m.key for m in ex.mentions if m.kind == "person"}


def test_rank_before_a_name_tagged_as_organisation_is_dropped():
    ex = extract("The court convicted General Kofi Mensah, head of the militia, in absentia.")
    persons = {m.text for m in ex.mentions if m.kind == "person"}
    assert not any(p.startswith("General") for p in persons)


def test_an_elect_title_with_no_name_after_it_makes_no_person():
    ex = extract("The president-elect will take office in January, officials said.")
    assert [m for m in ex.mentions if m.kind == "person"] == []


def test_a_noun_phrase_that_runs_on_into_a_verb_is_no_apposition():
    """The parse may set the subject of the next clause in apposition to a name; an apposition
    is set off (a comma, a bracket, a dash, the sentence's end), so that one gives no role."""
    ex = extract("And with the re-election of Olek Marr, the continuity of their comprehensive "
                 "strengthening has, of course, received additional guarantees.")
    assert titles_of(ex, "Olek Marr") == set()


@pytest.mark.parametrize("text, person, title", [
    ("Fredrick Leliman, a police officer, was sentenced to death.", "Fredrick Leliman", "Police Officer"),
    ("The court heard from Fredrick Leliman, a police officer.", "Fredrick Leliman", "Police Officer"),
    ("The crowd cheered Olek Marr, the leader of the opposition party, on Monday.", "Olek Marr",
     "Leader of the Opposition Party"),
])
def test_an_apposition_set_off_after_a_name_is_a_role(text, person, title):
    assert titles_of(extract(text), person) == {title}

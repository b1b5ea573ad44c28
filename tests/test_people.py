"""People, organisations, places and roles on fixture sentences, one rule each.

Expected values were written by hand from the sentences, not copied from output.
"""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from dispatches import nlp, people, resolve
from dispatches.records import Article


def extract(text):
    return people.extract(nlp.pipeline()(text))


def persons(ex):
    return {m.key for m in ex.mentions if m.kind == "person"}


def roles(ex):
    return {(r.person, r.title, r.of, r.former) for r in ex.roles}


@pytest.mark.parametrize("text, expected", [
    # titles and honorifics are not part of the name
    ("German Chancellor Olaf Scholz arrived on Monday.", {"Olaf Scholz"}),
    ("Gen. Mark Milley spoke to troops.", {"Mark Milley"}),
    # a possessive is not part of the name
    ("Macron's plan was rejected, officials said of Emmanuel Macron.", {"Emmanuel Macron"}),
    # a surname alone is the full name used earlier in the article
    ("Prime Minister Keir Starmer met union leaders. Starmer said little.", {"Keir Starmer"}),
    # two people with one surname: the nearest full name before the surname
    ("Minister Ana Silva spoke first. Later the activist Joao Silva said no. Silva left early.",
     {"Ana Silva", "Joao Silva"}),
])
def test_person_names(text, expected):
    assert persons(extract(text)) == expected


def test_surname_maps_to_nearest_full_name():
    text = "Minister Ana Silva spoke first. Later the activist Joao Silva said no. Silva left early."
    ex = extract(text)
    last = [m for m in ex.mentions if m.kind == "person"][-1]
    assert (last.text, last.key) == ("Silva", "Joao Silva")


@pytest.mark.parametrize("text, not_person", [
    # a city after "in" is a place, never a person
    ("Fighting spread to Kherson, Odessa and Kiev last week.", {"Kherson", "Odessa", "Kiev"}),
    ("Ahmed Hassan was born in Lagos.", {"Lagos"}),
    # capitalised headline verbs are not glued to a name
    ("Putin Orders Military to Boost Troop Numbers.", {"Putin Orders Military", "Putin Orders"}),
])
def test_not_people(text, not_person):
    ex = extract(text)
    assert not persons(ex) & not_person
    assert all(" Orders" not in key for key in persons(ex))


def test_cities_are_places_with_coordinates():
    ex = extract("Fighting spread to Kherson, Odessa and Kiev last week.")
    places = {m.text: m.key for m in ex.mentions if m.kind == "place"}
    assert places["Kiev"] == "Kyiv" and places["Odessa"] == "Odesa" and places["Kherson"] == "Kherson"
    assert {m.country for m in ex.mentions if m.kind == "place"} == {"Ukraine"}


def test_metonym_stays_a_place():
    ex = extract("Seoul said the talks would resume, and Washington agreed.")
    kinds = {m.text: m.kind for m in ex.mentions}
    assert kinds == {"Seoul": "place", "Washington": "place"}


@pytest.mark.parametrize("text, expected", [
    ("Russian Foreign Minister Sergei Ivanov arrived.", ("Sergei Ivanov", "Foreign Minister", "Russia", False)),
    ("The talks were led by Kenyan President William Ruto.", ("William Ruto", "President", "Kenya", False)),
    ("Anna Berg, Sweden's finance minister, said rates would fall.",
     ("Anna Berg", "Finance Minister", "Sweden", False)),
    ("Maria Lopez, a spokeswoman for the European Commission, declined to comment.",
     ("Maria Lopez", "Spokeswoman", "European Commission", False)),
    ("Former prime minister Tony Abbott criticised the plan.", ("Tony Abbott", "Prime Minister", None, True)),
    ("Ivan Petrov was Bulgaria's defense minister for two years.",
     ("Ivan Petrov", "Defense Minister", "Bulgaria", True)),
    ("CIA Director Jane Doe testified.", ("Jane Doe", "Director", "CIA", False)),
    ("The secretary of Ukraine's Security Council Oleksiy Danilov spoke.",
     ("Oleksiy Danilov", "Secretary of the Security Council", "Security Council of Ukraine", False)),
])
def test_roles(text, expected):
    assert expected in roles(extract(text))


def test_counterpart_takes_the_title_of_the_person_compared_to():
    ex = extract("Indian Defence Minister Rajnath Singh is meeting his Japanese counterpart Minoru Kihara.")
    assert ("Minoru Kihara", "Defence Minister", "Japan", False) in roles(ex)
    assert ex.person_country["Minoru Kihara"] == "Japan"


def test_country_from_demonym_and_possessive():
    ex = extract("Chinese President Hu Wei met France's Marie Dubois in Paris.")
    assert ex.person_country == {"Hu Wei": "China", "Marie Dubois": "France"}


def test_national_institution_takes_its_country():
    ex = extract("China's Foreign Ministry rejected the claim. The Foreign Ministry later said more.")
    orgs = [m.key for m in ex.mentions if m.kind == "organization"]
    assert orgs == ["Foreign Ministry of China", "Foreign Ministry of China"]


def article(body, seed="a.txt"):
    a = Article(seed_file=seed, position=0, title=None, byline=None, published=None, outlet=None,
                wire_agencies=[], body=body)
    a.extraction = extract(body)
    return a


def test_one_person_across_articles():
    arts = [article("Foreign Minister Ana Torres flew home. Torres said nothing.", "a.txt"),
            article("In Lima on Monday, Torres told students that talks would go on.", "b.txt")]
    ents, mapping = resolve.people(arts)
    assert set(ents) == {"ana-torres"}
    assert mapping[(1, "Torres")] == "ana-torres"
    assert ents["ana-torres"].aliases == {"Ana Torres", "Torres"}


def test_surname_shared_by_two_people_in_the_dataset_stays_apart():
    arts = [article("Minister Ana Torres spoke.", "a.txt"), article("Activist Luis Torres spoke.", "b.txt"),
            article("Torres said no.", "c.txt")]
    ents, mapping = resolve.people(arts)
    assert mapping[(2, "Torres")] == "torres"
    assert {"ana-torres", "luis-torres", "torres"} == set(ents)


def test_mentions_have_exact_offsets():
    text = "Lavrov's deputy, Deputy Foreign Minister Ryabkov, met Mr. Wang in Beijing; Wang Lei said so."
    ex = extract(text)
    assert ex.mentions
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("name, thing", [
    ("Harwood Golf Club", True), ("Morrow Tool and Co Inc", True), ("Ellery Trophy", True), ("Sorel Hub", True),
    ("Margaret Court", False), ("Anna Bank", False), ("Ellery Cooke", False),
])
def test_a_name_ending_in_no_surname_is_no_person(name, thing):
    assert people.is_thing(name, people.NotPeople([], set())) is thing


NAME_PARTS = ["Berg", "Bergman", "BERG", "Jean", "Jean-Pierre", "O'Neill", "Li", "Él", "St.", "Ana"]


def regex_words(words, text):
    """What whole_words replaces: one regex of the words, longest first, between the checks."""
    import re
    pattern = re.compile(people.at_word_start(sorted(words, key=len, reverse=True), re.escape, group=True)
                         + r"(?=['’]s\b|[^\w-]|$)")
    return [(m.start(1), m.end(1)) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text, found", [
    ("Bergman's plan", ["Bergman"]),                 # the longest word, before 's
    ("Bergmann and Berg-Smith", []),                 # not a whole word; a hyphen joins
    ("Jean-Pierre met Jean.", ["Jean-Pierre", "Jean"]),
    ("(Berg) BERG, O'Neill’s", ["Berg", "BERG", "O'Neill"]),
    ("xLi Li", ["Li"]),                              # only at a word start
])
def test_whole_words(text, found):
    spans = list(people.whole_words(NAME_PARTS, text))
    assert [text[s:e] for s, e in spans] == found
    assert spans == regex_words(NAME_PARTS, text)


@given(st.lists(st.sampled_from(NAME_PARTS + [" ", "-", "'s", "’s", "x", "(", ".", "\n", "é", "_"]), max_size=30),
       st.sets(st.sampled_from(NAME_PARTS), min_size=1))
def test_whole_words_finds_what_the_regex_finds(pieces, words):
    text = "".join(pieces)
    assert list(people.whole_words(words, text)) == regex_words(words, text)

"""Quotes and their speakers on fixture paragraphs, one attribution shape each.

Expected speakers and texts were written by hand from the paragraphs.
"""
from __future__ import annotations

import pytest

from dispatches import nlp, people, quotes


def extract(text):
    doc = nlp.pipeline()(text)
    ex = people.extract(doc)
    quotes.extract(doc, ex)
    for q in ex.quotes:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.speaker, q.person) for q in ex.quotes]


@pytest.mark.parametrize("text, expected", [
    # "...," X said.
    ("Finance Minister Anna Berg spoke on Monday.\n\n\"Rates will fall next year,\" Berg said.",
     [("Rates will fall next year", "Anna Berg", "Anna Berg")]),
    # "...," said X.
    ("“We will not give up,” said Sen. Maria Alvarez, a Democrat.",
     [("We will not give up", "Maria Alvarez", "Maria Alvarez")]),
    # X said: "..."
    ("Prime Minister Keir Starmer said: \"The country needs calm.\"",
     [("The country needs calm.", "Keir Starmer", "Keir Starmer")]),
    # he said: the person last named as a subject
    ("President Samia Hassan opened the summit in Dodoma.\n\n“Africa must feed itself,” she said.",
     [("Africa must feed itself", "Samia Hassan", "Samia Hassan")]),
    # an institution as speaker keeps its name and has no person
    ("“The strike hit military targets only,” the Kremlin said in a statement.",
     [("The strike hit military targets only", "Kremlin", None)]),
    # according to X
    ("Talks will cover “trade, energy and security”, according to TASS.",
     [("trade, energy and security", "TASS", None)]),
    # a partial quote inside a sentence
    ("Chancellor Olaf Scholz called the deal “a historic step for both nations” on Friday.",
     [("a historic step for both nations", "Olaf Scholz", "Olaf Scholz")]),
])
def test_attribution(text, expected):
    assert extract(text) == expected


def test_quote_continuing_into_next_paragraph_is_one_speaker():
    text = ("“We have done what we promised,” said Governor Ada Obi.\n\n"
            "“The roads are built. The schools are open.\n\n"
            "“Now the work is to keep them running,” she added.")
    got = extract(text)
    assert [s for _, s, _ in got] == ["Ada Obi"] * len(got)
    assert got[1][0].startswith("The roads are built")


def test_unattributed_quote_after_a_quote_takes_its_speaker():
    text = ("“Our cooperation will continue,” Foreign Minister Ana Torres said.\n\n"
            "“And it will grow stronger every year.”")
    assert extract(text)[1] == ("And it will grow stronger every year.", "Ana Torres", "Ana Torres")


@pytest.mark.parametrize("text", [
    "Moscow and Beijing declared a “no limits” partnership in 2022.",
    "Troops took part in what the Kremlin calls the “special military operation” in Ukraine.",
    "Leaders hailed a \"new era\" in their relationship.",
    "The so-called \"peace dividend\" never came.",
])
def test_scare_quotes_are_not_quotes(text):
    assert extract(text) == []


def test_cited_as_saying():
    text = "“We thank our partners,” news agencies cited Foreign Minister Ivan Petrov as saying."
    assert extract(text) == [("We thank our partners", "Ivan Petrov", "Ivan Petrov")]


def test_attribution_does_not_cross_paragraphs():
    text = ("“Peace is possible.”\n\n"
            "Washington said on Monday that talks would resume.")
    assert extract(text) == []

"""Resolution of people across articles, on names invented for these tests."""
from __future__ import annotations

from dispatches import resolve
from dispatches.records import Article, Extraction, Mention


def _articles(*names_per_article):
    out = []
    for n, names in enumerate(names_per_article):
        ex = Extraction()
        ex.mentions = [Mention(kind="person", key=k, text=k, start=0, end=len(k)) for k in names]
        out.append(Article(f"{n}.txt", 0, f"a{n}", None, None, None, [], "x", extraction=ex))
    return out


def test_the_same_letters_are_one_person_however_hyphenated():
    arts = _articles(["Hassan Amir-Rahimi", "Hassan Amir-Rahimi"], ["Hassan Amirrahimi"], ["Park Min Jun"],
                     ["Park Min-jun", "Park Min-jun"])
    ents, mapping = resolve.people(arts)
    assert mapping[(1, "Hassan Amirrahimi")] == mapping[(0, "Hassan Amir-Rahimi")]
    assert ents[mapping[(1, "Hassan Amirrahimi")]].name == "Hassan Amir-Rahimi"       # the more frequent
    assert mapping[(2, "Park Min Jun")] == mapping[(3, "Park Min-jun")]


def test_different_letters_stay_apart():
    arts = _articles(["Hassan Amir-Rahimi"], ["Hassan Amiri"], ["Ana Torres"], ["Ana Maria Torres"])
    ents, mapping = resolve.people(arts)
    assert mapping[(0, "Hassan Amir-Rahimi")] != mapping[(1, "Hassan Amiri")]
    assert mapping[(2, "Ana Torres")] == mapping[(3, "Ana Maria Torres")]             # words held by a longer name

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


def test_names_are_resolved_again_only_when_an_article_names_otherwise():
    """The second cross-article pass of a build reuses the first one's people and places
    when the articles read again found the same names, and not when they did not."""
    import copy
    arts = _articles(["Ana Torres"], ["Torres"])
    reuse: dict = {}
    first = resolve.people_and_places(arts, reuse)
    assert first[1][(1, "Torres")] == first[1][(0, "Ana Torres")]
    arts[1].extraction = copy.deepcopy(arts[1].extraction)              # read again, same names
    assert resolve.people_and_places(arts, reuse) is first
    arts[1].extraction = copy.deepcopy(arts[1].extraction)
    arts[1].extraction.mentions[0].key = arts[1].extraction.mentions[0].text = "Bo Torres"
    again = resolve.people_and_places(arts, reuse)                      # read again, another name
    assert again is not first and (1, "Bo Torres") in again[1] and (1, "Torres") not in again[1]
    assert resolve.people_and_places(arts) == again                     # without reuse: the same answer

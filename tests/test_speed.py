"""Speed-ups of the extraction that must not change what it finds, on sentences written
for these tests (invented people and places)."""
from __future__ import annotations

import importlib

from dispatches import nlp

triggers = importlib.import_module("dispatches.events.triggers")

SENTENCES = [
    "In a statement on Monday the ministry said the border would reopen.",
    "Ana Vell told reporters that the talks had failed.",
    "The regional council voted on the plan after a long debate.",
    "Mr Orlen stepped down as chairman of the club.",
    "The river rose slowly through the night and the farmers waited.",
    "Prices were stable and the weather was mild.",
]


def test_matcher_skipped_only_where_it_finds_nothing():
    """Sentences with no word a pattern needs are not matched; the others give what the
    Matcher gives; the first four have a match and the last two none."""
    doc = nlp.pipeline()(" ".join(SENTENCES))
    m = triggers.matcher(doc.vocab)
    sents = list(doc.sents)
    assert len(sents) == len(SENTENCES)
    full = [[(s.label_, s.start, s.end) for s in m(sent, as_spans=True)] for sent in sents]
    fast = [[(s.label_, s.start, s.end) for s in triggers.sentence_matches(sent)] for sent in sents]
    assert fast == full
    assert [bool(f) for f in full] == [True, True, True, True, False, False]
    assert [triggers.may_match(sent) for sent in sents[4:]] == [False, False]


def test_pattern_needs_only_words_that_must_be_there():
    """Optional tokens ("?", "{0,3}") add no need; a word or a list of words does."""
    needs = triggers.pattern_needs()
    assert len(needs) == sum(len(p) for p in triggers.lexicon().patterns.values())
    for pattern_needs in needs:
        for attr, values in pattern_needs:
            assert attr in ("LOWER", "LEMMA", "ORTH") and values
    talks = needs[0]                       # meet ... to discuss: "meet", "to", "discuss" needed
    assert ("LEMMA", frozenset({"meet"})) in talks and ("LOWER", frozenset({"to"})) in talks


def test_name_of_cleans_the_same_once_cached():
    """The cached cleaning of a name gives what the rules give, each time it is asked."""
    from dispatches import people
    for _ in range(2):
        assert people.name_of("Ana Vell's") == "Ana Vell"
        assert people.name_of(" Bo  Marek.") == "Bo Marek"
        assert people.name_of("U.S.") == "U.S."
        assert people.name_of("Ida\nKorr") == "Ida Korr"


def test_word_sets_are_the_yaml_lists():
    """A word list read once as a set: lower case unless asked, empty when missing."""
    from dispatches import lexicon, people
    assert people.word_set("places", "place_nouns") == {p.lower() for p in lexicon.load("places")["place_nouns"]}
    assert people.word_set("people", "not_role_nouns", lower=False) == set(
        lexicon.load("people").get("not_role_nouns") or [])
    assert people.word_set("people", "no_such_list") == frozenset()


def test_named_things_found_around_their_words_as_in_the_whole_doc():
    """The named-thing Matcher read around the words it needs finds what it finds over the
    whole doc: a storm's name, a district, a team before "coach"; nothing in a plain sentence."""
    from dispatches import people
    credit, named, needed = people.matchers()
    doc = nlp.pipeline()("Typhoon Rella reached the coast near Dovra district on Monday. "
                         "Kestrel coach Ivo Marek said the match would go ahead. The roads were quiet.")
    found = people.named_matches(doc, named, needed)
    assert found == set(named(doc))
    assert {doc[s:e].text for _, s, e in found} >= {"Typhoon Rella", "Dovra district", "Kestrel coach"}
    plain = nlp.pipeline()("The roads were quiet and the shops were closed.")
    assert people.named_matches(plain, named, needed) == set() == set(named(plain))


def test_first_character_lookahead_changes_no_date_match():
    """Each date pattern with its first-character lookahead finds what it finds without it,
    on a text written with many date forms and look-alikes; the lookahead is worked out by hand
    for small patterns and left out where a match may start with any character."""
    import re
    from dispatches import dates
    assert dates._first_chars(r"(?:(?i:the)\s+)?Q[1-4]") == "[Q]|(?i:[t])"
    assert dates._first_chars(r"(?P<y>(?:19|20)\d\d)") == "[12]"
    assert dates._first_chars(r"(?:Q|[12])\d") == "[12Q]"
    assert dates._first_chars(r"\w+ago") == ""               # any word character
    assert dates._first_chars(r"(?:the)?") == ""            # may match nothing
    text = ("On Tuesday, March 5, 2024 the council met; between 3 and 5 June it sat again. In the third "
            "quarter of 2023, Q2 2022 and the year-ago quarter, sales rose. Early last week, two days ago, "
            "late 1990s, the '80s, Christmas Day, this morning, 2021-22, the weekend, mid-May, "
            "the following month, Vision-2030 and tuesday next. ſunday KELVIN-K 12/05 and 3 weeks later.")
    for rx, _ in dates._words().patterns:
        look = re.match(r"\(\?<!\[\\w\]\)(\(\?=.*?\]\)?\))?", rx.pattern).group(1) or ""
        plain = re.compile(rx.pattern.replace(look, "", 1))
        assert [(m.span(), m.groups()) for m in rx.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)]


def test_alternation_grouped_by_first_letter_matches_as_written():
    """Titles grouped by first letter keep their order within a letter and find what the plain
    alternation finds, with and without case; a word that starts with another character has a
    group of its own, unless that character reads as another group's ignoring case."""
    import re
    from dispatches import lexicon
    words_ = ["minister of state", "chief of staff", "minister", "mayor", "chief", "deputy mayor"]
    grouped = lexicon.by_first_letter(words_, re.escape)
    assert grouped == r"(?:minister\ of\ state|minister|mayor)|(?:chief\ of\ staff|chief)|(?:deputy\ mayor)"
    assert lexicon.by_first_letter(["’s", "said"], re.escape) == "(?:’s)|(?:said)"
    assert lexicon.by_first_letter(["ČTK", "CNN", "čez"], re.escape) == "(?:ČTK|čez)|(?:CNN)"
    assert lexicon.by_first_letter(["ıt", "it"], re.escape) == "ıt|it"        # ignoring case, "ı" reads as "i"
    assert lexicon.by_first_letter(["Kx", "kx"], re.escape) == "(?:Kx|kx)"   # the Kelvin sign folds to "k"
    text = ("The Minister of State met the mayor, the deputy mayor and the Chief of Staff; "
            "a former chief and the ministers' mayoral aides.")
    for flags in (0, re.I):
        plain = re.compile(r"\b(?:" + "|".join(map(re.escape, words_)) + r")\b", flags)
        fast = re.compile(r"\b(?:" + grouped + r")\b", flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    odd = ["ČTK", "(AP)", "Česká", "CTK", "ſtate", "state", "ıtem", "item", "Éric", "eric", "Kelvin", "kelvin"]
    odd_text = "ČTK and (AP) said: Česká, CTK, ſtate STATE, ıtem ITEM, ÉRIC éric, Kelvin kelvin."
    for flags in (0, re.I):
        plain = re.compile("|".join(map(re.escape, odd)), flags)
        fast = re.compile(lexicon.by_first_letter(odd, re.escape), flags)
        assert [m.span() for m in fast.finditer(odd_text)] == [m.span() for m in plain.finditer(odd_text)]
    assert [m.group() for m in re.finditer(r"\b(?:" + grouped + r")\b", text, re.I)] == [
        "Minister of State", "mayor", "deputy mayor", "Chief of Staff", "chief"]


def test_word_start_written_first_letter_first_matches_as_before():
    """A name (or a group of name words) with its first letter before the check on the character
    before it finds what ``(?<![\\w-])`` + the name finds: not inside a word or after a hyphen."""
    import re
    from dispatches import people
    text = "Ana Vell met XAna Vell, pro-Ana Vell and Ana  Vell; ANA VELL and Ana Vell's aide. Ana\nVell left."
    spaced = lambda k: re.escape(k).replace(r"\ ", r"[ \t]*\n?[ \t]*")
    for key in ("Ana Vell", "-Ana"):
        plain = re.compile(r"(?<![\w-])" + spaced(key) + r"(?![\w-])")
        fast = re.compile(people.at_word_start(key, spaced) + r"(?![\w-])")
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert people.at_word_start("Ana Vell", spaced).startswith(r"A(?<![\w-]A)na")
    names = ["Vell", "Ana", "ANA", "VELL"]
    plain = re.compile(r"(?<![\w-])(" + "|".join(names) + r")(?=['’]s\b|[^\w-]|$)")
    fast = re.compile(people.at_word_start(names, re.escape, group=True) + r"(?=['’]s\b|[^\w-]|$)")
    assert [m.span(1) for m in fast.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
    assert [m.group(1) for m in fast.finditer(text)] == [      # not "XAna", not "pro-Ana"
        "Ana", "Vell", "Vell", "Vell", "Ana", "Vell", "ANA", "VELL", "Ana", "Vell", "Ana", "Vell"]


def _report(start: int, **kw):
    from dispatches.records import EventReport
    return EventReport("meeting", start, start + 10, "They met.", "met", start + 5, "they met",
                       "2024-05-06", None, "on Monday", "stated", **kw)


def _extraction():
    from dispatches.records import Extraction, Figure, Mention, Quote, Role
    inner = _report(40)
    outer = _report(20, merged=[inner], participants=["Ana Vell"])
    top = _report(0, merged=[outer, inner], participants=["Ana Vell", "Olek Marr"])
    return Extraction(mentions=[Mention("person", 0, 8, "Ana Vell", "Ana Vell"),
                                Mention("place", 12, 18, "Tirana", "Tirana", "Albania")],
                      roles=[Role("Ana Vell", "Foreign Minister", "Albania", start=30, end=46)],
                      quotes=[Quote(50, 60, "We agreed.", "Ana Vell", "Ana Vell")],
                      figures=[Figure(70, 80, "12 people", 12.0, "people", "died", "at least", None, None)],
                      events=[top, _report(90)], person_country={"Ana Vell": "Albania"})


def _shape(ex) -> list[int]:
    """Each report reachable from the events, numbered by first sight: equal shapes mean the
    same reports are shared the same way."""
    seen: dict[int, int] = {}
    order: list[int] = []

    def walk(r) -> None:
        first = id(r) not in seen
        order.append(seen.setdefault(id(r), len(seen)))
        if first:
            for m in r.merged:
                walk(m)
    for r in ex.events:
        walk(r)
    return order


def test_extraction_pickled_as_rows_loads_back_the_same():
    """Rows, not records, go into the pickle (no record class is named in it), and they
    load back equal, with a report held by two ``merged`` lists still one object."""
    import pickle
    from dispatches import records
    ex = _extraction()
    blob = pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"Mention" not in blob and b"EventReport" not in blob
    back = pickle.loads(blob)
    assert back == ex
    assert _shape(back) == _shape(ex) == [0, 1, 2, 2, 3]
    top = back.events[0]
    assert top.merged[0].merged[0] is top.merged[1]
    assert records.packed(ex) is not None


def test_extraction_with_a_record_or_list_in_two_places_pickled_as_records():
    """A mention or a participants list held twice cannot be rows (loading would part
    them): such an extraction is pickled as its records, and loads back still sharing."""
    import pickle
    from dispatches import records
    twice = _extraction()
    twice.mentions.append(twice.mentions[0])
    shared_list = _extraction()
    shared_list.events[1].participants = shared_list.events[0].participants
    for ex in (twice, shared_list):
        assert records.packed(ex) is None
        back = pickle.loads(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == ex
    back = pickle.loads(pickle.dumps(twice))
    assert back.mentions[0] is back.mentions[2]
    back = pickle.loads(pickle.dumps(shared_list))
    assert back.events[1].participants is back.events[0].participants


def test_extraction_of_a_read_article_loads_back_the_same():
    """What the NLP stage finds in a real article pickles to rows and back unchanged."""
    import pickle
    from dispatches import pipeline
    from dispatches.records import Article
    body = ("Foreign Minister Ana Vell met Olek Marr in Tirana on Monday. \"We agreed,\" Vell said. "
            "At least 12 people died in the floods, officials said on Tuesday. The two ministers met "
            "again on Wednesday in Tirana.")
    article = Article("a.txt", 0, "Talks", None, "2024-05-08", None, [], body)
    pipeline.extract_one(article, nlp.pipeline()(body))
    ex = article.extraction
    assert ex.mentions and ex.events and ex.quotes and ex.figures
    assert pickle.loads(pickle.dumps(ex)) == ex

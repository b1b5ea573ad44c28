"""Date expressions: found in running text and resolved against the article date.

Every expectation below was worked out by hand from the calendar fact in its
comment (weekdays checked with Python's calendar when the table was written),
not copied from the program's output.
"""
from __future__ import annotations

import datetime as dt

import pytest

from dispatches.dates import DateMention, find, resolve


def day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def only(text: str, ref: str | None) -> DateMention:
    found = find(text, day(ref))
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# (sentence, article date, mention text, date_start, date_end, relative)
CASES = [
    # --- weekdays: past = latest on or before the article date, future = earliest on or after
    ("The minister spoke on Sunday.", "2023-04-17", "Sunday", "2023-04-16", None, True),       # 2023-04-17 is a Monday
    # same weekday -> same day
    ("Talks ended on Monday night.", "2023-04-17", "Monday night", "2023-04-17", None, True),
    # future, same weekday -> same day
    ("He will visit Kyiv on Monday.", "2023-04-17", "Monday", "2023-04-17", None, True),
    # Sunday after Mon 17 is the 23rd
    ("He will arrive on Sunday.", "2023-04-17", "Sunday", "2023-04-23", None, True),
    # 2024-03-01 is a Friday
    ("Voting is expected to end on Friday.", "2024-03-01", "Friday", "2024-03-01", None, True),
    ("The leak came on Friday.", "2024-03-01", "Friday", "2024-03-01", None, True),
    # Thursday before Fri 1 March 2024 is 29 Feb (leap)
    ("It happened Thursday.", "2024-03-01", "Thursday", "2024-02-29", None, True),
    ("Parliament met last Friday.", "2024-03-01", "last Friday", "2024-02-23", None, True),  # "last" = strictly before
    ("The summit is next Monday.", "2023-04-17", "next Monday", "2023-04-24", None, True),   # "next" = strictly after
    # 2024-01-05 is a Friday; Sat before = 2023-12-30
    ("They arrived on Saturday.", "2024-01-05", "Saturday", "2023-12-30", None, True),
    # 2023-12-30 is a Saturday
    ("The vote is set to take place on Tuesday.", "2023-12-30", "Tuesday", "2024-01-02", None, True),
    ("Shelling between Sunday and Tuesday killed 12.", "2023-04-17", "Sunday and Tuesday",
     "2023-04-16", "2023-04-18", True),
    ("Talks will run from Monday to Wednesday.", "2023-04-17", "Monday to Wednesday", "2023-04-17", "2023-04-19", True),
    # a future marker inside a quotation closed before the weekday does not count
    ("“We will win,” he said on Sunday.", "2023-04-17", "Sunday", "2023-04-16", None, True),
    # Wed 12th .. Mon 17th
    ("Courts sat from Wednesday to Monday.", "2023-04-17", "Wednesday to Monday", "2023-04-12", "2023-04-17", True),
    # --- last / this / next <Month>: "last" = the year before the article's year
    ("Prices peaked last December.", "2024-09-16", "last December", "2023-12", None, True),
    ("The law passed last February.", "2023-04-17", "last February", "2022-02", None, True),
    ("Exports fell last December.", "2024-01-05", "last December", "2023-12", None, True),
    ("The plant opens next March.", "2024-04-09", "next March", "2025-03", None, True),   # first March after April 2024
    ("It closes next May.", "2024-04-09", "next May", "2024-05", None, True),
    ("Elections are due this November.", "2023-04-17", "this November", "2023-11", None, True),
    # --- a month without a year follows the tense
    ("Inflation slowed in March.", "2024-04-09", "March", "2024-03", None, True),
    ("Inflation slowed in March.", "2024-02-01", "March", "2023-03", None, True),      # March 2024 is after the article
    ("He will travel to China in May.", "2024-04-09", "May", "2024-05", None, True),
    ("Exports fell in December.", "2024-01-05", "December", "2023-12", None, True),     # year boundary, past
    # the article's own month counts
    ("In June, the ceasefire collapsed.", "2024-06-20", "June", "2024-06", None, True),
    ("The plan will take effect in January.", "2023-12-30", "January", "2024-01", None, True),
    ("Talks will resume in April.", "2024-04-09", "April", "2024-04", None, True),
    ("Inflation slowed in mid-March.", "2024-04-09", "mid-March", "2024-03", None, True),
    # next March after April 2024
    ("Work will finish in late March.", "2024-04-09", "late March", "2025-03", None, True),
    ("The line is expected to open by the end of March.", "2024-02-01", "the end of March", "2024-03", None, True),
    # --- month and year
    ("The invasion began in February 2022.", None, "February 2022", "2022-02", None, False),
    ("It began in February of 2022.", "2024-04-09", "February of 2022", "2022-02", None, False),
    ("Sanctions imposed since Feb. 2022 remain.", None, "Feb. 2022", "2022-02", None, False),
    ("Sales fell in March last year.", "2024-04-09", "March last year", "2023-03", None, True),
    # --- full dates
    ("The treaty was signed March 22, 2024.", None, "March 22, 2024", "2024-03-22", None, False),
    ("The treaty was signed on 22 March 2024.", None, "22 March 2024", "2024-03-22", None, False),
    # 2024-03-22 is a Friday
    ("It was signed on Friday, March 22, 2024.", None, "Friday, March 22, 2024", "2024-03-22", None, False),
    ("Published 2024-03-22.", None, "2024-03-22", "2024-03-22", None, False),
    ("It was signed on March 22 of this year.", "2024-09-16", "March 22 of this year", "2024-03-22", None, True),
    ("It was signed on March 22 of last year.", "2024-09-16", "March 22 of last year", "2023-03-22", None, True),
    ("She was born on Feb. 29, 2024.", None, "Feb. 29, 2024", "2024-02-29", None, False),    # 2024 is a leap year
    # --- a day without a year follows the tense
    ("The rules will take effect Dec. 1.", "2024-09-16", "Dec. 1", "2024-12-01", None, True),
    ("The service launched Aug. 6.", "2024-09-16", "Aug. 6", "2024-08-06", None, True),
    ("A truce which will last until April 19 began.", "2023-04-17", "April 19", "2023-04-19", None, True),
    # 2024-03-22 is after the article
    ("The rally on March 22 drew thousands.", "2024-03-01", "March 22", "2023-03-22", None, True),
    ("The order was issued on 6 August.", "2024-09-16", "6 August", "2024-08-06", None, True),
    ("The decree dated Dec. 30 was published.", "2024-01-05", "Dec. 30", "2023-12-30", None, True),
    ("Talks will open on Jan. 3.", "2023-12-30", "Jan. 3", "2024-01-03", None, True),
    ("The vote held on Feb. 29 was annulled.", "2024-03-01", "Feb. 29", "2024-02-29", None, True),
    # 2023..2021 not leap, 2020 is
    ("The vote held on Feb. 29 was annulled.", "2023-03-01", "Feb. 29", "2020-02-29", None, True),
    ("The count will close on Feb. 29.", "2023-03-01", "Feb. 29", "2024-02-29", None, True),
    # --- day ranges
    ("The summit will run Nov. 11-14.", "2024-09-16", "Nov. 11-14", "2024-11-11", "2024-11-14", True),
    # en dash; Nov 2024 not yet begun
    ("Talks were held Nov. 11–14.", "2024-09-16", "Nov. 11–14", "2023-11-11", "2023-11-14", True),
    ("The fair will be held 11-14 November.", "2024-09-16", "11-14 November", "2024-11-11", "2024-11-14", True),
    ("Inspectors visited from Nov. 11 to 14.", "2023-04-17", "Nov. 11 to 14", "2022-11-11", "2022-11-14", True),
    ("The festival ran March 30 - April 2.", "2024-04-09", "March 30 - April 2", "2024-03-30", "2024-04-02", True),
    ("The talks, held Dec. 30 - Jan. 2, failed.", "2024-01-05", "Dec. 30 - Jan. 2", "2023-12-30", "2024-01-02", True),
    ("Polls opened between Nov. 11 and 14, 2022.", None, "Nov. 11 and 14, 2022", "2022-11-11", "2022-11-14", False),
    # --- seasons (winter runs into the next year)
    ("Prices rose in the fall of 2022.", None, "the fall of 2022", "2022-09", "2022-11", False),
    ("Prices rose in autumn 2022.", None, "autumn 2022", "2022-09", "2022-11", False),
    ("Gas ran short during winter 2022.", None, "winter 2022", "2022-12", "2023-02", False),
    ("Gas ran short in the winter of 2022-23.", None, "the winter of 2022-23", "2022-12", "2023-02", False),
    # spring 2024 began in March
    ("The offensive began in the spring.", "2024-04-09", "the spring", "2024-03", "2024-05", True),
    ("The offensive began in the spring.", "2024-02-01", "the spring", "2023-03", "2023-05", True),
    ("A new offensive is expected in the spring.", "2024-02-01", "the spring", "2024-03", "2024-05", True),
    # this summer = 2024, just ended
    ("Fighting eased last summer.", "2024-09-16", "last summer", "2023-06", "2023-08", True),
    # Dec 2024 is nearer than Feb 2024
    ("Gas demand will rise this winter.", "2024-09-16", "this winter", "2024-12", "2025-02", True),
    # January is inside winter 2023-24
    ("This winter has been mild.", "2024-01-15", "This winter", "2023-12", "2024-02", True),
    ("Last winter was colder.", "2024-01-15", "Last winter", "2022-12", "2023-02", True),
    ("Power failed often in the winter.", "2024-01-15", "the winter", "2023-12", "2024-02", True),
    # --- years and decades
    ("The law was passed in 2022.", None, "2022", "2022", None, False),
    ("Troops have been there since 2014.", "2024-04-09", "2014", "2014", None, False),
    ("Many fled the 2022 call-up.", None, "2022", "2022", None, False),
    ("Growth was strong in the 1990s.", None, "the 1990s", "1990", "1999", False),
    ("He served from 2014 to 2022.", None, "2014 to 2022", "2014", "2022", False),
    ("The 2022-23 season was cut short.", None, "2022-23", "2022", "2023", False),
    ("Work resumes at the start of 2023.", None, "the start of 2023", "2023", None, False),
    # --- relative to the article date
    ("Output grew this year.", "2024-04-09", "this year", "2024", None, True),
    ("Output grew last year.", "2024-01-05", "last year", "2023", None, True),
    ("Output will grow next year.", "2023-12-30", "next year", "2024", None, True),
    ("Output grew this month.", "2024-02-29", "this month", "2024-02", None, True),
    ("Output grew last month.", "2024-04-09", "last month", "2024-03", None, True),
    ("Output grew last month.", "2024-01-15", "last month", "2023-12", None, True),     # year boundary
    ("Output will grow next month.", "2023-12-30", "next month", "2024-01", None, True),
    # Fri 1 Mar; Mon 26 Feb .. Sun 3 Mar
    ("Talks opened this week.", "2024-03-01", "this week", "2024-02-26", "2024-03-03", True),
    # Sat 30 Dec is in the week of Mon 25
    ("Talks opened last week.", "2023-12-30", "last week", "2023-12-18", "2023-12-24", True),
    ("Talks open next week.", "2023-12-30", "next week", "2024-01-01", "2024-01-07", True),    # 2024-01-01 is a Monday
    ("The report came out today.", "2024-03-01", "today", "2024-03-01", None, True),
    ("The report came out yesterday.", "2024-03-01", "yesterday", "2024-02-29", None, True),  # leap year
    ("The report came out yesterday.", "2023-03-01", "yesterday", "2023-02-28", None, True),  # not a leap year
    ("The report comes out tomorrow.", "2023-12-31", "tomorrow", "2024-01-01", None, True),
    ("He speaks tonight.", "2024-04-09", "tonight", "2024-04-09", None, True),
    ("It was agreed earlier this month.", "2024-04-09", "earlier this month", "2024-04", None, True),
    ("It was agreed earlier this year.", "2024-04-09", "earlier this year", "2024", None, True),
    ("It will be signed later this year.", "2024-04-09", "later this year", "2024", None, True),
    ("A deal is expected early next year.", "2023-12-30", "early next year", "2024", None, True),
    ("The war began three years ago.", "2024-04-09", "three years ago", "2021", None, True),
    ("The war began nearly three years ago.", "2023-04-17", "nearly three years ago", "2020", None, True),
    ("He left two months ago.", "2024-01-15", "two months ago", "2023-11", None, True),
    # 1 Mar - 14 days, Feb 2024 has 29 days
    ("He left two weeks ago.", "2024-03-01", "two weeks ago", "2024-02-16", None, True),
    ("He left five days ago.", "2024-03-01", "five days ago", "2024-02-25", None, True),
    ("He left 10 days ago.", "2024-01-05", "10 days ago", "2023-12-26", None, True),
]


@pytest.mark.parametrize("text, ref, expr, start, end, relative", CASES)
def test_resolves_in_a_sentence(text, ref, expr, start, end, relative):
    m = only(text, ref)
    assert (m.text, m.date_start, m.date_end, m.relative) == (expr, start, end, relative), m.basis
    assert text[m.start:m.end] == m.text


# (text, article date, mention text, date_start): "the same ..." and "N days later" take the previous mention
ANAPHORA = [
    ("Troops crossed the border on Feb. 24, 2022. The same day, markets fell.", None, "The same day", "2022-02-24"),
    ("The ban took effect in March 2023. The same month, prices rose.", None, "The same month", "2023-03"),
    ("The ban took effect on March 3, 2023. That month, prices rose.", None, "That month", "2023-03"),
    ("The ban took effect on March 3, 2023. Later the same year it was lifted.", None, "the same year", "2023"),
    ("It was drafted in 2021. That month, talks stalled.", None, "That month", None),        # a year gives no month
    # Sun 16 + 2
    ("Talks began on Sunday. Two days later, they collapsed.", "2023-04-17", "Two days later", "2023-04-18"),
    ("Talks began on Dec. 31, 2023. The following day, they collapsed.", None, "The following day", "2024-01-01"),
    ("The same year, prices rose.", "2024-04-09", "The same year", None),                    # nothing to refer to
]


@pytest.mark.parametrize("text, ref, expr, start", ANAPHORA)
def test_anaphora_takes_the_previous_mention(text, ref, expr, start):
    m = find(text, day(ref))[-1]
    assert (m.text, m.date_start) == (expr, start), m.basis


NOT_DATES = [
    "He served 2 ½ years in prison.",
    "It lasted more than 2 ½ years.",
    "The fund holds 1.5 million shares.",
    "At least 144 people were killed.",
    "He made a three-day visit.",
    "Moscow called up 300,000 reservists.",
    "The general moved 2022 troops to the front.",       # a year-like number counting a plural noun
    "The war has lasted three years.",
    "They held two days of talks.",
    "For the first two years he said nothing.",
    "The budget is $176.4 billion.",
    "Support fell to 29.5%.",
    "Turnout rose to 2022 percent of the target.",
    "The blast came at 10:30 a.m.",
    "He joined the 2nd Infantry Division.",
    "The council passed Resolution 2022 unanimously.",
    "The painting sold for $2022.",
    "Sales reached 2,022 units and 12022 units.",
    "The index rose to 2022.5 points.",
    "Trading halted at 2030 GMT.",
    "Theresa May met the press.",
    "Readers of the Sunday Times wrote in.",
    "Black Friday sales fell.",
    "Prices fall when supply rises.",
    "He wrote about the fall of the city.",
    "Families gathered for the Spring Festival.",
    "Prices should ease over the next year.",
    "Thousands joined the Women's March.",
    "Shops close on Sundays.",
    "The magazine comes out every Friday.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_quantities_and_names_are_not_dates(text):
    assert find(text, day("2024-04-09")) == []


@pytest.mark.parametrize("expression", ["three years", "2 ½ years", "at least 144 people", "a three-day visit",
                                        "29.5%"])
def test_resolve_returns_none_for_non_dates(expression):
    assert resolve(expression, day("2024-04-09")) is None


# resolve(): one expression, with the tense given by the caller
RESOLVE = [
    ("on Sunday", "2023-04-17", False, "Sunday", "2023-04-16", None),
    ("on Sunday", "2023-04-17", True, "Sunday", "2023-04-23", None),         # future: first Sunday after Mon 17
    ("in March", "2024-04-09", True, "March", "2025-03", None),              # future: March 2024 is past
    ("Nov. 11-14", "2024-09-16", True, "Nov. 11-14", "2024-11-11", "2024-11-14"),
    ("will take effect Dec. 1", "2024-09-16", False, "Dec. 1", "2024-12-01", None),  # the tense is read from the words
    # weekday does not match: noted
    ("Tuesday, March 22, 2024", None, False, "Tuesday, March 22, 2024", "2024-03-22", None),
    ("between Sunday and Tuesday", "2023-04-17", False, "Sunday and Tuesday", "2023-04-16", "2023-04-18"),
]


@pytest.mark.parametrize("expression, ref, future, expr, start, end", RESOLVE)
def test_resolve(expression, ref, future, expr, start, end):
    m = resolve(expression, day(ref), future=future)
    assert (m.text, m.date_start, m.date_end) == (expr, start, end), m.basis


def test_weekday_mismatch_is_noted():
    m = resolve("Tuesday, March 22, 2024", None)
    assert "not a Tuesday" in m.basis       # 2024-03-22 is a Friday


@pytest.mark.parametrize("expression", ["on Sunday", "last December", "in March", "March 22 of this year", "next week",
                                        "three years ago", "this winter", "Dec. 1", "Nov. 11-14"])
def test_relative_expressions_stay_unresolved_without_an_article_date(expression):
    m = resolve(expression, None)
    assert (m.date_start, m.date_end, m.relative) == (None, None, True)
    assert m.basis == "unresolved: relative expression and no article date"


def test_explicit_dates_resolve_without_an_article_date():
    got = [(m.text, m.date_start, m.relative) for m in find("On March 22, 2024, in February 2022 and in 2014.", None)]
    assert got == [("March 22, 2024", "2024-03-22", False), ("February 2022", "2022-02", False),
                   ("2014", "2014", False)]


ARTICLE = """KYIV — The minister said on Sunday that talks “will resume on Monday night,” two weeks after \
the last round — held Nov. 11–14 — collapsed.

“We have waited since February 2022,” he said. Between Sunday and Tuesday, 2,000 people fled; \
more than 2 ½ years of war have cost $176.4 billion.

In the fall of 2022, Tuesday, March 22, 2024 and last December were named. The same month, 29.5% \
of voters backed the plan, which will take effect Dec. 1 at 10:30 a.m."""


def test_offsets_are_exact_across_paragraphs():
    found = find(ARTICLE, day("2024-09-16"))      # a Monday
    for m in found:
        assert ARTICLE[m.start:m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))     # in order, no overlaps
    assert [(m.text, m.date_start, m.date_end) for m in found] == [
        ("Sunday", "2024-09-15", None),               # past: Sunday before Mon 16 Sept
        ("Monday night", "2024-09-16", None),         # "will" earlier in the sentence: future, same day
        ("Nov. 11–14", "2023-11-11", "2023-11-14"),   # past: Nov 2024 has not begun
        ("February 2022", "2022-02", None),
        ("Sunday and Tuesday", "2024-09-15", "2024-09-17"),
        ("the fall of 2022", "2022-09", "2022-11"),
        ("Tuesday, March 22, 2024", "2024-03-22", None),
        ("last December", "2023-12", None),
        ("The same month", "2023-12", None),
        ("Dec. 1", "2024-12-01", None),              # "will take effect": future
    ]


# Each pattern is tried only at word starts with a character its match can begin with
# (dates._matches); it must find exactly what scanning the whole text finds.
SCANNED = [
    "Between March 3 and 5, 2024, the mid-2023 figures and the third quarter of 1989 were cited.",
    "On Tuesday night (Jan. 2) officials met; last week, two days ago, the 1990s and the '80s came up.",
    "xMarch 3 and 4th-quarter results, Q3 2023, the year-ago quarter, 2023-05-01, from 2019 to 2021.",
    "The summer of 2022, early spring, Christmas Eve, this weekend, the weekend, three years later, "
    "that day, yesterday and tomorrow.",
    "Ｍarch 3, ſpring, İn winter; 19 days; ISO2024-01-01; version-2030 and Vision-2030.",
]


@pytest.mark.parametrize("text", SCANNED)
def test_patterns_tried_at_their_first_characters_find_what_a_whole_scan_finds(text):
    from dispatches import dates
    w = dates._words()
    scanned = [(rx.pattern, m.span()) for rx, _ in w.patterns for m in rx.finditer(text)]
    tried = [(rx.pattern, m.span()) for rx, _, m in dates._matches(text, w)]
    assert tried == scanned and len(scanned) >= 3



@pytest.mark.parametrize("text, written, start", [
    ("The fire broke out on 25/12/2023 near the port.", "25/12/2023", "2023-12-25"),   # day over 12: day first
    ("The fire broke out on 12.25.2023 near the port.", "12.25.2023", "2023-12-25"),   # month first
])
def test_a_date_in_numbers_is_read_when_day_and_month_cannot_be_mixed_up(text, written, start):
    found = find(text, dt.date(2024, 3, 15))
    assert [(m.text, m.date_start) for m in found] == [(written, start)]


@pytest.mark.parametrize("text", [
    "He was born on 12/05/1980 in Lagos.",     # 12 May or 5 December: only the year is read
    "Prices rose 15/20/2023 across the board.",  # no month over 12
])
def test_a_date_in_numbers_that_could_be_either_gives_only_its_year(text):
    assert [m.date_start for m in find(text, dt.date(2024, 3, 15))] == [text.split("/")[-1][:4]]

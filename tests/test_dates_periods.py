"""Quarters and halves, the year-ago quarter, the tense read from the parse, and other
date rules added for company-results and wire copy.

Every sentence is our own; every expectation was worked out by hand (weekdays checked
with Python's calendar), not copied from the program's output.
"""
from __future__ import annotations

import datetime as dt

import pytest

from dispatches import nlp
from dispatches.dates import find


def day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def got(text: str, ref: str | None, parse: bool = False) -> list[tuple[str, str | None, str | None]]:
    doc = next(nlp.parse([text])) if parse else None
    found = find(text, day(ref), doc)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.date_start, m.date_end) for m in found]


# (sentence, article date, [(mention, date_start, date_end)])
QUARTERS = [
    # a quarter without a year is the latest that had begun by the article date
    ("The bank posted a third-quarter profit of $2 billion.", "2023-11-02",
     [("third-quarter", "2023-07", "2023-09")]),
    ("Fourth-quarter sales rose 4%.", "2024-02-10", [("Fourth-quarter", "2023-10", "2023-12")]),
    ("Sales in the first half of 2022 fell.", "2024-02-10", [("the first half of 2022", "2022-01", "2022-06")]),
    ("Output grew in the second quarter of last year, the agency said.", "2024-05-01",
     [("the second quarter of last year", "2023-04", "2023-06")]),
    ("Q1 2025 revenue beat forecasts.", None, [("Q1 2025", "2025-01", "2025-03")]),
    ("The loss compares with a profit of $3 million in the 2021 fourth quarter.", None,
     [("the 2021 fourth quarter", "2021-10", "2021-12")]),
    ("Demand weakened in the last half of 2019, analysts said.", None, [("the last half of 2019", "2019-07", "2019-12")]),
    # future: the nearest fourth quarter (Oct 2024 is 61 days away, Dec 2023 ended 214 days before)
    ("Margins will improve in the fourth quarter.", "2024-08-01", [("the fourth quarter", "2024-10", "2024-12")]),
    ("Results for this year's second half will be weaker.", "2023-03-01",
     [("this year's second half", "2023-07", "2023-12")]),
    # a quarter named by its last month
    ("The miner's exports fell in the March quarter.", "2024-05-20", [("the March quarter", "2024-01", "2024-03")]),
    ("Profit in the July-September quarter rose 9%.", "2024-11-20",
     [("the July-September quarter", "2024-07", "2024-09")]),
    # a fiscal quarter's months are not in the text: only the split year is a date
    ("Sales rose 5% in the third quarter of 2023-24.", None, [("2023-24", "2023", "2024")]),
]


@pytest.mark.parametrize("text, ref, expected", QUARTERS)
def test_quarters_and_halves(text, ref, expected):
    assert got(text, ref) == expected


NOT_QUARTERS = [
    "He scored twice in the second half.",                 # no word of accounts or the economy
    "The Bulls led after the third quarter.",
    "The fiscal third quarter brought a loss of $5 million.",
    "Profit rose 3% in the last quarter.",                 # "last quarter" alone: which one is not said
    "A quarter of the population voted.",
    "The period of mourning ended.",
    "Growth averaged 3% in the first quarter of the century.",
    "Sales of tickets rose 5% in the second half of the season.",
]


@pytest.mark.parametrize("text", NOT_QUARTERS)
def test_not_quarters(text):
    found = find(text, day("2024-04-09"))
    assert [m for m in found if "quarter" in m.text.lower() or "period" in m.text.lower()] == []


# the year-ago quarter and "a year ago" in results copy: the quarter the story names, a year back
PERIOD_ANAPHORA = [
    ("The retailer posted third-quarter net income of $40 million, up from $31 million a year ago.", "2023-11-05",
     [("third-quarter", "2023-07", "2023-09"), ("a year ago", "2022-07", "2022-09")]),
    ("The firm reported a second-quarter profit of $2 million. In the year-ago quarter, it lost $3 million.",
     "2023-08-01", [("second-quarter", "2023-04", "2023-06"), ("the year-ago quarter", "2022-04", "2022-06")]),
    ("Profit rose to $5 million in the third quarter from $4 million in the same period last year.", "2023-10-25",
     [("the third quarter", "2023-07", "2023-09"), ("the same period last year", "2022-07", "2022-09")]),
    # the first quarter named is the one the story reports
    ("Net income rose 20% in the third quarter. After a weak second quarter, sales recovered. "
     "The year-ago period included a $5 million charge.", "2023-11-01",
     [("the third quarter", "2023-07", "2023-09"), ("second quarter", "2023-04", "2023-06"),
      ("The year-ago period", "2022-07", "2022-09")]),
    ("Fourth-quarter earnings fell 8%. The year-earlier results included a gain.", "2024-02-01",
     [("Fourth-quarter", "2023-10", "2023-12"), ("year-earlier", "2022-10", "2022-12")]),
    # nothing named: "a year ago" is the year before, "the latest quarter" the last one ended
    ("Prices rose 4% from a year ago.", "2023-05-01", [("a year ago", "2022", None)]),
    ("Revenue in the latest quarter rose 8%.", "2023-05-10", [("the latest quarter", "2023-01", "2023-03")]),
    # "the year-ago quarter" with no quarter to compare with is left out
    ("In the year-ago quarter, it lost $3 million.", "2023-08-01", []),
]


@pytest.mark.parametrize("text, ref, expected", PERIOD_ANAPHORA)
def test_year_ago_quarter(text, ref, expected):
    assert got(text, ref) == expected


def test_a_year_ago_far_from_any_quarter_is_the_year_before():
    text = ("Third-quarter profit rose 5%, to $9 million. " + "The chief executive spoke at length about hiring. " * 10
            + "Prices were higher than a year ago.")
    assert got(text, "2023-11-02")[-1] == ("a year ago", "2022", None)


# a day or month without a year and without a future marker: with the parse, past only when its
# verb is past or perfect, else the occurrence nearest the article date
TENSE = [
    ("The dividend is payable Jan. 2 to holders of record Dec. 15.", "2023-11-02",
     [("Jan. 2", "2024-01-02", None), ("Dec. 15", "2023-12-15", None)]),
    ("The suspect must remain in custody until March 6.", "2024-01-15", [("March 6", "2024-03-06", None)]),
    ("The new rules, effective June 1, were announced on Tuesday.", "2024-04-20",
     [("June 1", "2024-06-01", None), ("Tuesday", "2024-04-16", None)]),          # 2024-04-20 is a Saturday
    ("The rally on March 22 drew thousands.", "2024-03-01", [("March 22", "2023-03-22", None)]),   # past verb
    ("The shares have climbed, rising to a record from a low in March.", "2023-10-20",
     [("March", "2023-03", None)]),                       # the participle takes the perfect of "have climbed"
    ("The hearing was set for Feb. 10.", "2024-01-07", [("Feb. 10", "2024-02-10", None)]),   # "set for": future
    # present tense, no marker: April 2023 ended 194 days before, April 2024 begins 143 days after (x2 = 286)
    ("Inflation in April is put at 5%.", "2023-11-10", [("April", "2023-04", None)]),
    # a modal before the verb makes a weekday future; 2024-04-16 is a Tuesday
    ("He said he would fly to Paris on Thursday.", "2024-04-16", [("Thursday", "2024-04-18", None)]),
    ("He flew to Paris on Thursday to meet officials.", "2024-04-16", [("Thursday", "2024-04-11", None)]),
]


@pytest.mark.parametrize("text, ref, expected", TENSE)
def test_tense_from_the_parse(text, ref, expected):
    assert got(text, ref, parse=True) == expected


def test_without_the_parse_a_day_without_a_year_stays_past():
    assert got("The dividend is payable Jan. 2 to holders of record Dec. 15.", "2023-11-02") == [
        ("Jan. 2", "2023-01-02", None), ("Dec. 15", "2022-12-15", None)]


OTHER = [
    # the weekday picks the year: 2015-10-26 is a Monday, 2014-10-26 a Sunday
    ("The summit opened on Monday, Oct. 26.", "2015-10-20", [("Monday, Oct. 26", "2015-10-26", None)]),
    # ... and no year near the article date fits: the tense decides (2024-03-22 is a Friday, 2023-03-22 a Wednesday)
    ("The summit opened on Monday, March 22.", "2024-04-09", [("Monday, March 22", "2024-03-22", None)]),
    # "fall" the verb, "fall" the season
    ("Oil is likely to fall in the fall.", "2024-04-09", [("the fall", "2023-09", "2023-11")]),
    ("Work resumes in fall.", "2024-04-09", [("fall", "2023-09", "2023-11")]),
    # over the weekend: 2024-04-15 is a Monday, the 13th a Saturday
    ("Talks continued over the weekend.", "2024-04-15", [("the weekend", "2024-04-13", "2024-04-14")]),
    ("Growth will slow in the current year.", "2024-04-09", [("the current year", "2024", None)]),
]


@pytest.mark.parametrize("text, ref, expected", OTHER)
def test_other_rules(text, ref, expected):
    assert got(text, ref) == expected


@pytest.mark.parametrize("text", ["Shares began to fall apart.", "They expect prices to fall by 3%.",
                                  "Prices are expected to fall further.", "The fall in prices hurt farmers.",
                                  "The weekend edition sold out.", "Plans to spring back failed."])
def test_not_dates(text):
    assert find(text, day("2024-04-09")) == []


HOLIDAYS_AND_DECADES = [
    # the fourth Thursday of November 2023 is the 23rd (Thursdays: 2, 9, 16, 23)
    ("The boat was found Thanksgiving Day off the coast.", "2024-01-10", [("Thanksgiving Day", "2023-11-23", None)]),
    ("Shops will stay open until Christmas.", "2024-12-01", [("Christmas", "2024-12-25", None)]),
    ("He was freed on New Year's Eve.", "2024-03-05", [("New Year's Eve", "2023-12-31", None)]),
    ("Prices fell through the nineties.", "2024-03-05", [("the nineties", "1990", "1999")]),
    ("Sales were flat in the '80s.", "2024-03-05", [("the '80s", "1980", "1989")]),
    # the latest '20s begun by 2024 is the 2020s
    ("Growth in the '20s has been slow.", "2024-03-05", [("the '20s", "2020", "2029")]),
    # "planned for": future
    ("The vote is planned for early May.", "2024-03-05", [("early May", "2024-05", None)]),
]


@pytest.mark.parametrize("text, ref, expected", HOLIDAYS_AND_DECADES)
def test_holidays_and_decades(text, ref, expected):
    assert got(text, ref) == expected


@pytest.mark.parametrize("text", ["Christmas shopping began early.", "He told ABC's \"This Week\" he would run.",
                                  "She wrote for USA Today.", "Temperatures were in their 80s."])
def test_names_are_not_dates(text):
    assert find(text, day("2024-04-09")) == []

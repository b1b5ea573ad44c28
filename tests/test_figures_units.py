"""Figures: units and values read from how news copy writes them (ASCII-folded currency
symbols, glued symbols after a name, prefixes, fractions, exponents, ranges of sums, rates
per period, area measures, hyphenated modifiers). Sentences written for these tests;
expectations worked out by hand."""
from __future__ import annotations

import pytest

from test_figures import figs


def pairs(text: str):
    return [(pytest.approx(f.value), f.unit) for f in figs(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("The club paid PS14,250 for the two tickets.", 14250, "gbp"),          # "£" folded to ASCII
    ("The insurer expects a net loss of Y=320 billion this year.", 320e9, "jpy"),   # "¥" in wire copy
    ("Shares of the maker closed at Y=1,845 in Osaka.", 1845, "jpy"),
    ("The bridge will cost RM2.4 billion to build.", 2.4e9, "myr"),
])
def test_folded_and_letter_currency_symbols(text, value, unit):
    assert pairs(text) == [(value, unit)]


@pytest.mark.parametrize("text", [
    "Sales of the PS5 console slowed.",          # "PS" is money only before plain money
    "The firm moved 300 PS of engines.",         # "PS" after a number is no currency
])
def test_ps_not_money(text):
    assert all(f.unit != "gbp" for f in figs(text))


def test_glued_symbol_after_a_capitalised_word_is_a_measure():
    """"Falcons 420bhp": the symbol makes it a figure, not a part of the name."""
    assert pairs("The Falcons 420bhp engine roared.") == [(420, "horsepower")]
    assert figs("The drills, codenamed Amber Shield 25, ended.") == []


@pytest.mark.parametrize("text, value, unit", [
    ("Chipmakers race to make sub-5 nanometre parts.", 5, "nanometres"),
    ("Demand for sub-200 sq m flats fell.", 200, "square metres"),
])
def test_sub_prefix_keeps_the_figure(text, value, unit):
    assert pairs(text) == [(value, unit)]


def test_other_word_hyphen_number_stays_a_name():
    assert figs("The F-35 jets flew over the base.") == []


def test_written_fraction_with_a_unit():
    assert pairs("Add 3/4 cup of milk to the bowl.") == [(0.75, "cups")]
    assert pairs("Stir in 1/2 pound of butter.") == [(0.5, "pounds")]


@pytest.mark.parametrize("text", [
    "The shop is open 24/7 for travellers.",     # not a fraction
    "Nearly 2/3 of them agreed.",               # a fraction of nothing written
])
def test_slash_numbers_without_unit_are_not_fractions(text):
    assert all(f.value not in (0.75, 0.5, 2 / 3) for f in figs(text))


@pytest.mark.parametrize("text, value", [
    ("The cell is about 1.5×10−6 metres across.", 1.5e-6),
    ("The star is 4 × 10⁶ kilometres away.", 4e6),
])
def test_written_power_of_ten(text, value):
    [f] = figs(text)
    assert f.value == pytest.approx(value)


@pytest.mark.parametrize("text, value, unit", [
    ("The deal is worth from $20 to $25 billion, bankers say.", 20e9, "usd"),
    ("Fines ranged between €3 and €8 million for each firm.", 3e6, "eur"),
    ("Homes on the street range from $900 to $2 million.", 900, "usd"),      # the first end has no scale left out
    ("Seats cost from $40,000 to $2 million a year.", 40000, "usd per year"),
])
def test_money_range_shares_the_scale_of_its_second_end(text, value, unit):
    assert pairs(text) == [(value, unit)]


def test_fall_from_to_stays_two_figures():
    assert pairs("The stock fell from $30 to $25 billion in value.") == [(30, "usd"), (25e9, "usd")]


@pytest.mark.parametrize("text, value, unit", [
    ("The plan costs RM59 a month.", 59, "myr per month"),
    ("Tuition rose by up to £900 a-year.", 900, "gbp per year"),
    ("The mine ships 40,000 tonnes a year.", 40000, "tonnes per year"),
    ("The club pays him $2 million a week.", 2e6, "usd per week"),
])
def test_rate_per_period(text, value, unit):
    assert pairs(text)[0] == (value, unit)


def test_a_year_ago_is_no_rate():
    assert pairs("Profit was $8 million a year ago.") == [(8e6, "usd")]


def test_scaled_age():
    f, = figs("Divers found 300 million-year-old fossils in the cliff.")
    assert (f.value, f.unit, f.what) == (300e6, "years", "age")


def test_days_later_is_a_figure():
    assert pairs("Four days later the ship docked.") == [(4, "days")]


def test_stray_hyphen_after_a_unit():
    f = figs("The range grows to 310 kilometres- and charging is faster.")[0]
    assert (f.unit, f.text) == ("kilometres", "310 kilometres")


def test_measure_power():
    assert pairs("The fire burned 120 square miles of forest.") == [(120, "square miles")]
    assert pairs("The tank holds 8 cubic metres of water.") == [(8, "cubic metres")]
    assert pairs("They bought 6 square tables.") == [(6, "tables")]


def test_hyphenated_modifier_before_the_counted_noun():
    assert pairs("The club signed 9 first-team players.") == [(9, "players")]
    assert pairs("The firm added 10 like-minded partners.") == [(10, "partners")]
    assert pairs("He played 40 games for the first-team.") == [(40, "games")]


def test_measure_noun_read_as_adjective():
    assert pairs("Plants now make 3 nanometer chips.") == [(3, "nanometers")]


def test_mpg():
    assert pairs("The hybrid returns 52 mpg on the motorway.") == [(52, "miles per gallon")]


@pytest.mark.parametrize("text", [
    "The fort was built between AD 1100 and 1250 by traders.",     # an era and the range it begins
    "Between 1500 and 1800 the lake slowly dried up.",            # a range ending in a year
    "The city was founded in 650 BC on the coast.",               # an era after the number
])
def test_era_years_are_not_figures(text):
    assert figs(text) == []


def test_a_range_of_counts_is_no_year():
    assert pairs("Between 150 and 200 people marched.") == [(150, "people")]
    assert pairs("The town was founded in 650 BC and has 1500 residents.") == [(1500, "residents")]


def test_number_word_in_a_name():
    assert figs("Fans still talk about the Big Ten title race.") == []
    assert pairs("Three men were arrested.") == [(3, "men")]


def test_measure_noun_after_a_capitalised_word():
    assert pairs("The Laptop Air 13 inch model is light.") == [(13, "inches")]
    assert figs("The Leopard 2 tanks arrived.") == []


@pytest.mark.parametrize("text, value, unit", [
    ("It was a billion dollar deal.", 1e9, "usd"),
    ("More than a million people fled the floods.", 1e6, "people"),
    ("Half a million people marched.", 5e5, "people"),
    ("Nearly a quarter of a million homes lost power.", 2.5e5, "homes"),
])
def test_a_million(text, value, unit):
    assert pairs(text) == [(value, unit)]


def test_a_part_takes_the_unit_of_its_whole():
    assert pairs("So far 40 million of the 90 million euros has been raised.") == [(4e7, "eur"), (9e7, "eur")]
    assert pairs("Police held 12 of the 30 protesters.") == [(12, "protesters"), (30, "protesters")]


def test_a_sum_with_no_currency_counts_no_noun():
    """The currency is lost ("worth 4 billion"): no plural noun of the sentence is taken."""
    f = figs("The sisters have a fortune of 4.2 billion, more than most families.")[0]
    assert (f.value, f.unit) == (pytest.approx(4.2e9), None)
    assert pairs("The number of migrants rose to 3 million.") == [(3e6, "migrants")]


@pytest.mark.parametrize("text, value, unit", [
    ("Workers raised a 15m-high statue.", 15, "metres"),
    ("A 25m (82ft) wave hit the pier.", 25, "metres"),
    ("The club spent £25m on players.", 25e6, "gbp"),
    ("The region has 3m people.", 3e6, "people"),
])
def test_m_is_metres_before_a_dimension(text, value, unit):
    assert pairs(text)[0] == (value, unit)


def test_suspended_hyphens_take_the_last_unit():
    found = figs("The maker offers four-, five- and six-cylinder engines.")
    assert [(f.value, f.unit, f.text) for f in found] == [(4, "cylinders", "four-"), (5, "cylinders", "five-"),
                                                          (6, "cylinders", "six-cylinder")]
    assert pairs("They build two- and three-bedroom flats.") == [(2, "bedrooms"), (3, "bedrooms")]
    assert figs("The front- and all-wheel drive models.") == []


@pytest.mark.parametrize("text, words, unit", [
    # a name between the number and the noun it counts
    ("The strike killed two Hamas commanders in Gaza on Monday.", "two Hamas commanders", "commanders"),
    ("The airline ordered 20 Boeing planes last year.", "20 Boeing planes", "planes"),
    ("Police arrested 12 Extinction Rebellion activists.", "12 Extinction Rebellion activists", "activists"),
    ("Investors received 3 Tesla shares for each share they held.", "3 Tesla shares", "shares"),
    # no name between: as before
    ("The ministry said 12 Ukrainian soldiers returned home.", "12 Ukrainian soldiers", "soldiers"),
])
def test_counted_noun_past_names(text, words, unit):
    assert [(f.text, f.unit) for f in figs(text)] == [(words, unit)]


def test_a_name_the_number_does_not_count_is_left_alone():
    """The number counts the name itself (a band, a year before a games): no noun beyond it is taken."""
    assert [f.unit for f in figs("The 3 Doors Down concert was cancelled.")] == ["doors"]
    assert figs("She won gold at the 2020 Tokyo Olympics.") == []


@pytest.mark.parametrize("text, words, value, change", [
    # a change by a fraction: that share, in percent
    ("Sales fell by a quarter in March.", "a quarter", 25.0, "decrease"),
    ("Exports rose by half in 2023.", "half", 50.0, "increase"),
    ("The government cut the budget by two-thirds, officials said.", "two-thirds", 66.7, "decrease"),
])
def test_a_change_by_a_fraction(text, words, value, change):
    assert [(f.text, pytest.approx(f.value), f.unit, f.change) for f in figs(text)] == [(words, value, "percent", change)]


@pytest.mark.parametrize("text", [
    "He was beaten by a third of the votes.",          # a share of something: not a change
    "The road was blocked by a third truck on Monday.",  # an ordinal
    "The team was led by half the squad.",
])
def test_by_a_fraction_that_is_no_change(text):
    assert [f for f in figs(text) if f.unit == "percent"] == []

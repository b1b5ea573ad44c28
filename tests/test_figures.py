"""Figures on fixture sentences: one rule each, with the negatives the issue names.
Expectations are what a reader takes from the sentence, written by hand."""
from __future__ import annotations

import datetime as dt

import pytest

from dispatches import dates, figures, nlp
from dispatches.records import Extraction


def figs(text: str, published: str | None = "2024-05-10"):
    doc = nlp.pipeline()(text)
    ex = Extraction()
    ref = dt.date.fromisoformat(published) if published else None
    figures.extract(doc, ex, dates.find(text, ref), published)
    for f in ex.figures:
        assert text[f.start:f.end] == f.text
    return ex.figures


def one(text: str, **kw):
    found = figs(text, **kw)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("At least 27 people were killed in the blast.", 27, "people", "at least"),
    ("Exports rose to $176.4 billion last year.", 176.4e9, "usd", None),
    ("The deficit reached €3.2bn in March.", 3.2e9, "eur", None),
    ("The council approved £450m for new schools.", 450e6, "gbp", None),
    ("Inflation stood at 29.5% in April.", 29.5, "percent", None),
    ("Turnout was about 61 percent, officials said.", 61, "percent", "about"),
    ("Nearly 40,000 residents were displaced by the floods.", 40000, "residents", "nearly"),
    ("The war has dragged on for more than 2 ½ years.", 2.5, "years", "more than"),
    ("The minister held a three-day visit to the capital.", 3, "days", None),
    ("Rebels seized two more villages near the border.", 2, "villages", None),
    ("Oil traded at $82 a barrel on Monday.", 82, "usd per barrel", None),
    ("More than 1,200 soldiers were wounded.", 1200, "soldiers", "more than"),
    ("The plant employs some 3,500 workers.", 3500, "workers", "about"),
    ("Up to 15 ships were inspected.", 15, "ships", "up to"),
    ("The firm cut 1.2 million jobs.", 1.2e6, "jobs", None),
    ("The tally climbed to twenty-five lawmakers.", 25, "lawmakers", None),
])
def test_value_unit_qualifier(text, value, unit, qualifier):
    f = one(text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert f.qualifier == qualifier


def test_far_counted_noun_and_change():
    """A bare number takes the noun the sentence counts; "by" after a verb of change
    is the size of the change, "to a total of" the level."""
    found = figs("The president ordered the army to increase its number of troops by 12,000 "
                 "to a total of 400,000, officials said.")
    assert [(f.value, f.unit, f.change) for f in found] == [(12000, "troops", "increase"),
                                                            (400000, "troops", "level")]


def test_level_set_at_and_including():
    found = figs("The decree sets the overall number of personnel at nearly 900,000, including 500,000 sailors.")
    assert [(f.value, f.unit, f.qualifier, f.change) for f in found] == [
        (900000, "personnel", "nearly", "level"), (500000, "sailors", None, "level")]


def test_decrease_by_and_rate_to():
    found = figs("The central bank cut its key rate by 25 basis points to 4.5% on Thursday.")
    assert [(f.value, f.unit, f.change) for f in found] == [(25, "basis points", "decrease"),
                                                            (4.5, "percent", "level")]


def test_repeated_number_is_one_figure():
    found = figs("The army will grow to 50,000 soldiers. Officials said the 50,000 soldiers would be ready by May.")
    assert [f.value for f in found] == [50000]


def test_as_of_from_sentence_date_else_article_date():
    found = figs("In June, the agency counted 3,000 arrivals. Today it reports 4,000 arrivals.",
                 published="2024-09-16")
    assert [(f.value, f.as_of) for f in found] == [(3000, "2024-06"), (4000, "2024-09-16")]


@pytest.mark.parametrize("text", [
    "The attack on March 22 shocked the region.",            # a date
    "The law was passed in 2019 and amended in 2022.",      # years
    "The summit will open at 10:30 a.m. on Nov. 11-14.",     # time, date range
    "Soldiers of the 2nd Infantry Division marched past.",   # ordinal in a name
    "Under Article 5, members must respond.",                # number in a name
    "The F-16 jets arrived with MH17 investigators.",        # codes
    "Hundreds of thousands fled and dozens were hurt.",      # vague amounts are left out
    "The two leaders shook hands.",                          # "the two": not a stated figure
    "It was one of the worst attacks in years.",             # "one of"
    "Call +44 20 7946 0958 or (253) 555-0147 for details.",  # phone numbers
    "The drills, codenamed Amber Shield 25, ended.",         # a number in a name
])
def test_not_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("The city of Karachi set aside Rs4.5 billion for water pipes.", 4.5e9, "pkr"),
    ("Officials in Mumbai approved Rs. 720 million for the metro.", 720e6, "inr"),
    ("The province lost more than P2 billion in crops.", 2e9, "php"),
    ("Losses reached P12,345,678.90 after the storm.", 12345678.90, "php"),
    ("The bank was fined A$3.1 million.", 3.1e6, "aud"),
    ("The tower sold for HK$900 million.", 900e6, "hkd"),
    ("He paid $US40,000 for the car.", 40000, "usd"),
    ("Farmers were promised 20 million baht in aid.", 20e6, "thb"),
    ("The port earned 8 billion naira last year.", 8e9, "ngn"),
])
def test_currencies_beyond_the_dollar(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", [
    "The P5 powers met in Geneva.",        # a letter symbol needs plain money after it
    "Ministers of the P 5 met again.",
])
def test_letter_symbol_not_money(text):
    assert figs(text) == []


def test_measure_in_brackets_is_a_conversion_money_is_kept():
    found = figs("The rocket flew about 800 kilometers (497 miles) before it fell.")
    assert [(f.value, f.unit) for f in found] == [(800, "kilometers")]
    found = figs("The club posted a profit of €40m (£34.5m) for the year.")
    assert [(f.value, f.unit) for f in found] == [(40e6, "eur"), (34.5e6, "gbp")]


def test_same_rate_under_other_verbs_is_other_facts():
    found = figs("Retail sales rose 2% in May. Wages climbed 2% over the year, and the central bank "
                 "kept its target at 2%. Analysts said the 2% rise in sales was modest.")
    assert [(f.value, f.unit) for f in found] == [(2, "percent")] * 3


def test_repeated_count_under_other_verbs_is_one_fact():
    found = figs("Police arrested 40 protesters on Monday. A spokesman said officers detained 40 protesters.")
    assert [f.value for f in found] == [40]


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("The bank made its biggest move in more than three decades.", 30, "years", "more than"),
    ("A magnitude-5.8 quake shook the coast.", 5.8, "magnitude", None),
    ("A 6.2-magnitude tremor hit the valley.", 6.2, "magnitude", None),
    ("The bank raised rates by three-quarters of a point.", 0.75, "percentage points", None),
    ("Traders had priced in a hike of half a point.", 0.5, "percentage points", None),
    ("Food makes up roughly a third of the basket.", 33.3, "percent", "about"),
    ("At least half of the voters stayed home.", 50, "percent", "at least"),
    ("The navy fired at least one cruise missile.", 1, "cruise missiles", "at least"),
    ("One child was rescued from the river.", 1, "children", None),
    ("The lawyers called a one-month strike.", 1, "months", None),
    ("Output shrank by -2.4% in the quarter.", -2.4, "percent", None),
    ("Officials counted nine dead after the landslide.", 9, "people", None),
    ("The death toll has risen to 64.", 64, "people", None),
    ("Hospitals reported 52 confirmed infections.", 52, "infections", None),
    ("The city sent 250 rescue workers.", 250, "rescue workers", None),
    ("The flood left 31 persons homeless.", 31, "people", None),
])
def test_word_forms_scales_and_units(text, value, unit, qualifier):
    f = one(text)
    assert (f.value, f.unit, f.qualifier) == (pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize("text", [
    "On the one hand, the talks went well.",                 # idiom
    "One of the guards fled and no one followed.",          # "one of", "no one"
    "The plant will reopen one day.",                        # "one day": not a count
    "Sales rose in the first half of the year.",            # a period, not a share
    "It was a third cycle of talks.",                        # ordinal "third"
    "Half an hour later the rain stopped.",                  # no "of"
])
def test_one_and_fractions_not_figures(text):
    assert figs(text) == []


def test_bare_number_after_a_count_counts_the_same():
    found = figs("In all, 300 deputies backed the bill. Meanwhile, 40 voted against and 12 abstained.")
    assert [(f.value, f.unit) for f in found] == [(300, "deputies"), (40, "deputies"), (12, "deputies")]
    found = figs("Sales reached 12% of output. Meanwhile, 40 firms closed.")
    assert [(f.value, f.unit) for f in found] == [(12, "percent"), (40, "firms")]


@pytest.mark.parametrize("text, value, unit, written", [
    ("The two men got 18 and 12 years in jail.", 18, "years", "18 and 12 years"),
    ("Between 11 to 12,000 people fled.", 11, "people", "11 to 12,000 people"),
    ("The well pumps 300,000 barrels a day.", 300000, "barrels per day", "300,000 barrels a day"),
    ("Gold rose to 1,950.40 U.S. dollars.", 1950.40, "usd", "1,950.40 U.S. dollars"),
    ("The train fell from a 40-metre bridge.", 40, "metres", "40-metre"),
    ("Sales were 3.2 billion yen. ($1 = 148.2500 yen)", 148.25, "jpy per usd", "$1 = 148.2500 yen"),
])
def test_ranges_rates_and_measures(text, value, unit, written):
    f = [f for f in figs(text) if f.text == written]
    assert len(f) == 1 and (f[0].value, f[0].unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", [
    "Prices rose in the past 12 months.",                    # a time window
    "Output grew over the previous three months.",
    "It is the world's two largest economies that matter.",  # superlative after a possessive
])
def test_windows_not_figures(text):
    assert figs(text) == []


def test_conversion_after_a_repeated_measure():
    found = figs("The bus fell into a 90-metre gorge. Rescuers climbed the 90-metre (295-foot) slope.")
    assert [(f.value, f.unit) for f in found] == [(90, "metres")]


def test_first_years_of_a_term_are_a_figure():
    f = one("The pact was renewed for the first three years of the plan.")
    assert (f.value, f.unit) == (3, "years")


@pytest.mark.parametrize("text", [
    "The FTSE 100 and the ASX 200 closed higher.",        # indexes
    "The S&P 500 and the Nasdaq 100 slipped.",
    "G20 ministers discussed COVID-19 aid.",               # names
    "The judges ruled 6-3 and the team won 2-1.",          # a ruling split, a score
])
def test_indexes_names_scores_not_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("Inflation eased to 4.2pc in June.", 4.2, "percent"),
    ("The bank cut rates by 50bps.", 50, "basis points"),
    ("The FTSE 100 rose 1.2% to 7,600 points.", 1.2, "percent"),
])
def test_percent_forms(text, value, unit):
    f = figs(text)[0]
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, value, unit", [
    ("Twelve like-minded nations signed the pact.", 12, "nations"),
    ("She retired at the age of 66.", 66, "years"),
])
def test_hyphened_adjective_and_age_of(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize("text, value, unit, written", [
    ("The 54-year-old was arrested on Friday.", 54, "years", "54-year-old"),
    ("Jane Doe, 54, was arrested on Friday.", 54, "years", "54"),
    ("He met his 4-month-old daughter.", 4, "months", "4-month-old"),
    ("The mayor, aged 54, spoke.", 54, "years", "54"),
    ("A 70 years old farmer was rescued.", 70, "years", "70 years old"),
])
def test_ages_are_figures_described_as_age(text, value, unit, written):
    f = one(text)
    assert (f.value, f.unit, f.what, f.text) == (value, unit, "age", written)


@pytest.mark.parametrize("text, value, unit", [
    ("The phone ships with 128GB of storage.", 128, "gigabytes"),
    ("A 7 kW heat pump warms the hall.", 7, "kilowatts"),
    ("The parcel weighed 12kg when it left.", 12, "kilograms"),
    ("The car tops out at 95 mph on the flat.", 95, "miles per hour"),
    ("Shares closed at 212.5p in London.", 212.5, "pence"),
    ("The boat has a 2.0l petrol engine.", 2.0, "litres"),
    ("The chip is made on a 3 nm process.", 3, "nanometres"),
    ("The flat measures 48 sq m in all.", 48, "square metres"),
    ("It offers a 250-hp turbo engine.", 250, "horsepower"),
])
def test_measure_symbols(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", [
    "The 5G network and the 3D printer arrived.",     # codes, not measures
    "The Boeing 737MAX was grounded.",
])
def test_letters_after_a_number_that_are_not_measures(text):
    assert figs(text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("He broke free for a 60 yard run.", 60, "yards"),
    ("The agency released a 40 page report.", 40, "pages"),
    ("It has a 4 cylinder engine.", 4, "cylinders"),
    ("Temperatures fell by 3 degrees Celsius overnight.", 3, "degrees celsius"),
    ("Rescuers pulled 12 rescue workers out.", 12, "rescue workers"),    # a plural head stays the unit
])
def test_measure_noun_before_another_noun(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize("text, value, unit", [
    ("Temperatures can drop to minus 40 degrees on the ridge.", -40, "degrees"),
    ("The wind chill reached minus-25 degrees Celsius.", -25, "degrees celsius"),
    ("The trade balance fell to $-42.5bn in May.", -42.5e9, "usd"),
    ("The error rate fell to .02 percent last year.", 0.02, "percent"),
    ("Between four to five thousand people marched.", 4000, "people"),
    ("There were 3 hundred boats in the harbour.", 300, "boats"),
])
def test_signs_bare_decimals_and_shared_scales(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", [
    "The F-16 and the Su-35 flew past.",           # a hyphen in a name is no sign
    "He scored in the 2-1 win.",                   # a score
])
def test_hyphens_that_are_not_signs(text):
    assert figs(text) == []


@pytest.mark.parametrize("text, value, written", [
    ("Fines ranging from $250,000 to $1 million were proposed.", 250000, "$250,000 to $1 million"),
    ("The shares were priced between $62 and $68 each.", 62, "$62 and $68"),
])
def test_a_range_of_money_is_one_figure(text, value, written):
    f = one(text)
    assert (f.value, f.unit, f.text) == (value, "usd", written)


def test_a_change_from_one_sum_to_another_is_two_figures():
    found = figs("Oil fell from $75 to $45 a barrel.")
    assert [f.value for f in found] == [75, 45]


@pytest.mark.parametrize("text, value, unit", [
    ("The city plans 400 charging stations by 2030.", 400, "stations"),
    ("The defence gave up 310 rushing yards.", 310, "rushing yards"),
    ("Shares fell 12 p to 340 p.", 12, "pence"),
    ("Nights there reach minus 40 Fahrenheit.", -40, "degrees fahrenheit"),
])
def test_participles_symbols_and_scales_after_a_number(text, value, unit):
    f = figs(text)[0]
    assert (f.value, f.unit) == (value, unit)


def test_an_age_range_is_one_figure():
    f = one("Adults aged 18 to 34 said so.")
    assert (f.value, f.unit, f.what, f.text) == (18, "years", "age", "18 to 34")


@pytest.mark.parametrize("text, values", [
    ("Seats cost from $40 to $90 on the night.", [40]),
    ("The price dropped from $40 to $30 overnight.", [40, 30]),
])
def test_from_a_sum_to_another(text, values):
    assert [f.value for f in figs(text)] == values


# figures.figure_matches tries the pattern only just before each number; it must find what a
# scan of the whole text finds, also where a code, a symbol, spaces and a sign come first.
LOOK_ALIKES = [
    "USD 5 million, US$ 12.5bn, $ -3, (-4), −7, €.5, .75 of it, GBP 1,200,000 and 3 USD.",
    "A320s, COVID-19, F-16, the G7, 2023/24, 1/2 and 3 ½ points, 6 × 10^3 units, twenty-five people.",
    "A dozen, a hundred and one, half a point, one of them, someone, Dozens of twenty-somethings.",
    "Rs 40,000, R$ 9, HK$ 3 billion, KES 50 and 12 per cent; ...5 and 5... and 5.5.5.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_numbers_found_near_their_anchors_are_those_a_whole_scan_finds(text):
    from dispatches import figures
    whole = [(m.span(), m.groups()) for m in figures.words().pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in figures.figure_matches(text)] == whole and len(whole) >= 4


def test_the_lead_covers_the_longest_code_and_symbol():
    from dispatches import figures
    w = figures.words()
    code, symbol = max(w.currency_codes, key=len), max(w.currency_symbols, key=len)
    for text in (f"{code} {symbol}-5", f"{code} {symbol} 5", f"{code} 5", f"{symbol}-5"):
        m = w.pattern.match(text)
        assert m and 0 < m.start("num") - m.start() <= w.lead, text

"""Article metadata read from page furniture: publication stamps, bylines in their
many forms, titles with furniture run on to them. Every scrape here is made up
for the test; the expectations were worked out by hand."""
from __future__ import annotations

import pytest

from dispatches.dates import stamps
from dispatches.segment import segment

BODY = ("Officials in the northern province said on Tuesday that the new bridge over the river "
        "would open to traffic next month, two years later than first planned.\n\n"
        "The project was delayed by floods in its first winter and by a dispute over the cost of steel, "
        "the provincial transport office said in a statement.")


def one(text: str):
    """The single article of a made-up scrape."""
    found = segment("made_up.txt", text)
    assert len(found) == 1, [a.title for a in found]
    return found[0]


# ----------------------------------------------------------------- stamps

@pytest.mark.parametrize("text, iso", [
    ("Published On 20 Sep 2023", "2023-09-20"),
    ("08:40, October 15, 2024", "2024-10-15"),
    ("Sep 20, 2023 10:27 AM IST", "2023-09-20"),
    ("MOSCOW, 13.10.2023 (Agency) -", "2023-10-13"),
    ("Created: 10-04-2022 01:12 IST", "2022-04-10"),        # day first
    ("Source: Agency 2016-12-10 05:45:26", "2016-12-10"),
    ("Thu 20th June 2019 | 08:04 PM", "2019-06-20"),
    ("04/25/2023", "2023-04-25"),                            # month first only when day first is impossible
    ("Sept. 3, 2021", "2021-09-03"),
])
def test_stamp_forms(text, iso):
    assert [s.iso for s in stamps(text)] == [iso]


@pytest.mark.parametrize("text", ["February 17", "31-02-2022", "in the 1990s", "Resolution 2022 of 15 members",
                                  "12:45 GMT", "2,000 people"])
def test_not_a_full_stamp(text):
    assert stamps(text) == []


@pytest.mark.parametrize("stamp, iso", [
    ("Published On 20 Sep 2023", "2023-09-20"),
    ("08:40, October 15, 2024", "2024-10-15"),
    ("Sep 20, 2023 10:27 AM IST", "2023-09-20"),
    ("Created: 10-04-2022 01:12 IST", "2022-04-10"),
    ("Updated: 11-04-2022 09:00 IST | Created: 10-04-2022 01:12 IST", "2022-04-10"),   # created wins
])
def test_stamp_under_the_headline_is_published(stamp, iso):
    a = one(f"New bridge to open next month\n\n{stamp}\n\n{BODY}\n")
    assert a.published == iso
    assert a.title == "New bridge to open next month"


def test_stamp_above_the_headline_needs_a_time_or_label():
    # a bare date in the masthead is the site's "today", not the story's stamp
    assert one(f"Menu\nFri, 29 March 2024\n\nNew bridge to open next month\n\n{BODY}\n").published is None
    assert one(f"March 29, 2024 / 7:11 AM\n\nNew bridge to open next month\n\n{BODY}\n").published == "2024-03-29"


def test_stamp_run_on_to_title_and_to_first_sentence():
    a = one(f"New bridge to open next monthTuesday, March 12, 2024\n{BODY}\n")
    assert (a.title, a.published) == ("New bridge to open next month", "2024-03-12")
    b = one(f"New bridge to open next month\nMarch 12, 2024{BODY}\n")
    assert b.published == "2024-03-12"
    assert b.body.startswith("Officials in the northern province")


def test_dateline_stamp_and_labelled_stamp_at_the_end():
    a = one("New bridge to open next month\n\nLUSAKA, 13.10.2023 (Agency) - " + BODY + "\n")
    assert a.published == "2023-10-13"
    b = one(f"New bridge to open next month\n\n{BODY}\n\nFirst Published on Jan 23, 2020 08:05 am\n")
    assert b.published == "2020-01-23"
    assert "First Published" not in b.body


def test_dates_in_the_story_are_not_stamps():
    a = one(f"New bridge to open next month\n\n{BODY}\n\nThe old bridge closed on May 2, 2021, after an inspection.\n")
    assert a.published is None


# ----------------------------------------------------------------- bylines

@pytest.mark.parametrize("line, byline", [
    ("By Maria Lopes", "By Maria Lopes"),
    ("By JERUSALEM POST STAFF", "By JERUSALEM POST STAFF"),
    ("Reuters Staff", "Reuters Staff"),
    ("Author: Maria Lopes", "Maria Lopes"),
    ("Maria Lopes | Reuters", "Maria Lopes | Reuters"),
    ("Reuters, Lusaka", "Reuters, Lusaka"),
    ("The Associated Press", "The Associated Press"),
    ("Reuters | Updated: 10-04-2022 01:12 IST | Created: 10-04-2022 01:12 IST", "Reuters"),
    ("Maria Lopes 57 seconds ago Thu 20th June 2019 | 08:04 PM", "Maria Lopes"),
    ("(@MariaLopes)", "@MariaLopes"),
])
def test_header_byline_forms(line, byline):
    a = one(f"New bridge to open next month\n\n{line}\n\n{BODY}\n")
    assert a.byline == byline
    assert line not in a.body


def test_bare_name_only_right_under_the_title():
    a = one(f"New bridge to open next month\n\nMaria Lopes\nThe Daily Courier\n\n{BODY}\n")
    assert a.byline == "Maria Lopes"
    # a short line that is not a name is no byline
    assert one(f"New bridge to open next month\n\nBridge works\n\n{BODY}\n").byline is None


@pytest.mark.parametrize("closing, byline", [
    ("(Reporting by Maria Lopes; Editing by Tom Hale)", "Reporting by Maria Lopes; Editing by Tom Hale"),
    ("Reporting by Maria Lopes", "Reporting by Maria Lopes"),
    ("(Reporting by Maria Lopes\nEditing by Tom Hale)", "Reporting by Maria Lopes\nEditing by Tom Hale"),
    ("TEXT: Maria Lopes", "Maria Lopes"),
    ("OUR STAFF REPORTER", "OUR STAFF REPORTER"),
])
def test_closing_credit_is_the_byline_when_the_header_has_none(closing, byline):
    a = one(f"New bridge to open next month\n\n{BODY}\n{closing}\n")
    assert a.byline == byline
    assert "Maria" not in a.body and "REPORTER" not in a.body


def test_header_byline_beats_closing_credit():
    a = one(f"New bridge to open next month\n\nBy Tom Hale\n\n{BODY}\n(Reporting by Maria Lopes)\n")
    assert a.byline == "By Tom Hale"


# ----------------------------------------------------------------- titles

def test_photo_caption_run_on_to_title_is_cut():
    a = one(f"New bridge to open next month FILE PHOTO: Cars cross the old bridge\n\n{BODY}\n")
    assert a.title == "New bridge to open next month"


def test_furniture_word_run_on_to_a_repeated_title():
    a = one(f'"We are proud of this bridge"Article\n«Go back\n\n"We are proud of this bridge"\n\n{BODY}\n')
    assert a.title == '"We are proud of this bridge"'


def test_menu_block_above_the_headline_is_not_the_title():
    menu = "Menu\nSubscribe now\nThe Weekly Review\nHealth\nPress releases\n\n"
    a = one(f"{menu}New bridge to open next month\n\n{BODY}\n")
    assert a.title == "New bridge to open next month"
    assert "Press releases" not in a.body and "Weekly Review" not in a.body


def test_run_together_menu_is_furniture_and_a_lone_headline_is_kept():
    a = one(f"HomeWorldBusinessSport\nNew bridge to open next month\n\n{BODY}\n")
    assert a.title == "New bridge to open next month"
    # two lines with no blank between them are no menu
    b = one(f"Transport\nNew bridge to open next month\n\n{BODY}\n")
    assert b.title == "New bridge to open next month"


def test_stray_closing_mark_after_a_sentence_is_dropped():
    a = one("Officials said the new bridge over the river would open to traffic next month, two years late.>\n"
            "The delay was caused by floods and a dispute over the cost of steel, the office said.>\n")
    assert a.title is None
    assert ">" not in a.body
    # a ">" inside a sentence stays
    b = one(f"New bridge to open next month\n\n{BODY}\n\nTraffic counts rose from 5,000 to >9,000 cars a day on the old road.\n")
    assert ">9,000" in b.body


def test_second_page_after_a_gap_and_a_run_together_menu():
    text = (f"New bridge to open next month\n\n{BODY}\n\n\n\nHomeWorldBusinessSport\nTop News\nMarkets\nSport\n\n"
            "Old ferry to stop running in May\n\nThe ferry that has crossed the river for forty years will make "
            "its last trip in May, when the new bridge opens, its operator said on Wednesday.\n")
    first, second = segment("made_up.txt", text)
    assert first.title == "New bridge to open next month"
    assert second.title == "Old ferry to stop running in May"
    assert second.body.startswith("The ferry that has crossed")


# ----------------------------------------------------------------- wire agencies

@pytest.mark.parametrize("closing, agencies", [
    ("abc/de (Reuters, AFP, dpa)", ["Reuters", "AFP", "dpa"]),
    ("-- AFP", ["AFP"]),
    ("Contributing: Maria Lopes, The Daily Courier; The Associated Press", ["AP"]),
])
def test_closing_agency_credit_is_a_source_and_not_body(closing, agencies):
    a = one(f"New bridge to open next month\n\n{BODY}\n\n{closing}\n")
    assert a.wire_agencies == agencies
    assert closing not in a.body


def test_a_quoted_dash_line_without_agency_stays_in_the_body():
    a = one(f"New bridge to open next month\n\n{BODY}\n\n— Transport Office (@RoadsOffice) May 2, 2024\n")
    assert a.wire_agencies == []
    assert "Transport Office" in a.body


@pytest.mark.parametrize("lead, agencies", [
    ("LUSAKA (Courier News / Sputnik - 15th September, 2021) Officials", ["Sputnik"]),
    ("Lusaka, (APP - Courier News - 17th Oct, 2024) Officials", ["APP"]),
    ("UN, February 17 – RIA Novosti. Officials", ["RIA Novosti"]),
    ("LUSAKA (Courier News) Officials", []),
])
def test_agency_in_the_dateline(lead, agencies):
    a = one(f"New bridge to open next month\n\n{lead} said on Tuesday that the new bridge over the river would open "
            "to traffic next month, two years later than first planned.\n")
    assert a.wire_agencies == agencies


def test_agency_poll_is_a_source():
    a = one(f"New bridge to open next month\n\n{BODY} Traffic was forecast to rise 3% in a Reuters poll.\n")
    assert a.wire_agencies == ["Reuters"]


# ----------------------------------------------------------------- outlet

@pytest.mark.parametrize("furniture, outlet", [
    ("Copyright ⓒ Lakeside Courier All rights reserved.", "Lakeside Courier"),
    ("© 2024 Lakeside Courier. All rights reserved.", "Lakeside Courier"),
    ("(Only the headline of this report may have been reworked by the Lakeside Courier staff; "
     "the rest is from a syndicated feed.)", "Lakeside Courier"),
    ("Lakeside Courier Newsletters\n\nLakeside Courier provides the most complete coverage of the region: Subscribe",
     "Lakeside Courier"),
    ("Lakeside Courier Newsletters", None),            # one weak sign is not enough
    ("All rights reserved.", None),
])
def test_outlet_named_by_page_furniture(furniture, outlet):
    a = one(f"New bridge to open next month\n\n{BODY}\n\n{furniture}\n")
    assert a.outlet == outlet


@pytest.mark.parametrize("furniture, outlet", [
    # a footer line that is only a copyright names the site
    ("© 2023 Harbour Gazette", "Harbour Gazette"),
    ("Copyright © 2019-2023 The Harbour Gazette Ltd. | Privacy Policy | Terms of Use", "The Harbour Gazette"),
    ("© Harbour Gazette 2023", "Harbour Gazette"),
    ("Copyright 2023", None),                                  # no name
    ("© 2023 Getty Images", None),                             # a photo agency's line
    ("Photo: © 2023 Harbour Gazette staff photographer Jane Roe", None),   # not a line of its own
    # a wire agency's copyright is printed on every site that runs its copy
    ("Copyright 2023 The Associated Press. All rights reserved.", None),
    ("© 2023 Reuters. All Rights Reserved.", None),
    ("© 2023 Reuters. All Rights Reserved.\n\nOur Standards: The Thomson Reuters Trust Principles.", "Reuters"),
])
def test_outlet_in_a_copyright_footer(furniture, outlet):
    a = one(f"New bridge to open next month\n\n{BODY}\n\n{furniture}\n")
    assert a.outlet == outlet


@pytest.mark.parametrize("furniture, outlet", [
    # newsletter, social and app appeals: two signs name the site, one is not enough
    ("Sign up for the Harbour Gazette's morning newsletter\n\nFollow Harbour Gazette on Telegram",
     "Harbour Gazette"),
    ("Subscribe to the Harbour Gazette newsletter\n\nDownload the Harbour Gazette app", "Harbour Gazette"),
    ("Download the Harbour Gazette news app\n\nSupport Harbour Gazette!", "Harbour Gazette"),
    ("Follow Harbour Gazette on Telegram", None),
    ("Sign up for the Harbour Gazette's morning newsletter", None),
    ("Follow Jane Roe on X\n\nFollow Jane Roe on Instagram", "Jane Roe"),   # the shape cannot tell a writer
    ("Follow Jane Roe on X", None),
    ("Sign up for Breaking News alerts\n\nDownload the Breaking News app", None),   # no publication
    ("Follow us on Facebook\n\nSign up for our free weekly newsletter", None),    # names nobody
])
def test_outlet_in_newsletter_social_and_app_appeals(furniture, outlet):
    a = one(f"New bridge to open next month\n\n{BODY}\n\n{furniture}\n")
    assert a.outlet == outlet


@pytest.mark.parametrize("lead, outlet, agencies", [
    # the site prints its own name beside the agency in the dateline bracket
    ("LUSAKA (Harbour News / Sputnik - 15th September, 2021) Officials", "Harbour News", ["Sputnik"]),
    ("Lusaka, (APP - Harbour Gazette / Harbour Post - 17th Oct, 2024) Officials", "Harbour Gazette", ["APP"]),
    ("LUSAKA (Harbour Gazette / AFP) - Officials", "Harbour Gazette", ["AFP"]),
    # a bracket with no agency, or only agencies, names no site
    ("LUSAKA (Harbour Gazette) Officials", None, []),
    ("LUSAKA (AFP - 15th Oct, 2024) Officials", None, ["AFP"]),
])
def test_outlet_beside_the_agency_in_the_dateline(lead, outlet, agencies):
    a = one(f"New bridge to open next month\n\n{lead} said on Tuesday that the new bridge over the river would open "
            "to traffic next month, two years later than first planned.\n")
    assert (a.outlet, a.wire_agencies) == (outlet, agencies)


def test_a_photo_credit_bracket_is_not_a_dateline():
    """"(Reuters/Jane Roe)" ends a caption line; a dateline bracket is followed by the lede."""
    a = one(f"New bridge to open next month\n\nWorkers at the bridge (Reuters/Jane Roe)\n\n{BODY}\n")
    assert a.outlet is None


@pytest.mark.parametrize("title_line, title, outlet", [
    ("New bridge to open next month | Harbour Gazette", "New bridge to open next month", "Harbour Gazette"),
    ("New bridge to open next month | The Harbour Gazette", "New bridge to open next month", "The Harbour Gazette"),
    ("New bridge to open next month | Newsweek", "New bridge to open next month", "Newsweek"),
    ("New bridge to open next month | Opinion", "New bridge to open next month | Opinion", None),   # a section
    ("New bridge to open next month | Africa", "New bridge to open next month | Africa", None),     # a place
    ("New bridge to open next month | Updated", "New bridge to open next month | Updated", None),
    ("New bridge to open next month | World news | Harbour Gazette", "New bridge to open next month",
     "Harbour Gazette"),                                                    # a section label between
    ("New bridge to open next month - Harbour Gazette", "New bridge to open next month - Harbour Gazette",
     None),   # a dash may attribute the headline ("... - minister")
])
def test_outlet_at_the_end_of_the_title(title_line, title, outlet):
    a = one(f"{title_line}\n\n{BODY}\n")
    assert (a.title, a.outlet) == (title, outlet)


@pytest.mark.parametrize("furniture, outlet", [
    # "Support the X" as a line of its own is one sign; a listed publication counts double
    ("Support the Guardian", "The Guardian"),
    ("Support the Harbour Gazette", None),
    ("Support the Harbour Gazette\n\nFollow Harbour Gazette on Facebook", "Harbour Gazette"),
    ("Support Ukraine", None),
    # the site's sign-off on copy written from agency material
    ("Source: Harbour Gazette and news agencies", "Harbour Gazette"),
    ("Source: Al Jazeera and agencies", "Al Jazeera"),
    ("Source: Reuters", None),                                  # an agency credit, not the site
    # a line that is only a listed publication's name, perhaps with a section word
    ("Newsweek", "Newsweek"),
    ("Euronews Business", "Euronews"),
    ("The Associated Press", None),                             # a wire agency's name is a credit
    ("Harbour Gazette", None),                                  # an unlisted name alone is not enough
    ("Newsweek reporters spoke to officials", None),            # not a line of only the name
])
def test_outlet_in_sign_offs_and_name_lines(furniture, outlet):
    a = one(f"New bridge to open next month\n\n{BODY}\n\n{furniture}\n")
    assert a.outlet == outlet


@pytest.mark.parametrize("desk, outlet", [
    ("BBC News, Lusaka", "BBC News"),             # a listed publication and the reporter's place
    ("Reuters, Lusaka", None),                    # a wire agency's desk line is a credit
    ("Transport correspondent, Lusaka", None),
    ("Harbour Gazette, Lusaka", "Harbour Gazette"),   # an unlisted site and a well-known city
    ("Senior Correspondent, Lusaka", None),           # a job
    ("Harbour Gazette, Eastern Shore", None),         # not a known place: not plainly a desk line
    ("Jane Roe, Lusaka", None),                       # a second reporter, not a paper
])
def test_outlet_and_place_under_the_byline(desk, outlet):
    a = one(f"New bridge to open next month\n\nMaria Lopes\n{desk}\n\n{BODY}\n")
    assert a.outlet == outlet


def test_outlet_on_the_line_under_the_byline():
    a = one(f"New bridge to open next month\n\nMaria Lopes\nThe Lakeside Courier\n\n{BODY}\n")
    assert (a.byline, a.outlet) == ("Maria Lopes", "The Lakeside Courier")
    assert "Lakeside" not in a.body
    # a line that is not a publication's name stays where it is
    b = one(f"New bridge to open next month\n\nMaria Lopes\nTransport correspondent\n\n{BODY}\n")
    assert b.outlet is None


def test_a_wire_dateline_does_not_name_the_outlet():
    a = one("New bridge to open next month\n\nLUSAKA (Reuters) - " + BODY + "\n")
    assert a.outlet is None
    assert a.wire_agencies == ["Reuters"]


def test_glued_page_does_not_inherit_the_first_pages_outlet():
    text = (f"New bridge to open next month\n\n{BODY}\n\nCopyright ⓒ Lakeside Courier All rights reserved.\n\n\n\n"
            "Old ferry to stop running in May\n\nThe ferry that has crossed the river for forty years will make "
            "its last trip in May, when the new bridge opens, its operator said on Wednesday.\n")
    first, second = segment("made_up.txt", text)
    assert (first.outlet, second.outlet) == ("Lakeside Courier", None)


def _with_outlets(*names):
    from dispatches.records import Article
    return [Article(seed_file=f"f{i}.txt", position=0, title=None, byline=None, published=None, outlet=n,
                    wire_agencies=[], body="") for i, n in enumerate(names)]


@pytest.mark.parametrize("names, merged", [
    # one outlet named two ways in one build gets one name: the commonest, else the shortest
    (["Harbour Point News", "Harbour Point"], ["Harbour Point", "Harbour Point"]),
    (["Harbour Point News", "Harbour Point News", "Harbour Point"], ["Harbour Point News"] * 3),
    (["The Harbour Gazette", "Harbour Gazette.com", None], ["The Harbour Gazette", "The Harbour Gazette", None]),
    # a listed publication keeps its listed name
    (["Sky", "Sky News"], ["Sky News", "Sky News"]),
    # a name seen in one form only, or names that differ by a real word, stay as they are
    (["Harbour Point News"], ["Harbour Point News"]),
    (["China Daily", "China"], ["China Daily", "China"]),
])
def test_one_outlet_named_two_ways_gets_one_name(names, merged):
    from dispatches.segment import same_outlets
    articles = _with_outlets(*names)
    same_outlets(articles)
    assert [a.outlet for a in articles] == merged


@pytest.mark.parametrize("furniture, outlet", [
    ("The Toronto Star contacted the ministry for comment.", "Toronto Star"),   # a listed paper, known-only shape
    ("Bangkok Post", "Bangkok Post"),                                            # a masthead line
    ("Taipei Times\n\nFollow Taipei Times on Facebook", "Taipei Times"),
    ("Officials spoke to reporters in the age of the internet.", None),
])
def test_listed_publications_of_the_world(furniture, outlet):
    a = one(f"New bridge to open next month\n\n{BODY}\n\n{furniture}\n")
    assert a.outlet == outlet


@pytest.mark.parametrize("sentence", [
    "The toll rose to 40, Xinhua reported.",
    "The minister told CNN in an interview that talks would resume.",
    "As The Guardian reported last week, the deal was close.",
    "This article originally appeared on USA TODAY: Bridge to open next month",
])
def test_an_outlet_named_as_a_source_is_not_the_page(sentence):
    """Other publications cited in the story (or the original of a reprint) are not the page's outlet."""
    a = one(f"New bridge to open next month\n\n{BODY} {sentence}\n")
    assert a.outlet is None


@pytest.mark.parametrize("top, outlet", [
    # the site's name in capitals on the first line, over a menu or with its sections
    ("HARBOUR GAZETTE\nNews | Sport | Obituaries | e-Edition", "Harbour Gazette"),
    ("THE HARBOUR GAZETTE | Markets | Shipping", "The Harbour Gazette"),
    ("BBC NEWS\nHome | News | Sport", "BBC News"),                      # a listed name gets its listed form
    # no menu, a section trail, a place or a label: no site
    ("HARBOUR GAZETTE", None),
    ("WORLD NEWS | Asia | China", None),
    ("MIDDLE EAST | Iran | Iraq", None),
    ("LIVE UPDATES\nNews | Sport | Obituaries", None),
    ("Harbour Gazette\nNews | Sport | Obituaries", None),              # not set as a masthead
])
def test_outlet_in_a_masthead_over_the_menu(top, outlet):
    a = one(f"{top}\n\nNew bridge to open next month\n\n{BODY}\n")
    assert a.outlet == outlet

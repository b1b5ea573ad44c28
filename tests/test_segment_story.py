"""Which lines of a page are the story: boxes of other stories inside or after it,
menus and footers around it, tables and results, briefs, pages glued into one file.
Every scrape here is made up for the test; the expectations were worked out by hand."""
from __future__ import annotations

import pytest

from dispatches.segment import HEADLINE_ONLY, NO_STORY, is_stamp, patterns, segment, why_no_article

LEDE = ("The city council voted on Tuesday to close the old river bridge to heavy lorries from next month, "
        "citing cracks found during a routine inspection.")
SECOND = ("Engineers will decide by the end of the year whether the bridge can be repaired or must be "
          "replaced, the council's transport committee said in a statement.")
THIRD = ("Lorry drivers will be sent on a ten-kilometre detour through the industrial estate while the "
         "work goes on, and buses will keep using the bridge at reduced speed.")
FOURTH = ("Local businesses on the east bank said the detour would add costs, but most accepted that "
          "safety had to come first after the inspection found the cracks.")
MENU = "\n".join(["Home", "News", "World", "Business", "Sport", "Culture", "Weather", "Sign in"])
FOOTER = "\n".join(["About us", "Contact", "Careers", "Privacy policy", "Terms of use", "Advertise"])


def articles(text: str):
    return segment("made_up.txt", text)


def one(text: str):
    found = articles(text)
    assert len(found) == 1, [a.title for a in found]
    return found[0]


# ----------------------------------------------------------------- boxes inside and after the story

@pytest.mark.parametrize("heading", ["Related", "Read More", "More from Europe", "Most Popular",
                                     "Sign up for our Morning Briefing newsletter"])
def test_a_box_inside_the_story_does_not_end_it(heading):
    text = (f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{heading}\n\n"
            "Council elections set for May as parties pick candidates\n"
            "New tram line opens to passengers in the western suburbs\n\n"
            f"{THIRD}\n\n{FOURTH}\n")
    a = one(text)
    assert a.body == "\n\n".join([LEDE, SECOND, THIRD, FOURTH])


def test_a_box_after_the_story_ends_it():
    text = (f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\nMost Popular\n\n"
            "Council elections set for May as parties pick candidates\n"
            "New tram line opens to passengers in the western suburbs\n"
            "Why is the price of bread rising?\n"
            "Five walks to take along the river this autumn\n\n"
            f"{FOOTER}\n")
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_a_stream_of_other_stories_with_summaries_is_not_the_story():
    teasers = "\n\n".join(
        f"{head}\n{summary}" for head, summary in [
            ("Council elections set for May as parties pick candidates",
             "Four parties have named their lists for the city council elections, with housing the main issue."),
            ("New tram line opens to passengers in the western suburbs",
             "The first trams ran on time on Sunday morning, and the operator said ridership beat its forecast."),
            ("Five walks to take along the river this autumn",
             "From the old mill to the harbour, these routes show the river at its best as the leaves turn."),
        ])
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\nRead more\n\n{teasers}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_menus_and_footer_lists_around_the_story_stay_out():
    text = f"{MENU}\n\nBridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n\n{FOOTER}\n"
    a = one(text)
    assert a.title == "Bridge closed to lorries after cracks found"
    assert a.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_teaser_cards_with_headline_run_into_summary_stay_out():
    cards = "\n".join([
        "Council Elections Set For May As Parties Pick CandidatesFour parties have named their lists for the vote.",
        "New Tram Line Opens To Passengers In Western SuburbsThe first trams ran on time on Sunday morning.",
        "Police Appeal For Witnesses After Crash On Ring RoadA cyclist was taken to hospital on Saturday night.",
    ])
    text = f"{cards}\n\nBridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_a_glued_word_in_prose_is_not_a_teaser_card():
    para = ("Fans queued overnight outside the shop in the city centre to buy the new PlayStation console, "
            "which went on sale at midnight.")
    assert one(f"Fans queue for new console\n\n{para}\n\n{LEDE}\n").body.startswith(para)


def test_a_list_of_headlines_is_not_one_hard_wrapped_paragraph():
    heads = "\n".join([
        "Council elections set for May as parties pick their candidates",
        "New tram line opens to passengers in the western suburbs today",
        "Police appeal for witnesses after a crash on the ring road",
        "Five walks to take along the river this autumn, from mill to sea",
    ])
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{heads}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_hard_wrapped_prose_is_still_joined():
    wrapped = ("The city council voted on Tuesday to close the old river bridge to\n"
               "heavy lorries from next month, citing cracks found during a routine\n"
               "inspection of its supports by the county's engineers.")
    a = one(f"Bridge closed to lorries after cracks found\n\n{wrapped}\n\n{SECOND}\n")
    assert a.body.split("\n\n")[0] == wrapped.replace("\n", " ")


def test_a_breadcrumb_trail_is_navigation():
    a = one(f"Home >> Europe\n\nBridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n")
    assert "Home" not in a.body


# ----------------------------------------------------------------- one story per page, pages glued together

def test_a_gap_inside_a_story_does_not_start_another_article():
    # an advert slot left three blank lines between two paragraphs of one story
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n\n\n{THIRD}\n\n{FOURTH}\n"
    assert one(text).body == "\n\n".join([LEDE, SECOND, THIRD, FOURTH])


def test_a_subhead_after_a_gap_does_not_start_another_article():
    text = (f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n\n\n"
            f"What the detour means for drivers\n\n{THIRD}\n\n{FOURTH}\n")
    assert "What the detour means" in one(text).body


@pytest.mark.parametrize("opening", [
    "RIVERTON (Agency) — Harbour workers ended a two-week strike on Friday after the union accepted a new pay offer.",
    "Riverton: Harbour workers ended a two-week strike after the union accepted a new pay offer from the port.",
    "Harbour workers ended a two-week strike on Friday after the union accepted a new pay offer from the port.",
])
def test_a_page_glued_on_after_a_gap_is_its_own_article(opening):
    rest = "The agreement raises wages by six percent this year, the union said in a statement on its website."
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n\n\n{opening}\n{rest}\n"
    assert len(articles(text)) == 2


def test_another_outlets_copy_of_the_same_news_after_a_gap_is_its_own_article():
    first = ("Northwind Foods has agreed to buy rival Harbour Bakeries for 2.4 billion euros in cash, "
             "creating the largest bread maker in the region.")
    again = ("Northwind Foods said it will buy Harbour Bakeries in a cash deal worth 2.4 billion euros, "
             "adding the region's second-largest bread maker.")
    text = (f"{first}\nThe boards of both companies have approved the deal, which still needs the "
            "approval of competition authorities in three countries before it can close.\n\n\n\n"
            f"{again}\nThe deal is expected to close later in the year, subject to approval.\n")
    assert len(articles(text)) == 2


def test_a_headline_the_page_repeats_below_the_story_does_not_make_another_article():
    text = (f"{MENU}\n\nBridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n\n"
            "Top Stories\nTop Stories\nTram line opens in western suburbs\n"
            "The new line carried its first passengers on Sunday, and the operator said it ran on time.\n")
    a = one(text)
    assert a.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_share_links_above_a_bare_share_label_do_not_crash():
    share = "\n".join(f"Share this with {net}" for net in ["Email", "Facebook", "Messenger", "Twitter"])
    text = f"{share}\n\nShare this with\n\nBridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n"
    assert one(text).body.startswith(LEDE)


# ----------------------------------------------------------------- tables, results and briefs are stories

STANDINGS = "\n".join([
    "Pos Team P W D L Pts",
    "1 Riverton Rovers 12 9 2 1 29",
    "2 Harbour Town 12 8 2 2 26",
    "3 Northfield United 12 7 1 4 22",
    "4 Eastgate Athletic 12 5 3 4 18",
])


def test_a_results_table_is_story_not_furniture():
    text = (f"{MENU}\n\nLeague table after week 12\n\n"
            "Riverton Rovers stayed top after a 2-0 win on Saturday.\n\n"
            f"{STANDINGS}\n\n{FOOTER}\n")
    a = one(text)
    for row in STANDINGS.splitlines()[1:]:
        assert row in a.body
    assert "Privacy policy" not in a.body


def test_a_results_only_page_is_an_article():
    results = "\n".join([
        "SOCCER - NORTHERN LEAGUE RESULTS.",
        "RIVERTON 1996-12-07",
        "Results of Northern League matches on Saturday:",
        "Riverton Rovers 2 Harbour Town 0",
        "Northfield United 1 Eastgate Athletic 1",
        "Westbrook 3 Southport City 2",
        "Millbank 0 Castleford 4",
    ])
    a = one(results + "\n")
    assert a.title == "SOCCER - NORTHERN LEAGUE RESULTS."
    for row in results.splitlines()[3:]:
        assert row in a.body


def test_a_standings_table_with_blank_lines_between_rows_is_an_article():
    rows = ["Riverton Rovers 12 9 2 1 29 8 29", "Harbour Town 12 8 2 2 25 11 26",
            "Northfield United 12 7 1 4 20 15 22", "Eastgate Athletic 12 5 3 4 17 16 18"]
    text = ("ICE HOCKEY - NORTHERN LEAGUE STANDINGS.\n\nRIVERTON 1996-12-07\n\n"
            "Standings after Friday's games:\n\n" + "\n\n".join(rows) + "\n")
    a = one(text)
    assert all(row in a.body for row in rows)


def test_headlines_with_figures_a_blank_line_apart_are_no_table():
    text = (f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\nMarkets\n\n"
            "Shares rise 2% as oil climbs to $85\n\nTwo banks cut 300 jobs in 2024 review\n\n"
            "Rents up 4% in 12 months, survey finds\n")
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_a_numbered_list_of_headlines_is_not_a_table():
    text = (f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\nMost read\n"
            "1. Council elections set for May\n2. Tram line opens in the suburbs\n3. Ring road crash appeal\n")
    assert one(text).body == LEDE + "\n\n" + SECOND


FORECAST = ["Revenue 412.50 398.10", "Operating 31.20 28.75", "Net 18.40 16.05",
            "Dividend 2.10 crowns 1.90 crowns", "Payout 0.45 crowns 0.40 crowns"]
WEATHER = ["Oslo 4 -2 snow", "Bergen 7 3 rain", "Tromso -1 -6 snow"]
PUMP_PRICES = ["Petrol 1.85 1.79", "Diesel 1.92 1.88", "Heating oil 0.95 0.91"]


@pytest.mark.parametrize("title, rows, sep", [
    ("Harbour Freight Lines half-year forecast", FORECAST, "\n\n"),   # decimals, a unit word, blank lines
    ("Regional weather outlook", WEATHER, "\n\n"),                   # figures and a word, blank lines
    ("Pump prices across the county this week", PUMP_PRICES, "\n"),    # decimals that could read as times
])
def test_a_table_only_page_under_a_headline_is_an_article(title, rows, sep):
    a = one(f"{title}\n\n" + sep.join(rows) + "\n")
    assert a.title == title
    assert a.body == "\n\n".join(rows)


@pytest.mark.parametrize("title, rows", [
    ("Northfield council by-election result",
     ["Jane Doe (Green) 1,204", "John Roe (Labour) 987", "Ann Poe (Conservative) 455", "Turnout was 31%"]),
    ("Ski resort snow depths", ["Upper slopes 140 cm", "Lower slopes 65 cm", "Valley runs 20 cm", "Lifts open 14 of 16"]),
])
def test_a_list_of_figures_under_a_headline_is_an_article(title, rows):
    # one figure a line, no blank line between: no table row weighs as story, but the
    # page holds nothing else, so the list is the article, all of it
    a = one(f"{title}\n\n" + "\n".join(rows) + "\n")
    assert a.title == title
    assert a.body == "\n\n".join(rows)


def test_a_wire_headline_closed_by_a_full_stop_heads_a_list_of_figures():
    rows = ["Upper slopes 140 cm", "Lower slopes 65 cm", "Valley runs 20 cm"]
    a = one("Ski resort snow depths .\n\n" + "\n".join(rows) + "\n")
    assert a.body == "\n\n".join(["Ski resort snow depths ."] + rows)


def test_a_row_closed_by_a_note_in_brackets_stays_in_the_table():
    rows = ["Riverton 88 Harbour Town 79", "Northfield 91 Eastgate 95 ( OT )", "Westbrook 70 Southport 66"]
    text = "BASKETBALL - NORTHERN LEAGUE RESULTS.\n\nResults of games on Friday:\n\n" + "\n\n".join(rows) + "\n"
    assert one(text).body == "\n\n".join(["Results of games on Friday:"] + rows)


@pytest.mark.parametrize("text", [
    # two lines with figures under a heading: no table
    "Contact the newsroom\n\nHome\nNews\nSport\n\nCall us on 0800 400 500\nOpening hours 9 to 5\n\n"
    "© 2024 Northern Coast Courier\n",
    # figures on every line but no headline above them
    "Home\nNews\nSport\n\nCall us on 0800 400 500\nOpening hours 9 to 5\nRoom 12, second floor\n",
])
def test_a_few_figures_in_furniture_are_no_table_page(text):
    assert articles(text) == []


def test_a_table_row_is_not_the_title():
    # a wire headline closed by " ." is no headline shape: the file has no title, and the
    # first row stays in the table
    text = "Harbour Freight Lines half-year forecast .\n\n" + "\n\n".join(FORECAST[:3]) + "\n"
    a = one(text)
    assert a.title is None
    assert a.body == text.strip()


def test_a_score_line_over_a_report_is_still_the_title():
    text = f"Riverton 2 Harbour Town 1\n\n{LEDE}\n\n{SECOND}\n"
    assert one(text).title == "Riverton 2 Harbour Town 1"


@pytest.mark.parametrize("line, stamp", [
    ("Diesel 1.92 1.88", False),            # two decimals: a row of figures
    ("Net 18.40 16.05", False),
    ("Updated 10.04 GMT", True),            # a stamp word: a time
    ("14.05.2023 10.04", True),             # a date and a time
    ("Posted at 10.04", True),
])
def test_decimal_figures_in_a_row_are_no_time_stamp(line, stamp):
    assert is_stamp(line, patterns()) is stamp


@pytest.mark.parametrize("text", [
    "Home\nNews\nSport\nWeather\nContact us\n\nSubscribe to our newsletter\n"
    "© 2024 Northern Coast Courier. All rights reserved.\nPrivacy policy | Terms of use | Cookies\n",
    "Home | News | Sport | Weather\n\nMost read\n\nFerry fares rise 5% for 2025 season\n\n"
    "Council approves 3 new bus routes\n\nTwo hurt as 40 cars collide on motorway\n\n"
    "© 2024 Northern Coast Courier\n",
    "Home | News | Sport | Weather\n\nArchives\nDecember 2024 (14)\nNovember 2024 (21)\n"
    "October 2024 (18)\n\n© 2024 Northern Coast Courier\n",
])
def test_furniture_with_a_few_figures_is_still_no_article(text):
    assert articles(text) == []
    assert why_no_article(text) == NO_STORY


@pytest.mark.parametrize("text, body", [
    ("Quake hits northern coast\n\nA magnitude 6.1 earthquake struck off the northern coast on Monday.\n",
     "A magnitude 6.1 earthquake struck off the northern coast on Monday."),
    ("Minister resigns\n\nThe health minister resigned on Friday.\n\nShe gave no reason.\n",
     "The health minister resigned on Friday.\n\nShe gave no reason."),
    ("Flash: central bank holds its main rate at 4.5 percent, statement says.\n",
     "Flash: central bank holds its main rate at 4.5 percent, statement says."),
])
def test_a_brief_is_an_article(text, body):
    assert one(text).body == body


@pytest.mark.parametrize("text", [
    "Quake hits northern coast\n",
    "Quake hits northern coast\n\nBy Jane Doe\nMay 2, 2024\n",
])
def test_a_headline_only_file_gets_its_own_reason(text):
    assert articles(text) == []
    assert why_no_article(text) == HEADLINE_ONLY


def test_a_furniture_only_file_says_so():
    text = f"{MENU}\n\nSubscribe\n\n{FOOTER}\n"
    assert articles(text) == []
    assert why_no_article(text) == NO_STORY


# ----------------------------------------------------------------- scripts written without spaces

def test_a_japanese_story_is_found():
    para = ("市の交通局は火曜日、古い橋の点検で支柱にひびが見つかったため、来月から大型トラックの通行を禁止すると発表した。"
            "技術者が年内に補修か架け替えかを判断する。")
    text = f"{MENU}\n\n古い橋、大型車の通行を禁止\n\n{para}\n\n{FOOTER}\n"
    assert one(text).body == para


# ----------------------------------------------------------------- comments and cut-short teasers

def test_a_comments_heading_ends_the_story_but_a_comments_button_does_not():
    comments = "Comments\n\nJane: I drive that way every day and this will add twenty minutes to my commute.\n"
    assert one(f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{comments}").body == \
        LEDE + "\n\n" + SECOND
    bar = "Share\nComments\nPrint\nEmail"
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{bar}\n\n{SECOND}\n\n{THIRD}\n"
    assert one(text).body == "\n\n".join([LEDE, SECOND, THIRD])


def test_teasers_cut_short_after_the_story_stay_out():
    teasers = "\n\n".join([
        "Council elections set for May as parties pick candidates for the...", "by Staff",
        "New tram line opens to passengers in the western suburbs after...", "by Staff",
        "Police appeal for witnesses after a crash on the ring road on...", "by Staff",
    ])
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{teasers}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_a_long_run_of_furniture_is_a_wall_the_story_does_not_cross():
    form = "\n".join(["E-mail:", "Screen name:", "Password:", "Please type the code", "Log in", "Register",
                      "Forgot your password?", "Hello!"])
    privacy = ("We are committed to protecting your personal information and have updated our policy to "
               "comply with the new data protection rules that came into force this year.")
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{form}\n\n{privacy}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


@pytest.mark.parametrize("box", [
    "14:48Council Elections Set For May\n14:32Tram Line Opens In Suburbs\n14:12Ring Road Crash Appeal",
    "Most read in local news\nCouncil elections set for May\nTram line opens in the suburbs",
])
def test_a_timed_list_or_a_most_read_box_after_the_story_stays_out(box):
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{box}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_a_story_cut_by_a_repeated_table_header_is_joined_again():
    header = "Pos Player Minutes Goals"
    part1 = f"{header}\n{header}\nFW Jane Doe 90 2\nMF Ann Roe 85 1\nDF Kim Poe 90 0"
    part2 = f"{header}\n{header}\nGK Lee Moe 90 0\nDF Sam Loe 70 0\nMF Ada Noe 20 0"
    middle = ("Doe scored twice before half-time and Roe added a third from the penalty spot after the "
              "referee saw a handball on the line.")
    end = ("Moe kept a clean sheet for the fourth game running, and the coach said afterwards that the "
           "defence had been the best in the league this season.")
    text = f"Rovers beat Town 3-0\n\n{LEDE}\n\n{part1}\n\n{middle}\n\n{part2}\n\n{end}\n"
    a = one(text)
    assert middle in a.body and end in a.body and "GK Lee Moe 90 0" in a.body


def test_a_tag_cloud_and_archive_counts_are_not_story():
    cloud = " ".join(["bridge", "council", "lorries", "traffic", "roads", "detour", "river", "safety", "budget",
                      "election", "tram", "housing", "schools", "parks", "library", "museum", "weather",
                      "police", "health", "culture", "sport"])
    archive = "\n".join(["November (113)", "October (217)", "September (193)", "August (183)"])
    text = f"{cloud}\n\n{archive}\n\n\n\nBridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n"
    found = articles(text)
    assert [a.body for a in found] == [LEDE + "\n\n" + SECOND]


def test_seed_files_say_why_a_file_gave_no_article(build):
    import sqlite3
    _, db = build({"headline.txt": "Quake hits northern coast\n",
                   "menu.txt": f"{MENU}\n\n{FOOTER}\n"})
    rows = dict(sqlite3.connect(db).execute("select path, reason from seed_files"))
    assert rows == {"headline.txt": HEADLINE_ONLY, "menu.txt": NO_STORY}


def test_headlines_with_a_figure_here_and_there_are_not_a_table():
    heads = "\n".join(["New graphics card announced for $799", "Laptops to get faster chips in March 2020",
                       "Console sales pass 10 million", "Tablet prices cut by 20% this week"])
    text = f"Bridge closed to lorries after cracks found\n\n{LEDE}\n\n{SECOND}\n\n{heads}\n"
    assert one(text).body == LEDE + "\n\n" + SECOND


def test_a_box_heading_is_never_the_title():
    text = "Sign up for our newsletter\n\nMost popular stories\n\nRead more\n"
    assert articles(text) == [] and why_no_article(text) == NO_STORY


@pytest.mark.parametrize("text", [
    "Please SUPPORT US with a monthly gift.",           # two phrases, capitals
    "Sign up for our newsletter.",                      # two phrases
    "The ministry's monthly report was late.",          # one phrase
    "Subscribers can read on.",                         # "subscri" needs an ending it lists: none
    "No appeal here at all.",
    "Enter your e-mail address. We value your privacy.",
])
def test_one_scan_for_any_appeal_phrase_finds_what_each_phrase_finds(text):
    """segment looks for each appeal phrase only in paragraphs where the joined pattern finds one."""
    p = patterns()
    assert bool(p.appeal_any.search(text)) == any(rx.search(text) for rx in p.appeal)


@pytest.mark.parametrize("body, agencies", [
    ("MOSCOW, May 3 (Reuters) - Talks ended.\n\nThe ministry said so, according to AFP.", ["Reuters", "AFP"]),
    ("A local man said the bridge was closed, according to the county.", []),
])
def test_agencies_the_body_credits(body, agencies):
    from dispatches.segment import find_agencies
    assert find_agencies(None, body, patterns()) == agencies


def test_a_box_inside_a_story_without_blank_lines_does_not_end_it():
    """A page with no blank lines: the "Read more:" list ends at the first sentence of the
    story after it, which goes on."""
    text = (f"Bridge closed to lorries after cracks found\n{LEDE}\n{SECOND}\nRead more:\n"
            "Council elections set for May as parties pick candidates\n"
            "New tram line opens to passengers in the western suburbs\n"
            f"{THIRD}\n{FOURTH}\n{FOOTER}\n")
    assert one(text).body == "\n\n".join([LEDE, SECOND, THIRD, FOURTH])


def test_a_box_of_headlines_and_summaries_after_a_story_without_blank_lines_ends_it():
    text = (f"Bridge closed to lorries after cracks found\n{LEDE}\n{SECOND}\nRead more:\n"
            "Council elections set for May as parties pick candidates\n"
            "Four parties have named their lists for the city council elections, with housing the main issue.\n"
            "New tram line opens to passengers in the western suburbs\n"
            "The first trams ran on time on Sunday morning, and the operator said ridership beat its forecast.\n"
            f"{FOOTER}\n")
    assert one(text).body == LEDE + "\n\n" + SECOND


@pytest.mark.parametrize("line, dropped", [
    ("Facebook Twitter WhatsApp Email", True),        # a row of share buttons
    ("Share | Tweet | Email", True),
    ("Facebook, Twitter and Google said they would appeal.", False),
])
def test_a_row_of_share_buttons_is_dropped(line, dropped):
    assert bool(patterns().drop.match(line)) is dropped

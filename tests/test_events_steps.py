"""Event rules of issue 13, second round, on sentences written for these tests
(invented people, real places). Articles are dated Tuesday 2024-05-07 unless said
otherwise (``None``: an article with no date). Each expectation was worked out by hand."""
from __future__ import annotations

import sqlite3

from test_events import estimated, reports


def found(text: str, published: str | None = "2024-05-07"):
    return [(r.type, r.date_start, sorted(r.participants)) for r in reports(text, published)]


# ---------------------------------------------------------------- declared the winner

def test_declared_the_winner_is_the_election():
    assert found("Anna Berg of the Liberal Party has been declared winner of the presidential vote.", None) == \
        [("election", None, ["Anna Berg"])]
    assert found("We declare Anna Berg as President-Elect of Norway.", None) == [("election", None, ["Anna Berg"])]
    long_name = found("We declare Anna Marie Berg-Larsen as President-Elect of our Norway.", None)
    assert [(t, d) for t, d, _ in long_name] == [("election", None)]


def test_declaring_something_else_is_no_election():
    assert [t for t, _, _ in found("The commission declared a state of emergency on Monday.")] == ["statement"]


# ---------------------------------------------------------------- steps of a career

def test_taking_over_without_an_object_is_taking_office():
    assert found("Since taking over in 2012, Chief Executive Anna Berg has pushed the firm into new drugs.") == \
        [("appointment", "2012", ["Anna Berg"])]
    assert found("The rebels took over the town in 2012.") == []


def test_stepping_down_and_taking_on_a_role_are_two_steps():
    assert found("After stepping down from politics, Anna Berg took on the role of league chairman.", None) == \
        [("appointment", None, ["Anna Berg"]), ("appointment", None, ["Anna Berg"])]


def test_a_resignation_and_a_peerage_in_one_year_are_two_events():
    text = ("Anna Berg, who stepped down from the upper house in 2005, served as an MP from 1979 to 1997.\n\n"
            "She was knighted in 1997 and became a life peer in 2005.\n\n"
            "After stepping down from politics, she took on the role of league chairman for seven years.")
    got = [(t, d) for t, d, _ in found(text, None)]
    # the 2005 resignation (and the undated "stepping down", the same verb), the MP years,
    # the knighthood, the peerage, the chairmanship
    assert sorted(got, key=str) == sorted([("appointment", "2005"), ("appointment", "1979"),
                                           ("appointment", "1997"), ("appointment", "2005"),
                                           ("appointment", None)], key=str)


def test_the_same_appointment_told_twice_is_one():
    text = "Anna Berg was appointed defence minister on Monday.\n\nThe appointment surprised analysts."
    assert found(text) == [("appointment", "2024-05-06", ["Anna Berg"])]


# ---------------------------------------------------------------- ready for, unlikely, a warrant for

def test_what_someone_is_ready_for_is_no_event():
    assert found("He said Anna Berg was ready for a meeting with David Miller.", None) == []
    assert found("Anna Berg met David Miller in Oslo.", None) == [("meeting", None, ["Anna Berg", "David Miller"])]


def test_what_is_unlikely_is_no_event():
    assert found("Miller said it was unlikely that Anna Berg and David Miller would hold talks soon.", None) == []
    assert found("Anna Berg and David Miller will hold talks in Oslo on Friday.") == \
        [("talks", "2024-05-10", ["Anna Berg", "David Miller"])]


def test_a_warrant_for_an_arrest_is_no_arrest():
    assert found("The court issued a warrant for Anna Berg's arrest on Monday.") == []
    assert found("Police arrested Anna Berg on Monday.") == [("arrest", "2024-05-06", ["Anna Berg"])]


# ---------------------------------------------------------------- one hearing, told sentence by sentence

def test_sentences_told_one_after_another_are_one_hearing():
    text = ("The court in Oslo handed down its sentences in March.\n\n"
            "Anna Berg was given a life sentence, while David Miller was jailed for 20 years. "
            "A third defendant, Sarah Cohen, was acquitted.")
    [r] = [r for r in reports(text) if r.type == "court"]
    assert set(r.participants) >= {"David Miller", "Sarah Cohen"}


def test_a_hearing_told_far_away_with_its_own_date_is_another():
    text = ("Anna Berg was jailed for ten years.\n\n" + "Rescuers searched the hills. " * 15 +
            "\n\nIn 2019, David Miller was acquitted.")
    assert len([r for r in reports(text, None) if r.type == "court"]) == 2


# ---------------------------------------------------------------- a figure's period is no date

def test_the_period_of_a_figure_does_not_date_the_report():
    lead = "Norway's oil fund is cutting 300 jobs.\n\nThe fund lost money this year. Its bonds fell. "
    assert found(lead + "It had reported a profit of $6bn for the three months to September.") == \
        [("other", "2024-05-07", [])]
    assert found(lead + "It had reported a profit of $6bn in September.") == \
        [("other", "2024-05-07", []), ("statement", "2023-09", [])]


def test_a_sentence_told_next_goes_on_with_the_latest_hearing_not_an_earlier_one():
    text = ("Three officers were sentenced in Oslo on Friday.\n\n"
            "They had vanished in 2016 after a hearing in a court in Bergen.\n\n"
            + "Their families waited outside. " * 12 + "\n\n"
            "Anna Berg was sentenced to death. David Miller was sentenced to 30 years. "
            "A fourth man, Tom Hale, was sentenced to 20 years.")
    courts = [r for r in reports(text) if r.type == "court"]
    assert len(courts) == 2                       # Friday's sentences, and the 2016 hearing
    friday = next(r for r in courts if r.date_start == "2024-05-03")
    assert {"Anna Berg", "David Miller", "Tom Hale"} <= set(friday.participants)


# ---------------------------------------------------------------- an institution's statement

def test_one_institution_announcing_in_the_lead_and_on_a_named_day_is_one_statement():
    text = ("OSLO (AP) — Norway's Fisheries Ministry says Danish and Swedish boats are staging joint patrols "
            "in the North Sea this week.\n\n"
            "The ministry's announcement Monday says other countries may join the patrols.")
    said = [r for r in reports(text) if r.type == "statement"]
    assert [(r.date_start, r.speaker) for r in said] == [("2024-05-06", "fisheries ministry")]


def test_two_institutions_or_two_weeks_apart_are_two_statements():
    text = ("Norway's Fisheries Ministry says boats are staging joint patrols in the North Sea.\n\n"
            "The Transport Agency's announcement Monday says other countries may join the patrols.")
    assert len([r for r in reports(text) if r.type == "statement"]) == 2
    text = ("Norway's Fisheries Ministry says boats are staging joint patrols in the North Sea.\n\n"
            "The ministry's announcement on April 10 said other countries may join the patrols.")
    assert len([r for r in reports(text) if r.type == "statement"]) == 2


def bureau_said(weekday: str) -> dict[str, str]:
    """A dated article where the Statistics Bureau said on Tuesday, and an undated copy
    where it said on ``weekday``."""
    return {
        "a.txt": " date 2024-05-07 \nPrices rise in Norway\n\n"
                 "OSLO - Norwegian consumer prices rose 0.4 percent in April.\n\n"
                 "The Statistics Bureau said on Tuesday its price index increased 0.4 percent last month.\n",
        "b.txt": "Norway prices climb\n\n"
                 "OSLO - Higher fuel costs lifted Norwegian consumer prices in April.\n\n"
                 "The Statistics Bureau said " + weekday + " that consumer prices increased 0.4 percent last month.\n",
    }


def test_an_institution_said_on_a_weekday_dates_the_undated_copy(build):
    _, db_path = build(bureau_said("Tuesday"))
    db = sqlite3.connect(db_path)
    assert estimated(db_path, "b.txt") == "2024-05-07"
    rows = db.execute("select date_start, article_count from events where type = 'statement'").fetchall()
    assert rows == [("2024-05-07", 2)]


def test_an_institution_on_another_weekday_is_another_statement(build):
    _, db_path = build(bureau_said("Monday"))
    assert estimated(db_path, "b.txt") is None


# ---------------------------------------------------------------- two bodies acting in one sentence

def test_two_named_bodies_raising_rates_in_one_sentence_are_two_decisions():
    text = ("OSLO - Norway's central bank has raised its key interest rate again.\n\n"
            "The decision comes a day after the Riksbank approved the biggest rate increase in a decade "
            "and on the day that the Bank of Finland raised its key interest rate to a 15-year high.")
    got = sorted((r.type, r.date_start) for r in reports(text))
    assert got == [("policy", "2024-05-06"), ("policy", "2024-05-07"), ("policy", "2024-05-07")]


def test_people_sentenced_in_one_sentence_stay_one_hearing():
    text = "Anna Berg was jailed for 18 months while her partner David Miller was jailed for two years."
    [r] = reports(text)
    assert (r.type, sorted(r.participants)) == ("court", ["Anna Berg", "David Miller"])


def test_what_is_told_on_the_day_that_is_the_day_of_its_clause():
    text = "The report comes on the day that the Bank of Finland raised its key interest rate."
    assert found(text) == [("policy", "2024-05-07", [])]
    # told in the past, "on the day that" dates nothing by itself
    assert found("Prices fell on the day that the Bank of Finland raised its key interest rate.", None) == \
        [("policy", None, [])]


# ---------------------------------------------------------------- "the ceasefire" told again

def test_the_ceasefire_that_will_take_effect_later_is_the_one_declared():
    text = ("Norway and the rebels declared a ceasefire on Friday.\n\n"
            "Preparations for the ceasefire, which will come into force on June 3, are due to begin at once.")
    assert found(text) == [("agreement", "2024-05-03", [])]


def test_the_agreement_due_to_end_this_month_is_the_renewed_one():
    text = ("OSLO - Norway has announced the renewal of its fishing agreement with Iceland.\n\n"
            "Signed on 24 October 2019 for five years, the agreement is set to end on the 24th of this month.")
    got = found(text)
    assert ("agreement", "2024-05-07", []) in got and len([g for g in got if g[1] and g[1].startswith("2024")]) == 1


def test_another_ceasefire_on_another_day_is_another_event():
    text = ("Norway and the rebels declared a ceasefire on Friday.\n\n"
            "The ceasefire of March 2019 collapsed within a week.")
    assert sorted(d for _, d, _ in found(text)) == ["2019-03", "2024-05-03"]


# ---------------------------------------------------------------- results released

def test_results_released_on_a_day_are_a_statement_of_that_day():
    text = ("Anna Berg has won Norway's presidential election, official results released here Friday "
            "by the electoral commission showed.")
    assert ("statement", "2024-05-03", []) in found(text)


def test_the_lead_told_again_is_one_report():
    lead = ("Anna Berg has won Norway's presidential election, official results released here Friday "
            "by the electoral commission showed.")
    assert len([r for r in reports(lead + "\n\n" + lead) if r.type == "statement"]) == 1


# ---------------------------------------------------------------- a conjoined verb hung too high

def test_a_verb_conjoined_inside_an_after_clause_is_in_that_clause():
    text = ("Thursday marked the first talks between the two countries since they cut ties in 2016 after "
            "Danish protestors attacked Norwegian diplomatic missions and Saudi Arabia executed a top cleric.")
    got = {(t, d) for t, d, _ in found(text, "2023-04-06")}
    assert ("other", "2016") in got and ("other", "2023-04-06") not in got


def test_a_verb_conjoined_to_the_main_clause_keeps_its_date():
    text = "Police arrested Anna Berg on Monday after a raid in Oslo and charged her with fraud."
    assert ("arrest", "2024-05-06", ["Anna Berg"]) in found(text)


# ---------------------------------------------------------------- said in the lead about a recent day

def test_saying_in_the_lead_what_happened_yesterday_is_that_days_news():
    text = ("Norway carried out a prisoner exchange with Sweden on Saturday, and 12 sailors are coming home, "
            "Deputy Prime Minister Anna Berg said in an online post.")
    assert ("statement", "2024-05-04", ["Anna Berg"]) in found(text, "2024-05-05")


def test_saying_in_the_lead_what_happened_long_ago_is_the_articles_day():
    text = ("Norway carried out a prisoner exchange with Sweden on March 2, and 12 sailors are coming home, "
            "Deputy Prime Minister Anna Berg said in an online post.")
    assert ("statement", "2024-05-05", ["Anna Berg"]) in found(text, "2024-05-05")


# ---------------------------------------------------------------- where someone spoke

def test_said_at_a_council_meeting_is_a_statement():
    text = "Anna Berg, Norway's envoy to the UN, said at a UN Security Council meeting that the plan was groundless."
    assert found(text, None) == [("statement", None, ["Anna Berg"])]


def test_said_at_a_meeting_with_someone_is_that_meeting():
    text = "Anna Berg said at a meeting with David Miller that the plan was groundless."
    assert found(text, None) == [("meeting", None, ["Anna Berg", "David Miller"])]


def test_telling_the_other_side_at_talks_is_no_statement_about_a_venue():
    text = "Norwegian negotiators told their Swedish counterparts at talks in Oslo on Monday that the plan was final."
    assert ("talks", "2024-05-06", []) in found(text)


# ---------------------------------------------------------------- no speaker, no report

def test_accused_by_nobody_is_no_statement():
    text = "Lawyers protested because Norwegian police have in the past been accused of brutality."
    assert "statement" not in [t for t, _, _ in found(text, None)]
    assert found("Anna Berg was accused by prosecutors on Monday of taking bribes.") == \
        [("statement", "2024-05-06", ["Anna Berg"])]


def test_a_crosshead_between_paragraphs_is_no_report():
    text = ("The earthquake struck on Sunday.\n\n'Battlefield after bombardment'\n\n"
            "By late Sunday night, more than 2,500 troops had arrived in the area.")
    assert found(text, "2024-05-06") == [("disaster", "2024-05-05", [])]
    text = "The earthquake struck on Sunday.\n\nThe bombardment of Kharkiv resumed on Sunday night."
    assert ("attack", "2024-05-05", []) in found(text, "2024-05-06")


def test_what_is_only_proposed_is_no_event():
    text = "Politicians have stressed that the proposal to ban smoking was not their initiative."
    assert found(text, None) == []
    assert found("Parliament banned smoking in bars on Monday.") == [("policy", "2024-05-06", [])]


# ---------------------------------------------------------------- unreadable date words

def test_an_event_told_again_on_an_unreadable_day_is_left_out_with_it():
    from dispatches.events.merge import unresolved
    text = ("Oil producers agreed a decision to cut output.\n\n"
            "The producers' cartel on Wednesday decided to reduce production by 2 million barrels a day.")
    [r] = [r for r in reports(text, None) if r.type == "policy"]
    assert r.date_text is None and unresolved(r)           # "Wednesday" of an article with no date
    [r] = [r for r in reports(text) if r.type == "policy"]
    assert r.date_start == "2024-05-01" and not unresolved(r)


def test_a_counted_report_is_a_tally():
    assert found("In 2018, the health agency reported 17 outbreaks and a total of 349 cases.") == []
    assert found("In 2018, the health agency reported that vaccination rates had fallen.") == [("statement", "2018", [])]


# ---------------------------------------------------------------- dates carried over

def test_a_date_inside_since_is_not_carried_to_the_next_sentence():
    text = ("The foreign ministers of Norway and Iceland met in Oslo on Thursday for the first time since "
            "restoring ties last month.\n\n"
            "Foreign Minister Anna Berg and Foreign Minister David Miller agreed that embassies will reopen.")
    got = [(t, d) for t, d, _ in found(text, "2024-05-09")]
    assert ("agreement", "2024-05-09") in got and ("agreement", "2024-04") not in got


def test_a_date_before_after_dates_the_clause_around():
    text = "Rebels launched an offensive toward Bergen last month after they were driven out of Oslo in March."
    assert ("military_operation", "2024-04", []) in found(text)
    text = "Rebels launched an offensive toward Bergen after they were driven out of Oslo last month."
    assert ("military_operation", "2024-04", []) not in found(text)


# ---------------------------------------------------------------- "the talks" after "X met Y"

def test_the_talks_after_a_meeting_are_that_meeting():
    text = "Anna Berg met David Miller in Oslo on Sunday.\n\nThe talks focused on trade and fishing rights."
    [r] = [r for r in reports(text) if r.type in ("meeting", "talks")]
    assert r.type == "meeting" and [m.type for m in r.merged] == ["talks"]


def test_the_talks_after_a_visit_are_not_folded_into_it():
    text = "Anna Berg arrived in Oslo on Sunday.\n\nThe talks focused on trade and fishing rights."
    [r] = reports(text)
    assert r.type == "visit" and r.merged == []

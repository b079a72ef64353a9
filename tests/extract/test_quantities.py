"""The quantity model: every number form, bounds, units, what is counted, scopes."""

from __future__ import annotations

import math

import pytest

from consist.extract.quantities import extract_quantities
from consist.extract.quantity_lexicon import packs_loaded
from consist.types import DateMention, Quantity


def only(text: str, **kw: object) -> Quantity:
    """The single non-derived quantity of ``text``."""
    found = [q for q in extract_quantities(text, **kw) if not q.derived]  # type: ignore[arg-type]
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def values(text: str) -> list[float]:
    return [q.value for q in extract_quantities(text) if not q.derived]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They found 2,700 shells.", 2700),
        ("They found 3.5 tonnes of grain.", 3500),
        ("The fund holds 1.2 million dollars.", 1.2e6),
        ("It has 12k followers.", 12000),
        ("It sold 5bn shares.", 5e9),
        ("Two men arrived.", 2),
        ("Three hundred men arrived.", 300),
        ("Twenty-one men arrived.", 21),
        ("A dozen men arrived.", 12),
        ("Two thousand five hundred men arrived.", 2500),
        ("Three hundred and twenty men arrived.", 320),
        ("A hundred men arrived.", 100),
        ("A crowd of 1,234,567 people gathered.", 1234567),
    ],
)
def test_number_forms(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Thousands of troops were sent.", 2000, 9999),
        ("Dozens of people were hurt.", 24, 99),
        ("Hundreds of homes were damaged.", 200, 999),
        ("Several soldiers defected.", 3, 9),
        ("Tens of thousands of people fled.", 20000, 99999),
    ],
)
def test_vague_amounts(text: str, low: float, high: float) -> None:
    q = only(text)
    assert (q.low, q.high, q.approx) == (low, high, "vague")


@pytest.mark.parametrize(
    "text", ["between 250 and 300 people", "250-300 people", "250 to 300 people", "250–300 people"]
)
def test_ranges(text: str) -> None:
    q = only(text)
    assert (q.low, q.high, q.value, q.approx) == (250, 300, 275, "range")
    assert q.entity == "person"


def test_approximation_widens_by_rounding() -> None:
    assert (only("about 300 people").low, only("about 300 people").high) == (250, 350)
    assert (only("roughly 4,000 people").low, only("roughly 4,000 people").high) == (3500, 4500)
    q = only("approximately 2,700 people")
    assert q.low == pytest.approx(2430) and q.high == pytest.approx(2970)
    assert only("some 40 people").approx == "about"
    assert only("40 or so people").approx == "about"


def test_exact_digits_stay_a_point() -> None:
    q = only("2,700 people")
    assert q.low == q.high == q.value == 2700 and q.approx is None


@pytest.mark.parametrize(
    ("text", "low_open", "low", "high"),
    [
        ("more than 8 people", True, 8, math.inf),
        ("over 3,000 people", True, 3000, math.inf),
        ("upwards of 50 people", True, 50, math.inf),
        ("at least 8 people", False, 8, math.inf),
        ("8 or more people", False, 8, math.inf),
    ],
)
def test_lower_bounds(text: str, low_open: bool, low: float, high: float) -> None:
    q = only(text)
    assert q.high == high
    assert (q.low > low) if low_open else (q.low == low)
    assert q.low == pytest.approx(low)


@pytest.mark.parametrize(
    ("text", "high_open", "high"),
    [
        ("fewer than 10 people", True, 10),
        ("less than 10 people", True, 10),
        ("under 10 people", True, 10),
        ("up to 10 people", False, 10),
        ("at most 10 people", False, 10),
        ("nearly 10 people", False, 10),
        ("almost 300 people", False, 300),
    ],
)
def test_upper_bounds(text: str, high_open: bool, high: float) -> None:
    q = only(text)
    assert (q.high < high) if high_open else (q.high == high)
    assert q.low < q.high or q.low == 0


def test_percentages() -> None:
    assert only("40% of voters").unit == "%"
    q = only("40 percent of voters")
    assert (q.unit, q.value, q.measure) == ("%", 40, "percent")
    assert only("over 40% of the land").low > 40


def test_money() -> None:
    for text in ("$5 million", "5 million dollars", "US$5 million"):
        q = only(f"The city paid {text} for it.")
        assert (q.unit, q.value) == ("usd", 5e6), text
    assert only("It cost €30.").unit == "eur"


def test_area_units_convert_to_km2() -> None:
    km = only("984 square kilometers of land")
    mi = only("380 square miles of land")
    assert km.unit == mi.unit == "km2"
    assert mi.value == pytest.approx(984.2, abs=0.1)
    assert only("50 sq km of forest").unit == "km2"
    assert only("50 sq mi of forest").value == pytest.approx(129.5, abs=0.1)
    assert only("50 km² of forest").unit == "km2"


def test_distance_and_weight_units() -> None:
    assert only("a 10 miles walk").value == pytest.approx(16.09, abs=0.01)
    assert only("a 10 km walk").unit == "km"
    assert only("5 kg of rice").unit == "kg"
    assert only("10 lb of rice").value == pytest.approx(4.54, abs=0.01)


def test_casualty_measures_and_sum() -> None:
    qs = extract_quantities(
        "The NIS estimates that approximately 300 North Korean soldiers have been killed "
        "and another 2,700 injured in the conflict with Ukraine."
    )
    killed, injured, total = qs
    assert (killed.measure, killed.entity, killed.owner) == ("killed", "soldier", "north korean")
    assert (injured.measure, injured.entity, injured.owner) == (
        "injured",
        "soldier",
        "north korean",
    )
    assert total.derived and total.measure == "killed_or_injured"
    assert total.components == (("killed", 300.0), ("injured", 2700.0))
    assert total.low < 3000 < total.high


@pytest.mark.parametrize(
    "text",
    [
        "approximately 4,000 of them have been killed or seriously injured",
        "over 3,000 soldiers had either perished or sustained injuries",
        "4,000 casualties were reported",
        "4,000 soldiers were killed or wounded",
    ],
)
def test_combined_category(text: str) -> None:
    assert only(text).measure == "killed_or_injured"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("approximately 4,000 fatalities", "killed"),
        ("40 people dead", "killed"),
        ("5 people died", "killed"),
        ("12 people perished", "killed"),
        ("around 6,000 North Korean soldiers remain in Ukraine", "remaining"),
        ("Pyongyang has sent more than 12,000 troops", "deployed"),
        ("Ukrainian forces captured two North Korean soldiers", "captured"),
        ("around 34,000 North Koreans have defected", "defected"),
        ("The fire destroyed 40 homes", "destroyed"),
        ("12 homes were destroyed", "destroyed"),
    ],
)
def test_measures(text: str, measure: str) -> None:
    assert only(text).measure == measure


def test_expected_is_not_sent() -> None:
    qs = extract_quantities(
        "He estimated that around 6,000 North Korean soldiers remain in Ukraine, "
        "with an additional 150,000 expected to be sent."
    )
    assert [q.measure for q in qs] == ["remaining", "expected"]
    assert qs[1].entity == "soldier"


def test_entities_and_owners() -> None:
    q = only("300 North Korean soldiers were killed")
    assert (q.entity, q.owner) == ("soldier", "north korean")
    assert only("1,500 Russian troops were killed").owner == "russian"
    assert only("34,000 North Koreans have defected").owner == "north korean"
    assert only("thousands of troops were sent").entity == "troop"
    q = only("Regarding the North Korean forces in Kursk, 4,000 of them were killed.")
    assert (q.entity, q.owner) == ("force", "north korean")
    with packs_loaded(["conflict"]):  # the optional pack makes troops and forces one group
        assert only("thousands of troops were sent").entity == "soldier"
        q = only("Regarding the North Korean forces in Kursk, 4,000 of them were killed.")
        assert (q.entity, q.owner) == ("soldier", "north korean")
    assert only("thousands of troops were sent").entity == "troop"  # and it is unloaded


@pytest.mark.parametrize(
    ("text", "holder"),
    [("Ri, 26, said", "Ri"), ("Baek (21, left), a rifleman", "Baek"), ("Lee (26) said", "Lee")],
)
def test_ages_have_holders(text: str, holder: str) -> None:
    q = only(text)
    assert (q.measure, q.holder) == ("age", holder)


def test_year_old_is_an_age() -> None:
    q = only("Kim, a 26-year-old soldier, said")
    assert q.measure == "age" and q.value == 26
    assert only("James Clark, 68 years old, said").measure == "age"


def test_service_years_respectively() -> None:
    qs = extract_quantities("They served in the army for 10 and 4 years respectively.")
    assert [(q.value, q.measure) for q in qs] == [(10, "service_years"), (4, "service_years")]


@pytest.mark.parametrize(
    "text",
    [
        "The Korean War (1950-1953) ended.",
        "In 2024 the war went on.",
        "the 68th Jaeger Brigade",
        "the first large-scale deployment",
        "KN-23 missiles were fired",
        "F-16 jets flew",
        "member 100 of the club",
        "No. 7 was on the pitch",
        "0 Comments",
        "The meeting is at 10:30 a.m.",
        "It ends at 5 pm.",
        "Call 555-123-4567 now.",
        "He was here ten minutes ago.",
        "one of the soldiers",
        "the ratio is 1 : 4",
    ],
)
def test_non_counts_are_dropped(text: str) -> None:
    assert extract_quantities(text) == ()


def test_numbers_inside_dates_are_not_counts() -> None:
    text = "He said 4,000 were killed over the past two months, by Jan. 11."
    start = text.index("the past two months")
    d1 = DateMention(
        "the past two months", start, start + 19, "2024-12-23", "2025-02-23", "range", True
    )
    s2 = text.index("Jan. 11")
    d2 = DateMention("Jan. 11", s2, s2 + 7, "2025-01-11", "2025-01-11", "day")
    assert 11 not in values(text)
    assert [q.value for q in extract_quantities(text, dates=(d1, d2))] == [4000]
    assert all(q.unit is None for q in extract_quantities(text, dates=(d1, d2)))


def _mention(text: str, phrase: str, first: str, last: str) -> DateMention:
    start = text.index(phrase)
    return DateMention(phrase, start, start + len(phrase), first, last, "month")


def test_scope_at() -> None:
    text = "As of January 2025, over 3,000 soldiers had perished or sustained injuries."
    q = only(text, dates=(_mention(text, "January 2025", "2025-01-01", "2025-01-31"),))
    assert q.scope is not None
    assert (q.scope.kind, q.scope.start, q.scope.end) == ("at", "2025-01-01", "2025-01-31")
    text = "By early February, 4,000 fatalities were reported."
    q = only(text, dates=(_mention(text, "early February", "2025-02-01", "2025-02-10"),))
    assert q.scope is not None and q.scope.kind == "at"


def test_scope_during() -> None:
    text = "4,000 of them were killed or injured over the past two months."
    d = _mention(text, "the past two months", "2024-12-23", "2025-02-23")
    q = only(text, dates=(d,))
    assert q.scope is not None and q.scope.kind == "during"
    assert q.scope.text == "the past two months"
    text = "Since mid-January, 500 soldiers were killed."
    d = _mention(text, "mid-January", "2025-01-10", "2025-01-20")
    q = only(text, dates=(d,), published="2025-02-23")
    assert q.scope is not None and (q.scope.kind, q.scope.end) == ("during", "2025-02-23")


def test_date_without_cue_gives_no_scope() -> None:
    text = "On Monday, January 13, 300 soldiers were killed."
    d = _mention(text, "Monday, January 13", "2025-01-13", "2025-01-13")
    assert only(text, dates=(d,)).scope is None


def test_denied_numbers_are_marked() -> None:
    assert only("The army did not send 5,000 troops.").approx == "negated"


def test_spans_slice_back_to_text() -> None:
    text = "The NIS said approximately 300 soldiers were killed and another 2,700 injured."
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.low <= q.value <= q.high


def test_holders_are_whole_names() -> None:
    assert only("Carolyn Jean Holmes, 48, died.").holder == "Carolyn Jean Holmes"
    assert only("Roseline, who is 50 years old, laughed.").holder == "Roseline"
    assert only("A 6-year-old girl was hurt.").holder is None


@pytest.mark.parametrize(
    "text",
    [
        "Police told KHOU 11 News.",
        "It happened in the 5000 block of Main Street.",
        "He has been arrested 10 times.",
        "Image 2 of 10",
        "Photo: 21",
        "She is a mother of two.",
    ],
)
def test_more_non_counts(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.unit is None] == []


def test_others_outside_the_claim_are_partial() -> None:
    assert only("Two other people were wounded nearby.").approx == "partial"
    assert only("He killed two more people.").approx == "partial"
    assert only("There are 14 more shops in the US than in Canada.").approx is None
    qs = extract_quantities("He killed one person and wounded eight others.")
    assert [q.approx for q in qs if not q.derived] == [None, None]


def test_partitive_reads_the_predicate() -> None:
    assert only("Two of the injured victims were security guards.").measure != "injured"
    assert only("About 4,000 of them were killed.").measure == "killed"


def test_no_phrase_runs_across_paragraphs() -> None:
    qs = extract_quantities("Photo: 21 Pro Video\n\nImage 2 of 16 A man died.")
    assert [q.measure for q in qs] == []
    qs = extract_quantities("Five people died\n\n3 soldiers")
    assert [q.measure for q in qs] == ["killed", None]


def test_relative_clause_with_its_own_subject() -> None:
    qs = extract_quantities("Two shootings in which one person was killed.")
    assert [(q.value, q.measure) for q in qs] == [(2, None), (1, "killed")]


def test_a_date_in_another_clause_does_not_scope() -> None:
    text = "North Korea sent thousands of troops, its first engagement since the 1950s."
    d = _mention(text, "the 1950s", "1950-01-01", "1959-12-31")
    assert only(text, dates=(d,)).scope is None


def test_the_old_value_of_a_change_is_marked() -> None:
    qs = extract_quantities("The death toll rose from 300 to 400 people.")
    assert [(q.value, q.approx) for q in qs] == [(300, "previous"), (400, None)]
    assert only("From 10 to 20 people attended.").approx == "range"


# --------------------------------------------------------------------- issue 12: any topic


def test_direction_of_a_change_and_a_level() -> None:
    assert only("Ticket prices rose 8% this season.").direction == "up"
    assert only("Ticket prices fell 2% this season.").direction == "down"
    fee = only("The council raised the parking fee by $5.")
    assert (fee.direction, fee.phrase) == ("up", "parking fee")
    assert only("Sales rose to 14 million units.").direction is None  # a level
    assert only("The company cut 300 jobs.").direction is None  # a count of jobs cut


def test_measure_phrases_are_read_from_the_sentence() -> None:
    assert only("The hospital laid off 120 nurses last week.").phrase == "laid off nurses"
    assert only("1,200 jobs were eliminated.").phrase == "jobs eliminated"
    assert only("Ticket prices rose 8% this season.").phrase == "ticket prices"


def test_money_scales_currencies_and_rates() -> None:
    assert (only("It cost £12m.").value, only("It cost £12m.").unit) == (12e6, "gbp")
    assert only("A $1.2bn budget.").value == 1.2e9
    assert only("It cost C$ 3 million.").unit == "cad"
    week, year = only("She earns $900 a week."), only("She earns $46,800 a year.")
    assert week.unit == year.unit == "usd/year"
    assert abs(week.value - year.value) / year.value < 0.01


def test_areas_in_feet_and_metres_convert() -> None:
    feet, metres = only("It has 5,000 square feet."), only("It has 465 square metres.")
    assert feet.unit == metres.unit == "km2"
    assert abs(feet.value - metres.value) / metres.value < 0.01


def test_totals_and_listed_parts() -> None:
    assert only("The budget was a total of $650 million.").total
    qs = extract_quantities("The city spent $520 million for wages and $250 million for equipment.")
    (listed,) = [q for q in qs if q.derived]
    assert listed.value == 770e6
    assert [name for name, _ in listed.components] == ["wages", "equipment"]
    assert not [q for q in extract_quantities("He paid $5 in 2019 and 3 people came.") if q.derived]


@pytest.mark.parametrize(
    "text",
    [
        "Officers say five of the victims received minor injuries.",
        "Among the three killed was a teacher.",
        "Two people died at the scene.",
        "The three most seriously injured were flown to a trauma center.",
        "Two victims killed in the crash have been identified.",
        "Including two children, the bus carried many people.",
    ],
)
def test_parts_of_a_larger_group(text: str) -> None:
    assert extract_quantities(text)[0].approx == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed in the crash.",
        "Approximately 4,000 of them have been killed or seriously injured.",
        "Two people were killed and another three injured.",
    ],
)
def test_wholes_are_not_parts(text: str) -> None:
    assert extract_quantities(text)[0].approx != "partial"


def test_actor_left_out_of_a_count() -> None:
    q = extract_quantities("Police say he killed one person and then killed himself.")[0]
    assert q.approx == "partial"


def test_figures_recalled_from_other_events() -> None:
    assert only("Last year's crash killed seven people.").approx == "other_event"
    assert only("The vigil came a month after Lanza killed 20 children.").approx == "other_event"
    assert only("Seven people were killed in a series of crashes.").approx == "other_event"


def test_ages_with_who_is_and_days_are_not_names() -> None:
    q = only("Ames, who is 49, led the trial.")
    assert (q.measure, q.holder) == ("age", "Ames")
    q = only("On Friday, a 33-year-old man was shot.")
    assert q.measure == "age" and q.holder is None

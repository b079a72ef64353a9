"""Date resolution and event dating: one test per supported form, most from the seeds."""

from __future__ import annotations

import pytest

from consist.extract.dates import (
    describe,
    event_phrase,
    extract_dates,
    extract_events,
    parse_published,
    resolution_is_stable,
)
from consist.types import DateMention


def one(text: str, published: str | None = "2025-02-23", approx: bool = False) -> DateMention:
    found = extract_dates(text, published, approx=approx)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


def interval(
    text: str, published: str | None = "2025-02-23", approx: bool = False
) -> tuple[str, str]:
    m = one(text, published, approx)
    return m.first, m.last


# ------------------------------------------------------------------ absolute dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on January 12, 2014.", "2014-01-12"),
        ("It happened on 12 January 2014.", "2014-01-12"),
        ("It happened on 2025-01-13.", "2025-01-13"),
        ("It happened on Jan. 9, 2025, officials said.", "2025-01-09"),
        ("It happened on Sept. 3rd, 2019.", "2019-09-03"),
    ],
)
def test_absolute_days_need_no_document_date(text: str, expected: str) -> None:
    m = one(text, None)
    assert (m.first, m.last, m.precision, m.relative) == (expected, expected, "day", False)


def test_month_and_year() -> None:
    m = one("As of January 2025, Ukraine has reported over 3,000 casualties.", None)
    assert (m.text, m.first, m.last, m.precision, m.relative) == (
        "January 2025",
        "2025-01-01",
        "2025-01-31",
        "month",
        False,
    )


def test_year_with_a_preposition() -> None:
    m = one("The diplomat defected in 2019.", None)
    assert (m.text, m.first, m.last, m.precision) == ("2019", "2019-01-01", "2019-12-31", "year")


@pytest.mark.parametrize(
    "text",
    [
        "This marked the first occupation of Russian territory since World War II.",
        "About 2,024 soldiers and 300 officers were there.",
        "There were 2025 people.",
        "Kim Jong Un agreed.",
        "May I ask?",
        "They will march on.",
    ],
)
def test_not_dates(text: str) -> None:
    assert extract_dates(text, "2025-02-23") == ()


def test_decade() -> None:
    m = one("North Korea's first such war since the 1950s.", "2025-02")
    assert (m.text, m.first, m.last) == ("since the 1950s", "1950-01-01", "2025-02-28")
    m = one("North Korea's first such war in the 1950s.")
    assert (m.text, m.precision) == ("1950s", "decade")


def test_year_range_is_a_range_not_a_subtraction() -> None:
    m = one("since the Korean War (1950-1953).", None)
    assert (m.text, m.first, m.last, m.precision) == (
        "1950-1953",
        "1950-01-01",
        "1953-12-31",
        "range",
    )
    assert interval("the war of 1950-53", None) == ("1950-01-01", "1953-12-31")


def test_month_only_iso_is_not_a_year_range() -> None:
    assert all(m.precision != "range" for m in extract_dates("report 2025-01", None))


# ------------------------------------------------------------------ month and day, no year


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("seen in a photo posted on X, Jan. 11.", "2025-02-23", "2025-01-11"),
        ("told The Chosun Daily in a Feb. 19 interview", "2025-02-23", "2025-02-19"),
        ("However, reports on Mar. 5 suggest otherwise.", "2025-03-06", "2025-03-05"),
        ("The talks began on Dec. 30.", "2025-01-05", "2024-12-30"),  # the closest year
        ("The talks will begin on Jan. 3.", "2024-12-20", "2025-01-03"),
    ],
)
def test_month_day_takes_the_year_closest_to_the_document(
    text: str, published: str, expected: str
) -> None:
    m = one(text, published)
    assert (m.first, m.last, m.precision, m.relative) == (expected, expected, "day", True)


def test_month_day_without_document_date_is_skipped() -> None:
    assert extract_dates("in a Feb. 19 interview", None) == ()


def test_invalid_day_is_not_a_date() -> None:
    assert extract_dates("on Feb. 30 they met", "2025-03-01") == ()


# ------------------------------------------------------------------ months


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("captured alongside another soldier in January, is among", "2025-02-23", "2025-01"),
        ("captured in January", "2025-01-13", "2025-01"),  # the document's own month
        ("a lightning incursion in the Kursk region in August.", "2025-01-13", "2024-08"),
        ("a lightning incursion in the Kursk region in August.", "2025-02", "2024-08"),
        ("The vote will be held in March.", "2025-01-10", "2025-03"),  # future tense
        ("The vote was held in March.", "2025-01-10", "2024-03"),
    ],
)
def test_month_alone_is_the_most_recent_one(text: str, published: str, expected: str) -> None:
    m = one(text, published)
    assert (m.first[:7], m.precision, m.relative) == (expected, "month", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in early February", ("2025-02-01", "2025-02-10")),
        ("in mid-February", ("2025-02-11", "2025-02-20")),
        ("in late February", ("2025-02-21", "2025-02-28")),
        ("By early February, forces endured 4,000 fatalities.", ("2025-02-01", "2025-02-10")),
        ("at the end of January", ("2025-01-21", "2025-01-31")),
        ("in early January 2024", ("2024-01-01", "2024-01-10")),
    ],
)
def test_thirds_of_a_month(text: str, expected: tuple[str, str]) -> None:
    assert interval(text, "2025-03-06") == expected


def test_mid_march_in_a_forward_looking_sentence() -> None:
    m = one("A ruling is expected as early as mid-March.", "2025-02-23", approx=True)
    assert (m.text, m.first, m.last) == ("mid-March", "2025-03-11", "2025-03-20")


def test_month_range_last_year() -> None:
    m = one("were sent to Russia's Kursk region between October and November last year.")
    assert (m.text, m.first, m.last, m.precision) == (
        "between October and November last year",
        "2024-10-01",
        "2024-11-30",
        "range",
    )


def test_month_range_across_new_year() -> None:
    assert interval("from November to February", "2025-03-01") == ("2024-11-01", "2025-02-28")


def test_month_with_last_year() -> None:
    assert interval("in March last year", "2025-02-01") == ("2024-03-01", "2024-03-31")


# ------------------------------------------------------------------ relative years and months


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Last year, North Korea dispatched troops.", ("2024-01-01", "2024-12-31"), "year"),
        ("Since their capture last year, the U.S. has", ("2024-01-01", "2024-12-31"), "year"),
        (
            "facing a trial over his martial law late last year",
            ("2024-09-01", "2024-12-31"),
            "season",
        ),
        ("this year", ("2025-01-01", "2025-12-31"), "year"),
        ("earlier this year", ("2025-01-01", "2025-03-06"), "range"),
        ("two years ago", ("2023-01-01", "2023-12-31"), "year"),
        ("Last month, the ambassador expressed gratitude.", ("2025-02-01", "2025-02-28"), "month"),
        ("next month", ("2025-04-01", "2025-04-30"), "month"),
        ("two months ago", ("2025-01-01", "2025-01-31"), "month"),
        ("early last month", ("2025-02-01", "2025-02-10"), "week"),
    ],
)
def test_relative_years_and_months(text: str, expected: tuple[str, str], precision: str) -> None:
    m = one(text, "2025-03-06")
    assert ((m.first, m.last), m.precision, m.relative) == (expected, precision, True)


def test_last_month_against_an_approximate_date_is_still_the_month() -> None:
    assert interval("last month", "2025-03-06", approx=True) == ("2025-02-01", "2025-02-28")
    assert interval("last month", "2025-03", approx=True) == ("2025-02-01", "2025-02-28")


def test_over_the_past_two_months() -> None:
    m = one("4,000 killed or seriously injured over the past two months.")
    assert (m.text, m.first, m.last, m.precision) == (
        "over the past two months",
        "2024-12-23",
        "2025-02-23",
        "range",
    )


def test_in_the_coming_months_is_a_future_interval() -> None:
    m = one("If a new administration takes power in the coming months and disagrees")
    assert (m.first, m.last, m.precision) == ("2025-02-23", "2025-08-23", "range")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("losses since mid-January but", "2025-02-23", ("2025-01-11", "2025-02-23")),
        ("Since the late 1990s, around 34,000", "2025-01-13", ("1997-01-01", "2025-01-13")),
        ("since 2022", "2025-02", ("2022-01-01", "2025-02-28")),
    ],
)
def test_since_runs_to_the_document_date(
    text: str, published: str, expected: tuple[str, str]
) -> None:
    m = one(text, published)
    assert ((m.first, m.last), m.precision) == (expected, "range")
    assert m.text.lower().startswith("since")


def test_since_without_document_date_is_skipped() -> None:
    assert extract_dates("since mid-January", None) == ()
    assert extract_dates("since the 1950s", None) == ()


# ------------------------------------------------------------------ weekdays and deixis


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("the NIS reported Monday that", "2025-01-13", "2025-01-13"),  # the day itself
        ("an official said Friday.", "2025-01-13", "2025-01-10"),
        ("Zelenskyy confirmed the capture on Saturday, following", "2025-01-13", "2025-01-11"),
        ("during a briefing in Seoul, Thursday (local time).", "2025-01-13", "2025-01-09"),
        ("The talks will resume on Monday.", "2025-01-15", "2025-01-20"),
        ("next Friday", "2025-01-13", "2025-01-17"),
        ("last Monday", "2025-01-13", "2025-01-06"),
        ("yesterday", "2025-01-13", "2025-01-12"),
        ("today", "2025-01-13", "2025-01-13"),
    ],
)
def test_weekdays_against_an_exact_date(text: str, published: str, expected: str) -> None:
    m = one(text, published)
    assert (m.first, m.last, m.precision, m.relative) == (expected, expected, "day", True)


def test_weekday_against_an_approximate_day_is_a_two_week_window() -> None:
    m = one("published on Wednesday.", "2025-02-23", approx=True)
    assert (m.text, m.first, m.last) == ("Wednesday", "2025-02-16", "2025-03-02")


def test_weekday_against_a_month_is_the_month_and_a_week() -> None:
    assert interval("said Friday", "2025-02", approx=True) == ("2025-01-25", "2025-03-07")
    assert interval("said Friday", "2025-02") == ("2025-01-25", "2025-03-07")


def test_yesterday_against_an_approximate_date_is_widened() -> None:
    assert interval("yesterday", "2025-02-23", approx=True) == ("2025-02-15", "2025-03-01")


def test_weekday_with_explicit_date_gives_both() -> None:
    found = extract_dates("on Monday, Jan. 14, 2025, they met", "2025-01-20")
    assert [m.text for m in found] == ["Monday", "Jan. 14, 2025"]


def test_relative_expressions_need_a_document_date() -> None:
    text = "Last year and on Friday, yesterday, in January, on Jan. 9, 2025."
    assert [m.text for m in extract_dates(text, None)] == ["Jan. 9, 2025"]
    assert [m.text for m in extract_dates(text, "not a date")] == ["Jan. 9, 2025"]


def test_seasons() -> None:
    assert interval("last summer", "2025-02-01") == ("2024-06-01", "2024-08-31")
    assert interval("in the winter of 2022", None) == ("2022-12-01", "2023-02-28")


def test_mentions_are_ordered_and_spans_match() -> None:
    text = "Sent between October and November last year, captured in early January, seen Jan. 11."
    found = extract_dates(text, "2025-02-23")
    assert [m.text for m in found] == [
        "between October and November last year",
        "early January",
        "Jan. 11",
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_parse_published() -> None:
    ref = parse_published("2025-02", approx=False)
    assert ref is not None and ref.month_only and ref.now.isoformat() == "2025-02-28"
    assert parse_published("2025-13-01") is None and parse_published("") is None


# ------------------------------------------------------------------ stability and labels


@pytest.mark.parametrize(
    ("text", "published", "stable"),
    [
        ("Since their capture last year, the U.S.", "2025-03-06", True),
        ("captured in early January", "2025-02-23", True),
        ("published on Wednesday", "2025-02-23", False),
        ("last month", "2025-03-03", False),
        ("Jan. 9, 2025", "2025-03-03", True),
    ],
)
def test_resolution_is_stable(text: str, published: str, stable: bool) -> None:
    m = extract_dates(text, published, approx=True)[0]
    assert resolution_is_stable(text, m, published) is stable


def test_describe() -> None:
    def label(text: str) -> str:
        return describe(one(text, "2025-03-06"))

    assert label("last year") == "2024"
    assert label("in January") == "January 2025"
    assert label("in early January") == "early January 2025 (2025-01-01 to 2025-01-10)"
    assert label("Mar. 5") == "2025-03-05"
    assert label("in 1950-1953") == "1950 to 1953"
    assert label("over the past two months") == "2025-01-06 to 2025-03-06"


# ------------------------------------------------------------------ events


def events(text: str, published: str = "2025-02-23", approx: bool = True) -> list[tuple[str, str]]:
    found = extract_events(text, extract_dates(text, published, approx=approx))
    return [(key, m.text) for key, m in found]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Ukrainian forces captured two North Korean soldiers deployed by Russia "
            "in early January.",
            "2025-02-23",
            [("capture", "early January")],
        ),
        (
            "Ri, who was captured by Ukrainian forces alongside another soldier in January, is "
            "among thousands of North Korean soldiers deployed to the battlefield.",
            "2025-02-23",
            [("capture", "January")],
        ),
        (
            "Since their capture last year, the U.S. has considered bringing them "
            "to American soil.",
            "2025-03-06",
            [("capture", "last year")],
        ),
        (
            "The two soldiers, who had served in the North Korean army for 10 and 4 years "
            "respectively, were sent to Russia's Kursk region between October and "
            "November last year.",
            "2025-02-23",
            [("deploy", "between October and November last year")],
        ),
        (
            "Last year, North Korea dispatched military personnel to Russia for "
            "participation in the war.",
            "2025-02",
            [("deploy", "Last year")],
        ),
        (
            "Earlier, one of the captured soldiers, Lee (26), told The Chosun Daily in a Feb. 19 "
            "interview that he had decided 80% to apply for asylum.",
            "2025-02-23",
            [("interview", "Feb. 19")],
        ),
        (
            "Baek (21), said on a interview on Feb. 20 that he was also considering S. Korea.",
            "2025-02-23",
            [("interview", "Feb. 20")],
        ),
        (
            "Ri expressed his intent to defect in a recent interview with a South Korean media "
            "outlet published on Wednesday.",
            "2025-02-23",
            [("publish", "Wednesday")],
        ),
        ("He was taken prisoner in March 2024.", "2025-01-10", [("capture", "March 2024")]),
        ("The diplomat defected in 2016, the ministry said.", "2024-05-02", [("defect", "2016")]),
        ("last year's deployment", "2025-02-23", [("deploy", "last year")]),
    ],
)
def test_dated_events(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert events(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The date belongs to the confirmation, not to the capture.
        "Zelenskyy confirmed the capture of the North Korean soldiers on Saturday, following "
        "Ukraine's efforts to retain territory seized during an incursion in August.",
        # The date belongs to the report; the capture is in another clause.
        "South Korea's NIS reported Monday that two North Korean soldiers captured by Ukrainian "
        "forces near Kursk have not sought asylum.",
        # Plans, negations and intentions are not dated events.
        "An additional 150,000 are expected to be sent next month.",
        "The soldiers were not captured in December.",
        "He plans to defect next year.",
        # "sent" without troops is not a deployment.
        "The ministry sent a letter on Monday.",
        # Ambiguous: a reporting verb and an event verb share the clause.
        "Officials said forces captured the men on Friday.",
        # No event at all.
        "Since the late 1990s, around 34,000 North Koreans have sought refuge.",
    ],
)
def test_undated_or_other_events(text: str) -> None:
    keys = [key for key, _ in events(text, "2025-01-13", approx=False)]
    assert not [k for k in keys if k in ("capture", "deploy", "defect", "interview")], keys


def test_confirmation_gets_a_composite_key() -> None:
    text = "Zelenskyy confirmed the capture of the North Korean soldiers on Saturday."
    assert events(text, "2025-01-13", approx=False) == [("confirm_capture", "Saturday")]


def test_captured_town_is_not_a_capture_of_people() -> None:
    assert events("Ukraine captured the town of Sudzha in August.", "2025-01-13") == [
        ("capture_place", "August")
    ]


def test_two_events_two_dates_in_one_sentence() -> None:
    text = "North Korea sent the troops in October and Ukraine captured two of them in January."
    assert events(text, "2025-02-01", approx=False) == [
        ("deploy", "October"),
        ("capture", "January"),
    ]


def test_event_phrase() -> None:
    text = "Since their capture last year, the U.S. has considered bringing them here."
    ((key, m),) = extract_events(text, extract_dates(text, "2025-03-06"))
    assert event_phrase(text, key, m) == "their capture last year"


def test_events_without_dates_or_text() -> None:
    assert extract_events("", ()) == ()
    assert extract_events("captured in January", ()) == ()


def test_last_and_next_month_names() -> None:
    assert interval("last January", "2025-01-20") == ("2024-01-01", "2024-01-31")
    assert interval("last December", "2025-01-20") == ("2024-12-01", "2024-12-31")
    assert interval("next March", "2025-03-20") == ("2026-03-01", "2026-03-31")


def test_counts_after_a_preposition_are_not_years() -> None:
    assert extract_dates("The toll rose by 2000 people in a week.", None) == ()
    assert [m.text for m in extract_dates("It rose in 2000 and again later.", None)] == ["2000"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The captured soldiers arrived in Kyiv in January.", []),
        ("Two captured soldiers were moved in January.", []),
        (
            "In early January, Ukrainian forces captured two soldiers.",
            [("capture", "early January")],
        ),
        (
            "The soldiers, captured in January, were interviewed on Feb. 19.",
            [("capture", "January"), ("interview", "Feb. 19")],
        ),
        ("He said the soldiers were captured in January.", [("capture", "January")]),
        ("Ukrainian forces captured two soldiers deployed in October.", [("deploy", "October")]),
        ("The shooting was captured on video on Saturday.", []),
    ],
)
def test_attachment_edge_cases(text: str, expected: list[tuple[str, str]]) -> None:
    assert events(text, "2025-02-23", approx=False) == expected

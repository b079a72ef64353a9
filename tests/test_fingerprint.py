"""Finding ids survive editing that leaves the claims alone, and change when they change."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from consist.fingerprint import ID_LENGTH, assign_ids, fingerprint, normalise

LEFT = "About 300 North Korean soldiers were killed, the NIS said."
RIGHT = "Some 4,000 were killed or seriously injured, according to officials."


def test_id_shape() -> None:
    fid = fingerprint("NUM001", [LEFT, RIGHT])
    assert re.fullmatch(rf"[0-9a-f]{{{ID_LENGTH}}}", fid)


def test_normalise() -> None:
    assert normalise("  “Quoted”\n\tText – here — ok −5  ") == '"quoted" text - here - ok -5'
    assert normalise("‘a’ «b» „c“") == '\'a\' "b" "c"'
    assert normalise("ÉTÉ Straße") == "été strasse"
    assert normalise("no\u00adbreak\u200bhere") == "nobreakhere"


def test_rewrapping_keeps_the_id() -> None:
    wrapped = "About 300 North Korean\nsoldiers were killed,  the NIS\r\n  said."
    assert fingerprint("NUM001", [wrapped, RIGHT]) == fingerprint("NUM001", [LEFT, RIGHT])


def test_claim_order_does_not_matter() -> None:
    assert fingerprint("NUM001", [RIGHT, LEFT]) == fingerprint("NUM001", [LEFT, RIGHT])


def test_typography_and_case_do_not_matter() -> None:
    curly = "About 300 North Korean soldiers were killed, the NIS said."
    assert fingerprint("num001", [curly.upper(), RIGHT]) == fingerprint("NUM001", [LEFT, RIGHT])
    assert fingerprint("X", ["“a” – b"]) == fingerprint("X", ['"a" - b'])


def test_changing_a_figure_changes_the_id() -> None:
    edited = LEFT.replace("300", "350")
    assert fingerprint("NUM001", [edited, RIGHT]) != fingerprint("NUM001", [LEFT, RIGHT])


def test_rule_is_part_of_the_id() -> None:
    assert fingerprint("NUM001", [LEFT, RIGHT]) != fingerprint("STN001", [LEFT, RIGHT])


def test_texts_are_not_merely_concatenated() -> None:
    assert fingerprint("X", ["a b", "c"]) != fingerprint("X", ["a", "b c"])


def test_renaming_or_moving_keeps_ids() -> None:
    """Paths and positions only matter to break a tie, so they do not change unique ids."""
    before = assign_ids([("NUM001", [LEFT, RIGHT], ["a.md", "b.md"]), ("STN001", ["x", "y"], [])])
    after = assign_ids([("STN001", ["y", "x"], []), ("NUM001", [RIGHT, LEFT], ["c.md", "b.md"])])
    assert before == [after[1], after[0]]
    assert before[0] == fingerprint("NUM001", [LEFT, RIGHT])


def test_collisions_are_told_apart_by_paths() -> None:
    items = [
        ("NUM001", [LEFT, RIGHT], ["a.md", "b.md"]),
        ("NUM001", [LEFT, RIGHT], ["c.md", "b.md"]),
    ]
    ids = assign_ids(items)
    assert len(set(ids)) == 2
    assert ids[0] == fingerprint("NUM001", [LEFT, RIGHT], ["b.md", "a.md"])
    assert assign_ids(items[::-1]) == ids[::-1]


def test_identical_items_still_get_distinct_ids() -> None:
    item = ("NUM001", [LEFT, RIGHT], ["a.md", "a.md"])
    ids = assign_ids([item, item, item])
    assert len(set(ids)) == 3


words = st.lists(st.text(alphabet="abcdefghij0123456789,.", min_size=1, max_size=8), min_size=1)
spaces = st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \n  ", "\r\n"]), min_size=1)


@given(words, spaces)
def test_any_rewrapping_keeps_the_id(ws: list[str], sep: list[str]) -> None:
    rewrapped = "".join(w + sep[i % len(sep)] for i, w in enumerate(ws))
    assert fingerprint("NUM001", [rewrapped, "x"]) == fingerprint("NUM001", [" ".join(ws), "x"])

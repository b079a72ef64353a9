"""Every registered rule documents itself the same way (it feeds `consist rule CODE`)."""

from __future__ import annotations

import re

import pytest

from consist.rules import all_codes, rule_class

SECTIONS = ("What it flags", "Why", "Flagged", "Not flagged")


@pytest.mark.parametrize("code", all_codes())
def test_rule_docstring_has_sections(code: str) -> None:
    cls = rule_class(code)
    doc = cls.__doc__ or ""
    assert doc.strip().splitlines()[0].strip(), "summary line"
    for section in SECTIONS:
        assert re.search(rf"^\s*{section}\b", doc, re.M), f"{code} docstring lacks '{section}'"


@pytest.mark.parametrize("code", all_codes())
def test_rule_metadata(code: str) -> None:
    cls = rule_class(code)
    assert cls.code == code
    assert re.fullmatch(r"[A-Z]{3}\d{3}", code)
    assert cls.kind in ("numeric", "stance", "temporal")
    assert cls.status in ("stable", "preview", "removed")
    assert cls.name and re.fullmatch(r"[a-z-]+", cls.name)

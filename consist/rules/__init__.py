"""The rule registry: stable codes to rule classes, and selection ruff-style.

Adding a rule takes one module in this package, one fixture file
``fixtures/rules/<CODE>.yml`` and one line in ``_RULES`` below. Codes are never reused;
a retired rule stays listed with ``status = "removed"``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

from consist.rules.base import Rule, RuleContext, Violation

# code -> "module:Class"; modules are imported only when their rule is used.
_RULES: dict[str, str] = {
    "NUM001": "consist.rules.num001_quantity_mismatch:QuantityMismatch",
    "STN001": "consist.rules.stn001_opposite_stance:OppositeStance",
    "TMP001": "consist.rules.tmp001_date_conflict:DateConflict",
}


def rule_class(code: str) -> type[Rule]:
    module_name, _, class_name = _RULES[code].partition(":")
    cls: type[Rule] = getattr(importlib.import_module(module_name), class_name)
    return cls


def all_codes() -> list[str]:
    return sorted(_RULES)


def _matches(code: str, cls: type[Rule], selectors: Iterable[str]) -> bool:
    return any(code.startswith(s.upper()) or s == cls.name for s in selectors)


def select_rules(
    select: Iterable[str] = ("NUM", "STN", "TMP"),
    ignore: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Rule]:
    """Instantiate the selected rules (by code, prefix or name), minus the ignored ones.

    Preview rules are only selected by their full code; removed rules never are.
    """
    select, ignore = list(select), list(ignore)
    unknown = [s for s in select + ignore if not _known_selector(s)]
    if unknown:
        raise ValueError(f"unknown rule selector(s): {', '.join(unknown)}")
    chosen: list[Rule] = []
    for code in all_codes():
        cls = rule_class(code)
        if cls.status == "removed" or not _matches(code, cls, select):
            continue
        if cls.status == "preview" and code not in [s.upper() for s in select]:
            continue
        if _matches(code, cls, ignore):
            continue
        chosen.append(cls((options or {}).get(code)))
    return chosen


def _known_selector(selector: str) -> bool:
    s = selector.upper()
    return s == "ALL" or any(code.startswith(s) for code in _RULES) or any(
        rule_class(code).name == selector for code in _RULES
    )


__all__ = ["Rule", "RuleContext", "Violation", "all_codes", "rule_class", "select_rules"]

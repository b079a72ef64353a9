"""The rule registry: stable codes to rule classes, and selection ruff-style.

Adding a rule takes one module in this package, one fixture file
``fixtures/rules/<CODE>.yml`` and one line in ``_RULES`` below. Codes are never reused;
a retired rule stays listed with ``status = "removed"``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from consist.rules.base import Rule, RuleContext, Violation

# code -> "module:Class"; modules are imported only when their rule is used.
_RULES: dict[str, str] = {
    "NUM001": "consist.rules.num001_quantity_mismatch:QuantityMismatch",
    "STN001": "consist.rules.stn001_opposite_stance:OppositeStance",
    "STN002": "consist.rules.stn002_nli_contradiction:NLIContradiction",
    "STN003": "consist.rules.stn003_value_conflict:ValueConflict",
    "TMP001": "consist.rules.tmp001_date_conflict:DateConflict",
}


def rule_class(code: str) -> type[Rule]:
    module_name, _, class_name = _RULES[code].partition(":")
    cls: type[Rule] = getattr(importlib.import_module(module_name), class_name)
    return cls


def all_codes() -> list[str]:
    return sorted(_RULES)


def _matches(code: str, selectors: Iterable[str]) -> bool:
    """A code matches ALL, a code prefix ("NUM", "NUM001"), or the rule's name."""
    for selector in selectors:
        if selector.upper() == "ALL" or code.startswith(selector.upper()):
            return True
        if not _looks_like_code(selector) and rule_class(code).name == selector:
            return True
    return False


def _looks_like_code(selector: str) -> bool:
    return (
        re.fullmatch(r"[A-Z]{1,3}\d{0,3}", selector.upper()) is not None and not selector.islower()
    )


def select_rules(
    select: Iterable[str] = ("NUM", "STN", "TMP"),
    ignore: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Rule]:
    """Instantiate the selected rules (by code, prefix or name), minus the ignored ones.

    Preview rules are only selected by their full code; removed rules never are. Rule
    modules that are not selected are never imported.
    """
    select, ignore = list(select), list(ignore)
    unknown = [s for s in select + ignore if not _known_selector(s)]
    if unknown:
        raise ValueError(f"unknown rule selector(s): {', '.join(unknown)}")
    unknown_options = sorted(set(options or {}) - set(_RULES))
    if unknown_options:
        raise ValueError(f"options for unknown rule(s): {', '.join(unknown_options)}")
    chosen: list[Rule] = []
    for code in all_codes():
        if not _matches(code, select) or _matches(code, ignore):
            continue
        cls = rule_class(code)
        if cls.status == "removed":
            continue
        if cls.status == "preview" and code not in [s.upper() for s in select]:
            continue
        chosen.append(cls((options or {}).get(code)))
    return chosen


def _known_selector(selector: str) -> bool:
    s = selector.upper()
    if s == "ALL" or any(code.startswith(s) for code in _RULES):
        return True
    return not _looks_like_code(selector) and any(
        rule_class(code).name == selector for code in _RULES
    )


__all__ = ["Rule", "RuleContext", "Violation", "all_codes", "rule_class", "select_rules"]

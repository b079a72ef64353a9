"""Report formatters by name: one module per output format, each ``render(report) -> str``.

Formatter modules are imported when used, so ``consist check --format json`` never pays
for (or breaks on) another format's imports.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from consist.types import Report

Formatter = Callable[[Report], str]

# format name -> module whose ``render`` produces it
_MODULES: dict[str, str] = {
    "markdown": "consist.report.markdown",
    "json": "consist.report.json",
    "sarif": "consist.report.sarif",
    "github": "consist.report.github",
}


def _lazy(module: str) -> Formatter:
    def render(report: Report) -> str:
        fn: Formatter = importlib.import_module(module).render
        return fn(report)

    render.__name__ = f"render_{module.rsplit('.', 1)[-1]}"
    render.__doc__ = f"Render with ``{module}.render`` (imported on first use)."
    return render


FORMATTERS: dict[str, Formatter] = {name: _lazy(module) for name, module in _MODULES.items()}


def render(report: Report, fmt: str) -> str:
    """The report in format ``fmt``; ``ValueError`` names the known formats otherwise."""
    try:
        formatter = FORMATTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATTERS))
        raise ValueError(f"unknown format {fmt!r} (choose from {known})") from None
    return formatter(report)


__all__ = ["FORMATTERS", "Formatter", "render"]

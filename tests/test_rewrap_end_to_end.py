"""Fingerprints survive re-wrapping (issue 14): every seed re-wrapped at 40 and at 100
columns, and with each baselined sentence split over two lines, gives exactly the
findings recorded in ``reports/seeds-baseline.json``: same ids, same quoted claims.

Unlike ``test_baseline_end_to_end`` (which joins blank-line blocks), lines here are
wrapped where they stand, so blocks of short lines (headline, byline, caption) stay
next to the prose they precede: the hard case for sentence assembly.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from consist.api import Checker
from consist.config import Config
from consist.fingerprint import normalise
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

BASELINE = ROOT / "reports" / "seeds-baseline.json"


def _baseline() -> dict[str, set[str]]:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    return {e["id"]: {normalise(c["text"]) for c in e["claims"]} for e in data["entries"]}


def _split_front(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return f"---\n{front}---\n", body


def wrap_at(width: int) -> Callable[[str], str]:
    def wrap(body: str) -> str:
        out = []
        for line in body.split("\n"):
            if len(line) <= width:
                out.append(line)
                continue
            out.append(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False))
        return "\n".join(out)

    return wrap


def split_sentences(body: str) -> str:
    """Every sentence the baseline quotes, broken over two lines at its middle space."""
    for texts in _baseline().values():
        for entry in json.loads(BASELINE.read_text(encoding="utf-8"))["entries"]:
            for claim in entry["claims"]:
                sentence = claim["text"]
                if sentence in body and normalise(sentence) in texts:
                    middle = sentence.find(" ", len(sentence) // 2)
                    broken = sentence[:middle] + "\n" + sentence[middle + 1 :]
                    body = body.replace(sentence, broken)
    return body


@pytest.fixture(scope="module")
def checker() -> Checker:
    # The demo settings of pyproject.toml (the optional conflict pack), as the baseline has.
    return Checker(Config(cache=False, quantity_packs=("conflict",)))


@pytest.mark.parametrize(
    "variant",
    [wrap_at(40), wrap_at(100), split_sentences],
    ids=["wrap-40", "wrap-100", "one-sentence-split"],
)
def test_findings_survive_rewrapping(
    tmp_path: Path, checker: Checker, variant: Callable[[str], str]
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for path in sorted(seeds.glob("*.txt")):
        front, body = _split_front(path.read_text(encoding="utf-8"))
        changed = variant(body)
        path.write_text(front + changed, encoding="utf-8")
    report = checker.check([str(seeds)])
    got = {f.id: {normalise(c.text) for c in f.claims} for f in report.findings}
    expected = _baseline()
    assert sorted(got) == sorted(expected), "ids differ from reports/seeds-baseline.json"
    for fid, texts in expected.items():
        assert texts <= got[fid], f"{fid} lost a quoted claim"

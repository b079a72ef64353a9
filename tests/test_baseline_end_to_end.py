"""Issue 5's promise end to end: baseline the seeds, re-wrap them, add a contradiction.

Re-wrapping every paragraph keeps every finding (exit 0 with the baseline); a new
document that contradicts the others fails the build (exit 1) with its finding marked
new; a missing baseline is a usage error (exit 2).
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consist.cli import app
from tests.helpers import ROOT

pytestmark = pytest.mark.slow
runner = CliRunner()

CONTRADICTION = """---
title: Ukraine gives its own count of North Korean casualties in Kursk
source: Example Wire
published: 2025-01-14
---
Ukrainian officials in Kyiv said on Tuesday that 500 North Korean soldiers have been killed or injured in the fighting in Russia's Kursk region so far.

The officials spoke a day after South Korea's intelligence service briefed lawmakers on the two North Korean soldiers captured by Ukrainian forces.
"""


def rewrap(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    paragraphs = [textwrap.fill(line, 64) for line in body.splitlines() if line.strip()]
    path.write_text(f"---\n{front}---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_baseline_rewrap_and_new_contradiction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "baseline.json"

    wrote = runner.invoke(app, ["check", "seeds", "--write-baseline", str(baseline)])
    assert wrote.exit_code == 0, wrote.output
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["entries"], "the seeds have findings to record"

    for path in corpus.glob("*.txt"):
        rewrap(path)
    same = runner.invoke(app, ["check", "seeds", "--baseline", str(baseline), "--format", "json"])
    assert same.exit_code == 0, same.output
    data = json.loads(same.stdout)
    assert {f["baseline"] for f in data["findings"]} == {"unchanged"}
    assert not data["fixed"]

    (corpus / "2025-01-14-example-wire.txt").write_text(CONTRADICTION, encoding="utf-8")
    new = runner.invoke(app, ["check", "seeds", "--baseline", str(baseline), "--format", "json"])
    assert new.exit_code == 1, new.output
    added = [f for f in json.loads(new.stdout)["findings"] if f["baseline"] == "new"]
    assert added and all(any("example-wire" in c["path"] for c in f["claims"]) for f in added)

    missing = runner.invoke(app, ["check", "seeds", "--baseline", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2

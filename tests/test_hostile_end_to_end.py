"""Bad and hostile input through the whole pipeline (issues 5 and 7).

A folder of broken files costs those files, not the run; a document written to attack
the report (HTML, scripts, @mentions, pipes, links) yields a safe report.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consist.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()

GOOD_A = """---
title: Warehouse fire
source: City Herald
published: 2024-05-02
---
The fire chief said 40 homes near the warehouse were destroyed by the blaze on Tuesday.
"""
GOOD_B = """---
title: Millbrook blaze
source: Valley News
published: 2024-05-02
---
Officials said 12 homes were destroyed when the warehouse fire spread on Tuesday.
"""
HOSTILE = """---
title: "<script>alert(1)</script> Warehouse fire"
source: "@octocat | #123"
published: 2024-05-02
---
Neighbours of the warehouse watched the fire spread through the homes on Tuesday.

<img src=x onerror=alert(1)> @octocat said [click](javascript:alert(1)) that 90 homes were destroyed by the fire on Tuesday | see #123 ![x](http://evil.example/x.png).
"""


def build_folder(root: Path) -> None:
    root.mkdir()
    (root / "a.md").write_text(GOOD_A, encoding="utf-8")
    (root / "b.md").write_text(GOOD_B, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (root / "empty.md").write_text("", encoding="utf-8")
    (root / "latin1.txt").write_bytes("Le caf\xe9 a ferm\xe9 ses portes lundi.\n".encode("latin-1"))
    (root / "long.txt").write_text("x" * 10_500_000, encoding="utf-8")
    (root / "broken.md").write_text(
        "---\ntitle: [unclosed\n---\nBody text here.\n", encoding="utf-8"
    )
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back")
    (root / "page.html").write_text(
        "<html><head><script>var x = 'The fire destroyed 500 homes.';</script></head>"
        "<body><nav>Home | About</nav><article><p>Residents returned to the street on Wednesday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (root / "export.jsonl").write_text(
        '{"id": "1", "text": "The council met on Monday to discuss the budget for parks."}\n'
        "{not json\n",
        encoding="utf-8",
    )


def test_hostile_folder_is_checked_without_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    build_folder(folder)
    result = runner.invoke(app, ["check", str(folder), "--format", "json", "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    errors = " ".join(f"{e['path']}: {e['message']}" for e in data["errors"])
    for name in ("binary.txt", "empty.md", "long.txt", "broken.md", "loop", "export.jsonl"):
        assert name in errors, f"{name} not reported in errors: {errors}"
    paths = {d["path"].rsplit("/", 1)[-1] for d in data["documents"]}
    assert {"a.md", "b.md", "latin1.txt", "page.html"} <= paths
    assert any(f["rule"] == "NUM001" for f in data["findings"])
    assert "500 homes" not in json.dumps(data["documents"])  # scripts are not text


def test_hostile_document_yields_a_safe_markdown_report(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD_A, encoding="utf-8")
    (folder / "evil.md").write_text(HOSTILE, encoding="utf-8")
    result = runner.invoke(app, ["check", str(folder), "--no-cache"])
    assert result.exit_code == 1, result.output
    report = result.stdout
    assert "90 homes" in report  # the finding is there...
    assert not re.search(r"(?<!\\)<(script|img)", report)  # ...but no raw HTML
    assert "](javascript" not in report and "![x](" not in report
    assert "@octocat" not in report and " #123" not in report
    for line in report.splitlines():
        if line.startswith("| **Says**"):
            assert line.count(" | ") == 2  # pipes in the text do not add columns

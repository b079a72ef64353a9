"""Exit codes that mean one thing, and output paths checked before the run (issue 13).

0 clean, 1 findings, 2 usage or input error and internal errors: never a traceback, and
never exit 1 for a crash. Root can write to read-only folders, so an unwritable place is
simulated with a path under a regular *file* (``afile/out.md``), which fails for root too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consist.cli import app

runner = CliRunner()
DOC = "---\nsource: A\npublished: 2025-01-01\n---\nThe fire destroyed 40 homes on Tuesday.\n"


def folder_with_doc(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(DOC, encoding="utf-8")
    return docs


def no_tmp_left(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize("where", ["missing/out.json", "afolder", "afile/out.json"])
def test_unwritable_output_is_exit_2_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, where: str
) -> None:
    import consist.api

    read: list[bool] = []
    monkeypatch.setattr(consist.api, "read_documents", lambda *a, **k: read.append(True))
    docs = folder_with_doc(tmp_path)
    (tmp_path / "afolder").mkdir()
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    target = tmp_path / where
    result = runner.invoke(app, ["check", str(docs), "--no-cache", option, str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert option in result.stderr and "consist: error:" in result.stderr
    assert not read  # checked before any document was read
    no_tmp_left(tmp_path)


def test_baseline_nested_100000_deep_is_exit_2(tmp_path: Path) -> None:
    docs = folder_with_doc(tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = runner.invoke(app, ["check", str(docs), "--no-cache", "--baseline", str(deep)])
    assert result.exit_code == 2
    assert "nested too deeply" in result.stderr and "Traceback" not in result.output


def test_baseline_with_a_5000_digit_integer_loads(tmp_path: Path) -> None:
    from consist.baseline import load_baseline

    path = tmp_path / "b.json"
    entry = {"id": "abc", "rule": "NUM001", "summary": "s", "reason": "", "claims": []}
    text = json.dumps({"schema": "consist-baseline/1", "entries": [entry]})
    path.write_text(text.replace('"reason": ""', '"reason": ' + "7" * 5000), encoding="utf-8")
    baseline = load_baseline(path)
    assert "abc" in baseline and baseline.entries["abc"]["reason"] == "7" * 5000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_baseline_is_exit_2_without_hanging(tmp_path: Path) -> None:
    docs = folder_with_doc(tmp_path)
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "consist", "check", str(docs), "--no-cache"]
    result = subprocess.run(
        [*command, "--baseline", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


def test_internal_error_is_one_line_exit_2_naming_the_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import consist.api

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("simulated bug\nsecond line")

    monkeypatch.setattr(consist.api, "compute_features", broken)
    docs = folder_with_doc(tmp_path)
    result = runner.invoke(app, ["check", str(docs), "--no-cache"])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines[-1].startswith("consist: internal error in stage 'features': RuntimeError")
    assert "second line" not in result.stderr and "Traceback" not in result.stderr
    verbose = runner.invoke(app, ["check", str(docs), "--no-cache", "--verbose"])
    assert verbose.exit_code == 2 and "Traceback" in verbose.stderr


def test_no_cache_creates_no_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import consist.api

    def stop(*_: object, **__: object) -> None:
        raise RuntimeError("stop after the cache would have been opened")

    monkeypatch.setattr(consist.api, "compute_features", stop)
    docs = folder_with_doc(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["check", str(docs), "--no-cache"])
    assert not (tmp_path / ".consist-cache").exists()


def test_atomic_write_leaves_no_tmp_on_failure(tmp_path: Path) -> None:
    from consist.outputs import write_atomic

    write_atomic(tmp_path / "ok.txt", "fine\n")
    assert (tmp_path / "ok.txt").read_text(encoding="utf-8") == "fine\n"
    with pytest.raises(TypeError):
        write_atomic(tmp_path / "bad.txt", 42)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.txt"]

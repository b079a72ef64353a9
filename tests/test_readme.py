"""The README's examples stay true: its config example loads, its rule table is complete."""

from __future__ import annotations

import re
import tomllib

from consist.config import from_mapping
from consist.rules import all_codes
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_config_example_is_valid() -> None:
    block = re.search(r"```toml\n(\[tool\.consist\].*?)```", README, re.S)
    assert block, "README has a [tool.consist] example"
    data = tomllib.loads(block.group(1))["tool"]["consist"]
    from_mapping(data)


def test_every_rule_is_in_the_readme() -> None:
    for code in all_codes():
        assert f"`{code}`" in README, code


def test_quick_start_commands() -> None:
    assert "make run" in README and "make test" in README

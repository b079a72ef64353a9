"""[tool.consist] loading, validation and precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from consist.config import Config, ConfigError, load_config
from consist.rules import select_rules


def test_defaults() -> None:
    assert Config().fail_on == "low" and Config().cache


def test_pyproject_is_read_and_cli_overrides(tmp_path: Path) -> None:
    file = tmp_path / "pyproject.toml"
    file.write_text('[tool.consist]\nfail_on = "high"\nselect = ["NUM"]\n', encoding="utf-8")
    assert load_config(file).fail_on == "high"
    assert load_config(file, fail_on="medium").fail_on == "medium"
    assert load_config(file).select == ("NUM",)


def test_standalone_toml(tmp_path: Path) -> None:
    file = tmp_path / "consist.toml"
    file.write_text("min_similarity = 0.5\n", encoding="utf-8")
    assert load_config(file).min_similarity == 0.5


@pytest.mark.parametrize(
    "body",
    [
        "[tool.consist]\nbogus = 1\n",
        '[tool.consist]\nfail_on = "sometimes"\n',
        '[tool.consist]\nbatch_size = "x"\n',
        "[tool.consist\n",
    ],
)
def test_bad_config_is_an_error(tmp_path: Path, body: str) -> None:
    file = tmp_path / "pyproject.toml"
    file.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(file)


def test_missing_config_file() -> None:
    with pytest.raises(ConfigError):
        load_config("no/such/file.toml")


def test_rule_selection_by_prefix_and_ignore() -> None:
    codes = [r.code for r in select_rules(["NUM", "TMP"], ["TMP001"])]
    assert codes == ["NUM001"]
    assert [r.code for r in select_rules(["ALL"])] == ["NUM001", "STN001", "STN003", "TMP001"]
    with pytest.raises(ValueError):
        select_rules(["XYZ"])

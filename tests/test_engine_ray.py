"""``consist check --engine ray``: the same report as the local engine, byte for byte.

One local Ray (2 CPUs) serves the whole module. Tests that need Ray skip with the
reason when it is not installed (``pip install 'consist[ray]'``).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consist.api import Checker
from consist.config import Config, ConfigError, from_mapping
from consist.report import render
from consist.types import Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPORT = ROOT.parent / "shared" / "eval" / "gva_export.py"
HAS_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(
    not HAS_RAY, reason="Ray is not installed: pip install 'consist[ray]'"
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    """One local Ray for the module, shut down after it."""
    if not HAS_RAY:
        pytest.skip("Ray is not installed: pip install 'consist[ray]'")
    import ray

    from consist.engine.ray import connect

    close = connect(None, 2)
    try:
        yield
    finally:
        if close is not None:
            close()
        assert not ray.is_initialized()


def both(report: Report) -> str:
    return render(report, "json") + render(report, "markdown")


def run_local(paths: list[str], store: Path, **changes: object) -> Report:
    return Checker(Config(cache_dir=str(store), **changes)).check(paths)  # type: ignore[arg-type]


def run_ray(paths: list[str], store: Path, **changes: object) -> Report:
    from consist.engine.ray import RayChecker

    config = Config(cache_dir=str(store), engine="ray", **changes)  # type: ignore[arg-type]
    return RayChecker(config, cpus=2).check(paths)


@pytest.mark.slow
@needs_ray
def test_seeds_report_is_byte_identical_and_the_cache_is_shared(
    cluster: None, tmp_path: Path
) -> None:
    from consist.store import Store

    local = run_local([str(SEEDS)], tmp_path / "local")
    cold = run_ray([str(SEEDS)], tmp_path / "shared")
    assert local.findings and both(cold) == both(local)
    with Store(tmp_path / "shared") as store:
        written = store._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
    assert written > 0  # the workers wrote the run's vectors to the shared cache
    # The local engine, warm on what the Ray workers cached, gives the same report.
    warm = run_local([str(SEEDS)], tmp_path / "shared")
    assert both(warm) == both(local)
    with Store(tmp_path / "shared") as store:
        assert store._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] == written


@pytest.mark.slow
@needs_ray
def test_real_articles_report_is_byte_identical(cluster: None, tmp_path: Path) -> None:
    if not EXPORT.exists():
        pytest.skip(f"{EXPORT} not found (evaluation data is not part of the repository)")
    folder = tmp_path / "articles"
    subprocess.run(
        [sys.executable, str(EXPORT), str(folder), "--incidents", "45", "--seed", "2", "--flat"],
        check=True,
        capture_output=True,
    )
    assert len(list(folder.glob("*.txt"))) >= 100
    local = run_local([str(folder)], tmp_path / "a", cache=False)
    remote = run_ray([str(folder)], tmp_path / "b", cache=False)
    assert int(local.meta["candidate_pairs"]) > 50
    assert both(remote) == both(local)
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").glob("ray-*"))


@pytest.mark.slow
@needs_ray
def test_killed_workers_are_retried_and_bad_files_are_errors(
    cluster: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consist.engine.ray import FAULT_ENV

    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "empty.md").write_text("", encoding="utf-8")
    local = run_local([str(folder)], tmp_path / "local")
    assert sorted(Path(e.path).name for e in local.errors) == ["binary.txt", "empty.md"]
    marks = tmp_path / "marks"
    monkeypatch.setenv(FAULT_ENV, f"embed,events:{marks}")
    remote = run_ray([str(folder)], tmp_path / "cache")
    # An embedding actor and an event task did die mid-run, and were replaced.
    assert sorted(p.name for p in marks.iterdir()) == ["failed-embed", "failed-events"]
    assert both(remote) == both(local)


def test_engine_is_a_config_key(tmp_path: Path) -> None:
    config = from_mapping({"engine": "ray", "ray_address": "auto", "ray_cpus": 2})
    assert (config.engine, config.ray_address, config.ray_cpus) == ("ray", "auto", 2)
    with pytest.raises(ConfigError, match="engine"):
        from_mapping({"engine": "spark"})
    with pytest.raises(ConfigError, match="ray_cpus"):
        from_mapping({"ray_cpus": -1})


def test_without_ray_the_ray_engine_exits_2_saying_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from consist.cli import app

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    result = CliRunner().invoke(app, ["check", str(SEEDS), "--engine", "ray"])
    assert result.exit_code == 2
    assert "pip install 'consist[ray]'" in result.output


@needs_ray
def test_make_checker_picks_the_engine() -> None:
    from consist.engine import make_checker
    from consist.engine.ray import RayChecker

    checker = make_checker(Config(engine="ray", ray_cpus=1))
    assert isinstance(checker, RayChecker) and checker.cpus == 1
    assert type(make_checker(Config())) is Checker
    with pytest.raises(ValueError, match="unknown engine"):
        make_checker(Config(), engine="spark")


@needs_ray
def test_progress_counts_go_to_stderr_only_when_it_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from consist.engine.ray import _Counter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr(sys, "stderr", stream)
        counter = _Counter("claims embedded", 10, enabled=True)
        counter.add(10)
        counter.close()
        assert ("claims embedded 10/10" in stream.getvalue()) is shown

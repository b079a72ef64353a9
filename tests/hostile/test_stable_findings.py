"""Stable findings (issue 13): unrelated documents change no finding.

Whether two documents are compared depends on those two documents only, so crowding a
folder with articles about other things (generated here, see ``generate.py``) must leave
every finding between the original documents exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consist.api import Checker
from consist.config import Config
from tests.hostile.generate import small_story, unrelated_articles

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Checker:
    cache = tmp_path_factory.mktemp("cache")
    return Checker(Config(cache_dir=str(cache)))


def finding_ids(checker: Checker, folder: Path) -> list[str]:
    return sorted(f.id for f in checker.check([folder]).findings)


def test_500_unrelated_articles_change_no_seed_finding(checker: Checker, tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    shutil.copytree(SEEDS, alone)
    before = finding_ids(checker, alone)
    assert len(before) >= 3  # the seeds give 3 findings without the optional conflict pack
    crowded = tmp_path / "crowded"
    shutil.copytree(SEEDS, crowded)
    unrelated_articles(crowded / "other", 500)
    report = checker.check([crowded])
    seed_paths = {p.name for p in SEEDS.iterdir()}
    seed_findings = sorted(
        f.id for f in report.findings if all(Path(c.path).name in seed_paths for c in f.claims)
    )
    assert seed_findings == before


def test_small_story_alone_and_next_to_the_seeds(checker: Checker, tmp_path: Path) -> None:
    alone = tmp_path / "story"
    small_story(alone)
    own = finding_ids(checker, alone)
    assert own, "the small story should disagree with itself"
    together = tmp_path / "together"
    shutil.copytree(SEEDS, together / "seeds")
    small_story(together / "story")
    report = checker.check([together])
    story = sorted(f.id for f in report.findings if all("/story/" in c.path for c in f.claims))
    assert story == own

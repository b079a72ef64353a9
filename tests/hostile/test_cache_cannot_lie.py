"""A cache that cannot lie (issue 13): validated rows, signed rows, degraded runs.

An attacker who can write the cache folder (a CI cache restored from a fork) but not
the user's state folder cannot sign rows; a row that is signed but malformed (a bug, an
older consist) is validated and recomputed. Either way: the findings do not change.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from consist.cache_check import decode_checked
from consist.features import compute_features, encode_features
from consist.store import Store
from consist.types import ClaimFeatures
from tests.helpers import make_claim

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test signs with its own key, kept outside the cache folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("CONSIST_CACHE_KEY", raising=False)


def unit(rng: np.random.Generator, dim: int) -> np.ndarray:
    v = rng.normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def test_key_is_created_outside_the_cache_with_mode_0600(tmp_path: Path) -> None:
    with Store(tmp_path / "cache") as store:
        store.put_vectors([("a", np.array([1, 0], dtype=np.float32))])
    key = tmp_path / "state" / "consist" / "key"
    assert key.is_file() and (key.stat().st_mode & 0o777) == 0o600
    assert not any(p.name == "key" for p in (tmp_path / "cache").iterdir())


def test_rows_signed_with_another_key_are_misses(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    with Store(tmp_path / "c", secret=b"attacker-key-32-bytes-long......") as forged:
        forged.put_vectors([("k", unit(rng, 8))])
        forged.put_blobs([("f", encode_features(ClaimFeatures(claim_id="")))])
    with Store(tmp_path / "c") as store:
        assert store.get_vectors(["k"]) == {} and store.get_blobs(["f"]) == {}


@pytest.mark.parametrize(
    "vector",
    [
        np.array([3.0, 4.0], dtype=np.float32),  # not unit length
        np.array([np.nan, 1.0], dtype=np.float32),
        np.array([np.inf, 0.0], dtype=np.float32),
    ],
)
def test_signed_but_invalid_vectors_are_misses(tmp_path: Path, vector: np.ndarray) -> None:
    with Store(tmp_path) as store:
        store.put_vectors([("k", vector)])
        assert store.get_vectors(["k"]) == {}


def test_vectors_of_two_dimensions_are_all_misses(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.put_vectors([("a", np.array([1, 0], dtype=np.float32))])
        store.put_vectors([("b", np.array([0, 0, 1], dtype=np.float32))])
        assert store.get_vectors(["a", "b"]) == {}
        assert set(store.get_vectors(["a"])) == {"a"}


HOSTILE_BLOBS = [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"@":"ClaimFeatures",' + b'"x":' * 1 + b"[" * 5000 + b"]" * 5000 + b"}",
    json.dumps(
        {
            "@": "ClaimFeatures",
            "quantities": [],
            "dates": [],
            "stances": "not a list",
            "events": [],
            "entities": [],
        }
    ).encode(),
    json.dumps(
        {
            "@": "ClaimFeatures",
            "quantities": [],
            "dates": [],
            "events": [],
            "entities": [],
            "stances": [
                {
                    "@": "Stance",
                    "predicate": "p",
                    "polarity": "one",
                    "subject": "s",
                    "scope": "group",
                    "hedge": 0.0,
                    "cue": "",
                    "start": 0,
                    "end": 0,
                }
            ],
        }
    ).encode(),
    json.dumps(
        {
            "@": "ClaimFeatures",
            "quantities": [],
            "dates": [],
            "events": [],
            "stances": [],
            "entities": [7, None],
        }
    ).encode(),
    b"\xff\xfe not json",
    b'{"@":"Nope"}',
]


@pytest.mark.parametrize("blob", HOSTILE_BLOBS)
def test_malformed_feature_rows_decode_to_none(blob: bytes) -> None:
    assert decode_checked(blob) is None


@pytest.mark.parametrize("blob", HOSTILE_BLOBS)
def test_signed_malformed_feature_rows_are_recomputed(tmp_path: Path, blob: bytes) -> None:
    claim = make_claim("Officials said 40 homes were destroyed on Tuesday.")
    with Store(tmp_path) as store:
        fresh = compute_features([claim], None, store=store)
        key = next(iter(store._db.execute("SELECT key FROM features")))[0]
        store.put_blobs([(key, blob)])  # signed with the right key, but malformed
        again = compute_features([claim], None, store=store)
    assert again == fresh and again[claim.id].quantities


def test_a_real_record_round_trips_through_the_checks(tmp_path: Path) -> None:
    claim = make_claim("About 300 were killed and 2,700 injured in January 2025.")
    value = compute_features([claim], None)[claim.id]
    decoded = decode_checked(encode_features(value), claim.id)
    assert decoded == value


def test_unwritable_cache_folder_is_one_warning(tmp_path: Path) -> None:
    from consist.cache_open import open_store
    from consist.config import Config

    (tmp_path / "afile").write_text("x", encoding="utf-8")
    warnings: list[str] = []
    assert open_store(Config(cache_dir=str(tmp_path / "afile" / "cache")), warnings) is None
    assert len(warnings) == 1 and "running without the cache" in warnings[0]
    assert open_store(Config(cache=False, cache_dir=str(tmp_path / "x")), warnings) is None
    assert not (tmp_path / "x").exists()


def test_unusable_key_location_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consist.cache_open import open_store
    from consist.config import Config

    (tmp_path / "afile").write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "afile"))
    warnings: list[str] = []
    assert open_store(Config(cache_dir=str(tmp_path / "cache")), warnings) is None
    assert "cache key" in warnings[0]


def findings(args: list[str]) -> tuple[int, list[str]]:
    from consist.cli import app

    result = runner.invoke(app, ["check", str(SEEDS), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, sorted(f["id"] for f in json.loads(result.stdout)["findings"])


def poison(cache: Path, rng: np.random.Generator) -> int:
    """What a cache writer without the key can do: random unit vectors, fresh checksums,
    features emptied, every row re-signed with a key of its own."""
    db = sqlite3.connect(cache / "cache.sqlite")
    rows = db.execute("SELECT key, dim FROM vectors").fetchall()
    keys = [k for (k,) in db.execute("SELECT key FROM features")]
    db.close()
    empty = encode_features(ClaimFeatures(claim_id=""))
    with Store(cache, secret=b"not-the-users-key-but-32-bytes!!") as forged:
        forged.put_vectors([(k, unit(rng, d)) for k, d in rows])
        forged.put_blobs([(k, empty) for k in keys])
    return len(rows)


@pytest.mark.slow
def test_poisoned_cache_changes_no_seed_finding(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    config = tmp_path / "consist.toml"
    config.write_text(f'cache_dir = "{cache}"\n', encoding="utf-8")
    code, clean = findings(["--config", str(config)])
    # The seeds without the optional conflict pack give 3 findings (5 with it, as
    # pyproject.toml configures the demo): enough to show that none is silenced.
    assert code == 1 and len(clean) >= 3
    assert poison(cache, np.random.default_rng(1)) > 0
    assert findings(["--config", str(config)]) == (1, clean)
    # and a run served from the (re-signed) cache still agrees
    assert findings(["--config", str(config)]) == (1, clean)


@pytest.mark.slow
def test_unwritable_cache_dir_runs_without_cache(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    config = tmp_path / "consist.toml"
    config.write_text(f'cache_dir = "{tmp_path / "afile" / "cache"}"\n', encoding="utf-8")
    from consist.cli import app

    result = runner.invoke(app, ["check", str(SEEDS), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.count("running without the cache") == 1


@pytest.mark.slow
@pytest.mark.parametrize("extra", [[], ["--no-cache"]])
def test_read_only_working_folder(extra: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc cannot be written, even by root: the cache folder cannot be made there."""
    if not Path("/proc/self").exists():
        pytest.skip("needs /proc")
    monkeypatch.chdir("/proc")
    from consist.cli import app

    result = runner.invoke(app, ["check", str(SEEDS), "--format", "json", *extra])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["findings"]
    assert ("running without the cache" in result.stderr) == (not extra)

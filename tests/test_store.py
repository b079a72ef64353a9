"""The on-disk cache (consist/store.py) and feature caching through it (no models)."""

from __future__ import annotations

import math
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

import consist.features as features_mod
from consist.features import (
    boilerplate_ids,
    compute_features,
    decode_features,
    encode_features,
)
from consist.store import Store
from consist.types import ClaimFeatures, DateMention, Quantity, Stance, TimeScope
from tests.helpers import make_claim


def vec(*values: float) -> np.ndarray:
    """A unit vector along ``values`` (the store keeps only unit-length embeddings)."""
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_vectors_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.put_vectors([("a", vec(1, 0)), ("b", vec(0, 1))])
        found = store.get_vectors(["a", "b", "missing"])
    assert sorted(found) == ["a", "b"]
    assert found["b"].tolist() == [0.0, 1.0]
    assert (tmp_path / ".gitignore").read_text() == "*\n"


def test_a_corrupt_file_is_rebuilt(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.put_vectors([("a", vec(1, 0))])
    (tmp_path / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    with Store(tmp_path) as store:
        assert store.rebuilt
        assert store.get_vectors(["a"]) == {}
        store.put_vectors([("a", vec(1, 0))])
        assert list(store.get_vectors(["a"])) == ["a"]


def test_a_damaged_row_is_recomputed_not_trusted(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.put_vectors([("a", vec(1, 0)), ("b", vec(0, 1))])
        store.put_blobs([("f", b'{"x": 1}')])
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    db.execute("UPDATE vectors SET data = ? WHERE key = 'a'", (vec(5, 5).tobytes(),))
    db.execute("UPDATE features SET data = ? WHERE key = 'f'", (b'{"x": 2}',))
    db.commit()
    db.close()
    with Store(tmp_path) as store:
        assert list(store.get_vectors(["a", "b"])) == ["b"]
        assert store.get_blobs(["f"]) == {}


def test_an_old_schema_is_dropped(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    db.execute("CREATE TABLE vectors (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema', '1')")
    db.execute("INSERT INTO vectors VALUES ('a', 2, ?)", (vec(1, 0).tobytes(),))
    db.commit()
    db.close()
    with Store(tmp_path) as store:
        assert store.get_vectors(["a"]) == {}
        store.put_vectors([("a", vec(1, 0))])
        assert list(store.get_vectors(["a"])) == ["a"]


def test_two_runs_can_share_the_cache(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def run(offset: int) -> None:
        try:
            with Store(tmp_path) as store:
                for i in range(20):
                    store.put_vectors([(f"k{offset + i}", vec(i, 1)), ("shared", vec(1, 1))])
                    store.get_vectors(["shared"])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n * 100,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(tmp_path) as store:
        assert len(store.get_vectors([f"k{i}" for i in range(20)] + ["k100", "shared"])) == 22


def test_features_survive_serialisation() -> None:
    scope = TimeScope("2025-01-01", "2025-01-31", "during", "in January")
    mention = DateMention("January", 10, 17, "2025-01-01", "2025-01-31", "month")
    features = ClaimFeatures(
        claim_id="x",
        quantities=(
            Quantity(
                3000.0,
                3000.0,
                math.inf,
                "over 3,000",
                0,
                10,
                measure="killed",
                scope=scope,
                components=(("killed", 300.0), ("injured", 2700.0)),
            ),
        ),
        dates=(mention,),
        stances=(Stance("defect_intent", -1, "soldier", "group", 0.0, "not"),),
        events=(("captured", mention),),
        entities=("NIS",),
    )
    back = decode_features(encode_features(features), "x")
    assert back == features
    with pytest.raises(ValueError):
        decode_features(b'{"@": "Nope"}')


def test_cached_features_are_reused_and_the_parser_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = [
        make_claim("Police said 3 people were killed on Monday.", cid="a", date="2016-01-04"),
        make_claim("Officials said 4 people were killed on Monday.", cid="b", date="2016-01-04"),
    ]
    with Store(tmp_path) as store:
        cold = compute_features(claims, lambda: None, store=store, parser="p")
    assert cold["a"].quantities

    def fail(*_: object, **__: object) -> None:
        raise AssertionError("recomputed a cached claim")

    def no_parser() -> None:
        raise AssertionError("loaded the parser for a fully cached run")

    monkeypatch.setattr(features_mod, "claim_features", fail)
    with Store(tmp_path) as store:
        warm = compute_features(claims, no_parser, store=store, parser="p")
    assert warm == cold


def test_a_new_date_or_parser_is_a_new_key(tmp_path: Path) -> None:
    claim = make_claim("Police said 3 people were killed on Monday.", cid="a", date="2016-01-04")
    moved = make_claim("Police said 3 people were killed on Monday.", cid="a", date="2016-02-01")
    with Store(tmp_path) as store:
        first = compute_features([claim], None, store=store)
        second = compute_features([moved], None, store=store)
    assert first["a"].dates[0].first != second["a"].dates[0].first


def test_boilerplate_gets_no_features() -> None:
    claims = [
        make_claim("Copyright 2016 by KSAT - All rights reserved.", cid="a", outlet="KSAT"),
        make_claim("Police said 3 people were killed on Monday night.", cid="b"),
        *(
            make_claim(
                "San Antonio police investigate the scene of 2 shootings.",
                cid=f"c{i}",
                outlet="Express",
                path=f"c{i}.txt",
            )
            for i in range(3)
        ),
    ]
    assert boilerplate_ids(claims) == {"a", "c0", "c1", "c2"}
    found = compute_features(claims)
    assert found["a"] == ClaimFeatures(claim_id="a")
    assert found["b"].quantities


def test_repeated_texts_are_computed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = features_mod.claim_features

    def counting(claim: object, doc: object = None) -> ClaimFeatures:
        calls.append(claim.id)  # type: ignore[attr-defined]
        return real(claim, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(features_mod, "claim_features", counting)
    text = "Police said 3 people were killed on Monday."
    claims = [make_claim(text, cid=c, date="2016-01-04", path=f"{c}.txt") for c in "ab"]
    with Store(tmp_path) as store:
        found = compute_features(claims, None, store=store)
    assert calls == ["a"]
    assert found["b"].claim_id == "b" and found["b"].quantities == found["a"].quantities

"""Topic grouping and candidate pairing on hand-made embeddings (no model needed)."""

from __future__ import annotations

import numpy as np

from consist.group import TopicGrouper, topic_labels
from consist.pair import CandidatePairer, comparable
from consist.types import Group
from tests.helpers import make_claim


def unit(rows: list[list[float]]) -> np.ndarray:
    x = np.array(rows, dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_grouper_separates_topics_and_is_deterministic() -> None:
    x = unit([[1, 0.1, 0], [1, 0, 0.1], [0.9, 0.1, 0.1], [0, 1, 0.1], [0.1, 1, 0], [0, 0.9, 0.1]])
    grouper = TopicGrouper(distance_threshold=0.3, n_neighbors=3)
    labels = grouper.fit_predict(x)
    assert list(labels) == [0, 0, 0, 1, 1, 1]
    assert list(TopicGrouper(0.3, 3).fit_predict(x)) == list(labels)
    assert grouper.get_params() == {"distance_threshold": 0.3, "n_neighbors": 3}


def test_grouper_handles_tiny_inputs() -> None:
    assert list(TopicGrouper().fit_predict(np.zeros((0, 3)))) == []
    assert list(TopicGrouper().fit_predict(unit([[1, 0]]))) == [0]


def test_topic_labels_are_distinctive_words() -> None:
    labels = topic_labels(
        [["soldiers killed injured", "soldiers killed"], ["asylum defect interview"]]
    )
    assert "killed" in labels[0] and "asylum" in labels[1]


def test_pairs_only_across_parties_within_groups() -> None:
    claims = [
        make_claim("a one", cid="a", outlet="X", path="x.txt"),
        make_claim("a two", cid="b", outlet="X", path="x.txt"),
        make_claim("b one", cid="c", outlet="Y", path="y.txt"),
        make_claim("far away", cid="d", outlet="Z", path="z.txt"),
    ]
    x = unit([[1, 0], [1, 0.05], [1, 0.1], [0, 1]])
    groups = [Group(0, "", ("a", "b", "c")), Group(1, "", ("d",))]
    pairs = CandidatePairer(n_neighbors=5, min_similarity=0.5).pairs(claims, x, groups)
    ids = [(p.left.id, p.right.id) for p in pairs]
    assert ids == [("a", "c"), ("b", "c")]  # a-b: same party, same document
    assert all(p.similarity > 0.9 for p in pairs)


def test_shared_feature_keys_pair_dissimilar_claims_in_a_group() -> None:
    claims = [make_claim("x", cid="a", outlet="X"), make_claim("y", cid="b", outlet="Y")]
    x = unit([[1, 0], [0, 1]])
    keys = {"a": frozenset({"q:casualties"}), "b": frozenset({"q:casualties"})}
    groups = [Group(0, "", ("a", "b"))]
    assert CandidatePairer(min_similarity=0.9).pairs(claims, x, groups) == []
    assert len(CandidatePairer(min_similarity=0.9).pairs(claims, x, groups, keys)) == 1


def test_same_party_is_compared_only_across_dates() -> None:
    a = make_claim("x", cid="a", speaker="NIS", outlet="AP", date="2025-01-13", path="a.txt")
    b = make_claim("y", cid="b", speaker="NIS", outlet="Yonhap", date="2025-01-13", path="b.txt")
    c = make_claim("z", cid="c", speaker="NIS", outlet="Yonhap", date="2025-02-13", path="c.txt")
    assert not comparable(a, b)  # one speaker repeated by two outlets is one claim
    assert comparable(a, c)  # a revision


def test_small_groups_pair_as_the_knn_path_does() -> None:
    rng = np.random.default_rng(0)
    x = unit(rng.normal(size=(8, 4)).tolist())
    claims = [make_claim(f"c{i}", cid=f"c{i}", outlet=f"O{i}", path=f"{i}.txt") for i in range(8)]
    groups = [Group(0, "", tuple(c.id for c in claims))]
    # 8 claims, 7 neighbours each: the group is its own neighbourhood (no kNN query)
    direct = CandidatePairer(n_neighbors=7, min_similarity=0.2).pairs(claims, x, groups)
    brute = {
        (f"c{i}", f"c{j}")
        for i in range(8)
        for j in range(i + 1, 8)
        if round(float(x[i] @ x[j]), 3) >= 0.2
    }
    assert {(p.left.id, p.right.id) for p in direct} == brute
    # with fewer neighbours the kNN path finds a subset, with the same similarities
    via_knn = CandidatePairer(n_neighbors=3, min_similarity=0.2).pairs(claims, x, groups)
    sims = {(p.left.id, p.right.id): p.similarity for p in direct}
    assert via_knn and all(sims[(p.left.id, p.right.id)] == p.similarity for p in via_knn)


def test_neighbours_per_claim_are_bounded() -> None:
    rng = np.random.default_rng(1)
    n = 60
    x = unit((rng.normal(size=(n, 3)) + np.array([5.0, 0, 0])).tolist())  # all similar
    claims = [
        make_claim(f"c{i}", cid=f"c{i:02d}", outlet=f"O{i}", path=f"{i}.txt") for i in range(n)
    ]
    groups = [Group(0, "", tuple(c.id for c in claims))]
    pairs = CandidatePairer(n_neighbors=3, min_similarity=0.0).pairs(claims, x, groups)
    assert len(pairs) <= n * 3  # never all n(n-1)/2 = 1,770 pairs


def test_claims_of_different_events_never_share_a_group() -> None:
    from consist.api import _event_groups

    claims = [
        make_claim("2 killed in Ohio", cid="a", outlet="X", path="ohio1.txt"),
        make_claim("2 killed in Texas", cid="b", outlet="Y", path="texas1.txt"),
        make_claim("3 killed in Ohio", cid="c", outlet="Z", path="ohio2.txt"),
    ]
    x = unit([[1, 0], [1, 0.01], [1, 0.02]])  # identical topics
    events = {"ohio1.txt": 0, "texas1.txt": 1, "ohio2.txt": 0}
    groups = _event_groups(claims, x, events, TopicGrouper(0.5, 5))
    assert [g.claim_ids for g in groups] == [("a", "c"), ("b",)]
    pairs = CandidatePairer(min_similarity=0.0).pairs(claims, x, groups)
    assert [(p.left.id, p.right.id) for p in pairs] == [("a", "c")]


def test_partnered_needs_another_party_with_the_key_in_the_same_event() -> None:
    from consist.pair import partnered

    claims = [
        make_claim("2 killed", cid="a", outlet="X", path="1.txt"),
        make_claim("3 killed", cid="b", outlet="Y", path="2.txt"),
        make_claim("4 killed", cid="c", outlet="Z", path="3.txt"),
        make_claim("5 injured", cid="d", outlet="X", path="1.txt"),
        make_claim("6 injured", cid="e", outlet="X", path="1.txt"),
    ]
    keys = {
        "a": frozenset({"q:casualties"}),
        "b": frozenset({"q:casualties"}),
        "c": frozenset({"q:casualties"}),
        "d": frozenset({"q:wounds"}),
        "e": frozenset({"q:wounds"}),
    }
    events = {"1.txt": 0, "2.txt": 0, "3.txt": 1}
    # c is alone in its event; d and e share a key but are one party in one document
    assert partnered(claims, keys, events) == {"a", "b"}


def test_phrase_neighbours_pair_claims_of_one_event_whose_phrases_are_close() -> None:
    from consist.pair import phrase_neighbours

    claims = [
        make_claim("The minister resigned.", cid="a", path="1.txt", outlet="X"),
        make_claim("The minister refused to step down.", cid="b", path="2.txt", outlet="Y"),
        make_claim("The river flooded the town.", cid="c", path="2.txt", outlet="Y"),
        make_claim("The minister quit.", cid="d", path="3.txt", outlet="Z"),
    ]
    vectors = {
        "minister resign": np.array([1.0, 0.0]),
        "minister step down": np.array([0.8, 0.6]),
        "river flood town": np.array([0.0, 1.0]),
        "minister quit": np.array([1.0, 0.0]),
    }
    items = [
        (claims[0], "minister resign"),
        (claims[1], "minister step down"),
        (claims[2], "river flood town"),
        (claims[3], "minister quit"),
    ]
    blocks = {"1.txt": 0, "2.txt": 0, "3.txt": 1}  # 3.txt reports another event
    found = phrase_neighbours(items, vectors, blocks, min_similarity=0.7)
    assert found == {("a", "b"): 0.8}
    assert phrase_neighbours(items, vectors, blocks, min_similarity=0.9) == {}

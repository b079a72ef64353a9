"""The optional NLI backend, on tiny randomly initialised models built by the tests.

No NLI model can be installed here, so each test model is a 2-layer BERT with hidden
size 16, saved with ``save_pretrained`` into a temporary folder and loaded back
through ``NLIScorer`` exactly as a downloaded model would be. Where a test needs to
know which output wins, the classifier's weights are zeroed and its bias set, so the
probabilities are fixed whatever the input; the label names must then follow the
config's ``id2label``, whatever its order and spelling.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from consist.nli import (
    LABELS,
    NLILabelError,
    NLIScorer,
    NLIUnavailable,
    _load,
    config_warnings,
    nli_scores,
    read_labels,
)
from consist.types import Pair
from tests.helpers import make_claim

transformers = pytest.importorskip("transformers")
torch = pytest.importorskip("torch")

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + (
    "the plant is open closed not . talks collapsed ended in an agreement on monday".split()
)
PAIRS = [
    ("The plant is open.", "The plant is closed."),
    ("The talks collapsed on Monday.", "The talks ended in an agreement on Monday."),
    ("The plant is open.", "The plant is not open."),
]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    yield
    _load.cache_clear()


def _save_model(
    folder: Path,
    id2label: dict[int, str] | None,
    *,
    bias: Sequence[float] | None = None,
    seed: int = 0,
) -> Path:
    """A tiny BERT classifier (and its WordPiece tokenizer) saved into ``folder``."""
    num_labels = len(id2label) if id2label else 3
    extra = (
        {"id2label": id2label, "label2id": {v: k for k, v in id2label.items()}} if id2label else {}
    )
    config = transformers.BertConfig(
        vocab_size=len(WORDS),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=num_labels,
        **extra,
    )
    torch.manual_seed(seed)
    model = transformers.BertForSequenceClassification(config)
    if bias is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.copy_(torch.tensor(list(bias)))
    tokenizer = transformers.BertTokenizer(vocab={w: i for i, w in enumerate(WORDS)})
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("nli-models")
    # Output 2 always wins (p = e^8 / (2 + e^8) = 0.9993): which label that is must
    # come from the config, not from an assumed order.
    bias = (0.0, 0.0, 8.0)
    return {
        "lower": _save_model(
            root / "lower", {0: "contradiction", 1: "entailment", 2: "neutral"}, bias=bias
        ),
        "upper": _save_model(
            root / "upper", {0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}, bias=bias
        ),
        "random": _save_model(
            root / "random", {0: "Entailment", 1: "Neutral", 2: "Contradiction"}, seed=1
        ),
        "generic": _save_model(root / "generic", None),
        "two_way": _save_model(root / "two_way", {0: "entailment", 1: "not_entailment"}),
    }


def test_probabilities_are_a_distribution_over_the_three_labels(models: dict[str, Path]) -> None:
    for row in NLIScorer(str(models["random"])).scores(PAIRS):
        assert set(row) == set(LABELS)
        assert math.isclose(sum(row.values()), 1.0, abs_tol=1e-3)
        assert all(0.0 <= p <= 1.0 for p in row.values())


def test_label_order_is_read_from_the_config(models: dict[str, Path]) -> None:
    (lower,) = NLIScorer(str(models["lower"])).scores(PAIRS[:1])
    (upper,) = NLIScorer(str(models["upper"])).scores(PAIRS[:1])
    expected = round(math.exp(8) / (2 + math.exp(8)), 4)
    assert lower["neutral"] == pytest.approx(expected, abs=1e-4)
    assert upper["contradiction"] == pytest.approx(expected, abs=1e-4)
    assert upper["entailment"] == upper["neutral"] < 0.001
    assert NLIScorer(str(models["upper"])).labels == ("entailment", "neutral", "contradiction")


def test_scores_keep_input_order_across_batches(models: dict[str, Path]) -> None:
    scorer = NLIScorer(str(models["random"]), batch_size=2)
    batched = scorer.scores(PAIRS)
    one_by_one = [scorer.scores([p])[0] for p in PAIRS]
    for a, b in zip(batched, one_by_one, strict=True):
        for label in LABELS:
            assert a[label] == pytest.approx(b[label], abs=2e-4)
    assert batched[0] != batched[1]  # different inputs really give different outputs


def test_loading_is_lazy_and_cached(models: dict[str, Path]) -> None:
    NLIScorer("nobody/no-such-nli-model")  # constructing loads nothing
    assert NLIScorer("nobody/no-such-nli-model").scores([]) == []
    first = NLIScorer(str(models["lower"]))
    first.scores(PAIRS[:1])
    hits = _load.cache_info().hits
    NLIScorer(str(models["lower"]), batch_size=4).scores(PAIRS[:1])
    assert _load.cache_info().hits == hits + 1


def test_missing_model_is_a_clear_error() -> None:
    model = "nobody/no-such-nli-model"
    with pytest.raises(NLIUnavailable) as info:
        NLIScorer(model).scores(PAIRS[:1])
    message = str(info.value)
    assert repr(model) in message
    assert "allow_download = true" in message
    assert "local folder" in message


@pytest.mark.parametrize("relative", [False, True])
def test_missing_folder_is_a_clear_error(
    relative: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    model = "./models/nli" if relative else str(tmp_path / "models" / "nli")
    with pytest.raises(NLIUnavailable, match="no such folder") as info:
        NLIScorer(model).scores(PAIRS[:1])
    assert repr(model) in str(info.value)
    assert str(tmp_path / "models" / "nli") in str(info.value)
    assert "folder that holds the model" in str(info.value)


def test_generic_labels_are_a_clear_error(models: dict[str, Path]) -> None:
    with pytest.raises(NLILabelError, match="generic output labels .*LABEL_0") as info:
        NLIScorer(str(models["generic"])).scores(PAIRS[:1])
    assert "which output means contradiction" in str(info.value)
    assert isinstance(info.value, NLIUnavailable)


def test_non_nli_labels_are_a_clear_error(models: dict[str, Path]) -> None:
    with pytest.raises(NLILabelError, match="not_entailment"):
        NLIScorer(str(models["two_way"])).scores(PAIRS[:1])


@pytest.mark.parametrize(
    ("id2label", "expected"),
    [
        ({0: "contradiction", 1: "entailment", 2: "neutral"}, LABELS),
        (
            {"0": "CONTRADICTION", "1": "NEUTRAL", "2": "ENTAILMENT"},
            ("contradiction", "neutral", "entailment"),
        ),
        (
            {0: "Entailment", 1: "Neutral", 2: "Contradiction"},
            ("entailment", "neutral", "contradiction"),
        ),
        ({0: "entailed", 1: "contradictory"}, ("entailment", "contradiction")),
    ],
)
def test_read_labels(id2label: dict[object, str], expected: tuple[str, ...]) -> None:
    assert read_labels(id2label, "m") == expected


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        {0: "positive", 1: "negative"},
        {0: "contradiction", 1: "contradiction", 2: "entailment"},
        {0: "contradiction", 1: "neutral"},
        {0: "contradiction", 2: "entailment"},
        {},
    ],
)
def test_read_labels_rejects(id2label: dict[int, str]) -> None:
    with pytest.raises(NLILabelError, match="'m'"):
        read_labels(id2label, "m")


class _FakeScorer:
    """Contradiction only when the premise mentions Monday: a one-way model."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def scores(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        self.calls.append(list(pairs))
        return [
            {"contradiction": 0.95, "entailment": 0.01, "neutral": 0.04}
            if "Monday" in premise
            else {"contradiction": 0.2, "entailment": 0.1, "neutral": 0.7}
            for premise, _ in pairs
        ]


def test_nli_scores_keeps_the_firmer_direction() -> None:
    short = make_claim("The plant is open.", cid="a", outlet="Daily Post")
    long = make_claim("The plant closed on Monday.", cid="b", outlet="Evening Star")
    other = make_claim("The plant is open.", cid="c", outlet="Morning Sun")
    pairs = [Pair(short, long, 0, 0.8), Pair(long, other, 0, 0.8)]
    scorer = _FakeScorer()
    result = nli_scores(pairs, scorer)
    assert set(result) == {("a", "b"), ("b", "c")}
    assert result[("a", "b")] == {"contradiction": 0.95, "entailment": 0.01, "neutral": 0.04}
    assert result[("b", "c")]["contradiction"] == 0.95
    # Each (premise, hypothesis) text pair is scored once, in one call.
    assert len(scorer.calls) == 1
    assert sorted(scorer.calls[0]) == [
        ("The plant closed on Monday.", "The plant is open."),
        ("The plant is open.", "The plant closed on Monday."),
    ]


def test_nli_scores_of_no_pairs_loads_nothing() -> None:
    scorer = _FakeScorer()
    assert nli_scores([], scorer) == {}
    assert scorer.calls == []


def test_nli_scores_with_a_real_tiny_model(models: dict[str, Path]) -> None:
    a = make_claim("The plant is open.", cid="a", outlet="Daily Post")
    b = make_claim("The plant is closed.", cid="b", outlet="Evening Star")
    result = nli_scores([Pair(a, b, 0, 0.9)], NLIScorer(str(models["upper"])))
    assert result[("a", "b")]["contradiction"] > 0.99


def test_nli_scores_chunks_through_progress() -> None:
    claims = [make_claim(f"Claim number {i} on Monday.", cid=f"c{i}") for i in range(5)]
    pairs = [Pair(claims[0], c, 0, 0.8) for c in claims[1:]]
    seen: list[int] = []

    def progress(chunks: Iterable[list[tuple[str, str]]]) -> Iterator[list[tuple[str, str]]]:
        for chunk in chunks:
            seen.append(len(chunk))
            yield chunk

    scorer = _FakeScorer()
    result = nli_scores(pairs, scorer, progress=progress, chunk_size=3)
    assert seen == [3, 3, 2] and len(scorer.calls) == 3
    assert len(result) == 4


def test_config_warnings() -> None:
    assert config_warnings(None, ["NUM001", "STN001"]) == ()
    assert config_warnings("m", ["STN001", "STN002"]) == ()
    (unused,) = config_warnings("m", ["STN001"])
    assert "STN002 is not selected" in unused
    (idle,) = config_warnings(None, ["STN002"])
    assert "no nli_model" in idle


# --- through the API (needs STN002 registered and the NLI wiring in consist/api.py) ---------


def test_compare_flags_with_the_configured_model(models: dict[str, Path]) -> None:
    from consist.api import Checker
    from consist.config import Config

    model = str(models["upper"])  # always says contradiction, p = 0.9993
    checker = Checker(Config(select=("STN002",), nli_model=model, cache=False))
    assert checker.setup_warnings == ()
    (finding,) = checker.compare("The plant is open.", "The plant is closed.")
    assert finding.rule == "STN002" and finding.severity == "medium"
    assert f"the NLI model {model} judges these contradictory" in finding.explanation


def test_compare_without_a_model_flags_nothing_and_warns() -> None:
    from consist.api import Checker
    from consist.config import Config

    checker = Checker(Config(select=("STN002",), cache=False))
    assert checker.nli_scorer is None
    assert "no nli_model" in checker.setup_warnings[0]
    assert checker.compare("The plant is open.", "The plant is closed.") == ()


def test_compare_with_a_missing_model_is_a_usage_error(tmp_path: Path) -> None:
    from consist.api import Checker
    from consist.config import Config

    missing = "nobody/no-such-nli-model"
    checker = Checker(Config(select=("STN002",), nli_model=missing, cache=False))
    with pytest.raises(ValueError, match="allow_download = true"):
        checker.compare("The plant is open.", "The plant is closed.")

"""The stories corpus (fixtures/stories) is well formed: documents, front matter and labels.

These checks keep the labels honest: a quote that matches no document (or two) would make
the benchmark count a contradiction as unfindable, or credit the wrong claim.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"
KINDS = {"numeric", "stance", "value", "temporal"}
# Finer kinds, from the corpus brief: assertion vs denial, opposite predicates, conflicting
# attribute values, figures, dates.
SUBKINDS = {"denial", "opposite", "attribute", "figure", "date"}
HEADLINES = "headlines"


def _folders() -> list[Path]:
    return sorted(p for p in STORIES.iterdir() if p.is_dir())


def _labels(folder: Path) -> dict[str, Any]:
    data = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _documents(folder: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(folder.iterdir())
        if p.suffix in (".md", ".txt")
    }


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert match, "no front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict)
    return meta, match.group(2)


def _sides(item: dict[str, Any], key: str) -> list[dict[str, str]]:
    if key in item:
        return [item[key]]
    sides = item.get(f"{key}_any")
    assert sides, f"{item.get('id')}: neither {key} nor {key}_any"
    return list(sides)


def _sentences(body: str) -> list[str]:
    """Rough sentences: enough to check that a quote does not straddle two of them."""
    flat = re.sub(r"\s+", " ", body)
    return re.split(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z\"“‘'])", flat)


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_documents_have_front_matter_and_length(folder: Path) -> None:
    docs = _documents(folder)
    if folder.name == HEADLINES:
        assert 30 <= len(docs) <= 40
    else:
        assert 3 <= len(docs) <= 5, f"{folder.name}: {len(docs)} documents"
    outlets = Counter()
    for name, text in docs.items():
        meta, body = _front_matter(text)
        assert set(meta) == {"title", "source", "published"}, name
        assert isinstance(meta["title"], str) and meta["title"].strip(), name
        assert isinstance(meta["source"], str) and meta["source"].strip(), name
        published = meta["published"]
        assert isinstance(published, dt.date), f"{name}: published is not an ISO date"
        assert name.startswith(published.isoformat()), f"{name}: file name and date differ"
        outlets[meta["source"]] += 1
        words = len(body.split())
        if folder.name == HEADLINES:
            assert body.strip().startswith(meta["title"]), name
            assert len(_sentences(body.strip())) <= 2, f"{name}: more than headline + 1 sentence"
        else:
            assert 150 <= words <= 450, f"{name}: {words} words"
    if folder.name == HEADLINES:
        assert max(outlets.values()) == 1, "each headline has its own outlet"


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_label_quotes_are_in_exactly_one_document(folder: Path) -> None:
    labels = _labels(folder)
    docs = _documents(folder)
    bodies = {name: _front_matter(text)[1] for name, text in docs.items()}

    def check(quote: str, doc: str | None, where: str) -> None:
        holders = [n for n, b in bodies.items() if quote in re.sub(r"\s+", " ", b)]
        assert len(holders) == 1, f"{where}: {quote!r} is in {holders}"
        if doc is not None:
            assert holders == [doc], f"{where}: {quote!r} is in {holders}, label says {doc}"
        assert any(quote in s for s in _sentences(bodies[holders[0]])), (
            f"{where}: {quote!r} straddles two sentences"
        )

    assert labels["story"]
    for item in labels["contradictions"]:
        assert item["kind"] in KINDS, item["id"]
        assert item["subkind"] in SUBKINDS, item["id"]
        a_docs, b_docs = set(), set()
        for key, seen in (("a", a_docs), ("b", b_docs)):
            for side in _sides(item, key):
                check(side["quote"], side["doc"], f"{item['id']}.{key}")
                seen.add(side["doc"])
        assert not a_docs & b_docs, f"{item['id']}: a and b quote the same document"
    for trap in labels["traps"]:
        assert 1 <= len(trap["quotes"]), trap["id"]
        for quote in trap["quotes"]:
            check(quote, None, f"trap {trap['id']}")


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_one_quote_traps_stay_out_of_planted_claims(folder: Path) -> None:
    """A one-quote trap marks a claim that no finding should touch, so it must not share a
    sentence with a planted contradiction's quote (the planted finding would touch it)."""
    labels = _labels(folder)
    planted = [
        side["quote"]
        for item in labels["contradictions"]
        for key in ("a", "b")
        for side in _sides(item, key)
    ]
    sentences = [
        s for text in _documents(folder).values() for s in _sentences(_front_matter(text)[1])
    ]
    for trap in labels["traps"]:
        if len(trap["quotes"]) != 1:
            continue
        quote = trap["quotes"][0]
        for sentence in sentences:
            if quote in sentence:
                clash = [q for q in planted if q in sentence]
                assert not clash, f"trap {trap['id']} shares a sentence with {clash}"


def test_ids_are_unique_within_a_story() -> None:
    for folder in _folders():
        labels = _labels(folder)
        ids = [c["id"] for c in labels["contradictions"]] + [t["id"] for t in labels["traps"]]
        assert len(ids) == len(set(ids)), folder.name


def test_corpus_covers_topics_kinds_and_traps() -> None:
    folders = [f for f in _folders() if f.name != HEADLINES]
    assert len(folders) >= 10
    kinds: Counter[str] = Counter()
    subkinds: Counter[str] = Counter()
    for folder in folders:
        labels = _labels(folder)
        assert 2 <= len(labels["contradictions"]) <= 4, folder.name
        assert len(labels["traps"]) >= 3, folder.name
        kinds.update(c["kind"] for c in labels["contradictions"])
        subkinds.update(c["subkind"] for c in labels["contradictions"])
    assert all(kinds[k] >= 2 for k in KINDS), kinds
    assert all(subkinds[k] >= 2 for k in SUBKINDS), subkinds


def test_headlines_cover_about_ten_rumours() -> None:
    labels = _labels(STORIES / HEADLINES)
    assert 8 <= len(labels["contradictions"]) <= 14
    discussed = [t for t in labels["traps"] if len(t["quotes"]) == 1]
    assert len(discussed) >= 5, "headlines that only discuss a rumour"


def load_benchmark() -> ModuleType:
    """benchmarks/stories.py as a module (benchmarks/ is not a package)."""
    path = STORIES.parent.parent / "benchmarks" / "stories.py"
    spec = importlib.util.spec_from_file_location("stories_benchmark", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_matching_counts_a_finding_once(tmp_path: Path) -> None:
    """The scorer itself: a planted match wins over a trap; other findings are alarms."""
    bench = load_benchmark()
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "expected.yaml").write_text(
        "story: s\ncontradictions:\n"
        "  - {id: c, kind: numeric, subkind: figure,"
        " a: {doc: x.md, quote: '120 nurses'}, b: {doc: y.md, quote: '85 nurses'}}\n"
        "traps:\n  - {id: t, quotes: ['120 nurses', '70 in surgery']}\n"
        "  - {id: d, quotes: ['declined to comment']}\n",
        encoding="utf-8",
    )
    labels = bench.load_labels(folder)

    class Claim:
        def __init__(self, text: str) -> None:
            self.text = text

    class Finding:
        def __init__(self, *texts: str) -> None:
            self.rule, self.summary, self.severity = "NUM001", "s", "medium"
            self.claims = tuple(Claim(t) for t in texts)

    result = bench.score(
        labels,
        [
            Finding("It laid off 120 nurses.", "Only 85 nurses lost jobs."),
            Finding("It laid off 120 nurses.", "Of them, 70 in surgery."),
            Finding("The firm declined to comment.", "Some 12 were hurt."),
            Finding("Prices rose 3%.", "Prices fell 2%."),
        ],
        2,
    )
    assert result.found == ["c"] and result.missed == []
    assert result.trap_hits == ["d", "t"]
    assert len(result.false_alarms) == 1 and result.hits == 1
    assert result.severity == {"c": "medium"}

"""How well consist finds the contradictions planted in ``fixtures/stories`` (not a test).

Each folder under ``fixtures/stories`` is one story: 3-5 news documents (or, for
``headlines``, many one-line ones) and an ``expected.yaml`` that lists

- ``contradictions``: two quotes, ``a`` and ``b`` (or lists ``a_any`` / ``b_any``), from
  documents of different parties that cannot both be true;
- ``traps``: quotes that look alike but are consistent (parts that sum to a total, the
  same figure in two units, a figure that grew between two dates, an earlier event, a
  subset, "declined to comment"...). A finding that pairs two quotes of one trap (or, for
  a one-quote trap, touches that quote) is a trap hit.

consist checks each folder; every finding is then

- a *hit* when one of its claims contains quote ``a`` and another contains quote ``b`` of a
  planted contradiction (the contradiction is then FOUND),
- a *trap hit* when it matches a trap,
- a *false alarm* otherwise.

Precision is hits / findings. Models are loaded once, for all stories.

usage: python benchmarks/stories.py [--story NAME] [--json OUT] [--verbose] [--cache]
                                   [--trace] [--direct]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "fixtures" / "stories"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Collapse whitespace and unify quotes and dashes, so a label matches a claim's text."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


@dataclass
class Planted:
    id: str
    kind: str
    subkind: str
    a: tuple[str, ...]
    b: tuple[str, ...]


@dataclass
class Trap:
    id: str
    quotes: tuple[str, ...]


@dataclass
class Labels:
    story: str
    folder: Path
    contradictions: list[Planted]
    traps: list[Trap]


def _side(item: dict[str, Any], key: str) -> tuple[str, ...]:
    if key in item:
        return (str(item[key]["quote"]),)
    return tuple(str(side["quote"]) for side in item[f"{key}_any"])


def load_labels(folder: Path) -> Labels:
    data = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    return Labels(
        story=str(data["story"]),
        folder=folder,
        contradictions=[
            Planted(
                id=str(c["id"]),
                kind=str(c["kind"]),
                subkind=str(c.get("subkind", "")),
                a=_side(c, "a"),
                b=_side(c, "b"),
            )
            for c in data.get("contradictions") or []
        ],
        traps=[
            Trap(id=str(t["id"]), quotes=tuple(str(q) for q in t["quotes"]))
            for t in data.get("traps") or []
        ],
    )


def story_folders(name: str | None = None) -> list[Path]:
    folders = sorted(p for p in STORIES.iterdir() if (p / "expected.yaml").is_file())
    if name:
        folders = [p for p in folders if p.name == name or load_labels(p).story == name]
        if not folders:
            raise SystemExit(f"no story named {name!r} in {STORIES}")
    return folders


# -- matching ------------------------------------------------------------------------------
def _contains(text: str, quotes: Iterable[str]) -> bool:
    return any(normalise(q) in text for q in quotes)


def matches_planted(texts: Sequence[str], planted: Planted) -> bool:
    """One claim contains quote a and another claim contains quote b."""
    return any(
        i != j and _contains(ti, planted.a) and _contains(tj, planted.b)
        for i, ti in enumerate(texts)
        for j, tj in enumerate(texts)
    )


def matches_trap(texts: Sequence[str], trap: Trap) -> bool:
    """Two claims contain two different quotes of the trap (one-quote trap: any claim has it)."""
    quotes = [normalise(q) for q in trap.quotes]
    if len(quotes) == 1:
        return any(quotes[0] in t for t in texts)
    return any(
        i != j and qi != qj and qi in ti and qj in tj
        for i, ti in enumerate(texts)
        for j, tj in enumerate(texts)
        for qi in quotes
        for qj in quotes
    )


@dataclass
class Alarm:
    rule: str
    summary: str
    claims: list[str]


@dataclass
class StoryResult:
    story: str
    folder: str
    documents: int
    findings: int
    planted: int
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    hits: int = 0
    trap_hits: list[str] = field(default_factory=list)
    false_alarms: list[Alarm] = field(default_factory=list)
    trace: dict[str, str] = field(default_factory=dict)
    # Severity of the finding that found each planted contradiction (highest if several).
    severity: dict[str, str] = field(default_factory=dict)


_RANK = {"low": 0, "medium": 1, "high": 2}


def score(labels: Labels, findings: Sequence[Any], documents: int) -> StoryResult:
    """Match a report's findings (objects with ``rule``, ``summary``, ``claims``) to labels."""
    result = StoryResult(
        story=labels.story,
        folder=labels.folder.name,
        documents=documents,
        findings=len(findings),
        planted=len(labels.contradictions),
    )
    found: set[str] = set()
    traps: set[str] = set()
    for finding in findings:
        texts = [normalise(c.text) for c in finding.claims]
        planted = {p.id for p in labels.contradictions if matches_planted(texts, p)}
        if planted:
            found |= planted
            result.hits += 1
            level = str(getattr(finding, "severity", ""))
            for pid in planted:
                if _RANK.get(level, -1) > _RANK.get(result.severity.get(pid, ""), -1):
                    result.severity[pid] = level
            continue
        trapped = {t.id for t in labels.traps if matches_trap(texts, t)}
        if trapped:
            traps |= trapped
            continue
        result.false_alarms.append(Alarm(finding.rule, finding.summary, texts))
    result.found = [p.id for p in labels.contradictions if p.id in found]
    result.missed = [p.id for p in labels.contradictions if p.id not in found]
    result.trap_hits = sorted(traps)
    return result


def make_checker(cache: bool = False) -> Any:
    """One Checker for every story: the models load once."""
    from consist.api import Checker
    from consist.config import Config

    return Checker(Config(cache=cache))


def run(
    folders: Sequence[Path],
    *,
    cache: bool = False,
    trace: bool = False,
    checker: Any | None = None,
) -> list[StoryResult]:
    """Check each story folder with one Checker (models load once) and score it.

    With ``trace``, each missed contradiction gets the stage that lost it (see ``_Spy``)."""
    checker = checker or make_checker(cache)
    spy = _Spy(checker) if trace else None
    results = []
    for folder in folders:
        labels = load_labels(folder)
        if spy:
            spy.reset()
        report = checker.check([folder])
        result = score(labels, report.findings, len(report.documents))
        if spy:
            result.trace = {
                p.id: spy.stage(p) for p in labels.contradictions if p.id in result.missed
            }
        results.append(result)
    return results


class _Spy:
    """Records the candidate pairs and claim features that reach the rules, by wrapping
    the checker's ``_run_rules(pairs, features, topics)`` (a private hook: when it changes,
    the trace says so instead of failing)."""

    def __init__(self, checker: Any) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.features: dict[str, Any] = {}
        self.texts: dict[str, str] = {}
        self.ok = hasattr(checker, "_run_rules")
        if not self.ok:
            return
        original = checker._run_rules

        def spy(pairs: Any, features: Any, topics: Any) -> Any:
            for pair in pairs:
                self.pairs.append((pair.left.id, pair.right.id))
                for claim in (pair.left, pair.right):
                    self.texts[claim.id] = normalise(claim.text)
            self.features.update(features)
            return original(pairs, features, topics)

        checker._run_rules = spy

    def reset(self) -> None:
        self.pairs, self.features, self.texts = [], {}, {}

    def stage(self, planted: Planted) -> str:
        if not self.ok:
            return "trace unavailable"
        a_ids = {i for i, t in self.texts.items() if _contains(t, planted.a)}
        b_ids = {i for i, t in self.texts.items() if _contains(t, planted.b)}
        if any((x in a_ids and y in b_ids) or (x in b_ids and y in a_ids) for x, y in self.pairs):
            return "paired, no rule fired"
        lost = [side for side, ids in (("a", a_ids), ("b", b_ids)) if not ids]
        if lost:
            return f"{' and '.join(lost)} in no candidate pair"
        return "both in pairs, never together"


# -- rules alone (--direct) -----------------------------------------------------------------
@dataclass
class DirectResult:
    """Each labelled pair given straight to the rules (``Checker.compare_many``; every
    a/b combination of ``a_any``/``b_any``): no grouping, no pairing, no document dates.
    Separates rule recall from pipeline recall."""

    folder: str
    planted_flagged: list[str] = field(default_factory=list)
    traps_flagged: list[str] = field(default_factory=list)
    unsplit: list[str] = field(default_factory=list)


def claim_texts(folder: Path) -> list[str]:
    """The claims consist makes of a story's documents (its own sentence splitter)."""
    from consist.claims import split_claims
    from consist.config import Config
    from consist.ingest import read_documents

    documents, _ = read_documents([folder], Config())
    return [c.text for d in documents for c in split_claims(d)]


def _claim_of(quote: str, claims: Sequence[str], result: DirectResult) -> str | None:
    """The first claim containing ``quote``; a quote in no claim is noted as unsplit."""
    hits = [c for c in claims if normalise(quote) in normalise(c)]
    if not hits:
        result.unsplit.append(quote)
    return hits[0] if hits else None


def direct(folders: Sequence[Path], checker: Any | None = None) -> list[DirectResult]:
    checker = checker or make_checker()
    out = []
    for folder in folders:
        labels = load_labels(folder)
        claims = claim_texts(folder)
        result = DirectResult(folder.name)

        jobs: list[tuple[str, str, str, str]] = []  # (kind, id, text a, text b)
        for p in labels.contradictions:
            a_texts = [_claim_of(q, claims, result) for q in p.a]
            b_texts = [_claim_of(q, claims, result) for q in p.b]
            for a in a_texts:
                for b in b_texts:
                    if a and b and a != b:
                        jobs.append(("planted", p.id, a, b))
        for t in labels.traps:
            texts = [_claim_of(q, claims, result) for q in t.quotes[:2]]
            if len(texts) == 2 and texts[0] and texts[1] and texts[0] != texts[1]:
                jobs.append(("trap", t.id, texts[0], texts[1]))
        flagged = checker.compare_many([(a, b) for _, _, a, b in jobs])
        for (kind, ident, _, _), findings in zip(jobs, flagged, strict=True):
            target = result.planted_flagged if kind == "planted" else result.traps_flagged
            if findings and ident not in target:
                target.append(ident)
        out.append(result)
    return out


def print_direct(results: Sequence[DirectResult], folders: Sequence[Path]) -> None:
    print("\n## Rules alone: each labelled pair given to `compare` (no grouping, no dates)\n")
    print("| story | planted flagged | traps flagged | quotes not inside one claim |")
    print("|---|---|---|---|")
    planted = flagged = 0
    for r, folder in zip(results, folders, strict=True):
        n = len(load_labels(folder).contradictions)
        planted += n
        flagged += len(r.planted_flagged)
        print(
            f"| {r.folder} | {len(r.planted_flagged)} / {n} "
            f"({', '.join(r.planted_flagged) or '-'}) | {', '.join(r.traps_flagged) or '-'} | "
            f"{len(r.unsplit)} |"
        )
    print(f"| **total** | {flagged} / {planted} | {sum(len(r.traps_flagged) for r in results)} | |")


# -- output --------------------------------------------------------------------------------
def totals(results: Sequence[StoryResult]) -> dict[str, Any]:
    findings = sum(r.findings for r in results)
    hits = sum(r.hits for r in results)
    planted = sum(r.planted for r in results)
    found = sum(len(r.found) for r in results)
    return {
        "stories": len(results),
        "planted": planted,
        "found": found,
        "recall": round(found / planted, 3) if planted else 0.0,
        "findings": findings,
        "hits": hits,
        "trap_hits": sum(len(r.trap_hits) for r in results),
        "false_alarms": sum(len(r.false_alarms) for r in results),
        "precision": round(hits / findings, 3) if findings else 0.0,
    }


def print_table(results: Sequence[StoryResult], verbose: bool) -> None:
    print("| story | docs | found / planted | missed | trap hits | false alarms | findings |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r.folder} | {r.documents} | {len(r.found)} / {r.planted} | "
            f"{', '.join(r.missed) or '-'} | {', '.join(r.trap_hits) or '-'} | "
            f"{len(r.false_alarms)} | {r.findings} |"
        )
    t = totals(results)
    print(
        f"| **total** | | {t['found']} / {t['planted']} | | {t['trap_hits']} | "
        f"{t['false_alarms']} | {t['findings']} |"
    )
    print(
        f"\nrecall {t['recall']:.2f} (found / planted), precision {t['precision']:.2f} "
        f"(findings matching a planted contradiction / all findings)"
    )
    traced = [(r.folder, pid, stage) for r in results for pid, stage in r.trace.items()]
    if traced:
        print("\n## Where each missed contradiction was lost\n")
        print("| story | contradiction | stage |")
        print("|---|---|---|")
        for folder, pid, stage in traced:
            print(f"| {folder} | {pid} | {stage} |")
        stages: dict[str, int] = {}
        for _, _, stage in traced:
            stages[stage] = stages.get(stage, 0) + 1
        print("\n" + ", ".join(f"{n} {stage}" for stage, n in sorted(stages.items())))
    if verbose:
        for r in results:
            for pid, level in r.severity.items():
                print(f"\n[{r.folder}] found {pid} ({level or 'no severity'})")
        for r in results:
            for alarm in r.false_alarms:
                print(f"\n[{r.folder}] false alarm {alarm.rule}: {alarm.summary}")
                for text in alarm.claims:
                    print(f"    - {text}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--story", help="run one story (folder name or its `story:` label)")
    parser.add_argument("--json", metavar="OUT", help="write per-story and total numbers here")
    parser.add_argument("--verbose", action="store_true", help="print each false alarm")
    parser.add_argument(
        "--cache", action="store_true", help="use consist's cache (default: no cache)"
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="say for each missed contradiction whether its claims were paired at all",
    )
    parser.add_argument(
        "--direct",
        action="store_true",
        help="also give each labelled pair straight to the rules (compare), to tell rule "
        "misses from pairing misses",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    folders = story_folders(args.story)
    checker = make_checker(args.cache)
    results = run(folders, trace=args.trace, checker=checker)
    print_table(results, args.verbose)
    payload: dict[str, Any] = {"stories": [asdict(r) for r in results], "total": totals(results)}
    if args.direct:
        direct_results = direct(folders, checker)
        print_direct(direct_results, folders)
        payload["direct"] = [asdict(r) for r in direct_results]
    if args.json:
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

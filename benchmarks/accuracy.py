"""Accuracy of consist's rules on labelled data in ../shared/eval (not a test).

1. Sentence pairs (``pairs/dev/*.jsonl`` by default): runs ``consist compare --pairs``
   on each set and prints precision, recall and F1 of the contradiction class, per set
   and per tag where a set has tags.
2. News clusters (``news/gva_incident_clusters.jsonl``): for a seeded sample of
   incidents, the killed and injured figures consist reads from each article, and how
   often they match the Gun Violence Archive's official counts.

Tune on dev only. ``--split test`` exists so maintainers can measure; don't tune on it.

usage: python benchmarks/accuracy.py [--split dev] [--sets a,b] [--incidents 200] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run_compare(path: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        cmd = [
            sys.executable,
            "-m",
            "consist",
            "compare",
            "--pairs",
            str(path),
            "--output",
            str(out),
        ]
        # compare --pairs exits 1 when any pair has findings (like check); 2 is an error.
        proc = subprocess.run(cmd, check=False, cwd=ROOT)
        if proc.returncode not in (0, 1):
            raise subprocess.CalledProcessError(proc.returncode, cmd)
        return {
            str(row["id"]): row["label"]
            for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())
        }


def score_set(path: Path) -> list[tuple[str, int, float, float, float, float]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    predicted = run_compare(path)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        gold = row["label"] == "contradiction"
        pred = predicted.get(str(row["id"])) == "contradiction"
        outcome = "tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"
        for tag in ["(all)", *row.get("tags", [])]:
            counts[tag][outcome] += 1
    lines = []
    for tag, c in sorted(counts.items(), key=lambda kv: (kv[0] != "(all)", kv[0])):
        n = sum(c.values())
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        fpr = c["fp"] / (c["fp"] + c["tn"]) if c["fp"] + c["tn"] else 0.0
        lines.append((tag, n, p, r, f, fpr))
    return lines


def pairs_report(split: str, only: set[str]) -> None:
    print(f"## Sentence pairs ({split}): contradiction class\n")
    print("| set | tag | pairs | precision | recall | F1 | false-positive rate |")
    print("|---|---|---|---|---|---|---|")
    for path in sorted((EVAL / "pairs" / split).glob("*.jsonl")):
        if only and path.stem not in only:
            continue
        for tag, n, p, r, f, fpr in score_set(path):
            if tag != "(all)" and n < 20:
                continue
            print(f"| {path.stem} | {tag} | {n} | {p:.2f} | {r:.2f} | {f:.2f} | {fpr:.2f} |")
    print()


def news_report(incidents: int, seed: int) -> None:
    import random

    from consist.claims import split_claims
    from consist.features import claim_features
    from consist.types import Document

    source = EVAL / "news" / "gva_incident_clusters.jsonl"
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    sample = random.Random(seed).sample(rows, min(incidents, len(rows)))
    stats: Counter[str] = Counter()
    for incident in sample:
        for article in incident["documents"]:
            text = article.get("content") or ""
            doc = Document(
                id="a",
                path="a",
                text=text,
                lines=tuple(range(1, text.count("\n") + 2)),
                published=article.get("dct"),
            )
            figures = _first_figures(split_claims(doc), claim_features)
            for measure, official in (
                ("killed", incident["num_killed"]),
                ("injured", incident["num_injured"]),
            ):
                if measure not in figures:
                    continue
                low, high = figures[measure]
                stats[f"{measure}_found"] += 1
                stats[f"{measure}_match"] += int(low <= official <= high)
            stats["articles"] += 1
    print(f"## News clusters: figures vs official counts ({len(sample)} incidents, seed {seed})\n")
    print("| measure | articles | figure found | matches official | match rate |")
    print("|---|---|---|---|---|")
    for measure in ("killed", "injured"):
        found, match = stats[f"{measure}_found"], stats[f"{measure}_match"]
        rate = match / found if found else 0.0
        print(f"| {measure} | {stats['articles']} | {found} | {match} | {rate:.2f} |")
    print()


def _first_figures(claims, claim_features):  # type: ignore[no-untyped-def]
    """The first figure an article gives for killed and for injured (its headline figure)."""
    found: dict[str, tuple[float, float]] = {}
    for claim in claims:
        for q in claim_features(claim).quantities:
            if q.measure in ("killed", "injured") and not q.derived and q.measure not in found:
                found[q.measure] = (q.low, q.high)
        if len(found) == 2:
            break
    return found


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    ap.add_argument("--incidents", type=int, default=200, help="news incidents sampled (0: skip)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}; nothing to measure")
        return
    pairs_report(a.split, {s for s in a.sets.split(",") if s})
    if a.incidents:
        news_report(a.incidents, a.seed)


if __name__ == "__main__":
    main()

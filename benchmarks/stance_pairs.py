"""Contradiction detection of ``compare`` on labelled sentence pairs, with MCC (not a test).

Runs ``Checker.compare_many`` (all default rules, as ``consist compare --pairs`` does) on
each set and prints, per set and per tag: pairs, precision, recall, false-positive rate
and the Matthews correlation of "some finding" with the gold label "contradiction".
Tune on ``--split dev`` only; ``test`` is for reporting.

usage: python benchmarks/stance_pairs.py [--split dev] [--sets nan_nli,rte3] [--tag Negation]
       [--select STN001] [--limit N] [--show-fp N] [--show-fn N]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's consist, not an installed one
EVAL = ROOT.parent / "shared" / "eval" / "pairs"


def mcc(c: Counter[str]) -> float:
    tp, fp, fn, tn = c["tp"], c["fp"], c["fn"], c["tn"]
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / den if den else 0.0


def main() -> None:
    from consist.api import Checker
    from consist.config import Config

    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sets", default="")
    parser.add_argument("--tag", default="")
    parser.add_argument("--select", default="")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show-fp", type=int, default=0)
    parser.add_argument("--show-fn", type=int, default=0)
    args = parser.parse_args()
    config = Config()
    if args.select:
        config = Config(select=tuple(args.select.split(",")))
    checker = Checker(config)
    only = set(filter(None, args.sets.split(",")))
    print("| set | tag | pairs | contradictions | precision | recall | FPR | MCC |")
    print("|---|---|---|---|---|---|---|---|")
    for path in sorted((EVAL / args.split).glob("*.jsonl")):
        if only and path.stem not in only:
            continue
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        if args.tag:
            rows = [r for r in rows if args.tag in r.get("tags", [])]
        if args.limit:
            rows = rows[: args.limit]
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        shown = missed = 0
        results = checker.compare_many((r["premise"], r["hypothesis"]) for r in rows)
        for row, findings in zip(rows, results, strict=True):
            gold = row["label"] == "contradiction"
            pred = bool(findings)
            outcome = "tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"
            if outcome == "fp" and shown < args.show_fp:
                shown += 1
                print(f"FP {row['premise']!r} / {row['hypothesis']!r}: {findings[0].summary}")
            if outcome == "fn" and missed < args.show_fn:
                missed += 1
                print(f"FN {row['premise']!r} / {row['hypothesis']!r}")
            for tag in ["(all)", *row.get("tags", [])]:
                counts[tag][outcome] += 1
        for tag, c in sorted(counts.items(), key=lambda kv: (kv[0] != "(all)", kv[0])):
            n = sum(c.values())
            if tag != "(all)" and tag != args.tag and n < 40:
                continue
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            fpr = c["fp"] / (c["fp"] + c["tn"]) if c["fp"] + c["tn"] else 0.0
            print(
                f"| {path.stem} | {tag} | {n} | {c['tp'] + c['fn']} | {p:.2f} | {r:.2f} |"
                f" {fpr:.3f} | {mcc(c):.2f} |"
            )


if __name__ == "__main__":
    main()

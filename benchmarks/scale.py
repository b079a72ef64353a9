"""Speed and memory of ``consist check`` on real news archives (not a test).

For each size N it writes a seeded sample of Gun Violence Archive incidents (whole
incidents, until there are at least N articles) into one flat temporary folder with
``../shared/eval/gva_export.py --flat``, then, each in a fresh process:

* **cold**: ``consist check`` with an empty cache dir (model loading included);
* **warm**: the same after editing one article (one figure changed), cache kept;
* **baseline**: read the same documents, split every sentence and embed them all with
  the same model (what a naive checker costs).

It records wall time, articles per second, peak RSS, each stage's share of the cold run
(``Checker.timings_``), and whether any finding pairs articles of different incidents
(the incident id is the file name's prefix). The text is copyrighted: it is written only
under the system temp dir and deleted afterwards.

With ``--engine ray`` it compares engines instead: for each size, a cold run of the
local engine and a cold run of ``--engine ray`` for each ``--ray-cpus`` value (a local
Ray started by the run, its start-up included), each in a fresh process with an empty
cache; wall time, articles per second, the driver's peak RSS (Ray's workers are other
processes) and whether the report's SHA-256 equals the local engine's.

usage: python benchmarks/scale.py [--sizes 100,400] [--seed 0] [--no-baseline] [--json F]
       python benchmarks/scale.py --engine ray [--ray-cpus 1,2] [--sizes 400,1600]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
CLUSTERS = EVAL / "news" / "gva_incident_clusters.jsonl"
EXPORT = EVAL / "gva_export.py"


def sample_incidents(n_articles: int, seed: int) -> list[str]:
    """Incident ids, in a seeded order, until they hold at least ``n_articles``."""
    rows = [json.loads(line) for line in CLUSTERS.open(encoding="utf-8")]
    rows.sort(key=lambda r: r["incident_id"])
    random.Random(seed).shuffle(rows)
    chosen: list[str] = []
    total = 0
    for row in rows:
        if total >= n_articles:
            break
        chosen.append(row["incident_id"])
        total += len(row["documents"])
    return chosen


def export(n_articles: int, seed: int, out: Path) -> int:
    ids = sample_incidents(n_articles, seed)
    cmd = [sys.executable, str(EXPORT), str(out), "--ids", ",".join(ids), "--flat"]
    subprocess.run(cmd, check=True, capture_output=True)
    return len(list(out.glob("*.txt")))


def edit_one(folder: Path) -> Path:
    """Change one article the way a user would: a figure in its body."""
    path = sorted(folder.glob("*.txt"))[len(list(folder.glob("*.txt"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nPolice said 7 people were injured in the shooting.\n", "utf-8")
    return path


# -- workers: each runs in its own process so peak RSS is its own ---------------------
def work_check(folder: str, cache: str, engine: str = "local", cpus: str = "0") -> dict[str, Any]:
    from consist.config import Config
    from consist.engine import make_checker

    start = time.perf_counter()
    checker = make_checker(Config(cache_dir=cache), engine=engine, ray_cpus=int(cpus))
    report = checker.check([folder])
    wall = time.perf_counter() - start
    findings = [[c.path for c in f.claims] for f in report.findings]
    from consist.report.json import render  # type: ignore[attr-defined]

    digest = hashlib.sha256(render(report).encode()).hexdigest()
    found = json.dumps(json.loads(render(report))["findings"], sort_keys=True)
    return {
        "wall": wall,
        "timings": dict(getattr(checker, "timings_", {})),
        "findings": findings,
        "meta": report.meta,
        "digest": digest,
        "findings_digest": hashlib.sha256(found.encode()).hexdigest(),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def work_baseline(folder: str) -> dict[str, Any]:
    from consist.claims import split_claims
    from consist.config import Config
    from consist.embed import SentenceTransformerEmbedder
    from consist.ingest import read_documents

    start = time.perf_counter()
    documents, _ = read_documents([folder], Config())
    texts = [c.text for d in documents for c in split_claims(d)]
    SentenceTransformerEmbedder(batch_size=64).encode(texts)
    return {
        "wall": time.perf_counter() - start,
        "sentences": len(texts),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_worker(*args: str) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", *args]
    # This checkout's consist, not whichever one the interpreter has installed.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def incidents_by_doc() -> dict[str, frozenset[str]]:
    """Every incident an article is filed under: GVA files a few articles under two."""
    out: dict[str, set[str]] = {}
    for line in CLUSTERS.open(encoding="utf-8"):
        row = json.loads(line)
        for doc in row["documents"]:
            out.setdefault(doc["doc_id"], set()).add(row["incident_id"])
    return {k: frozenset(v) for k, v in out.items()}


def cross_incident(findings: list[list[str]], filed: dict[str, frozenset[str]]) -> int:
    """Findings whose articles share no incident (file names are <incident>-<doc>.txt)."""
    count = 0
    for paths in findings:
        sets = [filed.get(Path(p).stem.split("-", 1)[-1], frozenset()) for p in paths]
        if not frozenset.intersection(*sets):
            count += 1
    return count


def measure(n: int, seed: int, baseline: bool) -> dict[str, Any]:
    filed = incidents_by_doc()
    tmp = Path(tempfile.mkdtemp(prefix="consist-scale-"))
    try:
        folder, cache = tmp / "articles", tmp / "cache"
        articles = export(n, seed, folder)
        cold = run_worker("check", str(folder), str(cache))
        warm_same = run_worker("check", str(folder), str(cache))
        edit_one(folder)
        warm = run_worker("check", str(folder), str(cache))
        base = run_worker("baseline", str(folder)) if baseline else None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "n": articles,
        "cold": cold,
        "warm": warm,
        "same_report_cold_warm": cold["digest"] == warm_same["digest"],
        "same_findings_cold_warm": cold.get("findings_digest") == warm_same.get("findings_digest"),
        "cross": cross_incident(cold["findings"], filed) + cross_incident(warm["findings"], filed),
        "baseline": base,
    }


def measure_engines(n: int, seed: int, cpus: list[int]) -> dict[str, Any]:
    """Cold runs of the local engine and of the Ray engine at each CPU count."""
    tmp = Path(tempfile.mkdtemp(prefix="consist-scale-"))
    try:
        folder = tmp / "articles"
        articles = export(n, seed, folder)
        runs = [("local", 0, run_worker("check", str(folder), str(tmp / "cache-local")))]
        for k in cpus:
            cache = str(tmp / f"cache-ray-{k}")
            runs.append(("ray", k, run_worker("check", str(folder), cache, "ray", str(k))))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"n": articles, "runs": runs}


def engine_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | engine | CPUs | wall s | articles/s | driver peak RSS MiB | findings "
        "| report SHA-256 | = local |",
        "|" + "---|" * 9,
    ]
    for r in results:
        local = r["runs"][0][2]["digest"]
        for engine, cpus, run in r["runs"]:
            lines.append(
                f"| {r['n']} | {engine} | {cpus or '-'} | {run['wall']:.1f} "
                f"| {r['n'] / run['wall']:.1f} | {run['rss_mb']:.0f} | {len(run['findings'])} "
                f"| `{run['digest'][:12]}` | {run['digest'] == local} |"
            )
    return "\n".join(lines)


def table(results: list[dict[str, Any]]) -> str:
    head = (
        "| articles | cold s | articles/s | peak RSS MiB | re-run after 1 edit s (% of cold) "
        "| baseline s | baseline articles/s | baseline RSS MiB | findings | cross-incident "
        "| cold = warm report (findings) |\n|" + "---|" * 11
    )
    lines = [head]
    for r in results:
        c, w, b = r["cold"], r["warm"], r["baseline"]
        base = (
            f"{b['wall']:.1f} | {r['n'] / b['wall']:.1f} | {b['rss_mb']:.0f}" if b else "– | – | –"
        )
        lines.append(
            f"| {r['n']} | {c['wall']:.1f} | {r['n'] / c['wall']:.1f} | {c['rss_mb']:.0f} "
            f"| {w['wall']:.1f} ({100 * w['wall'] / c['wall']:.0f}%) | {base} "
            f"| {len(c['findings'])} | {r['cross']} | {r['same_report_cold_warm']} "
            f"({r.get('same_findings_cold_warm')}) |"
        )
    return "\n".join(lines)


def stage_table(results: list[dict[str, Any]]) -> str:
    stages = sorted({s for r in results for s in r["cold"]["timings"]})
    if not stages:
        return ""
    lines = ["| stage | " + " | ".join(f"{r['n']} cold" for r in results) + " |"]
    lines.append("|---|" + "---|" * len(results))
    for stage in stages:
        cells = []
        for r in results:
            t = r["cold"]["timings"].get(stage, 0.0)
            cells.append(f"{t:.1f} s ({100 * t / r['cold']['wall']:.0f}%)")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        kind, *args = sys.argv[2:]
        result = work_check(*args) if kind == "check" else work_baseline(*args)
        print(json.dumps(result))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,400")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", help="also write the raw figures to this file")
    ap.add_argument("--engine", choices=["local", "ray"], default="local")
    ap.add_argument("--ray-cpus", default="1,2", help="with --engine ray: CPU counts to run")
    a = ap.parse_args()
    if not CLUSTERS.exists():
        sys.exit(f"skipped: {CLUSTERS} not found")
    if a.engine == "ray":
        cpus = [int(k) for k in a.ray_cpus.split(",")]
        results = []
        for n in (int(s) for s in a.sizes.split(",")):
            results.append(measure_engines(n, a.seed, cpus))
            print(f"measured {results[-1]['n']} articles", file=sys.stderr, flush=True)
            print(engine_table(results[-1:]), file=sys.stderr, flush=True)
        if a.json:
            Path(a.json).write_text(json.dumps(results, indent=1, sort_keys=True), "utf-8")
        print(engine_table(results))
        return
    results = []
    for n in (int(s) for s in a.sizes.split(",")):
        results.append(measure(n, a.seed, not a.no_baseline))
        print(f"measured {results[-1]['n']} articles", file=sys.stderr, flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1, sort_keys=True), "utf-8")
    print(table(results))
    print()
    print(stage_table(results))


if __name__ == "__main__":
    main()

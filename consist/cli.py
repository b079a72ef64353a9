"""The command line: parse arguments, call the API, print a report, choose the exit code.

Exit codes: 0 no (new) findings at or above --fail-on; 1 findings; 2 usage, config,
input-path or baseline error. Logic lives in the library, not here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from consist import __version__
from consist.config import Config, ConfigError, load_config
from consist.errors import guarded, stage
from consist.outputs import OutputError, check_output_path, write_atomic
from consist.safe_text import safe_line
from consist.types import Finding, Report

if TYPE_CHECKING:
    from consist.api import Checker

T = TypeVar("T")

app = typer.Typer(
    name="consist",
    help=(
        "Find where your sources disagree.\n\n"
        "consist reads a folder of documents, breaks them into claims and compares claims "
        "from different sources with numeric, stance and temporal rules.\n\n"
        "Start with:  consist check seeds/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)

_SEVERITY = {"low": 0, "medium": 1, "high": 2}


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"consist: error: {safe_line(message)}", err=True)
    return typer.Exit(2)


def _progress(items: Iterable[T], label: str) -> Iterable[T]:
    """A progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    sequence = list(items)
    if len(sequence) < 50:
        return sequence
    return track(sequence, description=label, console=Console(stderr=True), transient=True)


def _config(
    config_file: Path | None,
    paths: list[str] | None = None,
    verbose: bool = False,
    **overrides: Any,
) -> Config:
    from consist.config import config_source, start_folder

    start = start_folder(paths) if paths else None
    if verbose:
        source = config_source(config_file, start)
        shown = source or "defaults (no [tool.consist] found)"
        typer.echo(safe_line(f"consist: config: {shown}"), err=True)
    try:
        return load_config(config_file, start=start, **overrides)
    except ConfigError as exc:
        raise _fail(str(exc)) from exc


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    """``--select NUM,TMP001 --select STN`` -> ("NUM", "TMP001", "STN"), ruff style."""
    if not values:
        return None
    codes = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    return codes or None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with stage("write"):
        write_atomic(output, text)


@app.command()
@guarded("check")
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check; '-' reads stdin.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Report format.")
    ] = Format.markdown,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero", help="Exit 0 even when there are findings (usage errors still exit 2)."
        ),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that makes the run fail (default: low)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")
    ] = False,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="A pyproject.toml or a TOML file with consist's keys."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Rule codes or prefixes to run, comma-separated (NUM,TMP001)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Rule codes or prefixes to skip, comma-separated."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Record today's findings in FILE and exit 0."),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Fail only on findings not recorded in FILE.")
    ] = None,
    strict_baseline: Annotated[
        bool,
        typer.Option(
            "--strict-baseline",
            help="With --baseline, also fail when recorded findings no longer occur.",
        ),
    ] = False,
    engine: Annotated[
        str | None,
        typer.Option("--engine", help="Where to run: local (default) or ray (a Ray cluster)."),
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address", help="Ray cluster to join (auto, ray://host:port); none starts one."
        ),
    ] = None,
    ray_cpus: Annotated[
        int | None,
        typer.Option("--ray-cpus", help="CPUs of a local Ray and actors per stage (0: all)."),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Say which config file was used; on an internal error, print the traceback.",
        ),
    ] = False,
) -> None:
    """Check documents for contradictions between sources.

    Reads .txt, .md, .html, .json and .jsonl files (folders recursively), splits them into
    claims, and reports pairs of claims from different sources that cannot both be true.

    Examples:

      consist check seeds/

      consist check docs/ --format json --output report.json

      consist check docs/ --baseline consist-baseline.json --fail-on medium
    """
    from consist.api import NoDocumentsError
    from consist.ingest import PathError

    if strict_baseline and baseline is None:
        raise _fail("--strict-baseline needs --baseline FILE")
    if baseline is not None and write_baseline is not None:
        raise _fail("--baseline and --write-baseline cannot be used together")
    config = _config(
        config_file,
        paths,
        verbose,
        fail_on=fail_on.value if fail_on else None,
        cache=False if no_cache else None,
        select=_codes(select),
        ignore=_codes(ignore),
        engine=engine,
        ray_address=ray_address,
        ray_cpus=ray_cpus,
    )
    _check_outputs(output=output, write_baseline=write_baseline)
    recorded = _load_baseline(baseline) if baseline else None
    try:
        checker = _checker(config)
        stdin = sys.stdin if "-" in paths else None
        report = checker.check(paths, stdin=stdin)
    except (PathError, NoDocumentsError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    for error in report.errors:
        typer.echo(safe_line(f"consist: {error.path}: {error.message}"), err=True)
    for warning in report.warnings:
        typer.echo(safe_line(f"consist: warning: {warning}"), err=True)
    if write_baseline:
        from consist.baseline import write_baseline as save

        with stage("write"):
            save(write_baseline, report.findings)
        typer.echo(
            safe_line(f"consist: wrote {len(report.findings)} finding(s) to {write_baseline}"),
            err=True,
        )
    stale: tuple[dict[str, Any], ...] = ()
    if recorded is not None:
        from consist.baseline import apply_baseline

        marked, stale = apply_baseline(report.findings, recorded)
        report = _replace(report, findings=tuple(marked), fixed=tuple(stale))
    _render(report, format, output)
    if write_baseline or exit_zero:
        raise typer.Exit(0)
    failing = _failing(report.findings, config.fail_on, baselined=recorded is not None)
    raise typer.Exit(1 if failing or (strict_baseline and stale) else 0)


def _checker(config: Config) -> Checker:
    """The engine's checker; a missing optional engine is a usage error (exit 2)."""
    from consist.engine import EngineUnavailable, make_checker

    try:
        return make_checker(config, progress=_progress, show_counts=True)
    except EngineUnavailable as exc:
        raise _fail(str(exc)) from exc


def _check_outputs(**paths: Path | None) -> None:
    """Every file the run will write must be writable before the run starts (exit 2)."""
    for name, path in paths.items():
        if path is not None:
            try:
                check_output_path(path, "--" + name.replace("_", "-"))
            except OutputError as exc:
                raise _fail(str(exc)) from exc


def _replace(report: Report, **changes: Any) -> Report:
    import dataclasses

    return dataclasses.replace(report, **changes)


def _load_baseline(path: Path) -> Any:
    from consist.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise _fail(str(exc)) from exc


def _render(report: Report, format: Format, output: Path | None) -> None:
    from consist.report import render

    with stage("report"):
        text = render(report, format.value)
    _emit(text, output)
    if format is Format.github:
        from consist.report.github import write_step_summary
        from consist.report.markdown import render as markdown

        write_step_summary(report, markdown(report))


def _failing(findings: Iterable[Finding], fail_on: str, *, baselined: bool) -> list[Finding]:
    floor = _SEVERITY[fail_on]
    return [
        f
        for f in findings
        if _SEVERITY.get(f.severity, 0) >= floor and (not baselined or f.baseline == "new")
    ]


@app.command()
@guarded("compare")
def compare(
    text_a: Annotated[str | None, typer.Argument(help="First text.")] = None,
    text_b: Annotated[str | None, typer.Argument(help="Second text.")] = None,
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", help='JSON Lines of {"id", "premise", "hypothesis"} rows.'),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="markdown or json for one pair; jsonl for --pairs."),
    ] = "",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="A TOML config file.")
    ] = None,
) -> None:
    """Compare two texts as two sources, or a labelled batch of pairs.

    Examples:

      consist compare "About 300 soldiers were killed." "4,000 soldiers were killed."

      consist compare --pairs dev.jsonl --output predictions.jsonl

    With --pairs, writes one JSON object per input row, in order:
    {"id", "label": "contradiction" | "none", "findings": [...]}.
    """
    from consist.api import Checker

    config = _config(config_file)
    _check_outputs(output=output)
    checker = Checker(config, progress=_progress)
    if pairs is not None:
        if text_a or text_b:
            raise _fail("give either two texts or --pairs FILE, not both")
        flagged = _compare_pairs(checker, pairs, output)
        raise typer.Exit(1 if flagged else 0)
    if text_a is None or text_b is None:
        raise _fail("compare needs two texts (or --pairs FILE)")
    findings = checker.compare(text_a, text_b)
    report = Report(documents=(), findings=findings)
    fmt = format or "markdown"
    if fmt not in ("markdown", "json"):
        raise _fail("--format for one pair is markdown or json")
    _render(report, Format(fmt), output)
    raise typer.Exit(1 if findings else 0)


def _compare_pairs(checker: Any, path: Path, output: Path | None) -> int:
    """Write one prediction per row; the number of rows with findings (for the exit code)."""
    from consist.report.json import finding_to_dict

    rows = _read_pairs(path)
    results = checker.compare_many((r["premise"], r["hypothesis"]) for r in rows)
    lines = []
    flagged = 0
    for row, findings in zip(_progress(rows, "Comparing pairs"), results, strict=True):
        label = "contradiction" if findings else "none"
        flagged += bool(findings)
        record = {
            "id": row.get("id"),
            "label": label,
            "findings": [finding_to_dict(f) for f in findings],
        }
        lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    _emit("\n".join(lines) + ("\n" if lines else ""), output)
    return flagged


def _read_pairs(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise _fail(f"pairs file not found: {path}")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not {"premise", "hypothesis"} <= set(row):
            raise _fail(f"{path}:{number}: a row needs 'premise' and 'hypothesis'")
        rows.append(row)
    return rows


@app.command()
@guarded("diff")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier JSON report.")],
    new: Annotated[Path, typer.Argument(help="The later JSON report.")],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """New, fixed and unchanged findings between two JSON reports, as Markdown.

    Either side may be a baseline file (--write-baseline) instead of a JSON report.
    """
    from consist.diff import diff_reports, read_side

    _check_outputs(output=output)

    reports = []
    for path in (old, new):
        try:
            reports.append(read_side(path))
        except (OSError, ValueError) as exc:
            raise _fail(f"cannot read report {path}: {exc}") from exc
    _emit(diff_reports(reports[0], reports[1]), output)


@app.command()
def rules() -> None:
    """List every rule with its code, kind, status and summary."""
    from consist.rules import all_codes, rule_class

    for code in all_codes():
        cls = rule_class(code)
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        typer.echo(f"{code}  {cls.name:<20} {cls.kind:<9} {cls.status:<7} {summary}")


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code, e.g. NUM001.")]) -> None:
    """Show one rule's documentation."""
    import inspect

    from consist.rules import all_codes, rule_class

    if code.upper() not in all_codes():
        raise _fail(f"unknown rule {code}; see 'consist rules'")
    cls = rule_class(code.upper())
    from consist.severity import policy_text

    typer.echo(f"{cls.code} ({cls.name}, {cls.kind}, {cls.status})\n")
    typer.echo(inspect.cleandoc(cls.__doc__ or ""))
    if cls.default_options:
        typer.echo("\nOptions ([tool.consist.rules." + cls.code + "]):")
        for key, value in sorted(cls.default_options.items()):
            typer.echo(f"  {key} = {value!r}")
    typer.echo("\n" + policy_text())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"consist {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Find where your sources disagree."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()

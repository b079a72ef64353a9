"""The input stage: paths on the command line in, ``Document`` values out.

This is the only stage that touches the file system for documents. It decides which
files to read (walking folders, skipping hidden folders, consist's own outputs and the
``exclude`` patterns), reads them with a size limit, and hands the decoded text to the
format readers in ``consist.readers``. Anything wrong with a file becomes an
``InputError`` and the run goes on: one bad file in a folder of a thousand should cost
that file, not the run. Only a path that does not exist raises (``PathError``), because
that is a typing mistake the user wants to hear about at once (exit 2).

Output is deterministic: documents and errors are sorted by path, and paths are shown
relative to the current directory (POSIX form) when they are under it, else as given.
We never make a path absolute, so reports do not leak where a checkout lives.
"""

from __future__ import annotations

import errno
import fnmatch
import json
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from consist.config import Config, ConfigError
from consist.readers.common import Unusable, normalise_newlines
from consist.readers.decode import decode, looks_binary
from consist.readers.html import read_html
from consist.readers.records import read_json, read_jsonl
from consist.readers.text import read_text
from consist.safe_text import safe_path
from consist.types import Document, InputError

try:
    from pathspec import GitIgnoreSpec
except ImportError:  # pragma: no cover - pathspec is a dependency; this is a fallback
    GitIgnoreSpec = None  # type: ignore[assignment,misc]

__all__ = ["SUPPORTED", "PathError", "read_documents"]

SUPPORTED: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}
STDIN_PATH = "<stdin>"
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", ".venv", ".consist-cache"})
REPORT_MARKER = b"<!-- consist-report -->"
OWN_SCHEMAS = frozenset({"consist/1", "consist-baseline/1"})
# A report or baseline bigger than this is not one of ours in practice; reading the
# whole file to find its "schema" key would cost more than it could save.
OWN_OUTPUT_MAX_BYTES = 20_000_000


class PathError(ValueError):
    """A path named on the command line does not exist (a usage error: exit 2)."""


@dataclass(frozen=True)
class _Source:
    """A file to read: ``path`` as shown in reports, ``fs_path`` as opened."""

    path: str
    fs_path: str
    walked: bool


@dataclass
class _Found:
    sources: list[_Source] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def read_documents(
    paths: Sequence[str | Path], config: Config, *, stdin: IO[str] | None = None
) -> tuple[list[Document], list[InputError]]:
    """Read every document named by ``paths`` (files, folders, or ``-`` for stdin).

    Returns the documents sorted by path (records of one file in file order) and the
    errors for files or records that could not be used, also sorted by path. Raises
    ``PathError`` if a path does not exist, before anything is read, and
    ``ConfigError`` for an ``exclude`` pattern that cannot be parsed.

    Formats go by extension: ``.txt``/``.md``/``.markdown`` (text with optional YAML
    front matter, see ``consist.readers.text``), ``.html``/``.htm`` (visible main text,
    ``consist.readers.html``), ``.jsonl``/``.json`` (one document per record; field
    names from ``json_*_field`` with fallbacks such as ``content``/``body`` for the
    text and ``date``/``dct`` for the date, listed in ``consist.readers.records``).
    Standard input (``-``) is one text document with path ``<stdin>``.
    """
    given = list(dict.fromkeys(os.fspath(path) for path in paths))
    _check_exist(given)
    found = _collect([path for path in given if path != "-"], config)
    documents: list[Document] = []
    errors = list(found.errors)
    for source in found.sources:
        docs, bad = _read_source(source, config)
        documents.extend(docs)
        errors.extend(bad)
    if "-" in given:
        docs, bad = _read_stdin(stdin if stdin is not None else sys.stdin, config)
        documents.extend(docs)
        errors.extend(bad)
    documents.sort(key=lambda doc: doc.path)
    return documents, sorted(dict.fromkeys(errors), key=lambda error: error.path)


def _check_exist(given: Sequence[str]) -> None:
    missing = [path for path in given if path != "-" and not os.path.lexists(path)]
    if missing:
        raise PathError("no such file or folder: " + ", ".join(missing))


# -- choosing files ----------------------------------------------------------------------


def _collect(given: Sequence[str], config: Config) -> _Found:
    """The files to read, in argument order, each real file once."""
    found = _Found()
    excluder = _Excluder(config.exclude)
    for path in given:
        if os.path.isdir(path):
            walked = _Walker(path, config, excluder).walk()
            found.sources.extend(walked.sources)
            found.errors.extend(walked.errors)
        elif os.path.isfile(path):
            _add_named_file(path, found)
        else:
            found.errors.append(InputError(_display(path), _special_file_problem(path)))
    found.sources = _unique(found.sources)
    return found


def _add_named_file(path: str, found: _Found) -> None:
    """A file named on the command line is read whatever ``exclude`` says (as in ruff)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in SUPPORTED:
        found.sources.append(_Source(_display(path), path, walked=False))
        return
    kind = f"'{suffix}'" if suffix else "(no extension)"
    supported = ", ".join(SUPPORTED)
    found.errors.append(
        InputError(_display(path), f"unsupported file type {kind}; consist reads {supported}")
    )


def _unique(sources: Iterable[_Source]) -> list[_Source]:
    """Drop files reached twice (two arguments, or a symlink to a file already read)."""
    seen: set[str] = set()
    unique: list[_Source] = []
    for source in sources:
        real = os.path.realpath(source.fs_path)
        if real not in seen:
            seen.add(real)
            unique.append(source)
    return unique


def _special_file_problem(path: str) -> str:
    """Why an existing path is neither a file nor a folder we can read."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_reason(exc)
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"not a regular file or folder: {kind}; not read"


class _Walker:
    """Walks one folder given on the command line, depth first in name order.

    Symlinks are followed, so a link to another folder of articles is read; a link back
    to a folder above it (a loop) is reported once and not followed, and a folder
    reached a second time through another link is skipped quietly.
    """

    def __init__(self, root: str, config: Config, excluder: _Excluder) -> None:
        self._root = root
        self._excluder = excluder
        self._cache = os.path.realpath(config.cache_dir)
        # A folder named on the command line is read even if an exclude pattern covers
        # it (`consist check fixtures/` with `exclude = ["fixtures/"]`), so cwd-relative
        # patterns only apply below it when it is not itself excluded.
        root_rel = _cwd_relative(root)
        self._use_cwd = root_rel is None or root_rel == "." or not excluder.match(root_rel + "/")
        self._visited = {os.path.realpath(root)}
        self._found = _Found()

    def walk(self) -> _Found:
        root_real = os.path.realpath(self._root)
        stack: list[tuple[str, str, tuple[tuple[str, str], ...]]] = [
            (self._root, "", ((root_real, self._root),))
        ]
        while stack:
            folder, rel, ancestors = stack.pop()
            stack.extend(reversed(self._visit(folder, rel, ancestors)))
        return self._found

    def _visit(
        self, folder: str, rel: str, ancestors: tuple[tuple[str, str], ...]
    ) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
        """Record the files in ``folder``; return its subfolders to walk."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            self._error(folder, f"cannot read folder: {_os_reason(exc)}")
            return []
        subfolders = []
        for entry in entries:
            if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
                continue
            path = os.path.join(folder, entry.name)
            child_rel = f"{rel}/{entry.name}" if rel else entry.name
            if _is_dir(entry):
                child = self._folder(path, child_rel, ancestors)
                if child is not None:
                    subfolders.append(child)
            else:
                self._file(entry, path, child_rel)
        return subfolders

    def _folder(
        self, path: str, rel: str, ancestors: tuple[tuple[str, str], ...]
    ) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
        real = os.path.realpath(path)
        if real == self._cache or self._excluded(path, rel, folder=True):
            return None
        for ancestor_real, ancestor in ancestors:
            # A link to a folder above the one being walked is a loop too: following
            # it would come back down here (and read files outside the folder named).
            if ancestor_real == real or ancestor_real.startswith(os.path.join(real, "")):
                self._error(path, f"symlink loop: links back to '{_display(ancestor)}' or above")
                return None
        if real in self._visited:
            return None
        self._visited.add(real)
        return path, rel, (*ancestors, (real, path))

    def _file(self, entry: os.DirEntry[str], path: str, rel: str) -> None:
        suffix = os.path.splitext(entry.name)[1].lower()
        if _is_file(entry):
            if suffix in SUPPORTED and not self._excluded(path, rel, folder=False):
                self._found.sources.append(_Source(_display(path), path, walked=True))
            return
        if not entry.is_symlink():
            if not _is_dir(entry) and not self._excluded(path, rel, folder=False):
                # Never opened (a pipe would block), never skipped silently either.
                self._error(path, _special_file_problem(path))
            return
        problem = _special_file_problem(path)
        looped = problem.startswith("symlink loop")
        if looped or (suffix in SUPPORTED and not self._excluded(path, rel, folder=False)):
            self._error(path, problem)

    def _excluded(self, path: str, rel: str, *, folder: bool) -> bool:
        """Match ``exclude`` against the path below the walked folder and below the cwd."""
        slash = "/" if folder else ""
        if self._excluder.match(rel + slash):
            return True
        cwd_rel = _cwd_relative(path) if self._use_cwd else None
        return cwd_rel is not None and self._excluder.match(cwd_rel + slash)

    def _error(self, path: str, message: str) -> None:
        self._found.errors.append(InputError(_display(path), message))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


class _Excluder:
    """gitignore-style ``exclude`` patterns, through ``pathspec`` when it is installed.

    Folder paths are matched with a trailing ``/`` so that ``reports/`` excludes the
    folder (and the walk never descends into it) but not a file named ``reports``.
    """

    def __init__(self, patterns: Sequence[str]) -> None:
        self._patterns = [p.strip() for p in patterns if p.strip() and not p.startswith("#")]
        self._spec = None
        if self._patterns and GitIgnoreSpec is not None:
            try:
                self._spec = GitIgnoreSpec.from_lines(self._patterns)
            except ValueError as exc:
                raise ConfigError(f"bad pattern in config key 'exclude': {exc}") from exc

    def match(self, rel: str) -> bool:
        if not self._patterns:
            return False
        if self._spec is not None:
            return bool(self._spec.match_file(rel))
        return _fallback_match(self._patterns, rel)


def _fallback_match(patterns: Sequence[str], rel: str) -> bool:
    """A small gitignore subset (``!``, trailing ``/``, anchoring) for when pathspec is absent."""
    parts = rel.rstrip("/").split("/")
    # Every leading sub-path, each flagged with whether it is a folder.
    prefixes = [
        ("/".join(parts[:i]), i < len(parts) or rel.endswith("/")) for i in range(1, len(parts) + 1)
    ]
    excluded = False
    for raw in patterns:
        negate = raw.startswith("!")
        pattern = raw[1:] if negate else raw
        folder_only = pattern.endswith("/")
        anchored = "/" in pattern.rstrip("/")
        pattern = pattern.strip("/")
        for prefix, is_folder in prefixes:
            if folder_only and not is_folder:
                continue
            subject = prefix if anchored else prefix.rsplit("/", 1)[-1]
            if fnmatch.fnmatchcase(subject, pattern):
                excluded = not negate
                break
    return excluded


# -- paths as shown ----------------------------------------------------------------------


def _cwd_relative(path: str) -> str | None:
    """``path`` relative to the current directory in POSIX form, or None if outside it."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.getcwd())
    except ValueError:  # another drive on Windows
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return Path(rel).as_posix()


def _display(path: str) -> str:
    """How a path appears in documents and messages: cwd-relative, else as given.

    A file name that is not valid UTF-8 (a Latin-1 name on Linux) reaches Python with
    lone surrogates, which no report can encode; it is shown with U+FFFD instead.
    """
    rel = _cwd_relative(path)
    shown = rel if rel is not None else path
    return safe_path(shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


# -- reading one file --------------------------------------------------------------------


def _read_source(source: _Source, config: Config) -> tuple[list[Document], list[InputError]]:
    """The documents in one file, or the error that explains why there are none."""
    try:
        data = _read_bytes(source, config)
        if data is None:
            return [], []
        return _parse(source.path, SUPPORTED[_suffix(source.fs_path)], data, config)
    except _Oversized:
        from consist.readers.big_jsonl import read_big_jsonl

        return read_big_jsonl(source.path, source.fs_path, config)
    except Unusable as exc:
        return [], [InputError(source.path, str(exc))]
    except OSError as exc:
        return [], [InputError(source.path, f"cannot read file: {_os_reason(exc)}")]
    except Exception as exc:  # noqa: BLE001 - the promise is: one file never stops the run
        message = f"internal error while reading (please report this): {type(exc).__name__}"
        return [], [InputError(source.path, message)]


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _read_bytes(source: _Source, config: Config) -> bytes | None:
    """The file's bytes, or None for a report or baseline consist wrote itself."""
    info = os.stat(source.fs_path)
    if not stat.S_ISREG(info.st_mode):
        raise Unusable("not a regular file (a device, socket or pipe?)")
    if source.walked and _is_own_output(source.fs_path, info.st_size):
        return None
    limit = config.max_file_bytes
    if info.st_size > limit:
        if _suffix(source.fs_path) == ".jsonl":
            raise _Oversized(info.st_size)
        raise Unusable(_too_large(info.st_size, limit))
    with open(source.fs_path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # the file grew while we looked
        raise Unusable(_too_large(len(data), limit))
    return data


class _Oversized(Exception):
    """A JSON Lines file over ``max_file_bytes``: read record by record instead."""


def _too_large(size: int, limit: int) -> str:
    return (
        f"file is {size:,} bytes, over the limit of {limit:,} bytes "
        "(raise config key 'max_file_bytes' to read it)"
    )


def _is_own_output(path: str, size: int) -> bool:
    """A Markdown report (marker on line 1) or a JSON report/baseline (``schema`` key).

    Reading them back would turn quoted claims into new claims that agree with
    themselves, and a second run would report different findings from the first.
    """
    suffix = _suffix(path)
    if suffix in (".md", ".markdown"):
        with open(path, "rb") as handle:
            head = handle.read(len(REPORT_MARKER) + 3)
        return head.removeprefix(b"\xef\xbb\xbf").startswith(REPORT_MARKER)
    if suffix != ".json" or size > OWN_OUTPUT_MAX_BYTES:
        return False
    with open(path, "rb") as handle:
        data = handle.read(OWN_OUTPUT_MAX_BYTES)
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    if not any(f'"{schema}"'.encode() in data for schema in OWN_SCHEMAS):
        return False
    return _schema_of(data) in OWN_SCHEMAS


def _schema_of(data: bytes) -> str | None:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None
    schema = value.get("schema") if isinstance(value, dict) else None
    return schema if isinstance(schema, str) else None


def _parse(
    path: str, kind: str, data: bytes, config: Config
) -> tuple[list[Document], list[InputError]]:
    text = decode(data)
    if kind == "html":
        return [read_html(path, text)], []
    if kind == "jsonl":
        return read_jsonl(path, text, config)
    if kind == "json":
        return read_json(path, text, config)
    return [read_text(path, text)], []


def _os_reason(exc: OSError) -> str:
    """A short reason without the file name (which may be absolute)."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link points back to itself)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "broken symlink or vanished file (target does not exist)"
    return exc.strerror or type(exc).__name__


# -- standard input ----------------------------------------------------------------------


def _read_stdin(stream: IO[str], config: Config) -> tuple[list[Document], list[InputError]]:
    """Standard input as one text document (front matter allowed), read with the size cap."""
    try:
        text = _stdin_text(stream, config.max_file_bytes)
        return [read_text(STDIN_PATH, text)], []
    except Unusable as exc:
        return [], [InputError(STDIN_PATH, str(exc))]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [InputError(STDIN_PATH, f"cannot read standard input: {exc}")]


def _stdin_text(stream: IO[str], limit: int) -> str:
    """Bytes through our own decoder when the stream has them, else the stream's text."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(limit + 1)
        if len(data) > limit:
            raise Unusable(_too_large(len(data), limit) + " (standard input)")
        return decode(data)
    text = stream.read(limit + 1)
    if len(text) > limit:
        raise Unusable(_too_large(len(text), limit) + " (standard input, characters)")
    if "\x00" in text or looks_binary(text):
        raise Unusable("binary data on standard input, not text")
    return normalise_newlines(text.removeprefix("\ufeff"))

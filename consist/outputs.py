"""Output files: checked before a run starts, written atomically, never left half-done.

A check can take minutes; finding out afterwards that ``--output`` points into a folder
that does not exist (or at a folder, or into a read-only one) wastes the run and, worse,
used to end in a traceback with exit 1. ``check_output_path`` and
``check_input_file`` run before any document is read and raise ``OutputError`` (exit 2)
with one line saying what is wrong. ``write_atomic`` writes a temporary file beside the
target and renames it into place, removing the temporary file on any failure, so an
interrupted or failed write leaves neither half a report nor a ``*.tmp`` file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from consist.safe_text import safe_path

#: A baseline larger than this is not one consist wrote (about 10,000 findings fit in 20 MB).
MAX_BASELINE_BYTES = 100_000_000


class OutputError(ValueError):
    """An output or input path that cannot be used (a usage error: exit 2)."""


def check_output_path(path: str | os.PathLike[str], option: str) -> None:
    """Raise ``OutputError`` unless a file can be written at ``path``."""
    target = Path(path)
    shown = safe_path(os.fspath(path))
    if target.is_dir():
        raise OutputError(f"{option} {shown} is a folder; give a file name")
    if os.path.lexists(target) and not target.is_file():
        if _is_special(target):
            return  # /dev/stdout, a terminal: written in place, not replaced
        raise OutputError(f"{option} {shown} exists and is not a regular file")
    parent = target.parent
    if not parent.exists():
        raise OutputError(
            f"{option} {shown}: folder {safe_path(str(parent))} does not exist; create it first"
        )
    if not parent.is_dir():
        raise OutputError(f"{option} {shown}: {safe_path(str(parent))} is not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=".consist-probe-", dir=parent)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(
            f"{option} {shown}: cannot write in folder {safe_path(str(parent))} ({reason})"
        ) from None
    os.close(fd)
    os.unlink(probe)


def _is_special(path: Path) -> bool:
    """A character device or pipe the user named on purpose (``/dev/stdout``)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_input_file(path: str | os.PathLike[str], what: str, max_bytes: int) -> None:
    """Raise ``OutputError`` unless ``path`` is a regular file of at most ``max_bytes``.

    Checked with ``stat`` only: opening a named pipe would block until someone writes
    to it, and reading a device would never end.
    """
    shown = safe_path(os.fspath(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return  # the caller's own "not found" message is more helpful
    except OSError as exc:
        raise OutputError(f"cannot read {what} {shown}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{what} {shown} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{what} {shown} is not a regular file (a pipe, socket or device)")
    if info.st_size > max_bytes:
        raise OutputError(
            f"{what} {shown} is {info.st_size:,} bytes, over the limit of {max_bytes:,}"
        )


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` newlines) to ``path``, all or nothing.

    A special file (``/dev/stdout``) is written in place: renaming over it would
    replace the device.
    """
    target = Path(path)
    if os.path.lexists(target) and _is_special(target):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the umask's default."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


__all__ = [
    "MAX_BASELINE_BYTES",
    "OutputError",
    "check_input_file",
    "check_output_path",
    "write_atomic",
]

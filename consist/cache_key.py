"""The secret that signs cache entries, kept where a cache writer cannot reach it.

Anyone who can write the cache folder (a CI cache restored from another branch or a
fork's run, a shared network folder, a colleague's copy) could otherwise store vectors
that silence findings: a CRC or a plain hash can be recomputed by the writer. Entries
are therefore signed with HMAC-SHA256 under a key that lives *outside* the cache:

1. ``CONSIST_CACHE_KEY`` in the environment, when set (for CI: a repository secret,
   which GitHub does not hand to workflows triggered from forks), else
2. a random 32-byte key in ``$XDG_STATE_HOME/consist/key`` (by default
   ``~/.local/state/consist/key``), created on first use with mode 0600.

A cache signed under another key simply misses: its entries are recomputed and
re-signed. Reading or creating the key can fail (a read-only home); the caller then runs
without the cache and says so.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from pathlib import Path

ENV_VAR = "CONSIST_CACHE_KEY"
_KEY_BYTES = 32


class CacheKeyError(OSError):
    """No key could be read or created; the run goes on without the cache."""


def key_path() -> Path:
    state = os.environ.get("XDG_STATE_HOME", "").strip()
    base = Path(state) if state and os.path.isabs(state) else Path.home() / ".local" / "state"
    return base / "consist" / "key"


def load_key() -> bytes:
    """The signing key (from the environment, else the user's state folder)."""
    configured = os.environ.get(ENV_VAR, "")
    if configured.strip():
        return hashlib.sha256(b"consist-cache-key\x00" + configured.encode()).digest()
    path = key_path()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return _read(path)  # another run created it first
    except OSError as exc:
        raise CacheKeyError(f"cannot create the cache key {path}: {exc.strerror}") from None
    try:
        os.write(fd, secrets.token_bytes(_KEY_BYTES))
    finally:
        os.close(fd)
    return _read(path)


def _read(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise CacheKeyError(f"cannot read the cache key {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CacheKeyError(f"the cache key {path} is not a regular file")
        data = os.read(fd, 4096)
    finally:
        os.close(fd)
    if len(data) < _KEY_BYTES:
        raise CacheKeyError(f"the cache key {path} is too short; delete it to make a new one")
    return data


__all__ = ["ENV_VAR", "CacheKeyError", "key_path", "load_key"]

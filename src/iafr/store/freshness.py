"""Is the database built from the YAML as it is now? Fingerprints, states, read-only opening.

The hot path of every query: no YAML, no models, no sqlite-utils here.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from iafr.errors import EnvironmentFailure
from iafr.layout import DATA_FILES

SCHEMA_VERSION = "4"  # bump on any change to store/schema.py (a test pins it): older databases are rebuilt
META_TABLE = "iafr_meta"


# --- fingerprints: is the database built from the YAML as it is now? -----------------------


class Fingerprint(NamedTuple):  # NamedTuple, not dataclass: a third of the import cost (hot path)
    signature: str  # names, sizes and modification times: cheap to compute on every query
    content: str  # sha256 of the files' bytes: decides when the signature alone differs


def data_files(data_dir: Path) -> list[Path]:
    return [data_dir / name for name in DATA_FILES if (data_dir / name).is_file()]


def stat_signature(data_dir: Path) -> str:
    parts = []
    for path in data_files(data_dir):
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def content_hash(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in data_files(data_dir):
        try:
            content = path.read_bytes()
        except OSError as error:  # queries hash the YAML before any parsing: name the file here
            raise EnvironmentFailure(f"{path}: cannot read: {error.strerror or error}") from error
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def fingerprint(data_dir: Path) -> Fingerprint:
    return Fingerprint(stat_signature(data_dir), content_hash(data_dir))


class State(Enum):
    FRESH = "fresh"
    MISSING = "missing"
    STALE = "stale"
    OUTDATED_SCHEMA = "built by another version of iafr"
    CORRUPT = "unreadable"


def open_readonly(db_path: Path) -> sqlite3.Connection:
    """A read-only connection (never creates the file), foreign keys on."""
    connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.create_collation("FOLD", _compare_folded)  # "État" sorts with "Etat", not after "Z"
    return connection


def _compare_folded(left: str, right: str) -> int:
    from iafr.text import fold  # noqa: PLC0415

    a, b = fold(left), fold(right)
    return (a > b) - (a < b)


def read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())


def store_state(db_path: Path, data_dir: Path) -> State:
    """How the database at ``db_path`` relates to the YAML in ``data_dir``, without parsing YAML."""
    if not db_path.is_file():
        return State.MISSING
    try:
        with contextlib.closing(open_readonly(db_path)) as connection:
            meta = read_meta(connection)
            # A damaged page past the meta table (bad disk, partial copy) would otherwise surface as
            # "database disk image is malformed" in the middle of a query. quick_check reads every
            # page (95 ms on a 10k-record store), so it runs only when the file is not the one a
            # build or an earlier check verified.
            verified = _is_verified(db_path)
            if not verified and connection.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                return State.CORRUPT
    except sqlite3.Error:
        return State.CORRUPT
    if not verified:
        _mark_verified(db_path)
    if meta.get("schema_version") != SCHEMA_VERSION:
        return State.OUTDATED_SCHEMA
    if meta.get("signature") == stat_signature(data_dir):
        return State.FRESH
    # Same bytes under new timestamps (a git checkout, a touch) need no rebuild.
    return State.FRESH if meta.get("content_hash") == content_hash(data_dir) else State.STALE


def _verified_stamp(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".verified")


def _file_identity(db_path: Path) -> str:
    stat = db_path.stat()
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def _is_verified(db_path: Path) -> bool:
    try:
        return _verified_stamp(db_path).read_text("ascii") == _file_identity(db_path)
    except (OSError, UnicodeDecodeError):
        return False


def _mark_verified(db_path: Path) -> None:
    """Remember that this very file passed its integrity check (best effort: a read-only
    directory only means the next query checks again)."""
    with contextlib.suppress(OSError):
        _verified_stamp(db_path).write_text(_file_identity(db_path), "ascii")

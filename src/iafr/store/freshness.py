"""Is the database built from the YAML as it is now? Fingerprints, states, read-only opening.

The hot path of every query: no YAML, no models, no sqlite-utils here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import ClassVar

from iafr import safefiles
from iafr.errors import EnvironmentFailure, UsageError
from iafr.i18n import N_, _
from iafr.kinds import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported: store/__init__, build
from iafr.kinds import data_files as corpus_files

# SHA-256 without importing hashlib, which loads OpenSSL (2.3 ms, the largest import of a warm
# query): CPython's own implementation hashes a path or the few YAML files as fast.
try:
    from _sha256 import sha256 as sha256  # type: ignore[import-not-found, unused-ignore]  # CPython 3.11
except ImportError:  # pragma: no cover - 3.12 renamed it; other Pythons have neither
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]


META_TABLE = "iafr_meta"
APPLICATION_ID = 0x69616672  # "iafr" in ASCII: PRAGMA application_id of every database iafr writes
"""Stored at bytes 68–71 of the SQLite header, so that a damaged database of ours is told from
someone else's file even when no page past the first can be read."""
DEFAULT_LOCK_WAIT = 60.0
"""Seconds a build waits for another process's build of the same database before giving up
(``--wait``, ``IAFR_LOCK_WAIT``)."""


# --- which files iafr may write ---------------------------------------------------------------


def refuse_irregular(path: Path, option: str = "--db", advice: str | None = None, *, links: bool = True) -> None:
    """Raise ``UsageError`` when ``path`` exists and is not a regular file (nor, with ``links``, a
    link to one).

    iafr replaces its targets by renaming a temporary file over them: done to a device, a FIFO
    or a directory (as root, ``--db /dev/null``), that destroys something it never wrote.
    """
    try:
        safefiles.writable(path, follow=links)
    except safefiles.Refused as refused:
        raise UsageError(
            _("{option} {path} is {what}; refusing to write there: {advice}").format(
                option=option, path=path, what=refused.what, advice=advice or _("give the path of a regular .db file")
            )
        ) from None
    except OSError:
        return  # no way to reach it: writing says why


# --- fingerprints: is the database built from the YAML as it is now? -----------------------


class Fingerprint:
    """What a database was built from. A plain class: a NamedTuple costs more to build at import
    than the rest of this module, on every query's path."""

    __slots__ = ("content", "signature")

    def __init__(self, signature: str, content: str) -> None:
        self.signature = signature  # names, sizes and modification times: cheap to compute on every query
        self.content = content  # sha256 of the files' bytes: decides when the signature alone differs

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fingerprint) and (self.signature, self.content) == (other.signature, other.content)

    __hash__ = None  # type: ignore[assignment]  # compared, never a key


def data_files(data_dir: Path) -> list[Path]:
    return [data_dir / name for name in corpus_files() if (data_dir / name).is_file()]


def stat_signature(data_dir: Path) -> str:
    parts = []
    for path in data_files(data_dir):
        info = path.stat()
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def content_hash(data_dir: Path) -> str:
    digest = sha256()
    for path in data_files(data_dir):
        try:
            content = safefiles.read_bytes(path, within=data_dir)
        except safefiles.Refused:
            # not read (a link out of the directory, a FIFO): never fresh, so the rebuild's check says why
            content = b"\0refused"
        except OSError as error:  # queries hash the YAML before any parsing: name the file here
            raise EnvironmentFailure(
                _("{path}: cannot read: {value}").format(path=path, value=error.strerror or error)
            ) from error
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    return str(digest.hexdigest())


def fingerprint(data_dir: Path) -> Fingerprint:
    return Fingerprint(stat_signature(data_dir), content_hash(data_dir))


class State:
    """How a database relates to the YAML: one of the constants below, compared with ``is``
    (plain instances, not an Enum, for the reason Fingerprint gives); ``value`` says it in words."""

    __slots__ = ("value",)
    FRESH: ClassVar[State]
    MISSING: ClassVar[State]
    STALE: ClassVar[State]
    OUTDATED_SCHEMA: ClassVar[State]
    CORRUPT: ClassVar[State]
    INTERRUPTED: ClassVar[State]

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"State({self.value!r})"


State.FRESH = State(N_("fresh"))
State.MISSING = State(N_("missing"))
State.STALE = State(N_("stale"))
State.OUTDATED_SCHEMA = State(N_("built by another version of iafr"))
State.CORRUPT = State(N_("unreadable"))
State.INTERRUPTED = State(N_("left mid-write by a crashed writer (hot journal)"))


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
    state, connection = open_if_fresh(db_path, data_dir)
    if connection is not None:
        connection.close()
    return state


def open_if_fresh(db_path: Path, data_dir: Path) -> tuple[State, sqlite3.Connection | None]:
    """:func:`store_state`, with the read-only connection that found the database fresh (else
    ``None``): a query then reads through it rather than opening the file a second time."""
    if not db_path.is_file():
        return State.MISSING, None
    try:
        connection = open_readonly(db_path)
    except sqlite3.Error:
        return _unreadable(db_path), None
    try:
        state = _state(connection, db_path, data_dir)
    except sqlite3.Error:
        state = _unreadable(db_path)
    except BaseException:
        connection.close()
        raise
    if state is State.FRESH:
        return state, connection
    connection.close()
    return state, None


def _unreadable(db_path: Path) -> State:
    # A hot journal (a writer killed mid-transaction) makes every read-only open fail with
    # SQLITE_READONLY_ROLLBACK; a build replaces the file and removes the journal.
    return State.INTERRUPTED if journal_path(db_path).exists() else State.CORRUPT


def _state(connection: sqlite3.Connection, db_path: Path, data_dir: Path) -> State:
    meta = read_meta(connection)
    # A damaged page past the meta table (bad disk, partial copy) would otherwise surface as
    # "database disk image is malformed" in the middle of a query. quick_check reads every
    # page (95 ms on a 10k-record store), so it runs only when the file is not the one a
    # build or an earlier check verified.
    if not _is_verified(db_path):
        if connection.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            return State.CORRUPT
        _mark_verified(db_path)
    if meta.get("schema_version") != SCHEMA_VERSION:
        return State.OUTDATED_SCHEMA
    if meta.get("signature") == stat_signature(data_dir):
        return State.FRESH
    # Same bytes under new timestamps (a git checkout, a touch) need no rebuild.
    return State.FRESH if meta.get("content_hash") == content_hash(data_dir) else State.STALE


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-journal")


def _verified_stamp(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".verified")


def _file_identity(db_path: Path) -> str:
    info = db_path.stat()
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def _is_verified(db_path: Path) -> bool:
    try:
        # never through a link, never blocked by a FIFO put in the stamp's place
        stamp = safefiles.read_bytes(_verified_stamp(db_path), limit=_STAMP_BYTES, links=False)
    except (OSError, safefiles.Refused):
        return False
    return stamp == _file_identity(db_path).encode()


_STAMP_BYTES = 128


def _mark_verified(db_path: Path) -> None:
    """Remember that this very file passed its integrity check (best effort: a read-only
    directory, or a link or a FIFO in the stamp's place, only means the next query checks again)."""
    with contextlib.suppress(OSError, safefiles.Refused):
        identity = _file_identity(db_path).encode("ascii")
        descriptor = safefiles.open_beside(_verified_stamp(db_path))
        try:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, identity, 0)
        finally:
            os.close(descriptor)

"""The atomic build of the SQLite store (the only module importing sqlite-utils).

A build writes a unique temporary file beside the target under an exclusive lock, with a
rollback journal (no WAL side files to lose), runs ``quick_check`` and ``foreign_key_check``,
fsyncs and renames it into place: a build killed at any moment leaves the previous database
as it was. Queries open the database read-only, so they never create or modify it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from iafr.errors import EnvironmentFailure, UsageError
from iafr.store.freshness import META_TABLE, SCHEMA_VERSION, Fingerprint, _mark_verified
from iafr.store.schema import FTS_COLUMNS
from iafr.store.tables import corpus_rows, tables

if TYPE_CHECKING:
    from iafr.corpus import Corpus

FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # case- and accent-insensitive matching

Progress = Callable[[str, int, int], None]
"""Called as ``progress(table, rows_done, rows_total)`` while a build writes."""


# --- build ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _exclusive_lock(db_path: Path) -> Iterator[None]:
    """Serialise builds of one database; the OS drops the lock if the process dies."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl  # noqa: PLC0415 - POSIX only; elsewhere builds are not serialised

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover
            pass
        yield


def _temp_files(db_path: Path) -> list[Path]:
    # "*.tmp*": a build killed mid-transaction also leaves its rollback journal ("….tmp-journal");
    # escaped so that a name like "corpus[1].db" is not read as a glob pattern.
    import glob  # noqa: PLC0415 - build path only

    return list(db_path.parent.glob(f".{glob.escape(db_path.name)}.*.tmp*"))


def build_store(corpus: Corpus, db_path: Path, print_: Fingerprint, progress: Progress | None = None) -> None:
    """Write the database for ``corpus`` at ``db_path`` atomically."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive_lock(db_path):
            _refuse_to_replace_a_foreign_file(db_path)
            for stale in _temp_files(db_path):  # left by a killed build; we hold the lock
                stale.unlink(missing_ok=True)
            temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            try:
                _write(temp, corpus, print_, progress)
                _fsync(temp)
                os.replace(temp, db_path)
                _fsync_dir(db_path.parent)
                _mark_verified(db_path)  # _write ran quick_check on exactly these bytes
            finally:
                temp.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as error:
        raise EnvironmentFailure(
            f"cannot write the database {db_path}: {error}; pass a writable path with --db or IAFR_DB"
        ) from error


_SQLITE_HEADER = b"SQLite format 3\x00"


def _refuse_to_replace_a_foreign_file(db_path: Path) -> None:
    """A mistyped ``--db data/actors.yaml`` must not replace the YAML (or any file) with a database.

    A file that is empty or starts like a SQLite database (even a damaged one) is ours to rebuild;
    anything else was not written by iafr.
    """
    try:
        with open(db_path, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    if head and not _SQLITE_HEADER.startswith(head):
        raise UsageError(
            f"{db_path} exists and is not a SQLite database; refusing to replace it: check --db or IAFR_DB"
        )


def _write(path: Path, corpus: Corpus, print_: Fingerprint, progress: Progress | None) -> None:
    import sqlite_utils  # noqa: PLC0415 - only builds pay for this import

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA synchronous=OFF")  # the file is fsynced once, before the rename
        connection.execute("PRAGMA foreign_keys=ON")
        db = sqlite_utils.Database(connection)
        rows = dict(corpus_rows(corpus))
        total = sum(len(table_rows) for table_rows in rows.values())
        done = 0
        connection.execute("BEGIN")
        for table in tables():
            db.table(table.name).create(table.columns, pk=table.pk, foreign_keys=list(table.foreign_keys))
            table_rows = rows.pop(table.name)  # each table's rows are freed once written
            if table_rows:
                names = ", ".join(f"[{column}]" for column in table.columns)
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(f"INSERT INTO [{table.name}] ({names}) VALUES ({marks})", table_rows)
            for columns in table.indexes:  # after the rows: one sort is cheaper than an update per row
                db.table(table.name).create_index(list(columns))
            done += len(table_rows)
            if progress is not None:
                progress(table.name, done, total)
        for name, columns in FTS_COLUMNS.items():
            db.table(name).enable_fts(list(columns), tokenize=FTS_TOKENIZER, create_triggers=False)
        info = corpus.info
        db.table(META_TABLE).insert_all(
            [
                {"key": key, "value": value}
                for key, value in {
                    "schema_version": SCHEMA_VERSION,
                    "signature": print_.signature,
                    "content_hash": print_.content,
                    "corpus_version": info.version if info else "",
                    "corpus_date": str(info.date) if info else "",
                    "corpus_title": info.title if info else "",
                    "licence": info.licence if info else "",
                    "data_dir": str(corpus.data_dir),
                }.items()
            ],
            pk="key",
        )
        connection.execute("COMMIT")
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise sqlite3.IntegrityError(f"{len(problems)} foreign key violation(s), e.g. {problems[0]}")
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"quick_check failed: {verdict}")
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

"""The atomic build of the SQLite store (the only module importing sqlite-utils).

A build writes a unique temporary file beside the target under an exclusive lock, with a
rollback journal (no WAL side files to lose), runs ``quick_check`` and ``foreign_key_check``,
fsyncs and renames it into place: a build killed at any moment leaves the previous database
as it was. Queries open the database read-only, so they never create or modify it.

What it replaces is checked first, before the lock file or any temporary file exists: only a
regular file, and, outside iafr's own cache, only one iafr wrote (``PRAGMA application_id`` in
the header, or its meta table). The stale journal of the replaced file goes with it. A build
kept waiting by another one says so after a second and gives up after ``wait`` seconds.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iafr import safefiles
from iafr.errors import DataError, EnvironmentFailure, UsageError
from iafr.i18n import _
from iafr.labels import write_labels
from iafr.store.freshness import (
    APPLICATION_ID,
    DEFAULT_LOCK_WAIT,
    META_TABLE,
    SCHEMA_VERSION,
    Fingerprint,
    _mark_verified,
    open_readonly,
    refuse_irregular,
)
from iafr.store.fulltext import write_fulltext
from iafr.store.tables import Table, corpus_rows, tables
from iafr.store.totals_table import write_totals

if TYPE_CHECKING:
    from iafr.corpus import Corpus

Progress = Callable[[str, int, int], None]
"""Called as ``progress(table, rows_done, rows_total)`` while a build writes."""


# --- build ------------------------------------------------------------------------------------

WAIT_NOTICE_AFTER = 1.0
"""Seconds of waiting for the lock before saying so."""
_RETRY_EVERY = 0.05


def build_store(
    corpus: Corpus,
    db_path: Path,
    print_: Fingerprint,
    progress: Progress | None = None,
    *,
    owned: bool = False,
    wait: float = DEFAULT_LOCK_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> None:
    """Write the database for ``corpus`` at ``db_path`` atomically.

    ``owned``: the path is iafr's own (its cache), so whatever is there is replaced; otherwise a
    file iafr did not write is refused. ``wait``: seconds to wait for another build's lock;
    ``on_wait`` is told, after a second, that the build is waiting.
    """
    check_target(db_path, owned)  # before the lock file or any temporary file exists
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive_lock(db_path, wait, on_wait):
            check_target(db_path, owned)  # again: what was there may have changed while we waited
            # a path the user named (--db) may be a link: the file it leads to is the one replaced
            target = safefiles.writable(db_path, follow=not owned)
            for stale in _temp_files(target):  # left by a killed build; we hold the lock
                stale.unlink(missing_ok=True)
            with safefiles.replacing(
                target, durable=True, before_rename=lambda: _remove_stale_journals(target)
            ) as temp:
                _write(temp, corpus, print_, progress)
            _mark_verified(db_path)  # _write ran quick_check on exactly these bytes
    except safefiles.Refused as refused:  # changed since check_target looked
        raise UsageError(
            _("{path} is {what}; refusing to write there").format(path=db_path, what=refused.what)
        ) from None
    except sqlite3.IntegrityError as error:
        # iafr check refuses every dangling link the declarations know (the same ones give the
        # foreign keys): reaching this is a link check missed, which is the data's to fix
        raise DataError(
            _("the corpus names a record that does not exist ({error}); run 'iafr check' to find it").format(
                error=error
            )
        ) from error
    except (OSError, sqlite3.Error) as error:
        raise EnvironmentFailure(
            _("cannot write the database {db_path}: {error}; pass a writable path with --db or IAFR_DB").format(
                db_path=db_path, error=error
            )
        ) from error


def check_target(db_path: Path, owned: bool) -> None:
    """Raise ``UsageError`` unless iafr may replace ``db_path``: a regular file (or nothing), and,
    unless the path is iafr's own, empty or a database iafr wrote."""
    refuse_irregular(db_path, links=not owned)  # iafr's own cache holds no link
    if not owned:
        _refuse_to_replace_a_foreign_file(db_path)


def _remove_stale_journals(db_path: Path) -> None:
    """The rollback journal (and a WAL) of the file about to be replaced, left by a writer that died
    mid-transaction: beside the new file SQLite would take it as hot and roll it back into pages it
    never belonged to, and a read-only query cannot even open the file. Removed last, just before the
    rename, while we hold the lock."""
    for suffix in ("-journal", "-wal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


@contextlib.contextmanager
def _exclusive_lock(db_path: Path, wait: float, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    """Serialise builds of one database; the OS drops the lock if the process dies.

    The holder writes its pid into the lock file, so that a build kept waiting can name it.
    """
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        descriptor = safefiles.open_beside(lock_path)
    except safefiles.Refused as refused:
        raise UsageError(
            _("{path} is not a regular file ({what}); remove it (iafr keeps its build lock there)").format(
                path=lock_path, what=refused.what
            )
        ) from None
    try:
        try:
            import fcntl  # noqa: PLC0415 - POSIX only; elsewhere builds are not serialised
        except ImportError:  # pragma: no cover
            yield
            return
        _acquire(fcntl, descriptor, db_path, wait, on_wait)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _acquire(fcntl: Any, descriptor: int, db_path: Path, wait: float, on_wait: Callable[[str], None] | None) -> None:
    """Take the lock, waiting at most ``wait`` seconds; say so after a second of waiting."""
    import time  # noqa: PLC0415 - build path only

    started = time.monotonic()
    announced = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        waited = time.monotonic() - started
        other = _("another iafr build of {path} ({holder})").format(path=db_path, holder=_holder(descriptor))
        if on_wait is not None and not announced and 0 < min(WAIT_NOTICE_AFTER, wait) <= waited:
            on_wait(_("waiting for {other} to finish; giving up after {wait:g} s (--wait SECONDS)").format(
                other=other, wait=wait))  # fmt: skip
            announced = True
        if waited >= wait:
            raise EnvironmentFailure(
                _(
                    "gave up after {wait:g} s waiting for {other}; if it is stuck, end it, or allow more time "
                    "with --wait SECONDS (or IAFR_LOCK_WAIT)"
                ).format(wait=wait, other=other)
            )
        time.sleep(min(_RETRY_EVERY, wait - waited))  # paces the retries; the deadline decides


def _holder(descriptor: int) -> str:
    """``pid N`` of the process holding the lock, as it wrote it in the lock file."""
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    return _("pid {pid}").format(pid=text) if text.isdigit() else _("pid unknown")


def _temp_files(db_path: Path) -> list[Path]:
    # "*.tmp*": a build killed mid-transaction also leaves its rollback journal ("….tmp-journal");
    # escaped so that a name like "corpus[1].db" is not read as a glob pattern.
    import glob  # noqa: PLC0415 - build path only

    return list(db_path.parent.glob(f".{glob.escape(db_path.name)}.*.tmp*"))


_SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100


def _refuse_to_replace_a_foreign_file(db_path: Path) -> None:
    """A mistyped ``--db data/actors.yaml`` (or ``--db their.db``) must not replace that file.

    Ours to rebuild: an empty file, a SQLite file carrying iafr's application_id (even damaged past
    its header), one too short to hold a header (a truncated database is nobody's data), or one with
    iafr's meta table (built before the application_id was set). Anything else iafr did not write.
    """
    try:
        head = safefiles.read_head(db_path, _HEADER_SIZE)
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there; creating it says why if it cannot be
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot read {db_path} to check what it is: {value}").format(
                db_path=db_path, value=error.strerror or error
            )
        ) from error
    if not head.startswith(_SQLITE_HEADER[: len(head)]):
        raise UsageError(
            _("{db_path} exists and is not a SQLite database; refusing to replace it: check --db or IAFR_DB").format(
                db_path=db_path
            )
        )
    if len(head) < _HEADER_SIZE or int.from_bytes(head[68:72], "big") == APPLICATION_ID:
        return
    if not _has_meta_table(db_path):
        raise UsageError(
            _(
                "{db_path} is a SQLite database that iafr did not write; refusing to replace it: check --db or IAFR_DB"
            ).format(db_path=db_path)
        )


def _has_meta_table(db_path: Path) -> bool:
    try:
        with contextlib.closing(open_readonly(db_path)) as connection:
            query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
            return connection.execute(query, (META_TABLE,)).fetchone() is not None
    except sqlite3.Error:
        return False


def _creation_order(declared: list[Table]) -> list[Table]:
    """The tables, each after those its foreign keys point at (declarations have no cycle but a
    table's keys to itself)."""
    by_name = {table.name: table for table in declared}
    ordered: dict[str, Table] = {}

    def visit(table: Table, path: tuple[str, ...]) -> None:
        if table.name in ordered:
            return
        if table.name in path:
            raise ValueError(
                _("foreign keys go round in a cycle: {values}").format(values=" → ".join((*path, table.name)))
            )
        for _column, other, _key in table.foreign_keys:
            if other != table.name and other in by_name:
                visit(by_name[other], (*path, table.name))
        ordered[table.name] = table

    for table in declared:
        visit(table, ())
    return list(ordered.values())


def _write(path: Path, corpus: Corpus, print_: Fingerprint, progress: Progress | None) -> None:
    import sqlite_utils  # noqa: PLC0415 - only builds pay for this import

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute(f"PRAGMA application_id={APPLICATION_ID}")  # "written by iafr", in the header
        connection.execute("PRAGMA synchronous=OFF")  # the file is fsynced once, before the rename
        # foreign keys are checked once, after every table is written (foreign_key_check below), so
        # that the kinds are written in the order iafr.kinds lists them, whatever points at what
        connection.execute("PRAGMA foreign_keys=OFF")
        db = sqlite_utils.Database(connection)
        rows = dict(corpus_rows(corpus))
        total = sum(len(table_rows) for table_rows in rows.values())
        done = 0
        connection.execute("BEGIN")
        for table in _creation_order(tables()):  # sqlite-utils wants the table a key points at first
            db.table(table.name).create(table.columns, pk=table.pk, foreign_keys=list(table.foreign_keys))
        for table in tables():
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
        write_fulltext(connection)
        write_totals(connection)
        write_labels(connection)
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

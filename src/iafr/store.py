"""The SQLite store: schema, atomic build, freshness (the only module importing sqlite-utils).

A build writes a unique temporary file beside the target under an exclusive lock, with a
rollback journal (no WAL side files to lose), runs ``quick_check`` and ``foreign_key_check``,
fsyncs and renames it into place: a build killed at any moment leaves the previous database
as it was. Queries open the database read-only, so they never create or modify it.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from iafr.errors import EnvironmentFailure, UsageError
from iafr.layout import DATA_FILES

if TYPE_CHECKING:
    from iafr.corpus import Corpus

SCHEMA_VERSION = "1"
META_TABLE = "iafr_meta"
FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # case- and accent-insensitive matching
FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "measures": ("title", "title_en", "text"),
    "actors": ("name", "aliases", "description", "role"),
    "funding": ("label", "title_en", "stated", "purpose"),
    "reports": ("title", "title_en"),
    "sources": ("title", "author", "publisher"),
}

Progress = Callable[[str, int, int], None]
"""Called as ``progress(table, rows_done, rows_total)`` while a build writes."""


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


# --- rows -------------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _year(value: Any) -> int | None:
    return None if value is None else int(value.year)


class _Rows:
    """One table's rows, kept as tuples in column order: what ``executemany`` takes as is, in a
    third of the memory of dicts. (sqlite-utils' ``insert_all`` inspected and converted every
    value in Python: 40% of the time of a build of 10k records per entity.)"""

    __slots__ = ("_get", "_width", "rows")

    def __init__(self, columns: Iterable[str]) -> None:
        names = tuple(columns)
        self._width = len(names)
        self._get: Callable[[dict[str, Any]], Any] = (
            operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        )
        self.rows: list[Any] = []

    def append(self, row: dict[str, Any]) -> None:
        if len(row) != self._width:  # a key the table does not have (a missing one raises KeyError)
            raise KeyError(f"row keys {sorted(row)} do not match the table's columns")
        self.rows.append(self._get(row))

    def extend(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.append(row)

    def __len__(self) -> int:
        return len(self.rows)


def _rows(corpus: Corpus) -> dict[str, _Rows]:
    from iafr.money import canonical_text, to_minor_units  # noqa: PLC0415 - build path only

    tables = {name: _Rows(table.columns) for name, table in _SCHEMA.items()}
    cited = tables["record_sources"]

    def cite(kind: str, record_id: str, refs: list[Any]) -> None:
        for position, ref in enumerate(refs):
            cited.append(
                {
                    "record_type": kind,
                    "record_id": record_id,
                    "position": position,
                    "source_id": ref.source,
                    "quote": ref.quote,
                    "locator": ref.locator,
                }
            )

    for source in corpus.sources:
        tables["sources"].append(
            {
                "id": source.id,
                "title": source.title,
                "kind": str(source.kind),
                "author": source.author,
                "publisher": source.publisher,
                "date": _text(source.date),
                "year": _year(source.date),
                "date_note": source.date_note,
                "language": source.language,
                "url": source.url,
                "is_primary": int(source.primary),
                "note": source.note,
            }
        )
        tables["source_cites"].extend({"source_id": source.id, "cited_id": cited_id} for cited_id in source.cites)
        cite("source", source.id, source.cited_in)
    for axis in corpus.axes:
        tables["axes"].append(
            {
                "id": axis.id,
                "label": axis.label,
                "label_en": axis.label_en,
                "axis_group": str(axis.group),
                "description": axis.description,
            }
        )
    for report in corpus.reports:
        tables["reports"].append(
            {
                "id": report.id,
                "title": report.title,
                "title_en": report.title_en,
                "date": _text(report.date),
                "year": _year(report.date),
                "numbered": int(report.numbered),
                "declared_count": report.count,
                "note": report.note,
            }
        )
        tables["chapters"].extend(
            {"report_id": report.id, "id": chapter.id, "title": chapter.title} for chapter in report.chapters
        )
        tables["report_authors"].extend({"report_id": report.id, "actor_id": actor} for actor in report.authors)
        cite("report", report.id, report.sources)
    for measure in corpus.measures:
        tables["measures"].append(
            {
                "id": measure.id,
                "report_id": measure.report,
                "kind": str(measure.kind),
                "number": measure.number,
                "chapter": measure.chapter,
                "title": measure.title,
                "title_en": measure.title_en,
                "text": measure.text,
                "note": measure.note,
            }
        )
        tables["measure_axes"].extend({"measure_id": measure.id, "axis_id": axis} for axis in measure.axes)
        tables["measure_actors"].extend({"measure_id": measure.id, "actor_id": actor} for actor in measure.actors)
        tables["measure_related"].extend({"measure_id": measure.id, "related_id": other} for other in measure.related)
        tables["measure_funding"].extend({"measure_id": measure.id, "funding_id": figure} for figure in measure.funding)
        cite("measure", measure.id, measure.sources)
    for actor in corpus.actors:
        tables["actors"].append(
            {
                "id": actor.id,
                "name": actor.name,
                "kind": str(actor.kind),
                "country": actor.country,
                "aliases": "; ".join(actor.aliases),
                "description": actor.description,
                "role": actor.role,
                "context": int(actor.context),
                "note": actor.note,
            }
        )
        tables["actor_aliases"].extend({"actor_id": actor.id, "alias": alias} for alias in actor.aliases)
        for position, relation in enumerate(actor.relations):
            tables["relations"].append(
                {
                    "actor_id": actor.id,
                    "position": position,
                    "type": str(relation.type),
                    "target_id": relation.target,
                    "role": relation.role,
                }
            )
        for position, fact in enumerate(actor.facts):
            tables["facts"].append(
                {
                    "actor_id": actor.id,
                    "position": position,
                    "name": fact.name,
                    "value": None if fact.value is None else canonical_text(fact.value),
                    "unit": fact.unit,
                    "approximate": int(fact.approximate),
                    "stated": fact.stated,
                    "date": _text(fact.date),
                    "year": _year(fact.date),
                    "sources": "; ".join(ref.source for ref in fact.sources),
                }
            )
        cite("actor", actor.id, actor.sources)
    for figure in corpus.funding:
        tables["funding"].append(
            {
                "id": figure.id,
                "label": figure.label,
                "title_en": figure.title_en,
                "amount": None if figure.amount is None else canonical_text(figure.amount),
                "amount_minor": None if figure.amount is None else to_minor_units(figure.amount),
                "upper": None if figure.upper is None else canonical_text(figure.upper),
                "upper_minor": None if figure.upper is None else to_minor_units(figure.upper),
                "currency": figure.currency,
                "precision": str(figure.precision),
                "stated": figure.stated,
                "per_year": int(figure.per_year),
                "period_start": figure.period.start if figure.period else None,
                "period_end": figure.period.end if figure.period else None,
                "date": _text(figure.date),
                "year": _year(figure.date),
                "status": str(figure.status),
                "kind": str(figure.kind),
                "purpose": figure.purpose,
                "note": figure.note,
            }
        )
        tables["funding_actors"].extend(
            {"funding_id": figure.id, "actor_id": a, "role": "funder"} for a in figure.funders
        )
        tables["funding_actors"].extend(
            {"funding_id": figure.id, "actor_id": a, "role": "recipient"} for a in figure.recipients
        )
        tables["funding_related"].extend({"funding_id": figure.id, "related_id": other} for other in figure.related)
        cite("funding", figure.id, figure.sources)
    return tables


# --- schema -----------------------------------------------------------------------------------


class Table(NamedTuple):
    columns: dict[str, type]
    pk: str | tuple[str, ...] | None = None
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()


_SCHEMA: dict[str, Table] = {
    "sources": Table(
        {
            "id": str,
            "title": str,
            "kind": str,
            "author": str,
            "publisher": str,
            "date": str,
            "year": int,
            "date_note": str,
            "language": str,
            "url": str,
            "is_primary": int,
            "note": str,
        },
        pk="id",
        indexes=(("year",),),
    ),
    "source_cites": Table(
        {"source_id": str, "cited_id": str},
        pk=("source_id", "cited_id"),
        foreign_keys=(("source_id", "sources", "id"), ("cited_id", "sources", "id")),
    ),
    "axes": Table({"id": str, "label": str, "label_en": str, "axis_group": str, "description": str}, pk="id"),
    "actors": Table(
        {
            "id": str,
            "name": str,
            "kind": str,
            "country": str,
            "aliases": str,
            "description": str,
            "role": str,
            "context": int,
            "note": str,
        },
        pk="id",
        indexes=(("kind",), ("country",)),
    ),
    "actor_aliases": Table(
        {"actor_id": str, "alias": str}, pk=("actor_id", "alias"), foreign_keys=(("actor_id", "actors", "id"),)
    ),
    "relations": Table(
        {"actor_id": str, "position": int, "type": str, "target_id": str, "role": str},
        pk=("actor_id", "position"),
        foreign_keys=(("actor_id", "actors", "id"), ("target_id", "actors", "id")),
        indexes=(("target_id",),),
    ),
    "facts": Table(
        {
            "actor_id": str,
            "position": int,
            "name": str,
            "value": str,
            "unit": str,
            "approximate": int,
            "stated": str,
            "date": str,
            "year": int,
            "sources": str,
        },
        pk=("actor_id", "position"),
        foreign_keys=(("actor_id", "actors", "id"),),
    ),
    "reports": Table(
        {
            "id": str,
            "title": str,
            "title_en": str,
            "date": str,
            "year": int,
            "numbered": int,
            "declared_count": int,
            "note": str,
        },
        pk="id",
    ),
    "chapters": Table(
        {"report_id": str, "id": str, "title": str},
        pk=("report_id", "id"),
        foreign_keys=(("report_id", "reports", "id"),),
    ),
    "report_authors": Table(
        {"report_id": str, "actor_id": str},
        pk=("report_id", "actor_id"),
        foreign_keys=(("report_id", "reports", "id"), ("actor_id", "actors", "id")),
    ),
    "measures": Table(
        {
            "id": str,
            "report_id": str,
            "kind": str,
            "number": int,
            "chapter": str,
            "title": str,
            "title_en": str,
            "text": str,
            "note": str,
        },
        pk="id",
        foreign_keys=(("report_id", "reports", "id"),),
        indexes=(("report_id", "number"), ("chapter",), ("kind",)),
    ),
    "measure_axes": Table(
        {"measure_id": str, "axis_id": str},
        pk=("measure_id", "axis_id"),
        foreign_keys=(("measure_id", "measures", "id"), ("axis_id", "axes", "id")),
        indexes=(("axis_id", "measure_id"),),
    ),
    "measure_actors": Table(
        {"measure_id": str, "actor_id": str},
        pk=("measure_id", "actor_id"),
        foreign_keys=(("measure_id", "measures", "id"), ("actor_id", "actors", "id")),
        indexes=(("actor_id", "measure_id"),),
    ),
    "measure_related": Table(
        {"measure_id": str, "related_id": str},
        pk=("measure_id", "related_id"),
        foreign_keys=(("measure_id", "measures", "id"), ("related_id", "measures", "id")),
    ),
    "funding": Table(
        {
            "id": str,
            "label": str,
            "title_en": str,
            "amount": str,
            "amount_minor": int,
            "upper": str,
            "upper_minor": int,
            "currency": str,
            "precision": str,
            "stated": str,
            "per_year": int,
            "period_start": int,
            "period_end": int,
            "date": str,
            "year": int,
            "status": str,
            "kind": str,
            "purpose": str,
            "note": str,
        },
        pk="id",
        indexes=(("year",), ("status",), ("kind",), ("currency",), ("amount_minor",)),
    ),
    "measure_funding": Table(
        {"measure_id": str, "funding_id": str},
        pk=("measure_id", "funding_id"),
        foreign_keys=(("measure_id", "measures", "id"), ("funding_id", "funding", "id")),
    ),
    "funding_actors": Table(
        {"funding_id": str, "actor_id": str, "role": str},
        pk=("funding_id", "actor_id", "role"),
        foreign_keys=(("funding_id", "funding", "id"), ("actor_id", "actors", "id")),
        indexes=(("actor_id", "funding_id"),),
    ),
    "funding_related": Table(
        {"funding_id": str, "related_id": str},
        pk=("funding_id", "related_id"),
        foreign_keys=(("funding_id", "funding", "id"), ("related_id", "funding", "id")),
    ),
    "record_sources": Table(
        {"record_type": str, "record_id": str, "position": int, "source_id": str, "quote": str, "locator": str},
        pk=("record_type", "record_id", "position"),
        foreign_keys=(("source_id", "sources", "id"),),
        indexes=(("source_id",),),
    ),
}


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
        rows = _rows(corpus)
        total = sum(len(table_rows) for table_rows in rows.values())
        done = 0
        connection.execute("BEGIN")
        for name, table in _SCHEMA.items():
            db.table(name).create(table.columns, pk=table.pk, foreign_keys=list(table.foreign_keys))
            table_rows = rows.pop(name)  # each table's rows are freed once written
            if table_rows.rows:
                names = ", ".join(f"[{column}]" for column in table.columns)
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(f"INSERT INTO [{name}] ({names}) VALUES ({marks})", table_rows.rows)
            for columns in table.indexes:  # after the rows: one sort is cheaper than an update per row
                db.table(name).create_index(list(columns))
            done += len(table_rows)
            if progress is not None:
                progress(name, done, total)
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

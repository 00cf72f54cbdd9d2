"""The two sides of a diff: a data directory, a git revision of the current repository, or a
built ``.db`` file, each validated and reduced to :mod:`iafr.diff.canonical` records.

A side that cannot be read is the user's to fix: :class:`InvalidSide` (invalid data) and
``UsageError`` both exit 2, decided here rather than by the command line.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iafr import safefiles
from iafr.diff.canonical import Records, canonical, records_of
from iafr.errors import EnvironmentFailure, ExitCode, InvalidData, UsageError
from iafr.i18n import _, ngettext
from iafr.problems import Problem, Severity

if TYPE_CHECKING:
    from iafr.corpus import Corpus


class InvalidSide(InvalidData):
    """A side whose data does not validate: for diff a usage error, like an unknown revision."""

    exit_code = ExitCode.USAGE


OLD = "old"
"""The side read leniently: an older corpus, checked by today's models and rules only where it can be."""


class SideKind(StrEnum):
    DIRECTORY = "directory"
    REVISION = "revision"
    DATABASE = "database"


@dataclass
class Side:
    """One version of the corpus, reduced to comparable records."""

    role: str  # "old" or "new"
    kind: SideKind
    name: str  # how the user named it: a path, a revision, "working tree"
    detail: str  # where it was read from: a resolved path, a commit id
    version: str | None
    date: str | None
    records: dict[str, Records]
    lossy: bool = False  # read from a database: some nested sources are not kept
    notes: list[str] = field(default_factory=list)  # how it was read, when not as check would
    changelog: str | None = None  # CHANGELOG.md beside the data files; None: none there, or a database

    @property
    def label(self) -> str:
        """``old (HEAD~1)``: how messages name this side."""
        return f"{self.role} ({self.name})"


_UNREADABLE = frozenset({"yaml", "encoding", "file", "structure"})
"""Problems that leave a file unread: a side with one cannot be compared, however lenient."""


def _validated(
    data_dir: Path, label: str, rename: dict[str, str] | None = None, lenient: bool = False
) -> tuple[Corpus, list[str]]:
    """The corpus in ``data_dir``, and notes on how it was read. Strict (the new side): any error
    refuses it. Lenient (the old side): what today's models and rules refuse in an older corpus — a
    file or kind added since, a field tightened since, a new rule — is no reason to refuse it; its
    records are compared as they are written, and the notes say how many were read so."""
    from iafr.check import check_data  # noqa: PLC0415

    corpus, problems = check_data(data_dir)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if not errors:
        return corpus, []
    if not lenient or any(problem.rule in _UNREADABLE for problem in errors):
        if rename:
            errors = sorted(replace(problem, file=rename.get(problem.file, problem.file)) for problem in errors)
        raise InvalidSide(errors, side=label)
    return corpus, _lenient_notes(label, corpus, errors)


def _lenient_notes(label: str, corpus: Corpus, errors: list[Problem]) -> list[str]:
    missing = sorted(problem.file.rsplit("/", 1)[-1] for problem in errors if problem.rule == "missing-file")
    invalid = len(corpus.failed)
    others = sum(problem.rule != "missing-file" and problem.rule != "schema" for problem in errors)
    parts = []
    if missing:
        parts.append(_("{files} did not exist yet (read as empty)").format(files=", ".join(missing)))
    if invalid:
        parts.append(
            ngettext(
                "{count} record does not validate under today's models (compared as written)",
                "{count} records do not validate under today's models (compared as written)",
                invalid,
            ).format(count=invalid)
        )
    if others:
        parts.append(
            ngettext(
                "{count} problem today's rules find was not checked",
                "{count} problems today's rules find were not checked",
                others,
            ).format(count=others)
        )
    if not parts:
        return []
    return [_("{label} read leniently, as an older corpus: {parts}").format(label=label, parts="; ".join(parts))]


def _info(corpus: Corpus) -> tuple[str | None, str | None]:
    info = corpus.info
    return (info.version, str(info.date)) if info is not None else (None, None)


CHANGELOG = "CHANGELOG.md"
"""The corpus's changelog, beside its data files: what a change of the data must say (see compare)."""
MAX_CHANGELOG_BYTES = 4 * 1024 * 1024


def _text(raw: bytes | None) -> str | None:
    return None if raw is None else raw.decode("utf-8", "replace")


def _changelog(data_dir: Path) -> str | None:
    try:
        return _text(safefiles.read_bytes(data_dir / CHANGELOG, limit=MAX_CHANGELOG_BYTES, within=data_dir))
    except (OSError, safefiles.Refused):
        return None


def read_directory(data_dir: Path, role: str, name: str | None = None) -> Side:
    shown = name or str(data_dir)
    lenient = role == OLD
    corpus, notes = _validated(data_dir, f"{role} ({shown})", lenient=lenient)
    version, date = _info(corpus)
    records = records_of(corpus, lenient=bool(notes))
    where, changelog = str(data_dir.resolve()), _changelog(data_dir)
    return Side(role, SideKind.DIRECTORY, shown, where, version, date, records, notes=notes, changelog=changelog)


def read_revision(name: str, role: str, anchor: Path | None) -> Side:
    """The corpus at revision ``name`` of the repository holding the current directory.

    ``anchor`` is the working data directory: its place in the repository says where the
    corpus lives in every revision (``data/`` when it is elsewhere).
    """
    from iafr.gitsource import (  # noqa: PLC0415
        data_prefix,
        export_revision,
        read_blob,
        repository_root,
        resolve_revision,
    )
    from iafr.kinds import data_files  # noqa: PLC0415
    from iafr.validate import shown_path  # noqa: PLC0415

    try:
        root = repository_root(Path.cwd())
    except EnvironmentFailure as error:
        raise EnvironmentFailure(
            _("{role}: {name!r} is no file or directory, and {error}").format(role=role, name=name, error=error)
        ) from None
    revision = resolve_revision(name, root, data_prefix(root, anchor))
    label = f"{role} ({name})"
    with tempfile.TemporaryDirectory(prefix="iafr-rev-") as temp:
        directory = Path(temp)
        written = export_revision(revision, directory)
        rename = {shown_path(directory / file): revision.shown(file) for file in {*data_files(), *written}}
        corpus, notes = _validated(directory, label, rename, lenient=role == OLD)
        records = records_of(corpus, lenient=bool(notes))
    version, date = _info(corpus)
    notes = [*revision.notes, *notes]
    changelog = _text(read_blob(revision, CHANGELOG, MAX_CHANGELOG_BYTES))
    commit = revision.commit
    return Side(role, SideKind.REVISION, name, commit, version, date, records, notes=notes, changelog=changelog)


def _is_sqlite(path: Path) -> bool:
    try:
        return safefiles.read_head(path, 16) == b"SQLite format 3\x00"
    except (OSError, safefiles.Refused):
        return False


def read_database(path: Path, role: str) -> Side:
    """Records read back from a database written by ``iafr build``."""
    from iafr.store import SCHEMA_VERSION, open_readonly, read_meta  # noqa: PLC0415

    label = f"{role} ({path})"
    if not _is_sqlite(path):
        raise UsageError(_("{label}: {path} is not an SQLite database").format(label=label, path=path))
    try:
        with contextlib.closing(open_readonly(path)) as connection:
            meta = read_meta(connection)
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise UsageError(
                    _("{label}: {path} was built by another version of iafr; rebuild it with 'iafr build'").format(
                        label=label, path=path
                    )
                )
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise UsageError(
                    _("{label}: {path} is damaged ({verdict}); rebuild it with 'iafr build'").format(
                        label=label, path=path, verdict=verdict
                    )
                )
            records = _database_records(connection)
    except sqlite3.Error as error:
        raise UsageError(
            _("{label}: {path} is not a database written by iafr ({error})").format(label=label, path=path, error=error)
        ) from error
    return Side(
        role,
        SideKind.DATABASE,
        str(path),
        str(path.resolve()),
        meta.get("corpus_version") or None,
        meta.get("corpus_date") or None,
        records,
        lossy=True,
    )


_PATH_PREFIXES = ("/", "./", "../", "~")  # a spec starting so is a path, never a revision


def open_side(spec: str | None, role: str, data: Path | None, anchor: Path | None = None) -> Side:
    """Read one side: ``None`` is the working tree (``--data`` or the default data directory),
    ``rev:NAME`` a git revision, an existing directory or ``.db`` file is read as such (a
    directory without corpus files but with a ``data/`` that has them, such as a checkout's root,
    means that ``data/``), and anything else is a git revision. A name that is both an existing
    path and a revision is refused (``./NAME`` or ``rev:NAME`` says which)."""
    from iafr.workspace import holds_corpus, resolve_data_dir  # noqa: PLC0415

    if spec is None:
        data_dir = resolve_data_dir(data)
        return read_directory(data_dir, role, _("working tree {path}").format(path=data_dir))
    from iafr.gitsource import REVISION_PREFIX, names_a_revision  # noqa: PLC0415

    if spec.startswith(REVISION_PREFIX):
        return read_revision(spec.removeprefix(REVISION_PREFIX), role, anchor)
    path = Path(spec)
    # A name both here and in git is refused, as git refuses it: a pull request adding a directory
    # named like the base commit would otherwise be read in its place, and hide its changes.
    if os.path.lexists(path) and not spec.startswith(_PATH_PREFIXES) and names_a_revision(spec):
        raise UsageError(
            _(
                "{role}: {spec!r} is both a path here and a git revision; write ./{spec} for the path or "
                "{REVISION_PREFIX}{spec} for the revision"
            ).format(role=role, spec=spec, REVISION_PREFIX=REVISION_PREFIX)
        )
    if path.is_dir():
        if not holds_corpus(path):
            if holds_corpus(path / "data"):
                return read_directory(path / "data", role, str(path / "data"))
            raise UsageError(
                _("{role}: {path} holds no corpus files; give the directory with corpus.yaml").format(
                    role=role, path=path
                )
            )
        return read_directory(path, role, spec)
    if path.is_file():
        if _is_sqlite(path):
            return read_database(path, role)
        raise UsageError(
            _("{role}: {path} is a file but not a database; give a data directory, a .db file or a revision").format(
                role=role, path=path
            )
        )
    if spec.endswith((".db", ".sqlite", ".yaml", ".yml")) or spec.startswith(_PATH_PREFIXES):
        # a path that does not exist, not a revision: say so plainly
        raise UsageError(_("{role}: {spec} does not exist").format(role=role, spec=spec))
    return read_revision(spec, role, anchor)


def _anchor(new: str | None, data: Path | None) -> Path | None:
    """The working data directory, used to find the corpus inside a revision."""
    from iafr.workspace import holds_corpus, resolve_data_dir  # noqa: PLC0415

    if new is not None and Path(new).is_dir() and holds_corpus(Path(new)):
        return Path(new)
    try:
        return resolve_data_dir(data)
    except UsageError:
        return None


def open_sides(old: str, new: str | None, data: Path | None) -> tuple[Side, Side]:
    """Both sides, the old one first. ``data`` is the working data directory (``--data``): NEW
    when NEW is not given, and the place that says where the corpus lives in a git revision."""
    anchor = _anchor(new, data)
    return open_side(old, "old", data, anchor), open_side(new, "new", data, anchor)


def _database_records(connection: sqlite3.Connection) -> dict[str, Records]:
    """Every record read back through the store's declarations, in the models' field order."""
    from iafr import kinds  # noqa: PLC0415
    from iafr.diff.canonical import unordered_fields  # noqa: PLC0415
    from iafr.store.tables import database_records  # noqa: PLC0415

    result: dict[str, Records] = {}
    for entity, items in database_records(connection).items():
        names = list(kinds.BY_SECTION[entity].model_class().model_fields)
        unordered = unordered_fields(entity)
        records = {
            item["id"]: canonical({name: item.get(name) for name in names}, unordered=unordered) for item in items
        }
        result[entity] = _printable(records)
    return result


def _printable(value: Any) -> Any:
    """A .db side was not validated as YAML is: control, bidi and invisible characters in it are
    shown as U+FFFD, so that no escape sequence in a database reaches a terminal or a PR comment."""
    from iafr.text import printable  # noqa: PLC0415

    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(key): _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value

"""What changed between two versions of the corpus: semantic, by record id, per entity.

A side is a data directory, a git revision of the current repository, or a built ``.db`` file.
Each side is validated, then reduced to the same plain shape (entity → id → fields), so a
directory and a database built from it compare identical:

- amounts are exact decimals in canonical form, so ``1.5e9`` and ``1500000000`` are equal;
- dates are their text (``2023-06``), enums their value;
- lists whose order means nothing (axes, actors, aliases, sources…) are sorted, so reordering
  them is no change; chapters keep their order, since it is the report's.

A removed and an added record of one entity whose content is equal but for the id is a rename.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iafr.errors import EnvironmentFailure, InvalidData, UsageError
from iafr.problems import Severity

if TYPE_CHECKING:
    from iafr.corpus import Corpus

Fields = dict[str, Any]
Records = dict[str, Fields]  # id → fields

ENTITIES: tuple[str, ...] = ("sources", "axes", "reports", "measures", "actors", "funding")
TITLE_FIELDS = {
    "sources": "title",
    "axes": "label",
    "reports": "title",
    "measures": "title",
    "actors": "name",
    "funding": "label",
}
SET_FIELDS = frozenset(
    {
        "axes",
        "actors",
        "aliases",
        "funders",
        "recipients",
        "related",
        "cites",
        "funding",
        "authors",
        "sources",
        "cited_in",
        "relations",
        "facts",
    }
)
"""List fields whose order carries no meaning, at any depth (a fact's ``sources`` too)."""

LOSSY_NOTE = (
    "a .db side keeps neither the sources of actors' relations nor the quotes and locators of facts' "
    "sources, nor the sources' local text mappings; those were not compared"
)
# A source's mapping to the curator's local copy of its text: checked by 'check --sources', not stored.
TEXT_MAPPING_FIELDS = ("text", "sha256", "ocr", "doubled_links")


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

    @property
    def label(self) -> str:
        """``old (HEAD~1)``: how messages name this side."""
        return f"{self.role} ({self.name})"


# --- plain, comparable values ------------------------------------------------------------------


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def canonical(value: Any, name: str = "") -> Any:
    """``value`` as plain data that compares by meaning; ``name`` is the field holding it."""
    from iafr.money import normalise  # noqa: PLC0415
    from iafr.partial_date import PartialDate  # noqa: PLC0415

    if isinstance(value, Enum):  # before str: a StrEnum is a str
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, PartialDate):  # a NamedTuple: before the tuple case
        return str(value)
    if isinstance(value, Decimal):
        return normalise(value)
    if isinstance(value, dict):
        return {key: canonical(item, key) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [canonical(item, name) for item in value]
        return sorted(items, key=_sort_key) if name in SET_FIELDS else items
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:  # a pydantic model: its fields in declaration order
        return {key: canonical(getattr(value, key), key) for key in fields}
    raise TypeError(f"cannot compare a {type(value).__name__}")


def _degrade(records: dict[str, Records]) -> None:
    """Drop what a database does not keep, so that a directory compares with a database."""
    for source in records.get("sources", {}).values():
        for name in TEXT_MAPPING_FIELDS:
            source.pop(name, None)
    for actor in records.get("actors", {}).values():
        actor["relations"] = sorted(
            ({key: value for key, value in relation.items() if key != "sources"} for relation in actor["relations"]),
            key=_sort_key,
        )
        facts = []
        for fact in actor["facts"]:
            refs = [{"source": ref["source"], "quote": None, "locator": None} for ref in fact["sources"]]
            facts.append({**fact, "sources": sorted(refs, key=_sort_key)})
        actor["facts"] = sorted(facts, key=_sort_key)


# --- reading a side ------------------------------------------------------------------------------


def records_of(corpus: Corpus) -> dict[str, Records]:
    """A validated :class:`~iafr.corpus.Corpus` as entity → id → plain fields."""
    result: dict[str, Records] = {}
    for entity, items in corpus.sections():
        result[entity] = {item.id: canonical(item) for item in items}
    return result


def _validated(data_dir: Path, label: str, rename: dict[str, str] | None = None) -> Corpus:
    from iafr.check import check_data  # noqa: PLC0415

    corpus, problems = check_data(data_dir)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        if rename:
            errors = sorted(replace(problem, file=rename.get(problem.file, problem.file)) for problem in errors)
        raise InvalidData(errors, side=label)
    return corpus


def _info(corpus: Corpus) -> tuple[str | None, str | None]:
    info = corpus.info
    return (info.version, str(info.date)) if info is not None else (None, None)


def read_directory(data_dir: Path, role: str, name: str | None = None) -> Side:
    shown = name or str(data_dir)
    corpus = _validated(data_dir, f"{role} ({shown})")
    version, date = _info(corpus)
    return Side(role, SideKind.DIRECTORY, shown, str(data_dir.resolve()), version, date, records_of(corpus))


def read_revision(name: str, role: str, anchor: Path | None) -> Side:
    """The corpus at revision ``name`` of the repository holding the current directory.

    ``anchor`` is the working data directory: its place in the repository says where the
    corpus lives in every revision (``data/`` when it is elsewhere).
    """
    from iafr.gitsource import data_prefix, export_revision, repository_root, resolve_revision  # noqa: PLC0415
    from iafr.layout import DATA_FILES  # noqa: PLC0415
    from iafr.validate import shown_path  # noqa: PLC0415

    try:
        root = repository_root(Path.cwd())
    except EnvironmentFailure as error:
        raise EnvironmentFailure(f"{role}: {name!r} is no file or directory, and {error}") from None
    revision = resolve_revision(name, root, data_prefix(root, anchor))
    label = f"{role} ({name})"
    with tempfile.TemporaryDirectory(prefix="iafr-rev-") as temp:
        directory = Path(temp)
        written = export_revision(revision, directory)
        rename = {shown_path(directory / file): revision.shown(file) for file in {*DATA_FILES, *written}}
        corpus = _validated(directory, label, rename)
    version, date = _info(corpus)
    return Side(role, SideKind.REVISION, name, revision.commit, version, date, records_of(corpus))


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_database(path: Path, role: str) -> Side:
    """Records read back from a database written by ``iafr build``."""
    from iafr.store import SCHEMA_VERSION, open_readonly, read_meta  # noqa: PLC0415

    label = f"{role} ({path})"
    if not _is_sqlite(path):
        raise UsageError(f"{label}: {path} is not an SQLite database")
    try:
        with contextlib.closing(open_readonly(path)) as connection:
            meta = read_meta(connection)
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise UsageError(f"{label}: {path} was built by another version of iafr; rebuild it with 'iafr build'")
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise UsageError(f"{label}: {path} is damaged ({verdict}); rebuild it with 'iafr build'")
            records = _database_records(connection)
    except sqlite3.Error as error:
        raise UsageError(f"{label}: {path} is not a database written by iafr ({error})") from error
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


def _grouped(connection: sqlite3.Connection, sql: str) -> dict[str, list[Any]]:
    """``SELECT key, value…``: the values of each key, in row order."""
    groups: dict[str, list[Any]] = {}
    for row in connection.execute(sql):
        groups.setdefault(row[0], []).append(row[1] if len(row) == 2 else row[1:])
    return groups


def _refs(rows: list[Any]) -> list[Fields]:
    return [{"source": source, "quote": quote, "locator": locator} for source, quote, locator in rows]


def _database_records(connection: sqlite3.Connection) -> dict[str, Records]:
    """Every record rebuilt from the tables, field for field as the models have them."""
    from iafr.models import SECTION_MODELS  # noqa: PLC0415

    connection.row_factory = sqlite3.Row
    cited: dict[str, dict[str, list[Any]]] = {}
    for row in connection.execute(
        "SELECT record_type, record_id, source_id, quote, locator FROM record_sources "
        "ORDER BY record_type, record_id, position"
    ):
        cited.setdefault(row[0], {}).setdefault(row[1], []).append((row[2], row[3], row[4]))

    def sources_of(kind: str, record_id: str) -> list[Fields]:
        return _refs(cited.get(kind, {}).get(record_id, []))

    def rows(sql: str) -> list[dict[str, Any]]:
        return [dict(row) for row in connection.execute(sql)]

    connection.row_factory = None
    cites = _grouped(connection, "SELECT source_id, cited_id FROM source_cites ORDER BY rowid")
    chapters = _grouped(connection, "SELECT report_id, id, title FROM chapters ORDER BY rowid")
    authors = _grouped(connection, "SELECT report_id, actor_id FROM report_authors ORDER BY rowid")
    links = {
        name: _grouped(connection, f"SELECT measure_id, {column} FROM {table} ORDER BY rowid")
        for name, table, column in (
            ("axes", "measure_axes", "axis_id"),
            ("actors", "measure_actors", "actor_id"),
            ("related", "measure_related", "related_id"),
            ("funding", "measure_funding", "funding_id"),
        )
    }
    aliases = _grouped(connection, "SELECT actor_id, alias FROM actor_aliases ORDER BY rowid")
    relations = _grouped(
        connection, "SELECT actor_id, type, target_id, role FROM relations ORDER BY actor_id, position"
    )
    facts = _grouped(
        connection,
        "SELECT actor_id, name, value, unit, approximate, stated, date, sources FROM facts ORDER BY actor_id, position",
    )
    funders = _grouped(
        connection, "SELECT funding_id, actor_id FROM funding_actors WHERE role = 'funder' ORDER BY rowid"
    )
    recipients = _grouped(
        connection, "SELECT funding_id, actor_id FROM funding_actors WHERE role = 'recipient' ORDER BY rowid"
    )
    funding_related = _grouped(connection, "SELECT funding_id, related_id FROM funding_related ORDER BY rowid")
    connection.row_factory = sqlite3.Row

    raw: dict[str, list[Fields]] = {entity: [] for entity in ENTITIES}
    for row in rows("SELECT * FROM sources ORDER BY rowid"):
        row["primary"] = bool(row.pop("is_primary"))
        row["cites"] = cites.get(row["id"], [])
        row["cited_in"] = sources_of("source", row["id"])
        raw["sources"].append(row)
    for row in rows("SELECT * FROM axes ORDER BY rowid"):
        row["group"] = row.pop("axis_group")
        raw["axes"].append(row)
    for row in rows("SELECT * FROM reports ORDER BY rowid"):
        row["numbered"] = bool(row["numbered"])
        row["count"] = row.pop("declared_count")
        row["authors"] = authors.get(row["id"], [])
        row["chapters"] = [{"id": chapter, "title": title} for chapter, title in chapters.get(row["id"], [])]
        row["sources"] = sources_of("report", row["id"])
        raw["reports"].append(row)
    for row in rows("SELECT * FROM measures ORDER BY rowid"):
        row["report"] = row.pop("report_id")
        for name, groups in links.items():
            row[name] = groups.get(row["id"], [])
        row["sources"] = sources_of("measure", row["id"])
        raw["measures"].append(row)
    for row in rows("SELECT * FROM actors ORDER BY rowid"):
        row["aliases"] = aliases.get(row["id"], [])
        row["context"] = bool(row["context"])
        row["relations"] = [
            {"type": kind, "target": target, "role": role, "sources": []}
            for kind, target, role in relations.get(row["id"], [])
        ]
        row["facts"] = [
            {
                "name": name,
                "value": None if value is None else Decimal(value),
                "unit": unit,
                "approximate": bool(approximate),
                "stated": stated,
                "date": date,
                "sources": _refs([(source, None, None) for source in (ids.split("; ") if ids else [])]),
            }
            for name, value, unit, approximate, stated, date, ids in facts.get(row["id"], [])
        ]
        row["sources"] = sources_of("actor", row["id"])
        raw["actors"].append(row)
    for row in rows("SELECT * FROM funding ORDER BY rowid"):
        for key in ("amount", "upper"):
            row[key] = None if row[key] is None else Decimal(row[key])
        row["per_year"] = bool(row["per_year"])
        start, end = row.pop("period_start"), row.pop("period_end")
        row["period"] = None if start is None else {"start": start, "end": end}
        row["funders"] = funders.get(row["id"], [])
        row["recipients"] = recipients.get(row["id"], [])
        row["related"] = funding_related.get(row["id"], [])
        row["sources"] = sources_of("funding", row["id"])
        raw["funding"].append(row)

    result: dict[str, Records] = {}
    for entity, items in raw.items():
        names = list(SECTION_MODELS[entity].model_fields)
        # the models' field order; columns the store adds for queries (year, amount_minor…) are dropped
        result[entity] = {item["id"]: canonical({name: item.get(name) for name in names}) for item in items}
    return result


def open_side(spec: str | None, role: str, data: Path | None, anchor: Path | None = None) -> Side:
    """Read one side: ``None`` is the working tree (``--data`` or the default data directory),
    an existing directory or ``.db`` file is read as such (a directory without corpus files but
    with a ``data/`` that has them, such as a checkout's root, means that ``data/``), and
    anything else is a git revision."""
    from iafr.workspace import holds_corpus, resolve_data_dir  # noqa: PLC0415

    if spec is None:
        data_dir = resolve_data_dir(data)
        return read_directory(data_dir, role, f"working tree {data_dir}")
    path = Path(spec)
    if path.is_dir():
        if not holds_corpus(path):
            if holds_corpus(path / "data"):
                return read_directory(path / "data", role, str(path / "data"))
            raise UsageError(f"{role}: {path} holds no corpus files; give the directory with corpus.yaml")
        return read_directory(path, role, spec)
    if path.is_file():
        if _is_sqlite(path):
            return read_database(path, role)
        raise UsageError(
            f"{role}: {path} is a file but not a database; give a data directory, a .db file or a revision"
        )
    if spec.endswith((".db", ".sqlite", ".yaml", ".yml")) or spec.startswith(("/", "./", "../", "~")):
        # a path that does not exist, not a revision: say so plainly
        raise UsageError(f"{role}: {spec} does not exist")
    return read_revision(spec, role, anchor)


# --- the comparison --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, old → new. For a list compared as a set, what was added and removed."""

    field: str
    old: Any
    new: Any
    as_set: bool = False
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RecordChange:
    id: str
    title: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Rename:
    old_id: str
    new_id: str
    title: str


@dataclass
class EntityDiff:
    entity: str
    added: list[Fields] = field(default_factory=list)
    removed: list[Fields] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.renamed)


@dataclass
class CorpusDiff:
    old: Side
    new: Side
    entities: list[EntityDiff]
    notes: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return all(entity.empty for entity in self.entities)


def _multiset_difference(left: Iterable[Any], right: Iterable[Any]) -> tuple[Any, ...]:
    """Items of ``left`` not matched in ``right`` (counting duplicates), in ``left``'s order."""
    remaining = Counter(_sort_key(item) for item in right)
    result = []
    for item in left:
        key = _sort_key(item)
        if remaining[key]:
            remaining[key] -= 1
        else:
            result.append(item)
    return tuple(result)


def compare_fields(old: Fields, new: Fields) -> tuple[FieldChange, ...]:
    changes = []
    for name in [*old, *(key for key in new if key not in old)]:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name in SET_FIELDS and isinstance(before, list) and isinstance(after, list):
            changes.append(
                FieldChange(
                    name,
                    before,
                    after,
                    as_set=True,
                    added=_multiset_difference(after, before),
                    removed=_multiset_difference(before, after),
                )
            )
        else:
            changes.append(FieldChange(name, before, after))
    return tuple(changes)


def _title(entity: str, record: Fields) -> str:
    return str(record.get(TITLE_FIELDS[entity]) or "")


def _content_key(record: Fields) -> str:
    return _sort_key({key: value for key, value in record.items() if key != "id"})


def compare_entity(entity: str, old: Records, new: Records) -> EntityDiff:
    result = EntityDiff(entity)
    removed = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    # A rename can be told only when exactly one removed and one added record share their content.
    removed_by_content: dict[str, list[str]] = {}
    for record_id in removed:
        removed_by_content.setdefault(_content_key(old[record_id]), []).append(record_id)
    added_by_content: dict[str, list[str]] = {}
    for record_id in added:
        added_by_content.setdefault(_content_key(new[record_id]), []).append(record_id)
    renamed_old: set[str] = set()
    renamed_new: set[str] = set()
    for key, new_ids in added_by_content.items():
        old_ids = removed_by_content.get(key, [])
        if len(old_ids) == 1 and len(new_ids) == 1:
            result.renamed.append(Rename(old_ids[0], new_ids[0], _title(entity, new[new_ids[0]])))
            renamed_old.add(old_ids[0])
            renamed_new.add(new_ids[0])
    result.renamed.sort(key=lambda rename: rename.old_id)
    result.removed = [old[record_id] for record_id in removed if record_id not in renamed_old]
    result.added = [new[record_id] for record_id in added if record_id not in renamed_new]
    for record_id in sorted(set(old) & set(new)):
        fields = compare_fields(old[record_id], new[record_id])
        if fields:
            result.changed.append(RecordChange(record_id, _title(entity, new[record_id]), fields))
    return result


def compare(old: Side, new: Side) -> CorpusDiff:
    notes = []
    if old.lossy or new.lossy:
        _degrade(old.records)
        _degrade(new.records)
        notes.append(LOSSY_NOTE)
    entities = [compare_entity(entity, old.records.get(entity, {}), new.records.get(entity, {})) for entity in ENTITIES]
    return CorpusDiff(old, new, entities, notes)


def diff_corpora(old: str, new: str | None = None, data: Path | None = None) -> CorpusDiff:
    """Read and validate both sides (the old one first), then compare them.

    ``data`` is the working data directory (``--data``): NEW when NEW is not given, and the
    place that says where the corpus lives in a git revision.
    """
    anchor = _anchor(new, data)
    old_side = open_side(old, "old", data, anchor)
    new_side = open_side(new, "new", data, anchor)
    return compare(old_side, new_side)


def _anchor(new: str | None, data: Path | None) -> Path | None:
    """The working data directory, used to find the corpus inside a revision."""
    from iafr.workspace import holds_corpus, resolve_data_dir  # noqa: PLC0415

    if new is not None and Path(new).is_dir() and holds_corpus(Path(new)):
        return Path(new)
    try:
        return resolve_data_dir(data)
    except UsageError:
        return None


def summary(diff: CorpusDiff) -> list[dict[str, Any]]:
    return [
        {
            "entity": entity.entity,
            "added": len(entity.added),
            "removed": len(entity.removed),
            "changed": len(entity.changed),
            "renamed": len(entity.renamed),
        }
        for entity in diff.entities
    ]

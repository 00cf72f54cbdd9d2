"""The store's declarations (iafr.store.schema) against the models and the typed records."""

from __future__ import annotations

import ast
import contextlib
import sqlite3
import typing
from pathlib import Path

import pytest

import iafr.store.schema
from iafr.declaration import Cited, Column, Link, Nested
from iafr.kinds import BY_SECTION, KINDS
from iafr.models import Actor, Report
from iafr.store.select import listing_shape
from tests.conftest import Invoke

ENTITIES = KINDS
SECTION_MODELS = {kind.section: kind.model_class() for kind in KINDS}
NESTED_MODELS = {("reports", "chapters"): Report, ("actors", "relations"): Actor, ("actors", "facts"): Actor}
TYPED_RECORDS = {"measures": "MeasureRecord", "actors": "ActorRecord", "funding": "FundingRecord"}


def declared_fields(items: tuple[typing.Any, ...]) -> list[str]:
    names = []
    for item in items:
        if isinstance(item, Column):
            if item.field is not None:
                names.append(item.field)
        else:
            names.append(item.field)
    return names


@pytest.mark.parametrize("section", list(SECTION_MODELS))
def test_every_model_field_has_a_place_in_the_store(section: str) -> None:
    entity = BY_SECTION[section]
    model_fields = set(SECTION_MODELS[section].model_fields)
    declared = declared_fields(entity.items) + list(entity.unstored or {})
    assert len(declared) == len(set(declared)), f"{section}: a field declared twice"
    assert set(declared) - model_fields == set(), f"{section}: columns for fields the model does not have"
    assert model_fields - set(declared) == set(), f"{section}: model fields with no column, link or table"


def _sub_model(section: str, nested: Nested) -> type[typing.Any]:
    annotation = SECTION_MODELS[section].model_fields[nested.field].annotation
    (item_type,) = typing.get_args(annotation)
    return item_type  # type: ignore[no-any-return]


@pytest.mark.parametrize(("section", "name"), list(NESTED_MODELS))
def test_every_nested_field_has_a_column(section: str, name: str) -> None:
    nested = next(item for item in BY_SECTION[section].of_kind(Nested) if item.field == name)
    sub_fields = set(_sub_model(section, nested).model_fields)
    # a sub-record's own source references are kept in record_sources under its id (a fact's)
    kept_apart = list(nested.cited) if nested.record_type else []
    declared = declared_fields(nested.columns) + list(nested.unstored or {}) + kept_apart
    assert set(declared) == sub_fields


def test_every_list_in_the_store_is_declared_once() -> None:
    tables = [item.table for entity in ENTITIES for item in entity.items if isinstance(item, Nested)]
    assert len(tables) == len(set(tables))
    fixed = {(item.table, item.fixed) for entity in ENTITIES for item in entity.of_kind(Link)}
    assert len(fixed) == sum(len(entity.of_kind(Link)) for entity in ENTITIES)  # one table, told apart by role
    for entity in ENTITIES:
        assert all(column in {c.name for c in entity.columns} for column in entity.fts), entity.section


def typed_record_keys() -> dict[str, list[str]]:
    """The keys of each typed record, read from the source: they exist for mypy only."""
    tree = ast.parse(Path(iafr.store.schema.__file__).read_text("utf-8"))
    classes = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    return {
        section: [item.target.id for item in classes[name].body if isinstance(item, ast.AnnAssign)]  # type: ignore[attr-defined]
        for section, name in TYPED_RECORDS.items()
    }


@pytest.mark.parametrize("section", ["measures", "actors", "funding"])
def test_typed_records_match_the_listing_declaration(
    section: str, iafr: Invoke, corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(corpus_copy), "--db", str(db)).exit_code == 0
    shape = listing_shape(section, "x")
    with contextlib.closing(sqlite3.connect(db)) as connection:
        record = shape.decode(connection.execute(shape.select + " LIMIT 1").fetchone())
    assert list(record) == typed_record_keys()[section]


def test_citations_cover_every_sourced_entity() -> None:
    cited = {entity.section for entity in ENTITIES if entity.of_kind(Cited)}
    assert cited == {"sources", "reports", "measures", "actors", "funding", "statements", "events"}


def test_a_change_to_the_tables_bumps_the_schema_version() -> None:
    # Databases built by an older iafr are rebuilt only when SCHEMA_VERSION changes: change the
    # tables (the full-text tables and their stem columns too), and this test asks for a new
    # version (then pin the new pair here). What the stems are is code, not shape: a change to
    # the tokens or the stemming (iafr.fulltext.words) needs the bump as well.
    import hashlib
    import json

    from iafr.store import SCHEMA_VERSION
    from iafr.store.schema import FULLTEXT, STEM_KEYS_TABLE
    from iafr.store.tables import tables

    shape = [[t.name, {k: v.__name__ for k, v in t.columns.items()}, t.pk, t.foreign_keys, t.indexes] for t in tables()]
    shape.append([[table.table, table.content, table.columns] for table in FULLTEXT.values()])
    shape.append([STEM_KEYS_TABLE])
    from iafr.store.schema import TOTALS_TABLE
    from iafr.store.totals_table import COLUMNS

    shape.append([TOTALS_TABLE, {name: kind.__name__ for name, (kind, _doc) in COLUMNS.items()}])
    digest = hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]
    assert (SCHEMA_VERSION, digest) == ("12", "da3ca8ff261ef138"), "tables changed: bump SCHEMA_VERSION and re-pin"


def test_the_builtin_sha256_is_sha256() -> None:
    import hashlib

    from iafr.store.freshness import sha256

    for data in (b"", b"abc", "données".encode() * 1000):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()

"""The tables of the data package, their Table Schemas and their rows, read from the store.

Every table the store declares is one resource, in the order the build writes them (each foreign
key points at a resource listed before it or at its own). An entity's main table holds the records
and columns of its listing, exactly what ``iafr measures --format csv`` prints (the reports, which
no command lists, the same way from the same declarations); the link, nested and citation tables
hold their rows as stored, booleans and amounts decoded as the listings decode them.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple, get_args

from pydantic import BaseModel

from iafr import kinds
from iafr.declaration import Cited, Column, Kind, Link, Nested
from iafr.export.fields import Field, derived_field, id_field, item_field, model_field, plain_field
from iafr.i18n import _, in_language, language
from iafr.kinds import BY_SECTION, nouns_of
from iafr.models import SourceRef
from iafr.queries import query_records
from iafr.store.schema import CITATIONS_TABLE, TOTALS_TABLE
from iafr.store.select import listing_shape
from iafr.store.tables import Table, tables

Record = dict[str, Any]


class Resource(NamedTuple):
    """One table of the package: its fields in column order, keys and rows."""

    name: str
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]]
    records: list[Record]

    @property
    def columns(self) -> list[str]:
        return [field["name"] for field in self.fields]


def resources(connection: sqlite3.Connection) -> list[Resource]:
    """Every table of the store (its meta table aside) as a resource of the package, then the
    totals iafr's engine computed (never a sum of the funding table: a part beside its whole)."""
    owners = _owners()
    result = []
    for table in tables():
        if table.name in BY_SECTION:
            result.append(_main(connection, BY_SECTION[table.name], table))
        elif table.name == CITATIONS_TABLE:
            result.append(_citations(connection, table))
        else:
            entity, item = owners[table.name]
            result.append(_nested(connection, entity, item, table) if isinstance(item, Nested) else
                          _links(connection, entity, item, table))  # fmt: skip
    result.append(_totals(connection))
    return result


def _totals(connection: sqlite3.Connection) -> Resource:
    from iafr.store.totals_table import COLUMNS  # noqa: PLC0415

    fields = [
        plain_field(name, "integer" if kind is int else "string", _(doc)) for name, (kind, doc) in COLUMNS.items()
    ]
    for field in fields:
        if field["name"] in ("low", "high", "total", "total_en", "notes", "notes_en"):
            field["constraints"].pop("required")  # empty when no figure has an amount, or unbounded
    names = ", ".join(f"[{name}]" for name in COLUMNS)
    records = [
        dict(zip(COLUMNS, row, strict=True)) for row in connection.execute(f"SELECT {names} FROM {TOTALS_TABLE}")
    ]
    for record in records:
        record.update({key: None if value == "" else value for key, value in record.items()})
    return Resource(TOTALS_TABLE, fields, ["currency", "status", "kind", "basis"], [], records)


def _owners() -> dict[str, tuple[Kind, Nested | list[Link]]]:
    """Each link or nested table's entity, and the items it keeps."""
    owners: dict[str, tuple[Kind, Nested | list[Link]]] = {}
    for entity in kinds.KINDS:
        for link in entity.of_kind(Link):
            _owner, links = owners.setdefault(link.table, (entity, []))
            assert isinstance(links, list)
            links.append(link)
        for nested in entity.of_kind(Nested):
            owners[nested.table] = (entity, nested)
    return owners


def _foreign_keys(pairs: tuple[tuple[str, str, str], ...], own: str, rename: dict[str, str]) -> list[dict[str, Any]]:
    """Table Schema foreign keys; a key to the table itself names the resource ``""``."""
    return [
        {"fields": [rename.get(column, column)], "reference": {"resource": "" if table == own else table,
                                                               "fields": [other]}}
        for column, table, other in pairs
    ]  # fmt: skip


def _primary_key(table: Table) -> list[str]:
    return [table.pk] if isinstance(table.pk, str) else list(table.pk)


# --- main tables: the listings ------------------------------------------------------------------


def _main(connection: sqlite3.Connection, entity: Kind, table: Table) -> Resource:
    shape = listing_shape(entity.section, "t")
    records = query_records(connection, entity.section).records
    keys = [*shape.keys, *([entity.count] if entity.count else [])]
    model = entity.model_class()
    fields = [_listed_field(entity, model, key) for key in keys]
    for computed in entity.computed:  # a figure's place in the totals: what a naive sum must know
        values = computed.compute(records)
        for record in records:
            record[computed.name] = values[record["id"]]
        fields.append(plain_field(computed.name, "string", in_language(computed.doc), enum=list(computed.values)))
    renamed = {item.name: item.field for item in entity.columns if item.field is not None}
    return Resource(table.name, fields, ["id"], _foreign_keys(entity.foreign_keys, table.name, renamed), records)


def _listed_field(entity: Kind, model: type[BaseModel], key: str) -> Field:
    """The field of one column of a listing: a model field, a derived column, a list, a count."""
    for item in entity.items:
        if isinstance(item, Column) and item.listed and (item.field or item.name) == key:
            return model_field(model, item.field) if item.field else derived_field(item)
        if isinstance(item, Link) and item.listed and item.field == key:
            field = model_field(model, key)
            each = _("One row each in {table}.").format(table=item.table)
            return {**field, "description": f"{field.get('description', '')} {each}".lstrip()}
        if isinstance(item, Cited) and item.listed and item.field == key:
            return model_field(model, key) | {"description": _(
                "The sources it cites, joined with ';'; their quotes and places are in {table}.").format(
                table=CITATIONS_TABLE)}  # fmt: skip
    if key == entity.count:
        return plain_field(key, "integer", _("How many {records} name this {noun}.").format(
            records=nouns_of(key, language())[1], noun=entity.nouns.singular), minimum=0)  # fmt: skip
    raise KeyError(f"{entity.section}: the listing's column {key!r} is not declared")  # pragma: no cover


# --- link, nested and citation tables: their rows -----------------------------------------------


def _rows(connection: sqlite3.Connection, table: Table) -> list[tuple[Any, ...]]:
    names = ", ".join(f"[{column}]" for column in table.columns)
    return list(connection.execute(f"SELECT {names} FROM [{table.name}] ORDER BY rowid"))


def _links(connection: sqlite3.Connection, entity: Kind, links: list[Link], table: Table) -> Resource:
    model = entity.model_class()
    first = links[0]
    noun = entity.nouns.singular
    target = (
        _("An id in {table}.").format(table=first.target)
        if first.target
        else _("One of the {field} of the {noun}.").format(field=first.field, noun=noun)
    )
    fields = [
        id_field(entity.owner, model, _("The id of the {noun}.").format(noun=noun)),
        item_field(model, first.field, first.column, target),
        *[
            plain_field(name, "string", _("Which list of the {noun} the row is from.").format(noun=noun),
                        enum=[value for link in links for fixed, value in link.fixed if fixed == name])
            for name, _value in first.fixed
        ],
    ]  # fmt: skip
    records = [dict(zip(table.columns, row, strict=True)) for row in _rows(connection, table)]
    keys = _foreign_keys(table.foreign_keys, table.name, {})
    return Resource(table.name, fields, _primary_key(table), keys, records)


def _nested(connection: sqlite3.Connection, entity: Kind, nested: Nested, table: Table) -> Resource:
    model = entity.model_class()
    (sub_model,) = get_args(model.model_fields[nested.field].annotation)
    noun = entity.nouns.singular
    head = [id_field(entity.owner, model, _("The id of the {noun}.").format(noun=noun))]
    if nested.position:
        head.append(plain_field("position", "integer", _("Its place in the list of the {noun}, from 0.").format(
            noun=noun), minimum=0))  # fmt: skip
    columns = [
        model_field(sub_model, column.field, column.name) if column.field else derived_field(column)
        for column in nested.columns
    ]
    decoders = [_same] * len(head) + [column.decode for column in nested.columns]
    records = [
        {name: _cell(decode(value)) for name, decode, value in zip(table.columns, decoders, row, strict=True)}
        for row in _rows(connection, table)
    ]
    keys = _foreign_keys(table.foreign_keys, table.name, {})
    return Resource(table.name, [*head, *columns], _primary_key(table), keys, records)


def _same(value: Any) -> Any:
    return value


def _cell(value: Any) -> Any:
    """A decoded value as a listing shows it: a list of source references as their ids."""
    if isinstance(value, list):
        return [item["source"] if isinstance(item, dict) else item for item in value]
    return value


def _citations(connection: sqlite3.Connection, table: Table) -> Resource:
    cited = [entity.record_type for entity in kinds.KINDS if entity.of_kind(Cited)]
    cited += [n.record_type for k in kinds.KINDS for n in k.of_kind(Nested) if n.record_type and n.cited]
    by_column = {
        "record_type": plain_field("record_type", "string", _("The kind of record that cites the source."), enum=cited),
        "record_id": plain_field(
            "record_id", "string", _("The id of the record that cites the source (a fact's: actor#name).")
        ),
        "position": plain_field("position", "integer", _("Its place among the record's sources, from 0."), minimum=0),
        "source_id": {**model_field(SourceRef, "source", "source_id"), "description": _("The source cited.")},
        "quote": model_field(SourceRef, "quote"),
        "locator": model_field(SourceRef, "locator"),
    }
    records = [dict(zip(table.columns, row, strict=True)) for row in _rows(connection, table)]
    keys = _foreign_keys(table.foreign_keys, table.name, {})
    return Resource(table.name, [by_column[name] for name in table.columns], _primary_key(table), keys, records)

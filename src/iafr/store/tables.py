"""The physical tables derived from :mod:`iafr.store.schema`, the rows a corpus writes into them,
and the records a database reads back as (for ``iafr diff``).

Rows are tuples in column order: what ``executemany`` takes as is, in a third of the memory of
dicts (sqlite-utils' ``insert_all`` inspected and converted every value in Python: 40% of a
10k-record build).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from iafr import kinds
from iafr.declaration import Cited, Column, Kind, Link, Nested, sub_id
from iafr.store.schema import CITATIONS_TABLE

if TYPE_CHECKING:
    from iafr.corpus import Corpus

Row = tuple[Any, ...]


class Table(NamedTuple):
    name: str
    columns: dict[str, type]
    pk: str | tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()


CITATIONS = Table(
    CITATIONS_TABLE,
    {"record_type": str, "record_id": str, "position": int, "source_id": str, "quote": str, "locator": str},
    pk=("record_type", "record_id", "position"),
    foreign_keys=(("source_id", "sources", "id"),),
    indexes=(("source_id",),),
)


def main_table(entity: Kind) -> Table:
    columns: dict[str, type] = {column.name: column.type for column in entity.columns}
    return Table(entity.section, columns, "id", entity.foreign_keys, entity.indexes)


def link_table(entity: Kind, links: list[Link]) -> Table:
    """One table for the links that share it (funders and recipients: ``funding_actors``)."""
    first = links[0]
    columns: dict[str, type] = {entity.owner: str, first.column: str, **{name: str for name, _ in first.fixed}}
    foreign_keys = [(entity.owner, entity.section, "id")]
    if first.target:
        foreign_keys.append((first.column, first.target, "id"))
    indexes = ((first.column, entity.owner),) if any(link.indexed for link in links) else ()
    return Table(first.table, columns, tuple(columns), tuple(foreign_keys), indexes)


def nested_table(entity: Kind, nested: Nested) -> Table:
    head = {entity.owner: str, **({"position": int} if nested.position else {})}
    columns = {**head, **{column.name: column.type for column in nested.columns}}
    pk = (*head, *nested.key)
    return Table(
        nested.table, columns, pk, ((entity.owner, entity.section, "id"), *nested.foreign_keys), nested.indexes
    )


def _links_by_table(entity: Kind) -> dict[str, list[Link]]:
    grouped: dict[str, list[Link]] = {}
    for link in entity.of_kind(Link):
        grouped.setdefault(link.table, []).append(link)
    return grouped


def tables() -> list[Table]:
    """Every table in build order: the main tables, then each entity's links, then citations."""
    result = [main_table(entity) for entity in kinds.KINDS]
    for entity in kinds.KINDS:
        result.extend(link_table(entity, links) for links in _links_by_table(entity).values())
        result.extend(nested_table(entity, nested) for nested in entity.of_kind(Nested))
    return [*result, CITATIONS]


# --- writing ----------------------------------------------------------------------------------


def _getter(column: Column, corpus: Any) -> Callable[[Any], Any]:
    derive = column.derive
    if derive is not None:
        return lambda record: derive(record, corpus)
    name, encode = column.field, column.encode
    assert name is not None
    return lambda record: encode(getattr(record, name))


def _main_row_maker(entity: Kind, corpus: Any) -> Callable[[Any], Row]:
    getters: list[Callable[[Any], Any]] = []
    for item in entity.items:
        if isinstance(item, Column):
            getters.append(_getter(item, corpus))
    return lambda record: tuple([get(record) for get in getters])


def _nested_row_maker(nested: Nested, corpus: Any) -> Callable[[Any], Row]:
    getters = [_getter(column, corpus) for column in nested.columns]
    return lambda item: tuple(get(item) for get in getters)


def corpus_rows(corpus: Corpus) -> Iterator[tuple[str, list[Row]]]:
    """``(table, rows)`` for every table of :func:`tables`, in the same order."""
    sections = dict(corpus.sections())
    for entity in kinds.KINDS:
        make = _main_row_maker(entity, corpus)
        yield entity.section, [make(record) for record in sections[entity.section]]
    for entity in kinds.KINDS:
        records = sections[entity.section]
        for table, links in _links_by_table(entity).items():
            rows: list[Row] = []
            for link in links:
                fixed = tuple(value for _, value in link.fixed)
                rows.extend((record.id, item, *fixed) for record in records for item in getattr(record, link.field))
            yield table, rows
        for nested in entity.of_kind(Nested):
            make_item = _nested_row_maker(nested, corpus)
            rows = []
            for record in records:
                for position, item in enumerate(getattr(record, nested.field)):
                    head = (record.id, position) if nested.position else (record.id,)
                    rows.append((*head, *make_item(item)))
            yield nested.table, rows
    yield CITATIONS_TABLE, list(_citation_rows(sections))


def _citation_rows(sections: dict[str, list[Any]]) -> Iterator[Row]:
    """Each record's source references, and those of its addressable sub-records (a fact's, under
    ``actor#name``), in order."""
    for entity in kinds.KINDS:
        for cited in entity.of_kind(Cited):
            for record in sections[entity.section]:
                for position, ref in enumerate(getattr(record, cited.field)):
                    yield (entity.record_type, record.id, position, ref.source, ref.quote, ref.locator)
        for nested in entity.of_kind(Nested):
            if nested.record_type is None or nested.address is None:
                continue
            for record in sections[entity.section]:
                for item in getattr(record, nested.field):
                    item_id = sub_id(record.id, getattr(item, nested.address))
                    refs = [ref for name in nested.cited for ref in getattr(item, name)]
                    for position, ref in enumerate(refs):
                        yield (nested.record_type, item_id, position, ref.source, ref.quote, ref.locator)


# --- reading back -----------------------------------------------------------------------------

Fields = dict[str, Any]


def _grouped(connection: sqlite3.Connection, sql: str) -> dict[str, list[tuple[Any, ...]]]:
    """``SELECT owner, …``: the rest of each row, per owner, in row order."""
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for row in connection.execute(sql):
        groups.setdefault(row[0], []).append(tuple(row[1:]))
    return groups


def _citations(connection: sqlite3.Connection, record_type: str) -> dict[str, list[tuple[Any, ...]]]:
    return _grouped(
        connection,
        f"SELECT record_id, source_id, quote, locator FROM {CITATIONS_TABLE} "
        f"WHERE record_type = '{record_type}' ORDER BY record_id, position",
    )


def _list_reader(entity: Kind, item: Link | Nested | Cited, connection: sqlite3.Connection) -> Callable[[str], Any]:
    """A function giving ``item``'s field of one record, by id, from the table that keeps it."""
    if isinstance(item, Link):
        where = " AND ".join([f"{name} = '{value}'" for name, value in item.fixed]) or "1"
        links = _grouped(
            connection, f"SELECT {entity.owner}, {item.column} FROM {item.table} WHERE {where} ORDER BY rowid"
        )
        return lambda record_id: [row[0] for row in links.get(record_id, [])]
    if isinstance(item, Nested):
        return _nested_reader(entity, item, connection)
    cited = _citations(connection, entity.record_type)
    return lambda record_id: [
        {"source": source, "quote": quote, "locator": locator} for source, quote, locator in cited.get(record_id, [])
    ]


def _nested_reader(entity: Kind, item: Nested, connection: sqlite3.Connection) -> Callable[[str], Any]:
    names = ", ".join(column.name for column in item.columns)
    order = "position" if item.position else "rowid"
    items = _grouped(connection, f"SELECT {entity.owner}, {names} FROM {item.table} ORDER BY {entity.owner}, {order}")
    stored = [(index, column) for index, column in enumerate(item.columns) if column.field is not None]
    extra = item.unstored or {}
    cited = _citations(connection, item.record_type) if item.record_type and item.address else {}

    def read(record_id: str) -> list[Fields]:
        found = []
        for row in items.get(record_id, []):
            fields: Fields = {str(column.field): column.decode(row[index]) for index, column in stored}
            if item.address is not None and item.record_type is not None:
                refs = cited.get(sub_id(record_id, str(fields[item.address])), [])
                for name in item.cited:  # one list of references per sub-record (a fact's sources)
                    fields[name] = [{"source": s, "quote": q, "locator": loc} for s, q, loc in refs]
            found.append({**fields, **extra})
        return found

    return read


def _main_fields(entity: Kind, raw: dict[str, Any]) -> Fields:
    """The fields a main-table row holds (derived columns dropped)."""
    record: Fields = {}
    for item in entity.items:
        if isinstance(item, Column) and item.field is not None:
            record[item.field] = item.decode(raw[item.name])
    return record


def database_records(connection: sqlite3.Connection) -> dict[str, list[Fields]]:
    """Every record of every entity, field by field as the models have them, in file order."""
    result: dict[str, list[Fields]] = {}
    for entity in kinds.KINDS:
        lists = [(item.field, _list_reader(entity, item, connection)) for item in entity.items
                 if isinstance(item, Link | Nested | Cited)]  # fmt: skip
        names = [column.name for column in entity.columns]
        records = []
        quoted = ", ".join(f"[{name}]" for name in names)
        for row in connection.execute(f"SELECT {quoted} FROM {entity.section} ORDER BY rowid"):
            record = _main_fields(entity, dict(zip(names, row, strict=True)))
            for name, read in lists:
                record[name] = read(record["id"])
            records.append(record)
        result[entity.section] = records
    return result

"""``iafr show ID``: one record in full, with everything linked to it, from the declarations.

A record's page (:class:`Detail`) is its own fields as its listing has them, then blocks of
records: the sources it cites (with their quotes), the records its links name (in the compact view
of their own listing), its sub-records (a report's chapters, an actor's relations and facts), and
the records of any kind whose links name it (a figure's funders see it under "funded", a measure's
actors under "measures"). :mod:`iafr.kinds` says which links there are and how each is named in
both directions; nothing here lists a kind. A fact is a record of its own (``bloom#parameters``):
its fields, its actor, its sources.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from iafr import kinds
from iafr.declaration import SUB_ID_SEPARATOR, Cited, Kind, Label, Link, Nested, References, references
from iafr.errors import UsageError
from iafr.i18n import NP_, _, either, pgettext
from iafr.store.schema import CITATIONS_TABLE

Row = dict[str, Any]


class Block(NamedTuple):
    """A list shown on a record's page: ``key`` names it in JSON, ``title`` to people, ``kind``
    is the section its rows are records of (their compact view), ``None`` for rows of their own."""

    key: str
    title: Label
    kind: str | None
    rows: list[Row]


class Detail(NamedTuple):
    """One record's page: its type (``measure``, ``fact``…), its own fields, its blocks."""

    type: str
    record: Row
    blocks: list[Block]

    def as_json(self) -> Row:
        """The record as one object: its type, its fields, each block under its key."""
        return {"type": self.type, **self.record, **{block.key: block.rows for block in self.blocks}}


def _rows(connection: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(sql, params)]
    finally:
        connection.row_factory = None


def records_by_id(connection: sqlite3.Connection, section: str, ids: Sequence[str]) -> list[Row]:
    """The listing records of ``section`` with these ids, in the order of ``ids`` (each once)."""
    from iafr.store.select import listing_shape  # noqa: PLC0415

    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    shape = listing_shape(section, "t")
    found: dict[str, Row] = {}
    connection.row_factory = None
    for start in range(0, len(wanted), 500):  # well under SQLite's limit of bound parameters
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in connection.execute(f"{shape.select} WHERE t.id IN ({marks})", chunk):
            record = shape.decode(row)
            found[record["id"]] = record
    return [found[record_id] for record_id in wanted if record_id in found]


def in_listing_order(connection: sqlite3.Connection, section: str, ids: Sequence[str]) -> list[Row]:
    """The records of ``section`` with these ids, in the order its own listing gives them (money
    in time order, actors by name…)."""
    from iafr.queries import query_records  # noqa: PLC0415

    wanted = set(ids)
    if not wanted:
        return []
    return [record for record in query_records(connection, section).records if record["id"] in wanted]


def _citations(connection: sqlite3.Connection, record_type: str, record_id: str) -> list[Row]:
    return _rows(
        connection,
        f"""SELECT r.source_id AS source, s.title, s.date, r.quote, r.locator FROM {CITATIONS_TABLE} r
           JOIN sources s ON s.id = r.source_id WHERE r.record_type = ? AND r.record_id = ? ORDER BY r.position""",
        (record_type, record_id),
    )


def _key(label: Label) -> str:
    return label[0].replace(" ", "_")


def _title_of(section: str) -> str:
    kind = kinds.BY_SECTION[section]
    return kind.column_of(kind.title) if kind.title != "id" else "id"


# --- the record's own links -----------------------------------------------------------------------

# What a page calls a record's lists (a link's, a nested list's, its sources), in the reader's
# language: each kind's field names, marked for the catalogue (tests/test_i18n.py checks that
# every declared list has its French title).
_FIELD_TITLES = (
    NP_("field", "about"),
    NP_("field", "actors"),
    NP_("field", "aliases"),
    NP_("field", "announced by"),
    NP_("field", "authors"),
    NP_("field", "axes"),
    NP_("field", "chapters"),
    NP_("field", "cited in"),
    NP_("field", "cites"),
    NP_("field", "facts"),
    NP_("field", "funders"),
    NP_("field", "funding"),
    NP_("field", "instruments"),
    NP_("field", "organisers"),
    NP_("field", "participants"),
    NP_("field", "recipients"),
    NP_("field", "related"),
    NP_("field", "relations"),
    NP_("field", "sources"),
    NP_("field", "speakers"),
    NP_("field", "targets"),
    NP_("field", "terms"),
    NP_("field", "topics"),
    NP_("field", "via"),
)


def _list_title(field: str) -> tuple[str, str]:
    """``(English, reader's language)`` for a list of a record: its field name, in words."""
    title = field.replace("_", " ")
    return title, pgettext("field", title)


def _forward(connection: sqlite3.Connection, kind: Kind, link: Link, record: Row) -> Block | None:
    """The records a list of ids names, as a block of its targets' listing records."""
    assert link.ref is not None
    ids = record.pop(link.field, None)
    if ids is None:  # a list listings leave out: read from its table
        fixed = "".join(f" AND {name} = '{value}'" for name, value in link.fixed)
        sql = f"SELECT {link.column} FROM {link.table} WHERE {kind.owner} = ?{fixed} ORDER BY rowid"
        ids = [row[0] for row in connection.execute(sql, (record["id"],))]
    if not ids:
        return None
    rows, section = _targets(connection, link.ref.targets, ids)
    return Block(link.field, _list_title(link.field), section, rows)


def _targets(connection: sqlite3.Connection, targets: tuple[str, ...], ids: list[str]) -> tuple[list[Row], str | None]:
    """The records ``ids`` name: of one kind, its listing records; of several, id, type and title."""
    if len(targets) == 1:
        return records_by_id(connection, targets[0], ids), targets[0]
    found: dict[str, Row] = {}
    for section in targets:
        kind = kinds.BY_SECTION[section]
        for row in records_by_id(connection, section, ids):
            found.setdefault(row["id"], {"type": kind.record_type, "id": row["id"], "title": row.get(kind.title)})
    return [found[record_id] for record_id in ids if record_id in found], None


def _nested(connection: sqlite3.Connection, kind: Kind, nested: Nested, record_id: str) -> Block | None:
    """A list of sub-records as stored; a column naming a record is followed by that record's title."""
    names = [column.name for column in nested.columns]
    order = "position" if nested.position else "rowid"
    columns = ", ".join(f"[{name}]" for name in names)
    sql = f"SELECT {columns} FROM {nested.table} WHERE {kind.owner} = ? ORDER BY {order}"
    raw = connection.execute(sql, (record_id,)).fetchall()
    if not raw:
        return None
    rows = []
    for values in raw:
        row: Row = {}
        if nested.address is not None:
            row["id"] = f"{record_id}{SUB_ID_SEPARATOR}{values[names.index(nested.column_of(nested.address))]}"
        # the record a sub-record names comes first, with its title (a relation: whom it is to)
        named = sorted(zip(nested.columns, values, strict=True), key=lambda pair: pair[0].ref is None)
        for column, value in named:
            if column.field is None or column.field == nested.address:
                continue  # a column for queries (a year), or the name the id already holds
            row[column.field] = column.decode(value)
            if column.ref is not None:
                row.update(_title_row(connection, column.ref.targets, value))
        if nested.address is not None and nested.record_type is not None:
            row["sources"] = [cited["source"] for cited in _citations(connection, nested.record_type, row["id"])]
        rows.append(row)
    return Block(nested.field, _list_title(nested.field), None, rows)


def _title_row(connection: sqlite3.Connection, targets: tuple[str, ...], record_id: str) -> Row:
    """``{"name": "Mistral AI"}``: the title of the record ``record_id`` names, under its field's name."""
    for section in targets:
        kind = kinds.BY_SECTION[section]
        found = connection.execute(
            f"SELECT [{_title_of(section)}] FROM {section} WHERE id = ?", (record_id,)
        ).fetchone()
        if found is not None:
            return {kind.title: found[0]}
    return {}


# --- what names the record --------------------------------------------------------------------------


def _reverse(connection: sqlite3.Connection, kind: Kind, record: Row) -> tuple[list[Block], Row]:
    """The records of every kind whose links name this one: blocks, and counts for what is only counted."""
    blocks: list[Block] = []
    counts: Row = {}
    # the kind's own links first (an actor's relations to it beside its own), then the others'
    own_first = sorted(references(kinds.KINDS), key=lambda link: link.kind is not kind)
    for link in own_first:
        if kind.section not in link.ref.targets or link.ref.reverse is None:
            continue
        title = link.ref.reverse
        if link.nested is not None:
            rows = _naming_sub_records(connection, link, record["id"])
            if rows:
                blocks.append(Block(_key(title), title, None, rows))
            continue
        owners = _owners(connection, link, record["id"])
        if link.ref.count_only:
            counts[_key(title)] = len(owners)
            continue
        if link.ref.symmetric and link.kind is kind:
            _merge_symmetric(connection, blocks, link, owners)
            continue
        if owners:
            rows = in_listing_order(connection, link.kind.section, owners)
            blocks.append(Block(_key(title), title, link.kind.section, rows))
    return blocks, counts


def _owners(connection: sqlite3.Connection, link: References, record_id: str) -> list[str]:
    """The ids of the records whose link ``link`` names ``record_id``, in their listing's order."""
    owner_kind = link.kind
    if isinstance(link.item, Link):
        fixed = "".join(f" AND l.{name} = '{value}'" for name, value in link.item.fixed)
        sql = (f"SELECT DISTINCT l.{owner_kind.owner} FROM {link.item.table} l JOIN {owner_kind.section} o "
               f"ON o.id = l.{owner_kind.owner} WHERE l.{link.column} = ?{fixed} ORDER BY o.rowid")  # fmt: skip
    else:
        sql = f"SELECT id FROM {owner_kind.section} WHERE [{link.column}] = ? ORDER BY rowid"
    return [row[0] for row in connection.execute(sql, (record_id,))]


def _naming_sub_records(connection: sqlite3.Connection, link: References, record_id: str) -> list[Row]:
    """Sub-records naming the record (relations to an actor): their owner, its title, their other fields."""
    nested, owner_kind = link.nested, link.kind
    assert nested is not None
    others = [column for column in nested.columns if column is not link.item]
    title = _title_of(owner_kind.section)
    names = ", ".join(f"n.[{column.name}]" for column in others)
    sql = (f"SELECT n.{owner_kind.owner}, o.[{title}], {names} FROM {nested.table} n JOIN {owner_kind.section} o "
           f"ON o.id = n.{owner_kind.owner} WHERE n.[{link.column}] = ? ORDER BY o.[{title}], n.rowid")  # fmt: skip
    rows = []
    for owner, owner_title, *values in connection.execute(sql, (record_id,)):
        row: Row = {"id": owner, owner_kind.title: owner_title}
        row.update(
            {column.field or column.name: column.decode(value) for column, value in zip(others, values, strict=True)}
        )
        rows.append(row)
    return rows


def _merge_symmetric(connection: sqlite3.Connection, blocks: list[Block], link: References, owners: list[str]) -> None:
    """A link meaning the same both ways (figures that may overlap): one block, either direction."""
    section = link.kind.section
    for index, block in enumerate(blocks):
        if block.key == link.field and block.kind == section:
            known = {row["id"] for row in block.rows}
            extra = records_by_id(connection, section, [owner for owner in owners if owner not in known])
            blocks[index] = block._replace(rows=block.rows + extra)
            return
    if owners:
        label = (link.field, link.field)
        blocks.append(Block(link.field, label, section, records_by_id(connection, section, owners)))


def _cited_by(connection: sqlite3.Connection, record_id: str) -> Block | None:
    """For a source: every record citing it, with the quote and place."""
    rows = _rows(
        connection,
        f"SELECT record_type AS type, record_id AS id, quote, locator FROM {CITATIONS_TABLE} WHERE source_id = ? "
        "ORDER BY record_type, record_id, position",
        (record_id,),
    )
    return Block("cited_by", ("cited by", "citée par"), None, rows) if rows else None


# --- one page -----------------------------------------------------------------------------------------


def _detail(connection: sqlite3.Connection, kind: Kind, record_id: str) -> Detail:
    (record,) = records_by_id(connection, kind.section, [record_id])
    found: list[Block | None] = []
    for item in kind.items:  # the record's own lists, in the order its kind declares them
        if isinstance(item, Cited):
            record.pop(item.field, None)
            citations = _citations(connection, kind.record_type, record_id)
            found.append(Block(item.field, _list_title(item.field), None, citations) if citations else None)
        elif isinstance(item, Link) and item.ref is not None:
            found.append(_forward(connection, kind, item, record))
        elif isinstance(item, Nested):
            found.append(_nested(connection, kind, item, record_id))
    blocks = [block for block in found if block is not None]
    reverse, counts = _reverse(connection, kind, record)
    record.update(counts)
    blocks.extend(reverse)
    if kind.section == kinds.CITED_KIND:
        cited_by = _cited_by(connection, record_id)
        if cited_by is not None:
            blocks.append(cited_by)
    return Detail(kind.record_type, record, blocks)


def _sub_record(connection: sqlite3.Connection, record_id: str) -> list[Detail]:
    """An addressable sub-record (``bloom#parameters``): its fields, its owner, its sources."""
    owner = record_id.partition(SUB_ID_SEPARATOR)[0]
    found = []
    for kind in kinds.KINDS:
        for nested in kind.of_kind(Nested):
            if nested.address is None or nested.record_type is None:
                continue
            block = _nested(connection, kind, nested, owner)
            row = next((row for row in block.rows if row["id"] == record_id), None) if block else None
            if row is None:
                continue
            row.pop("sources", None)
            record = {"id": record_id, kind.record_type: owner, **{k: v for k, v in row.items() if k != "id"}}
            citations = _citations(connection, nested.record_type, record_id)
            owner_row = records_by_id(connection, kind.section, [owner])
            noun = (kind.nouns.singular_en, kind.nouns.singular_fr)
            blocks = [Block("sources", _list_title("sources"), None, citations)] if citations else []
            blocks.append(Block(kind.record_type, noun, kind.section, owner_row))
            found.append(Detail(nested.record_type, record, blocks))
    return found


def show(connection: sqlite3.Connection, record_id: str) -> list[Detail]:
    """Every record with this id (a report and its source document may share one)."""
    found = [
        _detail(connection, kind, record_id)
        for kind in kinds.KINDS
        if connection.execute(f"SELECT 1 FROM {kind.section} WHERE id = ?", (record_id,)).fetchone()
    ]
    if not found and SUB_ID_SEPARATOR in record_id:
        found = _sub_record(connection, record_id)
    if found:
        return found
    named = _named_actor(connection, record_id)
    if named is not None:  # "iafr show Mistral", "show Macron": an actor by name, as --actor takes it
        return show(connection, named)
    raise unknown_record(connection, record_id)


def _named_actor(connection: sqlite3.Connection, text: str) -> str | None:
    """The actor ``text`` names (a name, an alias, a word of one), or None when it names none or several."""
    from iafr.resolve import resolve  # noqa: PLC0415

    try:
        return resolve(connection, "actor", text)
    except UsageError:
        return None


def all_ids(connection: sqlite3.Connection) -> list[str]:
    """Every id a page can be shown for: each kind's records, and their addressable sub-records."""
    ids = [row[0] for kind in kinds.KINDS for row in connection.execute(f"SELECT id FROM {kind.section}")]
    for kind in kinds.KINDS:
        for nested in kind.of_kind(Nested):
            if nested.address is not None:
                column = nested.column_of(nested.address)
                sql = f"SELECT {kind.owner} || '{SUB_ID_SEPARATOR}' || [{column}] FROM {nested.table}"
                ids.extend(row[0] for row in connection.execute(sql))
    return ids


def unknown_record(connection: sqlite3.Connection, record_id: str) -> UsageError:
    """The error for an id no record has, with the closest ids."""
    close = difflib.get_close_matches(record_id, all_ids(connection), n=3, cutoff=0.6)
    hint = (
        _("; did you mean {values}?").format(values=either(close))
        if close
        else _("; 'iafr search WORDS' finds records by their text")
    )
    return UsageError(_("no record has id {record_id!r}{hint}").format(record_id=record_id, hint=hint))

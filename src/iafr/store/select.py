"""The listings' SELECTs and row decoding, derived from :mod:`iafr.store.schema`.

A listing record is the entity's listed items in declaration order: scalar fields as the
models hold them (exact ``Decimal`` amounts, booleans), lists of ids as lists, a period as
``{"start", "end"}``, and ``sources`` as the cited source ids.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from iafr.declaration import Cited, Column, Kind, Link
from iafr.kinds import BY_SECTION
from iafr.store.schema import CITATIONS_TABLE

_SEPARATOR = "char(31)"  # joins list items: no record text contains U+001F (check_clean_text)


def _concat(select: str) -> str:
    """A subquery joining values in insertion order with a separator no record text contains."""
    return f"(SELECT group_concat(v, {_SEPARATOR}) FROM ({select}))"


def _link_sql(entity: Kind, link: Link, alias: str) -> str:
    fixed = "".join(f" AND {name} = '{value}'" for name, value in link.fixed)
    return _concat(
        f"SELECT {link.column} AS v FROM {link.table} WHERE {entity.owner} = {alias}.id{fixed} ORDER BY rowid"
    )


def _cited_sql(entity: Kind, alias: str) -> str:
    # each source once, in the order of its first citation: two quotes from one article are one source
    return _concat(
        f"SELECT source_id AS v FROM {CITATIONS_TABLE} WHERE record_type = '{entity.record_type}' "
        f"AND record_id = {alias}.id GROUP BY source_id ORDER BY min(position)"
    )


def _split(value: str | None) -> list[str]:
    return value.split("\x1f") if value else []


class ListingShape:
    """How one entity's listing is selected and decoded (built once per entity)."""

    __slots__ = ("decoders", "entity", "keys", "select")

    def __init__(self, entity: Kind, alias: str) -> None:
        self.entity = entity
        expressions: list[str] = []
        self.keys: list[str] = []
        self.decoders: list[Callable[[list[Any], dict[str, Any]], None]] = []
        for item in entity.items:
            if isinstance(item, Column) and item.listed:
                key = item.field or item.name
                expressions.append(f"{alias}.[{item.name}] AS [{key}]")
                self._decode_one(key, item.decode)
            elif isinstance(item, Link) and item.listed:
                expressions.append(f"{_link_sql(entity, item, alias)} AS [{item.field}]")
                self._decode_one(item.field, _split)
            elif isinstance(item, Cited) and item.listed:
                expressions.append(f"{_cited_sql(entity, alias)} AS [{item.field}]")
                self._decode_one(item.field, _split)
        self.select = f"SELECT {', '.join(expressions)} FROM {entity.section} {alias}"

    def _decode_one(self, key: str, decode: Callable[[Any], Any]) -> None:
        index = len(self.keys)
        self.keys.append(key)
        self.decoders.append(lambda row, record: record.__setitem__(key, decode(row[index])))

    def decode(self, row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
        values = list(row)
        record: dict[str, Any] = {}
        for decode in self.decoders:
            decode(values, record)
        return record


_SHAPES: dict[str, ListingShape] = {}


def listing_shape(section: str, alias: str) -> ListingShape:
    key = f"{section}:{alias}"
    if key not in _SHAPES:
        _SHAPES[key] = ListingShape(BY_SECTION[section], alias)
    return _SHAPES[key]

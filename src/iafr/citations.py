"""The sources behind a record, as references to cite (``iafr cite``), and the whole bibliography.

A reference is a source as the bibliography records it (title, author, publisher, date,
language, address: nothing added, nothing guessed) and the passages the record relies on, each
a quote and its place in the document. A record citing one source twice gets one reference with
both passages; a source's own id cites the source itself.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple

from iafr.details import unknown_record
from iafr.errors import UsageError
from iafr.queries import query_sources
from iafr.store.schema import ENTITIES, Cited

Source = dict[str, Any]
"""A record of ``iafr sources``' listing: id, title, kind, author, publisher, date, language, url…"""


class Passage(NamedTuple):
    quote: str | None
    locator: str | None


class Reference(NamedTuple):
    source: Source
    passages: tuple[Passage, ...] = ()


_CITING = [(entity.section, entity.record_type) for entity in ENTITIES if entity.of_kind(Cited)]
"""The tables of records that cite sources, with how ``record_sources`` names them."""


def bibliography(connection: sqlite3.Connection) -> list[Reference]:
    """Every source, in the order ``iafr sources`` lists them."""
    return [Reference(source) for source in query_sources(connection).records]


def cite(connection: sqlite3.Connection, record_id: str) -> list[Reference]:
    """The references behind every record with this id (a report and its document may share one),
    in the order the records cite them. ``UsageError`` for an id no citable record has."""
    sources = {source["id"]: source for source in query_sources(connection).records}
    passages: dict[str, list[Passage]] = {}
    found = False
    for table, record_type in _CITING:
        if not connection.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone():
            continue
        found = True
        if record_type == "source":
            passages.setdefault(record_id, [])  # the document itself; where it is cited is not its citation
            continue
        rows = connection.execute(
            "SELECT source_id, quote, locator FROM record_sources WHERE record_type = ? AND record_id = ? "
            "ORDER BY position",
            (record_type, record_id),
        )
        for source_id, quote, locator in rows:
            cited = passages.setdefault(source_id, [])
            if (quote or locator) and Passage(quote, locator) not in cited:
                cited.append(Passage(quote, locator))
    if not found:
        if connection.execute("SELECT 1 FROM axes WHERE id = ?", (record_id,)).fetchone():
            raise UsageError(
                f"{record_id!r} is an axis, and axes cite no source; cite a measure, a figure, an actor, "
                "a report or a source"
            )
        raise unknown_record(connection, record_id)
    return [Reference(sources[source_id], tuple(cited)) for source_id, cited in passages.items()]

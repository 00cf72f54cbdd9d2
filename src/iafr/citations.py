"""The sources behind a record, as references to cite (``iafr cite``), and the whole bibliography.

A reference is a source as the bibliography records it (title, author, publisher, date,
language, address: nothing added, nothing guessed) and the passages the record relies on, each
a quote and its place in the document. A record citing one source twice gets one reference with
both passages; a source's own id cites the source itself.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple

from iafr import kinds
from iafr.declaration import SUB_ID_SEPARATOR, Cited, Nested
from iafr.details import unknown_record
from iafr.errors import UsageError
from iafr.i18n import _
from iafr.queries import query_sources

Source = dict[str, Any]
"""A record of ``iafr sources``' listing: id, title, kind, author, publisher, date, language, url…"""


class Passage(NamedTuple):
    quote: str | None
    locator: str | None


class Reference(NamedTuple):
    source: Source
    passages: tuple[Passage, ...] = ()


def bibliography(connection: sqlite3.Connection) -> list[Reference]:
    """Every source, in the order ``iafr sources`` lists them."""
    return [Reference(source) for source in query_sources(connection).records]


def cite(connection: sqlite3.Connection, record_id: str) -> list[Reference]:
    """The references behind every record with this id (a report and its document may share one),
    in the order the records cite them. ``UsageError`` for an id no citable record has."""
    sources = {source["id"]: source for source in query_sources(connection).records}
    passages: dict[str, list[Passage]] = {}
    found = False
    for record_type, exists in _citing(record_id):
        if not connection.execute(exists, (record_id,)).fetchone():
            continue
        found = True
        if record_type == kinds.BY_SECTION[kinds.CITED_KIND].record_type:
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
        for kind in kinds.KINDS:
            if connection.execute(f"SELECT 1 FROM {kind.section} WHERE id = ?", (record_id,)).fetchone():
                raise UsageError(
                    _(
                        "{record_id!r} is one of the {plural}, which cite no source; cite a record of another "
                        "kind ({values})"
                    ).format(record_id=record_id, plural=kind.nouns.plural, values=", ".join(_citable()))
                )
        raise unknown_record(connection, record_id)
    return [Reference(sources[source_id], tuple(cited)) for source_id, cited in passages.items()]


def _citing(record_id: str) -> list[tuple[str, str]]:
    """``(record_type, SQL finding the id)`` for each kind of record that cites sources, and each
    addressable sub-record (a fact, ``bloom#parameters``) when the id names one."""
    found = [
        (kind.record_type, f"SELECT 1 FROM {kind.section} WHERE id = ?") for kind in kinds.KINDS if kind.of_kind(Cited)
    ]
    if SUB_ID_SEPARATOR in record_id:
        for kind in kinds.KINDS:
            for nested in kind.of_kind(Nested):
                if nested.address is not None and nested.record_type is not None and nested.cited:
                    column = nested.column_of(nested.address)
                    sql = (f"SELECT 1 FROM {nested.table} WHERE {kind.owner} || '{SUB_ID_SEPARATOR}' || "
                           f"[{column}] = ?")  # fmt: skip
                    found.append((nested.record_type, sql))
    return found


def _citable() -> list[str]:
    names = [kind.nouns.plural for kind in kinds.KINDS if kind.of_kind(Cited)]
    names += [n.nouns.plural for k in kinds.KINDS for n in k.of_kind(Nested) if n.record_type and n.nouns]
    return names

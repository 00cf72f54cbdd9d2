"""The search over the store: ``iafr search`` and the ``--query`` filter, one matcher for both.

A query reads the synonym list and the stem keys from the database (see iafr.store.schema),
builds one FTS5 expression per full-text table, and ranks what matched: records where every
term matched as typed (whole words) first, then by bm25 (iafr.queries wraps them in a
listing). Each record comes with its excerpt and the places of its matches, for the renderers
to mark; the records themselves carry no marker, only the words that matched (``matched``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from iafr import i18n, kinds
from iafr.fulltext.marks import Marker, Span, excerpt, marks
from iafr.fulltext.query import Columns, Query, Synonym, build_query, synonym_groups
from iafr.store.schema import FULLTEXT, STEM_KEYS_TABLE, FullText


def columns_of(table: FullText) -> Columns:
    return Columns(table.text, table.stems)


def text_query(connection: sqlite3.Connection, text: str, option: str = "") -> Query:
    """The user's text as a query, with the database's synonyms and stem keys."""
    return build_query(text, _synonyms(connection), lambda keys: _bridges(connection, keys), option)


def _synonyms(connection: sqlite3.Connection) -> list[Synonym]:
    groups: dict[str, list[str]] = {}
    for group, term in connection.execute("SELECT synonym_id, term FROM synonym_terms ORDER BY rowid"):
        groups.setdefault(group, []).append(term)
    return synonym_groups(groups.values())


Bridged = Mapping[tuple[str, str], tuple[str, ...]]


def _bridges(connection: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> Bridged:
    found: dict[tuple[str, str], list[str]] = {}
    wanted = sorted(set(keys))
    for start in range(0, len(wanted), 200):  # well under SQLite's limit of bound parameters
        chunk = wanted[start : start + 200]
        condition = " OR ".join("(language = ? AND key = ?)" for _ in chunk)
        params = [value for pair in chunk for value in pair]
        for language, key, stem in connection.execute(
            f"SELECT language, key, stem FROM {STEM_KEYS_TABLE} WHERE {condition} ORDER BY stem", params
        ):
            found.setdefault((language, key), []).append(stem)
    return {key: tuple(stems) for key, stems in found.items()}


def matching_rowids(connection: sqlite3.Connection, section: str, text: str, option: str) -> tuple[str, list[str]]:
    """SQL (``rowid IN (…)``) and its parameter keeping the records of ``section`` that match ``text``."""
    table = FULLTEXT[section]
    query = text_query(connection, text, option)
    return f"(SELECT rowid FROM {table.table} WHERE {table.table} MATCH ?)", [query.fts(columns_of(table))]


class _Hit(NamedTuple):
    """A record that matched, in ranking order: whole-word matches first, then by bm25."""

    not_whole: bool
    rank: float
    record_type: str
    record_id: str
    shown: str  # its title
    context: str
    title: str  # the column its title is
    fields: dict[str, str | None]  # its searched texts, by column


def search(
    connection: sqlite3.Connection, text: str, limit: int | None = 50
) -> tuple[list[dict[str, Any]], list[dict[str, list[Span]]]]:
    """Ranked full-text search over every kind of record: the records, and per record the places
    of its matches in its ``title`` and ``excerpt``."""
    query = text_query(connection, text)
    connection.row_factory = None
    hits: list[_Hit] = []
    for kind in kinds.KINDS:
        if kind.search is None:
            continue
        record_type, section, context = kind.record_type, kind.section, kind.search.context
        title = kind.column_of(kind.title)
        # the title in the reader's language: an English reader gets the English one where there is one
        english = kind.column_of(kind.title_en) if kind.title_en and i18n.language() == "en" else title
        table = FULLTEXT[section]
        columns = columns_of(table)
        texts = ", ".join(f"m.[{column}]" for column in table.text)
        sql = (
            f"SELECT m.id, m.[{title}], m.[{english}], {context}, bm25({table.table}),"
            f" {table.table}.rowid IN (SELECT rowid FROM {table.table} WHERE {table.table} MATCH ?), {texts}"
            f" FROM {table.table} JOIN [{section}] m ON m.rowid = {table.table}.rowid"
            f" WHERE {table.table} MATCH ?"
        )
        for record_id, french, translated, about, rank, whole, *values in connection.execute(
            sql, [query.literal_fts(columns), query.fts(columns)]
        ):
            fields = dict(zip(table.text, values, strict=True))
            shown, column = (translated, english) if translated else (french, title)
            hits.append(_Hit(not whole, round(rank, 3), record_type, record_id, shown, about, column, fields))
    hits.sort(key=lambda hit: (hit.not_whole, hit.rank, hit.record_type, hit.record_id))
    records, places = [], []
    markers = _Markers(Marker(query.matches()), Marker(term.literal for term in query.terms))  # once per query
    for hit in hits if limit is None else hits[:limit]:
        record, marked = _record(markers, hit)
        records.append(record)
        places.append(marked)
    return records, places


class _Markers(NamedTuple):
    every: Marker  # every way each term matches
    literal: Marker  # each term as typed


def _record(markers: _Markers, hit: _Hit) -> tuple[dict[str, Any], dict[str, list[Span]]]:
    """A match as its listing shows it, and the places of its matches in ``title`` and ``excerpt``."""
    fields = {name: value for name, value in hit.fields.items() if value}
    matches, literal = markers
    in_fields = {name: marks(value, matches) for name, value in fields.items()}
    # the excerpt: from the field besides the title with the most matches of the words as typed,
    # then of any match (the reader sees their own words where they are), else the first field
    body = {
        name: (len(marks(value, literal)) if in_fields[name] else 0, len(in_fields[name]))
        for name, value in fields.items()
        if name != hit.title
    }
    chosen = max(body, key=lambda name: body[name], default=None)
    shown = excerpt(fields[chosen], matches) if chosen else None
    matched: dict[str, str] = {}
    for name, places in in_fields.items():
        for start, end in places:
            written = " ".join(fields[name][start:end].split())
            matched.setdefault(written.casefold(), written)
    record = {
        "type": hit.record_type,
        "id": hit.record_id,
        "title": hit.shown,
        "context": hit.context,
        "excerpt": shown.text if shown else "",
        "matched": list(matched.values()),
        "exact": not hit.not_whole,
        "rank": hit.rank,
    }
    title_marks = in_fields.get(hit.title, [])
    if hit.title not in fields and hit.shown:  # not searched (an English title of a kind searched in French)
        title_marks = marks(hit.shown, matches)
    return record, {"title": title_marks, "excerpt": shown.marks if shown else []}

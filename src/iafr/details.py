"""``iafr show ID``: one record in full, with everything that links to it."""

from __future__ import annotations

import difflib
import sqlite3
from typing import Any

from iafr.errors import UsageError
from iafr.queries import Row, query_actors, query_funding, query_measures

_KINDS = ("measures", "actors", "funding", "reports", "sources", "axes")


def _rows(connection: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[Row]:
    connection.row_factory = sqlite3.Row
    return [dict(row) for row in connection.execute(sql, params)]


def _citations(connection: sqlite3.Connection, record_type: str, record_id: str) -> list[Row]:
    return _rows(
        connection,
        """SELECT r.source_id AS source, s.title, s.date, r.quote, r.locator FROM record_sources r
           JOIN sources s ON s.id = r.source_id WHERE r.record_type = ? AND r.record_id = ? ORDER BY r.position""",
        (record_type, record_id),
    )


def _measure(connection: sqlite3.Connection, record_id: str) -> Row:
    record: Row = query_measures(connection, record_id=record_id).records[0]  # the listing's record shape
    record["axes"] = _rows(
        connection,
        "SELECT x.id, x.label FROM measure_axes ma JOIN axes x ON x.id = ma.axis_id WHERE ma.measure_id = ? "
        "ORDER BY ma.rowid",
        (record_id,),
    )
    record["actors"] = _rows(
        connection,
        "SELECT a.id, a.name, a.kind FROM measure_actors ma JOIN actors a ON a.id = ma.actor_id "
        "WHERE ma.measure_id = ? ORDER BY ma.rowid",
        (record_id,),
    )
    record["related"] = _rows(
        connection,
        "SELECT m.id, m.number, m.title FROM measure_related r JOIN measures m ON m.id = r.related_id "
        "WHERE r.measure_id = ? UNION SELECT m.id, m.number, m.title FROM measure_related r "
        "JOIN measures m ON m.id = r.measure_id WHERE r.related_id = ? ORDER BY 1",
        (record_id, record_id),
    )
    record["sources"] = _citations(connection, "measure", record_id)
    return record


def _actor(connection: sqlite3.Connection, record_id: str) -> Row:
    record: Row = query_actors(connection, record_id=record_id).records[0]
    record["relations"] = _rows(
        connection,
        "SELECT r.type, r.target_id AS id, a.name, r.role FROM relations r JOIN actors a ON a.id = r.target_id "
        "WHERE r.actor_id = ? ORDER BY r.position",
        (record_id,),
    )
    record["related_from"] = _rows(
        connection,
        "SELECT r.actor_id AS id, a.name, r.type, r.role FROM relations r JOIN actors a ON a.id = r.actor_id "
        "WHERE r.target_id = ? ORDER BY a.name",
        (record_id,),
    )
    record["facts"] = _rows(
        connection,
        "SELECT name, value, unit, approximate, stated, date, sources FROM facts WHERE actor_id = ? ORDER BY position",
        (record_id,),
    )
    for fact in record["facts"]:
        fact["approximate"] = bool(fact["approximate"])  # a flag column (store/schema.py), not a count
    record["measures"] = _rows(
        connection,
        "SELECT m.id, m.report_id AS report, m.number, m.title FROM measure_actors ma JOIN measures m "
        "ON m.id = ma.measure_id WHERE ma.actor_id = ? ORDER BY m.report_id, m.number",
        (record_id,),
    )
    money = query_funding(connection, actors=[record_id]).records
    for key, role in (
        ("funded", "funders"),
        ("received", "recipients"),
        ("announced", "announced_by"),
        ("channelled", "via"),
    ):
        record[key] = [figure for figure in money if record_id in figure[role]]
    record["sources"] = _citations(connection, "actor", record_id)
    return record


def _funding(connection: sqlite3.Connection, record_id: str) -> Row:
    records = query_funding(connection).records  # all: links to this figure may be one-way
    record: Row = next(other for other in records if other["id"] == record_id)
    related_ids = set(record["related"]) | {other["id"] for other in records if record_id in other["related"]}
    record["related"] = [other for other in records if other["id"] in related_ids]
    record["measures"] = _rows(
        connection,
        "SELECT m.id, m.number, m.title FROM measure_funding mf JOIN measures m ON m.id = mf.measure_id "
        "WHERE mf.funding_id = ? ORDER BY m.id",
        (record_id,),
    )
    record["sources"] = _citations(connection, "funding", record_id)
    return record


def _report(connection: sqlite3.Connection, record_id: str) -> Row:
    (record,) = _rows(connection, "SELECT * FROM reports WHERE id = ?", (record_id,))
    record["chapters"] = _rows(
        connection,
        "SELECT c.id, c.title, (SELECT count(*) FROM measures m WHERE m.report_id = c.report_id "
        "AND m.chapter = c.id) AS measures FROM chapters c WHERE c.report_id = ? ORDER BY c.rowid",
        (record_id,),
    )
    record["measures"] = len(query_measures(connection, reports=[record_id]).records)
    record["sources"] = _citations(connection, "report", record_id)
    return record


def _source(connection: sqlite3.Connection, record_id: str) -> Row:
    (record,) = _rows(connection, "SELECT * FROM sources WHERE id = ?", (record_id,))
    record["cited_by"] = _rows(
        connection,
        "SELECT record_type AS type, record_id AS id, quote, locator FROM record_sources WHERE source_id = ? "
        "ORDER BY record_type, record_id, position",
        (record_id,),
    )
    return record


def _axis(connection: sqlite3.Connection, record_id: str) -> Row:
    (record,) = _rows(connection, "SELECT * FROM axes WHERE id = ?", (record_id,))
    record["measures"] = [
        {"id": m["id"], "report": m["report"], "number": m["number"], "title": m["title"]}
        for m in query_measures(connection, axes=[record_id]).records
    ]
    return record


_LOADERS = {
    "measures": _measure,
    "actors": _actor,
    "funding": _funding,
    "reports": _report,
    "sources": _source,
    "axes": _axis,
}


def show(connection: sqlite3.Connection, record_id: str) -> list[Row]:
    """Every record with this id (a report and its source document may share one)."""
    found = []
    for kind in _KINDS:
        if connection.execute(f"SELECT 1 FROM {kind} WHERE id = ?", (record_id,)).fetchone():
            found.append(
                {"type": kind.rstrip("s") if kind != "axes" else "axis", **_LOADERS[kind](connection, record_id)}
            )
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


def unknown_record(connection: sqlite3.Connection, record_id: str) -> UsageError:
    """The error for an id no record has, with the closest ids."""
    ids = [row[0] for kind in _KINDS for row in connection.execute(f"SELECT id FROM {kind}")]
    close = difflib.get_close_matches(record_id, ids, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'iafr search WORDS' finds records by their text"
    return UsageError(f"no record has id {record_id!r}{hint}")

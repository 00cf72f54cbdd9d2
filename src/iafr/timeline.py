"""``iafr timeline``: everything dated, in one chronological list, each with the basis of its time.

Money (announced, or the period it covers, or reported by its source), reports and sources
(published), and actors' dated facts and events (a release, a vote, a launch). The time filter
is the one ``iafr funding`` uses: what can fall in the range, or with ``strict`` what falls in it
for sure; whatever has no time is counted, not dropped silently.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any

from iafr import kinds
from iafr.declaration import SUB_ID_SEPARATOR, Column, Kind, Link, Nested
from iafr.edtf import When, chronological, parse_when, window_words
from iafr.i18n import N_, either, ngettext
from iafr.queries import Listing, TimeFilter, labelled
from iafr.render.toolkit import count_of

ACTORS = "actors"
"""The kind ``--actor`` names (a dated record is kept when it names one of them)."""


def _actors_sql(kind: Kind, owner: str) -> str:
    """SQL listing, joined by ';', the actors a record of ``kind`` (aliased ``owner``) names."""
    parts = []
    for item in kind.items:
        if isinstance(item, Link) and item.ref is not None and ACTORS in item.ref.targets:
            fixed = "".join(f" AND {name} = '{value}'" for name, value in item.fixed)
            parts.append(f"SELECT {item.column} AS v FROM {item.table} WHERE {kind.owner} = {owner}.id{fixed}")
        elif isinstance(item, Column) and item.ref is not None and ACTORS in item.ref.targets:
            parts.append(f"SELECT {owner}.[{item.name}] AS v WHERE {owner}.[{item.name}] IS NOT NULL")
    if kind.section == ACTORS:
        parts.append(f"SELECT {owner}.id AS v")
    return f"(SELECT group_concat(v, ';') FROM ({' UNION ALL '.join(parts)}))" if parts else "NULL"


def _who(kind: Kind, field: str) -> str:
    """SQL naming, joined by ', ' and followed by ': ', the records a link of ``kind`` names
    (``Marina Ferrari: ``): who said it, before what was said."""
    link = next(item for item in kind.of_kind(Link) if item.field == field)
    target = kinds.BY_SECTION[link.target or ""]
    title = target.column_of(target.title)
    names = (f"SELECT t.[{title}] AS v FROM {link.table} l JOIN {target.section} t ON t.id = l.{link.column} "
             f"WHERE l.{kind.owner} = m.id ORDER BY l.rowid")  # fmt: skip
    return f"coalesce((SELECT group_concat(v, ', ') FROM ({names})) || ': ', '') || "


def _in_reader_language(french: str, kind: Kind) -> str:
    """SQL for a record's title as the reader reads it: under English, its English twin where it has
    one, else the French title marked « [fr] » (as the listings mark it, iafr.render.views)."""
    from iafr.i18n import language  # noqa: PLC0415
    from iafr.render.views import FRENCH_MARK  # noqa: PLC0415

    if language() != "en" or kind.title_en is None:
        return french
    english = f"m.[{kind.column_of(kind.title_en)}]"
    return f"coalesce(nullif({english}, ''), '{FRENCH_MARK}' || {french})"


def _queries() -> dict[str, str]:
    """Per kind of dated record (``Timed`` in iafr.kinds): ``id, when, basis, what, actors``."""
    queries: dict[str, str] = {}
    for kind in kinds.KINDS:
        title = kind.column_of(kind.title)
        shown = _in_reader_language(f"m.[{title}]", kind)
        if kind.time is not None:
            basis = f"m.[{kind.time.basis_column}]" if kind.time.basis_column else f"'{kind.time.basis}'"
            what = _who(kind, kind.time.who) + shown if kind.time.who else shown
            queries[kind.record_type] = (
                f"SELECT m.id, m.[{kind.time.column}] AS [when], {basis} AS basis, {what} AS what, "
                f"{_actors_sql(kind, 'm')} AS actors FROM {kind.section} m"
            )
        for nested in kind.of_kind(Nested):
            if nested.time is None or nested.address is None or nested.record_type is None:
                continue
            address, shown = nested.column_of(nested.address), nested.column_of(nested.title or nested.address)
            queries[nested.record_type] = (
                f"SELECT n.{kind.owner} || '{SUB_ID_SEPARATOR}' || n.[{address}] AS id, "
                f"n.[{nested.column_of(nested.time.field)}] AS [when], '{nested.time.basis}' AS basis, "
                f"m.[{title}] || ': ' || n.[{shown}] AS what, {_actors_sql(kind, 'm')} AS actors "
                f"FROM {nested.table} n JOIN {kind.section} m ON m.id = n.{kind.owner}"
            )
    return queries


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _record(kind: str, row: tuple[Any, ...]) -> tuple[When | None, dict[str, Any]]:
    record_id, text, basis, what, actors = row
    when = parse_when(text) if text else None
    return when, {
        "when": text,
        "in_words": window_words(text, basis),
        "earliest": _day(when.earliest) if when else None,
        "latest": _day(when.latest) if when else None,
        "basis": basis if when else None,
        "type": kind,
        "id": record_id,
        "what": what,
        "actors": actors.split(";") if actors else [],
    }


def _order(pair: tuple[When | None, dict[str, Any]]) -> tuple[str, int, str, str, str, str]:
    record = pair[1]
    return (*chronological(record["when"], record["earliest"], record["latest"]), record["type"], record["id"])


def query_timeline(connection: sqlite3.Connection, time: TimeFilter, actors: Sequence[str] = ()) -> Listing:
    """Everything dated in ``time``; with ``actors``, only what names one of them (OR)."""
    from iafr.resolve import resolve_all  # noqa: PLC0415

    filters = [time.caption] if time.active else []
    named = resolve_all(connection, "actor", actors)
    actor_ids = set(named)
    if named:
        filters.append(labelled(N_("actor"), either(named)))
    start = dt.date.fromisoformat(time.start) if time.start else None
    end = dt.date.fromisoformat(time.end) if time.end else None
    kept, undated, outside = [], [], 0
    queries = _queries()
    for kind, sql in queries.items():
        for row in connection.execute(sql):
            when, record = _record(kind, row)
            if actor_ids and actor_ids.isdisjoint(record["actors"]) and record["id"] not in actor_ids:
                continue
            if when is None:
                undated.append(record)
            elif not time.active or (when.inside(start, end) if time.strict else when.overlaps(start, end)):
                kept.append((when, record))
            else:
                outside += 1
    records = [record for _, record in sorted(kept, key=_order)]
    notes = [ngettext("{count} outside the range not shown", "{count} outside the range not shown", outside).format(
        count=outside)] if outside else []  # fmt: skip
    if undated:
        counts = {kind: sum(record["type"] == kind for record in undated) for kind in queries}
        kinds = ", ".join(count_of(count, kind) for kind, count in counts.items() if count)
        notes.append(ngettext("{count} record without any date not shown ({kinds})",
                              "{count} records without any date not shown ({kinds})", len(undated)).format(
            count=len(undated), kinds=kinds))  # fmt: skip
    return Listing("timeline", records, filters, notes=notes)

"""``iafr timeline``: everything dated, in one chronological list, each with the basis of its time.

Money (announced, or the period it covers, or reported by its source), reports and sources
(published), and actors' dated facts and events (a release, a vote, a launch). The time filter
is the one ``iafr funding`` uses: what can fall in the range, or with ``strict`` what falls in it
for sure; whatever has no time is counted, not dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from iafr.edtf import When, parse_when, window_words
from iafr.queries import Listing, TimeFilter

_SQL = {
    "funding": """SELECT f.id, f.[when], f.basis, f.label AS what,
                         (SELECT group_concat(actor_id, ';') FROM funding_actors a WHERE a.funding_id = f.id) AS actors
                  FROM funding f""",
    "report": """SELECT r.id, r.date AS [when], 'published' AS basis, r.title AS what,
                        (SELECT group_concat(actor_id, ';') FROM report_authors a WHERE a.report_id = r.id) AS actors
                 FROM reports r""",
    "source": """SELECT s.id, s.date AS [when], 'published' AS basis, s.title AS what, NULL AS actors FROM sources s""",
    "fact": """SELECT x.actor_id || '#' || x.name AS id, x.date AS [when], 'stated' AS basis,
                      a.name || ': ' || x.stated AS what, x.actor_id AS actors
               FROM facts x JOIN actors a ON a.id = x.actor_id""",
}


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


_WRITTEN = re.compile(r"\d{4}(?:-\d{2})?")


def _order(pair: tuple[When | None, dict[str, Any]]) -> tuple[str, int, str, str, str, str]:
    """By month, what is only known to be on or before that month first (it happened before the
    source reported it), then by the first and last day the time can fall on."""
    record = pair[1]
    written = _WRITTEN.search(record["when"] or "")  # the month as the source gives it, before any "~" widening
    bound = written.group(0) if written else record["earliest"] or record["latest"] or "9999-12"
    open_start = 0 if record["earliest"] is None else 1
    return (bound[:7], open_start, record["earliest"] or "", record["latest"] or "9999", record["type"], record["id"])


def query_timeline(connection: sqlite3.Connection, time: TimeFilter, actors: Sequence[str] = ()) -> Listing:
    """Everything dated in ``time``; with ``actors``, only what names one of them (OR)."""
    from iafr.resolve import resolve_all  # noqa: PLC0415

    filters = [time.caption] if time.active else []
    named = resolve_all(connection, "actor", actors)
    actor_ids = set(named)
    if named:
        filters.append("actor " + " or ".join(named))
    start = dt.date.fromisoformat(time.start) if time.start else None
    end = dt.date.fromisoformat(time.end) if time.end else None
    kept, undated, outside = [], [], 0
    for kind, sql in _SQL.items():
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
    notes = [f"{outside} outside the range not shown"] if outside else []
    if undated:
        counts = {kind: sum(record["type"] == kind for record in undated) for kind in _SQL}
        kinds = ", ".join(f"{kind} {count}" for kind, count in counts.items() if count)
        noun = "record" if len(undated) == 1 else "records"
        notes.append(f"{len(undated)} {noun} without any date not shown ({kinds})")
    return Listing("timeline", records, filters, notes=notes)

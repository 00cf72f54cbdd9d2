"""The state of French AI policy on one page: every number is a query of the store.

Nothing here is typed in by hand: counts, sums and rankings come from SQL over the database
built from the YAML, and the report names the corpus version, date and content hash it was
built from. Sums come from :mod:`iafr.totals`, the engine `iafr funding` uses: exact decimals
that never mix currencies, statuses, kinds, or per-year figures with one-off ones.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from iafr.totals import NotCharted, Total, YearTotal, funding_totals, money_by_year, not_charted

if TYPE_CHECKING:
    from iafr.store.schema import FundingRecord

Row = dict[str, Any]

TOP_ACTORS = 12


@dataclass
class ReportData:
    meta: dict[str, str]
    counts: list[Row]  # entity, records
    funding_totals: list[Total]  # iafr.totals: the same sums as `iafr funding`
    money_by_year: list[YearTotal]
    not_charted: NotCharted  # figures the chart leaves out, and why
    axes: list[Row]  # id, label, group, measures
    chapters: list[Row]  # report, report_title, chapter, title, measures
    actors: list[Row]  # id, name, kind, links, measures, funding, relations, reports
    sources: list[Row]  # id, title, kind, date, primary, url, records
    timeline: list[Row] = field(default_factory=list)  # iafr.timeline: everything dated, in order
    timeline_notes: list[str] = field(default_factory=list)  # what has no date, counted
    currencies: list[str] = field(default_factory=list)

    def chart(self, currency: str) -> list[YearTotal]:
        return [row for row in self.money_by_year if row["currency"] == currency]


def _rows(connection: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    connection.row_factory = sqlite3.Row
    return [dict(row) for row in connection.execute(sql, params)]


_COUNTS_SQL = " UNION ALL ".join(
    f"SELECT '{table}' AS entity, count(*) AS records FROM {table}"
    for table in ("measures", "reports", "funding", "actors", "sources", "axes")
)

_AXES_SQL = """
SELECT x.id, x.label, x.axis_group AS "group", count(ma.measure_id) AS measures
FROM axes x LEFT JOIN measure_axes ma ON ma.axis_id = x.id
GROUP BY x.id
ORDER BY x.axis_group, measures DESC, x.rowid"""

# Declared chapters (even empty ones), then per report the measures filed under no chapter.
_CHAPTERS_SQL = """
SELECT report, report_title, chapter, title, measures FROM (
SELECT r.id AS report, r.title AS report_title, c.id AS chapter, c.title,
       (SELECT count(*) FROM measures m WHERE m.report_id = r.id AND m.chapter = c.id) AS measures,
       r.rowid AS report_order, c.rowid AS chapter_order
FROM chapters c JOIN reports r ON r.id = c.report_id
UNION ALL
SELECT r.id, r.title, NULL, NULL, count(m.id), r.rowid, NULL
FROM reports r JOIN measures m ON m.report_id = r.id
WHERE m.chapter IS NULL OR NOT EXISTS (SELECT 1 FROM chapters c WHERE c.report_id = r.id AND c.id = m.chapter)
GROUP BY r.id
) ORDER BY report_order, chapter_order IS NULL, chapter_order"""

_ACTORS_SQL = """
WITH links(actor_id, via) AS (
  SELECT actor_id, 'measures' FROM measure_actors
  -- one link per figure, whatever the actor's roles in it (funder and announcer: one figure)
  UNION ALL SELECT actor_id, 'funding' FROM (SELECT DISTINCT actor_id, funding_id FROM funding_actors)
  UNION ALL SELECT actor_id, 'relations' FROM relations
  UNION ALL SELECT target_id, 'relations' FROM relations
  UNION ALL SELECT actor_id, 'reports' FROM report_authors
)
SELECT a.id, a.name, a.kind, count(*) AS links,
       sum(l.via = 'measures') AS measures, sum(l.via = 'funding') AS funding,
       sum(l.via = 'relations') AS relations, sum(l.via = 'reports') AS reports
FROM links l JOIN actors a ON a.id = l.actor_id
GROUP BY a.id
ORDER BY links DESC, a.name COLLATE NOCASE, a.id
LIMIT ?"""


def build_report(connection: sqlite3.Connection, top_actors: int = TOP_ACTORS) -> ReportData:
    """Gather every figure of the report from the store."""
    from iafr.queries import TimeFilter, corpus_meta, query_funding, query_sources  # noqa: PLC0415
    from iafr.timeline import query_timeline  # noqa: PLC0415

    figures: list[FundingRecord] = query_funding(connection).records
    totals = funding_totals(figures)
    currencies = list(dict.fromkeys(row["currency"] for row in totals))
    sources = query_sources(connection).records
    chapters = _rows(connection, _CHAPTERS_SQL)
    timeline = query_timeline(connection, TimeFilter())
    return ReportData(
        meta=corpus_meta(connection),
        counts=_rows(connection, _COUNTS_SQL),
        funding_totals=totals,
        money_by_year=money_by_year(figures),
        not_charted=not_charted(figures),
        axes=_rows(connection, _AXES_SQL),
        chapters=chapters,
        actors=_rows(connection, _ACTORS_SQL, (top_actors,)),
        sources=sources,
        currencies=currencies,
        timeline=timeline.records,
        timeline_notes=timeline.notes,
    )


def provenance(meta: dict[str, str]) -> str:
    """One line naming the corpus the report was built from."""
    version = meta.get("corpus_version") or "unknown"
    date = meta.get("corpus_date") or "unknown date"
    digest = (meta.get("content_hash") or "")[:12] or "unknown"
    return f"Built from corpus {version} of {date} (content sha256 {digest})"

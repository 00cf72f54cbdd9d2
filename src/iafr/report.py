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

from iafr import kinds
from iafr.declaration import Link, references
from iafr.i18n import _
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
    actors: list[Row]  # id, name, kind, links, through (what the links go through → how many)
    sources: list[Row]  # id, title, kind, date, primary, url, records
    timeline: list[Row] = field(default_factory=list)  # iafr.timeline: everything dated, in order
    timeline_notes: list[str] = field(default_factory=list)  # what has no date, counted
    currencies: list[str] = field(default_factory=list)

    def chart(self, currency: str) -> list[YearTotal]:
        return [row for row in self.money_by_year if row["currency"] == currency]


def _rows(connection: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    connection.row_factory = sqlite3.Row
    return [dict(row) for row in connection.execute(sql, params)]


_AXES_SQL = """
SELECT x.id, x.label, x.label_en, x.axis_group AS "group", count(ma.measure_id) AS measures
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

ACTORS = "actors"
"""The kind whose most connected records the report ranks."""


def _counts(connection: sqlite3.Connection) -> list[Row]:
    """How many records of each kind the report counts (``counted`` in iafr.kinds), in their order."""
    return [
        {"entity": kind.section, "records": connection.execute(f"SELECT count(*) FROM {kind.section}").fetchone()[0]}
        for kind in kinds.KINDS
        if kind.counted
    ]


def _actor_links(connection: sqlite3.Connection, top: int) -> list[Row]:
    """The actors most linked to, with what their links go through: each record naming an actor
    counts once per actor (a funder who also announced the figure: one figure), and a sub-record
    joining two actors (a relation) counts for both."""
    links: dict[str, dict[str, set[tuple[str, int | str]]]] = {}
    order: dict[str, int] = {}  # each way through, in the order the declarations give them

    def add(actor: str, via: str, record: tuple[str, int | str]) -> None:
        order.setdefault(via, len(order))
        links.setdefault(actor, {}).setdefault(via, set()).add(record)

    for link in references(kinds.KINDS):
        if ACTORS not in link.ref.targets:
            continue
        owner = link.kind
        if link.nested is not None:
            via = link.nested.field
            sql = f"SELECT rowid, {owner.owner}, [{link.column}] FROM {link.nested.table}"
            for rowid, holder, actor in connection.execute(sql):
                add(actor, via, (via, rowid))
                if owner.section == ACTORS:
                    add(holder, via, (via, rowid))
            continue
        table, column = (link.item.table, owner.owner) if isinstance(link.item, Link) else (owner.section, "id")
        for holder, actor in connection.execute(f"SELECT {column}, [{link.column}] FROM {table}"):
            if actor is not None:
                add(actor, owner.section, (owner.section, holder))
    names = {row[0]: (row[1], row[2]) for row in connection.execute("SELECT id, name, kind FROM actors")}
    rows = [
        {"id": actor, "name": names[actor][0], "kind": names[actor][1],
         "links": sum(len(records) for records in vias.values()),
         "through": {via: len(vias[via]) for via in sorted(vias, key=order.__getitem__)}}
        for actor, vias in links.items()
        if actor in names
    ]  # fmt: skip
    rows.sort(key=lambda row: (-row["links"], row["name"].casefold(), row["id"]))
    return rows[:top]


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
        counts=_counts(connection),
        funding_totals=totals,
        money_by_year=money_by_year(figures),
        not_charted=not_charted(figures),
        axes=_rows(connection, _AXES_SQL),
        chapters=chapters,
        actors=_actor_links(connection, top_actors),
        sources=sources,
        currencies=currencies,
        timeline=timeline.records,
        timeline_notes=timeline.notes,
    )


def provenance(meta: dict[str, str]) -> str:
    """One line naming the corpus the report was built from."""
    version = meta.get("corpus_version") or _("unknown")
    date = meta.get("corpus_date") or _("unknown date")
    digest = (meta.get("content_hash") or "")[:12] or _("unknown")
    return _("Built from corpus {version} of {date} (content sha256 {digest})").format(
        version=version, date=date, digest=digest
    )


def report_document(data: ReportData) -> dict[str, Any]:
    """The report as data (``report --format json``): the totals of iafr's one engine with exact
    amounts, money by year, what the chart leaves out, the counts, axes, chapters, actors, sources
    and the timeline, keys in a fixed order. Amounts are numbers in full units of their currency."""
    meta = data.meta
    return {
        "corpus": {
            "title": meta.get("corpus_title"),
            "version": meta.get("corpus_version"),
            "date": meta.get("corpus_date"),
            "licence": meta.get("licence"),
            "content_sha256": meta.get("content_hash"),
        },
        "counts": {row["entity"]: row["records"] for row in data.counts},
        "funding_totals": [dict(total) for total in data.funding_totals],
        "money_by_year": [dict(row) for row in data.money_by_year],
        "not_charted": dict(data.not_charted),
        "measures_per_axis": data.axes,
        "measures_per_chapter": data.chapters,
        "most_connected_actors": data.actors,
        "bibliography": data.sources,
        "timeline": data.timeline,
        "timeline_notes": data.timeline_notes,
    }

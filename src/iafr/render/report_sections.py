"""The report as a page of sections (title, columns, rows, notes) that each format lays out.

What the report says is decided here once; the terminal, Markdown and HTML renderers only
choose how a section looks (a Rich table, a pipe table, an HTML table or an SVG chart).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from iafr.i18n import N_, _, ngettext, pgettext
from iafr.labels import shown
from iafr.render.toolkit import bar_fraction, count_of, total_amount, total_notes
from iafr.render.views import in_reader_language, record_type, time_basis
from iafr.report import ReportData, provenance
from iafr.totals import ZERO


class ReportFormat(StrEnum):
    TERMINAL = "terminal"
    MD = "md"
    HTML = "html"
    JSON = "json"  # the report's data (totals, money by year, counts…) for scripts


# What a file name's extension says the report is (``--output x.html`` with no ``--format``).
REPORT_EXTENSIONS = {".html": ReportFormat.HTML, ".htm": ReportFormat.HTML, ".md": ReportFormat.MD,
                     ".markdown": ReportFormat.MD, ".json": ReportFormat.JSON}  # fmt: skip
PLAIN_TEXT_EXTENSIONS = (".txt", ".text")  # terminal text by default; Markdown is text too


def report_format(chosen: ReportFormat | None, output: Path | None) -> ReportFormat:
    """``--format``, else the format ``--output``'s extension names, else terminal text.

    ValueError when they disagree (``--format md -o x.html``, ``--format html -o x.txt``), or
    when no ``--format`` is given and the extension names no report format (``.json``, ``.csv``:
    the report is a page; the listings give those)."""
    suffix = output.suffix.lower() if output is not None else ""
    implied = REPORT_EXTENSIONS.get(suffix)
    text_file = suffix in PLAIN_TEXT_EXTENSIONS
    if chosen is not None:
        if (implied is not None and chosen is not implied) or (text_file and chosen is ReportFormat.HTML):
            raise ValueError(
                _("--format {chosen} contradicts --output {output}, a {suffix} file; keep one of them").format(
                    chosen=chosen, output=output, suffix=suffix
                )
            )
        return chosen
    if suffix and implied is None and not text_file:
        known = ", ".join((*REPORT_EXTENSIONS, *PLAIN_TEXT_EXTENSIONS))
        raise ValueError(
            _("--output {output}: {suffix} names no report format; name the file {known} or add --format").format(
                output=output, suffix=suffix, known=known
            )
        )
    return implied or ReportFormat.TERMINAL


TITLE = N_("French AI policy: the state of the corpus")

# Colour-blind-safe (Okabe–Ito) and distinct in greyscale print thanks to the row labels.
STATUS_COLOURS = {
    "announced": "#0072B2",
    "committed": "#009E73",
    "mobilised": "#56B4E9",
    "raised": "#E69F00",
    "invested": "#D55E00",
    "recommended": "#CC79A7",
    "estimated": "#999999",
    "sought": "#F0E442",
}

TOTALS_NOTE = N_(
    "Sums never cross currencies, statuses, kinds or per-year/one-off figures; the same totals as "
    "'iafr funding'. A sum is a range when its figures are: 'at least' for a figure with no upper bound, "
    "'up to' for a ceiling, ≈ when a figure is approximate. A part counts once, in its whole; figures "
    "linked as possibly the same money count at least once and at most in full ('iafr show ID' lists the links)."
)


@dataclass(frozen=True)
class Cell:
    text: str
    status: str | None = None  # a funding status: the formats colour it
    url: str | None = None  # the text links there
    bar: float | None = None  # a bar this share of the longest (the text is its tooltip)
    long: str | None = None  # a longer form where there is room (HTML)


@dataclass(frozen=True)
class Column:
    header: str
    numeric: bool = False
    grouped: bool = False  # shown only where its value changes from the row above


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    columns: tuple[Column, ...] = ()
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    parts: list[Section] = field(default_factory=list)  # sub-sections (the chart: one per currency)
    chart: bool = False  # rows are bars: year, status, bar, amount


@dataclass(frozen=True)
class ReportPage:
    title: str
    corpus_title: str
    provenance: str
    licence: str
    version: str
    counts: str
    sections: list[Section]


def _cells(*values: Any) -> tuple[Cell, ...]:
    return tuple(value if isinstance(value, Cell) else Cell("" if value is None else str(value)) for value in values)


def _totals(data: ReportData) -> Section:
    columns = (
        Column(pgettext("column", "currency")),
        Column(pgettext("column", "status")),
        Column(pgettext("column", "kind")),
        Column(pgettext("column", "basis")),
        Column(pgettext("column", "figures"), True),
        Column(pgettext("column", "amount"), True),
        Column(pgettext("column", "counted")),
    )
    rows = [
        _cells(
            row["currency"],
            Cell(shown("funding", "status", row["status"]), status=row["status"]),
            shown("funding", "kind", row["kind"]),
            _("per year") if row["per_year"] else _("total"),
            row["figures"],
            total_amount(row, row["currency"], row["per_year"]),
            ", ".join(total_notes(row, row["currency"])[1:]),
        )
        for row in data.funding_totals
    ]
    return Section("totals", _("Funding totals by status and kind"), columns, rows, (_(TOTALS_NOTE),))


CHART_LEGEND = N_(
    "One-off figures with an amount and a time, by the time their source gives, per status, summed as "
    "the totals above (each bar is the lower bound, its label the range). A period is one bar with its "
    "whole amount over its span (2018–2022), never spread into yearly amounts; an open one reads since "
    "or by a year; a figure known only from a source's date reads by that year."
)


def chart_notes(data: ReportData) -> tuple[str, ...]:
    """The legend, then which figures the chart leaves out and why, from the engine's own counts."""
    left_out = data.not_charted
    parts = []
    if left_out["without_amount"]:
        count = left_out["without_amount"]
        parts.append(ngettext("{count} figure without an amount", "{count} figures without an amount", count).format(
            count=count))  # fmt: skip
    if left_out["per_year"]:
        count = left_out["per_year"]
        parts.append(ngettext("{count} per-year figure", "{count} per-year figures", count).format(count=count))
    if left_out["without_year"]:
        count = left_out["without_year"]
        parts.append(ngettext("{count} figure without any time", "{count} figures without any time", count).format(
            count=count))  # fmt: skip
    not_charted = [_("Not charted: {parts}.").format(parts=", ".join(parts))] if parts else []
    return (_(CHART_LEGEND), *not_charted)


def _chart(data: ReportData) -> Section:
    parts = []
    for currency in data.currencies:
        rows = data.chart(currency)
        if not rows:
            continue
        largest = max(row["low"] or ZERO for row in rows)
        columns = (Column(currency, grouped=True), Column(pgettext("column", "status")), Column(""),
                   Column(pgettext("column", "amount"), True))  # fmt: skip
        cells = [
            _cells(
                row["when"],
                Cell(shown("funding", "status", row["status"]), status=row["status"]),
                Cell(count_of(row["figures"], "funding"), status=row["status"], bar=bar_fraction(row["low"], largest)),
                total_amount(row, currency),
            )
            for row in rows
        ]
        parts.append(Section(f"chart-{currency}", currency, columns, cells, chart=True))
    return Section("chart", _("Money by year"), notes=chart_notes(data), parts=parts)


def _actor_links(row: dict[str, Any]) -> str:
    """``6 measures, 7 funding figures, 1 relation``: what the actor's links go through."""
    return ", ".join(count_of(count, via) for via, count in row["through"].items() if count)


def _chapter_label(row: dict[str, Any]) -> str:
    return _("(no chapter)") if row["chapter"] is None else f"{row['chapter']} {row['title']}"


def report_page(data: ReportData) -> ReportPage:
    axes = Section(
        "axes",
        _("Measures per axis"),
        (
            Column(pgettext("column", "group")),
            Column(pgettext("column", "axis")),
            Column(pgettext("column", "measures"), True),
        ),
        [
            _cells(shown("axes", "axis_group", r["group"]), in_reader_language(r, "label", "label_en"), r["measures"])
            for r in data.axes
        ],
    )
    chapters = Section(
        "chapters",
        _("Measures per chapter"),
        (
            Column(pgettext("column", "report"), grouped=True),
            Column(pgettext("column", "chapter")),
            Column(pgettext("column", "measures"), True),
        ),
        [_cells(Cell(r["report"], long=r["report_title"]), _chapter_label(r), r["measures"]) for r in data.chapters],
    )
    actors = Section(
        "actors",
        _("Most connected actors"),
        (
            Column(pgettext("column", "actor")),
            Column(pgettext("column", "kind")),
            Column(pgettext("column", "links"), True),
            Column(pgettext("column", "through")),
        ),
        [_cells(r["name"], shown("actors", "kind", r["kind"]), r["links"], _actor_links(r)) for r in data.actors],
    )
    sources = Section(
        "sources",
        _("Bibliography"),
        (
            Column(pgettext("column", "source")),
            Column(pgettext("column", "kind")),
            Column(pgettext("column", "date")),
            Column(pgettext("column", "primary")),
            Column(pgettext("column", "records"), True),
        ),
        [
            _cells(
                Cell(r["title"], url=r["url"]),
                shown("sources", "kind", r["kind"]),
                r["date"],
                _("yes") if r["primary"] else "",
                r["records"],
            )
            for r in data.sources
        ],
    )
    timeline = Section(
        "timeline",
        _("Timeline"),
        (
            Column(pgettext("column", "when"), grouped=True),
            Column(pgettext("column", "type")),
            Column(pgettext("column", "what")),
            Column(pgettext("column", "basis")),
        ),
        [_cells(r["in_words"], record_type(r), r["what"], time_basis(r)) for r in data.timeline],
        (*data.timeline_notes, _("Each time as uncertain as its source; 'iafr timeline' lists the same, with ids.")),
    )
    meta = data.meta
    return ReportPage(
        title=_(TITLE),
        corpus_title=meta.get("corpus_title") or "",
        provenance=provenance(meta),
        licence=meta.get("licence") or "",
        version=meta.get("corpus_version") or "",
        counts=" · ".join(count_of(row["records"], row["entity"]) for row in data.counts),
        sections=[_totals(data), _chart(data), timeline, axes, chapters, actors, sources],
    )

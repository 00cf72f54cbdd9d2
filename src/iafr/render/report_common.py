"""What the report formats share: the format enum, section titles, amounts and bar lengths."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from iafr.report import ReportData


class ReportFormat(StrEnum):
    TERMINAL = "terminal"
    MD = "md"
    HTML = "html"


TITLE = "French AI policy: the state of the corpus"
SECTIONS = {
    "totals": "Funding totals by status and kind",
    "chart": "Money by year",
    "axes": "Measures per axis",
    "chapters": "Measures per chapter",
    "actors": "Most connected actors",
    "sources": "Bibliography",
}
ENTITY_NAMES = {  # singular, plural
    "measures": ("measure", "measures"),
    "reports": ("report", "reports"),
    "funding": ("funding figure", "funding figures"),
    "actors": ("actor", "actors"),
    "sources": ("source", "sources"),
    "axes": ("axis", "axes"),
}
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
TERMINAL_COLOURS = {
    "announced": "blue",
    "committed": "green",
    "mobilised": "cyan",
    "raised": "yellow",
    "invested": "red",
    "recommended": "magenta",
    "estimated": "white",
    "sought": "bright_yellow",
}


def amount_text(row: dict[str, Any], currency: str | None = None) -> str:
    """``1,5 Md€``, ``≈ 5–15 Md€/an``, ``179 Md€ *`` (``*``: the sum includes figures linked as
    possibly the same money), or ``—`` when no figure of the group has an amount."""
    from iafr.money import human  # noqa: PLC0415

    amount = row.get("amount")
    if amount is None:
        return "—"
    text = human(amount, currency or row["currency"], row.get("upper"), bool(row.get("per_year")))
    return ("≈ " if row.get("approximate") else "") + text + (" *" if row.get("overlapping") else "")


def basis(row: dict[str, Any]) -> str:
    return "per year" if row["per_year"] else "total"


def bar_fraction(amount: Decimal | None, largest: Decimal | None) -> float:
    """The bar's length as a share of the longest; a non-zero amount is never an empty bar."""
    if amount is None or not largest:
        return 0.0
    return max(float(amount / largest), 0.004)


def chart_note(data: ReportData) -> str:
    """Which figures the chart leaves out and why, from the store's own counts."""
    left_out = data.not_charted
    parts = []
    if left_out["without_amount"]:
        parts.append(f"{plural(left_out['without_amount'], 'figure')} without an amount")
    if left_out["per_year"]:
        parts.append(f"{plural(left_out['per_year'], 'per-year figure')}")
    if left_out["without_year"]:
        parts.append(f"{plural(left_out['without_year'], 'figure')} without a date")
    text = (
        "One-off figures with an amount and a date, summed per year and status, never across currencies "
        "(lower bounds for ranges; ≈ marks sums with approximate figures; * marks sums that include "
        "figures linked as possibly the same money, which may count it twice: see 'iafr show ID')."
    )
    return text + (" Not charted: " + ", ".join(parts) + "." if parts else "")


TOTALS_NOTE = (
    "Sums never cross currencies, statuses, kinds or per-year/total figures. ≈ marks sums with approximate "
    "figures (lower bounds for ranges); * marks sums that include figures linked as possibly the same "
    "money, which may count it twice ('iafr show ID' lists the links)."
)


def counts_line(data: ReportData) -> str:
    return " · ".join(plural(row["records"], *ENTITY_NAMES[row["entity"]]) for row in data.counts)


def chapter_label(row: dict[str, Any]) -> str:
    if row["chapter"] is None:
        return "(no chapter)"
    return f"{row['chapter']} {row['title']}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def actor_links(row: dict[str, Any]) -> str:
    """``6 measures, 7 funding figures, 1 relation``: what the actor's links go through."""
    names = {"measures": "measure", "funding": "funding figure", "relations": "relation", "reports": "report"}
    return ", ".join(plural(row[key], name) for key, name in names.items() if row[key])


def _terminal(data: ReportData, width: int | None, color: bool) -> str:
    from iafr.render.report_terminal import render_report_terminal  # noqa: PLC0415

    return render_report_terminal(data, width, color)


def _markdown(data: ReportData, width: int | None, color: bool) -> str:
    from iafr.render.report_md import render_report_md  # noqa: PLC0415

    return render_report_md(data)


def _html(data: ReportData, width: int | None, color: bool) -> str:
    from iafr.render.report_html import render_report_html  # noqa: PLC0415

    return render_report_html(data)


REPORT_RENDERERS: dict[ReportFormat, Callable[[ReportData, int | None, bool], str]] = {
    ReportFormat.TERMINAL: _terminal,
    ReportFormat.MD: _markdown,
    ReportFormat.HTML: _html,
}


def render_report(data: ReportData, fmt: ReportFormat, width: int | None = None, color: bool = False) -> str:
    return REPORT_RENDERERS[fmt](data, width, color)

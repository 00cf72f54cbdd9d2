"""The report on the terminal: Rich tables and a horizontal bar chart of money by year."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from iafr.render.report_common import (
    SECTIONS,
    TERMINAL_COLOURS,
    TITLE,
    TOTALS_NOTE,
    actor_links,
    amount_text,
    bar_fraction,
    basis,
    chapter_label,
    chart_note,
    counts_line,
)
from iafr.render.table import make_console
from iafr.report import ReportData, provenance

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, cells: int) -> str:
    """A bar ``fraction`` of ``cells`` long, to an eighth of a cell."""
    eighths = round(fraction * cells * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def _heading(console: Console, text: str, color: bool) -> None:
    console.print()
    console.print(Text(text, style="bold underline" if color else ""))


def _table(color: bool, *columns: tuple[str, str]) -> Table:
    table = Table(header_style="bold" if color else "", expand=False, box=None, pad_edge=False)
    for header, justify in columns:
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    return table


def render_report_terminal(data: ReportData, width: int | None = None, color: bool = False) -> str:
    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    console.print(Text(TITLE, style="bold" if color else ""))
    if data.meta.get("corpus_title"):
        console.print(Text(data.meta["corpus_title"]))
    console.print(Text(provenance(data.meta), style="dim" if color else ""))
    console.print(Text(counts_line(data)))

    _heading(console, SECTIONS["totals"], color)
    totals = _table(color, ("currency", "left"), ("status", "left"), ("kind", "left"), ("basis", "left"),
                    ("figures", "right"), ("amount", "right"), ("no amount", "right"))  # fmt: skip
    for row in data.funding_totals:
        totals.add_row(
            row["currency"],
            Text(row["status"], style=TERMINAL_COLOURS.get(row["status"], "") if color else ""),
            row["kind"],
            basis(row),
            str(row["figures"]),
            amount_text(row),
            str(row["without_amount"] or ""),
        )
    console.print(totals)
    console.print(Text(TOTALS_NOTE, style="dim" if color else ""))

    _heading(console, SECTIONS["chart"], color)
    cells = max(10, min(48, (width or 100) - 45))
    for currency in data.currencies:
        rows = data.chart(currency)
        if not rows:
            continue
        largest = max(row["amount"] for row in rows)
        chart = _table(color, (currency, "left"), ("status", "left"), ("", "left"), ("amount", "right"))
        previous_year = None
        for row in rows:
            style = TERMINAL_COLOURS.get(row["status"], "") if color else ""
            chart.add_row(
                str(row["year"]) if row["year"] != previous_year else "",
                row["status"],
                Text(bar(bar_fraction(row["amount"], largest), cells), style=style),
                amount_text(row, currency),
            )
            previous_year = row["year"]
        console.print(chart)
    console.print(Text(chart_note(data), style="dim" if color else ""))

    _heading(console, SECTIONS["axes"], color)
    axes = _table(color, ("group", "left"), ("axis", "left"), ("measures", "right"))
    for row in data.axes:
        axes.add_row(row["group"], Text(row["label"]), str(row["measures"]))
    console.print(axes)

    _heading(console, SECTIONS["chapters"], color)
    chapters = _table(color, ("report", "left"), ("chapter", "left"), ("measures", "right"))
    previous_report = None
    for row in data.chapters:
        chapters.add_row(
            row["report"] if row["report"] != previous_report else "", Text(chapter_label(row)), str(row["measures"])
        )
        previous_report = row["report"]
    console.print(chapters)

    _heading(console, SECTIONS["actors"], color)
    actors = _table(color, ("actor", "left"), ("kind", "left"), ("links", "right"), ("through", "left"))
    for row in data.actors:
        actors.add_row(Text(row["name"]), row["kind"], str(row["links"]), actor_links(row))
    console.print(actors)

    _heading(console, SECTIONS["sources"], color)
    sources = _table(color, ("source", "left"), ("kind", "left"), ("date", "left"), ("records", "right"))
    for row in data.sources:
        marker = " (primary)" if row["primary"] else ""
        sources.add_row(Text(row["title"] + marker), row["kind"], row["date"] or "", str(row["records"]))
    console.print(sources)
    return buffer.getvalue()

"""The report on the terminal: each section a Rich table, the chart as horizontal bars."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from iafr.render.report_sections import ReportPage, Section
from iafr.render.table import make_console, trimmed
from iafr.render.toolkit import bar

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


def _table(section: Section, color: bool, bar_cells: int) -> Table:
    table = Table(header_style="bold" if color else "", expand=False, box=None, pad_edge=False)
    for column in section.columns:
        table.add_column(column.header, justify="right" if column.numeric else "left", overflow="fold")
    previous: list[str | None] = [None] * len(section.columns)
    for row in section.rows:
        cells = []
        for index, (column, cell) in enumerate(zip(section.columns, row, strict=True)):
            style = TERMINAL_COLOURS.get(cell.status or "", "") if color else ""
            if cell.bar is not None:
                cells.append(Text(bar(cell.bar, bar_cells), style=style))
            else:
                shown = "" if column.grouped and cell.text == previous[index] else cell.text
                cells.append(Text(shown, style=style))
            previous[index] = cell.text
        table.add_row(*cells)
    return table


def _section(console: Console, section: Section, color: bool, bar_cells: int) -> None:
    console.print()
    console.print(Text(section.title, style="bold underline" if color else ""))
    if section.columns:
        console.print(_table(section, color, bar_cells))
    for part in section.parts:
        console.print(_table(part, color, bar_cells))
    for note in section.notes:
        console.print(Text(note, style="dim" if color else ""))


def render_report_terminal(page: ReportPage, width: int | None = None, color: bool = False) -> str:
    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    console.print(Text(page.title, style="bold" if color else ""))
    if page.corpus_title:
        console.print(Text(page.corpus_title))
    console.print(Text(page.provenance, style="dim" if color else ""))
    console.print(Text(page.counts))
    bar_cells = max(10, min(48, (width or 100) - 45))
    for section in page.sections:
        _section(console, section, color, bar_cells)
    return trimmed(buffer.getvalue())

"""The report as Markdown that renders on a forge: headings, pipe tables, text bars for the chart."""

from __future__ import annotations

from iafr.render.report_sections import Cell, ReportPage, Section
from iafr.render.toolkit import bar, md_link, md_table, md_text

_CHART_CELLS = 30


def _cell(cell: Cell) -> str:
    if cell.bar is not None:  # a code span keeps the bar's blocks in a monospace run
        return "`" + bar(cell.bar, _CHART_CELLS) + "`"
    return md_link(cell.text, cell.url)


def _table(section: Section) -> list[str]:
    right = tuple(index for index, column in enumerate(section.columns) if column.numeric)
    rows = [[_cell(cell) for cell in row] for row in section.rows]
    return [*md_table([column.header for column in section.columns], rows, right), ""]


def _section(section: Section, level: int) -> list[str]:
    lines = [f"{'#' * level} {md_text(section.title)}", ""]
    if section.columns:
        lines.extend(_table(section))
    for part in section.parts:
        lines.extend(_section(part, level + 1))
    lines.extend(line for note in section.notes for line in (f"*{md_text(note)}*", ""))
    return lines


def render_report_md(page: ReportPage) -> str:
    lines = [f"# {md_text(page.title)}", ""]
    if page.corpus_title:
        lines.extend([f"**{md_text(page.corpus_title)}**", ""])
    lines.extend([f"*{md_text(page.provenance)}*", "", md_text(page.counts, starts_line=True), ""])
    for section in page.sections:
        lines.extend(_section(section, 2))
    return "\n".join(lines).rstrip("\n") + "\n"

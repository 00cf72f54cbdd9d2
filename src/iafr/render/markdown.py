"""Markdown: a pipe table that renders on any forge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iafr.render.toolkit import md_table, md_text
from iafr.render.views import caption, marks_of, totals_lines, view

if TYPE_CHECKING:
    from iafr.queries import Listing


def render_markdown(listing: Listing) -> str:
    columns = view(listing.entity)
    right = tuple(index for index, column in enumerate(columns) if column.justify == "right")
    rows = [
        [md_text(column.value(record), marks=marks_of(listing.marks, index, column)) for column in columns]
        for index, record in enumerate(listing.records)
    ]
    lines = md_table([column.header for column in columns], rows, right)
    lines.append("")
    lines.append(f"*{md_text(caption(listing.entity, len(listing.records), listing.filters))}*")
    for line in [*listing.notes, *totals_lines(listing.totals)]:
        lines.append(f"- {md_text(line)}")
    return "\n".join(lines) + "\n"

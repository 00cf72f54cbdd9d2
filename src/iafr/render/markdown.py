"""Markdown: a pipe table that renders on any forge."""

from __future__ import annotations

from iafr.queries import Listing
from iafr.render.views import VIEWS, caption, totals_lines


def cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def render_markdown(listing: Listing) -> str:
    columns = VIEWS[listing.entity]
    lines = [
        "| " + " | ".join(column.header for column in columns) + " |",
        "|" + "|".join("---:" if column.justify == "right" else "---" for column in columns) + "|",
    ]
    for record in listing.records:
        lines.append("| " + " | ".join(cell(column.value(record)) for column in columns) + " |")
    lines.append("")
    lines.append(f"*{caption(listing.entity, len(listing.records), listing.filters)}*")
    for line in totals_lines(listing.totals):
        lines.append(f"- {line}")
    return "\n".join(lines) + "\n"

"""Rich tables fitted to the terminal: French text wrapped at word boundaries, never cut."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from iafr.queries import Listing
from iafr.render.views import VIEWS, caption, marks_of, totals_lines


def make_console(width: int | None, color: bool, file: io.StringIO | None = None) -> Console:
    return Console(
        file=file or io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def render_table(listing: Listing, width: int | None = None, color: bool = False) -> str:
    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    table = Table(
        caption=caption(listing.entity, len(listing.records), listing.filters),
        header_style="bold" if color else "",
        expand=False,
        show_lines=False,
    )
    columns = [column for column in VIEWS[listing.entity] if (width or 80) >= column.min_terminal]
    for column in columns:
        table.add_column(
            column.header,
            justify=column.justify,  # type: ignore[arg-type]
            overflow="fold",
        )
    for index, record in enumerate(listing.records):
        # Text objects print data literally: a "[bold]" in a record is shown, never interpreted.
        cells = []
        for column in columns:
            cell = Text(column.value(record))
            for start, end in marks_of(listing.marks, index, column):
                cell.stylize("bold", start, end)  # a search's matches: bold where the terminal shows it
            cells.append(cell)
        table.add_row(*cells)
    if listing.records:
        console.print(table)
    else:
        console.print(
            Text(f"No {listing.entity} match" + (f" ({', '.join(listing.filters)})" if listing.filters else "") + ".")
        )
    for line in listing.notes:
        console.print(Text("  " + line))
    for line in totals_lines(listing.totals):
        console.print(Text("  " + line))
    return buffer.getvalue()

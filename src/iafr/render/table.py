"""Rich tables fitted to the terminal: ids whole, text wrapped between words, nothing dropped.

A listing is a table when every column fits at the terminal's width with each id, amount and
date on one line and each text column at least as wide as its longest word (and a readable
minimum). When it does not fit — a 60-column terminal, a figure with a long id — each record
becomes a block of ``field  value`` lines instead: the same columns, none hidden, none cut.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from iafr.queries import Listing
from iafr.render.views import Column, caption, marks_of, no_match, totals_lines, view

TEXT_MIN = 12
"""A text column narrower than this reads as a column of single words: then blocks, not a table."""


def trimmed(text: str) -> str:
    """Rich pads a line to its table's or grid's width: the spaces at line ends are dropped, so
    piped text has none for a diff or a copy to trip on."""
    return "\n".join(line.rstrip() for line in text.split("\n"))


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


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    """The least width of each column that keeps its cells whole: the longest cell of a column
    kept on one line; the longest word (and :data:`TEXT_MIN`, or the longest cell if shorter)
    of a text column."""
    widths = []
    for index, column in enumerate(columns):
        cells = [row[index] for row in rows]
        if column.wrap:
            longest_cell = max((cell_len(cell) for cell in cells), default=0)
            words = max((_longest_word(cell) for cell in [column.header, *cells]), default=0)
            widths.append(max(words, min(max(TEXT_MIN, column.least), longest_cell)))
        else:
            widths.append(max(cell_len(cell) for cell in [column.header, *cells]))
    return widths


def _allot(columns: Sequence[Column], rows: Sequence[Sequence[str]], least: list[int], room: int) -> list[int]:
    """Each column's width once the table fits: the least widths, then the room left shared out
    among text columns still narrower than their longest cell, evenly, a column at a time."""
    widths = list(least)
    wanted = [max((cell_len(row[index]) for row in rows), default=0) for index in range(len(columns))]
    wanted = [
        max(want, cell_len(column.header), least[i])
        for i, (want, column) in enumerate(zip(wanted, columns, strict=True))
    ]
    spare = room - sum(widths)
    while spare > 0:
        growing = [i for i, column in enumerate(columns) if column.wrap and widths[i] < wanted[i]]
        if not growing:
            break
        share = max(spare // len(growing), 1)
        for i in growing:
            step = min(share, wanted[i] - widths[i], spare)
            widths[i] += step
            spare -= step
    return widths


def table_width(widths: Sequence[int]) -> int:
    """What Rich's default box takes: ``│ a │ b │`` — one space either side and a rule between."""
    return sum(widths) + 3 * len(widths) + 1


Cell = str | Text  # a Text when parts are styled (a search's matches in bold)


def fitted(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    color: bool,
    title: str | None = None,
    caption: str | None = None,
) -> list[Table | Text]:
    """``rows`` as a table if it fits ``width`` whole (see the module), else as record blocks;
    ``title`` above, ``caption`` below (centred under a table)."""
    # Text objects print data literally: a "[bold]" in a record is shown, never interpreted.
    cells = [[cell if isinstance(cell, Text) else Text(cell) for cell in row] for row in rows]
    plain = [[cell.plain for cell in row] for row in cells]
    widths = column_widths(columns, plain)
    if table_width(widths) <= width:
        widths = _allot(columns, plain, widths, width - table_width([0] * len(widths)))
        table = Table(
            title=Text(title) if title else None,
            title_justify="left",
            caption=Text(caption) if caption else None,
            header_style="bold" if color else "",
            expand=False,
        )
        for column, least in zip(columns, widths, strict=True):
            table.add_column(
                column.header,
                justify=column.justify,  # type: ignore[arg-type]
                width=least,  # set here, not left to Rich: its collapsing ignores minimum widths
                no_wrap=not column.wrap,
                overflow="fold",  # never reached: no word is wider than its column
            )
        for row in cells:
            table.add_row(*row)
        return [table]
    heading = [Text(""), Text(title, style="bold" if color else "")] if title else []
    return [*heading, *_blocks(columns, cells, color), *([Text(caption)] if caption else [])]


def _blocks(columns: Sequence[Column], rows: Sequence[Sequence[Text]], color: bool) -> list[Table | Text]:
    """Each record as its id on a line (the first cell when it has none), then ``header  value``
    for each other non-empty cell, the value wrapped between words: for terminals a table cannot
    fit."""
    headers = [column.header for column in columns]
    key = headers.index("id") if "id" in headers else 0
    others = [index for index in range(len(columns)) if index != key]
    out: list[Table | Text] = []
    for row in rows:
        if out:
            out.append(Text(""))  # a blank line between records
        out.append(Text(row[key].plain, style="bold" if color else ""))
        grid = Table.grid(padding=(0, 2), pad_edge=False)
        grid.add_column(no_wrap=True, style="dim" if color else "")
        grid.add_column(overflow="fold")  # folds only a word wider than the whole value column
        label_width = max((cell_len(headers[index]) for index in others), default=0)
        for index in others:
            if row[index].plain:
                grid.add_row(Text("  " + headers[index].ljust(label_width)), row[index])
        out.append(grid)
    return out


def hanging(text: str, width: int) -> list[str]:
    """A note or a total under a listing: two spaces in, wrapped lines four in, words whole."""
    return textwrap.wrap(
        text, max(width, 20), initial_indent="  ", subsequent_indent="    ", break_long_words=False,
        break_on_hyphens=False,
    ) or [""]  # fmt: skip


def _cell(listing: Listing, index: int, column: Column, record: dict[str, object]) -> Text:
    cell = Text(column.value(record))
    for start, end in marks_of(listing.marks, index, column):
        cell.stylize("bold", start, end)  # a search's matches: bold where the terminal shows it
    return cell


def render_table(listing: Listing, width: int | None = None, color: bool = False) -> str:
    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    columns = view(listing.entity)
    rows = [
        [_cell(listing, index, column, record) for column in columns] for index, record in enumerate(listing.records)
    ]
    if listing.records:
        under = caption(listing.entity, len(listing.records), listing.filters)
        for part in fitted(columns, rows, width or 80, color, caption=under):
            # soft_wrap: a block's line is already wrapped; an unbreakable word overflows, never splits
            console.print(part, soft_wrap=isinstance(part, Text))
    else:
        console.print(Text(no_match(listing.entity, listing.filters)))
    for line in [*listing.notes, *totals_lines(listing.totals)]:
        for wrapped in hanging(line, width or 80):
            console.print(Text(wrapped), soft_wrap=True)
    return trimmed(buffer.getvalue())

"""One record in full (``iafr show``): fields, then each linked list as a small table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iafr.money import human
from iafr.render.toolkit import figure_amount, md_table, md_text, plain

Record = dict[str, Any]
_HIDDEN = {"type"}


def _scalar(key: str, record: Record) -> str:
    value = record[key]
    if key == "amount" and isinstance(value, Decimal) and "precision" in record:
        # the figure as a person quotes it ("≤ 50 Md€", "> 1 Md€"), then the exact number
        return f"{figure_amount({**record, 'upper': None, 'per_year': False})} ({plain(value)} {record['currency']})"
    if key in {"amount", "upper"} and isinstance(value, Decimal):
        return f"{human(value, record.get('currency', 'EUR'))} ({plain(value)} {record.get('currency', '')})"
    return plain(value, ", ")


def _split(record: Record) -> tuple[list[tuple[str, str]], list[tuple[str, list[Record]]]]:
    fields: list[tuple[str, str]] = []
    lists: list[tuple[str, list[Record]]] = []
    for key, value in record.items():
        if key in _HIDDEN or value in (None, "", []):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lists.append((key, value))
        else:
            fields.append((key, _scalar(key, record)))
    return fields, lists


def _linked(rows: list[Record], width: int | None = None) -> tuple[list[str], list[list[str]]]:
    """A linked list's headers and cells. Money and measures show in the compact view their own
    listing uses (a figure: amount, when, status, from → to), not every field in a thin column."""
    from iafr.render.views import VIEWS  # noqa: PLC0415

    first = rows[0]
    view = "funding" if {"precision", "currency", "status"} <= set(first) else None
    if view is None and {"report", "axes", "title"} <= set(first):
        view = "measures"
    if view is None:
        columns = list(first)
        return columns, [[_scalar(column, row) for column in columns] for row in rows]
    # on a terminal, the columns its listing shows at this width (from → to needs a wide one)
    chosen = [column for column in VIEWS[view] if width is None or width >= column.min_terminal]
    return [column.header for column in chosen], [[column.value(row) for column in chosen] for row in rows]


def _title(record: Record) -> str:
    name = record.get("title") or record.get("name") or record.get("label") or ""
    return f"{record['type']} {record['id']}" + (f" — {name}" if name else "")


def render_detail_table(records: list[Record], width: int | None = None, color: bool = False) -> str:
    import io  # noqa: PLC0415

    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from iafr.render.table import make_console  # noqa: PLC0415

    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    for record in records:
        fields, lists = _split(record)
        console.print(Text(_title(record), style="bold" if color else ""))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim" if color else "", no_wrap=True)
        grid.add_column(overflow="fold")
        for key, value in fields:
            grid.add_row(Text(key), Text(value))
        console.print(grid)
        for key, rows in lists:
            table = Table(title=Text(f"{key} ({len(rows)})"), title_justify="left", expand=False)
            headers, cells = _linked(rows, width or 80)
            for header in headers:
                table.add_column(header, overflow="fold")
            for row in cells:
                table.add_row(*(Text(cell) for cell in row))
            console.print(table)
        console.print()
    return buffer.getvalue()


def render_detail_markdown(records: list[Record]) -> str:
    lines: list[str] = []
    for record in records:
        fields, lists = _split(record)
        lines.append(f"## {md_text(_title(record))}")
        lines.append("")
        lines.extend(f"- **{md_text(key)}**: {md_text(value)}" for key, value in fields)
        for key, rows in lists:
            headers, cells = _linked(rows)
            lines += ["", f"### {md_text(key)} ({len(rows)})", ""]
            lines.extend(md_table(headers, [[md_text(cell) for cell in row] for row in cells]))
        lines.append("")
    return "\n".join(lines)

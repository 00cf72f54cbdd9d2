"""One record in full (``iafr show``): fields, then each linked list as a small table."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from iafr.money import human
from iafr.render.toolkit import figure_amount, md_table, md_text, plain
from iafr.render.views import Column

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


def _view(rows: list[Record]) -> list[Column]:
    """A linked list's columns. Money and measures show in the compact view their own listing
    uses (a figure: amount, when, status, from → to), not every field in a thin column."""
    from iafr.render.views import VIEWS  # noqa: PLC0415

    first = rows[0]
    if {"precision", "currency", "status"} <= set(first):
        return VIEWS["funding"]
    if {"report", "axes", "title"} <= set(first):
        return VIEWS["measures"]
    return [Column(key, _cell(key), wrap=True) for key in first]


def _cell(key: str) -> Callable[[Record], str]:
    return lambda row: _scalar(key, row)


def _linked(rows: list[Record]) -> tuple[list[Column], list[list[str]]]:
    columns = _view(rows)
    return columns, [[column.value(row) for column in columns] for row in rows]


def _title(record: Record) -> str:
    name = record.get("title") or record.get("name") or record.get("label") or ""
    return f"{record['type']} {record['id']}" + (f" — {name}" if name else "")


def render_detail_table(records: list[Record], width: int | None = None, color: bool = False) -> str:
    import io  # noqa: PLC0415

    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from iafr.render.table import fitted, make_console, trimmed  # noqa: PLC0415

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
            columns, cells = _linked(rows)
            for part in fitted(columns, cells, width or 80, color, title=f"{key} ({len(rows)})"):
                console.print(part, soft_wrap=isinstance(part, Text))
        console.print()
    return trimmed(buffer.getvalue())


def render_detail_markdown(records: list[Record]) -> str:
    lines: list[str] = []
    for record in records:
        fields, lists = _split(record)
        lines.append(f"## {md_text(_title(record))}")
        lines.append("")
        lines.extend(f"- **{md_text(key)}**: {md_text(value)}" for key, value in fields)
        for key, rows in lists:
            columns, cells = _linked(rows)
            lines += ["", f"### {md_text(key)} ({len(rows)})", ""]
            lines.extend(
                md_table([column.header for column in columns], [[md_text(cell) for cell in row] for row in cells])
            )
        lines.append("")
    return "\n".join(lines)

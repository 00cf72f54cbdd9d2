"""One record in full (``iafr show``): fields, then each linked list as a small table."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from iafr.i18n import NP_, in_language, language, pgettext
from iafr.labels import labelled, shown
from iafr.money import human
from iafr.render.toolkit import figure_amount, md_table, md_text, plain
from iafr.render.views import Column, compact_view

if TYPE_CHECKING:
    from iafr.details import Block, Detail

Record = dict[str, Any]


def _scalar(key: str, record: Record) -> str:
    value = record[key]
    if key == "amount" and isinstance(value, Decimal) and "precision" in record:
        # the figure as a person quotes it ("≤ 50 Md€", "> 1 Md€"), then the exact number
        return f"{figure_amount({**record, 'upper': None, 'per_year': False})} ({plain(value)} {record['currency']})"
    if key in {"amount", "upper"} and isinstance(value, Decimal):
        return f"{human(value, record.get('currency', 'EUR'))} ({plain(value)} {record.get('currency', '')})"
    return plain(value, ", ")


def _fields(record: Record, section: str | None) -> list[tuple[str, str]]:
    return [(key, _value(section, key, record)) for key, value in record.items() if value not in (None, "", [])]


def _value(section: str | None, key: str, record: Record) -> str:
    """A field's value; one of iafr's own values by its label in the reader's language, then its id
    (« annoncé (announced) »): the id is what a curator writes in the YAML."""
    if section is not None and labelled(section, key) and isinstance(record[key], str):
        label = shown(section, key, record[key])
        return label if label == record[key] else f"{label} ({record[key]})"
    return _scalar(key, record)


def _section_of(detail: Detail) -> str | None:
    from iafr import kinds  # noqa: PLC0415

    return next((kind.section for kind in kinds.KINDS if kind.record_type == detail.type), None)


def _view(block: Block) -> list[Column]:
    """A block's columns: the compact view of its records' own listing (a figure: amount, when,
    status, from → to), or one column per field for rows of their own (a relation, a quote)."""
    if block.kind is not None:
        return compact_view(block.kind)
    first = block.rows[0]
    return [Column(pgettext("column", key), _cell(block.key, key), wrap=True) for key in first]


# The columns of the lists shown as rows of their own (sources, relations, facts), for the catalogue.
_COLUMN_TITLES = (
    NP_("column", "source"),
    NP_("column", "title"),
    NP_("column", "date"),
    NP_("column", "quote"),
    NP_("column", "locator"),
    NP_("column", "target"),
    NP_("column", "name"),
    NP_("column", "type"),
    NP_("column", "role"),
    NP_("column", "value"),
    NP_("column", "unit"),
    NP_("column", "approximate"),
    NP_("column", "stated"),
    NP_("column", "stated_en"),
    NP_("column", "sources"),
    NP_("column", "id"),
)


def _cell(table: str, key: str) -> Callable[[Record], str]:
    return lambda row: _value(table, key, row)


def _linked(block: Block) -> tuple[list[Column], list[list[str]]]:
    columns = _view(block)
    return columns, [[column.value(row) for column in columns] for row in block.rows]


def _title(detail: Detail) -> str:
    from iafr import kinds  # noqa: PLC0415
    from iafr.kinds import nouns_of  # noqa: PLC0415

    kind = next((kind for kind in kinds.KINDS if kind.record_type == detail.type), None)
    name = detail.record.get(kind.title) if kind is not None and kind.title != "id" else None
    noun = nouns_of(detail.type, language())[0]
    return f"{noun} {detail.record['id']}" + (f" — {name}" if name else "")


def render_detail_table(records: list[Detail], width: int | None = None, color: bool = False) -> str:
    import io  # noqa: PLC0415

    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from iafr.render.table import fitted, make_console, trimmed  # noqa: PLC0415

    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    for record in records:
        fields = _fields(record.record, _section_of(record))
        console.print(Text(_title(record), style="bold" if color else ""))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim" if color else "", no_wrap=True)
        grid.add_column(overflow="fold")
        for key, value in fields:
            grid.add_row(Text(key), Text(value))
        console.print(grid)
        for block in record.blocks:
            columns, cells = _linked(block)
            for part in fitted(
                columns, cells, width or 80, color, title=f"{in_language(block.title)} ({len(block.rows)})"
            ):
                console.print(part, soft_wrap=isinstance(part, Text))
        console.print()
    return trimmed(buffer.getvalue())


def render_detail_markdown(records: list[Detail]) -> str:
    lines: list[str] = []
    for record in records:
        fields = _fields(record.record, _section_of(record))
        lines.append(f"## {md_text(_title(record))}")
        lines.append("")
        lines.extend(f"- **{md_text(key)}**: {md_text(value)}" for key, value in fields)
        for block in record.blocks:
            columns, cells = _linked(block)
            lines += ["", f"### {md_text(in_language(block.title))} ({len(block.rows)})", ""]
            lines.extend(
                md_table([column.header for column in columns], [[md_text(cell) for cell in row] for row in cells])
            )
        lines.append("")
    return "\n".join(lines)

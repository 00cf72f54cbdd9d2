"""Which columns a human sees for each kind of listing (table and Markdown formats)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iafr.render.toolkit import count_of, figure_amount, plain, total_amount, total_notes

if TYPE_CHECKING:
    from iafr.totals import Total

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Record], str]
    justify: str = "left"
    wrap: bool = False  # text, wrapped between words; otherwise kept on one line (ids, amounts, dates)
    marks: str | None = None  # the key of the listing's marks that place matches in this column's text


def field(name: str, separator: str = ", ") -> Callable[[Record], str]:
    return lambda record: plain(record.get(name), separator)


def when(record: Record) -> str:
    """``14 June 2023``, ``2018–2022``, ``since 2019``, ``reported Oct 2023``, or ``—`` for no time."""
    from iafr.edtf import window_words  # noqa: PLC0415 - table and Markdown listings only

    return window_words(record["when"], record["basis"])


def label(record: Record) -> str:
    """The French label, and for a figure without an amount, what the source says instead."""
    stated = record.get("stated")
    return f"{record['label']} (« {stated} »)" if stated and record["amount"] is None else record["label"]


def parties(record: Record) -> str:
    funders = ", ".join(record["funders"]) or "?"
    recipients = ", ".join(record["recipients"])
    return f"{funders} → {recipients}" if recipients else funders


VIEWS: dict[str, list[Column]] = {
    "measures": [
        Column("id", field("id")),
        Column("#", field("number"), justify="right"),
        Column("ch.", field("chapter")),
        Column("title", field("title"), wrap=True),
        Column("axes", field("axes"), wrap=True),
    ],
    "funding": [
        Column("id", field("id")),
        Column("amount", figure_amount, justify="right"),
        Column("when", when),
        Column("status", lambda record: f"{record['status']} ({record['kind']})"),
        Column("label", label, wrap=True),
        Column("from → to", parties, wrap=True),
    ],
    "actors": [
        Column("id", field("id")),
        Column("name", field("name"), wrap=True),
        Column("kind", field("kind")),
        Column("country", field("country")),
        Column("description", field("description"), wrap=True),
    ],
    "axes": [
        Column("id", field("id")),
        Column("label", field("label"), wrap=True),
        Column("group", field("group")),
        Column("measures", field("measures"), justify="right"),
        Column("description", field("description"), wrap=True),
    ],
    "sources": [
        Column("id", field("id")),
        Column("title", field("title"), wrap=True),
        Column("kind", field("kind")),
        Column("date", field("date")),
        Column("primary", lambda record: "yes" if record["primary"] else ""),
        Column("records", field("records"), justify="right"),
    ],
    "timeline": [
        Column("when", field("in_words")),
        Column("type", field("type")),
        Column("id", field("id")),
        Column("what", field("what"), wrap=True),
        Column("basis", field("basis")),
    ],
    "search": [
        Column("type", field("type")),
        Column("id", field("id")),
        Column("title", field("title"), wrap=True, marks="title"),
        Column("excerpt", field("excerpt"), wrap=True, marks="excerpt"),
    ],
}


Places = list[tuple[int, int]]


def marks_of(listing_marks: list[dict[str, Places]], index: int, column: Column) -> Places:
    """Where the matches are in ``column``'s text for the ``index``-th record (none outside a search)."""
    if column.marks is None or index >= len(listing_marks):
        return []
    return listing_marks[index].get(column.marks, [])


def totals_lines(totals: list[Total]) -> list[str]:
    """``announced private EUR: at least 109 Md€ (2 figures, 1 part counted in its whole)``."""
    lines = []
    for total in totals:
        amount = total_amount(total, total["currency"], total["per_year"])
        text = "no amount" if amount == "—" else amount
        notes = ", ".join(total_notes(total, total["currency"]))
        lines.append(f"{total['status']} {total['kind']} {total['currency']}: {text} ({notes})")
    return lines


def caption(entity: str, count: int, filters: list[str]) -> str:
    return count_of(count, entity) + (f" · {', '.join(filters)}" if filters else "")

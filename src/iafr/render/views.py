"""Which columns a human sees for each kind of listing (table and Markdown formats)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iafr.render.toolkit import count_of, figure_amount, plain, total_amount, total_notes

if TYPE_CHECKING:
    from iafr.declaration import Shown
    from iafr.totals import Total

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Record], str]
    justify: str = "left"
    wrap: bool = False  # text, wrapped between words; otherwise kept on one line (ids, amounts, dates)
    marks: str | None = None  # the key of the listing's marks that place matches in this column's text
    least: int = 0  # a text column narrower than this turns the listing into blocks


def field(name: str, separator: str = ", ") -> Callable[[Record], str]:
    return lambda record: plain(record.get(name), separator)


def when(record: Record) -> str:
    """``14 June 2023``, ``2018–2022``, ``since 2019``, ``reported Oct 2023``, or ``—`` for no time."""
    return _when_of("when")(record)


def label(record: Record) -> str:
    """The French label, and for a figure without an amount, what the source says instead."""
    stated = record.get("stated")
    return f"{record['label']} (« {stated} »)" if stated and record["amount"] is None else record["label"]


def parties(record: Record) -> str:
    funders = ", ".join(record["funders"]) or "?"
    recipients = ", ".join(record["recipients"])
    return f"{funders} → {recipients}" if recipients else funders


# How a declared view's ``format`` (iafr.declaration.Shown) writes a value from the whole record.
FORMATS: dict[str, Callable[[Record], str]] = {
    "amount": figure_amount,
    "when": when,
    "status": lambda record: f"{record['status']} ({record['kind']})",
    "label": label,
    "parties": parties,
    "yes": lambda record: "yes" if record["primary"] else "",
    # a direct quote between guillemets, so that reported or summed-up words are never quoted as said
    "words": lambda record: f"« {record['words']} »" if record["form"] == "direct" else record["words"],
}

# The listings that are no kind of record (the others' views are declared in iafr.kinds).
LISTING_VIEWS: dict[str, list[Column]] = {
    "timeline": [
        Column("when", field("in_words")),
        Column("type", field("type")),
        Column("id", field("id")),
        Column("what", field("what"), wrap=True, least=30),
        Column("basis", field("basis")),
    ],
    "search": [
        Column("type", field("type")),
        Column("id", field("id")),
        Column("title", field("title"), wrap=True, marks="title", least=24),
        Column("excerpt", field("excerpt"), wrap=True, marks="excerpt", least=24),
    ],
}


def _shown(shown: Shown) -> Column:
    value = FORMATS[shown.format] if shown.format is not None else field(shown.field)
    if shown.format == "when":
        value = _when_of(shown.field)
    return Column(shown.header[0], value, shown.justify, shown.wrap, least=shown.least)


def _when_of(name: str) -> Callable[[Record], str]:
    """A time column: the record's own basis when it has one (a figure's), else plain words."""
    from iafr.edtf import window_words  # noqa: PLC0415 - table and Markdown listings only

    return lambda record: window_words(record.get(name), record.get("basis"))


def compact_view(section: str) -> list[Column]:
    """The columns of a kind's records on the page of a record they are linked to."""
    from iafr import kinds  # noqa: PLC0415

    return [_shown(shown) for shown in kinds.BY_SECTION[section].compact]


def view(entity: str) -> list[Column]:
    """The columns people see for a listing of ``entity``: a kind's declared view, or a listing's."""
    from iafr import kinds  # noqa: PLC0415

    kind = kinds.BY_SECTION.get(entity)
    return [_shown(shown) for shown in kind.view] if kind is not None else LISTING_VIEWS[entity]


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

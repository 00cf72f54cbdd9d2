"""Which columns a human sees for each kind of listing (table and Markdown formats)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iafr.i18n import NP_, _, in_language, language, pgettext
from iafr.labels import labelled, shown
from iafr.render.toolkit import count_of, figure_amount, plain, total_amount, total_notes

if TYPE_CHECKING:
    from iafr.declaration import Kind, Shown
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
    """The label in the reader's language, and for a figure without an amount, what the source says instead."""
    stated = record.get("stated")
    text = in_reader_language(record, "label", "title_en")
    return f"{text} (« {stated} »)" if stated and record["amount"] is None else text


FRENCH_MARK = "[fr] "
"""Before a French title an English reader sees for want of an English one: a fallback, shown as such."""


def in_reader_language(record: Record, french: str, english: str) -> str:
    """A record's title in the reader's language: the English one under English when the record has
    one, else the French one, marked (« [fr] … ») so that a reader knows it is untranslated."""
    if language() == "fr":
        return plain(record.get(french))
    translated = record.get(english)
    if translated:
        return plain(translated)
    text = plain(record.get(french))
    return FRENCH_MARK + text if text else text


def parties(record: Record) -> str:
    funders = ", ".join(record["funders"]) or "?"
    recipients = ", ".join(record["recipients"])
    return f"{funders} → {recipients}" if recipients else funders


# How a declared view's ``format`` (iafr.declaration.Shown) writes a value from the whole record.
FORMATS: dict[str, Callable[[Record], str]] = {
    "amount": figure_amount,
    "when": when,
    "status": lambda record: _("{status} ({kind})").format(
        status=shown("funding", "status", record["status"]), kind=shown("funding", "kind", record["kind"])
    ),
    "label": label,
    "parties": parties,
    "yes": lambda record: _("yes") if record["primary"] else "",
    # a direct quote between guillemets, so that reported or summed-up words are never quoted as said
    "words": lambda record: f"« {record['words']} »" if record["form"] == "direct" else record["words"],
}

# What a dated record's time rests on (iafr.kinds' Timed bases and a figure's), as the timeline says it.
TIME_BASES = {
    "announced": NP_("time basis", "announced"),
    "period": NP_("time basis", "period"),
    "reported": NP_("time basis", "reported"),
    "published": NP_("time basis", "published"),
    "stated": NP_("time basis", "stated"),
    "held": NP_("time basis", "held"),
    "said": NP_("time basis", "said"),
}


def time_basis(record: Record) -> str:
    basis = record.get("basis")
    return pgettext("time basis", TIME_BASES[basis]) if basis in TIME_BASES else plain(basis)


def record_type(record: Record) -> str:
    """A record's type as a noun of the reader's language (``funding``: « chiffre »)."""
    from iafr.kinds import nouns_of  # noqa: PLC0415

    return nouns_of(record["type"], language())[0]


def _listing_view(entity: str) -> list[Column]:
    """The columns of the listings that are no kind of record (the others' are declared in iafr.kinds)."""
    if entity == "timeline":
        return [
            Column(pgettext("column", "when"), field("in_words")),
            Column(pgettext("column", "type"), record_type),
            Column(pgettext("column", "id"), field("id")),
            Column(pgettext("column", "what"), field("what"), wrap=True, least=30),
            Column(pgettext("column", "basis"), time_basis),
        ]
    return [  # search
        Column(pgettext("column", "type"), record_type),
        Column(pgettext("column", "id"), field("id")),
        Column(pgettext("column", "title"), field("title"), wrap=True, marks="title", least=24),
        Column(pgettext("column", "excerpt"), field("excerpt"), wrap=True, marks="excerpt", least=24),
    ]


def _shown(section: str, declared: Shown) -> Column:
    value = FORMATS[declared.format] if declared.format is not None else field(declared.field)
    if declared.format == "when":
        value = _when_of(declared.field)
    elif declared.format is None and labelled(section, declared.field):
        value = _label_of(section, declared.field)
    elif declared.format is None:
        kind = _kind(section)
        english = kind.english.get(declared.field) if kind is not None else None
        if kind is not None and english is not None:
            value = _title_of(kind.column_of(declared.field), kind.column_of(english))
    return Column(in_language(declared.header), value, declared.justify, declared.wrap, least=declared.least)


def _kind(section: str) -> Kind | None:
    from iafr import kinds  # noqa: PLC0415

    return kinds.BY_SECTION.get(section)


def _title_of(french: str, english: str) -> Callable[[Record], str]:
    return lambda record: in_reader_language(record, french, english)


def _label_of(table: str, name: str) -> Callable[[Record], str]:
    return lambda record: shown(table, name, record.get(name))


def _when_of(name: str) -> Callable[[Record], str]:
    """A time column: the record's own basis when it has one (a figure's), else plain words."""
    from iafr.edtf import window_words  # noqa: PLC0415 - table and Markdown listings only

    return lambda record: window_words(record.get(name), record.get("basis"))


def compact_view(section: str) -> list[Column]:
    """The columns of a kind's records on the page of a record they are linked to."""
    from iafr import kinds  # noqa: PLC0415

    return [_shown(section, declared) for declared in kinds.BY_SECTION[section].compact]


def view(entity: str) -> list[Column]:
    """The columns people see for a listing of ``entity``: a kind's declared view, or a listing's."""
    from iafr import kinds  # noqa: PLC0415

    kind = kinds.BY_SECTION.get(entity)
    return [_shown(entity, declared) for declared in kind.view] if kind is not None else _listing_view(entity)


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
        text = _("no amount") if amount == "—" else amount
        notes = ", ".join(total_notes(total, total["currency"]))
        lines.append(
            _("{status} {kind} {currency}: {amount} ({notes})").format(
                status=shown("funding", "status", total["status"]),
                kind=shown("funding", "kind", total["kind"]),
                currency=total["currency"],
                amount=text,
                notes=notes,
            )
        )
    return lines


def no_match(entity: str, filters: list[str]) -> str:
    """``no measures match (axis frugalite)``: an empty listing, said in the reader's language."""
    from iafr.kinds import nouns_of  # noqa: PLC0415

    plural = nouns_of(entity, language())[1]
    if filters:
        return _("no {records} match ({filters})").format(records=plural, filters=", ".join(filters))
    return _("no {records} match").format(records=plural)


def caption(entity: str, count: int, filters: list[str]) -> str:
    return count_of(count, entity) + (f" · {', '.join(filters)}" if filters else "")

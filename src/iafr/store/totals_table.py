"""The funding totals, written into the database at build time by the one totals engine.

Datasette and the data package read them from here: a site or a spreadsheet never sums amounts
on its own (a naive sum counts a part beside its whole, and a copy twice). Each row is one total
of :func:`iafr.totals.funding_totals` over every figure, worded as ``iafr funding`` prints it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from iafr.store.schema import TOTALS_TABLE

if TYPE_CHECKING:
    from iafr.totals import Total

COLUMNS: dict[str, type] = {
    "currency": str,
    "status": str,
    "kind": str,
    "basis": str,  # "total" or "per-year"
    "figures": int,
    "total": str,  # as a French reader quotes it: "109 Md€", "au moins 1 Md€", "5–15 Md€ par an"
    "total_en": str,  # as an English reader does: "€109bn", "at least €1bn", "€5–15bn a year"
    "low": str,  # the interval, exact decimal text in full units (empty when no figure has an amount)
    "high": str,  # empty when unbounded
    "notes": str,  # what it counts and leaves out, as iafr funding says it in French
    "notes_en": str,  # the same in English
}


def totals_rows(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    from iafr.i18n import speaking  # noqa: PLC0415
    from iafr.money import canonical_text  # noqa: PLC0415
    from iafr.queries import query_funding  # noqa: PLC0415

    rows: list[tuple[object, ...]] = []
    for total in query_funding(connection).totals:
        with speaking("fr"):
            french = _worded(total)
        with speaking("en"):
            english = _worded(total)
        rows.append(
            (
                total["currency"],
                total["status"],
                total["kind"],
                "per-year" if total["per_year"] else "total",
                total["figures"],
                french[0],
                english[0],
                None if total["low"] is None else canonical_text(total["low"]),
                None if total["high"] is None else canonical_text(total["high"]),
                french[1],
                english[1],
            )
        )
    return rows


def _worded(total: Total) -> tuple[str, str]:
    """The amount and the notes of ``total`` as ``iafr funding`` words them in the current language."""
    from iafr.i18n import _  # noqa: PLC0415
    from iafr.render.toolkit import total_amount, total_notes  # noqa: PLC0415

    amount = total_amount(total, total["currency"], total["per_year"])
    return (_("no amount") if amount == "—" else amount), ", ".join(total_notes(total, total["currency"]))


def write_totals(connection: sqlite3.Connection) -> None:
    """Create and fill the totals table from the funding table already written."""
    columns = ", ".join(f"[{name}] {'INTEGER' if kind is int else 'TEXT'}" for name, kind in COLUMNS.items())
    connection.execute(f"CREATE TABLE [{TOTALS_TABLE}] ({columns})")
    marks = ", ".join("?" for _ in COLUMNS)
    connection.executemany(f"INSERT INTO [{TOTALS_TABLE}] VALUES ({marks})", totals_rows(connection))

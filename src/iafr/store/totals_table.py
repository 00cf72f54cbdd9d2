"""The funding totals, written into the database at build time by the one totals engine.

Datasette and the data package read them from here: a site or a spreadsheet never sums amounts
on its own (a naive sum counts a part beside its whole, and a copy twice). Each row is one total
of :func:`iafr.totals.funding_totals` over every figure, worded as ``iafr funding`` prints it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from iafr.i18n import N_
from iafr.store.schema import TOTALS_TABLE

if TYPE_CHECKING:
    from iafr.totals import Total

COLUMNS: dict[str, tuple[type, str]] = {
    "currency": (str, N_("The currency (ISO 4217): totals never mix currencies.")),
    "status": (str, N_("The figures' status (funding_statuses): announced, committed, raised…")),
    "kind": (str, N_("Whose money (funding_kinds): public, private or mixed.")),
    "basis": (str, N_("'total' for one-off figures, 'per-year' for yearly ones: never summed together.")),
    "figures": (int, N_("How many figures the total covers, parts and copies included.")),
    "total": (str, N_("The total as a French reader quotes it: « 109 Md€ », « au moins 1 Md€ »…")),
    "total_en": (str, N_("The total as an English reader quotes it: '€109bn', 'at least €1bn'…")),
    "low": (str, N_("The total's lower bound, exact, in full units (empty when no figure has an amount).")),
    "high": (str, N_("The total's upper bound, exact, in full units (empty when some figure has none).")),
    "notes": (str, N_("What the total counts and leaves out (parts, copies, figures without amount), in French.")),
    "notes_en": (str, N_("The same in English.")),
}
"""Each column of the totals table: its type and what it holds (iafr funding's words for the amounts)."""


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
    columns = ", ".join(f"[{name}] {'INTEGER' if kind is int else 'TEXT'}" for name, (kind, _doc) in COLUMNS.items())
    connection.execute(f"CREATE TABLE [{TOTALS_TABLE}] ({columns})")
    marks = ", ".join("?" for _ in COLUMNS)
    connection.executemany(f"INSERT INTO [{TOTALS_TABLE}] VALUES ({marks})", totals_rows(connection))

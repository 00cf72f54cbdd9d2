"""The funding totals, written into the database at build time by the one totals engine.

Datasette and the data package read them from here: a site or a spreadsheet never sums amounts
on its own (a naive sum counts a part beside its whole, and a copy twice). Each row is one total
of :func:`iafr.totals.funding_totals` over every figure, worded as ``iafr funding`` prints it.
"""

from __future__ import annotations

import sqlite3

from iafr.store.schema import TOTALS_TABLE

COLUMNS: dict[str, type] = {
    "currency": str,
    "status": str,
    "kind": str,
    "basis": str,  # "total" or "per year"
    "figures": int,
    "total": str,  # as a person quotes it: "109 Md€", "at least 1 Md€", "5–15 Md€ a year"
    "low": str,  # the interval, exact decimal text in full units (empty when no figure has an amount)
    "high": str,  # empty when unbounded
    "notes": str,  # what it counts and leaves out, as iafr funding says it
}


def totals_rows(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    from iafr.money import canonical_text  # noqa: PLC0415
    from iafr.queries import query_funding  # noqa: PLC0415
    from iafr.render.toolkit import total_amount, total_notes  # noqa: PLC0415

    rows: list[tuple[object, ...]] = []
    for total in query_funding(connection).totals:
        currency = total["currency"]
        amount = total_amount(total, currency, total["per_year"])
        rows.append(
            (
                currency,
                total["status"],
                total["kind"],
                "per year" if total["per_year"] else "total",
                total["figures"],
                "no amount" if amount == "—" else amount,
                None if total["low"] is None else canonical_text(total["low"]),
                None if total["high"] is None else canonical_text(total["high"]),
                ", ".join(total_notes(total, currency)),
            )
        )
    return rows


def write_totals(connection: sqlite3.Connection) -> None:
    """Create and fill the totals table from the funding table already written."""
    columns = ", ".join(f"[{name}] {'INTEGER' if kind is int else 'TEXT'}" for name, kind in COLUMNS.items())
    connection.execute(f"CREATE TABLE [{TOTALS_TABLE}] ({columns})")
    marks = ", ".join("?" for _ in COLUMNS)
    connection.executemany(f"INSERT INTO [{TOTALS_TABLE}] VALUES ({marks})", totals_rows(connection))

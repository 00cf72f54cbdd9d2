"""What a database published for readers holds beyond the store (``iafr serve``, ``serve --export``).

The store is iafr's working copy: amounts in hundredths, sources of every kind in one table,
lists in link tables, the curator's directory in its meta table. The copy a journalist browses
in Datasette is reworked once, here, from the store's own declarations and engines:

- nothing local: the meta rows naming the curator's directory and files are removed;
- money readable: each figure's amount in full units, as French and English readers write it
  (« 109 Md€ », "€109bn"), and a sort key that keeps each currency apart; the hundredths go;
- how the totals count each figure (the kinds' ``computed`` columns: a part, a copy);
- each kind's sources in a table of its own whose rows point at the record and the source, so
  that a record's page reaches the quotes that prove it;
- a kind's lists named in its facets as JSON arrays, for Datasette's array facets (a measure's axes);
- money by year, the report's chart: its rows with each bar's share of its currency's longest.
"""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from typing import Any

from iafr import kinds
from iafr.declaration import Cited, Kind, Link
from iafr.i18n import speaking
from iafr.store.schema import CITATIONS_TABLE

MONEY_BY_YEAR = "money_by_year"
"""The chart's table: one row per currency, time and status (iafr.totals.money_by_year)."""
LOCAL_META = ("data_dir", "signature")
"""Meta rows that describe the curator's machine (a path, file sizes and times), never published."""


def prepare(connection: sqlite3.Connection) -> None:
    """Rework the copy ``connection`` opens (never the store itself) for publication."""
    connection.execute(f"DELETE FROM iafr_meta WHERE key IN ({', '.join('?' for _ in LOCAL_META)})", LOCAL_META)
    _computed(connection)  # (these two read the records as the store holds them:
    _money_by_year(connection)  # before _money rewrites the amounts)
    _money(connection)
    _sources(connection)
    _arrays(connection)
    connection.commit()
    connection.execute("VACUUM")  # no page of a removed row or column left in the file


def sources_table(section: str) -> str:
    """The table of one kind's sources in a published copy: ``funding_sources``."""
    return f"{section}_sources"


def array_facets(kind: Kind) -> list[str]:
    """The facets of ``kind`` that are lists (links): JSON arrays in a published copy."""
    return [item.field for item in kind.of_kind(Link) if item.field in kind.facets]


# --- money ----------------------------------------------------------------------------------------


def _money(connection: sqlite3.Connection) -> None:
    from iafr.queries import query_records  # noqa: PLC0415
    from iafr.render.toolkit import figure_amount  # noqa: PLC0415

    records = query_records(connection, "funding").records
    connection.execute("ALTER TABLE funding ADD COLUMN amount NUMERIC")
    connection.execute("ALTER TABLE funding ADD COLUMN upper NUMERIC")
    connection.execute("ALTER TABLE funding ADD COLUMN amount_shown TEXT")
    connection.execute("ALTER TABLE funding ADD COLUMN amount_shown_en TEXT")
    connection.execute("ALTER TABLE funding ADD COLUMN amount_in_currency TEXT")
    for record in records:
        amount = record["amount"]
        with speaking("fr"):
            french = figure_amount(record) if amount is not None else None
        with speaking("en"):
            english = figure_amount(record) if amount is not None else None
        connection.execute(
            "UPDATE funding SET amount = ?, upper = ?, amount_shown = ?, amount_shown_en = ?, amount_in_currency = ? "
            "WHERE id = ?",
            (_number(amount), _number(record["upper"]), french, english, _sort_key(record), record["id"]),
        )
    for (index,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'funding' AND sql LIKE '%_minor%'"
    ).fetchall():
        connection.execute(f"DROP INDEX [{index}]")
    # the amounts where a reader looks, after the label; the hundredths gone (sqlite-utils rebuilds
    # the table with its keys, as SQLite cannot move a column)
    import sqlite_utils  # noqa: PLC0415

    table = sqlite_utils.Database(connection)["funding"]
    names = [column.name for column in table.columns]
    first = ["id", "label", "amount_shown", "amount_shown_en", "amount", "upper", "currency"]
    table.transform(  # type: ignore[union-attr]
        drop={"amount_minor", "upper_minor"},
        column_order=[*first, *(name for name in names if name not in first)],
        types={"amount": int, "upper": int},  # INTEGER affinity: a whole amount stays whole, cents stay
    )
    connection.execute("CREATE INDEX funding_amount_in_currency ON funding (amount_in_currency)")


def _number(amount: Decimal | None) -> int | float | None:
    """Full units: a whole amount as an integer (exact), cents as a float (shown, never summed here)."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _sort_key(record: dict[str, Any]) -> str | None:
    """``EUR 000000109000000000.00``: sorting by it keeps each currency's figures together, by amount."""
    amount = record["amount"]
    return None if amount is None else f"{record['currency']} {amount:021.2f}"


def _computed(connection: sqlite3.Connection) -> None:
    from iafr.queries import query_records  # noqa: PLC0415

    for kind in kinds.KINDS:
        if not kind.computed:
            continue
        records = query_records(connection, kind.section).records
        for computed in kind.computed:
            values = computed.compute(records)
            connection.execute(f"ALTER TABLE [{kind.section}] ADD COLUMN [{computed.name}] TEXT")
            connection.executemany(
                f"UPDATE [{kind.section}] SET [{computed.name}] = ? WHERE id = ?",
                [(value, record_id) for record_id, value in values.items()],
            )


# --- each kind's sources, lists as arrays ------------------------------------------------------------


def _sources(connection: sqlite3.Connection) -> None:
    for kind in kinds.KINDS:
        if not kind.of_kind(Cited) or kind.section == kinds.CITED_KIND:
            continue  # (a source's own citations stay in record_sources, the bibliography's table)
        table = sources_table(kind.section)
        connection.execute(
            f"CREATE TABLE [{table}] ([{kind.owner}] TEXT REFERENCES [{kind.section}](id), "
            "position INTEGER, source_id TEXT REFERENCES sources(id), quote TEXT, locator TEXT, "
            f"PRIMARY KEY ([{kind.owner}], position))"
        )
        connection.execute(
            f"INSERT INTO [{table}] SELECT record_id, position, source_id, quote, locator FROM {CITATIONS_TABLE} "
            "WHERE record_type = ? ORDER BY record_id, position",
            (kind.record_type,),
        )
        connection.execute(f"CREATE INDEX [{table}_source_id] ON [{table}] (source_id)")


def _arrays(connection: sqlite3.Connection) -> None:
    for kind in kinds.KINDS:
        for link in kind.of_kind(Link):
            if link.field not in array_facets(kind):
                continue
            fixed = "".join(f" AND {name} = '{value}'" for name, value in link.fixed)
            connection.execute(f"ALTER TABLE [{kind.section}] ADD COLUMN [{link.field}] TEXT")
            owners: dict[str, list[str]] = {}
            for owner, value in connection.execute(
                f"SELECT {kind.owner}, {link.column} FROM {link.table} WHERE 1{fixed} ORDER BY rowid"
            ):
                owners.setdefault(owner, []).append(value)
            connection.executemany(
                f"UPDATE [{kind.section}] SET [{link.field}] = ? WHERE id = ?",
                [(json.dumps(values, ensure_ascii=False), owner) for owner, values in owners.items()],
            )
            connection.execute(f"UPDATE [{kind.section}] SET [{link.field}] = '[]' WHERE [{link.field}] IS NULL")


# --- the chart ---------------------------------------------------------------------------------------


def _money_by_year(connection: sqlite3.Connection) -> None:
    from iafr.queries import query_records  # noqa: PLC0415
    from iafr.render.toolkit import total_amount  # noqa: PLC0415
    from iafr.totals import ZERO, money_by_year  # noqa: PLC0415

    figures = query_records(connection, "funding").records
    with speaking("fr"):
        french = money_by_year(figures)
        shown = [total_amount(row, row["currency"]) for row in french]
    with speaking("en"):
        english = money_by_year(figures)
        shown_en = [total_amount(row, row["currency"]) for row in english]
    longest: dict[str, Decimal] = {}
    for row in french:
        longest[row["currency"]] = max(longest.get(row["currency"], ZERO), row["low"] or ZERO)
    connection.execute(
        f"CREATE TABLE {MONEY_BY_YEAR} (currency TEXT, [when] TEXT, when_en TEXT, status TEXT, figures INTEGER, "
        "low NUMERIC, high NUMERIC, amount TEXT, amount_en TEXT, bar REAL)"
    )
    connection.executemany(
        f"INSERT INTO {MONEY_BY_YEAR} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                row["currency"], row["when"], row_en["when"], row["status"], row["figures"], _number(row["low"]),
                _number(row["high"]), text, text_en,
                round(float((row["low"] or ZERO) / longest[row["currency"]]), 4) if longest[row["currency"]] else 0.0,
            )
            for row, row_en, text, text_en in zip(french, english, shown, shown_en, strict=True)
        ],
    )  # fmt: skip


def table_descriptions() -> dict[str, tuple[str, str]]:
    """What the tables only a published copy has hold, in English and French."""
    found = {
        MONEY_BY_YEAR: (
            "Money by year, the report's chart: one-off figures with an amount and a time, per currency, time and "
            "status, summed by iafr's engine; 'bar' is the lower bound's share of its currency's longest.",
            "Les financements par année, le graphique du rapport : les chiffres ponctuels ayant un montant et une "
            "date, par devise, date et statut, additionnés par le moteur d'iafr ; 'bar' est la part de la borne "
            "basse dans la plus longue de sa devise.",
        )
    }
    for kind in kinds.KINDS:
        if kind.of_kind(Cited) and kind.section != kinds.CITED_KIND:
            english, french = kind.nouns.plural_en, kind.nouns.plural_fr
            found[sources_table(kind.section)] = (
                f"The sources of the {english}, each with its short quote and its place in the document.",
                f"Les sources des {french}, chacune avec sa courte citation et son endroit dans le document.",
            )
    return found


RENAMED = {"amount_minor": "amount", "upper_minor": "upper"}
"""Store columns a published copy holds under another name (hundredths become full units)."""


def column_descriptions(kind: Kind) -> dict[str, tuple[str, str]]:
    """The columns a published copy adds to ``kind``'s table, described in English and French."""
    found: dict[str, tuple[str, str]] = {}
    if kind.section == "funding":
        found.update(
            amount_shown=("The amount as a French reader quotes it: « 109 Md€ », « ≈ 10 Md€/an ».",
                          "Le montant tel qu'un lecteur français le cite : « 109 Md€ », « ≈ 10 Md€/an »."),
            amount_shown_en=("The amount as an English reader quotes it: '€109bn', '≈ €10bn/yr'.",
                             "Le montant tel qu'un lecteur anglais le cite : '€109bn', '≈ €10bn/yr'."),
            amount_in_currency=("The currency then the amount: sorting by it keeps each currency's figures "
                                "together (never 500 Md$ among euros).",
                                "La devise puis le montant : trier sur cette colonne garde ensemble les chiffres "
                                "de chaque devise (jamais 500 Md$ parmi les euros)."),
        )  # fmt: skip
    for link in kind.of_kind(Link):
        if link.field in array_facets(kind):
            english, french = link.doc
            found[link.field] = (f"{english} As a JSON list.", f"{french} Sous forme de liste JSON.")
    return found

"""How iafr's own values read (a figure's status ``announced``: « annoncé »): the labels the corpus
gives them in vocabularies.yaml (``iafr.kinds.LABELS``), in the reader's language.

A value the corpus labels nowhere reads as its id. The build gathers every label into one table
(:data:`TABLE`), which :func:`load` reads in one query where a command opens the store, so that
renderers need no database and a query's start-up imports no declaration of kinds.
"""

from __future__ import annotations

import sqlite3

from iafr import i18n

TABLE = "value_labels"
"""(table, column, id, label, label_en): each labelled value of a column, in French and English."""

_loaded: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}  # (table, column) → id → (French, English)


def write_labels(connection: sqlite3.Connection) -> None:
    """At build time, after the label kinds' tables: gather their rows under the column each labels."""
    from iafr import kinds  # noqa: PLC0415 - the build has them

    connection.execute(f"CREATE TABLE [{TABLE}] ([table] TEXT, [column] TEXT, id TEXT, label TEXT, label_en TEXT)")
    for kind in kinds.LABELS:
        assert kind.labels is not None
        table, column = kind.labels
        connection.execute(
            f"INSERT INTO [{TABLE}] SELECT ?, ?, id, label, label_en FROM [{kind.section}] ORDER BY rowid",
            (table, column),
        )


def load(connection: sqlite3.Connection) -> None:
    """Read every label from the store ``connection`` opens."""
    _loaded.clear()
    for table, column, value, french, english in connection.execute(f"SELECT * FROM [{TABLE}]"):
        _loaded.setdefault((table, column), {})[value] = (french, english)


def shown(table: str, column: str, value: str | None) -> str:
    """``value`` of ``table.column`` as the reader's language names it (its id when unlabelled)."""
    if value is None:
        return ""
    pair = _loaded.get((table, column), {}).get(value)
    if pair is None:
        return value
    return pair[0] if i18n.language() == "fr" else pair[1]


def labelled(table: str, column: str) -> bool:
    """Whether a kind labels the values of ``table.column`` (its declaration, not the data)."""
    from iafr import kinds  # noqa: PLC0415

    return any(kind.labels == (table, column) for kind in kinds.KINDS)

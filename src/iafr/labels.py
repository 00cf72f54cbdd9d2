"""How iafr's own values read (a figure's status ``announced``: « annoncé »): the labels the corpus
gives them in vocabularies.yaml (``iafr.kinds.LABELS``), in the reader's language.

A value the corpus labels nowhere reads as its id. The labels are read once per connection
(:func:`load`, called where a command opens the store), so that renderers need no database.
"""

from __future__ import annotations

import sqlite3

from iafr import i18n

_loaded: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}  # (table, column) → id → (French, English)


def load(connection: sqlite3.Connection) -> None:
    """Read the labels of every labelled column from the store ``connection`` opens."""
    from iafr import kinds  # noqa: PLC0415

    _loaded.clear()
    for kind in kinds.KINDS:
        if kind.labels is not None:
            rows = connection.execute(f"SELECT id, label, label_en FROM {kind.section}")
            _loaded[kind.labels] = {row[0]: (row[1], row[2]) for row in rows}


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

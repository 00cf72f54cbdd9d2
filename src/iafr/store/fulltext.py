"""The full-text tables a build writes: each text as written and as its stems, and the stem keys.

Declared in :mod:`iafr.store.schema` (``FULLTEXT``, ``STEM_KEYS_TABLE``); the words and stems come
from :mod:`iafr.fulltext.words`, the same functions a query stems the user's words with.
"""

from __future__ import annotations

import sqlite3

from iafr.store.schema import FTS_LANGUAGES, FULLTEXT, STEM_KEYS_TABLE, FullText

FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # case- and accent-insensitive matching


def write_fulltext(connection: sqlite3.Connection) -> None:
    """Create and fill every full-text table from the main tables already written."""
    from iafr.fulltext.words import stem, stem_key, stemmed_text, tokens  # noqa: PLC0415 - builds only

    keys: set[tuple[str, str, str]] = set()
    for table in FULLTEXT.values():
        _create(connection, table)
        names = ", ".join(f"[{column}]" for column in table.text)
        rows = []
        for rowid, *texts in connection.execute(f"SELECT rowid, {names} FROM [{table.content}] ORDER BY rowid"):
            stemmed = [stemmed_text(text or "", language) for language in FTS_LANGUAGES for text in texts]
            rows.append((rowid, *texts, *stemmed))
            for text in texts:
                for match in tokens(text or ""):
                    for language in FTS_LANGUAGES:
                        key, own = stem_key(match.group(), language), stem(match.group(), language)
                        if key != own:
                            keys.add((language, key, own))
        marks = ", ".join("?" for _ in range(len(table.columns) + 1))
        columns = ", ".join(f"[{column}]" for column in table.columns)
        connection.executemany(f"INSERT INTO [{table.table}] (rowid, {columns}) VALUES ({marks})", rows)
    connection.execute(
        f"CREATE TABLE [{STEM_KEYS_TABLE}] (language TEXT, key TEXT, stem TEXT, PRIMARY KEY (language, key, stem))"
        " WITHOUT ROWID"
    )
    connection.executemany(f"INSERT INTO [{STEM_KEYS_TABLE}] VALUES (?, ?, ?)", sorted(keys))


def _create(connection: sqlite3.Connection, table: FullText) -> None:
    # contentless: the text is in the main table, and the stems are only ever matched, never shown
    columns = ", ".join(f"[{column}]" for column in table.columns)
    connection.execute(
        f"CREATE VIRTUAL TABLE [{table.table}] USING fts5({columns}, tokenize='{FTS_TOKENIZER}', content='')"
    )

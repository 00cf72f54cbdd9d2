"""The full-text tables a build writes: each text as written and as its stems, and the stem keys.

Declared in :mod:`iafr.store.schema` (``FULLTEXT``, ``STEM_KEYS_TABLE``); the words and stems come
from :mod:`iafr.fulltext.words`, the same functions a query stems the user's words with.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from iafr.store.schema import FTS_LANGUAGES, FULLTEXT, STEM_KEYS_TABLE, FullText

FTS_TOKENIZER = "unicode61 remove_diacritics 2"  # case- and accent-insensitive matching


def write_fulltext(connection: sqlite3.Connection) -> None:
    """Create and fill every full-text table from the main tables already written.

    Each distinct word is stemmed once per language (a 10k-record corpus has millions of words
    and some hundred thousand distinct ones): the stem columns and the stem keys read the caches."""
    from iafr.fulltext.words import stem, stem_key, written_words  # noqa: PLC0415 - builds only

    caches = [_Stems(language, stem) for language in FTS_LANGUAGES]

    for table in FULLTEXT.values():
        _create(connection, table)
        names = ", ".join(f"[{column}]" for column in table.text)
        rows = []
        for rowid, *texts in connection.execute(f"SELECT rowid, {names} FROM [{table.content}] ORDER BY rowid"):
            split = [written_words(text or "") for text in texts]
            # map(cache.__getitem__): the loop over millions of words runs in C; a miss stems once
            rows.append(
                (rowid, *texts, *(" ".join(map(cache.__getitem__, words)) for cache in caches for words in split))
            )
        marks = ", ".join("?" for _ in range(len(table.columns) + 1))
        columns = ", ".join(f"[{column}]" for column in table.columns)
        connection.executemany(f"INSERT INTO [{table.table}] (rowid, {columns}) VALUES ({marks})", rows)
    keys = {
        (cache.language, key, own)
        for cache in caches
        for word, own in cache.items()
        if (key := stem_key(word, cache.language)) != own
    }
    connection.execute(
        f"CREATE TABLE [{STEM_KEYS_TABLE}] (language TEXT, key TEXT, stem TEXT, PRIMARY KEY (language, key, stem))"
        " WITHOUT ROWID"
    )
    connection.executemany(f"INSERT INTO [{STEM_KEYS_TABLE}] VALUES (?, ?, ?)", sorted(keys))


class _Stems(dict[str, str]):
    """Each word as written → its stem in one language, stemmed on first sight."""

    def __init__(self, language: str, stem: Callable[[str, str], str]) -> None:
        super().__init__()
        self.language = language
        self._stem = stem

    def __missing__(self, word: str) -> str:
        found = self[word] = self._stem(word, self.language)
        return found


def _create(connection: sqlite3.Connection, table: FullText) -> None:
    # contentless: the text is in the main table, and the stems are only ever matched, never shown
    columns = ", ".join(f"[{column}]" for column in table.columns)
    connection.execute(
        f"CREATE VIRTUAL TABLE [{table.table}] USING fts5({columns}, tokenize='{FTS_TOKENIZER}', content='')"
    )

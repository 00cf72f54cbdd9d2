"""What the store keeps besides each kind's own tables (declared in :mod:`iafr.kinds`): the shared
citations table, the full-text tables derived from each kind's search declaration, and the typed
records listings return.

This module imports neither the models nor pydantic: queries read it on every call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from iafr.declaration import _Declared
from iafr.kinds import KINDS

FTS_COLUMNS: dict[str, tuple[str, ...]] = {kind.section: kind.fts for kind in KINDS if kind.fts}
CITATIONS_TABLE = "record_sources"
TOTALS_TABLE = "funding_totals"
"""The funding totals iafr.totals computes, as iafr funding words them: written at build time so that
every reader of the database (Datasette, the data package) shows the same totals, never a sum of its own."""


# --- full-text search ---------------------------------------------------------------------------
# Each entity with ``fts`` columns has a table ``{section}_fts`` (FTS5, contentless, rowid = the
# main table's rowid) holding each column's text as written, then the same text as its stems in
# each language, one stem per word in the same order (so that a phrase of stems matches where the
# phrase of words stood). Every column is stemmed in both languages: the French text is full of
# English words ("datacenters", "open source", "AI Act"), which only the English stemmer joins.

FTS_LANGUAGES: tuple[str, ...] = ("fr", "en")
"""The stemmed languages (Snowball's French and English, see iafr.fulltext.words)."""
STEM_KEYS_TABLE = "fts_stem_keys"
"""(language, key, stem): the stems of the corpus's accented words under the stem of the same
word without accents, so that a word typed without them finds their stems (``frugalite`` →
``frugal``, as ``frugalité`` is stemmed). Only the words whose two stems differ have a row."""


def stem_column(column: str, language: str) -> str:
    """The column holding the stems of ``column`` in ``language``: ``title_stem_fr``."""
    return f"{column}_stem_{language}"


class FullText(_Declared):
    """One entity's full-text table: its text columns, and their stem columns per language."""

    __slots__ = ("content", "stems", "table", "text")

    def __init__(self, table: str, content: str, text: tuple[str, ...], stems: dict[str, tuple[str, ...]]) -> None:
        self.table = table
        self.content = content  # the main table whose rowid it shares
        self.text = text
        self.stems = stems

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.text, *(column for language in FTS_LANGUAGES for column in self.stems[language]))


FULLTEXT: dict[str, FullText] = {
    section: FullText(
        f"{section}_fts",
        section,
        columns,
        {language: tuple(stem_column(column, language) for column in columns) for language in FTS_LANGUAGES},
    )
    for section, columns in FTS_COLUMNS.items()
}


# --- the records listings return, typed ---------------------------------------------------------
# Their keys are the listed items above, in order (tests/test_store_schema.py checks it): what a
# listing hands the renderers and the totals engine. For mypy only: building four TypedDicts
# costs 3.5 ms, on every query's path.

if TYPE_CHECKING:
    from decimal import Decimal

    class MeasureRecord(TypedDict):
        id: str
        report: str
        kind: str
        number: int | None
        chapter: str | None
        title: str
        title_en: str
        text: str
        axes: list[str]
        actors: list[str]
        funding: list[str]
        instruments: list[str]
        targets: list[str]
        horizon: str | None  # EDTF
        horizon_earliest: str | None  # ISO day, None when open or none
        horizon_latest: str | None
        horizon_term: str | None
        horizon_stated: str | None
        sources: list[str]  # the cited source ids
        note: str | None

    class ActorRecord(TypedDict):
        id: str
        name: str
        kind: str
        country: str | None
        aliases: list[str]
        description: str | None
        description_en: str | None
        role: str | None
        role_en: str | None
        context: bool
        sources: list[str]
        note: str | None

    class FundingRecord(TypedDict):
        id: str
        label: str
        title_en: str
        amount: Decimal | None
        upper: Decimal | None
        currency: str
        precision: str
        stated: str | None
        per_year: bool
        period: str | None
        date: str | None
        year: int | None
        when: str | None  # EDTF of the window: the period, the date, or [..source date]
        earliest: str | None  # ISO day, None when open
        latest: str | None
        basis: str | None  # "period", "announced", "reported", None when undated
        status: str
        kind: str
        funders: list[str]
        recipients: list[str]
        announced_by: list[str]
        via: list[str]
        purpose: str | None
        related: list[str]
        part_of: str | None
        same_as: str | None
        event: str | None
        sources: list[str]
        note: str | None

"""Each table of the store, declared once: what the build writes, diff reads back and queries select.

An :class:`Entity` is one section of the corpus (``funding``…): its main table, then one item
per model field, in the order listings show them:

- :class:`Column`: a scalar field in the main table (or a column derived for queries, such as
  ``year`` or ``earliest``, that no field holds);
- :class:`Link`: a list of ids, one row per item in a link table;
- :class:`Nested`: a list of sub-records, one row per item in order;
- :class:`Cited`: a list of source references, in the shared ``record_sources`` table.

A field no table keeps is named in ``Entity.unstored`` or ``Nested.unstored`` with the reason;
tests/test_store_schema.py fails when a model field is neither declared nor listed there. This
module imports neither the models nor pydantic: queries read it on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

Encode = Callable[[Any], Any]
Derive = Callable[[Any, Any], Any]  # (record, corpus) → value: a column no single field holds


def _same(value: Any) -> Any:
    return value


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _flag(value: bool) -> int:
    return int(value)


def _is_set(value: int | None) -> bool:
    return bool(value)


def _amount_text(value: Any) -> str | None:
    from iafr.money import canonical_text  # noqa: PLC0415 - build path only

    return None if value is None else canonical_text(value)


def _amount(value: str | None) -> Any:
    from decimal import Decimal  # noqa: PLC0415 - only rows with money pay for it

    return None if value is None else Decimal(value)


class _Declared:
    """A declaration: fields in ``__slots__``, compared and shown field by field.

    Plain classes rather than NamedTuples: building a NamedTuple class costs ~0.25 ms at
    import, and this module is on every query's path (five of them were a third of its cost).
    """

    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = object.__hash__  # declarations are made once; identity is their hash

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Column(_Declared):
    """A column of a table. ``field`` is the model field it stores; ``derive`` computes a column
    for queries from the whole record instead (then no field reads it back)."""

    __slots__ = ("decode", "derive", "doc", "encode", "field", "form", "listed", "name", "type")

    def __init__(
        self,
        name: str,
        type: type = str,
        field: str | None = None,
        encode: Encode = _same,  # model value → SQL value
        decode: Encode = _same,  # SQL value → the plain value the model holds
        derive: Derive | None = None,
        listed: bool = True,  # part of the records listings return (JSON, CSV)
        # What a derived column holds, for the schemas iafr publishes (a field's come from its model):
        form: str | None = None,  # "year", "date" (an ISO day) or "edtf" (a time, iafr.edtf) when not plain
        doc: str | None = None,
    ) -> None:
        self.name = name
        self.type = type
        self.field = field
        self.encode = encode
        self.decode = decode
        self.derive = derive
        self.listed = listed
        self.form = form
        self.doc = doc


def field(name: str, type_: type = str, column: str | None = None, **options: Any) -> Column:
    """A column storing the model field ``name`` (under ``column`` when the names differ)."""
    return Column(column or name, type_, name, **options)


def text(name: str, column: str | None = None) -> Column:
    return field(name, str, column)


def enum(name: str, column: str | None = None) -> Column:
    return field(name, str, column, encode=_text)


def flag(name: str, column: str | None = None) -> Column:
    return field(name, int, column, encode=_flag, decode=_is_set)


def date(name: str = "date") -> Column:
    return field(name, str, encode=_text)


def money(name: str) -> Column:
    """An exact quantity kept as its decimal text (a fact's value: no unit to count in)."""
    return field(name, str, encode=_amount_text, decode=_amount)


def hundredths(name: str) -> Column:
    """Money in the integer column ``{name}_minor``: hundredths of the currency, exact (no REAL)."""
    return field(name, int, f"{name}_minor", encode=_minor, decode=_from_minor)


def derived(
    name: str, type_: type, derive: Derive, listed: bool = False, form: str | None = None, doc: str | None = None
) -> Column:
    return Column(name, type_, None, derive=derive, listed=listed, form=form, doc=doc)


class Link(_Declared):
    """A list of ids: one row ``(owner, item, *fixed)`` per item of ``field``, in list order."""

    __slots__ = ("column", "field", "fixed", "indexed", "listed", "table", "target")

    def __init__(
        self,
        field: str,
        table: str,
        column: str,  # the item's column, e.g. ``axis_id``
        target: str | None,  # the table the items reference, for the foreign key
        fixed: tuple[tuple[str, str], ...] = (),  # e.g. (("role", "funder"),): several fields, one table
        listed: bool = True,
        indexed: bool = False,  # an index from the item to its owners (``--actor`` filters use it)
    ) -> None:
        self.field = field
        self.table = table
        self.column = column
        self.target = target
        self.fixed = fixed
        self.listed = listed
        self.indexed = indexed


class Nested(_Declared):
    """A list of sub-records: one row per item, ``position`` keeping the order when declared."""

    __slots__ = ("columns", "field", "foreign_keys", "indexes", "key", "position", "table", "unstored")

    def __init__(
        self,
        field: str,
        table: str,
        columns: tuple[Column, ...],
        position: bool = True,
        foreign_keys: tuple[tuple[str, str, str], ...] = (),
        indexes: tuple[tuple[str, ...], ...] = (),
        unstored: dict[str, Any] | None = None,  # sub-fields not kept → the value a database side reads back
        key: tuple[str, ...] = (),  # the primary key's columns after the owner, when not ``position``
    ) -> None:
        self.field = field
        self.table = table
        self.columns = columns
        self.position = position
        self.foreign_keys = foreign_keys
        self.indexes = indexes
        self.unstored = unstored
        self.key = key


class Cited(_Declared):
    """Source references, kept in ``record_sources`` under ``record_type``. Listings show the ids."""

    __slots__ = ("field", "listed")

    def __init__(self, field: str = "sources", listed: bool = True) -> None:
        self.field = field
        self.listed = listed


Item = Column | Link | Nested | Cited


class Entity(_Declared):
    """One section of the corpus: its main table and, in order, the items that store its fields."""

    __slots__ = ("foreign_keys", "fts", "indexes", "items", "owner", "record_type", "section", "unstored")

    def __init__(
        self,
        section: str,  # the corpus section and main table: "funding"
        record_type: str,  # how record_sources and show name one record: "funding"
        owner: str,  # the owner column in its link tables: "funding_id"
        items: tuple[Item, ...],
        indexes: tuple[tuple[str, ...], ...] = (),
        foreign_keys: tuple[tuple[str, str, str], ...] = (),
        fts: tuple[str, ...] = (),  # main-table columns indexed for full-text search (see FULLTEXT below)
        unstored: dict[str, str] | None = None,  # field → why no table keeps it
    ) -> None:
        self.section = section
        self.record_type = record_type
        self.owner = owner
        self.items = items
        self.indexes = indexes
        self.foreign_keys = foreign_keys
        self.fts = fts
        self.unstored = unstored

    @property
    def columns(self) -> tuple[Column, ...]:
        """The main table's columns, in order."""
        return tuple(item for item in self.items if isinstance(item, Column))

    def of_kind(self, kind: type[Any]) -> list[Any]:
        return [item for item in self.items if isinstance(item, kind)]


def _year(record: Any, corpus: Any = None) -> int | None:
    date = record.date
    if date is None:
        return None
    if hasattr(date, "year"):  # a document's PartialDate
        return int(date.year)
    bound = date.earliest or date.latest  # a When: the year it starts, else the year it ends
    return None if bound is None else bound.year


_WINDOWS: list[Any] = [None, {}]  # the last corpus built, and its figures' windows by id


def _window(record: Any, corpus: Any) -> Any:
    """The figure's window, computed once per figure of the corpus being built (four columns use it)."""
    if _WINDOWS[0] is not corpus:
        from iafr.edtf import figure_window  # noqa: PLC0415 - build path only

        dates = {source.id: source.date for source in corpus.sources if source.date is not None}

        def window(figure: Any) -> Any:
            return figure_window(
                figure.date, figure.period, [dates[r.source] for r in figure.sources if r.source in dates]
            )

        _WINDOWS[:] = [corpus, {figure.id: window(figure) for figure in corpus.funding}]
    return _WINDOWS[1][record.id]


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _of_window(part: str) -> Derive:
    """One part of the figure's window, its days as ISO text."""

    def get(figure: Any, corpus: Any) -> Any:
        value = getattr(_window(figure, corpus), part)
        return value if value is None or isinstance(value, str) else _iso(value)

    return get


def _minor(value: Any) -> int | None:
    from iafr.money import to_minor_units  # noqa: PLC0415 - build path only

    return None if value is None else to_minor_units(value)


def _from_minor(value: int | None) -> Any:
    from iafr.money import from_minor_units  # noqa: PLC0415 - only rows with money pay for it

    return None if value is None else from_minor_units(value)


def _joined_ids(refs: list[Any]) -> str:
    return "; ".join(ref.source for ref in refs)


def _split_ids(value: str | None) -> list[dict[str, Any]]:
    # a fact keeps its sources' ids only: their quotes and locators are not stored
    return [{"source": source, "quote": None, "locator": None} for source in (value.split("; ") if value else [])]


SCHEMA_VERSION = "8"
"""Bump on any change to the declarations below (tests/test_store_schema.py pins it to their
digest): a database built by another version is rebuilt. Here, beside them, so that a new field
touches the model and this module only."""

_YEAR = "The year of the date (the year it starts in, for a period)."
_WHEN = (
    "When the figure can fall, in EDTF: its period, else its date, else '[..D]' (on or before D) for a "
    "figure only its sources report, D being the latest of their dates; empty when there is none."
)
_FIRST_DAY = "The first day the figure can fall on (ISO 8601); empty when open."
_LAST_DAY = "The last day the figure can fall on (ISO 8601); empty when open."
_BASIS = "What 'when' rests on: period, announced (its date) or reported (its sources' dates)."

ENTITIES: tuple[Entity, ...] = (
    Entity(
        "sources",
        "source",
        "source_id",
        (
            text("id"),
            text("title"),
            enum("kind"),
            text("author"),
            text("publisher"),
            date(),
            derived("year", int, _year, form="year", doc=_YEAR),
            text("date_note"),
            text("language"),
            text("url"),
            flag("primary", "is_primary"),
            Link("cites", "source_cites", "cited_id", "sources", listed=False),
            Cited("cited_in", listed=False),
            text("note"),
        ),
        indexes=(("year",),),
        fts=("title", "author", "publisher"),
        unstored={
            name: "the mapping to the curator's local copy of the text: read by check --sources, never published"
            for name in ("text", "sha256", "ocr", "doubled_links")
        },
    ),
    Entity(
        "axes",
        "axis",
        "axis_id",
        (text("id"), text("label"), text("label_en"), enum("group", "axis_group"), text("description")),
    ),
    Entity(
        "reports",
        "report",
        "report_id",
        (
            text("id"),
            text("title"),
            text("title_en"),
            Link("authors", "report_authors", "actor_id", "actors", listed=False),
            date(),
            derived("year", int, _year, listed=True, form="year", doc=_YEAR),
            # the window its measures are filtered on (--since on measures): the report's own date
            derived("earliest", str, lambda report, _: _iso(report.date and report.date.earliest), form="date"),
            derived("latest", str, lambda report, _: _iso(report.date and report.date.latest), form="date"),
            derived("basis", str, lambda report, _: "published" if report.date else None),
            flag("numbered"),
            field("count", int, "declared_count"),
            Nested("chapters", "chapters", (text("id"), text("title")), position=False, key=("id",)),
            Cited(listed=False),
            text("note"),
        ),
        fts=("title", "title_en"),
    ),
    Entity(
        "measures",
        "measure",
        "measure_id",
        (
            text("id"),
            text("report", "report_id"),
            enum("kind"),
            field("number", int),
            text("chapter"),
            text("title"),
            text("title_en"),
            text("text"),
            Link("axes", "measure_axes", "axis_id", "axes", indexed=True),
            Link("actors", "measure_actors", "actor_id", "actors", indexed=True),
            Link("related", "measure_related", "related_id", "measures", listed=False),
            Link("funding", "measure_funding", "funding_id", "funding"),
            Cited(),
            text("note"),
        ),
        indexes=(("report_id", "number"), ("chapter",), ("kind",)),
        foreign_keys=(("report_id", "reports", "id"),),
        fts=("title", "title_en", "text"),
    ),
    Entity(
        "actors",
        "actor",
        "actor_id",
        (
            text("id"),
            text("name"),
            enum("kind"),
            text("country"),
            Link("aliases", "actor_aliases", "alias", None),
            # the aliases again as one text, for full-text search over the main table
            derived("aliases", str, lambda actor, _: "; ".join(actor.aliases), doc="The aliases, joined with '; '."),
            text("description"),
            text("role"),
            flag("context"),
            Nested(
                "relations",
                "relations",
                (enum("type"), text("target", column="target_id"), text("role")),
                foreign_keys=(("target_id", "actors", "id"),),
                indexes=(("target_id",),),
                unstored={"sources": []},
            ),
            Nested(
                "facts",
                "facts",
                (
                    text("name"),
                    money("value"),
                    text("unit"),
                    flag("approximate"),
                    text("stated"),
                    date(),
                    derived("year", int, _year, form="year", doc=_YEAR),
                    field("sources", str, encode=_joined_ids, decode=_split_ids),
                ),
            ),
            # what its facts state, as one text: "iafr search '51 fois'" finds the actor
            derived(
                "facts_stated",
                str,
                lambda actor, _: "; ".join(fact.stated for fact in actor.facts if fact.stated),
                doc="What the actor's facts state, in the source's words, joined with '; '.",
            ),
            Cited(),
            text("note"),
        ),
        indexes=(("kind",), ("country",)),
        fts=("name", "aliases", "description", "role", "facts_stated"),
    ),
    Entity(
        "funding",
        "funding",
        "funding_id",
        (
            text("id"),
            text("label"),
            text("title_en"),
            # integers of hundredths beside the currency: exact, and sorted right by any SQL client
            hundredths("amount"),
            hundredths("upper"),
            text("currency"),
            enum("precision"),
            text("stated"),
            flag("per_year"),
            field("period", str, encode=_text),
            date(),
            derived("year", int, _year, listed=True, form="year", doc=_YEAR),
            # the window the figure can fall in, from its period, else its date, else its sources'
            derived("when", str, _of_window("text"), listed=True, form="edtf", doc=_WHEN),
            derived("earliest", str, _of_window("earliest"), listed=True, form="date", doc=_FIRST_DAY),
            derived("latest", str, _of_window("latest"), listed=True, form="date", doc=_LAST_DAY),
            derived("basis", str, _of_window("basis"), listed=True, doc=_BASIS),
            enum("status"),
            enum("kind"),
            Link("funders", "funding_actors", "actor_id", "actors", fixed=(("role", "funder"),), indexed=True),
            Link("recipients", "funding_actors", "actor_id", "actors", fixed=(("role", "recipient"),), indexed=True),
            Link("announced_by", "funding_actors", "actor_id", "actors", fixed=(("role", "announcer"),), indexed=True),
            Link("via", "funding_actors", "actor_id", "actors", fixed=(("role", "via"),), indexed=True),
            text("purpose"),
            Link("related", "funding_related", "related_id", "funding"),
            text("part_of"),
            text("same_as"),
            Cited(),
            text("note"),
        ),
        indexes=(("year",), ("status",), ("kind",), ("currency",), ("amount_minor",), ("earliest",), ("latest",)),
        foreign_keys=(("part_of", "funding", "id"), ("same_as", "funding", "id")),
        fts=("label", "title_en", "stated", "purpose"),
    ),
    Entity(
        "synonyms",
        "synonym",
        "synonym_id",
        (text("id"), Link("terms", "synonym_terms", "term", None), text("note")),
    ),
)
"""In the order diff and the report list them. The build writes every main table first, then
the link tables, so each foreign key points at a table already written."""

BY_SECTION: dict[str, Entity] = {entity.section: entity for entity in ENTITIES}
FTS_COLUMNS: dict[str, tuple[str, ...]] = {entity.section: entity.fts for entity in ENTITIES if entity.fts}
CITATIONS_TABLE = "record_sources"


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
        sources: list[str]  # the cited source ids
        note: str | None

    class ActorRecord(TypedDict):
        id: str
        name: str
        kind: str
        country: str | None
        aliases: list[str]
        description: str | None
        role: str | None
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
        sources: list[str]
        note: str | None

    LISTED: dict[str, type] = {"measures": MeasureRecord, "actors": ActorRecord, "funding": FundingRecord}

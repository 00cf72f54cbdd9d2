"""How a kind of record is declared: the vocabulary :mod:`iafr.kinds` is written in.

A :class:`Kind` says everything iafr needs to know about one kind of record, once: its data file
and section, its model, how people name it (nouns in English and French), its title and time
fields, what it is (a description in both languages), its facets, how it is searched, and, in
order, the items that store its fields:

- :class:`Column`: a scalar field in the main table (or a column derived for queries, such as
  ``year`` or ``earliest``, that no field holds); a column may hold the id of another record
  (``targets``);
- :class:`Link`: a list of ids of other records, one row per item in a link table;
- :class:`Nested`: a list of sub-records, one row per item in order (their columns may be links);
- :class:`Cited`: a list of source references, in the shared ``record_sources`` table.

Every consumer derives what it needs from these declarations: the corpus files and sections, the
rules on references, unused records and sources, the tables and their foreign keys, the listings,
``show``, search, the timeline, the diff, the export and Datasette's metadata. A link says what it
points at, whether its order means something, whether naming a record counts as using it, and how
the record it points at names the records pointing to it (``show``'s reverse blocks).

This module imports neither the models nor pydantic: queries read the declarations on every call.
Plain classes with ``__slots__`` rather than NamedTuples or dataclasses: building a NamedTuple class
costs ~0.25 ms at import, and this module is on every query's path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iafr import i18n

Encode = Callable[[Any], Any]
Derive = Callable[[Any, Any], Any]  # (record, corpus) → value: a column no single field holds
Label = tuple[str, str]
"""A text in English, then French."""


def _same(value: Any) -> Any:
    return value


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _flag(value: bool) -> int:
    return int(value)


def _is_set(value: int | None) -> bool:
    return bool(value)


class _Declared:
    """A declaration: fields in ``__slots__``, compared and shown field by field."""

    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = object.__hash__  # declarations are made once; identity is their hash

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Nouns(_Declared):
    """How people are told about records of a kind: ``1 funding figure``, ``2 chiffres``."""

    __slots__ = ("plural_en", "plural_fr", "singular_en", "singular_fr")

    def __init__(self, singular_en: str, plural_en: str, singular_fr: str, plural_fr: str) -> None:
        self.singular_en = singular_en
        self.plural_en = plural_en
        self.singular_fr = singular_fr
        self.plural_fr = plural_fr

    def of(self, language: str) -> tuple[str, str]:
        """``(singular, plural)`` in ``language`` (``en`` or ``fr``)."""
        return (self.singular_fr, self.plural_fr) if language == "fr" else (self.singular_en, self.plural_en)

    @property
    def singular(self) -> str:
        """The singular in the reader's language."""
        return self.of(i18n.language())[0]

    @property
    def plural(self) -> str:
        """The plural in the reader's language."""
        return self.of(i18n.language())[1]


class Reference(_Declared):
    """What the ids of a link or a column point at, and what a link means to the rules and pages.

    ``targets``: the kinds (sections) an id may name, in the order they are looked in; ``use``:
    naming a record counts as using it (the ``unused`` rule); ``reverse``: how the page of the
    record pointed at names the records pointing to it (``None``: the link is not shown there);
    ``count_only``: that page shows how many, not which (a report's measures); ``symmetric``: the
    link means the same both ways (figures that may overlap), so it is shown once, either way, and
    a one-way link is warned about; ``self_allowed``: a record may name itself.
    """

    __slots__ = ("count_only", "reverse", "self_allowed", "symmetric", "targets", "use")

    def __init__(
        self,
        targets: tuple[str, ...],
        use: bool = True,
        reverse: Label | None = None,
        count_only: bool = False,
        symmetric: bool = False,
        self_allowed: bool = True,
    ) -> None:
        self.targets = targets
        self.use = use
        self.reverse = reverse
        self.count_only = count_only
        self.symmetric = symmetric
        self.self_allowed = self_allowed


class Column(_Declared):
    """A column of a table. ``field`` is the model field it stores; ``derive`` computes a column
    for queries from the whole record instead (then no field reads it back); ``ref`` says what
    the id it holds points at."""

    __slots__ = ("decode", "derive", "doc", "encode", "field", "form", "listed", "name", "ref", "type")

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
        # "year", "date" (an ISO day) or "edtf" (a time, iafr.edtf) when not plain; "money" for an amount in
        # the record's currency (shown as people write it: 1,5 Md€)
        form: str | None = None,
        doc: str | None = None,
        ref: Reference | None = None,
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
        self.ref = ref


def field(name: str, type_: type = str, column: str | None = None, **options: Any) -> Column:
    """A column storing the model field ``name`` (under ``column`` when the names differ)."""
    return Column(column or name, type_, name, **options)


def text(name: str, column: str | None = None) -> Column:
    return field(name, str, column)


def ref(name: str, targets: tuple[str, ...], column: str | None = None, **options: Any) -> Column:
    """A column holding the id of one record of ``targets`` (options: those of :class:`Reference`)."""
    return field(name, str, column, ref=Reference(targets, **options))


def enum(name: str, column: str | None = None) -> Column:
    return field(name, str, column, encode=_text)


def flag(name: str, column: str | None = None) -> Column:
    return field(name, int, column, encode=_flag, decode=_is_set)


def date(name: str = "date") -> Column:
    return field(name, str, encode=_text)


def derived(
    name: str, type_: type, derive: Derive, listed: bool = False, form: str | None = None, doc: str | None = None
) -> Column:
    return Column(name, type_, None, derive=derive, listed=listed, form=form, doc=doc)


class Link(_Declared):
    """A list of ``field``'s items: one row ``(owner, item, *fixed)`` per item, in list order.

    ``ref`` says what the items' ids point at (``None``: plain values, such as aliases); with one
    target the item column has a foreign key to it. ``ordered``: the order means something (a
    diff compares the list as a list, not as a set). ``doc`` says what the table holds.
    """

    __slots__ = ("column", "doc", "field", "fixed", "indexed", "listed", "ordered", "ref", "table")

    def __init__(
        self,
        field: str,
        table: str,
        column: str,  # the item's column, e.g. ``axis_id``
        ref: Reference | None,
        doc: Label,
        fixed: tuple[tuple[str, str], ...] = (),  # e.g. (("role", "funder"),): several fields, one table
        listed: bool = True,
        indexed: bool = False,  # an index from the item to its owners (``--actor`` filters use it)
        ordered: bool = False,
    ) -> None:
        self.field = field
        self.table = table
        self.column = column
        self.ref = ref
        self.doc = doc
        self.fixed = fixed
        self.listed = listed
        self.indexed = indexed
        self.ordered = ordered

    @property
    def target(self) -> str | None:
        """The one kind the items point at, for the foreign key (none for several, or for values)."""
        return self.ref.targets[0] if self.ref is not None and len(self.ref.targets) == 1 else None


class Nested(_Declared):
    """A list of sub-records: one row per item, ``position`` keeping the order when declared.

    ``address``: the sub-field that names an item within its record, when an item can be shown
    and cited on its own (a fact: ``bloom#parameters``, of ``record_type`` ``fact``: its sources
    are then kept in ``record_sources`` under that id); ``time``: how it is dated, for the
    timeline and the date rules; ``title``: the sub-field shown as its title; ``verbatim``: the
    sub-fields giving a source's own words (checked against its text). ``cited``: the
    sub-fields that are lists of source references (checked like a record's own ``sources``).
    ``unordered``: the other sub-fields that are lists whose order means nothing.
    """

    __slots__ = (
        "address",
        "cited",
        "columns",
        "doc",
        "facets",
        "field",
        "indexes",
        "key",
        "nouns",
        "ordered",
        "position",
        "record_type",
        "table",
        "time",
        "title",
        "unordered",
        "unstored",
        "verbatim",
    )

    def __init__(
        self,
        field: str,
        table: str,
        columns: tuple[Column, ...],
        doc: Label,
        position: bool = True,
        indexes: tuple[tuple[str, ...], ...] = (),
        unstored: dict[str, Any] | None = None,  # sub-fields not kept → the value a database side reads back
        key: tuple[str, ...] = (),  # the primary key's columns after the owner, when not ``position``
        ordered: bool = False,
        address: str | None = None,
        nouns: Nouns | None = None,
        time: Timed | None = None,
        title: str | None = None,
        cited: tuple[str, ...] = (),
        unordered: tuple[str, ...] = (),
        verbatim: dict[str, str] | None = None,
        record_type: str | None = None,
        facets: tuple[str, ...] = (),
    ) -> None:
        self.field = field
        self.table = table
        self.columns = columns
        self.doc = doc
        self.position = position
        self.indexes = indexes
        self.unstored = unstored
        self.key = key
        self.ordered = ordered
        self.address = address
        self.nouns = nouns
        self.time = time
        self.title = title
        self.cited = cited
        self.unordered = unordered
        self.verbatim = verbatim or {}
        self.record_type = record_type
        self.facets = facets

    @property
    def foreign_keys(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(
            (column.name, column.ref.targets[0], "id")
            for column in self.columns
            if column.ref is not None and len(column.ref.targets) == 1
        )

    def column_of(self, field_name: str) -> str:
        """The column storing sub-field ``field_name``."""
        return next(column.name for column in self.columns if column.field == field_name)


SUB_ID_SEPARATOR = "#"


def sub_id(owner: str, address: str) -> str:
    """How an addressable sub-record is named on its own: ``bloom#parameters``."""
    return f"{owner}{SUB_ID_SEPARATOR}{address}"


class Cited(_Declared):
    """Source references, kept in ``record_sources`` under the kind's ``record_type``. Listings
    show the ids; ``required``: a record must cite at least one (the ``no-source`` rule);
    ``connects``: a record listing some is itself in use (a source's ``cited_in``: where it is cited)."""

    __slots__ = ("connects", "field", "listed", "required")

    def __init__(
        self, field: str = "sources", listed: bool = True, required: bool = True, connects: bool = False
    ) -> None:
        self.field = field
        self.listed = listed
        self.required = required
        self.connects = connects


Item = Column | Link | Nested | Cited


class Shown(_Declared):
    """A column of a kind's compact view: its listing as a table or Markdown, and its rows on the
    pages of the records it links to. ``format`` names how the renderer writes the value (a
    figure's ``amount``, a ``when``…; plain text when ``None``); ``wrap``: text wrapped between
    words (ids, amounts and dates stay on one line); ``least``: the narrowest a wrapped column may
    be before the listing turns to blocks (a quote squeezed to a few words a line is unreadable)."""

    __slots__ = ("field", "format", "header", "justify", "least", "wrap")

    def __init__(
        self,
        field: str,
        header: Label,
        format: str | None = None,
        justify: str = "left",
        wrap: bool = False,
        least: int = 0,
    ) -> None:
        self.field = field
        self.header = header
        self.format = format
        self.justify = justify
        self.wrap = wrap
        self.least = least


class Timed(_Declared):
    """How a kind (or a nested item) is dated, for the timeline and the date rules.

    ``field``: the model field holding its own date or time, which the rules compare with its
    sources' and the corpus's dates; ``column``: the stored column the timeline places it by (the
    field's, unless a derived window: a figure's ``when``); ``basis``: what the time means
    (``published``, ``said``…), or ``basis_column``: the column saying it per record; ``who``: a
    link whose records' titles the timeline puts before the record's own (a statement's speakers).
    """

    __slots__ = ("basis", "basis_column", "column", "field", "who")

    def __init__(
        self,
        field: str,
        column: str | None = None,
        basis: str = "dated",
        basis_column: str | None = None,
        who: str | None = None,
    ) -> None:
        self.field = field
        self.column = column or field
        self.basis = basis
        self.basis_column = basis_column
        self.who = who


class Search(_Declared):
    """How a kind is searched: the main-table columns indexed in full text, and what a result's
    context column says (an SQL expression over the main table aliased ``m``)."""

    __slots__ = ("columns", "context")

    def __init__(self, columns: tuple[str, ...], context: str = "''") -> None:
        self.columns = columns
        self.context = context


class Computed(_Declared):
    """A column computed from all the records of a kind's listing, for whoever sums a published
    table (a figure's place in iafr's totals): ``function`` ("module:name") maps the records to
    one of ``values`` per id; ``doc`` says what it means, in English and French."""

    __slots__ = ("doc", "function", "name", "values")

    def __init__(self, name: str, function: str, doc: Label, values: tuple[str, ...]) -> None:
        self.name = name
        self.function = function
        self.doc = doc
        self.values = values

    def compute(self, records: list[Any]) -> dict[str, str]:
        import importlib  # noqa: PLC0415 - publishing only

        module, _sep, name = self.function.rpartition(":")
        found: dict[str, str] = getattr(importlib.import_module(module), name)(records)
        return found


class Kind(_Declared):
    """One kind of record: everything iafr derives from, declared once (see the module)."""

    __slots__ = (
        "by_words",
        "compact",
        "computed",
        "count",
        "counted",
        "description",
        "english",
        "facets",
        "file",
        "indexes",
        "items",
        "labels",
        "model",
        "nouns",
        "option",
        "optional",
        "owner",
        "query",
        "record_type",
        "search",
        "section",
        "sort_desc",
        "time",
        "title",
        "title_en",
        "unstored",
        "used",
        "verbatim",
        "view",
    )

    def __init__(
        self,
        section: str,  # the corpus section, the main table, the listing: "funding"
        *,
        file: str,  # the data file holding the section: "funding.yaml"
        model: str,  # the pydantic model: a name in iafr.models, or "module:Name"
        record_type: str,  # how record_sources, search and show name one record: "funding"
        owner: str,  # the owner column in its link and nested tables: "funding_id"
        nouns: Nouns,
        title: str,  # the field shown as a record's title
        description: Label,  # what the kind holds, for the published copies
        items: tuple[Item, ...],
        title_en: str | None = None,  # the field holding the title in English, when there is one
        time: Timed | None = None,
        facets: tuple[str, ...] = (),  # main-table columns a reader narrows a table by (Datasette)
        search: Search | None = None,
        indexes: tuple[tuple[str, ...], ...] = (),
        unstored: dict[str, str] | None = None,  # field → why no table keeps it
        optional: bool = False,  # its file may be missing
        used: str | None = None,  # "warn": a record no other refers to is warned about (unused rule)
        counted: bool = True,  # counted in the report's table of records
        query: str | None = None,  # its listing's function ("module:name", iafr.queries by default)
        verbatim: dict[str, str] | None = None,  # fields giving a source's own words → how messages name them
        view: tuple[Shown, ...] = (),  # its listing's columns (default: id, title, time)
        compact: tuple[Shown, ...] | None = None,  # its columns on a linked record's page (default: id, title)
        count: str | None = None,  # its listing counts the records of other kinds naming it, in this column
        sort_desc: str | None = None,  # the column a published table is sorted by, largest first
        by_words: bool | str = False,  # an option may name a record by one word of its title ("--target pme");
        # "start": by the first words of a name, two or more ("--axis 'public procurement'")
        option: str | None = None,  # the option naming one ("--status"; default: --RECORD_TYPE)
        labels: tuple[str, str] | None = None,  # the table and column whose values its records label
        english: dict[str, str] | None = None,  # a French text field → its English twin (the title's: title_en)
        computed: tuple[Computed, ...] = (),  # columns a published copy adds, computed from all the records
    ) -> None:
        self.section = section
        self.file = file
        self.model = model
        self.record_type = record_type
        self.owner = owner
        self.nouns = nouns
        self.title = title
        self.description = description
        self.items = items
        self.title_en = title_en
        self.time = time
        self.facets = facets
        self.search = search
        self.indexes = indexes
        self.unstored = unstored
        self.optional = optional
        self.used = used
        self.counted = counted
        self.query = query
        self.verbatim = verbatim or {}
        self.view = view or self._default_view()
        self.compact = compact if compact is not None else self.view[:2]
        self.count = count
        self.sort_desc = sort_desc
        self.by_words = by_words
        self.option = option or f"--{record_type}"
        self.labels = labels
        self.english = {**({title: title_en} if title_en else {}), **(english or {})}
        self.computed = computed

    def _default_view(self) -> tuple[Shown, ...]:
        shown = [Shown("id", ("id", "id")), Shown(self.title, ("title", "titre"), wrap=True)]
        if self.time is not None:
            shown.append(Shown(self.time.column, ("when", "quand"), format="when"))
        return tuple(shown)

    @property
    def columns(self) -> tuple[Column, ...]:
        """The main table's columns, in order."""
        return tuple(item for item in self.items if isinstance(item, Column))

    @property
    def fts(self) -> tuple[str, ...]:
        return self.search.columns if self.search is not None else ()

    @property
    def foreign_keys(self) -> tuple[tuple[str, str, str], ...]:
        """``(column, table, "id")`` for each column naming a record of one kind."""
        return tuple(
            (column.name, column.ref.targets[0], "id")
            for column in self.columns
            if column.ref is not None and len(column.ref.targets) == 1
        )

    def of_kind(self, kind: type[Any]) -> list[Any]:
        return [item for item in self.items if isinstance(item, kind)]

    def model_class(self) -> type[Any]:
        """The pydantic model (imported on first use: the declarations themselves stay light)."""
        import importlib  # noqa: PLC0415

        module, _sep, name = self.model.rpartition(":")
        return getattr(importlib.import_module(module or "iafr.models"), name)  # type: ignore[no-any-return]

    def column_of(self, field_name: str) -> str:
        """The main-table column storing model field ``field_name``."""
        for column in self.columns:
            if column.field == field_name:
                return column.name
        raise KeyError(f"{self.section}: no column stores {field_name!r}")

    @property
    def unordered(self) -> frozenset[str]:
        """The list fields whose order carries no meaning, at any depth (a fact's ``sources``)."""
        names: set[str] = set()
        for item in self.items:
            if isinstance(item, Link | Nested) and not item.ordered:
                names.add(item.field)
            if isinstance(item, Cited):
                names.add(item.field)
            if isinstance(item, Nested):
                names.update((*item.cited, *item.unordered))
        return frozenset(names)


class References(_Declared):
    """One place a kind names records of other kinds (or its own): what the rules check and
    ``show`` follows. ``item`` is the declaration; ``nested`` the sub-record list it sits in."""

    __slots__ = ("column", "field", "item", "kind", "nested", "ref")

    def __init__(self, kind: Kind, item: Column | Link, ref: Reference, nested: Nested | None = None) -> None:
        self.kind = kind
        self.item = item
        self.ref = ref
        self.nested = nested
        self.field = item.field or ""
        self.column = item.name if isinstance(item, Column) else item.column

    @property
    def many(self) -> bool:
        return isinstance(self.item, Link)


def references(kinds: tuple[Kind, ...]) -> list[References]:
    """Every place the kinds name records by id, in declaration order."""
    found = []
    for kind in kinds:
        for item in kind.items:
            if isinstance(item, Column | Link) and item.ref is not None:
                found.append(References(kind, item, item.ref))
            elif isinstance(item, Nested):
                found.extend(
                    References(kind, column, column.ref, item) for column in item.columns if column.ref is not None
                )
    return found

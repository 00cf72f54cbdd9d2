"""Typed query functions over the store. Plain sqlite3, bound parameters, allow-listed sorts.

Each listing returns records as plain dicts (``id`` first, exact ``Decimal`` amounts, lists as
lists) so that every output format shows the same records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from iafr.errors import UsageError
from iafr.text import fold

if TYPE_CHECKING:  # decimal too: a measures or actors query never needs it (1 ms of import)
    from decimal import Decimal

    from iafr.store.schema import FundingRecord
    from iafr.totals import Total

Row = dict[str, Any]


class Listing:
    """A query's answer: which entity, its records, and the filters that produced them.

    (Plain classes here, not dataclasses: this module is imported by every query, and building
    a dataclass at import costs more than the rest of the module.)"""

    __slots__ = ("entity", "filters", "marks", "notes", "records", "totals")

    def __init__(
        self,
        entity: str,
        records: list[Any],
        filters: list[str] | None = None,
        totals: list[Total] | None = None,
        notes: list[str] | None = None,
        marks: list[dict[str, list[tuple[int, int]]]] | None = None,
    ) -> None:
        """``records``: :mod:`iafr.store.schema` records (``FundingRecord``…) for the entity's listing, dicts
        of the view's columns for the others (axes, sources, search). ``marks``: per record, the places
        (start, end) of a search's matches in some of its fields, for the renderers that show them."""
        self.entity = entity
        self.records = records
        self.filters = filters or []
        self.totals = totals or []
        self.notes = notes or []  # what the filters left out, said so it is never dropped silently
        self.marks = marks or []


# --- value resolution: ids, labels and aliases, case- and accent-insensitive ----------------


class Vocabulary:
    """What a name given for ``--axis``, ``--report`` or ``--actor`` is matched against."""

    __slots__ = ("label_sql", "name", "option", "table")

    def __init__(self, name: str, option: str, table: str, label_sql: str) -> None:
        self.name = name  # "axis", "actor", "report"…
        self.option = option
        self.table = table
        self.label_sql = label_sql  # SELECT id, label… for the folded scan


_VOCABULARIES = {
    "axis": Vocabulary("axis", "--axis", "axes", "SELECT id, label, label_en FROM axes"),
    "report": Vocabulary("report", "--report", "reports", "SELECT id, title, title_en FROM reports"),
    "actor": Vocabulary(
        "actor",
        "--actor",
        "actors",
        "SELECT a.id, a.name, al.alias FROM actors a LEFT JOIN actor_aliases al ON al.actor_id = a.id",
    ),
}


def resolve(connection: sqlite3.Connection, vocabulary: str, value: str) -> str:
    """The id that ``value`` names (id, label or alias), or ``UsageError`` with the closest match."""
    vocab = _VOCABULARIES[vocabulary]
    if connection.execute(f"SELECT 1 FROM {vocab.table} WHERE id = ?", (value,)).fetchone():
        return value
    wanted = fold(value)
    names: dict[str, str] = {}
    for row in connection.execute(vocab.label_sql):
        record_id = row[0]
        for name in row:
            if name:
                names.setdefault(fold(name), record_id)
    if wanted in names:
        return names[wanted]
    ids = sorted(set(names.values()))
    close = _closest(wanted, names)
    hint = f" Did you mean {names[close]}?" if close else ""
    shown = ", ".join(ids[:40]) + (f", … ({len(ids)} in all)" if len(ids) > 40 else "")
    raise UsageError(f"unknown {vocab.name} {value!r} for {vocab.option}.{hint} Valid values: {shown}")


def _closest(word: str, choices: Iterable[str]) -> str | None:
    import difflib  # noqa: PLC0415 - only an unknown value pays for it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return close[0] if close else None


def check_choice(value: str, choices: Iterable[str], option: str) -> str:
    options = list(choices)
    if value in options:
        return value
    folded = {fold(choice): choice for choice in options}
    if fold(value) in folded:
        return folded[fold(value)]
    close = _closest(fold(value), folded)
    hint = f" Did you mean {folded[close]}?" if close else ""
    raise UsageError(f"unknown value {value!r} for {option}.{hint} Valid values: {', '.join(options)}")


# --- sorting ------------------------------------------------------------------------------------


def order_by(sort: str | None, allowed: dict[str, str], default: str) -> str:
    """``--sort FIELD`` or ``--sort -FIELD`` (descending), only from the allow-list."""
    if not sort:
        return default
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in allowed:
        raise UsageError(f"cannot sort by {key!r}; choose one of {', '.join(allowed)} (prefix '-' to reverse)")
    direction = "DESC" if descending else "ASC"
    # a column marked "!" keeps its order whatever the direction (amounts grouped by currency first)
    return (
        ", ".join(
            column[:-1] if column.endswith("!") else f"{column} {direction}" for column in allowed[key].split(",")
        )
        + ", id"
    )


def _limit(limit: int | None) -> str:
    if limit is None:
        return ""
    if limit < 0:
        raise UsageError("--limit must be zero or more")
    return f" LIMIT {int(limit)}"


# --- filters ----------------------------------------------------------------------------------


class Where:
    """The WHERE clause of a listing: SQL conditions with bound parameters, and how the caption
    names each filter. User values only ever travel as parameters."""

    __slots__ = ("conditions", "labels", "params")

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []
        self.labels: list[str] = []

    def add(self, condition: str, params: Sequence[Any], label: str | None = None) -> None:
        self.conditions.append(condition)
        self.params.extend(params)
        if label:
            self.labels.append(label)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""

    def copy(self) -> Where:
        """The same conditions, to count what a later condition leaves out."""
        other = Where()
        other.conditions, other.params, other.labels = list(self.conditions), list(self.params), list(self.labels)
        return other


def _listing(
    connection: sqlite3.Connection, section: str, alias: str, where: Where, order: str, limit: int | None
) -> list[Row]:
    """The records of ``section`` that ``where`` keeps, in the shape the store declares for listings."""
    from iafr.store.select import listing_shape  # noqa: PLC0415 - the declarations, once per call

    shape = listing_shape(section, alias)
    connection.row_factory = None
    sql = shape.select + where.sql() + " ORDER BY " + order + _limit(limit)
    return [shape.decode(row) for row in connection.execute(sql, where.params)]


# --- measures ---------------------------------------------------------------------------------

MEASURE_SORTS = {
    "number": "report_id,number",
    "id": "id",
    "title": "title",
    "report": "report_id,number",
    "chapter": "chapter,number",
    "kind": "kind,number",
}


def query_measures(
    connection: sqlite3.Connection,
    axes: Sequence[str] = (),
    any_axis: bool = False,
    report: str | None = None,
    actor: str | None = None,
    chapter: str | None = None,
    kind: str | None = None,
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    record_id: str | None = None,
    time: TimeFilter | None = None,
) -> Listing:
    """Measures; ``time`` filters on their report's date (when the report was published)."""
    where = Where()
    if record_id is not None:
        where.add("m.id = ?", [record_id])
    # each distinct value once, in one IN: a thousand repeats of --axis must not become a thousand
    # nested conditions (SQLite refuses expression trees deeper than 1000)
    axis_ids = list(dict.fromkeys(resolve(connection, "axis", axis) for axis in dict.fromkeys(axes)))
    if axis_ids:
        marks = ", ".join("?" * len(axis_ids))
        having = "" if any_axis else f" GROUP BY measure_id HAVING count(DISTINCT axis_id) = {len(axis_ids)}"
        where.add(f"m.id IN (SELECT measure_id FROM measure_axes WHERE axis_id IN ({marks}){having})", axis_ids,
                  "axis " + (" or " if any_axis else " and ").join(axis_ids))  # fmt: skip
    if report:
        report_id = resolve(connection, "report", report)
        where.add("m.report_id = ?", [report_id], f"report {report_id}")
    if actor:
        actor_id = resolve(connection, "actor", actor)
        where.add("m.id IN (SELECT measure_id FROM measure_actors WHERE actor_id = ?)", [actor_id], f"actor {actor_id}")
    if chapter:
        # a prefix test, not LIKE: '%' or '_' typed by a user must not match every chapter
        where.add("(m.chapter = ? OR substr(m.chapter, 1, length(?) + 1) = ? || '.')", [chapter] * 3,
                  f"chapter {chapter}")  # fmt: skip
    if kind:
        where.add("m.kind = ?", [kind], f"kind {kind}")
    if text:
        from iafr.fulltext.search import matching_rowids  # noqa: PLC0415 - only a text filter loads the stemmers

        rowids, params = matching_rowids(connection, "measures", text, "--query")
        where.add(f"m.rowid IN {rowids}", params, f"text {text!r}")
    notes: list[str] = []
    others = where.copy()
    if time is not None and time.active:
        condition, params = time.condition("r")
        where.add(f"m.report_id IN (SELECT r.id FROM reports r WHERE {condition})", params,
                  time.caption + " (the report's date)")  # fmt: skip
    order = order_by(sort, MEASURE_SORTS, "report_id, number IS NULL, number, id")
    records = _listing(connection, "measures", "m", where, order, limit)
    if time is not None and time.active and limit is None:
        dated = "(SELECT basis FROM reports r WHERE r.id = m.report_id)"
        notes = _left_out(connection, "measures", "m", others, len(records), time.undated, basis=dated)
    return Listing("measures", records, where.labels, notes=notes)


# --- funding ----------------------------------------------------------------------------------

FUNDING_SORTS = {
    "amount": "currency != 'EUR'!,currency!,amount_minor",  # dollars never ranked among euros
    "date": "earliest,latest",
    "when": "earliest,latest",
    "year": "year",
    "id": "id",
    "status": "status,date",
    "currency": "currency,amount_minor",
}
FUNDING_STATUSES = ("announced", "committed", "recommended", "mobilised", "raised", "invested", "estimated", "sought")
FUNDING_KINDS = ("public", "private", "mixed")


class TimeFilter:
    """``--since``/``--until``/``--during`` over a record's window (``earliest``, ``latest``)."""

    __slots__ = ("during", "end", "label", "start", "strict", "undated")

    def __init__(
        self,
        since: int | None = None,
        until: int | None = None,
        during: str | None = None,
        strict: bool = False,
        undated: bool = False,
    ) -> None:
        if during is not None:
            from iafr.edtf import parse_when  # noqa: PLC0415

            if since is not None or until is not None:
                raise UsageError("--during replaces --since and --until; give one or the other")
            try:
                when = parse_when(during)
            except ValueError as error:
                raise UsageError(f"--during: {error}") from None
            if when.shape not in ("period", "since", "by"):
                raise UsageError(f"--during {during!r} is a date; give a period such as 2018/2022 or 2019/..")
            self.start = None if when.earliest is None else when.earliest.isoformat()
            self.end = None if when.latest is None else when.latest.isoformat()
            self.label = f"during {during}"
        else:
            for name, year in (("--since", since), ("--until", until)):
                if year is not None and not 1000 <= year <= 9999:
                    raise UsageError(f"{name} {year}: give a year with four digits, e.g. 2018")
            if since is not None and until is not None and since > until:
                raise UsageError(f"--since {since} is after --until {until}; swap them")
            self.start = None if since is None else f"{since:04d}-01-01"
            self.end = None if until is None else f"{until:04d}-12-31"
            parts = [f"since {since}" if since is not None else "", f"until {until}" if until is not None else ""]
            self.label = " ".join(part for part in parts if part)
        self.strict = strict
        self.undated = undated

    @property
    def caption(self) -> str:
        """How the listing's caption names the filter: ``since 2018, strict dates``."""
        return self.label + (", strict dates" if self.strict else "")

    @property
    def active(self) -> bool:
        return self.start is not None or self.end is not None

    def condition(self, alias: str) -> tuple[str, list[str]]:
        """SQL keeping what can fall in the range (``strict``: what falls in it for sure)."""
        parts, params = [], []
        if self.start is not None:
            parts.append(
                f"{alias}.earliest >= ?" if self.strict else f"({alias}.latest IS NULL OR {alias}.latest >= ?)"
            )
            params.append(self.start)
        if self.end is not None:
            parts.append(
                f"{alias}.latest <= ?" if self.strict else f"({alias}.earliest IS NULL OR {alias}.earliest <= ?)"
            )
            params.append(self.end)
        dated = " AND ".join([f"{alias}.basis IS NOT NULL", *parts])
        return (f"(({dated}) OR {alias}.basis IS NULL)" if self.undated else f"({dated})"), params


def _left_out(
    connection: sqlite3.Connection,
    table: str,
    alias: str,
    where: Where,
    kept: int,
    undated: bool,
    basis: str | None = None,
) -> list[str]:
    """The records the time filter left out, counted: without any time, and outside the range.
    ``basis`` is the SQL of a record's time basis (its own column unless given)."""
    basis = basis or f"{alias}.basis"
    base = f"SELECT count(*) FROM {table} {alias}" + where.sql()
    total = connection.execute(base, where.params).fetchone()[0]
    joiner = " AND " if where.conditions else " WHERE "
    undated_sql = f"SELECT {alias}.id FROM {table} {alias}" + where.sql() + joiner + f"{basis} IS NULL"
    without = [row[0] for row in connection.execute(undated_sql + f" ORDER BY {alias}.id", where.params)]
    notes = []
    outside = total - kept - (0 if undated else len(without))
    if outside:
        notes.append(f"{outside} outside the range not shown")
    if without and not undated:
        named = ", ".join(without[:NAMED]) + (f" and {len(without) - NAMED} more" if len(without) > NAMED else "")
        notes.append(f"{len(without)} without any date not shown ({named}); --undated to include them")
    return notes


NAMED = 5  # records named in a note before "and N more"


def query_funding(
    connection: sqlite3.Connection,
    since: int | None = None,
    until: int | None = None,
    actor: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    currency: str | None = None,
    minimum: tuple[Decimal, str] | None = None,
    sort: str | None = None,
    limit: int | None = None,
    maximum: tuple[Decimal, str] | None = None,
    time: TimeFilter | None = None,
) -> Listing:
    """Funding figures and their totals; ``minimum``/``maximum`` are an amount with its currency,
    compared with the stated amount (a range's lower figure) of figures in that currency only."""
    where = Where()
    time = time or TimeFilter(since, until)
    if actor:
        actor_id = resolve(connection, "actor", actor)
        where.add("f.id IN (SELECT funding_id FROM funding_actors WHERE actor_id = ?)", [actor_id], f"actor {actor_id}")
    if status:
        status = check_choice(status, FUNDING_STATUSES, "--status")
        where.add("f.status = ?", [status], f"status {status}")
    if kind:
        kind = check_choice(kind, FUNDING_KINDS, "--kind")
        where.add("f.kind = ?", [kind], f"kind {kind}")
    if currency:
        from iafr.money import currency_code  # noqa: PLC0415

        try:
            code = currency_code(currency)
        except ValueError as error:
            raise UsageError(f"--currency: {error}") from None
        where.add("f.currency = ?", [code], f"currency {code}")
    for bound, operator in ((minimum, ">="), (maximum, "<=")):
        if bound is not None:
            from iafr.money import human, to_minor_units  # noqa: PLC0415

            amount, unit = bound
            where.add(f"f.currency = ? AND f.amount_minor {operator} ?", [unit, to_minor_units(amount)],
                      f"amount {'≥' if operator == '>=' else '≤'} {human(amount, unit)}")  # fmt: skip
    others = where.copy()
    if time.active:
        condition, params = time.condition("f")
        where.add(condition, params, time.caption)
    order = order_by(sort, FUNDING_SORTS, "earliest IS NULL, earliest, latest IS NULL, latest, id")
    records: list[FundingRecord] = _listing(connection, "funding", "f", where, order, limit)  # type: ignore[assignment]
    from iafr.totals import funding_totals  # noqa: PLC0415 - funding listings only

    notes = _left_out(connection, "funding", "f", others, len(records), time.undated) if time.active else []
    if time.active and limit is not None:
        notes = []  # a --limit cuts the list on purpose: counting what the range left out would mislead
    return Listing("funding", records, where.labels, funding_totals(records), notes)


# --- actors -----------------------------------------------------------------------------------

ACTOR_SORTS = {
    "name": "name COLLATE FOLD",
    "id": "id",
    "kind": "kind,name COLLATE FOLD",
    "country": "country,name COLLATE FOLD",
}


def query_actors(
    connection: sqlite3.Connection,
    kind: str | None = None,
    country: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    record_id: str | None = None,
) -> Listing:
    where = Where()
    if record_id is not None:
        where.add("a.id = ?", [record_id])
    if kind:
        kinds = [row[0] for row in connection.execute("SELECT DISTINCT kind FROM actors ORDER BY kind")]
        kind = check_choice(kind, kinds, "--kind")
        where.add("a.kind = ?", [kind], f"kind {kind}")
    if country:
        where.add("a.country = ?", [country.upper()], f"country {country.upper()}")
    order = order_by(sort, ACTOR_SORTS, "name COLLATE FOLD, id")
    return Listing("actors", _listing(connection, "actors", "a", where, order, limit), where.labels)


# --- vocabularies -----------------------------------------------------------------------------


def query_axes(connection: sqlite3.Connection) -> Listing:
    connection.row_factory = sqlite3.Row
    rows = connection.execute(
        """SELECT x.id, x.label, x.label_en, x.axis_group AS "group", x.description,
                  (SELECT count(*) FROM measure_axes WHERE axis_id = x.id) AS measures
           FROM axes x ORDER BY x.axis_group, x.rowid"""
    )
    return Listing("axes", [dict(row) for row in rows])


def query_sources(connection: sqlite3.Connection) -> Listing:
    connection.row_factory = sqlite3.Row
    rows = connection.execute(
        """SELECT s.id, s.title, s.kind, s.author, s.publisher, s.date, s.language, s.url,
                  s.is_primary AS "primary",
                  (SELECT count(DISTINCT record_type || ':' || record_id) FROM record_sources r
                    WHERE r.source_id = s.id AND r.record_type != 'source') AS records
           FROM sources s ORDER BY s.is_primary DESC, s.date IS NULL, s.date, s.id"""
    )
    records = []
    for row in rows:
        record = dict(row)
        record["primary"] = bool(record["primary"])
        records.append(record)
    return Listing("sources", records)


# --- search -----------------------------------------------------------------------------------


def search(connection: sqlite3.Connection, text: str, limit: int | None = 50) -> Listing:
    """Ranked full-text search over every kind of record (see :mod:`iafr.fulltext`)."""
    from iafr.fulltext.search import search as find  # noqa: PLC0415 - only a search loads the stemmers

    _limit(limit)  # refused as every listing refuses it
    records, marks = find(connection, text, limit)
    return Listing("search", records, [f"text {text!r}"], marks=marks)


def corpus_meta(connection: sqlite3.Connection) -> dict[str, str]:
    from iafr.store import read_meta  # noqa: PLC0415

    return read_meta(connection)

"""Typed query functions over the store. Plain sqlite3, bound parameters, allow-listed sorts.

Each listing returns records as plain dicts (``id`` first, exact ``Decimal`` amounts, lists as
lists) so that every output format shows the same records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from iafr.errors import UsageError
from iafr.i18n import N_, _, either, every, ngettext
from iafr.labels import shown

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


# --- sorting ------------------------------------------------------------------------------------


def order_by(sort: str | None, allowed: dict[str, str], default: str) -> str:
    """``--sort FIELD`` or ``--sort -FIELD`` (descending), only from the allow-list."""
    if not sort:
        return default
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in allowed:
        raise UsageError(
            _("cannot sort by {key!r}; choose one of {values} (prefix '-' to reverse)").format(
                key=key, values=", ".join(allowed)
            )
        )
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
        raise UsageError(_("--limit must be zero or more"))
    # past SQLite's INTEGER, a LIMIT literal is read as a real and refused ("datatype mismatch"):
    # no table holds that many rows, so such a limit is no limit
    return f" LIMIT {int(limit)}" if limit < 2**63 else ""


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


def labelled(label: str, values: str) -> str:
    """How a caption names a filter: ``actor genci or jean-zay`` (``label`` is marked with N_)."""
    return _("{label} {values}").format(label=_(label), values=values)


def _any_of(
    where: Where, column: str, ids: Sequence[str], label: str, subquery: str | None = None, table: str | None = None
) -> None:
    """Keep the records whose ``column`` is one of ``ids`` (repeated values combine with OR), or
    whose id is in ``subquery`` filtered on ``?`` being one of them; the caption names them all,
    by their labels in the reader's language when ``table``'s column has some (iafr.labels)."""
    if not ids:
        return
    marks = ", ".join("?" * len(ids))
    condition = f"{column} IN ({marks})" if subquery is None else f"{column} IN ({subquery} IN ({marks}))"
    named = [shown(table, column.split(".")[-1], value) for value in ids] if table else list(ids)
    where.add(condition, list(ids), labelled(label, either(named)))


def _all_of(where: Where, table: str, column: str, ids: Sequence[str], label: str, any_of: bool = False) -> None:
    """Keep the measures whose tags in ``table`` include every one of ``ids`` (any one: ``any_of``)."""
    if not ids:
        return
    # each distinct value once, in one IN: a thousand repeats of --axis must not become a thousand
    # nested conditions (SQLite refuses expression trees deeper than 1000)
    marks = ", ".join("?" * len(ids))
    having = "" if any_of else f" GROUP BY measure_id HAVING count(DISTINCT {column}) = {len(ids)}"
    where.add(f"m.id IN (SELECT measure_id FROM {table} WHERE {column} IN ({marks}){having})", ids,
              labelled(label, either(ids) if any_of else every(ids)))  # fmt: skip


def _horizon(connection: sqlite3.Connection, where: Where, text: str) -> None:
    """``--horizon``: a term (short, « court terme »…) or a time window (``..2025``, ``2025/2030``,
    ``2025``); a window keeps the measures whose horizon falls inside it for sure."""
    from iafr.edtf import parse_when  # noqa: PLC0415
    from iafr.resolve import resolve  # noqa: PLC0415

    if not any(character.isdigit() for character in text):
        term = resolve(connection, "horizon term", text)
        where.add("m.horizon_term = ?", [term], labelled(N_("horizon"), term))
        return
    written = text.replace("..", "../", 1) if text.startswith("..") and not text.startswith("../") else text
    written = written[:-2] + "/.." if written.endswith("..") and not written.endswith("/..") else written
    try:
        window = parse_when(written)
    except ValueError as error:
        raise UsageError(
            _("--horizon: {error}; give a term (short, medium, long) or a window: ..2025, 2025/2030").format(
                error=error
            )
        ) from None
    parts, params = ["m.horizon IS NOT NULL"], []
    if window.earliest is not None:
        parts.append("m.horizon_earliest >= ?")
        params.append(window.earliest.isoformat())
    if window.latest is not None:
        parts.append("m.horizon_latest <= ?")
        params.append(window.latest.isoformat())
    where.add("(" + " AND ".join(parts) + ")", params, labelled(N_("horizon"), text))


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
    reports: Sequence[str] = (),
    actors: Sequence[str] = (),
    chapters: Sequence[str] = (),
    kinds: Sequence[str] = (),
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    record_id: str | None = None,
    time: TimeFilter | None = None,
    instruments: Sequence[str] = (),
    targets: Sequence[str] = (),
    horizon: str | None = None,
) -> Listing:
    """Measures; ``time`` filters on their report's date (when the report was published)."""
    where = Where()
    if record_id is not None:
        where.add("m.id = ?", [record_id])
    from iafr.resolve import resolve_all  # noqa: PLC0415

    _all_of(where, "measure_axes", "axis_id", resolve_all(connection, "axis", axes), N_("axis"), any_axis)
    _all_of(where, "measure_instruments", "instrument_id", resolve_all(connection, "instrument", instruments),
            N_("instrument"))  # fmt: skip
    _all_of(where, "measure_targets", "target_id", resolve_all(connection, "target", targets), N_("target"))
    if horizon is not None:
        _horizon(connection, where, horizon)
    _any_of(where, "m.report_id", resolve_all(connection, "report", reports), N_("report"))
    _any_of(where, "m.id", resolve_all(connection, "actor", actors), N_("actor"),
            "SELECT measure_id FROM measure_actors WHERE actor_id")  # fmt: skip
    chapter_ids = resolve_all(connection, "chapter", chapters)
    if chapter_ids:
        # a prefix test, not LIKE: '%' or '_' typed by a user must not match every chapter
        tests = " OR ".join("m.chapter = ? OR substr(m.chapter, 1, length(?) + 1) = ? || '.'" for _ in chapter_ids)
        where.add(f"({tests})", [value for chapter in chapter_ids for value in (chapter,) * 3],
                  labelled(N_("chapter"), either(chapter_ids)))  # fmt: skip
    _any_of(where, "m.kind", resolve_all(connection, "measure kind", kinds), N_("kind"), table="measures")
    if text:
        from iafr.fulltext.search import matching_rowids  # noqa: PLC0415 - only a text filter loads the stemmers

        rowids, params = matching_rowids(connection, "measures", text, "--query")
        where.add(f"m.rowid IN {rowids}", params, labelled(N_("text"), repr(text)))
    notes: list[str] = []
    others = where.copy()
    if time is not None and time.active:
        condition, params = time.condition("r")
        where.add(f"m.report_id IN (SELECT r.id FROM reports r WHERE {condition})", params,
                  _("{filter} (the report's date)").format(filter=time.caption))  # fmt: skip
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
                raise UsageError(_("--during replaces --since and --until; give one or the other"))
            try:
                when = parse_when(during)
            except ValueError as error:
                raise UsageError(_("--during: {error}").format(error=error)) from None
            if when.shape not in ("period", "since", "by"):
                raise UsageError(
                    _("--during {during!r} is a date; give a period such as 2018/2022 or 2019/..").format(during=during)
                )
            self.start = None if when.earliest is None else when.earliest.isoformat()
            self.end = None if when.latest is None else when.latest.isoformat()
            self.label = _("during {period}").format(period=during)
        else:
            for name, year in (("--since", since), ("--until", until)):
                if year is not None and not 1000 <= year <= 9999:
                    raise UsageError(
                        _("{name} {year}: give a year with four digits, e.g. 2018").format(name=name, year=year)
                    )
            if since is not None and until is not None and since > until:
                raise UsageError(
                    _("--since {since} is after --until {until}; swap them").format(since=since, until=until)
                )
            self.start = None if since is None else f"{since:04d}-01-01"
            self.end = None if until is None else f"{until:04d}-12-31"
            parts = [
                _("since {year}").format(year=since) if since is not None else "",
                _("until {year}").format(year=until) if until is not None else "",
            ]
            self.label = " ".join(part for part in parts if part)
        self.strict = strict
        self.undated = undated

    @property
    def caption(self) -> str:
        """How the listing's caption names the filter: ``since 2018, strict dates``."""
        return self.label + (_(", strict dates") if self.strict else "")

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
        notes.append(ngettext("{count} outside the range not shown", "{count} outside the range not shown",
                              outside).format(count=outside))  # fmt: skip
    if without and not undated:
        named = _named(without)
        note = ngettext(
            "{count} without any date not shown ({named}); --undated to include it",
            "{count} without any date not shown ({named}); --undated to include them",
            len(without),
        )
        notes.append(note.format(count=len(without), named=named))  # fmt: skip
    return notes


NAMED = 5  # records named in a note before "and N more"


def _named(ids: Sequence[str]) -> str:
    """``a, b, c, d, e and 3 more``: the records a note names."""
    more = _(" and {count} more").format(count=len(ids) - NAMED) if len(ids) > NAMED else ""
    return ", ".join(ids[:NAMED]) + more


def _maybe_outside(records: Sequence[Any], time: TimeFilter) -> list[str]:
    """The listed records the range keeps only because their time could fall in it (open-ended,
    or bounded by a source's date alone: "reported Feb 2025" may be 2020), named."""
    unsure = [
        record["id"]
        for record in records
        if record["basis"] is not None
        and not (
            (time.start is None or (record["earliest"] is not None and record["earliest"] >= time.start))
            and (time.end is None or (record["latest"] is not None and record["latest"] <= time.end))
        )
    ]
    if not unsure:
        return []
    named = _named(unsure)
    note = ngettext(
        "{count} of these may fall outside the range, its time being open or only as late as a source ({named}); "
        "--strict-dates keeps only what surely falls inside",
        "{count} of these may fall outside the range, their time being open or only as late as a source "
        "({named}); --strict-dates keeps only what surely falls inside",
        len(unsure),
    )
    return [note.format(count=len(unsure), named=named)]


def query_funding(
    connection: sqlite3.Connection,
    since: int | None = None,
    until: int | None = None,
    actors: Sequence[str] = (),
    statuses: Sequence[str] = (),
    kinds: Sequence[str] = (),
    currencies: Sequence[str] = (),
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
    from iafr.resolve import resolve_all  # noqa: PLC0415

    _any_of(where, "f.id", resolve_all(connection, "actor", actors), N_("actor"),
            "SELECT funding_id FROM funding_actors WHERE actor_id")  # fmt: skip
    _any_of(where, "f.status", resolve_all(connection, "funding status", statuses), N_("status"), table="funding")
    _any_of(where, "f.kind", resolve_all(connection, "funding kind", kinds), N_("kind"), table="funding")
    _any_of(where, "f.currency", resolve_all(connection, "currency", currencies), N_("currency"))
    for bound, operator in ((minimum, ">="), (maximum, "<=")):
        if bound is not None:
            from iafr.money import human, to_minor_units  # noqa: PLC0415

            amount, unit = bound
            where.add(f"f.currency = ? AND f.amount_minor {operator} ?", [unit, to_minor_units(amount)],
                      labelled(N_("amount"), f"{'≥' if operator == '>=' else '≤'} {human(amount, unit)}"))  # fmt: skip
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
    if time.active and not time.strict:
        notes += _maybe_outside(records, time)
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
    kinds: Sequence[str] = (),
    countries: Sequence[str] = (),
    sort: str | None = None,
    limit: int | None = None,
    record_id: str | None = None,
) -> Listing:
    where = Where()
    if record_id is not None:
        where.add("a.id = ?", [record_id])
    from iafr.resolve import resolve_all  # noqa: PLC0415

    _any_of(where, "a.kind", resolve_all(connection, "actor kind", kinds), N_("kind"), table="actors")
    _any_of(where, "a.country", resolve_all(connection, "country", countries), N_("country"))
    order = order_by(sort, ACTOR_SORTS, "name COLLATE FOLD, id")
    return Listing("actors", _listing(connection, "actors", "a", where, order, limit), where.labels)


# --- vocabularies -----------------------------------------------------------------------------


def usage_counts(connection: sqlite3.Connection, section: str, only: str | None = None) -> dict[str, int]:
    """Per record of ``section``, how many records of other kinds name it (a link, a column, a
    sub-record, a citation), or of the kind ``only`` alone: the ``count`` column its kind declares
    (an axis's measures: its statements are not measures)."""
    from iafr import kinds  # noqa: PLC0415
    from iafr.declaration import Link, references  # noqa: PLC0415
    from iafr.store.schema import CITATIONS_TABLE  # noqa: PLC0415

    kind = kinds.BY_SECTION[section]
    parts = []
    for link in references(kinds.KINDS):
        owner = link.kind
        if section not in link.ref.targets or owner is kind or (only is not None and owner.section != only):
            continue
        if link.nested is not None:
            table, holder = link.nested.table, owner.owner
        elif isinstance(link.item, Link):
            table, holder = link.item.table, owner.owner
        else:
            table, holder = owner.section, "id"
        parts.append(
            f"SELECT [{link.column}] AS target, '{owner.record_type}' AS type, {holder} AS holder FROM {table}"
        )
    if section == kinds.CITED_KIND:
        parts.append(f"SELECT source_id AS target, record_type AS type, record_id AS holder FROM {CITATIONS_TABLE} "
                     f"WHERE record_type != '{kind.record_type}'")  # fmt: skip
    if not parts:
        return {}
    sql = f"SELECT target, count(DISTINCT type || ':' || holder) FROM ({' UNION ALL '.join(parts)}) GROUP BY target"
    return dict(connection.execute(sql).fetchall())


def _counted(connection: sqlite3.Connection, section: str, records: list[Row]) -> list[Row]:
    from iafr import kinds  # noqa: PLC0415

    key = kinds.BY_SECTION[section].count
    if key is None:
        return records
    counts = usage_counts(connection, section, key if key in kinds.BY_SECTION else None)
    for record in records:
        record[key] = counts.get(record["id"], 0)
    return records


def query_records(connection: sqlite3.Connection, section: str) -> Listing:
    """Every record of ``section`` in its listing's shape: its kind's own listing when it has one
    (``query`` in iafr.kinds), else in file order, with its declared ``count``."""
    from iafr import kinds  # noqa: PLC0415

    kind = kinds.BY_SECTION[section]
    if kind.query is not None:
        import importlib  # noqa: PLC0415

        module, _sep, name = kind.query.rpartition(":")
        listing: Listing = getattr(importlib.import_module(module or __name__), name)(connection)
        return listing
    records = _listing(connection, section, "t", Where(), "t.rowid", None)
    return Listing(section, _counted(connection, section, records))


def query_axes(connection: sqlite3.Connection) -> Listing:
    """The axes as the store declares them, with how many measures use each."""
    records = _listing(connection, "axes", "x", Where(), "x.axis_group, x.rowid", None)
    return Listing("axes", _counted(connection, "axes", records))


def query_sources(connection: sqlite3.Connection) -> Listing:
    """The bibliography as the store declares it, with how many records (sources aside) cite each."""
    order = "s.is_primary DESC, s.date IS NULL, s.date, s.id"
    return Listing(
        "sources", _counted(connection, "sources", _listing(connection, "sources", "s", Where(), order, None))
    )


# --- search -----------------------------------------------------------------------------------


def search(connection: sqlite3.Connection, text: str, limit: int | None = 50) -> Listing:
    """Ranked full-text search over every kind of record (see :mod:`iafr.fulltext`)."""
    from iafr.fulltext.search import search as find  # noqa: PLC0415 - only a search loads the stemmers

    _limit(limit)  # refused as every listing refuses it
    records, marks = find(connection, text, limit)
    return Listing("search", records, [labelled(N_("text"), repr(text))], marks=marks)


def corpus_meta(connection: sqlite3.Connection) -> dict[str, str]:
    from iafr.store import read_meta  # noqa: PLC0415

    return read_meta(connection)

"""Listings filtered by what their records link to: ``iafr statements`` and ``iafr events``.

One query for any kind whose filters are its links (:func:`query_linked`): a value of ``--by``,
``--about``, ``--event``… is resolved as the resolver resolves any record (an id, a name, an
alias), in the kinds the link may point at; repeated values combine with OR, except for a link of
tags (``--axis``), whose values combine with AND, as in every listing. The time filter is the one
every listing uses, over the window of the record's own time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from iafr import kinds
from iafr.declaration import Column, Kind, Link
from iafr.edtf import chronological
from iafr.errors import UnknownValue, UsageError
from iafr.i18n import N_, _, either, every
from iafr.queries import Listing, TimeFilter, Where, _left_out, _listing, _maybe_outside, labelled, order_by

DATED_SORTS = {"when": "earliest,latest", "date": "earliest,latest", "id": "id"}
ACTORS = "actors"
"""The kind ``--actor`` names."""


class LinkFilter(NamedTuple):
    """``--by marina-ferrari``: the records whose ``fields`` (links or id columns) name one of ``values``."""

    label: str  # how the caption names it: "by", "axis", "about"
    fields: tuple[str, ...]  # one link, or several read as one (an event's organisers and participants)
    values: Sequence[str]
    all_of: bool = False  # tags: every value must be named (AND)
    only: tuple[str, ...] = ()  # the kinds a value may name, when not every kind the links point at


def _item(kind: Kind, name: str) -> Link | Column:
    for item in kind.items:
        if isinstance(item, Link | Column) and item.field == name and item.ref is not None:
            return item
    raise KeyError(f"{kind.section} has no link {name!r}")  # pragma: no cover - a call's mistake


def resolve_among(connection: sqlite3.Connection, targets: tuple[str, ...], value: str, option: str = "") -> str:
    """The id ``value`` names among the records of ``targets``: an exact id first (``mistral-ai``
    names the actor, whatever events hold its words), else a name, an alias or words; a
    ``UsageError`` naming ``option`` when it names none, or records of several kinds."""
    from iafr.resolve import resolve, vocabulary  # noqa: PLC0415

    exact = [
        section for section in targets if value in vocabulary(kinds.BY_SECTION[section].record_type).ids(connection)
    ]
    if len(exact) == 1:
        return value
    found: dict[str, str] = {}
    suggestions: list[str] = []
    ambiguous: UsageError | None = None
    for section in exact or targets:
        kind = kinds.BY_SECTION[section]
        try:
            found[kind.record_type] = resolve(connection, kind.record_type, value)
        except UnknownValue as error:
            suggestions.extend(error.suggestions)
        except UsageError as error:  # several records of this kind: said only if no other kind has one
            ambiguous = ambiguous or error
    if len(set(found.values())) == 1:
        return next(iter(found.values()))
    if found:
        named = ", ".join(f"{record_type} {record_id}" for record_type, record_id in found.items())
        raise UsageError(
            _("{option} {value!r} names records of several kinds ({named}); give the id of the one you mean")
            .format(option=option, value=value, named=named)
            .strip()
        )
    if ambiguous is not None:
        raise ambiguous
    nouns = [kinds.BY_SECTION[section].nouns.singular for section in targets]
    hint = _(" Did you mean {values}?").format(values=either(suggestions)) if suggestions else ""
    raise UnknownValue(
        _("no {values} is named {value!r}.{hint}").format(values=either(nouns), value=value, hint=hint), suggestions
    )


def _condition(connection: sqlite3.Connection, kind: Kind, wanted: LinkFilter, where: Where) -> None:
    items = [_item(kind, name) for name in wanted.fields]
    targets = wanted.only or tuple(dict.fromkeys(target for item in items if item.ref for target in item.ref.targets))
    option = f"--{wanted.label}"  # the caption's label is the option's name (by, axis, about, event, actor)
    ids = list(
        dict.fromkeys(resolve_among(connection, targets, value, option) for value in dict.fromkeys(wanted.values))
    )
    if not ids:
        return
    marks = ", ".join("?" * len(ids))
    selects = []
    for item in items:
        if isinstance(item, Link):
            fixed = "".join(f" AND {name} = '{value}'" for name, value in item.fixed)
            selects.append(f"SELECT {kind.owner} AS owner, {item.column} AS named FROM {item.table} WHERE 1{fixed}")
        else:
            selects.append(f"SELECT id AS owner, [{item.name}] AS named FROM {kind.section}")
    union = " UNION ALL ".join(selects)
    having = f" GROUP BY owner HAVING count(DISTINCT named) = {len(ids)}" if wanted.all_of else ""
    shown = every(ids) if wanted.all_of else either(ids)
    where.add(f"t.id IN (SELECT owner FROM ({union}) WHERE named IN ({marks}){having})", ids,
              labelled(wanted.label, shown))  # fmt: skip


def _limit_of(limit: int) -> int:
    if limit < 0:
        raise UsageError(_("--limit must be zero or more"))
    return limit


def query_linked(
    connection: sqlite3.Connection,
    section: str,
    filters: Sequence[LinkFilter] = (),
    time: TimeFilter | None = None,
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    kinds_of: Sequence[str] = (),
) -> Listing:
    """The records of ``section`` every filter keeps, in time order (undated last)."""
    kind = kinds.BY_SECTION[section]
    where = Where()
    for wanted in filters:
        _condition(connection, kind, wanted, where)
    if kinds_of:
        from iafr.queries import _any_of  # noqa: PLC0415
        from iafr.resolve import resolve_all  # noqa: PLC0415

        _any_of(
            where, "t.kind", resolve_all(connection, f"{kind.record_type} kind", kinds_of), N_("kind"), table=section
        )
    if text:
        from iafr.fulltext.search import matching_rowids  # noqa: PLC0415 - only a text filter loads the stemmers

        rowids, params = matching_rowids(connection, section, text, "--query")
        where.add(f"t.rowid IN {rowids}", params, f"text {text!r}")
    others = where.copy()
    time = time or TimeFilter()
    if time.active:
        condition, params = time.condition("t")
        where.add(condition, params, time.caption)
    order = order_by(sort, DATED_SORTS, "t.rowid")
    records = _listing(connection, section, "t", where, order, None if sort is None else limit)
    if sort is None:  # in time as the timeline orders it (by the month a source gives), then cut
        column = kind.time.column if kind.time is not None else "id"
        records.sort(key=lambda record: chronological(record.get(column), record["earliest"], record["latest"]))
        records = records if limit is None else records[: _limit_of(limit)]
    notes = _left_out(connection, section, "t", others, len(records), time.undated) if time.active else []
    if time.active and limit is not None:
        notes = []  # a --limit cuts the list on purpose: counting what the range left out would mislead
    if time.active and not time.strict:
        notes += _maybe_outside(records, time)
    return Listing(section, records, where.labels, notes=notes)


def query_statements(
    connection: sqlite3.Connection,
    by: Sequence[str] = (),
    axes: Sequence[str] = (),
    about: Sequence[str] = (),
    events: Sequence[str] = (),
    time: TimeFilter | None = None,
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
) -> Listing:
    """Who said what: statements by speaker, topic (AND), subject, event, time, words."""
    filters = [
        LinkFilter(N_("by"), ("speakers",), by),
        LinkFilter(N_("axis"), ("topics",), axes, all_of=True),
        LinkFilter(N_("about"), ("about",), about),
        LinkFilter(N_("event"), ("event",), events),
    ]
    return query_linked(connection, "statements", [f for f in filters if f.values], time, text, sort, limit)


def query_events(
    connection: sqlite3.Connection,
    actors: Sequence[str] = (),
    kinds_of: Sequence[str] = (),
    time: TimeFilter | None = None,
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
) -> Listing:
    """Events, by an actor who held, took part in or is concerned by them, kind, time, words."""
    concerned = ("organisers", "participants", "about")
    filters = [LinkFilter(N_("actor"), concerned, actors, only=(ACTORS,))] if actors else []
    return query_linked(connection, "events", filters, time, text, sort, limit, kinds_of)

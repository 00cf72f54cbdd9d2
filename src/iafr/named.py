"""Every id a corpus's records name, and every source reference they hold, found through the
declarations (:mod:`iafr.kinds`): what the reference, unused and self-link rules and the quote
checks walk, whatever the kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from iafr import kinds
from iafr.corpus import Corpus
from iafr.declaration import Cited, Nested, References, references
from iafr.loader import PathKey


class Named(NamedTuple):
    """One id a record names: where (the path from the record), and what the link declares."""

    record: Any
    path: PathKey
    value: str
    link: References


class Unknown(NamedTuple):
    """A record whose field holding ids failed validation: what it names cannot be known."""

    record: Any
    link: References


def named_ids(corpus: Corpus, wanted: Callable[[References], bool] | None = None) -> Iterator[Named | Unknown]:
    """Each id named by any record, valid or partial (a field that failed is an ``Unknown``);
    ``wanted``: only through the links it keeps (the others' records are not even read)."""
    for link in references(kinds.KINDS):
        if wanted is not None and not wanted(link):
            continue
        holder = link.nested.field if link.nested is not None else link.field
        failed = corpus.failed  # empty for a valid corpus: no record needs asking
        for record in corpus.every_in(link.kind.section):
            if failed and not corpus.known(record, holder):
                yield Unknown(record, link)
                continue
            yield from _in_record(record, link)


def _in_record(record: Any, link: References) -> Iterator[Named]:
    if link.nested is not None:
        for index, item in enumerate(getattr(record, link.nested.field)):
            value = getattr(item, link.field)
            if value is not None:
                yield Named(record, (link.nested.field, index, link.field), value, link)
    elif link.many:
        for index, value in enumerate(getattr(record, link.field)):
            yield Named(record, (link.field, index), value, link)
    else:
        value = getattr(record, link.field)
        if value is not None:
            yield Named(record, (link.field,), value, link)


class CitedRefs(NamedTuple):
    """One list of source references in a record: the record, the path to the list, its items."""

    section: str
    record: Any
    path: PathKey
    refs: list[Any]  # SourceRef
    connects: bool  # the record is itself a use of the sources it lists (a source's ``cited_in``)


class UnknownCitations(NamedTuple):
    """A record whose list of source references failed validation."""

    section: str
    record: Any


def cited_lists(corpus: Corpus, every: bool = True) -> Iterator[CitedRefs | UnknownCitations]:
    """Each list of source references of each record: its own (``sources``, ``cited_in``) and its
    sub-records' (a fact's, a relation's). ``every``: partial records too (a list that failed
    validation is an ``UnknownCitations``)."""
    for kind in kinds.KINDS:
        records = corpus.every_in(kind.section) if every else corpus.records[kind.section]
        for item in kind.items:
            if isinstance(item, Cited):
                for record in records:
                    if not corpus.known(record, item.field):
                        yield UnknownCitations(kind.section, record)
                        continue
                    yield CitedRefs(kind.section, record, (item.field,), getattr(record, item.field), item.connects)
            elif isinstance(item, Nested) and item.cited:
                for record in records:
                    if not corpus.known(record, item.field):
                        yield UnknownCitations(kind.section, record)
                        continue
                    for index, sub in enumerate(getattr(record, item.field)):
                        for name in item.cited:
                            yield CitedRefs(kind.section, record, (item.field, index, name), getattr(sub, name), False)


class Dated(NamedTuple):
    """A record's own date or time (or a sub-record's: a fact's), with the sources it cites."""

    record: Any
    path: PathKey
    value: Any  # a PartialDate or a When, or None
    refs: list[Any] | None  # the SourceRefs it cites, None when it cites none of its own


def dated(corpus: Corpus) -> Iterator[Dated]:
    """Each date or time a record states for itself, as :mod:`iafr.kinds` declares (``Timed.field``),
    of valid and partial records whose time (and sources, when it has some) validated."""
    for kind in kinds.KINDS:
        cited = next((item.field for item in kind.of_kind(Cited) if item.field == "sources"), None)
        for record in corpus.every_in(kind.section):
            if kind.time is not None and corpus.known(record, kind.time.field):
                sources_known = cited is not None and corpus.known(record, cited)
                refs = getattr(record, cited) if cited is not None and sources_known else None
                if cited is None or sources_known:
                    yield Dated(record, (kind.time.field,), getattr(record, kind.time.field), refs)
            for nested in kind.of_kind(Nested):
                if nested.time is None or not corpus.known(record, nested.field):
                    continue
                for index, item in enumerate(getattr(record, nested.field)):
                    refs = getattr(item, nested.cited[0]) if nested.cited else None
                    yield Dated(
                        record, (nested.field, index, nested.time.field), getattr(item, nested.time.field), refs
                    )

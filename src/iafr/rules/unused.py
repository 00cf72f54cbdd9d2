"""unused: warns about a record nothing refers to, of a kind that should be used, and one-way links
that mean the same both ways.

Passes: an actor named by a measure, a figure or another actor's relation; or ``context: true``.
Fails (warning): an actor no record mentions; an axis no measure uses; a source no record cites;
figure A lists B as related but B does not list A.
Which kinds are warned about, and which links count as a use, are declared in :mod:`iafr.kinds`
(``used``, ``Reference.use``). Records that failed validation refer by the fields that validated;
no warning of a kind that a field which failed may have named.
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr import kinds
from iafr.corpus import Corpus
from iafr.declaration import references
from iafr.i18n import _
from iafr.named import CitedRefs, Named, cited_lists, named_ids
from iafr.problems import Problem, Severity

ID = "unused"
SEVERITY = Severity.WARNING
EXEMPT_FIELD = "context"
"""A record flagged ``context: true`` is mentioned for context only: nothing needs to refer to it."""


def check(corpus: Corpus) -> Iterator[Problem]:
    if corpus.unreadable:
        return  # an item that is not even a mapping may be the one referring: no guesswork warnings
    used: dict[str, set[str]] = {kind.section: set() for kind in kinds.KINDS}
    # kinds a field that failed validation may have named: no warning about them
    unsure: set[str] = set()
    for named in named_ids(corpus, lambda link: link.ref.use):
        if not isinstance(named, Named):
            unsure.update(named.link.ref.targets)
            continue
        for target in named.link.ref.targets:
            used[target].add(named.value)
        if named.link.nested is not None and corpus.known(named.record, "id"):
            used[named.link.kind.section].add(named.record.id)  # a record with relations is connected
    for cited in cited_lists(corpus):
        if not isinstance(cited, CitedRefs):
            unsure.add("sources")
            continue
        used["sources"].update(reference.source for reference in cited.refs)
        if cited.connects and cited.refs and corpus.known(cited.record, "id"):
            used[cited.section].add(cited.record.id)
    for kind in kinds.KINDS:
        if kind.used != "warn" or kind.section in unsure:
            continue
        for record in corpus.every_in(kind.section):
            if not corpus.known(record, "id") or record.id in used[kind.section]:
                continue
            if corpus.known(record, EXEMPT_FIELD) and getattr(record, EXEMPT_FIELD, False):
                continue
            yield corpus.problem(record, ("id",), ID, _message(kind.section, record.id), Severity.WARNING)
    yield from _one_way(corpus)


def _message(section: str, record_id: str) -> str:
    noun = kinds.BY_SECTION[section].nouns.singular
    model = kinds.BY_SECTION[section].model_class()
    if EXEMPT_FIELD in model.model_fields:
        return _("{noun} {id!r} is referred to by nothing; link it or mark it '{field}: true'").format(
            noun=noun, id=record_id, field=EXEMPT_FIELD
        )
    return _("{noun} {id!r} is referred to by nothing; link it").format(noun=noun, id=record_id)


def _one_way(corpus: Corpus) -> Iterator[Problem]:
    """A symmetric link listed one way only, between records whose ids and links both validated."""
    links = [link for link in references(kinds.KINDS) if link.ref.symmetric and link.many and link.nested is None]
    for link in links:
        records = [record for record in corpus.every_in(link.kind.section) if corpus.known(record, "id", link.field)]
        listed = {record.id: set(getattr(record, link.field)) for record in records}
        for record in records:
            for index, other in enumerate(getattr(record, link.field)):
                if other in listed and record.id not in listed[other]:
                    yield corpus.problem(
                        record,
                        (link.field, index),
                        ID,
                        _("{id!r} lists {other!r} as {field} but not the reverse; add the link on both").format(
                            id=record.id, other=other, field=link.field
                        ),
                        Severity.WARNING,
                    )

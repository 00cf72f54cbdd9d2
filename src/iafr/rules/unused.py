"""unused: warns about an actor, axis or source nothing refers to, and one-way 'related' links.

Passes: an actor named by a measure, a figure or another actor's relation; or ``context: true``.
Fails (warning): an actor no record mentions; an axis no measure uses; a source no record cites;
figure A lists B as related but B does not list A.
Records that failed validation refer by the fields that validated; no warning of a kind that a
field which failed may have named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iafr.corpus import Corpus
from iafr.models import Actor, Axis, Funding, Measure, Record, Report, Source
from iafr.problems import Problem, Severity

ID = "unused"
SEVERITY = Severity.WARNING


def check(corpus: Corpus) -> Iterator[Problem]:
    if corpus.unreadable:
        return  # an item that is not even a mapping may be the one referring: no guesswork warnings
    # A record that failed validation refers by the fields that validated; when a field that may
    # name an actor, an axis or a source failed, that kind gets no warning (it may be the one).
    unsure: set[str] = set()

    def known(record: Record, field: str, kind: str) -> bool:
        if corpus.known(record, field):
            return True
        unsure.add(kind)
        return False

    used_actors: set[str] = set()
    used_sources: set[str] = set()
    for report in corpus.every(Report):
        if known(report, "authors", "actors"):
            used_actors.update(report.authors)
    for measure in corpus.every(Measure):
        if known(measure, "actors", "actors"):
            used_actors.update(measure.actors)
    for figure in corpus.every(Funding):
        for field in ("funders", "recipients", "announced_by", "via"):
            if known(figure, field, "actors"):
                used_actors.update(getattr(figure, field))
    for actor in corpus.every(Actor):
        if known(actor, "relations", "actors") & known(actor, "relations", "sources"):  # both noted
            for relation in actor.relations:
                used_actors.add(relation.target)
                if corpus.known(actor, "id"):
                    used_actors.add(actor.id)  # an actor with relations is connected
                used_sources.update(ref.source for ref in relation.sources)
        if known(actor, "facts", "sources"):
            for fact in actor.facts:
                used_sources.update(ref.source for ref in fact.sources)
    for model in (Report, Measure, Actor, Funding):
        for record in corpus.every(model):
            if known(record, "sources", "sources"):
                used_sources.update(ref.source for ref in record.sources)
    for source in corpus.every(Source):
        if known(source, "cites", "sources"):
            used_sources.update(source.cites)
        if known(source, "cited_in", "sources") and source.cited_in and corpus.known(source, "id"):
            used_sources.add(source.id)
    used_axes = {axis for measure in corpus.every(Measure) if known(measure, "axes", "axes") for axis in measure.axes}

    def unused(records: list[Any], used: set[str], kind: str) -> Iterator[Any]:
        if kind not in unsure:
            yield from (record for record in records if corpus.known(record, "id") and record.id not in used)

    for actor in unused(corpus.every(Actor), used_actors, "actors"):
        if corpus.known(actor, "context") and not actor.context:
            yield corpus.problem(
                actor,
                ("id",),
                ID,
                f"actor {actor.id!r} is referred to by nothing; link it or mark it 'context: true'",
                Severity.WARNING,
            )
    for axis in unused(corpus.every(Axis), used_axes, "axes"):
        yield corpus.problem(axis, ("id",), ID, f"axis {axis.id!r} is used by no measure", Severity.WARNING)
    for source in unused(corpus.every(Source), used_sources, "sources"):
        yield corpus.problem(source, ("id",), ID, f"source {source.id!r} is cited by no record", Severity.WARNING)
    # 'related' one way: only between figures whose ids and related lists both validated
    related = {
        figure.id: set(figure.related) for figure in corpus.every(Funding) if corpus.known(figure, "id", "related")
    }
    for figure in corpus.every(Funding):
        if not corpus.known(figure, "id", "related"):
            continue
        for index, other in enumerate(figure.related):
            if other in related and figure.id not in related[other]:
                yield corpus.problem(
                    figure,
                    ("related", index),
                    ID,
                    f"{figure.id!r} lists {other!r} as related but not the reverse; add the link on both",
                    Severity.WARNING,
                )

"""unused: warns about an actor, axis or source nothing refers to, and one-way 'related' links.

Passes: an actor named by a measure, a figure or another actor's relation; or ``context: true``.
Fails (warning): an actor no record mentions; an axis no measure uses; a source no record cites;
figure A lists B as related but B does not list A.
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity

ID = "unused"
SEVERITY = Severity.WARNING


def check(corpus: Corpus) -> Iterator[Problem]:
    if any(corpus.invalid_ids.values()):
        return  # a record that failed validation may be the one referring: no guesswork warnings
    used_actors: set[str] = set()
    used_sources: set[str] = set()
    for report in corpus.reports:
        used_actors.update(report.authors)
    for measure in corpus.measures:
        used_actors.update(measure.actors)
    for figure in corpus.funding:
        used_actors.update(figure.funders, figure.recipients, figure.announced_by, figure.via)
    for actor in corpus.actors:
        for relation in actor.relations:
            used_actors.add(relation.target)
            used_actors.add(actor.id)  # an actor with relations is connected
            used_sources.update(ref.source for ref in relation.sources)
        for fact in actor.facts:
            used_sources.update(ref.source for ref in fact.sources)
    for _, records in corpus.sections():
        for record in records:
            used_sources.update(ref.source for ref in getattr(record, "sources", []))
    for source in corpus.sources:
        used_sources.update(source.cites)
        if source.cited_in:
            used_sources.add(source.id)

    for actor in corpus.actors:
        if actor.id not in used_actors and not actor.context:
            yield corpus.problem(
                actor,
                ("id",),
                ID,
                f"actor {actor.id!r} is referred to by nothing; link it or mark it 'context: true'",
                Severity.WARNING,
            )
    used_axes = {axis for measure in corpus.measures for axis in measure.axes}
    for axis in corpus.axes:
        if axis.id not in used_axes:
            yield corpus.problem(axis, ("id",), ID, f"axis {axis.id!r} is used by no measure", Severity.WARNING)
    for source in corpus.sources:
        if source.id not in used_sources:
            yield corpus.problem(source, ("id",), ID, f"source {source.id!r} is cited by no record", Severity.WARNING)
    related = {figure.id: set(figure.related) for figure in corpus.funding}
    for figure in corpus.funding:
        for index, other in enumerate(figure.related):
            if other in related and figure.id not in related[other]:
                yield corpus.problem(
                    figure,
                    ("related", index),
                    ID,
                    f"{figure.id!r} lists {other!r} as related but not the reverse; add the link on both",
                    Severity.WARNING,
                )

"""self-link: no record lists itself: a figure or measure in its own ``related``, an actor in its own relations.

Passes: ``related: [etat-plan-ia-500-m-vivatech-2023]`` on another figure.
Fails: ``related: [etat-plan-ia-1-5-mds-2025]`` on ``etat-plan-ia-1-5-mds-2025`` itself; an actor
``mistral-ai`` with ``relations: [{type: partner-of, target: mistral-ai}]``. (``part_of`` and
``same_as`` pointing at the figure itself are ``funding-links`` errors.)
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity

ID = "self-link"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    for records in (corpus.funding, corpus.measures):
        for record in records:
            for index, other in enumerate(record.related):
                if other == record.id:
                    yield corpus.problem(record, ("related", index), ID, f"{record.id!r} lists itself as related")
    for actor in corpus.actors:
        for index, relation in enumerate(actor.relations):
            if relation.target == actor.id:
                yield corpus.problem(
                    actor, ("relations", index, "target"), ID, f"{actor.id!r} has a relation to itself"
                )

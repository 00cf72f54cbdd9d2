"""unique-id: an id names one record of its kind, across all files.

Passes: two measures ``hub-m01`` and ``hub-m02``.
Fails: two actors both ``id: mistral-ai``.
A report and the source document it comes from may share an id: they are different kinds.
A record that failed validation still holds its id when the id itself is valid.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.problems import Problem, Severity

ID = "unique-id"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    for section, records in corpus.every_section():
        first_seen: dict[str, Any] = {}
        for record in records:
            if not corpus.known(record, "id"):
                continue
            first = first_seen.setdefault(record.id, record)
            if first is not record:
                earlier = corpus.problem(first, ("id",), ID, "")
                yield corpus.problem(
                    record,
                    ("id",),
                    ID,
                    _("{section} id {id!r} is already used at {location}; ids must be unique").format(
                        section=section, id=record.id, location=earlier.location
                    ),
                )

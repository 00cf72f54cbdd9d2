"""date-in-future: no record is dated after the corpus's own date (corpus.yaml ``date``).

A source may be undated, so date-after-source cannot catch a mistyped year; the corpus date can.
Passes: a figure announced ``2025-02`` in a corpus dated ``2026-12-01``.
Fails: a figure dated ``2031`` in that corpus; a source dated ``2027``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity

ID = "date-in-future"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    if corpus.info is None:
        return
    today = corpus.info.date.latest

    def late(record: Any, path: tuple[str | int, ...], date: Any) -> Iterator[Problem]:
        if date is not None and date.earliest is not None and date.earliest > today:
            yield corpus.problem(
                record,
                path,
                ID,
                f"date {date} is after the corpus date ({corpus.info.date}); check the year",  # type: ignore[union-attr]
            )

    for source in corpus.sources:
        yield from late(source, ("date",), source.date)
    for report in corpus.reports:
        yield from late(report, ("date",), report.date)
    for figure in corpus.funding:
        yield from late(figure, ("date",), figure.date)  # a period may lie ahead: plans do
    for actor in corpus.actors:
        for index, fact in enumerate(actor.facts):
            yield from late(actor, ("facts", index, "date"), fact.date)

"""date-after-source: a record's date is not after the date of every source it cites.

Passes: a figure announced ``2023-06`` cited from an article of ``2023-10``.
Fails: a figure dated ``2024`` whose only source is dated ``2023-10`` (a source cannot report
what had not happened yet). Partial dates compare by the days they may denote.
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.edtf import When
from iafr.models import SourceRef
from iafr.partial_date import PartialDate
from iafr.problems import Problem, Severity

ID = "date-after-source"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    source_dates = {source.id: source.date for source in corpus.sources if source.date is not None}

    def latest_source(refs: list[SourceRef]) -> tuple[str, PartialDate] | None:
        dated = [(ref.source, source_dates[ref.source]) for ref in refs if ref.source in source_dates]
        return max(dated, key=lambda pair: pair[1].latest) if dated else None

    def compare(date: PartialDate | When | None, refs: list[SourceRef]) -> str | None:
        newest = latest_source(refs)
        if date is None or newest is None or date.earliest is None or date.earliest <= newest[1].latest:
            return None  # a time that may fall on or before the newest source is possible
        return f"date {date} is after its source {newest[0]!r} ({newest[1]}); check the date or the source"

    for figure in corpus.funding:
        message = compare(figure.date, figure.sources)
        if message:
            yield corpus.problem(figure, ("date",), ID, message)
    for report in corpus.reports:
        message = compare(report.date, report.sources)
        if message:
            yield corpus.problem(report, ("date",), ID, message)
    for actor in corpus.actors:
        for index, fact in enumerate(actor.facts):
            message = compare(fact.date, fact.sources)
            if message:
                yield corpus.problem(actor, ("facts", index, "date"), ID, message)

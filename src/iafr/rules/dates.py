"""date-after-source: a record's date is not after the date of every source it cites.

Passes: a figure announced ``2023-06`` cited from an article of ``2023-10``.
Fails: a figure dated ``2024`` whose only source is dated ``2023-10`` (a source cannot report
what had not happened yet). Partial dates compare by the days they may denote. A record citing a
source whose date failed validation is not compared. Which field is a record's date is declared
in :mod:`iafr.kinds` (``Timed.field``).
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.edtf import When
from iafr.i18n import _
from iafr.models import Source, SourceRef
from iafr.named import dated
from iafr.partial_date import PartialDate
from iafr.problems import Problem, Severity

ID = "date-after-source"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    source_dates: dict[str, PartialDate] = {}
    # sources whose date (or id) failed validation: comparing with the others alone could blame
    # a date that their own fits
    unsure = set(corpus.invalid_ids.get("sources", ()))
    for source in corpus.every(Source):
        if not corpus.known(source, "id"):
            continue
        if not corpus.known(source, "date"):
            unsure.add(source.id)
        elif source.date is not None:
            source_dates[source.id] = source.date

    def latest_source(refs: list[SourceRef]) -> tuple[str, PartialDate] | None:
        found = [(ref.source, source_dates[ref.source]) for ref in refs if ref.source in source_dates]
        return max(found, key=lambda pair: pair[1].latest) if found else None

    def compare(date: PartialDate | When | None, refs: list[SourceRef]) -> str | None:
        if any(ref.source in unsure for ref in refs):
            return None
        newest = latest_source(refs)
        if date is None or newest is None or date.earliest is None or date.earliest <= newest[1].latest:
            return None  # a time that may fall on or before the newest source is possible
        return _("date {date} is after its source {source!r} ({source_date}); check the date or the source").format(
            date=date, source=newest[0], source_date=newest[1]
        )

    for found in dated(corpus):
        if found.refs is None:
            continue
        message = compare(found.value, found.refs)
        if message:
            yield corpus.problem(found.record, found.path, ID, message)

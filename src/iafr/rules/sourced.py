"""no-source: every record cites at least one source (a report, measure, actor or figure).

Passes: ``sources: [{source: article-france-chatgpt, quote: "…"}]``.
Fails: a measure with no ``sources`` or ``sources: []``.
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity

ID = "no-source"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    for section, records in (
        ("reports", corpus.reports),
        ("measures", corpus.measures),
        ("actors", corpus.actors),
        ("funding", corpus.funding),
    ):
        for record in records:
            if not record.sources:
                yield corpus.problem(
                    record,
                    ("id",),
                    ID,
                    f"{section} record {record.id!r} cites no source; add 'sources: [{{source: …}}]'",
                )

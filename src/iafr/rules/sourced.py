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
    for section, records in corpus.every_section():
        if section not in {"reports", "measures", "actors", "funding"}:
            continue
        for record in records:
            if corpus.known(record, "sources") and not record.sources:
                name = f" {record.id!r}" if corpus.known(record, "id") else ""
                yield corpus.problem(
                    record, ("id",), ID, f"{section} record{name} cites no source; add 'sources: [{{source: …}}]'"
                )

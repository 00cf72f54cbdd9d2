"""no-source: every record of a kind that must cite sources cites at least one.

Passes: ``sources: [{source: article-france-chatgpt, quote: "…"}]``.
Fails: a measure with no ``sources`` or ``sources: []``.
Which lists must not be empty is declared in :mod:`iafr.kinds` (``Cited(required=True)``).
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr import kinds
from iafr.corpus import Corpus
from iafr.declaration import Cited
from iafr.i18n import _
from iafr.problems import Problem, Severity

ID = "no-source"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    for kind in kinds.KINDS:
        for cited in kind.of_kind(Cited):
            if not cited.required:
                continue
            for record in corpus.every_in(kind.section):
                if corpus.known(record, cited.field) and not getattr(record, cited.field):
                    name = f" {record.id!r}" if corpus.known(record, "id") else ""
                    yield corpus.problem(
                        record,
                        ("id",),
                        ID,
                        _("{noun}{name} cites no source; add '{field}: [{{source: …}}]'").format(
                            noun=kind.nouns.singular, name=name, field=cited.field
                        ),
                    )

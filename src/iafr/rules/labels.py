"""labels: once a corpus labels the values of one of iafr's fields, it labels every value, so that
no reader meets a bare id among words of their language.

Passes: no ``funding_statuses`` in vocabularies.yaml (every status reads as its id), or one entry
per status. Fails: ``funding_statuses`` without ``sought``. (An id that is no value of the field
is a schema error of the entry itself.)
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from iafr import kinds
from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.problems import Problem, Severity

ID = "labels"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    for kind in kinds.LABELS:
        records = corpus.records.get(kind.section) or []
        if not records:
            continue
        values = kind.model_class().model_fields["id"].annotation
        assert isinstance(values, type) and issubclass(values, Enum)
        labelled = {record.id for record in records}
        missing = [value.value for value in values if value.value not in labelled]
        if missing:
            yield corpus.problem(
                records[0],
                (),
                ID,
                _("{section} labels no {values}: add an entry for each, with its label and label_en").format(
                    section=kind.section, values=", ".join(repr(value) for value in missing)
                ),
            )

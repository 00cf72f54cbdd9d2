"""verbatim: a wording a record gives as its source's own words is in the text of a source it cites.

Which fields these are is declared in :mod:`iafr.kinds` (``verbatim``): a figure's or a fact's
``stated``, a measure's ``text``… Each is looked up in the sources the record (or the fact) cites.
Passes: ``stated: "1,5 milliards d’euros d’ici 2025"`` on a figure citing a source that says so; a
measure's text as the report prints it, its OCR slips fixed (misreadings the OCR tier forgives,
others documented in the record's note as « as printed » → « as fixed »).
Fails: ``stated: "1,5 milliard d’euros d’ici 2026"``; a measure text with a word changed or left out
(an error naming the closest passage).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iafr import kinds
from iafr.corpus import Corpus
from iafr.declaration import Cited, Nested
from iafr.loader import PathKey
from iafr.problems import Problem, Severity
from iafr.quotes.fixes import documented_fixes
from iafr.quotes.library import SourceTexts
from iafr.quotes.verify import judged, too_short, verify

ID = "verbatim"
SEVERITY = Severity.ERROR

Wording = tuple[Any, PathKey, str, list[Any], str]  # record, place, text, its SourceRefs, how it is named


def wordings(corpus: Corpus) -> Iterator[Wording]:
    """Each declared wording of the valid records, with the sources it must be found in."""
    for kind in kinds.KINDS:
        cited = next((item.field for item in kind.of_kind(Cited) if item.field == "sources"), None)
        nested_lists = [item for item in kind.of_kind(Nested) if item.verbatim]
        for record in corpus.records[kind.section]:
            for name, label in kind.verbatim.items():
                value = getattr(record, name)
                if value is not None and cited is not None:
                    yield record, (name,), value, getattr(record, cited), label
            for nested in nested_lists:
                for index, item in enumerate(getattr(record, nested.field)):
                    for name, label in nested.verbatim.items():
                        value = getattr(item, name)
                        if value is not None and nested.cited:
                            yield record, (nested.field, index, name), value, getattr(item, nested.cited[0]), label


def check(corpus: Corpus, texts: SourceTexts) -> Iterator[Problem]:
    for record, place, wording, refs, label in wordings(corpus):
        if too_short(wording) is not None:
            continue  # "2017", "150": a bare figure; its quote says where it is
        verdict = verify(texts, wording, [ref.source for ref in refs], documented_fixes(record.note))
        judgement = judged(label, verdict) if verdict is not None else None
        if judgement is not None:
            severity, message = judgement
            yield corpus.problem(record, place, ID, message, severity)

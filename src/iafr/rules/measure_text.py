"""measure-text: a measure's ``text`` (the original French) is in the text of a source it cites.

Passes: the text as the report prints it, its OCR slips fixed (misreadings the OCR tier forgives,
others documented in the record's note as « as printed » → « as fixed »).
Fails: a measure text with a word changed or left out (an error naming the closest passage).
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity
from iafr.quotes.fixes import documented_fixes
from iafr.quotes.library import SourceTexts
from iafr.quotes.verify import judged, verify

ID = "measure-text"
SEVERITY = Severity.ERROR


def check(corpus: Corpus, texts: SourceTexts) -> Iterator[Problem]:
    for measure in corpus.measures:
        sources = [ref.source for ref in measure.sources]
        verdict = verify(texts, measure.text, sources, documented_fixes(measure.note))
        judgement = judged("measure text", verdict) if verdict is not None else None
        if judgement is not None:
            severity, message = judgement
            yield corpus.problem(measure, ("text",), ID, message, severity)

"""quote: each quote is in the text of the source it cites (``iafr check --sources DIR``).

Passes: ``quote: "investit dans l’IA depuis 2018"`` when the source's text has those words:
exactly, or up to case, spacing and typographic marks, or (an OCR text) up to the scanner's
misreadings; ``[…]`` between fragments found in order, near each other.
Fails: ``quote: "investit dans l’IA depuis 2017"`` (an error naming the closest passage and what
differs); a word of fewer than four letters that differs, or other punctuation: a warning; a
quote of fewer than 8 letters and digits: a warning (too short to verify).
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.problems import Problem, Severity
from iafr.quotes.citations import citations
from iafr.quotes.fixes import documented_fixes
from iafr.quotes.library import SourceTexts
from iafr.quotes.verify import MIN_SIGNS, judged, too_short, verify

ID = "quote"
SEVERITY = Severity.ERROR


def check(corpus: Corpus, texts: SourceTexts) -> Iterator[Problem]:
    for citation in citations(corpus):
        quote = citation.ref.quote
        if quote is None or citation.ref.source not in texts:
            continue
        place = (*citation.path, "quote")
        signs = too_short(quote)
        if signs is not None:
            message = _("quote too short to verify ({signs} letters and digits); quote at least {least}").format(
                signs=signs, least=MIN_SIGNS
            )
            yield corpus.problem(citation.record, place, ID, message, Severity.WARNING)
            continue
        verdict = verify(texts, quote, (citation.ref.source,), documented_fixes(citation.note))
        judgement = judged(_("quote"), verdict) if verdict is not None else None
        if judgement is not None:
            severity, message = judgement
            yield corpus.problem(citation.record, place, ID, message, severity)

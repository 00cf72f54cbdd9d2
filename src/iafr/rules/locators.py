"""locator: a section title a locator quotes (« … ») is in the text of the cited source.

Passes: ``locator: "§ « L’investissement IA a le vent en poupe »"`` when the text has that title.
Fails: ``locator: "§ « L’investissement IA a le vent en proue »"`` (an error naming the closest
passage); a title that differs only in a short word or in punctuation: a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.problems import Problem, Severity
from iafr.quotes.citations import citations
from iafr.quotes.fixes import documented_fixes
from iafr.quotes.guillemets import outermost
from iafr.quotes.library import SourceTexts
from iafr.quotes.verify import judged, too_short, verify

ID = "locator"
SEVERITY = Severity.ERROR


def check(corpus: Corpus, texts: SourceTexts) -> Iterator[Problem]:
    for citation in citations(corpus):
        locator = citation.ref.locator
        if locator is None or "«" not in locator or citation.ref.source not in texts:
            continue
        for title in outermost(locator):
            if too_short(title) is not None:
                continue  # « © Cerebras »: a caption's few letters say nothing about a place
            verdict = verify(texts, title, (citation.ref.source,), documented_fixes(citation.note))
            judgement = (
                judged(_("locator's title « {title} »").format(title=title), verdict) if verdict is not None else None
            )
            if judgement is not None:
                severity, message = judgement
                yield corpus.problem(citation.record, (*citation.path, "locator"), ID, message, severity)

"""stated: a figure's ``stated`` wording is in the text of one of the sources it cites.

Passes: ``stated: "1,5 milliards d’euros d’ici 2025"`` on a figure citing a source that says so.
Fails: ``stated: "1,5 milliard d’euros d’ici 2026"`` (an error naming the closest passage).
Checked for funding figures and for actors' facts (against the fact's own sources).
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.loader import PathKey
from iafr.models import Record, SourceRef
from iafr.problems import Problem, Severity
from iafr.quotes.fixes import documented_fixes
from iafr.quotes.library import SourceTexts
from iafr.quotes.verify import judged, too_short, verify

ID = "stated"
SEVERITY = Severity.ERROR


def check(corpus: Corpus, texts: SourceTexts) -> Iterator[Problem]:
    wordings: list[tuple[Record, PathKey, str, list[SourceRef], str | None]] = []
    for figure in corpus.funding:
        if figure.stated is not None:
            wordings.append((figure, ("stated",), figure.stated, figure.sources, figure.note))
    for actor in corpus.actors:
        for number, fact in enumerate(actor.facts):
            wordings.append((actor, ("facts", number, "stated"), fact.stated, fact.sources, actor.note))
    for record, place, wording, refs, note in wordings:
        if too_short(wording) is not None:
            continue  # "2017", "150": a bare figure; its quote says where it is
        verdict = verify(texts, wording, (ref.source for ref in refs), documented_fixes(note))
        judgement = judged("stated wording", verdict) if verdict is not None else None
        if judgement is not None:
            severity, message = judgement
            yield corpus.problem(record, place, ID, message, severity)

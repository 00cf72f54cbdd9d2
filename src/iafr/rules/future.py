"""date-in-future: no record is dated after the corpus's own date (corpus.yaml ``date``).

A source may be undated, so date-after-source cannot catch a mistyped year; the corpus date can.
Passes: a figure announced ``2025-02`` in a corpus dated ``2026-12-01``.
Fails: a figure dated ``2031`` in that corpus; a source dated ``2027``. (A figure's period may lie
ahead: plans do. Only each kind's own date, ``Timed.field`` in :mod:`iafr.kinds`, is compared.)
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.named import dated
from iafr.problems import Problem, Severity

ID = "date-in-future"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    if corpus.info is None:
        return
    today = corpus.info.date.latest
    for found in dated(corpus):
        date = found.value
        if date is not None and date.earliest is not None and date.earliest > today:
            message = _("date {date} is after the corpus date ({corpus_date}); check the year").format(
                date=date, corpus_date=corpus.info.date
            )
            yield corpus.problem(found.record, found.path, ID, message)

"""synonym-term: a term belongs to one synonym group, so that a search knows what it stands for.

Passes: ``terms: [datacenter, data center]`` in one group and ``terms: [startup, start-up]`` in another.
Fails: ``data center`` in the group ``centre-de-donnees`` and ``Data Center`` in the group
``infrastructure``: merge the two groups, or keep the term in one. Terms are compared as a search
reads them: their words, case and accents aside.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.models import Synonyms
from iafr.problems import Problem, Severity

ID = "synonym-term"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    from iafr.fulltext.words import words  # noqa: PLC0415 - corpora with synonyms only

    first: dict[tuple[str, ...], tuple[Any, str]] = {}
    for group in corpus.every(Synonyms):
        if not corpus.known(group, "id", "terms"):
            continue
        for index, term in enumerate(group.terms):
            key = tuple(words(term))
            seen = first.setdefault(key, (group, term))
            if seen[0] is not group:
                yield corpus.problem(
                    group,
                    ("terms", index),
                    ID,
                    _(
                        "{term!r} is already a term of synonym group {id!r} ({value!r}); merge the two groups or "
                        "keep the term in one"
                    ).format(term=term, id=seen[0].id, value=seen[1]),
                )

"""self-link: no record names itself where its link may not (``Reference(self_allowed=False)``).

Passes: ``related: [etat-plan-ia-500-m-vivatech-2023]`` on another figure.
Fails: ``related: [etat-plan-ia-1-5-mds-2025]`` on ``etat-plan-ia-1-5-mds-2025`` itself; an actor
``mistral-ai`` with ``relations: [{type: partner-of, target: mistral-ai}]``. (``part_of`` and
``same_as`` pointing at the figure itself are ``funding-links`` errors.)
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.named import Named, named_ids
from iafr.problems import Problem, Severity

ID = "self-link"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    may_not = lambda link: not link.ref.self_allowed and link.kind.section in link.ref.targets  # noqa: E731
    for named in named_ids(corpus, may_not):
        if not isinstance(named, Named):
            continue
        own = named.link.kind.section in named.link.ref.targets and corpus.known(named.record, "id")
        if own and named.value == named.record.id:
            nested = named.link.nested
            where = (
                _("as the {field} of one of its {items}").format(field=named.link.field, items=nested.field)
                if nested
                else _("in its {field}").format(field=named.link.field)
            )
            yield corpus.problem(
                named.record, named.path, ID, _("{id!r} names itself {where}").format(id=named.record.id, where=where)
            )

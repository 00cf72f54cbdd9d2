"""amount-range: a figure's lower bound is at most its upper bound (a period running backwards,
``2025/2020``, is refused where it is read, by the schema).

Passes: ``amount: "5 Md€", upper: "15 Md€"``.
Fails: ``amount: "15 Md€", upper: "5 Md€"``; an ``upper`` with no ``amount``.
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.models import Funding
from iafr.money import human
from iafr.problems import Problem, Severity

ID = "amount-range"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    for figure in corpus.every(Funding):
        if not corpus.known(figure, "amount", "upper", "currency"):
            continue
        if figure.upper is not None:
            if figure.amount is None:
                yield corpus.problem(figure, ("upper",), ID, _("an upper bound needs a lower 'amount'"))
            elif figure.upper < figure.amount:
                yield corpus.problem(
                    figure,
                    ("upper",),
                    ID,
                    _("upper bound {upper} is below the amount {amount}; swap them").format(
                        upper=human(figure.upper, figure.currency), amount=human(figure.amount, figure.currency)
                    ),
                )

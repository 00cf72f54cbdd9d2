"""funding-links: ``part_of`` and ``same_as`` say how figures count in a total; they must make sense.

A part lies inside its whole, so a total counts the whole once; ``same_as`` names the record
holding the same money, counted once. Both must point at another figure, in the same
currency, kind, status and basis (one-off or per year), without a cycle; a part can be no
larger than its whole; a figure is not also ``related`` to what it is a part or a copy of.

Passes: ``part_of: macron-109-mds`` on a 20 Md€ pledge when the whole is 109 Md€.
Fails: ``part_of`` itself; a 20 Md$ part of a 109 Md€ whole; a 200 Md€ part of 109 Md€;
a part_of b and b part_of a.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.models import Funding, Precision
from iafr.money import human
from iafr.problems import Problem, Severity

ID = "funding-links"
SEVERITY = Severity.ERROR
LINKS = ("part_of", "same_as")


def _lowest(figure: Funding) -> Decimal | None:
    """The least the figure can be: nothing is known below an 'up-to' figure's bound."""
    if figure.amount is None or figure.precision is Precision.UP_TO:
        return None
    return figure.amount


def _highest(figure: Funding) -> Decimal | None:
    """The most the figure can be, None when unbounded or unknown."""
    if figure.amount is None or figure.precision is Precision.AT_LEAST:
        return None
    return figure.upper if figure.upper is not None else figure.amount


def _chain_problem(corpus: Corpus, figure: Funding, field: str, by_id: dict[str, Funding]) -> Problem | None:
    seen = [figure.id]
    target = getattr(figure, field)
    while target is not None and target in by_id:
        if target in seen:
            loop = " → ".join([*seen[seen.index(target) :], target])
            return corpus.problem(
                figure,
                (field,),
                ID,
                _("{field} links go round in a cycle ({loop}); break it").format(field=field, loop=loop),
            )
        seen.append(target)
        target = getattr(by_id[target], field)
    return None


def check(corpus: Corpus) -> Iterator[Problem]:
    by_id = {figure.id: figure for figure in corpus.of(Funding)}
    for figure in corpus.of(Funding):
        if figure.part_of is not None and figure.same_as is not None:
            yield corpus.problem(figure, ("same_as",), ID, _("a figure is either part_of another or the same_as one"))
        for field in LINKS:
            target_id = getattr(figure, field)
            if target_id is None:
                continue
            if target_id == figure.id:
                yield corpus.problem(
                    figure, (field,), ID, _("{field} names the figure itself; name another figure").format(field=field)
                )
                continue
            target = by_id.get(target_id)
            if target is None:
                continue  # unknown-ref reports it
            yield from _mismatch(corpus, figure, field, target)
            loop = _chain_problem(corpus, figure, field, by_id)
            if loop is not None:
                yield loop
            if target_id in figure.related:
                yield corpus.problem(
                    figure,
                    ("related",),
                    ID,
                    _("{target_id!r} is both {field} and related; keep {field} only").format(
                        target_id=target_id, field=field
                    ),
                )


def _mismatch(corpus: Corpus, figure: Funding, field: str, target: Funding) -> Iterator[Problem]:
    if figure.currency != target.currency:
        message = _("{id!r} is in {currency} but its {field} {id2!r} is in {currency2}; money in two currencies "
                    "cannot be one sum")  # fmt: skip
        yield corpus.problem(
            figure, (field,), ID,
            message.format(id=figure.id, currency=figure.currency, field=field, id2=target.id,
                           currency2=target.currency),
        )  # fmt: skip
    elif figure.per_year != target.per_year:
        yield corpus.problem(
            figure,
            (field,),
            ID,
            _("{id!r} and its {field} {id2!r} are not both per year or both one-off").format(
                id=figure.id, field=field, id2=target.id
            ),
        )
    elif (figure.kind, figure.status) != (target.kind, target.status):
        # totals never cross kinds or statuses: a part outside its whole's total would be summed twice
        message = _(
            "{id!r} is {status} {kind} but its {field} {id2!r} is {status2} {kind2}; a part lies in its whole's "
            "total: record them alike, say why in the note"
        )
        yield corpus.problem(
            figure, (field,), ID,
            message.format(id=figure.id, status=figure.status, kind=figure.kind, field=field, id2=target.id,
                           status2=target.status, kind2=target.kind),
        )  # fmt: skip
    elif field == "part_of":
        low, high = _lowest(figure), _highest(target)
        if low is not None and high is not None and low > high:
            message = _("a part of {low} is larger than its whole {id!r} ({high}); check the figures or the link")
            yield corpus.problem(
                figure, (field,), ID,
                message.format(low=human(low, figure.currency), id=target.id, high=human(high, target.currency)),
            )  # fmt: skip

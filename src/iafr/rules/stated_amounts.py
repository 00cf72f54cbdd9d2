"""stated-amount: a figure's amount is what its stated wording and its quotes say, within their precision.

The amounts a wording writes (« 1,5 milliard d’euros », « plus de 105 millions », « environ 10Md par
an ») are read by the money parser (:func:`iafr.money.amounts_in`); an amount agrees with one when it
lies within half its last digit (« 2,5 milliards »: 2 450 000 000 to 2 550 000 000) in the same
currency. The amount, and the upper bound of a range, must each agree with an amount of the
``stated`` wording, and with one of the quotes when they write any (the quotes need no source text:
this runs in every ``iafr check``).

Passes: ``amount: "1,5 Md€"`` with ``stated: "1,5 milliards d’euros d’ici 2025"``; a 5–15 Md€ range
with « 5 milliards … jusqu’à 15 milliards »; ``precision: at-least`` with « plus de 1 milliard ».
Fails: ``amount: "3 Md€"`` with ``stated: "2,5 milliards d'euros"`` (and with a quote saying 2,5
milliards); « 10 milliards de dollars » on a figure in euros. Warnings: a stated wording with no
amount to read on a figure that has one; « plus de », « environ » or « jusqu’à » on a figure of
another precision; « par an » on a one-off figure; an amount stated on a figure that has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from iafr.corpus import Corpus
from iafr.i18n import N_, _
from iafr.loader import PathKey
from iafr.models import Funding
from iafr.money import Mention, amounts_in, human
from iafr.problems import Problem, Severity

ID = "stated-amount"
SEVERITY = Severity.ERROR

_SAYS = {"at-least": N_("more than"), "up-to": N_("up to"), "about": N_("about")}


def check(corpus: Corpus) -> Iterator[Problem]:
    for figure in corpus.every(Funding):
        if not corpus.known(figure, "amount", "upper", "currency", "precision", "stated", "per_year", "sources"):
            continue
        if figure.stated is not None:
            yield from _stated(corpus, figure, amounts_in(figure.stated))
        if figure.amount is not None:
            yield from _quoted(corpus, figure)


def _values(figure: Funding) -> list[tuple[PathKey, Decimal]]:
    values: list[tuple[PathKey, Decimal]] = []
    if figure.amount is not None:
        values.append((("amount",), figure.amount))
    if figure.upper is not None:
        values.append((("upper",), figure.upper))
    return values


def _said(mentions: list[Mention], currency: str) -> str:
    return ", ".join(mention.shown(currency) for mention in mentions)


def _stated(corpus: Corpus, figure: Funding, mentions: list[Mention]) -> Iterator[Problem]:
    currency = figure.currency
    if figure.amount is None:
        if mentions:
            message = _(
                "the stated wording says {said} but the figure has no amount; give it, or say in the note why not"
            )
            yield corpus.problem(
                figure, ("stated",), ID, message.format(said=_said(mentions, currency)), Severity.WARNING
            )
        return
    if not mentions:
        message = _("no amount to read in the stated wording; check by eye that it says {amount}")
        yield corpus.problem(
            figure, ("stated",), ID, message.format(amount=human(figure.amount, currency)), Severity.WARNING
        )
        return
    for place, value in _values(figure):
        agreeing = [mention for mention in mentions if mention.agrees(value, currency)]
        if not agreeing:
            message = _("{field} {amount} is not what the stated wording says ({said}); correct one of them")
            said = _said(mentions, currency)
            yield corpus.problem(
                figure, place, ID, message.format(field=place[0], amount=human(value, currency), said=said)
            )
            continue
        yield from _wording(corpus, figure, place, agreeing[0])


def _wording(corpus: Corpus, figure: Funding, place: PathKey, mention: Mention) -> Iterator[Problem]:
    """What the agreeing mention says of the value (more than, about, up to; per year), against the
    figure's precision and basis: warnings, since a curator may know better than one sentence."""
    qualifier = mention.qualifier
    is_upper = place == ("upper",)
    if qualifier is not None and qualifier != figure.precision.value and not (qualifier == "up-to" and is_upper):
        message = _("the stated wording says {says} {amount} but precision is {precision}; set precision: {qualifier}")
        yield corpus.problem(
            figure,
            ("stated",),
            ID,
            message.format(
                says=_(_SAYS[qualifier]),
                amount=mention.shown(figure.currency),
                precision=figure.precision.value,
                qualifier=qualifier,
            ),
            Severity.WARNING,
        )
    if mention.per_year and not figure.per_year:
        message = _("the stated wording gives {amount} a year but the figure is one-off; set per_year: true")
        yield corpus.problem(
            figure, ("stated",), ID, message.format(amount=mention.shown(figure.currency)), Severity.WARNING
        )


def _quoted(corpus: Corpus, figure: Funding) -> Iterator[Problem]:
    """The amount (and upper bound) against the amounts the figure's quotes write, when they write any."""
    quoted = [(index, amounts_in(ref.quote)) for index, ref in enumerate(figure.sources) if ref.quote is not None]
    quoted = [(index, mentions) for index, mentions in quoted if mentions]
    if not quoted:
        return
    every = [mention for _, mentions in quoted for mention in mentions]
    for place, value in _values(figure):
        if any(mention.agrees(value, figure.currency) for mention in every):
            continue
        message = _("{field} {amount} is not what its quotes say ({said}); correct the amount or the quote")
        said = _said(every, figure.currency)
        field = place[0]
        yield corpus.problem(
            figure,
            ("sources", quoted[0][0], "quote"),
            ID,
            message.format(field=field, amount=human(value, figure.currency), said=said),
        )

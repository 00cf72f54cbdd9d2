"""Funding totals: the one function that sums money, for `iafr funding`, the report and its chart.

The grouping rule: a sum never crosses a currency, a status (an announcement is not a
pledge), a kind (public, private, mixed) or a basis (one-off or per year). Each total says how
many of its figures are approximate, have no amount, or are linked as possibly the same money
as another figure of the same group (so that the sum may count it twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from iafr.store.schema import FundingRecord as Figure


class Total(TypedDict):
    currency: str
    status: str
    kind: str
    per_year: bool
    figures: int
    amount: Decimal | None  # None: no figure of the group has an amount
    upper: Decimal | None  # the sum of the upper bounds, when it differs from ``amount``
    without_amount: int
    approximate: int
    overlapping: int


class YearTotal(TypedDict):
    currency: str
    year: int
    status: str
    figures: int
    amount: Decimal
    approximate: int
    overlapping: int


class NotCharted(TypedDict):
    without_amount: int
    per_year: int
    without_year: int


def group_key(figure: Figure) -> tuple[bool, str, str, str, bool]:
    """The group a figure is summed in, in display order: euros first, then by currency."""
    return (figure["currency"] != "EUR", figure["currency"], figure["status"], figure["kind"], figure["per_year"])


def _overlapping(group: list[Figure]) -> int:
    """Figures with an amount linked (``related``) to another figure with an amount in ``group``."""
    with_amount = {figure["id"] for figure in group if figure["amount"] is not None}
    return sum(
        1
        for figure in group
        if figure["id"] in with_amount and any(other in with_amount for other in figure["related"])
    )


def funding_totals(figures: Iterable[Figure]) -> list[Total]:
    """One total per currency, status, kind and basis, in display order."""
    groups: dict[tuple[bool, str, str, str, bool], list[Figure]] = {}
    for figure in figures:
        groups.setdefault(group_key(figure), []).append(figure)
    totals = []
    for key in sorted(groups):
        members = groups[key]
        amounts = [(figure["amount"], figure["upper"]) for figure in members if figure["amount"] is not None]
        amount = sum((low for low, _ in amounts), Decimal(0)) if amounts else None
        upper = sum((high if high is not None else low for low, high in amounts), Decimal(0)) if amounts else None
        totals.append(
            Total(
                currency=key[1],
                status=key[2],
                kind=key[3],
                per_year=key[4],
                figures=len(members),
                amount=amount,
                upper=None if upper == amount else upper,
                without_amount=len(members) - len(amounts),
                approximate=sum(1 for f in members if f["amount"] is not None and f["precision"] != "exact"),
                overlapping=_overlapping(members),
            )
        )
    return totals


def money_by_year(figures: Iterable[Figure]) -> list[YearTotal]:
    """One-off figures with an amount and a year, per currency, year and status (the chart)."""
    groups: dict[tuple[bool, str, int, str], list[Figure]] = {}
    for figure in figures:
        if figure["amount"] is not None and figure["year"] is not None and not figure["per_year"]:
            key = (figure["currency"] != "EUR", figure["currency"], figure["year"], figure["status"])
            groups.setdefault(key, []).append(figure)
    rows = []
    for key in sorted(groups):
        members = groups[key]
        rows.append(
            YearTotal(
                currency=key[1],
                year=key[2],
                status=key[3],
                figures=len(members),
                amount=sum((figure["amount"] or Decimal(0) for figure in members), Decimal(0)),  # all have one
                approximate=sum(1 for f in members if f["precision"] != "exact" or f["upper"] is not None),
                overlapping=_overlapping(members),
            )
        )
    return rows


def not_charted(figures: Iterable[Figure]) -> NotCharted:
    """What the chart leaves out, and why."""
    counts = NotCharted(without_amount=0, per_year=0, without_year=0)
    for figure in figures:
        if figure["amount"] is None:
            counts["without_amount"] += 1
        elif figure["per_year"]:
            counts["per_year"] += 1
        elif figure["year"] is None:
            counts["without_year"] += 1
    return counts

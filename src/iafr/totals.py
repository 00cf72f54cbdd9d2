"""Funding totals: the one function that sums money, for `iafr funding`, the report and its chart.

The grouping rule: a sum never crosses a currency, a status (an announcement is not a
pledge), a kind (public, private, mixed) or a basis (one-off or per year).

Amounts are intervals: exact and about ``[a, a]`` (about marked approximate), at-least
``[a, ∞)``, up-to ``[0, a]``, a range ``[low, high]``; a figure with no amount is counted, not
summed. Within a group:
- a part whose whole is in the group counts once, in the whole (``part_of``);
- a copy whose original is in the group counts once (``same_as``);
- figures linked as ``related`` (may overlap, no one knows how much) make the sum a range:
  at least the largest of them, at most all of them.
Each total says what it left out and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from iafr.i18n import _

if TYPE_CHECKING:
    from iafr.store.schema import FundingRecord as Figure

ZERO = Decimal(0)


class Sum(TypedDict):
    figures: int
    low: Decimal | None  # None: no figure has an amount
    high: Decimal | None  # None with a low: no upper bound (an "at least" figure)
    approximate: int
    without_amount: int
    overlapping: int  # figures in a group of related figures
    counted_twice: Decimal | None  # at most this much may be the same money counted twice
    parts: int  # left out: inside a whole of the group
    copies: int  # left out: the same money as another figure of the group
    linked_elsewhere: int  # summed here, but a part or copy of a figure summed in another total
    related_elsewhere: int  # summed here, and possibly the same money as a figure in another total
    related_to: list[str]  # those other figures' ids (in another total, or not in this listing)


class Total(Sum):
    currency: str
    status: str
    kind: str
    per_year: bool


class YearTotal(Sum):
    currency: str
    when: str  # the year, or the span the source gives: "2023", "2018–2022", "since 2019", "by 2025"
    status: str


class NotCharted(TypedDict):
    without_amount: int
    per_year: int
    without_year: int


def interval(figure: Figure) -> tuple[Decimal, Decimal | None] | None:
    """``(low, high)``, high None for no upper bound; None when the figure has no amount."""
    amount = figure["amount"]
    if amount is None:
        return None
    precision = figure["precision"]
    if precision == "at-least":
        return amount, None
    if precision == "up-to":
        return ZERO, amount
    return amount, figure["upper"] if figure["upper"] is not None else amount


def _inside(figure: Figure, members: dict[str, Figure], by_id: dict[str, Figure]) -> str | None:
    """Why ``figure`` is not summed: "part" or "copy" of a figure in the group, else None."""
    seen = {figure["id"]}
    current = figure
    reason = None
    while True:
        link = current["part_of"] or current["same_as"]
        if link is None or link in seen or link not in by_id:
            return None
        reason = reason or ("part" if current["part_of"] else "copy")
        if link in members:
            return reason
        seen.add(link)
        current = by_id[link]


def _clusters(figures: list[Figure]) -> list[list[Figure]]:
    """Figures joined by ``related`` links, either way (union-find over the group)."""
    parent = {figure["id"]: figure["id"] for figure in figures}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for figure in figures:
        for other in figure["related"]:
            if other in parent:
                parent[root(other)] = root(figure["id"])
    groups: dict[str, list[Figure]] = {}
    for figure in figures:
        groups.setdefault(root(figure["id"]), []).append(figure)
    return list(groups.values())


def _edges(cluster: list[Figure]) -> set[tuple[int, int]]:
    index = {figure["id"]: position for position, figure in enumerate(cluster)}
    return {
        (min(index[figure["id"]], index[other]), max(index[figure["id"]], index[other]))
        for figure in cluster
        for other in figure["related"]
        if other in index and other != figure["id"]
    }


EXACT_CLUSTER = 16  # figures linked together, beyond which the bound is the largest figure alone


def _heaviest_unlinked(weights: list[Decimal], edges: set[tuple[int, int]]) -> Decimal:
    """The largest sum of figures no two of which are linked (a maximum-weight independent set).

    Clusters are a handful of figures, so every subset is tried; past EXACT_CLUSTER the largest
    single figure stands in, still a true lower bound."""
    if len(weights) > EXACT_CLUSTER:
        return max(weights)
    best = ZERO
    for mask in range(1, 1 << len(weights)):
        members = [i for i in range(len(weights)) if mask >> i & 1]
        if all((a, b) not in edges for position, a in enumerate(members) for b in members[position + 1 :]):
            best = max(best, sum((weights[i] for i in members), ZERO))
    return best


def related_to_each(figures: Iterable[Figure]) -> dict[str, set[str]]:
    """Per figure, the figures whose ``related`` list names it: the links written on the other side
    (one pass over every link, so that looking them up costs nothing per group)."""
    named: dict[str, set[str]] = {}
    for figure in figures:
        for other in figure["related"]:
            named.setdefault(other, set()).add(figure["id"])
    return named


def sum_figures(
    group: Sequence[Figure], everyone: dict[str, Figure] | None = None, named_by: dict[str, set[str]] | None = None
) -> Sum:
    """The interval sum of one group; ``everyone`` lets a part see its whole's whole; ``named_by``
    (:func:`related_to_each` of ``everyone``) is computed here when not given."""
    members = {figure["id"]: figure for figure in group}
    by_id = everyone or members
    named_by = related_to_each(by_id.values()) if named_by is None else named_by
    counted: list[Figure] = []
    parts = copies = elsewhere = 0
    for figure in group:
        reason = _inside(figure, members, by_id)
        if reason == "part":
            parts += 1
        elif reason == "copy":
            copies += 1
        else:
            counted.append(figure)
            whole = figure["part_of"] or figure["same_as"]
            elsewhere += whole is not None and whole in by_id
    # A link may be written on either figure: look both ways among the figures at hand, and
    # follow this group's own links to figures the listing does not hold (a filter left them out).
    linked_in = {figure["id"]: named_by.get(figure["id"], set()) & by_id.keys() for figure in counted}
    outside = {
        figure["id"]: {other for other in figure["related"] if other not in members}
        | (linked_in[figure["id"]] - set(members))
        for figure in counted
    }
    related_out = sum(1 for figure in counted if outside[figure["id"]])
    related_to = sorted(set().union(*outside.values())) if outside else []
    with_amount = [figure for figure in counted if figure["amount"] is not None]
    low = high = ZERO
    unbounded = False
    twice = ZERO
    overlapping = 0
    for cluster in _clusters(with_amount):
        bounds = [interval(figure) for figure in cluster]
        lows = [bound[0] for bound in bounds if bound is not None]
        highs = [bound[1] for bound in bounds if bound is not None]
        # Figures not linked to each other are known to be different money: the sum is at least
        # the largest set of mutually unlinked figures, and at most all of them.
        edges = _edges(cluster)
        low += _heaviest_unlinked(lows, edges)
        if any(value is None for value in highs):
            unbounded = True
        else:
            finite = [value for value in highs if value is not None]
            high += sum(finite, ZERO)
            twice += sum(finite, ZERO) - _heaviest_unlinked(finite, edges)
        if len(cluster) > 1:
            overlapping += len(cluster)
    return Sum(
        figures=len(group),
        low=low if with_amount else None,
        high=None if unbounded or not with_amount else high,
        approximate=sum(1 for figure in with_amount if figure["precision"] == "about"),
        without_amount=len(counted) - len(with_amount),
        overlapping=overlapping,
        counted_twice=twice if twice and not unbounded else None,
        parts=parts,
        copies=copies,
        linked_elsewhere=elsewhere,
        related_elsewhere=related_out,
        related_to=related_to,
    )


def group_key(figure: Figure) -> tuple[bool, str, str, str, bool]:
    """The group a figure is summed in, in display order: euros first, then by currency."""
    return (figure["currency"] != "EUR", figure["currency"], figure["status"], figure["kind"], figure["per_year"])


def funding_totals(figures: Iterable[Figure]) -> list[Total]:
    """One total per currency, status, kind and basis, in display order."""
    everyone = {figure["id"]: figure for figure in figures}
    named_by = related_to_each(everyone.values())
    groups: dict[tuple[bool, str, str, str, bool], list[Figure]] = {}
    for figure in everyone.values():
        groups.setdefault(group_key(figure), []).append(figure)
    return [
        Total(currency=key[1], status=key[2], kind=key[3], per_year=key[4],
              **sum_figures(groups[key], everyone, named_by))
        for key in sorted(groups)
    ]  # fmt: skip


def counted_as(figures: Iterable[Figure]) -> dict[str, str]:
    """Per figure id, how :func:`funding_totals` counts it: "counted" in its group's sum, else
    "part" (inside its whole) or "copy" (of another figure), with the same groups and the same rule
    (iafr.kinds declares the column, ``counted_as``, that publishes it)."""
    everyone = {figure["id"]: figure for figure in figures}
    groups: dict[tuple[bool, str, str, str, bool], list[Figure]] = {}
    for figure in everyone.values():
        groups.setdefault(group_key(figure), []).append(figure)
    found: dict[str, str] = {}
    for group in groups.values():
        members = {figure["id"]: figure for figure in group}
        for figure in group:
            found[figure["id"]] = _inside(figure, members, everyone) or "counted"
    return found


def chart_span(figure: Figure) -> tuple[tuple[int, int], str] | None:
    """Where a figure stands on the chart: a sort key and a label in the words its time allows.

    A date's year (``2023``); a closed period as a span with its whole amount (``2018–2022``, never
    spread into yearly amounts the source does not give); an open one as it is written (``since
    2019``, ``by 2025``); a figure known only from a source's date as ``by`` that year. None when
    the figure has no time."""
    when = figure["when"] or ""
    if figure["basis"] == "period" and "/" in when:
        start, end = (side.strip("[]~?%") for side in when.split("/", 1))
        if start == "..":
            last = int(end[:4])
            return (last, last), _("by {date}").format(date=last)
        first = int(start[:4])
        if end == "..":
            return (first, 9999), _("since {date}").format(date=first)
        last = int(end[:4])
        return (first, last), (f"{first}–{last}" if last != first else str(first))
    bound = figure["earliest"] or figure["latest"]
    if not bound:
        return None
    year = int(bound[:4])
    return (
        ((year, year), _("by {date}").format(date=year)) if figure["basis"] == "reported" else ((year, year), str(year))
    )


def money_by_year(figures: Iterable[Figure]) -> list[YearTotal]:
    """One-off figures with an amount and a time, per currency, time span and status (the chart)."""
    everyone = {figure["id"]: figure for figure in figures}
    named_by = related_to_each(everyone.values())
    groups: dict[tuple[bool, str, tuple[int, int], str, str], list[Figure]] = {}
    for figure in everyone.values():
        span = chart_span(figure)
        if figure["amount"] is None or figure["per_year"] or span is None:
            continue
        order, label = span
        key = (figure["currency"] != "EUR", figure["currency"], order, label, figure["status"])
        groups.setdefault(key, []).append(figure)
    return [
        YearTotal(currency=key[1], when=key[3], status=key[4], **sum_figures(groups[key], everyone, named_by))
        for key in sorted(groups)
    ]


def not_charted(figures: Iterable[Figure]) -> NotCharted:
    """What the chart leaves out, and why."""
    counts = NotCharted(without_amount=0, per_year=0, without_year=0)
    for figure in figures:
        if figure["amount"] is None:
            counts["without_amount"] += 1
        elif figure["per_year"]:
            counts["per_year"] += 1
        elif chart_span(figure) is None:
            counts["without_year"] += 1
    return counts

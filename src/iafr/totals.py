"""Funding totals: the one function that sums money, for `iafr funding`, the report and its chart.

The grouping rule: a sum never crosses a currency, a status (an announcement is not a
pledge), a kind (public, private, mixed) or a basis (one-off or per year).

Amounts are intervals: exact and about ``[a, a]`` (about marked approximate), at-least
``[a, ∞)``, up-to ``[0, a]``, a range ``[low, high]``; a figure with no amount is counted, not
summed. Within a group:
- a part whose whole is in the group counts once, in the whole (``part_of``);
- a copy whose original is in the group counts once (``same_as``);
- figures linked as ``related`` (may overlap, no one knows how much) make the sum a range:
  at least the largest set of them no two of which are linked, at most all of them (the largest
  set is searched exactly within a budget; past it, a set found greedily stands in and the total
  says its lower end is a bound).
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
    bounded: int  # figures in clusters too entangled to search exactly: ``low`` (and ``counted_twice``) a bound
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


SEARCH_BUDGET = 200_000
"""Figure-steps the exact search of one cluster may take (each step of the search costs the figures it
looks at): far more than any cluster a curator links needs, and about a second at most. Past it the
search stops and the total says its lower end is a bound (:func:`_heaviest_unlinked`)."""


class _OverBudget(Exception):
    """The exact search of a cluster ran past SEARCH_BUDGET."""


def _heaviest_unlinked(weights: list[Decimal], edges: set[tuple[int, int]]) -> tuple[Decimal, bool]:
    """The largest sum of figures no two of which are linked (a maximum-weight independent set), and
    whether it is exact.

    The search splits the figures into groups linked to each other (each its own sum), solves a
    chain or a ring of links directly, and otherwise tries the most linked figure in and out,
    remembering the subsets it solved; each step costs the figures it looks at. Most clusters take a
    few steps; the hardest, thousands of densely linked figures, are cut at SEARCH_BUDGET, and the
    sum of a set found greedily (the heaviest figure, none of its links, and so on) stands in: a
    true lower bound, said to be one."""
    neighbours = [0] * len(weights)
    for a, b in edges:
        neighbours[a] |= 1 << b
        neighbours[b] |= 1 << a
    search = _Search(weights, neighbours)
    everything = (1 << len(weights)) - 1
    try:
        return search.best(everything), True
    except _OverBudget:
        return _greedy(weights, neighbours, everything), False


class _Search:
    __slots__ = ("neighbours", "solved", "spent", "weights")

    def __init__(self, weights: list[Decimal], neighbours: list[int]) -> None:
        self.weights = weights
        self.neighbours = neighbours
        self.solved: dict[int, Decimal] = {}
        self.spent = 0

    def best(self, members: int) -> Decimal:
        """The heaviest unlinked set among ``members`` (a bit set of figure indexes)."""
        if not members:
            return ZERO
        if members in self.solved:
            return self.solved[members]
        figures = _bits(members)
        self.spent += len(figures)
        if self.spent > SEARCH_BUDGET:
            raise _OverBudget
        component = _component(figures[0], members, self.neighbours)
        if component != members:  # unlinked groups add up
            result = self.best(component) + self.best(members & ~component)
        else:
            degrees = {figure: (self.neighbours[figure] & members).bit_count() for figure in figures}
            pivot = max(figures, key=lambda figure: (degrees[figure], -figure))
            if degrees[pivot] <= 2:
                result = _chain_or_ring(members, self.weights, self.neighbours)
            else:
                left_out = self.best(members & ~(1 << pivot))
                taken = self.weights[pivot] + self.best(members & ~(1 << pivot) & ~self.neighbours[pivot])
                result = max(left_out, taken)
        self.solved[members] = result
        return result


def _bits(members: int) -> list[int]:
    found = []
    while members:
        low = members & -members
        found.append(low.bit_length() - 1)
        members ^= low
    return found


def _component(start: int, members: int, neighbours: list[int]) -> int:
    """The figures of ``members`` linked to ``start``, directly or through others."""
    reached = frontier = 1 << start
    while frontier:
        grown = 0
        for figure in _bits(frontier):
            grown |= neighbours[figure]
        frontier = grown & members & ~reached
        reached |= frontier
    return reached


def _chain_or_ring(members: int, weights: list[Decimal], neighbours: list[int]) -> Decimal:
    """The heaviest unlinked set of figures none of which has more than two links among them:
    chains, or a ring (then its first figure is left out, or taken with both its links left out)."""
    figures = _bits(members)
    if not figures:
        return ZERO
    ends = [figure for figure in figures if (neighbours[figure] & members).bit_count() <= 1]
    if not ends:  # a ring: the two chains it becomes
        first = figures[0]
        without = members & ~(1 << first)
        return max(
            _chain_or_ring(without, weights, neighbours),
            weights[first] + _chain_or_ring(without & ~neighbours[first], weights, neighbours),
        )
    order = [ends[0]]
    seen = 1 << ends[0]
    while following := neighbours[order[-1]] & members & ~seen:
        order.append(following.bit_length() - 1)
        seen |= following
    taken = skipped = ZERO  # the best with the last figure so far taken, and left out
    for figure in order:
        taken, skipped = skipped + weights[figure], max(taken, skipped)
    return max(taken, skipped) + _chain_or_ring(members & ~seen, weights, neighbours)  # the other chains


def _greedy(weights: list[Decimal], neighbours: list[int], members: int) -> Decimal:
    """A set of unlinked figures found greedily: the heaviest left, none of its links, and so on."""
    total = ZERO
    for figure in sorted(_bits(members), key=lambda figure: (-weights[figure], figure)):
        if members >> figure & 1:
            total += weights[figure]
            members &= ~neighbours[figure] & ~(1 << figure)
    return total


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
    overlapping = bounded = 0
    for cluster in _clusters(with_amount):
        bounds = [interval(figure) for figure in cluster]
        lows = [bound[0] for bound in bounds if bound is not None]
        highs = [bound[1] for bound in bounds if bound is not None]
        # Figures not linked to each other are known to be different money: the sum is at least
        # the largest set of mutually unlinked figures, and at most all of them.
        edges = _edges(cluster)
        heaviest, exact = _heaviest_unlinked(lows, edges)
        low += heaviest
        if any(value is None for value in highs):
            unbounded = True
        else:
            finite = [value for value in highs if value is not None]
            high += sum(finite, ZERO)
            heaviest, exact_too = _heaviest_unlinked(finite, edges)
            twice += sum(finite, ZERO) - heaviest  # with a bound for the heaviest: at most this much
            exact = exact and exact_too
        if not exact:
            bounded += len(cluster)
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
        bounded=bounded,
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

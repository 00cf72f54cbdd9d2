"""numbering: a numbered report's measures are numbered 1..count, each number once, no gap.

Passes: report ``count: 3, numbered: true`` with measures numbered 1, 2, 3.
Fails: measures numbered 1, 3 (2 is missing), or two measures numbered 2, or a number 4.
Only measures of kind ``measure`` are numbered; objectives and summaries carry no number.
A measure that failed validation still holds its number; when its number, kind or report failed,
no number of its report is said to be missing (it may be that one).
"""

from __future__ import annotations

from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.i18n import _
from iafr.models import Measure, MeasureKind, Report
from iafr.problems import Problem, Severity

ID = "numbering"
SEVERITY = Severity.ERROR


def check(corpus: Corpus) -> Iterator[Problem]:
    by_report: dict[str, list[Measure]] = {}
    # Reports whose list of numbers is unsure: a measure of theirs whose number or kind failed
    # validation may hold the number that looks missing (None: any report, the measure's own
    # report failed).
    unsure: set[str | None] = set()
    for measure in corpus.every(Measure):
        if not corpus.known(measure, "report"):
            unsure.add(None)
        elif not corpus.known(measure, "number", "kind"):
            unsure.add(measure.report)
        else:
            by_report.setdefault(measure.report, []).append(measure)
    for report in corpus.every(Report):
        if not corpus.known(report, "id", "numbered", "count") or not report.numbered:
            continue
        if report.count is None:
            yield corpus.problem(
                report, ("numbered",), ID, _("a numbered report needs 'count' (how many measures it states)")
            )
            continue
        seen: dict[int, Measure] = {}
        for measure in by_report.get(report.id, []):
            if measure.kind is not MeasureKind.MEASURE:
                continue
            if measure.number is None:
                yield corpus.problem(
                    measure,
                    ("id",),
                    ID,
                    _("report {id!r} is numbered: give this measure its 'number'").format(id=report.id),
                )
            elif not 1 <= measure.number <= report.count:
                yield corpus.problem(
                    measure,
                    ("number",),
                    ID,
                    _("number {number} is outside 1..{count} of report {id!r}").format(
                        number=measure.number, count=report.count, id=report.id
                    ),
                )
            elif measure.number in seen:
                first = seen[measure.number]
                holder = (
                    repr(first.id)
                    if corpus.known(first, "id")
                    else _("the measure at {place}").format(place=_place(corpus, first))
                )
                yield corpus.problem(
                    measure,
                    ("number",),
                    ID,
                    _("number {number} is already taken by {holder} in report {id!r}").format(
                        number=measure.number, holder=holder, id=report.id
                    ),
                )
            else:
                seen[measure.number] = measure
        missing = _gaps(sorted(seen), report.count)
        if missing and not unsure & {None, report.id}:
            yield corpus.problem(
                report,
                ("count",),
                ID,
                _("report {id!r} declares {count} measures but number(s) {ranges} are missing").format(
                    id=report.id, count=report.count, ranges=_ranges(missing)
                ),
            )


def _place(corpus: Corpus, measure: Measure) -> str:
    return corpus.problem(measure, ("id",), ID, "").location


def _gaps(numbers: list[int], count: int) -> list[tuple[int, int]]:
    """The runs of 1..count missing from ``numbers`` (sorted, each within 1..count), as (first, last).

    Worked out from the numbers held, never by walking 1..count: the rule's cost follows the
    measures written, whatever a hostile ``count`` says (``range(1, count + 1)`` once took 1.9 GB)."""
    gaps: list[tuple[int, int]] = []
    previous = 0
    for number in [*numbers, count + 1]:
        if number > previous + 1:
            gaps.append((previous + 1, number - 1))
        previous = number
    return gaps


def _ranges(gaps: list[tuple[int, int]]) -> str:
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in gaps)

"""Hostile values: numbers and times a pull request can write that once cost gigabytes or crashed.

A rule's cost must follow the records written, not a number one of them declares; the slow or
hungry cases run in a child process under a memory cap and a timeout (tests/hostile/limits.py),
so a regression fails one test instead of taking the test run down.
"""

from __future__ import annotations

import textwrap
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from iafr.rules import numbering
from tests.hostile import limits
from tests.test_rules import edit, line_of

HUGE_COUNT = "99999999999999999999999"  # 10^23: range(1, count + 1) once grew past 1.9 GB


# --- a report's count ---------------------------------------------------------------------------


@given(st.integers(1, 300).flatmap(lambda count: st.tuples(st.just(count), st.sets(st.integers(1, count)))))
def test_gaps_are_the_numbers_missing_from_one_to_count(case: tuple[int, set[int]]) -> None:
    count, held = case
    missing = [n for n in range(1, count + 1) if n not in held]  # the walk the rule no longer does
    gaps = numbering._gaps(sorted(held), count)
    assert [n for first, last in gaps for n in range(first, last + 1)] == missing
    assert all(first <= last for first, last in gaps)
    assert all(last + 1 < following for (_, last), (following, _) in pairwise(gaps))


def test_numbering_rule_costs_what_the_measures_cost_whatever_the_count(mini: Path) -> None:
    # The rule alone, on a report whose count is past any model bound (built without validation):
    # its cost must not depend on the count.
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from iafr.check import check_data
        from iafr.rules import numbering

        corpus, _ = check_data(Path(sys.argv[1]))
        old = corpus.reports[0]
        new = old.model_copy(update={"count": 10**23})
        corpus.reports[0] = new
        corpus.where[id(new)] = corpus.where.pop(id(old))
        for problem in numbering.check(corpus):
            print(problem.line, problem.message)
        """
    )
    result = limits.python(["-c", script, str(mini)], memory_mb=256, timeout=30)
    limits.assert_no_traceback(result)
    assert result.returncode == 0
    line = line_of(mini / "recommendations.yaml", "count: 3")
    assert result.stdout == (
        f"{line} report 'rapport-test' declares {10**23} measures but number(s) 4-{10**23} are missing\n"
    )


def test_huge_count_is_one_located_error_in_bounded_memory(mini: Path, tmp_path: Path) -> None:
    path = mini / "recommendations.yaml"
    edit(path, "count: 3\n", f"count: {HUGE_COUNT}\n")
    place = f"recommendations.yaml:{line_of(path, HUGE_COUNT)}:12: "
    check = limits.iafr("check", "--data", str(mini), memory_mb=256, timeout=30)
    limits.assert_no_traceback(check)
    assert check.returncode == 1
    (error, summary) = check.stdout.splitlines()
    assert place in error and summary == "1 error(s), 0 warning(s)"
    build = limits.iafr("build", "--data", str(mini), "--db", str(tmp_path / "x.db"), memory_mb=256, timeout=30)
    limits.assert_no_traceback(build)
    assert build.returncode == 1

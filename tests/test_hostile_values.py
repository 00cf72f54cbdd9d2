"""Hostile values: numbers and times a pull request can write that once cost gigabytes or crashed.

A rule's cost must follow the records written, not a number one of them declares; the slow or
hungry cases run in a child process under a memory cap and a timeout (tests/hostile/limits.py),
so a regression fails one test instead of taking the test run down.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import tempfile
import textwrap
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iafr.cli import app
from iafr.models import MAX_MEASURES
from iafr.rules import numbering
from tests.conftest import Invoke
from tests.hostile import limits
from tests.hostile.corpus import copy_mini
from tests.test_edtf import EDTF_SHAPED
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
    assert place in error and summary == "1 error, 0 warnings"
    build = limits.iafr("build", "--data", str(mini), "--db", str(tmp_path / "x.db"), memory_mb=256, timeout=30)
    limits.assert_no_traceback(build)
    assert build.returncode == 1


# --- integers past SQLite's INTEGER ---------------------------------------------------------------

SQLITE_MAX = 2**63 - 1

# Where an integer written in the YAML ends up as an integer of the store (the amounts in
# hundredths: 2^63 hundredths is about 9.2 × 10^16 in full units).
INTEGER_FIELDS = {
    "count": ("recommendations.yaml", "count: 3\n", "count: {}\n"),
    "number": ("recommendations.yaml", "number: 3\n", "number: {}\n"),
    "value": ("actors.yaml", "value: 1400\n", "value: {}\n"),
    "amount": ("funding.yaml", 'amount: "5 Md€"\n', "amount: {}\n"),
}
EDGES = [
    *(0, 1, -1, MAX_MEASURES, MAX_MEASURES + 1, 10**15 - 1, 10**15, SQLITE_MAX // 100, SQLITE_MAX // 100 + 1),
    *(SQLITE_MAX, SQLITE_MAX + 1, 2**64, -(2**63), -(2**63) - 1, 10**23, 10**4000),
]


def put(data: Path, field: str, value: int) -> int:
    """Write ``value`` into ``field`` of the mini corpus; returns its line."""
    file, old, new = INTEGER_FIELDS[field]
    edit(data / file, old, new.format(value))
    return line_of(data / file, new.format(value).rstrip("\n"))


@pytest.mark.parametrize("field", list(INTEGER_FIELDS))
@pytest.mark.parametrize("value", [2**63, 10**23])
def test_integer_past_sqlite_is_one_located_error(iafr: Invoke, mini: Path, field: str, value: int) -> None:
    line = put(mini, field, value)
    file = INTEGER_FIELDS[field][0]
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1, result.output
    errors = result.stdout.splitlines()[:-1]
    assert len(errors) == 1, errors
    assert re.match(rf".*{file}:{line}:\d+: schema: {field}: ", errors[0]), errors[0]
    assert iafr("build", data=mini).exit_code == 1


def test_measure_bound_is_said_where_it_is_broken(iafr: Invoke, mini: Path) -> None:
    line = put(mini, "count", MAX_MEASURES + 1)
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    assert f"recommendations.yaml:{line}:12: schema: count: should be {MAX_MEASURES} or less" in (result.stdout)


def largest_allowed(data: Path) -> None:
    """Every integer of the store at the largest value ``check`` lets through."""
    recommendations = data / "recommendations.yaml"
    edit(recommendations, "numbered: true\n    count: 3\n", f"numbered: false\n    count: {MAX_MEASURES}\n")
    edit(recommendations, "number: 3\n", f"number: {MAX_MEASURES}\n")
    largest = "999 999 999 999 999,99"  # the last hundredth below money.MAX_AMOUNT
    edit(data / "funding.yaml", 'amount: "1,5 Md€"', f'amount: "{largest} €"')
    # its quote writes the amount too (stated-amount): the same largest amount
    edit(data / "funding.yaml", 'quote: "1,5 milliards d\'euros"', f'quote: "{largest} €"')
    edit(
        data / "funding.yaml",
        'amount: "5 Md€"\n    upper: "15 Md€"',
        f'amount: "{largest} €"\n    upper: "{largest} €"',
    )
    edit(data / "funding.yaml", 'amount: "10 Md$"', f'amount: "{largest} $"')
    edit(data / "actors.yaml", "value: 1400\n", "value: 999999999999999.99\n")


def test_the_largest_allowed_values_build_and_answer_every_query(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    # the guard: whatever passes check must build; a bound loosened past SQLite's INTEGER fails here
    largest_allowed(mini)
    check = iafr("check", "--data", str(mini), "--strict")
    assert check.exit_code == 0, check.output
    db = tmp_path / "largest.db"
    assert iafr("build", data=mini, db=db).exit_code == 0
    for command in (
        ["measures", "--format", "json"],
        ["funding", "--format", "json"],
        ["funding", "--min", "999 999 999 999 999,99 €", "--sort", "amount"],
        ["actors", "--format", "csv"],
        ["show", "plan-test"],
        ["show", "jean-zay"],
        ["report"],
        ["timeline"],
        ["export", str(tmp_path / "package")],
    ):
        result = iafr(*command, data=mini, db=db)
        assert result.exit_code == 0, (command, result.output)
    (figure,) = [
        row
        for row in json.loads(iafr("funding", "--format", "json", data=mini, db=db).stdout, parse_float=Decimal)
        if row["id"] == "plan-test"
    ]
    assert figure["amount"] == Decimal("999999999999999.99")  # exact, not a float's 1e15
    with contextlib.closing(sqlite3.connect(db)) as connection:
        stored = connection.execute("SELECT max(amount_minor), max(upper_minor) FROM funding").fetchone()
    assert stored == (99999999999999999, 99999999999999999)
    assert iafr("diff", str(mini), str(db)).exit_code == 0


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(list(INTEGER_FIELDS)),
    value=st.one_of(st.sampled_from(EDGES), st.integers(), st.integers(2**62, 2**70), st.integers(-(2**70), 0)),
    numbered=st.booleans(),
)
def test_any_integer_gets_a_verdict_and_a_green_check_builds(
    tmp_path: Path, field: str, value: int, numbered: bool
) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory(dir=tmp_path) as name:
        data = copy_mini(Path(name) / "data")
        if not numbered:  # no numbering rule to stop a huge count or number: only the models can
            edit(data / "recommendations.yaml", "numbered: true\n", "numbered: false\n")
        put(data, field, value)
        check = runner.invoke(app, ["check", "--data", str(data)], catch_exceptions=False)
        assert check.exit_code in {0, 1}, check.output
        if check.exit_code == 0:
            db = ["--data", str(data), "--db", str(Path(name) / "x.db")]
            for command in (["build"], ["measures", "--format", "json"], ["funding", "--format", "json"], ["actors"]):
                result = runner.invoke(app, [*command, *db], catch_exceptions=False)
                assert result.exit_code == 0, (command, result.output)


def test_a_limit_past_sqlite_means_no_limit(iafr: Invoke, mini: Path) -> None:
    everything = iafr("funding", "--format", "csv", data=mini).stdout
    for command in ("funding", "measures", "actors"):
        result = iafr(command, "--format", "csv", "--limit", str(2**64), data=mini)
        assert result.exit_code == 0, result.output
    assert iafr("funding", "--format", "csv", "--limit", str(2**64), data=mini).stdout == everything
    assert iafr("search", "calcul", "--limit", str(2**64), data=mini).exit_code == 0


# --- times at the calendar's edges ----------------------------------------------------------------

EDGE_TIMES = ["9999-12~", "9999-12-31?", "9999%", "0001-01-01?", "0001-01~", "0001~"]
EDGE_PERIODS = [
    *(f"{time}/.." for time in EDGE_TIMES),
    *(f"../{time}" for time in EDGE_TIMES),
    *(f"{first}/{last}" for first in EDGE_TIMES[3:] for last in EDGE_TIMES[:3]),
]
TIME_FIELDS = {
    # field → (file, text the time goes after, indent): a figure's date and period, a fact's date
    "date": ("funding.yaml", "    label: Plan de 1,5 milliard\n", "    "),
    "period": ("funding.yaml", "    precision: unspecified\n", "    "),
    "fact date": ("actors.yaml", '        stated: "1400 chercheurs"\n', "        "),
}


def far_future(data: Path) -> Path:
    """The mini corpus dated 31 Dec 9999, its sources Dec 9999: no time is after them."""
    edit(data / "corpus.yaml", 'date: "2026-01-15"', 'date: "9999-12-31"')
    edit(data / "sources.yaml", 'date: "2024-03"', 'date: "9999-12"')
    edit(data / "sources.yaml", 'date: "2023-10"', 'date: "9999-12"')
    return data


def put_time(data: Path, field: str, text: str) -> None:
    file, after, indent = TIME_FIELDS[field]
    name = "date" if field == "fact date" else field
    if field == "date":
        edit(data / file, '    date: "2023-06"\n', "")
    edit(data / file, after, f"{after}{indent}{name}: {json.dumps(text)}\n")


def test_times_at_the_calendars_edges_check_build_and_answer(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    far_future(mini)
    put_time(mini, "date", "9999-12~")
    put_time(mini, "period", "0001-01-01?/9999-12-31~")
    put_time(mini, "fact date", "0001-01-01?")
    check = iafr("check", "--data", str(mini), "--strict")
    assert check.exit_code == 0, check.output
    db = tmp_path / "edges.db"
    assert iafr("build", data=mini, db=db).exit_code == 0
    for command in (
        ["funding", "--format", "json"],
        ["funding", "--during", "9999-12~/.."],
        ["funding", "--during", "../0001-01-01?"],
        ["measures", "--during", "0001~/9999~"],
        ["timeline"],
        ["show", "plan-test"],
        ["show", "jean-zay"],
        ["report"],
        ["export", str(tmp_path / "package")],
    ):
        result = iafr(*command, data=mini, db=db)
        assert result.exit_code == 0, (command, result.output)
    records = {r["id"]: r for r in json.loads(iafr("funding", "--format", "json", data=mini, db=db).stdout)}
    assert (records["plan-test"]["earliest"], records["plan-test"]["latest"]) == ("9999-10-31", "9999-12-31")
    assert (records["vague-test"]["earliest"], records["vague-test"]["latest"]) == ("0001-01-01", "9999-12-31")


def test_a_time_at_the_last_month_in_a_dated_corpus_is_located(iafr: Invoke, mini: Path) -> None:
    put_time(mini, "date", "9999-12~")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1, result.output
    line = line_of(mini / "funding.yaml", "9999-12~")
    assert f"funding.yaml:{line}:11: date-in-future: date 9999-12~ is after the corpus date" in result.stdout


@pytest.mark.parametrize("during", ["9999-12~/..", "../0001-01-01?", "0001-01-01?/9999-12-31~", "[..9999-12~]"])
def test_during_at_the_calendars_edges_answers(iafr: Invoke, mini: Path, during: str) -> None:
    result = iafr("funding", "--during", during, data=mini)
    if during.startswith("["):  # a date, not a period: refused as any date is
        assert result.exit_code == 2 and "is a date; give a period" in result.stderr
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("during", "words"), [("0000~/..", "there is no year 0"), ("9999-13~/..", "month 13")])
def test_during_past_the_calendar_is_one_usage_line(iafr: Invoke, mini: Path, during: str, words: str) -> None:
    result = iafr("funding", "--during", during, data=mini)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr and result.stdout == ""


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(list(TIME_FIELDS)), text=st.one_of(st.sampled_from(EDGE_TIMES + EDGE_PERIODS), EDTF_SHAPED)
)
def test_any_time_gets_a_verdict_and_a_green_check_builds(tmp_path: Path, field: str, text: str) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory(dir=tmp_path) as name:
        data = far_future(copy_mini(Path(name) / "data"))
        put_time(data, field, text)
        check = runner.invoke(app, ["check", "--data", str(data)], catch_exceptions=False)
        assert check.exit_code in {0, 1}, check.output
        if check.exit_code == 0:
            db = ["--data", str(data), "--db", str(Path(name) / "x.db")]
            for command in (["build"], ["funding", "--format", "json"], ["timeline"], ["show", "jean-zay"]):
                result = runner.invoke(app, [*command, *db], catch_exceptions=False)
                assert result.exit_code == 0, (command, result.output)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("built")
    data = copy_mini(root / "data")
    options = ["--data", str(data), "--db", str(root / "x.db")]
    assert CliRunner().invoke(app, ["build", *options], catch_exceptions=False).exit_code == 0
    return options


@settings(max_examples=200, deadline=None)
@given(during=st.one_of(st.sampled_from(EDGE_PERIODS), EDTF_SHAPED))
def test_any_during_is_an_answer_or_one_usage_line(built: list[str], during: str) -> None:
    result = CliRunner().invoke(app, ["funding", "--during", during, *built], catch_exceptions=False)
    assert result.exit_code in {0, 2}, result.output
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("iafr: "), result.stderr


# --- waits, widths and counts that are no such thing --------------------------------------------


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["build", "--wait", "nan"], "--wait nan is no number of seconds; give 0 (do not wait) or more, e.g. 60"),
        (["build", "--wait", "inf"], "--wait inf is no number of seconds; give 0 (do not wait) or more, e.g. 60"),
        (["build", "--wait", "1e400"], "--wait inf is no number of seconds; give 0 (do not wait) or more, e.g. 60"),
        (["report", "--wait", "-1"], "--wait -1.0 is no number of seconds; give 0 (do not wait) or more, e.g. 60"),
        (["measures", "--limit", "0"], "--limit 0 shows nothing; give 1 or more (or leave it out for every record)"),
        (["funding", "--limit", "-3"], "--limit -3 shows nothing; give 1 or more (or leave it out for every record)"),
        (["search", "calcul", "-n", "0"], "--limit 0 shows nothing; give 1 or more (or leave it out for every record)"),
    ],
)
def test_a_wait_or_a_limit_that_is_no_such_thing_is_one_line(
    iafr: Invoke, mini: Path, args: list[str], line: str
) -> None:
    result = iafr(*args, data=mini)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"iafr: {line}"] and result.stdout == ""


def test_a_wait_from_the_environment_is_named_as_such(
    iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IAFR_LOCK_WAIT", "nan")
    result = iafr("build", data=mini)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "iafr: IAFR_LOCK_WAIT=nan is no number of seconds; give 0 (do not wait) or more, e.g. 60"
    ]


def test_a_wait_of_zero_gives_up_at_once_rather_than_being_refused(iafr: Invoke, mini: Path) -> None:
    assert iafr("build", "--wait", "0", data=mini).exit_code == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=10_001), st.sampled_from(["nan", "abc", "80.5", "-"])))
def test_a_columns_that_is_no_width_is_one_line(mini: Path, monkeypatch: pytest.MonkeyPatch, columns: object) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = CliRunner().invoke(app, ["measures", "--data", str(mini), "--db", str(mini.parent / "c.db")])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("iafr: COLUMNS=") and line.endswith(
        "is no width; set it to a number of columns from 1 to 10000, or unset it"
    )


@pytest.mark.parametrize("columns", ["1", "20", "10000", ""])
def test_any_width_from_one_column_on_renders_without_a_traceback(
    iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for command in (["measures"], ["funding"], ["report"], ["show", "m1"], ["search", "calcul"]):
        assert iafr(*command, data=mini).exit_code == 0, command

"""Times as uncertain as their sources: the EDTF subset, figure windows and the range filters."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iafr.edtf import figure_window, in_words, parse_when
from iafr.partial_date import PartialDate
from iafr.queries import TimeFilter
from tests.conftest import Invoke
from tests.test_rules import edit, line_of


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "words"),
    [
        ("2023-06-14", "2023-06-14", "2023-06-14", "14 June 2023"),
        ("2023-06", "2023-06-01", "2023-06-30", "June 2023"),
        ("2023", "2023-01-01", "2023-12-31", "2023"),
        ("2023~", "2022-01-01", "2024-12-31", "about 2023"),
        ("2018/2022", "2018-01-01", "2022-12-31", "2018–2022"),
        ("2019/..", "2019-01-01", None, "since 2019"),
        ("../2025", None, "2025-12-31", "by 2025"),
        ("[..2024-03]", None, "2024-03-31", "on or before Mar 2024"),
        ("[2023-10..]", "2023-10-01", None, "on or after Oct 2023"),
    ],
)
def test_the_subset(text: str, earliest: str | None, latest: str | None, words: str) -> None:
    when = parse_when(text)
    assert (when.earliest and when.earliest.isoformat(), when.latest and when.latest.isoformat()) == (earliest, latest)
    assert in_words(when) == words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025/2020", "ends before it starts"),
        ("2018/", "is not a time iafr reads"),
        ("../..", "at least one end"),
        ("2023-13", "month 13 does not exist"),
        ("2023-02-30", "not a real day"),
        ("soon", "is not a time iafr reads"),
    ],
)
def test_bad_times_say_how_to_write_them(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_when(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("9999-12~", "9999-10-31", "9999-12-31"),
        ("9999-12-31?", "9999-12-30", "9999-12-31"),
        ("9999%", "9998-01-01", "9999-12-31"),
        ("0001-01-01?", "0001-01-01", "0001-01-02"),
        ("0001-01~", "0001-01-01", "0001-03-03"),
        ("0001~", "0001-01-01", "0002-12-31"),
        ("0001-01-01?/9999-12-31~", "0001-01-01", "9999-12-31"),
        ("[..9999-12~]", None, "9999-12-31"),
        ("[0001-01-01%..]", "0001-01-01", None),
    ],
)
def test_a_qualified_time_at_the_calendars_edge_is_widened_up_to_the_edge(
    text: str, earliest: str | None, latest: str | None
) -> None:
    # widening by a month or a day once overflowed datetime.date (OverflowError, a traceback)
    when = parse_when(text)
    assert (when.earliest and when.earliest.isoformat(), when.latest and when.latest.isoformat()) == (earliest, latest)
    assert in_words(when)


def _digits(size: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=size, max_size=size)


@st.composite
def edtf_date(draw: st.DrawFn) -> str:
    """A date as the grammar shapes it, drawn towards the calendar's edges and past them."""
    text = draw(st.one_of(st.sampled_from(["0000", "0001", "0002", "9998", "9999"]), _digits(4)))
    if draw(st.booleans()):
        text += "-" + draw(st.one_of(st.sampled_from(["00", "01", "02", "11", "12", "13"]), _digits(2)))
        if draw(st.booleans()):
            text += "-" + draw(st.one_of(st.sampled_from(["00", "01", "28", "29", "30", "31", "32"]), _digits(2)))
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


EDTF_SHAPED = st.one_of(
    edtf_date(),
    st.builds("{}/{}".format, edtf_date(), edtf_date()),
    st.builds("{}/..".format, edtf_date()),
    st.builds("../{}".format, edtf_date()),
    st.builds("[..{}]".format, edtf_date()),
    st.builds("[{}..]".format, edtf_date()),
)


@settings(max_examples=1000)
@given(EDTF_SHAPED)
def test_any_edtf_shaped_text_is_a_window_inside_the_calendar_or_a_value_error(text: str) -> None:
    try:
        when = parse_when(text)
    except ValueError as error:
        assert str(error)
        return
    assert when.earliest is not None or when.latest is not None
    if when.earliest is not None and when.latest is not None:
        assert when.earliest <= when.latest
    assert in_words(when)


def test_windows_come_from_the_period_then_the_date_then_the_sources() -> None:
    period, date = parse_when("2018/2022"), parse_when("2023-06")
    assert figure_window(date, period, []).basis == "period"
    assert figure_window(date, None, []).basis == "announced"
    reported = figure_window(None, None, [PartialDate(2023, 10), PartialDate(2022)])
    assert (reported.text, reported.earliest, reported.latest, reported.basis) == (
        "[..2023-10]",
        None,
        dt.date(2023, 10, 31),
        "reported",
    )
    assert figure_window(None, None, []).basis is None


days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def times(draw: st.DrawFn) -> str:
    def partial() -> str:
        day = draw(days)
        form = draw(st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"]))
        return day.strftime(form) + draw(st.sampled_from(["", "", "~", "?"]))

    shape = draw(st.sampled_from(["date", "period", "since", "by", "before", "after"]))
    if shape == "period":
        a, b = sorted([partial(), partial()], key=lambda t: parse_when(t).earliest or dt.date.min)
        first, second = parse_when(a), parse_when(b)
        if first.earliest and second.latest and first.earliest > second.latest:
            return a
        return f"{a}/{b}"
    return {"date": "{}", "since": "{}/..", "by": "../{}", "before": "[..{}]", "after": "[{}..]"}[shape].format(
        partial()
    )


years = st.integers(min_value=1990, max_value=2040)


def _sql_keeps(text: str, time: TimeFilter) -> bool:
    when = parse_when(text)
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE TABLE f (earliest TEXT, latest TEXT, basis TEXT)")
        connection.execute(
            "INSERT INTO f VALUES (?, ?, 'announced')",
            (when.earliest and when.earliest.isoformat(), when.latest and when.latest.isoformat()),
        )
        condition, params = time.condition("f")
        return bool(connection.execute(f"SELECT count(*) FROM f WHERE {condition}", params).fetchone()[0])


@settings(max_examples=300, deadline=None)
@given(times(), st.one_of(st.none(), years), st.one_of(st.none(), years))
def test_certainly_inside_is_kept_certainly_outside_never(text: str, since: int | None, until: int | None) -> None:
    if since is not None and until is not None and since > until:
        since, until = until, since
    when = parse_when(text)
    start = dt.date(since, 1, 1) if since else None
    end = dt.date(until, 12, 31) if until else None
    loose, strict = TimeFilter(since, until), TimeFilter(since, until, strict=True)
    inside = when.inside(start, end)
    outside = (end is not None and when.earliest is not None and when.earliest > end) or (
        start is not None and when.latest is not None and when.latest < start
    )
    assert _sql_keeps(text, loose) == when.overlaps(start, end) == (not outside)
    assert _sql_keeps(text, strict) == inside
    if inside:
        assert _sql_keeps(text, loose)


# --- the shipped corpus -----------------------------------------------------------------------


def ids(iafr: Invoke, data: Path, *args: str) -> set[str]:
    result = iafr("funding", "--format", "json", *args, data=data)
    assert result.exit_code == 0, result.output
    return {record["id"] for record in json.loads(result.stdout)}


def test_since_2018_answers_what_a_reader_means(iafr: Invoke, corpus_copy: Path) -> None:
    every = ids(iafr, corpus_copy)
    since = ids(iafr, corpus_copy, "--since", "2018")
    assert every - since == {"tribune-plan-ia-souveraine-open-source"}  # undated, and said so
    result = iafr("funding", "--since", "2018", data=corpus_copy)
    assert "1 without any date not shown (tribune-plan-ia-souveraine-open-source); --undated" in result.stdout
    assert ids(iafr, corpus_copy, "--since", "2018", "--undated") == every
    for kept in ("etat-ia-plus-1-md-cinq-ans-2018", "etat-plan-ia-1-5-mds-2025", "microsoft-openai-plus-10-mds-usd",
                 "mistral-ai-lancement-105-m", "stargate-500-mds-usd"):  # fmt: skip
        assert kept in since


def test_since_until_and_strict_narrow_as_documented(iafr: Invoke, corpus_copy: Path) -> None:
    since_2024 = ids(iafr, corpus_copy, "--since", "2024")
    assert "etat-plan-ia-500-m-vivatech-2023" not in since_2024
    assert "etat-ia-plus-1-md-cinq-ans-2018" not in since_2024
    until_2022 = ids(iafr, corpus_copy, "--until", "2022")
    assert "etat-ia-plus-1-md-cinq-ans-2018" in until_2022
    assert not until_2022 & {"macron-109-mds-investissements-prives", "emirats-arabes-unis-datacenters-50-mds",
                             "brookfield-cambrai-20-mds"}  # fmt: skip
    for args in (["--since", "2018"], ["--since", "2024"], ["--until", "2022"]):
        assert ids(iafr, corpus_copy, *args, "--strict-dates") < ids(iafr, corpus_copy, *args)
    # nothing in the corpus can fall before 2018, so 2018/2022 keeps what --until 2022 keeps
    assert ids(iafr, corpus_copy, "--during", "2018/2022") == until_2022


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2030", "--until", "2020"], "--since 2030 is after --until 2020"),
        (["--during", "2018/"], "--during: '2018/' is not a time iafr reads"),
        (["--during", "2023"], "is a date; give a period"),
        (["--during", "2018/2022", "--since", "2019"], "--during replaces --since and --until"),
    ],
)
def test_bad_ranges_are_usage_errors(iafr: Invoke, corpus_copy: Path, args: list[str], message: str) -> None:
    result = iafr("funding", *args, data=corpus_copy)
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_json_gives_when_earliest_latest_and_basis(iafr: Invoke, corpus_copy: Path) -> None:
    records = {r["id"]: r for r in json.loads(iafr("funding", "--format", "json", data=corpus_copy).stdout)}
    assert {key: records["etat-plan-ia-1-5-mds-2025"][key] for key in ("when", "earliest", "latest", "basis")} == {
        "when": "../2025",
        "earliest": None,
        "latest": "2025-12-31",
        "basis": "period",
    }
    assert records["mistral-ai-lancement-105-m"]["basis"] == "reported"


def test_bad_times_in_the_data_are_located(mini: Path, iafr: Invoke) -> None:
    path = mini / "funding.yaml"
    edit(path, 'date: "2023-06"', 'date: "2023-06/2021"')
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    assert (
        f"funding.yaml:{line_of(path, '2023-06/2021')}:" in result.stdout and "ends before it starts" in result.stdout
    )


def test_a_time_after_all_its_sources_is_an_error(mini: Path, iafr: Invoke) -> None:
    edit(mini / "funding.yaml", 'date: "2023-06"', 'date: "[2024-01..]"')
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1 and "date-after-source" in result.stdout


def test_timeline_lists_everything_dated_in_order(iafr: Invoke, corpus_copy: Path) -> None:
    result = iafr("timeline", "--format", "json", data=corpus_copy)
    assert result.exit_code == 0, result.output
    records: list[dict[str, Any]] = json.loads(result.stdout)
    found = {record["id"] for record in records}
    for expected in ("lucie#release", "lucie#suspension", "mistral-small-3#launch", "ai-act#european_parliament_vote",
                     "commission-ia#report_expected", "mistral-ai#datacenters_france_announced",
                     "etat-plan-ia-500-m-vivatech-2023", "commission-europeenne-deployai"):  # fmt: skip
        assert expected in found, expected
    # by month as written; within a month what is only known to be on or before it comes first
    months = [re.search(r"\d{4}(?:-\d{2})?", r["when"]).group(0) for r in records]  # type: ignore[union-attr]
    assert months == sorted(months)
    feb = [r["when"] for r in records if r["when"] in ("[..2025-02]", "2025-02")]
    assert feb.index("2025-02") > feb.index("[..2025-02]")
    since = iafr("timeline", "--since", "2025", "--actor", "Mistral AI", data=corpus_copy)
    assert "datacenters" in since.stdout and "2023" not in since.stdout.split("┃")[0]


def test_measures_filter_on_their_reports_date(iafr: Invoke, corpus_copy: Path) -> None:
    def measure_ids(*args: str) -> set[str]:
        result = iafr("measures", "--format", "json", *args, data=corpus_copy)
        assert result.exit_code == 0, result.output
        return {record["id"] for record in json.loads(result.stdout)}

    hub = {f"hub-m{number:02d}" for number in range(1, 41)}
    assert hub <= measure_ids("--since", "2024")  # the Hub France IA report is of 2024
    assert not hub & measure_ids("--since", "2025")
    table = iafr("measures", "--since", "2024", data=corpus_copy).stdout
    assert "without any date not shown" in table and "--undated" in table
    assert measure_ids("--since", "2024", "--undated") == measure_ids()

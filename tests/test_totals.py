"""Totals a journalist can quote: interval sums, parts counted once, copies once, overlaps as ranges."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iafr.check import check_data
from iafr.totals import funding_totals, sum_figures
from tests.conftest import Invoke
from tests.test_rules import edit, line_of

MD = Decimal(10) ** 9


def figure(fid: str, amount: Decimal | None, precision: str = "exact", **extra: Any) -> dict[str, Any]:
    return {"id": fid, "amount": amount, "upper": None, "precision": precision, "currency": "EUR",
            "status": "announced", "kind": "private", "per_year": False, "year": 2025,
            "related": [], "part_of": None, "same_as": None, **extra}  # fmt: skip


def test_intervals_by_precision() -> None:
    cases = {
        "exact": (10 * MD, 10 * MD),
        "about": (10 * MD, 10 * MD),
        "at-least": (10 * MD, None),
        "up-to": (Decimal(0), 10 * MD),
    }
    for precision, (low, high) in cases.items():
        total = sum_figures([figure("a", 10 * MD, precision)])
        assert (total["low"], total["high"]) == (low, high), precision
    ranged = sum_figures([figure("a", 5 * MD, upper=15 * MD)])
    assert (ranged["low"], ranged["high"]) == (5 * MD, 15 * MD)
    vague = sum_figures([figure("a", None, "unspecified")])
    assert (vague["low"], vague["without_amount"], vague["figures"]) == (None, 1, 1)


def test_the_2025_pledges_inside_the_109_count_once() -> None:
    whole = figure("macron-109", 109 * MD)
    uae = figure("uae", 50 * MD, "up-to", part_of="macron-109")
    brookfield = figure("brookfield", 20 * MD, part_of="macron-109")
    total = sum_figures([whole, uae, brookfield])
    assert (total["low"], total["high"], total["parts"]) == (109 * MD, 109 * MD, 2)


def test_related_figures_make_a_range() -> None:
    a = figure("a", 109 * MD, related=["b", "c"])
    b = figure("b", 50 * MD, related=["a"])
    c = figure("c", 20 * MD, related=["a"])
    total = sum_figures([a, b, c])
    assert (total["low"], total["high"], total["counted_twice"]) == (109 * MD, 179 * MD, 70 * MD)


def test_a_copy_counts_once_and_a_part_outside_its_group_says_so() -> None:
    total = sum_figures([figure("a", MD, "at-least"), figure("b", MD, same_as="a")])
    assert (total["low"], total["high"], total["copies"]) == (MD, None, 1)
    public = figure("uae", 50 * MD, "up-to", kind="public", part_of="w")
    totals = funding_totals([figure("w", 109 * MD), public])
    by_kind = {t["kind"]: t for t in totals}
    assert by_kind["private"]["low"] == 109 * MD and by_kind["public"]["linked_elsewhere"] == 1


amounts = st.integers(min_value=1, max_value=10**6).map(lambda n: Decimal(n) * 1000)
precisions = st.sampled_from(["exact", "about", "at-least", "up-to"])


@st.composite
def groups(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(min_value=1, max_value=6))
    members = []
    for index in range(count):
        amount = draw(st.one_of(st.none(), amounts))
        precision = "unspecified" if amount is None else draw(precisions)
        related = draw(st.lists(st.sampled_from([f"f{i}" for i in range(count) if i != index] or ["none"]), max_size=2))
        members.append(figure(f"f{index}", amount, precision, related=[r for r in related if r != "none"]))
    return members


@settings(max_examples=200, deadline=None)
@given(groups(), amounts, precisions, st.data())
def test_adding_a_part_never_changes_its_wholes_total(
    group: list[dict[str, Any]], amount: Decimal, precision: str, data: st.DataObject
) -> None:
    whole = data.draw(st.sampled_from(group))
    part = figure("part", amount, precision, part_of=whole["id"])
    before, after = sum_figures(group), sum_figures([*group, part])
    assert (after["low"], after["high"]) == (before["low"], before["high"])
    assert after["parts"] == before["parts"] + 1


@settings(max_examples=200, deadline=None)
@given(groups(), amounts, precisions, st.data())
def test_a_related_figure_never_lowers_the_low_end(
    group: list[dict[str, Any]], amount: Decimal, precision: str, data: st.DataObject
) -> None:
    linked = data.draw(st.lists(st.sampled_from([member["id"] for member in group]), min_size=1, max_size=3))
    extra = figure("extra", amount, precision, related=linked)
    before, after = sum_figures(group), sum_figures([*group, extra])
    assert after["low"] is not None
    assert before["low"] is None or after["low"] >= before["low"]
    if before["high"] is not None and after["high"] is not None:
        assert after["high"] >= before["high"]


# --- the shipped corpus -----------------------------------------------------------------------


def funding_json(iafr: Invoke, data: Path, *args: str) -> list[dict[str, Any]]:
    result = iafr("funding", "--format", "json", *args, data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_shipped_totals_count_each_euro_once(iafr: Invoke, corpus_copy: Path) -> None:
    state = iafr("funding", "--actor", "etat-francais", data=corpus_copy).stdout
    assert "invested public EUR: at least €1bn (2 figures, 1 copy of another figure counted once, " in state
    # the 1,5 Md€ d'ici 2025, named (the note may wrap at the terminal's width)
    assert "1 possibly the same money as etat-plan-ia-1-5-mds-2025)" in " ".join(state.split())
    everything = iafr("funding", data=corpus_copy).stdout
    assert "announced private EUR: €109bn (3 figures, 2 parts counted in their whole)" in everything
    assert "179" not in everything


def test_funding_and_report_print_the_same_totals(iafr: Invoke, corpus_copy: Path, tmp_path: Path) -> None:
    from iafr.queries import query_funding
    from iafr.report import build_report
    from iafr.workspace import connect, resolve_workspace

    with connect(resolve_workspace(corpus_copy, tmp_path / "t.db")) as connection:
        assert build_report(connection).funding_totals == query_funding(connection).totals
    listing = iafr("funding", data=corpus_copy).stdout
    report = iafr("report", "--format", "md", data=corpus_copy).stdout
    for amount in ("€109bn", "at least €1bn", "€5–15bn a year", "≈ €10bn a year", "at least $10bn"):
        assert amount in listing and amount in report, amount


def test_macron_announced_the_500_m_and_the_109_md(iafr: Invoke, corpus_copy: Path) -> None:
    ids = [record["id"] for record in funding_json(iafr, corpus_copy, "--actor", "Emmanuel Macron")]
    assert ids == ["etat-plan-ia-500-m-vivatech-2023", "macron-109-mds-investissements-prives"]
    shown = json.loads(iafr("show", "emmanuel-macron", "--format", "json", data=corpus_copy).stdout)
    assert [figure["id"] for figure in shown[0]["announced"]] == ids


def test_min_compares_within_its_currency(iafr: Invoke, corpus_copy: Path) -> None:
    records = funding_json(iafr, corpus_copy, "--min", "1 Md€")
    assert records and {record["currency"] for record in records} == {"EUR"}
    assert all(record["amount"] >= 10**9 for record in records)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min", "1,5"], "has a decimal comma but no unit"),
        (["--min", "1500"], "has no currency"),
        (["--min", "1.500 M€"], "is ambiguous"),
        (["--min", "-3 M€"], "cannot read '-3 M€'"),
        (["--min", "1 Md€", "--currency", "USD"], "is in EUR but --currency is USD"),
    ],
)
def test_bad_bounds_are_usage_errors(iafr: Invoke, corpus_copy: Path, args: list[str], message: str) -> None:
    result = iafr("funding", *args, data=corpus_copy)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


# --- the funding-links rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - id: plan-test\n", "  - id: plan-test\n    part_of: plan-test\n", "names the figure itself"),
        (
            "  - id: plan-test\n",
            "  - id: plan-test\n    part_of: us-test\n",
            "in EUR but its part_of 'us-test' is in USD",
        ),
        ("  - id: plan-test\n", "  - id: plan-test\n    part_of: enveloppe-test\n", "not both per year"),
    ],
)
def test_funding_links_that_make_no_sense_are_errors(mini: Path, old: str, new: str, message: str) -> None:
    path = mini / "funding.yaml"
    edit(path, old, new)
    _, found = check_data(mini)
    errors = [p for p in found if p.rule == "funding-links"]
    assert len(errors) == 1 and message in errors[0].message, found
    assert errors[0].line == line_of(path, "    part_of:")


def test_a_part_larger_than_its_whole_and_a_cycle_are_errors(mini: Path) -> None:
    path = mini / "funding.yaml"
    text = path.read_text("utf-8")
    extra = """
  - id: part-a
    label: A
    title_en: A
    amount: "3 Md€"
    status: announced
    kind: public
    part_of: plan-test
    sources: [{source: article-test}]
  - id: loop-b
    label: B
    title_en: B
    amount: "1 M€"
    status: announced
    kind: public
    same_as: loop-c
    sources: [{source: article-test}]
  - id: loop-c
    label: C
    title_en: C
    amount: "1 M€"
    status: announced
    kind: public
    same_as: loop-b
    sources: [{source: article-test}]
"""
    path.write_text(text.rstrip("\n") + "\n" + extra, "utf-8")
    _, found = check_data(mini)
    messages = [p.message for p in found if p.rule == "funding-links"]
    assert any("larger than its whole 'plan-test'" in m for m in messages), messages
    assert sum("cycle" in m for m in messages) == 2, messages


@pytest.mark.parametrize("columns", [60, 100, 140])
@pytest.mark.parametrize("record", ["etat-francais", "mistral-ai", "emmanuel-macron"])
def test_show_pages_fit_and_money_reads_as_in_the_listing(
    iafr: Invoke, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, columns: int, record: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = iafr("show", record, data=corpus_copy).stdout
    lines = out.splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    assert (
        len(lines) < 330
    )  # linked money in compact rows, not every field in its own thin column (texts in both languages)
    money_headers = [line for line in lines if "┃ id" in line and "amount" in line]
    assert all("when" in line and "status" in line for line in money_headers)


def test_a_possible_overlap_is_named_even_when_a_filter_leaves_the_other_figure_out(
    iafr: Invoke, corpus_copy: Path
) -> None:
    announced = " ".join(iafr("funding", "--status", "announced", data=corpus_copy).stdout.split())
    # the 500 M€ of Vivatech and the 1,5 Md€ (committed, not listed here) may be the same money
    assert (
        "announced public EUR: €500m (2 figures, 1 without amount, not summed, 1 possibly the same money as "
        "etat-plan-ia-1-5-mds-2025)" in announced
    )


def test_a_range_names_what_it_keeps_only_because_its_time_is_open(iafr: Invoke, corpus_copy: Path) -> None:
    until = " ".join(iafr("funding", "--until", "2022", data=corpus_copy).stdout.split())
    # reported in 2025 without a date of its own: it may be from 2022 or before, and says so
    assert "of these may fall outside the range" in until and "deepseek-5-57-m-usd" in until
    strict = iafr("funding", "--until", "2022", "--strict-dates", data=corpus_copy).stdout
    assert "may fall outside the range" not in strict


# --- the largest set of distinct money among related figures ------------------------------------


def _heaviest_by_trying_every_set(weights: list[Decimal], edges: set[tuple[int, int]]) -> Decimal:
    best = Decimal(0)
    for mask in range(1 << len(weights)):
        members = [i for i in range(len(weights)) if mask >> i & 1]
        if all((a, b) not in edges for position, a in enumerate(members) for b in members[position + 1 :]):
            best = max(best, sum((weights[i] for i in members), Decimal(0)))
    return best


@st.composite
def linked(draw: st.DrawFn) -> tuple[list[Decimal], set[tuple[int, int]]]:
    count = draw(st.integers(min_value=1, max_value=11))
    weights = draw(st.lists(st.integers(min_value=0, max_value=50).map(Decimal), min_size=count, max_size=count))
    pairs = [(a, b) for a in range(count) for b in range(a + 1, count)]
    edges = set(draw(st.lists(st.sampled_from(pairs), max_size=len(pairs)))) if pairs else set()
    return weights, edges


@settings(max_examples=300, deadline=None)
@given(linked())
def test_the_search_finds_the_heaviest_unlinked_set_every_set_gives(
    case: tuple[list[Decimal], set[tuple[int, int]]],
) -> None:
    from iafr.totals import _heaviest_unlinked

    weights, edges = case
    assert _heaviest_unlinked(weights, edges) == (_heaviest_by_trying_every_set(weights, edges), True)


def test_a_cluster_past_the_search_budget_is_summed_as_a_bound_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import iafr.totals as totals
    from iafr.render.toolkit import total_amount, total_notes

    ring = [figure(f"f{i}", (10 + i) * MD, related=[f"f{(i + 1) % 8}", f"f{(i + 4) % 8}"]) for i in range(8)]
    exact = sum_figures(ring)
    monkeypatch.setattr(totals, "SEARCH_BUDGET", 5)
    bound = sum_figures(ring)
    assert exact["bounded"] == 0 and bound["bounded"] == 8
    assert bound["low"] is not None and exact["low"] is not None and bound["low"] <= exact["low"]
    assert bound["high"] == exact["high"]  # all of them: exact whatever the search
    assert total_amount(bound, "EUR").endswith("(its lower end a bound)")
    assert total_notes(bound, "EUR")[-1] == (
        "8 of them too entangled to search exactly: the lower end and what may be counted twice are bounds"
    )
    assert "bound" not in total_amount(exact, "EUR") + ", ".join(total_notes(exact, "EUR"))

"""Each consistency rule: one passing corpus (the mini fixture), one failing edit, the exact place."""

from __future__ import annotations

from pathlib import Path

import pytest

from iafr.check import check_data
from iafr.problems import Problem, Severity
from iafr.rules import RULES


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    count = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line + "\n":  # a needle ending in "\n" must end the line
            count += 1
            if count == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems(data: Path, rule: str | None = None) -> list[Problem]:
    _, found = check_data(data)
    return [p for p in found if rule is None or p.rule == rule]


def test_mini_corpus_is_clean(mini: Path) -> None:
    assert problems(mini) == []


def test_every_rule_is_documented_with_examples() -> None:
    for rule in RULES:
        assert "Passes:" in rule.doc and "Fails" in rule.doc, rule.id


def test_unique_id(mini: Path) -> None:
    edit(mini / "actors.yaml", "  - id: etat\n", "  - id: jean-zay\n")
    (found,) = problems(mini, "unique-id")
    assert found.line == line_of(mini / "actors.yaml", "id: jean-zay", 2)
    assert found.column == 9
    assert "already used" in found.message and "actors.yaml:" in found.message


def test_dangling_actor_reference_suggests_closest(mini: Path) -> None:
    edit(mini / "recommendations.yaml", "actors: [jean-zay]", "actors: [jean-zai]")
    found = problems(mini, "unknown-ref")
    assert len(found) == 1
    assert found[0].line == line_of(mini / "recommendations.yaml", "jean-zai")
    assert "did you mean 'jean-zay'" in found[0].message


@pytest.mark.parametrize(
    ("file", "old", "new", "needle"),
    [
        ("recommendations.yaml", "axes: [calcul]", "axes: [calculs]", "calculs"),
        (
            "recommendations.yaml",
            "report: rapport-test\n    number: 2",
            "report: rapport\n    number: 2",
            "report: rapport\n",
        ),
        ("funding.yaml", "funders: [etat]", "funders: [letat]", "letat"),
        ("actors.yaml", "target: hub-test", "target: hub", "target: hub}"),
        ("funding.yaml", "source: article-test, quote", "source: article, quote", "source: article,"),
    ],
)
def test_unknown_references(mini: Path, file: str, old: str, new: str, needle: str) -> None:
    edit(mini / file, old, new)
    (found,) = problems(mini, "unknown-ref")
    assert found.file.endswith(file)
    assert found.line == line_of(mini / file, needle)


def test_unknown_chapter(mini: Path) -> None:
    edit(mini / "recommendations.yaml", 'chapter: "1.1"', 'chapter: "1.2"')
    (found,) = problems(mini, "unknown-ref")
    assert "chapter '1.2' is not declared" in found.message


def test_numbering_gap(mini: Path) -> None:
    edit(mini / "recommendations.yaml", "number: 2", "number: 4")
    found = problems(mini, "numbering")
    messages = " | ".join(p.message for p in found)
    assert "number 4 is outside 1..3" in messages
    assert "number(s) 2 are missing" in messages


def test_numbering_duplicate(mini: Path) -> None:
    edit(mini / "recommendations.yaml", "number: 3", "number: 2")
    messages = [p.message for p in problems(mini, "numbering")]
    assert any("already taken by 'm2'" in m for m in messages)
    assert any("3 are missing" in m for m in messages)


def test_amount_range(mini: Path) -> None:
    edit(mini / "funding.yaml", 'upper: "15 Md€"', 'upper: "2 Md€"')
    (found,) = problems(mini, "amount-range")
    assert found.line == line_of(mini / "funding.yaml", "upper:")
    assert "below the amount" in found.message


@pytest.mark.parametrize("period", ["{start: 2025, end: 2020}", '"2025/2020"'])
def test_period_order(mini: Path, period: str) -> None:
    # the 1.0 form and EDTF alike: a period running backwards is refused where it is read
    edit(mini / "funding.yaml", "    per_year: true\n", f"    per_year: true\n    period: {period}\n")
    (found,) = problems(mini, "schema")
    assert "the period ends before it starts" in found.message
    assert found.line == line_of(mini / "funding.yaml", "    period:")


def test_date_after_source(mini: Path) -> None:
    edit(mini / "funding.yaml", 'date: "2023-06"', 'date: "2024-01"')
    (found,) = problems(mini, "date-after-source")
    assert found.line == line_of(mini / "funding.yaml", '"2024-01"')
    assert "'article-test' (2023-10)" in found.message


def test_partial_dates_overlapping_are_not_after(mini: Path) -> None:
    edit(mini / "funding.yaml", 'date: "2023-06"', "date: 2023")
    assert problems(mini, "date-after-source") == []


def test_record_without_source(mini: Path) -> None:
    edit(mini / "actors.yaml", "    country: FR\n    sources:\n      - {source: article-test}\n", "    country: FR\n")
    (found,) = problems(mini, "no-source")
    assert "'etat' cites no source" in found.message


def test_unused_actor_is_a_warning_unless_context(mini: Path) -> None:
    edit(mini / "funding.yaml", "    funders: [etat]\n", "")
    (found,) = problems(mini, "unused")
    assert found.severity is Severity.WARNING and "'etat'" in found.message
    edit(mini / "actors.yaml", "    kind: state\n", "    kind: state\n    context: true\n")
    assert problems(mini, "unused") == []


def test_one_way_related_link_warns(mini: Path) -> None:
    edit(mini / "funding.yaml", "    status: announced\n", "    status: announced\n    related: [us-test]\n")
    (found,) = problems(mini, "unused")
    assert "not the reverse" in found.message


def test_invalid_record_is_not_also_a_dangling_reference(mini: Path) -> None:
    edit(mini / "funding.yaml", "status: announced", "status: promised")
    found = problems(mini)
    assert [p.rule for p in found] == ["schema"]  # not also "no funding figure has id 'plan-test'"


def test_suggestions_stop_after_a_bulk_of_unknown_ids(mini: Path) -> None:
    from iafr.rules.references import SUGGESTIONS

    typos = [f"etat{n}" for n in range(SUGGESTIONS + 5)]
    edit(mini / "funding.yaml", "funders: [etat]", f"funders: [etat, {', '.join(typos)}]")
    found = problems(mini, "unknown-ref")
    assert len(found) == len(typos)
    assert sum("did you mean 'etat'" in p.message for p in found) == SUGGESTIONS

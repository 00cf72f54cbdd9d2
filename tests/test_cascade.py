"""A record that fails its schema still counts for the cross-record rules, by the fields that
validated: one run names every problem once, and no rule reports what another problem caused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iafr.kinds import file_models
from iafr.loader import load
from iafr.problems import Severity
from tests.conftest import MINI, SAID, Invoke
from tests.test_rules import edit, line_of, problems

FILES = file_models()


def _cascade(data: Path) -> None:
    recommendations, funding = data / "recommendations.yaml", data / "funding.yaml"
    edit(recommendations, "  - id: hub-m34\n", "  - id: hub-m33\n")
    edit(
        recommendations,
        "axes: [environnement, open-source, frugalite]",
        "axes: [environnement, open-source, frugalité]",
    )
    text = funding.read_text(encoding="utf-8")
    start = text.index("  - id: brookfield-cambrai-20-mds")
    figure = (
        text[start:].replace("status: announced", "status: annonced", 1).replace("- brookfield\n", "- brookfeild\n", 1)
    )
    funding.write_text(text[:start] + figure, encoding="utf-8")


def test_cascade_example_gives_every_problem_in_one_run(corpus_copy: Path, iafr: Invoke) -> None:
    _cascade(corpus_copy)
    result = iafr("check", "--data", str(corpus_copy))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": warning: " not in line and ": " in line]
    rules = sorted(line.split(": ")[1] for line in errors if line.count(":") >= 3)
    assert rules == ["schema", "schema", "unique-id", "unknown-ref"], result.output
    assert "id 'hub-m33' is already used" in result.output
    assert "'frugalité' is not a valid id" in result.output
    assert "status: should be 'announced', " in result.output
    assert "no actor has id 'brookfeild'; did you mean 'brookfield'?" in result.output
    assert "numbering" not in result.output and "are missing" not in result.output
    assert "4 errors, " in result.output


def test_problems_come_out_once_each_sorted(corpus_copy: Path) -> None:
    _cascade(corpus_copy)
    found = problems(corpus_copy)
    assert found == sorted(set(found))
    assert [(p.file, p.line, p.column) for p in found] == sorted((p.file, p.line, p.column) for p in found)


_ETAT = "  - id: jean-zay\n    name: État français\n    kind: state\n    country: FR\n"


def test_record_with_a_bad_field_still_counts_for_unique_ids(mini: Path) -> None:
    actors = mini / "actors.yaml"
    edit(
        actors,
        "  - id: etat\n    name: État français\n    kind: state\n    country: FR\n",
        _ETAT.replace("FR", "France"),
    )
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [jean-zay]")
    found = problems(mini)
    assert sorted(p.rule for p in found) == ["schema", "unique-id"]
    (duplicate,) = [p for p in found if p.rule == "unique-id"]
    assert duplicate.line == line_of(actors, "id: jean-zay", 2)


def test_record_with_a_bad_field_still_refers(mini: Path) -> None:
    edit(mini / "funding.yaml", "status: announced", "status: promised")
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [etta]")
    errors = [p.rule for p in problems(mini) if p.severity is Severity.ERROR]
    assert sorted(errors) == ["schema", "unknown-ref"]


def test_invalid_id_is_neither_duplicate_nor_dangling_target(mini: Path) -> None:
    actors = mini / "actors.yaml"
    edit(actors, "  - id: etat\n", "  - id: Etat\n")
    other = "  - id: Etat\n    name: Autre\n    kind: state\n    sources:\n      - {source: article-test}\n"
    actors.write_text(actors.read_text(encoding="utf-8") + other, encoding="utf-8")
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [Etat]")
    found = problems(mini)
    assert [p.rule for p in found] == ["schema"] * 3, found  # the two ids, the funder: no unique-id, no unknown-ref


def test_numbering_counts_a_measure_that_failed_elsewhere(mini: Path) -> None:
    edit(mini / "recommendations.yaml", "axes: [calcul]", "axes: [Calcul]")
    assert [p.rule for p in problems(mini)] == ["schema"]


def test_numbering_skipped_when_number_failed(mini: Path) -> None:
    edit(mini / "recommendations.yaml", "number: 2\n", "number: deux\n")
    found = problems(mini)
    assert [p.rule for p in found] == ["schema"], found  # not also "number(s) 2 are missing"


def test_numbering_still_sees_duplicates_beside_a_failed_number(mini: Path) -> None:
    edit(mini / "recommendations.yaml", "number: 2\n", "number: deux\n")
    edit(mini / "recommendations.yaml", "number: 3\n", "number: 1\n")
    assert sorted(p.rule for p in problems(mini)) == ["numbering", "schema"]


def test_no_source_skipped_when_sources_failed(mini: Path) -> None:
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [etat]\n    sources: nope")
    assert "no-source" not in {p.rule for p in problems(mini)}


def _fields() -> list[tuple[str, str, str]]:
    cases = []
    for name, sections in FILES.items():
        path = MINI / name if (MINI / name).exists() else SAID / name
        data = load(path.read_text(encoding="utf-8"))
        for section, model in sections.items():
            if data.get(section):
                cases += [(name, section, field) for field in model.model_fields if field != "id"]
    return cases


@pytest.mark.parametrize(("name", "section", "field"), _fields())
def test_one_failed_field_gives_only_its_schema_error(said: Path, name: str, section: str, field: str) -> None:
    """Each field of the first record of each section made invalid (a mapping where none is
    allowed): the rules skip what needed it, and report nothing else."""
    mini = said
    path = mini / name
    data = load(path.read_text(encoding="utf-8"))
    data[section][0][field] = {"not": "valid"}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    found = problems(mini)
    assert found and {p.rule for p in found} == {"schema"}, found

"""JSON Schemas of the data files: up to date with the models, and true to what the YAML may hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from iafr.kinds import data_files
from iafr.loader import load, read_text
from iafr.schema import generate, schema_file_name
from tests.conftest import MINI, REPO_DATA, SAID, Invoke

DATA_FILES = data_files()

SCHEMAS = Path(__file__).parent.parent / "schemas"


def _validator(data_file: str) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(generate()[schema_file_name(data_file)])
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_committed_schemas_are_up_to_date() -> None:
    """A model change without 'iafr schema' would leave editors checking against old rules."""
    generated = generate()
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.schema.json")}
    assert sorted(committed) == sorted(generated), "run: iafr schema --output schemas"
    stale = [name for name, text in generated.items() if committed[name] != text]
    assert not stale, f"out of date: {stale}; run: iafr schema --output schemas"


def test_generation_is_deterministic() -> None:
    assert generate() == generate()
    for text in generate().values():
        assert text.endswith("}\n")
        assert json.loads(text)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_one_schema_per_data_file() -> None:
    assert list(generate()) == [schema_file_name(name) for name in DATA_FILES]
    recommendations = json.loads(generate()["recommendations.schema.json"])
    assert sorted(recommendations["properties"]) == ["measures", "reports"]
    assert recommendations["additionalProperties"] is False
    assert recommendations["properties"]["measures"]["items"] == {"$ref": "#/$defs/Measure"}
    corpus = json.loads(generate()["corpus.schema.json"])
    assert sorted(corpus["required"]) == ["date", "licence", "title", "version"]


@pytest.mark.parametrize("directory", [REPO_DATA, MINI], ids=["corpus", "mini"])
@pytest.mark.parametrize("data_file", DATA_FILES)
def test_valid_data_validates(directory: Path, data_file: str) -> None:
    """No false alarm in the editor: every valid file, amounts as text and dates as years included."""
    if not (directory / data_file).exists():
        directory = SAID  # the mini corpus's optional events and statements
    data = load(read_text(directory / data_file))
    errors = [error.message for error in _validator(data_file).iter_errors(data)]
    assert errors == []


def test_schema_catches_what_a_curator_mistypes() -> None:
    validator = _validator("funding.yaml")
    good = {
        "id": "x",
        "label": "Plan",
        "title_en": "Plan",
        "amount": "1,5 Md€",
        "date": 2024,
        "status": "announced",
        "kind": "public",
    }
    assert list(validator.iter_errors({"funding": [good]})) == []
    assert list(validator.iter_errors({"funding": [{**good, "amount": 1500000000, "date": "2024-06"}]})) == []
    for bad in (
        {"amuont": "1 M€"},
        {"status": "anounced"},
        {"date": "june 2024"},
        {"amount": 1.5},
        {"id": "Not A Slug"},
    ):
        assert list(validator.iter_errors({"funding": [{**good, **bad}]})), bad
    assert list(validator.iter_errors({"fundings": []}))


def test_data_files_point_at_their_schema() -> None:
    for name in DATA_FILES:
        first = (REPO_DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{schema_file_name(name)}"


def test_schema_command_writes_and_checks(iafr: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out"
    missing = iafr("schema", "--output", str(target), "--check")
    assert missing.exit_code == 1
    assert "corpus.schema.json: out of date" in missing.output

    written = iafr("schema", "--output", str(target))
    assert written.exit_code == 0, written.output
    assert "wrote 10 schemas" in written.stderr
    assert sorted(path.name for path in target.iterdir()) == sorted(generate())

    again = iafr("schema", "--output", str(target))
    assert "up to date" in again.stderr
    assert iafr("schema", "--output", str(target), "--check").exit_code == 0

    (target / "axes.schema.json").write_text("{}\n", encoding="utf-8")
    stale = iafr("schema", "--output", str(target), "--check")
    assert stale.exit_code == 1
    assert "axes.schema.json: out of date" in stale.output


def test_schema_output_must_be_a_directory(iafr: Invoke, tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    result = iafr("schema", "--output", str(file))
    assert result.exit_code == 2
    assert "is a file" in result.stderr

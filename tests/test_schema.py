"""JSON Schemas of the data files: up to date with the models, and true to what the YAML may hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from iafr.kinds import data_files
from iafr.loader import load, read_text
from iafr.schema import IDS_FILE, generate, ids_schema, schema_file_name
from tests.conftest import MINI, REPO_DATA, SAID, Invoke

DATA_FILES = data_files()

SCHEMAS = Path(__file__).parent.parent / "schemas"


def _validator(data_file: str, ids: dict[str, Any] | None = None) -> Any:
    """The data file's schema, its links resolved against ``ids`` (default: the committed ids schema)."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    from referencing.jsonschema import DRAFT7

    schema = json.loads(generate()[schema_file_name(data_file)])
    jsonschema.Draft7Validator.check_schema(schema)
    linked = ids if ids is not None else json.loads(generate()[IDS_FILE])
    jsonschema.Draft7Validator.check_schema(linked)
    registry = referencing.Registry().with_resource(IDS_FILE, DRAFT7.create_resource(linked))
    return jsonschema.Draft7Validator(schema, registry=registry)


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
    assert list(generate()) == [*(schema_file_name(name) for name in DATA_FILES), IDS_FILE]
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
    assert "wrote 11 schemas" in written.stderr  # one per data file, and the ids' schema
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


# --- ids: editors complete and check the links ------------------------------------------------------


def test_every_link_field_points_at_the_ids_it_may_name() -> None:
    funding = json.loads(generate()["funding.schema.json"])["$defs"]
    assert funding["Funding"]["properties"]["funders"]["items"] == {"$ref": f"{IDS_FILE}#/$defs/actors"}
    assert funding["Funding"]["properties"]["part_of"]["anyOf"][0] == {"$ref": f"{IDS_FILE}#/$defs/funding"}
    assert funding["SourceRef"]["properties"]["source"] == {"$ref": f"{IDS_FILE}#/$defs/sources", "title": "Source"}
    actors = json.loads(generate()["actors.schema.json"])["$defs"]
    assert actors["Relation"]["properties"]["target"]["$ref"] == f"{IDS_FILE}#/$defs/actors"
    statements = json.loads(generate()["statements.schema.json"])["$defs"]
    about = statements["Statement"]["properties"]["about"]["items"]["$ref"]
    assert about == f"{IDS_FILE}#/$defs/measures-or-funding-or-actors-or-events"


def test_the_ids_schema_of_a_corpus_completes_and_checks_its_ids() -> None:
    from iafr.validate import load_corpus

    corpus, _ = load_corpus(MINI)
    ids = ids_schema(corpus)
    assert ids["$defs"]["actors"] == {"type": "string", "enum": ["etat", "hub-test", "jean-zay"]}
    validator = _validator("funding.yaml", ids)
    figure = {"id": "x", "label": "P", "title_en": "P", "status": "announced", "kind": "public", "amount": 1}
    assert list(validator.iter_errors({"funding": [{**figure, "funders": ["etat"]}]})) == []
    (error,) = validator.iter_errors({"funding": [{**figure, "funders": ["etta"]}]})
    assert "'etta' is not one of ['etat', 'hub-test', 'jean-zay']" in error.message
    assert list(_validator("funding.yaml").iter_errors({"funding": [{**figure, "funders": ["etta"]}]})) == []


def test_schema_ids_writes_the_corpus_ids_and_check_accepts_them(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    result = iafr("schema", "--output", str(target), "--ids", "--data", str(mini))
    assert result.exit_code == 0, result.output
    written = json.loads((target / IDS_FILE).read_text(encoding="utf-8"))
    assert written["$defs"]["axes"]["enum"] == ["calcul", "environnement", "frugalite"]
    assert iafr("schema", "--output", str(target), "--check", "--data", str(mini)).exit_code == 0
    edit_actor = (mini / "actors.yaml").read_text(encoding="utf-8").replace("id: hub-test", "id: hub-autre")
    (mini / "actors.yaml").write_text(edit_actor, encoding="utf-8")
    stale = iafr("schema", "--output", str(target), "--check", "--data", str(mini))
    assert stale.exit_code == 1 and f"{target / IDS_FILE}: out of date" in stale.stdout
    assert iafr("schema", "--output", str(target)).exit_code == 0  # any id again
    assert iafr("schema", "--output", str(target), "--check", "--data", str(mini)).exit_code == 0

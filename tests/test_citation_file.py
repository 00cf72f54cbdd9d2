"""CITATION.cff: valid Citation File Format 1.2.0 (its schema is vendored in tests/vendor), and
saying the versions, date, titles and licences the code and the corpus say."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from iafr import __version__
from iafr.loader import load
from iafr.publication import named_licence
from tests.conftest import REPO_DATA

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "vendor" / "cff-schema.json").read_text(encoding="utf-8"))


def _as_text(value: Any) -> Any:
    """YAML dates as strings, as the schema asks of validators."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return value


def citation() -> dict[str, Any]:
    document: dict[str, Any] = _as_text(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")))
    return document


def test_citation_file_is_valid_cff() -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(citation())


def test_citation_file_says_what_the_code_and_the_corpus_say() -> None:
    document = citation()
    corpus = load((REPO_DATA / "corpus.yaml").read_text(encoding="utf-8"))
    assert document["version"] == __version__ and document["license"] == "MIT"
    (data,) = [reference for reference in document["references"] if reference["type"] == "data"]
    licence = named_licence(corpus["licence"])
    assert licence is not None
    assert (data["title"], data["version"], data["date-released"]) == (
        corpus["title"],
        corpus["version"],
        str(corpus["date"]),
    )
    assert (data["license"], data["notes"]) == (licence.spdx, corpus["licence"])

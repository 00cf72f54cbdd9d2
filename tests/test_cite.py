"""``iafr cite`` and ``iafr sources --format csl-json|bibtex``: citations true to the bibliography,
valid CSL-JSON (against its schema, vendored in tests/vendor) and BibTeX a real parser reads."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
from typer.testing import CliRunner, Result

from iafr.cli import app
from iafr.cli.publish_commands import BibliographyFormat
from iafr.loader import load
from iafr.render.citations import CITATION_RENDERERS, CitationFormat
from iafr.render.listing import ListingFormat
from tests.conftest import REPO_DATA

README = Path(__file__).resolve().parent.parent / "README.md"
CSL_SCHEMA = json.loads((Path(__file__).parent / "vendor" / "csl-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the shipped corpus and its database, built once for the module."""
    root = tmp_path_factory.mktemp("cite")
    shutil.copytree(REPO_DATA, root / "corpus", ignore=shutil.ignore_patterns("*.md", "__init__.py"))
    return root / "corpus", root / "iafr.db"


def run(shipped: tuple[Path, Path], *args: str) -> Result:
    data, db = shipped
    return CliRunner().invoke(app, [*args, "--data", str(data), "--db", str(db)], catch_exceptions=False)


def bibliography() -> dict[str, dict[str, Any]]:
    """The shipped sources.yaml, as recorded."""
    document = load((REPO_DATA / "sources.yaml").read_text(encoding="utf-8"))
    return {source["id"]: source for source in document["sources"]}


def citable_ids() -> list[str]:
    ids: list[str] = []
    for name, section in (("recommendations.yaml", "measures"), ("actors.yaml", "actors"), ("funding.yaml", "funding")):
        ids += [record["id"] for record in load((REPO_DATA / name).read_text(encoding="utf-8"))[section]]
    reports = load((REPO_DATA / "recommendations.yaml").read_text(encoding="utf-8"))["reports"]
    return [*ids, *(report["id"] for report in reports), *bibliography()]


def test_every_format_has_a_renderer_and_sources_takes_the_citations() -> None:
    assert set(CITATION_RENDERERS) == set(CitationFormat)
    assert {fmt.value for fmt in BibliographyFormat} == {fmt.value for fmt in ListingFormat} | (
        {fmt.value for fmt in CitationFormat} - {CitationFormat.TEXT.value}
    )


# --- what people read ---------------------------------------------------------------------------

HUB_M33 = """\
Hub France IA (2024). Intelligence Artificielle Générative : 40 mesures de l'écosystème IA. Report. https://www.hub-franceia.fr
  §5, mesure 33: « mettre en place des systèmes automatiques pour orienter vers des modèles pertinents et frugaux »
"""

MACRON_BIBTEX = """\
@misc{article-france-brille-ia,
  title = {{Pourquoi la France brille en IA sans que personne ne s’en rende vraiment compte}},
  year = {2025},
  month = feb,
  langid = {french},
  note = {§ « Le projet Stargate à la française », §1: « La veille de l’ouverture, au Grand Palais, du Sommet pour l’action sur l’IA, sorte de forum diplomatique autour des IA, il a annoncé 109 milliards d’euros d’investissements privés dédiés aux IA. »; § « Le projet Stargate à la française », §2: « cet argent servira également essentiellement à la construction d’infrastructures pour les IA »},
}
"""  # noqa: E501 - an exact expected output


def test_cite_prints_the_reference_and_the_passage(shipped: tuple[Path, Path]) -> None:
    result = run(shipped, "cite", "hub-m33")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == HUB_M33


def test_two_passages_of_one_source_make_one_entry(shipped: tuple[Path, Path]) -> None:
    result = run(shipped, "cite", "macron-109-mds-investissements-prives", "--format", "bibtex")
    assert result.exit_code == 0
    assert result.stdout == MACRON_BIBTEX


def _readme_examples() -> list[tuple[list[str], str]]:
    """Each ``$ iafr cite …`` of the README's console blocks, with what it prints there."""
    text = README.read_text(encoding="utf-8")
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        if block.startswith("$ iafr cite "):
            command, _, output = block.partition("\n")
            examples.append((command.removeprefix("$ iafr ").split(), output))
    return examples


def test_the_readme_shows_cite_exactly_as_it_prints(shipped: tuple[Path, Path]) -> None:
    examples = _readme_examples()
    assert [" ".join(args) for args, _ in examples] == [
        "cite hub-m33",
        "cite macron-109-mds-investissements-prives --format bibtex",
    ]
    for args, output in examples:
        assert run(shipped, *args).stdout == output, args


# --- nothing invented ---------------------------------------------------------------------------


def _csl(shipped: tuple[Path, Path], *args: str) -> list[dict[str, Any]]:
    result = run(shipped, *args, "--format", "csl-json")
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = json.loads(result.stdout)
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(items)
    return items


def test_the_bibliography_as_csl_json_is_valid_and_as_recorded(shipped: tuple[Path, Path]) -> None:
    recorded = bibliography()
    items = _csl(shipped, "sources")
    assert sorted(item["id"] for item in items) == sorted(recorded)
    for item in items:
        source = recorded[item["id"]]
        assert item["title"] == source["title"]
        assert item.get("URL") == source.get("url")
        assert item.get("author") == ([{"literal": source["author"]}] if source.get("author") else None)
        publisher = item.get("publisher", item.get("container-title"))
        assert publisher == source.get("publisher")
        date = str(source["date"]) if "date" in source else None
        assert item.get("issued") == ({"date-parts": [[int(part) for part in date.split("-")]]} if date else None)
        assert "note" not in item  # the bibliography cites no passage


def test_every_citation_of_the_corpus_is_valid_csl_json(shipped: tuple[Path, Path]) -> None:
    for record_id in citable_ids():
        for item in _csl(shipped, "cite", record_id):
            assert item["title"] == bibliography()[item["id"]]["title"]


def _bibtex(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []  # a syntax error or a duplicate key would be one
    return {entry.key: {field.key: field.value for field in entry.fields} | {"@": entry.entry_type}
            for entry in library.entries}  # fmt: skip


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def test_the_bibliography_as_bibtex_parses_and_is_as_recorded(shipped: tuple[Path, Path]) -> None:
    result = run(shipped, "sources", "--format", "bibtex")
    assert result.exit_code == 0
    entries = _bibtex(result.stdout)
    recorded = bibliography()
    assert sorted(entries) == sorted(recorded)
    for key, entry in entries.items():
        source = recorded[key]
        assert entry["title"] == "{" + _tex(source["title"]) + "}"
        assert entry.get("url") == source.get("url")
        assert entry.get("author") == ("{" + _tex(source["author"]) + "}" if source.get("author") else None)
        assert entry.get("year") == (str(source["date"])[:4] if "date" in source else None)
        assert entry["@"] in {"article", "techreport", "misc"}


def test_every_citation_of_the_corpus_parses_as_bibtex(shipped: tuple[Path, Path]) -> None:
    for record_id in citable_ids():
        result = run(shipped, "cite", record_id, "--format", "bibtex")
        assert result.exit_code == 0, record_id
        assert set(_bibtex(result.stdout)) <= set(bibliography()), record_id


def test_special_characters_are_escaped_for_tex() -> None:
    from iafr.citations import Passage, Reference
    from iafr.render.bibtex import render_bibtex

    source = {"id": "x", "kind": "report", "title": "R&D: 100% {of} $5 #1 a_b ~ ^", "author": None,
              "publisher": None, "date": "2023-06-14", "language": "xx", "url": "https://e.org/{a}"}  # fmt: skip
    text = render_bibtex([Reference(source, (Passage("50 % & plus", None),))])
    (entry,) = _bibtex(text).values()
    assert entry["title"] == r"{R\&D: 100\% \{of\} \$5 \#1 a\_b \textasciitilde{} \textasciicircum{}}"
    assert entry["note"] == r"« 50 \% \& plus »" and entry["url"] == "https://e.org/%7Ba%7D"
    assert (entry["year"], entry["month"], entry["date"]) == ("2023", "jun", "2023-06-14") and "langid" not in entry


# --- bad input ----------------------------------------------------------------------------------


def test_an_unknown_id_is_one_line_and_exit_2(shipped: tuple[Path, Path]) -> None:
    result = run(shipped, "cite", "hub-m333")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("iafr: no record has id 'hub-m333'; did you mean hub-m33, ")
    assert result.stderr.count("\n") == 1


def test_an_axis_cites_nothing(shipped: tuple[Path, Path]) -> None:
    result = run(shipped, "cite", "frugalite")
    assert (
        result.exit_code == 2
        and result.stderr.count("\n") == 1
        and "is one of the axes, which cite no source" in result.stderr
    )


def test_a_source_cites_itself_and_a_shared_id_both(shipped: tuple[Path, Path]) -> None:
    items = _csl(shipped, "cite", "hub-france-ia-40-mesures")  # a report and its document
    assert items[0]["id"] == "hub-france-ia-40-mesures" and "note" in items[0]
    assert [item["id"] for item in _csl(shipped, "cite", "nist-ai-100-2e2023")] == ["nist-ai-100-2e2023"]

"""A new kind of record needs its declaration only: a throwaway kind (tests/kinds_fixture.py),
declared in a test, reaches check, build, search, show, cite, diff, the timeline, the export
and Datasette's metadata, with no other file of iafr knowing it exists."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI

REPO = Path(__file__).resolve().parent.parent
FRICTIONLESS = Path(sys.executable).with_name("frictionless")
NOTES = """\
notes:
  - id: note-calcul
    title: Remarque sur le supercalculateur frugal
    author: jean-zay
    about: [m1, etat]
    written: "2023-09"
    sources:
      - source: article-test
        quote: "investit dans l'IA"
"""
RUN = "import sys; import tests.kinds_fixture; from iafr.cli import main; sys.argv[0] = 'iafr'; main()"


def iafr_with_notes(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a process where the throwaway kind was declared before anything else."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], cwd=cwd or REPO, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def noted(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "notes.yaml").write_text(NOTES, encoding="utf-8")
    return data


def run(noted: Path, *args: str) -> subprocess.CompletedProcess[str]:
    store = () if args[0] == "check" else ("--db", str(noted.parent / "notes.db"))
    return iafr_with_notes(*args, "--data", str(noted), *store)


def test_check_and_build_carry_the_new_kind(noted: Path) -> None:
    assert run(noted, "check").returncode == 0
    built = run(noted, "build")
    assert built.returncode == 0, built.stderr


def test_a_dangling_link_of_the_new_kind_is_a_located_error(noted: Path) -> None:
    path = noted / "notes.yaml"
    path.write_text(NOTES.replace("author: jean-zay", "author: jean-zy").replace("[m1, etat]", "[m1, etta]"), "utf-8")
    result = run(noted, "check")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "unknown-ref" in line]
    assert len(lines) == 2, result.stdout
    assert f"{path}:4:13: unknown-ref: no actor has id 'jean-zy'; did you mean 'jean-zay'?" in lines
    assert f"{path}:5:17: unknown-ref: no measure or actor has id 'etta'; did you mean 'etat'?" in lines
    # and the build refuses the data, never meeting a foreign-key failure
    assert run(noted, "build").returncode == 1


def test_empty_sources_of_the_new_kind_are_an_error(noted: Path) -> None:
    path = noted / "notes.yaml"
    text = NOTES.split("    sources:")[0] + "    sources: []\n"
    path.write_text(text, encoding="utf-8")
    result = run(noted, "check")
    assert result.returncode == 1
    assert "note 'note-calcul' cites no source" in result.stdout


def test_search_show_cite_and_the_timeline_carry_the_new_kind(noted: Path) -> None:
    found = json.loads(run(noted, "search", "supercalculateur frugal", "--format", "json").stdout)
    assert ("note", "note-calcul") in [(hit["type"], hit["id"]) for hit in found]
    (page,) = json.loads(run(noted, "show", "note-calcul", "--format", "json").stdout)
    assert page["type"] == "note" and page["author"] == "jean-zay"
    assert [row["id"] for row in page["about"]] == ["m1", "etat"]
    assert page["sources"][0]["quote"] == "investit dans l'IA"
    (actor,) = json.loads(run(noted, "show", "jean-zay", "--format", "json").stdout)
    assert [row["id"] for row in actor["notes_written"]] == ["note-calcul"]
    (state,) = json.loads(run(noted, "show", "etat", "--format", "json").stdout)
    assert [row["id"] for row in state["notes_about_it"]] == ["note-calcul"]
    cited = run(noted, "cite", "note-calcul")
    assert cited.returncode == 0 and "Article de test" in cited.stdout
    dated = json.loads(run(noted, "timeline", "--format", "json").stdout)
    assert {"type": "note", "id": "note-calcul", "when": "2023-09"}.items() <= next(
        record for record in dated if record["id"] == "note-calcul"
    ).items()


def test_diff_shows_a_change_to_the_new_kind(noted: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed"
    shutil.copytree(noted, changed)
    path = changed / "notes.yaml"
    path.write_text(path.read_text("utf-8").replace("supercalculateur frugal", "supercalculateur sobre"), "utf-8")
    result = iafr_with_notes("diff", "--format", "json", str(noted), str(changed))
    assert result.returncode == 1, result.stderr
    (change,) = json.loads(result.stdout)["entities"]["notes"]["changed"]
    assert change["id"] == "note-calcul" and change["fields"][0]["field"] == "title"


def test_the_export_and_datasette_describe_the_new_kind(noted: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    assert run(noted, "export", str(package)).returncode == 0
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert (resources["notes"]["description"], resources["notes"]["description_en"]) == (
        "Les notes des curateurs.",
        "Curators' notes.",
    )
    assert resources["note_about"]["description_en"] == "What each note is about."
    validated = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(package / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(validated.stdout)["valid"], validated.stdout[:3000]
    site = tmp_path / "site"
    assert run(noted, "serve", "--export", str(site)).returncode == 0
    tables = json.loads((site / "metadata.json").read_text("utf-8"))["databases"]["iafr"]["tables"]
    assert (
        "Les notes des curateurs." in tables["notes"]["description_html"]
        and "Curators&#x27; notes." in tables["notes"]["description_html"]
    )
    assert "note_about" in tables

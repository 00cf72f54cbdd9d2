"""The synonym list (data/synonyms.yaml): optional, validated like the other files, with places."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Invoke


def test_the_shipped_list_and_a_corpus_without_one_are_clean(iafr: Invoke, mini: Path) -> None:
    assert iafr("check", "--strict").exit_code == 0
    (mini / "synonyms.yaml").unlink()
    assert iafr("check", "--strict", "--data", str(mini)).exit_code == 0


@pytest.mark.parametrize(
    ("synonyms", "expected"),
    [
        (
            "  - id: s\n    terms: [seul]\n    note: n\n",
            "synonyms.yaml:3:12: schema: terms: List should have at least 2 items",
        ),
        (
            "  - id: s\n    terms: [Start-up, start up]\n    note: n\n",
            "synonyms.yaml:3:12: schema: terms: terms 'Start-up' and 'start up' are the same words for a search",
        ),
        ("  - id: s\n    terms: [a, '***']\n    note: n\n", "holds no word to search for"),
        ("  - id: s\n    terms: [a, b]\n", "synonyms.yaml:2:5: schema: missing required field 'note'"),
        ("  - id: s\n    terms: [a, b]\n    note: n\n    sens: x\n", "unknown field 'sens'"),
        (
            "  - id: s\n    terms: [a, b]\n    note: n\n  - id: t\n    terms: [c, A]\n    note: n\n",
            "synonyms.yaml:6:16: synonym-term: 'A' is already a term of synonym group 's' ('a'); merge the two",
        ),
    ],
)
def test_the_synonym_list_is_checked_with_places(iafr: Invoke, mini: Path, synonyms: str, expected: str) -> None:
    (mini / "synonyms.yaml").write_text("synonyms:\n" + synonyms, "utf-8")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1, result.output
    assert expected in result.output


def test_diff_shows_a_changed_synonym_group(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(mini, new)
    path = new / "synonyms.yaml"
    path.write_text(path.read_text("utf-8").replace("jeune pousse]", "jeune pousse, jeune entreprise]"), "utf-8")
    result = iafr("diff", str(mini), str(new))
    assert result.exit_code == 1, result.output
    assert "synonym groups: +0 −0 ~1" in result.stdout and "terms: +jeune entreprise" in result.stdout

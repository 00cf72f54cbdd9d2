"""Golden outputs of ``iafr search`` on the shipped corpus at 60, 100 and 140 columns.

Each case is compared byte for byte with ``tests/golden/search/NAME.WIDTH.txt``; read the files
when they change. Refresh them all with one command (then copy ai-act.100.txt into the README's
search example, which a test compares with it):

    IAFR_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/test_search_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iafr.cli import app
from tests.conftest import REPO_DATA

GOLDEN = Path(__file__).parent / "golden" / "search"
WIDTHS = (60, 100, 140)
CASES = {
    "datacenter": ["datacenter"],
    "ai-act": ['"AI Act"'],
    "souverain": ["souverain", "--limit", "6"],
}
MARKDOWN = {"droit-d-auteur": ["droit d'auteur", "--format", "md"]}  # Markdown has no width


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(REPO_DATA, root / "data", ignore=shutil.ignore_patterns("*.md", "*.py"))
    return root / "data", root / "iafr.db"


def _output(shipped: tuple[Path, Path], args: list[str], width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    data, db = shipped
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, ["search", *args, "--data", str(data), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("IAFR_REFRESH_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.is_file(), f"{path} is missing: refresh with IAFR_REFRESH_GOLDEN=1"
    assert text == path.read_text("utf-8"), f"{name} changed: read the difference, then refresh"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", list(CASES))
def test_search_tables(shipped: tuple[Path, Path], case: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _output(shipped, CASES[case], width, monkeypatch)
    assert all(len(line) <= width for line in text.splitlines()), "a line is wider than the terminal"
    _compare(f"{case}.{width}.txt", text)


@pytest.mark.parametrize("case", list(MARKDOWN))
def test_search_markdown(shipped: tuple[Path, Path], case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(f"{case}.md", _output(shipped, MARKDOWN[case], 100, monkeypatch))


def test_the_readme_shows_the_golden_output() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    command = "$ iafr search '\"AI Act\"'\n"
    start = readme.index(command) + len(command)
    assert readme[start : readme.index("```", start)] == (GOLDEN / "ai-act.100.txt").read_text("utf-8")

"""Input that is ambiguous or wrong is refused with its place; output cannot carry live content."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from iafr.check import check_data
from iafr.render.csv import render_csv
from tests.conftest import Invoke
from tests.test_rules import edit, line_of


def found(data: Path, rule: str) -> list[str]:
    _, problems = check_data(data)
    return [f"{p.line}: {p.message}" for p in problems if p.rule == rule]


def test_a_record_in_its_own_related_is_an_error(mini: Path) -> None:
    path = mini / "funding.yaml"
    edit(path, "  - id: plan-test\n", "  - id: plan-test\n    related: [plan-test]\n")
    expected = f"{line_of(path, 'related: [plan-test]')}: 'plan-test' names itself in its related"
    assert found(mini, "self-link") == [expected]


def test_an_actor_related_to_itself_is_an_error(mini: Path) -> None:
    path = mini / "actors.yaml"
    edit(path, "{type: part-of, target: hub-test}", "{type: part-of, target: jean-zay}")
    expected = f"{line_of(path, 'target: jean-zay')}: 'jean-zay' names itself as the target of one of its relations"
    assert found(mini, "self-link") == [expected]


def test_a_date_after_the_corpus_date_is_an_error_even_with_an_undated_source(mini: Path) -> None:
    # sources' dates catch a 2031 only when they are dated: the corpus date always can
    edit(mini / "funding.yaml", 'date: "2023-06"', 'date: "2031"')
    (message,) = found(mini, "date-in-future")
    assert "date 2031 is after the corpus date (2026-01-15)" in message


@pytest.mark.parametrize("code", ["200D", "200B", "2060", "FEFF", "2028"])
def test_invisible_characters_in_names_are_refused_with_their_place(mini: Path, iafr: Invoke, code: str) -> None:
    path = mini / "actors.yaml"
    text = path.read_text("utf-8")
    name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    indent = name[: name.index("name:")]
    path.write_text(text.replace(name, f'{indent}name: "Ab\\u{code}cd"'), "utf-8")  # a YAML escape
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(path.read_text("utf-8").splitlines(), 1) if f"u{code}" in row)
    assert f"actors.yaml:{line}:" in result.stdout and f"U+{code}) at character 3" in result.stdout


def test_names_match_after_normalisation(iafr: Invoke, mini: Path) -> None:
    plain = iafr("funding", "--actor", "etat", "--format", "csv", data=mini).stdout
    assert iafr("funding", "--actor", "e\u200dtat", "--format", "csv", data=mini).stdout == plain


def test_csv_cells_that_a_spreadsheet_would_run_are_text() -> None:
    records = [{"id": "x", "title": title} for title in ("=HYPERLINK(\"http://e\")", "+cmd|' /C calc'!A0", "@SUM(1)",
                                                          "-2+3", "\tx", "plain")]  # fmt: skip
    rows = list(csv.reader(io.StringIO(render_csv(records))))
    assert [row[1] for row in rows[1:]] == ["'=HYPERLINK(\"http://e\")", "'+cmd|' /C calc'!A0", "'@SUM(1)", "'-2+3",
                                            "'\tx", "plain"]  # fmt: skip
    raw = list(csv.reader(io.StringIO(render_csv(records, raw=True))))
    assert raw[1][1] == '=HYPERLINK("http://e")'


def test_raw_csv_through_the_cli(iafr: Invoke, mini: Path) -> None:
    edit(mini / "recommendations.yaml", "title: Frugalité des modèles", 'title: "=1+1"')
    assert "'=1+1" in iafr("measures", "--format", "csv", data=mini).stdout
    assert ",=1+1," in iafr("measures", "--format", "csv", "--raw-csv", data=mini).stdout


def test_a_thousand_repeats_of_an_option_are_one_filter(iafr: Invoke, mini: Path) -> None:
    once = iafr("measures", "--axis", "frugalite", "--format", "csv", data=mini)
    repeated = iafr("measures", *["--axis", "frugalite"] * 1200, "--format", "csv", data=mini)
    assert repeated.exit_code == 0, repeated.output
    assert repeated.stdout == once.stdout
    both = iafr("measures", "--axis", "frugalite", "--axis", "environnement", "--format", "csv", data=mini).stdout
    assert len(both.splitlines()) <= len(once.stdout.splitlines())  # AND: never more than one axis alone


def test_escapes_in_a_db_side_never_reach_the_terminal(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    with sqlite3.connect(db) as connection:  # a database tampered with after iafr wrote it
        connection.execute("UPDATE measures SET title = 'Clear\x1b[2J\x1b]8;;http://evil\x07here' WHERE id = 'm1'")
    for fmt in ("table", "md", "json"):
        result = iafr("diff", str(db), str(mini), "--format", fmt)
        assert result.exit_code == 1, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "Clear\ufffd[2J" in result.stdout or "Clear\\ufffd[2J" in result.stdout or fmt == "md"


def test_escapes_in_a_data_directory_name_never_reach_the_terminal(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    import shutil

    odd = tmp_path / "da\x1b[31mta"
    shutil.copytree(mini, odd)
    (odd / "funding.yaml").write_text("funding: [", "utf-8")
    result = iafr("check", "--data", str(odd))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "da\ufffd[31mta" in result.stdout


@pytest.mark.parametrize(
    "title", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[click](http://evil.example)"]
)
def test_markdown_never_carries_live_links_or_html_from_data(iafr: Invoke, mini: Path, title: str) -> None:
    edit(mini / "recommendations.yaml", "title: Frugalité des modèles", f"title: '{title}'")
    for args in (["measures", "--format", "md"], ["show", "m2", "--format", "md"]):
        out = iafr("--lang", "fr", *args, data=mini).stdout  # the French title, where the markup is
        assert not re.search(r"(?<!\\)<(script|img)", out), args  # every "<" from data escaped
        assert not re.search(r"(?<!\\)\]\(", out) and "http://evil" not in out, args  # no link, no bare URL
        assert "\\<script\\>" in out or "\\<img" in out or "\\[click\\]" in out, args


@pytest.mark.parametrize("number", ["-9.191", "-3", "-0.5"])
def test_a_negative_number_stays_a_number(number: str) -> None:
    rows = list(csv.reader(io.StringIO(render_csv([{"rank": number}]))))
    assert rows[1] == [number]  # no leading ': a number calls nothing


@pytest.mark.parametrize("formula", ["-2+3", "-1e3", "-9.1,A1", "-A1", "- 3"])
def test_anything_else_starting_with_minus_is_text(formula: str) -> None:
    rows = list(csv.reader(io.StringIO(render_csv([{"value": formula}]))))
    assert rows[1] == ["'" + formula]

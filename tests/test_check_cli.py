"""``iafr check`` and ``iafr build`` through the CLI: messages, formats and exit codes."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iafr.problems import Problem, Severity
from iafr.render.problems import PROBLEM_RENDERERS, ProblemFormat, render_github
from iafr.store import SCHEMA_VERSION
from tests.conftest import Invoke, fail_reading
from tests.test_rules import edit, line_of


def test_every_problem_format_has_a_renderer() -> None:
    assert set(PROBLEM_RENDERERS) == set(ProblemFormat)


def break_four_ways(data: Path) -> None:
    """A duplicate key, a misspelt field, a dangling actor and a numbering gap."""
    edit(data / "sources.yaml", "    kind: report\n", "    kind: report\n    kind: study\n")
    edit(data / "actors.yaml", "    description: Supercalculateur.", "    descripton: Supercalculateur.")
    edit(data / "funding.yaml", "funders: [etat]", "funders: [etta]")
    edit(data / "recommendations.yaml", "number: 3", "number: 4")


def test_four_mistakes_are_each_named_with_file_and_line(iafr: Invoke, mini: Path) -> None:
    edit(mini / "actors.yaml", "    description: Supercalculateur.", "    descripton: Supercalculateur.")
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [etta]")
    edit(mini / "recommendations.yaml", "number: 3", "number: 4")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    out = result.stdout
    assert f"actors.yaml:{line_of(mini / 'actors.yaml', 'descripton')}:5: schema: unknown field 'descripton'" in out
    assert "(did you mean 'description'?)" in out
    assert f"funding.yaml:{line_of(mini / 'funding.yaml', 'etta')}:15: unknown-ref: no actor has id 'etta'" in out
    assert "did you mean 'etat'?" in out
    assert f"recommendations.yaml:{line_of(mini / 'recommendations.yaml', 'number: 4')}:13: numbering:" in out
    assert "number(s) 3 are missing" in out


def test_all_four_mistakes_in_one_copy_are_each_named(iafr: Invoke, mini: Path) -> None:
    break_four_ways(mini)
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    out = result.stdout
    second = line_of(mini / "sources.yaml", "kind: study")
    # a repeated key is reported with both lines, and the rest of the file still loads, so the
    # cross-file rules run in the same pass
    assert f"sources.yaml:{second}:5: duplicate-key: duplicate key 'kind' (first on line {second - 1})" in out
    assert f"actors.yaml:{line_of(mini / 'actors.yaml', 'descripton')}:5: schema: unknown field 'descripton'" in out
    assert f"funding.yaml:{line_of(mini / 'funding.yaml', 'etta')}:15: unknown-ref: no actor has id 'etta'" in out
    assert f"recommendations.yaml:{line_of(mini / 'recommendations.yaml', 'number: 4')}:13: numbering:" in out
    assert "4 errors, " in out or "5 errors, " in out  # number 4 is also outside 1..3


def test_json_format_lists_problems(iafr: Invoke, mini: Path) -> None:
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [etta]")
    result = iafr("check", "--data", str(mini), "--format", "json")
    assert result.exit_code == 1
    (problem,) = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert problem["rule"] == "unknown-ref" and problem["severity"] == "error"
    assert problem["file"].endswith("funding.yaml") and problem["line"] > 0 and problem["column"] > 0


def test_github_format_annotates(iafr: Invoke, mini: Path) -> None:
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [etta]")
    result = iafr("check", "--data", str(mini), "--format", "github")
    assert result.exit_code == 1
    line = line_of(mini / "funding.yaml", "etta")
    expected = f"::error file={mini / 'funding.yaml'},line={line},col=15,title=iafr unknown-ref::no actor has id"
    assert any(row.startswith(expected) for row in result.stdout.splitlines())
    assert "::warning file=" in result.stdout  # 'etat' is now unused


# a file name a pull request chose: an escape sequence (clear screen, set title, BEL), a C1 CSI,
# a bidi override, a carriage return and a newline followed by a forged workflow command
HOSTILE_NAME = "evil\x1b[2J\x1b]0;pwn\x07\x9b31m\u202e\r\n::error file=funding.yaml::forged.yaml"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


def test_github_format_escapes_control_characters_of_file_names_as_text_does(iafr: Invoke, mini: Path) -> None:
    (mini / HOSTILE_NAME).write_text("x: 1\n", encoding="utf-8")
    github = iafr("check", "--data", str(mini), "--format", "github")
    assert github.exit_code == 0, github.output  # an unknown file is a warning
    (line,) = github.stdout.splitlines()
    assert not FORBIDDEN.search(github.stdout)
    shown = "evil\ufffd[2J\ufffd]0;pwn\ufffd\ufffd31m\ufffd\ufffd%0A%3A%3Aerror file=funding.yaml%3A%3Aforged.yaml"
    assert line.startswith(f"::warning file={mini}/{shown},title=iafr unknown-file::evil\ufffd[2J")
    text = iafr("check", "--data", str(mini))
    assert "evil\ufffd[2J\ufffd]0;pwn\ufffd\ufffd31m\ufffd\ufffd" in text.stdout  # the same replacement


def test_text_format_keeps_a_problem_on_one_line_whatever_the_file_name(iafr: Invoke, mini: Path) -> None:
    (mini / HOSTILE_NAME).write_text("x: 1\n", encoding="utf-8")
    text = iafr("check", "--data", str(mini))
    (warning, summary) = text.stdout.splitlines()
    assert "\ufffd\ufffd::error file=funding.yaml::forged.yaml: unknown-file: warning: evil" in warning
    assert summary == "0 errors, 1 warning"
    assert not FORBIDDEN.search(text.stdout)


PROBLEM_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(st.lists(st.builds(Problem, PROBLEM_TEXT, st.integers(0, 9), st.integers(0, 9), PROBLEM_TEXT,
                          st.sampled_from(Severity), PROBLEM_TEXT), max_size=5))  # fmt: skip
def test_github_annotations_are_one_line_each_and_carry_no_control_character(problems: list[Problem]) -> None:
    rendered = render_github(problems)
    lines = rendered.splitlines()
    assert len(lines) == len(problems) and rendered.count("\n") == len(problems)
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert not FORBIDDEN.search(rendered)


def test_warnings_fail_only_with_strict(iafr: Invoke, mini: Path) -> None:
    edit(mini / "funding.yaml", "    funders: [etat]\n", "")
    relaxed = iafr("check", "--data", str(mini))
    assert relaxed.exit_code == 0 and "unused: warning: actor 'etat'" in relaxed.stdout
    assert iafr("check", "--data", str(mini), "--strict").exit_code == 1


def test_missing_data_dir_is_a_usage_error(iafr: Invoke, tmp_path: Path) -> None:
    result = iafr("check", "--data", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert iafr("check", "--data", str(empty)).exit_code == 2


def test_bad_option_is_a_usage_error(iafr: Invoke, mini: Path) -> None:
    assert iafr("check", "--data", str(mini), "--format", "xml").exit_code == 2
    assert iafr("check", "--bogus").exit_code == 2


def test_unreadable_file_is_an_environment_failure(iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    if os.geteuid() == 0:  # root reads anything: a read that fails as a bad disk does instead
        fail_reading(monkeypatch, mini / "axes.yaml")
    else:
        (mini / "axes.yaml").chmod(0)
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 3, result.output
    assert "axes.yaml" in result.stderr and "Traceback" not in result.output


def test_missing_file_is_a_data_error(iafr: Invoke, mini: Path) -> None:
    (mini / "axes.yaml").unlink()
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1 and "axes.yaml: missing-file" in result.stdout


def test_build_writes_inspectable_database(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    connection = sqlite3.connect(db)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "measures",
        "actors",
        "funding",
        "sources",
        "axes",
        "reports",
        "measure_axes",
        "measure_actors",
        "funding_actors",
        "record_sources",
        "measures_fts",
        "iafr_meta",
    } <= tables
    foreign = connection.execute('SELECT "table", "from" FROM pragma_foreign_key_list(\'measure_axes\')').fetchall()
    assert ("axes", "axis_id") in foreign and ("measures", "measure_id") in foreign
    indexes = {row[1] for row in connection.execute("PRAGMA index_list('funding')")}
    assert any("year" in name for name in indexes)
    hits = connection.execute("SELECT rowid FROM measures_fts WHERE measures_fts MATCH 'frugalite'").fetchall()
    assert len(hits) == 1  # accents ignored: the text says "Frugalité"
    amount = connection.execute("SELECT amount_minor, typeof(amount_minor) FROM funding WHERE id = 'plan-test'")
    assert amount.fetchone() == (150000000000, "integer")
    meta = dict(connection.execute("SELECT key, value FROM iafr_meta").fetchall())
    assert (
        meta["schema_version"] == SCHEMA_VERSION
        and len(meta["content_hash"]) == 64
        and meta["corpus_version"] == "0.0.1"
    )


def test_build_refuses_invalid_data_and_keeps_old_database(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    before = db.read_bytes()
    edit(mini / "funding.yaml", "funders: [etat]", "funders: [etta]")
    result = iafr("build", "--data", str(mini), "--db", str(db))
    assert result.exit_code == 1
    assert "funding.yaml:" in result.stderr and "unknown-ref" in result.stderr
    assert db.read_bytes() == before


def test_unwritable_database_is_an_environment_failure(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = iafr("build", "--data", str(mini), "--db", str(blocker / "x.db"))
    assert result.exit_code == 3 and "cannot write the database" in result.stderr


def test_env_vars_choose_data_and_db(mini: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from iafr.cli import app

    db = tmp_path / "env.db"
    monkeypatch.setenv("IAFR_DATA", str(mini))
    monkeypatch.setenv("IAFR_DB", str(db))
    result = CliRunner().invoke(app, ["measures", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.count("\n") == 4
    assert db.exists()


def test_help_for_every_command(iafr: Invoke) -> None:
    from iafr.cli import app

    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        result = iafr(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout, name

"""Hostile YAML: every door the issue names, closed with both parsers and through ``iafr check``.

Loader-level cases run with the C and the pure parser; the dangerous ones (alias bombs, deep
nesting) run in a child process under a memory cap and a timeout; the file-level ones go through
the real CLI and check that the message names the file, and the line and column when there is one.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iafr import loader
from iafr.loader import YamlProblem, load
from tests.conftest import Invoke
from tests.hostile import limits

PARSERS = [pytest.param(False, id="c"), pytest.param(True, id="pure")]
if not loader.using_c_loader():  # pragma: no cover - PyYAML built without libyaml
    PARSERS = [PARSERS[1]]


def refused(text: str, pure: bool) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        load(text, pure=pure)
    return caught.value


def check_json(iafr: Invoke, data: Path) -> tuple[int, list[dict[str, Any]]]:
    result = iafr("check", "--data", str(data), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def errors_in(problems: list[dict[str, Any]], file_name: str) -> list[dict[str, Any]]:
    return [p for p in problems if p["severity"] == "error" and Path(p["file"]).name == file_name]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- aliases and anchors ----------------------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
def test_anchor_is_refused_where_it_stands(pure: bool) -> None:
    problem = refused("a: 1\nb: &shared [x, y]\nc: *shared\n", pure)
    assert "anchors (&shared) are not allowed" in problem.message
    assert (problem.line, problem.column) == (2, 4)


@pytest.mark.parametrize("pure", PARSERS)
def test_alias_without_anchor_is_refused(pure: bool) -> None:
    problem = refused("a: 1\nb: [x, *nowhere]\n", pure)
    assert "aliases (*name) are not allowed" in problem.message
    assert (problem.line, problem.column) == (2, 8)


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["sources: *i", ""]
)


def test_alias_bomb_is_small_and_would_be_enormous() -> None:
    # 9^9 = 387 million strings once expanded: the test is only meaningful if the input is tiny
    assert len(BILLION_LAUGHS) < 1000
    assert BILLION_LAUGHS.count("*") == 8 * 9 + 1


@pytest.mark.parametrize("pure", PARSERS)
def test_alias_bomb_is_refused_under_a_memory_cap(pure: bool) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from iafr.loader import YamlProblem, load
        try:
            load(sys.stdin.read(), pure={pure})
        except YamlProblem as problem:
            print(problem.line, problem.column, problem.message)
        """
    )
    result = limits.python(["-c", script], stdin=BILLION_LAUGHS, memory_mb=256, timeout=30)
    limits.assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.startswith("1 4 anchors (&a) are not allowed")


def test_alias_bomb_in_a_data_file_is_one_located_error(mini: Path) -> None:
    (mini / "sources.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    result = limits.iafr("check", "--data", str(mini), memory_mb=256, timeout=30)
    limits.assert_no_traceback(result)
    assert result.returncode == 1
    assert "sources.yaml:1:4: yaml: anchors (&a) are not allowed" in result.stdout


# --- depth and size -----------------------------------------------------------------------------

DEEP_SHAPES = {
    "flow-lists": lambda n: "a: " + "[" * n + "]" * n + "\n",
    "flow-maps": lambda n: "a: " + "{b: " * n + "c" + "}" * n + "\n",
    "block-maps": lambda n: "".join(" " * i + f"k{i}:\n" for i in range(n)) + " " * n + "end\n",
    "block-lists": lambda n: "".join(" " * (2 * i) + "-\n" for i in range(n)) + " " * (2 * n) + "- end\n",
}
# Where the container past the cap starts: the same for the C and the pure parser, whatever
# nesting limit the installed libyaml has of its own (PyYAML 6.0.4's stops flow nesting at 1000).
DEEP_REFUSED_AT = {
    "flow-lists": (1, 3 + loader.MAX_DEPTH),  # the 64th "[" after "a: "
    "flow-maps": (1, 4 + 4 * (loader.MAX_DEPTH - 1)),  # the 64th "{b: "
    "block-maps": (loader.MAX_DEPTH + 1, loader.MAX_DEPTH + 1),
    "block-lists": (loader.MAX_DEPTH + 1, 2 * loader.MAX_DEPTH + 1),
}


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize("shape", list(DEEP_SHAPES))
def test_deep_nesting_is_refused_without_crashing(pure: bool, shape: str) -> None:
    # The C parser segfaults and the pure one hits RecursionError when asked to build such
    # documents; the cap stops the event stream long before. Run in a child so a crash is a
    # failed test, not a dead test run.
    depth = 3_000 if shape.startswith("block") else 200_000
    script = textwrap.dedent(
        f"""
        import sys
        from iafr.loader import YamlProblem, load
        try:
            load(sys.stdin.read(), pure={pure})
        except YamlProblem as problem:
            print(problem.line, problem.column, problem.message)
        """
    )
    text = DEEP_SHAPES[shape](depth)
    result = limits.python(["-c", script], stdin=text, timeout=60)
    limits.assert_no_traceback(result)
    assert result.returncode == 0
    line, column = DEEP_REFUSED_AT[shape]
    assert result.stdout == f"{line} {column} nesting deeper than {loader.MAX_DEPTH} levels\n"


@pytest.mark.parametrize("pure", PARSERS)
def test_depth_cap_boundary(pure: bool) -> None:
    inside = loader.MAX_DEPTH  # containers, the top-level mapping included
    assert load("a: " + "[" * (inside - 1) + "]" * (inside - 1) + "\n", pure=pure) is not None
    problem = refused("a: " + "[" * inside + "]" * inside + "\n", pure)
    assert (problem.line, problem.column) == (1, 3 + inside)


def test_libyaml_own_nesting_limit_is_reported_in_iafr_words() -> None:
    # Past libyaml's flow limit (1000 in PyYAML 6.0.4) the C parser fails before iafr's cap
    # sees an event; the problem must still be iafr's, at the pure parser's place.
    text = "a: " + "[" * 5_000 + "\n"
    c_problem, pure_problem = refused(text, pure=False), refused(text, pure=True)
    assert (c_problem.line, c_problem.column, c_problem.rule) == (*DEEP_REFUSED_AT["flow-lists"], "yaml")
    assert c_problem.message == pure_problem.message == f"nesting deeper than {loader.MAX_DEPTH} levels"
    with pytest.raises(YamlProblem) as caught:
        loader.locate(text)
    assert (caught.value.line, caught.value.column) == DEEP_REFUSED_AT["flow-lists"]


def test_deep_nesting_in_a_data_file_is_located(mini: Path) -> None:
    (mini / "actors.yaml").write_text("actors:\n  - id: x\n    name: " + "[" * 100_000 + "\n", encoding="utf-8")
    result = limits.iafr("check", "--data", str(mini), timeout=60)
    limits.assert_no_traceback(result)
    assert result.returncode == 1
    # three containers are open before the first "[" (column 11): the 65th is "[" number 62
    assert f"actors.yaml:3:{11 + loader.MAX_DEPTH - 3}: yaml: nesting deeper than" in result.stdout


def test_file_size_is_checked_before_reading(iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = mini / "actors.yaml"
    with huge.open("r+b") as handle:  # sparse: no disk used, nothing worth parsing
        handle.truncate(loader.MAX_FILE_BYTES + 1)

    decode = loader.decode

    def only_small(raw: bytes) -> str:
        assert len(raw) <= loader.MAX_FILE_BYTES, "an oversized file was read"
        return decode(raw)

    monkeypatch.setattr(loader, "decode", only_small)
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "actors.yaml")
    assert problem["rule"] == "file" and "above the 67108864 byte limit" in problem["message"]


# --- keys and documents -----------------------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
def test_duplicate_key_names_both_lines_at_any_depth(pure: bool) -> None:
    text = "actors:\n  - id: a\n    facts:\n      - {name: x, stated: y,\n         name: z}\n"
    problem = refused(text, pure)
    assert problem.rule == "duplicate-key"
    assert problem.message == "duplicate key 'name' (first on line 4); keep one"
    assert (problem.line, problem.column) == (5, 10)


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1: one\n", "mapping key 1 must be text"),
        ("~: none\n", "mapping key 'null' must be text"),
        ("null: none\n", "mapping key 'null' must be text"),
        ("true: yes\n", "mapping key 'true' must be text"),
        ("[a, b]: pair\n", "a mapping key must be text, not a list or mapping"),
        ("{a: 1}: map\n", "a mapping key must be text, not a list or mapping"),
        ("? [a]\n: b\n", "a mapping key must be text, not a list or mapping"),
    ],
)
def test_only_text_keys(pure: bool, text: str, words: str) -> None:
    problem = refused(text, pure)
    assert words in problem.message
    assert problem.line == 1


@pytest.mark.parametrize("pure", PARSERS)
def test_quoted_keys_that_look_like_other_types_are_text(pure: bool) -> None:
    assert load("'1': one\n\"null\": none\n'true': yes\n", pure=pure) == {"1": "one", "null": "none", "true": "yes"}


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\n---\nb: 2\n", 2),
        ("---\na: 1\n...\n---\nb: 2\n", 4),
        ("a: 1\n--- b\n", 2),
    ],
)
def test_one_document_per_file(pure: bool, text: str, line: int) -> None:
    problem = refused(text, pure)
    assert "more than one YAML document" in problem.message
    assert problem.line == line


@pytest.mark.parametrize("pure", PARSERS)
def test_document_markers_around_one_document_are_fine(pure: bool) -> None:
    assert load("%YAML 1.1\n---\na: 1\n...\n", pure=pure) == {"a": 1}


# --- tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!python/object:collections.OrderedDict {}",
        "!!int abc",
        "!!int 12",
        "!!float nan",
        "!!str 12",
        "!!binary aGVsbG8=",
        "!!timestamp 2024-01-01",
        "!!set {a, b}",
        "!!omap [{a: 1}]",
        "!local thing",
        "!<tag:yaml.org,2002:str> verbatim",
    ],
)
def test_explicit_tags_are_refused_and_located(pure: bool, value: str) -> None:
    problem = refused(f"a: 1\nb: {value}\n", pure)
    assert "explicit tags" in problem.message
    assert (problem.line, problem.column) == (2, 4)


@pytest.mark.parametrize("pure", PARSERS)
def test_tag_handle_directive_is_refused(pure: bool) -> None:
    problem = refused("%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n", pure)
    assert "explicit tags (tag:example.com,2000:thing)" in problem.message


def test_python_tag_constructs_nothing(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    witness = tmp_path / "pwned"
    payload = f"!!python/object/apply:os.system ['touch {witness}']"
    replace_in(mini / "actors.yaml", "description: Supercalculateur.", f"description: {payload}")
    for pure in (False, True):
        with pytest.raises(YamlProblem):
            load((mini / "actors.yaml").read_text(encoding="utf-8"), pure=pure)
    code, problems = check_json(iafr, mini)
    assert not witness.exists()
    assert code == 1
    (problem,) = errors_in(problems, "actors.yaml")
    assert problem["line"] == line_of(mini / "actors.yaml", "python/object") and problem["column"] == 18


def test_int_tag_on_text_is_a_located_problem_not_a_value_error(iafr: Invoke, mini: Path) -> None:
    replace_in(mini / "recommendations.yaml", "number: 2\n", "number: !!int abc\n")
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "recommendations.yaml")
    assert problem["line"] == line_of(mini / "recommendations.yaml", "!!int") and problem["column"] == 13
    assert "explicit tags" in problem["message"]


# --- no YAML 1.1 guessing -----------------------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    "scalar",
    [
        "NO", "No", "no", "n", "N", "off", "Off", "OFF", "on", "On", "yes", "Yes", "y", "Y",
        "010", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30.15", "-1:30",
        "1.5", "1e3", "1E3", ".5", ".inf", "-.inf", ".Inf", ".nan", ".NaN", "+.inf",
        "2024-02-30", "2024-02-29", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
        "=", "<<",
    ],
)  # fmt: skip
def test_yaml_1_1_scalars_stay_text(pure: bool, scalar: str) -> None:
    assert load(f"value: {scalar}\n", pure=pure) == {"value": scalar}


@pytest.mark.parametrize("pure", PARSERS)
def test_merge_key_merges_nothing(pure: bool) -> None:
    assert load("a:\n  <<: {b: 1}\n  c: 2\n", pure=pure) == {"a": {"<<": {"b": 1}, "c": 2}}


@pytest.mark.parametrize("pure", PARSERS)
def test_integer_beyond_pythons_digit_limit_stays_text(pure: bool) -> None:
    digits = "9" * 5000  # int() refuses more than 4300 digits with a bare ValueError
    assert load(f"value: {digits}\n", pure=pure) == {"value": digits}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0x1F", "expected a whole number"),
        ("1:30", "expected a whole number"),
        ("1.5", "expected a whole number"),
        ("9" * 5000, "whole number"),
    ],
)
def test_number_shapes_that_are_not_integers_are_located_errors(
    iafr: Invoke, mini: Path, value: str, words: str
) -> None:
    replace_in(mini / "recommendations.yaml", "number: 2\n", f"number: {value}\n")
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = [p for p in errors_in(problems, "recommendations.yaml") if p["rule"] == "schema"]
    assert (problem["line"], problem["column"]) == (line_of(mini / "recommendations.yaml", value[:20]), 13)
    assert words in problem["message"]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("recommendations.yaml", "number: 2\n", "number: 1_000\n"),
        ("recommendations.yaml", "number: 2\n", "number: 010\n"),
        ("sources.yaml", "primary: true\n", "primary: NO\n"),
        ("sources.yaml", "primary: true\n", "primary: on\n"),
        ("funding.yaml", "per_year: true\n", "per_year: 'yes'\n"),
    ],
)
def test_yaml_1_1_words_in_typed_fields_are_errors(iafr: Invoke, mini: Path, file: str, old: str, new: str) -> None:
    replace_in(mini / file, old, new)
    code, problems = check_json(iafr, mini)
    line = line_of(mini / file, new.strip())
    assert code == 1
    assert [p["line"] for p in errors_in(problems, file) if p["rule"] == "schema"] == [line]


def test_number_010_is_never_read_as_octal(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    replace_in(mini / "recommendations.yaml", "number: 2\n", "number: 010\n")
    db = tmp_path / "octal.db"
    iafr("build", "--data", str(mini), "--db", str(db))
    result = iafr("measures", "--format", "json", "--data", str(mini), "--db", str(db))
    numbers = {record["id"]: record["number"] for record in json.loads(result.stdout)} if result.exit_code == 0 else {}
    assert numbers.get("m2") != 8


def test_impossible_unquoted_date_is_a_located_error(iafr: Invoke, mini: Path) -> None:
    replace_in(mini / "sources.yaml", 'date: "2024-03"', "date: 2024-02-30")
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "sources.yaml")
    assert (problem["line"], problem["column"]) == (line_of(mini / "sources.yaml", "2024-02-30"), 11)
    assert "'2024-02-30' is not a real day" in problem["message"]


@pytest.mark.parametrize("value", ["0000", "0000-01", "2023-13", "2023-00", "20240101", "2024-1-1"])
def test_impossible_partial_dates_are_located_errors(iafr: Invoke, mini: Path, value: str) -> None:
    replace_in(mini / "sources.yaml", 'date: "2024-03"', f'date: "{value}"')
    code, problems = check_json(iafr, mini)
    assert code == 1
    located = [p for p in errors_in(problems, "sources.yaml") if p["rule"] == "schema"]
    assert [p["line"] for p in located] == [line_of(mini / "sources.yaml", value)]


def test_last_possible_month_does_not_crash_the_rules(iafr: Invoke, mini: Path) -> None:
    # the date rules compare the last day of a month: December 9999 once overflowed to year 10000
    replace_in(mini / "sources.yaml", 'date: "2023-10"', 'date: "9999-12"')
    replace_in(mini / "funding.yaml", 'date: "2023-06"', 'date: "9999-12"')
    assert iafr("check", "--data", str(mini)).exit_code in {0, 1}


# --- bytes first ----------------------------------------------------------------------------------


def test_non_utf8_byte_is_reported_as_file_line_column(iafr: Invoke, mini: Path) -> None:
    path = mini / "actors.yaml"
    line = line_of(path, "Supercalculateur")
    raw = path.read_bytes().replace(b"description: Supercalculateur.", b"description: Supercalcul\xe9 \xe0 Orsay.")
    path.write_bytes(raw)  # Latin-1 text, as an old editor would save it
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "actors.yaml")
    assert problem["rule"] == "encoding" and "byte 0xE9 is not UTF-8" in problem["message"]
    assert (problem["line"], problem["column"]) == (line, 29)


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    with pytest.raises(YamlProblem) as caught:
        loader.decode("title: « café » ".encode() + b"\xff\n")
    assert (caught.value.line, caught.value.column) == (1, 17)


def test_utf8_bom_is_accepted(iafr: Invoke, mini: Path) -> None:
    path = mini / "axes.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert iafr("check", "--data", str(mini), "--strict").exit_code == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused_with_advice(iafr: Invoke, mini: Path, encoding: str) -> None:
    path = mini / "axes.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "axes.yaml")
    assert "UTF-16" in problem["message"] or "not UTF-8" in problem["message"]
    assert problem["line"] >= 1


def test_utf16_without_bom_is_refused_with_a_hint(iafr: Invoke, mini: Path) -> None:
    path = mini / "corpus.yaml"  # ASCII only: its UTF-16 is valid UTF-8 with a NUL after each letter
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "corpus.yaml")
    assert "U+0000" in problem["message"] and "UTF-16" in problem["message"]
    assert (problem["line"], problem["column"]) == (1, 2)


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_forbidden_character_is_located_after_accents(pure: bool, char: str) -> None:
    # the C parser reports a byte offset: with accents before, that once named the wrong line
    problem = refused(f"a: ok\ntitre: « éèà » {char}\nb: 2\n", pure)
    assert (problem.line, problem.column) == (2, 16)
    assert f"U+{ord(char):04X}" in problem.message


@pytest.mark.parametrize("pure", PARSERS)
def test_crlf_line_endings_read_the_same_with_the_same_lines(pure: bool) -> None:
    text = "a: 1\nb: [x, y]\nc: x\n"
    assert load(text.replace("\n", "\r\n"), pure=pure) == load(text, pure=pure)
    problem = refused("a: 1\r\nb: 2\r\na: 3\r\n", pure)
    assert (problem.line, problem.column) == (3, 1)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "file is empty"),
        (b"# nothing but a comment\n", "file is empty"),
        (b"\n\n   \n", "file is empty"),
        (b"---\n", "the file holds nothing"),
        (b"- a\n- b\n", "the file holds list"),
        (b"just a sentence\n", "the file holds str"),
        (b"42\n", "the file holds int"),
    ],
)
def test_file_without_a_mapping_is_named(iafr: Invoke, mini: Path, content: bytes, words: str) -> None:
    (mini / "funding.yaml").write_bytes(content)
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "funding.yaml")
    assert words in problem["message"]


def test_directory_in_place_of_a_file_is_named(iafr: Invoke, mini: Path) -> None:
    (mini / "funding.yaml").unlink()
    (mini / "funding.yaml").mkdir()
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "funding.yaml")
    assert problem["message"] == "funding.yaml is a directory, expected a YAML file"


def test_fifo_in_place_of_a_file_is_named_not_read(iafr: Invoke, mini: Path) -> None:
    (mini / "funding.yaml").unlink()
    os.mkfifo(mini / "funding.yaml")  # reading it would block forever
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "funding.yaml")
    assert "not a regular file" in problem["message"]


def test_missing_file_is_named(iafr: Invoke, mini: Path) -> None:
    (mini / "funding.yaml").unlink()
    code, problems = check_json(iafr, mini)
    assert code == 1
    (problem,) = errors_in(problems, "funding.yaml")
    assert problem["rule"] == "missing-file"


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a:\n\tb: 1\n", 2),  # a tab in indentation
        ('a: "unclosed\n', 2),
        ("a: [1, 2\n", 2),
        ("a: 1\n b: 2\n", 2),
        ("- a\nb: c\n", 2),
        ("a: b: c\n", 1),
    ],
)
def test_syntax_errors_are_located(pure: bool, text: str, line: int) -> None:
    problem = refused(text, pure)
    assert problem.message.startswith("invalid YAML")
    assert problem.line == line and problem.column >= 1


# --- the two parsers and the two builders agree --------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(("text", "expected"), [("a: !\n", ""), ("a: ! 12\n", "12"), ("a: ! null\n", "null")])
def test_non_specific_tag_means_text(pure: bool, text: str, expected: str) -> None:
    # the parsers disagreed on "a: !" ("" with C, None with pure) and read "! 12" as a number
    assert load(text, pure=pure) == {"a": expected}


YAMLISH = st.lists(
    st.sampled_from(
        [
            *"ab: -[]{},'\"\n\n\n  #&*!|>?~.0123456789é",
            *["null", "true", "1_0", "---", "...", "\x00", "\u202e", "\r\n", "- ", ": ", "  - ", "a: "],
            *["!!int ", "&x ", "*x", "<<: ", "%YAML 1.2\n", "9" * 5000],
        ]
    ),
    max_size=40,
).map("".join)


def outcome(text: str, pure: bool, careful: bool = False) -> tuple[object, ...]:
    try:
        if careful:  # the slow builder that locates problems, run on what the fast path accepts too
            builder = loader._Builder(None)
            data = builder.build(loader._events(text, pure))
            if builder.duplicates:  # collected so the file goes on loading; load() raises the first
                first = builder.duplicates[0]
                return ("refused", first.line, first.column, first.message, first.rule)
            return ("ok", data)
        return ("ok", load(text, pure=pure))
    except YamlProblem as problem:
        return ("refused", problem.line, problem.column, problem.message, problem.rule)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_parsers_and_builders_agree(text: str) -> None:
    fast, pure = outcome(text, False), outcome(text, True)
    if fast[0] == "ok" and pure[0] == "ok":  # libyaml and PyYAML differ on some garbage; never on data
        assert fast == pure
    assert outcome(text, False, careful=True) == fast
    assert outcome(text, True, careful=True) == pure

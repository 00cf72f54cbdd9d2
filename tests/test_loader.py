"""The loader: plain data out, positions on demand, both the C and the pure parser."""

from __future__ import annotations

import pytest

from iafr import loader
from iafr.loader import YamlProblem, load, locate

PARSERS = [pytest.param(False, id="c-loader"), pytest.param(True, id="pure-loader")]
if not loader.using_c_loader():  # pragma: no cover - PyYAML built without libyaml
    PARSERS = [PARSERS[1]]

TEXT = """\
measures:
  - id: m1
    axes: [calcul, frugalite]
    note: "quoted: text"
  - id: m2
    number: 2
"""


@pytest.mark.parametrize("pure", PARSERS)
def test_data_and_positions(pure: bool) -> None:
    assert load(TEXT, pure=pure) == {
        "measures": [
            {"id": "m1", "axes": ["calcul", "frugalite"], "note": "quoted: text"},
            {"id": "m2", "number": 2},
        ]
    }
    positions = locate(TEXT, pure=pure)
    assert positions.find(("measures", 0, "axes", 1)) == (3, 20)
    assert positions.find(("measures", 1, "number")) == (6, 13)
    assert positions.find(("measures", 1, "number"), prefer_key=True) == (6, 5)
    # a missing field is placed at its record
    assert positions.find(("measures", 1, "title")) == (5, 5)


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("null", None),
        ("~", None),
        ("", None),
        ("true", True),
        ("false", False),
        ("42", 42),
        ("-7", -7),
        ("NO", "NO"),
        ("off", "off"),
        ("on", "on"),
        ("yes", "yes"),
        ("010", "010"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("1.5", "1.5"),
        (".inf", ".inf"),
        ("2024-02-30", "2024-02-30"),
        ("'42'", "42"),
    ],
)
def test_only_core_scalars_are_guessed(pure: bool, scalar: str, expected: object) -> None:
    assert load(f"value: {scalar}\n", pure=pure) == {"value": expected}


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first on line 1)"),
        ("a: &x 1\nb: *x\n", 1, 4, "anchors"),
        ("a: !!python/object:os.system ls\n", 1, 4, "explicit tags"),
        ("a: !!int abc\n", 1, 4, "explicit tags"),
        ("1: one\n", 1, 1, "mapping key 1 must be text"),
        ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        ("a: [1, 2\n", 2, 1, "invalid YAML"),
        ("", 1, 1, "file is empty"),
    ],
)
def test_refusals_are_located(pure: bool, text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text, pure=pure)
    assert words in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_depth_is_capped_before_building() -> None:
    with pytest.raises(YamlProblem, match="nesting deeper"):
        load("a: " + "[" * 200 + "]" * 200 + "\n")


def test_non_utf8_byte_is_located() -> None:
    with pytest.raises(YamlProblem) as caught:
        loader.decode("a: 1\nb: caf\xe9\n".encode("latin-1"))
    assert (caught.value.line, caught.value.column) == (2, 7)
    assert "0xE9 is not UTF-8" in caught.value.message


def test_utf8_bom_is_accepted() -> None:
    assert loader.decode(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


def test_repeated_keys_are_all_named_and_the_data_still_loads() -> None:
    with pytest.raises(loader.DuplicateKeys) as caught:
        load("a: 1\nb: {c: 1, c: 2}\na: 3\n")
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, 11), (3, 1)]
    assert caught.value.data == {"a": 3, "b": {"c": 2}}

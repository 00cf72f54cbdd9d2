"""Text that reaches a terminal: markup in data prints literally; control and bidi characters are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iafr.queries import Listing
from iafr.render.table import render_table
from iafr.text import check_clean_text, fold
from tests.conftest import Invoke

FORBIDDEN = [
    *[chr(code) for code in range(0x00, 0x20) if chr(code) not in "\t\n"],
    "\x7f",
    *[chr(code) for code in range(0x80, 0xA0)],
    "\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "\u202b",
    "\u202c",  # POP DIRECTIONAL FORMATTING
    "\u202d",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE, the "Trojan Source" character
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2067",
    "\u2068",
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",
    "\u061c",  # ARABIC LETTER MARK
]


@pytest.mark.parametrize("char", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_control_and_bidi_characters_are_refused(char: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        check_clean_text(f"avant{char}après")


@pytest.mark.parametrize(
    "text",
    [
        "Faciliter l'accès à Jean Zay",
        "ligne 1\nligne 2\tavec tab",
        "« guillemets » — tiret, 1\u00a0500\u202f000 €",
        "数据 données بيانات 😀",
        "[bold]pas du balisage[/bold] [/] [link=https://x]",
    ],
)
def test_ordinary_text_is_accepted_as_is(text: str) -> None:
    assert check_clean_text(text) == text


def test_control_character_message_names_it_once() -> None:
    with pytest.raises(ValueError) as caught:
        check_clean_text("a\x1bb")
    assert str(caught.value) == "text holds an invisible, control or bidi character (U+001B) at character 2; remove it"
    with pytest.raises(ValueError) as caught:
        check_clean_text("a\u202eb")
    assert "RIGHT-TO-LEFT OVERRIDE, U+202E" in str(caught.value)


def test_fold_ignores_case_accents_and_quote_styles() -> None:
    assert fold("  Frugalité ") == fold("FRUGALITE") == "frugalite"
    assert fold("l’État") == fold("l'etat")
    assert fold("Île-de-France") == "ile-de-france"


# --- through the CLI ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\e[31m", "U+001B"), ("\\u202e", "U+202E"), ("\\r", "U+000D"), ("\\x07", "U+0007"), ("\\u2066", "U+2066")],
)
def test_escaped_control_character_in_data_is_a_located_error(iafr: Invoke, mini: Path, escape: str, code: str) -> None:
    path = mini / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Frugalité des modèles", f'title: "Frugalité{escape} des modèles"'), "utf-8")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(path.read_text("utf-8").splitlines(), 1) if escape in row)
    assert (
        f"recommendations.yaml:{line}:12: schema: title: text holds an invisible, control or bidi character"
        in result.stdout
    )
    assert code in result.stdout


def test_raw_bidi_character_in_a_key_is_escaped_in_the_message(iafr: Invoke, mini: Path) -> None:
    path = mini / "axes.yaml"
    path.write_text(path.read_text("utf-8").replace("    group: theme\n", "    gr\u202eoup: theme\n", 1), "utf-8")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    assert "unknown field 'gr\\u202eoup'" in result.stdout
    assert "\u202e" not in result.stdout


@pytest.mark.parametrize("escape", ["\\e[2J", "\\u202e"])
def test_control_characters_in_a_url_are_refused(iafr: Invoke, mini: Path, escape: str) -> None:
    path = mini / "sources.yaml"
    text = path.read_text("utf-8").replace(
        "    primary: true\n", f'    primary: true\n    url: "https://x.fr/{escape}"\n', 1
    )
    path.write_text(text, "utf-8")
    assert iafr("check", "--data", str(mini)).exit_code == 1


MARKUP = {
    "title": "[bold]Gras[/bold] puis [/] et [red",
    "name": "[link=https://evil.example]Clic[/link]",
    "label": "Frugalité [/frugalite]",
}


def put_markup_in(data: Path) -> None:
    def swap(name: str, old: str, new: str) -> None:
        path = data / name
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")

    swap("recommendations.yaml", "title: Frugalité des modèles", f"title: '{MARKUP['title']}'")
    swap("actors.yaml", "name: Jean Zay", f"name: '{MARKUP['name']}'")
    swap("axes.yaml", "label: Frugalité", f"label: '{MARKUP['label']}'")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["measures"], [MARKUP["title"]]),
        (["measures", "--format", "md"], [MARKUP["title"].replace("[", "\\[").replace("]", "\\]")]),
        (["measures", "--format", "csv"], [MARKUP["title"]]),
        (["actors"], [MARKUP["name"]]),
        (["axes"], [MARKUP["label"]]),
        (["search", "gras"], [MARKUP["title"]]),
        (["search", "clic"], [MARKUP["name"]]),
        (["show", "m2"], [MARKUP["title"]]),
        (["show", "jean-zay"], [MARKUP["name"]]),
        (["report"], [MARKUP["name"], MARKUP["label"]]),
    ],
)
def test_rich_markup_in_data_prints_literally(
    iafr: Invoke, mini: Path, command: list[str], expected: list[str]
) -> None:
    put_markup_in(mini)
    result = iafr("--lang", "fr", *command, data=mini)  # the French texts, where the markup is
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.stdout


def test_markup_stays_literal_with_colour_forced() -> None:
    listing = Listing("measures", [{"id": "m", "number": 1, "chapter": "1", "title": MARKUP["title"], "axes": []}])
    out = render_table(listing, width=120, color=True)
    assert "[bold]Gras[/bold] puis [/] et [red" in out


def test_markup_in_an_option_value_is_echoed_literally(iafr: Invoke, mini: Path) -> None:
    result = iafr("measures", "--axis", "[bold][/]", data=mini)
    assert result.exit_code == 2
    assert "'[bold][/]'" in result.stderr


def test_json_output_keeps_markup_and_accents_verbatim(iafr: Invoke, mini: Path) -> None:
    put_markup_in(mini)
    result = iafr("measures", "--format", "json", data=mini)
    titles = {record["id"]: record["title"] for record in json.loads(result.stdout)}
    assert titles["m2"] == MARKUP["title"]

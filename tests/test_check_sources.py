"""``iafr check --sources DIR`` through the real CLI, on the mini corpus with texts written here.

The mini corpus cites two sources: ``rapport-test``, whose text is OCR output (slips included),
and ``article-test``, a clean text. Each test edits a copy, then reads what check says.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Invoke, fail_reading
from tests.test_rules import edit, line_of

REPORT = """Rapport de test

1.1 Entrainement

1. Faciliter I'accés d Jean Zay pour les start-ups.

5. Environnement

2. Privilégier des modéles frugaux et de petite taille.
3. Mesurer et piloter l'effet rebond.

Ce rapport vise à réduire le colt de I'entrainement.
"""
ARTICLE = """Article de test

Le plan de l'État prévoit 1,5 milliards d'euros d'ici 2025. L'État investit dans l'IA depuis 2018.

Au total, 1400 chercheurs ont travaillé sur ce modèle, et les start-ups cherchent
plusieurs centaines de millions d'euros.
"""


def write_texts(data: Path, texts: Path, report: str = REPORT, article: str = ARTICLE) -> None:
    """Write the two texts and map them in ``sources.yaml`` (the report as OCR text)."""
    texts.mkdir(exist_ok=True)
    for name, body in (("rapport.txt", report), ("article.txt", article)):
        (texts / name).write_text(body, encoding="utf-8")
    for source, name, extra in (
        ("rapport-test", "rapport.txt", "    ocr: true\n"),
        ("article-test", "article.txt", ""),
    ):
        digest = hashlib.sha256((texts / name).read_bytes()).hexdigest()
        block = f"  - id: {source}\n"
        text = (data / "sources.yaml").read_text(encoding="utf-8")
        start = text.index(block)
        at = text.index("    primary: true\n", start) + len("    primary: true\n")
        text = text[:at] + f"    text: {name}\n    sha256: {digest}\n{extra}" + text[at:]
        (data / "sources.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def texts(mini: Path, tmp_path: Path) -> Path:
    """The mini corpus with its two texts mapped; returns the texts' directory."""
    directory = tmp_path / "texts"
    write_texts(mini, directory)
    return directory


def add_quote(data: Path, quote: str, source: str = "article-test") -> int:
    """A quote citing ``source`` on the funding figure plan-test; returns its line."""
    old = '      - {source: article-test, quote: "1,5 milliards d\'euros"}\n'
    edit(data / "funding.yaml", old, old + f'      - {{source: {source}, quote: "{quote}"}}\n')
    return line_of(data / "funding.yaml", quote)


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": " in line and not line.startswith("iafr:")]


def test_the_mini_corpus_with_its_texts_is_clean(iafr: Invoke, mini: Path, texts: Path) -> None:
    result = iafr("check", "--strict", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0, result.output
    assert result.stdout == "no problems found\n"


# --- the five cases the issue asks to see --------------------------------------------------------


def test_a_quote_with_2017_for_the_sources_2018_is_an_error(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "L'État investit dans l'IA depuis 2017")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert problem.startswith(f"{mini / 'funding.yaml'}:{line}:")
    assert ": quote: quote not found in article-test (article.txt)" in problem
    assert "closest passage at article.txt:3:" in problem
    assert "differs: '2017' where the text has '2018'" in problem


def test_a_quote_with_a_word_changed_is_an_error(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "Le plan de l'État promet 1,5 milliards d'euros")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert problem.startswith(f"{mini / 'funding.yaml'}:{line}:")
    assert "differs: 'promet' where the text has 'prévoit'" in problem


def test_a_quote_attributed_to_the_wrong_source_is_an_error(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "Au total, 1400 chercheurs ont travaillé sur ce modèle", source="rapport-test")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert problem.startswith(f"{mini / 'funding.yaml'}:{line}:")
    assert "quote not found in rapport-test (rapport.txt): no passage of the text shares its words" in problem
    assert "it is in article-test (article.txt:5:1:" in problem and "is the cited source right?" in problem


def test_an_elided_quote_spanning_two_paragraphs_is_found(iafr: Invoke, mini: Path, texts: Path) -> None:
    add_quote(mini, "Le plan de l'État prévoit […] 1400 chercheurs ont travaillé sur ce modèle")
    result = iafr("check", "--strict", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0, result.output
    # and its fragments must be in order
    edit(mini / "funding.yaml", "prévoit […] 1400 chercheurs", "prévoit […] 1500 chercheurs")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1 and "'1500' where the text has '1400'" in result.stdout


def test_an_ocr_fixed_quote_is_found_in_an_ocr_text_only(iafr: Invoke, mini: Path, texts: Path) -> None:
    # the report prints "le colt de I'entrainement"; the quote fixes it, the source is marked as OCR text
    line = add_quote(mini, "réduire le coût de l’entraînement", source="rapport-test")
    result = iafr("check", "--strict", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0, result.output
    edit(mini / "sources.yaml", "    ocr: true\n", "")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1  # (the mini corpus's other OCR-fixed wordings fail too)
    (problem,) = [
        found for found in problem_lines(result.stdout) if found.startswith(f"{mini / 'funding.yaml'}:{line}:")
    ]
    assert "differs: 'coût' where the text has 'colt'" in problem


# --- the other wordings --------------------------------------------------------------------------


def test_a_stated_wording_is_checked_against_its_sources(iafr: Invoke, mini: Path, texts: Path) -> None:
    edit(
        mini / "funding.yaml", "stated: plusieurs centaines de millions d'euros", "stated: plusieurs milliards d'euros"
    )
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert f"funding.yaml:{line_of(mini / 'funding.yaml', 'plusieurs milliards')}:13: verbatim:" in problem


def test_a_facts_stated_wording_is_checked(iafr: Invoke, mini: Path, texts: Path) -> None:
    edit(mini / "actors.yaml", 'stated: "1400 chercheurs"', 'stated: "1500 chercheurs"')
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    assert f"actors.yaml:{line_of(mini / 'actors.yaml', '1500 chercheurs')}:17: verbatim:" in result.stdout


def test_a_measure_text_is_checked_with_the_fixes_its_note_documents(iafr: Invoke, mini: Path, texts: Path) -> None:
    edit(
        mini / "recommendations.yaml",
        "text: Mesurer et piloter l'effet rebond.",
        "text: Mesurer et suivre l'effet rebond.",
    )
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    assert "verbatim: measure text not found" in result.stdout
    assert "'suivre' where the text has 'piloter'" in result.stdout
    note = '    note: "Coquille corrigée : « piloter » → « suivre »."\n'
    edit(mini / "recommendations.yaml", "    text: Mesurer et suivre l'effet rebond.\n", "    text: Mesurer et suivre "
         "l'effet rebond.\n" + note)  # fmt: skip
    assert iafr("check", "--strict", "--data", str(mini), "--sources", str(texts)).exit_code == 0


def test_a_locator_title_must_be_in_the_text(iafr: Invoke, mini: Path, texts: Path) -> None:
    edit(mini / "recommendations.yaml", 'locator: "§1.1"', 'locator: "§ « 1.1 Entraînement »"')
    assert iafr("check", "--strict", "--data", str(mini), "--sources", str(texts)).exit_code == 0
    edit(mini / "recommendations.yaml", "« 1.1 Entraînement »", "« 1.1 Inférence des modèles »")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert ": locator: locator's title « 1.1 Inférence des modèles » not found in rapport-test" in problem


def test_a_changed_short_word_is_a_warning_naming_the_passage(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "Le plan de la État prévoit 1,5 milliards d'euros")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0
    (problem,) = problem_lines(result.stdout)
    assert problem.startswith(f"{mini / 'funding.yaml'}:{line}:")
    assert "quote: warning: quote found only approximately in article-test (article.txt); passage at" in problem
    assert "\"Le plan de l'État prévoit 1,5 milliards d'euros\"" in problem
    assert iafr("check", "--strict", "--data", str(mini), "--sources", str(texts)).exit_code == 1


# --- every format carries the place --------------------------------------------------------------


def test_json_and_github_formats_place_the_problem(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "L'État investit dans l'IA depuis 2017")
    result = iafr("check", "--data", str(mini), "--sources", str(texts), "--format", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)
    assert problem["file"] == str(mini / "funding.yaml") and problem["line"] == line and problem["column"] > 0
    assert problem["rule"] == "quote" and problem["severity"] == "error" and "'2017'" in problem["message"]
    result = iafr("check", "--data", str(mini), "--sources", str(texts), "--format", "github")
    assert result.stdout.startswith(f"::error file={mini / 'funding.yaml'},line={line},col={problem['column']},")
    assert "title=iafr quote::quote not found in article-test (article.txt)" in result.stdout


# --- bad input: one clear line each, and the documented exit code --------------------------------


def test_sources_directory_that_does_not_exist_is_a_usage_error(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    result = iafr("check", "--data", str(mini), "--sources", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"iafr: --sources {tmp_path / 'nowhere'} does not exist; give the directory holding the" \
        " sources' texts\n"  # fmt: skip
    result = iafr("check", "--data", str(mini), "--sources", str(mini / "corpus.yaml"))
    assert result.exit_code == 2 and "is not a directory" in result.stderr


def test_a_source_mapped_to_a_file_that_does_not_exist(iafr: Invoke, mini: Path, texts: Path) -> None:
    (texts / "article.txt").rename(texts / "articles.txt")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    line = line_of(mini / "sources.yaml", "text: article.txt")
    assert problem == (
        f"{mini / 'sources.yaml'}:{line}:11: source-text: text file 'article.txt' is not in {texts}"
        " (did you mean 'articles.txt'?)"
    )


def test_a_primary_source_without_a_text_is_a_warning(iafr: Invoke, mini: Path, texts: Path) -> None:
    digest = hashlib.sha256((texts / "article.txt").read_bytes()).hexdigest()
    edit(mini / "sources.yaml", f"    text: article.txt\n    sha256: {digest}\n", "")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0
    (problem,) = problem_lines(result.stdout)
    line = line_of(mini / "sources.yaml", "  - id: article-test")
    assert problem == (
        f"{mini / 'sources.yaml'}:{line}:9: source-text: warning: primary source 'article-test' has no text, so its"
        " 1 quote(s) are not checked; add 'text: <file name>' (a file of the --sources directory)"
    )


def test_a_text_in_another_encoding(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    directory = tmp_path / "texts"
    write_texts(mini, directory)
    (directory / "article.txt").write_bytes(ARTICLE.encode("latin-1"))
    result = iafr("check", "--data", str(mini), "--sources", str(directory))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert "source-text: " in problem and "article.txt is not UTF-8 (byte 0xC9 at line 3, column 14)" in problem


def test_a_utf16_text_is_named_as_such(iafr: Invoke, mini: Path, texts: Path) -> None:
    (texts / "article.txt").write_bytes(ARTICLE.encode("utf-16"))
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert "is UTF-16 (it starts with a byte order mark), not UTF-8" in problem


def test_a_changed_text_is_noticed(iafr: Invoke, mini: Path, texts: Path) -> None:
    (texts / "article.txt").write_text(ARTICLE + "\nUn ajout.\n", encoding="utf-8")
    digest = hashlib.sha256((texts / "article.txt").read_bytes()).hexdigest()
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert "'article.txt' has changed: its sha256 is " in problem and f"then set 'sha256: {digest}'" in problem


def test_a_text_without_its_digest_is_a_warning_giving_it(iafr: Invoke, mini: Path, texts: Path) -> None:
    digest = hashlib.sha256((texts / "article.txt").read_bytes()).hexdigest()
    edit(mini / "sources.yaml", f"    sha256: {digest}\n", "")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0
    (problem,) = problem_lines(result.stdout)
    assert f"source-text: warning: no sha256 for 'article.txt': add 'sha256: {digest}'" in problem


def test_a_text_mapped_to_a_directory_or_outside(iafr: Invoke, mini: Path, texts: Path) -> None:
    (texts / "article.txt").unlink()
    (texts / "article.txt").mkdir()
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1 and "article.txt is not a file" in result.stdout
    edit(mini / "sources.yaml", "text: article.txt", "text: ../article.txt")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert ": schema: text: String should match pattern" in problem


def test_an_unreadable_text_is_an_environment_failure(
    iafr: Invoke, mini: Path, texts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() == 0:  # root reads anything: a read that fails as a bad disk does instead
        fail_reading(monkeypatch, texts / "article.txt")
    else:
        (texts / "article.txt").unlink()
        (texts / "article.txt").write_text("x", encoding="utf-8")
        (texts / "article.txt").chmod(0)
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"iafr: cannot read {texts / 'article.txt'}: ")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_an_empty_quote_is_a_schema_error(iafr: Invoke, mini: Path, texts: Path) -> None:
    add_quote(mini, "")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    line = line_of(mini / "funding.yaml", 'quote: ""')
    message = "schema: quote: empty (or only spaces); write the text or remove the field"
    assert problem == f"{mini / 'funding.yaml'}:{line}:39: {message}"


def test_a_three_character_quote_is_a_warning(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "IA.")
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 0
    (problem,) = problem_lines(result.stdout)
    assert problem.startswith(f"{mini / 'funding.yaml'}:{line}:")
    assert "quote: warning: quote too short to verify (2 letters and digits); quote at least 8" in problem


def test_a_50_kb_quote_is_one_clear_line(iafr: Invoke, mini: Path, texts: Path) -> None:
    line = add_quote(mini, "mot " * 12_800)
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    (problem,) = problem_lines(result.stdout)
    assert problem == f"{mini / 'funding.yaml'}:{line}:39: schema: quote: 51200 characters, more than the 20000 allowed"


def test_no_mapping_at_all_is_said(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    result = iafr("check", "--data", str(mini), "--sources", str(tmp_path / "texts"))
    assert result.exit_code == 0
    warned = [line for line in problem_lines(result.stdout) if "has no text, so its 1 quote(s) are not checked" in line]
    assert len(warned) == 2  # each primary source, at its id
    (mini / "sources.yaml").write_text(
        (mini / "sources.yaml").read_text(encoding="utf-8").replace("primary: true", "primary: false"), encoding="utf-8"
    )
    result = iafr("check", "--data", str(mini), "--sources", str(tmp_path / "texts"))
    (problem,) = [line for line in problem_lines(result.stdout) if "source-text" in line]
    assert problem == (
        f"{mini / 'sources.yaml'}:1:1: source-text: warning: no source maps a text ('text: <file name>'), so no quote"
        " was checked against --sources"
    )


# --- start-up cost -------------------------------------------------------------------------------

_IMPORTED = """
import sys
from iafr.cli import main
sys.argv = ["iafr", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("\\nquote machinery:", sorted(name for name in sys.modules if name.startswith("iafr.quotes")))
"""


@pytest.mark.parametrize("command", [["check"], ["measures", "--format", "csv"], ["check", "--sources", "TEXTS"]])
def test_only_check_sources_imports_the_quote_machinery(mini: Path, texts: Path, command: list[str]) -> None:
    argv = [texts.as_posix() if part == "TEXTS" else part for part in command]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *argv, "--data", str(mini)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "IAFR_DB": str(texts.parent / "q.db")},
    )
    loaded = done.stdout.rsplit("quote machinery: ", 1)[1].strip()
    assert (loaded != "[]") == ("--sources" in command), done.stdout + done.stderr


def test_every_text_rule_is_documented_with_examples() -> None:
    from iafr.rules import RULES, text_rules

    rules = text_rules()
    assert {rule.id for rule in rules} == {"quote", "locator", "verbatim"}
    assert not {rule.id for rule in rules} & {rule.id for rule in RULES}
    for rule in rules:
        assert "Passes:" in rule.doc and "Fails" in rule.doc, rule.id


def test_a_texts_control_characters_never_reach_the_terminal(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    directory = tmp_path / "texts"
    write_texts(mini, directory, article=ARTICLE.replace("investit", "inve\x1b[31mstit\u202e"))
    add_quote(mini, "L'État investit dans l'IA depuis 2018")
    result = iafr("check", "--data", str(mini), "--sources", str(directory))
    assert result.exit_code == 1 and "quote not found in article-test" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "inve\ufffd[31mstit\ufffd" in result.stdout

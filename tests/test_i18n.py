"""The reader's language: how it is chosen, that the French catalogue is whole, that no message a
person reads bypasses it, and what French and English readers see (the goldens hold the rest)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import get_month_names
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from iafr import i18n, kinds
from iafr.declaration import Cited, Link, Nested
from tests.conftest import Invoke

SRC = Path(__file__).resolve().parent.parent / "src" / "iafr"
LOCALE = SRC / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "iafr.po"
FRENCH_MO = LOCALE / "fr" / "LC_MESSAGES" / "iafr.mo"
TEMPLATE = LOCALE / "iafr.pot"


# --- choosing the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "POSIX", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL comes first, as gettext reads them
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),  # a list in order of preference
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language iafr has no catalogue of
        ({"IAFR_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"IAFR_LANG": "fr", "LC_ALL": "C"}, "fr"),
    ],
)
def test_the_language_comes_from_the_environment_in_gettexts_order(environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_lang_option_beats_the_environment(iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IAFR_LANG", "fr")
    assert "3 mesures" in iafr("measures", data=mini).stdout
    assert "3 measures" in iafr("--lang", "en", "measures", data=mini).stdout
    monkeypatch.setenv("IAFR_LANG", "en")
    assert "3 mesures" in iafr("--lang", "fr", "measures", data=mini).stdout


def test_lang_may_follow_the_command() -> None:
    """``iafr measures --lang fr``: the console script moves it before the command, where it is read."""
    from iafr.cli import _language_of

    assert _language_of(["measures", "--axis", "x", "--lang", "fr"]) == ["--lang", "fr", "measures", "--axis", "x"]
    assert _language_of(["measures", "--lang=en"]) == ["--lang", "en", "measures"]
    assert _language_of(["search", "--", "--lang"]) == ["search", "--", "--lang"]  # a value, not the option


def test_an_unknown_language_is_a_usage_error(iafr: Invoke, mini: Path) -> None:
    result = iafr("--lang", "de", "measures", data=mini)
    assert result.exit_code == 2 and "not a language of iafr" in result.output


def test_an_english_run_reads_no_catalogue(iafr: Invoke, mini: Path) -> None:
    """Start-up stays near the floor: English is the code's own language, with nothing to load."""
    assert iafr("funding", data=mini).exit_code == 0
    assert i18n._state["catalogue"] is None


def test_french_help_in_a_process_of_its_own() -> None:
    """Help texts are built when the command modules are imported: in the run's language."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "iafr", "--help"], capture_output=True, text=True, env=env, check=True)
    assert "Liste les mesures et recommandations" in done.stdout
    assert "Codes de sortie" in done.stdout
    english = subprocess.run(
        [sys.executable, "-m", "iafr", "--help"], capture_output=True, text=True, env={**env, "LANG": "C"}, check=True
    )
    assert "List measures and recommendations" in english.stdout


# --- the catalogue -----------------------------------------------------------------------------


def _messages(path: Path) -> dict[tuple[str | None, str], object]:
    with path.open("rb") as file:
        catalogue = read_po(file)
    return {(message.context, _first(message.id)): message for message in catalogue if message.id}


def _first(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def test_the_french_catalogue_translates_every_message_and_keeps_no_fuzzy_one() -> None:
    template, french = _messages(TEMPLATE), _messages(FRENCH_PO)
    missing = sorted(str(key) for key in template if key not in french)
    assert not missing, f"run make locale: messages not in the French catalogue: {missing[:5]}"
    untranslated = []
    for key, message in french.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        if not all(strings) or message.fuzzy:  # type: ignore[attr-defined]
            untranslated.append(str(key))
    assert not untranslated, f"translate these in {FRENCH_PO.name}, then make locale: {untranslated[:5]}"


def test_the_template_holds_every_message_the_code_marks() -> None:
    """The committed iafr.pot is the sources' (make locale was run after the last message changed)."""
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NP_": ((1, "c"), 2)}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=keywords
    ):
        found.add((context, _first(message)))
    assert found == set(_messages(TEMPLATE)), "run make locale: iafr.pot differs from the sources' messages"


def test_the_compiled_catalogue_is_the_french_po() -> None:
    with FRENCH_MO.open("rb") as file:
        compiled = {(message.context, _first(message.id)): message.string for message in read_mo(file) if message.id}

    def same(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    compiled = {key: same(value) for key, value in compiled.items()}
    written = {key: same(message.string) for key, message in _messages(FRENCH_PO).items()}  # type: ignore[attr-defined]
    assert compiled == written, "run make locale: iafr.mo is older than iafr.po"


def test_translations_keep_every_field_of_their_template() -> None:
    fields = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")
    for (context, message_id), message in _messages(FRENCH_PO).items():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)  # type: ignore[attr-defined]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        wanted = set(fields.findall(ids[-1]))
        for text in strings:
            assert set(fields.findall(text)) <= wanted | {"{count}"}, (context, message_id, text)
            assert wanted - {"{count}"} <= set(fields.findall(text)), (context, message_id, text)


def test_months_are_babels_french_months() -> None:
    """Dates read « févr. 2025 », « 14 juin 2023 »: the months are CLDR's (Babel), abbreviated
    beside a year, in full in a day's date."""
    french = _messages(FRENCH_PO)
    english = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]  # as printed
    short, wide = get_month_names("abbreviated", locale="fr"), get_month_names("wide", locale="fr")
    for number, name in enumerate(english, start=1):
        assert french[("month", name)].string == short[number], name  # type: ignore[attr-defined]
        assert french[("month of a day", name)].string == wide[number], name  # type: ignore[attr-defined]


def test_every_list_a_page_shows_has_its_french_title() -> None:
    """A kind's links, nested lists and sources are titled on its pages in the reader's language."""
    french = _messages(FRENCH_PO)
    for kind in kinds.KINDS:
        for item in kind.items:
            if isinstance(item, Link | Nested | Cited):
                assert ("field", item.field.replace("_", " ")) in french, f"{kind.section}.{item.field}"


# --- no message bypasses the catalogue ---------------------------------------------------------

# Calls whose first argument a person reads: an error, a notice, a problem's message.
_SINKS = {"notice", "UsageError", "EnvironmentFailure", "DataError", "UnknownValue", "YamlProblem", "BadParameter"}
_MARKERS = {"_", "N_", "ngettext", "pgettext", "NP_"}


def _bypasses(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        message = node.args[3] if name == "problem" and len(node.args) >= 4 else node.args[0]
        if name not in _SINKS and name != "problem":
            continue
        if isinstance(message, ast.JoinedStr) or (isinstance(message, ast.Constant) and message.value):
            found.append((node.lineno, name))  # ("" places a problem only to read its location)
    for node in ast.walk(tree):  # help texts of options, arguments and commands
        if isinstance(node, ast.keyword) and node.arg in {"help", "epilog"}:
            value = node.value
            if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                found.append((value.lineno, f"{node.arg}="))
    return found


def test_no_message_a_person_reads_bypasses_the_catalogue() -> None:
    """An error, a notice, a problem or a help text given as a bare string or an f-string would
    print in English to a French reader: each goes through ``_`` (a template with named fields)."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for line, name in _bypasses(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(SRC)}:{line}: {name}")
    assert not offenders, offenders


def test_the_bypass_check_sees_a_bare_message() -> None:
    tree = ast.parse('raise UsageError(f"no {x}")\nnotice("done")\ntyper.Option(help="Words")\nnotice(_("ok"))\n')
    assert [name for _line, name in _bypasses(tree)] == ["UsageError", "notice", "help="]


# --- what each reader sees ---------------------------------------------------------------------


def test_french_values_of_options_are_accepted(iafr: Invoke, corpus_copy: Path) -> None:
    french = iafr("--lang", "fr", "funding", "--status", "annoncé", "--kind", "privé", "--format", "json",
                  data=corpus_copy)  # fmt: skip
    english = iafr("funding", "--status", "announced", "--kind", "private", "--format", "json", data=corpus_copy)
    assert french.exit_code == 0 and french.stdout == english.stdout
    assert {"macron-109-mds-investissements-prives", "brookfield-cambrai-20-mds"} <= set(
        re.findall(r'"id": "([^"]+)"', french.stdout)
    )
    people = iafr("actors", "--kind", "personne", "--format", "csv", data=corpus_copy)
    assert people.exit_code == 0 and "marina-ferrari" in people.stdout


def test_check_speaks_french_to_a_french_reader(iafr: Invoke, corpus_copy: Path) -> None:
    funding = corpus_copy / "funding.yaml"
    funding.write_text(funding.read_text(encoding="utf-8").replace("status: announced", "status: anounced", 1), "utf-8")
    measures = corpus_copy / "recommendations.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("report: hub-france-ia-40-mesures", "report: hub-france-ia-40-mesure", 1), "utf-8")
    french = iafr("--lang", "fr", "check", "--data", str(corpus_copy))
    assert french.exit_code == 1
    lines = french.stdout.splitlines()
    assert "status: doit être 'announced', " in lines[0] and "(vouliez-vous dire 'announced' ?)" in lines[0]
    assert "unknown-ref: aucune fiche (rapport) n'a l'id 'hub-france-ia-40-mesure'" in lines[1]
    assert lines[-1] == "2 erreurs, 0 avertissement"
    english = iafr("--lang", "en", "check", "--data", str(corpus_copy)).stdout.splitlines()
    assert english[-1] == "2 errors, 0 warnings" and "no report has id 'hub-france-ia-40-mesure'" in english[1]


def test_english_readers_see_english_titles_and_french_readers_french_ones(iafr: Invoke, mini: Path) -> None:
    english = iafr("--lang", "en", "measures", "--format", "md", data=mini).stdout
    french = iafr("--lang", "fr", "measures", "--format", "md", data=mini).stdout
    assert "Frugal models" in english and "Frugalité des modèles" not in english
    assert "Frugalité des modèles" in french and "Frugal models" not in french


def test_a_text_with_no_english_twin_is_shown_in_french_marked_as_such() -> None:
    from iafr.render.views import in_reader_language

    record = {"description": "Supercalculateur.", "description_en": None}
    with i18n.speaking("en"):
        assert in_reader_language(record, "description", "description_en") == "[fr] Supercalculateur."
        assert in_reader_language({**record, "description_en": "Supercomputer."}, "description", "description_en") == (
            "Supercomputer."
        )
    with i18n.speaking("fr"):
        assert in_reader_language(record, "description", "description_en") == "Supercalculateur."


def test_english_search_finds_english_texts(iafr: Invoke, corpus_copy: Path) -> None:
    def found(text: str) -> set[str]:
        return set(re.findall(r'"id": "([^"]+)"', iafr("search", text, "--format", "json", data=corpus_copy).stdout))

    assert {"sommet-action-ia", "macron-annonce-109-mds-veille-sommet"} <= found("AI Action Summit")
    assert {"commande-publique", "public-procurement"} <= found("public procurement")
    assert "bloom" in found("BLOOM parameters")
    axis = iafr("measures", "--axis", "public procurement", data=corpus_copy)
    assert axis.exit_code == 0 and "axis commande-publique" in axis.stdout


def test_the_html_report_says_its_language(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    french, english = tmp_path / "fr.html", tmp_path / "en.html"
    assert iafr("--lang", "fr", "report", "--output", str(french), data=mini).exit_code == 0
    assert iafr("--lang", "en", "report", "--output", str(english), data=mini).exit_code == 0
    page_fr, page_en = french.read_text("utf-8"), english.read_text("utf-8")
    assert '<html lang="fr">' in page_fr and "Politique française de l&#x27;IA : état du corpus" in page_fr
    assert '<html lang="en">' in page_en and "French AI policy: the state of the corpus" in page_en


def test_money_is_written_as_each_language_writes_it(iafr: Invoke, mini: Path) -> None:
    french = iafr("--lang", "fr", "funding", data=mini).stdout
    english = iafr("--lang", "en", "funding", data=mini).stdout
    assert "1,5 Md€" in french and "5–15 Md€ par an" in french
    assert "€1.5bn" in english and "€5–15bn a year" in english

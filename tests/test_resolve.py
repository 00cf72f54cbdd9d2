"""One resolver for every vocabulary option, on the shipped corpus: what people type → ids."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iafr.errors import UsageError
from iafr.layout import FUNDING_KINDS, FUNDING_STATUSES
from iafr.models import FundingKind, FundingStatus
from iafr.resolve import resolve, resolve_all
from iafr.workspace import Workspace, connect
from tests.conftest import REPO_DATA, Invoke


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    db = tmp_path_factory.mktemp("resolve") / "shipped.db"
    connection = connect(Workspace(REPO_DATA, db))
    yield connection
    connection.close()


def test_the_funding_vocabularies_are_the_models() -> None:
    assert tuple(FundingStatus) == FUNDING_STATUSES
    assert tuple(FundingKind) == FUNDING_KINDS


@pytest.mark.parametrize(
    ("vocabulary", "typed", "expected"),
    [
        ("actor", "emmanuel-macron", "emmanuel-macron"),  # the id
        ("actor", "Macron", "emmanuel-macron"),  # one word of the name
        ("actor", "État", "etat-francais"),
        ("actor", "Etat", "etat-francais"),  # accents ignored
        ("actor", "l'État", "etat-francais"),  # an alias
        ("actor", "France", "etat-francais"),  # an alias
        ("actor", "UAE", "emirats-arabes-unis"),  # the initials of the country's English name
        ("actor", "Emirats", "emirats-arabes-unis"),  # a word of its French name
        ("actor", "united arab emirates", "emirats-arabes-unis"),
        ("actor", "USA", "etats-unis"),  # a state by its country's alpha-3 code
        ("actor", "JEAN ZAY", "jean-zay"),
        ("axis", "Frugalité", "frugalite"),
        ("currency", "€", "EUR"),
        ("currency", "euros", "EUR"),
        ("currency", "dollars", "USD"),
        ("currency", "$", "USD"),
        ("currency", "usd", "USD"),
        ("country", "USA", "US"),
        ("country", "France", "FR"),
        ("country", "fr", "FR"),
        ("country", "États-Unis", "US"),
        ("country", "Emirats", "AE"),
        ("funding status", "Announced", "announced"),
        ("funding kind", "PUBLIC", "public"),
        ("measure kind", "Demand", "demand"),
        ("chapter", "1", "1"),  # chapter 1 has sections 1.1–1.3
        ("chapter", "1.2", "1.2"),
    ],
)
def test_what_people_type_resolves(shipped: sqlite3.Connection, vocabulary: str, typed: str, expected: str) -> None:
    assert resolve(shipped, vocabulary, typed) == expected


@pytest.mark.parametrize(
    ("vocabulary", "typed", "suggested"),
    [
        ("actor", "Mistal", "mistral-ai (Mistral AI)"),
        ("measure kind", "demande", "demand"),
        ("funding status", "anounced", "announced"),
        ("axis", "environement", "environnement"),
    ],
)
def test_an_unknown_value_names_the_closest_real_ones_and_the_valid_values(
    shipped: sqlite3.Connection, vocabulary: str, typed: str, suggested: str
) -> None:
    with pytest.raises(UsageError) as caught:
        resolve(shipped, vocabulary, typed)
    message = str(caught.value)
    assert f"unknown {vocabulary} {typed!r}" in message
    assert f"Did you mean {suggested}" in message
    assert "Valid values: " in message


@pytest.mark.parametrize(("vocabulary", "typed"), [("chapter", "7"), ("country", "XX"), ("currency", "yen")])
def test_a_value_close_to_nothing_still_lists_the_valid_ones(
    shipped: sqlite3.Connection, vocabulary: str, typed: str
) -> None:
    with pytest.raises(UsageError, match="Valid values: "):
        resolve(shipped, vocabulary, typed)


def test_a_word_naming_several_records_is_refused_with_their_ids(shipped: sqlite3.Connection) -> None:
    with pytest.raises(UsageError) as caught:
        resolve(shipped, "actor", "Jean")  # Jean Zay, Jean-Marie Cavada: never a guess
    assert "names several actor values: jean-marie-cavada (Jean-Marie Cavada), jean-zay (Jean Zay)" in str(caught.value)
    with pytest.raises(UsageError, match=r"emirats-arabes-unis .*etats-unis"):
        resolve(shipped, "actor", "unis")


def test_repeated_values_resolve_once_each_in_order(shipped: sqlite3.Connection) -> None:
    assert resolve_all(shipped, "actor", ["GENCI", "Jean Zay", "genci"]) == ["genci", "jean-zay"]


@given(typed=st.text(max_size=30))
def test_any_text_resolves_or_is_a_usage_error(shipped: sqlite3.Connection, typed: str) -> None:
    for vocabulary in ("actor", "country", "chapter", "currency", "axis"):
        try:
            assert resolve(shipped, vocabulary, typed)
        except UsageError as error:
            assert "\n" not in str(error)  # one line


# --- through the CLI: repeated options combine, and the caption names every value ---------------


def _ids(iafr: Invoke, *args: str) -> list[str]:
    result = iafr(*args, "--format", "json", data=REPO_DATA)
    assert result.exit_code == 0, result.stderr
    return [record["id"] for record in json.loads(result.stdout)]


def test_repeated_actors_combine_with_or_and_the_caption_names_both(iafr: Invoke) -> None:
    genci = set(_ids(iafr, "measures", "--actor", "GENCI"))
    jean_zay = set(_ids(iafr, "measures", "--actor", "Jean Zay"))
    both = _ids(iafr, "measures", "--actor", "GENCI", "--actor", "Jean Zay")
    assert set(both) == genci | jean_zay and len(both) == len(genci | jean_zay)
    table = iafr("measures", "--actor", "GENCI", "--actor", "Jean Zay", data=REPO_DATA).stdout
    assert "actor genci or jean-zay" in table


def test_repeated_statuses_and_currencies_combine_with_or(iafr: Invoke) -> None:
    raised = set(_ids(iafr, "funding", "--status", "raised"))
    invested = set(_ids(iafr, "funding", "--status", "invested"))
    assert set(_ids(iafr, "funding", "--status", "raised", "--status", "invested")) == raised | invested
    dollars = _ids(iafr, "funding", "--currency", "$")
    euros = _ids(iafr, "funding", "--currency", "€")
    assert (
        dollars
        and euros
        and set(_ids(iafr, "funding", "--currency", "$", "--currency", "euros"))
        == {
            *dollars,
            *euros,
        }
    )


@pytest.mark.parametrize(
    "args",
    [
        ("measures", "--chapter", "7"),
        ("measures", "--kind", "demande"),
        ("funding", "--currency", "yen"),
        ("actors", "--country", "Atlantis"),
        ("funding", "--actor", "Mistal"),
        ("timeline", "--actor", "nobody-at-all"),
    ],
)
def test_an_unknown_value_is_exit_2_never_an_empty_table(iafr: Invoke, args: tuple[str, ...]) -> None:
    result = iafr(*args, data=REPO_DATA)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("iafr: unknown ") and "Valid values: " in result.stderr


def test_a_country_by_name(iafr: Invoke) -> None:
    assert _ids(iafr, "actors", "--country", "USA") == _ids(iafr, "actors", "--country", "US")
    assert "etats-unis" in _ids(iafr, "actors", "--country", "États-Unis")


def test_show_takes_an_actor_by_name_as_actor_options_do(iafr: Invoke) -> None:
    for typed in ("Macron", "Emmanuel Macron", "emmanuel-macron"):
        result = iafr("show", typed, "--format", "json", data=REPO_DATA)
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)[0]["id"] == "emmanuel-macron"
    several = iafr("show", "Jean", data=REPO_DATA)  # two actors: refused, never a guess
    assert several.exit_code == 2 and "no record has id 'Jean'" in several.stderr

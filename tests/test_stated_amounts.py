"""stated-amount: a figure's amount agrees with its stated wording and its quotes (the money parser
reading prose), on the mini corpus edited in tmp_path, and through the real CLI."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iafr.money import amounts_in, human
from tests.conftest import Invoke
from tests.test_rules import edit, line_of, problems

RULE = "stated-amount"
PLAN = '    amount: "1,5 Md€"\n    date: "2023-06"\n'
QUOTE = '      - {source: article-test, quote: "1,5 milliards d\'euros"}\n'


def said(data: Path) -> list[str]:
    return [f"{p.line}:{p.column}: {'warning: ' if p.severity == 'warning' else ''}{p.message}" for p in
            problems(data, RULE)]  # fmt: skip


def plan(data: Path, amount: str, stated: str | None = None, quote: str | None = None, extra: str = "") -> Path:
    """The figure plan-test with ``amount``, a ``stated`` wording and its quote replaced."""
    path = data / "funding.yaml"
    lines = f'    amount: "{amount}"\n' + (f'    stated: "{stated}"\n' if stated else "") + extra
    edit(path, PLAN, lines + '    date: "2023-06"\n')
    if quote is not None:
        edit(path, QUOTE, f'      - {{source: article-test, quote: "{quote}"}}\n')
    return path


# --- reading amounts in prose -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("1,5 milliards d’euros d’ici 2025", [("1500000000", "EUR", None, False)]),
        ("plus de 1 milliard d'euros sur cinq ans", [("1000000000", "EUR", "at-least", False)]),
        ("environ 10Md par an", [("10000000000", None, "about", True)]),
        ("pouvant s’élever à 50 milliards d’euros", [("50000000000", "EUR", "up-to", False)]),
        ("jusqu’à 15 milliards d’euros annuels", [("15000000000", "EUR", "up-to", True)]),
        ("plus de 10 milliards de dollars depuis 2019", [("10000000000", "USD", "at-least", False)]),
        ("ses 5,57 millions de dollars", [("5570000", "USD", None, False)]),
        ("105 M€ et 1 500 000 €", [("105000000", "EUR", None, False), ("1500000", "EUR", None, False)]),
        ("20 millions de livres sterling", [("20000000", "GBP", None, False)]),
        ("plusieurs dizaines de Mds d'euros, 10% du budget, 600 start-up, en 2025, 17,5%", []),
    ],
)
def test_amounts_in_prose(text: str, found: list[tuple[str, str | None, str | None, bool]]) -> None:
    read = [(str(m.amount), m.currency, m.qualifier, m.per_year) for m in amounts_in(text)]
    assert read == found


@given(
    st.integers(min_value=1, max_value=999_999).map(lambda n: Decimal(n) / 100),
    st.sampled_from([Decimal(10) ** 3, Decimal(10) ** 6, Decimal(10) ** 9]),
    st.sampled_from(["EUR", "USD", "GBP"]),
)
def test_what_iafr_writes_reads_back_as_the_same_amount(number: Decimal, scale: Decimal, currency: str) -> None:
    amount = number * scale
    (mention,) = amounts_in(f"le plan de {human(amount, currency, language='fr')} annoncé")
    assert mention.agrees(amount, currency) and mention.amount == amount and mention.currency == currency


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9))
def test_an_amount_agrees_within_half_the_last_digit_written(whole: int, tenth: int) -> None:
    (mention,) = amounts_in(f"{whole},{tenth} milliards d'euros")
    stated = Decimal(f"{whole}.{tenth}") * 10**9
    assert mention.agrees(stated + Decimal(5 * 10**7), "EUR")  # 2,5 milliards: 2,55 Md€ at most
    assert not mention.agrees(stated + Decimal(5 * 10**7 + 1), "EUR")
    assert not mention.agrees(stated, "USD")


# --- the rule -----------------------------------------------------------------------------------


def test_an_amount_the_wording_and_the_quote_contradict_is_an_error_at_each(mini: Path) -> None:
    path = plan(mini, "3 Md€", "2,5 milliards d'euros", "2,5 milliards d'euros")
    amount, quote = line_of(path, 'amount: "3 Md€"'), line_of(path, 'quote: "2,5 milliards')
    assert said(mini) == [
        f"{amount}:13: amount €3bn is not what the stated wording says (€2.5bn); correct one of them",
        f"{quote}:39: amount €3bn is not what its quotes say (€2.5bn); correct the amount or the quote",
    ]


def test_an_amount_within_the_precision_of_its_wording_agrees(mini: Path) -> None:
    plan(mini, "1 520 000 000 €", "1,5 milliard d'euros")
    assert said(mini) == []


def test_another_currency_is_another_amount(mini: Path) -> None:
    path = plan(mini, "1,5 Md€", "1,5 milliard de dollars")
    assert said(mini) == [
        f"{line_of(path, 'amount: ')}:13: amount €1.5bn is not what the stated wording says ($1.5bn);"
        " correct one of them"
    ]


def test_a_range_needs_both_ends_stated(mini: Path) -> None:
    path = mini / "funding.yaml"
    edit(path, '    upper: "15 Md€"\n', '    upper: "15 Md€"\n    stated: "5 milliards par an, jusqu’à 12 milliards"\n')
    assert said(mini) == [
        f"{line_of(path, 'upper: ')}:12: upper €15bn is not what the stated wording says (€5bn, €12bn);"
        " correct one of them"
    ]
    edit(path, "jusqu’à 12 milliards", "jusqu’à 15 milliards")
    assert said(mini) == []


def test_what_the_wording_says_of_the_amount_is_a_warning(mini: Path) -> None:
    path = plan(mini, "1,5 Md€", "plus de 1,5 milliard d'euros par an")
    stated = line_of(path, "stated: ")
    assert said(mini) == [
        f"{stated}:13: warning: the stated wording gives €1.5bn a year but the figure is one-off; set per_year: true",
        f"{stated}:13: warning: the stated wording says more than €1.5bn but precision is exact;"
        " set precision: at-least",
    ]


def test_a_wording_with_no_amount_to_read_is_a_warning_not_an_error(mini: Path) -> None:
    path = plan(mini, "1,5 Md€", "un milliard et demi")
    assert said(mini) == [
        f"{line_of(path, 'stated: ')}:13: warning: no amount to read in the stated wording;"
        " check by eye that it says €1.5bn"
    ]


def test_an_amount_stated_on_a_figure_without_one_is_a_warning(mini: Path) -> None:
    path = mini / "funding.yaml"
    edit(path, "stated: plusieurs centaines de millions d'euros", "stated: 300 millions d'euros")
    assert said(mini) == [
        f"{line_of(path, 'stated: 300')}:13: warning: the stated wording says €300m but the figure has no"
        " amount; give it, or say in the note why not"
    ]


def test_a_quote_without_an_amount_says_nothing_of_it(mini: Path) -> None:
    plan(mini, "3 Md€", quote="Le plan de l'État")
    assert said(mini) == []


def test_through_the_cli_strict_check_fails(iafr: Invoke, mini: Path) -> None:
    plan(mini, "3 Md€", "2,5 milliards d'euros", "2,5 milliards d'euros")
    result = iafr("check", "--strict", "--data", str(mini))
    assert result.exit_code == 1
    assert result.stdout.count(": stated-amount: amount €3bn is not what") == 2

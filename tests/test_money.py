"""Money is exact: never a float on the way in, in SQLite or on the way out."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iafr.loader import load
from iafr.money import (
    MAX_AMOUNT,
    canonical_text,
    from_minor_units,
    human,
    normalise,
    parse_amount,
    stated_currency,
    to_minor_units,
)
from tests.conftest import Invoke


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1500000000, "1500000000"),
        (Decimal("1.5E+9"), "1500000000"),
        ("1500000000", "1500000000"),
        ("1.5e9", "1500000000"),
        ("1.5E+9", "1500000000"),
        ("1 500 000", "1500000"),
        ("1\u00a0500\u202f000", "1500000"),  # no-break and narrow no-break spaces, as French typesets
        ("1,5 Md€", "1500000000"),
        ("1,5Md€", "1500000000"),
        ("105 M€", "105000000"),
        ("10 Md$", "10000000000"),
        ("5,57 M$", "5570000"),
        ("2,125 Md€", "2125000000"),  # 2125000000.000: three decimals written, none needed
        ("1,500 M€", "1500000"),
        ("12.345 k€", "12345"),
        ("1,2345 k€", "1234.5"),
        ("1.000", "1"),
        ("0.10", "0.1"),
        ("1234567890123.45", "1234567890123.45"),
        ("0.01", "0.01"),
        (" 42 ", "42"),
        ("3 bn", "3000000000"),
        ("7 mrd EUR", "7000000000"),
    ],
)
def test_human_and_plain_notations_are_exact(value: object, expected: str) -> None:
    amount = parse_amount(value)
    assert isinstance(amount, Decimal)
    assert canonical_text(amount) == expected


@pytest.mark.parametrize("value", [1.5, 1e9, 0.1, float("inf"), float("nan"), True, False])
def test_floats_and_booleans_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"never a float|must be a number"):
        parse_amount(value)


@pytest.mark.parametrize(
    "value",
    [
        ".inf", "-.inf", ".nan", ".NaN", "inf", "Infinity", "nan", "NaN", "sNaN",
        Decimal("Infinity"), Decimal("-Infinity"), Decimal("NaN"), Decimal("sNaN"),
    ],
)  # fmt: skip
def test_infinities_and_nans_are_refused(value: object) -> None:
    with pytest.raises(ValueError):  # never decimal.InvalidOperation, which pydantic lets through
        parse_amount(value)


@pytest.mark.parametrize("value", [0, -5, "-5", "0", "-1,5 Md€", Decimal("-0.01"), Decimal("0E+3"), "0,0 M€"])
def test_zero_and_negative_amounts_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        parse_amount(value)


@pytest.mark.parametrize(
    "value",
    [
        "0.001",
        "1.005",
        "1,000001 k€",
        "1,000000000000000000000000001 Md€",  # would round to a round billion at 28 digits
        "1," + "0" * 40 + "1 Md€",
    ],
)
def test_more_than_cents_is_refused_never_rounded(value: str) -> None:
    with pytest.raises(ValueError, match=r"two decimals|too many digits"):
        parse_amount(value)


@pytest.mark.parametrize(
    "value",
    ["1e9999999999999999999999999", "9" * 10_000, str(MAX_AMOUNT), 10**20, "1000000 Md€", "1e15", "99999999 Md$"],
)
def test_enormous_amounts_are_refused_with_a_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        parse_amount(value)


@pytest.mark.parametrize(
    "value", ["1,5,0 Md€", "1.500.000", "1,500,000", "5 Md€€", "Md€", "", "un milliard", "1 500 00"]
)
def test_ambiguous_or_garbled_text_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_amount(value)


def test_the_loader_never_hands_out_a_float() -> None:
    data = load("a: 1.5\nb: 1e9\nc: .inf\nd: .nan\ne: -0.0\nf: 1_000.5\n")
    assert data == {"a": "1.5", "b": "1e9", "c": ".inf", "d": ".nan", "e": "-0.0", "f": "1_000.5"}


def test_stated_currency_reads_the_sign() -> None:
    assert stated_currency("10 Md$") == "USD"
    assert stated_currency("1,5 Md€") == "EUR"
    assert stated_currency("3 M£") == "GBP"
    assert stated_currency("1500000") is None
    assert stated_currency(15) is None


@pytest.mark.parametrize(
    ("amount", "currency", "upper", "per_year", "french", "english"),
    [
        ("1500000000", "EUR", None, False, "1,5 Md€", "€1.5bn"),
        ("105000000", "EUR", None, False, "105 M€", "€105m"),
        ("10000000000", "USD", None, False, "10 Md$", "$10bn"),
        ("5000000000", "EUR", "15000000000", True, "5–15 Md€/an", "€5–15bn/yr"),
        ("500000000", "EUR", "1500000000", False, "500 M€–1,5 Md€", "€500m–1.5bn"),
        ("1234.5", "EUR", None, False, "1,2345 k€", "€1.2345k"),
        ("1000000", "CHF", None, False, "1 M CHF", "CHF 1m"),
    ],
)
def test_human_formatting(
    amount: str, currency: str, upper: str | None, per_year: bool, french: str, english: str
) -> None:
    """Each language writes money its own way (README: French « 1,5 Md€ », English « €1.5bn »)."""
    value, top = Decimal(amount), Decimal(upper) if upper else None
    assert human(value, currency, top, per_year, "fr") == french
    assert human(value, currency, top, per_year, "en") == english


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**17 - 1))
def test_minor_units_round_trip(cents: int) -> None:
    amount = from_minor_units(cents)
    assert to_minor_units(amount) == cents
    assert parse_amount(canonical_text(amount)) == amount
    assert "E" not in canonical_text(amount) and "e" not in canonical_text(amount)
    assert normalise(amount) == amount


# --- through the CLI and the store --------------------------------------------------------------

TRICKY = {
    "plan-test": '"0,1 €"',
    "enveloppe-test": '"1 234 567 890 123,45 €"',
    "us-test": '"2,125 Md$"',
}


def write_tricky_amounts(data: Path) -> None:
    path = data / "funding.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('amount: "1,5 Md€"', f"amount: {TRICKY['plan-test']}")
    text = text.replace('quote: "1,5 milliards d\'euros"', 'quote: "0,1 €"')  # its quote says so (stated-amount)
    text = text.replace('amount: "5 Md€"\n    upper: "15 Md€"', f"amount: {TRICKY['enveloppe-test']}")
    text = text.replace('amount: "10 Md$"', f"amount: {TRICKY['us-test']}")
    path.write_text(text, encoding="utf-8")


def test_amounts_round_trip_exactly_through_sqlite_and_json(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    write_tricky_amounts(mini)
    db = tmp_path / "money.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    result = iafr("funding", "--format", "json", "--data", str(mini), "--db", str(db))
    assert result.exit_code == 0, result.output
    # parse JSON numbers as Decimal: a float anywhere on the way would show as 0.1000000000000000055…
    records = {r["id"]: r for r in json.loads(result.stdout, parse_float=Decimal)}
    assert records["plan-test"]["amount"] == Decimal("0.1")
    assert records["enveloppe-test"]["amount"] == Decimal("1234567890123.45")
    assert records["us-test"]["amount"] == 2125000000
    assert '"amount": 1234567890123.45,' in result.stdout
    csv = iafr("funding", "--format", "csv", "--data", str(mini), "--db", str(db)).stdout
    assert ",1234567890123.45," in csv and ",0.1," in csv


def test_sqlite_holds_amounts_as_integer_hundredths_never_real(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    write_tricky_amounts(mini)
    db = tmp_path / "money.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    with sqlite3.connect(db) as connection:
        columns = {row[1]: row[2] for row in connection.execute("PRAGMA table_info('funding')")}
        assert "amount" not in columns and "upper" not in columns  # no text amount left to sort as text
        assert columns["amount_minor"] == columns["upper_minor"] == "INTEGER"
        integers = "SELECT id, amount_minor FROM funding WHERE typeof(amount_minor) = 'integer'"
        rows = dict(connection.execute(integers).fetchall())
        assert (rows["enveloppe-test"], rows["plan-test"], rows["us-test"]) == (123456789012345, 10, 212500000000)
        (with_amount,) = connection.execute("SELECT count(*) FROM funding WHERE amount_minor IS NOT NULL").fetchone()
        assert with_amount == len(rows)
        # SQL sorts them as numbers: 0,1 € below 1,5 Md€ below 1 234 Md€, whatever their digits as text
        ranked = [row[0] for row in connection.execute(
            "SELECT id FROM funding WHERE currency = 'EUR' AND amount_minor IS NOT NULL ORDER BY amount_minor DESC"
        )]  # fmt: skip
        assert ranked.index("enveloppe-test") < ranked.index("plan-test") == len(ranked) - 1
        # no REAL anywhere in the database, in any column of any table
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [column[1] for column in connection.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                (reals,) = connection.execute(
                    f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = \'real\''
                ).fetchone()
                assert reals == 0, f"{table}.{column} holds a REAL"


def test_minimum_filter_is_exact_at_the_cent(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    write_tricky_amounts(mini)
    db = tmp_path / "money.db"

    def ids(minimum: str) -> set[str]:
        result = iafr(
            "funding", "--min", minimum, "--currency", "EUR", "--format", "json", "--data", str(mini), "--db", str(db)
        )
        assert result.exit_code == 0, result.output
        return {r["id"] for r in json.loads(result.stdout)}

    assert "enveloppe-test" in ids("1234567890123,45 €")
    assert "enveloppe-test" not in ids("1234567890123,46 €")
    assert "plan-test" in ids("0,1 €") and "plan-test" not in ids("0,11 €")


@pytest.mark.parametrize("value", [".inf", "nan", "-5", "0", "1.5.5", "1e9999999999999999999999999", "0.001"])
def test_bad_minimum_is_a_usage_error(iafr: Invoke, mini: Path, value: str) -> None:
    result = iafr("funding", "--min", value, "--currency", "EUR", data=mini)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"iafr: --min {value!r}: ")


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (".inf", "cannot read '.inf'"),
        (".nan", "cannot read '.nan'"),
        ("-1500000000", "must be positive"),
        ('"-1,5 Md€"', "cannot read '-1,5 Md€'"),
        ("-5", "must be positive"),
        ("0", "must be positive"),
        ('"1e9999999999999999999999999"', "is a float or an English decimal"),
        ('"1.500 M€"', "is ambiguous: '.' separates thousands in French"),
        ('"1,5"', "has a decimal comma but no unit"),
        ("1.5e9", "write the whole number (1500000000) or '1,5 Md€'"),
        ('"1,5 Md$"', "is in USD but currency is EUR"),
        ("1500000000.001", "is ambiguous"),
        ('"1 500 000 000,001 €"', "two decimals"),
    ],
)
def test_bad_amount_in_the_yaml_is_a_located_error(iafr: Invoke, mini: Path, written: str, words: str) -> None:
    path = mini / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('amount: "1,5 Md€"', f"amount: {written}"), "utf-8")
    result = iafr("check", "--data", str(mini), "--format", "json")
    assert result.exit_code == 1
    problems = [p for p in json.loads(result.stdout) if p["severity"] == "error" and p["rule"] == "schema"]
    assert len(problems) == 1 and words in problems[0]["message"]
    assert Path(problems[0]["file"]).name == "funding.yaml" and problems[0]["line"] > 1

"""Renderers on fixed input, compared with exact expected output."""

from __future__ import annotations

import json
from decimal import Decimal

from iafr.money import human
from iafr.render.toolkit import json_text as render_json


def test_json_amounts_are_exact_numbers() -> None:
    text = render_json({"id": "x", "amount": Decimal("2.5"), "list": [Decimal("5570000"), Decimal("0.01")]})
    assert text == '{\n  "id": "x",\n  "amount": 2.5,\n  "list": [\n    5570000,\n    0.01\n  ]\n}\n'
    assert json.loads(text, parse_float=Decimal)["amount"] == Decimal("2.5")


def test_json_keeps_text_that_looks_like_the_marker() -> None:
    assert json.loads(render_json({"t": "decimal:1"})) == {"t": "decimal:1"}


def test_human_amounts() -> None:
    assert human(Decimal(1_500_000_000), "EUR", language="fr") == "1,5 Md€"
    assert human(Decimal(105_000_000), "EUR", language="fr") == "105 M€"
    assert human(Decimal(10_000_000_000), "USD", language="fr") == "10 Md$"
    assert human(Decimal(5_000_000_000), "EUR", Decimal(15_000_000_000), per_year=True, language="fr") == "5–15 Md€/an"
    assert human(Decimal(500_000_000), "EUR", Decimal(2_000_000_000), language="fr") == "500 M€–2 Md€"
    assert human(None, "EUR") == "—"

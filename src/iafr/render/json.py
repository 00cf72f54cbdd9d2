"""JSON: stable keys (``id`` first), exact decimal amounts as JSON numbers, ISO dates."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from iafr.money import canonical_text

_MARK = "\x00decimal:"


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        # an exact number: ints print exactly; other decimals go through a marker replaced below
        return int(value) if value == value.to_integral_value() else f"{_MARK}{canonical_text(value)}\x00"
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return value


def render_json(value: Any) -> str:
    text = json.dumps(_encode(value), ensure_ascii=False, indent=2)
    if "\\u0000decimal:" in text:  # json.dumps writes the marker's NUL as \u0000
        import re  # noqa: PLC0415

        text = re.sub(r'"\\u0000decimal:([0-9.\-]+)\\u0000"', r"\1", text)
    return text + "\n"

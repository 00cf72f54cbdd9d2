"""How single values print in text formats (shared by the CSV, Markdown and table renderers)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iafr.money import canonical_text


def plain(value: Any, list_separator: str = ";") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return canonical_text(value)
    if isinstance(value, list):
        return list_separator.join(plain(item) for item in value)
    if isinstance(value, dict):
        if set(value) == {"start", "end"}:
            return f"{value['start']}-{value['end']}"
        return list_separator.join(f"{key}={plain(item)}" for key, item in value.items())
    return str(value)

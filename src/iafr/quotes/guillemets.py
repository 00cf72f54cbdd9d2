"""Text between French quotation marks « … », which may nest (« Auto « Frenchbashing » sur l’IA »)."""

from __future__ import annotations


def outermost(text: str) -> list[str]:
    """The contents of each outermost « … » of ``text``, stripped; an unclosed one is ignored."""
    parts = []
    depth = 0
    start = 0
    for position, char in enumerate(text):
        if char == "«":
            if depth == 0:
                start = position + 1
            depth += 1
        elif char == "»" and depth > 0:
            depth -= 1
            if depth == 0 and text[start:position].strip():
                parts.append(text[start:position].strip())
    return parts


def opened_before(text: str, close: int) -> str | None:
    """The contents of the « … » whose » is at ``close``."""
    depth = 0
    for position in range(close - 1, -1, -1):
        if text[position] == "»":
            depth += 1
        elif text[position] == "«":
            if depth == 0:
                return text[position + 1 : close].strip() or None
            depth -= 1
    return None


def closed_after(text: str, open_: int) -> str | None:
    """The contents of the « … » whose « is at ``open_``."""
    depth = 0
    for position in range(open_ + 1, len(text)):
        if text[position] == "«":
            depth += 1
        elif text[position] == "»":
            if depth == 0:
                return text[open_ + 1 : position].strip() or None
            depth -= 1
    return None

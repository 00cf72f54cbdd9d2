"""Checks on free text: what must never reach a terminal or a database."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline, and the bidi overrides/isolates that can make text
# read differently from what it is (CVE-2021-42574, "Trojan Source").
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def check_clean_text(value: str) -> str:
    match = _FORBIDDEN.search(value)
    if match:
        char = match.group()
        code = f"U+{ord(char):04X}"
        # controls have no Unicode name: show the code once rather than "(U+001B, U+001B)"
        name = unicodedata.name(char, "")
        shown = f"{name}, {code}" if name else code
        raise ValueError(f"text holds a control or bidi character ({shown}); remove it")
    return value


def printable(text: str) -> str:
    """``text`` with each control or bidi character shown as U+FFFD: for text that is not ours
    (a source's text quoted in a message), which must not steer the terminal."""
    return _FORBIDDEN.sub("\ufffd", text)


def fold(text: str) -> str:
    """Lower-case without accents: how user input is matched against ids, labels and aliases."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_QUOTES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "«": '"', "»": '"', "–": "-", "—": "-"})

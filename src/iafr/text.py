"""Checks on free text: what must never reach a terminal or a database."""

from __future__ import annotations

import functools
import re
import unicodedata

from iafr.i18n import _

# C0/C1 controls except tab and newline, and the bidi overrides/isolates that can make text
# read differently from what it is (CVE-2021-42574, "Trojan Source").
# Also the invisible characters that make two equal-looking names differ ("Mis\u200dtral AI" would
# no longer match --actor "Mistral AI"): zero-width spaces and joiners, word joiner, BOM, soft
# hyphen, and the line and paragraph separators that break a terminal line unseen.
_FORBIDDEN = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    "\u200b-\u200d\u2060\ufeff\u00ad\u2028\u2029]"
)


@functools.cache
def _forbidden() -> re.Pattern[str]:
    # compiled on first use (0.6 ms): every query imports this module for fold(), few print free text
    return re.compile(_FORBIDDEN)


def check_clean_text(value: str) -> str:
    match = _forbidden().search(value)
    if match:
        char = match.group()
        code = f"U+{ord(char):04X}"
        # controls have no Unicode name: show the code once rather than "(U+001B, U+001B)"
        name = unicodedata.name(char, "")
        shown = f"{name}, {code}" if name else code
        raise ValueError(
            _("text holds an invisible, control or bidi character ({shown}) at character {value}; remove it").format(
                shown=shown, value=match.start() + 1
            )
        )
    return value


def printable(text: str) -> str:
    """``text`` with each control or bidi character shown as U+FFFD: for text that is not ours
    (a source's text quoted in a message), which must not steer the terminal."""
    return _forbidden().sub("\ufffd", text)


def fold(text: str) -> str:
    """Lower-case without accents: how user input is matched against ids, labels and aliases."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_QUOTES))
    # marks and invisible format characters (a zero-width joiner typed in an option) are dropped
    return "".join(
        char for char in decomposed if not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
    ).strip()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "«": '"', "»": '"', "–": "-", "—": "-"})

"""Words and numbers of a normalised text, where the token tiers compare quotes with texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A number keeps its decimal or thousands marks ("10,6", "2211.02001"): "1,5" is never "15".
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
# In OCR text "|" is a glyph of l or I inside words ("I'l|A"), "&" and "@" are misread "à".
_OCR_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|(?:[^\W_]|\|)+|[&@]")

SIGNIFICANT_LETTERS = 4
"""Words of this many letters or more, and every token with a digit, must match (up to OCR
confusions in an OCR text); shorter words may only differ in a warning."""


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as normalised: case folded, accents kept
    start: int  # offsets in the normalised text
    end: int
    significant: bool
    number: bool  # digits only (with their marks): never merged with a neighbour
    elided: bool  # followed by an apostrophe: "l'", "d'", "qu'"


def tokenise(normalised: str, ocr: bool = False) -> list[Token]:
    pattern = _OCR_TOKEN if ocr else _TOKEN
    tokens = []
    for match in pattern.finditer(normalised):
        text = match.group()
        has_digit = any(char.isdigit() for char in text)
        letters = sum(char.isalpha() for char in text)
        tokens.append(
            Token(
                text=text,
                start=match.start(),
                end=match.end(),
                significant=has_digit or letters >= SIGNIFICANT_LETTERS,
                number=has_digit and letters == 0,
                elided=normalised.startswith("'", match.end()),
            )
        )
    return tokens

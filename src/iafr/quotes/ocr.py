"""OCR confusions: when a word of a clean quote is the same word misread in an OCR text.

The quote is the clean side (accents, ligatures, the right letters); the text is the OCR side. A
quote word matches a text word when the text can be spelt from the quote with, letter by letter:
the same letter without its accent or case; a glyph of the same shape (l, I, i, 1, |, !; o and 0);
or one of the misreadings below, seen in the corpus's OCR text (documented in data/README.md). A
digit therefore only ever matches itself, or l/I for 1 and o/O for 0: "2017" is never "2018".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Glyphs of one shape for a scanner: each is read as its class's first letter.
_SAME_SHAPE = str.maketrans({**dict.fromkeys("il1|!ı", "l"), "0": "o"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# Misreadings of a quote's letter (left) in the OCR text (right, folded: no accents, l for I/1/|),
# each one met in the seed report's OCR text; a new one is added here with its example, never a
# similarity threshold.
CONFUSIONS: dict[str, tuple[str, ...]] = {
    "à": ("d", "&", "@", "da"),  # "d la France", "& l'Europe", "@ accompagner", "da la propriété"
    "â": ("d",),  # "grdce"
    "û": ("l", "d", "lg"),  # "colt", "codt", "colGt" for "coût"
    "è": ("ee", "t"),  # "Modeéles", "acceés", "Systtmes"
    "é": ("ee",),  # "inféerence"
    "ô": ("e", "d"),  # "Cété" for "Côté", "contrdlés"
    "ç": ("g",),  # "fagon", "frangaises"
    "œ": ("ce", "oce"),  # "mise en ceuvre", "oceuvre"
    "q": ("g",),  # "mangue" for "manque"
}
NOISE = "|"
"""A glyph the scanner may add inside a word ("I'l|A" for "l'IA")."""


@lru_cache(maxsize=16384)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Accents, case, ligatures and same-shape glyphs gone: what a scanner cannot tell apart."""
    return strip_accents(text.casefold()).translate(_SAME_SHAPE)


@lru_cache(maxsize=65536)
def ocr_equivalent(quote_word: str, text_word: str) -> bool:
    """Whether ``text_word`` (OCR) can be the clean ``quote_word`` misread, by the rules above."""
    target = fold(text_word)
    plain = fold(quote_word)
    if plain == target:
        return True
    if not plain or len(target) < len(plain) or len(target) > 2 * len(plain) + 1:
        return False  # misreadings never shorten a word, and at most double its letters
    noise = {index for index, char in enumerate(strip_accents(text_word.casefold())) if char == NOISE}
    if len(strip_accents(text_word.casefold())) != len(target):
        noise = set()  # (a ligature changed the length: no noise positions to trust)
    reached = {0}
    for char in quote_word:
        letter = fold(char)
        following: set[int] = set()
        for position in _past_noise(reached, noise):
            if target.startswith(letter, position):
                following.add(position + len(letter))
            for misread in CONFUSIONS.get(char, ()):
                if target.startswith(misread, position):
                    following.add(position + len(misread))
        if not following:
            return False
        reached = following
    return len(target) in _past_noise(reached, noise)


def _past_noise(positions: set[int], noise: set[int]) -> set[int]:
    """``positions``, and those reached from them by skipping noise glyphs."""
    out = set(positions)
    for position in positions:
        while position in noise:
            position += 1
            out.add(position)
    return out

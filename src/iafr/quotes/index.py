"""A source text indexed once: raw, normalised, tokens, and where each folded word occurs."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from iafr.quotes.normalise import Normalised, normalise
from iafr.quotes.ocr import fold
from iafr.quotes.tokens import Token, tokenise


@dataclass(frozen=True)
class TextIndex:
    """One source's text, ready for any number of quotes (built by :func:`index_text`)."""

    raw: str
    normalised: Normalised
    tokens: list[Token]
    ocr: bool  # the text is OCR output: the OCR tier applies
    undouble: bool  # doubled link text is read once
    postings: dict[str, list[int]]  # folded token text -> indices in ``tokens``
    line_starts: list[int] = field(repr=False)

    def position(self, raw_offset: int) -> tuple[int, int]:
        """1-based line and column of a raw offset."""
        line = bisect.bisect_right(self.line_starts, raw_offset)
        return line, raw_offset - self.line_starts[line - 1] + 1

    def raw_of_tokens(self, first: int, last: int) -> tuple[int, int]:
        """The raw span from token ``first`` to token ``last`` included."""
        return self.normalised.raw_span(self.tokens[first].start, self.tokens[last].end)


def index_text(raw: str, ocr: bool = False, undouble: bool = False) -> TextIndex:
    normalised = normalise(raw, undouble)
    tokens = tokenise(normalised.text, ocr)
    postings: dict[str, list[int]] = defaultdict(list)
    for number, token in enumerate(tokens):
        postings[fold(token.text)].append(number)
    line_starts = [0] + [offset + 1 for offset, char in enumerate(raw) if char == "\n"]
    return TextIndex(raw, normalised, tokens, ocr, undouble, dict(postings), line_starts)

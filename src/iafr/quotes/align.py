"""Token alignment of a quote with a stretch of text: the OCR and approximate tiers, and "what differs".

A semi-global edit alignment (the whole quote, any stretch of the text) whose steps are graded:
``OK`` (same word, an OCR misreading of it in an OCR text, or words run together or split by a
lost or added space), ``SHORT`` (a word of fewer than four letters differs, is missing or added:
a warning), ``WRONG`` (a digit or a longer word differs, is missing or added: an error). The
costs make one error outweigh any number of warnings, so the closest passage is the one with
the fewest real differences.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum

from iafr.i18n import _
from iafr.quotes.ocr import CONFUSIONS, fold, ocr_equivalent, strip_accents
from iafr.quotes.tokens import Token


class Grade(IntEnum):
    OK = 0
    SHORT = 1
    WRONG = 2


@dataclass(frozen=True, slots=True)
class Step:
    grade: Grade
    quote: tuple[Token, ...]  # empty: the text has a word the quote lacks
    text: tuple[Token, ...]  # empty: the quote has a word the text lacks

    def describe(self) -> str:
        said = " ".join(token.text for token in self.quote)
        found = " ".join(token.text for token in self.text)
        if not self.text:
            return _("{said!r} is not in the text").format(said=said)
        if not self.quote:
            return _("the text has {found!r} here").format(found=found)
        return _("{said!r} where the text has {found!r}").format(said=said, found=found)


@dataclass(frozen=True, slots=True)
class Alignment:
    cost: float
    steps: tuple[Step, ...]
    first: int  # index of the first and last text tokens aligned (in the whole text)
    last: int

    @property
    def grade(self) -> Grade:
        return max((step.grade for step in self.steps), default=Grade.OK)


_COST = {Grade.OK: 0.0, Grade.SHORT: 1.0, Grade.WRONG: 10.0}
_GAP_COST = {Grade.OK: 0.0, Grade.SHORT: 1.0, Grade.WRONG: 10.5}  # a changed word reads better than a lost one
_LOST_ELISIONS = frozenset({"l", "d"})  # the "l'" and "d'" a scanner drops ("'adoption", "['usage")
_WORDS_OF_ONE_LETTER = frozenset({"a", "à", "y", "ô", "&", "@"})  # so never a stray glyph
_MAX_RUN = 4  # words a lost space may run together ("etdelaculture")
_INF = float("inf")


def _compare(quote: Token, text: Token, ocr: bool) -> tuple[Grade, float]:
    """Grade and cost of one quote word against one text word."""
    if quote.text == text.text:
        return Grade.OK, 0.0
    if quote.number and text.number:
        return Grade.WRONG, _COST[Grade.WRONG]
    if ocr and ocr_equivalent(quote.text, text.text):
        return Grade.OK, 0.01
    if quote.significant or text.significant:
        if not ocr and strip_accents(quote.text) == strip_accents(text.text):
            return Grade.SHORT, _COST[Grade.SHORT]  # an accent only: worth a look, not an error
        return Grade.WRONG, _COST[Grade.WRONG]
    return Grade.SHORT, _COST[Grade.SHORT]


def _same_run(said: Sequence[Token], found: Sequence[Token], ocr: bool) -> bool:
    """Whether the quote's words ``said`` and the text's ``found`` are the same once spaces are
    ignored (one side of the pair is a single word: a space was lost or added)."""
    if any(token.number for token in (*said, *found)):
        return False  # "1" "5" run together is not "15"
    quote = "".join(token.text for token in said)
    text = "".join(token.text for token in found)
    return quote == text or (ocr and ocr_equivalent(quote, text))


def _missing(quote: Token, ocr: bool) -> tuple[Grade, float]:
    """A quote word the text lacks."""
    if ocr and quote.elided and quote.text in _LOST_ELISIONS:
        return Grade.OK, 0.3  # never the "n'" of a negation: that loss is a difference
    grade = Grade.WRONG if quote.significant else Grade.SHORT
    return grade, _GAP_COST[grade]


def _extra(text: Token, ocr: bool) -> tuple[Grade, float]:
    """A text word the quote lacks."""
    if ocr and len(text.text) == 1 and text.text.isalpha() and text.text not in _WORDS_OF_ONE_LETTER:
        return Grade.OK, 0.3  # a stray glyph: a bullet "e", a mark read as "N"
    grade = Grade.WRONG if text.significant else Grade.SHORT
    return grade, _GAP_COST[grade]


def walk(quote: Sequence[Token], tokens: Sequence[Token], start: int, ocr: bool) -> Alignment | None:
    """The alignment of a quote found word for word from text token ``start``, or None.

    Most quotes are: one pass, no table. Only a forgiven step is allowed (a misreading, a lost
    space, a lost "l'", a stray glyph); at the first real difference :func:`align` takes over.
    """
    steps: list[Step] = []
    cost = 0.0
    i, j = 0, start
    folded_quote = [fold(token.text) for token in quote]
    while i < len(quote):
        if j >= len(tokens):
            return None
        grade, price = _compare(quote[i], tokens[j], ocr)
        if grade is Grade.OK:
            steps.append(Step(grade, (quote[i],), (tokens[j],)))
            cost += price
            i, j = i + 1, j + 1
            continue
        window = tokens[j : j + _MAX_RUN]
        run = next(_runs(quote, window, i, 0, ocr, folded_quote, [fold(token.text) for token in window]), None)
        if run is not None:
            said, found = run
            steps.append(_step(tuple(quote[i : i + said]), tuple(tokens[j : j + found]), ocr))
            cost += 0.05 * (said + found)
            i, j = i + said, j + found
            continue
        grade, price = _missing(quote[i], ocr)
        if grade is Grade.OK and i + 1 < len(quote) and _compare(quote[i + 1], tokens[j], ocr)[0] is Grade.OK:
            steps.append(Step(grade, (quote[i],), ()))
            cost += price
            i += 1
            continue
        grade, price = _extra(tokens[j], ocr)
        if (
            grade is Grade.OK
            and i > 0
            and j + 1 < len(tokens)
            and _compare(quote[i], tokens[j + 1], ocr)[0] is Grade.OK
        ):
            steps.append(Step(grade, (), (tokens[j],)))
            cost += price
            j += 1
            continue
        return None
    return Alignment(cost, tuple(steps), start, max(start, j - 1))


# How a cell of the alignment was reached: (previous i, previous j, quote words, text words).
_Back = tuple[int, int, int, int]


def align(
    quote: Sequence[Token], tokens: Sequence[Token], lo: int, hi: int, ocr: bool, band: tuple[int, int] | None = None
) -> Alignment | None:
    """The cheapest alignment of every quote token with some stretch of ``tokens[lo:hi]``.

    ``band``: the lowest and highest ``text index - quote index`` to explore (with some slack),
    around the diagonals where the quote's words were found; None explores everything.
    """
    text = tokens[lo:hi]
    m, n = len(quote), len(text)
    if m == 0 or n == 0:
        return None
    low, high = (band[0] - lo, band[1] - lo) if band else (-m, n)
    folded_quote = [fold(token.text) for token in quote]
    folded_text = [fold(token.text) for token in text]
    extra = [_extra(token, ocr)[1] for token in text]
    missing = [_missing(token, ocr)[1] for token in quote]
    # cost[i][j]: best cost of quote[:i] against the text up to j; back[i][j]: how it was reached
    cost = [[_INF] * (n + 1) for _ in range(m + 1)]
    back: list[list[_Back | None]] = [[None] * (n + 1) for _ in range(m + 1)]
    for j in range(max(0, low), min(n, high) + 1):
        cost[0][j] = 0.0
    for i in range(m):
        row, below = cost[i], cost[i + 1]
        word = quote[i]
        for j in range(max(0, i + low), min(n, i + high + _MAX_RUN) + 1):
            here = row[j]
            if here == _INF:
                continue
            if j < n:
                price = _compare(word, text[j], ocr)[1]
                if here + price < below[j + 1]:
                    below[j + 1] = here + price
                    back[i + 1][j + 1] = (i, j, 1, 1)
                if price > 0:
                    for said, found in _runs(quote, text, i, j, ocr, folded_quote, folded_text):
                        value = here + 0.05 * (said + found)
                        if value < cost[i + said][j + found]:
                            cost[i + said][j + found] = value
                            back[i + said][j + found] = (i, j, said, found)
                if i > 0 and here + extra[j] < row[j + 1]:
                    row[j + 1] = here + extra[j]
                    back[i][j + 1] = (i, j, 0, 1)
            if here + missing[i] < below[j]:
                below[j] = here + missing[i]
                back[i + 1][j] = (i, j, 1, 0)
    ends = [j for j in range(1, n + 1) if cost[m][j] < _INF]
    if not ends:
        return None
    end = min(ends, key=lambda j: (cost[m][j], j))
    steps: list[Step] = []
    i, j = m, end
    while i > 0:
        entry = back[i][j]
        assert entry is not None
        i, j, said, found = entry
        steps.append(_step(tuple(quote[i : i + said]), tuple(text[j : j + found]), ocr))
    steps.reverse()
    return Alignment(cost[m][end], tuple(steps), lo + min(j, end - 1), lo + end - 1)


def _step(said: tuple[Token, ...], found: tuple[Token, ...], ocr: bool) -> Step:
    """The step between ``said`` and ``found`` once the alignment is chosen (graded again: cheap)."""
    if not found:
        return Step(_missing(said[0], ocr)[0], said, found)
    if not said:
        return Step(_extra(found[0], ocr)[0], said, found)
    if len(said) == len(found) == 1:
        return Step(_compare(said[0], found[0], ocr)[0], said, found)
    return Step(Grade.OK, said, found)


def _runs(
    quote: Sequence[Token],
    text: Sequence[Token],
    i: int,
    j: int,
    ocr: bool,
    folded_quote: list[str],
    folded_text: list[str],
) -> Iterator[tuple[int, int]]:
    """``(quote words, text words)`` where quote words run together into one text word, or one
    quote word is split in two or more in the text, from quote word ``i`` and text word ``j``."""
    # OCR misreadings never shorten a word and rarely touch its first letter: both prune most tries.
    said, found = folded_quote[i], folded_text[j]
    if said[:1] != found[:1] and not (ocr and quote[i].text[:1] in CONFUSIONS):
        return
    width = len(said)
    for k in range(2, _MAX_RUN + 1):
        if i + k > len(quote):
            break
        width += len(folded_quote[i + k - 1])
        if width > len(found):
            break
        if len(found) <= 2 * width and _same_run(quote[i : i + k], text[j : j + 1], ocr):
            yield k, 1
    width = len(found)
    for k in range(2, _MAX_RUN + 1):
        if j + k > len(text):
            break
        width += len(folded_text[j + k - 1])
        if width > 2 * len(said) + 2:
            break
        if width >= len(said) and _same_run(quote[i : i + 1], text[j : j + k], ocr):
            yield 1, k

"""Where a quote is in a source's text, and how closely: exact, normalised, OCR-tolerant, approximate.

Tiers, in order: the raw text as it is; the normalised text (see ``normalise``); then, word by
word, an alignment (``align``) around the passages that share the quote's longer words, looked
up in the text's index (no scan of the whole text per quote). In an OCR text the alignment
forgives the scanner's misreadings (``ocr``) and lost spaces; anywhere, a word of fewer than four
letters that differs makes the quote approximate (a warning), and a digit or a longer word that
differs makes it not found (an error). ``[…]`` or ``…`` in a quote marks an elision: each
fragment must be found, in order, each within ``MAX_GAP`` characters of the one before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from iafr.i18n import _
from iafr.quotes.align import Alignment, Grade, align, walk
from iafr.quotes.fixes import undo_fixes
from iafr.quotes.index import TextIndex
from iafr.quotes.normalise import normalise
from iafr.quotes.ocr import fold
from iafr.quotes.tokens import Token, tokenise

MAX_GAP = 2000
"""Raw characters allowed between two fragments of an elided quote (about two paragraphs)."""
MAX_WORDS = 400
"""Words of a fragment beyond which it is only looked up exactly: aligning it would cost seconds,
and a quote is at most a sentence (the longest measure text has about a hundred words)."""

_ELISION = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*")
_EDGE = " \t\n,;:."  # punctuation beside an elision is the quoter's, not the text's
_CANDIDATES = 3  # passages aligned per fragment: the ones sharing most of its longer words
_COMMON = 200  # a word found this often says nothing about where the quote is
_DIAGONAL_SLACK = 6  # words a passage may gain or lose against the quote and still be one candidate


class Level(IntEnum):
    """How a quote was found, best first; the rule turns the last two into a warning and an error."""

    EXACT = 0
    NORMALISED = 1
    OCR = 2
    APPROXIMATE = 3
    NOT_FOUND = 4


@dataclass(frozen=True, slots=True)
class Found:
    level: Level
    span: tuple[int, int] | None  # the passage (or closest one) in the raw text; None: no word in common
    differences: tuple[str, ...] = ()
    cost: float = 0.0


def find_quote(index: TextIndex, quote: str, fixes: tuple[tuple[str, str], ...] = ()) -> Found:
    """How ``quote`` is found in the indexed text (whole, or fragment by fragment when elided).

    ``fixes``: the corrections the record's note documents (``fixes.documented_fixes``); when the
    quote is not found as it is, it is looked for with them undone.
    """
    found = _find_quote(index, quote)
    if found.level > Level.OCR and fixes:
        undone = undo_fixes(quote, fixes)
        if undone is not None:
            found = min(found, _find_quote(index, undone), key=lambda each: (each.level, each.cost))
    return found


def find_exactly(index: TextIndex, quote: str) -> Found:
    """The quote by the exact and normalised tiers only: cheap, for a look into other texts."""
    return _find(index, quote, 0, len(index.raw), exact_only=True)


def _find_quote(index: TextIndex, quote: str) -> Found:
    if not any(char.isalnum() for char in quote):
        return Found(Level.NOT_FOUND, None, ("the quote has no words",))
    whole = _find(index, quote, 0, len(index.raw), exact_only=True)
    if whole.level <= Level.NORMALISED:
        return whole
    fragments = [part.strip(_EDGE) for part in _ELISION.split(quote)]
    fragments = [part for part in fragments if part]
    if not fragments:
        return Found(Level.NOT_FOUND, None, ("the quote has no words",))
    if len(fragments) == 1:
        return _find(index, fragments[0], 0, len(index.raw))
    return _find_chain(index, fragments)


def _find_chain(index: TextIndex, fragments: list[str]) -> Found:
    best: Found | None = None
    for start in _find_all(index, fragments[0], 0, len(index.raw)):
        chain = [start]
        for number, fragment in enumerate(fragments[1:], start=2):
            previous = chain[-1]
            assert previous.span is not None
            lo = previous.span[1]
            found = _find(index, fragment, lo, min(len(index.raw), lo + MAX_GAP + 2 * len(fragment)))
            if found.span is None:
                found = Found(
                    Level.NOT_FOUND,
                    None,
                    (
                        _(
                            "fragment {number} ({text!r}) is not within {gap} characters after fragment {previous}"
                        ).format(number=number, text=_short(fragment), gap=MAX_GAP, previous=number - 1),
                    ),
                    float("inf"),
                )
            chain.append(found)
            if found.span is None:
                break
        spans = [part.span for part in chain if part.span is not None]
        joined = Found(
            max(part.level for part in chain),
            (spans[0][0], spans[-1][1]),
            tuple(difference for part in chain for difference in part.differences),
            sum(part.cost for part in chain),
        )
        if best is None or (joined.level, joined.cost) < (best.level, best.cost):
            best = joined
        if best.level <= Level.OCR:
            break
    return best or Found(
        Level.NOT_FOUND,
        None,
        (_("fragment 1 ({text!r}) shares no word with the text").format(text=_short(fragments[0])),),
    )


def _find_all(index: TextIndex, fragment: str, lo: int, hi: int) -> list[Found]:
    """The passages the first fragment of an elided quote may start at, best first."""
    exact = _exact_spans(index, fragment, lo, hi)
    if exact:
        return exact
    return [_graded(index, fragment, alignment) for alignment in _alignments(index, fragment, lo, hi)]


def _find(index: TextIndex, fragment: str, lo: int, hi: int, exact_only: bool = False) -> Found:
    spans = _exact_spans(index, fragment, lo, hi, first_only=True)
    if spans:
        return spans[0]
    if exact_only:
        return Found(Level.NOT_FOUND, None)
    words = len(_words(fragment, index.undouble, index.ocr))
    if words > MAX_WORDS:
        reason = _("{count} words are too many to compare word by word (at most {limit}); quote less").format(
            count=words, limit=MAX_WORDS
        )
        return Found(Level.NOT_FOUND, None, (reason,), float("inf"))
    alignments = _alignments(index, fragment, lo, hi)
    if not alignments:
        return Found(Level.NOT_FOUND, None, (_("no passage of the text shares its words"),), float("inf"))
    return _graded(index, fragment, alignments[0])


def _exact_spans(index: TextIndex, fragment: str, lo: int, hi: int, first_only: bool = False) -> list[Found]:
    """Occurrences in the raw text, else in the normalised text (up to a few), each starting and
    ending where a word does: "2019 données" is not in "12019 données"."""
    limit = 1 if first_only else _CANDIDATES
    found: list[Found] = []
    if not fragment:
        return found
    raw = index.raw
    position = raw.find(fragment, lo, hi)
    while position >= 0 and len(found) < limit:
        if _whole_words(raw, position, position + len(fragment)):
            found.append(Found(Level.EXACT, (position, position + len(fragment))))
        position = raw.find(fragment, position + 1, hi)
    if found:
        return found
    pattern = _normalised_pattern(_normalised(fragment, index.undouble))
    if pattern is None:
        return found
    text = index.normalised
    start = bisect.bisect_left(text.starts, lo)
    end = bisect.bisect_left(text.starts, hi)
    for match in pattern.finditer(text.text, start, end):
        if match.end() > match.start() and _whole_words(text.text, match.start(), match.end()):
            found.append(Found(Level.NORMALISED, text.raw_span(match.start(), match.end())))
            if len(found) >= limit:
                break
    return found


def _whole_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` neither begins nor ends inside a word."""
    if end <= start:
        return False
    inside_before = start > 0 and text[start].isalnum() and text[start - 1].isalnum()
    inside_after = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (inside_before or inside_after)


@lru_cache(maxsize=1024)
def _normalised(fragment: str, undouble: bool) -> str:
    return normalise(fragment, undouble).text


@lru_cache(maxsize=1024)
def _words(fragment: str, undouble: bool, ocr: bool) -> tuple[Token, ...]:
    return tuple(tokenise(_normalised(fragment, undouble), ocr))


def _normalised_pattern(normalised: str) -> re.Pattern[str] | None:
    """The normalised quote as a pattern where a hyphen inside a word may be missing: the text's
    words hyphenated across a line break were joined ("super-\\ncalculateurs")."""
    if not normalised:
        return None
    parts = re.split(r"(?<=\w)-(?=\w)", normalised)
    return re.compile("-?".join(re.escape(part) for part in parts))


def _alignments(index: TextIndex, fragment: str, lo: int, hi: int) -> list[Alignment]:
    """Alignments of the fragment's words around the passages sharing most of its longer words."""
    quote = _words(fragment, index.undouble, index.ocr)
    if not quote or len(quote) > MAX_WORDS:
        return []
    tokens = index.tokens
    first = _token_at(index, lo)
    last = _token_at(index, hi)
    anchors = [number for number, token in enumerate(quote) if token.significant] or list(range(len(quote)))
    diagonals: list[tuple[int, int]] = []  # (text index - quote index, quote index)
    for number in anchors:
        postings = index.postings.get(fold(quote[number].text), [])
        if len(postings) > _COMMON and len(anchors) > 1:
            continue
        lower = bisect.bisect_left(postings, first)
        upper = bisect.bisect_left(postings, last)
        diagonals.extend((position - number, number) for position in postings[lower:upper])
    if not diagonals:
        return []
    slack = 3 + len(quote) // 10
    passages = _passages(diagonals, _DIAGONAL_SLACK, slack)
    results = []
    # Passages sharing fewer than half as many words as the best one are not worth aligning.
    worthy = [passage for passage in passages if 2 * passage[0] <= passages[0][0]]
    for _score, low, high, anchored in worthy:
        walked = walk(quote, tokens, anchored, index.ocr) if first <= anchored else None
        if walked is not None and walked.last < last:
            return [walked]  # found word for word (up to forgiven steps): no closer passage exists
        window_lo = max(first, low - slack)
        window_hi = min(last, high + len(quote) + slack)
        alignment = align(quote, tokens, window_lo, window_hi, index.ocr, (low - slack, high + slack))
        if alignment is not None:
            results.append(alignment)
    results.sort(key=lambda alignment: (alignment.cost, alignment.first))
    return results


def _passages(diagonals: list[tuple[int, int]], width: int, slack: int) -> list[tuple[int, int, int, int]]:
    """Where the quote may be: stretches of at most ``width`` diagonals holding the most distinct
    words of the quote, best first, not overlapping, at most ``_CANDIDATES``; each is ``(-distinct
    words, lowest diagonal, highest diagonal, the diagonal of its first quote word)``. A stretch
    within ``slack`` of a better one is the same passage (its alignment's band covers it).

    ``diagonals``: ``(text index - quote index, quote index)`` of every quote word found in the
    text. One sliding window over them, sorted: the cost grows with their number (at most the
    quote's words times ``_COMMON``), and a candidate spans at most ``width`` diagonals whatever
    the text, so the band an alignment explores around it is bounded too. (Chaining diagonals
    each near the next, as before, let a text dense in the quote's words make one candidate, and
    one alignment, of the whole text.)"""
    diagonals.sort()
    counts: dict[int, int] = {}
    left = 0
    windows: list[tuple[int, int, int, int]] = []  # (-distinct words, lowest diagonal, left, right)
    for right, (diagonal, number) in enumerate(diagonals):
        counts[number] = counts.get(number, 0) + 1
        while diagonals[left][0] < diagonal - width:
            gone = diagonals[left][1]
            counts[gone] -= 1
            if not counts[gone]:
                del counts[gone]
            left += 1
        windows.append((-len(counts), diagonals[left][0], left, right))
    windows.sort()
    chosen: list[tuple[int, int, int, int]] = []
    for distinct, low, first, last in windows:
        if any(
            low <= other_high + slack and other_low - slack <= diagonals[last][0]
            for _, other_low, other_high, _ in chosen
        ):
            continue
        low, high = _narrowest(diagonals[first : last + 1], -distinct)
        # where its first word found puts the quote's start: a walk from there meets it word for word
        anchored = min(
            (number, diagonal) for diagonal, number in diagonals[first : last + 1] if low <= diagonal <= high
        )
        chosen.append((distinct, low, high, anchored[1]))
        if len(chosen) == _CANDIDATES:
            break
    return chosen


def _narrowest(window: list[tuple[int, int]], distinct: int) -> tuple[int, int]:
    """The narrowest range of diagonals in ``window`` (sorted) still holding its ``distinct`` quote
    words: the words found elsewhere around a passage do not widen its band."""
    counts: dict[int, int] = {}
    best = (window[0][0], window[-1][0])
    left = 0
    for diagonal, number in window:
        counts[number] = counts.get(number, 0) + 1
        while len(counts) == distinct:
            if diagonal - window[left][0] < best[1] - best[0]:
                best = (window[left][0], diagonal)
            gone = window[left][1]
            counts[gone] -= 1
            if not counts[gone]:
                del counts[gone]
            left += 1
    return best


def _token_at(index: TextIndex, raw_offset: int) -> int:
    """The first token starting at or after a raw offset."""
    normalised_offset = bisect.bisect_left(index.normalised.starts, raw_offset)
    return bisect.bisect_left(index.tokens, normalised_offset, key=lambda token: token.start)


def _graded(index: TextIndex, fragment: str, alignment: Alignment) -> Found:
    grade = alignment.grade
    span = index.raw_of_tokens(alignment.first, alignment.last)
    if grade is Grade.WRONG:
        level = Level.NOT_FOUND
    elif grade is Grade.SHORT:
        level = Level.APPROXIMATE
    elif index.ocr:
        level = Level.OCR
    elif _spaceless(_normalised(fragment, index.undouble)) in _spaceless(_passage(index, alignment)):
        level = Level.NORMALISED  # only a space lost or added ("etd’équité"): whitespace
    else:
        level = Level.APPROXIMATE  # the same words, but not the text's punctuation
    differences = [step.describe() for step in alignment.steps if step.grade >= Grade.SHORT]
    if level is Level.APPROXIMATE and not differences:
        differences.append(_("the same words, with other punctuation"))
    return Found(level, span, tuple(differences), alignment.cost)


def _passage(index: TextIndex, alignment: Alignment) -> str:
    """The normalised text of the aligned passage, with a character either side for punctuation."""
    start = max(0, index.tokens[alignment.first].start - 1)
    return index.normalised.text[start : index.tokens[alignment.last].end + 1]


def _spaceless(text: str) -> str:
    return text.replace(" ", "")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

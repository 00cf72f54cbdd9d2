"""Where a query matched in a text, and the excerpt that shows it: places, never markers.

The same rules as the index: a token matches a word as typed when their folded forms are equal
(or it starts with a ``prefix*``), and a stem when the token's stem in that language, computed as
the index computed it, is that stem; a phrase matches consecutive tokens. The renderers turn the
places into bold, ``**…**`` or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from iafr.fulltext.query import AS_TYPED, Match
from iafr.fulltext.words import fold_word, stem, tokens

Span = tuple[int, int]
EXCERPT_WORDS = 12
"""Words in an excerpt, as SQLite's snippet() gave them."""


class _Token(NamedTuple):
    start: int
    end: int
    written: str
    folded: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(match.start(), match.end(), match.group(), fold_word(match.group())) for match in tokens(text)]


def _is(token: _Token, word: str, group: str, prefix: bool) -> bool:
    if group == AS_TYPED:
        return token.folded.startswith(word) if prefix else token.folded == word
    # a stem begins as its word does: only those tokens are stemmed (and each distinct one once)
    return token.folded[:1] == word[:1] and stem(token.written, group) == word


def _spans(found: Sequence[_Token], matches: Iterable[Match]) -> list[tuple[int, int]]:
    """(first, last) token indexes of every occurrence of every phrase of ``matches``."""
    hits: set[tuple[int, int]] = set()
    for match in matches:
        for phrase in match.phrases:
            size = len(phrase)
            for first in range(len(found) - size + 1):
                if all(
                    _is(found[first + offset], word, match.group, match.prefix and offset == size - 1)
                    for offset, word in enumerate(phrase)
                ):
                    hits.add((first, first + size - 1))
    return _merged(sorted(hits))


def _merged(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for first, last in hits:
        if result and first <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], last))
        else:
            result.append((first, last))
    return result


def marks(text: str, matches: Iterable[Match]) -> list[Span]:
    """The places (start, end) in ``text`` where ``matches`` matched, in order, not overlapping."""
    found = _tokens(text)
    return [(found[first].start, found[last].end) for first, last in _spans(found, list(matches))]


class Excerpt(NamedTuple):
    text: str
    marks: list[Span]


def excerpt(text: str, matches: Iterable[Match], size: int = EXCERPT_WORDS) -> Excerpt:
    """The ``size`` words of ``text`` holding the most matches (a few words before the first),
    with ``…`` where the text goes on, and the places of the matches inside it."""
    found = _tokens(text)
    hits = _spans(found, list(matches))
    first, best = 0, (-1, 0)
    for start in range(max(len(found) - size, 0) + 1):
        inside = [one for one, other in hits if one >= start and other < start + size]
        # the most matches, then the first of them a quarter in: a few words lead to it
        score = (len(inside), -abs(inside[0] - start - size // 4) if inside else 0)
        if score > best:
            first, best = start, score
    last = min(first + size, len(found)) - 1
    begin = len(text) - len(text.lstrip()) if first == 0 else found[first].start
    end = len(text.rstrip()) if last >= len(found) - 1 else found[last].end
    head = "…" if first > 0 else ""
    tail = "…" if last < len(found) - 1 else ""
    shift = begin - len(head)
    places = [
        (found[one].start - shift, found[other].end - shift) for one, other in hits if one >= first and other <= last
    ]
    return Excerpt(head + text[begin:end] + tail, places)

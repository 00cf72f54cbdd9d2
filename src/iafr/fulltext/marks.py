"""Where a query matched in a text, and the excerpt that shows it: places, never markers.

The same rules as the index: a token matches a word as typed when their folded forms are equal
(or it starts with a ``prefix*``), and a stem when the token's stem in that language, computed as
the index computed it, is that stem; a phrase matches consecutive tokens. The renderers turn the
places into bold, ``**…**`` or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

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
    return _key(token, group) == word


def _key(token: _Token, group: str) -> str | None:
    """What a token is in a group of columns: its folded form, or its stem in that language."""
    if group == AS_TYPED:
        return token.folded
    # a stem begins as its word does: only those tokens are stemmed (and each distinct one once)
    stemmed = stem(token.written, group)
    return stemmed if stemmed[:1] == token.folded[:1] else None


_END = ""
"""The key that ends a phrase in a :class:`Marker`'s tries (a word is never empty)."""


class Marker:
    """The phrases of a query, ready to be found in any number of texts.

    Each group of columns (as typed, each language's stems) holds its phrases in one trie of
    words, so that finding them in a text costs its tokens times the longest phrase, however many
    phrases a synonym group brings (thousands, from a stranger's synonyms.yaml); the prefixes
    (``frug*``, typed only) are looked for one by one."""

    __slots__ = ("prefixes", "tries")

    def __init__(self, matches: Iterable[Match]) -> None:
        self.tries: dict[str, dict[str, Any]] = {}
        self.prefixes: list[Match] = []
        for match in matches:
            if match.prefix:
                self.prefixes.append(match)
                continue
            trie = self.tries.setdefault(match.group, {})
            for phrase in match.phrases:
                node = trie
                for word in phrase:
                    node = node.setdefault(word, {})
                node[_END] = True

    def spans(self, found: Sequence[_Token]) -> list[tuple[int, int]]:
        """(first, last) token indexes of every occurrence of every phrase, merged."""
        hits: set[tuple[int, int]] = set()
        for group, trie in self.tries.items():
            keys = [_key(token, group) for token in found]
            for first in range(len(found)):
                node: dict[str, Any] | None = trie
                for last in range(first, len(found)):
                    key = keys[last]
                    node = node.get(key) if node is not None and key is not None else None
                    if node is None:
                        break
                    if _END in node:
                        hits.add((first, last))
        for match in self.prefixes:
            for phrase in match.phrases:
                size = len(phrase)
                for first in range(len(found) - size + 1):
                    if all(
                        _is(found[first + offset], word, match.group, offset == size - 1)
                        for offset, word in enumerate(phrase)
                    ):
                        hits.add((first, first + size - 1))
        return _merged(sorted(hits))


def _marker(matches: Marker | Iterable[Match]) -> Marker:
    return matches if isinstance(matches, Marker) else Marker(matches)


def _merged(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for first, last in hits:
        if result and first <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], last))
        else:
            result.append((first, last))
    return result


def marks(text: str, matches: Marker | Iterable[Match]) -> list[Span]:
    """The places (start, end) in ``text`` where ``matches`` matched, in order, not overlapping
    (build a :class:`Marker` once to mark many texts)."""
    found = _tokens(text)
    return [(found[first].start, found[last].end) for first, last in _marker(matches).spans(found)]


class Excerpt(NamedTuple):
    text: str
    marks: list[Span]


def excerpt(text: str, matches: Marker | Iterable[Match], size: int = EXCERPT_WORDS) -> Excerpt:
    """The ``size`` words of ``text`` holding the most matches (a few words before the first),
    with ``…`` where the text goes on, and the places of the matches inside it."""
    found = _tokens(text)
    hits = _marker(matches).spans(found)
    first = _best_window(hits, len(found), size)
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


def _best_window(hits: list[tuple[int, int]], tokens: int, size: int) -> int:
    """The first token of the ``size`` tokens holding the most hits, the first of them a quarter
    in (a few words lead to it), the earliest such; one pass over the starts, the hits inside the
    window followed with two pointers (hits are sorted and do not overlap)."""
    first, best = 0, (-1, 0)
    low = high = 0  # hits[low:high]: those inside the window starting at ``start``
    for start in range(max(tokens - size, 0) + 1):
        while low < len(hits) and hits[low][0] < start:
            low += 1
        high = max(high, low)
        while high < len(hits) and hits[high][1] < start + size:
            high += 1
        inside = high - low
        score = (inside, -abs(hits[low][0] - start - size // 4) if inside else 0)
        if score > best:
            first, best = start, score
    return first

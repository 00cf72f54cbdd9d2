"""The normalised form quotes and texts are compared in, with a map back to the raw text.

Unicode NFKC, case folded, typographic quotes, apostrophes and dashes made plain, non-breaking and
thin spaces made spaces, runs of whitespace and line breaks made one space (none at all next to
punctuation, so French spacing before « ? » or after « « » does not matter), and words hyphenated
across a line break joined again. Letters keep their accents: only the OCR tier forgets them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A base character with the combining marks that follow it: NFKC must see them together.
_CLUSTER = re.compile(r"[^\u0300-\u036f][\u0300-\u036f]*|[\u0300-\u036f]+", re.DOTALL)

_PLAIN = str.maketrans(
    {
        **dict.fromkeys("’‘‚ʼʻ′`´", "'"),
        **dict.fromkeys("«»“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),  # soft hyphen, zero widths
    }
)
# No space is kept next to these: "« by design »" and "«by design»" are the same words, so are
# "priorités ?" and "priorités?", "l’ IA" and "l’IA". A space before a comma or a full stop goes,
# the one after stays ("2024, 15" is not "2024,15").
_TIGHT_BOTH = frozenset("\"'()[]-/")
_TIGHT_BEFORE = frozenset("?!:;%.,…")

# Link text doubled by a copy from a web page ("DeepSeekDeepSeek", "agent conversationnelagent
# conversationnel"): one to four words starting with a letter, repeated with no space between.
_DOUBLED = re.compile(r"(?<!\w)([^\W\d_][\w'’-]*(?: [\w'’-]+){0,3}?)\1(?!\w)")


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` normalised; its i-th character came from ``raw[starts[i]:ends[i]]``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of the normalised characters ``[start, end)`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _plain(cluster: str) -> str:
    if cluster.isascii():
        return cluster.lower()
    return unicodedata.normalize("NFKC", cluster).casefold().translate(_PLAIN)


def doubled_spans(raw: str) -> list[tuple[int, int]]:
    """The second copy of each doubled link text: the spans to skip."""
    return [(match.start(1) + len(match.group(1)), match.end()) for match in _DOUBLED.finditer(raw)]


# Text in pieces: whitespace; a run of Latin-1 letters and digits whose folding keeps one character
# each (most of a French text, handled in bulk); any other single character.
_PIECES = re.compile(r"(\s+)|([0-9A-Za-zÀ-ÖØ-Þà-öø-ÿ]+)|(.)", re.DOTALL)


def normalise(raw: str, undouble: bool = False) -> Normalised:
    """``raw`` in the normalised form (``undouble``: drop the second copy of doubled link text)."""
    kept = _without(raw, doubled_spans(raw)) if undouble else [(0, raw)]
    writer = _Writer(raw)
    for base, part in kept:
        if unicodedata.is_normalized("NFC", part):
            for match in _PIECES.finditer(part):
                space, run, _rest = match.groups()
                start = base + match.start()
                if space is not None:
                    writer.space(start, "\n" in space or "\r" in space)
                elif run is not None:
                    writer.write(run.lower(), start, start + len(run), one_each=True)
                else:
                    writer.write(_plain(match.group()), start, start + 1)
        else:  # combining marks: NFKC must see each base letter with its marks
            for match in _CLUSTER.finditer(part):
                cluster = match.group()
                start = base + match.start()
                if cluster.isspace():
                    writer.space(start, "\n" in cluster or "\r" in cluster)
                else:
                    writer.write(_plain(cluster), start, base + match.end())
    return Normalised("".join(writer.out), tuple(writer.starts), tuple(writer.ends))


def _without(raw: str, skips: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """``raw`` as ``(offset, piece)`` parts, without the ``skips`` spans."""
    parts = []
    position = 0
    for start, end in skips:
        if start > position:
            parts.append((position, raw[position:start]))
        position = max(position, end)
    if position < len(raw):
        parts.append((position, raw[position:]))
    return parts


class _Writer:
    """Appends normalised characters with where they came from, deciding on spaces and joins."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.out: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.pending = -1  # raw offset of whitespace not yet written, or -1
        self.newline = False

    def space(self, start: int, newline: bool) -> None:
        if self.pending < 0:
            self.pending = start
        self.newline = self.newline or newline

    def write(self, plain: str, start: int, end: int, one_each: bool = False) -> None:
        """``plain`` came from ``raw[start:end]`` (one raw character per character if ``one_each``)."""
        if not plain:
            return
        out = self.out
        if self.pending >= 0 and out:
            previous = out[-1][-1]
            if self.newline and out[-1] == "-" and plain[0].isalpha() and self._hyphen_ends_word():
                out.pop()  # a word hyphenated across a line break ("super-\ncalculateurs"): join it
                self.starts.pop()
                self.ends.pop()
            elif previous not in _TIGHT_BOTH and plain[0] not in _TIGHT_BOTH and plain[0] not in _TIGHT_BEFORE:
                out.append(" ")
                self.starts.append(self.pending)
                self.ends.append(start)
        self.pending = -1
        self.newline = False
        out.append(plain)  # joined at the end; one entry may hold several characters
        if one_each:
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))
        else:
            self.starts.extend([start] * len(plain))
            self.ends.extend([end] * len(plain))

    def _hyphen_ends_word(self) -> bool:
        hyphen = self.starts[-1]
        return self.raw[hyphen - 1 : hyphen].isalpha()

"""What a person types, as a full-text query: words, ``"phrases"``, ``prefix*``, in both languages.

``build_query`` reads the text into terms, all required. Each term matches in one of three ways:

- **as typed**: the whole word (accents and case ignored) or the phrase, in the text columns;
- **by its stems**: the French or the English Snowball stem of each word, in the stem columns,
  so that ``datacenter`` meets ``datacenters`` and ``droit d'auteur`` meets ``droits d'auteur``;
- **by a synonym** of the curated list (``data/synonyms.yaml``), as typed or by its stems: ``data
  center`` meets ``datacenter`` and ``centre de données``; ``AI Act`` is then one phrase, so it no
  longer matches a measure that says "AI" and, later, "small business act".

A ``prefix*`` matches as typed only. :meth:`Query.fts` writes the FTS5 expression for a table's
columns: every word is a quoted string, so nothing a user types is read as FTS5 syntax.
:meth:`Query.literal_fts` keeps only the terms as typed: what ranks whole-word matches first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from iafr.errors import UsageError
from iafr.fulltext.words import LANGUAGES, stem_key, words
from iafr.i18n import _

MAX_TERMS = 32
"""Words and phrases in one query: a longer text is refused rather than sent as a huge query."""
MAX_PHRASES = 16
"""Stem phrases one phrase may become (each word's stems multiply): past it, each word's first."""

AS_TYPED = "text"
"""The group of the FTS columns holding the text itself; the others are named by language."""

# straight, curly and French double quotes open and close a phrase
_QUOTES = re.compile(r"[\"“”«»„]")


class Piece(NamedTuple):
    """A word or phrase as typed: its folded words (several: a phrase), and how it was written."""

    words: tuple[str, ...]
    quoted: bool = False  # between quotes (not a word the index splits, such as d'auteur)
    prefix: bool = False  # ``frug*``: the last word is a prefix


class Match(NamedTuple):
    """One way a term matches: phrases (tuples of words) searched in one group of columns."""

    group: str  # AS_TYPED, or a language of the stem columns
    phrases: tuple[tuple[str, ...], ...]
    prefix: bool = False


class Term(NamedTuple):
    """One required part of a query: what was typed, how it matches as typed, and every way it may."""

    typed: str
    literal: Match
    matches: tuple[Match, ...]


class Columns(NamedTuple):
    """A full-text table's columns, by group: the text as written, and its stems per language."""

    as_typed: tuple[str, ...]
    stems: Mapping[str, tuple[str, ...]]

    def of(self, group: str) -> tuple[str, ...]:
        return self.as_typed if group == AS_TYPED else self.stems.get(group, ())


class Query:
    """The terms of a search, ready to be written as FTS5 for any full-text table."""

    __slots__ = ("terms", "text")

    def __init__(self, text: str, terms: list[Term]) -> None:
        self.text = text
        self.terms = terms

    def fts(self, columns: Columns) -> str:
        """The FTS5 expression: every term, each in any of its ways."""
        return " AND ".join(_term_fts(term.matches, columns) for term in self.terms)

    def literal_fts(self, columns: Columns) -> str:
        """Every term as typed only (no stem, no synonym): the whole-word matches."""
        return " AND ".join(_term_fts((term.literal,), columns) for term in self.terms)

    def matches(self) -> list[Match]:
        return [match for term in self.terms for match in term.matches]


def _term_fts(matches: Sequence[Match], columns: Columns) -> str:
    parts = []
    for match in matches:
        names = columns.of(match.group)
        if not names:
            continue
        star = " *" if match.prefix else ""
        phrases = " OR ".join(_quoted(phrase) + star for phrase in match.phrases)
        parts.append(f"({{{' '.join(names)}}} : ({phrases}))")
    return "(" + " OR ".join(parts) + ")"


def _quoted(phrase: tuple[str, ...]) -> str:
    # the words hold letters and digits only; doubling a quote would still keep it literal
    return '"' + " ".join(phrase).replace('"', '""') + '"'


# --- reading the text ---------------------------------------------------------------------------


def read_pieces(text: str) -> list[Piece]:
    """The words and phrases of ``text``. Between quotes, a phrase (an unclosed quote runs to the
    end); elsewhere each space-separated word, a word the index splits (``d'auteur``, ``jean-zay``)
    being a phrase of its parts; a ``*`` ending a word outside quotes makes it a prefix."""
    pieces: list[Piece] = []
    for index, segment in enumerate(_QUOTES.split(text)):
        if index % 2:  # between quotes
            found = tuple(words(segment))
            if found:
                pieces.append(Piece(found, quoted=True))
            continue
        for chunk in segment.split():
            found = tuple(words(chunk))
            if found:
                prefix = chunk.endswith("*") and bool(words(chunk.rstrip("*")[-1:]))
                pieces.append(Piece(found, prefix=prefix))
    return pieces


# --- building the query -------------------------------------------------------------------------

Bridges = Callable[[Iterable[tuple[str, str]]], Mapping[tuple[str, str], tuple[str, ...]]]
"""(language, stem key) pairs → the stems of the corpus's words with that key (see words.stem_key)."""


class Synonym(NamedTuple):
    """A curated group: each member's folded words."""

    members: tuple[tuple[str, ...], ...]


def synonym_groups(groups: Iterable[Iterable[str]]) -> list[Synonym]:
    """The groups of the synonym list (each a list of terms as written), read into words."""
    result = []
    for group in groups:
        members = tuple(dict.fromkeys(tuple(words(term)) for term in group if words(term)))
        if len(members) > 1:
            result.append(Synonym(members))
    return result


def build_query(text: str, synonyms: Sequence[Synonym] = (), bridges: Bridges | None = None, option: str = "") -> Query:
    """``text`` as a :class:`Query`, or ``UsageError`` when it holds no word or too many."""
    pieces = read_pieces(text)
    shown = f"{option} {text!r}" if option else repr(text)
    if not pieces:
        raise UsageError(_("{shown} holds no word to search for").format(shown=shown))
    if len(pieces) > MAX_TERMS:
        raise UsageError(
            _("{shown} holds {count} words or phrases; search for at most {MAX_TERMS} at once").format(
                shown=shown, count=len(pieces), MAX_TERMS=MAX_TERMS
            )
        )
    spans = _distinct_groups(_synonym_spans(pieces, synonyms))
    stems = _Stems(bridges)
    stems.want(piece.words for piece in pieces if not piece.prefix)
    stems.want(member for _, _, synonym in spans if synonym is not None for member in synonym.members)
    terms: list[Term] = []
    index = 0
    for start, end, synonym in [*spans, (len(pieces), len(pieces), None)]:
        for piece in pieces[index:start]:
            terms.append(_term(piece, stems))
        if synonym is not None:
            typed = tuple(word for piece in pieces[start:end] for word in piece.words)
            members = [typed, *(member for member in synonym.members if member != typed)]
            literal = Match(AS_TYPED, (typed,))
            matches = [literal, *(Match(AS_TYPED, (member,)) for member in members[1:]), *stems.matches(members)]
            terms.append(Term(" ".join(typed), literal, _merged(matches)))
        index = end
    return Query(text, _distinct(terms))


_Spelled = tuple[int, int, "Synonym | None"]


def _distinct_groups(spans: list[tuple[int, int, Synonym]]) -> list[_Spelled]:
    """The spans, each synonym group's first only: a later run spelling the same group (typed twice,
    or another of its members) requires what the first does, so it is dropped from the query (its
    pieces spell no term). A stranger's group of thousands of terms typed 32 times was 32 copies of
    its every phrase in the FTS expression: 350 s and 400 MB for one search."""
    seen: set[int] = set()
    result: list[_Spelled] = []
    for start, end, synonym in spans:
        if id(synonym) in seen:
            result.append((start, end, None))
            continue
        seen.add(id(synonym))
        result.append((start, end, synonym))
    return result


def _distinct(terms: list[Term]) -> list[Term]:
    """The terms, each way of matching once: a word typed twice requires what it does once."""
    seen: dict[frozenset[tuple[str, bool, frozenset[tuple[str, ...]]]], Term] = {}
    for term in terms:
        key = frozenset((match.group, match.prefix, frozenset(match.phrases)) for match in term.matches)
        seen.setdefault(key, term)
    return list(seen.values())


def _term(piece: Piece, stems: _Stems) -> Term:
    typed = " ".join(piece.words) + ("*" if piece.prefix else "")
    literal = Match(AS_TYPED, (piece.words,), piece.prefix)
    if piece.prefix:
        return Term(typed, literal, (literal,))
    return Term(typed, literal, (literal, *stems.matches([piece.words])))


def _merged(matches: list[Match]) -> tuple[Match, ...]:
    """One match per group (its phrases together), the first group first: FTS5 reads fewer ORs."""
    groups: dict[tuple[str, bool], list[tuple[str, ...]]] = {}
    for match in matches:
        groups.setdefault((match.group, match.prefix), []).extend(match.phrases)
    return tuple(Match(group, tuple(dict.fromkeys(phrases)), prefix) for (group, prefix), phrases in groups.items())


class _Stems:
    """Each word's stems per language: its own, and those of the corpus's forms it may stand for."""

    def __init__(self, bridges: Bridges | None) -> None:
        self.bridges = bridges
        self.found: Mapping[tuple[str, str], tuple[str, ...]] = {}

    def want(self, phrases: Iterable[tuple[str, ...]]) -> None:
        keys = {(language, stem_key(word, language)) for phrase in phrases for word in phrase for language in LANGUAGES}
        if self.bridges is not None and keys:
            found = dict(self.found)
            found.update(self.bridges(keys - set(found)))
            self.found = found

    def of(self, word: str, language: str) -> tuple[str, ...]:
        key = stem_key(word, language)
        return tuple(dict.fromkeys((key, *self.found.get((language, key), ()))))

    def matches(self, phrases: Sequence[tuple[str, ...]]) -> list[Match]:
        result = []
        for language in LANGUAGES:
            stemmed: list[tuple[str, ...]] = []
            for phrase in phrases:
                choices = [self.of(word, language) for word in phrase]
                combinations = 1
                for choice in choices:
                    combinations *= len(choice)
                if combinations > MAX_PHRASES:
                    choices = [choice[:1] for choice in choices]
                stemmed.extend(itertools.product(*choices))
            result.append(Match(language, tuple(dict.fromkeys(stemmed))))
        return result


class _SynonymIndex:
    """Every member of the curated groups, found by what a run of words reads as: its stems in one
    language (words folded alike have the same stems). Built once per query, each look-up a dict
    access, so that spelling the synonyms in a query costs its words, not the list's size."""

    __slots__ = ("groups", "longest")

    def __init__(self, synonyms: Sequence[Synonym]) -> None:
        # (language, stems) -> (the group's place in the list, the group): the later group wins, as
        # when each group was tried in turn
        self.groups: dict[tuple[str, tuple[str, ...]], tuple[int, Synonym]] = {}
        self.longest = 0
        for place, synonym in enumerate(synonyms):
            for member in synonym.members:
                self.longest = max(self.longest, len(member))
                for language in LANGUAGES:
                    self.groups[(language, tuple(stem_key(word, language) for word in member))] = (place, synonym)

    def find(self, typed: tuple[str, ...]) -> Synonym | None:
        keys = [(language, tuple(stem_key(word, language) for word in typed)) for language in LANGUAGES]
        found = [self.groups[key] for key in keys if key in self.groups]
        best = max(found, default=None, key=lambda hit: hit[0])
        return None if best is None else best[1]


def _synonym_spans(pieces: list[Piece], synonyms: Sequence[Synonym]) -> list[tuple[int, int, Synonym]]:
    """Where the pieces spell a synonym, longest first, left to right: ``(start, end, group)``
    over piece indexes. Unquoted words may spell one together; a quoted phrase only whole. A run
    spells a member when its words have the member's stems in one language (``data centers``,
    ``data center``), the same words folded included."""
    spans: list[tuple[int, int, Synonym]] = []
    if not synonyms:
        return spans
    index = _SynonymIndex(synonyms)
    start = 0
    while start < len(pieces):
        best: tuple[int, Synonym] | None = None
        for end in range(start + 1, len(pieces) + 1):
            run = pieces[start:end]
            if any(piece.prefix for piece in run) or (len(run) > 1 and any(piece.quoted for piece in run)):
                break
            typed = tuple(word for piece in run for word in piece.words)
            if len(typed) > index.longest:
                break
            found = index.find(typed)
            if found is not None:
                best = (end, found)
        if best is None:
            start += 1
            continue
        spans.append((start, best[0], best[1]))
        start = best[0]
    return spans

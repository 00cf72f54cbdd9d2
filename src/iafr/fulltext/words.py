"""Words as the full-text index sees them: tokens with their places, folded, and stemmed.

The tokens are those of SQLite's ``unicode61`` tokenizer (letters, digits, private-use
characters and the marks inside a word; everything else separates), folded as it folds them
(lower case, diacritics removed), so that what Python marks in a text is what SQLite matched.

Stems come from the Snowball stemmers of French and English. The French one reads accents
(``frugalité`` → ``frugal``, but ``frugalite`` → ``frugalit``), so the index stems each word as
written; a word typed without its accents is bridged to the corpus's forms by the ``stem keys``
of :func:`stem_key` (see :mod:`iafr.fulltext.query`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache

LANGUAGES: tuple[str, ...] = ("fr", "en")
"""The stemmed languages, in the order the index's stem columns are declared."""

_SNOWBALL_NAMES = {"fr": "french", "en": "english"}

# letters and digits (\w without "_"), the combining marks unicode61 keeps inside a word, and
# the private-use area: the token characters of unicode61 with remove_diacritics 2
# (runs of either class, not one character at a time: the same matches, 40 % faster on a 10k build)
_TOKEN = re.compile(r"(?:[^\W_]+|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\ue000-\uf8ff]+)+")


def tokens(text: str) -> Iterator[re.Match[str]]:
    """Each word of ``text`` with its place (``match.start()``, ``match.end()``)."""
    return _TOKEN.finditer(text)


def written_words(text: str) -> list[str]:
    """The words of ``text`` as written (case and accents kept): what the stem columns stem."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """The words of ``text``, folded."""
    return [fold_word(match.group()) for match in _TOKEN.finditer(text)]


@cache
def fold_word(word: str) -> str:
    """A word as the index holds it: lower case (``ß`` stays), diacritics removed."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


@cache
def _stemmer(language: str) -> Callable[[str], str]:
    import snowballstemmer  # noqa: PLC0415 - only a text search or a build pays for it (~20 ms)

    return snowballstemmer.stemmer(_SNOWBALL_NAMES[language]).stemWord  # type: ignore[no-any-return]


def stem(word: str, language: str) -> str:
    """The folded stem of a word as written (accents read): ``souveraines`` → ``souverain``."""
    return _stem(word.lower(), language)


def stem_key(word: str, language: str) -> str:
    """The stem of the word without its accents: the same for ``frugalité`` and ``frugalite``,
    and how a typed word finds the stems of the corpus's accented forms. (For a word without
    accents, its stem: the two share one cache entry, so most words are stemmed once.)"""
    return _stem(fold_word(word), language)


@cache
def _stem(lower: str, language: str) -> str:
    return fold_word(_stemmer(language)(lower)) or fold_word(lower)


def stemmed_text(text: str, language: str) -> str:
    """``text`` as its stems, one per word in the same order: what a stem column indexes, so
    that a phrase of stems matches where the phrase of words stood."""
    return " ".join(stem(match.group(), language) for match in _TOKEN.finditer(text))

"""One resolver for every vocabulary option: what a person types → the id the corpus uses.

``--axis``, ``--report``, ``--actor``, ``--chapter``, the ``--kind`` of each listing,
``--status``, ``--currency`` and ``--country`` all go through :func:`resolve`, which tries in
turn, case and accents ignored:

1. the id itself (what scripts pass: no folding, no extra query);
2. a name of the record: label, title, alias; a currency's sign or word (``€``, ``dollars``); a
   country's ISO names in English and French and its alpha-3 code (``USA``, ``Émirats``);
3. for actors and countries, the words of one name (``Macron``, ``Etat``) or the initials of a
   name of three words or more (``UAE``), when they name a single record.

A value naming several records is refused with their ids, never guessed; an unknown value is
refused with the closest real matches (ranked over names and aliases, not only ids) and the
valid values. Both are ``UsageError`` (exit 2).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from iafr.errors import UnknownValue, UsageError
from iafr.i18n import N_, _, either

if TYPE_CHECKING:  # every query imports this module: its aliases cost nothing at run time
    import sqlite3
    from collections.abc import Callable, Iterable, Iterator

    from iafr.declaration import Kind

    Ids = Callable[[sqlite3.Connection], list[str]]
    """The valid ids, in the order messages list them."""
    Names = Callable[[sqlite3.Connection], Iterable[tuple[str, ...]]]
    """Rows ``(id, name, name…)``: every way a record may be named (empty names are skipped)."""


class Vocabulary:
    """What one option's values are matched against."""

    __slots__ = ("by_words", "ids", "name", "names", "option", "shown")

    def __init__(
        self,
        name: str,
        option: str,
        ids: Ids,
        names: Names,
        by_words: bool | str = False,
        shown: Callable[[], str] | None = None,
    ) -> None:
        self.name = name  # "actor", "measure kind"…: its key
        self.option = option
        self.ids = ids
        self.names = names
        self.by_words = by_words  # one name's words or initials may name a record; "start": its first words
        # how messages call a value, in the reader's language (its name, marked for the catalogue)
        self.shown = shown or (lambda: _(name))


def _sql(query: str) -> Names:
    def rows(connection: sqlite3.Connection) -> Iterable[tuple[str, ...]]:
        return connection.execute(query).fetchall()

    return rows


def _column(query: str) -> Ids:
    def ids(connection: sqlite3.Connection) -> list[str]:
        return [row[0] for row in connection.execute(query)]

    return ids


def _currencies(connection: sqlite3.Connection) -> Iterator[tuple[str, ...]]:
    from iafr.money import CURRENCY_NAMES  # noqa: PLC0415

    for (code,) in connection.execute("SELECT DISTINCT currency FROM funding ORDER BY currency"):
        yield (code, *CURRENCY_NAMES.get(code, ()))


def _countries(connection: sqlite3.Connection) -> Iterator[tuple[str, ...]]:
    from iafr.countries import country_names  # noqa: PLC0415 - only when a country is typed by name

    codes = connection.execute("SELECT DISTINCT country FROM actors WHERE country IS NOT NULL ORDER BY country")
    for (code,) in codes:
        yield (code, *country_names(code))


def _actors(connection: sqlite3.Connection) -> Iterator[tuple[str, ...]]:
    yield from connection.execute(
        "SELECT a.id, a.name, al.alias FROM actors a LEFT JOIN actor_aliases al ON al.actor_id = a.id"
    )
    # a state is also named by its country's names: --actor UAE, --actor "United States"
    states = connection.execute("SELECT id, country FROM actors WHERE kind = 'state' AND country IS NOT NULL")
    for record_id, code in states.fetchall():
        from iafr.countries import country_names  # noqa: PLC0415

        yield (record_id, *country_names(code))


def _chapters(connection: sqlite3.Connection) -> list[str]:
    # in reading order: 1, 1.1, 1.2, 2… (numbered ones by their numbers, any other after)
    chapters = _column(_distinct("chapter", "measures"))(connection)
    return sorted(chapters, key=lambda chapter: [int(part) if part.isdigit() else 10**9 for part in chapter.split(".")])


def _distinct(column: str, table: str) -> str:
    return f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {column}"


def _records(kind: Kind) -> Vocabulary:
    """The ids of one kind of record, named by their title (French and English) and aliases."""
    from iafr.declaration import Link  # noqa: PLC0415

    titles = [kind.column_of(name) for name in (kind.title, kind.title_en) if name is not None]
    aliases = next((link for link in kind.of_kind(Link) if link.field == "aliases" and link.ref is None), None)
    columns = ", ".join(f"m.[{column}]" for column in titles)
    names = f"SELECT m.id, {columns} FROM {kind.section} m"
    if aliases is not None:
        joined = f"LEFT JOIN {aliases.table} al ON al.{kind.owner} = m.id"
        names = f"SELECT m.id, {columns}, al.{aliases.column} FROM {kind.section} m {joined}"
    ids_sql = f"SELECT id FROM {kind.section}"
    if kind.labels is not None:  # a value in use is valid even where the corpus labels none
        table, column = kind.labels
        ids_sql += f" UNION SELECT DISTINCT [{column}] FROM {table} WHERE [{column}] IS NOT NULL"
    ids = _column(f"{ids_sql} ORDER BY 1")
    return Vocabulary(kind.record_type, kind.option, ids, _sql(names), by_words=kind.by_words, shown=_noun(kind))


def _noun(kind: Kind, template: str | None = None) -> Callable[[], str]:
    """How messages call one record (``template``: one value of its ``kind`` column), in the reader's language."""
    from iafr.i18n import language  # noqa: PLC0415

    def shown() -> str:
        noun = kind.nouns.of(language())[0]
        return _(template).format(noun=noun) if template else noun

    return shown


HORIZON_TERMS = {
    "short": ("short", "short term", "court", "court terme", "à court terme"),
    "medium": ("medium", "medium term", "moyen", "moyen terme", "à moyen terme"),
    "long": ("long", "long term", "long terme", "à long terme"),
}
"""The horizons a measure gives in words (models.HorizonTerm), as people type them in either language."""


def _vocabularies() -> dict[str, Vocabulary]:
    from iafr import kinds  # noqa: PLC0415

    chapters = _distinct("chapter", "measures")
    records = {kind.record_type: _records(kind) for kind in kinds.KINDS}
    # an actor is also named by one word of its name or its initials, and a state by its country
    actors = records["actor"]
    records["actor"] = Vocabulary("actor", "--actor", actors.ids, _actors, by_words=True, shown=actors.shown)
    return {
        **records,
        "chapter": Vocabulary(N_("chapter"), "--chapter", _chapters, _sql(chapters)),
        "horizon term": Vocabulary(N_("horizon term"), "--horizon", (lambda connection: list(HORIZON_TERMS)),
                                   lambda connection: [(term, *words) for term, words in HORIZON_TERMS.items()]),
        "currency": Vocabulary(N_("currency"), "--currency", _column(_distinct("currency", "funding")), _currencies),
        "country": Vocabulary(N_("country"), "--country", _column(_distinct("country", "actors")), _countries,
                              by_words=True),
    }  # fmt: skip


_CACHE: dict[str, Vocabulary] = {}


def vocabulary(name: str) -> Vocabulary:
    if not _CACHE:
        _CACHE.update(_vocabularies())
    return _CACHE[name]


def resolve(connection: sqlite3.Connection, name: str, value: str) -> str:
    """The id that ``value`` names in vocabulary ``name``, or ``UsageError`` (see the module)."""
    vocab = vocabulary(name)
    ids = vocab.ids(connection)
    if value in ids:
        return value
    if name == "chapter" and any(chapter.startswith(value + ".") for chapter in ids):
        return value  # "1" names chapter 1 with its sections 1.1–1.3
    return _by_name(connection, vocab, value, ids)


def resolve_all(connection: sqlite3.Connection, name: str, values: Iterable[str]) -> list[str]:
    """Each value resolved, each id once, in the order given."""
    return list(dict.fromkeys(resolve(connection, name, value) for value in dict.fromkeys(values)))


def _by_name(connection: sqlite3.Connection, vocab: Vocabulary, value: str, ids: list[str]) -> str:
    from iafr.text import fold  # noqa: PLC0415 - an exact id needs no folding

    wanted = fold(value)
    named: dict[str, set[str]] = {}  # folded name → the ids it names
    labels: dict[str, str] = {}  # id → its first name, to show beside the id
    for row in vocab.names(connection):
        record_id = row[0]
        for text in row:
            if text:
                named.setdefault(fold(text), set()).add(record_id)
                if text != record_id:
                    labels.setdefault(record_id, text)
    if vocab.by_words == "start":
        found = named.get(wanted) or _by_first_words(wanted, named)
    else:
        found = named.get(wanted) or (_by_words(wanted, named) if vocab.by_words else set())
    if len(found) == 1:
        return found.pop()
    if found:
        listed = ", ".join(_shown(record_id, labels) for record_id in sorted(found))
        raise UsageError(
            _("{option} {value!r} names several {name} values: {listed}; give one of these ids").format(
                option=vocab.option, value=value, name=vocab.shown(), listed=listed
            )
        )
    close = [_shown(record_id, labels) for record_id in _closest(wanted, named)]
    hint = _(" Did you mean {values}?").format(values=either(close)) if close else ""
    more = _(", … ({count} in all)").format(count=len(ids)) if len(ids) > 40 else ""
    raise UnknownValue(
        _("unknown {name} {value!r} for {option}.{hint} Valid values: {shown}").format(
            name=vocab.shown(), value=value, option=vocab.option, hint=hint, shown=", ".join(ids[:40]) + more
        ),
        close,
    )


_WORDS = r"\w+"  # re caches it compiled: an exact id never compiles it


def _by_words(wanted: str, named: dict[str, set[str]]) -> set[str]:
    """The ids whose one name holds every word typed (``macron`` in ``emmanuel macron``), or
    whose name of three words or more has these initials (``uae``)."""
    words = set(re.findall(_WORDS, wanted))
    if not words:
        return set()
    found: set[str] = set()
    for name, record_ids in named.items():
        name_words = re.findall(_WORDS, name)
        initials = "".join(word[0] for word in name_words) if len(name_words) >= 3 else None
        if words <= set(name_words) or wanted == initials:
            found |= record_ids
    return found


def _by_first_words(wanted: str, named: dict[str, set[str]]) -> set[str]:
    """The ids a name of which begins with the two or more words typed (``public procurement`` for
    "Public procurement and purchasing"): one word is too little to name a theme (``frugal`` would
    pick "Frugal AI" over "Frugality")."""
    words = re.findall(_WORDS, wanted)
    if len(words) < 2:
        return set()
    found: set[str] = set()
    for name, record_ids in named.items():
        if re.findall(_WORDS, name)[: len(words)] == words:
            found |= record_ids
    return found


def _closest(wanted: str, named: dict[str, set[str]]) -> list[str]:
    """Up to three ids named closest to ``wanted``: by an id, a name or an alias (similarity 0.6
    or more), or by one word of a name (0.8 or more: ``Mistal`` → ``mistral``), keeping only those
    near the best match so that a good suggestion is not drowned among weak ones."""
    import difflib  # noqa: PLC0415 - only an unknown value pays for it

    matcher = difflib.SequenceMatcher(b=wanted)
    scores: dict[str, float] = {}
    for name, record_ids in named.items():
        for candidate, cutoff in ((name, 0.6), *((word, 0.8) for word in re.findall(_WORDS, name))):
            matcher.set_seq1(candidate)
            score = matcher.ratio()
            if score >= cutoff:
                for record_id in record_ids:
                    scores[record_id] = max(scores.get(record_id, 0.0), score)
    if not scores:
        return []
    best = max(scores.values())
    ranked = sorted((record_id for record_id, score in scores.items() if score >= best - 0.1),
                    key=lambda record_id: (-scores[record_id], record_id))  # fmt: skip
    return ranked[:3]


def _shown(record_id: str, labels: dict[str, str]) -> str:
    label = labels.get(record_id)
    return f"{record_id} ({label})" if label and label.casefold() != record_id.casefold() else record_id

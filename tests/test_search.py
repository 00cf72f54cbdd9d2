"""Search in both languages: words and stems, synonyms, phrases, ranking, and marks (issue 15).

Units of :mod:`iafr.fulltext` (the words, the query builder, the marks), property tests of the
query builder against real FTS5 tables, then the CLI on the mini corpus and on the shipped one,
each in a temporary directory. Golden outputs of ``iafr search``: tests/test_search_golden.py.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iafr.errors import UsageError
from iafr.fulltext.marks import excerpt, marks
from iafr.fulltext.query import AS_TYPED, Columns, Match, build_query, read_pieces, synonym_groups
from iafr.fulltext.search import columns_of
from iafr.fulltext.words import fold_word, stem, stem_key, words
from iafr.queries import Listing, search
from iafr.render.table import render_table
from iafr.render.toolkit import md_text
from iafr.store import open_readonly
from iafr.store.fulltext import _create
from iafr.store.schema import FULLTEXT
from tests.conftest import MINI, REPO_DATA, Invoke
from tests.hostile import limits

SYNONYMS = synonym_groups(
    [["datacenter", "data center", "data centre", "centre de données"], ["AI Act", "règlement sur l'IA"]]
)


def found(iafr: Invoke, data: Path, text: str, *options: str) -> list[dict[str, object]]:
    result = iafr("search", text, "--format", "json", "--limit", "1000", *options, data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if result.stdout.strip() else []


def ids(records: list[dict[str, object]]) -> list[str]:
    return [str(record["id"]) for record in records]


# --- words and stems ----------------------------------------------------------------------------


def test_words_are_folded_as_the_index_folds_them() -> None:
    assert words("L’AI Act, d'auteur; Souveraineté — ß_x ²") == [
        "l",
        "ai",
        "act",
        "d",
        "auteur",
        "souverainete",
        "ß",
        "x",
        "²",
    ]
    assert fold_word("İstanbul") == "istanbul" and fold_word("E\u0301TE\u0301") == "ete"


@pytest.mark.parametrize(
    ("one", "other", "language"),
    [
        ("datacenter", "datacenters", "en"),  # English words in French text: only the English stemmer joins them
        ("droit", "droits", "fr"),
        ("souveraine", "souverain", "fr"),
        ("souveraines", "souverain", "fr"),
        ("privées", "privé", "fr"),
        ("frugalité", "frugal", "fr"),
        ("models", "model", "en"),
    ],
)
def test_the_stemmers_join_inflected_forms(one: str, other: str, language: str) -> None:
    assert stem(one, language) == stem(other, language)


def test_a_stem_key_ignores_accents_and_case() -> None:
    for word in ("frugalité", "Souveraineté", "données", "PRIVÉES"):
        for language in ("fr", "en"):
            assert stem_key(word, language) == stem_key(fold_word(word), language)


_TOKENIZER_ALPHABET = [*"abcdezAÉÈÇŒ019éèêàçôîœß ,.;:'’-_*\"«»()\t\n²ﬁ", "\u0301", "\u00a0", "\ue000"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_TOKENIZER_ALPHABET, max_size=40))
def test_words_are_the_tokens_of_unicode61(text: str) -> None:
    # what Python marks in a text must be what SQLite matched: the same cuts, the same folding
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
        connection.execute("INSERT INTO t (rowid, x) VALUES (1, ?)", (text,))
        connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        indexed = [term for (term,) in connection.execute("SELECT term FROM v ORDER BY offset")]
    assert [word for word in words(text) if word] == indexed


# --- the query builder --------------------------------------------------------------------------

COLUMNS = Columns(("title", "text"), {"fr": ("title_stem_fr", "text_stem_fr"), "en": ("title_stem_en", "text_stem_en")})


def test_pieces_words_phrases_and_prefixes() -> None:
    pieces = read_pieces('frug* "AI Act" droit d\'auteur «centre de données» jean-zay *')
    assert [(piece.words, piece.quoted, piece.prefix) for piece in pieces] == [
        (("frug",), False, True),
        (("ai", "act"), True, False),
        (("droit",), False, False),
        (("d", "auteur"), False, False),
        (("centre", "de", "donnees"), True, False),
        (("jean", "zay"), False, False),
    ]


def test_a_quoted_phrase_is_one_term_matched_as_a_phrase() -> None:
    query = build_query('"droits d\'auteur"')
    assert len(query.terms) == 1
    assert query.literal_fts(COLUMNS) == '(({title text} : ("droits d auteur")))'
    stems = {match.group: match.phrases for match in query.terms[0].matches}
    assert stems["fr"] == (("droit", "d", "auteur"),)  # the plural meets the singular


def test_a_prefix_matches_as_typed_only() -> None:
    query = build_query("souverain*")
    assert query.fts(COLUMNS) == '(({title text} : ("souverain" *)))'


def test_synonyms_replace_the_words_that_spell_them() -> None:
    query = build_query("data centers en France", SYNONYMS)
    assert [term.typed for term in query.terms] == ["data centers", "en", "france"]
    as_typed = next(match for match in query.terms[0].matches if match.group == AS_TYPED)
    assert ("datacenter",) in as_typed.phrases and ("centre", "de", "donnees") in as_typed.phrases
    # only the user's words count as "as typed" for the ranking
    assert query.terms[0].literal == Match(AS_TYPED, (("data", "centers"),))


def test_an_unquoted_compound_of_the_list_becomes_a_phrase() -> None:
    # "AI Act" no longer matches a text saying "AI" and, later, "act"
    assert [term.typed for term in build_query("AI Act", SYNONYMS).terms] == ["ai act"]
    assert [term.typed for term in build_query("AI small Act", SYNONYMS).terms] == ["ai", "small", "act"]


def test_a_word_the_index_splits_may_end_a_synonym() -> None:
    groups = synonym_groups([["droit d'auteur", "copyright"]])
    assert [term.typed for term in build_query("droits d’auteur européens", groups).terms] == [
        "droits d auteur",
        "europeens",
    ]


def test_a_quoted_phrase_takes_a_synonym_only_whole() -> None:
    assert len(build_query('"data center"', SYNONYMS).terms[0].matches[0].phrases) > 1
    assert build_query('"data center in"', SYNONYMS).terms[0].matches[0].phrases == (("data", "center", "in"),)


@pytest.mark.parametrize("text", ["", "   ", '""', "* - ( )", "«»", "''"])
def test_no_word_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="holds no word to search for"):
        build_query(text)


def test_too_many_words_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="at most 32"):
        build_query(" ".join(f"w{index}" for index in range(33)), option="--query")


@pytest.fixture(scope="module")
def fts_tables() -> Iterator[sqlite3.Connection]:
    """Every full-text table as the build declares it, with one row."""
    connection = sqlite3.connect(":memory:")
    for table in FULLTEXT.values():
        _create(connection, table)
        values = ["data center AI Act droit d auteur"] * len(table.columns)
        marks_ = ", ".join("?" * len(table.columns))
        connection.execute(f"INSERT INTO {table.table} VALUES ({marks_})", values)
    yield connection
    connection.close()


_FTS_SYNTAX = st.sampled_from(
    ['"', "*", "AND", "OR", "NOT", "NEAR(", ")", "(", ":", "{", "}", "^", "-", "+", "l'", "data", "center",
     "AI", "Act", "é", "«", "»", "title:", "\x00", "\u0301", "''", "\\"]
)  # fmt: skip
_USER_TEXT = (
    st.text(max_size=80) | st.lists(_FTS_SYNTAX, max_size=12).map(" ".join) | st.lists(_FTS_SYNTAX).map("".join)
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_USER_TEXT)
def test_any_text_is_a_valid_fts5_query_or_a_usage_error(fts_tables: sqlite3.Connection, text: str) -> None:
    try:
        query = build_query(text, SYNONYMS)
    except UsageError as error:
        assert "holds no word" in str(error) or "at most" in str(error)
        return
    for table in FULLTEXT.values():
        for expression in (query.fts(columns_of(table)), query.literal_fts(columns_of(table))):
            fts_tables.execute(f"SELECT count(*) FROM {table.table} WHERE {table.table} MATCH ?", (expression,))


# --- marks --------------------------------------------------------------------------------------


def test_marks_are_places_of_whole_words_stems_and_phrases() -> None:
    text = "Des datacenters, un datacenter et l’AI Act ; un « small business act »."
    matches = build_query("datacenter", SYNONYMS).matches()
    assert [text[start:end] for start, end in marks(text, matches)] == ["datacenters", "datacenter"]
    phrase = build_query('"AI Act"').matches()
    assert [text[start:end] for start, end in marks(text, phrase)] == ["AI Act"]


def test_an_excerpt_shows_the_words_around_the_matches() -> None:
    text = " ".join(f"mot{index}" for index in range(30)) + " frugalité et sobriété."
    shown = excerpt(text, build_query("frugal").matches())
    assert shown.text == "…" + " ".join(f"mot{index}" for index in range(21, 30)) + " frugalité et sobriété."
    middle = excerpt(text + " " + text, build_query("frugal").matches())  # a few words lead to the first
    assert middle.text.startswith("…mot27 mot28 mot29 frugalité")
    assert [shown.text[start:end] for start, end in shown.marks] == ["frugalité"]


def test_markdown_marks_are_the_only_emphasis() -> None:
    text = "*Frugalité* des [modèles](x) | _petits_"
    places = marks(text, build_query("frugalite modeles").matches())
    assert md_text(text, marks=places) == r"\***Frugalité**\* des \[**modèles**\](x) \| \_petits\_"
    assert md_text(text) == r"\*Frugalité\* des \[modèles\](x) \| \_petits\_"


# --- the CLI on the mini corpus -----------------------------------------------------------------


def test_a_plural_finds_the_singular_and_back(iafr: Invoke, mini: Path) -> None:
    assert ids(found(iafr, mini, "modèle")) == ["m2", "frugalite"]  # m2 says "modèles", the axis too
    assert ids(found(iafr, mini, "frugales")) == ["m2", "frugalite"]  # "Frugalité", "frugaux", "Frugal"; the axis


def test_synonyms_in_the_data_are_searched(iafr: Invoke, mini: Path) -> None:
    for text in ("startup", "startups", '"jeune pousse"', "jeunes pousses"):
        assert ids(found(iafr, mini, text)) == ["m1"], text  # m1 says "start-ups"


def test_a_corpus_without_synonyms_searches_with_the_stemmers_alone(iafr: Invoke, mini: Path) -> None:
    (mini / "synonyms.yaml").unlink()
    assert iafr("check", "--strict", "--data", str(mini)).exit_code == 0
    assert ids(found(iafr, mini, "start-up")) == ["m1"]
    assert ids(found(iafr, mini, "startup")) == []


def test_a_phrase_needs_its_words_together(iafr: Invoke, mini: Path) -> None:
    assert ids(found(iafr, mini, '"accès à Jean Zay"')) == ["m1"]
    assert ids(found(iafr, mini, '"Zay Jean"')) == []


def test_json_and_csv_carry_no_marker_but_the_matched_words(iafr: Invoke, mini: Path) -> None:
    record = found(iafr, mini, "frugal")[0]
    assert list(record) == ["type", "id", "title", "context", "excerpt", "matched", "exact", "rank"]
    assert record["matched"] == ["Frugalité", "Frugal", "frugaux"] and record["exact"] is True
    assert "«" not in json.dumps(record, ensure_ascii=False) and "**" not in str(record["excerpt"])
    csv_text = iafr("search", "frugal", "--format", "csv", data=mini).stdout
    assert csv_text.splitlines()[0] == "type,id,title,context,excerpt,matched,exact,rank"
    assert "Frugalité;Frugal;frugaux" in csv_text and "«" not in csv_text


def test_markdown_marks_matches_in_bold_and_escapes_the_rest(iafr: Invoke, mini: Path) -> None:
    path = mini / "recommendations.yaml"
    path.write_text(
        path.read_text("utf-8").replace("title: Frugalité des modèles", "title: 'Frugalité *des* modèles_'")
    )
    out = iafr("--lang", "fr", "search", "frugalite", "--format", "md", data=mini).stdout  # the French title
    assert r"| mesure | m2 | **Frugalité** \*des\* modèles\_ |" in out


@pytest.fixture(scope="module")
def mini_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(MINI, root / "data")
    built = limits.iafr("build", "--data", str(root / "data"), "--db", str(root / "iafr.db"))
    assert built.returncode == 0, built.stderr
    connection = open_readonly(root / "iafr.db")
    yield connection
    connection.close()


def test_the_terminal_shows_matches_in_bold(mini_db: sqlite3.Connection) -> None:
    listing = search(mini_db, "frugal")
    assert "\x1b[1mFrugalité\x1b[0m" in render_table(listing, width=120, color=True)
    plain = render_table(listing, width=120, color=False)
    assert "Frugalité des modèles" in plain and "\x1b" not in plain and "«" not in plain


def test_only_the_places_of_matches_are_bold(mini_db: sqlite3.Connection) -> None:
    listing = search(mini_db, "frugal")
    unmarked = Listing(listing.entity, listing.records, listing.filters)
    assert "\x1b[1mFrugalité" not in render_table(unmarked, width=120, color=True)


def test_measures_query_uses_the_same_matcher(iafr: Invoke, mini: Path) -> None:
    for text in ("modèle", "startup", '"accès à Jean Zay"', "frug*"):
        result = iafr("measures", "--query", text, "--format", "json", data=mini)
        searched = [record["id"] for record in found(iafr, mini, text) if record["type"] == "measure"]
        assert sorted(ids(json.loads(result.stdout or "[]"))) == sorted(searched), text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", '" "'], "iafr: '\" \"' holds no word to search for"),
        (["measures", "--query", "**"], "--query '**' holds no word to search for"),
        (["search", " ".join(f"w{index}" for index in range(40))], "search for at most 32 at once"),
    ],
)
def test_a_text_without_words_is_a_usage_error(iafr: Invoke, mini: Path, args: list[str], message: str) -> None:
    result = iafr(*args, data=mini)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


# --- the shipped corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    root = tmp_path_factory.mktemp("shipped")
    data = root / "data"
    shutil.copytree(REPO_DATA, data, ignore=shutil.ignore_patterns("*.md", "*.py"))
    db = root / "iafr.db"
    built = limits.iafr("build", "--data", str(data), "--db", str(db))
    assert built.returncode == 0, built.stderr
    connection = open_readonly(db)
    yield connection
    connection.close()


def _hits(connection: sqlite3.Connection, text: str) -> set[tuple[str, str]]:
    return {(record["type"], record["id"]) for record in search(connection, text, None).records}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("datacenter", "datacenters"),
        ('"droit d\'auteur"', '"droits d\'auteur"'),
        ("data center", "datacenter"),
        ("centre de données", "datacenter"),
        ("sovereignty", "sovereign"),
        ("souverain", "souveraineté"),
        ("frugalite", "FRUGALITÉ"),
    ],
)
def test_what_people_type_meets_what_the_corpus_says(shipped: sqlite3.Connection, one: str, other: str) -> None:
    assert _hits(shipped, one) == _hits(shipped, other) and _hits(shipped, one)


def test_ai_act_is_a_phrase(shipped: sqlite3.Connection) -> None:
    for text in ('"AI Act"', "AI Act", "ai act"):
        hits = _hits(shipped, text)
        assert ("actor", "ai-act") in hits and ("measure", "hub-m24") in hits
        assert ("measure", "hub-m15") not in hits  # "(an AI 'small business act')"
    assert ("measure", "hub-m15") in _hits(shipped, "AI small act")


def test_whole_words_rank_above_stems_and_synonyms(shipped: sqlite3.Connection) -> None:
    records = search(shipped, "datacenter", None).records
    exact = [record["exact"] for record in records]
    assert exact == sorted(exact, reverse=True) and True in exact and False in exact
    for record in records:
        assert record["exact"] == any(fold_word(word) == "datacenter" for word in record["matched"]), record


_CORPUS_WORDS = sorted(
    {word for path in REPO_DATA.glob("*.yaml") for word in words(path.read_text("utf-8")) if len(word) > 3}
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_CORPUS_WORDS), st.sampled_from(["upper", "fold", "title"]))
def test_accents_and_case_stay_ignored(shipped: sqlite3.Connection, word: str, how: str) -> None:
    other = {"upper": word.upper(), "fold": fold_word(word), "title": word.title()}[how]
    assert _hits(shipped, word) == _hits(shipped, other)


@pytest.mark.parametrize("text", ["datacenter", '"droit d\'auteur"', "souverain", "AI Act", "frugal*", "sovereignty"])
def test_measures_query_finds_the_measures_search_finds(shipped: sqlite3.Connection, text: str) -> None:
    from iafr.queries import query_measures

    listed = {record["id"] for record in query_measures(shipped, text=text).records}
    assert listed == {record_id for kind, record_id in _hits(shipped, text) if kind == "measure"}


# --- latency: a listing without a text loads none of it -----------------------------------------


def test_a_warm_listing_imports_neither_the_stemmers_nor_the_search(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "warm.db"
    assert limits.iafr("build", "--data", str(mini), "--db", str(db)).returncode == 0
    script = (
        "import sys\nfrom iafr.cli import main\n"
        f"sys.argv = ['iafr', 'measures', '--axis', 'frugalite', '--format', 'csv', '--data', {str(mini)!r},"
        f" '--db', {str(db)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('iafr.fulltext', 'iafr.store.fulltext',"
        " 'snowballstemmer'))), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert done.stdout.startswith("id,")


def test_the_compiled_stemmer_gives_the_pure_python_stems_on_every_corpus_word() -> None:
    """PyStemmer (what snowballstemmer uses when installed, 40 times faster) and the pure-Python
    Snowball stemmers must agree, or the index and a query could stem differently."""
    import importlib

    import snowballstemmer
    import Stemmer

    from iafr.fulltext.words import words

    corpus = " ".join(path.read_text(encoding="utf-8") for path in REPO_DATA.glob("*.yaml"))
    vocabulary = sorted(set(words(corpus)))
    assert len(vocabulary) > 2000
    assert isinstance(snowballstemmer.stemmer("french"), Stemmer.Stemmer)  # the fast one is in use
    for language in ("french", "english"):
        compiled = Stemmer.Stemmer(language)
        module = importlib.import_module(f"snowballstemmer.{language}_stemmer")
        pure = getattr(module, f"{language.capitalize()}Stemmer")()
        assert [compiled.stemWord(w) for w in vocabulary] == [pure.stemWord(w) for w in vocabulary], language


def test_what_an_actors_facts_state_is_searched(iafr: Invoke) -> None:
    """The timeline lists "51 fois moins cher", "troisième place": search must find them too."""
    for text, actor in (("51 fois", "mistral-ai"), ("troisième place", "etat-francais")):
        result = iafr("search", text, "--format", "json", data=REPO_DATA)
        assert result.exit_code == 0, result.stderr
        assert actor in [record["id"] for record in json.loads(result.stdout)], text


# --- costs that a stranger's synonyms or texts control (see also tests/test_hostile_costs.py) ----


def _spans_one_by_one(text: str, matches: list[Match]) -> list[tuple[int, int]]:
    """Each phrase looked for at each token, as the marks were found before the tries."""
    from iafr.fulltext.marks import _is, _merged, _tokens

    found = _tokens(text)
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
    return [(found[first].start, found[last].end) for first, last in _merged(sorted(hits))]


MARK_WORDS = st.sampled_from(["calcul", "calculs", "calculateur", "données", "donnee", "data", "centre", "de", "l"])


@settings(max_examples=200, deadline=None)
@given(st.lists(MARK_WORDS, max_size=30).map(" ".join), st.lists(MARK_WORDS, min_size=1, max_size=4).map(" ".join))
def test_the_tries_mark_what_each_phrase_looked_for_alone_marks(text: str, typed: str) -> None:
    query = build_query(typed, synonym_groups([["calcul", "données de calcul", "data centre"]]))
    assert marks(text, query.matches()) == _spans_one_by_one(text, query.matches())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=60), st.integers(min_value=1, max_value=15))
def test_the_excerpt_window_is_the_one_every_start_tried_gives(matched: list[bool], size: int) -> None:
    from iafr.fulltext.marks import _best_window

    hits = [(index, index) for index, hit in enumerate(matched) if hit]
    first, best = 0, (-1, 0)
    for start in range(max(len(matched) - size, 0) + 1):  # the quadratic search it replaced
        inside = [one for one, other in hits if one >= start and other < start + size]
        score = (len(inside), -abs(inside[0] - start - size // 4) if inside else 0)
        if score > best:
            first, best = start, score
    assert _best_window(hits, len(matched), size) == first


def test_a_group_spelled_many_times_is_one_term() -> None:
    groups = synonym_groups([["calcul", "compute", "supercalculateur"]])
    once = build_query("calcul", groups)
    assert build_query(" ".join(["calcul"] * 32), groups).terms == once.terms
    assert [term.typed for term in build_query("calcul compute frugal calcul", groups).terms] == ["calcul", "frugal"]


def test_a_synonym_term_longer_than_a_search_is_refused(iafr: Invoke, mini: Path) -> None:
    long = " ".join(f"mot{i}" for i in range(33))
    path = mini / "synonyms.yaml"
    path.write_text(path.read_text("utf-8").replace("jeune pousse]", f"jeune pousse, {long}]"), "utf-8")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 1
    assert "holds 33 words; a search reads at most 32: shorten it" in result.stdout

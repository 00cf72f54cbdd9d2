"""The store survives faults: kill -9 at any moment, concurrent builds, damaged or foreign files.

Builds that are killed or raced run in child processes under a memory cap and a timeout; the
corpus is the mini fixture grown to 2000 measures so that a build lasts long enough to be hit.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iafr import store
from iafr.check import check_data
from iafr.errors import UsageError
from iafr.queries import order_by, query_measures, search
from iafr.store import SCHEMA_VERSION, State, content_hash, open_readonly, store_state
from iafr.workspace import connect, resolve_workspace
from tests.conftest import Invoke
from tests.hostile import limits
from tests.hostile.corpus import big_corpus, copy_mini

MEASURES = 2000


# --- helpers --------------------------------------------------------------------------------------


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quick_check(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return str(connection.execute("PRAGMA quick_check").fetchone()[0])


def meta(db: Path) -> dict[str, str]:
    with contextlib.closing(open_readonly(db)) as connection:
        return store.read_meta(connection)


def measure_count(db: Path) -> int:
    with contextlib.closing(open_readonly(db)) as connection:
        return int(connection.execute("SELECT count(*) FROM measures").fetchone()[0])


def leftovers(db: Path) -> list[str]:
    """Temporary files and journals beside the database (the lock file is meant to stay)."""
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.") or "-journal" in p.name)


def yaml_state(data: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (sha(p), p.stat().st_mtime_ns) for p in sorted(data.glob("*.yaml"))}


def add_measure(data: Path) -> None:
    """Change the corpus (content B) without breaking it."""
    grow_path = data / "recommendations.yaml"
    text = grow_path.read_text(encoding="utf-8")
    grow_path.write_text(text.replace("id: mesure-0\n", "id: mesure-zero\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated corpus and its database, built once; tests work on copies."""
    root = tmp_path_factory.mktemp("big")
    data = big_corpus(root / "data", MEASURES)
    db = root / "old.db"
    result = limits.iafr("build", "--data", str(data), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return data, db


@pytest.fixture
def copy(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    data, db = built
    shutil.copytree(data, tmp_path / "data")
    shutil.copy2(db, tmp_path / "iafr.db")
    return tmp_path / "data", tmp_path / "iafr.db"


# --- kill -9 ------------------------------------------------------------------------------------

KILL_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import iafr.safefiles as files
    import iafr.store.build as store
    from iafr.store import fingerprint
    from iafr.check import check_data

    data, db, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    corpus, problems = check_data(data)
    assert not [p for p in problems if p.severity == "error"], problems

    def die(*args, **kwargs):
        os.kill(os.getpid(), 9)

    progress = None
    if point.startswith("table:"):
        table = point.split(":", 1)[1]

        def progress(name, done, total):
            if name == table:
                die()
    elif point == "before-fsync":
        files.fsync_file = die
    elif point == "before-rename":
        store.os.replace = die
    elif point == "after-rename":
        files.fsync_directory = die
    store.build_store(corpus, db, fingerprint(data), progress)
    print("not killed")
    """
)
KILL_POINTS = ["table:sources", "table:record_sources", "before-fsync", "before-rename"]


@pytest.mark.parametrize("point", [*KILL_POINTS, "after-rename"])
def test_kill_9_during_a_build_leaves_a_whole_database(iafr: Invoke, copy: tuple[Path, Path], point: str) -> None:
    data, db = copy
    old_sha, old_meta = sha(db), meta(db)
    add_measure(data)
    result = limits.python(["-c", KILL_SCRIPT, str(data), str(db), point])
    assert result.returncode == -signal.SIGKILL, result.stdout + result.stderr
    assert quick_check(db) == "ok"
    if point == "after-rename":  # the new database was complete when it took the old one's place
        assert meta(db)["content_hash"] == content_hash(data)
    else:
        assert sha(db) == old_sha and meta(db) == old_meta
        assert measure_count(db) == MEASURES + 3
    if point.startswith("table:"):
        assert leftovers(db), "the killed build should have left its temporary file"
    before = yaml_state(data)
    assert iafr("build", "--data", str(data), "--db", str(db)).exit_code == 0
    assert leftovers(db) == []
    assert meta(db)["content_hash"] == content_hash(data)
    assert yaml_state(data) == before  # the YAML is never written


@pytest.mark.parametrize("delay", [0.05, 0.4, 0.8])
def test_kill_9_from_outside_at_any_moment(iafr: Invoke, copy: tuple[Path, Path], delay: float) -> None:
    data, db = copy
    old_sha = sha(db)
    add_measure(data)
    child = limits.popen(["-m", "iafr", "build", "--data", str(data), "--db", str(db)])
    try:
        time.sleep(delay)  # not an assertion: only where in the build the kill lands
        child.kill()
    finally:
        child.communicate(timeout=limits.TIMEOUT)
    assert quick_check(db) == "ok"
    assert sha(db) == old_sha or meta(db)["content_hash"] == content_hash(data)
    assert iafr("build", "--data", str(data), "--db", str(db)).exit_code == 0
    assert leftovers(db) == []


def test_stale_temporary_files_and_journals_are_cleaned(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    stale = [tmp_path / ".iafr.db.123.abcd1234.tmp", tmp_path / ".iafr.db.123.abcd1234.tmp-journal"]
    other = tmp_path / ".other.db.123.abcd1234.tmp"  # another database's: not ours to remove
    for path in [*stale, other]:
        path.write_bytes(b"left by a killed build")
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    assert not any(path.exists() for path in stale)
    assert other.exists()


def test_temp_file_names_with_glob_characters_are_cleaned(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus[1].db"
    stale = tmp_path / ".corpus[1].db.1.ffff0000.tmp"
    stale.write_bytes(b"x")
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    assert not stale.exists()


def test_build_writes_beside_the_target_and_replaces_it_at_the_end(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    db.write_bytes(b"")  # an empty file is a database to rebuild, not a foreign file
    corpus, _ = check_data(mini)
    seen: list[tuple[list[str], int]] = []

    def progress(table: str, done: int, total: int) -> None:
        seen.append((leftovers(db), db.stat().st_size))

    store.build_store(corpus, db, store.fingerprint(mini), progress)
    assert seen and all(len(temps) >= 1 and size == 0 for temps, size in seen)
    assert all(name.endswith((".tmp", ".tmp-journal")) for temps, _ in seen for name in temps)
    assert leftovers(db) == [] and quick_check(db) == "ok"


def test_rollback_journal_not_wal(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    assert iafr("measures", data=mini, db=db).exit_code == 0
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    # no -wal/-shm side files; the lock and the integrity stamp are ours
    side_files = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("iafr.db"))
    assert side_files == ["iafr.db", "iafr.db.lock", "iafr.db.verified"]


# --- concurrency --------------------------------------------------------------------------------


def test_two_concurrent_builds_both_succeed(copy: tuple[Path, Path]) -> None:
    data, db = copy
    add_measure(data)
    children = [limits.popen(["-m", "iafr", "build", "--data", str(data), "--db", str(db)]) for _ in range(2)]
    outcomes = [(child.wait(timeout=limits.TIMEOUT), child.communicate()[1]) for child in children]
    for code, stderr in outcomes:
        assert code == 0 and "Traceback" not in stderr, stderr
    assert quick_check(db) == "ok"
    assert meta(db)["content_hash"] == content_hash(data)
    assert leftovers(db) == []


def test_queries_during_a_build_all_succeed(copy: tuple[Path, Path]) -> None:
    data, db = copy
    add_measure(data)  # the queries find the database stale and rebuild too, one at a time
    build = limits.popen(["-m", "iafr", "build", "--data", str(data), "--db", str(db)])
    queries = [
        limits.popen(["-m", "iafr", "measures", "--format", "csv", "--data", str(data), "--db", str(db)])
        for _ in range(2)
    ]
    for child in [build, *queries]:
        _, err = child.communicate(timeout=limits.TIMEOUT)
        assert child.returncode == 0 and "Traceback" not in err, err
    assert quick_check(db) == "ok" and leftovers(db) == []


@contextlib.contextmanager
def holding_build_lock(db: Path) -> Iterator[None]:
    with open(db.with_name(db.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def test_a_build_waits_for_the_lock(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    with holding_build_lock(db):
        child = limits.popen(["-m", "iafr", "build", "--data", str(mini), "--db", str(db)])
        try:
            # A build of the mini corpus takes well under these 2 s when nothing stops it; if
            # the machine is slower the test passes without proving anything, it never fails.
            with contextlib.suppress(Exception):
                child.wait(timeout=2)
            assert child.returncode is None, "the build did not wait for the lock"
            assert not db.exists()
        except BaseException:
            child.kill()
            raise
    _, err = child.communicate(timeout=limits.TIMEOUT)
    assert child.returncode == 0, err
    assert quick_check(db) == "ok"


# --- freshness: detected and rebuilt, with a notice ---------------------------------------------


def test_database_records_schema_version_and_source_hash(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    recorded = meta(db)
    assert recorded["schema_version"] == SCHEMA_VERSION
    assert recorded["content_hash"] == content_hash(mini)
    assert store_state(db, mini) is State.FRESH


def test_missing_database_is_built_on_first_query(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    result = iafr("measures", "--format", "csv", data=mini, db=db)
    assert result.exit_code == 0 and result.stdout.startswith("id,")
    assert quick_check(db) == "ok"


def test_stale_database_is_rebuilt_with_a_notice(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    path = mini / "recommendations.yaml"
    path.write_text(path.read_text("utf-8").replace("Mesurer l'effet rebond", "Mesurer l'effet-rebond"), "utf-8")
    before = yaml_state(mini)
    result = iafr("measures", "--format", "json", data=mini, db=db)
    assert result.exit_code == 0
    assert "database stale, rebuilding" in result.stderr
    assert "Mesurer l'effet-rebond" in result.stdout
    assert yaml_state(mini) == before
    assert "rebuilding" not in iafr("measures", data=mini, db=db).stderr


def test_touched_yaml_with_the_same_bytes_is_not_rebuilt(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    built_sha = sha(db)
    for path in mini.glob("*.yaml"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    result = iafr("measures", data=mini, db=db)
    assert result.exit_code == 0 and "rebuilding" not in result.stderr
    assert sha(db) == built_sha


def test_database_of_another_schema_version_is_rebuilt(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    with contextlib.closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE iafr_meta SET value = '0' WHERE key = 'schema_version'")
    result = iafr("measures", data=mini, db=db)
    assert result.exit_code == 0
    assert "database built by another version of iafr, rebuilding" in result.stderr
    assert meta(db)["schema_version"] == SCHEMA_VERSION


def _truncate_half(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _zero_page(index: int):  # type: ignore[no-untyped-def]
    def damage(raw: bytes) -> bytes:
        size = 4096
        return raw[: index * size] + bytes(size) + raw[(index + 1) * size :]

    return damage


DAMAGE = {
    "empty": lambda raw: b"",
    "header-only": lambda raw: raw[:100],
    "truncated-half": _truncate_half,
    "truncated-one-page": lambda raw: raw[:-4096],
    "zeroed-page-3": _zero_page(3),
    "zeroed-last-page": lambda raw: raw[:-4096] + bytes(4096),
    "flipped-schema-page": lambda raw: raw[:100] + bytes(b ^ 0xFF for b in raw[100:300]) + raw[300:],
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_database_is_detected_and_rebuilt(iafr: Invoke, mini: Path, tmp_path: Path, damage: str) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    expected = iafr("measures", "--format", "json", data=mini, db=db).stdout
    db.write_bytes(DAMAGE[damage](db.read_bytes()))
    before = yaml_state(mini)
    result = iafr("measures", "--format", "json", data=mini, db=db)
    assert result.exit_code == 0, result.output
    assert "rebuilding from" in result.stderr
    assert result.stdout == expected
    assert quick_check(db) == "ok"
    assert yaml_state(mini) == before


def test_every_damaged_page_is_detected(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    # store_state once read only the meta table: a damaged page elsewhere passed as fresh and the
    # query died with "database disk image is malformed"
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    raw = db.read_bytes()
    pages = len(raw) // 4096
    damaged = tmp_path / "damaged.db"
    for index in range(1, pages):
        damaged.write_bytes(_zero_page(index)(raw))
        assert store_state(damaged, mini) is State.CORRUPT, f"page {index}"


def test_garbage_in_place_of_the_database_is_not_overwritten(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("my notes, not a database\n", "utf-8")
    result = iafr("measures", data=mini, db=db)
    assert result.exit_code == 2
    assert "is not a SQLite database; refusing to replace it" in result.stderr
    assert db.read_text("utf-8") == "my notes, not a database\n"


@pytest.mark.parametrize("command", [["measures"], ["build"]])
def test_a_yaml_file_given_as_db_is_never_replaced(iafr: Invoke, mini: Path, command: list[str]) -> None:
    target = mini / "actors.yaml"
    before = yaml_state(mini)
    result = iafr(*command, "--data", str(mini), "--db", str(target))
    assert result.exit_code == 2
    assert yaml_state(mini) == before


def test_directory_as_db_is_a_usage_error(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    result = iafr("measures", data=mini, db=tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_unwritable_db_location_is_an_environment_failure(iafr: Invoke, mini: Path) -> None:
    result = iafr("measures", data=mini, db=Path("/proc/iafr-cannot-exist/iafr.db"))
    assert result.exit_code == 3
    assert result.stderr.startswith("iafr: cannot write the database") and "Traceback" not in result.output


# --- read-only queries -----------------------------------------------------------------------------


def test_queries_never_modify_a_fresh_database(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    before = (sha(db), db.stat().st_mtime_ns)
    for command in (["measures"], ["funding"], ["actors"], ["search", "calcul"], ["axes"], ["show", "m1"]):
        assert iafr(*command, data=mini, db=db).exit_code == 0
    assert (sha(db), db.stat().st_mtime_ns) == before


def test_read_only_connection_cannot_write(mini: Path, tmp_path: Path, iafr: Invoke) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    with contextlib.closing(open_readonly(db)) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("DELETE FROM measures")


def test_opening_a_missing_database_read_only_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError):
        open_readonly(tmp_path / "typo.db")
    assert list(tmp_path.iterdir()) == []


def test_mistyped_db_with_invalid_data_leaves_no_file(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    path = mini / "funding.yaml"
    path.write_text(path.read_text("utf-8").replace("funders: [etat]", "funders: [etta]"), "utf-8")
    typo = tmp_path / "iafr-typo.db"
    result = iafr("measures", data=mini, db=typo)
    assert result.exit_code == 1
    assert not typo.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".iafr-typo.db.")]


def test_mistyped_db_never_leaves_an_empty_or_partial_file(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    typo = tmp_path / "iafr-typo.db"
    assert iafr("measures", data=mini, db=typo).exit_code == 0
    assert typo.stat().st_size > 0 and quick_check(typo) == "ok"


def test_foreign_keys_are_on_in_every_connection(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    with contextlib.closing(connect(resolve_workspace(mini, db))) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


# --- user values only through bound parameters ----------------------------------------------------


@pytest.fixture(scope="module")
def shared_mini(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The mini corpus and its database, built once for the read-only query tests."""
    root = tmp_path_factory.mktemp("shared")
    data = copy_mini(root / "data")
    db = root / "iafr.db"
    assert limits.iafr("build", "--data", str(data), "--db", str(db)).returncode == 0
    return data, db


INJECTIONS = [
    "x' OR '1'='1",
    "'; DROP TABLE measures; --",
    '" OR ""="',
    "1); DELETE FROM measures; --",
    "%",
    "_",
    "\\",
    "'",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("option", ["--axis", "--report", "--actor", "--chapter", "--kind", "--query"])
def test_option_values_are_data_not_sql(iafr: Invoke, shared_mini: tuple[Path, Path], option: str, value: str) -> None:
    data, db = shared_mini
    result = iafr("measures", option, value, "--format", "json", data=data, db=db)
    assert result.exit_code in {0, 2}, result.output
    if result.exit_code == 0:
        assert json.loads(result.stdout) == []  # nothing matches: the quote did not escape
    assert measure_count(db) == 3


@pytest.mark.parametrize(
    "sort", ["title; DROP TABLE measures", "rowid", "id DESC", "(SELECT 1)", "number,title", "--", "-"]
)
def test_sort_is_taken_from_an_allow_list(iafr: Invoke, mini: Path, sort: str) -> None:
    result = iafr("measures", "--sort", sort, data=mini)
    assert result.exit_code == 2
    assert "cannot sort by" in result.stderr


def test_allowed_sorts_work_both_ways(iafr: Invoke, mini: Path) -> None:
    up = iafr("measures", "--sort", "number", "--format", "csv", data=mini).stdout.splitlines()
    down = iafr("measures", "--sort", "-number", "--format", "csv", data=mini).stdout.splitlines()
    assert up[1:] == list(reversed(down[1:]))
    with pytest.raises(UsageError):
        order_by("x); DROP TABLE y; --", {"id": "id"}, "id")


@pytest.fixture(scope="module")
def mini_db(shared_mini: tuple[Path, Path]) -> Iterator[sqlite3.Connection]:
    connection = open_readonly(shared_mini[1])
    yield connection
    connection.close()


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"unbalanced',
        "AND",
        "OR OR",
        "NOT",
        "NEAR(a b)",
        "a AND (b",
        "title:calcul",
        "^calcul",
        "calcul*",
        "*",
        "-calcul",
        "col:",
        "{a b}",
        "''",
        "",
        "   ",
        "\u202e",
        "é*è",
        "x" * 10_000,
    ],
)
def test_fts_queries_are_quoted(iafr: Invoke, shared_mini: tuple[Path, Path], text: str) -> None:
    data, db = shared_mini
    result = iafr("search", text, "--format", "json", data=data, db=db)
    assert result.exit_code in {0, 2}, result.output
    assert "Traceback" not in result.output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_is_a_safe_fts_query(mini_db: sqlite3.Connection, text: str) -> None:
    try:
        search(mini_db, text, 20)
        query_measures(mini_db, text=text)
    except UsageError:
        pass


def test_integrity_check_runs_once_per_database_file(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    # quick_check reads every page, so a warm query must not pay for it again and again: a build
    # (which checked its file) or a first check leaves a stamp naming the exact file it verified
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    stamp = db.with_name("iafr.db.verified")
    built = stamp.read_text("ascii")
    assert store_state(db, mini) is State.FRESH
    os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 10**9))  # touched by someone else
    assert store_state(db, mini) is State.FRESH  # checked again, still healthy
    assert stamp.read_text("ascii") != built
    raw = bytearray(db.read_bytes())
    raw[len(raw) - 2048 : len(raw)] = bytes(2048)  # a damaged page, written by someone else
    db.write_bytes(bytes(raw))
    assert store_state(db, mini) is State.CORRUPT

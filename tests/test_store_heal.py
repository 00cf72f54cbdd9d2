"""The cache is iafr's own and heals; iafr never replaces or writes beside a file it does not own.

- a damaged database or a crashed writer's hot journal in iafr's cache directory is rebuilt under
  the lock with one line on stderr; a ``--db`` iafr did not write is refused (exit 2);
- a build kept waiting by another one's lock says so after a second and gives up after ``--wait``;
- a ``--db`` or ``serve --export`` target that is not a regular file is refused before any lock
  or temporary file exists, and an export never overwrites files iafr did not write there.

Locks are held by the test itself, so every outcome is decided by the lock, not by timing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import stat
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from iafr.store import APPLICATION_ID
from iafr.workspace import default_db_path
from tests.conftest import Invoke
from tests.hostile import limits


def quick_check(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return str(connection.execute("PRAGMA quick_check").fetchone()[0])


def stderr_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def cache_db(iafr: Invoke, data: Path) -> Path:
    """The default cache database of ``data`` (no --db), built."""
    assert iafr("build", "--data", str(data)).exit_code == 0
    db = default_db_path(data)
    assert db.is_file() and db.is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))
    return db


# A writer killed mid-transaction: its rollback journal stays beside the database, hot.
CRASHED_WRITER = textwrap.dedent(
    """
    import os, sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("PRAGMA cache_size=2")  # spill the changes into the file before the commit
    connection.execute("BEGIN")
    connection.execute("UPDATE iafr_meta SET value = value || 'x'")
    connection.execute("CREATE TABLE junk(x)")
    connection.executemany("INSERT INTO junk VALUES (?)", [("y" * 1000,) for _ in range(2000)])
    os.kill(os.getpid(), 9)
    """
)


def crash_a_writer(db: Path) -> Path:
    result = limits.python(["-c", CRASHED_WRITER, str(db)])
    assert result.returncode == -9, result.stderr
    journal = db.with_name(db.name + "-journal")
    assert journal.stat().st_size > 0
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    with contextlib.closing(connection), pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("SELECT * FROM iafr_meta").fetchall()  # what every query met
    return journal


@contextlib.contextmanager
def holding_build_lock(db: Path) -> Iterator[None]:
    """Hold ``db``'s build lock as a build does, pid written in the lock file."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# --- the cache is iafr's own: it heals ------------------------------------------------------------


def test_every_database_iafr_writes_carries_its_application_id(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    assert int.from_bytes(db.read_bytes()[68:72], "big") == APPLICATION_ID
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_garbage_over_the_default_cache_is_rebuilt_with_one_line(iafr: Invoke, mini: Path) -> None:
    db = cache_db(iafr, mini)
    expected = iafr("measures", "--format", "csv", "--data", str(mini)).stdout
    db.write_bytes(os.urandom(3000))  # not even a SQLite header: before, "refusing to replace it", exit 2
    result = iafr("measures", "--format", "csv", "--data", str(mini))
    assert result.exit_code == 0, result.output
    assert stderr_lines(result.stderr) == [f"iafr: database unreadable, rebuilding from {mini}"]
    assert result.stdout == expected and quick_check(db) == "ok"
    again = iafr("measures", "--format", "csv", "--data", str(mini))
    assert again.exit_code == 0 and again.stderr == ""


def test_a_hot_journal_in_the_default_cache_is_rebuilt_with_one_line(iafr: Invoke, mini: Path) -> None:
    db = cache_db(iafr, mini)
    expected = iafr("measures", "--format", "csv", "--data", str(mini)).stdout
    journal = crash_a_writer(db)
    result = iafr("measures", "--format", "csv", "--data", str(mini))
    assert result.exit_code == 0, result.output
    assert stderr_lines(result.stderr) == [
        f"iafr: database left mid-write by a crashed writer (hot journal), rebuilding from {mini}"
    ]
    assert result.stdout == expected
    assert not journal.exists() and quick_check(db) == "ok"
    again = iafr("measures", "--format", "csv", "--data", str(mini))
    assert again.exit_code == 0 and again.stderr == ""


def test_iafr_build_clears_a_stale_hot_journal(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    journal = crash_a_writer(db)
    result = iafr("build", "--data", str(mini), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert not journal.exists()
    query = iafr("measures", "--format", "csv", "--data", str(mini), "--db", str(db))
    assert query.exit_code == 0 and query.stderr == ""


def test_a_sqlite_database_iafr_did_not_write_is_refused_with_db(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.db"
    with contextlib.closing(sqlite3.connect(theirs)) as connection, connection:
        connection.execute("CREATE TABLE accounts (name TEXT)")
        connection.execute("INSERT INTO accounts VALUES ('mine')")
    before = theirs.read_bytes()
    for command in ("measures", "build"):
        result = iafr(command, "--data", str(mini), "--db", str(theirs))
        assert result.exit_code == 2, result.output
        assert stderr_lines(result.stderr) == [
            f"iafr: {theirs} is a SQLite database that iafr did not write; refusing to replace it:"
            " check --db or IAFR_DB"
        ]
    assert theirs.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(("theirs.db.", ".theirs.db."))] == []


def test_garbage_given_with_db_is_refused_and_nothing_is_left_beside_it(
    iafr: Invoke, mini: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"my notes\n")
    result = iafr("measures", "--data", str(mini), "--db", str(notes))
    assert result.exit_code == 2
    assert "rebuilding" not in result.stderr  # refused first, not announced and then refused
    assert notes.read_bytes() == b"my notes\n"
    assert [path.name for path in tmp_path.iterdir() if "notes.db" in path.name] == ["notes.db"]


def test_an_iafr_database_from_before_the_application_id_is_still_rebuilt(
    iafr: Invoke, mini: Path, tmp_path: Path
) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    with contextlib.closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA application_id=0")
        connection.execute("UPDATE iafr_meta SET value = 'old' WHERE key IN ('signature', 'content_hash')")
        connection.commit()
    result = iafr("measures", "--data", str(mini), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "database stale, rebuilding" in result.stderr
    assert int.from_bytes(db.read_bytes()[68:72], "big") == APPLICATION_ID


# --- waiting for another build's lock -------------------------------------------------------------


def test_a_held_lock_gives_up_at_once_with_wait_0(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    with holding_build_lock(db):
        result = iafr("build", "--data", str(mini), "--db", str(db), "--wait", "0")
    assert result.exit_code == 3
    assert stderr_lines(result.stderr) == [
        f"iafr: gave up after 0 s waiting for another iafr build of {db} (pid {os.getpid()}); if it is stuck,"
        " end it, or allow more time with --wait SECONDS (or IAFR_LOCK_WAIT)"
    ]
    assert not db.exists()


def test_a_query_waiting_for_the_lock_says_so_then_gives_up(iafr: Invoke, mini: Path) -> None:
    db = default_db_path(mini)  # the default cache, not built yet: the query must build it
    with holding_build_lock(db):
        result = iafr("measures", "--data", str(mini), "--wait", "1")
    assert result.exit_code == 3
    other = f"another iafr build of {db} (pid {os.getpid()})"
    assert stderr_lines(result.stderr) == [
        f"iafr: waiting for {other} to finish; giving up after 1 s (--wait SECONDS)",
        f"iafr: gave up after 1 s waiting for {other}; if it is stuck, end it, or allow more time"
        " with --wait SECONDS (or IAFR_LOCK_WAIT)",
    ]
    assert result.stdout == "" and not db.exists()


def test_iafr_lock_wait_sets_the_wait(iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IAFR_LOCK_WAIT", "0")
    db = default_db_path(mini)
    with holding_build_lock(db):
        result = iafr("axes", "--data", str(mini))
    assert result.exit_code == 3 and "gave up after 0 s waiting for another iafr build" in result.stderr


def test_a_waiting_build_goes_on_once_the_lock_is_released(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    with holding_build_lock(db):
        child = limits.popen(["-m", "iafr", "build", "--data", str(mini), "--db", str(db), "--wait", "60"])
        try:
            assert child.stderr is not None
            first = child.stderr.readline()  # written only once the build has waited a second
            assert first.startswith(f"iafr: waiting for another iafr build of {db} (pid {os.getpid()})"), first
        except BaseException:
            child.kill()
            child.communicate()
            raise
    _, rest = child.communicate(timeout=limits.TIMEOUT)
    assert child.returncode == 0, rest
    assert rest == f"iafr: built {db} from {mini}\n"
    assert quick_check(db) == "ok"
    assert (tmp_path / "iafr.db.lock").read_text("ascii") == f"{child.pid}\n"  # the pid a waiter names


# --- only regular files, only where iafr was told ------------------------------------------------


def beside(directory: Path, name: str) -> list[str]:
    return sorted(path.name for path in directory.iterdir() if name in path.name)


@pytest.mark.parametrize("command", [["build"], ["measures"], ["serve", "--export", "site"]])
def test_a_fifo_as_db_is_refused_before_any_file_is_created(mini: Path, tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    # a child process: were the FIFO opened, the test would hang, not the suite
    result = limits.iafr(*command, "--data", str(mini), "--db", str(fifo), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"iafr: --db {fifo} is a FIFO; refusing to write there: give the path of a regular .db file\n"
    )
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert beside(tmp_path, "pipe.db") == ["pipe.db"]
    assert not (tmp_path / "site").exists()


def test_a_character_device_as_db_is_refused(mini: Path, tmp_path: Path) -> None:
    device = tmp_path / "null"  # a stand-in for /dev/null, never the real one
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot create a character device here: {error}")
    for command in ("build", "funding"):
        result = limits.iafr(command, "--data", str(mini), "--db", str(device))
        assert result.returncode == 2, result.stderr
        assert f"--db {device} is a character device; refusing to write there" in result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert beside(tmp_path, "null") == ["null"]


def test_a_symlink_to_a_fifo_as_db_is_refused(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.db"
    link.symlink_to(fifo)
    result = limits.iafr("build", "--data", str(mini), "--db", str(link))
    assert result.returncode == 2
    assert f"--db {link} is a symbolic link to a FIFO; refusing to write there" in result.stderr
    assert link.is_symlink() and beside(tmp_path, "link.db") == ["link.db"]


def test_a_directory_as_db_leaves_nothing_beside_it(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    directory = tmp_path / "dir.db"
    directory.mkdir()
    result = iafr("build", "--data", str(mini), "--db", str(directory))
    assert result.exit_code == 2 and f"--db {directory} is a directory" in result.stderr
    assert beside(tmp_path, "dir.db") == ["dir.db"] and list(directory.iterdir()) == []


def test_a_directory_in_place_of_the_cache_database_is_refused(iafr: Invoke, mini: Path) -> None:
    db = default_db_path(mini)
    db.mkdir(parents=True)
    result = iafr("measures", "--data", str(mini))
    assert result.exit_code == 2
    assert stderr_lines(result.stderr) == [
        f"iafr: the cache database {db} is a directory; refusing to write there: remove it, or pass --db"
    ]


@pytest.mark.parametrize("command", [["build"], ["measures"]])
def test_a_yaml_file_given_as_db_leaves_no_lock_in_the_data_directory(
    iafr: Invoke, mini: Path, command: list[str]
) -> None:
    before = sorted(path.name for path in mini.iterdir())
    result = iafr(*command, "--data", str(mini), "--db", str(mini / "actors.yaml"))
    assert result.exit_code == 2
    assert sorted(path.name for path in mini.iterdir()) == before  # no actors.yaml.lock, .verified, temp


def test_a_fifo_in_place_of_the_lock_file_is_refused(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    os.mkfifo(tmp_path / "iafr.db.lock")
    result = limits.iafr("build", "--data", str(mini), "--db", str(db))
    assert result.returncode == 2, result.stderr
    assert f"{db}.lock is not a regular file" in result.stderr
    assert not db.exists()


def test_the_stamp_is_never_written_through_a_symlink(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", "utf-8")
    db = tmp_path / "iafr.db"
    (tmp_path / "iafr.db.verified").symlink_to(victim)
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    assert iafr("measures", "--data", str(mini), "--db", str(db)).exit_code == 0
    assert victim.read_text("utf-8") == "keep me\n"


# --- serve --export -------------------------------------------------------------------------------


def export(iafr: Invoke, mini: Path, site: Path, *extra: str) -> tuple[int, str]:
    result = iafr("serve", "--export", str(site), "--data", str(mini), *extra)
    return result.exit_code, result.stderr


def test_export_overwrites_its_own_files(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert export(iafr, mini, site)[0] == 0
    code, err = export(iafr, mini, site)
    assert code == 0, err
    names = {path.name for path in site.iterdir()}
    assert (
        {".iafr-export.json", "iafr.db", "metadata.json"}
        <= names
        <= {
            ".iafr-export.json",
            "iafr.db",
            "metadata.json",
            "datasette.json",  # with Datasette 1.0
        }
    )


@pytest.mark.parametrize("name", ["metadata.json", "iafr.db"])
def test_export_refuses_to_overwrite_a_file_it_did_not_write(
    iafr: Invoke, mini: Path, tmp_path: Path, name: str
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / name).write_text("the user's own\n", "utf-8")
    code, err = export(iafr, mini, site)
    assert code == 2
    assert stderr_lines(err) == [
        f"iafr: --export {site}: {name} exists and iafr did not write it (or it changed since);"
        " refusing to overwrite it: pass --force, or export to another directory"
    ]
    assert sorted(path.name for path in site.iterdir()) == [name]
    assert not default_db_path(mini).exists()  # refused before any database was built
    code, err = export(iafr, mini, site, "--force")
    assert code == 0, err
    assert (site / name).read_bytes() != b"the user's own\n"


def test_export_refuses_a_file_changed_since_it_wrote_it(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert export(iafr, mini, site)[0] == 0
    with (site / "metadata.json").open("a", encoding="utf-8") as handle:
        handle.write("\n")  # the user's edit
    edited = (site / "metadata.json").read_bytes()
    code, err = export(iafr, mini, site)
    assert code == 2 and "metadata.json exists and iafr did not write it" in err
    assert (site / "metadata.json").read_bytes() == edited


def test_export_refuses_a_directory_in_place_of_iafr_db(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "iafr.db").mkdir(parents=True)
    for extra in ([], ["--force"]):
        code, err = export(iafr, mini, site, *extra)
        assert code == 2
        assert stderr_lines(err) == [
            f"iafr: --export {site / 'iafr.db'} is a directory; refusing to write there:"
            " remove it, or export to another directory"
        ]
    assert list((site / "iafr.db").iterdir()) == [] and sorted(p.name for p in site.iterdir()) == ["iafr.db"]

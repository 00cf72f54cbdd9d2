"""The CLI's contact with the outside: pipes, signals, encodings, and the exit codes 0/1/2/3/130.

Pipes and signals need a real process: those tests run ``python -m iafr`` under a memory cap and a
timeout; the exit-code matrix goes through the in-process runner.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import iafr.queries as queries
import iafr.workspace as workspace
from iafr.errors import ExitCode
from iafr.store import State
from tests.conftest import Invoke, fail_reading
from tests.hostile import limits
from tests.hostile.corpus import big_corpus, copy_mini

BIG = 2000  # measures: `measures --format json` prints about 1.2 MB, far above a 64 KiB pipe


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("io")
    data = big_corpus(root / "data", BIG)
    db = root / "iafr.db"
    assert limits.iafr("build", "--data", str(data), "--db", str(db)).returncode == 0
    return data, db


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A big corpus where every generated measure names an unknown axis: a long 'check' output."""
    root = tmp_path_factory.mktemp("broken")
    data = big_corpus(root / "data", BIG)
    path = data / "recommendations.yaml"
    path.write_text(path.read_text("utf-8").replace("axes: [calcul, frugalite]", "axes: [calcul, frugaliteh]"), "utf-8")
    return data


def piped_into_head(args: list[str]) -> tuple[int, str, bytes]:
    """``python -m iafr ARGS | head -1``: the child's exit code and stderr, and what head printed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "iafr", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limits._cap_memory(limits.MEMORY_MB),
    )
    head = subprocess.Popen(["head", "-n", "1"], stdin=child.stdout, stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # only head holds the read end now: when it exits, the pipe is closed
    first, _ = head.communicate(timeout=limits.TIMEOUT)
    stderr = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    return child.wait(timeout=limits.TIMEOUT), stderr, first


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "table"])
def test_head_closes_the_pipe_without_a_traceback(big: tuple[Path, Path], fmt: str) -> None:
    data, db = big
    code, stderr, first = piped_into_head(["measures", "--format", fmt, "--data", str(data), "--db", str(db)])
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert code == 0
    assert first.endswith(b"\n") and len(first) > 1


def test_check_into_head_keeps_its_exit_code(broken: Path) -> None:
    code, stderr, first = piped_into_head(["check", "--data", str(broken)])
    assert "Traceback" not in stderr, stderr
    assert code == ExitCode.DATA
    assert b"unknown-ref" in first


def run_with_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Stdout is a pipe whose reader is already gone: the very first write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "iafr", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=limits.TIMEOUT,
            preexec_fn=limits._cap_memory(limits.MEMORY_MB),
            check=False,
        )
    finally:
        os.close(write_end)


def test_pipe_closed_before_any_output(big: tuple[Path, Path], broken: Path) -> None:
    data, db = big
    query = run_with_closed_pipe(["measures", "--format", "json", "--data", str(data), "--db", str(db)])
    assert query.returncode == 0 and query.stderr == ""
    # the exit code is the command's own, not 0 because the reader left
    check = run_with_closed_pipe(["check", "--data", str(broken)])
    assert check.returncode == ExitCode.DATA and "Traceback" not in check.stderr, check.stderr


def test_stdout_closed_from_the_start(big: tuple[Path, Path]) -> None:
    data, db = big
    result = subprocess.run(
        [sys.executable, "-m", "iafr", "measures", "--data", str(data), "--db", str(db)],
        stderr=subprocess.PIPE,
        text=True,
        timeout=limits.TIMEOUT,
        preexec_fn=lambda: os.close(1),  # the shell's ">&-"
        check=False,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_stderr_closed_from_the_start_still_builds_and_answers(tmp_path: Path) -> None:
    data = copy_mini(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "iafr", "measures", "--format", "csv", "--data", str(data), "--db", str(tmp_path / "d")],
        stdout=subprocess.PIPE,
        text=True,
        timeout=limits.TIMEOUT,
        preexec_fn=lambda: os.close(2),  # the shell's "2>&-": sys.stderr is None
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("id,report,")


def test_full_disk_is_an_environment_failure(big: tuple[Path, Path]) -> None:
    data, db = big
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "iafr", "measures", "--format", "json", "--data", str(data), "--db", str(db)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=limits.TIMEOUT,
            check=False,
        )
    assert result.returncode == ExitCode.ENVIRONMENT
    assert result.stderr.startswith("iafr: I/O failure:") and "Traceback" not in result.stderr


def test_output_encoding_that_cannot_show_accents_is_refused_not_mangled(tmp_path: Path) -> None:
    data = copy_mini(tmp_path / "data")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "iafr", "measures", "--format", "csv", "--data", str(data), "--db", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=limits.TIMEOUT,
        env=env,
        check=False,
    )
    assert result.returncode == ExitCode.ENVIRONMENT
    assert "cannot represent" in result.stderr and "PYTHONIOENCODING=utf-8" in result.stderr
    assert "Traceback" not in result.stderr and "?" not in result.stdout


# --- Ctrl-C -------------------------------------------------------------------------------------

# The child stops at a named point of the command, says so, and waits there for the signal: where
# the signal lands is decided by the test, never by a sleep racing a loaded machine. The points
# wrap the core's own functions; nothing in iafr knows about them.
PAUSE_AT_POINT = textwrap.dedent(
    """
    import sys, time
    import iafr.check, iafr.cli, iafr.cli.data_commands, iafr.safefiles, iafr.store.build

    point = sys.argv[1]

    def pausing(function):
        def paused(*args, **kwargs):
            result = function(*args, **kwargs)
            sys.stderr.write(f"reached {point}\\n")
            sys.stderr.flush()
            time.sleep(600)  # ended by the test's SIGINT
            return result
        return paused

    where = {
        "check:loaded": (iafr.check, "load_corpus"),  # the corpus parsed, the rules not yet run
        "build:rows": (iafr.store.build, "corpus_rows"),  # the temp file open, no table written yet
        "build:before-fsync": (iafr.safefiles, "fsync_file"),  # the temp file written, not yet renamed
        "build:renamed": (iafr.store.build, "_mark_verified"),  # the new database in place
        "build:reported": (iafr.cli.data_commands, "notice"),  # "built …" printed, the command ending
    }
    module, name = where[point]
    setattr(module, name, pausing(getattr(module, name)))
    sys.argv = ["iafr", *sys.argv[2:]]
    iafr.cli.main()
    """
)


# iafr cleans up, then ends by SIGINT as CPython does (see iafr.cli._end_by_sigint): a shell
# reports $? = 130 and stops the script that ran it.
KILLED_BY_SIGINT = -signal.SIGINT


def interrupt(point: str, args: list[str]) -> tuple[int, str]:
    """Run ``iafr ARGS``, wait until it reaches ``point``, send SIGINT: the exit code and stderr."""
    child = limits.popen(["-c", PAUSE_AT_POINT, point, *args])
    assert child.stderr is not None
    try:
        seen = child.stderr.readline()
        while seen and seen != f"reached {point}\n":  # e.g. the "built …" notice before its pause
            seen = child.stderr.readline()
        assert seen == f"reached {point}\n", "the command ended before reaching its pause point"
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=limits.TIMEOUT)
    finally:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
    return child.returncode, err


def test_ctrl_c_during_a_check_exits_130_quietly(broken: Path) -> None:
    code, err = interrupt("check:loaded", ["check", "--data", str(broken)])
    assert code == KILLED_BY_SIGINT, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize("point", ["build:rows", "build:before-fsync"])
def test_ctrl_c_during_a_build_exits_130_and_keeps_the_old_database(
    big: tuple[Path, Path], tmp_path: Path, point: str
) -> None:
    data, built_db = big
    db = tmp_path / "iafr.db"
    db.write_bytes(built_db.read_bytes())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    os.utime(data / "recommendations.yaml")  # stale: the build must run, not find the database fresh
    code, err = interrupt(point, ["build", "--data", str(data), "--db", str(db)])
    assert code == KILLED_BY_SIGINT, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".iafr.db.")] == []


@pytest.mark.parametrize("point", ["build:renamed", "build:reported"])
def test_ctrl_c_after_the_rename_exits_130_with_the_new_database_whole(
    big: tuple[Path, Path], tmp_path: Path, point: str
) -> None:
    data, _ = big
    db = tmp_path / "iafr.db"
    db.write_bytes(b"")  # an empty file: a database to build, different from the one it becomes
    code, err = interrupt(point, ["build", "--data", str(data), "--db", str(db)])
    assert code == KILLED_BY_SIGINT, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM measures").fetchone()[0] > BIG
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".iafr.db.")] == []


def shell_after_ctrl_c(big: tuple[Path, Path], tmp_path: Path, signal_group: bool) -> str:
    """``bash -c 'iafr build …; echo status=$?'`` interrupted during the build: what bash printed."""
    data, _ = big
    db = tmp_path / "iafr.db"
    command = [sys.executable, "-c", PAUSE_AT_POINT, "build:rows", "build", "--data", str(data), "--db", str(db)]
    script = '"$@"; echo "status=$?" >&2'
    child = subprocess.Popen(
        ["bash", "-c", script, "bash", *command],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # as a terminal starts it: a shell run in the background (nohup, CI) inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert child.stderr is not None
    try:
        assert child.stderr.readline() == "reached build:rows\n"
        if signal_group:  # a terminal's Ctrl-C: the whole foreground group, the shell included
            os.killpg(child.pid, signal.SIGINT)
        else:  # only iafr, the shell's one child
            (iafr_pid,) = Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split()
            os.kill(int(iafr_pid), signal.SIGINT)
        _, err = child.communicate(timeout=limits.TIMEOUT)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
    return err


def test_ctrl_c_status_is_130_in_a_shell(big: tuple[Path, Path], tmp_path: Path) -> None:
    assert "status=130" in shell_after_ctrl_c(big, tmp_path, signal_group=False)


def test_ctrl_c_stops_the_shell_script_that_ran_iafr(big: tuple[Path, Path], tmp_path: Path) -> None:
    # bash goes on after a child that exited 130 but stops after one that died of SIGINT.
    assert "status=" not in shell_after_ctrl_c(big, tmp_path, signal_group=True)


# --- exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check"], 0),
        (["measures", "--axis", "calcul"], 0),
        (["measures", "--axis", "no-such-axis"], 2),
        (["measures", "--limit", "-1"], 2),
        (["measures", "--format", "xml"], 2),
        (["measures", "--sort", "nope"], 2),
        (["funding", "--since", "soon"], 2),
        (["funding", "--min", "beaucoup"], 2),
        (["search"], 2),
        (["show", "no-such-record"], 2),
        (["no-such-command"], 2),
        (["measures", "--no-such-option"], 2),
    ],
)
def test_exit_codes(iafr: Invoke, mini: Path, args: list[str], code: int) -> None:
    if args[0] == "check":
        result = iafr(*args, "--data", str(mini))
    elif args[0] == "no-such-command":
        result = iafr(*args)
    else:
        result = iafr(*args, data=mini)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


def test_data_problems_exit_1(iafr: Invoke, mini: Path) -> None:
    path = mini / "funding.yaml"
    path.write_text(path.read_text("utf-8").replace("funders: [etat]", "funders: [etta]"), "utf-8")
    assert iafr("check", "--data", str(mini)).exit_code == 1
    query = iafr("measures", data=mini)
    assert query.exit_code == 1
    assert "funding.yaml:" in query.stderr and "the data has errors" in query.stderr


@pytest.mark.parametrize("option", ["--data", "--db-parent"])
def test_path_not_found_is_a_usage_error(iafr: Invoke, mini: Path, tmp_path: Path, option: str) -> None:
    if option == "--data":
        result = iafr("check", "--data", str(tmp_path / "nowhere"))
        assert result.exit_code == 2 and "does not exist" in result.stderr
    else:
        result = iafr("measures", "--data", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db"))
        assert result.exit_code == 2


@pytest.mark.parametrize("command", [["check"], ["measures"], ["build"]])
def test_unreadable_data_file_is_an_environment_failure(
    iafr: Invoke, mini: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_reading(monkeypatch, mini / "actors.yaml")  # a regular file whose read fails with EIO
    result = iafr("check", "--data", str(mini)) if command == ["check"] else iafr(*command, data=mini)
    assert result.exit_code == ExitCode.ENVIRONMENT, result.output
    assert "actors.yaml: cannot read: Input/output error" in result.stderr


def test_database_damaged_after_the_freshness_check_exits_3(
    iafr: Invoke, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    # the check found it fresh and handed over its connection; the file is garbage underneath
    monkeypatch.setattr(
        workspace,
        "open_if_fresh",
        lambda db_path, data_dir: (State.FRESH, sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)),
    )
    result = iafr("measures", data=mini, db=db)
    assert result.exit_code == ExitCode.ENVIRONMENT
    assert result.stderr.startswith("iafr: database failure:") and "iafr build" in result.stderr


def test_a_mistake_in_our_own_sql_still_shows_as_a_bug(
    iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_query(connection: sqlite3.Connection, *args: object, **kwargs: object) -> object:
        return connection.execute("SELECT no_such_column FROM measures")

    monkeypatch.setattr(queries, "query_measures", broken_query)
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        iafr("measures", data=mini)


def test_notices_go_to_stderr_and_data_to_stdout(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    db.write_bytes(b"")  # empty: rebuilt with a notice
    result = iafr("measures", "--format", "json", data=mini, db=db)
    assert result.exit_code == 0
    assert "rebuilding" in result.stderr
    assert [record["id"] for record in json.loads(result.stdout)] == ["m1", "m2", "m3"]

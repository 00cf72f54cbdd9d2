"""Property: whatever a data file holds, ``iafr check`` answers with a verdict, never a traceback.

Hypothesis mutates the real corpus (data/, or the mini fixture when data/ is absent): bytes
flipped, cut or inserted, hostile snippets dropped into lines, lines duplicated or swapped,
files truncated or replaced by random bytes or text. For each version it runs ``check`` through
the real CLI and asserts: exit code in {0, 1, 2}, no exception, a bounded time (a watchdog, not
a timed assertion), and every problem names one of the data files, with no raw control or bidi
character in its message. A few examples run in a child process under a memory cap too.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iafr.cli import app
from iafr.kinds import data_files
from tests.conftest import MINI, REPO_DATA
from tests.hostile import limits

DATA_FILES = data_files()

BASE_DIR = REPO_DATA if all((REPO_DATA / name).is_file() for name in DATA_FILES) else MINI
BASE = {name: (BASE_DIR / name).read_bytes() for name in DATA_FILES}
WATCHDOG_SECONDS = 30  # one check of the real corpus takes well under a second

SNIPPETS = [
    s.encode() if isinstance(s, str) else s
    for s in [
        "&a ", "*a", "!!python/object/apply:os.system ['true'] ", "!!int abc", "!!binary ", "! ", "!local ",
        "%TAG !e! tag:e.com,2000:\n", "\x00", "\x1b[31m", "\u202e", "\u2066", "\ufeff", "\t", "\r", "\r\n",
        "\x85", "\u2028", "[" * 70, "{" * 70, "- " * 70, "]", "}", "- ", "? ", ": ", "---\n", "...\n",
        "%YAML 1.1\n", "#", "'", '"', "|", ">", "<<: ", "~", "null", "NO", "0x1F", "1_000", "1:30", ".inf",
        ".nan", "2024-02-30", "0000", "9" * 5000, "-1", "1e9999999999999999999999999", "1,5 Md$", "id: x\n",
        "  - id: dup\n", "é", "😀", "[bold]", "[/]", "\n", "    ", "\\", "\\e", b"\xff", b"\xc3", b"\xef\xbb\xbf",
        b"\xfe\xff", b"\xed\xa0\x80",
    ]
]  # fmt: skip
FORBIDDEN_IN_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


# --- strategies -----------------------------------------------------------------------------------


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


@st.composite
def mutation(draw: st.DrawFn, raw: bytes) -> bytes:
    size = len(raw)
    kind = draw(
        st.sampled_from(["flip", "delete", "insert", "snippet-in-line", "duplicate-line", "swap-lines", "truncate"])
    )
    at = draw(st.integers(0, size))
    if kind == "flip" and size:
        at = min(at, size - 1)
        return raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    if kind == "delete":
        return raw[:at] + raw[at + draw(st.integers(1, 200)) :]
    if kind == "insert":
        payload = draw(st.one_of(st.sampled_from(SNIPPETS), st.binary(min_size=1, max_size=40)))
        return raw[:at] + payload + raw[at:]
    lines = _lines(raw)
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "snippet-in-line":
        line = lines[index]
        cut = draw(st.integers(0, len(line)))
        lines[index] = line[:cut] + draw(st.sampled_from(SNIPPETS)) + line[cut:]
    elif kind == "duplicate-line":
        lines.insert(index, lines[index])
    elif kind == "swap-lines":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    else:  # truncate
        return raw[:at]
    return b"".join(lines)


@st.composite
def mutated_corpus(draw: st.DrawFn) -> dict[str, bytes]:
    """One to three files of the corpus changed, each by one to four mutations or replaced outright."""
    names = draw(st.lists(st.sampled_from(list(DATA_FILES)), min_size=1, max_size=3, unique=True))
    changed = {}
    for name in names:
        raw = BASE[name]
        choice = draw(st.sampled_from(["mutate", "mutate", "mutate", "random-bytes", "random-text"]))
        if choice == "random-bytes":
            raw = draw(st.binary(max_size=3000))
        elif choice == "random-text":
            raw = draw(st.text(max_size=1000)).encode("utf-8", "surrogatepass")
        else:
            for _ in range(draw(st.integers(1, 4))):
                raw = draw(mutation(raw))
        changed[name] = raw
    return changed


# --- running ``check`` ------------------------------------------------------------------------------


class Hung(Exception):
    pass


@contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hung(f"check ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="iafr-fuzz-") as name:
        data = Path(name) / "data"
        shutil.copytree(BASE_DIR, data, ignore=shutil.ignore_patterns("*.md"))
        yield data


@contextmanager
def corpus_with(data: Path, changed: dict[str, bytes]) -> Iterator[Path]:
    for name, raw in changed.items():
        (data / name).write_bytes(raw)
    try:
        yield data
    finally:
        for name in changed:
            (data / name).write_bytes(BASE[name])


def assert_problems_name_files(problems: list[dict[str, Any]], data: Path) -> None:
    for problem in problems:
        file = Path(problem["file"])
        assert file.name and file.parent.resolve() == data.resolve(), problem
        assert (data / file.name).exists() or problem["rule"] == "missing-file", problem
        assert problem["message"], problem
        assert not FORBIDDEN_IN_OUTPUT.search(problem["message"]), problem
        assert problem["line"] >= 0 and problem["column"] >= 0


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run: a shared suite must not flake
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(changed=mutated_corpus())
def test_check_gives_a_verdict_on_any_mutation(workdir: Path, changed: dict[str, bytes]) -> None:
    runner = CliRunner()
    with corpus_with(workdir, changed) as data, watchdog(WATCHDOG_SECONDS):
        result = runner.invoke(app, ["check", "--data", str(data), "--format", "json"], catch_exceptions=False)
        text = runner.invoke(app, ["check", "--data", str(data)], catch_exceptions=False)
    assert result.exit_code in {0, 1, 2}, result.output
    problems = json.loads(result.stdout)
    assert_problems_name_files(problems, data)
    if result.exit_code == 1:
        assert any(problem["severity"] == "error" for problem in problems)
    # the text format: every line but the summary starts with the file it is about
    lines = text.stdout.splitlines()
    assert text.exit_code == result.exit_code
    assert all(Path(line.split(":", 1)[0]).name in DATA_FILES for line in lines[:-1]), lines[:5]


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changed=mutated_corpus())
def test_check_in_a_child_process_under_limits(
    tmp_path_factory: pytest.TempPathFactory, changed: dict[str, bytes]
) -> None:
    root = tmp_path_factory.mktemp("child")
    data = root / "data"
    shutil.copytree(BASE_DIR, data, ignore=shutil.ignore_patterns("*.md"))
    for name, raw in changed.items():
        (data / name).write_bytes(raw)
    result = limits.iafr("check", "--data", str(data), "--format", "json", memory_mb=512, timeout=60)
    limits.assert_no_traceback(result)
    assert result.returncode in {0, 1, 2}, result.stderr
    assert_problems_name_files(json.loads(result.stdout), data)


def test_the_base_corpus_is_readable() -> None:
    # the mutations are meaningful only if the unmutated corpus loads; its rules may still warn
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--data", str(BASE_DIR), "--format", "json"], catch_exceptions=False)
    problems = json.loads(result.stdout)
    assert not [p for p in problems if p["rule"] in {"yaml", "encoding", "file", "structure", "duplicate-key"}]


def test_report_with_a_misspelt_field_does_not_crash_check(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    path = data / "recommendations.yaml"
    path.write_text(
        path.read_text("utf-8").replace("    title_en: Test report\n", "    titel_en: Test report\n"), "utf-8"
    )
    result = CliRunner().invoke(app, ["check", "--data", str(data)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "unknown field 'titel_en'" in result.stdout

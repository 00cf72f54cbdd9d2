"""Shared fixtures: a small valid corpus copied to a temporary directory, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from iafr.cli import app

# The same examples on every run: a suite shared by CI must not pass or fail by chance. Explore
# new examples on purpose with HYPOTHESIS_PROFILE=explore (what it finds becomes a fixed test).
settings.register_profile("fixed", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
SAID = FIXTURES / "said"
"""Events and statements on the mini corpus's records (optional files: copied in by ``said``)."""
REPO_DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the user's cache or environment; output is plain and a fixed width."""
    monkeypatch.delenv("IAFR_DATA", raising=False)
    monkeypatch.delenv("IAFR_DB", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv(
        "IAFR_LANG", "en"
    )  # English unless a test asks for French: goldens do not follow the host's locale
    from iafr.i18n import set_language

    set_language("en")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini corpus."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def said(mini: Path) -> Path:
    """The mini corpus with an event and two statements."""
    for path in SAID.iterdir():
        shutil.copy(path, mini / path.name)
    return mini


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(REPO_DATA, target, ignore=shutil.ignore_patterns("*.md"))
    return target


Invoke = Callable[..., Result]


@pytest.fixture
def iafr(tmp_path: Path) -> Invoke:
    """Run the real CLI in-process: ``iafr("measures", "--axis", "x", data=path)``."""
    runner = CliRunner()

    def invoke(*args: str, data: Path | None = None, db: Path | None = None) -> Result:
        argv = list(args)
        if data is not None:
            argv += ["--data", str(data)]
        if db is not None or data is not None:
            argv += ["--db", str(db or tmp_path / "test.db")]
        return runner.invoke(app, argv, catch_exceptions=False)

    return invoke


def fail_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make every read of ``path`` fail as a bad disk does (EIO): what root, who reads any file,
    cannot otherwise get from a regular file in a test's own directory."""
    import errno

    from iafr import safefiles

    read_bytes = safefiles.read_bytes

    def failing(target: Path, **options: object) -> bytes:
        if Path(target) == path:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return read_bytes(target, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(safefiles, "read_bytes", failing)

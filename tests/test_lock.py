"""The locked environment: what `make test` installs is the lock, and the lock is pyproject's.

The lock files (requirements/*.txt, pip-compile --generate-hashes) are what CI installs on a
fresh machine. These tests fail when pyproject's ranges and the lock drift apart (run
`make lock`), and when the environment running the suite is not exactly the lock.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK_DEV = ROOT / "requirements" / "dev.txt"
LOCK_RUN = ROOT / "requirements" / "run.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(lock: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lock.read_text("utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def hashed_lines(lock: Path) -> list[str]:
    """Each pinned requirement with its continuation lines, as one string."""
    return re.split(r"\n(?=[A-Za-z0-9])", lock.read_text("utf-8").split("\n", 6)[-1].strip())


def pyproject_requirements(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    listed = list(project["dependencies"])
    for extra in extras:
        listed += project["optional-dependencies"][extra]
    return [Requirement(text) for text in listed]


def test_every_pin_has_a_hash() -> None:
    for lock in (LOCK_DEV, LOCK_RUN):
        entries = [entry for entry in hashed_lines(lock) if _PIN.match(entry)]
        assert entries, lock
        for entry in entries:
            assert "--hash=sha256:" in entry, f"{lock.name}: {entry.splitlines()[0]} has no hash"


@pytest.mark.parametrize(("lock", "extras"), [(LOCK_RUN, ()), (LOCK_DEV, ("dev",))])
def test_the_lock_satisfies_pyproject(lock: Path, extras: tuple[str, ...]) -> None:
    locked = pins(lock)
    for requirement in pyproject_requirements(*extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in {lock.name}: run 'make lock'"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{lock.name} pins {name}=={locked[name]}, outside pyproject's {requirement}: run 'make lock'"
        )


def test_run_lock_is_the_dev_lock_without_the_dev_tools() -> None:
    dev, run = pins(LOCK_DEV), pins(LOCK_RUN)
    assert {name: dev.get(name) for name in run} == run  # one version of each package in both


def test_typer_is_capped_below_the_slow_line() -> None:
    # Typer 0.29 tripled the start-up floor (issue 19; the figures are in pyproject's comment).
    typer = next(r for r in pyproject_requirements() if r.name == "typer")
    assert not typer.specifier.contains("0.29.0") and typer.specifier.contains(pins(LOCK_RUN)["typer"])


@pytest.mark.skipif(os.environ.get("IAFR_UNLOCKED") == "1", reason="make test-latest: the newest releases")
@pytest.mark.skipif(Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(), reason="not the project's .venv")
def test_the_environment_is_exactly_the_dev_lock() -> None:
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) != "iafr"
    }
    assert installed == pins(LOCK_DEV)

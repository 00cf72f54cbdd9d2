"""The proof that iafr ships: a wheel and an sdist with the corpus and the schemas inside,
and the wheel working in a fresh environment outside the repository.

One test, about 15-30 s (it builds in an isolated environment); it runs in CI. Set
IAFR_SKIP_PACKAGING=1 to skip it while iterating locally.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from iafr import __version__
from iafr.kinds import data_files
from iafr.schema import schema_file_name
from tests.conftest import REPO_DATA, Invoke

DATA_FILES = data_files()

REPO = Path(__file__).parent.parent
SOURCES = ("pyproject.toml", "LICENSE", "README.md", "src", "data", "schemas")

pytestmark = pytest.mark.skipif(
    os.environ.get("IAFR_SKIP_PACKAGING") == "1", reason="IAFR_SKIP_PACKAGING=1 (CI always runs it)"
)


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _copy_sources(target: Path) -> None:
    """Build from a copy: the shared tree gets no egg-info or build/ directory, and what is
    built is only what the sdist would hold."""
    for name in SOURCES:
        source = REPO / name
        if not source.exists():  # README.md: only its text as the long description is missing
            continue
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / name)


def test_wheel_installs_and_runs_outside_the_repo(iafr: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("build", reason="the 'build' package is in the dev extra")
    tree, dist, elsewhere = tmp_path / "tree", tmp_path / "dist", tmp_path / "elsewhere"
    tree.mkdir()
    elsewhere.mkdir()
    _copy_sources(tree)
    # sdist first, then the wheel built from the unpacked sdist: proves the sdist is complete.
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(tree)], cwd=tree)
    wheels, sdists = list(dist.glob("*.whl")), list(dist.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(dist.iterdir())
    assert wheels[0].name.startswith(f"iafr-{__version__}-")

    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    for data_file in DATA_FILES:
        assert f"iafr/data/{data_file}" in names
        assert f"iafr/schemas/{schema_file_name(data_file)}" in names
    assert "iafr/py.typed" in names
    assert {"iafr/locale/fr/LC_MESSAGES/iafr.mo", "iafr/datasette_plugins/iafr_bars.py"} <= names
    # every package of the source tree (a module missing from the wheel fails only where it is imported)
    for package in sorted((REPO / "src").rglob("__init__.py")):
        assert package.relative_to(REPO / "src").as_posix() in names, package
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith("/LICENSE") for name in names)
    with tarfile.open(sdists[0]) as sdist:
        members = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    shipped = {name for name in SOURCES if (REPO / name).is_file()}
    assert {"LICENSE", "pyproject.toml", *shipped, *(f"data/{name}" for name in DATA_FILES)} <= members
    assert {f"schemas/{schema_file_name(name)}" for name in DATA_FILES} <= members

    # A fresh venv that sees this environment's dependencies (typer, pydantic…) through a plain
    # path line, so the repo's editable install stays invisible and the wheel is what runs.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=elsewhere)
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], elsewhere))
    site = Path(str(site).strip())
    (site / "iafr_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index"]
    _run([*pip, str(wheels[0])], cwd=elsewhere)

    env = {key: value for key, value in os.environ.items() if not key.startswith(("IAFR_", "PYTHON", "VIRTUAL_ENV"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "fresh-cache")
    location = _run([str(python), "-c", "import iafr; print(iafr.__file__)"], elsewhere, env)
    assert Path(location.strip()).is_relative_to(venv), location

    installed = venv / "bin" / "iafr"
    version = _run([str(installed), "--version"], elsewhere, env)
    corpus_version = iafr("--version").stdout.split("corpus ")[1]
    assert version == f"iafr {__version__} (corpus {corpus_version}"

    frugal = _run([str(installed), "measures", "--axis", "frugalite", "--format", "csv"], elsewhere, env)
    expected = iafr("measures", "--axis", "frugalite", "--format", "csv", data=REPO_DATA).stdout
    assert len(frugal.splitlines()) > 1
    assert frugal == expected
    # the commands that load the rest of the package: the export and the citations
    _run([str(installed), "export", str(tmp_path / "package")], elsewhere, env)
    assert (tmp_path / "package" / "datapackage.json").is_file()
    assert _run([str(installed), "cite", "hub-m33"], elsewhere, env).startswith("Hub France IA (2024).")
    # the French catalogue travels with the package
    french = _run([str(installed), "--lang", "fr", "funding", "--status", "annoncé"], elsewhere, env)
    assert "annoncé" in french and "chiffres" in french

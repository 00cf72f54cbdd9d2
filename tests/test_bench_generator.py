"""The scale benchmark's corpus generator writes valid corpora, and the shortcuts made for speed
(issue 6) agree with what they replace. Small sizes only: no timing here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import platformdirs
import pytest

from iafr import loader
from iafr.kinds import data_files, optional_files
from iafr.workspace import user_cache_dir
from tests.conftest import MINI, REPO_DATA, Invoke

DATA_FILES = data_files()
OPTIONAL_FILES = optional_files()

BENCH = Path(__file__).parent.parent / "bench"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("iafr_bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and the like look their module up
    spec.loader.exec_module(module)
    return module


generate = _generator().generate


def test_generated_corpus_passes_check_and_builds(iafr: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "generated"
    generate(data, 50, seed=7, axis_hits=5)
    assert sorted(path.name for path in data.iterdir()) == sorted(set(DATA_FILES) - {"synonyms.yaml"})

    checked = iafr("check", "--strict", "--data", str(data))
    assert checked.exit_code == 0, checked.output
    assert "no problems found" in checked.output

    built = iafr("build", data=data)
    assert built.exit_code == 0, built.output
    listed = iafr("measures", "--axis", "frugalite", "--format", "csv", data=data)
    assert listed.exit_code == 0, listed.output
    assert len(listed.stdout.splitlines()) == 1 + 5  # header, then the --axis-hits measures


def test_generator_is_deterministic(tmp_path: Path) -> None:
    sizes = [generate(tmp_path / name, 30, seed=seed) for name, seed in (("a", 3), ("b", 3), ("c", 4))]
    assert sizes[0] == sizes[1]
    for name in set(DATA_FILES) - {"synonyms.yaml"}:  # the generator writes no synonyms
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "actors.yaml").read_bytes() != (tmp_path / "c" / "actors.yaml").read_bytes()


def test_generator_refuses_an_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(tmp_path / "empty", 0)


HOSTILE = [
    "a: 1\na: 2\n",
    "a: &x 1\nb: *x\n",
    "a: !!python/object x\n",
    "a: !custom x\n",
    "a: ! x\n",
    "a: !\n",
    "a: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "[" * 70 + "]" * 70,
    "1: a\n",
    "true: x\n",
    "null: 1\n",
    "? [a]\n: b\n",
    "{a: 1, a: 1}\n",
    "a: [1, 2\n",
    "a: \x07\n",
    "just a scalar\n",
    "- a\n- {b: c}\n",
    "a: '1'\nb: 1\nc: ~\nd:\ne: null\nf: 0x1F\ng: 010\nh: -5\ni: +7\nj: NO\nk: 1.5\n",
    "k: " + "9" * 5000 + "\n",
    "'': 1\n",
    "a: {? b}\n",
]


def _careful(text: str, pure: bool) -> object:
    builder = loader._Builder(None)
    try:
        data = builder.build(loader._events(text, pure))
    except loader.YamlProblem as problem:
        return ("problem", problem.message, problem.line, problem.column, problem.rule)
    if builder.duplicates:  # collected, not raised: load() raises DuplicateKeys naming the first
        first = builder.duplicates[0]
        return ("problem", first.message, first.line, first.column, first.rule)
    return ("data", data)


def _fast(text: str, pure: bool) -> object:
    try:
        return ("data", loader.load(text, pure=pure))
    except loader.YamlProblem as problem:
        return ("problem", problem.message, problem.line, problem.column, problem.rule)


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize("text", HOSTILE)
def test_loader_fast_path_agrees_with_the_careful_builder(text: str, pure: bool) -> None:
    assert _fast(text, pure) == _careful(text, pure)


def test_loader_fast_path_agrees_on_whole_corpora(tmp_path: Path) -> None:
    generate(tmp_path / "generated", 40, seed=2)
    directories = [MINI, tmp_path / "generated"]
    if all((REPO_DATA / name).is_file() for name in DATA_FILES):
        directories.append(REPO_DATA)
    for directory in directories:
        for name in DATA_FILES:
            if name in OPTIONAL_FILES and not (directory / name).exists():
                continue
            text = loader.read_text(directory / name)
            assert _fast(text, False) == _careful(text, False), directory / name


@pytest.mark.parametrize(
    "env",
    [
        {"XDG_CACHE_HOME": "/tmp/cache"},
        {"XDG_CACHE_HOME": "/tmp/cache/"},
        {"XDG_CACHE_HOME": "relative/cache"},
        {"XDG_CACHE_HOME": ""},
        {"HOME": "/home/someone"},
        {"HOME": "/home/someone/"},
        {"HOME": "/"},
        {"HOME": "relative"},
    ],
)
def test_cache_dir_shortcut_agrees_with_platformdirs(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert user_cache_dir() == platformdirs.user_cache_dir("iafr", appauthor=False)

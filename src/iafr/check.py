"""``iafr check`` as a function: load, validate, run the rules, return every problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from iafr.corpus import Corpus
from iafr.problems import Problem
from iafr.rules import find_problems
from iafr.validate import load_corpus

# Problems that leave a whole file unread: cross-file rules would then report every reference
# into that file as dangling, burying the one real problem.
_FILE_LEVEL = {"yaml", "encoding", "file", "structure", "missing-file"}


def check_data(data_dir: Path, progress: Callable[[str, int, int], None] | None = None) -> tuple[Corpus, list[Problem]]:
    """Every problem of the corpus in ``data_dir``; ``progress`` is told of each file read."""
    corpus, problems = load_corpus(data_dir, progress)
    if not any(problem.rule in _FILE_LEVEL for problem in problems):
        problems.extend(find_problems(corpus))
    return corpus, sorted(problems)

"""``iafr check`` as a function: load, validate, run the rules, return every problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from iafr.collector import collector_paused
from iafr.corpus import Corpus
from iafr.problems import Problem
from iafr.rules import find_problems
from iafr.validate import load_corpus

# Problems that leave a whole file unread: cross-file rules would then report every reference
# into that file as dangling, burying the one real problem. A record that fails its schema does
# not stop the rules: they see it by the fields that validated (see Corpus.every).
_FILE_LEVEL = {"yaml", "encoding", "file", "structure", "missing-file"}


def check_data(
    data_dir: Path, sources_dir: Path | None = None, progress: Callable[[str, int, int], None] | None = None
) -> tuple[Corpus, list[Problem]]:
    """Every problem of the corpus in ``data_dir``; with ``sources_dir``, also of its quotes,
    locators, stated wordings and measure texts against the sources' texts kept there.
    ``progress`` is told of each file read."""
    if sources_dir is not None:
        from iafr.quotes.library import require_directory  # noqa: PLC0415 - only 'check --sources' pays

        require_directory(sources_dir)
    with collector_paused():
        corpus, problems = load_corpus(data_dir, progress)
        if not any(problem.rule in _FILE_LEVEL for problem in problems):
            problems.extend(find_problems(corpus))
            if sources_dir is not None:
                problems.extend(_text_problems(corpus, sources_dir))
    return corpus, sorted(set(problems))  # each once: two paths may find the same problem


def _text_problems(corpus: Corpus, sources_dir: Path) -> list[Problem]:
    # Only 'check --sources' pays for the texts and the matcher.
    from iafr.quotes.library import load_texts  # noqa: PLC0415
    from iafr.rules import find_text_problems  # noqa: PLC0415

    texts, problems = load_texts(corpus, sources_dir)
    return problems + find_text_problems(corpus, texts)

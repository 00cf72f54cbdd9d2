"""Cross-file consistency rules: small registered units, each ``check(corpus) -> Iterator[Problem]``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity
from iafr.rules import amounts, dates, numbering, references, sourced, unique_ids, unused


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Callable[[Corpus], Iterator[Problem]]
    doc: str


RULES: tuple[Rule, ...] = tuple(
    Rule(module.ID, module.SEVERITY, module.check, (module.__doc__ or "").strip())
    for module in (unique_ids, references, numbering, amounts, dates, sourced, unused)
)


def find_problems(corpus: Corpus) -> list[Problem]:
    """Run every rule; problems come back sorted by file, line and column."""
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule.check(corpus))
    return problems

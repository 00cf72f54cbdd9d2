"""Cross-file consistency rules: small registered units, each ``check(corpus) -> Iterator[Problem]``.

The rules that need the sources' texts (``iafr check --sources DIR``) take them as a second
argument; they are registered by module name and imported only when texts are given, so a plain
``iafr check`` never loads the quote machinery.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iafr.corpus import Corpus
from iafr.problems import Problem, Severity
from iafr.rules import (
    amounts,
    dates,
    future,
    labels,
    links,
    numbering,
    references,
    self_links,
    sourced,
    stated_amounts,
    synonyms,
    unique_ids,
    unused,
)

if TYPE_CHECKING:
    from iafr.quotes.library import SourceTexts


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Callable[[Corpus], Iterator[Problem]]
    doc: str


@dataclass(frozen=True)
class TextRule:
    """A rule checking the corpus against the sources' texts."""

    id: str
    severity: Severity
    check: Callable[[Corpus, SourceTexts], Iterator[Problem]]
    doc: str


RULES: tuple[Rule, ...] = tuple(
    Rule(module.ID, module.SEVERITY, module.check, (module.__doc__ or "").strip())
    for module in (
        unique_ids,
        references,
        self_links,
        numbering,
        amounts,
        labels,
        stated_amounts,
        links,
        dates,
        future,
        sourced,
        unused,
        synonyms,
    )
)

TEXT_RULE_MODULES = ("quotes", "locators", "verbatim")


def text_rules() -> tuple[TextRule, ...]:
    modules: list[Any] = [importlib.import_module(f"{__name__}.{name}") for name in TEXT_RULE_MODULES]
    return tuple(
        TextRule(module.ID, module.SEVERITY, module.check, (module.__doc__ or "").strip()) for module in modules
    )


def find_problems(corpus: Corpus) -> list[Problem]:
    """Run every rule; problems come back sorted by file, line and column."""
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule.check(corpus))
    return problems


def find_text_problems(corpus: Corpus, texts: SourceTexts) -> list[Problem]:
    """Run every rule that checks the corpus against the sources' texts."""
    problems: list[Problem] = []
    for rule in text_rules():
        problems.extend(rule.check(corpus, texts))
    return problems

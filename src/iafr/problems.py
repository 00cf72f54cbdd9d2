"""Problems are values with a place; exceptions are only for what stops a run."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the corpus, sortable by place."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str

    @property
    def location(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        level = "" if self.severity is Severity.ERROR else "warning: "
        return f"{self.location}: {self.rule}: {level}{self.message}"


class ExitCode(IntEnum):
    """The documented exit codes of every command."""

    OK = 0
    DATA = 1  # data problems, or differences found (diff)
    USAGE = 2  # bad option or value, path not found
    ENVIRONMENT = 3  # I/O, git, database failures
    INTERRUPTED = 130


def exit_code_for(problems: list[Problem], strict: bool) -> ExitCode:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return ExitCode.DATA if any(p.severity in failing for p in problems) else ExitCode.OK


class IafrError(Exception):
    """Base of every error that stops a command; carries its exit code."""

    exit_code: ExitCode = ExitCode.ENVIRONMENT


class InvalidData(IafrError):
    """The corpus has errors; ``problems`` lists them all."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem], side: str | None = None) -> None:
        self.problems = problems
        self.side = side
        where = f" ({side})" if side else ""
        super().__init__(f"the corpus{where} has {len(problems)} problem(s); run 'iafr check' for details")


class UsageError(IafrError):
    """Bad option or value, or a path that does not exist."""

    exit_code = ExitCode.USAGE


class EnvironmentFailure(IafrError):
    """I/O, git or database failure outside the user's data."""

    exit_code = ExitCode.ENVIRONMENT

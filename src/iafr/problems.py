"""Problems are values with a place, collected and reported together (errors.py: what stops a run)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from iafr.errors import ExitCode
from iafr.i18n import _


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
        from iafr.text import printable  # noqa: PLC0415 - a path or a value may hold escapes

        level = "" if self.severity is Severity.ERROR else _("warning: ")
        # one line, whatever a file name holds: a newline in one (a pull request's 'x\n::error …')
        # would start a line of its own, which GitHub Actions reads as a workflow command
        return printable(f"{self.location}: {self.rule}: {level}{self.message}").replace("\n", "\ufffd")


def exit_code_for(problems: list[Problem], strict: bool) -> int:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return ExitCode.DATA if any(p.severity in failing for p in problems) else ExitCode.OK

"""What stops a command, with its documented exit code (light: imported on every query)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from iafr.i18n import ngettext

if TYPE_CHECKING:
    from iafr.problems import Problem


class ExitCode:
    """The documented exit codes of every command: plain ints (an IntEnum costs as much to build
    at import as the rest of this module, which every query imports)."""

    OK: Final = 0
    DATA: Final = 1  # data problems, or differences found (diff)
    USAGE: Final = 2  # bad option or value, path not found
    ENVIRONMENT: Final = 3  # I/O, git, database failures
    INTERRUPTED: Final = 130


class IafrError(Exception):
    """Base of every error that stops a command; carries its exit code."""

    exit_code: int = ExitCode.ENVIRONMENT


class InvalidData(IafrError):
    """The corpus has errors; ``problems`` lists them all."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem], side: str | None = None) -> None:
        self.problems = problems
        self.side = side
        count = len(problems)
        if side:
            message = ngettext(
                "the corpus ({side}) has {count} problem; run 'iafr check' for details",
                "the corpus ({side}) has {count} problems; run 'iafr check' for details",
                count,
            )
        else:
            message = ngettext(
                "the corpus has {count} problem; run 'iafr check' for details",
                "the corpus has {count} problems; run 'iafr check' for details",
                count,
            )
        super().__init__(message.format(side=side, count=count))


class DataError(IafrError):
    """The data is wrong in a way one message says (no located problems to list)."""

    exit_code = ExitCode.DATA


class UsageError(IafrError):
    """Bad option or value, or a path that does not exist."""

    exit_code = ExitCode.USAGE


class UnknownValue(UsageError):
    """A value no record or term of a vocabulary has: the closest real ones travel with it."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class EnvironmentFailure(IafrError):
    """I/O, git or database failure outside the user's data."""

    exit_code = ExitCode.ENVIRONMENT

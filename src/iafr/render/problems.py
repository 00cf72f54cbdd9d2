"""Problem lists: ``text`` (file:line:col: rule: message), ``json`` and ``github`` annotations."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from iafr.i18n import _, ngettext
from iafr.problems import Problem, Severity


class ProblemFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def render_text(problems: list[Problem]) -> str:
    lines = [str(problem) for problem in problems]
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    warnings = len(problems) - errors
    lines.append(problem_counts(errors, warnings) if problems else _("no problems found"))
    return "\n".join(lines) + "\n"


def problem_counts(errors: int, warnings: int) -> str:
    """``2 errors, 1 warning``, in the reader's language."""
    return _("{errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )


def render_json_problems(problems: list[Problem]) -> str:
    from iafr.render.toolkit import json_text  # noqa: PLC0415

    return json_text(
        [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "rule": p.rule,
                "severity": str(p.severity),
                "message": p.message,
            }
            for p in problems
        ]
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line.

    Control, bidi and invisible characters (a file name a pull request chose) are shown as U+FFFD,
    as the text format shows them, before GitHub's own escapes: an escape sequence must reach
    neither the job's log nor the annotation."""
    from iafr.text import printable  # noqa: PLC0415 - a path or a value may hold escapes

    lines = []
    for problem in problems:
        level = "error" if problem.severity is Severity.ERROR else "warning"
        place = f"file={_escape_property(printable(problem.file))}"
        if problem.line > 0:
            place += f",line={problem.line},col={problem.column}"
        title = _escape_property(printable("iafr " + problem.rule))
        lines.append(f"::{level} {place},title={title}::{_escape_data(printable(problem.message))}")
    return "\n".join(lines) + ("\n" if lines else "")


PROBLEM_RENDERERS: dict[ProblemFormat, Callable[[list[Problem]], str]] = {
    ProblemFormat.TEXT: render_text,
    ProblemFormat.JSON: render_json_problems,
    ProblemFormat.GITHUB: render_github,
}

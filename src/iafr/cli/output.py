"""The CLI's only contact with the terminal: writing results and one-line errors."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from iafr.errors import EnvironmentFailure, ExitCode, IafrError, InvalidData, UsageError
from iafr.i18n import _

F = TypeVar("F", bound=Callable[..., Any])


def is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()  # None when started with stdout closed (>&-)


def stderr_is_terminal() -> bool:
    return sys.stderr is not None and sys.stderr.isatty()  # None when started with stderr closed (2>&-)


def progress_display() -> Callable[[], Callable[[str, int, int], None]] | None:
    """What the core calls to show a build's progress: a Rich bar when a person watches stderr."""
    if not stderr_is_terminal():
        return None
    from iafr.render.progress import progress_callback  # noqa: PLC0415 - Rich only for a terminal

    return progress_callback


def use_color() -> bool:
    return is_terminal() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


MAX_WIDTH = 10_000
"""Columns no terminal has: a COLUMNS past it is a mistake, not a width."""


def width() -> int:
    """The terminal's width; when piped, $COLUMNS or a fixed 100 so the text is stable.

    A COLUMNS that is no width (``0``, ``-5``, ``abc``, ``nan``, past MAX_WIDTH) is a usage error,
    one line and exit 2, whether or not a terminal is there to ask."""
    columns = _columns()
    if is_terminal():
        return shutil.get_terminal_size().columns  # reads COLUMNS itself, checked above
    return columns or 100


def _columns() -> int | None:
    raw = os.environ.get("COLUMNS", "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_WIDTH:
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        message = "COLUMNS={value} is no width; set it to a number of columns from 1 to {limit}, or unset it"
        raise UsageError(message.format(value=shown, limit=MAX_WIDTH))
    return value


def write(text: str) -> None:
    if sys.stdout is None:  # started with stdout closed: like a reader that left at once
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader closed the pipe (| head): drop the rest, and let the command end with its own
        # exit code ('check | head' must still say 1 when the data has errors).
        _discard_stdout()
    except UnicodeEncodeError as error:
        # A terminal or PYTHONIOENCODING that cannot show the text: refuse rather than print '?'.
        raise EnvironmentFailure(
            _(
                "the output encoding ({encoding}) cannot represent {value!r}; set PYTHONIOENCODING=utf-8 (or "
                "PYTHONUTF8=1)"
            ).format(encoding=sys.stdout.encoding, value=error.object[error.start])
        ) from None


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that Python's own final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def notice(message: str) -> None:
    if sys.stderr is None:  # started with stderr closed: nowhere to say it
        return
    from iafr.text import printable  # noqa: PLC0415 - paths and values quoted in messages may hold escapes

    sys.stderr.write(_("iafr: {message}\n").format(message=printable(message)))
    sys.stderr.flush()


def _report_invalid(error: InvalidData) -> None:
    for problem in error.problems:
        if problem.severity == "error":
            sys.stderr.write(f"{problem}\n")
    side = f"{error.side}: " if error.side else ""
    notice(_("{side}the data has errors; fix them (see 'iafr check') and run again").format(side=side))


def guarded(function: F) -> F:
    """Turn the errors a user can cause into one line and an exit code, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except InvalidData as error:
            _report_invalid(error)
            raise typer.Exit(error.exit_code) from None
        except IafrError as error:
            notice(str(error))
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            # A closed pipe outside write() (e.g. a renderer writing itself): stop quietly.
            _discard_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except OSError as error:
            # A disk, a permission or a file vanishing under us: the environment, not a bug.
            notice(_("I/O failure: {error}").format(error=error))
            raise typer.Exit(ExitCode.ENVIRONMENT) from None
        except Exception as error:
            if not _is_database_failure(error):
                raise  # a bug: let its traceback show
            notice(_("database failure: {error}; run 'iafr build' to rebuild the database").format(error=error))
            raise typer.Exit(ExitCode.ENVIRONMENT) from None

    return wrapper  # type: ignore[return-value]


# SQLite's primary result codes that come from the file or the machine (corrupt, not a database,
# I/O, full, cannot open, busy, locked, read-only, permission, out of memory), not from our SQL:
# SQLITE_ERROR (1), e.g. "no such column", stays a bug with its traceback.
_ENVIRONMENT_CODES = {3, 5, 6, 7, 8, 10, 11, 13, 14, 26}


def _is_database_failure(error: Exception) -> bool:
    sqlite3 = sys.modules.get("sqlite3")  # not imported here: queries load it, and only they fail so
    if sqlite3 is None or not isinstance(error, sqlite3.Error):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _ENVIRONMENT_CODES

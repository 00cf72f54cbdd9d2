"""``iafr diff`` and ``iafr report``: reviewing what changed and what the corpus says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, WaitOption
from iafr.cli.output import guarded, notice, progress_display, use_color, width, write
from iafr.i18n import _
from iafr.render.diff import DiffFormat
from iafr.render.report_sections import ReportFormat

if TYPE_CHECKING:
    from iafr.errors import UsageError
    from iafr.safefiles import Refused


@app.command(
    help=_(
        "What changed between two versions of the corpus, record by record.\n\nExit 0 when identical, 1 when "
        "they differ, 2 on a usage error or invalid data on either side."
    )
)
@guarded
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help=_(
                "Data directory, git revision (HEAD~1, origin/main, a tag) or .db file; "
                "./NAME is always a path, rev:NAME always a revision."
            )
        ),
    ],
    new: Annotated[
        str | None, typer.Argument(help=_("Same kinds as OLD [default: the working tree's data directory]."))
    ] = None,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help=_("table, json (stable for scripts) or md (a PR comment)."))
    ] = DiffFormat.TABLE,
    stat: Annotated[bool, typer.Option("--stat", help=_("Print only the summary line of each entity."))] = False,
    data: DataOption = None,
) -> None:
    from iafr.diff import diff_corpora  # noqa: PLC0415
    from iafr.errors import ExitCode  # noqa: PLC0415
    from iafr.render.diff import render_diff  # noqa: PLC0415

    result = diff_corpora(old, new, data)
    write(render_diff(result, fmt, stat, width(), use_color()))
    raise typer.Exit(ExitCode.OK if result.identical else ExitCode.DATA)


@app.command(help=_("The state of French AI policy on one page: money, measures, actors and sources."))
@guarded
def report(
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "terminal, md (renders on a forge) or html (one file) [default: from --output's "
                "extension (.html, .md, .txt), else terminal]."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_(
                "Write to FILE instead of standard output ('-': standard output). A FILE that exists is replaced "
                "whole; a character device or a FIFO (/dev/stdout, a named pipe) is written through."
            ),
            dir_okay=False,
        ),
    ] = None,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.errors import UsageError  # noqa: PLC0415
    from iafr.render.report import render_report  # noqa: PLC0415
    from iafr.render.report_sections import report_format  # noqa: PLC0415
    from iafr.report import build_report  # noqa: PLC0415
    from iafr.workspace import connect, resolve_workspace  # noqa: PLC0415

    if output is not None and str(output) == "-":
        output = None  # standard output, as without --output
    try:
        fmt = report_format(fmt, output)  # before any work: a contradiction is a usage error
    except ValueError as error:
        raise UsageError(str(error)) from None
    if output is not None:
        _check_output(output)  # before any work too: a report is not built to be refused
    with connect(resolve_workspace(data, db), notice, progress_display(), wait) as connection:
        report_data = build_report(connection)
    if output is None:
        write(render_report(report_data, fmt, width(), use_color()))
        return
    text = render_report(report_data, fmt, 100, color=False)
    _write_file(output, text)
    notice(_("wrote {fmt} report to {output}").format(fmt=fmt, output=output))


def _check_output(path: Path) -> None:
    """Refuse, as a usage error, an --output that is no file to write (a directory, a block
    device, a socket) or whose directory does not exist (see iafr.safefiles)."""
    from iafr import safefiles  # noqa: PLC0415
    from iafr.errors import UsageError  # noqa: PLC0415

    if path.is_dir():
        raise UsageError(_("--output {path} is a directory; give a file name").format(path=path))
    if safefiles.is_stream(path):
        return  # written through, as a stream
    try:
        target = safefiles.writable(path, follow=True)
    except safefiles.Refused as refused:
        raise _refused(path, refused) from None
    if not target.parent.is_dir():
        raise UsageError(
            _("--output {path}: the directory {parent} does not exist").format(path=path, parent=target.parent)
        )


def _write_file(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a report (see iafr.safefiles)."""
    from iafr import safefiles  # noqa: PLC0415
    from iafr.errors import EnvironmentFailure  # noqa: PLC0415

    try:
        safefiles.write_file(path, text.encode("utf-8"), named=True)
    except safefiles.Refused as refused:
        raise _refused(path, refused) from None
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot write {path}: {value}").format(path=path, value=error.strerror or error)
        ) from error


def _refused(path: Path, refused: Refused) -> UsageError:
    from iafr.errors import UsageError  # noqa: PLC0415

    message = _("--output {path} is {what}; give a file name, or '-' for standard output")
    return UsageError(message.format(path=path, what=refused.what))

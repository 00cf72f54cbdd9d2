"""``iafr diff`` and ``iafr report``: reviewing what changed and what the corpus says."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, WaitOption
from iafr.cli.output import guarded, notice, progress_display, use_color, width, write
from iafr.i18n import _
from iafr.render.diff import DiffFormat
from iafr.render.report_sections import ReportFormat


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
        Path | None, typer.Option("--output", "-o", help=_("Write to FILE instead of standard output."), dir_okay=False)
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

    try:
        fmt = report_format(fmt, output)  # before any work: a contradiction is a usage error
    except ValueError as error:
        raise UsageError(str(error)) from None
    with connect(resolve_workspace(data, db), notice, progress_display(), wait) as connection:
        report_data = build_report(connection)
    if output is None:
        write(render_report(report_data, fmt, width(), use_color()))
        return
    text = render_report(report_data, fmt, 100, color=False)
    _write_file(output, text)
    notice(_("wrote {fmt} report to {output}").format(fmt=fmt, output=output))


def _write_file(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a report."""
    import os  # noqa: PLC0415
    import secrets  # noqa: PLC0415

    from iafr.errors import EnvironmentFailure, UsageError  # noqa: PLC0415

    if path.is_dir():
        raise UsageError(_("--output {path} is a directory; give a file name").format(path=path))
    if not path.parent.is_dir():
        raise UsageError(
            _("--output {path}: the directory {parent} does not exist").format(path=path, parent=path.parent)
        )
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        try:
            with open(temp, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot write {path}: {value}").format(path=path, value=error.strerror or error)
        ) from error

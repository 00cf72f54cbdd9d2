"""Options shared by the commands, defined once."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer

from iafr.i18n import _
from iafr.render.listing import ListingFormat

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="IAFR_DATA",
        help=_("Directory of the YAML corpus [default: ./data, else bundled]."),
        show_default=False,
    ),
]
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="IAFR_DB",
        help=_("SQLite database path [default: in the user cache, per data dir]."),
        show_default=False,
    ),
]
FormatOption = Annotated[ListingFormat, typer.Option("--format", "-f", help=_("Output format."))]


def _refuse(ctx: typer.Context, param: typer.CallbackParam, value: object, advice: str) -> None:
    """One line and exit 2, as every other usage error says it (not Click's usage block)."""
    from iafr.cli.output import notice  # noqa: PLC0415
    from iafr.errors import ExitCode  # noqa: PLC0415

    source = ctx.get_parameter_source(str(param.name))
    if param.envvar and source is not None and source.name == "ENVIRONMENT":
        given = "{variable}={value}".format(variable=param.envvar, value=value)  # the variable, not the option
    else:
        given = _("{option} {value}").format(option=param.opts[0] if param.opts else param.name, value=value)
    notice(_("{given} {advice}").format(given=given, advice=advice))
    raise typer.Exit(ExitCode.USAGE)


def _count(ctx: typer.Context, param: typer.CallbackParam, value: int | None) -> int | None:
    if value is not None and value < 1:
        _refuse(ctx, param, value, _("shows nothing; give 1 or more (or leave it out for every record)"))
    return value


def _seconds(ctx: typer.Context, param: typer.CallbackParam, value: float | None) -> float | None:
    if value is not None and not (math.isfinite(value) and value >= 0):  # nan, inf, -1
        _refuse(ctx, param, value, _("is no number of seconds; give 0 (do not wait) or more, e.g. 60"))
    return value


LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", callback=_count, help=_("Show at most N records (1 or more)."))
]

# The time filters, the same for funding, measures (their report's date) and the timeline.
SinceOption = Annotated[int | None, typer.Option("--since", help=_("What can fall in this year or later."))]
UntilOption = Annotated[int | None, typer.Option("--until", help=_("What can fall in this year or earlier."))]
DuringOption = Annotated[
    str | None, typer.Option("--during", help=_("A period instead: 2018/2022, 2019/.. or ../2025 (EDTF)."))
]
StrictDatesOption = Annotated[
    bool, typer.Option("--strict-dates", help=_("Only what falls certainly inside the range."))
]
UndatedOption = Annotated[bool, typer.Option("--undated", help=_("Also list what has no time at all."))]

WaitOption = Annotated[
    float | None,
    typer.Option(
        "--wait",
        envvar="IAFR_LOCK_WAIT",
        callback=_seconds,
        metavar="SECONDS",
        help=_("How long to wait for another iafr build of the same database before giving up (exit 3) [default: 60]."),
        show_default=False,
    ),
]
RawCsvOption = Annotated[
    bool,
    typer.Option(
        "--raw-csv", help=_("CSV cells as they are: no ' before a cell starting with = + - @ (spreadsheet formulas).")
    ),
]

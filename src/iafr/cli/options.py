"""Options shared by the commands, defined once."""

from __future__ import annotations

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
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=0, help=_("Show at most N records."))]

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
        min=0,
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

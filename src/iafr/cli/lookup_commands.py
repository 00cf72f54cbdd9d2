"""Looking things up: one record in full (show), full-text search, the axis vocabulary.

Apart from the listings (query_commands.py) so that a listing, what scripts run most, builds
none of these commands' options and imports none of their modules.
"""

# No "from __future__ import annotations", as in query_commands.py: Typer reads these signatures.
from enum import StrEnum
from typing import Annotated

import typer

from iafr import completion
from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, FormatOption, LimitOption, RawCsvOption, WaitOption
from iafr.cli.output import guarded, use_color, width, write
from iafr.cli.query_commands import connect_store, emit_listing
from iafr.i18n import _
from iafr.render.listing import ListingFormat


class ShowFormat(StrEnum):
    """``show``'s formats: one record with nested lists has no CSV form, so --help offers none."""

    TABLE = "table"
    JSON = "json"
    MD = "md"


@app.command(help=_("Full-text search over every record, best matches first (whole words, then stems and synonyms)."))
@guarded
def search(
    text: Annotated[
        str,
        typer.Argument(
            help=_(
                'Words to find, French or English (plurals, derived forms and synonyms too); "quotes" for a '
                "phrase, frug* for a prefix; accents and case are ignored."
            )
        ),
    ],
    fmt: FormatOption = ListingFormat.TABLE,
    raw_csv: RawCsvOption = False,
    limit: LimitOption = 50,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.queries import search as run_search  # noqa: PLC0415

    with connect_store(data, db, wait) as connection:
        listing = run_search(connection, text, limit)
    emit_listing(listing, fmt, raw_csv)


@app.command(help=_("The axis vocabulary, with how many measures use each axis."))
@guarded
def axes(
    fmt: FormatOption = ListingFormat.TABLE,
    raw_csv: RawCsvOption = False,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.queries import query_axes  # noqa: PLC0415

    with connect_store(data, db, wait) as connection:
        listing = query_axes(connection)
    emit_listing(listing, fmt, raw_csv)


@app.command(help=_("One record in full: its fields, sources with quotes, and everything linked to it."))
@guarded
def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("The id of a measure, actor, figure, report…"),
            autocompletion=completion.complete_record_id,
        ),
    ],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help=_("Output format."))] = ShowFormat.TABLE,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.details import show as find_record  # noqa: PLC0415

    with connect_store(data, db, wait) as connection:
        records = find_record(connection, record_id)
    if fmt is ShowFormat.JSON:
        from iafr.render.toolkit import json_text  # noqa: PLC0415

        write(json_text([record.as_json() for record in records]))
    elif fmt is ShowFormat.MD:
        from iafr.render.detail import render_detail_markdown  # noqa: PLC0415

        write(render_detail_markdown(records))
    else:
        from iafr.render.detail import render_detail_table  # noqa: PLC0415

        write(render_detail_table(records, width(), use_color()))

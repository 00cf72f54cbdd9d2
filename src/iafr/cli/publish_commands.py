"""``iafr export``: the corpus as open data for others to publish."""

# No "from __future__ import annotations", like query_commands: Typer reads the annotations as is.
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, RawCsvOption, WaitOption
from iafr.cli.output import guarded, notice
from iafr.cli.query_commands import connect_store


class ExportFormat(StrEnum):
    DATAPACKAGE = "datapackage"


@app.command()
@guarded
def export(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to write the package: a new or empty directory.")
    ],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="datapackage: Frictionless Data Package (CSV, Table Schema).")
    ] = ExportFormat.DATAPACKAGE,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the data package in DIR (refused if DIR holds anything else).")
    ] = False,
    raw_csv: RawCsvOption = False,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    """Write the corpus as open data: datapackage.json and one CSV per table, with their Table Schemas.

    The tables of measures, funding, actors, axes and sources hold what their listing's --format csv
    prints. The package is written in a new directory beside DIR, renamed into place when complete:
    an interrupted export leaves DIR as it was. Check it with: frictionless validate DIR/datapackage.json
    """
    from iafr import __version__  # noqa: PLC0415
    from iafr.export.directory import check_destination  # noqa: PLC0415
    from iafr.export.package import export_package  # noqa: PLC0415

    check_destination(directory, force)  # before any database is built
    with connect_store(data, db, wait) as connection:
        files = export_package(connection, directory, __version__, force=force, raw_csv=raw_csv)
    notice(f"wrote {directory}: {files[0]} and {len(files) - 1} tables as CSV")

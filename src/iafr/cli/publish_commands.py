"""``iafr sources``, ``iafr cite`` and ``iafr export``: the bibliography, citations, and the corpus
as open data for others to publish and cite."""

# No "from __future__ import annotations", like query_commands: Typer reads the annotations as is.
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iafr import completion
from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, RawCsvOption, WaitOption
from iafr.cli.output import guarded, notice, write
from iafr.cli.query_commands import connect_store, emit_listing
from iafr.i18n import _
from iafr.render.citations import CitationFormat
from iafr.render.listing import ListingFormat


class BibliographyFormat(StrEnum):
    """A listing's formats, and the citations' (CitationFormat) but text, which the table is."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"
    CSL_JSON = "csl-json"
    BIBTEX = "bibtex"


class ExportFormat(StrEnum):
    DATAPACKAGE = "datapackage"


@app.command(help=_("The bibliography, with how many records cite each source; as CSL-JSON or BibTeX to cite them."))
@guarded
def sources(
    fmt: Annotated[
        BibliographyFormat,
        typer.Option(
            "--format", "-f", help=_("table, json, csv, md; to cite them: csl-json (Zotero, Pandoc), bibtex.")
        ),
    ] = BibliographyFormat.TABLE,
    raw_csv: RawCsvOption = False,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    if fmt.value in set(CitationFormat):
        from iafr.citations import bibliography  # noqa: PLC0415
        from iafr.render.citations import render_citations  # noqa: PLC0415

        with connect_store(data, db, wait) as connection:
            references = bibliography(connection)
        write(render_citations(references, CitationFormat(fmt.value)))
        return
    from iafr.queries import query_sources  # noqa: PLC0415

    with connect_store(data, db, wait) as connection:
        listing = query_sources(connection)
    emit_listing(listing, ListingFormat(fmt.value), raw_csv)


@app.command(help=_("The sources behind a record, to cite: each with the quotes and places the record relies on."))
@guarded
def cite(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("The id of a measure, figure, actor, report or source."),
            autocompletion=completion.complete_record_id,
        ),
    ],
    fmt: Annotated[
        CitationFormat, typer.Option("--format", "-f", help=_("text, csl-json (Zotero, Pandoc, citeproc) or bibtex."))
    ] = CitationFormat.TEXT,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.citations import cite as references_of  # noqa: PLC0415
    from iafr.render.citations import render_citations  # noqa: PLC0415

    with connect_store(data, db, wait) as connection:
        references = references_of(connection, record_id)
    if not references:
        notice(_("{record_id} cites no source").format(record_id=record_id))
        return
    write(render_citations(references, fmt))


@app.command(
    help=_(
        "Write the corpus as open data: datapackage.json and one CSV per table, with their Table Schemas.\n\nThe "
        "tables of measures, funding, actors, axes and sources hold what their listing's --format csv prints. "
        "The package is written in a new directory beside DIR, renamed into place when complete: an interrupted "
        "export leaves DIR as it was. Check it with: frictionless validate DIR/datapackage.json"
    )
)
@guarded
def export(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help=_("Where to write the package: a new or empty directory."))
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help=_("datapackage: Frictionless Data Package (CSV, Table Schema).")),
    ] = ExportFormat.DATAPACKAGE,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the data package in DIR (refused if DIR holds anything else)."))
    ] = False,
    raw_csv: RawCsvOption = False,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr import __version__  # noqa: PLC0415
    from iafr.export.directory import check_destination  # noqa: PLC0415
    from iafr.export.package import export_package  # noqa: PLC0415

    check_destination(directory, force)  # before any database is built
    with connect_store(data, db, wait) as connection:
        files = export_package(connection, directory, __version__, force=force, raw_csv=raw_csv)
    notice(
        _("wrote {directory}: {value} and {value2} tables as CSV").format(
            directory=directory, value=files[0], value2=len(files) - 1
        )
    )

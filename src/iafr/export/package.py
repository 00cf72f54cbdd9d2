"""The corpus as a data package: its files from the store, then the directory written whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from iafr.export.descriptor import created_now, descriptor, file_name
from iafr.export.directory import DESCRIPTOR, write_directory
from iafr.export.resources import resources
from iafr.i18n import speaking
from iafr.publication import json_document, publication
from iafr.render.csv import render_csv
from iafr.store import read_meta


def package_files(
    connection: sqlite3.Connection, iafr_version: str, created: str | None = None, raw_csv: bool = False
) -> dict[str, str]:
    """Each file of the package and its text: ``datapackage.json``, then one CSV per table.

    ``raw_csv``: cells as they are, without the ``'`` that keeps a spreadsheet from running a
    cell as a formula (what ``--raw-csv`` does to a listing)."""
    with speaking("fr"):  # the package speaks French first, as French public data does
        tables = resources(connection)
    with speaking("en"):
        english = resources(connection)
    corpus = publication(read_meta(connection))
    document = descriptor(corpus, iafr_version, tables, created or created_now(), raw_csv, english)
    csv_files = {file_name(table): render_csv(table.records, raw_csv, table.columns) for table in tables}
    return {DESCRIPTOR: json_document(document), **csv_files}


def export_package(
    connection: sqlite3.Connection,
    directory: Path,
    iafr_version: str,
    *,
    force: bool = False,
    raw_csv: bool = False,
    created: str | None = None,
) -> list[str]:
    """Write the package as the whole content of ``directory``; returns the names of its files."""
    files = package_files(connection, iafr_version, created, raw_csv)
    write_directory(directory, files, force)
    return list(files)

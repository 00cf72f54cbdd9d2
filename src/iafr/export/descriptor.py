"""``datapackage.json``: the package's descriptor (Frictionless Data Package 1, Table Schema 1).

It says what the corpus is (title, version, when this copy was made, the licence), where its
data comes from (the documents of its bibliography) and, for each CSV file, its Table Schema.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from iafr.export.resources import Resource
from iafr.publication import Publication, summary, table_descriptions

NAME = "iafr"
_CSV_NOTE = (
    "Each table is a CSV file (UTF-8, RFC 4180, a header row); a list is one cell, its items joined with "
    "';', and has a table of one row per item beside it."
)
_FORMULA_NOTE = (
    " A cell that starts with =, +, -, @, a tab or a carriage return has a leading ' so that a spreadsheet "
    "shows it as text instead of running it as a formula."
)


def created_now() -> str:
    """Now, in RFC 3339 (UTC, whole seconds); ``SOURCE_DATE_EPOCH`` fixes it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def file_name(resource: Resource) -> str:
    return f"{resource.name}.csv"


def descriptor(
    corpus: Publication, iafr_version: str, resources: list[Resource], created: str, raw_csv: bool = False
) -> dict[str, Any]:
    """The descriptor of a package holding ``resources``; ``raw_csv``: cells were written as they are."""
    licences = (
        [{"name": corpus.licence.spdx, "path": corpus.licence.url, "title": corpus.licence_text}]
        if corpus.licence
        else []
    )
    notes = _CSV_NOTE + ("" if raw_csv else _FORMULA_NOTE)
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": corpus.title,
        "description": f"{summary(corpus, iafr_version)} Licence: {corpus.licence_text}. {notes}",
        "version": corpus.version,
        "created": created,
        **({"licenses": licences} if licences else {}),
        "sources": _sources(resources),
        "resources": [_resource(resource) for resource in resources],
    }


def _sources(resources: list[Resource]) -> list[dict[str, str]]:
    """The documents the records cite, each with its title and, when recorded, its address."""
    bibliography = next(resource for resource in resources if resource.name == "sources")
    return [
        {"title": source["title"], **({"path": source["url"]} if source["url"] else {})}
        for source in bibliography.records
    ]


def _resource(resource: Resource) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": resource.fields, "primaryKey": resource.primary_key}
    if resource.foreign_keys:
        schema["foreignKeys"] = resource.foreign_keys
    schema["missingValues"] = [""]
    return {
        "name": resource.name,
        "path": file_name(resource),
        "profile": "tabular-data-resource",
        "description": table_descriptions()[resource.name][0],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }

"""``datapackage.json``: the package's descriptor (Frictionless Data Package 1, Table Schema 1).

It says what the corpus is (title, version, when this copy was made, the licence), where its
data comes from (the documents of its bibliography) and, for each CSV file, its Table Schema.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from iafr.export.fields import LIST_SEPARATOR
from iafr.export.resources import Resource
from iafr.export.titles import field_title
from iafr.i18n import N_, _, speaking
from iafr.publication import Publication, summary, table_descriptions

NAME = "iafr"
_CSV_NOTE = N_(
    "Each table is a CSV file (UTF-8, RFC 4180, a header row); a list is one cell, its items joined with "
    "';', and has a table of one row per item beside it."
)
_FORMULA_NOTE = N_(
    "A cell that starts with =, +, -, @, a tab or a carriage return has a leading ' so that a spreadsheet "
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
    corpus: Publication,
    iafr_version: str,
    resources: list[Resource],
    created: str,
    raw_csv: bool = False,
    english: list[Resource] | None = None,
) -> dict[str, Any]:
    """The descriptor of a package holding ``resources`` (built in French), with ``english`` (the
    same built in English) beside: French titles and descriptions first, as French public data
    catalogues read them (schema.data.gouv.fr), English ones in ``title_en`` and ``description_en``.
    ``raw_csv``: cells were written as they are."""
    licences = (
        [{"name": corpus.licence.spdx, "path": corpus.licence.url, "title": corpus.licence_text}]
        if corpus.licence
        else []
    )
    texts = {language: _package_texts(corpus, iafr_version, raw_csv, language) for language in ("fr", "en")}
    twins = {resource.name: resource for resource in english or resources}
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": corpus.title,
        "description": texts["fr"],
        "description_en": texts["en"],
        "version": corpus.version,
        "created": created,
        **({"licenses": licences} if licences else {}),
        "sources": _sources(resources),
        "resources": [_resource(resource, twins[resource.name]) for resource in resources],
    }


def _package_texts(corpus: Publication, iafr_version: str, raw_csv: bool, language: str) -> str:
    with speaking(language):
        notes = _(_CSV_NOTE) + ("" if raw_csv else " " + _(_FORMULA_NOTE))
        licence = _("Licence: {licence}.").format(licence=corpus.licence_text)
        return f"{summary(corpus, iafr_version)} {licence} {notes}"


def _sources(resources: list[Resource]) -> list[dict[str, str]]:
    """The documents the records cite, each with its title and, when recorded, its address."""
    bibliography = next(resource for resource in resources if resource.name == "sources")
    return [
        {"title": source["title"], **({"path": source["url"]} if source["url"] else {})}
        for source in bibliography.records
    ]


def _resource(resource: Resource, english: Resource) -> dict[str, Any]:
    twins = {field["name"]: field for field in english.fields}
    fields = [_field(field, twins.get(field["name"], field), resource.records) for field in resource.fields]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": resource.primary_key}
    if resource.foreign_keys:
        schema["foreignKeys"] = resource.foreign_keys
    schema["missingValues"] = [""]
    description_en, description = table_descriptions()[resource.name]
    with speaking("fr"):
        title = table_title(resource.name)
    with speaking("en"):
        title_en = table_title(resource.name)
    return {
        "name": resource.name,
        "path": file_name(resource),
        "profile": "tabular-data-resource",
        "title": title,
        "title_en": title_en,
        "description": description,
        "description_en": description_en,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def table_title(name: str) -> str:
    """A kind's table by its plural (« Chiffres », "Funding figures"), another by its name in words."""
    from iafr import kinds  # noqa: PLC0415

    kind = kinds.BY_SECTION.get(name)
    words = kind.nouns.plural if kind is not None else field_title(name)
    return words[:1].upper() + words[1:]


def _field(field: dict[str, Any], english: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """A field with its titles, its descriptions in both languages and an example from the data."""
    name = field["name"]
    with speaking("fr"):
        title = field_title(name)
    with speaking("en"):
        title_en = field_title(name)
    described = {"description": field["description"]} if field.get("description") else {}
    if english.get("description"):
        described["description_en"] = english["description"]
    example = _example(records, name) or field.get("example")
    head = {"name": name, "title": title, "title_en": title_en, **described}
    rest = {key: value for key, value in field.items() if key not in ("name", "description")}
    return {**head, **rest, **({"example": example} if example is not None else {})}


def _example(records: list[dict[str, Any]], name: str) -> str | None:
    """The first value the data holds for ``name``, as its CSV cell reads (a list joined with ';')."""
    for record in records:
        value = record.get(name)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return LIST_SEPARATOR.join(str(item) for item in value)
        return str(value)
    return None

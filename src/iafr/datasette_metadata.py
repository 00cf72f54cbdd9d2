"""Datasette defaults for the database ``iafr build`` writes: titles, licence, facets, search.

Datasette is an optional extra (``iafr[serve]``): it pulls a web server and its dependencies
that the command line itself never needs. This module therefore imports nothing of Datasette;
it writes the files Datasette reads and the command line that starts it.

Datasette 0.x reads one metadata file holding everything; Datasette 1.0 splits it into
metadata (titles, descriptions, licence) and configuration (facets, sorting, canned queries),
so :func:`datasette_files` returns one or two documents depending on the installed version.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iafr import safefiles
from iafr.errors import UsageError
from iafr.i18n import _
from iafr.publication import json_document, publication, summary, table_descriptions
from iafr.published import MONEY_BY_YEAR, prepare
from iafr.store import FTS_COLUMNS, read_meta, refuse_irregular
from iafr.store.schema import CITATIONS_TABLE, STEM_KEYS_TABLE, TOTALS_TABLE

PLUGINS = Path(__file__).with_name("datasette_plugins")
"""Datasette plugins of iafr's own, loaded with ``--plugins-dir`` (no package to install)."""

DATABASE_NAME = "iafr"
"""The name Datasette gives the database: the file's stem, hence the copy as ``iafr.db``."""

INSTALL_HINT = "install it with: pip install 'iafr[serve]' (or: pipx inject iafr datasette)"

QUERIES: dict[str, dict[str, str]] = {
    "measures_on_axis": {
        "title": "Mesures d'un axe — Measures on an axis",
        "description": "Les mesures d'un axe (son id, par ex. frugalite), avec leur rapport. — Measures on one axis "
        "(id, e.g. frugalite), with their report.",
        "sql": (
            "SELECT m.id, m.report_id, m.number, m.title, m.title_en, m.text FROM measures m "
            "JOIN measure_axes ma ON ma.measure_id = m.id WHERE ma.axis_id = :axis "
            "ORDER BY m.report_id, m.number, m.id"
        ),
    },
    "funding_totals": {
        "title": "Totaux des financements — Funding totals",
        "description": (
            "Les totaux qu'affichent iafr funding et le rapport, calculés à la construction par le moteur de totaux "
            "d'iafr : jamais de mélange de devises, de statuts, d'argent public et privé, de chiffres annuels et "
            "ponctuels ; une partie comptée dans son tout, une copie une fois, les chiffres liés en fourchette. — "
            "The totals iafr funding and the report print, written at build time by iafr's one totals engine "
            "(iafr.totals): never mixing currencies, statuses, public and private money, or per-year and "
            "one-off figures; a part counted in its whole, a copy once, related figures as a range."
        ),
        "sql": f"SELECT * FROM {TOTALS_TABLE} ORDER BY rowid",
    },
    "money_by_year": {
        "title": "Financements par année — Money by year",
        "description": (
            "Le graphique du rapport : par devise (jamais mélangées), date et statut, la somme des chiffres "
            "ponctuels ; la barre est la borne basse, le montant la fourchette. — The report's chart: per "
            "currency (never mixed), time and status, the sum of one-off figures; the bar is the lower bound, "
            "the amount the range."
        ),
        "sql": f"SELECT currency, [when], when_en, status, figures, amount, amount_en, bar FROM {MONEY_BY_YEAR} "
        "WHERE currency = coalesce(nullif(:currency, ''), currency) ORDER BY rowid",
    },
}


def _kind_tables() -> dict[str, dict[str, Any]]:
    """Per table of each kind: the column naming a row (links show it instead of the id), the
    facets (a list's as an array facet), the default sort and the columns' descriptions, from
    :mod:`iafr.kinds` and the models; the tables a reader does not browse are hidden."""
    from iafr import kinds  # noqa: PLC0415
    from iafr.declaration import Link, Nested  # noqa: PLC0415
    from iafr.published import array_facets  # noqa: PLC0415

    tables: dict[str, dict[str, Any]] = {}
    for kind in kinds.KINDS:
        arrays = array_facets(kind)
        facets = [{"array": name} if name in arrays else name for name in kind.facets]
        entry: dict[str, Any] = {"label_column": kind.column_of(kind.title), "facets": facets}
        if kind.sort_desc:
            entry["sort_desc"] = kind.sort_desc
        columns = _column_descriptions(kind)
        if columns:
            entry["columns"] = columns
        tables[kind.section] = entry
        for item in kind.items:
            if isinstance(item, Link):  # a list: reached from its records' pages, not browsed
                tables.setdefault(item.table, {"facets": [item.column, *(name for name, _ in item.fixed)],
                                               "hidden": True})  # fmt: skip
            elif isinstance(item, Nested) and item.facets:
                tables[item.table] = {"facets": list(item.facets)}
    tables["funding"]["sortable_columns"] = _sortable_funding_columns()
    tables[CITATIONS_TABLE] = {"facets": ["record_type", "source_id"], "hidden": True}
    tables[STEM_KEYS_TABLE] = {"facets": ["language"], "hidden": True}
    tables["iafr_meta"] = {"hidden": True}
    tables["value_labels"] = {"hidden": True}
    return tables


def _sortable_funding_columns() -> list[str]:
    """Every column of the published funding table but the amounts in full units, which would put
    500 Md$ beside 109 Md€: ``amount_in_currency`` sorts them currency by currency."""
    from iafr import kinds  # noqa: PLC0415

    stored = [column.name for column in kinds.FUNDING.columns if not column.name.endswith("_minor")]
    return [*stored, "amount_shown", "amount_in_currency", *(item.name for item in kinds.FUNDING.computed)]


def _column_descriptions(kind: Any) -> dict[str, str]:
    """Each main-table column's description in French, then in English: its model field's, or a
    derived or computed column's own."""
    from iafr.i18n import _, in_language, speaking  # noqa: PLC0415
    from iafr.published import RENAMED, column_descriptions  # noqa: PLC0415

    model = kind.model_class()
    texts: dict[str, str] = {}
    for column in kind.columns:
        text = model.model_fields[column.field].description if column.field is not None else column.doc
        if text:
            texts[RENAMED.get(column.name, column.name)] = text
    found = {name: f"{french} — {english}" for name, (english, french) in column_descriptions(kind).items()}
    for name, text in texts.items():
        with speaking("fr"):
            french = _(text)
        found[name] = f"{french} — {text}" if french != text else text
    for computed in kind.computed:
        with speaking("fr"):
            french = in_language(computed.doc)
        found[computed.name] = f"{french} — {computed.doc[0]}"
    return found


# Keys Datasette 1.0 reads from the configuration file instead of the metadata file.
_CONFIG_TABLE_KEYS = frozenset(
    {
        "facets",
        "sort",
        "sort_desc",
        "sortable_columns",
        "label_column",
        "fts_table",
        "fts_pk",
        "searchmode",
        "hidden",
        "size",
    }
)


def table_settings(connection: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """The per-table settings for the tables this database has (an older build may lack some)."""
    present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables: dict[str, dict[str, Any]] = {}
    settings = _kind_tables()
    from iafr.published import table_descriptions as published_tables  # noqa: PLC0415

    for name, (description, french) in {**table_descriptions(), **published_tables()}.items():
        if name not in present:
            continue
        entry = {**_titles(name, description, french), **settings.get(name, {})}
        if name in FTS_COLUMNS and f"{name}_fts" in present:
            # The search box: the contentless FTS table shares the rowid (it also holds the stems,
            # which a word typed in Datasette matches only when it is its own stem).
            entry.update(fts_table=f"{name}_fts", fts_pk="rowid")
        tables[name] = entry
    return tables


def _titles(name: str, english: str, french: str) -> dict[str, str]:
    """A table's title and description, French first, English beside (Datasette shows both)."""
    from html import escape  # noqa: PLC0415

    from iafr.export.descriptor import table_title  # noqa: PLC0415
    from iafr.i18n import speaking  # noqa: PLC0415

    with speaking("fr"):
        title = table_title(name)
    with speaking("en"):
        title_en = table_title(name)
    return {
        "title": title if title == title_en else f"{title} — {title_en}",
        "description_html": f'<p>{escape(french)}</p><p lang="en">{escape(english)}</p>',
    }


def metadata(connection: sqlite3.Connection, iafr_version: str) -> dict[str, Any]:
    """Datasette metadata (0.x layout: one document) for an iafr database."""
    from html import escape  # noqa: PLC0415

    from iafr.i18n import speaking  # noqa: PLC0415

    corpus = publication(read_meta(connection))
    licence_url = {"license_url": corpus.licence.url} if corpus.licence else {}
    with speaking("fr"):
        french = summary(corpus, iafr_version)
    with speaking("en"):
        english = summary(corpus, iafr_version)
    return {
        "title": corpus.title,
        "description_html": f'<p>{escape(french)}</p><p lang="en">{escape(english)}</p>',
        "license": corpus.licence_text,
        **licence_url,
        "source": f"iafr {corpus.built}: compiled from the documents listed in the sources table",
        "databases": {
            DATABASE_NAME: {
                "description": f"{corpus.title} ({corpus.built}). Licence: {corpus.licence_text}.",
                "tables": table_settings(connection),
                "queries": QUERIES,
            }
        },
    }


def datasette_files(document: dict[str, Any], major_version: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """``(metadata, configuration)`` for the installed Datasette; configuration is ``None`` before 1.0."""
    if major_version < 1:
        return document, None
    meta = json.loads(json.dumps(document))  # a deep copy
    config: dict[str, Any] = {"databases": {}}
    for name, database in meta.get("databases", {}).items():
        target: dict[str, Any] = {"tables": {}}
        if "queries" in database:
            target["queries"] = database.pop("queries")
        for table, settings in database.get("tables", {}).items():
            moved = {key: settings.pop(key) for key in list(settings) if key in _CONFIG_TABLE_KEYS}
            if moved:
                target["tables"][table] = moved
        config["databases"][name] = target
    return meta, config


def installed_major_version() -> int | None:
    """The installed Datasette's major version, or ``None`` when it is not installed."""
    from importlib import metadata as distributions  # noqa: PLC0415

    try:
        version = distributions.version("datasette")
    except distributions.PackageNotFoundError:
        return None
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


@dataclass(frozen=True)
class Site:
    """The files Datasette is started with."""

    database: Path
    metadata: Path
    config: Path | None


EXPORT_MANIFEST = ".iafr-export.json"
"""Beside an export: the sha256 of each file iafr wrote there, so that a later export overwrites
those files (unchanged since) and refuses any other."""


def site_names(major_version: int) -> list[str]:
    """The files an export writes for the installed Datasette (the configuration from 1.0 on)."""
    return [f"{DATABASE_NAME}.db", "metadata.json", *(["datasette.json"] if major_version >= 1 else [])]


def check_export(directory: Path, major_version: int, force: bool) -> None:
    """Raise ``UsageError``, before anything is written, if exporting to ``directory`` would replace
    something that is not a regular file, or (without ``force``) a file iafr did not write there."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("--export {directory} is a file; give a directory").format(directory=directory))
    names = site_names(major_version)
    for name in [*names, EXPORT_MANIFEST]:  # files iafr names itself: a link there is refused too
        refuse_irregular(directory / name, "--export", "remove it, or export to another directory", links=False)
    if force:
        return
    written = _manifest(directory)
    for name in names:
        path = directory / name
        if path.exists() and written.get(name) != _sha256(path):
            raise UsageError(
                _(
                    "--export {directory}: {name} exists and iafr did not write it (or it changed since); "
                    "refusing to overwrite it: pass --force, or export to another directory"
                ).format(directory=directory, name=name)
            )


def _manifest(directory: Path) -> dict[str, str]:
    try:
        raw = safefiles.read_bytes(directory / EXPORT_MANIFEST, limit=_MANIFEST_BYTES, links=False)
        document = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, safefiles.Refused):
        return {}
    return {str(key): str(value) for key, value in document.items()} if isinstance(document, dict) else {}


_MANIFEST_BYTES = 1024 * 1024
"""An export manifest larger than this is none iafr wrote (its own names three files)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    safefiles.digest(path, digest.update, links=False)
    return digest.hexdigest()


def _replace_with(path: Path, write: Callable[[Path], None]) -> None:
    """Write a unique temporary file beside ``path`` and rename it over ``path`` (never through it:
    a link there is refused)."""
    with safefiles.replacing(path) as temp:
        write(temp)


def write_site(connection: sqlite3.Connection, directory: Path, iafr_version: str, major_version: int) -> Site:
    """Copy the database as ``iafr.db`` into ``directory`` and write Datasette's files beside it.

    A copy, not the cache file itself: Datasette names a database after its file, and a rebuild
    while it serves never changes what it shows. Call :func:`check_export` first.
    """
    directory.mkdir(parents=True, exist_ok=True)

    documents: list[dict[str, Any]] = []

    def copy_database(temp: Path) -> None:
        target = sqlite3.connect(temp)
        try:
            connection.backup(target)  # consistent even if a build replaces the file meanwhile
            prepare(target)  # what readers need and nothing local (iafr.published)
            documents.append(metadata(target, iafr_version))  # of the copy, with its own tables
        finally:
            target.close()

    def json_file(document: dict[str, Any]) -> Callable[[Path], None]:
        text = json_document(document)

        def write(temp: Path) -> None:
            safefiles.write_new(temp, text.encode("utf-8"))

        return write

    database = directory / f"{DATABASE_NAME}.db"
    _replace_with(database, copy_database)
    meta, config = datasette_files(documents[0], major_version)
    metadata_path = directory / "metadata.json"
    _replace_with(metadata_path, json_file(meta))
    config_path = None
    if config is not None:
        config_path = directory / "datasette.json"
        _replace_with(config_path, json_file(config))
    written = {path.name: _sha256(path) for path in (database, metadata_path, config_path) if path is not None}
    _replace_with(directory / EXPORT_MANIFEST, json_file(written))
    return Site(database, metadata_path, config_path)


def serve_command(site: Site, host: str, port: int, open_browser: bool) -> list[str]:
    """The command that serves ``site`` (immutable: Datasette never writes to it)."""
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(site.database), "--metadata", str(site.metadata)]
    command += ["--plugins-dir", str(PLUGINS)]  # iafr's own: the chart's bars (iafr/datasette_plugins)
    if site.config is not None:
        command += ["-c", str(site.config)]
    command += ["--host", host, "--port", str(port)]
    if open_browser:
        command.append("--open")
    return command

"""Datasette: metadata true to the database, ``iafr serve`` without and with Datasette installed."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from iafr import __version__, datasette_metadata
from iafr.datasette_metadata import DATABASE_NAME, datasette_files, installed_major_version, metadata, serve_command
from iafr.published import prepare
from tests.conftest import Invoke


@pytest.fixture
def built(iafr: Invoke, mini: Path, tmp_path: Path) -> Path:
    """The mini corpus's store, prepared for publication as ``iafr serve`` prepares its copy."""
    db = tmp_path / "built.db"
    result = iafr("build", "--data", str(mini), "--db", str(db))
    assert result.exit_code == 0, result.output
    with contextlib.closing(sqlite3.connect(db)) as connection:
        prepare(connection)
    return db


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f"PRAGMA table_info([{table}])")}


def test_metadata_names_only_what_the_database_has(built: Path) -> None:
    """A facet or search table that the store renamed would break Datasette's pages silently."""
    with contextlib.closing(sqlite3.connect(built)) as connection:
        document = metadata(connection, __version__)
        tables = document["databases"][DATABASE_NAME]["tables"]
        for table, settings in tables.items():
            columns = _columns(connection, table)
            assert columns, table
            facets = {facet["array"] if isinstance(facet, dict) else facet for facet in settings.get("facets", [])}
            assert facets <= columns, (table, "facets")
            assert set(settings.get("columns", [])) <= columns, (table, "columns")
            assert set(settings.get("sortable_columns", [])) <= columns, (table, "sortable_columns")
            for key in ("label_column", "sort", "sort_desc"):
                if key in settings:
                    assert settings[key] in columns, (table, key)
            if "fts_table" in settings:
                assert _columns(connection, settings["fts_table"]), settings["fts_table"]
        for query in document["databases"][DATABASE_NAME]["queries"].values():
            connection.execute(query["sql"], {"axis": "frugalite", "currency": ""}).fetchall()
    assert {"measures", "funding", "actors", "sources", "reports"} <= {
        name for name, settings in tables.items() if "fts_table" in settings
    }
    assert tables["funding"]["facets"][:3] == ["status", "kind", "year"]
    assert tables["measure_axes"]["facets"] == ["axis_id"]


def test_metadata_states_title_licence_and_source(built: Path) -> None:
    with contextlib.closing(sqlite3.connect(built)) as connection:
        document = metadata(connection, __version__)
        meta = dict(connection.execute("SELECT key, value FROM iafr_meta").fetchall())
    assert document["title"] == meta["corpus_title"]
    assert document["license"] == meta["licence"]
    assert meta["corpus_version"] in document["source"]
    assert "quote" in document["description_html"] and "not included" in document["description_html"]


def test_datasette_1_gets_settings_in_a_config_file(built: Path) -> None:
    with contextlib.closing(sqlite3.connect(built)) as connection:
        document = metadata(connection, __version__)
    assert datasette_files(document, 0) == (document, None)
    meta, config = datasette_files(document, 1)
    assert config is not None
    assert config["databases"][DATABASE_NAME]["tables"]["funding"]["facets"][0] == "status"
    assert "queries" in config["databases"][DATABASE_NAME]
    assert "facets" not in meta["databases"][DATABASE_NAME]["tables"]["funding"]
    assert meta["databases"][DATABASE_NAME]["tables"]["funding"]["description_html"]
    assert meta["license"] == document["license"]
    assert "facets" in document["databases"][DATABASE_NAME]["tables"]["funding"]  # the input is untouched


def test_export_writes_a_site_without_datasette(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = iafr("serve", "--export", str(site), data=mini)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("datasette serve -i ")
    assert (site / "iafr.db").is_file()
    written = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    assert written["title"] and written["license"]
    with contextlib.closing(sqlite3.connect(site / "iafr.db")) as connection:
        assert connection.execute("SELECT count(*) FROM measures").fetchone()[0] == 3


def test_serve_without_datasette_says_how_to_install(iafr: Invoke, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasette_metadata, "installed_major_version", lambda: None)
    result = iafr("serve", data=mini)
    assert result.exit_code == 3
    assert "pip install 'iafr[serve]'" in result.stderr
    assert "Traceback" not in result.output


def test_serve_command_line() -> None:
    site = datasette_metadata.Site(Path("/s/iafr.db"), Path("/s/metadata.json"), None)
    command = serve_command(site, "127.0.0.1", 8123, open_browser=False)
    assert command[1:4] == ["-m", "datasette", "serve"]
    assert command[command.index("--port") + 1] == "8123"
    assert "-c" not in command and "--open" not in command
    with_config = datasette_metadata.Site(site.database, site.metadata, Path("/s/datasette.json"))
    assert "-c" in serve_command(with_config, "127.0.0.1", 8123, open_browser=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get_json(url: str, process: subprocess.Popen[bytes], timeout: float = 20.0) -> Any:
    """Poll until the server answers (bounded), failing early if it died."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            pytest.fail(f"iafr serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
                return json.loads(body) if "json" in response.headers.get("content-type", "") else body
        except urllib.error.HTTPError as error:
            return {"status": error.code, "body": error.read().decode("utf-8", "replace")}
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                pytest.fail(f"no answer from {url} within {timeout} s")
            time.sleep(0.2)


NEEDS_DATASETTE = pytest.mark.skipif(
    installed_major_version() is None, reason="Datasette is not installed (pip install 'iafr[serve]')"
)


@contextlib.contextmanager
def served(data: Path, tmp_path: Path) -> Iterator[Callable[[str], Any]]:
    """``iafr serve`` on ``data``, running; yields a function GETting a JSON path of the database."""
    port = _free_port()
    command = [sys.executable, "-m", "iafr", "serve", "--data", str(data), "--db", str(tmp_path / "served.db")]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    base = f"http://127.0.0.1:{port}/{DATABASE_NAME}"

    def get(path: str) -> Any:
        """A page of the database: JSON decoded, HTML as text, an HTTP error as {status, body}."""
        return _get_json(f"{base}{path}" if path.startswith(".") else f"{base}/{path}", process)

    get.base = base  # type: ignore[attr-defined]
    try:
        yield get
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        stderr = process.stderr.read().decode() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
    assert process.returncode == 0, stderr
    assert f"serving http://127.0.0.1:{port}/iafr" in stderr


@NEEDS_DATASETTE
def test_serve_answers_search_and_facets(mini: Path, tmp_path: Path) -> None:
    with served(mini, tmp_path) as get:
        # Search goes through the FTS table (accents folded: 'frugalite' finds 'Frugalité').
        found = get("measures.json?_search=frugalite&_shape=objects")
        assert [row["id"] for row in found["rows"]] == ["m2"]
        # Facets come from the metadata defaults, without asking for them in the URL.
        funding = get("funding.json")
        statuses = {item["value"]: item["count"] for item in funding["facet_results"]["status"]["results"]}
        assert statuses == {"announced": 1, "recommended": 1, "invested": 1, "sought": 1}
        assert "year" in funding["facet_results"]
        axes = get("measure_axes.json?axis_id=environnement")
        assert sorted(row[0] for row in axes["rows"]) == ["m2", "m3"]


@NEEDS_DATASETTE
def test_datasette_shows_the_totals_iafr_funding_prints(
    iafr: Invoke, corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One totals engine for every reader: the canned query reads what the build wrote with iafr.totals
    monkeypatch.setenv("COLUMNS", "1000")  # each total on one line
    printed = iafr("funding", data=corpus_copy).stdout.splitlines()
    start = next(index for index, line in enumerate(printed) if re.fullmatch(r"\d+ funding figures", line.strip()))
    cli_totals = [line.strip() for line in printed[start + 1 :]]
    with served(corpus_copy, tmp_path) as get:
        rows = get("funding_totals.json?_shape=objects")["rows"]
    site_totals = [f"{r['status']} {r['kind']} {r['currency']}: {r['total_en']} ({r['notes_en']})" for r in rows]
    assert site_totals == cli_totals
    assert "announced private EUR: €109bn (3 figures, 2 parts counted in their whole)" in site_totals


# --- for a journalist -------------------------------------------------------------------------------


@NEEDS_DATASETTE
def test_a_journalist_reads_amounts_sorts_within_a_currency_and_reaches_the_quotes(
    corpus_copy: Path, tmp_path: Path
) -> None:
    with served(corpus_copy, tmp_path) as get:
        rows = get("funding.json?_shape=objects&_size=max")["rows"]
        macron = next(row for row in rows if row["id"] == "macron-109-mds-investissements-prives")
        assert (macron["amount"], macron["amount_shown"], macron["amount_shown_en"]) == (
            109_000_000_000,
            "109 Md€",
            "€109bn",
        )
        assert "amount_minor" not in macron and macron["counted_as"] == "counted"
        # the default sort keeps each currency together, largest first: never 500 Md$ among euros
        currencies = [row["currency"] for row in rows if row["amount"] is not None]
        assert currencies == sorted(currencies, reverse=True)
        refused = get("funding.json?_sort_desc=amount")
        assert isinstance(refused, dict) and "Cannot sort table by amount" in refused["body"]  # it would mix them
        # a figure's page reaches its sources and their quotes
        page = get("funding/macron-109-mds-investissements-prives")
        assert "funding_sources?funding_id=macron-109-mds-investissements-prives" in page
        quotes = get("funding_sources.json?_shape=objects&funding_id=macron-109-mds-investissements-prives")
        assert any("109 milliards" in (row["quote"] or "") for row in quotes["rows"])
        # facets on the vocabularies, lists as arrays: a measure's axes
        measures = get("measures.json?_size=0")
        assert {"axes", "instruments", "targets"} <= set(measures["facet_results"])
        # titles in French and English; internal tables hidden
        database = get(".json")
        hidden = {table["name"] for table in database["tables"] if table["hidden"]}
        assert {"iafr_meta", "fts_stem_keys", "record_sources", "measure_axes", "value_labels"} <= hidden
        assert "Chiffres — Funding figures" in get("funding")


@NEEDS_DATASETTE
def test_the_money_by_year_chart_draws_bars_in_proportion(corpus_copy: Path, tmp_path: Path) -> None:
    with served(corpus_copy, tmp_path) as get:
        page = get("money_by_year?currency=EUR")
        widths = [float(width) for width in re.findall(r'class="iafr-bar".*?width:([0-9.]+)%', page, re.S)]
        rows = get("money_by_year.json?_shape=objects&currency=EUR")["rows"]
        assert len(widths) == len(rows) and max(widths) == 100.0
        shares = {row["when"]: row["bar"] for row in rows}
        assert abs(shares["2024"] / shares["2025"] - 30 / 109) < 0.01  # 30 Md€ beside 109 Md€
        assert "USD" not in {row["currency"] for row in rows}


def test_a_published_database_holds_nothing_local(iafr: Invoke, corpus_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert iafr("serve", "--export", str(site), data=corpus_copy).exit_code == 0
    published = (site / "iafr.db").read_bytes()
    for local in (str(corpus_copy), str(tmp_path), "data_dir"):  # its path, its name for it
        assert local.encode() not in published, local
    with contextlib.closing(sqlite3.connect(site / "iafr.db")) as connection:
        keys = {key for (key,) in connection.execute("SELECT key FROM iafr_meta")}
        assert keys == {"schema_version", "content_hash", "corpus_version", "corpus_date", "corpus_title", "licence"}


@NEEDS_DATASETTE
@pytest.mark.parametrize("width", [390, 1280])
def test_datasette_pages_render_for_a_reader(corpus_copy: Path, tmp_path: Path, width: int) -> None:
    """The funding table, a figure's page and the totals, as a browser shows them (kept with
    IAFR_SCREENSHOTS=DIR, to be looked at)."""
    from tests.browser import screenshot, url_dom_after_script

    with served(corpus_copy, tmp_path) as get:
        get(".json")  # up
        pages = {
            "funding": "funding?_col=label&_col=amount_shown&_col=currency&_col=status&_col=kind&_col=counted_as",
            "figure": "funding/macron-109-mds-investissements-prives",
            "totals": "funding_totals",
            "chart": "money_by_year?currency=EUR",
        }
        for name, path in pages.items():
            url = f"{get.base}/{path}"  # type: ignore[attr-defined]
            dom = url_dom_after_script(url, width)
            assert "109" in dom, name
            shot = screenshot(url, tmp_path / f"datasette-{name}-{width}.png", width, 1800)
            kept = os.environ.get("IAFR_SCREENSHOTS")
            if kept:
                Path(kept).mkdir(parents=True, exist_ok=True)
                (Path(kept) / shot.name).write_bytes(shot.read_bytes())

"""``iafr export``: the corpus as a Frictionless data package, checked with Frictionless itself,
true to the listings and the models, and written whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from iafr.cli import app
from iafr.export.fields import xsd_pattern
from iafr.export.resources import resources
from iafr.kinds import BY_SECTION
from iafr.models import MAX_MEASURES, FundingStatus, SourceKind
from iafr.store.tables import tables
from iafr.workspace import corpus_version
from tests.conftest import REPO_DATA, Invoke

FRICTIONLESS = Path(sys.executable).with_name("frictionless")
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z
LISTINGS = ("measures", "funding", "actors", "axes", "sources")


def frictionless(package: Path) -> dict[str, Any]:
    """``frictionless validate --json`` on a package: its report."""
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(package / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    assert (done.returncode == 0) == report["valid"], done.stderr
    return report


def errors(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export of the shipped corpus (once for the module: Frictionless takes seconds)."""
    root = tmp_path_factory.mktemp("shipped")
    corpus = root / "corpus"
    shutil.copytree(REPO_DATA, corpus, ignore=shutil.ignore_patterns("*.md", "__init__.py"))
    argv = ["export", str(root / "package"), "--data", str(corpus), "--db", str(root / "iafr.db")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
        result = CliRunner().invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.startswith(f"iafr: wrote {root / 'package'}: datapackage.json and ")
    return root


def descriptor(package: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return document


def resource(package: Path, name: str) -> dict[str, Any]:
    return next(entry for entry in descriptor(package)["resources"] if entry["name"] == name)


def schema_field(package: Path, table: str, name: str) -> dict[str, Any]:
    return next(field for field in resource(package, table)["schema"]["fields"] if field["name"] == name)


# --- valid, as Frictionless reads it ------------------------------------------------------------


def test_frictionless_validates_the_export_of_the_shipped_corpus(shipped: Path) -> None:
    report = frictionless(shipped / "package")
    assert report["valid"] and errors(report) == []
    assert {task["name"] for task in report["tasks"]} == {table.name for table in tables()} - {"iafr_meta"} | {
        "funding_totals"
    }
    assert all(task["stats"]["rows"] > 0 for task in report["tasks"])  # every table of the shipped corpus has rows


def test_a_foreign_key_broken_on_purpose_fails_validation(shipped: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(shipped / "package", package)
    links = package / "measure_axes.csv"
    header, first, *rest = links.read_bytes().decode("utf-8").split("\r\n")
    measure, axis = first.split(",")
    links.write_bytes("\r\n".join([header, f"{measure},no-such-axis", *rest]).encode("utf-8"))
    report = frictionless(package)
    assert not report["valid"]
    assert errors(report) == [("measure_axes", "foreign-key")]
    (error,) = report["tasks"][[task["name"] for task in report["tasks"]].index("measure_axes")]["errors"]
    assert "no-such-axis" in error["message"] and axis != "no-such-axis"


def test_a_value_outside_its_vocabulary_fails_validation(shipped: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(shipped / "package", package)
    funding = package / "funding.csv"
    funding.write_bytes(funding.read_bytes().replace(b",period,invested,", b",period,promised,", 1))
    assert errors(frictionless(package)) == [("funding", "constraint-error")]


# --- the same records and columns as the listings -----------------------------------------------


@pytest.mark.parametrize("listing", LISTINGS)
def test_an_entity_table_is_its_listing_as_csv(shipped: Path, listing: str) -> None:
    result = CliRunner().invoke(
        app, [listing, "--format", "csv", "--data", str(shipped / "corpus"), "--db", str(shipped / "iafr.db")]
    )
    assert result.exit_code == 0, result.output
    published = list(csv.reader(io.StringIO((shipped / "package" / f"{listing}.csv").read_text("utf-8"), newline="")))
    computed = [item.name for item in BY_SECTION[listing].computed]  # what a published copy adds (counted_as)
    kept = [index for index, name in enumerate(published[0]) if name not in computed]
    listed = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert [[row[index] for index in kept] for row in published] == listed


def test_every_table_of_the_store_is_one_described_resource(shipped: Path) -> None:
    document = descriptor(shipped / "package")
    names = [entry["name"] for entry in document["resources"]]
    # the build's order (each key to a table listed before), then the totals of iafr's engine
    assert names == [*(table.name for table in tables()), "funding_totals"]
    assert sorted(path.name for path in (shipped / "package").iterdir()) == sorted(
        ["datapackage.json", *(f"{name}.csv" for name in names)]
    )
    for entry in document["resources"]:
        assert entry["description"] and entry["path"] == f"{entry['name']}.csv" and entry["encoding"] == "utf-8"
        with open(shipped / "package" / entry["path"], encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in entry["schema"]["fields"]], entry["name"]


def test_descriptor_states_licence_sources_version_and_creation(shipped: Path) -> None:
    document = descriptor(shipped / "package")
    assert document["profile"] == "tabular-data-package" and document["name"] == "iafr"
    assert document["version"] == corpus_version(REPO_DATA) and document["created"] == "2026-12-01T00:00:00Z"
    (licence,) = document["licenses"]
    assert licence == {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Compilation: CC BY 4.0; quotes belong to their authors and are cited briefly",
    }
    with open(shipped / "package" / "sources.csv", encoding="utf-8", newline="") as handle:
        bibliography = list(csv.DictReader(handle))
    expected = [{"title": row["title"], **({"path": row["url"]} if row["url"] else {})} for row in bibliography]
    assert document["sources"] == expected and len(expected) == 15


# --- types, keys and vocabularies, from the models and the declarations -------------------------


def test_field_types_come_from_the_models(shipped: Path) -> None:
    package = shipped / "package"

    def shape(table: str, name: str) -> tuple[str, dict[str, Any]]:
        field = schema_field(package, table, name)
        return field["type"], field.get("constraints", {})

    assert shape("funding", "amount") == ("number", {})  # exact, in full units; cents allowed, so not integer
    assert shape("funding", "per_year") == ("boolean", {"required": True})
    assert shape("funding", "status") == ("string", {"required": True, "enum": [s.value for s in FundingStatus]})
    assert shape("sources", "kind")[1]["enum"] == [kind.value for kind in SourceKind]
    assert shape("funding", "earliest") == ("date", {}) and shape("funding", "year") == ("year", {})
    assert shape("measures", "number") == ("integer", {"minimum": 1, "maximum": MAX_MEASURES})
    assert shape("facts", "value") == ("number", {})
    assert shape("funding_actors", "role")[1]["enum"] == ["funder", "recipient", "announcer", "via"]
    cited = ["measure", "report", "funding", "actor", "statement", "event", "source", "fact"]
    assert shape("record_sources", "record_type")[1]["enum"] == cited
    assert shape("measures", "axes")[1]["required"]  # a measure is on one axis at least
    booleans = schema_field(package, "funding", "per_year")
    assert (booleans["trueValues"], booleans["falseValues"]) == (["true"], ["false"])


@pytest.mark.parametrize(
    ("table", "name", "good", "bad"),
    [
        ("sources", "date", ["2024", "2024-03", "2023-06-14"], ["2024-3", "mars 2024", "2024/2025"]),
        ("funding", "when", ["2018/2022~", "2019/..", "../2025", "[..2024-03]", "[2023-10..]", "2025-02~"], ["2024-"]),
        ("funding", "id", ["etat-plan-ia-1-5-mds-2025"], ["Etat", "a--b", "-a"]),
        ("measures", "axes", ["", "frugalite", "frugalite;open-source"], ["frugalite;", "frugalite; open-source"]),
    ],
)
def test_patterns_accept_the_models_values_only(
    shipped: Path, table: str, name: str, good: list[str], bad: list[str]
) -> None:
    import re

    pattern = schema_field(shipped / "package", table, name)["constraints"]["pattern"]
    assert "(?:" not in pattern and not pattern.startswith("^")  # XML Schema's syntax, implicitly anchored
    assert all(re.fullmatch(pattern, value) for value in good)
    assert not any(re.fullmatch(pattern, value) for value in bad)


def test_keys_are_the_stores(shipped: Path) -> None:
    package = shipped / "package"
    assert resource(package, "funding_actors")["schema"]["primaryKey"] == ["funding_id", "actor_id", "role"]
    assert resource(package, "measures")["schema"]["foreignKeys"] == [
        {"fields": ["report"], "reference": {"resource": "reports", "fields": ["id"]}}
    ]
    assert {"fields": ["part_of"], "reference": {"resource": "", "fields": ["id"]}} in resource(package, "funding")[
        "schema"
    ]["foreignKeys"]
    assert {"fields": ["axis_id"], "reference": {"resource": "axes", "fields": ["id"]}} in resource(
        package, "measure_axes"
    )["schema"]["foreignKeys"]


@pytest.mark.parametrize(
    ("pattern", "xsd"),
    [
        (r"^[a-z0-9]+(?:-[a-z0-9]+)*$", r"([a-z0-9]+(-[a-z0-9]+)*)"),
        (r"^[A-Z]{3}$", r"([A-Z]{3})"),
        (r"a|b", r"(a|b)"),  # grouped: an anchored alternation still means the whole value
    ],
)
def test_patterns_are_written_for_xml_schema(pattern: str, xsd: str) -> None:
    assert xsd_pattern(pattern) == xsd


# --- cells as the listings write them -----------------------------------------------------------


def test_a_cell_a_spreadsheet_would_run_gets_a_quote_unless_raw(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    path = mini / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Accès au supercalculateur", "title: '=HYPERLINK(1)'"), "utf-8")
    assert iafr("export", str(tmp_path / "safe"), data=mini).exit_code == 0
    assert iafr("export", str(tmp_path / "raw"), "--raw-csv", data=mini).exit_code == 0
    safe = (tmp_path / "safe" / "measures.csv").read_text(encoding="utf-8")
    raw = (tmp_path / "raw" / "measures.csv").read_text(encoding="utf-8")
    assert ",'=HYPERLINK(1)," in safe and ",=HYPERLINK(1)," in raw
    assert "leading '" in descriptor(tmp_path / "safe")["description_en"]
    assert "leading '" not in descriptor(tmp_path / "raw")["description_en"]


def test_an_empty_table_still_has_its_header(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    assert iafr("export", str(tmp_path / "package"), data=mini).exit_code == 0
    empty = [
        entry for entry in descriptor(tmp_path / "package")["resources"]
        if (tmp_path / "package" / entry["path"]).read_bytes().count(b"\r\n") == 1
    ]  # fmt: skip
    assert empty, "the mini corpus leaves some table empty"
    assert frictionless(tmp_path / "package")["valid"]


# --- bad input: one line, a documented exit code, nothing half-written ---------------------------


def test_a_non_empty_directory_is_refused_without_force(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = iafr("export", str(target), data=mini)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"iafr: {target} is not empty; pass --force to replace the data package in it, or give a new directory\n"
    )
    assert sorted(path.name for path in target.iterdir()) == ["notes.txt"]


def test_force_replaces_a_package_and_nothing_else(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert iafr("export", str(target), data=mini).exit_code == 0
    before = {path.name: path.read_bytes() for path in target.iterdir()}
    assert iafr("export", str(target), data=mini).exit_code == 2  # a package is not replaced without --force
    path = mini / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Accès au supercalculateur", "title: Renamed"), "utf-8")
    assert iafr("export", str(target), "--force", data=mini).exit_code == 0
    assert "Renamed" in (target / "measures.csv").read_text(encoding="utf-8")
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = iafr("export", str(target), "--force", data=mini)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "notes.txt" in result.stderr
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert set(before) | {"notes.txt"} == {path.name for path in target.iterdir()}


@pytest.mark.parametrize("kind", ["file", "link to a file"])
def test_a_file_is_not_a_directory(iafr: Invoke, mini: Path, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    if kind == "file":
        target = tmp_path / "file"
    else:
        target.symlink_to(tmp_path / "file")
    result = iafr("export", str(target), data=mini)
    assert result.exit_code == 2 and "is not a directory" in result.stderr and result.stderr.count("\n") == 1
    assert (tmp_path / "file").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("where", ["/proc/iafr-cannot-exist/out", "under-a-file/out"])
def test_an_unwritable_place_is_an_environment_failure(iafr: Invoke, mini: Path, tmp_path: Path, where: str) -> None:
    (tmp_path / "under-a-file").write_text("a file, not a directory", encoding="utf-8")
    target = Path(where) if where.startswith("/") else tmp_path / where
    result = iafr("export", str(target), data=mini)
    assert result.exit_code == 3 and result.stderr.startswith("iafr: cannot write the data package")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_link_to_a_directory_replaces_that_directory(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert iafr("export", str(tmp_path / "link"), data=mini).exit_code == 0
    assert (tmp_path / "link").is_symlink() and (tmp_path / "real" / "datapackage.json").is_file()


def _leftovers(parent: Path) -> list[str]:
    return sorted(path.name for path in parent.iterdir() if path.name.startswith("."))


@pytest.mark.parametrize("existing", [False, True])
def test_an_interrupted_export_leaves_what_was_there(
    iafr: Invoke, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    from iafr.export import directory

    target = tmp_path / "out"
    if existing:
        assert iafr("export", str(target), data=mini).exit_code == 0
    before = {path.name: path.read_bytes() for path in target.iterdir()} if existing else None
    written: list[Path] = []
    real = directory._write_file

    def interrupted(path: Path, text: str) -> None:
        if len(written) == 4:
            raise KeyboardInterrupt
        written.append(path)
        real(path, text)

    monkeypatch.setattr(directory, "_write_file", interrupted)
    result = iafr("export", str(target), "--force", data=mini)
    assert result.exit_code == 130
    assert len(written) == 4 and not written[0].exists()  # the temporary directory is gone
    assert _leftovers(tmp_path) == []
    if existing:
        assert {path.name: path.read_bytes() for path in target.iterdir()} == before
    else:
        assert not target.exists()


def test_a_failed_rename_puts_the_previous_package_back(
    iafr: Invoke, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iafr.export import directory

    target = tmp_path / "out"
    assert iafr("export", str(target), data=mini).exit_code == 0
    before = {path.name: path.read_bytes() for path in target.iterdir()}
    real = directory.os.rename

    def failing(source: Any, destination: Any) -> None:
        if Path(destination) == target and str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real(source, destination)

    monkeypatch.setattr(directory.os, "rename", failing)
    result = iafr("export", str(target), "--force", data=mini)
    assert result.exit_code == 3 and "No space left on device" in result.stderr
    assert {path.name: path.read_bytes() for path in target.iterdir()} == before
    assert _leftovers(tmp_path) == []


# --- the query path never pays for it -----------------------------------------------------------


def test_the_warm_query_path_imports_nothing_of_the_export_or_the_citations(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    code = (
        "import sys\nfrom iafr.cli import main\n"
        f"sys.argv = ['iafr', 'measures', '--axis', 'frugalite', '--format', 'csv', '--data', {str(mini)!r}, "
        f"'--db', {str(db)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(name for name in sys.modules if name.startswith(('iafr', 'frictionless', 'bibtexparser'))))"
    )
    for _ in range(2):  # the first run builds the database; the second is the warm path
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"')))
    assert not {"iafr.export", "iafr.citations", "iafr.publication", "iafr.cli.publish_commands"} & loaded
    assert not {"iafr.render.citations", "iafr.render.csl", "iafr.render.bibtex", "iafr.render.reference"} & loaded
    assert not {name for name in loaded if name.startswith(("frictionless", "bibtexparser"))}


# --- for a French publisher: titles, descriptions and examples in French with English beside --------


def test_every_resource_and_field_has_titles_descriptions_and_an_example(shipped: Path) -> None:
    """As schema.data.gouv.fr asks: every field titled, described and exemplified, in French (what
    French catalogues read) with the English beside it."""
    document = descriptor(shipped / "package")
    assert (
        document["description"] and document["description_en"] and document["description"] != document["description_en"]
    )
    missing = []
    for entry in document["resources"]:
        for key in ("title", "title_en", "description", "description_en"):
            if not entry.get(key):
                missing.append(f"{entry['name']}: {key}")
        for field in entry["schema"]["fields"]:
            for key in ("title", "title_en", "description", "description_en", "example"):
                if not field.get(key):
                    missing.append(f"{entry['name']}.{field['name']}: {key}")
    assert missing == []
    funding = resource(shipped / "package", "funding")
    amount = next(field for field in funding["schema"]["fields"] if field["name"] == "amount")
    assert (amount["title"], amount["title_en"]) == ("Montant", "Amount")
    assert amount["description"].startswith("Exact, en unités") and amount["description_en"].startswith("Exact, in")
    assert (funding["title"], funding["title_en"]) == ("Chiffres", "Funding figures")


def test_a_naive_sum_of_the_counted_rows_is_the_engines_total(shipped: Path) -> None:
    """pandas on the export once summed 179 Md€ of announced private euros in 2025, the parts beside
    their whole: the rows say how the totals count them, and the totals are published too."""
    with open(shipped / "package" / "funding.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [r for r in rows if (r["currency"], r["status"], r["kind"], r["per_year"]) == ("EUR", "announced",
              "private", "false") and r["amount"]]  # fmt: skip
    naive = sum(float(r["amount"]) for r in chosen)
    counted = sum(float(r["amount"]) for r in chosen if r["counted_as"] == "counted")
    assert naive > counted == 109e9
    with open(shipped / "package" / "funding_totals.csv", encoding="utf-8", newline="") as handle:
        totals = {(t["currency"], t["status"], t["kind"], t["basis"]): t for t in csv.DictReader(handle)}
    total = totals[("EUR", "announced", "private", "total")]
    assert float(total["high"]) == counted and (total["total"], total["total_en"]) == ("109 Md€", "€109bn")


def test_licence_ouverte_is_recognised_and_a_package_under_it_validates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO_DATA, corpus, ignore=shutil.ignore_patterns("*.md"))
    info = corpus / "corpus.yaml"
    info.write_text(re.sub(r"(?m)^licence: .*$", 'licence: "Licence Ouverte 2.0 (etalab-2.0)"',
                           info.read_text("utf-8")), "utf-8")  # fmt: skip
    argv = ["export", str(tmp_path / "package"), "--data", str(corpus), "--db", str(tmp_path / "iafr.db")]
    assert CliRunner().invoke(app, argv).exit_code == 0
    document = descriptor(tmp_path / "package")
    assert document["licenses"] == [
        {
            "name": "etalab-2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "title": "Licence Ouverte 2.0 (etalab-2.0)",
        }
    ]
    report = frictionless(tmp_path / "package")
    assert report["valid"] and errors(report) == []


def test_an_unknown_licence_is_refused_by_check_never_dropped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO_DATA, corpus, ignore=shutil.ignore_patterns("*.md"))
    info = corpus / "corpus.yaml"
    info.write_text(re.sub(r"(?m)^licence: .*$", 'licence: "Tous droits réservés"', info.read_text("utf-8")), "utf-8")
    result = CliRunner().invoke(app, ["check", "--data", str(corpus)])
    assert result.exit_code == 1
    assert "corpus.yaml:5:10: schema: licence: 'Tous droits réservés' names no licence iafr knows" in result.stdout
    assert "Licence Ouverte 2.0 (etalab-2.0)" in result.stdout


def test_every_published_column_has_a_french_title() -> None:
    """A new column is titled in the catalogue (iafr.export.titles) before it is published."""
    from iafr.export import titles

    source = Path(titles.__file__).read_text(encoding="utf-8")
    from iafr.workspace import connect, resolve_workspace

    with contextlib.closing(connect(resolve_workspace(REPO_DATA, None))) as connection:
        names = {field["name"] for entry in resources(connection) for field in entry.fields}
    missing = [name for name in names if f'NP_("field", "{name.replace("_", " ")}")' not in source]
    assert missing == []

"""The query commands through the real CLI, on the mini corpus in a temporary directory."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from iafr.render.csv import render_csv
from iafr.render.listing import LISTING_RENDERERS, ListingFormat
from tests.conftest import Invoke


def ids(output: str) -> list[str]:
    return [record["id"] for record in json.loads(output)]


def run_json(iafr: Invoke, mini: Path, *args: str) -> list[str]:
    result = iafr(*args, "--format", "json", data=mini)
    assert result.exit_code == 0, result.output
    return ids(result.stdout)


def test_every_listing_format_has_a_renderer() -> None:
    assert set(LISTING_RENDERERS) == set(ListingFormat)


# --- measures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("axis", ["frugalite", "Frugalité", "FRUGALITE", "Frugality", " frugalité "])
def test_axis_by_id_label_or_english_label(iafr: Invoke, mini: Path, axis: str) -> None:
    assert run_json(iafr, mini, "measures", "--axis", axis) == ["m2"]


def test_several_axes_combine_with_and_or_any(iafr: Invoke, mini: Path) -> None:
    assert run_json(iafr, mini, "measures", "--axis", "environnement", "--axis", "frugalite") == ["m2"]
    assert run_json(iafr, mini, "measures", "--axis", "calcul", "--axis", "frugalite") == []
    assert run_json(iafr, mini, "measures", "--axis", "calcul", "--axis", "frugalite", "--any-axis") == ["m1", "m2"]


def test_unknown_axis_exits_2_with_closest_match(iafr: Invoke, mini: Path) -> None:
    result = iafr("measures", "--axis", "environement", data=mini)
    assert result.exit_code == 2
    assert "Did you mean environnement (" in result.stderr  # the id, with its label
    assert "Valid values: calcul, environnement, frugalite" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--report", "rapport-test", ["m1", "m2", "m3"]),
        ("--report", "Rapport de TEST", ["m1", "m2", "m3"]),
        ("--actor", "jean-zay", ["m1"]),
        ("--actor", "Jean Zey", ["m1"]),  # an alias, typo included
        ("--chapter", "1", ["m1"]),  # a chapter includes its sub-chapters
        ("--chapter", "5", ["m2", "m3"]),
        ("--kind", "measure", ["m1", "m2", "m3"]),
        ("--query", "frugaux", ["m2"]),
        ("--query", "supercalculateur", ["m1"]),
        ("--sort", "-number", ["m3", "m2", "m1"]),
        ("--sort", "title", ["m1", "m2", "m3"]),
        ("--limit", "2", ["m1", "m2"]),
    ],
)
def test_measure_options(iafr: Invoke, mini: Path, option: str, value: str, expected: list[str]) -> None:
    assert run_json(iafr, mini, "measures", option, value) == expected


def test_unknown_actor_and_report_exit_2(iafr: Invoke, mini: Path) -> None:
    assert iafr("measures", "--actor", "nobody", data=mini).exit_code == 2
    assert iafr("measures", "--report", "nothing", data=mini).exit_code == 2


def test_sort_outside_allow_list_is_a_usage_error(iafr: Invoke, mini: Path) -> None:
    result = iafr("measures", "--sort", "id; DROP TABLE measures", data=mini)
    assert result.exit_code == 2
    assert "cannot sort by" in result.stderr


# --- formats ----------------------------------------------------------------------------------


def test_same_records_in_every_format(iafr: Invoke, mini: Path) -> None:
    as_json = ids(iafr("measures", "--format", "json", data=mini).stdout)
    as_csv = iafr("measures", "--format", "csv", data=mini).stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [row["id"] for row in rows] == as_json
    assert rows[1]["axes"] == "environnement;frugalite"  # lists joined with ';'
    assert as_csv.startswith("id,report,kind,number,chapter,title")
    table = iafr("measures", data=mini).stdout
    markdown = iafr("measures", "--format", "md", data=mini).stdout
    for record_id in as_json:
        assert record_id in table and f"| {record_id} |" in markdown
    assert "3 measures" in table and "\x1b[" not in table  # caption; no ANSI when piped


def test_csv_is_rfc4180() -> None:
    text = render_csv([{"id": "a", "text": 'dit "oui", puis\nnon', "axes": ["x", "y"]}])
    assert text == 'id,text,axes\r\na,"dit ""oui"", puis\nnon",x;y\r\n'


def test_table_caption_names_the_filters(iafr: Invoke, mini: Path) -> None:
    out = iafr("measures", "--axis", "frugalite", "--chapter", "5", data=mini).stdout
    assert "1 measure · axis frugalite, chapter 5" in out


def test_empty_result_says_so_and_exits_0(iafr: Invoke, mini: Path) -> None:
    table = iafr("measures", "--query", "quantique", data=mini)
    assert table.exit_code == 0 and "no measures match" in table.stdout
    as_json = iafr("measures", "--query", "quantique", "--format", "json", data=mini)
    assert as_json.exit_code == 0 and as_json.stdout.strip() == "[]"
    assert "no measures match" in as_json.stderr


def test_rich_markup_in_data_prints_literally(iafr: Invoke, mini: Path) -> None:
    path = mini / "recommendations.yaml"
    path.write_text(path.read_text().replace("title: Frugalité des modèles", 'title: "[bold]Frugalité[/] des modèles"'))
    out = iafr("--lang", "fr", "measures", "--axis", "frugalite", data=mini)  # the French title
    assert out.exit_code == 0
    assert "[bold]Frugalité[/]" in out.stdout


# --- funding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # vague-test has no date: its source reports it, so it existed by then and can fall in any
        # range before the source's date (basis "reported")
        (("--since", "2023"), ["plan-test", "enveloppe-test", "vague-test"]),
        (("--since", "2024"), ["enveloppe-test"]),
        (("--until", "2023"), ["us-test", "plan-test", "vague-test"]),
        (("--since", "2019", "--until", "2019"), ["us-test", "vague-test"]),
        (("--since", "2019", "--until", "2019", "--strict-dates"), ["us-test"]),
        (("--actor", "etat"), ["plan-test"]),
        (("--actor", "État français"), ["plan-test"]),
        (("--status", "recommended"), ["enveloppe-test"]),
        (("--kind", "private"), ["us-test", "vague-test"]),
        (("--currency", "usd"), ["us-test"]),
        (("--min", "2 Md€"), ["enveloppe-test"]),  # euros only: 10 Md$ is not "at least 2 Md€"
        (("--min", "2000000000", "--currency", "EUR"), ["enveloppe-test"]),
        (("--min", "2 Md$"), ["us-test"]),
        (("--max", "2 Md€"), ["plan-test"]),
        (("--min", "1 Md€", "--max", "2 Md€"), ["plan-test"]),
        # grouped by currency first (euros, then dollars), each by amount
        (("--sort", "-amount"), ["enveloppe-test", "plan-test", "vague-test", "us-test"]),
        (("--sort", "amount"), ["vague-test", "plan-test", "enveloppe-test", "us-test"]),
    ],
)
def test_funding_options(iafr: Invoke, mini: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert run_json(iafr, mini, "funding", *args) == expected


def test_funding_json_amounts_are_exact(iafr: Invoke, mini: Path) -> None:
    records = {r["id"]: r for r in json.loads(iafr("funding", "--format", "json", data=mini).stdout)}
    assert records["plan-test"]["amount"] == 1_500_000_000
    assert records["enveloppe-test"]["upper"] == 15_000_000_000 and records["enveloppe-test"]["per_year"] is True
    assert records["us-test"]["currency"] == "USD"
    assert records["vague-test"]["amount"] is None
    assert records["vague-test"]["stated"] == "plusieurs centaines de millions d'euros"


def test_funding_table_has_human_amounts_and_separate_totals(iafr: Invoke, mini: Path) -> None:
    out = iafr("funding", data=mini).stdout
    for text in ("€1.5bn", "> $10bn", "€5–15bn/yr"):
        assert text in out
    assert "announced public EUR: €1.5bn (1 figure)" in out
    assert "recommended mixed EUR: €5–15bn a year (1 figure)" in out
    assert "invested private USD: at least $10bn (1 figure)" in out
    assert "sought private EUR: no amount (1 figure, 1 without amount, not summed)" in out


@pytest.mark.parametrize(
    "args", [("--status", "promised"), ("--kind", "public-private"), ("--min", "beaucoup"), ("--since", "x")]
)
def test_funding_bad_values_exit_2(iafr: Invoke, mini: Path, args: tuple[str, ...]) -> None:
    assert iafr("funding", *args, data=mini).exit_code == 2


# --- actors, vocabularies, show -----------------------------------------------------------------


def test_actors_filters(iafr: Invoke, mini: Path) -> None:
    assert run_json(iafr, mini, "actors") == ["etat", "hub-test", "jean-zay"]
    assert run_json(iafr, mini, "actors", "--kind", "infrastructure") == ["jean-zay"]
    assert run_json(iafr, mini, "actors", "--country", "fr", "--sort", "-name") == ["jean-zay", "hub-test", "etat"]
    assert iafr("actors", "--kind", "robot", data=mini).exit_code == 2


def test_axes_and_sources_carry_counts(iafr: Invoke, mini: Path) -> None:
    axes = json.loads(iafr("axes", "--format", "json", data=mini).stdout)
    assert {a["id"]: a["measures"] for a in axes} == {"environnement": 2, "frugalite": 1, "calcul": 1}
    sources = json.loads(iafr("sources", "--format", "json", data=mini).stdout)
    # a fact is a record citing its source
    assert {s["id"]: s["records"] for s in sources} == {"rapport-test": 6, "article-test": 6}


def test_axes_and_sources_list_the_columns_the_store_declares(iafr: Invoke, mini: Path) -> None:
    from iafr.store.select import listing_shape

    for listing, count in (("axes", "measures"), ("sources", "records")):
        (first, *_) = json.loads(iafr(listing, "--format", "json", data=mini).stdout)
        assert list(first) == [*listing_shape(listing, "x").keys, count]
    assert {"date_note", "note", "primary"} <= set(first)  # how a date was inferred, the curator's remark


def test_show_a_measure_an_actor_and_a_figure(iafr: Invoke, mini: Path) -> None:
    measure = json.loads(iafr("show", "m1", "--format", "json", data=mini).stdout)[0]
    assert measure["type"] == "measure" and [(a["id"], a["label"]) for a in measure["axes"]] == [("calcul", "Calcul")]
    assert measure["sources"][0]["quote"] == "accès à Jean Zay"
    actor = json.loads(iafr("show", "jean-zay", "--format", "json", data=mini).stdout)[0]
    assert [m["id"] for m in actor["measures"]] == ["m1"]
    assert actor["relations"][0]["type"] == "part-of"
    state = json.loads(iafr("show", "etat", "--format", "json", data=mini).stdout)[0]
    assert [f["id"] for f in state["funded"]] == ["plan-test"]
    figure = json.loads(iafr("show", "plan-test", "--format", "json", data=mini).stdout)[0]
    assert [m["id"] for m in figure["measures"]] == ["m3"]
    both = json.loads(iafr("show", "rapport-test", "--format", "json", data=mini).stdout)
    assert [r["type"] for r in both] == ["report", "source"]  # in the order iafr.kinds declares them
    assert "Accès au supercalculateur" in iafr("show", "m1", data=mini).stdout


def test_show_unknown_id_suggests(iafr: Invoke, mini: Path) -> None:
    result = iafr("show", "jean-za", data=mini)
    assert result.exit_code == 2 and "did you mean jean-zay" in result.stderr


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["frugalite", "FRUGALITÉ", "frugal*"])
def test_search_ignores_accents_and_case(iafr: Invoke, mini: Path, text: str) -> None:
    found = json.loads(iafr("search", text, "--format", "json", data=mini).stdout)
    assert [(r["type"], r["id"]) for r in found] == [("measure", "m2"), ("axis", "frugalite")]  # axes are searched too
    # the words that matched are listed as written; the excerpt itself carries no marker
    assert found[0]["matched"][0] == "Frugalité" and "«" not in found[0]["excerpt"]


def test_search_finds_actor_aliases(iafr: Invoke, mini: Path) -> None:
    found = json.loads(iafr("search", "jean zey", "--format", "json", data=mini).stdout)
    assert [r["id"] for r in found] == ["jean-zay"]


@pytest.mark.parametrize("text", ['"', "AND(", "-", "frugal* AND(", 'NEAR("x"', "*", "jean-zay"])
def test_malformed_fts_syntax_is_searched_literally(iafr: Invoke, mini: Path, text: str) -> None:
    result = iafr("search", text, "--format", "json", data=mini)
    assert result.exit_code in (0, 2), result.output  # 2 only when no word at all is left
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert "holds no word" in result.stderr


# --- freshness ----------------------------------------------------------------------------------


def test_data_change_is_picked_up_without_build(iafr: Invoke, mini: Path) -> None:
    assert run_json(iafr, mini, "measures", "--axis", "calcul") == ["m1"]
    path = mini / "recommendations.yaml"
    path.write_text(path.read_text().replace("axes: [environnement]", "axes: [environnement, calcul]"))
    assert run_json(iafr, mini, "measures", "--axis", "calcul") == ["m1", "m3"]


def test_invalid_data_refuses_to_query(iafr: Invoke, mini: Path) -> None:
    path = mini / "actors.yaml"
    path.write_text(path.read_text().replace("kind: state", "kind: etat"))
    result = iafr("measures", data=mini)
    assert result.exit_code == 1
    assert "actors.yaml:" in result.stderr and "kind" in result.stderr


def test_totals_never_mix_and_flag_possible_double_counting() -> None:
    from decimal import Decimal

    from iafr.totals import funding_totals

    def figure(fid: str, amount: str, currency: str = "EUR", status: str = "announced", **extra: object) -> dict:
        return {
            "id": fid,
            "amount": Decimal(amount),
            "upper": None,
            "currency": currency,
            "status": status,
            "kind": "public",
            "per_year": False,
            "precision": "exact",
            "related": [],
            "part_of": None,
            "same_as": None,
            **extra,
        }

    totals = funding_totals(
        [
            figure("a", "100", related=["b"]),
            figure("b", "20", related=["a"]),
            figure("c", "5", currency="USD"),
            figure("d", "7", status="recommended"),
            figure("e", "3", per_year=True),
            figure("f", "11", kind="private"),  # public and private money are never added
        ]
    )
    summary = {(t["currency"], t["status"], t["kind"], t["per_year"]): (t["high"], t["overlapping"]) for t in totals}
    assert summary == {  # the most each group can be; a and b may be the same money (at least 100)
        ("EUR", "announced", "public", False): (Decimal(120), 2),
        ("EUR", "announced", "public", True): (Decimal(3), 0),
        ("EUR", "announced", "private", False): (Decimal(11), 0),
        ("EUR", "recommended", "public", False): (Decimal(7), 0),
        ("USD", "announced", "public", False): (Decimal(5), 0),
    }


@pytest.mark.parametrize("columns", [60, 80, 100, 140])
@pytest.mark.parametrize("command", ["measures", "funding", "actors", "axes", "sources"])
def test_tables_fit_the_width_and_wrap_words(
    iafr: Invoke, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, columns: int, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = iafr(command, data=corpus_copy).stdout
    lines = out.splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    # the right border is there: nothing was cropped
    assert all(line.rstrip().endswith(("┓", "┃", "┩", "│", "┘")) for line in lines if line.startswith(("┏", "┃", "│")))


def test_show_offers_only_the_formats_it_has(iafr: Invoke, mini: Path) -> None:
    help_text = iafr("show", "--help").stdout
    assert "<table|json|md>" in help_text and "csv" not in help_text
    assert iafr("show", "m1", "--format", "csv", data=mini).exit_code == 2
    for fmt in ("table", "json", "md"):
        assert iafr("show", "m1", "--format", fmt, data=mini).exit_code == 0

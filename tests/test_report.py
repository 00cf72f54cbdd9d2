"""``iafr report``: every figure from the store, in every format; the HTML chart renders in a browser."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from iafr.render.report import REPORT_RENDERERS
from iafr.render.report_sections import ReportFormat, report_format, report_page
from iafr.report import ReportData, build_report
from iafr.workspace import Workspace, connect
from tests.conftest import Invoke


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def report_data(mini: Path, tmp_path: Path) -> ReportData:
    with connect(Workspace(mini, tmp_path / "report.db")) as connection:
        return build_report(connection)


def test_figures_come_from_the_store(mini: Path, tmp_path: Path) -> None:
    data = report_data(mini, tmp_path)
    assert {row["entity"]: row["records"] for row in data.counts} == {
        "measures": 3,
        "reports": 1,
        "funding": 4,
        "actors": 3,
        "statements": 0,
        "events": 0,
        "sources": 2,
        "axes": 3,
    }
    totals = {(r["currency"], r["status"], r["kind"], r["per_year"]): r for r in data.funding_totals}
    assert totals["EUR", "announced", "public", False]["low"] == Decimal(1_500_000_000)
    assert totals["EUR", "recommended", "mixed", True]["high"] == Decimal(15_000_000_000)
    assert totals["EUR", "sought", "private", False]["without_amount"] == 1
    # "more than 10 Md$": at least 10 Md$, no upper bound
    usd = totals["USD", "invested", "private", False]
    assert (usd["low"], usd["high"]) == (Decimal(10_000_000_000), None)
    assert data.currencies == ["EUR", "USD"]
    # one-off figures with an amount and a year; per-year and vague ones are counted, not charted
    assert [(r["currency"], r["when"], r["status"], r["low"]) for r in data.money_by_year] == [
        ("EUR", "2023", "announced", Decimal(1_500_000_000)),
        ("USD", "2019", "invested", Decimal(10_000_000_000)),
    ]
    assert data.not_charted == {"without_amount": 1, "per_year": 1, "without_year": 0}
    assert {row["id"]: row["measures"] for row in data.axes} == {"environnement": 2, "frugalite": 1, "calcul": 1}
    assert [(row["chapter"], row["measures"]) for row in data.chapters] == [("1", 0), ("1.1", 1), ("5", 2)]
    assert [(row["id"], row["links"]) for row in data.actors] == [("hub-test", 2), ("jean-zay", 2), ("etat", 1)]
    # a fact is a record citing its source
    assert {row["id"]: row["records"] for row in data.sources} == {"rapport-test": 6, "article-test": 6}
    assert data.meta["corpus_version"] == "0.0.1"


def test_an_edit_to_the_yaml_changes_the_report(iafr: Invoke, mini: Path) -> None:
    before = iafr("report", "--format", "md", data=mini)
    assert "| EUR | announced | public | total | 1 | €1.5bn |  |" in before.stdout
    edit(mini / "funding.yaml", 'amount: "1,5 Md€"', 'amount: "2 Md€"')
    edit(mini / "funding.yaml", 'quote: "1,5 milliards d\'euros"', 'quote: "2 milliards d\'euros"')  # stated-amount
    after = iafr("report", "--format", "md", data=mini)
    assert after.exit_code == 0, after.output
    assert "| EUR | announced | public | total | 1 | €2bn |  |" in after.stdout


def test_terminal_report(iafr: Invoke, mini: Path) -> None:
    result = iafr("report", data=mini)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Built from corpus 0.0.1 of 2026-01-15 (content sha256 " in text
    assert "3 measures · 1 report · 4 funding figures" in text
    for title in ("Funding totals", "Money by year", "Measures per axis", "Measures per chapter", "Most connected"):
        assert title in text
    assert re.search(r"2023\s+announced\s+█+\s+€1.5bn", text)
    assert "€5–15bn a year" in text
    assert "1.1 Entraînement" in text
    assert "1 figure without an amount, 1 per-year figure" in text


def test_markdown_report_renders_on_a_forge(iafr: Invoke, mini: Path) -> None:
    edit(mini / "sources.yaml", "title: Article de test", "title: Article | <i>test</i> *x*")
    result = iafr("report", "--format", "md", data=mini)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# ")
    assert "## Money by year" in text and "### EUR" in text and "### USD" in text
    assert "| 2023 | announced | `" in text
    # a table row keeps its cell count whatever the data holds
    assert "Article \\| \\<i\\>test\\</i\\> \\*x\\*" in text
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
            assert len(widths) == 1, block


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "br", "rect", "line", "link"}:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_is_one_self_contained_file(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    edit(mini / "sources.yaml", "title: Article de test", "title: Article <script>alert(1)</script>")
    output = tmp_path / "out" / "report.html"
    output.parent.mkdir()
    result = iafr("report", "--format", "html", "--output", str(output), data=mini)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote html report to {output}" in result.stderr
    html = output.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert parser.open == []  # every element closed, in order
    tags = [tag for tag, _ in parser.tags]
    assert "script" not in tags  # the data's <script> is text, and the page has none
    assert "&lt;script&gt;" in html
    # nothing is fetched: no external stylesheet, image, font or frame
    for tag, attrs in parser.tags:
        assert tag not in {"link", "img", "iframe", "object", "embed"}
        assert not (attrs.get("src") or "").startswith(("http:", "https:", "//"))
    assert "@import" not in html and "url(" not in html
    charts = [attrs for tag, attrs in parser.tags if tag == "table" and "chart" in (attrs.get("class") or "")]
    assert [attrs["data-currency"] for attrs in charts] == ["EUR", "USD"]
    bars = [attrs for tag, attrs in parser.tags if tag == "tr" and attrs.get("class") == "bar-row"]
    assert [(attrs["data-year"], attrs["data-status"]) for attrs in bars] == [
        ("2023", "announced"),
        ("2019", "invested"),
    ]
    assert "Built from corpus 0.0.1 of 2026-01-15" in "".join(parser.text)
    assert "@media print" in html


def test_output_errors(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    to_dir = iafr("report", "--output", str(tmp_path), data=mini)
    assert to_dir.exit_code == 2
    no_parent = iafr("report", "--output", str(tmp_path / "missing" / "r.md"), data=mini)
    assert no_parent.exit_code == 2
    assert "does not exist" in no_parent.stderr


def test_every_format_has_a_renderer(mini: Path, tmp_path: Path) -> None:
    assert set(REPORT_RENDERERS) == set(ReportFormat) - {ReportFormat.JSON}  # JSON is the data, not a page
    data = report_data(mini, tmp_path)
    for fmt, render in REPORT_RENDERERS.items():
        assert "€1.5bn" in render(report_page(data), 100, False), fmt


def test_the_report_as_json_gives_the_engines_totals_with_exact_amounts(iafr: Invoke, corpus_copy: Path) -> None:
    """Machine-readable totals: the same as iafr funding's, amounts as exact numbers in full units."""
    report = json.loads(iafr("report", "--format", "json", data=corpus_copy).stdout)
    totals = {(t["currency"], t["status"], t["kind"], t["per_year"]): t for t in report["funding_totals"]}
    announced = totals[("EUR", "announced", "private", False)]
    assert (announced["low"], announced["high"], announced["parts"]) == (109_000_000_000, 109_000_000_000, 2)
    funding = json.loads(iafr("funding", "--format", "json", data=corpus_copy).stdout)
    assert len(funding) == sum(t["figures"] for t in report["funding_totals"]) == report["counts"]["funding"]
    french = json.loads(iafr("--lang", "fr", "report", "--format", "json", data=corpus_copy).stdout)
    assert french["funding_totals"] == report["funding_totals"]  # numbers and ids: the same in every language


# --- --output names the format, --format may too; they must not disagree ------------------------


@pytest.mark.parametrize(
    ("chosen", "name", "expected"),
    [
        (None, "report.html", ReportFormat.HTML),
        (None, "REPORT.HTM", ReportFormat.HTML),
        (None, "report.md", ReportFormat.MD),
        (None, "report.txt", ReportFormat.TERMINAL),
        (None, "report", ReportFormat.TERMINAL),
        (None, None, ReportFormat.TERMINAL),
        (ReportFormat.MD, "notes.txt", ReportFormat.MD),  # Markdown is text
        (ReportFormat.HTML, "page.php", ReportFormat.HTML),  # an unknown extension, the format said
        (ReportFormat.HTML, "report.html", ReportFormat.HTML),
    ],
)
def test_the_report_format_follows_the_output_name(
    chosen: ReportFormat | None, name: str | None, expected: ReportFormat
) -> None:
    assert report_format(chosen, Path(name) if name else None) is expected


@pytest.mark.parametrize(
    ("chosen", "name", "message"),
    [
        (ReportFormat.MD, "report.html", "--format md contradicts --output report.html, a .html file"),
        (ReportFormat.HTML, "report.txt", "--format html contradicts --output report.txt, a .txt file"),
        (ReportFormat.TERMINAL, "report.md", "--format terminal contradicts --output report.md"),
        (ReportFormat.JSON, "report.md", "--format json contradicts --output report.md"),
        (None, "report.csv", "--output report.csv: .csv names no report format"),
    ],
)
def test_a_contradiction_or_an_unknown_extension_is_refused(
    chosen: ReportFormat | None, name: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        report_format(chosen, Path(name))


def test_output_html_without_format_writes_html(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = iafr("report", "--output", str(page), data=mini)
    assert result.exit_code == 0, result.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    refused = iafr("report", "--format", "md", "--output", str(tmp_path / "r.html"), data=mini)
    assert refused.exit_code == 2 and "contradicts" in refused.stderr
    assert not (tmp_path / "r.html").exists()


def test_the_chart_keeps_each_figure_at_the_time_its_source_gives(tmp_path: Path) -> None:
    """A period is one bar over its span, never yearly amounts the source does not give: "plus de
    1 milliard d'euros sur cinq ans" from 2018 is not "at least 200 M€" a year."""
    from tests.conftest import REPO_DATA

    with connect(Workspace(REPO_DATA, tmp_path / "shipped.db")) as connection:
        data = build_report(connection)
    rows = {(row["currency"], row["when"], row["status"]): row for row in data.money_by_year}
    assert rows["EUR", "2018–2022", "invested"]["low"] == Decimal(1_000_000_000)  # the copy counted once
    assert rows["USD", "since 2019", "invested"]["low"] == Decimal(10_000_000_000)  # "depuis 2019"
    assert rows["EUR", "by 2025", "committed"]["low"] == Decimal(1_500_000_000)  # "d'ici 2025"
    assert not any(row["when"] in {"2019", "2020", "2021", "2022"} for row in data.money_by_year)

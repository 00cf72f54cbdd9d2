"""The HTML report as browsers lay it out: on a phone (390 px) and a wide screen (1280 px), and
printed. Chromium computes the layout; a script added to a copy of the page reads it (the report
itself has no script).

``IAFR_SCREENSHOTS=DIR`` keeps the screenshots there, to be looked at.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import attribute, dom_after_script, pdf, screenshot
from tests.conftest import Invoke

# What the layout is: the viewport, how wide the page is, every table cell or text block past the
# right edge, the smallest font of a table or chart text, and the bars' widths per chart.
_PROBE = """<script>
const view = window.innerWidth;
const texts = [...document.querySelectorAll('td, th, p, h1, h2, h3, .bar > span')];
const outside = texts.filter(e => e.getBoundingClientRect().right > view + 1 && e.getBoundingClientRect().width > 0);
const sizes = [...document.querySelectorAll('td, th, .note')].filter(e => e.getBoundingClientRect().width > 0)
  .map(e => parseFloat(getComputedStyle(e).fontSize));
const charts = {};
for (const chart of document.querySelectorAll('table.chart')) {
  const room = chart.querySelector('td.bar').getBoundingClientRect().width;
  const bars = [...chart.querySelectorAll('.bar > span')];
  charts[chart.dataset.currency] = bars.map(b => b.getBoundingClientRect().width / room);
}
document.body.setAttribute('data-probe', JSON.stringify({
  view, page: document.documentElement.scrollWidth,
  outside: outside.map(e => e.tagName + ': ' + e.textContent.slice(0, 40)),
  smallest: Math.min(...sizes), charts,
  cards: [...document.querySelectorAll('table.cards thead')].some(h => getComputedStyle(h).display === 'none'),
}));
</script>"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus's report in French, the language of most of its readers."""
    from typer.testing import CliRunner

    from iafr.cli import app

    directory = tmp_path_factory.mktemp("report")
    page = directory / "report.html"
    data = Path(__file__).resolve().parent.parent / "data"
    result = CliRunner().invoke(
        app, ["--lang", "fr", "report", "--output", str(page), "--data", str(data), "--db", str(directory / "r.db")]
    )
    assert result.exit_code == 0, result.output
    return page


def _probe(page: Path, width: int) -> dict[str, object]:
    probe: dict[str, object] = json.loads(
        attribute(dom_after_script(page, _PROBE, width), "data-probe").replace("&quot;", '"').replace("&amp;", "&")
    )
    return probe


def _keep(path: Path) -> None:
    kept = os.environ.get("IAFR_SCREENSHOTS")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(kept) / path.name)


@pytest.mark.parametrize("width", [390, 1280])
def test_every_column_stays_on_screen_and_every_text_readable(report: Path, width: int) -> None:
    probe = _probe(report, width)
    assert probe["page"] <= probe["view"], f"the page is wider than the screen: {probe['page']} > {probe['view']}"
    assert probe["outside"] == [], probe["outside"]
    assert probe["smallest"] >= 11, f"text at {probe['smallest']} px"
    # a phone reads each table row as a card; a wide screen as a table
    assert probe["cards"] is (width == 390)
    _keep(screenshot(report.as_uri(), report.with_name(f"report-fr-{width}.png"), width, 3000))


@pytest.mark.parametrize("width", [390, 1280])
def test_the_chart_bars_are_in_proportion_at_every_width(report: Path, width: int) -> None:
    charts = _probe(report, width)["charts"]
    assert isinstance(charts, dict) and set(charts) == {"EUR", "USD"}
    for currency, shares in charts.items():
        assert max(shares) > 0.95, (currency, shares)  # the longest bar uses the room it has
        assert all(share > 0 for share in shares), (currency, shares)  # a bar shows, however small
    # EUR 2024 (30 Md€) against 2025 (109 Md€): the same ratio as the amounts
    eur = charts["EUR"]
    assert abs(eur[3] / eur[4] - 30 / 109) < 0.02, eur


def test_printed_no_page_is_left_half_empty(report: Path) -> None:
    """A4: a table breaks between rows, a heading stays with what follows, and no block too tall to
    break pushes the rest to the next page (page 1 was once half empty before a chart)."""
    printed = pdf(report.as_uri(), report.with_name("report-fr.pdf"))
    _keep(printed)
    pages = [page.extract_text() or "" for page in PdfReader(printed).pages]
    assert len(pages) >= 2
    lines = [len([line for line in text.splitlines() if line.strip()]) for text in pages]
    fullest = max(lines)
    for number, count in enumerate(lines[:-1], start=1):  # the last page ends where the report ends
        assert count >= fullest * 0.5, f"page {number} of {len(pages)} holds {count} lines, the fullest {fullest}"
    assert "Totaux" in pages[0] and "Financements par" in "".join(pages[:3])


def test_an_english_report_lays_out_the_same(iafr: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "report-en.html"
    data = Path(__file__).resolve().parent.parent / "data"
    assert iafr("--lang", "en", "report", "--output", str(page), "--data", str(data)).exit_code == 0
    probe = _probe(page, 390)
    assert probe["page"] <= probe["view"] and probe["outside"] == [] and probe["smallest"] >= 11

"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no network.

Every text from the corpus is escaped; the only links are the sources' own URLs. The page is
readable in a browser and prints cleanly (A4, no broken rows, colours kept for the bars).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from iafr.render.report_common import (
    SECTIONS,
    STATUS_COLOURS,
    TITLE,
    TOTALS_NOTE,
    actor_links,
    amount_text,
    bar_fraction,
    basis,
    chapter_label,
    chart_note,
    counts_line,
)
from iafr.report import ReportData, provenance

_CSS = """
:root { --ink: #1b1f24; --muted: #5b6570; --rule: #d7dce1; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta, .note { color: var(--muted); font-size: .9rem; }
.counts { font-weight: 600; margin: .8rem 0 0; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .92rem; }
th, td { text-align: left; padding: .28rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; border-bottom: 1px solid var(--ink); }
tbody tr:nth-child(even) { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.group { font-weight: 600; }
.swatch { display: inline-block; width: .75em; height: .75em; border-radius: 2px; margin-right: .35em;
          vertical-align: -.05em; }
figure { margin: .6rem 0 1rem; }
figure svg { width: 100%; height: auto; max-width: 100%; }
figcaption { color: var(--muted); font-size: .85rem; }
a { color: #0b5cad; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table, figure { break-inside: auto; }
  tr, figure svg { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# chart geometry, in SVG user units
_LABEL_WIDTH = 150
_BAR_WIDTH = 430
_VALUE_WIDTH = 120
_ROW_HEIGHT = 24
_BAR_HEIGHT = 16
_TOP = 8


def _cell(value: object, numeric: bool = False, nowrap: bool = False) -> str:
    css = "num" if numeric else "nowrap" if nowrap else ""
    return f'<td class="{css}">{escape(str(value))}</td>' if css else f"<td>{escape(str(value))}</td>"


def _table(headers: Sequence[str], rows: list[list[str]], numeric: Sequence[int] = ()) -> str:
    head = "".join(
        f'<th class="num" scope="col">{escape(h)}</th>' if i in numeric else f'<th scope="col">{escape(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = "\n".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _first_of_group(rows: list[dict[str, Any]], key: str) -> list[tuple[dict[str, Any], bool]]:
    """Each row, and whether it is the first of its run of equal ``key`` values."""
    marked = []
    previous = object()
    for row in rows:
        marked.append((row, row[key] != previous))
        previous = row[key]
    return marked


def _swatch(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#777777")
    return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>'


def chart_svg(data: ReportData, currency: str) -> str:
    """Horizontal bars, one per year and status; the label and the amount are written out."""
    rows = data.chart(currency)
    largest = max(row["amount"] for row in rows)
    height = _TOP * 2 + _ROW_HEIGHT * len(rows)
    width = _LABEL_WIDTH + _BAR_WIDTH + _VALUE_WIDTH
    title = f"Money by year in {currency}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-currency="{escape(currency)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" font-family="system-ui, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{_LABEL_WIDTH}" y1="{_TOP - 4}" x2="{_LABEL_WIDTH}" y2="{height - _TOP + 4}" '
        'stroke="#1b1f24" stroke-width="1"/>',
    ]
    previous_year = None
    for index, row in enumerate(rows):
        y = _TOP + index * _ROW_HEIGHT
        middle = y + _ROW_HEIGHT / 2
        length = round(bar_fraction(row["amount"], largest) * _BAR_WIDTH, 2)
        colour = STATUS_COLOURS.get(row["status"], "#777777")
        value = amount_text(row, currency)
        year = str(row["year"]) if row["year"] != previous_year else ""
        previous_year = row["year"]
        parts.append(
            f'<g class="bar" data-year="{row["year"]}" data-status="{escape(row["status"])}">'
            f"<title>{row['year']} {escape(row['status'])}: {escape(value)} "
            f"({row['figures']} figure{'s' if row['figures'] != 1 else ''})</title>"
            f'<text x="6" y="{middle}" dominant-baseline="middle" font-weight="600">{year}</text>'
            f'<text x="{_LABEL_WIDTH - 8}" y="{middle}" dominant-baseline="middle" text-anchor="end" '
            f'fill="#5b6570">{escape(row["status"])}</text>'
            f'<rect x="{_LABEL_WIDTH + 1}" y="{y + (_ROW_HEIGHT - _BAR_HEIGHT) / 2}" width="{length}" '
            f'height="{_BAR_HEIGHT}" rx="2" fill="{colour}"/>'
            f'<text x="{_LABEL_WIDTH + 1 + length + 6}" y="{middle}" dominant-baseline="middle">{escape(value)}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def render_report_html(data: ReportData) -> str:
    meta = data.meta
    corpus_title = meta.get("corpus_title") or ""
    licence = meta.get("licence") or ""
    body = [
        f"<h1>{escape(TITLE)}</h1>",
        f'<p class="meta">{escape(corpus_title)}{" · " if corpus_title else ""}{escape(provenance(meta))}'
        f"{' · licence ' + escape(licence) if licence else ''}</p>",
        f'<p class="counts">{escape(counts_line(data))}</p>',
        f'<h2 id="totals">{escape(SECTIONS["totals"])}</h2>',
        _table(
            ["currency", "status", "kind", "basis", "figures", "amount", "no amount"],
            [
                [
                    _cell(r["currency"]),
                    f"<td>{_swatch(r['status'])}{escape(r['status'])}</td>",
                    _cell(r["kind"]),
                    _cell(basis(r)),
                    _cell(r["figures"], True),
                    _cell(amount_text(r), True),
                    _cell(r["without_amount"] or "", True),
                ]
                for r in data.funding_totals
            ],
            numeric=(4, 5, 6),
        ),
        f'<p class="note">{escape(TOTALS_NOTE)}</p>',
        f'<h2 id="chart">{escape(SECTIONS["chart"])}</h2>',
    ]
    for currency in data.currencies:
        if data.chart(currency):
            body.append(f"<figure>\n<h3>{escape(currency)}</h3>\n{chart_svg(data, currency)}\n</figure>")
    body.append(f'<p class="note">{escape(chart_note(data))}</p>')
    body.append(f'<h2 id="axes">{escape(SECTIONS["axes"])}</h2>')
    body.append(
        _table(
            ["group", "axis", "measures"],
            [[_cell(r["group"]), _cell(r["label"]), _cell(r["measures"], True)] for r in data.axes],
            numeric=(2,),
        )
    )
    body.append(f'<h2 id="chapters">{escape(SECTIONS["chapters"])}</h2>')
    body.append(
        _table(
            ["report", "chapter", "measures"],
            [
                [
                    # the report's title once, on its first chapter
                    f'<td class="group">{escape(r["report_title"])}</td>' if first else "<td></td>",
                    _cell(chapter_label(r)),
                    _cell(r["measures"], True),
                ]
                for r, first in _first_of_group(data.chapters, "report")
            ],
            numeric=(2,),
        )
    )
    body.append(f'<h2 id="actors">{escape(SECTIONS["actors"])}</h2>')
    body.append(
        _table(
            ["actor", "kind", "links", "through"],
            [
                [_cell(r["name"]), _cell(r["kind"], nowrap=True), _cell(r["links"], True), _cell(actor_links(r))]
                for r in data.actors
            ],
            numeric=(2,),
        )
    )
    body.append(f'<h2 id="sources">{escape(SECTIONS["sources"])}</h2>')
    source_rows = []
    for r in data.sources:
        title = escape(r["title"])
        if r["url"]:
            title = f'<a href="{escape(r["url"], quote=True)}">{title}</a>'
        source_rows.append(
            [
                f"<td>{title}</td>",
                _cell(r["kind"], nowrap=True),
                _cell(r["date"] or "", nowrap=True),
                _cell("yes" if r["primary"] else ""),
                _cell(r["records"], True),
            ]
        )
    body.append(_table(["source", "kind", "date", "primary", "records"], source_rows, numeric=(4,)))
    version = escape(meta.get("corpus_version") or "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="iafr report (corpus {version})">\n'
        f"<title>{escape(TITLE)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )

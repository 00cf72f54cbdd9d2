"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no network.

Every text from the corpus is escaped; the only links are the sources' own URLs. The page is
readable in a browser and prints cleanly (A4, no broken rows, colours kept for the bars).
"""

from __future__ import annotations

from html import escape

from iafr.i18n import _, language
from iafr.render.report_sections import STATUS_COLOURS, Cell, Column, ReportPage, Section

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


def _swatch(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#777777")
    return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>'


def _td(column: Column, cell: Cell, repeated: bool) -> str:
    if repeated:
        return "<td></td>"
    text = escape(cell.long or cell.text)
    if cell.url:
        text = f'<a href="{escape(cell.url, quote=True)}">{text}</a>'
    if cell.status:
        text = _swatch(cell.status) + text
    css = "num" if column.numeric else "group" if column.grouped else "nowrap" if cell.status else ""
    return f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>"


def _table(section: Section) -> str:
    head = "".join(
        f'<th class="num" scope="col">{escape(c.header)}</th>'
        if c.numeric
        else f'<th scope="col">{escape(c.header)}</th>'
        for c in section.columns
    )
    lines = []
    previous: tuple[Cell, ...] | None = None
    for row in section.rows:
        cells = [
            _td(column, cell, column.grouped and previous is not None and previous[index].text == cell.text)
            for index, (column, cell) in enumerate(zip(section.columns, row, strict=True))
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
        previous = row
    body = "\n".join(lines)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def chart_svg(section: Section) -> str:
    """Horizontal bars, one per year and status; the label and the amount are written out."""
    currency = section.title
    height = _TOP * 2 + _ROW_HEIGHT * len(section.rows)
    width = _LABEL_WIDTH + _BAR_WIDTH + _VALUE_WIDTH
    title = _("Money by year in {currency}").format(currency=currency)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-currency="{escape(currency)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" font-family="system-ui, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{_LABEL_WIDTH}" y1="{_TOP - 4}" x2="{_LABEL_WIDTH}" y2="{height - _TOP + 4}" '
        'stroke="#1b1f24" stroke-width="1"/>',
    ]
    previous_year = None
    for index, (year, status, bar_cell, amount) in enumerate(section.rows):
        y = _TOP + index * _ROW_HEIGHT
        middle = y + _ROW_HEIGHT / 2
        length = round((bar_cell.bar or 0.0) * _BAR_WIDTH, 2)
        colour = STATUS_COLOURS.get(status.status or "", "#777777")
        shown_year = year.text if year.text != previous_year else ""
        previous_year = year.text
        parts.append(
            f'<g class="bar" data-year="{escape(year.text)}" data-status="{escape(status.status or "")}">'
            f"<title>{escape(year.text)} {escape(status.text)}: {escape(amount.text)} ({escape(bar_cell.text)})</title>"
            f'<text x="6" y="{middle}" dominant-baseline="middle" font-weight="600">{escape(shown_year)}</text>'
            f'<text x="{_LABEL_WIDTH - 8}" y="{middle}" dominant-baseline="middle" text-anchor="end" '
            f'fill="#5b6570">{escape(status.text)}</text>'
            f'<rect x="{_LABEL_WIDTH + 1}" y="{y + (_ROW_HEIGHT - _BAR_HEIGHT) / 2}" width="{length}" '
            f'height="{_BAR_HEIGHT}" rx="2" fill="{colour}"/>'
            f'<text x="{_LABEL_WIDTH + 1 + length + 6}" y="{middle}" dominant-baseline="middle">'
            f"{escape(amount.text)}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _section(section: Section, level: int) -> list[str]:
    anchor = f' id="{escape(section.key)}"' if level == 2 else ""
    lines = [f"<h{level}{anchor}>{escape(section.title)}</h{level}>"]
    if section.chart:
        lines = [f"<figure>\n<h{level}>{escape(section.title)}</h{level}>\n{chart_svg(section)}\n</figure>"]
    elif section.columns:
        lines.append(_table(section))
    for part in section.parts:
        lines.extend(_section(part, level + 1))
    lines.extend(f'<p class="note">{escape(note)}</p>' for note in section.notes)
    return lines


def render_report_html(page: ReportPage) -> str:
    body = [
        f"<h1>{escape(page.title)}</h1>",
        f'<p class="meta">{escape(page.corpus_title)}{" · " if page.corpus_title else ""}{escape(page.provenance)}'
        f"{' · ' + escape(_('licence {licence}').format(licence=page.licence)) if page.licence else ''}</p>",
        f'<p class="counts">{escape(page.counts)}</p>',
    ]
    for section in page.sections:
        body.extend(_section(section, 2))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="iafr report (corpus {escape(page.version)})">\n'
        f"<title>{escape(page.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )

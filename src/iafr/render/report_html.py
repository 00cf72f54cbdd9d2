"""The report as one self-contained HTML file: inline CSS, the charts as HTML bars, no script, no network.

Every text from the corpus is escaped; the only links are the sources' own URLs. The page reads
on a phone (below 40rem each table row becomes a card of "header : value" lines, the chart puts
its bars under their labels), on a wide screen, and printed (A4, rows never split, no block too
tall to break leaving a page half empty, colours kept for the bars).
"""

from __future__ import annotations

from html import escape

from iafr.i18n import _, language
from iafr.render.report_sections import STATUS_COLOURS, Cell, Column, ReportPage, Section

_CSS = """
:root { --ink: #1b1f24; --muted: #5b6570; --rule: #d7dce1; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       overflow-wrap: break-word; }
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
td.repeat > span { visibility: hidden; }  /* the value of the row above: shown again in cards */
.swatch { display: inline-block; width: .75em; height: .75em; border-radius: 2px; margin-right: .35em;
          vertical-align: -.05em; }
figure { margin: .6rem 0 1rem; }
a { color: #0b5cad; }
/* the chart: one row per year and status, the bar as long as the amount's lower bound */
table.chart td { border-bottom: none; padding: .15rem .5rem; }
table.chart tbody tr:nth-child(even) { background: none; }
table.chart td.bar { width: 100%; padding-left: 0; }
.bar > span { display: block; height: 1rem; min-width: 2px; border-radius: 2px; }
table.chart td.year { font-weight: 600; white-space: nowrap; }
table.chart td.status { color: var(--muted); white-space: nowrap; }
/* a phone: each row of a table is a card of "header: value" lines; the chart keeps its rows and
   puts the bar on a line of its own, so that no column leaves the screen and text stays readable */
@media (max-width: 40rem) {
  body { padding: 1rem .9rem 3rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { display: none; }
  table.cards tr { padding: .35rem 0; border-bottom: 1px solid var(--rule); }
  table.cards td { border: none; padding: .05rem .2rem; text-align: left; white-space: normal; }
  table.cards td::before { content: attr(data-label) " : "; color: var(--muted); font-weight: 400; }
  html:not([lang="fr"]) table.cards td::before { content: attr(data-label) ": "; }
  table.cards td.repeat > span { visibility: visible; }
  table.cards td:empty { display: none; }
  table.chart thead { display: none; }
  table.chart tr { display: grid; grid-template-columns: auto 1fr auto; column-gap: .5rem; padding: .2rem 0; }
  table.chart td { padding: 0; }
  table.chart td.bar { grid-column: 1 / -1; grid-row: 2; }
  table.chart td.repeat { visibility: hidden; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  table, figure { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _swatch(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#777777")
    return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>'


def _td(column: Column, cell: Cell, repeated: bool) -> str:
    """A cell, with its column's header for the card layout; a value repeated from the row above
    is kept (a card shows it) but hidden in the table, where the row above says it."""
    text = escape(cell.long or cell.text)
    if cell.url:
        text = f'<a href="{escape(cell.url, quote=True)}">{text}</a>'
    if cell.status:
        text = _swatch(cell.status) + text
    css = ["num" if column.numeric else "group" if column.grouped else "nowrap" if cell.status else ""]
    if repeated:
        css.append("repeat")
        text = f"<span>{text}</span>"
    classes = " ".join(name for name in css if name)
    label = f' data-label="{escape(column.header, quote=True)}"' if column.header else ""
    return f'<td class="{classes}"{label}>{text}</td>' if classes else f"<td{label}>{text}</td>"


def _head(columns: tuple[Column, ...]) -> str:
    return "".join(
        f'<th class="num" scope="col">{escape(c.header)}</th>'
        if c.numeric
        else f'<th scope="col">{escape(c.header)}</th>'
        for c in columns
    )


def _table(section: Section) -> str:
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
    head = _head(section.columns)
    return f'<table class="cards">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def chart_html(section: Section) -> str:
    """Horizontal bars in an HTML table, one row per year and status, the year, the status and the
    amount written out as text (readable at any width, selectable, translated), the bar's length
    the amount's lower bound as a share of the longest."""
    currency = section.title
    title = _("Money by year in {currency}").format(currency=currency)
    rows = []
    previous_year = None
    for year, status, bar_cell, amount in section.rows:
        colour = STATUS_COLOURS.get(status.status or "", "#777777")
        share = round((bar_cell.bar or 0.0) * 100, 2)
        repeated = year.text == previous_year
        previous_year = year.text
        shown_year = f"<span>{escape(year.text)}</span>" if repeated else escape(year.text)
        rows.append(
            f'<tr class="bar-row" data-year="{escape(year.text)}" data-status="{escape(status.status or "")}">'
            f'<td class="year{" repeat" if repeated else ""}">{shown_year}</td>'
            f'<td class="status">{_swatch(status.status or "")}{escape(status.text)}</td>'
            f'<td class="bar" title="{escape(bar_cell.text, quote=True)}">'
            f'<span style="width:{share}%;background:{colour}"></span></td>'
            f'<td class="num">{escape(amount.text)}</td></tr>'
        )
    head = _head(section.columns)
    body = "\n".join(rows)
    return (
        f'<table class="chart" data-currency="{escape(currency)}" aria-label="{escape(title, quote=True)}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def _section(section: Section, level: int) -> list[str]:
    anchor = f' id="{escape(section.key)}"' if level == 2 else ""
    lines = [f"<h{level}{anchor}>{escape(section.title)}</h{level}>"]
    if section.chart:
        lines = [f"<figure>\n<h{level}>{escape(section.title)}</h{level}>\n{chart_html(section)}\n</figure>"]
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

"""The report as Markdown that renders on a forge: headings, pipe tables, text bars for the chart."""

from __future__ import annotations

from collections.abc import Sequence

from iafr.render.report_common import (
    SECTIONS,
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
from iafr.render.report_terminal import bar
from iafr.report import ReportData, provenance

_CHART_CELLS = 30


class Raw(str):
    """Markdown written on purpose (a code span, a link): put in a cell as it is."""


_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "`": "\\`",
                          "<": "&lt;", ">": "&gt;", "&": "&amp;"})  # fmt: skip


def cell(text: object) -> str:
    """A table cell that shows its text literally (no pipes breaking the row, no HTML, no emphasis)."""
    if isinstance(text, Raw):
        return str(text)
    return " ".join(str(text).translate(_ESCAPES).split())


def link(title: str, url: str | None) -> Raw:
    if not url:
        return Raw(cell(title))
    target = url.replace("(", "%28").replace(")", "%29").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")
    return Raw(f"[{cell(title)}]({target})")


def _table(headers: Sequence[str], rows: list[Sequence[object]], right: Sequence[int] = ()) -> list[str]:
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---:" if index in right else "---" for index in range(len(headers))) + "|",
    ]
    lines.extend("| " + " | ".join(cell(value) for value in row) + " |" for row in rows)
    return [*lines, ""]


def render_report_md(data: ReportData) -> str:
    lines = [f"# {TITLE}", ""]
    if data.meta.get("corpus_title"):
        lines.extend([f"**{cell(data.meta['corpus_title'])}**", ""])
    lines.extend([f"*{cell(provenance(data.meta))}*", "", cell(counts_line(data)), ""])

    lines.extend([f"## {SECTIONS['totals']}", ""])
    lines.extend(
        _table(
            ["currency", "status", "kind", "basis", "figures", "amount", "no amount"],
            [
                [
                    r["currency"],
                    r["status"],
                    r["kind"],
                    basis(r),
                    r["figures"],
                    amount_text(r),
                    r["without_amount"] or "",
                ]
                for r in data.funding_totals
            ],
            right=(4, 5, 6),
        )
    )

    lines.extend([f"*{cell(TOTALS_NOTE)}*", ""])
    lines.extend([f"## {SECTIONS['chart']}", ""])
    for currency in data.currencies:
        rows = data.chart(currency)
        if not rows:
            continue
        largest = max(row["amount"] for row in rows)
        lines.extend([f"### {currency}", ""])
        lines.extend(
            _table(
                ["year", "status", "", "amount"],
                [
                    [
                        row["year"],
                        row["status"],
                        # a code span keeps the bar's blocks in a monospace run
                        Raw("`" + bar(bar_fraction(row["amount"], largest), _CHART_CELLS) + "`"),
                        amount_text(row, currency),
                    ]
                    for row in rows
                ],
                right=(3,),
            )
        )
    lines.extend([f"*{cell(chart_note(data))}*", ""])

    lines.extend([f"## {SECTIONS['axes']}", ""])
    lines.extend(
        _table(["group", "axis", "measures"], [[r["group"], r["label"], r["measures"]] for r in data.axes], (2,))
    )

    lines.extend([f"## {SECTIONS['chapters']}", ""])
    lines.extend(
        _table(
            ["report", "chapter", "measures"],
            [[r["report"], chapter_label(r), r["measures"]] for r in data.chapters],
            (2,),
        )
    )

    lines.extend([f"## {SECTIONS['actors']}", ""])
    lines.extend(
        _table(
            ["actor", "kind", "links", "through"],
            [[r["name"], r["kind"], r["links"], actor_links(r)] for r in data.actors],
            (2,),
        )
    )

    lines.extend([f"## {SECTIONS['sources']}", ""])
    lines.extend(
        _table(
            ["source", "kind", "date", "primary", "records"],
            [
                [link(r["title"], r["url"]), r["kind"], r["date"] or "", "yes" if r["primary"] else "", r["records"]]
                for r in data.sources
            ],
            (4,),
        )
    )
    return "\n".join(lines).rstrip("\n") + "\n"

"""Picks the report's renderer for ``--format``; each format's module is imported only when used."""

from __future__ import annotations

from collections.abc import Callable

from iafr.render.report_sections import ReportFormat, ReportPage, report_page
from iafr.report import ReportData, report_document


def _terminal(page: ReportPage, width: int | None, color: bool) -> str:
    from iafr.render.report_terminal import render_report_terminal  # noqa: PLC0415 - Rich only here

    return render_report_terminal(page, width, color)


def _markdown(page: ReportPage, width: int | None, color: bool) -> str:
    from iafr.render.report_md import render_report_md  # noqa: PLC0415

    return render_report_md(page)


def _html(page: ReportPage, width: int | None, color: bool) -> str:
    from iafr.render.report_html import render_report_html  # noqa: PLC0415

    return render_report_html(page)


REPORT_RENDERERS: dict[ReportFormat, Callable[[ReportPage, int | None, bool], str]] = {
    ReportFormat.TERMINAL: _terminal,
    ReportFormat.MD: _markdown,
    ReportFormat.HTML: _html,
}


def render_report(data: ReportData, fmt: ReportFormat, width: int | None = None, color: bool = False) -> str:
    if fmt is ReportFormat.JSON:  # the numbers themselves, for scripts: no page to lay out
        from iafr.render.toolkit import json_text  # noqa: PLC0415

        return json_text(report_document(data))
    return REPORT_RENDERERS[fmt](report_page(data), width, color)

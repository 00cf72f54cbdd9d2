"""The bars of iafr's chart in Datasette: the ``bar`` column of ``money_by_year`` (a share of its
currency's longest, 0 to 1) drawn as a bar, its status's colour, its share as a tooltip.

Loaded by ``iafr serve`` with ``--plugins-dir``; the number stays the cell's value in JSON and CSV.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl  # type: ignore[import-untyped]
from markupsafe import Markup

from iafr.render.report_sections import STATUS_COLOURS  # the report's colours, colour-blind-safe


@hookimpl  # type: ignore[untyped-decorator]
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if column != "bar" or table not in (None, "money_by_year") or not isinstance(value, int | float):
        return None
    try:
        status = row["status"]
    except (KeyError, IndexError, TypeError):
        status = ""
    share = max(0.0, min(1.0, float(value)))
    colour = STATUS_COLOURS.get(status, "#777777")
    return Markup(
        f'<div class="iafr-bar" title="{share:.0%}" style="width:18rem;max-width:100%">'
        f'<div style="width:{share * 100:.1f}%;min-width:2px;height:.9rem;border-radius:2px;'
        f'background:{colour}"></div></div>'
    )

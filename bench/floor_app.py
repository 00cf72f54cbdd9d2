"""The floor for ``iafr measures --axis frugalite --format csv``: the least a Typer CLI can do.

One Typer command, with the same options as ``iafr measures`` (their parsing is the framework's
cost), that runs the same SQL as iafr's measures query (``queries._MEASURE_SELECT``,
the axis filter and the default ORDER BY, the axis id already resolved) with ``sqlite3`` and
prints the same CSV bytes. What iafr costs above this program is what iafr itself adds.

``latency.py`` checks that both print identical bytes, so a change to the query in
``queries.py`` that is not copied here shows up as a mismatch rather than a silent drift.

Run: ``python bench/floor_app.py --axis frugalite --format csv --db PATH``.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from typing import Annotated

import typer


def _concat(select: str) -> str:
    return f"(SELECT group_concat(v, char(31)) FROM ({select}))"


_SOURCES = _concat(
    "SELECT source_id AS v FROM record_sources WHERE record_type = 'measure' AND record_id = m.id "
    "GROUP BY source_id ORDER BY min(position)"
)
# The measures listing SELECT (iafr.store.select derives it), the --axis WHERE clause, the default ORDER BY.
SQL = f"""
SELECT m.id, m.report_id AS report, m.kind, m.number, m.chapter, m.title, m.title_en, m.text,
  {_concat("SELECT axis_id AS v FROM measure_axes WHERE measure_id = m.id ORDER BY rowid")} AS axes,
  {_concat("SELECT actor_id AS v FROM measure_actors WHERE measure_id = m.id ORDER BY rowid")} AS actors,
  {_concat("SELECT funding_id AS v FROM measure_funding WHERE measure_id = m.id ORDER BY rowid")} AS funding,
  {_concat("SELECT instrument_id AS v FROM measure_instruments WHERE measure_id = m.id ORDER BY rowid")} AS instruments,
  {_concat("SELECT target_id AS v FROM measure_targets WHERE measure_id = m.id ORDER BY rowid")} AS targets,
  m.horizon, m.horizon_earliest, m.horizon_latest, m.horizon_term, m.horizon_stated,
  {_SOURCES} AS sources, m.note
FROM measures m WHERE m.id IN (SELECT measure_id FROM measure_axes WHERE axis_id = ?) \
ORDER BY report_id, number IS NULL, number, id"""

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.command()
def measures(
    # The same options as `iafr measures`, of the same types: parsing them is Typer's cost, not
    # iafr's, so the floor declares them too (only --axis, --format and --db are used).
    axis: Annotated[list[str], typer.Option("--axis")],
    any_axis: Annotated[bool, typer.Option("--any-axis")] = False,
    report: Annotated[str | None, typer.Option("--report")] = None,
    actor: Annotated[str | None, typer.Option("--actor")] = None,
    chapter: Annotated[str | None, typer.Option("--chapter")] = None,
    kind: Annotated[str | None, typer.Option("--kind")] = None,
    query: Annotated[str | None, typer.Option("--query")] = None,
    since: Annotated[int | None, typer.Option("--since")] = None,
    until: Annotated[int | None, typer.Option("--until")] = None,
    during: Annotated[str | None, typer.Option("--during")] = None,
    strict_dates: Annotated[bool, typer.Option("--strict-dates")] = False,
    undated: Annotated[bool, typer.Option("--undated")] = False,
    fmt: Annotated[str, typer.Option("--format")] = "csv",
    raw_csv: Annotated[bool, typer.Option("--raw-csv")] = False,
    sort: Annotated[str | None, typer.Option("--sort")] = None,
    limit: Annotated[int | None, typer.Option("--limit")] = None,
    data: Annotated[str | None, typer.Option("--data")] = None,
    db: Annotated[str, typer.Option("--db")] = "",
    wait: Annotated[float | None, typer.Option("--wait")] = None,
) -> None:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cursor = connection.execute(SQL, (axis[0],))
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    writer.writerow(column[0] for column in cursor.description)
    for row in cursor:
        # iafr prints NULL as an empty cell and joins list columns with ';'.
        writer.writerow("" if v is None else str(v).replace("\x1f", ";") for v in row)


if __name__ == "__main__":
    app()

"""The floor for ``iafr measures --axis frugalite --format csv``: the least a Typer CLI can do.

One Typer command that runs the same SQL as iafr's measures query (``queries._MEASURE_SELECT``,
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

import typer


def _concat(select: str) -> str:
    return f"(SELECT group_concat(v, char(31)) FROM ({select}))"


_SOURCES = _concat(
    "SELECT source_id AS v FROM record_sources WHERE record_type = 'measure' AND record_id = m.id ORDER BY position"
)
# The measures listing SELECT (iafr.store.select derives it), the --axis WHERE clause, the default ORDER BY.
SQL = f"""
SELECT m.id, m.report_id AS report, m.kind, m.number, m.chapter, m.title, m.title_en, m.text,
  {_concat("SELECT axis_id AS v FROM measure_axes WHERE measure_id = m.id ORDER BY rowid")} AS axes,
  {_concat("SELECT actor_id AS v FROM measure_actors WHERE measure_id = m.id ORDER BY rowid")} AS actors,
  {_concat("SELECT funding_id AS v FROM measure_funding WHERE measure_id = m.id ORDER BY rowid")} AS funding,
  {_SOURCES} AS sources, m.note
FROM measures m WHERE m.id IN (SELECT measure_id FROM measure_axes WHERE axis_id = ?) \
ORDER BY report_id, number IS NULL, number, id"""

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.command()
def measures(
    axis: str = typer.Option(..., "--axis"),
    fmt: str = typer.Option("csv", "--format"),
    db: str = typer.Option(..., "--db"),
) -> None:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cursor = connection.execute(SQL, (axis,))
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    writer.writerow(column[0] for column in cursor.description)
    for row in cursor:
        # iafr prints NULL as an empty cell and joins list columns with ';'.
        writer.writerow("" if v is None else str(v).replace("\x1f", ";") for v in row)


if __name__ == "__main__":
    app()

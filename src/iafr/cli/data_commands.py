"""``iafr check`` and ``iafr build``: the curators' commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, WaitOption
from iafr.cli.output import guarded, notice, progress_display, write
from iafr.i18n import _
from iafr.render.problems import ProblemFormat


@app.command(
    help=_(
        "Validate the corpus and print every problem as file:line:col: rule: message.\n\nWith --sources DIR, "
        "each quote, locator title, stated wording and measure text is also looked for in its source's text: not "
        "found is an error, found only approximately a warning."
    )
)
@guarded
def check(
    data: DataOption = None,
    fmt: Annotated[
        ProblemFormat, typer.Option("--format", "-f", help=_("text, json, or github annotations."))
    ] = ProblemFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail on warnings too."))] = False,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            help=_(
                "Directory of the sources' texts (mapped by 'text:' in sources.yaml): verify the quotes against them."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from iafr.check import check_data  # noqa: PLC0415
    from iafr.problems import exit_code_for  # noqa: PLC0415
    from iafr.render.problems import PROBLEM_RENDERERS  # noqa: PLC0415
    from iafr.workspace import resolve_data_dir  # noqa: PLC0415

    data_dir = resolve_data_dir(data)
    _corpus, problems = check_data(data_dir, sources)
    write(PROBLEM_RENDERERS[fmt](problems))
    raise typer.Exit(exit_code_for(problems, strict))


@app.command(
    help=_(
        "Validate the corpus and write the SQLite database (atomically).\n\nReplaces only a database iafr wrote "
        "(any file in its own cache); clears a crashed writer's journal."
    )
)
@guarded
def build(data: DataOption = None, db: DbOption = None, wait: WaitOption = None) -> None:
    from iafr.workspace import rebuild, resolve_workspace  # noqa: PLC0415

    workspace = resolve_workspace(data, db)
    rebuild(workspace, notify=notice, show_progress=progress_display(), wait=wait)

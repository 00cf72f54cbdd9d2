"""The ``iafr`` command line: a thin layer that parses options, calls the core, renders."""

from __future__ import annotations

from typing import Annotated

import typer

from iafr import __version__

app = typer.Typer(
    name="iafr",
    help="A command-line knowledge base of French AI policy: measures, actors and money, sourced.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from iafr.cli.output import write  # noqa: PLC0415
        from iafr.workspace import corpus_version  # noqa: PLC0415

        write(f"iafr {__version__} (corpus {corpus_version()})\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Exit codes: 0 ok · 1 data problems or differences found · 2 usage error · 3 environment failure."""


from iafr.cli import data_commands, ecosystem_commands, query_commands, review_commands  # noqa: E402  (registers the commands)

__all__ = ["app", "data_commands", "ecosystem_commands", "main", "query_commands", "review_commands"]


def main() -> None:
    app()

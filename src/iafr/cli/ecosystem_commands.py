"""``iafr schema`` and ``iafr serve``: the corpus in editors and in Datasette."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iafr.cli import app
from iafr.cli.options import DataOption, DbOption, WaitOption
from iafr.cli.output import guarded, notice, progress_display, write
from iafr.i18n import _, ngettext

if TYPE_CHECKING:
    from iafr.corpus import Corpus
    from iafr.datasette_metadata import Site


@app.command(
    help=_(
        "Write the JSON Schema of each data file, for editors' YAML language servers.\n\nA data file then starts "
        "with '# yaml-language-server: $schema=../schemas/<name>.schema.json' and VS Code (YAML extension) "
        "checks and completes its fields while you type."
    )
)
@guarded
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help=_("Directory to write the *.schema.json files to."))
    ] = Path("schemas"),
    check: Annotated[
        bool, typer.Option("--check", help=_("Write nothing; exit 1 if a schema is missing or out of date."))
    ] = False,
    ids: Annotated[
        bool,
        typer.Option(
            "--ids",
            help=_(
                "Write the corpus's ids into ids.schema.json, so that an editor completes and checks each link "
                "(not for committing: the committed one lets any id through)."
            ),
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    from iafr.errors import ExitCode, UsageError  # noqa: PLC0415
    from iafr.schema import stale_schemas, write_schemas  # noqa: PLC0415

    if output.exists() and not output.is_dir():
        raise UsageError(_("--output {output} is a file; give a directory").format(output=output))
    if check:
        stale = stale_schemas(output, lambda: _corpus(data))
        for name, what in stale.items():
            line = _("{path}: {what}; run 'iafr schema --output {output}'\n")
            write(line.format(path=output / name, what=what, output=output))
        if not stale:
            write(_("schemas in {output} are up to date\n").format(output=output))
        raise typer.Exit(ExitCode.DATA if stale else ExitCode.OK)
    from iafr import safefiles  # noqa: PLC0415
    from iafr.errors import EnvironmentFailure  # noqa: PLC0415

    try:
        changed = write_schemas(output, _corpus(data) if ids else None)
    except safefiles.Refused as refused:
        raise UsageError(
            _("--output {output}: {path} is {what}; refusing to write there: remove it").format(
                output=output, path=refused.path, what=refused.what
            )
        ) from None
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot write schemas to {output}: {value}").format(output=output, value=error.strerror or error)
        ) from error
    if changed:
        count = len(changed)
        notice(ngettext("wrote {count} schema to {output}", "wrote {count} schemas to {output}", count).format(
            count=count, output=output))  # fmt: skip
    else:
        notice(_("schemas in {output} are up to date").format(output=output))


def _corpus(data: Path | None) -> Corpus:
    """The corpus whose ids the ids' schema lists (its valid records: an editor is where errors get fixed)."""
    from iafr.validate import load_corpus  # noqa: PLC0415
    from iafr.workspace import resolve_data_dir  # noqa: PLC0415

    corpus, _problems = load_corpus(resolve_data_dir(data))
    return corpus


@app.command(
    help=_("Browse the database in Datasette: facets, full-text search, SQL (needs 'pip install iafr[serve]').")
)
@guarded
def serve(
    data: DataOption = None,
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help=_("Interface to listen on; 0.0.0.0 exposes it."))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help=_("Port to listen on."))] = 8001,
    open_browser: Annotated[bool, typer.Option("--open", help=_("Open the site in a web browser."))] = False,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            help=_("Write iafr.db and metadata.json to DIR and exit (to publish, or to run datasette yourself)."),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("With --export: overwrite files in DIR that iafr did not write."))
    ] = False,
    wait: WaitOption = None,
) -> None:
    import contextlib  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from iafr import __version__, safefiles  # noqa: PLC0415
    from iafr.datasette_metadata import (  # noqa: PLC0415
        INSTALL_HINT,
        check_export,
        installed_major_version,
        write_site,
    )
    from iafr.errors import EnvironmentFailure, UsageError  # noqa: PLC0415
    from iafr.workspace import connect, resolve_workspace  # noqa: PLC0415

    major = installed_major_version()
    if export is None and major is None:
        raise EnvironmentFailure(_("Datasette is not installed; {INSTALL_HINT}").format(INSTALL_HINT=INSTALL_HINT))
    if export is not None:
        check_export(export, 0 if major is None else major, force)  # before any database is built
    workspace = resolve_workspace(data, db)
    with contextlib.ExitStack() as stack:
        directory = export or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="iafr-serve-")))
        with contextlib.closing(connect(workspace, notice, progress_display(), wait)) as connection:
            try:
                site = write_site(connection, directory, __version__, 0 if major is None else major)
            except safefiles.Refused as refused:  # put there since check_export looked
                raise UsageError(
                    _("--export {path} is {what}; refusing to write there").format(path=refused.path, what=refused.what)
                ) from None
            except OSError as error:
                raise EnvironmentFailure(
                    _("cannot write to {directory}: {value}").format(directory=directory, value=error.strerror or error)
                ) from error
        if export is not None:
            config = f" -c {site.config}" if site.config else ""
            notice(
                _("wrote {database} and {metadata}{value}").format(
                    database=site.database, metadata=site.metadata, value=", " + str(site.config) if site.config else ""
                )
            )
            write(
                _("datasette serve -i {database} --metadata {metadata}{config}\n").format(
                    database=site.database, metadata=site.metadata, config=config
                )
            )
            return
        _run_datasette(site, host, port, open_browser)


def _run_datasette(site: Site, host: str, port: int, open_browser: bool) -> None:
    """Run Datasette until it stops; Ctrl-C or SIGTERM stop it cleanly, never leaving it behind."""
    import signal  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    from iafr.datasette_metadata import DATABASE_NAME, serve_command  # noqa: PLC0415
    from iafr.errors import EnvironmentFailure  # noqa: PLC0415

    notice(
        _("serving http://{host}:{port}/{DATABASE_NAME} with Datasette (Ctrl-C to stop)").format(
            host=host, port=port, DATABASE_NAME=DATABASE_NAME
        )
    )
    process = subprocess.Popen(serve_command(site, host, port, open_browser))

    def stop(signum: int, frame: object) -> None:
        process.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        code = process.wait()
    except KeyboardInterrupt:
        # The terminal sent SIGINT to Datasette too; give it a moment to shut down.
        code = 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if code not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise EnvironmentFailure(
            _("Datasette stopped with exit code {code} (is port {port} already in use?)").format(code=code, port=port)
        )

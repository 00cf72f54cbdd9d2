"""The ``iafr`` command line: a thin layer that parses options, calls the core, renders."""

# No "from __future__ import annotations": Typer reads the root callback's signature on every
# run, and string annotations would make it compile and evaluate them.

import importlib
import signal
import sys
from typing import Annotated, Any

import typer
import typer.core
from typer.core import TyperGroup

from iafr import __version__
from iafr.errors import ExitCode
from iafr.i18n import N_, _

# Typer words its help through gettext's global domain ("Options", "[default: table]"): through
# iafr's catalogue instead, so that French help is French. (Its vendored Click hard-codes
# "Usage:" and its usage errors in English: those stay English.)
typer.core._ = _  # type: ignore[attr-defined]
_TYPER_WORDS = (
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# The modules that register commands on ``app``, in the order help lists them (see _LazyGroup).
COMMAND_MODULES = (
    "query_commands",
    "said_commands",
    "lookup_commands",
    "data_commands",
    "ecosystem_commands",
    "review_commands",
    "publish_commands",
)
# Where the commands that CI runs most live, so that they import no other command module, and the
# later modules' commands, so that they skip the others; any other command is found by importing
# COMMAND_MODULES in turn (a stale hint only costs time).
_HINTS = {
    "check": "data_commands",
    "build": "data_commands",
    **dict.fromkeys(("search", "show", "axes"), "lookup_commands"),
    **dict.fromkeys(("sources", "cite", "export"), "publish_commands"),
}


class _LazyGroup(TyperGroup):
    """Imports a command's module and builds its click command only when that command is used.

    Typer builds every registered command (signature, annotations, options) on each run, and
    the command modules import what their commands need: for one ``iafr measures`` that was
    half of what iafr added to a bare Typer app. Help and completion still list every command.
    """

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _translated(self, ctx, lambda: super(_LazyGroup, self).format_help(ctx, formatter))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            self._load(cmd_name)
        if cmd_name not in self.commands:
            self._load(None)  # a typo: Typer suggests close names from every command
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        self._load(None)
        infos = sorted(_app.registered_commands, key=_module_rank)  # stable: registration order within
        registered = [_name(info) for info in infos]
        return [name for name in registered if name in self.commands] + [
            name for name in self.commands if name not in registered
        ]

    def _load(self, wanted: str | None) -> None:
        """Import the command modules in turn until ``wanted`` is built (every command for None)."""
        hint = _HINTS.get(wanted or "")
        for module in (hint, *COMMAND_MODULES) if hint else COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{module}")
            for info in _app.registered_commands:
                name = _name(info)
                if name not in self.commands and wanted in (None, name):
                    built = typer.main.get_command_from_info(
                        info,
                        pretty_exceptions_short=_app.pretty_exceptions_short,
                        rich_markup_mode=_app.rich_markup_mode,
                    )
                    self.add_command(_with_translated_help(built), name)
            if wanted in self.commands:
                return
        for group in _app.registered_groups:  # sub-apps (app.add_typer), should a module add one
            if group.name and group.name not in self.commands:
                self.add_command(
                    typer.main.get_group_from_info(
                        group,
                        pretty_exceptions_short=_app.pretty_exceptions_short,
                        rich_markup_mode=_app.rich_markup_mode,
                        suggest_commands=_app.suggest_commands,
                    ),
                    group.name,
                )


def _translated(command: Any, ctx: Any, write: Any) -> None:
    """Run ``write`` (a command's help) with its texts in the reader's language: the root's are
    built when this module is imported, before main() knows the language, and Typer's help
    option is English; marked with N_, they are translated here, when help is printed."""
    texts = [(command, "help"), (command, "epilog"), *((param, "help") for param in command.get_params(ctx))]
    saved = [(owner, name, getattr(owner, name, None)) for owner, name in texts]
    for owner, name, text in saved:
        if text:
            setattr(owner, name, _(text))
    try:
        write()
    finally:
        for owner, name, text in saved:
            setattr(owner, name, text)


def _with_translated_help(command: Any) -> Any:
    plain = command.format_help
    command.format_help = lambda ctx, formatter: _translated(command, ctx, lambda: plain(ctx, formatter))
    return command


def _name(info: typer.models.CommandInfo) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__ if info.callback else "")


def _module_rank(info: typer.models.CommandInfo) -> int:
    module = getattr(info.callback, "__module__", "").rpartition(".")[2]
    return COMMAND_MODULES.index(module) if module in COMMAND_MODULES else len(COMMAND_MODULES)


_app = typer.Typer(
    cls=_LazyGroup,
    name="iafr",
    help=N_("A command-line knowledge base of French AI policy: measures, actors and money, sourced."),
    epilog=N_(
        "Exit codes: 0 ok, 1 data problems or differences found, 2 usage error, 3 environment failure, 130 interrupted."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _language(value: str | None) -> str | None:
    from iafr.i18n import LANGUAGES, set_language  # noqa: PLC0415

    if value is not None and value.lower() not in LANGUAGES:
        message = _("{value!r} is not a language of iafr; choose one of {choices}")
        raise typer.BadParameter(message.format(value=value, choices=", ".join(LANGUAGES)))
    # every run decides afresh (a run in-process after another must not inherit its language)
    set_language(value.lower() if value else None)
    return value


def _version(value: bool) -> None:
    if value:
        from iafr.cli.output import write  # noqa: PLC0415
        from iafr.workspace import corpus_version  # noqa: PLC0415

        write(
            _("iafr {version} (corpus {corpus_version})\n").format(version=__version__, corpus_version=corpus_version())
        )
        raise typer.Exit()


@_app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("Print the version and exit."))
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            callback=_language,
            is_eager=True,
            metavar="fr|en",
            help=N_("The language of what iafr prints (else IAFR_LANG, else the locale); may follow the command."),
        ),
    ] = None,
) -> None:
    """Exit codes: 0 ok · 1 data problems or differences found · 2 usage error · 3 environment failure."""


app: typer.Typer
"""The application with every command registered (bound on first access, see ``__getattr__``)."""

__all__ = ["COMMAND_MODULES", "app", "main"]


def __getattr__(name: str) -> Any:
    # ``iafr.cli.app`` from outside (tests, tools listing the commands): every command registered.
    if name == "app":
        globals()["app"] = _app  # first: the modules' own "from iafr.cli import app" must not recurse
        for module in COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{module}")
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _interrupted(signum: int, frame: object) -> None:
    # Click turns KeyboardInterrupt into "Aborted!" and exit 1; Ctrl-C anywhere (parsing, the
    # command, its output) ends quietly instead. SystemExit still runs every ``finally``, so a
    # build interrupted here removes its temporary file before main() ends the process.
    if sys.stderr is not None:
        sys.stderr.write("\n")
    raise SystemExit(ExitCode.INTERRUPTED)


def _language_of(argv: list[str]) -> list[str]:
    """Set the reader's language from ``--lang X`` anywhere on the command line (else from the
    environment) before any help text is built, and return the arguments with that option moved
    before the command, where the root option reads (and checks) it."""
    from iafr.i18n import set_language  # noqa: PLC0415

    kept: list[str] = []
    chosen: str | None = None
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            kept += [argument, *arguments]
        elif argument == "--lang":
            chosen = next(arguments, "")
        elif argument.startswith("--lang="):
            chosen = argument.partition("=")[2]
        else:
            kept.append(argument)
    set_language(chosen)
    return kept if chosen is None else ["--lang", chosen, *kept]


def main() -> None:
    """The ``iafr`` console script: imports only the module of the command being run."""
    sys.argv[1:] = _language_of(sys.argv[1:])
    signal.signal(signal.SIGINT, _interrupted)
    globals().setdefault("app", _app)
    try:
        _app()
    except SystemExit as done:
        if done.code == ExitCode.INTERRUPTED:
            _end_by_sigint()
        raise


def _end_by_sigint() -> None:
    """End the process by SIGINT, once clean-up has run: the shell's ``$?`` is then 130.

    A shell running a script stops the script only when its child died of SIGINT ("wait and
    cooperative exit"); ``exit(130)`` would let it run its next line after a Ctrl-C. CPython
    itself ends this way on an uncaught KeyboardInterrupt, so start-up, the command and
    shutdown all end alike.
    """
    import contextlib  # noqa: PLC0415 - only on the way out
    import os  # noqa: PLC0415

    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing to save
                stream.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)

"""What people read, kept byte for byte: every command on the shipped corpus at 60, 100 and 140
columns, in tests/golden/ (one file per command line and width, read by a person before it was
committed). tests/test_golden.py compares; this module also rewrites them:

    make golden        # or: .venv/bin/python -m tests.goldens

Read the diff (``git diff tests/golden``) before committing it: a changed golden is a changed
answer.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
WIDTHS = (60, 100, 140)

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("measures", "--axis", "frugalite"),
    ("measures", "--axis", "frugalite", "--chapter", "5"),
    ("measures", "--actor", "GENCI", "--actor", "Jean Zay"),
    ("measures", "--chapter", "7"),
    ("measures", "--axis", "environement"),
    ("measures", "--kind", "demand"),
    ("measures", "--instrument", "regulation"),
    ("measures", "--target", "pme"),
    ("measures", "--horizon", "..2025"),
    ("funding",),
    ("funding", "--since", "2018"),
    ("funding", "--since", "2024", "--kind", "private"),
    ("funding", "--actor", "Macron"),
    ("actors",),
    ("actors", "--country", "USA"),
    ("actors", "--country", "EU"),
    ("axes",),
    ("sources",),
    ("timeline",),
    ("timeline", "--actor", "mistral-ai"),
    ("search", "souverain"),
    ("search", "datacenter"),
    ("search", '"AI Act"'),
    ("search", "droit d'auteur", "--format", "md"),
    ("show", "hub-m33"),
    ("show", "mistral-ai"),
    ("show", "etat-francais"),
    ("show", "macron-109-mds-investissements-prives"),
    ("show", "marina-ferrari"),
    ("show", "sommet-action-ia"),
    ("show", "bloom#parameters"),
    ("statements", "--by", "Tehraoui"),
    ("statements", "--about", "mistral-ai"),
    ("statements", "--axis", "souverainete", "--since", "2025"),
    ("events",),
    ("events", "--actor", "Mistral"),
    ("report",),
    ("check",),
    ("search", "public procurement"),
    ("search", "AI Action Summit"),
    ("search", "BLOOM parameters"),
    ("--help",),
    ("funding", "--help"),
    # the same questions in French (the language of most users), and the help in French
    ("--lang", "fr", "measures", "--axis", "frugalite", "--chapter", "5"),
    ("--lang", "fr", "funding", "--since", "2018"),
    ("--lang", "fr", "funding", "--status", "annoncé", "--kind", "privé"),
    ("--lang", "fr", "actors", "--kind", "personne"),
    ("--lang", "fr", "show", "macron-109-mds-investissements-prives"),
    ("--lang", "fr", "show", "mistral-ai"),
    ("--lang", "fr", "timeline", "--actor", "mistral-ai"),
    ("--lang", "fr", "statements", "--by", "Tehraoui"),
    ("--lang", "fr", "events", "--actor", "Mistral"),
    ("--lang", "fr", "search", "souverain"),
    ("--lang", "fr", "sources"),
    ("--lang", "fr", "report"),
    ("--lang", "fr", "--help"),
    ("--lang", "fr", "funding", "--help"),
)


def slug(command: tuple[str, ...], width: int) -> str:
    words = re.sub(r"[^a-z0-9é]+", "-", " ".join(command).lower()).strip("-").replace("é", "e")
    return f"{words}@{width}.txt"


def golden_path(command: tuple[str, ...], width: int) -> Path:
    return GOLDEN / slug(command, width)


@contextmanager
def _environment(width: int) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR", "IAFR_DATA", "IAFR_DB", "IAFR_LANG")}
    os.environ.update({"COLUMNS": str(width), "NO_COLOR": "1", "IAFR_LANG": "en"})  # French by --lang fr only
    os.environ.pop("IAFR_DATA", None)
    os.environ.pop("IAFR_DB", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def render(command: tuple[str, ...], width: int, db: Path) -> str:
    """What a person sees: stdout, then stderr (if any) and the exit code."""
    if "--help" in command:
        return _help(command, width)
    from iafr.cli import app

    with _environment(width):
        result = CliRunner().invoke(app, [*command, "--data", str(DATA), "--db", str(db)], catch_exceptions=False)
    text = result.stdout
    if result.stderr:
        text += "--- stderr ---\n" + result.stderr
    return text + f"--- exit {result.exit_code} ---\n"


def _help(command: tuple[str, ...], width: int) -> str:
    """Help in a process of its own: its texts are built when the commands' modules are imported,
    in the language of that run (a test process imported them in English long before)."""
    import subprocess

    with _environment(width):
        done = subprocess.run(
            [sys.executable, "-m", "iafr", *command], capture_output=True, text=True, check=False, env=os.environ
        )
    text = done.stdout + ("--- stderr ---\n" + done.stderr if done.stderr else "")
    return text + f"--- exit {done.returncode} ---\n"


def built_database(directory: Path) -> Path:
    """The shipped corpus built once, so no command's output says it was rebuilt."""
    db = directory / "golden.db"
    render(("build",), 100, db)
    return db


README = REPO / "README.md"
README_WIDTH = 100
# A README example: a console block opening with "$ iafr ARGS"; its output runs to the next "$ "
# line or the block's end. Those whose ARGS are a golden command are the golden, at 100 columns.
_EXAMPLE = re.compile(r"^```console\n\$ iafr (?P<args>[^\n]*)\n(?P<output>.*?)(?=^\$ |^```)", re.MULTILINE | re.DOTALL)


def as_shown(golden: str) -> str:
    """A golden as a terminal shows it: stdout, then stderr, without the exit-code line."""
    body = golden.rsplit("--- exit ", 1)[0]
    return body.replace("--- stderr ---\n", "")


def readme_with_goldens(readme: str) -> str:
    """The README with each example of a golden command replaced by that golden (100 columns)."""

    def replace(match: re.Match[str]) -> str:
        args = tuple(shlex.split(match["args"]))
        if args not in COMMANDS:
            return match[0]
        golden = golden_path(args, README_WIDTH).read_text(encoding="utf-8")
        return f"```console\n$ iafr {match['args']}\n{as_shown(golden)}"

    return _EXAMPLE.sub(replace, readme)


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    wanted = {golden_path(command, width) for command in COMMANDS for width in WIDTHS}
    with tempfile.TemporaryDirectory() as scratch:
        db = built_database(Path(scratch))
        for command in COMMANDS:
            for width in WIDTHS:
                path = golden_path(command, width)
                text = render(command, width, db)
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                    print(f"wrote {path.relative_to(REPO)}")
    for stale in sorted(set(GOLDEN.glob("*.txt")) - wanted):
        stale.unlink()
        print(f"removed {stale.relative_to(REPO)}")
    readme = README.read_text(encoding="utf-8")
    if (updated := readme_with_goldens(readme)) != readme:
        README.write_text(updated, encoding="utf-8")
        print("rewrote the README's examples from the goldens")


if __name__ == "__main__":
    sys.exit(main())

"""Shell completion of commands and values (axis, actor, report ids, statuses…)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer

from iafr import completion
from tests.conftest import Invoke


def _ctx(data: Path | None, db: Path | None) -> typer.Context:
    ctx = typer.Context(click.Command("measures"))
    ctx.params.update(data=data, db=db)
    return ctx


@pytest.fixture
def ctx(mini: Path, tmp_path: Path) -> typer.Context:
    return _ctx(mini, tmp_path / "complete.db")


def _values(completions: list[tuple[str, str]]) -> list[str]:
    return [value for value, _ in completions]


def test_ids_from_the_store_with_labels_as_help(ctx: typer.Context) -> None:
    assert completion.complete_axis(ctx, "fr") == [("frugalite", "Frugalité")]
    assert _values(completion.complete_axis(ctx, "")) == ["calcul", "environnement", "frugalite"]
    assert _values(completion.complete_report(ctx, "rap")) == ["rapport-test"]
    assert "jean-zay" in _values(completion.complete_actor(ctx, "j"))
    assert completion.complete_actor(ctx, "nobody") == []
    assert _values(completion.complete_chapter(ctx, "")) == ["5", "1.1"]
    assert _values(completion.complete_currency(ctx, "")) == ["EUR", "USD"]
    assert "m2" in _values(completion.complete_record_id(ctx, "m"))


def test_fixed_vocabularies(ctx: typer.Context) -> None:
    assert _values(completion.complete_status(ctx, "r")) == ["recommended", "raised"]
    assert _values(completion.complete_funding_kind(ctx, "")) == ["public", "private", "mixed"]
    assert _values(completion.complete_measure_kind(ctx, "")) == ["measure"]


def test_completers_never_fail(tmp_path: Path, mini: Path) -> None:
    """No corpus, a broken corpus, an unreadable database: nothing to offer, no traceback."""
    assert completion.complete_axis(_ctx(tmp_path / "missing", None), "") == []
    (mini / "axes.yaml").write_text("axes: [\n", encoding="utf-8")
    assert completion.complete_axis(_ctx(mini, tmp_path / "broken.db"), "") == []
    (tmp_path / "dir.db").mkdir()
    assert completion.complete_axis(_ctx(tmp_path, tmp_path / "dir.db"), "") == []


def test_a_stale_store_is_rebuilt_silently(ctx: typer.Context, mini: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert "calcul" in _values(completion.complete_axis(ctx, ""))
    axes = mini / "axes.yaml"
    axes.write_text(axes.read_text(encoding="utf-8").replace("id: calcul", "id: compute"), encoding="utf-8")
    recommendations = mini / "recommendations.yaml"
    text = recommendations.read_text(encoding="utf-8").replace("axes: [calcul]", "axes: [compute]")
    recommendations.write_text(text, encoding="utf-8")
    assert _values(completion.complete_axis(ctx, "c")) == ["compute"]
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def _iafr_script() -> str:
    script = Path(sys.executable).parent / "iafr"
    if not script.exists():
        pytest.skip("the iafr console script is not installed next to this Python")
    return str(script)


def _complete(words: str, env: dict[str, str], shell: str = "bash") -> subprocess.CompletedProcess[str]:
    """Ask the real program for completions the way the shell script Typer installs does."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    protocol = {
        "bash": {"COMP_WORDS": words, "COMP_CWORD": str(cword)},
        "zsh": {"_TYPER_COMPLETE_ARGS": words},
    }[shell]
    return subprocess.run(
        [_iafr_script()],
        env={**os.environ, **env, **protocol, "_IAFR_COMPLETE": f"complete_{shell}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_shell_protocol_completes_commands_and_values(mini: Path, tmp_path: Path) -> None:
    env = {"IAFR_DATA": str(mini), "IAFR_DB": str(tmp_path / "shell.db")}
    commands = _complete("iafr me", env)
    assert commands.returncode == 0, commands.stderr
    assert commands.stdout.split() == ["measures"]

    axes = _complete("iafr measures --axis fr", env)
    assert axes.returncode == 0, axes.stderr
    assert axes.stdout.split() == ["frugalite"]

    statuses = _complete("iafr funding --status ", env)
    assert "recommended" in statuses.stdout.split()

    described = _complete("iafr measures --axis fr", env, shell="zsh")
    assert "frugalite" in described.stdout and "Frugalité" in described.stdout

    broken = _complete("iafr measures --axis ", {"IAFR_DATA": str(tmp_path / "nowhere"), "IAFR_DB": env["IAFR_DB"]})
    assert broken.returncode == 0
    assert broken.stdout.strip() == "" and "Traceback" not in broken.stderr


def test_install_completion_is_offered(iafr: Invoke) -> None:
    result = iafr("--help")
    assert "--install-completion" in result.output
    assert "--show-completion" in result.output

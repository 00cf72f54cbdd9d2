"""Run the real program in a child process under an address-space cap and a timeout.

The dangerous inputs (alias bombs, deep nesting, kill -9, concurrent builds) run there so that a
regression fails one test with a clear message instead of taking the whole test run down.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

MEMORY_MB = 512  # iafr needs < 100 MB resident on these inputs; an expanding bomb needs gigabytes
TIMEOUT = 60.0  # seconds; generous for a loaded CI machine, short enough to catch a hang


def _cap_memory(megabytes: int) -> Callable[[], None]:
    def apply() -> None:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def python(
    args: Sequence[str],
    *,
    memory_mb: int = MEMORY_MB,
    timeout: float = TIMEOUT,
    cwd: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` with this interpreter, capped; the environment is the test's (isolated cache)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        preexec_fn=_cap_memory(memory_mb),
        cwd=cwd,
        input=stdin,
        check=False,
    )


def iafr(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """``python -m iafr ARGS``, capped."""
    return python(["-m", "iafr", *args], **options)  # type: ignore[arg-type]


def popen(args: Sequence[str], *, memory_mb: int = MEMORY_MB, **options: object) -> subprocess.Popen[str]:
    """A capped ``python ARGS`` left running (for kill -9, SIGINT, concurrency)."""
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=_cap_memory(memory_mb),
        **options,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    # a negative code is a signal: a segfault (-11) or the memory cap (-9/-6) is a failure too
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"

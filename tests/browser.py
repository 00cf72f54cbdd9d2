"""Headless Chromium for the tests that look at pages as a browser lays them out.

``make test`` installs Chromium from the distribution's packages where it can (see the Makefile's
``browser`` target). Without one, a browser test skips on a developer's machine and fails under
``CI=true``: the check that a page really renders must run where it matters.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120  # seconds for one browser run: a cold start on a loaded 2-core machine takes a few


def browser() -> str:
    """The browser's path; skips (fails under CI=true) when there is none."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    message = "no Chromium or Chrome on PATH (make test installs Debian's chromium when run as root)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message)


def _run(arguments: list[str], width: int, height: int) -> subprocess.CompletedProcess[str]:
    command = [
        browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-dev-shm-usage", f"--window-size={width},{height}", *arguments,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=True)


def dom_after_script(page: Path, script: str, width: int, height: int = 2000) -> str:
    """The DOM of ``page`` (a copy with ``script`` before ``</body>``) once laid out at ``width``."""
    probe = page.with_name(f"probe-{width}-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    return _run(["--dump-dom", probe.as_uri()], width, height).stdout


def url_dom_after_script(url: str, width: int, height: int = 2000) -> str:
    """The DOM of ``url`` as the browser built it (scripts run)."""
    return _run(["--virtual-time-budget=5000", "--dump-dom", url], width, height).stdout


def screenshot(target: str, path: Path, width: int, height: int) -> Path:
    """A PNG of ``target`` (a URL) at ``width`` × ``height``."""
    _run([f"--screenshot={path}", target], width, height)
    assert path.stat().st_size > 5_000, f"{path}: a blank page?"
    return path


def pdf(target: str, path: Path) -> Path:
    """``target`` printed to PDF (A4 unless its CSS says otherwise), without the browser's header and footer."""
    _run(["--no-pdf-header-footer", f"--print-to-pdf={path}", target], 1280, 1000)
    return path


def attribute(dom: str, name: str) -> str:
    found = re.search(rf'{name}="([^"]*)"', dom)
    assert found, dom[:2000]
    return found.group(1)

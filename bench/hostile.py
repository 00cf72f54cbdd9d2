"""What a stranger's small input costs: time and peak memory of iafr on the inputs that were once
quadratic or worse (tests/hostile/costly.py writes them).

Prints measured numbers, nothing else; not a test (tests/test_hostile_costs.py bounds the same
inputs under a timeout and a memory cap, so that a regression fails there):

- ``check --strict --sources``: 50 near-miss quotes of 400 words of a 20,000-word text;
- ``search``: on the shipped corpus, one word of a synonym group of 3,000 terms, then that word typed
  32 times; then a word that 50 texts repeat 2,800 times each (each match marked, an excerpt chosen);
- ``build``, ``report`` and ``funding``: clusters of 16 figures linked as ``related`` (a ring and its
  diagonals), then one cluster of 300 (past the exact search's budget: summed as a bound).

Each command runs once in a child process (``python -m iafr``) with a private cache; the wall time
and the child's peak resident memory (``ru_maxrss``) are printed. ``--pythonpath DIR`` runs another
copy of the source (``git archive main src | tar -x -C /tmp/before``: the numbers before a change);
``--timeout`` stops a command that runs longer (its row then says so).

Run: ``python bench/hostile.py [--pythonpath DIR] [--timeout 600] [--only quotes,synonyms,related]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hostile.costly import big_synonym_group, long_texts, near_miss_quotes, related_clusters  # noqa: E402


def measure(args: list[str], env: dict[str, str], timeout: float) -> tuple[str, str, int]:
    """Wall seconds, peak MB and exit status of ``python -m iafr ARGS`` (status -1: timed out)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "iafr", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return f"> {timeout:.0f}", f"{usage.ru_maxrss / 1024:.0f}", -1
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    return f"{wall:.2f}", f"{usage.ru_maxrss / 1024:.0f}", process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pythonpath", help="run the iafr package found there (e.g. an older copy of src/)")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--only", default="quotes,synonyms,related")
    options = parser.parse_args()
    wanted = set(options.only.split(","))
    rows: list[tuple[str, str, str, int]] = []
    with tempfile.TemporaryDirectory(prefix="iafr-hostile-") as temp:
        root = Path(temp)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}
        env.pop("IAFR_DATA", None)
        env.pop("IAFR_DB", None)
        if options.pythonpath:
            env["PYTHONPATH"] = options.pythonpath

        def run(name: str, *args: str) -> None:
            rows.append((name, *measure(list(args), env, options.timeout)))

        if "quotes" in wanted:
            data, texts = near_miss_quotes(root / "quotes")
            run("check --strict --sources: 50 near-miss quotes x 400 words", "check", "--strict", "--data",
                str(data), "--sources", str(texts))  # fmt: skip
        if "synonyms" in wanted:
            data, word = big_synonym_group(root / "synonyms")
            db = str(root / "synonyms.db")
            run("build: a synonym group of 3,000 terms", "build", "--data", str(data), "--db", db)
            run("search: a word of that group", "search", word, "--data", str(data), "--db", db)
            run("search: that word typed 32 times", "search", " ".join([word] * 32), "--data", str(data), "--db", db)
            data, word = long_texts(root / "texts")
            db = str(root / "texts.db")
            run("build: 50 texts of one word x 2,800", "build", "--data", str(data), "--db", db)
            run("search: that word (2,800 matches per text)", "search", word, "--data", str(data), "--db", db)
        if "related" in wanted:
            data = related_clusters(root / "related")
            db = str(root / "related.db")
            run("build: 4 clusters of 16 related figures", "build", "--data", str(data), "--db", db)
            run("report: the same", "report", "--data", str(data), "--db", db)
            run("funding: the same", "funding", "--data", str(data), "--db", db)
            data = related_clusters(root / "entangled", clusters=1, size=300)
            db = str(root / "entangled.db")
            run("build: one cluster of 300 (summed as a bound)", "build", "--data", str(data), "--db", db)
            run("funding: the same", "funding", "--data", str(data), "--db", db)
    width = max(len(row[0]) for row in rows)
    print(f"{'command':<{width}}  {'wall s':>8}  {'peak MB':>8}  exit")
    for name, wall, peak, code in rows:
        print(f"{name:<{width}}  {wall:>8}  {peak:>8}  {'timeout' if code == -1 else code}")


if __name__ == "__main__":
    main()

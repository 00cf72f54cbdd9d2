"""How long one ``iafr`` call takes, side by side with the least a Typer CLI can take.

Runs the real ``iafr`` console script of this environment (beside ``sys.executable``) as a
subprocess, interleaved with the commands it is compared to so that machine noise hits all
of them alike, and prints the median wall time (and CPU time) of several runs after warm-up:

- ``iafr measures --axis frugalite --format csv`` on a fresh database (warm);
- ``bench/floor_app.py``: a one-command Typer app running the same SQL (target: iafr ≤ 1.10×);
- ``sqlite-utils query DB SQL --csv``: the peer, for the cost of the framework itself;
- ``python -c pass`` and ``python -c 'import typer'``: the interpreter and the framework's import;
- cold: one YAML file edited just before each run, so the query rebuilds first (target ≤ 3× warm);
- ``iafr check`` on the same corpus (target ≤ 2× warm).

The corpus is copied to a temporary directory (the edits of the cold runs never touch it) and
the database lives there too. Not a test: nothing fails on speed; read the table.

Run: ``python bench/latency.py [--data DIR] [--runs 15] [--warmup 3]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
sys.path.insert(0, str(BENCH))

from floor_app import SQL  # noqa: E402  (the floor's query is the one iafr runs)


@dataclass
class Command:
    """One command line to time, with what to do before each run (not timed)."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self, record: bool = True) -> bytes:
        if self.before is not None:
            self.before()
        env = child_environment(self.env)
        start = time.perf_counter()
        process = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        stdout, stderr = process.communicate()
        elapsed = time.perf_counter() - start
        usage = resource_of_children()
        if process.returncode != 0:
            raise SystemExit(f"{self.name} failed ({process.returncode}): {' '.join(self.argv)}\n{stderr.decode()}")
        if record:
            self.wall.append(elapsed)
            self.cpu.append(usage)
        return stdout

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


_last_children_cpu = 0.0


def resource_of_children() -> float:
    """CPU seconds (user + system) the last finished child used."""
    import resource

    global _last_children_cpu
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    spent, _last_children_cpu = total - _last_children_cpu, total
    return spent


def run_interleaved(commands: list[Command], runs: int, warmup: int) -> None:
    """Warm-up runs, then ``runs`` rounds; each round runs every command once, in rotating order."""
    for command in commands:
        for _ in range(warmup):
            command.run(record=False)
    for round_ in range(runs):
        shift = round_ % len(commands)
        for command in commands[shift:] + commands[:shift]:
            command.run()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import yaml

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; PyYAML {yaml.__version__} "
        f"({'C' if getattr(yaml, '__with_libyaml__', False) else 'pure'} loader); "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    lines += [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |" for row in rows
    ]
    return "\n".join(lines)


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def child_environment(extra: dict[str, str]) -> dict[str, str]:
    """The environment of the timed commands: ours, plus ``extra``, with bytecode caching on.

    With PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images set it), every run compiles
    iafr's modules from source again: not what an installed iafr does."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def prepare(data: Path, workdir: Path) -> tuple[Path, Path, dict[str, str]]:
    """A private copy of the corpus, its database built where iafr puts it by default (the user
    cache, here under ``workdir``), and the environment that points iafr at them."""
    corpus = workdir / "corpus"
    shutil.copytree(data, corpus, ignore=shutil.ignore_patterns("*.md", "__init__.py", "__pycache__"))
    env = {"IAFR_DATA": str(corpus), "XDG_CACHE_HOME": str(workdir / "cache"), "NO_COLOR": "1"}
    subprocess.run([str(BIN / "iafr"), "build"], env=child_environment(env), check=True, capture_output=True)
    (db,) = (workdir / "cache").rglob("*.db")
    return corpus, db, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=REPO / "data", help="corpus directory (default: the repo's data/)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per command first (default 3)")
    parser.add_argument("--axis", default="frugalite", help="the axis of the measured query (default frugalite)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="iafr-latency-") as tmp:
        corpus, db, env = prepare(args.data, Path(tmp))
        iafr = str(BIN / "iafr")
        query = ["measures", "--axis", args.axis, "--format", "csv"]
        edited = corpus / "axes.yaml"
        original = edited.read_bytes()
        counter = [0]

        def edit_yaml() -> None:
            # A real edit (new bytes, new mtime), so that the freshness check must rebuild.
            counter[0] += 1
            edited.write_bytes(original + f"# edit {counter[0]}\n".encode())

        warm = Command("iafr warm query", [iafr, *query], env)
        floor = Command(
            "floor (Typer + sqlite3)",
            [PYTHON, str(BENCH / "floor_app.py"), "--axis", args.axis, "--format", "csv", "--db", str(db)],
        )
        peer = Command(
            "sqlite-utils query --csv",
            [str(BIN / "sqlite-utils"), "query", str(db), SQL.replace("?", ":axis"), "-p", "axis", args.axis, "--csv"],
        )
        python = Command("python -c pass", [PYTHON, "-c", "pass"])
        typer_import = Command("python -c 'import typer'", [PYTHON, "-c", "import typer"])
        cold = Command("iafr cold query (YAML edited)", [iafr, *query], env, before=edit_yaml)
        check = Command("iafr check", [iafr, "check"], env)

        expected = floor.run(record=False)
        got = warm.run(record=False)
        if got != expected:
            raise SystemExit("iafr and the floor print different CSV: update bench/floor_app.py from queries.py")
        rows_out = expected.count(b"\n") - 1

        commands = [warm, floor, peer, python, typer_import, cold, check]
        run_interleaved(commands, args.runs, args.warmup)
        edited.write_bytes(original)

    base = warm.median
    print(f"Machine: {machine()}")
    print(f"Corpus: {args.data} ({rows_out} rows for --axis {args.axis}); {args.runs} runs after {args.warmup} warm-up")
    print()
    header = ("command", "median wall", "min wall", "median CPU", "× warm query")
    print(
        table(
            [
                (
                    c.name,
                    milliseconds(c.median),
                    milliseconds(min(c.wall)),
                    milliseconds(statistics.median(c.cpu)),
                    f"{c.median / base:.2f}",
                )
                for c in commands
            ],
            header,
        )
    )
    print()

    def cpu(command: Command) -> float:
        return statistics.median(command.cpu)

    ratios = [
        ("warm query / floor", warm, floor, "≤ 1.10"),
        ("floor / sqlite-utils (the framework's cost)", floor, peer, "≈ 1.25 (issue)"),
        ("warm query / sqlite-utils", warm, peer, "≤ floor / sqlite-utils"),
        ("cold query / warm query", cold, warm, "≤ 3"),
        ("check / warm query", check, warm, "≤ 2"),
    ]
    print(
        table(
            [(name, f"{a.median / b.median:.2f}", f"{cpu(a) / cpu(b):.2f}", target) for name, a, b, target in ratios],
            ("ratio", "wall (medians)", "CPU (medians)", "target (wall)"),
        )
    )


if __name__ == "__main__":
    main()

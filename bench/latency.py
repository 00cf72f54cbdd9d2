"""How long one ``iafr`` call takes, side by side with the least a Typer CLI can take.

Runs the real ``iafr`` console script of this environment (beside ``sys.executable``) as a
subprocess, interleaved with the commands it is compared to so that machine noise hits all
of them alike, and prints the median wall time (and CPU time) of several runs after warm-up:

- ``iafr measures --axis frugalite --format csv`` on a fresh database (warm);
- ``bench/floor_app.py``: a one-command Typer app running the same SQL, on the installed Typer;
- ``sqlite-utils query DB SQL --csv``: the peer (a click CLI), same SQL, same rows;
- the limit: ``python -c`` with ``sqlite3`` and ``csv`` running the same SQL, printing the same CSV;
- ``python -c pass`` and ``python -c 'import typer'``: the interpreter and the framework's import;
- cold: one YAML file edited just before each run, so the query rebuilds first;
- ``iafr check`` on the same corpus.

Before timing, it checks that iafr, the floor and the limit print the same CSV bytes, and that
sqlite-utils prints the same rows (its list cells joined by ``\\x1f`` where iafr writes ``;``).
Then it prints iafr's own share (warm − floor, in ms) and the ratios, each beside its goal:
warm ≤ 0.75 × sqlite-utils; own share ≤ 30 ms; cold ≤ 3 × warm; check ≤ 2 × warm;
warm ≤ 1.10 × floor. PASS/MISS is information: the exit status is 0 whatever the times.

``--importtime`` instead runs ``python -X importtime -m iafr measures …`` on the warm database
(interleaved with the floor under ``-X importtime``) and prints the 15 modules with the largest
cumulative import time, iafr's own modules against third-party ones and the standard library,
and what iafr imports that the floor does not (medians of ``--runs``).

The corpus is copied to a temporary directory (the edits of the cold runs never touch it) and
the database lives there too. Not a test: nothing fails on speed; read the tables.

Run: ``python bench/latency.py [--data DIR] [--runs 15] [--warmup 3] [--importtime]``.
"""

from __future__ import annotations

import argparse
import csv
import io
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

# The limit: what the query costs with no CLI framework at all (argv: DB SQL AXIS). It writes
# the bytes the floor writes (NULL as an empty cell, list columns joined with ';').
LIMIT_CODE = """\
import csv, sqlite3, sys
db, sql, axis = sys.argv[1:]
cursor = sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute(sql, (axis,))
writer = csv.writer(sys.stdout, lineterminator="\\r\\n")
writer.writerow(column[0] for column in cursor.description)
writer.writerows(("" if v is None else str(v).replace("\\x1f", ";") for v in row) for row in cursor)
"""

# The packages a Typer CLI may pull in, named in the import-time summary even when not imported.
THIRD_PARTY = ("typer", "click", "rich", "pydantic", "pydantic_core", "yaml", "sqlite_utils", "platformdirs")


@dataclass
class Command:
    """One command line to time, with what to do before each run (not timed)."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    stderr: list[bytes] = field(default_factory=list)

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
            self.stderr.append(stderr)
        return stdout

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


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


def nproc() -> int:
    """What ``nproc`` prints: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def version(distribution: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


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
        f"{platform.system()} {platform.release()}, {cpu}, nproc {nproc()}; "
        f"Python {platform.python_version()}; PyYAML {yaml.__version__} "
        f"({'C' if getattr(yaml, '__with_libyaml__', False) else 'pure'} loader); "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )


def packages() -> str:
    """The installed versions that the timed commands run on (Typer's above all)."""
    return (
        f"Typer {version('typer')} (installed, {PYTHON}); click {version('click')}, "
        f"pydantic {version('pydantic')}, rich {version('rich')}, sqlite-utils {version('sqlite-utils')}"
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


def csv_rows(output: bytes) -> list[list[str]]:
    """The records of a CSV output, header first (a quoted cell may hold line breaks)."""
    return list(csv.reader(io.StringIO(output.decode("utf-8"), newline="")))


def same_rows(outputs: dict[str, bytes]) -> str:
    """Stops unless every output holds the same rows as the floor's; says what was compared.

    iafr, the floor and the limit must print the same bytes; sqlite-utils, the same cells once its
    list separator (the ``\\x1f`` of ``group_concat``) is read as iafr's ``;``."""
    floor = outputs["floor"]
    for name in ("iafr", "limit"):
        if outputs[name] != floor:
            raise SystemExit(f"{name} and the floor print different CSV: update bench/floor_app.py from queries.py")
    expected = csv_rows(floor)
    peer = [[cell.replace("\x1f", ";") for cell in row] for row in csv_rows(outputs["sqlite-utils"])]
    if len(peer) != len(expected):
        raise SystemExit(f"sqlite-utils printed {len(peer) - 1} rows, the floor {len(expected) - 1}")
    if peer != expected:
        raise SystemExit("sqlite-utils printed the same number of rows as the floor, but other cells")
    return (
        f"Rows: {len(expected) - 1} (+ header) from each of iafr, the floor, sqlite-utils and the limit: "
        "the same bytes, and for sqlite-utils the same cells (its \\x1f list separator read as ';')"
    )


@dataclass
class Goal:
    """One measure, its value (wall and CPU medians) and the goal its wall value is held to."""

    name: str
    wall: float
    cpu: float
    unit: str  # "×" (a ratio) or "ms" (a difference in seconds)
    at_most: float | None = None  # None: information only

    def cell(self, value: float) -> str:
        return f"{value:.2f}" if self.unit == "×" else milliseconds(value)

    def row(self) -> tuple[str, ...]:
        if self.at_most is None:
            return (self.name, self.cell(self.wall), self.cell(self.cpu), "—", "info")
        goal = f"≤ {self.at_most:.2f}" if self.unit == "×" else f"≤ {milliseconds(self.at_most)}"
        verdict = "PASS" if self.wall <= self.at_most else "MISS"
        return (self.name, self.cell(self.wall), self.cell(self.cpu), goal, verdict)


def ratio(name: str, a: Command, b: Command, at_most: float | None = None) -> Goal:
    return Goal(name, a.median / b.median, a.median_cpu / b.median_cpu, "×", at_most)


def difference(name: str, a: Command, b: Command, at_most: float | None = None) -> Goal:
    return Goal(name, a.median - b.median, a.median_cpu - b.median_cpu, "ms", at_most)


@dataclass
class Import:
    """One line of ``-X importtime``: a module, its depth in the import tree, its times (µs)."""

    key: tuple[str, int]  # the name, and which occurrence of it in the run (a name may repeat)
    depth: int
    self_us: float
    cumulative_us: float
    parent: tuple[str, int] | None = None

    @property
    def name(self) -> str:
        return self.key[0]


def parse_importtime(stderr: str) -> dict[tuple[str, int], Import]:
    """The modules of one ``-X importtime`` report, each with the module whose import pulled it in.

    The report lists a module after those it imported (one more level of indentation), so a
    line's children are the lines one level deeper since the last line at its own level."""
    imports: dict[tuple[str, int], Import] = {}
    seen: dict[str, int] = {}
    pending: dict[int, list[Import]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        own, cumulative, label = line[len("import time:") :].split("|", 2)
        name = label.strip()
        depth = (len(label) - len(label.lstrip(" ")) - 1) // 2
        seen[name] = seen.get(name, 0) + 1
        entry = Import((name, seen[name]), depth, float(own), float(cumulative))
        for child in pending.pop(depth + 1, []):
            child.parent = entry.key
        pending.setdefault(depth, []).append(entry)
        imports[entry.key] = entry
    return imports


def median_imports(reports: list[bytes]) -> dict[tuple[str, int], Import]:
    """One import tree (the first run's), with each module's median times over the runs."""
    runs = [parse_importtime(report.decode()) for report in reports]
    tree = runs[0]
    for key, entry in tree.items():
        entry.self_us = statistics.median(run[key].self_us for run in runs if key in run)
        entry.cumulative_us = statistics.median(run[key].cumulative_us for run in runs if key in run)
    return tree


def group(name: str) -> str:
    """Whose module this is: ``iafr``, ``stdlib``, or the third-party top-level package."""
    top = name.partition(".")[0]
    if top == "iafr":
        return "iafr"
    if top.startswith("__editable__") or top in ("_distutils_hack", "sitecustomize", "usercustomize"):
        return "site hooks"  # run by site in every process of the venv: the editable finder and the like
    if top in sys.stdlib_module_names or top in sys.builtin_module_names or top == "org":
        return "stdlib"  # org.python.core: copy.py's probe for Jython, a failed import
    if top.startswith("_sysconfigdata_"):
        return "stdlib"  # sysconfig's data, named after the platform
    return top


def owner(entry: Import, tree: dict[tuple[str, int], Import]) -> str:
    """The group of the nearest module, this one or one that pulled it in, that is not stdlib."""
    key: tuple[str, int] | None = entry.key
    while key is not None:
        found = group(tree[key].name)
        if found != "stdlib":
            return found
        key = tree[key].parent
    return "top level"


def ms(microseconds: float) -> str:
    return f"{microseconds / 1000:.1f} ms"


def importtime_report(tree: dict[tuple[str, int], Import], floor: dict[tuple[str, int], Import]) -> str:
    lines = []
    top = sorted(tree.values(), key=lambda entry: entry.cumulative_us, reverse=True)[:15]
    lines.append(
        table(
            [(entry.name, ms(entry.cumulative_us), ms(entry.self_us), owner(entry, tree)) for entry in top],
            ("module (top 15 by cumulative)", "cumulative", "self", "pulled in by"),
        )
    )
    lines.append("")

    def total(entries: list[Import]) -> float:
        return sum(entry.self_us for entry in entries)

    everything = list(tree.values())
    own = [entry for entry in everything if group(entry.name) == "iafr"]
    stdlib = [entry for entry in everything if group(entry.name) == "stdlib"]
    hooks = [entry for entry in everything if group(entry.name) == "site hooks"]
    third = [entry for entry in everything if group(entry.name) not in ("iafr", "stdlib", "site hooks")]
    by_package: dict[str, list[Import]] = {}
    for entry in third:
        by_package.setdefault(group(entry.name), []).append(entry)
    packages = sorted(by_package.items(), key=lambda item: total(item[1]), reverse=True)
    absent = [name for name in THIRD_PARTY if name not in by_package]
    under_iafr = [entry for entry in stdlib if owner(entry, tree) == "iafr"]
    under_hooks = [entry for entry in stdlib if owner(entry, tree) == "site hooks"]
    under_third = [entry for entry in stdlib if owner(entry, tree) not in ("iafr", "site hooks", "top level")]
    lines.append(f"Total (sum of self times): {ms(total(everything))} over {len(everything)} modules")
    lines.append(
        f"iafr.* (own modules, self): {ms(total(own))} over {len(own)} modules; with the stdlib "
        f"modules they pull in first: {ms(total(own) + total(under_iafr))}"
    )
    lines.append(
        f"Third-party (self): {ms(total(third))} — "
        + ", ".join(f"{name} {ms(total(entries))} ({len(entries)})" for name, entries in packages)
        + (f"; not imported: {', '.join(absent)}" if absent else "")
    )
    lines.append(
        f"Site hooks (self, every process of this venv pays them): {ms(total(hooks))} — "
        + ", ".join(sorted({entry.name for entry in hooks}))
    )
    rest = total(stdlib) - total(under_iafr) - total(under_third) - total(under_hooks)
    lines.append(
        f"stdlib (self): {ms(total(stdlib))} — pulled in by iafr {ms(total(under_iafr))}, by third-party "
        f"{ms(total(under_third))}, by the site hooks {ms(total(under_hooks))}, at top level (start-up, "
        f"runpy, imports inside functions at run time) {ms(rest)}"
    )
    floor_names = {entry.name for entry in floor.values()}
    extra = sorted(
        (entry for entry in everything if entry.name not in floor_names), key=lambda e: e.self_us, reverse=True
    )
    lines.append(
        f"Imported by iafr, not by the floor: {len(extra)} modules, {ms(total(extra))} (self); the floor's "
        f"total {ms(total(list(floor.values())))}. Largest: "
        + ", ".join(f"{entry.name} {ms(entry.self_us)} [{owner(entry, tree)}]" for entry in extra[:12])
    )
    lines.append(
        "Note: -X importtime has no line for a module loaded with importlib.import_module, as iafr's lazy "
        "command group loads iafr.cli.query_commands: that module's own time is in none of these totals, "
        "and what it imports first (sqlite3, decimal, iafr.completion…) shows at top level."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=REPO / "data", help="corpus directory (default: the repo's data/)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per command first (default 3)")
    parser.add_argument("--axis", default="frugalite", help="the axis of the measured query (default frugalite)")
    parser.add_argument(
        "--importtime", action="store_true", help="where the warm query's imports go (-X importtime), not timings"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="iafr-latency-") as tmp:
        corpus, db, env = prepare(args.data, Path(tmp))
        iafr = str(BIN / "iafr")
        query = ["measures", "--axis", args.axis, "--format", "csv"]
        floor_argv = [str(BENCH / "floor_app.py"), "--axis", args.axis, "--format", "csv", "--db", str(db)]
        if args.importtime:
            traced = Command("iafr -X importtime", [PYTHON, "-X", "importtime", "-m", "iafr", *query], env)
            floor_traced = Command("floor -X importtime", [PYTHON, "-X", "importtime", *floor_argv])
            run_interleaved([traced, floor_traced], args.runs, args.warmup)
            print(f"Machine: {machine()}")
            print(packages())
            print(
                f"python -X importtime -m iafr {' '.join(query)}, warm database: medians of {args.runs} runs "
                f"after {args.warmup} warm-up (the floor's interleaved)"
            )
            print()
            print(importtime_report(median_imports(traced.stderr), median_imports(floor_traced.stderr)))
            return

        edited = corpus / "axes.yaml"
        original = edited.read_bytes()
        counter = [0]

        def edit_yaml() -> None:
            # A real edit (new bytes, new mtime), so that the freshness check must rebuild.
            counter[0] += 1
            edited.write_bytes(original + f"# edit {counter[0]}\n".encode())

        warm = Command("iafr warm query", [iafr, *query], env)
        floor = Command("floor (Typer + sqlite3)", [PYTHON, *floor_argv])
        peer = Command(
            "sqlite-utils query --csv",
            [str(BIN / "sqlite-utils"), "query", str(db), SQL.replace("?", ":axis"), "-p", "axis", args.axis, "--csv"],
        )
        limit = Command("limit: python -c (sqlite3 + csv)", [PYTHON, "-c", LIMIT_CODE, str(db), SQL, args.axis])
        python = Command("python -c pass", [PYTHON, "-c", "pass"])
        typer_import = Command("python -c 'import typer'", [PYTHON, "-c", "import typer"])
        cold = Command("iafr cold query (YAML edited)", [iafr, *query], env, before=edit_yaml)
        check = Command("iafr check", [iafr, "check"], env)

        outputs = {
            "floor": floor.run(record=False),
            "iafr": warm.run(record=False),
            "limit": limit.run(record=False),
            "sqlite-utils": peer.run(record=False),
        }
        rows = same_rows(outputs)

        commands = [warm, floor, peer, limit, python, typer_import, cold, check]
        run_interleaved(commands, args.runs, args.warmup)
        edited.write_bytes(original)

    base = warm.median
    print(f"Machine: {machine()}")
    print(packages())
    print(f"Corpus: {args.data} (--axis {args.axis}); {args.runs} runs after {args.warmup} warm-up")
    print(rows)
    print()
    header = ("command", "median wall", "min wall", "median CPU", "× warm query")
    print(
        table(
            [
                (
                    c.name,
                    milliseconds(c.median),
                    milliseconds(min(c.wall)),
                    milliseconds(c.median_cpu),
                    f"{c.median / base:.2f}",
                )
                for c in commands
            ],
            header,
        )
    )
    print()
    goals = [
        ratio("warm query / sqlite-utils", warm, peer, 0.75),
        difference("iafr's own share (warm − floor)", warm, floor, 0.030),
        ratio("cold query / warm query", cold, warm, 3),
        ratio("check / warm query", check, warm, 2),
        ratio("warm query / floor", warm, floor, 1.10),
        ratio("floor / sqlite-utils (the framework's cost)", floor, peer),
        difference("floor − limit (Typer's cost)", floor, limit),
    ]
    print(
        table(
            [goal.row() for goal in goals],
            ("measure", "wall (medians)", "CPU (medians)", "goal (wall)", "PASS/MISS"),
        )
    )
    print("PASS/MISS is information only: the exit status is 0 whatever the times.")


if __name__ == "__main__":
    main()

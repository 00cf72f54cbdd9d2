"""How ``iafr build`` and a warm query scale: generated corpora of 1k and 10k records per entity.

For each size, ``generate.py`` writes a corpus (deterministic with ``--seed``) that must pass
``iafr check``, then the real ``iafr`` console script builds it several times in a subprocess
(median wall time, and peak RSS of the child from ``os.wait4``). Then the warm query
``iafr measures --axis frugalite --format csv`` on the largest database is timed against the
same query on the bundled corpus (interleaved runs; both return about the same number of rows,
so the ratio measures the lookup, not the output). Finally the largest build is profiled
in-process, phase by phase (read, parse, validate, rules, rows, SQLite), and with
``--cprofile FILE`` cProfile stats of the whole build are written for ``python -m pstats``.

Targets (issue 6): t(10k) / t(1k) ≤ 12; the 10k build ≤ 20 s with peak RSS ≤ 500 MB; the warm
query on 10k ≤ 1.5× the same query on the bundled corpus. Not a test: nothing fails on speed.

Run: ``python bench/scale.py [--sizes 1000 10000] [--builds 3] [--runs 15] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402
from latency import (  # noqa: E402
    BIN,
    REPO,
    Command,
    child_environment,
    machine,
    milliseconds,
    prepare,
    run_interleaved,
    table,
)


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in bytes (of this child alone) and exit code."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=child_environment(env))
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed:\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss * 1024, process.returncode  # ru_maxrss is in KiB on Linux


def profile_phases(data: Path, db: Path, cprofile_out: Path | None) -> list[tuple[str, float]]:
    """Seconds per phase of one build, in this process (the same functions ``iafr build`` calls)."""
    from iafr import loader, store, validate
    from iafr.check import check_data
    from iafr.kinds import data_files
    from iafr.rules import find_problems
    from iafr.store.tables import corpus_rows

    phases: list[tuple[str, float]] = []

    def timed(name: str, function: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = function()
        phases.append((name, time.perf_counter() - start))
        return result

    texts = timed(
        "read and decode the files",
        lambda: [loader.read_text(data / name) for name in data_files() if (data / name).exists()],
    )
    timed("parse YAML (loader.load)", lambda: [loader.load(text) for text in texts])
    texts.clear()
    load_seconds = time.perf_counter()
    corpus, _ = validate.load_corpus(data)
    load_seconds = time.perf_counter() - load_seconds
    read_and_parse = phases[0][1] + phases[1][1]
    phases.append(("validate (load_corpus minus read and parse)", max(load_seconds - read_and_parse, 0.0)))
    timed("rules", lambda: find_problems(corpus))
    timed("store: rows", lambda: dict(corpus_rows(corpus)))
    fingerprint = store.fingerprint(data)
    timed("store: total (rows, SQLite, FTS, checks, fsync)", lambda: store.build_store(corpus, db, fingerprint))
    if cprofile_out is not None:
        db.unlink(missing_ok=True)
        profiler = cProfile.Profile()
        profiler.enable()
        corpus, _ = check_data(data)
        store.build_store(corpus, db, store.fingerprint(data))
        profiler.disable()
        profiler.dump_stats(cprofile_out)
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="records per entity")
    parser.add_argument("--builds", type=int, default=3, help="timed builds per size (default 3)")
    parser.add_argument("--runs", type=int, default=15, help="timed warm queries per database (default 15)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bundled", type=Path, default=REPO / "data", help="the corpus to compare the query with")
    parser.add_argument("--cprofile", type=Path, help="also write cProfile stats of the largest build here")
    args = parser.parse_args()
    iafr = str(BIN / "iafr")

    with tempfile.TemporaryDirectory(prefix="iafr-scale-") as tmp:
        root = Path(tmp)
        results = []
        for size in args.sizes:
            data = root / f"corpus-{size}"
            written = generate(data, size, args.seed)
            env = {"NO_COLOR": "1", "XDG_CACHE_HOME": str(root / "cache")}
            _, _, code = run_measured([iafr, "check", "--data", str(data)], env)
            if code != 0:
                raise SystemExit(f"the generated corpus of {size} fails 'iafr check --data {data}'")
            db = root / f"corpus-{size}.db"
            walls, peaks = [], []
            for _ in range(args.builds):
                db.unlink(missing_ok=True)
                wall, peak, _ = run_measured([iafr, "build", "--data", str(data), "--db", str(db)], env)
                walls.append(wall)
                peaks.append(peak)
            results.append((size, written, statistics.median(walls), min(walls), max(peaks), db, data))
            print(f"built {size} records per entity: {statistics.median(walls):.2f} s", file=sys.stderr)

        largest, _, _, _, _, large_db, large_data = results[-1]
        _, _, bundled_env = prepare(args.bundled, root / "bundled")
        query = ["measures", "--axis", "frugalite", "--format", "csv"]
        on_bundled = Command("warm query, bundled corpus", [iafr, *query], bundled_env)
        large_env = {**bundled_env, "IAFR_DATA": str(large_data), "IAFR_DB": str(large_db)}
        on_large = Command(f"warm query, {largest} per entity", [iafr, *query], large_env)
        rows = {c.name: c.run(record=False).count(b"\n") - 1 for c in (on_bundled, on_large)}
        run_interleaved([on_bundled, on_large], args.runs, 3)

        print("profiling the largest build in-process…", file=sys.stderr)
        phases = profile_phases(large_data, root / "profiled.db", args.cprofile)

    print(f"Machine: {machine()}")
    print(f"Generated with --seed {args.seed}; {args.builds} builds per size (fresh database each time)")
    print()
    header = ("records per entity", "YAML", "build median", "build min", "peak RSS", "MB/s")
    print(
        table(
            [
                (
                    f"{size:,}",
                    f"{written / 1e6:.1f} MB",
                    f"{median:.2f} s",
                    f"{low:.2f} s",
                    f"{peak / 2**20:.0f} MiB",
                    f"{written / 1e6 / median:.2f}",
                )
                for size, written, median, low, peak, _, _ in results
            ],
            header,
        )
    )
    print()
    print(
        table(
            [
                (c.name, str(rows[c.name]), milliseconds(c.median), milliseconds(min(c.wall)))
                for c in (on_bundled, on_large)
            ],
            ("query", "rows", "median wall", "min wall"),
        )
    )
    print()
    ratios = [("warm query: largest / bundled", on_large.median / on_bundled.median, "≤ 1.5")]
    if len(results) >= 2:
        (small, _, t_small, _, _, _, _), (large, _, t_large, _, peak, _, _) = results[0], results[-1]
        ratios.insert(0, (f"build time: {large:,} / {small:,}", t_large / t_small, f"≤ {1.2 * large / small:.0f}"))
        ratios.insert(1, (f"build time of {large:,} (s)", t_large, "≤ 20"))
        ratios.insert(2, (f"peak RSS of {large:,} (MiB)", peak / 2**20, "≤ 500"))
    print(table([(name, f"{value:.2f}", target) for name, value, target in ratios], ("measure", "value", "target")))
    print()
    total = sum(seconds for name, seconds in phases if not name.startswith("store: rows"))
    print(f"Where the time of one {largest:,} build goes (in-process, one run; rows are part of the store total):")
    print(
        table(
            [(name, f"{seconds:.2f} s", f"{100 * seconds / total:.0f}%") for name, seconds in phases],
            ("phase", "time", "share"),
        )
    )
    if args.cprofile:
        print(f"\ncProfile stats: python -m pstats {args.cprofile}")


if __name__ == "__main__":
    main()

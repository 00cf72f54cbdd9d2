"""How long verifying the corpus against its sources' texts takes (``iafr check --sources DIR``).

Prints measured numbers, nothing else; not a test (nothing fails on speed):

- as subprocesses, interleaved round by round: ``iafr check`` and ``iafr check --sources DIR`` on
  the same corpus, wall medians (and CPU medians) of ``--runs`` runs after warm-up; the difference
  is what ``--sources`` costs a curator or CI (issue target: the whole command under 1 s);
- in process, with every cache of the matcher emptied before each run (a CLI run starts cold):
  reading each text and indexing it once, then each rule that reads the texts;
- every wording by the tier that found it (exact, normalised, OCR, approximate, not found), with the
  median and the longest time one wording took: the word-by-word tiers look words up in the
  index and align a window around them, so no wording costs a scan of the whole text;
- the OCR text's quotes against that text alone, then with ``--copies`` times the other texts
  appended (about 15 times as long): indexing grows with the text, the time per quote should not.

Run: ``python bench/quotes.py [--data DIR] [--sources DIR] [--runs 15] [--warmup 3] [--copies 10]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from latency import BIN, Command, machine, milliseconds, run_interleaved, table  # noqa: E402


def subprocess_times(data: Path, sources: Path, runs: int, warmup: int) -> list[tuple[str, ...]]:
    iafr = str(BIN / "iafr")
    plain = Command("iafr check", [iafr, "check", "--data", str(data)])
    texts = Command("iafr check --sources", [iafr, "check", "--data", str(data), "--sources", str(sources)])
    strict = Command("iafr check --strict --sources", [*texts.argv, "--strict"])
    commands = [plain, texts, strict]
    run_interleaved(commands, runs, warmup)
    rows = [
        (
            command.name,
            milliseconds(command.median),
            milliseconds(min(command.wall)),
            milliseconds(statistics.median(command.cpu)),
        )
        for command in commands
    ]
    rows.append(("--sources costs (wall median difference)", milliseconds(texts.median - plain.median), "", ""))
    return rows


def _clear_caches() -> None:
    from iafr.quotes import match, normalise, ocr

    for cached in (normalise._plain, ocr.fold, ocr.strip_accents, ocr.ocr_equivalent, match._normalised, match._words):
        cached.cache_clear()


def in_process(data: Path, sources: Path, runs: int) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    from iafr.quotes.library import load_texts
    from iafr.rules import text_rules
    from iafr.validate import load_corpus

    corpus, _ = load_corpus(data)
    phases: dict[str, list[float]] = defaultdict(list)
    sizes: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        _clear_caches()
        start = time.perf_counter()
        texts, _ = load_texts(corpus, sources)
        phases["read and index the texts"].append(time.perf_counter() - start)
        for rule in text_rules():
            begun = time.perf_counter()
            list(rule.check(corpus, texts))
            phases[f"rule {rule.id}"].append(time.perf_counter() - begun)
        phases["all of --sources (texts + rules)"].append(time.perf_counter() - start)
        sizes = {text.file: (len(text.index.raw), len(text.index.tokens)) for text in texts.values()}
    rows = [(name, milliseconds(statistics.median(times)), milliseconds(min(times))) for name, times in phases.items()]
    text_rows = [(name, str(chars), str(words)) for name, (chars, words) in sorted(sizes.items())]
    return rows, text_rows


def tiers(data: Path, sources: Path) -> list[tuple[str, ...]]:
    """Each wording once, cold caches, timed alone, by the tier that found it."""
    from iafr.quotes.citations import citations
    from iafr.quotes.fixes import documented_fixes
    from iafr.quotes.guillemets import outermost
    from iafr.quotes.library import load_texts
    from iafr.quotes.match import Level, find_quote
    from iafr.validate import load_corpus

    corpus, _ = load_corpus(data)
    texts, _ = load_texts(corpus, sources)
    _clear_caches()
    wordings: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    for citation in citations(corpus):
        fixes = documented_fixes(citation.note)
        if citation.ref.quote:
            wordings.append((citation.ref.source, citation.ref.quote, fixes))
        for title in outermost(citation.ref.locator or ""):
            wordings.append((citation.ref.source, title, fixes))
    for measure in corpus.measures:
        for ref in measure.sources:
            wordings.append((ref.source, measure.text, documented_fixes(measure.note)))
    times: dict[str, list[float]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for source, wording, fixes in wordings:
        if source not in texts:
            continue
        start = time.perf_counter()
        found = find_quote(texts[source].index, wording, fixes)
        times[found.level.name].append(time.perf_counter() - start)
        counts[found.level.name] += 1
    order = [level.name for level in Level]
    return [
        (
            level,
            str(counts[level]),
            f"{statistics.median(times[level]) * 1e6:.0f} µs",
            f"{max(times[level]) * 1e3:.1f} ms",
        )
        for level in sorted(times, key=order.index)
    ]


def scaling(data: Path, sources: Path, copies: int) -> list[tuple[str, ...]]:
    """The OCR text's wordings against its text alone, then with ``copies`` times the other texts
    appended: the index grows with the text, the time per wording should not."""
    from iafr.quotes.citations import citations
    from iafr.quotes.fixes import documented_fixes
    from iafr.quotes.index import index_text
    from iafr.quotes.library import load_texts
    from iafr.quotes.match import find_quote
    from iafr.validate import load_corpus

    corpus, _ = load_corpus(data)
    texts, _ = load_texts(corpus, sources)
    ocr = [text for text in texts.values() if text.source.ocr]
    if not ocr:
        return []
    source = ocr[0]
    wordings = [
        (citation.ref.quote, documented_fixes(citation.note))
        for citation in citations(corpus)
        if citation.ref.source == source.source.id and citation.ref.quote
    ]
    others = "\n\n".join(text.index.raw for text in texts.values() if text is not source)
    rows = []
    for label, raw in (
        ("alone", source.index.raw),
        (f"+ {copies} × the other texts", source.index.raw + ("\n\n" + others) * copies),
    ):
        _clear_caches()
        start = time.perf_counter()
        index = index_text(raw, ocr=True, undouble=source.source.doubled_links)
        indexed = time.perf_counter() - start
        spent = []
        for wording, fixes in wordings:
            begun = time.perf_counter()
            find_quote(index, wording, fixes)
            spent.append(time.perf_counter() - begun)
        rows.append(
            (
                label,
                str(len(raw)),
                milliseconds(indexed),
                str(len(wordings)),
                milliseconds(sum(spent)),
                f"{statistics.median(spent) * 1e6:.0f} µs",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--copies", type=int, default=10, help="copies of the other texts appended to the OCR one")
    args = parser.parse_args()
    if not args.sources.is_dir():
        raise SystemExit(f"{args.sources} is not a directory: pass --sources DIR (the sources' texts)")
    print(f"Machine: {machine()}")
    print(f"Corpus: {args.data}; texts: {args.sources}; {args.runs} runs after {args.warmup} warm-up runs\n")
    print("Whole commands (subprocesses, interleaved):\n")
    print(
        table(
            subprocess_times(args.data, args.sources, args.runs, args.warmup),
            ("command", "wall median", "wall min", "CPU median"),
        )
    )
    phases, text_rows = in_process(args.data, args.sources, args.runs)
    print("\nIn process, cold matcher caches (medians):\n")
    print(table(phases, ("phase", "median", "min")))
    print("\nTexts indexed:\n")
    print(table(text_rows, ("text", "characters", "words")))
    print(
        "\nWordings by the tier that found them (each quote and locator title in its source, each measure text in"
        " each source it cites: one of those sources may lack it), each timed alone:\n"
    )
    print(table(tiers(args.data, args.sources), ("tier", "wordings", "median", "longest")))
    print("\nThe OCR text's quotes as the text grows (cold caches):\n")
    header = ("text", "characters", "index once", "quotes", "all quotes", "median per quote")
    print(table(scaling(args.data, args.sources, args.copies), header))


if __name__ == "__main__":
    main()

"""What a small hostile input costs stays bounded: each case runs the real program in a child
process under a timeout and an address-space cap (tests/hostile/limits.py), on inputs written by
tests/hostile/costly.py, so that a cost growing back to quadratic fails here, not in CI's clock.

The bounds are generous for a loaded machine; bench/hostile.py prints what these inputs cost
(before the fixes: tens of seconds to minutes, hundreds of megabytes).
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile import limits
from tests.hostile.costly import big_synonym_group, long_texts, near_miss_quotes, related_clusters


def test_near_miss_quotes_cost_time_linear_in_their_number(tmp_path: Path) -> None:
    # 25 quotes of 400 words, each aligned: about 3 s here; 40 s before the band was bounded
    data, texts = near_miss_quotes(tmp_path, quotes=25)
    result = limits.iafr("check", "--strict", "--data", str(data), "--sources", str(texts), timeout=20, memory_mb=400)
    limits.assert_no_traceback(result)
    assert result.returncode == 1
    # each near miss, and the mini corpus's own quote, which this article does not hold either
    assert result.stdout.count(": quote: quote not found in article-test") == 25 + 1


def _built(data: Path, db: Path) -> None:
    result = limits.iafr("build", "--data", str(data), "--db", str(db))
    assert result.returncode == 0, result.stderr


def test_a_huge_synonym_group_costs_a_search_its_size_once(tmp_path: Path) -> None:
    # one word of a group of 3,000 terms: under 1 s here (11 s before); typed 32 times, the same
    # (350 s and 400 MB before: 32 copies of the group's every phrase in the FTS expression)
    data, word = big_synonym_group(tmp_path)
    db = tmp_path / "iafr.db"
    _built(data, db)
    for text in (word, " ".join([word] * 32)):
        result = limits.iafr("search", text, "--data", str(data), "--db", str(db), timeout=15, memory_mb=400)
        limits.assert_no_traceback(result)
        assert result.returncode == 0 and "calcul" in result.stdout


def test_texts_full_of_matches_cost_their_length(tmp_path: Path) -> None:
    # 50 texts each repeating the word 2,800 times: 2 s here, 14 s before (the excerpt tried every
    # start against every match)
    data, word = long_texts(tmp_path)
    db = tmp_path / "iafr.db"
    _built(data, db)
    result = limits.iafr("search", word, "--data", str(data), "--db", str(db), timeout=10, memory_mb=400)
    limits.assert_no_traceback(result)
    assert result.returncode == 0 and "mesure-49" in result.stdout


def test_clusters_of_related_figures_cost_the_report_little(tmp_path: Path) -> None:
    # 12 clusters of 16 figures each linked to three others: 0.4 s here; every subset of each
    # cluster was tried before (about 10 s)
    data = related_clusters(tmp_path, clusters=12)
    db = tmp_path / "iafr.db"
    _built(data, db)
    result = limits.iafr("report", "--data", str(data), "--db", str(db), timeout=8)
    limits.assert_no_traceback(result)
    assert result.returncode == 0 and "lower end a bound" not in result.stdout  # each cluster searched exactly


def test_a_cluster_too_entangled_to_search_is_summed_as_a_bound_in_bounded_time(tmp_path: Path) -> None:
    data = related_clusters(tmp_path, clusters=1, size=300)
    db = tmp_path / "iafr.db"
    _built(data, db)
    result = limits.iafr("funding", "--data", str(data), "--db", str(db), timeout=10)
    limits.assert_no_traceback(result)
    assert result.returncode == 0
    assert "(its lower end a bound)" in result.stdout and "300 of them too entangled" in result.stdout

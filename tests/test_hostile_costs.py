"""What a small hostile input costs stays bounded: each case runs the real program in a child
process under a timeout and an address-space cap (tests/hostile/limits.py), on inputs written by
tests/hostile/costly.py, so that a cost growing back to quadratic fails here, not in CI's clock.

The bounds are generous for a loaded machine; bench/hostile.py prints what these inputs cost
(before the fixes: tens of seconds to minutes, hundreds of megabytes).
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile import limits
from tests.hostile.costly import near_miss_quotes


def test_near_miss_quotes_cost_time_linear_in_their_number(tmp_path: Path) -> None:
    # 25 quotes of 400 words, each aligned: about 3 s here; 40 s before the band was bounded
    data, texts = near_miss_quotes(tmp_path, quotes=25)
    result = limits.iafr("check", "--strict", "--data", str(data), "--sources", str(texts), timeout=20, memory_mb=400)
    limits.assert_no_traceback(result)
    assert result.returncode == 1
    # each near miss, and the mini corpus's own quote, which this article does not hold either
    assert result.stdout.count(": quote: quote not found in article-test") == 25 + 1

"""What changed between two versions of the corpus: semantic, by record id, per entity.

- :mod:`~iafr.diff.sides`: resolving and reading each side (directory, git revision, ``.db``);
- :mod:`~iafr.diff.canonical`: the plain form both sides are reduced to;
- :mod:`~iafr.diff.compare`: the comparison.
"""

from __future__ import annotations

from iafr.diff.canonical import canonical, records_of
from iafr.diff.compare import (
    CorpusDiff,
    EntityDiff,
    FieldChange,
    RecordChange,
    Rename,
    compare,
    compare_entity,
    compare_fields,
    diff_corpora,
    record_title,
    summary,
)
from iafr.diff.sides import InvalidSide, Side, SideKind, open_side

__all__ = [
    "CorpusDiff",
    "EntityDiff",
    "FieldChange",
    "InvalidSide",
    "RecordChange",
    "Rename",
    "Side",
    "SideKind",
    "canonical",
    "compare",
    "compare_entity",
    "compare_fields",
    "diff_corpora",
    "open_side",
    "record_title",
    "records_of",
    "summary",
]

"""The SQLite store: table declarations, atomic build, freshness.

- :mod:`~iafr.store.schema`: each entity's tables, declared once (build, diff and queries read it);
- :mod:`~iafr.store.tables`: the physical tables, a corpus's rows, records read back;
- :mod:`~iafr.store.build`: the atomic build (the only sqlite-utils importer);
- :mod:`~iafr.store.fulltext`: the full-text tables, the text and its stems;
- :mod:`~iafr.store.freshness`: fingerprints and states, on every query's path.

Importing the package costs only the freshness module; the rest loads when named.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from iafr.store.freshness import (
    APPLICATION_ID,
    DEFAULT_LOCK_WAIT,
    META_TABLE,
    SCHEMA_VERSION,
    Fingerprint,
    State,
    content_hash,
    data_files,
    fingerprint,
    open_if_fresh,
    open_readonly,
    read_meta,
    refuse_irregular,
    stat_signature,
    store_state,
)

if TYPE_CHECKING:
    from iafr.store.build import Progress, build_store, check_target
    from iafr.store.fulltext import FTS_TOKENIZER
    from iafr.store.schema import FTS_COLUMNS

_LAZY = {
    "build_store": "build",
    "check_target": "build",
    "Progress": "build",
    "FTS_TOKENIZER": "fulltext",
    "FTS_COLUMNS": "schema",
}

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_LOCK_WAIT",
    "FTS_COLUMNS",
    "FTS_TOKENIZER",
    "META_TABLE",
    "SCHEMA_VERSION",
    "Fingerprint",
    "Progress",
    "State",
    "build_store",
    "check_target",
    "content_hash",
    "data_files",
    "fingerprint",
    "open_if_fresh",
    "open_readonly",
    "read_meta",
    "refuse_irregular",
    "stat_signature",
    "store_state",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

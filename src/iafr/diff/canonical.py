"""Records as plain data that compares by meaning (the canonical form both sides of a diff share).

- amounts are exact decimals in canonical form, so ``"1,5 Md€"`` and ``1500000000`` are equal;
- dates are their text (``2023-06``), enums their value;
- lists whose order means nothing (axes, actors, aliases, sources…) are sorted, so reordering
  them is no change; chapters keep their order, since it is the report's.
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iafr.corpus import Corpus

Fields = dict[str, Any]
Records = dict[str, Fields]  # id → fields

LOSSY_NOTE = (
    "a .db side keeps neither what iafr.kinds declares unstored (the sources of actors' relations, the "
    "sources' local text mappings); those were not compared"
)


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def canonical(value: Any, name: str = "", unordered: frozenset[str] = frozenset()) -> Any:
    """``value`` as plain data that compares by meaning; ``name`` is the field holding it, and a
    list in a field of ``unordered`` (at any depth) is sorted: its order means nothing."""
    from iafr.edtf import When  # noqa: PLC0415
    from iafr.money import normalise  # noqa: PLC0415
    from iafr.partial_date import PartialDate  # noqa: PLC0415

    if isinstance(value, Enum):  # before str: a StrEnum is a str
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, PartialDate | When):  # NamedTuples: before the tuple case; their text is their value
        return str(value)
    if isinstance(value, Decimal):
        return normalise(value)
    if isinstance(value, dict):
        return {key: canonical(item, key, unordered) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [canonical(item, name, unordered) for item in value]
        return sorted(items, key=_sort_key) if name in unordered else items
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:  # a pydantic model: its fields in declaration order
        return {key: canonical(getattr(value, key), key, unordered) for key in fields}
    raise TypeError(f"cannot compare a {type(value).__name__}")


def degrade(records: dict[str, Records]) -> None:
    """Drop what a database does not keep (``unstored`` in :mod:`iafr.kinds`: a kind's fields, a
    nested list's sub-fields), so that a directory compares with a database."""
    from iafr import kinds  # noqa: PLC0415
    from iafr.declaration import Nested  # noqa: PLC0415

    for section, items in records.items():
        kind = kinds.BY_SECTION.get(section)
        if kind is None:
            continue
        for record in items.values():
            for name in kind.unstored or {}:
                record.pop(name, None)
            for nested in kind.of_kind(Nested):
                if nested.unstored and isinstance(record.get(nested.field), list):
                    kept = [
                        {key: value for key, value in item.items() if key not in nested.unstored}
                        for item in record[nested.field]
                    ]
                    record[nested.field] = sorted(kept, key=_sort_key) if not nested.ordered else kept


def unordered_fields(section: str) -> frozenset[str]:
    """The list fields of ``section`` whose order means nothing, as :mod:`iafr.kinds` declares them."""
    from iafr import kinds  # noqa: PLC0415

    kind = kinds.BY_SECTION.get(section)
    return kind.unordered if kind is not None else frozenset()


def records_of(corpus: Corpus) -> dict[str, Records]:
    """A validated :class:`~iafr.corpus.Corpus` as entity → id → plain fields."""
    result: dict[str, Records] = {}
    for section, items in corpus.sections():
        unordered = unordered_fields(section)
        result[section] = {item.id: canonical(item, unordered=unordered) for item in items}
    return result

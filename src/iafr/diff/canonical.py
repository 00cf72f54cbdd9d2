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

from iafr.i18n import N_

if TYPE_CHECKING:
    from iafr.corpus import Corpus

Fields = dict[str, Any]
Records = dict[str, Fields]  # id → fields

LOSSY_NOTE = N_(
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


def records_of(corpus: Corpus, lenient: bool = False) -> dict[str, Records]:
    """A validated :class:`~iafr.corpus.Corpus` as entity → id → plain fields. ``lenient``: a
    record that failed validation is kept too, its valid fields as for any record and the others
    as written in its file (a record without a readable id is left out)."""
    result: dict[str, Records] = {}
    raw: dict[str, Any] = {}
    for section, items in corpus.every_section() if lenient else corpus.sections():
        unordered = unordered_fields(section)
        records: Records = {}
        for item in items:
            failed = corpus.failed.get(id(item)) if lenient else None
            if failed is None:
                records[item.id] = canonical(item, unordered=unordered)
            elif "id" not in failed:
                records[item.id] = _as_written(corpus, item, failed, unordered, raw)
        result[section] = records
    return result


def _as_written(
    corpus: Corpus, record: Any, failed: frozenset[str], unordered: frozenset[str], raw: dict[str, Any]
) -> Fields:
    """A record that failed validation: its valid fields canonical, the failed ones as its file has them."""
    from iafr.loader import load  # noqa: PLC0415

    file_name, path = corpus.where[id(record)]
    if file_name not in raw:
        raw[file_name] = load(corpus.files[file_name].text)
    written: Any = raw[file_name]
    for part in path:
        written = written[part]
    fields: Fields = {}
    for name in type(record).model_fields:
        if name in failed:
            if isinstance(written, dict) and name in written:
                fields[name] = canonical(_plain(written[name]), name, unordered)
        elif name in record.__dict__:
            fields[name] = canonical(getattr(record, name), name, unordered)
    return fields


def _plain(value: Any) -> Any:
    """A YAML value as plain data: what canonical reads (dates and other scalars as their text)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value if value is None or isinstance(value, bool | int | str) else str(value)

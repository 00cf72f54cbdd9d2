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

SET_FIELDS = frozenset(
    {
        "axes",
        "actors",
        "aliases",
        "funders",
        "recipients",
        "related",
        "cites",
        "funding",
        "authors",
        "sources",
        "cited_in",
        "relations",
        "facts",
        "terms",
    }
)
"""List fields whose order carries no meaning, at any depth (a fact's ``sources`` too)."""

LOSSY_NOTE = (
    "a .db side keeps neither the sources of actors' relations nor the quotes and locators of facts' "
    "sources, nor the sources' local text mappings; those were not compared"
)


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def canonical(value: Any, name: str = "") -> Any:
    """``value`` as plain data that compares by meaning; ``name`` is the field holding it."""
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
        return {key: canonical(item, key) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [canonical(item, name) for item in value]
        return sorted(items, key=_sort_key) if name in SET_FIELDS else items
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:  # a pydantic model: its fields in declaration order
        return {key: canonical(getattr(value, key), key) for key in fields}
    raise TypeError(f"cannot compare a {type(value).__name__}")


def _degrade(records: dict[str, Records]) -> None:
    """Drop what a database does not keep, so that a directory compares with a database."""
    from iafr.store.schema import BY_SECTION  # noqa: PLC0415

    for entity, items in records.items():
        unstored = BY_SECTION[entity].unstored or {}
        for record in items.values():
            for name in unstored:
                record.pop(name, None)
    for actor in records.get("actors", {}).values():
        actor["relations"] = sorted(
            ({key: value for key, value in relation.items() if key != "sources"} for relation in actor["relations"]),
            key=_sort_key,
        )
        facts = []
        for fact in actor["facts"]:
            refs = [{"source": ref["source"], "quote": None, "locator": None} for ref in fact["sources"]]
            facts.append({**fact, "sources": sorted(refs, key=_sort_key)})
        actor["facts"] = sorted(facts, key=_sort_key)


def records_of(corpus: Corpus) -> dict[str, Records]:
    """A validated :class:`~iafr.corpus.Corpus` as entity → id → plain fields."""
    result: dict[str, Records] = {}
    for entity, items in corpus.sections():
        result[entity] = {item.id: canonical(item) for item in items}
    return result

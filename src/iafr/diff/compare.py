"""The comparison of two sides, record by record: added, removed, changed, renamed.

A removed and an added record of one entity whose content is equal but for the id is a rename.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iafr import kinds
from iafr.diff.canonical import LOSSY_NOTE, Fields, Records, _sort_key, degrade, unordered_fields
from iafr.diff.sides import Side, open_sides
from iafr.i18n import _


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, old → new. For a list compared as a set, what was added and removed."""

    field: str
    old: Any
    new: Any
    as_set: bool = False
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RecordChange:
    id: str
    title: str
    fields: tuple[FieldChange, ...]
    # the record on each side: what a renderer shows of it (an amount in its currency); not compared
    old: Fields = field(default_factory=dict, compare=False)
    new: Fields = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rename:
    old_id: str
    new_id: str
    title: str


@dataclass
class EntityDiff:
    entity: str
    added: list[Fields] = field(default_factory=list)
    removed: list[Fields] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.renamed)


@dataclass
class CorpusDiff:
    old: Side
    new: Side
    entities: list[EntityDiff]
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what a change of the data left undone (versioning)

    @property
    def identical(self) -> bool:
        return all(entity.empty for entity in self.entities)


def _multiset_difference(left: Iterable[Any], right: Iterable[Any]) -> tuple[Any, ...]:
    """Items of ``left`` not matched in ``right`` (counting duplicates), in ``left``'s order."""
    remaining = Counter(_sort_key(item) for item in right)
    result = []
    for item in left:
        key = _sort_key(item)
        if remaining[key]:
            remaining[key] -= 1
        else:
            result.append(item)
    return tuple(result)


def compare_fields(old: Fields, new: Fields, unordered: frozenset[str] = frozenset()) -> tuple[FieldChange, ...]:
    changes = []
    for name in [*old, *(key for key in new if key not in old)]:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name in unordered and isinstance(before, list) and isinstance(after, list):
            changes.append(
                FieldChange(
                    name,
                    before,
                    after,
                    as_set=True,
                    added=_multiset_difference(after, before),
                    removed=_multiset_difference(before, after),
                )
            )
        else:
            changes.append(FieldChange(name, before, after))
    return tuple(changes)


def record_title(entity: str, record: Fields) -> str:
    """The record's title, as its kind declares it."""
    kind = kinds.BY_SECTION.get(entity)
    return str(record.get(kind.title if kind is not None else "") or "")


def _content_key(record: Fields) -> str:
    return _sort_key({key: value for key, value in record.items() if key != "id"})


def compare_entity(entity: str, old: Records, new: Records) -> EntityDiff:
    result = EntityDiff(entity)
    removed = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    # A rename can be told only when exactly one removed and one added record share their content.
    removed_by_content: dict[str, list[str]] = {}
    for record_id in removed:
        removed_by_content.setdefault(_content_key(old[record_id]), []).append(record_id)
    added_by_content: dict[str, list[str]] = {}
    for record_id in added:
        added_by_content.setdefault(_content_key(new[record_id]), []).append(record_id)
    renamed_old: set[str] = set()
    renamed_new: set[str] = set()
    for key, new_ids in added_by_content.items():
        old_ids = removed_by_content.get(key, [])
        if len(old_ids) == 1 and len(new_ids) == 1:
            result.renamed.append(Rename(old_ids[0], new_ids[0], record_title(entity, new[new_ids[0]])))
            renamed_old.add(old_ids[0])
            renamed_new.add(new_ids[0])
    result.renamed.sort(key=lambda rename: rename.old_id)
    result.removed = [old[record_id] for record_id in removed if record_id not in renamed_old]
    result.added = [new[record_id] for record_id in added if record_id not in renamed_new]
    for record_id in sorted(set(old) & set(new)):
        fields = compare_fields(old[record_id], new[record_id], unordered_fields(entity))
        if fields:
            title = record_title(entity, new[record_id])
            result.changed.append(RecordChange(record_id, title, fields, old[record_id], new[record_id]))
    return result


def compare(old: Side, new: Side) -> CorpusDiff:
    notes = [*old.notes, *new.notes]
    if old.lossy or new.lossy:
        degrade(old.records)
        degrade(new.records)
        notes.append(_(LOSSY_NOTE))
    sections = [kind.section for kind in kinds.KINDS]
    entities = [compare_entity(entity, old.records.get(entity, {}), new.records.get(entity, {})) for entity in sections]
    result = CorpusDiff(old, new, entities, notes)
    result.warnings = versioning(old, new, changed=not result.identical)
    return result


def versioning(old: Side, new: Side, changed: bool) -> list[str]:
    """What a change of the data must come with, and did not: a new version in corpus.yaml, and its
    entry in CHANGELOG.md beside the data files (compared only when both sides have one to compare:
    a database keeps no changelog, and a corpus without one is not asked for one)."""
    warnings = []
    if changed and old.version is not None and old.version == new.version:
        message = _("the data changed but corpus.yaml's version did not ({version}); give the corpus a new version")
        warnings.append(message.format(version=new.version))
    if new.changelog is not None and old.changelog is not None:
        if changed and old.changelog == new.changelog:
            warnings.append(_("the data changed but CHANGELOG.md did not; say there what changed"))
        elif new.version is not None and new.version != old.version and new.version not in new.changelog:
            message = _("CHANGELOG.md has no entry for version {version}; add one saying what changed")
            warnings.append(message.format(version=new.version))
    return warnings


def diff_corpora(old: str, new: str | None = None, data: Path | None = None) -> CorpusDiff:
    """Read and validate both sides (the old one first), then compare them."""
    return compare(*open_sides(old, new, data))


def summary(diff: CorpusDiff) -> list[dict[str, Any]]:
    return [
        {
            "entity": entity.entity,
            "added": len(entity.added),
            "removed": len(entity.removed),
            "changed": len(entity.changed),
            "renamed": len(entity.renamed),
        }
        for entity in diff.entities
    ]

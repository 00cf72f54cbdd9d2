"""The validated corpus in memory, and where each record came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from iafr import kinds
from iafr.loader import PathKey, Position, Positions, locate
from iafr.models import CorpusInfo, Record
from iafr.problems import Problem, Severity

R = TypeVar("R", bound=Record)


def _empty_sections() -> dict[str, list[Any]]:
    return {kind.section: [] for kind in kinds.KINDS}


@dataclass
class DataFile:
    """One YAML file as read: its text (for positions on demand) and its data."""

    name: str
    shown: str  # how messages name it: relative to the working directory when possible
    text: str
    data: Any = None
    _positions: Positions | None = None

    def position(self, path: PathKey, prefer_key: bool = False) -> Position:
        if self._positions is None:
            self._positions = locate(self.text)
        return self._positions.find(path, prefer_key)


@dataclass
class Corpus:
    data_dir: Path
    info: CorpusInfo | None = None
    # The valid records of each kind (iafr.kinds), by section, in file order.
    records: dict[str, list[Any]] = field(default_factory=_empty_sections)
    files: dict[str, DataFile] = field(default_factory=dict)
    # Records that failed validation are not in ``records`` (the store, the totals and the
    # queries see valid records only). The rules see them through ``every``: per section, in file
    # order, valid records and partial ones, which hold only the fields that validated on their own;
    # ``failed`` names, per partial record, the fields it lacks. Sections with no invalid record
    # have no entry here: ``every`` then returns the valid list itself.
    mixed: dict[str, list[Any]] = field(default_factory=dict)
    failed: dict[int, frozenset[str]] = field(default_factory=dict)
    # ids (as written) of records whose own id failed validation: a reference to one is not
    # reported as dangling too
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    # items that are not mappings, or sections that are not lists: records nobody can read,
    # which may be the ones referring to something
    unreadable: int = 0
    # id(record) -> (file name, path of the record in that file); records are frozen and owned here
    where: dict[int, tuple[str, PathKey]] = field(default_factory=dict)

    def sections(self) -> Iterator[tuple[str, list[Any]]]:
        """Each kind's section and its valid records, in the order of ``iafr.kinds.KINDS``."""
        yield from self.records.items()

    def of(self, model: type[R]) -> list[R]:
        """The valid records of ``model``'s kind, in file order."""
        return self.records[_section_of(model)]

    def every(self, model: type[R]) -> list[R]:
        """Every record of ``model``'s section that is a mapping of fields, valid or not, in file
        order; a partial record lacks the fields that failed (ask ``known`` before reading one)."""
        section = _section_of(model)
        mixed = self.mixed.get(section)
        return mixed if mixed is not None else self.records[section]

    def every_in(self, section: str) -> list[Any]:
        """``every`` for a section by its name."""
        mixed = self.mixed.get(section)
        return mixed if mixed is not None else self.records[section]

    def every_section(self) -> Iterator[tuple[str, list[Any]]]:
        """``sections``, with the partial records too (see ``every``)."""
        for section, records in self.sections():
            yield section, self.mixed.get(section, records)

    def __getattr__(self, name: str) -> list[Any]:
        # ``corpus.funding``: a section's valid records by its name (scripts and tests read them so)
        records = self.__dict__.get("records")
        if records is not None and name in records:
            return records[name]  # type: ignore[no-any-return]
        raise AttributeError(name)

    def known(self, record: Record, *fields: str) -> bool:
        """Whether each of ``fields`` validated in ``record`` (always, for a valid record)."""
        failed = self.failed.get(id(record)) if self.failed else None
        return failed is None or failed.isdisjoint(fields)

    def problem(
        self,
        record: Record,
        subpath: PathKey,
        rule: str,
        message: str,
        severity: Severity = Severity.ERROR,
        prefer_key: bool = False,
    ) -> Problem:
        """A problem placed at ``subpath`` inside ``record`` (its line and column in its file)."""
        file_name, path = self.where[id(record)]
        data_file = self.files[file_name]
        line, column = data_file.position((*path, *subpath), prefer_key)
        return Problem(data_file.shown, line, column, rule, severity, message)


_SECTIONS: dict[type[Any], str] = {}


def _section_of(model: type[Any]) -> str:
    """The section whose records are of ``model`` (from the declarations)."""
    if model not in _SECTIONS:
        for kind in kinds.KINDS:
            if kind.model_class() is model:
                _SECTIONS[model] = kind.section
                break
        else:
            raise KeyError(f"no kind of record has the model {model.__name__}")
    return _SECTIONS[model]

"""The validated corpus in memory, and where each record came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iafr.loader import PathKey, Position, Positions, locate
from iafr.models import Actor, Axis, CorpusInfo, Funding, Measure, Record, Report, Source
from iafr.problems import Problem, Severity


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
    sources: list[Source] = field(default_factory=list)
    axes: list[Axis] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    files: dict[str, DataFile] = field(default_factory=dict)
    # ids of records that failed validation: references to them are not reported as dangling too
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    # id(record) -> (file name, path of the record in that file); records are frozen and owned here
    where: dict[int, tuple[str, PathKey]] = field(default_factory=dict)

    def sections(self) -> Iterator[tuple[str, list[Any]]]:
        yield "sources", self.sources
        yield "axes", self.axes
        yield "reports", self.reports
        yield "measures", self.measures
        yield "actors", self.actors
        yield "funding", self.funding

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

"""unknown-ref: every id a record names exists (actor, source, axis, report, chapter, measure, figure).

Passes: ``actors: [mistral-ai]`` where actors.yaml defines ``id: mistral-ai``.
Fails: ``actors: [mistral]`` when no actor has that id (the message suggests the closest one).
Records that failed validation are checked too, by the fields that validated.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from iafr.corpus import Corpus
from iafr.layout import ENTITY_NAMES
from iafr.models import Actor, Funding, Measure, Record, Report, Source, SourceRef
from iafr.problems import Problem, Severity

ID = "unknown-ref"
SEVERITY = Severity.ERROR
SUGGESTIONS = 20  # distinct unknown ids that get a "did you mean" in one run


def check(corpus: Corpus) -> Iterator[Problem]:
    # Records that failed validation count with the fields that validated; a record whose id
    # failed was already reported, and a reference to the id it was given is not dangling too.
    ids = {
        section: {record.id for record in records if corpus.known(record, "id")}
        | corpus.invalid_ids.get(section, set())
        for section, records in corpus.every_section()
    }
    refs = _Refs(corpus, ids)
    chapters = {
        report.id: {chapter.id for chapter in report.chapters}
        for report in corpus.every(Report)
        if corpus.known(report, "id", "chapters")
    }
    for source in corpus.every(Source):
        yield from refs.many(source, "cites", "sources")
        yield from refs.sources(source, "cited_in")
    for report in corpus.every(Report):
        yield from refs.many(report, "authors", "actors")
        yield from refs.sources(report)
    for measure in corpus.every(Measure):
        yield from refs.one(measure, "report", "reports")
        if (
            corpus.known(measure, "report", "chapter")
            and measure.report in chapters
            and measure.chapter is not None
            and measure.chapter not in chapters[measure.report]
        ):
            # (a report whose chapters failed validation has no chapter list: its own error was reported)
            known = sorted(chapters[measure.report])
            yield corpus.problem(
                measure,
                ("chapter",),
                ID,
                f"chapter {measure.chapter!r} is not declared by report {measure.report!r}"
                + (f" (it declares {', '.join(known)})" if known else "; add it to the report's chapters"),
            )
        for field, kind in (("axes", "axes"), ("actors", "actors"), ("related", "measures"), ("funding", "funding")):
            yield from refs.many(measure, field, kind)
        yield from refs.sources(measure)
    for actor in corpus.every(Actor):
        if corpus.known(actor, "relations"):
            for index, relation in enumerate(actor.relations):
                if relation.target not in ids["actors"]:
                    message = refs.unknown("actors", relation.target)
                    yield corpus.problem(actor, ("relations", index, "target"), ID, message)
                yield from refs.cited(actor, ("relations", index, "sources"), relation.sources)
        if corpus.known(actor, "facts"):
            for index, fact in enumerate(actor.facts):
                yield from refs.cited(actor, ("facts", index, "sources"), fact.sources)
        yield from refs.sources(actor)
    for figure in corpus.every(Funding):
        for field in ("funders", "recipients", "announced_by", "via"):
            yield from refs.many(figure, field, "actors")
        yield from refs.many(figure, "related", "funding")
        yield from refs.one(figure, "part_of", "funding")
        yield from refs.one(figure, "same_as", "funding")
        yield from refs.sources(figure)


class _Refs:
    """The references of one record's field checked against the ids of their kind; a field that
    failed validation is skipped (its own error was reported)."""

    def __init__(self, corpus: Corpus, ids: dict[str, set[str]]) -> None:
        self.corpus = corpus
        self.ids = ids
        self.messages: dict[tuple[str, str], str] = {}

    def unknown(self, kind: str, value: str) -> str:
        # One suggestion search per distinct id: a renamed actor referred to by a thousand
        # records must not cost a thousand scans of every id.
        # Past SUGGESTIONS distinct ids the curator is looking at a bulk rename, where a
        # suggestion each (a scan of every id) would cost seconds and help little.
        key = (kind, value)
        if key not in self.messages:
            known = self.ids[kind] if len(self.messages) < SUGGESTIONS else set()
            self.messages[key] = _unknown(kind, value, known)
        return self.messages[key]

    def many(self, record: Record, field: str, kind: str) -> Iterator[Problem]:
        if self.corpus.known(record, field):
            for index, value in enumerate(getattr(record, field)):
                if value not in self.ids[kind]:
                    yield self.corpus.problem(record, (field, index), ID, self.unknown(kind, value))

    def one(self, record: Record, field: str, kind: str) -> Iterator[Problem]:
        value = getattr(record, field) if self.corpus.known(record, field) else None
        if value is not None and value not in self.ids[kind]:
            yield self.corpus.problem(record, (field,), ID, self.unknown(kind, value))

    def cited(self, record: Record, prefix: tuple[str | int, ...], refs: list[SourceRef]) -> Iterator[Problem]:
        for index, ref in enumerate(refs):
            if ref.source not in self.ids["sources"]:
                message = self.unknown("sources", ref.source)
                yield self.corpus.problem(record, (*prefix, index, "source"), ID, message)

    def sources(self, record: Record, field: str = "sources") -> Iterator[Problem]:
        if self.corpus.known(record, field):
            yield from self.cited(record, (field,), getattr(record, field))


def _unknown(kind: str, value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"no {ENTITY_NAMES[kind][0]} has id {value!r}{hint}"

"""unknown-ref: every id a record names exists (actor, source, axis, report, chapter, measure, figure).

Passes: ``actors: [mistral-ai]`` where actors.yaml defines ``id: mistral-ai``.
Fails: ``actors: [mistral]`` when no actor has that id (the message suggests the closest one).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from iafr.corpus import Corpus
from iafr.layout import ENTITY_NAMES
from iafr.models import Record, SourceRef
from iafr.problems import Problem, Severity

ID = "unknown-ref"
SEVERITY = Severity.ERROR
SUGGESTIONS = 20  # distinct unknown ids that get a "did you mean" in one run


def check(corpus: Corpus) -> Iterator[Problem]:
    # A record that failed validation was already reported; naming it is not a dangling reference.
    ids = {
        section: {record.id for record in records} | corpus.invalid_ids.get(section, set())
        for section, records in corpus.sections()
    }
    messages: dict[tuple[str, str], str] = {}

    def unknown(kind: str, value: str) -> str:
        # One suggestion search per distinct id: a renamed actor referred to by a thousand
        # records must not cost a thousand scans of every id.
        # Past SUGGESTIONS distinct ids the curator is looking at a bulk rename, where a
        # suggestion each (a scan of every id) would cost seconds and help little.
        key = (kind, value)
        if key not in messages:
            known = ids[kind] if len(messages) < SUGGESTIONS else set()
            messages[key] = _unknown(kind, value, known)
        return messages[key]

    chapters = {report.id: {chapter.id for chapter in report.chapters} for report in corpus.reports}

    def refs(record: Record, field: str, values: Iterable[str], kind: str) -> Iterator[Problem]:
        for index, value in enumerate(values):
            if value not in ids[kind]:
                yield corpus.problem(record, (field, index), ID, unknown(kind, value))

    def cited(record: Record, field: str | tuple[str | int, ...], refs_: list[SourceRef]) -> Iterator[Problem]:
        prefix = (field,) if isinstance(field, str) else field
        for index, ref in enumerate(refs_):
            if ref.source not in ids["sources"]:
                yield corpus.problem(record, (*prefix, index, "source"), ID, unknown("sources", ref.source))

    for source in corpus.sources:
        yield from refs(source, "cites", source.cites, "sources")
        yield from cited(source, "cited_in", source.cited_in)
    for report in corpus.reports:
        yield from refs(report, "authors", report.authors, "actors")
        yield from cited(report, "sources", report.sources)
    for measure in corpus.measures:
        if measure.report not in ids["reports"]:
            yield corpus.problem(measure, ("report",), ID, unknown("reports", measure.report))
        elif (
            measure.report in chapters
            and measure.chapter is not None
            and measure.chapter not in chapters[measure.report]
        ):
            # (a report that failed validation has no chapter list: its own error was reported)
            known = sorted(chapters[measure.report])
            yield corpus.problem(
                measure,
                ("chapter",),
                ID,
                f"chapter {measure.chapter!r} is not declared by report {measure.report!r}"
                + (f" (it declares {', '.join(known)})" if known else "; add it to the report's chapters"),
            )
        yield from refs(measure, "axes", measure.axes, "axes")
        yield from refs(measure, "actors", measure.actors, "actors")
        yield from refs(measure, "related", measure.related, "measures")
        yield from refs(measure, "funding", measure.funding, "funding")
        yield from cited(measure, "sources", measure.sources)
    for actor in corpus.actors:
        for index, relation in enumerate(actor.relations):
            if relation.target not in ids["actors"]:
                yield corpus.problem(actor, ("relations", index, "target"), ID, unknown("actors", relation.target))
            yield from cited(actor, ("relations", index, "sources"), relation.sources)
        for index, fact in enumerate(actor.facts):
            yield from cited(actor, ("facts", index, "sources"), fact.sources)
        yield from cited(actor, "sources", actor.sources)
    for figure in corpus.funding:
        yield from refs(figure, "funders", figure.funders, "actors")
        yield from refs(figure, "recipients", figure.recipients, "actors")
        yield from refs(figure, "announced_by", figure.announced_by, "actors")
        yield from refs(figure, "via", figure.via, "actors")
        yield from refs(figure, "related", figure.related, "funding")
        for field in ("part_of", "same_as"):
            whole = getattr(figure, field)
            if whole is not None and whole not in ids["funding"]:
                yield corpus.problem(figure, (field,), ID, unknown("funding", whole))
        yield from cited(figure, "sources", figure.sources)


def _unknown(kind: str, value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"no {ENTITY_NAMES[kind][0]} has id {value!r}{hint}"

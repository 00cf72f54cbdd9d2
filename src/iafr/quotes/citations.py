"""Every place the corpus cites a source, with the path of the citation in its record's file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iafr.corpus import Corpus
from iafr.loader import PathKey
from iafr.models import Actor, Record, SourceRef


@dataclass(frozen=True, slots=True)
class Citation:
    record: Record  # the record whose file and note the citation belongs to
    path: PathKey  # from the record to the citation: ("sources", 0), ("facts", 1, "sources", 0)…
    ref: SourceRef
    note: str | None  # the record's note: it documents the fixes made to its quotes


def citations(corpus: Corpus) -> Iterator[Citation]:
    """Each ``SourceRef`` of the corpus: records' sources, relations', facts', sources' ``cited_in``."""
    for source in corpus.sources:
        for index, ref in enumerate(source.cited_in):
            yield Citation(source, ("cited_in", index), ref, source.note)
    for _, records in corpus.sections():
        for record in records:
            note = getattr(record, "note", None)
            for index, ref in enumerate(getattr(record, "sources", ())):
                yield Citation(record, ("sources", index), ref, note)
            if isinstance(record, Actor):
                for number, relation in enumerate(record.relations):
                    for index, ref in enumerate(relation.sources):
                        yield Citation(record, ("relations", number, "sources", index), ref, note)
                for number, fact in enumerate(record.facts):
                    for index, ref in enumerate(fact.sources):
                        yield Citation(record, ("facts", number, "sources", index), ref, note)

"""Every place the corpus cites a source, with the path of the citation in its record's file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iafr.corpus import Corpus
from iafr.loader import PathKey
from iafr.models import Record, SourceRef
from iafr.named import CitedRefs, cited_lists


@dataclass(frozen=True, slots=True)
class Citation:
    record: Record  # the record whose file and note the citation belongs to
    path: PathKey  # from the record to the citation: ("sources", 0), ("facts", 1, "sources", 0)…
    ref: SourceRef
    note: str | None  # the record's note: it documents the fixes made to its quotes


def citations(corpus: Corpus) -> Iterator[Citation]:
    """Each ``SourceRef`` of the valid records: their sources, their sub-records' (relations',
    facts'), sources' ``cited_in`` — every list :mod:`iafr.kinds` declares."""
    for cited in cited_lists(corpus, every=False):
        if isinstance(cited, CitedRefs):
            note = getattr(cited.record, "note", None)
            for index, ref in enumerate(cited.refs):
                yield Citation(cited.record, (*cited.path, index), ref, note)

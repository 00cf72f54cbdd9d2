"""unknown-ref: every id a record names exists, in a kind its link may point at.

Passes: ``actors: [mistral-ai]`` where actors.yaml defines ``id: mistral-ai``.
Fails: ``actors: [mistral]`` when no actor has that id (the message suggests the closest one);
an ``about`` id that two of the kinds it may point at both have (which one is meant?).
Every link of every kind is checked, as :mod:`iafr.kinds` declares it (the same declarations give
the store its foreign keys, so a build never meets a reference check let through). Records that
failed validation are checked too, by the fields that validated.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from iafr import kinds
from iafr.corpus import Corpus
from iafr.i18n import _, either, every
from iafr.models import Measure, Report
from iafr.named import CitedRefs, Named, cited_lists, named_ids
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
    messages = _Messages(ids)
    for named in named_ids(corpus):
        if not isinstance(named, Named):
            continue  # the field failed validation: its own error was reported
        targets = named.link.ref.targets
        if len(targets) == 1 and named.value in ids[targets[0]]:
            continue  # the common case, answered without building a list
        holders = [target for target in targets if named.value in ids[target]]
        if not holders:
            yield corpus.problem(named.record, named.path, ID, messages.unknown(targets, named.value))
        elif len(holders) > 1:
            both = every([f"{_noun(target)} {named.value!r}" for target in holders])
            message = _("{value!r} names both {both}; rename one of them so that the link means one record").format(
                value=named.value, both=both
            )
            yield corpus.problem(named.record, named.path, ID, message)
    for cited in cited_lists(corpus):
        if isinstance(cited, CitedRefs):
            for index, reference in enumerate(cited.refs):
                if reference.source not in ids["sources"]:
                    message = messages.unknown(("sources",), reference.source)
                    yield corpus.problem(cited.record, (*cited.path, index, "source"), ID, message)
    yield from _chapters(corpus)


def _chapters(corpus: Corpus) -> Iterator[Problem]:
    """A measure's chapter is one its report declares (a reference scoped to one record)."""
    chapters = {
        report.id: {chapter.id for chapter in report.chapters}
        for report in corpus.every(Report)
        if corpus.known(report, "id", "chapters")
    }
    for measure in corpus.every(Measure):
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
                (
                    _("chapter {chapter!r} is not declared by report {report!r} (it declares {known})")
                    if known
                    else _("chapter {chapter!r} is not declared by report {report!r}; add it to the report's chapters")
                ).format(chapter=measure.chapter, report=measure.report, known=", ".join(known)),
            )


def _noun(section: str) -> str:
    return kinds.BY_SECTION[section].nouns.singular


class _Messages:
    """The message for an unknown id, with the closest known one.

    One suggestion search per distinct id: a renamed actor referred to by a thousand records must
    not cost a thousand scans of every id. Past SUGGESTIONS distinct ids the curator is looking at
    a bulk rename, where a suggestion each (a scan of every id) would cost seconds and help little.
    """

    def __init__(self, ids: dict[str, set[str]]) -> None:
        self.ids = ids
        self.messages: dict[tuple[tuple[str, ...], str], str] = {}

    def unknown(self, targets: tuple[str, ...], value: str) -> str:
        key = (targets, value)
        if key not in self.messages:
            known: set[str] = set()
            if len(self.messages) < SUGGESTIONS:
                for target in targets:
                    known |= self.ids[target]
            close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
            hint = _("; did you mean {value!r}?").format(value=close[0]) if close else ""
            nouns = either([_noun(target) for target in targets])
            self.messages[key] = _("no {nouns} has id {value!r}{hint}").format(nouns=nouns, value=value, hint=hint)
        return self.messages[key]

"""A wording checked against the texts of the sources it cites, and the problem it makes.

Shared by the rules that need source texts (quote, locator, stated, measure-text): they say what
to look for and where the problem goes; this says whether it is there and how to put it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from iafr.i18n import _
from iafr.problems import Severity
from iafr.quotes.library import SourceText, SourceTexts
from iafr.quotes.match import Found, Level, find_exactly, find_quote
from iafr.text import printable

MIN_SIGNS = 8
"""Letters and digits below which a wording matches almost anywhere: too short to verify."""

_EXCERPT = 160  # characters of a passage shown in a message
_DIFFERENCES = 3  # differences named in a message


@dataclass(frozen=True)
class Verdict:
    found: Found
    text: SourceText  # the cited text it was looked for in (the closest one, if several)
    elsewhere: tuple[SourceText, Found] | None = None  # not found there, but in another source's text


def too_short(wording: str) -> int | None:
    """The number of letters and digits of ``wording`` when too few to verify it, else None."""
    signs = sum(char.isalnum() for char in wording)
    return signs if signs < MIN_SIGNS else None


def verify(
    texts: SourceTexts, wording: str, source_ids: Iterable[str], fixes: tuple[tuple[str, str], ...] = ()
) -> Verdict | None:
    """How ``wording`` is found in the texts of ``source_ids`` (None: none of them has a text)."""
    cited = [texts[source] for source in dict.fromkeys(source_ids) if source in texts]
    if not cited:
        return None
    found, text = min(
        ((find_quote(text.index, wording, fixes), text) for text in cited),
        key=lambda pair: (pair[0].level, pair[0].cost),
    )
    if found.level is not Level.NOT_FOUND:
        return Verdict(found, text)
    for other in texts.values():
        if other not in cited:
            there = find_exactly(other.index, wording)
            if there.level <= Level.NORMALISED:
                return Verdict(found, text, (other, there))
    return Verdict(found, text)


def judged(what: str, verdict: Verdict) -> tuple[Severity, str] | None:
    """The severity and message of a verdict, or None when the wording was found."""
    found, text = verdict.found, verdict.text
    name = f"{text.source.id} ({text.file})"
    if found.level is Level.APPROXIMATE:
        message = _("{what} found only approximately in {name}{passage}{differs}").format(
            what=what, name=name, passage=_passage(found, text, _("passage")), differs=_differs(found)
        )
        return Severity.WARNING, message
    if found.level is not Level.NOT_FOUND:
        return None
    if found.span is None:  # nothing to compare with: the reason is not a difference
        reason = printable(found.differences[0]) if found.differences else _("no passage of the text shares its words")
        message = _("{what} not found in {name}: {reason}").format(what=what, name=name, reason=reason)
    else:
        message = _("{what} not found in {name}{passage}{differs}").format(
            what=what, name=name, passage=_passage(found, text, _("closest passage")), differs=_differs(found)
        )
    if verdict.elsewhere is not None:
        other, there = verdict.elsewhere
        message += _("; it is in {source}{passage}: is the cited source right?").format(
            source=other.source.id, passage=_passage(there, other, "")
        )
    return Severity.ERROR, message


def _passage(found: Found, text: SourceText, label: str = "") -> str:
    if found.span is None:
        return ""
    start, end = found.span
    line, column = text.index.position(start)
    words = printable(" ".join(text.index.raw[start:end].split()))
    if len(words) > _EXCERPT:
        half = _EXCERPT // 2 - 2
        words = f"{words[:half]} … {words[-half:]}"
    where = f"{text.file}:{line}:{column}"
    return (
        _('; {label} at {where}: "{words}"').format(label=label, where=where, words=words)
        if label
        else f' ({where}: "{words}")'
    )


def _differs(found: Found) -> str:
    if not found.differences:
        return ""
    shown = [printable(difference) for difference in found.differences[:_DIFFERENCES]]
    more = len(found.differences) - len(shown)
    more_text = _(" (and {count} more)").format(count=more) if more > 0 else ""
    return _("; differs: {differences}").format(differences="; ".join(shown)) + more_text

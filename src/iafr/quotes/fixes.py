"""The corrections a record's note documents, « as printed » → « as quoted », undone before a match.

A curator who fixes a slip the general rules do not forgive (an OCR misreading of a short word,
words run together, a typo of the source) says so in the record's note:
``OCR : « Systtmes d’A » → « Systèmes d’IA »``. The check then looks for the quote with that
correction undone, so the note is what makes the fix acceptable, and only in that record.
"""

from __future__ import annotations

import re

from iafr.quotes.guillemets import closed_after, opened_before

_ARROW = re.compile(r"»\s*(?:→|->)\s*«")


def documented_fixes(note: str | None) -> tuple[tuple[str, str], ...]:
    """``(as printed, as quoted)`` pairs from a note's « X » → « Y » (guillemets may nest)."""
    if not note or "«" not in note:
        return ()
    fixes = []
    for arrow in _ARROW.finditer(note):
        before = opened_before(note, arrow.start())
        after = closed_after(note, arrow.end() - 1)
        if before and after:
            fixes.append((before, after))
    return tuple(fixes)


def undo_fixes(quote: str, fixes: tuple[tuple[str, str], ...]) -> str | None:
    """The quote as the source prints it, or None when no documented fix applies to it."""
    undone = quote
    for printed, quoted in fixes:
        undone = undone.replace(quoted, printed)
    return undone if undone != quote else None

"""References as a person reads and pastes them: author (date). Title. Kind, publisher. Address,
then each passage the record relies on, indented below its reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iafr.i18n import _
from iafr.labels import shown
from iafr.render.toolkit import passage_text

if TYPE_CHECKING:
    from iafr.citations import Reference


def _date(text: str | None) -> str:
    from iafr.edtf import in_words, parse_when  # noqa: PLC0415 - a date in words, as tables show it

    return in_words(parse_when(text)) if text else _("n.d.")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def reference_line(reference: Reference) -> str:
    """``Hub France IA (2024). Title. Report. https://…``; a source without author starts with its title."""
    source = reference.source
    when = f"({_date(source['date'])})"
    if source["author"]:
        head = f"{source['author']} {when}. {_sentence(source['title'])}"
    else:
        head = f"{source['title']} {when}."
    kind = shown("sources", "kind", source["kind"])  # its label in the reader's language (iafr.labels)
    parts = [head, _sentence(f"{kind}, {source['publisher']}" if source["publisher"] else kind)]
    if source["url"]:
        parts.append(source["url"])
    return " ".join(parts)


def render_references(references: list[Reference]) -> str:
    """Each reference and its passages; references one blank line apart."""
    blocks = []
    for reference in references:
        lines = [reference_line(reference)]
        lines.extend(f"  {passage_text(passage.quote, passage.locator)}" for passage in reference.passages)
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)

"""CSL-JSON (Citation Style Language 1.0 input data): what Zotero, Pandoc and citeproc read.

One item per source, with only what the bibliography records: an author or a publisher is a
``literal`` name (never split into given and family names it was not written as), a partial date
keeps its precision, and the passages a record relies on go in ``note``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iafr.render.toolkit import json_text, passage_text

if TYPE_CHECKING:
    from iafr.citations import Reference

TYPES = {
    "press-article": "article-newspaper",
    "op-ed": "article-newspaper",
    "report": "report",
    "study": "report",
    "paper": "article",
    "speech": "speech",
    "web-page": "webpage",
    "law": "legislation",
}
"""Each kind of source (``SourceKind``) as a CSL item type."""
_IN_A_NEWSPAPER = {"article-newspaper"}  # their publisher is the newspaper: CSL's container-title


def csl_item(reference: Reference) -> dict[str, Any]:
    source = reference.source
    kind = TYPES[source["kind"]]
    item: dict[str, Any] = {"id": source["id"], "type": kind, "title": source["title"]}
    if source["author"]:
        item["author"] = [{"literal": source["author"]}]
    if source["publisher"]:
        item["container-title" if kind in _IN_A_NEWSPAPER else "publisher"] = source["publisher"]
    if source["date"]:
        item["issued"] = {"date-parts": [[int(part) for part in source["date"].split("-")]]}
    if source["language"]:
        item["language"] = source["language"]
    if source["url"]:
        item["URL"] = source["url"]
    notes = [passage_text(passage.quote, passage.locator) for passage in reference.passages]
    if notes:
        item["note"] = "; ".join(notes)
    return item


def render_csl(references: list[Reference]) -> str:
    """A CSL-JSON array (UTF-8, indented)."""
    return json_text([csl_item(reference) for reference in references])

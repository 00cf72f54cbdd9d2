"""BibTeX entries, readable by BibTeX and biblatex alike.

One entry per source, keyed by its id, with only what the bibliography records: an author is a
corporate name in braces (``{{Hub France IA}}``, never split into names it was not written as),
titles keep their capitals, and the passages a record relies on go in ``note``. TeX's special
characters are escaped; the text is UTF-8 (biblatex, or BibTeX with inputenc).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iafr.render.toolkit import passage_text

if TYPE_CHECKING:
    from iafr.citations import Reference

_ENTRY_TYPES = {"report": "techreport", "study": "techreport"}
"""Each kind of source (``SourceKind``) as an entry type: press articles with a newspaper are
``article``, every other kind ``misc``."""
_NEWSPAPER_KINDS = {"press-article", "op-ed"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LANGUAGES = {"fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian"}  # biblatex langid
_TEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def tex(text: str) -> str:
    """Text as TeX reads it literally."""
    return text.translate(_TEX)


def _entry(reference: Reference) -> str:
    source = reference.source
    newspaper = source["kind"] in _NEWSPAPER_KINDS and source["publisher"]
    entry_type = "article" if newspaper else _ENTRY_TYPES.get(source["kind"], "misc")
    fields: list[tuple[str, str]] = []
    if source["author"]:
        fields.append(("author", f"{{{tex(source['author'])}}}"))
    fields.append(("title", f"{{{tex(source['title'])}}}"))
    if source["publisher"]:
        where = {"article": "journal", "techreport": "institution"}.get(entry_type, "howpublished")
        fields.append((where, tex(source["publisher"])))
    if source["date"]:
        year, *rest = source["date"].split("-")
        fields.append(("year", year))
        if rest:
            fields.append(("month", _MONTHS[int(rest[0]) - 1]))
        if len(rest) == 2:
            fields.append(("date", source["date"]))
    if source["language"] in _LANGUAGES:
        fields.append(("langid", _LANGUAGES[source["language"]]))
    if source["url"]:
        fields.append(("url", source["url"].replace("{", "%7B").replace("}", "%7D")))
    notes = [passage_text(passage.quote, passage.locator) for passage in reference.passages]
    if notes:
        fields.append(("note", tex("; ".join(notes))))
    body = "".join(f"  {name} = {value if name == 'month' else '{' + value + '}'},\n" for name, value in fields)
    return f"@{entry_type}{{{source['id']},\n{body}}}\n"


def render_bibtex(references: list[Reference]) -> str:
    """The entries, one blank line apart."""
    return "\n".join(_entry(reference) for reference in references)

"""Picks the renderer for citations' ``--format`` (``iafr cite``, ``iafr sources``)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iafr.citations import Reference


class CitationFormat(StrEnum):
    TEXT = "text"
    CSL_JSON = "csl-json"
    BIBTEX = "bibtex"


def _text(references: list[Reference]) -> str:
    from iafr.render.reference import render_references  # noqa: PLC0415

    return render_references(references)


def _csl(references: list[Reference]) -> str:
    from iafr.render.csl import render_csl  # noqa: PLC0415

    return render_csl(references)


def _bibtex(references: list[Reference]) -> str:
    from iafr.render.bibtex import render_bibtex  # noqa: PLC0415

    return render_bibtex(references)


CITATION_RENDERERS: dict[CitationFormat, Callable[[list[Reference]], str]] = {
    CitationFormat.TEXT: _text,
    CitationFormat.CSL_JSON: _csl,
    CitationFormat.BIBTEX: _bibtex,
}


def render_citations(references: list[Reference], fmt: CitationFormat) -> str:
    return CITATION_RENDERERS[fmt](references)

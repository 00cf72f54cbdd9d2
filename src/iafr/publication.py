"""What every published copy of the corpus says about itself, written once: its title, version and
licence, the note on what it holds, and what each table holds.

Datasette's metadata (``iafr serve``) and the data package (``iafr export``) both read it, so a
site and a package built from one database describe the corpus in the same words.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

COMPILATION_NOTE = (
    "Records quote their sources briefly and cite them (title, date, place in the document); "
    "the full texts of the sources are not included."
)

TABLE_DESCRIPTIONS: dict[str, str] = {
    "sources": "The bibliography: every document a record cites.",
    "axes": "The axis vocabulary: chapters, themes and the State's priorities.",
    "reports": "Documents that state measures.",
    "measures": "Measures, recommendations, objectives and demands, in the words of their report.",
    "actors": "Companies, public bodies, programmes, infrastructures, people…",
    "funding": "Funding figures as sources state them; totals never mix currencies or statuses.",
    "source_cites": "Which sources each source cites.",
    "report_authors": "The authors (actors) of each report.",
    "chapters": "The chapters of each report.",
    "measure_axes": "Which axes each measure is on: facet on axis_id to list a theme's measures.",
    "measure_actors": "Actors each measure names.",
    "measure_related": "Measures a measure restates or summarises.",
    "measure_funding": "Funding figures a measure recommends or concerns.",
    "actor_aliases": "Other spellings of actors' names met in the sources, typos included.",
    "relations": "Relations between actors (founded, funds, part-of…).",
    "facts": "Dated, sourced figures about actors.",
    "funding_actors": "Funders, recipients, announcers and vehicles (role) of each figure.",
    "funding_related": "Figures that may overlap one another, no one knows how much.",
    "record_sources": "Each record's sources, with the short quote and the place in the document.",
    "synonyms": "Curated synonyms iafr's search takes for one another (compounds, translations), with why.",
    "synonym_terms": "The terms of each synonym group.",
    "fts_stem_keys": (
        "For iafr's search: the Snowball stems of the corpus's accented words, under the stem of the same "
        "word typed without accents."
    ),
    "iafr_meta": "How this database was built: corpus version, licence, fingerprints.",
}


class Licence(NamedTuple):
    """A licence a corpus may name in its ``licence`` text, with what catalogues need of it."""

    spdx: str  # the identifier catalogues and data packages use
    name: str  # how a text names it
    url: str


LICENCES = (
    Licence("CC-BY-SA-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    Licence("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    Licence("ODbL-1.0", "ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text).upper().split())


def named_licence(text: str) -> Licence | None:
    """The licence ``text`` names (``"Compilation: CC BY 4.0; quotes…"`` → CC-BY-4.0), or None."""
    words = f" {_words(text)} "
    for licence in LICENCES:
        if re.search(rf"(?<![A-Z0-9]){re.escape(_words(licence.name))}(?!\.?[A-Z0-9])", words):
            return licence
    return None


class Publication(NamedTuple):
    """The corpus a database was built from, as the store's meta table records it."""

    title: str
    version: str
    date: str
    licence_text: str
    licence: Licence | None

    @property
    def built(self) -> str:
        """``corpus 1.1.0 of 2026-12-01``."""
        return f"corpus {self.version}" + (f" of {self.date}" if self.date else "")


def publication(meta: dict[str, str]) -> Publication:
    """From the store's meta table (``read_meta``): a missing value is said to be unknown, never guessed."""
    text = meta.get("licence") or ""
    return Publication(
        title=meta.get("corpus_title") or "iafr corpus",
        version=meta.get("corpus_version") or "unknown",
        date=meta.get("corpus_date") or "",
        licence_text=text or "see the corpus",
        licence=named_licence(text) if text else None,
    )


def summary(corpus: Publication, iafr_version: str) -> str:
    """The paragraph that introduces the corpus wherever it is published."""
    return (
        "French AI policy: measures, actors and funding figures, each record sourced. "
        f"Built by iafr {iafr_version} from the {corpus.built}. {COMPILATION_NOTE}"
    )


def json_document(document: dict[str, Any]) -> str:
    """A JSON file iafr publishes: indented, UTF-8 text as it is, one final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

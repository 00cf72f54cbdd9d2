"""What every published copy of the corpus says about itself, written once: its title, version and
licence, the note on what it holds, and what each table holds.

Datasette's metadata (``iafr serve``) and the data package (``iafr export``) both read it, so a
site and a package built from one database describe the corpus in the same words.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from iafr.i18n import N_, _
from iafr.licences import Licence, named_licence

COMPILATION_NOTE = N_(
    "Records quote their sources briefly and cite them (title, date, place in the document); "
    "the full texts of the sources are not included."
)

STORE_TABLES: dict[str, tuple[str, str]] = {
    # the tables no kind declares: (English, French)
    "record_sources": (
        "Each record's sources, with the short quote and the place in the document.",
        "Les sources de chaque fiche, avec la courte citation et l'endroit du document.",
    ),
    "funding_totals": (
        "The funding totals iafr funding prints, per currency, status, kind and basis (iafr's one totals "
        "engine): a part counted in its whole, a copy once; quote these, never a sum of the funding table.",
        "Les totaux qu'affiche iafr funding, par devise, statut, nature et base (le moteur de totaux d'iafr) : "
        "une partie comptée dans son tout, une copie une fois ; citez-les, jamais une somme de la table funding.",
    ),
    "fts_stem_keys": (
        "For iafr's search: the Snowball stems of the corpus's accented words, under the stem of the same "
        "word typed without accents.",
        "Pour la recherche d'iafr : les racines Snowball des mots accentués du corpus, sous la racine du même "
        "mot tapé sans accents.",
    ),
    "value_labels": (
        "The labels of iafr's own values (a figure's status, an actor's kind…) in French and English, "
        "gathered from vocabularies.yaml's lists for the column each labels.",
        "Les libellés des valeurs propres à iafr (statut d'un chiffre, type d'acteur…) en français et en "
        "anglais, rassemblés depuis les listes de vocabularies.yaml pour la colonne que chacune décrit.",
    ),
    "iafr_meta": (
        "How this database was built: corpus version, licence, fingerprints.",
        "Comment cette base a été construite : version du corpus, licence, empreintes.",
    ),
}


def table_descriptions() -> dict[str, tuple[str, str]]:
    """What each table of the store holds, in English and French: each kind's own tables as
    :mod:`iafr.kinds` describes them, then the store's shared tables."""
    from iafr import kinds  # noqa: PLC0415
    from iafr.declaration import Link, Nested  # noqa: PLC0415

    found: dict[str, tuple[str, str]] = {kind.section: kind.description for kind in kinds.KINDS}
    for kind in kinds.KINDS:
        for item in kind.items:
            if isinstance(item, Link | Nested):
                found.setdefault(item.table, item.doc)
    return {**found, **STORE_TABLES}


class Publication(NamedTuple):
    """The corpus a database was built from, as the store's meta table records it."""

    title: str
    version: str
    date: str
    licence_text: str
    licence: Licence | None

    @property
    def built(self) -> str:
        """``corpus 1.1.0 of 2026-12-01``, in the reader's language."""
        if self.date:
            return _("corpus {version} of {date}").format(version=self.version, date=self.date)
        return _("corpus {version}").format(version=self.version)


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
    return _(
        "French AI policy: measures, actors and funding figures, each record sourced. Built by iafr {version} "
        "from the {corpus}. {note}"
    ).format(version=iafr_version, corpus=corpus.built, note=_(COMPILATION_NOTE))


def json_document(document: dict[str, Any]) -> str:
    """A JSON file iafr publishes: indented, UTF-8 text as it is, one final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

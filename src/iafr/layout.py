"""Names of the corpus files and tables: light constants shared by fast and slow paths."""

from __future__ import annotations

CORPUS_INFO_FILE = "corpus.yaml"
SECTION_FILES: dict[str, tuple[str, ...]] = {
    "sources.yaml": ("sources",),
    "axes.yaml": ("axes",),
    "recommendations.yaml": ("reports", "measures"),
    "actors.yaml": ("actors",),
    "funding.yaml": ("funding",),
    "synonyms.yaml": ("synonyms",),
}
DATA_FILES: tuple[str, ...] = (CORPUS_INFO_FILE, *SECTION_FILES)
OPTIONAL_FILES: frozenset[str] = frozenset({"synonyms.yaml"})
"""Files a corpus may lack: a corpus without synonyms searches with the stemmers alone."""

# How people are told about records: singular and plural nouns, for counts and messages.
ENTITY_NAMES: dict[str, tuple[str, str]] = {
    "sources": ("source", "sources"),
    "axes": ("axis", "axes"),
    "reports": ("report", "reports"),
    "measures": ("measure", "measures"),
    "actors": ("actor", "actors"),
    "funding": ("funding figure", "funding figures"),
    "synonyms": ("synonym group", "synonym groups"),
    "relations": ("relation", "relations"),
    "search": ("match", "matches"),
    "timeline": ("dated record", "dated records"),
}

# The funding vocabularies, as the models declare them (tests/test_resolve.py checks they agree):
# here so that queries, completion and the resolver read them without importing the models.
FUNDING_STATUSES = ("announced", "committed", "recommended", "mobilised", "raised", "invested", "estimated", "sought")
FUNDING_KINDS = ("public", "private", "mixed")

"""Light constants shared by fast and slow paths: the nouns of listings that are not kinds, and
the funding vocabularies. (The files, sections and nouns of each kind are in :mod:`iafr.kinds`.)"""

from __future__ import annotations

# How people are told about the records of listings that are not a kind of record: singular and
# plural, in English then French.
LISTING_NOUNS: dict[str, tuple[str, str, str, str]] = {
    "search": ("match", "matches", "résultat", "résultats"),
    "timeline": ("dated record", "dated records", "fiche datée", "fiches datées"),
    "records": ("record", "records", "fiche", "fiches"),  # records of any kind (a source's citers)
}

# The funding vocabularies, as the models declare them (tests/test_resolve.py checks they agree):
# here so that queries, completion and the resolver read them without importing the models.
FUNDING_STATUSES = ("announced", "committed", "recommended", "mobilised", "raised", "invested", "estimated", "sought")
FUNDING_KINDS = ("public", "private", "mixed")

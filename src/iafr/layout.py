"""Names of the corpus files and tables: light constants shared by fast and slow paths."""

from __future__ import annotations

CORPUS_INFO_FILE = "corpus.yaml"
SECTION_FILES: dict[str, tuple[str, ...]] = {
    "sources.yaml": ("sources",),
    "axes.yaml": ("axes",),
    "recommendations.yaml": ("reports", "measures"),
    "actors.yaml": ("actors",),
    "funding.yaml": ("funding",),
}
DATA_FILES: tuple[str, ...] = (CORPUS_INFO_FILE, *SECTION_FILES)

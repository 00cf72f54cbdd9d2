"""The licences a corpus may be published under, and which one a licence text names.

A leaf module (no iafr import): the corpus model checks its ``licence`` with it, the published
copies (data package, Datasette) state it.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Licence(NamedTuple):
    """A licence a corpus may name in its ``licence`` text, with what catalogues need of it."""

    spdx: str  # the identifier catalogues and data packages use
    name: str  # how a text names it
    url: str  # its official address
    other_names: tuple[str, ...] = ()  # other ways texts name it


LICENCES = (
    # the French public sector's default (data.gouv.fr), the licence schema.data.gouv.fr proposes first
    Licence(
        "etalab-2.0",
        "Licence Ouverte 2.0",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        ("Licence Ouverte / Open Licence 2.0", "Open Licence 2.0", "Etalab 2.0", "etalab-2.0"),
    ),
    Licence("CC-BY-SA-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", ("CC-BY-SA-4.0",)),
    Licence("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", ("CC-BY-4.0",)),
    Licence("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", ("CC0-1.0",)),
    Licence("ODbL-1.0", "ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/", ("ODbL-1.0",)),
)
"""The licences a corpus may be published under: ``iafr check`` refuses a licence text naming
none of them (a data package would otherwise carry no licence at all)."""


def _words(text: str) -> str:
    return " ".join(re.sub(r"[-_/]", " ", text).upper().split())


def named_licence(text: str) -> Licence | None:
    """The licence ``text`` names (``"Compilation: CC BY 4.0; quotes…"`` → CC-BY-4.0), or None."""
    words = f" {_words(text)} "
    for licence in LICENCES:
        for name in (licence.name, *licence.other_names):
            if re.search(rf"(?<![A-Z0-9]){re.escape(_words(name))}(?!\.?[A-Z0-9])", words):
                return licence
    return None

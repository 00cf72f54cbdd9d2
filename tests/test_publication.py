"""What a published copy says of the corpus (iafr.publication), in Datasette and the data package alike."""

from __future__ import annotations

import pytest

from iafr.publication import Publication, named_licence, publication


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        ("Compilation: CC BY 4.0; quotes belong to their authors and are cited briefly", "CC-BY-4.0"),
        ("cc-by-4.0", "CC-BY-4.0"),
        ("Sous licence CC BY 4.0.", "CC-BY-4.0"),
        ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
        ("ODbL 1.0", "ODbL-1.0"),
        ("CC0 1.0", "CC0-1.0"),
        ("CC BY 4.01", None),
        ("Licence Ouverte 2.0", "etalab-2.0"),  # the French public sector's default, with its official address
        ("", None),
    ],
)
def test_a_licence_is_recognised_in_the_corpus_wording_or_not_at_all(text: str, spdx: str | None) -> None:
    licence = named_licence(text)
    assert (licence.spdx if licence else None) == spdx


def test_missing_meta_is_said_unknown() -> None:
    assert publication({}) == Publication("iafr corpus", "unknown", "", "see the corpus", None)


def test_datasette_metadata_links_the_licence() -> None:
    import contextlib
    import sqlite3

    from iafr import __version__
    from iafr.datasette_metadata import metadata

    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.execute("CREATE TABLE iafr_meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO iafr_meta VALUES ('licence', 'CC BY 4.0'), ('corpus_version', '2.0.0')")
        document = metadata(connection, __version__)
    assert document["license"] == "CC BY 4.0"
    assert document["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "corpus 2.0.0" in document["description_html"]

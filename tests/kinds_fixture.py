"""A throwaway kind of record, declared through the declaration only: a curator's note on measures
and actors. tests/test_kinds.py imports this module before any other iafr module (in a process of
its own) and proves every consumer carries the kind: no other file of iafr knows it exists."""

from __future__ import annotations

from pydantic import Field

from iafr.declaration import Cited, Kind, Link, Nouns, Reference, Search, Timed, date, ref, text
from iafr.kinds import declare
from iafr.models import Slug, Sourced, Text, Time


class Note(Sourced):
    """A curator's dated note on measures and actors."""

    title: Text
    author: Slug | None = Field(None, description="The actor who wrote it.")
    about: list[Slug] = Field(default_factory=list, description="Measures or actors it is about.")
    written: Time | None = Field(None, description="When it was written (EDTF).")


NOTES = Kind(
    "notes",
    file="notes.yaml",
    model="tests.kinds_fixture:Note",
    record_type="note",
    owner="note_id",
    nouns=Nouns("note", "notes", "note", "notes"),
    title="title",
    description=("Curators' notes.", "Les notes des curateurs."),
    time=Timed("written", basis="written"),
    search=Search(("title",)),
    items=(
        text("id"),
        text("title"),
        ref("author", ("actors",), reverse=("notes written", "notes écrites")),
        Link(
            "about",
            "note_about",
            "item_id",
            Reference(("measures", "actors"), reverse=("notes about it", "notes à son sujet")),
            ("What each note is about.", "Ce dont parle chaque note."),
        ),
        date("written"),
        Cited(),
        text("note"),
    ),
)

declare(NOTES)

"""Every kind of record iafr holds, declared once (the vocabulary: :mod:`iafr.declaration`).

Adding a kind is adding its model to :mod:`iafr.models` and its :class:`Kind` here; the corpus
files, the rules, the store, ``show``, search, the timeline, the diff, the export and Datasette
derive it (tests/test_kinds.py proves it with a kind declared in a test). ``KINDS`` is in the
order the report, diff, show and search list them; the build checks every foreign key once all
tables are written, so the order says nothing about what points at what.
"""

from __future__ import annotations

from typing import Any

from iafr.declaration import (
    Cited,
    Column,
    Computed,
    Kind,
    Link,
    Nested,
    Nouns,
    Reference,
    Search,
    Shown,
    Timed,
    date,
    derived,
    enum,
    field,
    flag,
    ref,
    text,
)
from iafr.i18n import N_

SCHEMA_VERSION = "12"
"""Bump on any change to the tables declared here (tests/test_store_schema.py pins it to their
digest): a database built by another version is rebuilt."""

CITED_KIND = "sources"
"""The kind every ``sources`` list (``Cited``) points at: the bibliography."""

CORPUS_INFO_FILE = "corpus.yaml"
"""The file saying which version of the corpus this is: no records, no kind."""

# --- what derived columns compute ---------------------------------------------------------------


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _year(record: Any, corpus: Any = None) -> int | None:
    return _year_of(record.date)


def _day_of(moment: Any, part: str) -> str | None:
    """One bound of a time's window as an ISO day, None when there is no time or the bound is open."""
    return None if moment is None else _iso(getattr(moment, part))


def _year_of(moment: Any) -> int | None:
    """The year of a date, or of a time (the year it starts in, else the year it ends)."""
    if moment is None:
        return None
    if hasattr(moment, "year"):  # a document's PartialDate
        return int(moment.year)
    bound = moment.earliest or moment.latest  # a When: the year it starts, else the year it ends
    return None if bound is None else bound.year


_WINDOWS: list[Any] = [None, {}]  # the last corpus built, and its figures' windows by id


def _window(record: Any, corpus: Any) -> Any:
    """The figure's window, computed once per figure of the corpus being built (four columns use it)."""
    if _WINDOWS[0] is not corpus:
        from iafr.edtf import figure_window  # noqa: PLC0415 - build path only
        from iafr.models import Funding, Source  # noqa: PLC0415

        dates = {source.id: source.date for source in corpus.of(Source) if source.date is not None}

        def window(figure: Any) -> Any:
            return figure_window(
                figure.date, figure.period, [dates[r.source] for r in figure.sources if r.source in dates]
            )

        _WINDOWS[:] = [corpus, {figure.id: window(figure) for figure in corpus.of(Funding)}]
    return _WINDOWS[1][record.id]


def _of_window(part: str) -> Any:
    """One part of the figure's window, its days as ISO text."""

    def get(figure: Any, corpus: Any) -> Any:
        value = getattr(_window(figure, corpus), part)
        return value if value is None or isinstance(value, str) else _iso(value)

    return get


def _minor(value: Any) -> int | None:
    from iafr.money import to_minor_units  # noqa: PLC0415 - build path only

    return None if value is None else to_minor_units(value)


def _from_minor(value: int | None) -> Any:
    from iafr.money import from_minor_units  # noqa: PLC0415 - only rows with money pay for it

    return None if value is None else from_minor_units(value)


def _amount_text(value: Any) -> str | None:
    from iafr.money import canonical_text  # noqa: PLC0415 - build path only

    return None if value is None else canonical_text(value)


def _amount(value: str | None) -> Any:
    from decimal import Decimal  # noqa: PLC0415 - only rows with money pay for it

    return None if value is None else Decimal(value)


def money(name: str) -> Column:
    """An exact quantity kept as its decimal text (a fact's value: no unit to count in)."""
    return field(name, str, encode=_amount_text, decode=_amount)


def hundredths(name: str) -> Column:
    """Money in the integer column ``{name}_minor``: hundredths of the currency, exact (no REAL)."""
    return field(name, int, f"{name}_minor", encode=_minor, decode=_from_minor, form="money")


_YEAR = N_("The year of the date (the year it starts in, for a period).")
_WHEN = N_(
    "When the figure can fall, in EDTF: its period, else its date, else '[..D]' (on or before D) for a "
    "figure only its sources report, D being the latest of their dates; empty when there is none."
)
_FIRST_DAY = N_("The first day the figure can fall on (ISO 8601); empty when open.")
_LAST_DAY = N_("The last day the figure can fall on (ISO 8601); empty when open.")
_BASIS = N_("What 'when' rests on: period, announced (its date) or reported (its sources' dates).")

# --- the kinds ----------------------------------------------------------------------------------

SOURCES = Kind(
    "sources",
    file="sources.yaml",
    model="Source",
    record_type="source",
    owner="source_id",
    nouns=Nouns("source", "sources", "source", "sources"),
    title="title",
    description=("The bibliography: every document a record cites.", "La bibliographie : chaque document cité."),
    time=Timed("date", basis="published"),
    facets=("kind", "year", "language", "is_primary"),
    sort_desc="year",
    search=Search(("title", "author", "publisher"), "m.kind"),
    used="warn",
    count="records",
    query="query_sources",
    view=(
        Shown("id", ("id", "id")),
        Shown("title", ("title", "titre"), wrap=True),
        Shown("kind", ("kind", "type")),
        Shown("date", ("date", "date")),
        Shown("primary", ("primary", "primaire"), format="yes"),
        Shown("records", ("records", "fiches"), justify="right"),
    ),
    items=(
        text("id"),
        text("title"),
        enum("kind"),
        text("author"),
        text("publisher"),
        date(),
        derived("year", int, _year, form="year", doc=_YEAR),
        text("date_note"),
        text("language"),
        text("url"),
        flag("primary", "is_primary"),
        Link(
            "cites",
            "source_cites",
            "cited_id",
            Reference(("sources",), reverse=("cited by sources", "citée par les sources")),
            ("Which sources each source cites.", "Les sources que cite chaque source."),
            listed=False,
        ),
        Cited("cited_in", listed=False, required=False, connects=True),
        text("note"),
    ),
    indexes=(("year",),),
    unstored={
        name: "the mapping to the curator's local copy of the text: read by check --sources, never published"
        for name in ("text", "sha256", "ocr", "doubled_links")
    },
)

AXES = Kind(
    "axes",
    file="axes.yaml",
    model="Axis",
    record_type="axis",
    owner="axis_id",
    nouns=Nouns("axis", "axes", "axe", "axes"),
    title="label",
    title_en="label_en",
    description=(
        "The axis vocabulary: chapters, themes and the State's priorities.",
        "Le vocabulaire des axes : chapitres, thèmes et priorités de l'État.",
    ),
    facets=("axis_group",),
    search=Search(("label", "label_en", "description")),  # "iafr search 'public procurement'" finds the axis
    used="warn",
    count="measures",
    query="query_axes",
    by_words="start",  # "--axis 'public procurement'": the first words of its English label
    view=(
        Shown("id", ("id", "id")),
        Shown("label", ("label", "libellé"), wrap=True),
        Shown("group", ("group", "groupe")),
        Shown("measures", ("measures", "mesures"), justify="right"),
        Shown("description", ("description", "description"), wrap=True),
    ),
    items=(text("id"), text("label"), text("label_en"), enum("group", "axis_group"), text("description")),
)

REPORTS = Kind(
    "reports",
    file="recommendations.yaml",
    model="Report",
    record_type="report",
    owner="report_id",
    nouns=Nouns("report", "reports", "rapport", "rapports"),
    title="title",
    title_en="title_en",
    description=("Documents that state measures.", "Les documents qui énoncent des mesures."),
    time=Timed("date", basis="published"),
    facets=("year",),
    search=Search(("title", "title_en")),
    items=(
        text("id"),
        text("title"),
        text("title_en"),
        Link(
            "authors",
            "report_authors",
            "actor_id",
            Reference(("actors",), reverse=("authored", "auteur de")),
            ("The authors (actors) of each report.", "Les auteurs (acteurs) de chaque rapport."),
            listed=False,
        ),
        date(),
        derived("year", int, _year, listed=True, form="year", doc=_YEAR),
        # the window its measures are filtered on (--since on measures): the report's own date
        derived("earliest", str, lambda report, _: _iso(report.date and report.date.earliest), form="date"),
        derived("latest", str, lambda report, _: _iso(report.date and report.date.latest), form="date"),
        derived("basis", str, lambda report, _: "published" if report.date else None),
        flag("numbered"),
        field("count", int, "declared_count"),
        Nested(
            "chapters",
            "chapters",
            (text("id"), text("title")),
            ("The chapters of each report.", "Les chapitres de chaque rapport."),
            position=False,
            key=("id",),
            ordered=True,
        ),
        Cited(listed=False),
        text("note"),
    ),
)

MEASURES = Kind(
    "measures",
    file="recommendations.yaml",
    model="Measure",
    record_type="measure",
    owner="measure_id",
    nouns=Nouns("measure", "measures", "mesure", "mesures"),
    title="title",
    title_en="title_en",
    description=(
        "Measures, recommendations, objectives and demands, in the words of their report.",
        "Mesures, recommandations, objectifs et revendications, dans les mots de leur rapport.",
    ),
    facets=("kind", "report_id", "chapter", "axes", "instruments", "targets"),  # lists: array facets when published
    search=Search(("title", "title_en", "text"), "'[' || m.report_id || coalesce(' #' || m.number, '') || ']'"),
    query="query_measures",
    view=(
        Shown("id", ("id", "id")),
        Shown("number", ("#", "n°"), justify="right"),
        Shown("chapter", ("ch.", "ch.")),
        Shown("title", ("title", "titre"), wrap=True),
        Shown("axes", ("axes", "axes"), wrap=True),
    ),
    compact=(
        Shown("id", ("id", "id")),
        Shown("report", ("report", "rapport")),
        Shown("number", ("#", "n°"), justify="right"),
        Shown("title", ("title", "titre"), wrap=True),
    ),
    verbatim={"text": "measure text"},
    items=(
        text("id"),
        ref("report", ("reports",), "report_id", reverse=("measures", "mesures"), count_only=True),
        enum("kind"),
        field("number", int),
        text("chapter"),
        text("title"),
        text("title_en"),
        text("text"),
        Link(
            "axes",
            "measure_axes",
            "axis_id",
            Reference(("axes",), reverse=("measures", "mesures")),
            (
                "Which axes each measure is on: facet on axis_id to list a theme's measures.",
                "Les axes de chaque mesure : facette sur axis_id pour lister les mesures d'un thème.",
            ),
            indexed=True,
        ),
        Link(
            "actors",
            "measure_actors",
            "actor_id",
            Reference(("actors",), reverse=("measures", "mesures")),
            ("Actors each measure names.", "Les acteurs que nomme chaque mesure."),
            indexed=True,
        ),
        Link(
            "related",
            "measure_related",
            "related_id",
            Reference(("measures",), reverse=("restated by", "reprise par"), self_allowed=False),
            ("Measures a measure restates or summarises.", "Les mesures qu'une mesure reprend ou résume."),
            listed=False,
        ),
        Link(
            "funding",
            "measure_funding",
            "funding_id",
            Reference(("funding",), reverse=("measures", "mesures")),
            ("Funding figures a measure recommends or concerns.", "Les chiffres qu'une mesure recommande ou vise."),
        ),
        Link(
            "instruments",
            "measure_instruments",
            "instrument_id",
            Reference(("instruments",), reverse=("measures", "mesures")),
            (
                "How each measure acts (its instruments): facet on instrument_id.",
                "Comment agit chaque mesure (ses instruments) : facette sur instrument_id.",
            ),
            indexed=True,
        ),
        Link(
            "targets",
            "measure_targets",
            "target_id",
            Reference(("targets",), reverse=("measures", "mesures")),
            ("Whom each measure is for: facet on target_id.", "À qui s'adresse chaque mesure : facette sur target_id."),
            indexed=True,
        ),
        field("horizon", str, encode=lambda value: None if value is None else str(value)),
        derived(
            "horizon_earliest",
            str,
            lambda measure, _: _day_of(measure.horizon, "earliest"),
            listed=True,
            form="date",
            doc=N_("The first day its horizon can fall on (ISO 8601); empty when open or none."),
        ),
        derived(
            "horizon_latest",
            str,
            lambda measure, _: _day_of(measure.horizon, "latest"),
            listed=True,
            form="date",
            doc=N_("The last day its horizon can fall on (ISO 8601); empty when open or none."),
        ),
        enum("horizon_term"),
        text("horizon_stated"),
        Cited(),
        text("note"),
    ),
    indexes=(("report_id", "number"), ("chapter",), ("kind",), ("horizon_earliest",), ("horizon_latest",)),
)

ACTORS = Kind(
    "actors",
    file="actors.yaml",
    model="Actor",
    record_type="actor",
    owner="actor_id",
    nouns=Nouns("actor", "actors", "acteur", "acteurs"),
    title="name",
    description=(
        "Companies, public bodies, programmes, infrastructures, people…",
        "Entreprises, organismes publics, programmes, infrastructures, personnes…",
    ),
    facets=("kind", "country"),
    search=Search(
        ("name", "aliases", "description", "description_en", "role", "role_en", "facts_stated", "facts_stated_en"),
        "m.kind",
    ),
    english={"description": "description_en", "role": "role_en"},
    used="warn",
    query="query_actors",
    view=(
        Shown("id", ("id", "id")),
        Shown("name", ("name", "nom"), wrap=True),
        Shown("kind", ("kind", "type")),
        Shown("country", ("country", "pays")),
        Shown("description", ("description", "description"), wrap=True),
    ),
    compact=(Shown("id", ("id", "id")), Shown("name", ("name", "nom")), Shown("kind", ("kind", "type"))),
    items=(
        text("id"),
        text("name"),
        enum("kind"),
        text("country"),
        Link(
            "aliases",
            "actor_aliases",
            "alias",
            None,
            (
                "Other spellings of actors' names met in the sources, typos included.",
                "Les autres graphies des noms d'acteurs rencontrées dans les sources, coquilles comprises.",
            ),
        ),
        # the aliases again as one text, for full-text search over the main table
        derived("aliases", str, lambda actor, _: "; ".join(actor.aliases), doc=N_("The aliases, joined with '; '.")),
        text("description"),
        text("description_en"),
        text("role"),
        text("role_en"),
        flag("context"),
        Nested(
            "relations",
            "relations",
            (
                enum("type"),
                ref(
                    "target", ("actors",), "target_id", reverse=("related from", "en relation avec"), self_allowed=False
                ),
                text("role"),
            ),
            (
                "Relations between actors (founded, funds, part-of…).",
                "Les relations entre acteurs (a fondé, finance, fait partie de…).",
            ),
            indexes=(("target_id",),),
            nouns=Nouns("relation", "relations", "relation", "relations"),
            facets=("type",),
            unstored={"sources": []},
            cited=("sources",),
        ),
        Nested(
            "facts",
            "facts",
            (
                text("name"),
                money("value"),
                text("unit"),
                flag("approximate"),
                text("stated"),
                text("stated_en"),
                date(),
                derived("year", int, _year, form="year", doc=_YEAR),
            ),
            ("Dated, sourced figures about actors.", "Les chiffres datés et sourcés sur les acteurs."),
            address="name",
            record_type="fact",
            facets=("name", "year"),
            nouns=Nouns("fact", "facts", "fait", "faits"),
            time=Timed("date", basis="stated"),
            title="stated",
            verbatim={"stated": "stated wording"},
            cited=("sources",),
        ),
        # what its facts state, as one text: "iafr search '51 fois'" finds the actor
        derived(
            "facts_stated",
            str,
            lambda actor, _: "; ".join(fact.stated for fact in actor.facts if fact.stated),
            doc=N_("What the actor's facts state, in the source's words, joined with '; '."),
        ),
        derived(
            "facts_stated_en",
            str,
            lambda actor, _: "; ".join(fact.stated_en for fact in actor.facts if fact.stated_en),
            doc=N_("The same in English, joined with '; '."),
        ),
        Cited(),
        text("note"),
    ),
    indexes=(("kind",), ("country",)),
)


def _actors(label: str, french: str, role: str) -> Link:
    """One of a figure's lists of actors, all in ``funding_actors`` told apart by ``role``."""
    field_name = {"funder": "funders", "recipient": "recipients", "announcer": "announced_by", "via": "via"}[role]
    return Link(
        field_name,
        "funding_actors",
        "actor_id",
        Reference(("actors",), reverse=(label, french)),
        ("Funders, recipients, announcers and vehicles (role) of each figure.",
         "Financeurs, bénéficiaires, annonceurs et véhicules (role) de chaque chiffre."),
        fixed=(("role", role),),
        indexed=True,
    )  # fmt: skip


_FUNDING_VIEW = (
    Shown("id", ("id", "id")),
    Shown("amount", ("amount", "montant"), format="amount", justify="right"),
    Shown("when", ("when", "quand"), format="when"),
    Shown("status", ("status", "statut"), format="status"),
    Shown("label", ("label", "libellé"), format="label", wrap=True),
    Shown("funders", ("from → to", "de → à"), format="parties", wrap=True),
)

FUNDING = Kind(
    "funding",
    file="funding.yaml",
    model="Funding",
    record_type="funding",
    owner="funding_id",
    nouns=Nouns("funding figure", "funding figures", "chiffre", "chiffres"),
    title="label",
    title_en="title_en",
    description=(
        "Funding figures as sources state them; totals never mix currencies or statuses.",
        "Les montants tels que les sources les donnent ; les totaux ne mélangent ni devises ni statuts.",
    ),
    time=Timed("date", column="when", basis_column="basis"),
    facets=("status", "kind", "year", "currency"),
    sort_desc="amount_in_currency",  # published copies: by currency, then amount (iafr.published)
    search=Search(("label", "title_en", "stated", "purpose"), "m.status"),
    query="query_funding",
    view=_FUNDING_VIEW,
    compact=_FUNDING_VIEW,
    verbatim={"stated": "stated wording"},
    items=(
        text("id"),
        text("label"),
        text("title_en"),
        # integers of hundredths beside the currency: exact, and sorted right by any SQL client
        hundredths("amount"),
        hundredths("upper"),
        text("currency"),
        enum("precision"),
        text("stated"),
        flag("per_year"),
        field("period", str, encode=lambda value: None if value is None else str(value)),
        date(),
        derived("year", int, _year, listed=True, form="year", doc=_YEAR),
        # the window the figure can fall in, from its period, else its date, else its sources'
        derived("when", str, _of_window("text"), listed=True, form="edtf", doc=_WHEN),
        derived("earliest", str, _of_window("earliest"), listed=True, form="date", doc=_FIRST_DAY),
        derived("latest", str, _of_window("latest"), listed=True, form="date", doc=_LAST_DAY),
        derived("basis", str, _of_window("basis"), listed=True, doc=_BASIS),
        enum("status"),
        enum("kind"),
        _actors("funded", "a financé", "funder"),
        _actors("received", "a reçu", "recipient"),
        _actors("announced", "a annoncé", "announcer"),
        _actors("channelled", "a acheminé", "via"),
        text("purpose"),
        Link(
            "related",
            "funding_related",
            "related_id",
            Reference(("funding",), reverse=("related", "liés"), symmetric=True, self_allowed=False),
            (
                "Figures that may overlap one another, no one knows how much.",
                "Les chiffres qui peuvent se recouvrir, sans qu'on sache de combien.",
            ),
        ),
        ref("part_of", ("funding",), reverse=("parts", "parties")),
        ref("same_as", ("funding",), reverse=("copies", "copies")),
        ref("event", ("events",), reverse=("announced there", "annoncés là")),
        Cited(),
        text("note"),
    ),
    indexes=(("year",), ("status",), ("kind",), ("currency",), ("amount_minor",), ("earliest",), ("latest",)),
    computed=(
        Computed(
            "counted_as",
            "iafr.totals:counted_as",
            (
                "How iafr's totals count the figure: 'counted' in the total of its currency, status, kind and basis; "
                "'part' inside the figure it is part of (part_of); 'copy' of another figure (same_as). A sum of "
                "the 'counted' rows of one currency, status, kind and basis is that total's upper bound; never "
                "sum across them, and see 'related' for figures that may be the same money.",
                "Comment les totaux d'iafr comptent le chiffre : 'counted' (compté) dans le total de sa devise, "
                "de son statut, de sa nature et de sa base ; 'part' (partie) dans le chiffre dont il fait partie "
                "(part_of) ; 'copy' (copie) d'un autre chiffre (same_as). La somme des lignes 'counted' d'une même "
                "devise, d'un même statut, d'une même nature et d'une même base est la borne haute de ce total ; "
                "ne sommez jamais au travers, et voyez 'related' pour les chiffres qui sont peut-être le même argent.",
            ),
            ("counted", "part", "copy"),
        ),
    ),
)


def _time_window(basis: str) -> tuple[Column, ...]:
    """The window a record's own ``time`` can fall in, for the time filters: first and last day,
    and what it rests on (``basis``), empty when it has no time."""

    def day(part: str) -> Any:
        return lambda record, _: _iso(getattr(record.time, part)) if record.time is not None else None

    return (
        derived("earliest", str, day("earliest"), listed=True, form="date", doc=N_("The first day it can fall on.")),
        derived("latest", str, day("latest"), listed=True, form="date", doc=N_("The last day it can fall on.")),
        derived(
            "basis",
            str,
            lambda record, _: basis if record.time is not None else None,
            listed=True,
            doc=N_("What its time rests on: 'held' for an event, 'said' for a statement."),
        ),
    )


EVENTS = Kind(
    "events",
    file="events.yaml",
    model="Event",
    record_type="event",
    owner="event_id",
    nouns=Nouns("event", "events", "événement", "événements"),
    title="name",
    title_en="name_en",
    description=(
        "Occasions with a time: trade fairs, summits, votes, launches, reports handed over, announcements.",
        "Les occasions datées : salons, sommets, votes, lancements, remises de rapports, annonces.",
    ),
    time=Timed("time", basis="held"),
    optional=True,  # a corpus may hold no events
    facets=("kind", "year"),
    search=Search(("name", "name_en", "aliases", "place", "description", "description_en"), "m.kind"),
    query="iafr.occasions:query_events",
    by_words=True,
    view=(
        Shown("id", ("id", "id")),
        Shown("time", ("when", "quand"), format="when"),
        Shown("kind", ("kind", "type")),
        Shown("name", ("name", "nom"), wrap=True),
        Shown("place", ("place", "lieu"), wrap=True),
    ),
    compact=(
        Shown("id", ("id", "id")),
        Shown("time", ("when", "quand"), format="when"),
        Shown("kind", ("kind", "type")),
        Shown("name", ("name", "nom"), wrap=True),
    ),
    items=(
        text("id"),
        text("name"),
        text("name_en"),
        enum("kind"),
        Link(
            "aliases",
            "event_aliases",
            "alias",
            None,
            ("Other names of events met in the sources.", "Les autres noms d'événements rencontrés dans les sources."),
        ),
        derived("aliases", str, lambda event, _: "; ".join(event.aliases), doc=N_("The aliases, joined with '; '.")),
        field("time", str, encode=lambda value: None if value is None else str(value)),
        derived("year", int, lambda event, _: _year_of(event.time), listed=True, form="year", doc=_YEAR),
        *_time_window("held"),
        text("place"),
        Link(
            "organisers",
            "event_actors",
            "actor_id",
            Reference(("actors",), reverse=("organised", "a organisé")),
            (
                "Organisers and participants (role) of each event.",
                "Organisateurs et participants (role) de chaque événement.",
            ),
            fixed=(("role", "organiser"),),
            indexed=True,
        ),
        Link(
            "participants",
            "event_actors",
            "actor_id",
            Reference(("actors",), reverse=("took part in", "a participé à")),
            (
                "Organisers and participants (role) of each event.",
                "Organisateurs et participants (role) de chaque événement.",
            ),
            fixed=(("role", "participant"),),
            indexed=True,
        ),
        Link(
            "about",
            "event_about",
            "record_id",
            Reference(
                ("actors", "measures", "funding", "events"),
                reverse=("events about it", "événements à son sujet"),
                self_allowed=False,
            ),
            (
                "The actors, measures, figures and other events each event concerns.",
                "Les acteurs, mesures, chiffres et autres événements que concerne chaque événement.",
            ),
        ),
        text("description"),
        text("description_en"),
        Cited(),
        text("note"),
    ),
    indexes=(("earliest",), ("latest",), ("kind",)),
)

STATEMENTS = Kind(
    "statements",
    file="statements.yaml",
    model="Statement",
    record_type="statement",
    owner="statement_id",
    nouns=Nouns("statement", "statements", "déclaration", "déclarations"),
    title="words",
    title_en="gist_en",
    description=(
        "Who said what, where and when: people's words and a report's findings, verbatim, with their speakers.",
        "Qui a dit quoi, où et quand : les mots des personnes et les constats d'un rapport, tels quels, "
        "avec leurs auteurs.",
    ),
    time=Timed("time", basis="said", who="speakers"),
    optional=True,  # a corpus may hold no statements
    facets=("form", "event", "year"),
    search=Search(("words", "gist_en"), "m.form"),
    query="iafr.occasions:query_statements",
    verbatim={"words": "words"},
    view=(
        Shown("id", ("id", "id")),
        Shown("time", ("when", "quand"), format="when"),
        Shown("speakers", ("by", "par"), wrap=True),
        Shown("form", ("form", "forme")),
        Shown("words", ("words", "mots"), format="words", wrap=True, least=36),
    ),
    compact=(
        Shown("id", ("id", "id")),
        Shown("speakers", ("by", "par"), wrap=True),
        Shown("words", ("words", "mots"), format="words", wrap=True, least=36),
    ),
    items=(
        text("id"),
        Link(
            "speakers",
            "statement_speakers",
            "actor_id",
            Reference(("actors",), reverse=("said", "a déclaré")),
            ("Who made each statement.", "Les auteurs de chaque déclaration."),
            indexed=True,
        ),
        text("words"),
        enum("form"),
        text("gist_en"),
        field("time", str, encode=lambda value: None if value is None else str(value)),
        derived("year", int, lambda statement, _: _year_of(statement.time), listed=True, form="year", doc=_YEAR),
        *_time_window("said"),
        ref("event", ("events",), reverse=("statements made there", "déclarations faites là")),
        Link(
            "topics",
            "statement_topics",
            "axis_id",
            Reference(("axes",), reverse=("statements", "déclarations")),
            ("The axes each statement is about.", "Les axes dont parle chaque déclaration."),
            indexed=True,
        ),
        Link(
            "about",
            "statement_about",
            "record_id",
            Reference(
                ("measures", "funding", "actors", "events"),
                reverse=("statements about it", "déclarations à son sujet"),
            ),
            (
                "The measures, figures, actors and events each statement is about.",
                "Les mesures, chiffres, acteurs et événements dont parle chaque déclaration.",
            ),
            indexed=True,
        ),
        Cited(),
        text("note"),
    ),
    indexes=(("earliest",), ("latest",), ("event",)),
)


def _vocabulary(section: str, model: str, owner: str, nouns: Nouns, description: tuple[str, str]) -> Kind:
    """A vocabulary of vocabularies.yaml: values with French and English labels and descriptions."""
    return Kind(
        section,
        file="vocabularies.yaml",
        model=model,
        record_type=nouns.singular_en,
        owner=owner,
        nouns=nouns,
        title="label",
        title_en="label_en",
        description=description,
        search=Search(("label", "label_en", "description", "description_en")),
        optional=True,
        counted=False,
        count="measures",
        query=None,
        by_words=True,
        view=(
            Shown("id", ("id", "id")),
            Shown("label", ("label", "libellé"), wrap=True),
            Shown("label_en", ("English", "anglais"), wrap=True),
            Shown("measures", ("measures", "mesures"), justify="right"),
        ),
        items=(
            text("id"),
            text("label"),
            text("label_en"),
            text("description"),
            text("description_en"),
            text("oecd"),
        ),
    )


INSTRUMENTS = _vocabulary(
    "instruments",
    "Instrument",
    "instrument_id",
    Nouns("instrument", "instruments", "instrument", "instruments"),
    (
        "How measures act, aligned on the OECD's types of policy instruments.",
        "Comment agissent les mesures, alignés sur les types d'instruments de l'OCDE.",
    ),
)

TARGETS = _vocabulary(
    "targets",
    "Target",
    "target_id",
    Nouns("target", "targets", "public visé", "publics visés"),
    ("Whom measures are for or aimed at.", "À qui s'adressent les mesures."),
)


def _labels(
    section: str, model: str, labels: tuple[str, str], nouns: Nouns, description: tuple[str, str], option: str | None
) -> Kind:
    """The labels of the values one of iafr's own fields takes (``labels``: its table and column),
    in French and English: shown in the reader's language, accepted by ``option`` in either."""
    return Kind(
        section,
        file="vocabularies.yaml",
        model=model,
        record_type=nouns.singular_en,
        owner=f"{section}_id",
        nouns=nouns,
        title="label",
        title_en="label_en",
        description=description,
        optional=True,  # a corpus without labels shows and accepts the values' ids
        counted=False,
        query=None,
        by_words=True,
        option=option,
        labels=labels,
        view=(
            Shown("id", ("id", "id")),
            Shown("label", ("label", "libellé")),
            Shown("label_en", ("English", "anglais")),
            Shown("description", ("description", "description"), wrap=True, least=24),
        ),
        items=(text("id"), text("label"), text("label_en"), text("description"), text("description_en")),
    )


# The labels of the values iafr's own fields take, in the order a reader meets them.
SOURCE_KINDS = _labels(
    "source_kinds",
    "SourceKindLabel",
    ("sources", "kind"),
    Nouns("source kind", "source kinds", "type de source", "types de sources"),
    ("The kinds of documents the bibliography holds.", "Les types de documents de la bibliographie."),
    None,
)
AXIS_GROUPS = _labels(
    "axis_groups",
    "AxisGroupLabel",
    ("axes", "axis_group"),
    Nouns("axis group", "axis groups", "groupe d'axes", "groupes d'axes"),
    (
        "The groups of axes: chapters, themes, the State's priorities.",
        "Les groupes d'axes : chapitres, thèmes, priorités de l'État.",
    ),
    None,
)
MEASURE_KINDS = _labels(
    "measure_kinds",
    "MeasureKindLabel",
    ("measures", "kind"),
    Nouns("measure kind", "measure kinds", "type de mesure", "types de mesures"),
    (
        "What a measure is: a measure, a recommendation, an objective, a demand.",
        "Ce qu'est une mesure : mesure, recommandation, objectif, revendication.",
    ),
    "--kind",
)
HORIZON_TERMS = _labels(
    "horizon_terms",
    "HorizonTermLabel",
    ("measures", "horizon_term"),
    Nouns("horizon term", "horizon terms", "échéance", "échéances"),
    (
        "The horizons a measure gives in words only (short, medium, long term).",
        "Les horizons qu'une mesure donne en mots seulement (court, moyen, long terme).",
    ),
    "--horizon",
)
ACTOR_KINDS = _labels(
    "actor_kinds",
    "ActorKindLabel",
    ("actors", "kind"),
    Nouns("actor kind", "actor kinds", "type d'acteur", "types d'acteurs"),
    (
        "What an actor is: a company, a public body, a person…",
        "Ce qu'est un acteur : entreprise, organisme public, personne…",
    ),
    "--kind",
)
RELATION_TYPES = _labels(
    "relation_types",
    "RelationTypeLabel",
    ("relations", "type"),
    Nouns("relation type", "relation types", "type de relation", "types de relations"),
    ("How one actor relates to another.", "Comment un acteur est lié à un autre."),
    None,
)
FUNDING_STATUSES = _labels(
    "funding_statuses",
    "FundingStatusLabel",
    ("funding", "status"),
    Nouns("funding status", "funding statuses", "statut", "statuts"),
    (
        "How sure a funding figure is: announced, committed, raised, invested, estimated…",
        "Le degré de certitude d'un chiffre : annoncé, engagé, levé, investi, estimé…",
    ),
    "--status",
)
FUNDING_KINDS = _labels(
    "funding_kinds",
    "FundingKindLabel",
    ("funding", "kind"),
    Nouns("funding kind", "funding kinds", "nature du financement", "natures du financement"),
    ("Whose money a figure is: public, private or mixed.", "De qui vient l'argent : public, privé ou mixte."),
    "--kind",
)
EVENT_KINDS = _labels(
    "event_kinds",
    "EventKindLabel",
    ("events", "kind"),
    Nouns("event kind", "event kinds", "type d'événement", "types d'événements"),
    (
        "What an event is: a summit, a trade fair, a vote, a launch…",
        "Ce qu'est un événement : sommet, salon, vote, lancement…",
    ),
    "--kind",
)
STATEMENT_FORMS = _labels(
    "statement_forms", "StatementFormLabel", ("statements", "form"),
    Nouns("statement form", "statement forms", "forme de citation", "formes de citation"),
    ("How a text gives someone's words: quoted, reported or summed up.",
     "Comment un texte rapporte des paroles : citées, rapportées ou résumées."), None,
)  # fmt: skip

LABELS: tuple[Kind, ...] = (
    SOURCE_KINDS,
    AXIS_GROUPS,
    MEASURE_KINDS,
    HORIZON_TERMS,
    ACTOR_KINDS,
    RELATION_TYPES,
    FUNDING_STATUSES,
    FUNDING_KINDS,
    EVENT_KINDS,
    STATEMENT_FORMS,
)
"""The kinds labelling iafr's own values (each declares ``labels``: the column it labels)."""


SYNONYMS = Kind(
    "synonyms",
    file="synonyms.yaml",
    model="Synonyms",
    record_type="synonym",
    owner="synonym_id",
    nouns=Nouns("synonym group", "synonym groups", "groupe de synonymes", "groupes de synonymes"),
    title="note",
    description=(
        "Curated synonyms iafr's search takes for one another (compounds, translations), with why.",
        "Les synonymes que la recherche d'iafr prend l'un pour l'autre (composés, traductions), et pourquoi.",
    ),
    optional=True,  # a corpus without synonyms searches with the stemmers alone
    counted=False,
    items=(
        text("id"),
        Link(
            "terms",
            "synonym_terms",
            "term",
            None,
            ("The terms of each synonym group.", "Les termes de chaque groupe de synonymes."),
        ),
        text("note"),
    ),
)

KINDS: tuple[Kind, ...] = (
    MEASURES,
    REPORTS,
    FUNDING,
    ACTORS,
    STATEMENTS,
    EVENTS,
    SOURCES,
    AXES,
    INSTRUMENTS,
    TARGETS,
    *LABELS,
    SYNONYMS,
)


BY_SECTION: dict[str, Kind] = {kind.section: kind for kind in KINDS}


def declare(kind: Kind) -> None:
    """Add a kind (a test's, a plugin's) to ``KINDS``: before any module derived something from them."""
    global KINDS
    if kind.section in BY_SECTION:
        raise ValueError(f"a kind {kind.section!r} is already declared")
    KINDS = (*KINDS, kind)
    BY_SECTION[kind.section] = kind


def files() -> dict[str, tuple[str, ...]]:
    """Each data file and the sections it holds, in the order of ``KINDS``."""
    found: dict[str, list[str]] = {}
    for kind in KINDS:
        found.setdefault(kind.file, []).append(kind.section)
    return {name: tuple(sections) for name, sections in found.items()}


def file_models() -> dict[str, dict[str, type[Any]]]:
    """Each data file, and the model of each section it holds (imports the models)."""
    return {
        name: {section: BY_SECTION[section].model_class() for section in sections} for name, sections in files().items()
    }


def data_files() -> tuple[str, ...]:
    """Every file a corpus directory may hold, ``corpus.yaml`` first."""
    return (CORPUS_INFO_FILE, *files())


def optional_files() -> frozenset[str]:
    """Files a corpus may lack: those whose every kind is optional."""
    return frozenset(name for name, sections in files().items() if all(BY_SECTION[s].optional for s in sections))


def nouns_of(name: str, language: str = "en") -> tuple[str, str]:
    """``(singular, plural)`` for a kind's section or record type, a nested list's field (``facts``)
    or record type (``fact``), or a listing that is not a kind (``search``, ``timeline``)."""
    from iafr.layout import LISTING_NOUNS  # noqa: PLC0415

    kind = BY_SECTION.get(name) or next((kind for kind in KINDS if kind.record_type == name), None)
    if kind is not None:
        return kind.nouns.of(language)
    for kind in KINDS:
        for nested in kind.of_kind(Nested):
            nouns: Nouns | None = nested.nouns
            if name in (nested.field, nested.record_type) and nouns is not None:
                return nouns.of(language)
    singular, plural, singular_fr, plural_fr = LISTING_NOUNS[name]
    return (singular_fr, plural_fr) if language == "fr" else (singular, plural)

"""The records of the corpus and their vocabularies (pydantic v2).

Every model forbids unknown fields, so a misspelt field is an error with a place.
Money is a ``Decimal`` parsed from text (never a float); dates may be partial.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from iafr.edtf import When, parse_when
from iafr.i18n import N_, _, ngettext
from iafr.money import parse_amount, parse_money, stated_currency
from iafr.partial_date import PartialDate, parse_partial_date
from iafr.text import check_clean_text

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
"""A stable record id: lowercase ASCII words joined by single hyphens."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), AfterValidator(check_clean_text)]
"""Free text shown to users: no control characters, no bidi overrides."""

Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
"""An exact quantity (a fact's value: ``150``, ``"17.5"``), never a float."""

Money = Annotated[Decimal, BeforeValidator(parse_money)]
"""Exact money in full currency units, in a notation that cannot be misread: ``1500000000``,
``"1,5 Md€"``, ``"105 M€"`` (see :func:`iafr.money.parse_money`)."""

Date = Annotated[PartialDate, BeforeValidator(parse_partial_date)]
"""``2023``, ``2023-06`` or ``2023-06-14``: a document's own date."""

Time = Annotated[When, BeforeValidator(parse_when)]
"""When something happened, as uncertain as the source (EDTF subset, :mod:`iafr.edtf`)."""


def parse_period(value: object) -> When:
    """A period: ``2018/2022``, ``2019/..``, ``../2025`` (or the 1.0 form ``{start, end}``)."""
    when = parse_when(value)
    if when.shape not in ("period", "since", "by"):
        raise ValueError(
            _("{text!r} is a date, not a period; write 2018/2022, 2019/.. or ../2025").format(text=when.text)
        )
    return when


Span = Annotated[When, BeforeValidator(parse_period)]

Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]

# Strict: the loader already yields real ints and booleans, so text such as "1_000", "010",
# "NO" or "on" reaching these fields is a mistake to report, not something to coerce.
Flag = Annotated[bool, Strict()]
Whole = Annotated[int, Strict()]

MAX_MEASURES = 10_000
"""The most measures a report states: the bound of its ``count`` and of a measure's ``number``.
Real ones state tens (the corpus's largest, 40) and the longest plans a few hundred, so a larger
number is a typo or hostile; unbounded, 2^63 passed ``check`` and then overflowed SQLite's
INTEGER in ``build`` and every query. The JSON Schemas publish it as ``maximum``."""


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def in_both_languages(record: BaseModel, french: str) -> str | None:
    """The field missing when ``french`` and its English twin (``french_en``) are not both given or
    both absent: a text a French reader sees has its English for the other reader."""
    english = f"{french}_en"
    if (getattr(record, french) is None) == (getattr(record, english) is None):
        return None
    return english if getattr(record, english) is None else french


class SourceRef(Record):
    """Where a record's facts come from: a source id, and optionally a short quote and a place."""

    source: Slug
    quote: Text | None = Field(None, description=N_("A short quote of the source, verbatim (OCR slips fixed)."))
    locator: Text | None = Field(None, description=N_("Page, section or paragraph in the source."))


class Sourced(Record):
    id: Slug = Field(description=N_("The record's id: lowercase letters, digits and hyphens, unique among its kind."))
    sources: list[SourceRef] = Field(default_factory=list)
    note: Text | None = Field(None, description=N_("Curator's remark (ambiguity, OCR fix, choice made)."))


# --- sources --------------------------------------------------------------------------------


class SourceKind(StrEnum):
    PRESS_ARTICLE = "press-article"
    OP_ED = "op-ed"
    REPORT = "report"
    STUDY = "study"
    PAPER = "paper"
    SPEECH = "speech"
    WEB_PAGE = "web-page"
    LAW = "law"


def _plain_file_name(value: str) -> str:
    if value in {".", ".."}:
        raise ValueError(
            _("{value!r} is not a file name; give the text's file name in the --sources directory").format(value=value)
        )
    return value


TextFile = Annotated[
    str,
    StringConstraints(pattern=r"^[^/\\\x00-\x1f]{1,255}$"),
    AfterValidator(_plain_file_name),
    AfterValidator(check_clean_text),
]
"""A file name (no directory part) in the directory given to ``iafr check --sources``."""

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Source(Record):
    """A document of the bibliography. ``primary`` documents are the seeds the corpus is built from.

    ``text`` maps it to the curator's local copy of its text (never published), against which
    ``iafr check --sources DIR`` verifies the quotes; ``sha256`` is that text's digest, so a
    changed text is noticed; ``ocr`` and ``doubled_links`` say what the copy's slips are.
    """

    id: Slug = Field(description=N_("The document's id: lowercase letters, digits and hyphens."))
    title: Text = Field(description=N_("The document's title, in its own language."))
    kind: SourceKind = Field(description=N_("What the document is (source_kinds)."))
    author: Text | None = Field(None, description=N_("Who wrote it, as the document says."))
    publisher: Text | None = Field(None, description=N_("Who published it."))
    date: Date | None = None
    date_note: Text | None = Field(None, description=N_("How the date was inferred, when it was."))
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        "fr", description=N_("Its language (ISO 639-1).")
    )
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$"), AfterValidator(check_clean_text)] | None = Field(
        None, description=N_("Where it can be read.")
    )
    primary: Flag = Field(False, description=N_("One of the documents the corpus is built from (its seeds)."))
    cites: list[Slug] = Field(default_factory=list, description=N_("Sources this document cites."))
    cited_in: list[SourceRef] = Field(
        default_factory=list, description=N_("For a secondary source: where it is cited.")
    )
    note: Text | None = Field(None, description=N_("Curator's remark (ambiguity, OCR fix, choice made)."))
    text: TextFile | None = Field(None, description=N_("File name of the source's text in the --sources directory."))
    sha256: Sha256 | None = Field(None, description=N_("SHA-256 of that text file (lowercase hex)."))
    ocr: Flag = Field(False, description=N_("The text is OCR output: quotes fix its misreadings."))
    doubled_links: Flag = Field(
        False, description=N_("Link text is doubled in the copy ('DeepSeekDeepSeek'): quotes give it once.")
    )

    @model_validator(mode="after")
    def _text_fields_need_a_text(self) -> Source:
        if self.text is None:
            given = [name for name in ("sha256", "ocr", "doubled_links") if getattr(self, name)]
            if given:
                message = ngettext(
                    "{values} describes the source's text: add 'text: <file name>'",
                    "{values} describe the source's text: add 'text: <file name>'",
                    len(given),
                )
                raise ValueError(message.format(values=", ".join(given)))
        return self


# --- vocabularies ---------------------------------------------------------------------------


class AxisGroup(StrEnum):
    CHAPTER = "chapter"
    THEME = "theme"
    STATE_PRIORITY = "state-priority"


class Axis(Record):
    id: Slug = Field(description=N_("The axis's id, as measures name it."))
    label: Text = Field(description=N_("Its label, in French."))
    label_en: Text = Field(description=N_("Its label, in English."))
    group: AxisGroup = Field(
        description=N_("Its group (axis_groups): a report's chapter, a theme or one of the State's priorities.")
    )
    description: Text = Field(description=N_("What it covers, in French."))


class Chapter(Record):
    id: Annotated[str, StringConstraints(pattern=r"^\d+(?:\.\d+)*$")] = Field(
        description=N_("The chapter's number in its report (1, 1.2…).")
    )
    title: Text = Field(description=N_("Its title, in French."))


class Report(Sourced):
    """A document that states measures: a report, an op-ed's demands, a plan."""

    title: Text = Field(description=N_("Its title, in French."))
    title_en: Text = Field(description=N_("Its title, in English."))
    authors: list[Slug] = Field(default_factory=list, description=N_("Actor ids."))
    date: Date | None = None
    numbered: Flag = Field(False, description=N_("Measures are numbered 1..count without gaps."))
    count: Whole | None = Field(None, ge=1, le=MAX_MEASURES, description=N_("How many measures the report states."))
    chapters: list[Chapter] = Field(default_factory=list)


# --- measures -------------------------------------------------------------------------------


class MeasureKind(StrEnum):
    MEASURE = "measure"
    OBJECTIVE = "objective"
    RECOMMENDATION = "recommendation"
    DEMAND = "demand"
    PRIORITY = "priority"
    SUMMARY = "summary"


class HorizonTerm(StrEnum):
    """A horizon a measure gives in words only: « à court terme », « à moyen terme »…"""

    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class Measure(Sourced):
    report: Slug = Field(description=N_("The report that states it (reports)."))
    kind: MeasureKind = Field(
        MeasureKind.MEASURE,
        description=N_("What it is (measure_kinds): a measure, a recommendation, an objective, a demand…"),
    )
    number: Whole | None = Field(
        None, ge=1, le=MAX_MEASURES, description=N_("Its number in its report, when the report numbers them.")
    )
    chapter: Annotated[str, StringConstraints(pattern=r"^\d+(?:\.\d+)*$")] | None = Field(
        None, description=N_("The chapter of its report it belongs to (1, 1.2…).")
    )
    title: Text = Field(description=N_("Its title, in French, close to the report's words."))
    title_en: Text = Field(description=N_("Its title, in English."))
    text: Text = Field(description=N_("The original French text."))
    axes: list[Slug] = Field(min_length=1)
    actors: list[Slug] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list, description=N_("Other measures it restates or summarises."))
    funding: list[Slug] = Field(default_factory=list, description=N_("Funding figures it recommends or concerns."))
    instruments: list[Slug] = Field(
        default_factory=list, description=N_("How it acts (vocabularies.yaml, aligned on the OECD's instrument types).")
    )
    targets: list[Slug] = Field(default_factory=list, description=N_("Whom it is for or aimed at (vocabularies.yaml)."))
    horizon: Time | None = Field(None, description=N_("The time it gives itself, in EDTF: '../2025' (« d’ici 2025 »)."))
    horizon_term: HorizonTerm | None = Field(
        None, description=N_("A horizon given in words only: short, medium, long.")
    )
    horizon_stated: Text | None = Field(None, description=N_("The horizon as the text states it: « à court terme »."))

    @model_validator(mode="after")
    def _horizon_is_stated(self) -> Measure:
        given = self.horizon is not None or self.horizon_term is not None
        if given and self.horizon_stated is None:
            raise ValueError(_("a horizon says how the text states it: add 'horizon_stated' with the text's words"))
        if self.horizon_stated is not None and not given:
            raise ValueError(_("horizon_stated needs 'horizon' (EDTF) or 'horizon_term' (short, medium, long)"))
        return self


# --- actors ---------------------------------------------------------------------------------


class ActorKind(StrEnum):
    COMPANY = "company"
    STARTUP = "startup"
    PUBLIC_BODY = "public-body"
    ASSOCIATION = "association"
    RESEARCH = "research"
    INVESTOR = "investor"
    STATE = "state"
    PROGRAMME = "programme"
    INFRASTRUCTURE = "infrastructure"
    MODEL = "model"
    PERSON = "person"
    LAW = "law"
    MEDIA = "media"


class RelationType(StrEnum):
    FOUNDED = "founded"
    WORKS_FOR = "works-for"
    MEMBER_OF = "member-of"
    PART_OF = "part-of"
    OPERATES = "operates"
    DEVELOPS = "develops"
    FUNDS = "funds"
    INVESTED_IN = "invested-in"
    PARTNER_OF = "partner-of"
    SUPPLIES = "supplies"
    HOSTS = "hosts"
    SUCCEEDS = "succeeds"
    RUNS = "runs"
    COMPETES_WITH = "competes-with"
    SIGNED = "signed"


class Relation(Record):
    type: RelationType = Field(description=N_("How the actor relates to the other one (relation_types)."))
    target: Slug = Field(description=N_("The other actor (actors)."))
    role: Text | None = Field(None, description=N_("E.g. 'CTO', 'co-founder'."))
    sources: list[SourceRef] = Field(default_factory=list)


class Fact(Record):
    """A dated, sourced figure about an actor: members, parameters, founding year, a share…"""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")] = Field(
        description=N_("What the figure is, as an id (members, parameters…).")
    )
    value: Amount | None = None
    unit: Text | None = Field(None, description=N_("The unit of the value, as the source gives it."))
    approximate: Flag = Field(
        False, description=N_("The source gives the value as approximate (« environ », « plus de »).")
    )
    stated: Text = Field(description=N_("The figure as the source states it."))
    stated_en: Text | None = Field(None, description=N_("The same in English, for English readers and search."))
    date: Time | None = Field(None, description=N_("When (EDTF): '2023-06', '[..2025-02]' on or before…"))
    sources: list[SourceRef] = Field(min_length=1)


class Actor(Sourced):
    name: Text = Field(description=N_("Its name, as the sources write it."))
    kind: ActorKind = Field(description=N_("What it is (actor_kinds)."))
    aliases: list[Text] = Field(default_factory=list, description=N_("Other spellings met, typos included."))
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description=N_("Its country (ISO 3166-1 alpha-2, EU for the European Union), when a source states it.")
    )
    description: Text | None = Field(None, description=N_("What it is, in French, close to the sources' words."))
    description_en: Text | None = Field(None, description=N_("The same in English."))
    role: Text | None = Field(None, description=N_("For a person: function and organisation, in French."))
    role_en: Text | None = Field(None, description=N_("The same in English."))
    relations: list[Relation] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    context: Flag = Field(False, description=N_("Mentioned for context only; nothing needs to refer to it."))

    @model_validator(mode="after")
    def _texts_in_both_languages(self) -> Actor:
        for french in ("description", "role"):
            missing = in_both_languages(self, french)
            if missing is not None:
                raise ValueError(
                    _("an actor's {field} is given in both languages: add '{missing}'").format(
                        field=french, missing=missing
                    )
                )
        return self


# --- funding --------------------------------------------------------------------------------


class FundingStatus(StrEnum):
    ANNOUNCED = "announced"
    COMMITTED = "committed"
    RECOMMENDED = "recommended"
    MOBILISED = "mobilised"
    RAISED = "raised"
    INVESTED = "invested"
    ESTIMATED = "estimated"
    SOUGHT = "sought"


class FundingKind(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    MIXED = "mixed"


class Precision(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at-least"
    UP_TO = "up-to"
    UNSPECIFIED = "unspecified"


class Funding(Sourced):
    label: Text = Field(description=N_("French label, as the source puts it."))
    title_en: Text = Field(description=N_("Its label, in English."))
    amount: Money | None = None
    upper: Money | None = Field(None, description=N_("Upper bound, for '5 up to 15 Md€'."))
    currency: Currency = Field("EUR", description=N_("The currency of the amount (ISO 4217)."))
    precision: Precision = Field(
        Precision.EXACT,
        description=N_("How exact the amount is: exact, about, at-least, up-to, range or unspecified (no amount)."),
    )
    stated: Text | None = Field(None, description=N_("The amount as stated, e.g. 'plusieurs centaines de millions'."))
    per_year: Flag = Field(False, description=N_("Whether the amount is per year (true) or one-off (false)."))
    period: Span | None = Field(None, description=N_("The time the money covers: '2018/2022', '2019/..', '../2025'."))
    date: Time | None = Field(None, description=N_("When it was announced (EDTF): '2023-06-14', '[..2024-03]'."))
    status: FundingStatus = Field(
        description=N_("How sure the figure is (funding_statuses): announced, committed, raised, invested…")
    )
    kind: FundingKind = Field(description=N_("Whose money (funding_kinds): public, private or mixed."))
    funders: list[Slug] = Field(default_factory=list)
    recipients: list[Slug] = Field(default_factory=list)
    announced_by: list[Slug] = Field(
        default_factory=list, description=N_("Actors (people or bodies) the source says announced the figure.")
    )
    via: list[Slug] = Field(
        default_factory=list, description=N_("Vehicles the money goes through, neither funder nor recipient (Tibi).")
    )
    purpose: Text | None = Field(None, description=N_("What the money is for, as the source says."))
    related: list[Slug] = Field(
        default_factory=list, description=N_("Figures that may overlap this one, no one knows how much.")
    )
    part_of: Slug | None = Field(None, description=N_("The figure this one is a part of (counted once, in the whole)."))
    same_as: Slug | None = Field(
        None, description=N_("The record holding the same money met elsewhere (counted once).")
    )
    event: Slug | None = Field(None, description=N_("The event where it was announced."))

    @model_validator(mode="before")
    @classmethod
    def _sign_agrees_with_currency(cls, data: Any) -> Any:
        if isinstance(data, dict):
            currency = data.get("currency", "EUR")
            for key in ("amount", "upper"):
                sign = stated_currency(data.get(key))
                if sign is not None and sign != currency:
                    raise ValueError(
                        _("{key} {value!r} is in {sign} but currency is {currency}; set currency: {sign}").format(
                            key=key, value=data[key], sign=sign, currency=currency
                        )
                    )
        return data

    @model_validator(mode="after")
    def _amount_needs_wording_when_missing(self) -> Funding:
        if self.amount is None and self.precision is not Precision.UNSPECIFIED:
            raise ValueError(
                _("no amount given: set precision: unspecified and say what the source states in 'stated'")
            )
        return self


# --- the vocabularies of vocabularies.yaml ----------------------------------------------------


class Label(Record):
    """One value of a vocabulary, in French and English, with what it covers."""

    id: Slug = Field(description=N_("The value, as records write it."))
    label: Text = Field(description=N_("French label."))
    label_en: Text = Field(description=N_("English label."))
    description: Text = Field(description=N_("What it covers, in French."))
    description_en: Text = Field(description=N_("What it covers, in English."))


class Term(Label):
    """A value of a vocabulary the corpus defines (an instrument, a target), with its OECD category."""

    oecd: Text | None = Field(
        None,
        description=N_("The OECD STIP Compass / OECD.AI category it is aligned on."),
        examples=["Direct financial support"],
    )


class Instrument(Term):
    """How a measure acts: money, tax, procurement, rules, guidance, infrastructure, skills…"""


class Target(Term):
    """Whom a measure is for or aimed at: start-ups, SMEs, researchers, public buyers…"""


# --- events and statements ------------------------------------------------------------------


class EventKind(StrEnum):
    TRADE_FAIR = "trade-fair"
    CONFERENCE = "conference"
    SUMMIT = "summit"
    VOTE = "vote"
    LAUNCH = "launch"
    SUSPENSION = "suspension"
    APPOINTMENT = "appointment"
    REPORT_HANDOVER = "report-handover"
    ANNOUNCEMENT = "announcement"
    PUBLICATION = "publication"
    MARKET_MOVE = "market-move"
    INSTALLATION = "installation"
    PROJECT_START = "project-start"


class Event(Sourced):
    """An occasion with a time: a trade fair, a summit, a vote, a launch, a report handed over…"""

    name: Text = Field(description=N_("French name; a descriptive one when the source names none (say so in note)."))
    name_en: Text = Field(description=N_("Its name, in English."))
    kind: EventKind = Field(description=N_("What it is (event_kinds)."))
    aliases: list[Text] = Field(default_factory=list, description=N_("Other names met in the sources."))
    time: Time | None = Field(None, description=N_("When (EDTF), as precise as the source: '2023-06-14', '2025-02~'."))
    place: Text | None = Field(None, description=N_("Where, as the source states it."))
    organisers: list[Slug] = Field(default_factory=list, description=N_("Actors who held or announced it."))
    participants: list[Slug] = Field(default_factory=list, description=N_("Actors the source shows taking part."))
    about: list[Slug] = Field(
        default_factory=list, description=N_("Actors, measures, figures or other events it concerns.")
    )
    description: Text | None = Field(None, description=N_("What happened, in French, close to the source's words."))
    description_en: Text | None = Field(None, description=N_("The same in English."))

    @model_validator(mode="after")
    def _description_in_both_languages(self) -> Event:
        missing = in_both_languages(self, "description")
        if missing is not None:
            raise ValueError(
                _("an event's description is given in both languages: add '{missing}'").format(missing=missing)
            )
        return self


class StatementForm(StrEnum):
    """What the text shows of the words, never upgraded: quoted, reported, or summed up."""

    DIRECT = "direct"  # the speaker's own words, between quotation marks (or a report's own text)
    INDIRECT = "indirect"  # reported speech: « a-t-elle précisé que… »
    PARAPHRASE = "paraphrase"  # the author's summary of what was said


class Statement(Sourced):
    """Who said what, where and when: words as the source gives them, with their speaker."""

    speakers: list[Slug] = Field(
        min_length=1,
        description=N_("Actors: a person, an organisation for a report's findings, several for a signed text."),
    )
    words: Text = Field(description=N_("The words verbatim as the source gives them (OCR slips fixed)."))
    form: StatementForm = Field(
        description=N_("How the text gives the words (statement_forms): direct, indirect or paraphrase.")
    )
    gist_en: Text = Field(description=N_("What was said, in one English line."))
    time: Time | None = Field(None, description=N_("When (EDTF): the event's date, else bounded by the source's."))
    event: Slug | None = Field(None, description=N_("The event where it was said."))
    topics: list[Slug] = Field(default_factory=list, description=N_("Axes it is about."))
    about: list[Slug] = Field(default_factory=list, description=N_("Measures, figures, actors or events it is about."))


# --- synonyms -------------------------------------------------------------------------------


def _distinct_terms(terms: list[str]) -> list[str]:
    from iafr.fulltext.query import MAX_TERMS  # noqa: PLC0415 - validation only
    from iafr.fulltext.words import words  # noqa: PLC0415

    seen: dict[tuple[str, ...], str] = {}
    for term in terms:
        key = tuple(words(term))
        if not key:
            raise ValueError(_("term {term!r} holds no word to search for").format(term=term))
        if len(key) > MAX_TERMS:  # no search can type it; marking it in a text costs its length per word
            message = _("term {term!r} holds {count} words; a search reads at most {limit}: shorten it")
            raise ValueError(message.format(term=term, count=len(key), limit=MAX_TERMS))
        if key in seen:
            raise ValueError(
                _("terms {value!r} and {term!r} are the same words for a search; keep one").format(
                    value=seen[key], term=term
                )
            )
        seen[key] = term
    return terms


class Synonyms(Record):
    """Words and phrases a search takes for one another: a compound written apart or together, a
    translation, a derived form the stemmers do not join. ``note`` says why they name one thing."""

    id: Slug = Field(description=N_("The group's id."))
    terms: Annotated[list[Text], Field(min_length=2), AfterValidator(_distinct_terms)] = Field(
        description=N_("Two or more ways of writing the same thing, in any language; a phrase is matched as a phrase.")
    )
    note: Text = Field(description=N_("Why these name the same thing, and where the corpus uses them."))


# --- the files ------------------------------------------------------------------------------


def _a_known_licence(text: str) -> str:
    """A licence text must name a licence a catalogue knows: a package published without its licence
    would be unusable, and silently dropping it is what the text was for."""
    from iafr.licences import LICENCES, named_licence  # noqa: PLC0415

    if named_licence(text) is None:
        known = ", ".join(f"{licence.name} ({licence.spdx})" for licence in LICENCES)
        raise ValueError(_("{text!r} names no licence iafr knows; name one of {known}").format(text=text, known=known))
    return text


class CorpusInfo(Record):
    """``corpus.yaml``: which version of the corpus this is."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    date: Date
    title: Text
    licence: Annotated[Text, AfterValidator(_a_known_licence)] = Field(
        description=N_(
            "The licence the corpus is published under, as a text naming it: 'Licence Ouverte 2.0', "
            "'Compilation: CC BY 4.0; quotes belong to their authors'…"
        )
    )


# --- the labels of iafr's own values (vocabularies.yaml) --------------------------------------
# Each names values iafr defines (a figure's status…): its id must be one of them, and the
# ``labels`` rule wants every value labelled once a corpus labels any.


class SourceKindLabel(Label):
    id: SourceKind = Field(description=N_("The value, as records write it."))


class AxisGroupLabel(Label):
    id: AxisGroup = Field(description=N_("The value, as records write it."))


class MeasureKindLabel(Label):
    id: MeasureKind = Field(description=N_("The value, as records write it."))


class HorizonTermLabel(Label):
    id: HorizonTerm = Field(description=N_("The value, as records write it."))


class ActorKindLabel(Label):
    id: ActorKind = Field(description=N_("The value, as records write it."))


class RelationTypeLabel(Label):
    id: RelationType = Field(description=N_("The value, as records write it."))


class FundingStatusLabel(Label):
    id: FundingStatus = Field(description=N_("The value, as records write it."))


class FundingKindLabel(Label):
    id: FundingKind = Field(description=N_("The value, as records write it."))


class EventKindLabel(Label):
    id: EventKind = Field(description=N_("The value, as records write it."))


class StatementFormLabel(Label):
    id: StatementForm = Field(description=N_("The value, as records write it."))

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
        raise ValueError(f"{when.text!r} is a date, not a period; write 2018/2022, 2019/.. or ../2025")
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


class SourceRef(Record):
    """Where a record's facts come from: a source id, and optionally a short quote and a place."""

    source: Slug
    quote: Text | None = None
    locator: Text | None = Field(None, description="Page, section or paragraph in the source.")


class Sourced(Record):
    id: Slug
    sources: list[SourceRef] = Field(default_factory=list)
    note: Text | None = Field(None, description="Curator's remark (ambiguity, OCR fix, choice made).")


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
        raise ValueError(f"{value!r} is not a file name; give the text's file name in the --sources directory")
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

    id: Slug
    title: Text
    kind: SourceKind
    author: Text | None = None
    publisher: Text | None = None
    date: Date | None = None
    date_note: Text | None = Field(None, description="How the date was inferred, when it was.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "fr"
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$"), AfterValidator(check_clean_text)] | None = None
    primary: Flag = False
    cites: list[Slug] = Field(default_factory=list, description="Sources this document cites.")
    cited_in: list[SourceRef] = Field(default_factory=list, description="For a secondary source: where it is cited.")
    note: Text | None = None
    text: TextFile | None = Field(None, description="File name of the source's text in the --sources directory.")
    sha256: Sha256 | None = Field(None, description="SHA-256 of that text file (lowercase hex).")
    ocr: Flag = Field(False, description="The text is OCR output: quotes fix its misreadings.")
    doubled_links: Flag = Field(
        False, description="Link text is doubled in the copy ('DeepSeekDeepSeek'): quotes give it once."
    )

    @model_validator(mode="after")
    def _text_fields_need_a_text(self) -> Source:
        if self.text is None:
            given = [name for name in ("sha256", "ocr", "doubled_links") if getattr(self, name)]
            if given:
                verb = "describes" if len(given) == 1 else "describe"
                raise ValueError(f"{', '.join(given)} {verb} the source's text: add 'text: <file name>'")
        return self


# --- vocabularies ---------------------------------------------------------------------------


class AxisGroup(StrEnum):
    CHAPTER = "chapter"
    THEME = "theme"
    STATE_PRIORITY = "state-priority"


class Axis(Record):
    id: Slug
    label: Text
    label_en: Text
    group: AxisGroup
    description: Text


class Chapter(Record):
    id: Annotated[str, StringConstraints(pattern=r"^\d+(?:\.\d+)*$")]
    title: Text


class Report(Sourced):
    """A document that states measures: a report, an op-ed's demands, a plan."""

    title: Text
    title_en: Text
    authors: list[Slug] = Field(default_factory=list, description="Actor ids.")
    date: Date | None = None
    numbered: Flag = Field(False, description="Measures are numbered 1..count without gaps.")
    count: Whole | None = Field(None, ge=1, le=MAX_MEASURES, description="How many measures the report states.")
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
    report: Slug
    kind: MeasureKind = MeasureKind.MEASURE
    number: Whole | None = Field(None, ge=1, le=MAX_MEASURES)
    chapter: Annotated[str, StringConstraints(pattern=r"^\d+(?:\.\d+)*$")] | None = None
    title: Text
    title_en: Text
    text: Text = Field(description="The original French text.")
    axes: list[Slug] = Field(min_length=1)
    actors: list[Slug] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list, description="Other measures it restates or summarises.")
    funding: list[Slug] = Field(default_factory=list, description="Funding figures it recommends or concerns.")
    instruments: list[Slug] = Field(
        default_factory=list, description="How it acts (vocabularies.yaml, aligned on the OECD's instrument types)."
    )
    targets: list[Slug] = Field(default_factory=list, description="Whom it is for or aimed at (vocabularies.yaml).")
    horizon: Time | None = Field(None, description="The time it gives itself, in EDTF: '../2025' (« d’ici 2025 »).")
    horizon_term: HorizonTerm | None = Field(None, description="A horizon given in words only: short, medium, long.")
    horizon_stated: Text | None = Field(None, description="The horizon as the text states it: « à court terme ».")

    @model_validator(mode="after")
    def _horizon_is_stated(self) -> Measure:
        given = self.horizon is not None or self.horizon_term is not None
        if given and self.horizon_stated is None:
            raise ValueError("a horizon says how the text states it: add 'horizon_stated' with the text's words")
        if self.horizon_stated is not None and not given:
            raise ValueError("horizon_stated needs 'horizon' (EDTF) or 'horizon_term' (short, medium, long)")
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
    type: RelationType
    target: Slug
    role: Text | None = Field(None, description="E.g. 'CTO', 'co-founder'.")
    sources: list[SourceRef] = Field(default_factory=list)


class Fact(Record):
    """A dated, sourced figure about an actor: members, parameters, founding year, a share…"""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]
    value: Amount | None = None
    unit: Text | None = None
    approximate: Flag = False
    stated: Text = Field(description="The figure as the source states it.")
    date: Time | None = Field(None, description="When (EDTF): '2023-06', '[..2025-02]' on or before…")
    sources: list[SourceRef] = Field(min_length=1)


class Actor(Sourced):
    name: Text
    kind: ActorKind
    aliases: list[Text] = Field(default_factory=list, description="Other spellings met, typos included.")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    description: Text | None = None
    role: Text | None = Field(None, description="For a person: function and organisation.")
    relations: list[Relation] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    context: Flag = Field(False, description="Mentioned for context only; nothing needs to refer to it.")


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
    label: Text = Field(description="French label, as the source puts it.")
    title_en: Text
    amount: Money | None = None
    upper: Money | None = Field(None, description="Upper bound, for '5 up to 15 Md€'.")
    currency: Currency = "EUR"
    precision: Precision = Precision.EXACT
    stated: Text | None = Field(None, description="The amount as stated, e.g. 'plusieurs centaines de millions'.")
    per_year: Flag = False
    period: Span | None = Field(None, description="The time the money covers: '2018/2022', '2019/..', '../2025'.")
    date: Time | None = Field(None, description="When it was announced (EDTF): '2023-06-14', '[..2024-03]'.")
    status: FundingStatus
    kind: FundingKind
    funders: list[Slug] = Field(default_factory=list)
    recipients: list[Slug] = Field(default_factory=list)
    announced_by: list[Slug] = Field(
        default_factory=list, description="Actors (people or bodies) the source says announced the figure."
    )
    via: list[Slug] = Field(
        default_factory=list, description="Vehicles the money goes through, neither funder nor recipient (Tibi)."
    )
    purpose: Text | None = None
    related: list[Slug] = Field(
        default_factory=list, description="Figures that may overlap this one, no one knows how much."
    )
    part_of: Slug | None = Field(None, description="The figure this one is a part of (counted once, in the whole).")
    same_as: Slug | None = Field(None, description="The record holding the same money met elsewhere (counted once).")
    event: Slug | None = Field(None, description="The event where it was announced.")

    @model_validator(mode="before")
    @classmethod
    def _sign_agrees_with_currency(cls, data: Any) -> Any:
        if isinstance(data, dict):
            currency = data.get("currency", "EUR")
            for key in ("amount", "upper"):
                sign = stated_currency(data.get(key))
                if sign is not None and sign != currency:
                    raise ValueError(
                        f"{key} {data[key]!r} is in {sign} but currency is {currency}; set currency: {sign}"
                    )
        return data

    @model_validator(mode="after")
    def _amount_needs_wording_when_missing(self) -> Funding:
        if self.amount is None and self.precision is not Precision.UNSPECIFIED:
            raise ValueError("no amount given: set precision: unspecified and say what the source states in 'stated'")
        return self


# --- the vocabularies of vocabularies.yaml ----------------------------------------------------


class Term(Record):
    """One value of a vocabulary, in French and English, with what it covers."""

    id: Slug
    label: Text = Field(description="French label.")
    label_en: Text
    description: Text = Field(description="What it covers, in French.")
    description_en: Text
    oecd: Text | None = Field(None, description="The OECD STIP Compass / OECD.AI category it is aligned on.")


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

    name: Text = Field(description="French name; a descriptive one when the source names none (say so in note).")
    name_en: Text
    kind: EventKind
    aliases: list[Text] = Field(default_factory=list, description="Other names met in the sources.")
    time: Time | None = Field(None, description="When (EDTF), as precise as the source: '2023-06-14', '2025-02~'.")
    place: Text | None = Field(None, description="Where, as the source states it.")
    organisers: list[Slug] = Field(default_factory=list, description="Actors who held or announced it.")
    participants: list[Slug] = Field(default_factory=list, description="Actors the source shows taking part.")
    about: list[Slug] = Field(
        default_factory=list, description="Actors, measures, figures or other events it concerns."
    )
    description: Text | None = Field(None, description="What happened, in French, close to the source's words.")
    description_en: Text | None = Field(None, description="The same in English.")

    @model_validator(mode="after")
    def _description_in_both_languages(self) -> Event:
        if (self.description is None) != (self.description_en is None):
            missing = "description_en" if self.description_en is None else "description"
            raise ValueError(f"an event's description is given in both languages: add '{missing}'")
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
        description="Actors: a person, an organisation for a report's findings, several for a signed text.",
    )
    words: Text = Field(description="The words verbatim as the source gives them (OCR slips fixed).")
    form: StatementForm
    gist_en: Text = Field(description="What was said, in one English line.")
    time: Time | None = Field(None, description="When (EDTF): the event's date, else bounded by the source's.")
    event: Slug | None = Field(None, description="The event where it was said.")
    topics: list[Slug] = Field(default_factory=list, description="Axes it is about.")
    about: list[Slug] = Field(default_factory=list, description="Measures, figures, actors or events it is about.")


# --- synonyms -------------------------------------------------------------------------------


def _distinct_terms(terms: list[str]) -> list[str]:
    from iafr.fulltext.query import MAX_TERMS  # noqa: PLC0415 - validation only
    from iafr.fulltext.words import words  # noqa: PLC0415

    seen: dict[tuple[str, ...], str] = {}
    for term in terms:
        key = tuple(words(term))
        if not key:
            raise ValueError(f"term {term!r} holds no word to search for")
        if len(key) > MAX_TERMS:  # no search can type it; marking it in a text costs its length per word
            message = "term {term!r} holds {count} words; a search reads at most {limit}: shorten it"
            raise ValueError(message.format(term=term, count=len(key), limit=MAX_TERMS))
        if key in seen:
            raise ValueError(f"terms {seen[key]!r} and {term!r} are the same words for a search; keep one")
        seen[key] = term
    return terms


class Synonyms(Record):
    """Words and phrases a search takes for one another: a compound written apart or together, a
    translation, a derived form the stemmers do not join. ``note`` says why they name one thing."""

    id: Slug
    terms: Annotated[list[Text], Field(min_length=2), AfterValidator(_distinct_terms)] = Field(
        description="Two or more ways of writing the same thing, in any language; a phrase is matched as a phrase."
    )
    note: Text = Field(description="Why these name the same thing, and where the corpus uses them.")


# --- the files ------------------------------------------------------------------------------


class CorpusInfo(Record):
    """``corpus.yaml``: which version of the corpus this is."""

    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    date: Date
    title: Text
    licence: Text

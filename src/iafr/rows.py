"""The records listings hand from the store to the renderers, typed (for mypy; plain dicts at run time).

Their keys are the listed items of each entity in :mod:`iafr.store.schema`, in that order;
tests/test_store_schema.py fails when a declaration and its type here drift apart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict


class Period(TypedDict):
    start: int
    end: int


class MeasureRecord(TypedDict):
    id: str
    report: str
    kind: str
    number: int | None
    chapter: str | None
    title: str
    title_en: str
    text: str
    axes: list[str]
    actors: list[str]
    funding: list[str]
    sources: list[str]  # the cited source ids
    note: str | None


class ActorRecord(TypedDict):
    id: str
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    description: str | None
    role: str | None
    context: bool
    sources: list[str]
    note: str | None


class FundingRecord(TypedDict):
    id: str
    label: str
    title_en: str
    amount: Decimal | None
    upper: Decimal | None
    currency: str
    precision: str
    stated: str | None
    per_year: bool
    period: Period | None
    date: str | None
    year: int | None
    status: str
    kind: str
    funders: list[str]
    recipients: list[str]
    purpose: str | None
    related: list[str]
    sources: list[str]
    note: str | None


LISTED: dict[str, type] = {"measures": MeasureRecord, "actors": ActorRecord, "funding": FundingRecord}

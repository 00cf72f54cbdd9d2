"""The listings: measures, funding, actors and the timeline (filters, totals, time windows)."""

# No "from __future__ import annotations": Typer would then resolve every option's string
# annotation with get_type_hints on each run, twice the cost of building the command.
import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iafr import completion
from iafr.cli import app
from iafr.cli.options import (
    DataOption,
    DbOption,
    DuringOption,
    FormatOption,
    LimitOption,
    RawCsvOption,
    SinceOption,
    StrictDatesOption,
    UndatedOption,
    UntilOption,
    WaitOption,
)
from iafr.cli.output import guarded, notice, progress_display, use_color, width, write
from iafr.i18n import _
from iafr.queries import Listing
from iafr.render.listing import ListingFormat, render_listing

SortOption = Annotated[str | None, typer.Option("--sort", help=_("Sort field; prefix '-' for descending."))]
InstrumentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--instrument",
        help=_("How it acts: direct-funding, regulation, public-procurement… (id or label); repeat for AND."),
        autocompletion=completion.complete_instrument,
    ),
]
TargetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        help=_("Whom it is for: startups, smes-midcaps, researchers… (id or label); repeat for AND."),
        autocompletion=completion.complete_target,
    ),
]
HorizonOption = Annotated[
    str | None,
    typer.Option(
        "--horizon",
        help=_("The horizon it gives itself: short, medium, long, or a window it falls in (..2025, 2025/2030)."),
    ),
]

if TYPE_CHECKING:
    from decimal import Decimal


def emit_listing(listing: Listing, fmt: ListingFormat, raw_csv: bool = False) -> None:
    """Write a listing in its format, and what it left out as notices."""
    write(render_listing(listing, fmt, width(), use_color(), raw_csv))
    if fmt in (ListingFormat.JSON, ListingFormat.CSV):  # the table and Markdown print them below the list
        for note in listing.notes:
            notice(note)
    if not listing.records and fmt is not ListingFormat.TABLE:
        from iafr.render.views import no_match  # noqa: PLC0415 - an empty answer only

        notice(no_match(listing.entity, listing.filters))


def connect_store(data: Path | None, db: Path | None, wait: float | None) -> contextlib.closing[sqlite3.Connection]:
    """The fresh store, closed at the end of the ``with`` block (sqlite3's own ``with`` only commits)."""
    from iafr.workspace import connect, resolve_workspace  # noqa: PLC0415

    return contextlib.closing(connect(resolve_workspace(data, db), notice, progress_display(), wait))


@app.command(help=_("List measures and recommendations, filtered by axis, report, actor, chapter or text."))
@guarded
def measures(
    axis: Annotated[
        list[str] | None,
        typer.Option(
            "--axis", "-a", help=_("Axis id or label; repeat for AND."), autocompletion=completion.complete_axis
        ),
    ] = None,
    any_axis: Annotated[bool, typer.Option("--any-axis", help=_("Several --axis combine with OR."))] = False,
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report", "-r", help=_("Report id or title; repeat for OR."), autocompletion=completion.complete_report
        ),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help=_("Actor id, name, alias or one of its words; repeat for OR."),
            autocompletion=completion.complete_actor,
        ),
    ] = None,
    chapter: Annotated[
        list[str] | None,
        typer.Option(
            "--chapter",
            "-c",
            help=_("Chapter, e.g. 1 (with 1.1…) or 1.2; repeat for OR."),
            autocompletion=completion.complete_chapter,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help=_("measure, objective, recommendation, demand…; repeat for OR."),
            autocompletion=completion.complete_measure_kind,
        ),
    ] = None,
    instrument: InstrumentOption = None,
    target: TargetOption = None,
    horizon: HorizonOption = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help=_("Words the measures must hold, matched as iafr search does."))
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    during: DuringOption = None,
    strict_dates: StrictDatesOption = False,
    undated: UndatedOption = False,
    fmt: FormatOption = ListingFormat.TABLE,
    raw_csv: RawCsvOption = False,
    sort: SortOption = None,
    limit: LimitOption = None,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.queries import TimeFilter, query_measures  # noqa: PLC0415

    time = TimeFilter(since, until, during, strict_dates, undated)

    with connect_store(data, db, wait) as connection:
        listing = query_measures(
            connection, axis or [], any_axis, report or [], actor or [], chapter or [], kind or [], query, sort, limit,
            time=time, instruments=instrument or [], targets=target or [], horizon=horizon,
        )  # fmt: skip
    emit_listing(listing, fmt, raw_csv)


@app.command(help=_("List funding figures, with totals per currency and status (never mixed)."))
@guarded
def funding(
    since: SinceOption = None,
    until: UntilOption = None,
    during: DuringOption = None,
    strict_dates: StrictDatesOption = False,
    undated: UndatedOption = False,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help=_("Funder or recipient: id, name, alias or one of its words; repeat for OR."),
            autocompletion=completion.complete_actor,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help=_("announced, committed, recommended, raised…; repeat for OR."),
            autocompletion=completion.complete_status,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help=_("public, private or mixed; repeat for OR."),
            autocompletion=completion.complete_funding_kind,
        ),
    ] = None,
    currency: Annotated[
        list[str] | None,
        typer.Option(
            "--currency",
            help=_("EUR, USD, €, $, euros, dollars…; repeat for OR."),
            autocompletion=completion.complete_currency,
        ),
    ] = None,
    minimum: Annotated[
        str | None,
        typer.Option(
            "--min", help=_("At least this amount, with its currency: '1 Md€', '500 M$' (or a number and --currency).")
        ),
    ] = None,
    maximum: Annotated[
        str | None, typer.Option("--max", help=_("At most this amount, with its currency, like --min."))
    ] = None,
    fmt: FormatOption = ListingFormat.TABLE,
    raw_csv: RawCsvOption = False,
    sort: SortOption = None,
    limit: LimitOption = None,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.queries import TimeFilter, query_funding  # noqa: PLC0415

    time = TimeFilter(since, until, during, strict_dates, undated)
    single = currency[0] if currency and len(currency) == 1 else None  # a bare --min number needs one currency
    low, high = _parse_bound(minimum, single, "--min"), _parse_bound(maximum, single, "--max")
    with connect_store(data, db, wait) as connection:
        listing = query_funding(
            connection, actors=actor or [], statuses=status or [], kinds=kind or [], currencies=currency or [],
            minimum=low, sort=sort, limit=limit, maximum=high, time=time,
        )  # fmt: skip
    emit_listing(listing, fmt, raw_csv)


def _parse_bound(text: str | None, currency: str | None, option: str) -> "tuple[Decimal, str] | None":
    if text is None:
        return None
    from iafr.errors import UsageError  # noqa: PLC0415
    from iafr.money import parse_bound  # noqa: PLC0415

    try:
        return parse_bound(text, currency, option)
    except ValueError as error:
        raise UsageError(str(error)) from None


@app.command(help=_("List actors: companies, public bodies, programmes, infrastructures, people…"))
@guarded
def actors(
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help=_("company, startup, public-body, person…; repeat for OR."),
            autocompletion=completion.complete_actor_kind,
        ),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            help=_("ISO code or name: FR, USA, France, États-Unis…; repeat for OR."),
            autocompletion=completion.complete_country,
        ),
    ] = None,
    fmt: FormatOption = ListingFormat.TABLE,
    raw_csv: RawCsvOption = False,
    sort: SortOption = None,
    limit: LimitOption = None,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.queries import query_actors  # noqa: PLC0415

    with connect_store(data, db, wait) as connection:
        listing = query_actors(connection, kind or [], country or [], sort, limit)
    emit_listing(listing, fmt, raw_csv)


@app.command(help=_("Everything dated, in order: money, reports and sources, actors' dated facts and events."))
@guarded
def timeline(
    since: SinceOption = None,
    until: UntilOption = None,
    during: DuringOption = None,
    strict_dates: StrictDatesOption = False,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help=_("Only what names this actor (id, name, alias or word); repeat for OR."),
            autocompletion=completion.complete_actor,
        ),
    ] = None,
    fmt: FormatOption = ListingFormat.TABLE,
    raw_csv: RawCsvOption = False,
    data: DataOption = None,
    db: DbOption = None,
    wait: WaitOption = None,
) -> None:
    from iafr.queries import TimeFilter  # noqa: PLC0415
    from iafr.timeline import query_timeline  # noqa: PLC0415

    time = TimeFilter(since, until, during, strict_dates)
    with connect_store(data, db, wait) as connection:
        listing = query_timeline(connection, time, actor or [])
    emit_listing(listing, fmt, raw_csv)

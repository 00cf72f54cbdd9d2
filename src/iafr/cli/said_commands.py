"""Who said what, where and when: the statements and events listings.

Apart from the other listings (query_commands.py) so that ``iafr measures``, what scripts run
most, builds none of these options and imports nothing of them.
"""

# No "from __future__ import annotations": Typer reads these signatures (see query_commands.py).
from typing import Annotated

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
from iafr.cli.output import guarded
from iafr.cli.query_commands import SortOption, connect_store, emit_listing
from iafr.i18n import _
from iafr.render.listing import ListingFormat


@app.command(help=_("Who said what, where and when: statements and a report's findings, verbatim, in time order."))
@guarded
def statements(
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help=_("Who said it: actor id, name or one of its words; repeat for OR."),
            autocompletion=completion.complete_actor,
        ),
    ] = None,
    axis: Annotated[
        list[str] | None,
        typer.Option(
            "--axis", "-a", help=_("Axis id or label; repeat for AND."), autocompletion=completion.complete_axis
        ),
    ] = None,
    about: Annotated[
        list[str] | None,
        typer.Option(
            "--about",
            help=_("A measure, figure, actor or event it is about (id or name); repeat for OR."),
            autocompletion=completion.complete_record_id,
        ),
    ] = None,
    event: Annotated[
        list[str] | None,
        typer.Option(
            "--event",
            help=_("The event where it was said (id or name); repeat for OR."),
            autocompletion=completion.complete_event,
        ),
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help=_("Words it holds (French) or its gist holds (English)."))
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
    from iafr.occasions import query_statements  # noqa: PLC0415
    from iafr.queries import TimeFilter  # noqa: PLC0415

    time = TimeFilter(since, until, during, strict_dates, undated)
    with connect_store(data, db, wait) as connection:
        listing = query_statements(
            connection, by or [], axis or [], about or [], event or [], time, query, sort, limit
        )  # fmt: skip
    emit_listing(listing, fmt, raw_csv)


@app.command(
    help=_("Events: trade fairs, summits, votes, launches, reports handed over, announcements, in time order.")
)
@guarded
def events(
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            help=_("An actor who held it, took part or is concerned (id, name or word); repeat for OR."),
            autocompletion=completion.complete_actor,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help=_("summit, trade-fair, vote, launch, announcement…; repeat for OR."),
            autocompletion=completion.complete_event_kind,
        ),
    ] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help=_("Words its name or description holds."))] = None,
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
    from iafr.occasions import query_events  # noqa: PLC0415
    from iafr.queries import TimeFilter  # noqa: PLC0415

    time = TimeFilter(since, until, during, strict_dates, undated)
    with connect_store(data, db, wait) as connection:
        listing = query_events(connection, actor or [], kind or [], time, query, sort, limit)
    emit_listing(listing, fmt, raw_csv)

"""Picks the renderer for a listing's ``--format``; heavy renderers are imported only when used."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # check and build import the format enum through cli.options: not the query layer
    from iafr.queries import Listing


class ListingFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


def _table(listing: Listing, width: int | None, color: bool, raw_csv: bool) -> str:
    from iafr.render.table import render_table  # noqa: PLC0415 - rich only for tables

    return render_table(listing, width, color)


def _json(listing: Listing, width: int | None, color: bool, raw_csv: bool) -> str:
    from iafr.render.toolkit import json_text  # noqa: PLC0415

    return json_text(listing.records)


def _csv(listing: Listing, width: int | None, color: bool, raw_csv: bool) -> str:
    from iafr.render.csv import render_csv  # noqa: PLC0415

    return render_csv(listing.records, raw_csv)


def _markdown(listing: Listing, width: int | None, color: bool, raw_csv: bool) -> str:
    from iafr.render.markdown import render_markdown  # noqa: PLC0415

    return render_markdown(listing)


LISTING_RENDERERS: dict[ListingFormat, Callable[[Listing, int | None, bool, bool], str]] = {
    ListingFormat.TABLE: _table,
    ListingFormat.JSON: _json,
    ListingFormat.CSV: _csv,
    ListingFormat.MD: _markdown,
}


def render_listing(
    listing: Listing, fmt: ListingFormat, width: int | None = None, color: bool = False, raw_csv: bool = False
) -> str:
    """``raw_csv``: CSV cells as they are, without the prefix that keeps formulas from running."""
    return LISTING_RENDERERS[fmt](listing, width, color, raw_csv)

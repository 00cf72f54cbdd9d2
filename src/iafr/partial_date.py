"""Partial dates: a year, a year and month, or a full date, ordered by their first day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from iafr.i18n import _

PATTERN = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
"""A year, a year and month or a day, ISO 8601: what a published schema says a date looks like."""
_PATTERN = re.compile(f"^{PATTERN}$")


class PartialDate(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def may_be_after(self, other: PartialDate) -> bool:
        """True only when every day this date may denote is after every day ``other`` may."""
        return self.earliest > other.latest

    @property
    def latest(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            # monthrange, not "first of next month minus a day": that overflows for 9999-12
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)


def parse_partial_date(value: object) -> PartialDate:
    """``2023`` (int or text), ``"2023-06"``, ``"2023-06-14"``; raises ``ValueError`` otherwise."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        raise ValueError(_("a date is written 2023, 2023-06 or 2023-06-14"))
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(_("a date is written 2023, 2023-06 or 2023-06-14"))
    match = _PATTERN.match(value.strip())
    if not match:
        raise ValueError(_("{value!r} is not a date; write 2023, 2023-06 or 2023-06-14").format(value=value))
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year < dt.MINYEAR:  # "0000" matches the pattern but no date has it; the rules would crash on it
        raise ValueError(_("{value!r}: there is no year 0").format(value=value))
    if month is not None and not 1 <= month <= 12:
        raise ValueError(_("{value!r}: month {month} does not exist").format(value=value, month=month))
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError as error:
            raise ValueError(_("{value!r} is not a real day ({error})").format(value=value, error=error)) from None
    return PartialDate(year, month, day)

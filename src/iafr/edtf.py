"""Times as uncertain as their sources, in a strict subset of EDTF (ISO 8601-2, Library of Congress).

Accepted, and nothing else:

| written        | means                                   | window                    |
|----------------|-----------------------------------------|---------------------------|
| ``2023-06-14`` | that day (also ``2023-06``, ``2023``)   | its first and last day    |
| ``2023~``      | about then (``?`` uncertain, ``%`` both) | one unit wider each side  |
| ``2018/2022``  | a closed period                         | first to last day         |
| ``2019/..``    | from 2019 on ("depuis 2019")            | 2019-01-01 to open        |
| ``../2025``    | ending by 2025 ("d'ici 2025")           | open to 2025-12-31        |
| ``[..2024-03]``| on or before ("récemment", undated)     | open to 2024-03-31        |
| ``[2023-10..]``| on or after ("dans les prochaines semaines") | 2023-10-01 to open   |

A qualified time at the calendar's edge (``9999-12~``, ``0001-01-01?``) is widened only as far
as the calendar goes, 0001-01-01 to 9999-12-31: what a four-digit year can write, and all a query
(``--during``) can ask for, so nothing is lost by not refusing it.

Why not the ``edtf`` package (5.0.2): measured here, importing it costs about 200 ms (pyparsing,
dateutil), the whole budget of an ``iafr check``, and its open intervals (``2019/..``) gave no
strict bounds to compare. This subset is small enough to be tested exhaustively in tests/test_edtf.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from iafr.i18n import N_, NP_, _

_DATE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?"
_ONE = re.compile(rf"^{_DATE}$")
_INTERVAL = re.compile(rf"^(?:{_DATE}|(\.\.))/(?:{_DATE}|(\.\.))$")
_BEFORE = re.compile(rf"^\[\.\.{_DATE}\]$")
_AFTER = re.compile(rf"^\[{_DATE}\.\.\]$")
PATTERN = rf"{_DATE}|(?:{_DATE}|\.\.)/(?:{_DATE}|\.\.)|\[\.\.{_DATE}\]|\[{_DATE}\.\.\]"
"""The four shapes above as one regular expression: what a published schema says a time looks like."""
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
# The months as a month and year says them ("Feb 2025", « févr. 2025 ») and as a day says them
# ("14 June 2023", « 14 juin 2023 »): marked for the catalogue here, translated where used.
_MONTH_MARKS = (
    NP_("month", "Jan"), NP_("month", "Feb"), NP_("month", "Mar"), NP_("month", "Apr"), NP_("month", "May"),
    NP_("month", "June"), NP_("month", "July"), NP_("month", "Aug"), NP_("month", "Sept"), NP_("month", "Oct"),
    NP_("month", "Nov"), NP_("month", "Dec"),
    NP_("month of a day", "Jan"), NP_("month of a day", "Feb"), NP_("month of a day", "Mar"),
    NP_("month of a day", "Apr"), NP_("month of a day", "May"), NP_("month of a day", "June"),
    NP_("month of a day", "July"), NP_("month of a day", "Aug"), NP_("month of a day", "Sept"),
    NP_("month of a day", "Oct"), NP_("month of a day", "Nov"), NP_("month of a day", "Dec"),
)  # fmt: skip


class When(NamedTuple):
    """A parsed EDTF time: its text, the window it can fall in (None: open) and its shape."""

    text: str
    earliest: dt.date | None
    latest: dt.date | None
    shape: str  # "date", "period", "since", "by", "on-or-before", "on-or-after"
    approximate: bool = False

    def __str__(self) -> str:
        return self.text

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Can this time fall between ``start`` and ``end`` (None: open)?"""
        return (end is None or self.earliest is None or self.earliest <= end) and (
            start is None or self.latest is None or self.latest >= start
        )

    def inside(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Does this time fall between ``start`` and ``end`` for sure?"""
        return (start is None or (self.earliest is not None and self.earliest >= start)) and (
            end is None or (self.latest is not None and self.latest <= end)
        )


def _bounds(parts: tuple[str | None, ...], text: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``(year, month, day, qualifier)`` as the patterns capture them; a
    qualified time is one unit wider on each side, clamped to the calendar (see the module's notes)."""
    year, month, day, qualifier = parts
    assert year is not None
    y = int(year)
    if y < 1:
        raise ValueError(_("{text!r}: there is no year 0").format(text=text))
    m = int(month) if month else None
    d = int(day) if day else None
    if m is not None and not 1 <= m <= 12:
        raise ValueError(_("{text!r}: month {m} does not exist").format(text=text, m=m))
    try:
        if m is None:
            first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
        elif d is None:
            first, last = dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        else:
            first = last = dt.date(y, m, d)
    except ValueError as error:
        raise ValueError(_("{text!r} is not a real day ({error})").format(text=text, error=error)) from None
    if qualifier:  # about, or uncertain: one unit of its own precision wider on each side
        # Clamped to the calendar (1 Jan 0001 to 31 Dec 9999, all four digits can write), not
        # refused: "9999-12~" is valid EDTF, and no day outside the calendar can be written, stored
        # or asked for, so the clamped window holds every day the time can be compared with.
        # Counted in ordinals: date ± timedelta raises OverflowError at the edges, before any clamp.
        if m is None:
            first, last = dt.date(max(y - 1, dt.MINYEAR), 1, 1), dt.date(min(y + 1, dt.MAXYEAR), 12, 31)
        else:
            widen = 31 if d is None else 1
            first = dt.date.fromordinal(max(first.toordinal() - widen, dt.date.min.toordinal()))
            last = dt.date.fromordinal(min(last.toordinal() + widen, dt.date.max.toordinal()))
    return first, last


def parse_when(value: object) -> When:
    """``2023``, ``"2023-06~"``, ``"2018/2022"``, ``"2019/.."``, ``"[..2024-03]"``…; ValueError otherwise."""
    if isinstance(value, When):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dict) and set(value) == {"start", "end"}:  # the 1.0 form of a period
        value = f"{value['start']}/{value['end']}"
    if not isinstance(value, str):
        raise ValueError(_(_HOW))
    text = value.strip()
    if match := _ONE.match(text):
        first, last = _bounds(match.groups(), text)
        return When(text, first, last, "date", bool(match[4]))
    if match := _INTERVAL.match(text):
        groups = match.groups()
        start = None if groups[4] else _bounds(groups[0:4], text)
        end = None if groups[9] else _bounds(groups[5:9], text)
        if start is None and end is None:
            raise ValueError(
                _("{text!r}: a period needs at least one end; write e.g. 2019/.. or ../2025").format(text=text)
            )
        if start is not None and end is not None and start[0] > end[1]:
            raise ValueError(_("{text!r}: the period ends before it starts; swap its ends").format(text=text))
        shape = "period" if start and end else "since" if start else "by"
        approximate = bool(groups[3] or groups[8])
        return When(text, start[0] if start else None, end[1] if end else None, shape, approximate)
    if match := _BEFORE.match(text):
        return When(text, None, _bounds(match.groups(), text)[1], "on-or-before", bool(match[4]))
    if match := _AFTER.match(text):
        return When(text, _bounds(match.groups(), text)[0], None, "on-or-after", bool(match[4]))
    raise ValueError(_("{text!r} is not a time iafr reads; {HOW}").format(text=text, HOW=_(_HOW)))


_HOW = N_(
    "write a date (2023, 2023-06, 2023-06-14, 2023~ for about), a period (2018/2022, 2019/.. from 2019 "
    "on, ../2025 ending by 2025) or [..2024-03] for on or before (EDTF)"
)


def _date_words(text: str) -> str:
    from iafr.i18n import _, pgettext  # noqa: PLC0415 - table and Markdown listings only

    match = _ONE.match(text)
    assert match is not None
    year, month, day, qualifier = match.groups()
    if not month:
        words = year
    elif not day:
        # the months' names in each language are CLDR's (tests/test_i18n.py checks them with Babel)
        words = _("{month} {year}").format(month=pgettext("month", _MONTHS[int(month) - 1]), year=year)
    else:
        name = pgettext("month of a day", _MONTHS[int(month) - 1])
        words = _("{day} {month} {year}").format(day=int(day), month=name, year=year)
    # "~" about; "?" uncertain, which the corpus uses for what a source expects ("attendu")
    qualified = {"~": _("about {date}"), "?": _("expected {date}"), "%": _("about, expected {date}")}
    return qualified[qualifier].format(date=words) if qualifier else words


def in_words(when: When) -> str:
    """``14 June 2023``, ``2018–2022``, ``since 2019``, ``by 2025``, ``on or before Mar 2024`` (in
    the reader's language: ``14 juin 2023``, ``d'ici 2025``, ``au plus tard en mars 2024``)."""
    from iafr.i18n import _  # noqa: PLC0415

    text = when.text.strip("[]")
    if when.shape == "date":
        return _date_words(text)
    if when.shape == "on-or-before":
        return _("on or before {date}").format(date=_date_words(text[2:]))
    if when.shape == "on-or-after":
        return _("on or after {date}").format(date=_date_words(text[:-2]))
    start, _sep, end = text.partition("/")
    if when.shape == "since":
        return _("since {date}").format(date=_date_words(start))
    if when.shape == "by":
        return _("by {date}").format(date=_date_words(end))
    return _("{start}–{end}").format(start=_date_words(start), end=_date_words(end))


def window_words(text: str | None, basis: str | None) -> str:
    """A record's time as a table shows it: ``14 June 2023``, ``since 2019``, and for what only
    its source reports, ``reported Oct 2023``; ``—`` when there is none."""
    from iafr.i18n import _  # noqa: PLC0415

    if text is None:
        return "—"
    when = parse_when(text)
    if basis == "reported" and when.shape == "on-or-before":
        return _("reported {date}").format(date=_date_words(when.text.strip("[]")[2:]))
    return in_words(when)


def year_bounds(since: int | None, until: int | None) -> tuple[dt.date | None, dt.date | None]:
    return (dt.date(since, 1, 1) if since else None, dt.date(until, 12, 31) if until else None)


class Window(NamedTuple):
    """When a figure can fall, and on what basis: its period, its date, or its sources' dates."""

    text: str | None  # EDTF: the period, the date, or "[..S]" for a figure its source reports
    earliest: dt.date | None
    latest: dt.date | None
    basis: str | None  # "period", "announced", "reported"; None: no time at all


UNDATED = Window(None, None, None, None)


def figure_window(date: When | None, period: When | None, source_dates: list[object]) -> Window:
    """A period says what time the money covers, so it decides; else the date it was announced;
    else it existed by the latest date of the sources that report it (``[..2023-10]``)."""
    if period is not None:
        return Window(period.text, period.earliest, period.latest, "period")
    if date is not None:
        return Window(date.text, date.earliest, date.latest, "announced")
    latest = [getattr(source, "latest", None) for source in source_dates]
    known = [(day, source) for day, source in zip(latest, source_dates, strict=True) if day is not None]
    if not known:
        return UNDATED
    day, source = max(known, key=lambda pair: pair[0])
    return Window(f"[..{source}]", None, day, "reported")


_WRITTEN = re.compile(r"\d{4}(?:-\d{2})?")


def chronological(text: str | None, earliest: str | None, latest: str | None) -> tuple[str, int, str, str]:
    """How dated records are ordered in time: by the month the source gives (before any ``~``
    widening), what is only known to be on or before that month first (it happened before the
    source reported it), then by the first and last day it can fall on; undated last."""
    written = _WRITTEN.search(text or "")
    bound = written.group(0) if written else earliest or latest or "9999-12"
    open_start = 0 if earliest is None else 1
    return (bound[:7], open_start, earliest or "", latest or "9999")

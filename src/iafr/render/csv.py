"""CSV: RFC 4180, a header row, UTF-8, lists joined with ';'.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a
spreadsheet (``=HYPERLINK(…)``, ``+cmd|…``): it is prefixed with ``'`` so that it shows as text
(OWASP's rule for CSV injection). ``raw`` writes the cells as they are, for programs.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from iafr.render.toolkit import plain

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # a negative number: a value, not a formula to run


def cell(text: str, raw: bool = False) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (a plain negative number stays
    a number: ``-9.19`` cannot call anything)."""
    if raw or not text.startswith(_FORMULA_STARTS) or _NUMBER.fullmatch(text):
        return text
    return "'" + text


def render_csv(records: list[dict[str, Any]], raw: bool = False, columns: list[str] | None = None) -> str:
    """``columns``: the header, written even without records (a listing without any prints nothing)."""
    buffer = io.StringIO()
    if columns is None:
        if not records:
            return ""
        columns = list(records[0])
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(cell(plain(record.get(column)), raw) for column in columns)
    return buffer.getvalue()

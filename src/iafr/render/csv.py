"""CSV: RFC 4180, a header row, UTF-8, lists joined with ';'."""

from __future__ import annotations

import csv
import io
from typing import Any

from iafr.render.toolkit import plain


def render_csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if not records:
        return ""
    columns = list(records[0])
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(plain(record.get(column)) for column in columns)
    return buffer.getvalue()

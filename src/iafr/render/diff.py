"""A corpus diff as text: ``table`` (the terminal), ``json`` (stable, for scripts), ``md`` (a PR comment).

Every format starts with one summary line per entity (``measures: +2 −0 ~3``); ``--stat`` stops there.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from iafr import kinds
from iafr.diff import CorpusDiff, EntityDiff, FieldChange, RecordChange, Side, record_title, summary
from iafr.diff.canonical import Fields
from iafr.i18n import _, language, ngettext, pgettext
from iafr.money import canonical_text, human
from iafr.render.toolkit import figure_amount, json_text, md_code, md_text


class DiffFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MD = "md"


# --- values as short text -------------------------------------------------------------------------

_INLINE_LIMIT = 70  # longer old/new values go on lines of their own


def show(value: Any) -> str:
    """One value as a human reads it: ``1500000000``, ``true``, ``a, b``, ``rapport «quote» (§1)``."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return canonical_text(value)
    if isinstance(value, list):
        return ", ".join(show(item) for item in value) if value else "(empty)"
    if isinstance(value, dict):
        return _show_mapping(value)
    return str(value)


def _show_mapping(item: dict[str, Any]) -> str:
    if set(item) == {"start", "end"}:
        return f"{item['start']}–{item['end']}"
    if "source" in item and set(item) <= {"source", "quote", "locator"}:
        text = str(item["source"])
        if item.get("quote"):
            text += f" «{item['quote']}»"
        if item.get("locator"):
            text += f" ({item['locator']})"
        return text
    parts = []
    for key, value in item.items():
        if value is None or value == [] or value is False:
            continue
        parts.append(f"{key}={show(value)}")
    return "{" + " ".join(parts) + "}"


# --- what a reader needs to see of a record: a figure's amount, status and time ----------------------


def gist(entity: str, record: Fields) -> str:
    """What a diff line shows of a record besides its id and title, as people write it: for a kind
    whose listing shows an amount, a status and a time (a funding figure), « 109 Md€, announced,
    Feb 2025 »; for the others, nothing (their title says what they are)."""
    kind = kinds.BY_SECTION.get(entity)
    if kind is None:
        return ""
    formats = {shown.format for shown in kind.view}
    parts = []
    if "amount" in formats and "currency" in record:
        parts.append(_amount_words(record))
    if "status" in formats and record.get("status"):
        parts.append(str(record["status"]))
    if "when" in formats and kind.time is not None:
        time = record.get("period") or record.get(kind.time.field)  # a period says when the money is
        if time:
            parts.append(_time_words(time))
    return ", ".join(parts)


def _amount_words(record: Fields) -> str:
    """``109 Md€``, ``> 105 M€``, ``5–15 Md€/an``, ``no amount``; an older side's amount that does
    not read as one (compared as written) as it is written."""
    if record.get("amount") is None:
        return _("no amount")
    readable = all(isinstance(record.get(name), Decimal | None) for name in ("amount", "upper")) and all(
        isinstance(record.get(name), str) for name in ("currency", "precision")
    )
    return figure_amount({"per_year": False, **record}) if readable else show(record["amount"])


def _time_words(value: Any) -> str:
    from iafr.edtf import in_words, parse_when  # noqa: PLC0415

    try:
        return in_words(parse_when(value))
    except (ValueError, TypeError):  # an older side's time, compared as written
        return show(value)


def money_fields(entity: str) -> frozenset[str]:
    """The fields of a kind holding an amount in the record's currency (declared ``form="money"``)."""
    kind = kinds.BY_SECTION.get(entity)
    columns = kind.columns if kind is not None else ()
    return frozenset(column.field for column in columns if column.form == "money" and column.field)


def _value_words(change: FieldChange, entity: str, side: Fields, value: Any) -> str:
    """A changed value as people write it: an amount with its currency (``400 M€``), else :func:`show`."""
    if change.field in money_fields(entity) and isinstance(value, Decimal) and isinstance(side.get("currency"), str):
        return human(value, side["currency"])
    return show(value)


def _headline(entity: str, record: Fields) -> str:
    """``id  109 Md€, announced, Feb 2025 · title``: the line naming a record in a diff."""
    title = record_title(entity, record)
    shown = gist(entity, record)
    return f"{record['id']}  {shown} · {title}" if shown else f"{record['id']}  {title}"


def summary_line(entity: EntityDiff) -> str:
    text = f"{_entity(entity.entity)}: +{len(entity.added)} −{len(entity.removed)} ~{len(entity.changed)}"
    count = len(entity.renamed)
    return text + (ngettext(" ({count} renamed)", " ({count} renamed)", count).format(count=count) if count else "")


def _entity(section: str) -> str:
    """A section as the reader's language names its records (``measures``: « mesures »)."""
    from iafr.kinds import nouns_of  # noqa: PLC0415

    return nouns_of(section, language())[1]


def side_line(side: Side) -> str:
    where = side.name
    if side.kind == "revision":
        where += f" ({side.detail[:10]})"
    elif side.kind == "database":
        where += _(" (database)")
    if side.version and side.date:
        version = _("corpus {version} of {date}").format(version=side.version, date=side.date)
    elif side.version:
        version = _("corpus {version}").format(version=side.version)
    else:
        version = _("corpus version unknown")
    role = pgettext("diff side", "old") if side.role == "old" else pgettext("diff side", "new")
    return f"{role}: {where} · {version}"


def _verdict(diff: CorpusDiff) -> str:
    if diff.identical:
        return _("no differences")
    counts = [
        sum(len(entity.added) for entity in diff.entities),
        sum(len(entity.removed) for entity in diff.entities),
        sum(len(entity.changed) for entity in diff.entities),
        sum(len(entity.renamed) for entity in diff.entities),
    ]
    return _("{added} added, {removed} removed, {changed} changed, {renamed} renamed").format(
        added=counts[0], removed=counts[1], changed=counts[2], renamed=counts[3]
    )


# --- table (terminal) -----------------------------------------------------------------------------


def render_diff_table(diff: CorpusDiff, stat: bool, width: int | None, color: bool) -> str:
    from rich.text import Text  # noqa: PLC0415 - rich only for the terminal

    from iafr.render.table import make_console  # noqa: PLC0415

    buffer = io.StringIO()
    console = make_console(width, color, buffer)
    styles = {"+": "green", "−": "red", "~": "yellow", "→": "cyan"}

    def line(text: str, style: str = "", indent: int = 0) -> None:
        # Text objects print data literally: a "[bold]" in a record is shown, never interpreted.
        console.print(Text(" " * indent + text, style=style if color else ""), overflow="fold")

    def headline(mark: str, text: str) -> None:
        """A record's line, its continuation lines indented under its id (a figure's gist makes it long)."""
        import textwrap  # noqa: PLC0415

        pieces = textwrap.wrap(
            f"{mark} {text}", width=max(console.width - 2, 20), subsequent_indent="  ", break_on_hyphens=False
        )
        for piece in pieces or [mark]:
            line(piece, styles[mark], 2)

    line(side_line(diff.old), "dim")
    line(side_line(diff.new), "dim")
    for entity in diff.entities:
        line(summary_line(entity), "bold" if not entity.empty else "")
    for note in diff.notes:
        line(_("note: {note}").format(note=note), "dim")
    for warning in diff.warnings:
        line(_("warning: {warning}").format(warning=warning), "yellow")
    if stat or diff.identical:
        line(_verdict(diff))
        return buffer.getvalue()
    for entity in diff.entities:
        if entity.empty:
            continue
        line("")
        line(_entity(entity.entity), "bold underline")
        for record in entity.added:
            headline("+", _headline(entity.entity, record))
        for record in entity.removed:
            headline("−", _headline(entity.entity, record))
        for rename in entity.renamed:
            renamed = _("{old} renamed {new}").format(old=rename.old_id, new=rename.new_id)
            line(f"→ {renamed}  {rename.title}", styles["→"], 2)
        for change in entity.changed:
            headline("~", _headline(entity.entity, {**change.new, "id": change.id}))
            for field_change in change.fields:
                for text, style in _field_lines(field_change, entity.entity, change):
                    line(text, styles.get(style, ""), 6 if style else 8)
    line("")
    line(_verdict(diff))
    return buffer.getvalue()


def _field_lines(change: FieldChange, entity: str, record: RecordChange) -> list[tuple[str, str]]:
    """A field change as lines, each with its mark (``+``, ``−``, ``~`` or ``""`` for a continuation)."""
    if change.as_set:
        parts = [f"+{show(item)}" for item in change.added] + [f"−{show(item)}" for item in change.removed]
        return [(f"{change.field}: " + "  ".join(parts), "~")]
    old = _value_words(change, entity, record.old, change.old)
    new = _value_words(change, entity, record.new, change.new)
    if len(old) + len(new) + len(change.field) <= _INLINE_LIMIT and "\n" not in old + new:
        return [(f"{change.field}: {old} → {new}", "~")]
    return [(f"{change.field}:", "~"), (f"− {old}", "−"), (f"+ {new}", "+")]


# --- json -------------------------------------------------------------------------------------------


def _side_json(side: Side) -> dict[str, Any]:
    return {
        "name": side.name,
        "kind": str(side.kind),
        "detail": side.detail,
        "version": side.version,
        "date": side.date,
    }


def _change_json(change: FieldChange) -> dict[str, Any]:
    item: dict[str, Any] = {"field": change.field, "old": change.old, "new": change.new}
    if change.as_set:
        item["added"] = list(change.added)
        item["removed"] = list(change.removed)
    return item


def diff_document(diff: CorpusDiff, stat: bool = False) -> dict[str, Any]:
    """The diff as plain data, keys in a fixed order: what ``--format json`` prints."""
    document: dict[str, Any] = {
        "old": _side_json(diff.old),
        "new": _side_json(diff.new),
        "identical": diff.identical,
        "summary": summary(diff),
        "notes": list(diff.notes),
        "warnings": list(diff.warnings),
    }
    if stat:
        return document
    document["entities"] = {
        entity.entity: {
            "added": entity.added,
            "removed": entity.removed,
            "renamed": [{"old_id": r.old_id, "new_id": r.new_id} for r in entity.renamed],
            "changed": [
                {"id": change.id, "fields": [_change_json(item) for item in change.fields]} for change in entity.changed
            ],
        }
        for entity in diff.entities
    }
    return document


def render_diff_json(diff: CorpusDiff, stat: bool, width: int | None, color: bool) -> str:
    return json_text(diff_document(diff, stat))


# --- markdown (a pull-request comment) ---------------------------------------------------------------


def render_diff_md(diff: CorpusDiff, stat: bool, width: int | None, color: bool) -> str:
    lines = [
        f"### iafr diff: {md_code(diff.old.name)} → {md_code(diff.new.name)}",
        "",
        f"- {md_text(side_line(diff.old))}",
        f"- {md_text(side_line(diff.new))}",
        "",
    ]
    lines.extend(
        f"- **{md_text(_entity(entity.entity))}**: {md_text(summary_line(entity).partition(': ')[2])}"
        for entity in diff.entities
    )
    lines.append("")
    for note in diff.notes:
        lines.extend([f"> {md_text(_('note: {note}').format(note=note))}", ""])
    for warning in diff.warnings:
        lines.extend([f"> **{_('warning')}**: {md_text(warning)}", ""])
    if stat or diff.identical:
        lines.append(f"*{_verdict(diff)}*")
        return "\n".join(lines) + "\n"
    for entity in diff.entities:
        if entity.empty:
            continue
        lines.extend([f"#### {md_text(_entity(entity.entity))}", ""])
        added, removed = pgettext("diff", "added"), pgettext("diff", "removed")
        renamed, changed = pgettext("diff", "renamed"), pgettext("diff", "changed")
        for record in entity.added:
            lines.append(f"- **{added}** {_md_headline(entity.entity, record)}")
        for record in entity.removed:
            lines.append(f"- **{removed}** {_md_headline(entity.entity, record)}")
        for rename in entity.renamed:
            lines.append(f"- **{renamed}** {md_code(rename.old_id)} → {md_code(rename.new_id)} {md_text(rename.title)}")
        for change in entity.changed:
            lines.append(f"- **{changed}** {_md_headline(entity.entity, {**change.new, 'id': change.id})}")
            for field_change in change.fields:
                lines.extend(_md_field(field_change, entity.entity, change))
        lines.append("")
    lines.append(f"*{_verdict(diff)}*")
    return "\n".join(lines) + "\n"


def _md_headline(entity: str, record: Fields) -> str:
    """``id`` **109 Md€, announced, Feb 2025** title: a record named in a pull-request comment."""
    shown = gist(entity, record)
    title = md_text(record_title(entity, record))
    return f"{md_code(record['id'])} **{md_text(shown)}** {title}" if shown else f"{md_code(record['id'])} {title}"


def _md_field(change: FieldChange, entity: str, record: RecordChange) -> list[str]:
    name = md_code(change.field)
    if change.as_set:
        parts = [f"+{md_text(show(item))}" for item in change.added]
        parts += [f"−{md_text(show(item))}" for item in change.removed]
        return [f"  - {name}: " + ", ".join(parts)]
    old = _value_words(change, entity, record.old, change.old)
    new = _value_words(change, entity, record.new, change.new)
    if len(old) + len(new) <= _INLINE_LIMIT:
        return [f"  - {name}: {md_text(old)} → {md_text(new)}"]
    return [
        f"  - {name}:",
        f"    - {pgettext('diff side', 'old')}: {md_text(old)}",
        f"    - {pgettext('diff side', 'new')}: {md_text(new)}",
    ]


DIFF_RENDERERS: dict[DiffFormat, Callable[[CorpusDiff, bool, int | None, bool], str]] = {
    DiffFormat.TABLE: render_diff_table,
    DiffFormat.JSON: render_diff_json,
    DiffFormat.MD: render_diff_md,
}


def render_diff(
    diff: CorpusDiff, fmt: DiffFormat, stat: bool = False, width: int | None = None, color: bool = False
) -> str:
    return DIFF_RENDERERS[fmt](diff, stat, width, color)

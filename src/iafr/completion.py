"""Shell completion of option values: axis, actor and report ids, statuses, kinds…

Typer calls these while the user presses TAB, so they must be quick and must never fail:
any problem (no corpus, invalid data, unreadable database) completes nothing rather than
printing a traceback into the shell. A stale database is rebuilt silently (no progress bar
drawn over the command line). Ids are offered with their label as help text (zsh and fish
show it).
"""

# No "from __future__ import annotations": Typer reads each completer's signature on every run,
# and string annotations would make it compile and evaluate each one (~1 ms in all).

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import typer

from iafr.layout import FUNDING_KINDS, FUNDING_STATUSES

Completion = tuple[str, str]
Completer = Callable[[typer.Context, str], list[Completion]]


def _option_path(ctx: typer.Context, name: str) -> Path | None:
    value = ctx.params.get(name)
    return Path(value) if isinstance(value, str | Path) else None


def _rows(ctx: typer.Context, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` from the store of the ``--data``/``--db`` typed so far, or ``[]``."""
    from iafr.store import State, open_readonly, store_state  # noqa: PLC0415
    from iafr.workspace import rebuild, resolve_workspace  # noqa: PLC0415

    try:
        workspace = resolve_workspace(_option_path(ctx, "data"), _option_path(ctx, "db"))
        if store_state(workspace.db_path, workspace.data_dir) is not State.FRESH:
            rebuild(workspace)
        with contextlib.closing(open_readonly(workspace.db_path)) as connection:
            return connection.execute(sql).fetchall()
    except Exception:  # IafrError, sqlite3.Error, OSError or a bug: never a traceback in the shell
        return []


def matching(rows: Iterable[tuple[Any, ...]], incomplete: str) -> list[Completion]:
    """``(value, help)`` for the rows ``(value, label)`` whose value starts with ``incomplete``.

    Typer keeps only values that extend what was typed, so labels are help text, not matches.
    """
    found: dict[str, str] = {}
    for row in rows:
        value, label = str(row[0]), str(row[1] or "")
        if value.startswith(incomplete):
            found.setdefault(value, label)
    return list(found.items())


def _from_store(sql: str) -> Completer:
    def complete(ctx: typer.Context, incomplete: str) -> list[Completion]:
        return matching(_rows(ctx, sql), incomplete)

    return complete


def _from_choices(choices: Iterable[str]) -> Completer:
    fixed = tuple(choices)

    def complete(ctx: typer.Context, incomplete: str) -> list[Completion]:
        return matching(((choice, "") for choice in fixed), incomplete)

    return complete


complete_axis = _from_store("SELECT id, label FROM axes ORDER BY id")
complete_report = _from_store("SELECT id, title FROM reports ORDER BY id")
complete_actor = _from_store("SELECT id, name FROM actors ORDER BY id")
complete_chapter = _from_store(
    "SELECT DISTINCT chapter, '' FROM measures WHERE chapter IS NOT NULL ORDER BY length(chapter), chapter"
)
complete_measure_kind = _from_store(
    "SELECT kind, count(*) || ' measure(s)' FROM measures GROUP BY kind ORDER BY count(*) DESC, kind"
)
complete_actor_kind = _from_store(
    "SELECT kind, count(*) || ' actor(s)' FROM actors GROUP BY kind ORDER BY count(*) DESC, kind"
)
complete_country = _from_store(
    "SELECT country, count(*) || ' actor(s)' FROM actors WHERE country IS NOT NULL "
    "GROUP BY country ORDER BY count(*) DESC, country"
)
complete_event = _from_store("SELECT id, name FROM events ORDER BY id")
complete_instrument = _from_store("SELECT id, label FROM instruments ORDER BY id")
complete_target = _from_store("SELECT id, label FROM targets ORDER BY id")
complete_event_kind = _from_store(
    "SELECT kind, count(*) || ' event(s)' FROM events GROUP BY kind ORDER BY count(*) DESC, kind"
)
complete_currency = _from_store(
    "SELECT currency, count(*) || ' figure(s)' FROM funding GROUP BY currency ORDER BY count(*) DESC, currency"
)


# Fixed vocabularies: every valid value, from the lists the queries check against.
complete_status = _from_choices(FUNDING_STATUSES)
complete_funding_kind = _from_choices(FUNDING_KINDS)


def complete_record_id(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """Every id ``show`` and ``cite`` take, with its kind and title (from the declarations)."""
    from iafr import kinds  # noqa: PLC0415

    sql = " UNION ALL ".join(
        f"SELECT id, '{kind.record_type}: ' || [{kind.column_of(kind.title)}] FROM {kind.section}"
        for kind in kinds.KINDS
    )
    return matching(_rows(ctx, sql), incomplete)

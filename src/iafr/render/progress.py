"""A Rich progress bar on stderr for long builds (only when stderr is a terminal)."""

from __future__ import annotations

import atexit

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from iafr.i18n import _
from iafr.store import Progress as ProgressCallback


def progress_callback() -> ProgressCallback:
    bar = Progress(
        TextColumn(_("building {file}").format(file="{task.description}")),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
    )
    task: list[TaskID] = []

    def update(table: str, done: int, total: int) -> None:
        if not task:
            bar.start()
            atexit.register(bar.stop)
            task.append(bar.add_task(table, total=total))
        bar.update(task[0], description=table, completed=done)
        if done >= total:
            bar.stop()

    return update

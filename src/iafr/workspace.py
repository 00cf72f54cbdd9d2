"""Where the data and the database are, and a database that is fresh before any query.

The fast path (a fresh database) stats a few files and reads one table: no YAML parser,
no pydantic, no sqlite-utils are imported.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from iafr.errors import EnvironmentFailure, UsageError
from iafr.i18n import _
from iafr.kinds import data_files
from iafr.store import State, open_if_fresh, open_readonly, refuse_irregular
from iafr.store.freshness import sha256

Notify = Callable[[str], None]
ShowProgress = Callable[[], Callable[[str, int, int], None]]
"""Given by the command line when a person watches: each call starts one progress display."""


class Workspace:
    """Where a command reads the corpus and keeps its database.

    A plain class, not a NamedTuple or dataclass: building either costs more at import than the
    rest of this module, and every query imports it."""

    __slots__ = ("data_dir", "db_path", "owned")

    def __init__(self, data_dir: Path, db_path: Path, owned: bool = False) -> None:
        self.data_dir = data_dir
        self.db_path = db_path
        # The database is iafr's own (its cache, no --db nor IAFR_DB): whatever is there, a damaged
        # database or garbage, is rebuilt; a path the user gave is replaced only if iafr wrote it.
        self.owned = owned

    def __repr__(self) -> str:
        return f"Workspace({self.data_dir!r}, {self.db_path!r}, owned={self.owned})"


def bundled_data_dir() -> Path:
    """The corpus shipped inside the package (the repo's data/ in an editable install)."""
    from importlib.resources import files  # noqa: PLC0415

    return Path(str(files("iafr.data")))


def holds_corpus(directory: Path) -> bool:
    return any((directory / name).is_file() for name in data_files())


def resolve_data_dir(option: Path | None) -> Path:
    """``--data``, else ``$IAFR_DATA``, else ``./data`` when it holds a corpus, else the bundled one."""
    chosen = option or (Path(os.environ["IAFR_DATA"]) if os.environ.get("IAFR_DATA") else None)
    if chosen is not None:
        if not chosen.exists():
            raise UsageError(
                _("data directory {chosen} does not exist; pass --data DIR with the YAML files").format(chosen=chosen)
            )
        if not chosen.is_dir():
            raise UsageError(
                _("{chosen} is not a directory; --data takes the directory holding the YAML files").format(
                    chosen=chosen
                )
            )
        if not holds_corpus(chosen):
            raise UsageError(
                _("{chosen} holds none of {values}; is it the right directory?").format(
                    chosen=chosen, values=", ".join(data_files())
                )
            )
        return chosen
    local = Path("data")
    return local if holds_corpus(local) else bundled_data_dir()


def default_db_path(data_dir: Path) -> Path:
    """One database per data directory, in the user's cache directory."""
    key = sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return Path(user_cache_dir()) / f"{key}.db"


def user_cache_dir() -> str:
    """``platformdirs.user_cache_dir("iafr", appauthor=False)``, without importing platformdirs
    (3.5 ms of a 250 ms query) in the two common Linux cases: an absolute ``$XDG_CACHE_HOME``,
    else an absolute ``$HOME``. Every other case (macOS, Windows, Android, no usable HOME) asks
    platformdirs itself."""
    if sys.platform == "linux" and not os.environ.get("ANDROID_DATA"):
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, "iafr")
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return os.path.join(home, ".cache", "iafr")
    from platformdirs import user_cache_dir as platform_cache_dir  # noqa: PLC0415

    return platform_cache_dir("iafr", appauthor=False)


def resolve_workspace(data: Path | None, db: Path | None) -> Workspace:
    data_dir = resolve_data_dir(data)
    chosen_db = db or (Path(os.environ["IAFR_DB"]) if os.environ.get("IAFR_DB") else None)
    if chosen_db is not None:
        refuse_irregular(chosen_db)  # a device, a FIFO, a directory: before anything is created
        return Workspace(data_dir, chosen_db)
    cached = default_db_path(data_dir)
    refuse_irregular(cached, _("the cache database"), _("remove it, or pass --db"), links=False)
    return Workspace(data_dir, cached, owned=True)


def rebuild(
    workspace: Workspace,
    notify: Notify | None = None,
    show_progress: ShowProgress | None = None,
    wait: float | None = None,
    on_wait: Notify | None = None,
) -> None:
    """Validate the YAML and build the database; raises ``InvalidData`` on errors.

    ``wait``: seconds to wait for another process's build (default ``DEFAULT_LOCK_WAIT``);
    ``on_wait`` (else ``notify``) is told when the build waits.
    """
    from iafr.check import check_data  # noqa: PLC0415 - slow path only
    from iafr.errors import InvalidData  # noqa: PLC0415
    from iafr.problems import Severity  # noqa: PLC0415
    from iafr.store import DEFAULT_LOCK_WAIT, build_store, check_target, fingerprint  # noqa: PLC0415

    check_target(workspace.db_path, workspace.owned)  # a file not ours is refused before parsing
    before = fingerprint(workspace.data_dir)
    reading = show_progress() if show_progress else None  # from the first file: parsing is most of a build
    try:
        corpus, problems = check_data(workspace.data_dir, progress=reading)
    finally:
        if reading is not None:
            reading("", 1, 1)  # stopped before any message, even when reading failed
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        raise InvalidData(problems)
    progress = show_progress() if show_progress else None
    from iafr.collector import collector_paused  # noqa: PLC0415 - slow path only

    with collector_paused():
        build_store(
            corpus,
            workspace.db_path,
            before,
            progress,
            owned=workspace.owned,
            wait=DEFAULT_LOCK_WAIT if wait is None else wait,
            on_wait=on_wait or notify,
        )
    if notify:
        notify(_("built {db} from {path}").format(db=workspace.db_path, path=workspace.data_dir))


def connect(
    workspace: Workspace,
    notify: Notify | None = None,
    show_progress: ShowProgress | None = None,
    wait: float | None = None,
) -> sqlite3.Connection:
    """A read-only connection to a database that matches the YAML, rebuilding it first if needed.

    ``notify`` hears one line when an existing database is rebuilt, and one when the rebuild waits
    for another process's build; ``wait`` bounds that wait in seconds.
    """
    state, connection = open_if_fresh(workspace.db_path, workspace.data_dir)
    if connection is not None:  # fresh: read through the connection that found it so
        return _with_labels(connection)
    if state is not State.MISSING:
        from iafr.store import check_target  # noqa: PLC0415 - slow path only

        check_target(workspace.db_path, workspace.owned)  # refused before "rebuilding" is said
        if notify:
            notify(_("database {state}, rebuilding from {path}").format(state=_(state.value), path=workspace.data_dir))
    rebuild(workspace, show_progress=show_progress, wait=wait, on_wait=notify)
    try:
        return _with_labels(open_readonly(workspace.db_path))
    except sqlite3.Error as error:
        raise EnvironmentFailure(
            _("cannot open the database {db_path}: {error}").format(db_path=workspace.db_path, error=error)
        ) from error


def _with_labels(connection: sqlite3.Connection) -> sqlite3.Connection:
    from iafr import labels  # noqa: PLC0415

    labels.load(connection)  # renderers name values in the reader's language without a database
    return connection


_VERSION_FILE_BYTES = 1024 * 1024
"""corpus.yaml holds a few lines: past this, its version is not worth reading for --version."""


def corpus_version(data_dir: Path | None = None) -> str:
    """The ``version:`` line of corpus.yaml, read without the YAML parser (``--version`` is hot)."""
    import re  # noqa: PLC0415

    directory = data_dir or resolve_data_dir(None)
    from iafr import safefiles  # noqa: PLC0415

    try:
        # a FIFO in its place must not hang --version, nor a link out of the directory be read
        text = safefiles.read_bytes(directory / "corpus.yaml", limit=_VERSION_FILE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, safefiles.Refused):
        return "unknown"
    match = re.search(r"^version:\s*['\"]?([0-9][^'\"\s#]*)", text, re.MULTILINE)
    return match.group(1) if match else "unknown"

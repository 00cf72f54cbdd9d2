"""Read the corpus as it was at a git revision, without a shell and without touching the work tree.

Every call runs ``git`` with an argument list (never a shell), so a revision or a path is never
interpreted as shell syntax. A revision that starts with ``-`` is refused before git sees it, and
``--end-of-options`` keeps git itself from reading one as an option. Files are read as blobs from
the object database, so the checkout, the index and any uncommitted edit are left alone; each
entry's name is checked as git fsck checks it before its blob is written to a temporary
directory, since a fetched branch may hold a tree made by hand (``../x.yaml``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from iafr import safefiles
from iafr.errors import EnvironmentFailure, IafrError, UsageError
from iafr.i18n import N_, _
from iafr.kinds import CORPUS_INFO_FILE, data_files
from iafr.loader import MAX_FILE_BYTES

GIT = "git"
"""The executable looked up on PATH (a module attribute so tests can point it elsewhere)."""

_REGULAR_FILES = {"100644", "100755"}
_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Revision:
    """A commit of a repository and where the corpus lives inside it."""

    name: str  # as the user wrote it: HEAD~1, origin/main, v1.0
    commit: str  # full object id
    root: Path  # top of the work tree
    prefix: str  # the data directory relative to the root, POSIX style ("data"; "" for the root)
    notes: tuple[str, ...] = ()  # how the name was read, when it was no git name (a corpus version)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.commit[:10]})"

    def shown(self, file_name: str) -> str:
        """How messages name a file of this revision: ``HEAD~1:data/actors.yaml``."""
        path = f"{self.prefix}/{file_name}" if self.prefix else file_name
        return f"{self.name}:{path}"


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # never wait for a password
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not take the index lock of a busy work tree
    env["LC_ALL"] = "C"  # stable messages
    return env


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS`` in ``cwd`` (``stdin`` its input) and return the finished process, whatever
    its exit status."""
    executable = shutil.which(GIT)
    if executable is None:
        raise EnvironmentFailure(
            _("git is not installed or not on PATH; install git, or compare data directories or .db files instead")
        )
    try:
        return subprocess.run(
            [executable, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env=_environment(),
            timeout=_TIMEOUT_SECONDS,
        )
    except FileNotFoundError as error:  # the directory vanished, or git between which() and run()
        raise EnvironmentFailure(
            _("cannot run git in {cwd}: {value}").format(cwd=cwd, value=error.strerror or error)
        ) from error
    except subprocess.TimeoutExpired as error:
        raise EnvironmentFailure(
            _("git {value} took more than {TIMEOUT_SECONDS} s in {cwd}; giving up").format(
                value=args[0], TIMEOUT_SECONDS=_TIMEOUT_SECONDS, cwd=cwd
            )
        ) from error
    except OSError as error:
        raise EnvironmentFailure(_("cannot run git: {value}").format(value=error.strerror or error)) from error


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else _("no message")
    return line.removeprefix("fatal: ").removeprefix("error: ")


def repository_root(directory: Path) -> Path:
    """The top of the git work tree holding ``directory``; EnvironmentFailure outside any."""
    anchor = directory if directory.is_dir() else Path.cwd()
    done = run_git(["rev-parse", "--show-toplevel"], anchor)
    if done.returncode != 0:
        reason = _first_line(done.stderr)
        if "not a git repository" in reason:
            raise EnvironmentFailure(
                _(
                    "{resolve} is not inside a git repository, so a revision cannot be read; compare data "
                    "directories or .db files instead"
                ).format(resolve=anchor.resolve())
            )
        raise EnvironmentFailure(
            _("git cannot read the repository at {anchor}: {reason}").format(anchor=anchor, reason=reason)
        )
    return Path(done.stdout.decode("utf-8", "replace").strip())


def data_prefix(root: Path, data_dir: Path | None) -> str:
    """Where the corpus lives in the repository: the data directory's path below the root,
    or ``data`` when that directory is not inside this repository."""
    if data_dir is not None:
        try:
            relative = data_dir.resolve().relative_to(root.resolve())
        except ValueError:
            return "data"
        return PurePosixPath(*relative.parts).as_posix() if relative.parts else ""
    return "data"


def check_revision_name(name: str) -> None:
    """Refuse what git could read as an option, or what is no revision at all."""
    if not name.strip():
        raise UsageError(_("an empty revision name; give e.g. HEAD~1, origin/main or a tag"))
    if name.startswith("-"):
        raise UsageError(_("{name!r} is not a revision: revision names cannot start with '-'").format(name=name))
    if any(ord(character) < 32 for character in name):
        raise UsageError(_("{name!r} is not a revision: it holds a control character").format(name=name))


def resolve_revision(name: str, root: Path, prefix: str) -> Revision:
    """The commit ``name`` denotes; UsageError when unknown, EnvironmentFailure when history is missing."""
    check_revision_name(name)
    done = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], root)
    if done.returncode == 0:
        return Revision(name, done.stdout.decode().strip(), root, prefix)
    version = CORPUS_VERSION.fullmatch(name)
    if version is not None:
        commit = corpus_version_commit(version.group(1), root, prefix)
        if commit is not None:
            where = f"{prefix}/{CORPUS_INFO_FILE}" if prefix else CORPUS_INFO_FILE
            note = _("{name}: the commit {commit} where {where} took version {version}").format(
                name=name, commit=commit[:10], where=where, version=version.group(1)
            )
            return Revision(name, commit, root, prefix, (note,))
    shallow = run_git(["rev-parse", "--is-shallow-repository"], root)
    if shallow.returncode == 0 and shallow.stdout.strip() == b"true":
        raise EnvironmentFailure(
            _(
                "cannot find revision {name!r}: this clone is shallow and its history is cut; run 'git fetch "
                "--unshallow' (or fetch with more depth) and try again"
            ).format(name=name)
        )
    raise UsageError(
        _(
            "unknown revision {name!r} in {root}; give a commit, a branch, a tag or e.g. HEAD~1 (or an existing "
            "data directory or .db file)"
        ).format(name=name, root=root)
    )


CORPUS_VERSION = re.compile(r"v?(\d{1,6}\.\d{1,6}\.\d{1,6})")
"""A corpus version as a revision (``v1.0.0``, ``1.0.0``): tags are not carried by every clone, the
version in corpus.yaml is."""
MAX_VERSION_COMMITS = 5000
"""Commits of corpus.yaml read at most while looking for a version (each one ``git show``)."""


def corpus_version_commit(version: str, root: Path, prefix: str) -> str | None:
    """The first commit (oldest) in HEAD's history where corpus.yaml says ``version``, or None."""
    from iafr.loader import YamlProblem, load  # noqa: PLC0415

    path = f"{prefix}/{CORPUS_INFO_FILE}" if prefix else CORPUS_INFO_FILE
    done = run_git(["log", "--format=%H", "--reverse", f"-n{MAX_VERSION_COMMITS}", "HEAD", "--", path], root)
    if done.returncode != 0:
        return None
    commits = done.stdout.decode().split()
    for commit, size in zip(commits, _blob_sizes(commits, path, root), strict=True):
        if size is None or size > MAX_FILE_BYTES:  # a blob is never read whole before its size is known
            continue
        shown = run_git(["cat-file", "blob", f"{commit}:{path}"], root)
        if shown.returncode != 0:
            continue
        try:
            info = load(shown.stdout.decode("utf-8", "replace"))
        except YamlProblem:
            continue
        if isinstance(info, dict) and str(info.get("version")) == version:
            return commit
    return None


def _blob_sizes(commits: list[str], path: str, root: Path) -> list[int | None]:
    """The size of ``path`` in each commit (None where it is no blob), from one ``git cat-file``."""
    if not commits:
        return []
    names = "".join(f"{commit}:{path}\n" for commit in commits).encode()
    done = run_git(["cat-file", "--batch-check=%(objecttype) %(objectsize)"], root, names)
    lines = done.stdout.decode("ascii", "replace").splitlines()
    sizes: list[int | None] = []
    for line in lines[: len(commits)]:
        kind, _, size = line.partition(" ")
        sizes.append(int(size) if kind == "blob" and size.isdigit() else None)
    return sizes + [None] * (len(commits) - len(sizes))


REVISION_PREFIX = "rev:"
"""``rev:NAME`` names a revision whatever the work tree holds (``./NAME`` names the path)."""


def names_a_revision(name: str) -> bool:
    """Whether ``name`` is a commit of the repository holding the current directory: False
    outside any, without git, or for what is no revision name (never raises)."""
    try:
        check_revision_name(name)
        root = repository_root(Path.cwd())
        done = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], root)
        if done.returncode == 0:
            return True
        version = CORPUS_VERSION.fullmatch(name)  # a corpus version is a revision too
        return version is not None and corpus_version_commit(version.group(1), root, "data") is not None
    except IafrError:
        return False


@dataclass(frozen=True)
class _Entry:
    mode: str
    kind: str
    object_id: str
    size: int | None
    name: str


def _list_tree(revision: Revision) -> list[_Entry]:
    """The entries of the data directory in that revision (one ``ls-tree``, NUL-separated)."""
    tree = f"{revision.commit}:{revision.prefix}" if revision.prefix else f"{revision.commit}^{{tree}}"
    kind = run_git(["cat-file", "-t", tree], revision.root)
    where = f"{revision.prefix}/" if revision.prefix else _("the repository root")
    if kind.returncode != 0:
        raise UsageError(
            _("revision {name} has no {where}: the corpus is not there in that revision").format(
                name=revision.name, where=where
            )
        )
    if kind.stdout.strip() != b"tree":
        raise UsageError(
            _("{name}:{prefix} is a file in that revision, not the data directory").format(
                name=revision.name, prefix=revision.prefix
            )
        )
    done = run_git(["ls-tree", "-z", "-l", tree], revision.root)
    if done.returncode != 0:
        raise EnvironmentFailure(
            _("git cannot list {where} of {name}: {first_line}").format(
                where=where, name=revision.name, first_line=_first_line(done.stderr)
            )
        )
    entries = []
    seen: set[str] = set()
    for item in done.stdout.split(b"\0"):
        if not item:
            continue
        meta, _tab, raw_name = item.partition(b"\t")
        mode, kind_name, object_id, size = meta.decode().split(maxsplit=3)
        name = raw_name.decode("utf-8", "replace")
        reason = _unsafe_name(name) or (_("it appears twice") if name in seen else None)  # fsck: duplicateEntries
        if reason is not None:
            raise UsageError(
                _(
                    "revision {label}: {where} holds an entry named {name!r} that git would not check out "
                    "({reason}); refused, as git fsck refuses such a tree"
                ).format(label=revision.label, where=where, name=name, reason=reason)
            )
        seen.add(name)
        entries.append(_Entry(mode, kind_name, object_id, None if size.strip() == "-" else int(size), name))
    return entries


def _unsafe_name(name: str) -> str | None:
    """Why a tree entry's name could not be a file's in one directory, as git fsck judges it
    (badTreeName, hasDot, hasDotdot, hasDotgit): git never writes such a tree, but a fetched
    branch can hold one made by hand, and its blob would be written outside the temporary
    directory (``../x.yaml``) or over what the directory means (``.``, ``.git``)."""
    if not name or name in {".", ".."}:
        return _("it names a directory, not a file") if name else _("it is empty")
    for character, what in (("/", N_("a slash")), ("\\", N_("a backslash")), ("\0", N_("a NUL"))):
        if character in name:
            return _("it holds {what}").format(what=_(what))
    if name.rstrip(". ").casefold() == ".git" or name.casefold() == "git~1":
        return _("it is git's own directory")
    return None


def _is_data_file(name: str) -> bool:
    # the corpus files, and any other *.yaml so that 'check' warns about it as it does on disk
    return name in data_files() or name.endswith((".yaml", ".yml"))


def export_revision(revision: Revision, target: Path) -> list[str]:
    """Write the revision's data files into ``target`` (an empty directory); returns their names."""
    written = []
    for entry in _list_tree(revision):
        if not _is_data_file(entry.name):
            continue
        shown = revision.shown(entry.name)
        if entry.kind == "tree":
            raise UsageError(_("{shown} is a directory in that revision, expected a YAML file").format(shown=shown))
        if entry.kind != "blob" or entry.mode not in _REGULAR_FILES:
            raise UsageError(
                _("{shown} is not a regular file in that revision (mode {mode}); iafr reads files").format(
                    shown=shown, mode=entry.mode
                )
            )
        if entry.size is not None and entry.size > MAX_FILE_BYTES:
            raise UsageError(
                _("{shown} is {size} bytes, above the {MAX_FILE_BYTES} byte limit").format(
                    shown=shown, size=entry.size, MAX_FILE_BYTES=MAX_FILE_BYTES
                )
            )
        done = run_git(["cat-file", "blob", entry.object_id], revision.root)
        if done.returncode != 0:
            raise EnvironmentFailure(
                _("git cannot read {shown}: {first_line}").format(shown=shown, first_line=_first_line(done.stderr))
            )
        try:
            safefiles.write_new(target / entry.name, done.stdout)  # a new file: never through a link
        except OSError as error:
            raise EnvironmentFailure(
                _("cannot write a temporary copy of {shown}: {value}").format(
                    shown=shown, value=error.strerror or error
                )
            ) from error
        written.append(entry.name)
    return written


def read_blob(revision: Revision, name: str, limit: int) -> bytes | None:
    """The bytes of the regular file ``name`` of the revision's data directory, or None when it has
    none, or one larger than ``limit`` (never read whole before its size is known)."""
    for entry in _list_tree(revision):
        if entry.name != name:
            continue
        if entry.kind != "blob" or entry.mode not in _REGULAR_FILES or entry.size is None or entry.size > limit:
            return None
        done = run_git(["cat-file", "blob", entry.object_id], revision.root)
        return done.stdout if done.returncode == 0 else None
    return None

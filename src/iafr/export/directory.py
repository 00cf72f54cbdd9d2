"""A directory written whole or not at all: every file goes into a new directory beside the
target, which is then renamed into its place.

An export interrupted at any moment (Ctrl-C, a full disk) leaves what was there before: nothing,
an empty directory, or the previous package. What it replaces is checked first: an empty
directory, or, with ``force``, a data package and nothing else (``datapackage.json`` and the files
it lists); iafr never deletes a file that is not part of one.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path

from iafr import safefiles
from iafr.errors import EnvironmentFailure, UsageError
from iafr.i18n import _
from iafr.safefiles import fsync_directory

DESCRIPTOR = "datapackage.json"
"""The file that makes a directory a data package."""


def check_destination(target: Path, force: bool) -> None:
    """Raise ``UsageError`` unless ``target`` may receive the package: nothing there, an empty
    directory, or (``force``) a directory holding only a data package."""
    if not target.exists():
        if target.is_symlink():
            raise UsageError(
                _("{target} is a broken symbolic link; remove it or give another directory").format(target=target)
            )
        return
    if not target.is_dir():
        raise UsageError(
            _("{target} exists and is not a directory; give a directory to write the data package into").format(
                target=target
            )
        )
    try:
        entries = sorted(entry.name for entry in target.iterdir())
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot read {target}: {value}").format(target=target, value=error.strerror or error)
        ) from error
    if not entries:
        return
    if not force:
        raise UsageError(
            _("{target} is not empty; pass --force to replace the data package in it, or give a new directory").format(
                target=target
            )
        )
    others = [name for name in entries if name not in _package_files(target)]
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise UsageError(
            _(
                "{target} holds {shown}, which no data package there lists; --force replaces only a data package "
                "({DESCRIPTOR} and the files it lists): move them away or give another directory"
            ).format(target=target, shown=shown, DESCRIPTOR=DESCRIPTOR)
        )


def _package_files(directory: Path) -> set[str]:
    """``datapackage.json`` and the regular files its resources name, when it is one; else nothing."""
    try:
        # never through a link, never blocked by a FIFO named like it: then it is no package of ours
        raw = safefiles.read_bytes(directory / DESCRIPTOR, limit=_DESCRIPTOR_BYTES, links=False)
        document = json.loads(raw.decode("utf-8"))
        paths = [resource["path"] for resource in document["resources"]]
    except (OSError, ValueError, TypeError, KeyError, safefiles.Refused):
        return set()
    names = {path for path in paths if isinstance(path, str) and "/" not in path and path not in ("", ".", "..")}
    regular = {name for name in names if (directory / name).is_file() and not (directory / name).is_symlink()}
    return {DESCRIPTOR, *regular}


_DESCRIPTOR_BYTES = 16 * 1024 * 1024
"""A datapackage.json larger than this is none iafr wrote (its own is a few tens of kilobytes)."""


def write_directory(target: Path, files: dict[str, str], force: bool) -> None:
    """Write ``files`` (name → UTF-8 text) as the whole content of ``target``, atomically."""
    target = Path(os.path.abspath(target))
    if target.is_symlink() and target.is_dir():
        target = target.resolve()  # the directory the link names is the one replaced
    check_destination(target, force)  # again: what was there may have changed since the command began
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temp = _new_directory(parent, f".{target.name}.{os.getpid()}", "tmp")
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot write the data package in {parent}: {value}").format(parent=parent, value=error.strerror or error)
        ) from error
    try:
        for name, text in files.items():
            _write_file(temp / name, text)
        fsync_directory(temp)
        _swap(temp, target)
        fsync_directory(parent)
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot write the data package to {target}: {value}").format(target=target, value=error.strerror or error)
        ) from error
    finally:
        shutil.rmtree(temp, ignore_errors=True)  # gone already when renamed into place


def _new_directory(parent: Path, stem: str, suffix: str) -> Path:
    """A directory of a name no other process uses (created with the user's umask, unlike mkdtemp)."""
    while True:
        path = parent / f"{stem}.{secrets.token_hex(4)}.{suffix}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def _write_file(path: Path, text: str) -> None:
    safefiles.write_new(path, text.encode("utf-8"), durable=True)  # in a directory of our own: a new file


def _swap(temp: Path, target: Path) -> None:
    """Rename ``temp`` to ``target``: over an empty directory in one step; a package is moved aside
    first, put back if the rename fails, and removed once the new one is in place."""
    if not target.exists() or not any(target.iterdir()):
        os.replace(temp, target)
        return
    aside = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.old")
    moved = False
    try:
        os.rename(target, aside)
        moved = True
        os.rename(temp, target)
    except BaseException:
        if moved and not target.exists():
            os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)

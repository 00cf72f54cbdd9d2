"""One guarded way to read a file and one to write one: every reader and writer of iafr goes here.

The files iafr reads may be a stranger's (a pull request's YAML, the texts beside it, the files
in a directory it exports to), so a read refuses, before reading a byte:

- a symbolic link that leads out of its directory (the data directory, the ``--sources``
  directory: a data file linked to ``~/.ssh/config`` would be parsed and its keys quoted in CI
  annotations);
- anything but a regular file: a directory, a FIFO (the read would block forever), a device
  (``/dev/zero`` never ends), a socket;
- a file larger than the reader's bound.

A write goes into a new temporary file beside its target, renamed over it once complete, and only
onto a new path or a regular file. A symbolic link at the target is followed only when the user
named that path (``report --output FILE``); a file iafr names itself (the schemas in ``schema
--output DIR``, the files of ``serve --export DIR``, the lock and stamp beside a database) is
refused when it is a link or anything but a regular file. A character device or a FIFO the user
named (``/dev/stdout``, ``/dev/null``, a named pipe with a reader) is written through as a stream,
never replaced; a block device, a socket or a directory is refused. ``-`` for standard output is
the command line's to read (it never reaches this module).

Light: ``os`` and ``stat`` only, so that every query's freshness check can use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from iafr.i18n import N_, _

DEFAULT_LIMIT = 64 * 1024 * 1024
"""Bytes a file may hold unless its reader says otherwise (a YAML file, a source's text)."""

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BESIDE_FLAGS = os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_STREAM_FLAGS = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)

_KINDS = (
    (stat.S_ISDIR, N_("a directory")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISFIFO, N_("a FIFO")),
    (stat.S_ISSOCK, N_("a socket")),
)


class Refused(Exception):
    """A path iafr will not read or write as asked.

    ``what`` completes "PATH is …" ("a FIFO", "a symbolic link to a FIFO", "a symbolic link that
    leads out of data"), for the caller to put in its own message and exit code; ``kind`` is one of
    ``link-out``, ``link``, ``directory``, ``irregular``, ``too-large``, ``no-reader``."""

    def __init__(self, path: Path, what: str, kind: str) -> None:
        super().__init__(_("{path} is {what}").format(path=path, what=what))
        self.path = path
        self.what = what
        self.kind = kind


def describe(mode: int) -> str:
    """What a file of this mode is, in words: "a FIFO", "a directory", "a regular file"."""
    if stat.S_ISREG(mode):
        return _("a regular file")
    return _(next((name for test, name in _KINDS if test(mode)), N_("not a regular file")))


def _refuse_irregular(path: Path, mode: int, linked: bool) -> None:
    if stat.S_ISREG(mode):
        return
    what = describe(mode)
    kind = "directory" if stat.S_ISDIR(mode) else "irregular"
    if linked:
        what = _("a symbolic link to {what}").format(what=what)
    raise Refused(path, what, kind)


# --- reading ----------------------------------------------------------------------------------


def open_regular(path: Path, *, within: Path | None = None, links: bool = True) -> tuple[int, os.stat_result]:
    """A read-only descriptor of the regular file at ``path``, and its status.

    ``within``: the directory a symbolic link must not lead out of (default: the file's own);
    ``links=False`` refuses any symbolic link. Raises :class:`Refused`, or ``OSError`` (a missing
    file is ``FileNotFoundError``, as ``open`` says it)."""
    linked = os.path.islink(path)
    if linked and not links:
        raise Refused(path, _("a symbolic link"), "link")
    real = os.path.realpath(path)
    base = os.path.realpath(within if within is not None else os.path.dirname(os.path.abspath(path)))
    if os.path.commonpath([base, real]) != base:  # a link, here or in a directory below ``within``
        shown = within if within is not None else path.parent
        raise Refused(path, _("a symbolic link that leads out of {directory}").format(directory=shown), "link-out")
    info = os.stat(real)
    _refuse_irregular(path, info.st_mode, linked)
    descriptor = os.open(real, _READ_FLAGS | _NOFOLLOW)
    try:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):  # swapped since the check
            _refuse_irregular(path, opened.st_mode, linked)
            raise Refused(path, _("a file that changed while it was opened"), "irregular")
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, opened


def read_bytes(path: Path, *, limit: int = DEFAULT_LIMIT, within: Path | None = None, links: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them (see :func:`open_regular`)."""
    descriptor, info = open_regular(path, within=within, links=links)
    try:
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        chunks = []
        size = 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew since the status was taken
                raise _too_large(path, size, limit)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _too_large(path: Path, size: int, limit: int) -> Refused:
    what = _("{size} bytes, above the {limit} byte limit").format(size=size, limit=limit)
    return Refused(path, what, "too-large")


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file at ``path`` (a header: no bound on the file)."""
    descriptor, _ = open_regular(path)
    try:
        return os.read(descriptor, size)
    finally:
        os.close(descriptor)


def digest(path: Path, update: Callable[[bytes], object], *, within: Path | None = None, links: bool = True) -> None:
    """Feed the bytes of the regular file at ``path`` to ``update``, a megabyte at a time (a hash)."""
    descriptor, _ = open_regular(path, within=within, links=links)
    try:
        while chunk := os.read(descriptor, 1 << 20):
            update(chunk)
    finally:
        os.close(descriptor)


# --- writing ----------------------------------------------------------------------------------


def writable(path: Path, *, follow: bool = False) -> Path:
    """The path a write replaces for ``path``: itself when nothing or a regular file is there, the
    file a symbolic link leads to when ``follow`` (the user named the link). Raises :class:`Refused`
    for anything else, before anything is written."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            target = None  # a dangling link: replaced, never written through
        if not follow:
            what = _("a symbolic link")
            if target is not None:
                what = _("a symbolic link to {what}").format(what=describe(target.st_mode))
            raise Refused(path, what, "link")
        if target is None:
            return path  # the link itself is replaced: nothing is written where it leads
        _refuse_irregular(path, target.st_mode, linked=True)
        return Path(os.path.realpath(path))
    _refuse_irregular(path, info.st_mode, linked=False)
    return path


def _temporary_beside(target: Path) -> Path:
    # os.urandom, not secrets: secrets imports hashlib (OpenSSL), which every query would pay for
    token = os.urandom(4).hex()
    return target.with_name(".{name}.{pid}.{token}.tmp".format(name=target.name, pid=os.getpid(), token=token))


@contextlib.contextmanager
def replacing(
    path: Path, *, follow: bool = False, durable: bool = False, before_rename: Callable[[], None] | None = None
) -> Iterator[Path]:
    """A new temporary path beside ``path`` for the block to write, renamed over ``path`` when the
    block ends without an error, and removed whatever happens.

    ``follow``: the user named ``path``, so a link there leads to the file replaced. ``durable``:
    the file and the rename are flushed to disk. ``before_rename`` runs just before the rename."""
    target = writable(path, follow=follow)
    temp = _temporary_beside(target)
    try:
        yield temp
        if durable:
            fsync_file(temp)
        if before_rename is not None:
            before_rename()
        os.replace(temp, target)
        if durable:
            fsync_directory(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def write_new(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Create the file ``path`` with ``data``: refused (``FileExistsError``) when anything is there,
    a link included, so nothing is ever written through one."""
    descriptor = os.open(path, _NEW_FLAGS, 0o666)
    try:
        _write_all(descriptor, data)
        if durable:
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_file(path: Path, data: bytes, *, named: bool = False, durable: bool = False) -> None:
    """Put ``data`` at ``path``: a new or regular file is replaced whole (temporary file, rename).

    ``named``: the user named ``path`` (``--output FILE``): a link there is followed, and a
    character device or a FIFO (``/dev/stdout``, ``/dev/null``, a named pipe) is written through;
    a FIFO that no process reads is refused rather than waited on."""
    if named and is_stream(path):
        _write_stream(path, data)
        return
    with replacing(path, follow=named, durable=durable) as temp:
        write_new(temp, data, durable=durable)


def is_stream(path: Path) -> bool:
    """Whether ``path`` is, or leads to, a character device or a FIFO: what :func:`write_file`
    writes through when the user named it (``/dev/stdout``, ``/proc/self/fd/1``, a named pipe)."""
    try:
        mode = os.stat(path).st_mode  # through links, /proc/self/fd/1 included
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _write_stream(path: Path, data: bytes) -> None:
    """Write ``data`` through the character device or FIFO at ``path``."""
    mode = os.stat(path).st_mode
    try:
        descriptor = os.open(path, _STREAM_FLAGS)
    except OSError as error:
        if stat.S_ISFIFO(mode) and error.errno == errno.ENXIO:
            raise Refused(path, _("a FIFO that no process reads"), "no-reader") from None
        raise
    try:
        opened = os.fstat(descriptor).st_mode
        if not (stat.S_ISCHR(opened) or stat.S_ISFIFO(opened)):
            raise Refused(path, _("a file that changed while it was opened"), "irregular")
        os.set_blocking(descriptor, True)  # opened without waiting for a reader; now write as usual
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def open_beside(path: Path) -> int:
    """A read-write descriptor of the small file iafr keeps at ``path`` (a lock, a stamp), created
    when missing: never through a link, never a FIFO or a device put in its place."""
    try:
        descriptor = os.open(path, _BESIDE_FLAGS, 0o644)
    except OSError as error:
        if os.path.islink(path):  # O_NOFOLLOW's ELOOP
            raise Refused(path, _("a symbolic link"), "link") from error
        raise
    try:
        _refuse_irregular(path, os.fstat(descriptor).st_mode, linked=False)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


# --- durability -------------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    """The file's bytes on disk (after it was written and closed)."""
    descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(directory: Path) -> None:
    """The directory's entries (a rename into it) on disk; a no-op where a directory cannot be opened."""
    with contextlib.suppress(OSError):  # not every platform can open a directory
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

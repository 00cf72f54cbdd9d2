"""Making a write survive a crash: a file's bytes, and a directory's entries, flushed to disk.

The atomic writers (the store's build, the data package export) write beside their target, fsync
the file, rename it into place, then fsync the directory so the rename itself is on disk.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_directory(directory: Path) -> None:
    """The directory's entries (a rename into it) on disk; a no-op where a directory cannot be opened."""
    with contextlib.suppress(OSError):  # not every platform can open a directory
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

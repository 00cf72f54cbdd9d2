"""The curator's local texts of the sources: read, checked against their mapping, indexed once.

``sources.yaml`` maps a source to a file of the ``--sources`` directory (``text``), with its
digest (``sha256``). What is wrong with a mapped file is a ``source-text`` problem at the
``text:`` line (a symbolic link out of the directory, a FIFO or a device is never read: see
:mod:`iafr.safefiles`); a file that exists but cannot be read stops the run (an environment failure).
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from iafr import safefiles
from iafr.corpus import Corpus
from iafr.errors import EnvironmentFailure, UsageError
from iafr.i18n import _
from iafr.models import Source
from iafr.problems import Problem, Severity
from iafr.quotes.citations import citations
from iafr.quotes.index import TextIndex, index_text

RULE = "source-text"
MAX_TEXT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """One source's text, indexed."""

    source: Source
    file: str  # as messages name it: the file name in the --sources directory
    index: TextIndex


SourceTexts = Mapping[str, SourceText]
"""Source id -> its text, for the sources whose text was read."""


def require_directory(directory: Path) -> None:
    """Stop with a usage error unless ``directory`` is one (before anything is read)."""
    if not directory.exists():
        raise UsageError(
            _("--sources {directory} does not exist; give the directory holding the sources' texts").format(
                directory=directory
            )
        )
    if not directory.is_dir():
        raise UsageError(
            _("--sources {directory} is not a directory; give the directory holding the sources' texts").format(
                directory=directory
            )
        )


def load_texts(corpus: Corpus, directory: Path) -> tuple[dict[str, SourceText], list[Problem]]:
    """Read every mapped text of ``directory``; each wrong mapping is a problem, not an exception."""
    require_directory(directory)
    texts: dict[str, SourceText] = {}
    problems: list[Problem] = []
    cited = _quotes_per_source(corpus)
    for source in corpus.of(Source):
        if source.text is None:
            if source.primary and cited.get(source.id):
                problems.append(
                    corpus.problem(
                        source,
                        ("id",),
                        RULE,
                        _(
                            "primary source {id!r} has no text, so its {value} quote(s) are not checked; add "
                            "'text: <file name>' (a file of the --sources directory)"
                        ).format(id=source.id, value=cited[source.id]),
                        Severity.WARNING,
                    )
                )
            continue
        raw = _read(corpus, source, directory, problems)
        if raw is not None:
            texts[source.id] = SourceText(source, source.text, index_text(raw, source.ocr, source.doubled_links))
    if not texts and not problems and "sources.yaml" in corpus.files:
        # (no primary source to warn about either: say it once, or nothing would say it at all)
        sources_file = corpus.files["sources.yaml"]
        line, column = sources_file.position(("sources",), prefer_key=True)
        message = _("no source maps a text ('text: <file name>'), so no quote was checked against --sources")
        problems.append(Problem(sources_file.shown, line, column, RULE, Severity.WARNING, message))
    return texts, problems


def _quotes_per_source(corpus: Corpus) -> dict[str, int]:
    counts: dict[str, int] = {}
    for citation in citations(corpus):
        if citation.ref.quote:
            counts[citation.ref.source] = counts.get(citation.ref.source, 0) + 1
    return counts


def _read(corpus: Corpus, source: Source, directory: Path, problems: list[Problem]) -> str | None:
    """The text of ``source``, or None with the reason added to ``problems``."""
    assert source.text is not None
    path = directory / source.text

    def problem(message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(corpus.problem(source, ("text",), RULE, message, severity))

    try:
        data = safefiles.read_bytes(path, limit=MAX_TEXT_BYTES, within=directory)
    except FileNotFoundError:
        problem(
            _("text file {text!r} is not in {directory}{did_you_mean}").format(
                text=source.text, directory=directory, did_you_mean=_did_you_mean(source.text, directory)
            )
        )
        return None
    except safefiles.Refused as refused:
        # a link out of the directory is never read (nor quoted back in a message), a FIFO never waited on
        if refused.kind == "too-large":
            message = _("{path} is {what} for a source text; give a shorter one")
        else:
            message = _("{path} is not a file but {what}; 'text' names a regular text file of the --sources directory")
        problem(message.format(path=path, what=refused.what))
        return None
    except OSError as error:
        raise EnvironmentFailure(
            _("cannot read {path}: {value}").format(path=path, value=error.strerror or error)
        ) from error
    text = _decode(data, path, problem)
    if text is None:
        return None
    digest = hashlib.sha256(data).hexdigest()
    if source.sha256 is None:
        problem(
            _("no sha256 for {text!r}: add 'sha256: {digest}' so a changed text is noticed").format(
                text=source.text, digest=digest
            ),
            Severity.WARNING,
        )
    elif source.sha256 != digest:
        problem(
            _(
                "{text!r} has changed: its sha256 is {value}…, sources.yaml says {value2}…; check this source's "
                "quotes, then set 'sha256: {digest}'"
            ).format(text=source.text, value=digest[:12], value2=source.sha256[:12], digest=digest)
        )
    if not text.strip():
        problem(_("{path} is empty").format(path=path))
        return None
    return text


def _decode(data: bytes, path: Path, problem: Callable[[str], None]) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problem(
            _(
                "{path} is UTF-16 (it starts with a byte order mark), not UTF-8; convert it: iconv -f UTF-16 -t UTF-8"
            ).format(path=path)
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problem(
            _(
                "{path} is not UTF-8 (byte 0x{value:02X} at line {line}, column {column}); convert it, e.g. "
                "iconv -f WINDOWS-1252 -t UTF-8"
            ).format(path=path, value=data[error.start], line=line, column=column)
        )
        return None
    if "\x00" in text:
        problem(_("{path} holds NUL bytes: not a text file").format(path=path))
        return None
    return text


def _did_you_mean(name: str, directory: Path) -> str:
    try:
        names = sorted(entry.name for entry in directory.iterdir() if entry.is_file())
    except OSError:
        return ""
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return _(" (did you mean {value!r}?)").format(value=close[0]) if close else ""

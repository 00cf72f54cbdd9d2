"""YAML → plain data, safely, with the position of every node (the only module importing yaml).

YAML is hostile by default, so this loader builds objects itself from the parser's events:
- aliases and anchors are refused (an "alias bomb" of a few hundred bytes expands to gigabytes);
- nesting depth and file size are capped before anything is built (the C parser can crash on
  very deep nesting);
- explicit tags are refused, so ``!!python/…`` constructs nothing;
- only YAML 1.2 core scalars are guessed: ``null``/``~``, ``true``/``false`` and decimal
  integers; everything else (``NO``, ``on``, ``010``, ``0x1F``, ``1_000``, ``1:30``, ``1.5``,
  ``2024-02-30``) stays text for the models to read exactly;
- duplicate keys and non-text keys are errors naming both lines; one document per file;
- bytes must be UTF-8 (a UTF-8 BOM is accepted and dropped).

Positions are 1-based ``(line, column)``. They are collected only when asked for
(:func:`locate`), by parsing once more, so the error-free path builds no position table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from iafr import safefiles
from iafr.i18n import _

try:  # the C parser is ~5x faster; the pure one is the fallback (both are tested)
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

from yaml import SafeLoader as _PureLoader
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

MAX_FILE_BYTES = safefiles.DEFAULT_LIMIT
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class YamlProblem(Exception):
    """A file that cannot be read as data; ``line``/``column`` are 1-based, 0 when unknown."""

    def __init__(self, message: str, line: int = 0, column: int = 0, rule: str = "yaml") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.rule = rule


class DuplicateKeys(YamlProblem):
    """The file parsed but repeats keys: ``problems`` names each repeat, ``data`` is the file's data
    (the later value of a repeated key), so that validation can go on and report the rest."""

    def __init__(self, problems: list[YamlProblem], data: Any) -> None:
        first = problems[0]
        super().__init__(first.message, first.line, first.column, first.rule)
        self.problems = problems
        self.data = data


@dataclass
class Positions:
    """Where each node starts: ``values[path]`` for the node, ``keys[path]`` for its key."""

    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def find(self, path: PathKey, prefer_key: bool = False) -> Position:
        """The position of ``path`` or, when it does not exist (a missing field), of its parent."""
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if prefer_key and length == len(path) and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


def loader_class(pure: bool = False) -> type[Any]:
    return _PureLoader if pure else _FastLoader


def using_c_loader() -> bool:
    return bool(getattr(yaml, "__with_libyaml__", False))


def read_text(path: Path, within: Path | None = None) -> str:
    """The file's text; raises :class:`YamlProblem` for what the file is, its size and encoding,
    ``OSError`` for I/O. ``within``: the directory a symbolic link may not lead out of (default:
    the file's own, the data directory)."""
    try:
        raw = safefiles.read_bytes(path, limit=MAX_FILE_BYTES, within=within)
    except safefiles.Refused as refused:
        raise YamlProblem(_refusal(path, refused), rule="file") from None
    return decode(raw)


def _refusal(path: Path, refused: safefiles.Refused) -> str:
    if refused.kind == "too-large":
        return _("file is {what}; split it").format(what=refused.what)
    if refused.kind == "directory":
        return _("{name} is a directory, expected a YAML file").format(name=path.name)
    if refused.kind == "link-out":
        return _("{name} is {what}; refused: a data file is read only from the data directory").format(
            name=path.name, what=refused.what
        )
    # a FIFO would block the read, a device never end it
    return _("{name} is {what}, not a regular file; expected a YAML file").format(name=path.name, what=refused.what)


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(_("file is UTF-16; save it as UTF-8"), 1, 1, rule="encoding")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        # Columns count characters, as editors and the YAML errors do, not bytes: "café \xff" is at 6.
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        raise YamlProblem(
            _("byte 0x{byte:02X} is not UTF-8; save the file as UTF-8").format(byte=byte), line, column, rule="encoding"
        ) from None


def load(text: str, *, pure: bool = False) -> Any:
    """Parse one YAML document into dicts, lists and scalars (no positions kept)."""
    try:
        return _load_fast(text, pure)
    except _Unusual:
        # Something to refuse or report: the careful builder finds it again and says where.
        builder = _build(text, pure, None)
        if builder.duplicates:
            raise DuplicateKeys(builder.duplicates, builder.result) from None
        return builder.result


def locate(text: str, *, pure: bool = False) -> Positions:
    """Parse again, this time recording the position of every node."""
    positions = Positions()
    _build(text, pure, positions)
    return positions


def _build(text: str, pure: bool, positions: Positions | None) -> _Builder:
    """Run the careful builder over the whole file; the pure parser takes over at libyaml's own depth limit.

    libyaml (0.2.5 as PyYAML 6.0.4 bundles it) refuses flow nesting past its own limit while
    scanning ahead, before iafr's cap sees the events, in its own words and at its own column.
    The pure parser has no such limit, so rerunning with it gives the same problem at the same
    place whichever libyaml is installed; it stops at MAX_DEPTH, so the rerun stays cheap.
    """
    builder = _Builder(positions)
    try:
        builder.build(_events(text, pure))
    except _ParserDepthLimit:
        if positions is not None:  # what the first run recorded is recorded again
            positions.values.clear()
            positions.keys.clear()
        builder = _Builder(positions)
        builder.build(_events(text, pure=True))
    return builder


class _ParserDepthLimit(Exception):
    """libyaml stopped at its own nesting limit: the pure parser will say where iafr's cap is."""


def _events(text: str, pure: bool) -> Iterator[Any]:
    parser = None
    try:
        # Built inside the try: the pure parser checks every character in its constructor.
        parser = loader_class(pure)(text)
        while parser.check_event():
            yield parser.get_event()
    except yaml.MarkedYAMLError as error:
        if not pure and "maximum nesting depth" in str(error.problem):
            raise _ParserDepthLimit from None
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlProblem(_yaml_message(error), line, column) from None
    except yaml.YAMLError as error:  # reader errors: a character YAML does not allow
        raise _unreadable(text, error) from None
    finally:
        if parser is not None:
            parser.dispose()


# What YAML 1.1 lets a stream hold (PyYAML's Reader.NON_PRINTABLE, the same set as libyaml).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unreadable(text: str, error: yaml.YAMLError) -> YamlProblem:
    # Found again here rather than taken from the error: the C parser reports a byte offset into
    # the UTF-8 encoding, which names the wrong line and column once a line holds an accent.
    match = _NON_PRINTABLE.search(text)
    if match is None:  # pragma: no cover - every reader error is a non-printable character
        return YamlProblem(
            _("unreadable character: {value}").format(value=getattr(error, "reason", None) or error), 0, 0
        )
    code = ord(match.group())
    line, column = _offset_to_position(text, match.start())
    hint = _("; is the file UTF-16? save it as UTF-8") if code == 0 else _("; remove it")
    return YamlProblem(
        _("character U+{code:04X} is not allowed in YAML{hint}").format(code=code, hint=hint), line, column
    )


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return _("invalid YAML: {details}").format(details=", ".join(parts)) if parts else _("invalid YAML")


def _offset_to_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _resolve_plain(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    # Most plain scalars are ids and words: test the first character before the regex.
    if value[0] in _INT_START and _INT.match(value):
        try:
            return int(value)
        except ValueError:  # above Python's 4300-digit limit: left as text for the models to refuse
            return value
    return value


_INT_START = frozenset("+-0123456789")


class _Unusual(Exception):
    """Raised by the fast path for anything but well-formed plain data; the slow path takes over."""


_NO_KEY: Any = object()


def _load_fast(text: str, pure: bool) -> Any:
    """What :class:`_Builder` builds without positions, in one loop, for data with no problem.

    Parsing dominates builds, and the builder's per-event method calls, marks and paths cost as
    much as the C parser itself; this loop does the same with local variables only. It accepts
    only what the builder accepts and raises :class:`_Unusual` for anything else (parser errors,
    aliases, anchors, tags, duplicate or non-text keys, depth, document count), so that the
    builder, run again, reports the problem with its message and position.
    """
    stack: list[tuple[Any, bool, Any]] = []  # the parents of ``container``: (container, is_map, key)
    container: Any = None  # the open dict or list; None at the top level
    is_map = False
    key = _NO_KEY  # in a mapping: the key waiting for its value
    result: Any = None
    documents = 0
    parser = None
    try:
        parser = loader_class(pure)(text)  # inside the try: the pure parser checks characters here
        for event in iter(parser.get_event, None):
            kind = event.__class__
            if kind is ScalarEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise _Unusual
                value = event.value
                # plain: style None (pure parser) or "" (C); the non-specific tag "!" means text
                if not event.style and event.implicit[0] and event.tag is None:
                    value = _resolve_plain(value)
                if is_map:
                    if key is _NO_KEY:
                        if value.__class__ is not str or value in container:
                            raise _Unusual
                        key = value
                        continue
                    container[key] = value
                    key = _NO_KEY
                elif container is not None:
                    container.append(value)
                else:
                    result = value
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    raise _Unusual
                if len(stack) >= MAX_DEPTH or (is_map and key is _NO_KEY):
                    raise _Unusual
                stack.append((container, is_map, key))
                is_map = kind is MappingStartEvent
                container = {} if is_map else []
                key = _NO_KEY
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = container
                container, is_map, key = stack.pop()
                if is_map:
                    container[key] = done
                    key = _NO_KEY
                elif container is not None:
                    container.append(done)
                else:
                    result = done
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
            elif kind is AliasEvent:
                raise _Unusual
            elif kind is StreamEndEvent:
                break
    except yaml.YAMLError:
        raise _Unusual from None
    finally:
        if parser is not None:
            parser.dispose()
    if documents == 0:
        raise _Unusual
    return result


class _Frame:
    __slots__ = ("container", "key", "key_lines", "key_position", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: PathKey) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_position: Position = (0, 0)
        self.key_lines: dict[str, int] = {}


class _Builder:
    """Turns an event stream into data; records positions when given a table."""

    def __init__(self, positions: Positions | None) -> None:
        self.positions = positions
        self.stack: list[_Frame] = []
        self.result: Any = None
        self.documents = 0
        self.duplicates: list[YamlProblem] = []

    def build(self, events: Iterator[Any]) -> Any:
        for event in events:
            self._on(event)
        if self.documents == 0:
            raise YamlProblem(_("file is empty; it should hold a mapping of sections"), 1, 1, rule="structure")
        return self.result

    def _on(self, event: Any) -> None:
        kind = type(event).__name__
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if kind == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(_("more than one YAML document ('---'); keep one per file"), *where)
            return
        if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
            return
        if kind == "AliasEvent":
            raise YamlProblem(_("aliases (*name) are not allowed; write the value out"), *where)
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            frame = self.stack.pop()
            self._attach(frame.container)
            return
        if getattr(event, "anchor", None) is not None:
            raise YamlProblem(
                _("anchors (&{anchor}) are not allowed; write the value out").format(anchor=event.anchor), *where
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise YamlProblem(_("explicit tags ({tag}) are not allowed; remove the tag").format(tag=tag), *where)
        if kind == "ScalarEvent":
            # plain: style None (pure parser) or "" (C); the non-specific tag "!" means text (YAML
            # spec), and the parsers disagree on its implicit flag: "a: !" was "" in C, None in pure
            plain = not event.style and event.implicit[0] and tag is None
            value = _resolve_plain(event.value) if plain else event.value
            self._add_scalar(value, where)
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem(_("nesting deeper than {MAX_DEPTH} levels").format(MAX_DEPTH=MAX_DEPTH), *where)
            container: dict[str, Any] | list[Any] = {} if kind == "MappingStartEvent" else []
            parent = self.stack[-1] if self.stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                raise YamlProblem(_("a mapping key must be text, not a list or mapping"), *where)
            path = self._child_path(parent)
            if self.positions is not None:
                self.positions.values[path] = where
                if parent is not None and isinstance(parent.container, dict):
                    self.positions.keys[path] = parent.key_position
            self.stack.append(_Frame(container, path))

    def _child_path(self, parent: _Frame | None) -> PathKey:
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            assert parent.key is not None
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.container))

    def _add_scalar(self, value: Any, where: Position) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            if not isinstance(value, str):
                shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else value
                raise YamlProblem(_("mapping key {shown!r} must be text; quote it").format(shown=shown), *where)
            first = parent.key_lines.get(value)
            if first is not None:
                # Reported, not fatal: the rest of the file still loads (the later value wins, as
                # PyYAML would have it), so one run can report every other problem too.
                self.duplicates.append(
                    YamlProblem(
                        _("duplicate key {value!r} (first on line {first}); keep one").format(value=value, first=first),
                        *where,
                        rule="duplicate-key",
                    )
                )
            else:
                parent.key_lines[value] = where[0]
            parent.key = value
            parent.key_position = where
            return
        path = self._child_path(parent)
        if self.positions is not None:
            self.positions.values[path] = where
            if parent is not None and isinstance(parent.container, dict):
                self.positions.keys[path] = parent.key_position
        self._attach(value)

    def _attach(self, value: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.result = value
            return
        if isinstance(parent.container, dict):
            assert parent.key is not None
            parent.container[parent.key] = value
            parent.key = None
        else:
            parent.container.append(value)

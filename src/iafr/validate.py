"""Data directory → validated models, every error mapped to ``file:line:col``."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from iafr import kinds
from iafr.corpus import Corpus, DataFile
from iafr.declaration import references
from iafr.errors import EnvironmentFailure
from iafr.i18n import N_, _, either
from iafr.kinds import CORPUS_INFO_FILE
from iafr.loader import DuplicateKeys, PathKey, YamlProblem, load, read_text
from iafr.models import CorpusInfo, Record
from iafr.problems import Problem, Severity

_ADAPTERS: dict[type[Record], TypeAdapter[list[Any]]] = {}
_FIELD_ADAPTERS: dict[tuple[type[Record], str], TypeAdapter[Any]] = {}


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def load_corpus(
    data_dir: Path, progress: Callable[[str, int, int], None] | None = None
) -> tuple[Corpus, list[Problem]]:
    """Read and validate every data file; a broken file is reported and the others still load."""
    corpus = Corpus(data_dir=data_dir)
    problems: list[Problem] = []
    files: dict[str, dict[str, type[Record]]] = kinds.file_models()
    optional = kinds.optional_files()
    names = (CORPUS_INFO_FILE, *files)
    for done, name in enumerate(names):
        if progress is not None:  # (file name, files done, files in all): reading is most of a build
            progress(name, done, len(names))
        path = data_dir / name
        shown = shown_path(path)
        if not path.exists():
            if name in optional:
                continue
            message = _("{name} is missing; create it").format(name=name)
            problems.append(Problem(shown, 0, 0, "missing-file", Severity.ERROR, message))
            continue
        data_file = _read(path, name, shown, problems)
        if data_file is None:
            continue
        corpus.files[name] = data_file
        if name == CORPUS_INFO_FILE:
            corpus.info = _validate_info(data_file, problems)
        else:
            _validate_sections(corpus, data_file, files[name], problems)
        # The records are models now and positions come from the text: the parsed dicts (more
        # memory than the models' own strings) are not kept through the rules and the build.
        data_file.data = None
    problems.extend(_unknown_files(data_dir))
    if progress is not None:
        progress("rules", len(names), len(names))
    return corpus, problems


def _read(path: Path, name: str, shown: str, problems: list[Problem]) -> DataFile | None:
    try:
        text = read_text(path)
        data = load(text)
    except DuplicateKeys as repeated:
        problems.extend(
            Problem(shown, dup.line, dup.column, dup.rule, Severity.ERROR, dup.message) for dup in repeated.problems
        )
        data = repeated.data
    except YamlProblem as problem:
        problems.append(Problem(shown, problem.line, problem.column, problem.rule, Severity.ERROR, problem.message))
        return None
    except OSError as error:
        raise EnvironmentFailure(
            _("{shown}: cannot read: {value}").format(shown=shown, value=error.strerror or error)
        ) from error
    return DataFile(name=name, shown=shown, text=text, data=data)


def _top_mapping(data_file: DataFile, expected: list[str], problems: list[Problem]) -> dict[str, Any] | None:
    if isinstance(data_file.data, dict):
        return data_file.data
    what = _("nothing") if data_file.data is None else type(data_file.data).__name__
    problems.append(
        Problem(
            data_file.shown,
            1,
            1,
            "structure",
            Severity.ERROR,
            _("the file holds {what}; it should be a mapping with {keys}").format(
                what=what, keys=", ".join(repr(k) for k in expected)
            ),
        )
    )
    return None


def _validate_info(data_file: DataFile, problems: list[Problem]) -> CorpusInfo | None:
    mapping = _top_mapping(data_file, list(CorpusInfo.model_fields), problems)
    if mapping is None:
        return None
    try:
        return CorpusInfo.model_validate(mapping)
    except ValidationError as error:
        problems.extend(_map_errors(error, data_file, (), CorpusInfo))
        return None


def _validate_sections(
    corpus: Corpus, data_file: DataFile, sections: dict[str, type[Record]], problems: list[Problem]
) -> None:
    mapping = _top_mapping(data_file, list(sections), problems)
    if mapping is None:
        return
    for key in mapping:
        if key not in sections:
            message = _("unknown section {key!r}{hint}; this file holds {sections}").format(
                key=key, hint=_did_you_mean(key, list(sections)), sections=", ".join(sections)
            )
            problems.append(_schema_problem(data_file, (key,), message, prefer_key=True))
    for section, model in sections.items():
        items = mapping.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            message = _("section {section!r} must be a list of records (items starting with '- ')").format(
                section=section
            )
            problems.append(_schema_problem(data_file, (section,), message))
            corpus.unreadable += 1
            continue
        target: list[Any] = corpus.records[section]
        results = list(_validate_list(items, model, data_file, section, problems))
        if section not in corpus.mixed and any(failed is not None for _, _, failed in results):
            corpus.mixed[section] = list(target)  # the records of earlier files, all valid
        mixed = corpus.mixed.get(section)
        for index, record, failed in results:
            corpus.where[id(record)] = (data_file.name, (section, index))
            if failed is None:
                target.append(record)
            else:
                corpus.failed[id(record)] = failed
                written_id = items[index].get("id")
                if "id" in failed and isinstance(written_id, str):
                    corpus.invalid_ids.setdefault(section, set()).add(written_id)
            if mixed is not None:
                mixed.append(record)
        corpus.unreadable += sum(not isinstance(item, dict) for item in items)


def _validate_list(
    items: list[Any], model: type[Record], data_file: DataFile, section: str, problems: list[Problem]
) -> Iterator[tuple[int, Record, frozenset[str] | None]]:
    """Each item that is a mapping, as a record: valid (``None``), or partial with the names of
    the fields that failed. Only a list with an invalid record pays for one-by-one validation."""
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    try:
        for index, record in enumerate(adapter.validate_python(items)):
            yield index, record, None
        return
    except ValidationError as error:
        problems.extend(_map_errors(error, data_file, (section,), model))
    for index, item in enumerate(items):
        try:
            yield index, model.model_validate(item), None
        except ValidationError:
            if isinstance(item, dict):
                yield index, *partial_record(model, item)


def partial_record(model: type[Record], item: dict[Any, Any]) -> tuple[Record, frozenset[str]]:
    """What validates of a record that failed as a whole: each field validated alone (a missing
    required field fails), and the names of those that failed, which the record does not have.
    A check across fields (a model validator) is not run: each value is right on its own."""
    values: dict[str, Any] = {}
    failed: set[str] = set()
    for name, info in model.model_fields.items():
        if name not in item:
            if info.is_required():
                failed.add(name)
            continue
        try:
            values[name] = _field_adapter(model, name).validate_python(item[name])
        except ValidationError:
            failed.add(name)
    record = model.model_construct(**values)
    for name in failed:  # not the default model_construct put there: reading it is an error
        record.__dict__.pop(name, None)
    return record, frozenset(failed)


def _field_adapter(model: type[Record], name: str) -> TypeAdapter[Any]:
    adapter = _FIELD_ADAPTERS.get((model, name))
    if adapter is None:
        info = model.model_fields[name]
        annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        config = ConfigDict(str_strip_whitespace=model.model_config.get("str_strip_whitespace", False))
        adapter = _FIELD_ADAPTERS[(model, name)] = TypeAdapter(annotation, config=config)
    return adapter


def _schema_problem(data_file: DataFile, path: PathKey, message: str, prefer_key: bool = False) -> Problem:
    line, column = data_file.position(path, prefer_key)
    return Problem(data_file.shown, line, column, "schema", Severity.ERROR, message)


def _map_errors(
    error: ValidationError, data_file: DataFile, prefix: tuple[str, ...], model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        path = (*prefix, *loc)
        unknown_field = detail["type"] == "extra_forbidden"  # placed on its key, not its value
        problems.append(_schema_problem(data_file, path, _message(detail, loc, model), prefer_key=unknown_field))
    return problems


def _field_model(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that owns the last field of ``loc`` (for did-you-mean suggestions)."""
    current: Any = model
    for part in loc[1:-1] if loc and isinstance(loc[0], int) else loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return None
        annotation = fields[part].annotation
        inner = [arg for arg in getattr(annotation, "__args__", ()) if isinstance(arg, type)]
        candidates = [arg for arg in (annotation, *inner) if isinstance(arg, type) and issubclass(arg, BaseModel)]
        if not candidates:
            return None
        current = candidates[0]
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _message(detail: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    names = [str(part) for part in loc if not isinstance(part, int)]
    name = names[-1] if names else ""
    kind = detail["type"]
    if kind == "extra_forbidden":
        owner = _field_model(model, loc)
        hint = _did_you_mean(name, list(owner.model_fields)) if owner else ""
        return _("unknown field {name!r}{hint}; remove or rename it").format(name=name, hint=hint)
    if kind == "missing":
        return _("missing required field {name!r}").format(name=name)
    text = _pydantic_message(detail)
    if kind == "string_pattern_mismatch" and name in {"id", "source"} | _id_fields():
        text = _("{value!r} is not a valid id; use lowercase letters, digits and single hyphens").format(
            value=detail["input"]
        )
    return f"{name}: {text}" if name else text


# pydantic's messages by error type, in the reader's language (pydantic speaks English only); a
# type not here keeps pydantic's words. iafr's own validators raise messages already translated.
_PYDANTIC_MESSAGES = {
    "int_parsing": N_("expected a whole number"),
    "int_type": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "decimal_parsing": N_("expected a number"),
    "decimal_type": N_("expected a number"),
    "float_parsing": N_("expected a number"),
    "float_type": N_("expected a number"),
    "string_type": N_("expected text"),
    "list_type": N_("expected a list (items starting with '- ')"),
    "bool_parsing": N_("expected true or false"),
    "bool_type": N_("expected true or false"),
    "date_parsing": N_("expected a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("expected a date (YYYY-MM-DD)"),
    "date_type": N_("expected a date (YYYY-MM-DD)"),
    "model_type": N_("expected a mapping of fields (key: value)"),
    "dict_type": N_("expected a mapping of fields (key: value)"),
    "url_parsing": N_("expected a web address (https://…)"),
    "url_scheme": N_("expected a web address (https://…)"),
}


def _pydantic_message(detail: Any) -> str:
    kind, context, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    if kind in ("enum", "literal_error"):
        expected = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        hint = _did_you_mean(str(value), expected) if isinstance(value, str) else ""
        return _("should be {values}").format(values=either([repr(choice) for choice in expected])) + hint
    if kind == "string_too_short" and value == "":
        return _("empty (or only spaces); write the text or remove the field")
    if kind == "string_too_long" and isinstance(value, str):
        return _("{length} characters, more than the {limit} allowed").format(
            length=len(value), limit=context["max_length"]
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        template = {
            "greater_than_equal": N_("should be {limit} or more"),
            "less_than_equal": N_("should be {limit} or less"),
            "greater_than": N_("should be more than {limit}"),
            "less_than": N_("should be less than {limit}"),
        }[kind]
        limit = next(iter(context.values()), "")
        return _(template).format(limit=limit)
    if kind in _PYDANTIC_MESSAGES:
        return _(_PYDANTIC_MESSAGES[kind])
    return str(detail["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _id_fields() -> set[str]:
    """The fields that hold ids of records (a link, a reference in a column), from the declarations."""
    return {found.field for found in references(kinds.KINDS)}


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return _(" (did you mean {value!r}?)").format(value=close[0]) if close else ""


def _unknown_files(data_dir: Path) -> list[Problem]:
    known = set(kinds.data_files())
    problems = []
    for path in sorted(data_dir.glob("*.y*ml")):
        if path.name not in known:
            problems.append(
                Problem(
                    shown_path(path),
                    0,
                    0,
                    "unknown-file",
                    Severity.WARNING,
                    _("{name} is not a corpus file and is ignored{hint}").format(
                        name=path.name, hint=_did_you_mean(path.name, sorted(known))
                    ),
                )
            )
    return problems

"""JSON Schemas of the data files, generated from the pydantic models.

One schema per YAML file, so that an editor's YAML language server (VS Code, Neovim…) checks
and completes fields while a curator types. The models stay the one authority: the schemas
are generated, committed under ``schemas/`` and a test keeps them up to date.

The JSON text is deterministic (sorted keys, fixed indentation, one trailing newline) so a
regeneration without model changes leaves git clean.

Ids: every field that names other records (a measure's ``axes``, a figure's ``funders``, a source
reference's ``source``…, as :mod:`iafr.kinds` declares them) points at one definition of
``ids.schema.json``, a schema of its own beside the others. The committed one lets any id through
(the id pattern): the data changes with every pull request, the committed schemas only with the
models. ``iafr schema --ids`` writes it from the corpus instead, each definition the enum of the
ids it may name, so that an editor completes them and flags an unknown one; ``--check`` accepts
either.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from iafr import kinds, safefiles
from iafr.declaration import references
from iafr.edtf import parse_when
from iafr.i18n import _
from iafr.kinds import CORPUS_INFO_FILE, data_files, file_models
from iafr.models import SLUG_PATTERN, CorpusInfo, Record, SourceRef, parse_period
from iafr.money import parse_amount, parse_money
from iafr.partial_date import parse_partial_date

if TYPE_CHECKING:
    from iafr.corpus import Corpus

# Draft 7: what the YAML language server behind VS Code implements; the keywords used here mean
# the same in later drafts, and ``$ref`` to ``#/$defs/…`` is a plain JSON pointer in every draft.
DIALECT = "http://json-schema.org/draft-07/schema#"

# What the YAML may hold where the models parse text themselves (pydantic would otherwise
# describe the parsed Python value: a Decimal as "number or numeric string", a date as an array).
AMOUNT_SCHEMA: JsonSchemaValue = {
    "anyOf": [
        {"type": "integer", "exclusiveMinimum": 0},
        {"type": "string", "minLength": 1},
    ],
    "description": (
        "Exact amount in full units: a whole number (1500000000) or French text ('1,5 Md€', '105 M€', "
        "'1 500 000 €'); no '.' and no floats."
    ),
    "examples": ["1,5 Md€", "105 M€", 1500000000],
}
DATE_SCHEMA: JsonSchemaValue = {
    "anyOf": [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "string", "pattern": r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"},
    ],
    "description": "A year (2024), a month ('2024-03') or a day ('2024-03-14').",
    "examples": ["2024-03", 2024],
}


WHEN_SCHEMA: JsonSchemaValue = {
    "anyOf": [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "string", "pattern": r"^(\[\.\.)?[0-9./~?%\-\[\]]+$"},
        {"type": "object", "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}}},
    ],
    "description": (
        "EDTF (a strict subset): a date (2023, '2023-06', '2023-06-14', '2023~' about), a period "
        "('2018/2022', '2019/..' from 2019 on, '../2025' ending by 2025) or '[..2024-03]' on or before."
    ),
    "examples": ["2023-06-14", "2018/2022", "2019/..", "[..2024-03]"],
}


class _YamlInputSchema(GenerateJsonSchema):
    """Describe what a curator writes in YAML rather than the Python value it becomes."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        function = schema["function"].get("function")
        if function in (parse_amount, parse_money):
            return dict(AMOUNT_SCHEMA)
        if function is parse_partial_date:
            return dict(DATE_SCHEMA)
        if function in (parse_when, parse_period):
            return dict(WHEN_SCHEMA)
        return super().function_before_schema(schema)


def schema_file_name(data_file: str) -> str:
    """``recommendations.yaml`` → ``recommendations.schema.json``."""
    return f"{Path(data_file).stem}.schema.json"


def _definitions(models: list[type[Record]]) -> dict[str, Any]:
    _mapping, top = models_json_schema(
        [(model, "validation") for model in models], schema_generator=_YamlInputSchema, ref_template="#/$defs/{model}"
    )
    definitions: dict[str, Any] = top.get("$defs", {})
    for name, fields in _links().items():
        properties = definitions.get(name, {}).get("properties", {})
        for field_name, targets in fields.items():
            if field_name in properties:
                properties[field_name] = _to_ids(properties[field_name], _ids_name(targets))
    return definitions


# --- ids -----------------------------------------------------------------------------------------

IDS_FILE = "ids.schema.json"
"""The schema every link field points at: any id as committed, the corpus's ids after ``--ids``."""


def _ids_name(targets: tuple[str, ...]) -> str:
    """The definition of the ids a link may name: ``actors``, ``measures-or-funding``."""
    return "-or-".join(targets)


def _links() -> dict[str, dict[str, tuple[str, ...]]]:
    """Model name -> field -> the kinds its ids name: every link the declarations know, and each
    source reference's ``source``."""
    found: dict[str, dict[str, tuple[str, ...]]] = {SourceRef.__name__: {"source": ("sources",)}}
    for place in references(kinds.KINDS):
        model = place.kind.model_class()
        if place.nested is not None:  # a sub-record's model: the list's item type
            (model,) = get_args(model.model_fields[place.nested.field].annotation)
        found.setdefault(model.__name__, {})[place.field] = place.ref.targets
    return found


def _to_ids(node: Any, name: str) -> Any:
    """``node`` (a property's schema) with each id in it (a string of the id pattern) pointing at
    the ids it may name: the field itself, a list's items, an optional field's id branch."""
    if isinstance(node, dict):
        if node.get("pattern") == SLUG_PATTERN:
            kept = {key: node[key] for key in ("title", "description") if key in node}
            return {"$ref": f"{IDS_FILE}#/$defs/{name}", **kept}
        return {key: _to_ids(value, name) if key in ("items", "anyOf") else value for key, value in node.items()}
    if isinstance(node, list):
        return [_to_ids(item, name) for item in node]
    return node


def ids_schema(corpus: Corpus | None = None) -> dict[str, Any]:
    """The schema of the ids the links name: with ``corpus``, each the enum of its records' ids
    (sorted); without, any id (the committed one)."""
    any_id = {"type": "string", "maxLength": 80, "pattern": SLUG_PATTERN}
    definitions = {}
    for targets in sorted({targets for fields in _links().values() for targets in fields.values()}):
        if corpus is None:
            definitions[_ids_name(targets)] = dict(any_id)
        else:
            ids = sorted({record.id for section in targets for record in corpus.records.get(section, [])})
            definitions[_ids_name(targets)] = {"type": "string", "enum": ids}
    return {
        "$schema": DIALECT,
        "title": "iafr ids",
        "description": (
            "The ids each link of the data files may name. As committed, any id; 'iafr schema --ids' writes the "
            "corpus's own, so that an editor completes them and flags an unknown one."
        )
        if corpus is None
        else "The ids each link of the data files may name: the corpus's own (written by 'iafr schema --ids').",
        "$defs": definitions,
    }


def file_schema(data_file: str) -> dict[str, Any]:
    """The JSON Schema of one data file of the corpus."""
    header: dict[str, Any] = {"$schema": DIALECT, "title": f"iafr {data_file}"}
    if data_file == CORPUS_INFO_FILE:
        definitions = _definitions([CorpusInfo])
        info = definitions.pop(CorpusInfo.__name__)
        return {**info, **header, **({"$defs": definitions} if definitions else {})}
    sections = file_models()[data_file]
    properties = {
        section: {
            "description": f"A list of {model.__name__} records.",
            "items": {"$ref": f"#/$defs/{model.__name__}"},
            "type": ["array", "null"],
        }
        for section, model in sections.items()
    }
    return {
        **header,
        "description": f"{data_file}: holds {', '.join(sections)}.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": _definitions(list(sections.values())),
    }


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generate(corpus: Corpus | None = None) -> dict[str, str]:
    """Every schema file's name and text, in the order of the data files, then the ids' (the
    corpus's ids with ``corpus``, any id without)."""
    files = {schema_file_name(name): render_schema(file_schema(name)) for name in data_files()}
    return {**files, IDS_FILE: render_schema(ids_schema(corpus))}


def write_schemas(directory: Path, corpus: Corpus | None = None) -> list[Path]:
    """Write the schemas into ``directory``; returns the files whose content changed.

    Each file is replaced whole (a temporary file renamed over it), and only a regular file or
    a new one: a link, a FIFO or a device in the directory is refused (:class:`safefiles.Refused`)
    before any file is written, never written through nor waited on."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = generate(corpus)
    for name in texts:
        safefiles.writable(directory / name)
    changed = []
    for name, text in texts.items():
        path = directory / name
        data = text.encode("utf-8")
        if _current(path) != data:
            safefiles.write_file(path, data)
            changed.append(path)
    return changed


def _current(path: Path) -> bytes | None:
    """The bytes of a schema file as it is, None when there is none (or no regular file)."""
    try:
        return safefiles.read_bytes(path, limit=MAX_SCHEMA_BYTES, links=False)
    except (OSError, safefiles.Refused):
        return None


MAX_SCHEMA_BYTES = 16 * 1024 * 1024
"""A schema file larger than this is not one iafr wrote (they are a few hundred kilobytes at most)."""


def stale_schemas(directory: Path, corpus: Callable[[], Corpus | None] = lambda: None) -> dict[str, str]:
    """The schema files in ``directory`` that are missing or differ from the models, each with
    what is wrong: "out of date", or what stands in its place ("a FIFO": never read). The ids'
    schema may also be the one ``--ids`` writes for ``corpus()`` (read only when needed)."""
    stale = {}
    for name, text in generate().items():
        path = directory / name
        try:
            current = safefiles.read_bytes(path, limit=MAX_SCHEMA_BYTES, links=False)
        except safefiles.Refused as refused:
            stale[name] = _("{what}, not a schema file").format(what=refused.what)
            continue
        except OSError:
            current = None
        if current != text.encode("utf-8") and not (name == IDS_FILE and current == _ids_of(corpus())):
            stale[name] = "out of date"
    return stale


def _ids_of(corpus: Corpus | None) -> bytes | None:
    return None if corpus is None else render_schema(ids_schema(corpus)).encode("utf-8")

"""Table Schema fields, derived from the pydantic models and the store's declarations.

A model field gives its type (``bool`` → boolean, ``int`` → integer, ``Decimal`` → number, a
vocabulary → a string with its ``enum``, a partial date or an EDTF time → a string with their
pattern), its ``pattern``, its minimum and maximum, whether it may be empty and its description;
a column no field holds (``year``, ``earliest``…) gives its own through its declaration's ``form``
and ``doc``. Nothing here lists a table's columns.

Patterns are written for XML Schema as well as Python (Table Schema's ``pattern`` is implicitly
anchored, and XML Schema has no ``(?:``), and grouped, so that an anchored alternation still means
the whole value.
"""

from __future__ import annotations

import types
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator

from iafr import edtf, partial_date
from iafr.declaration import Column
from iafr.i18n import N_, _
from iafr.money import parse_money

Field = dict[str, Any]
"""One field of a Table Schema: ``name``, ``type``, ``constraints``…"""

LIST_SEPARATOR = ";"  # how a listing's CSV joins a list (iafr.render.toolkit.plain)
_BOOLEAN = {"trueValues": ["true"], "falseValues": ["false"]}  # as the CSV writes booleans
_MONEY = N_("Exact, in full units of the currency (a decimal number: 109000000000 is 109 Md€).")
_EDTF = N_(
    "A time as uncertain as its source, in EDTF (ISO 8601-2): a date (2023, 2023-06, 2023-06-14, 2023~ about), "
    "a period (2018/2022, 2019/.. from 2019 on, ../2025 ending by 2025), [..2024-03] on or before, "
    "[2023-10..] on or after."
)


def xsd_pattern(pattern: str) -> str:
    """``^[a-z]+(?:-[a-z]+)*$`` → ``([a-z]+(-[a-z]+)*)``: the same language, anchors implicit."""
    return "(" + pattern.removeprefix("^").removesuffix("$").replace("(?:", "(") + ")"


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The type under ``Optional`` and ``Annotated``, the metadata met, and whether None is allowed."""
    metadata: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
        elif origin in (Union, types.UnionType):
            kept = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = optional or len(kept) < len(get_args(annotation))
            (annotation,) = kept
        else:
            return annotation, metadata, optional


def _parsers(metadata: list[Any]) -> set[Any]:
    return {item.func for item in metadata if isinstance(item, BeforeValidator)}


def _pattern(metadata: list[Any]) -> str | None:
    return next((item.pattern for item in metadata if getattr(item, "pattern", None)), None)


def _scalar(base: Any, metadata: list[Any]) -> Field:
    """The type and constraints of one value of ``base`` (an unwrapped annotation)."""
    parsers = _parsers(metadata)
    constraints: dict[str, Any] = {}
    result: Field
    if base is bool:
        result = {"type": "boolean", **_BOOLEAN}
    elif base is int:
        result = {"type": "integer"}
        minimum = next((item.ge for item in metadata if hasattr(item, "ge")), None)
        if minimum is not None:
            constraints["minimum"] = minimum
        maximum = next((item.le for item in metadata if hasattr(item, "le")), None)
        if maximum is not None:
            constraints["maximum"] = maximum
    elif base is Decimal:
        # exact decimal text in full units; not an integer, since the models accept cents
        money = parse_money in parsers
        result = {"type": "number", "description": _(_MONEY) if money else _("An exact decimal number.")}
    elif base is partial_date.PartialDate or partial_date.parse_partial_date in parsers:
        result = {"type": "string", "description": _("A year, a month or a day (ISO 8601: 2024, 2024-03, 2024-03-14).")}
        constraints["pattern"] = xsd_pattern(partial_date.PATTERN)
    elif base is edtf.When:
        result = {"type": "string", "description": _(_EDTF)}
        constraints["pattern"] = xsd_pattern(edtf.PATTERN)
    elif isinstance(base, type) and issubclass(base, Enum):
        result = {"type": "string"}
        constraints["enum"] = [member.value for member in base]
    elif base is str:
        result = {"type": "string"}
        pattern = _pattern(metadata)
        if pattern:
            constraints["pattern"] = xsd_pattern(pattern)
    else:  # pragma: no cover - a new kind of field: say so rather than publish a wrong type
        raise TypeError(f"no Table Schema type for {base!r}")
    return {**result, **({"constraints": constraints} if constraints else {})}


def _item(annotation: Any) -> Field:
    """One item of a list field; a list of source references is shown as the ids they reference."""
    base, metadata, _optional = _unwrap(annotation)
    if isinstance(base, type) and issubclass(base, BaseModel) and "source" in base.model_fields:
        info = base.model_fields["source"]
        base, metadata, _optional = _unwrap(info.annotation)
        metadata = [*info.metadata, *metadata]
    return _scalar(base, metadata)


def item_field(model: type[BaseModel], name: str, column: str, description: str) -> Field:
    """A column holding one item of the list field ``model.name`` per row (a link table's)."""
    (item,) = get_args(_unwrap(model.model_fields[name].annotation)[0])
    return _required({"name": column, **_item(item)}, True) | {"description": description}


def _joined(item: Field) -> Field:
    """A list as a listing's CSV writes it: its items joined with ';' (a pattern when they have one)."""
    field: Field = {"type": "string"}  # not Table Schema 2's "list": what catalogues read is version 1
    pattern = item.get("constraints", {}).get("pattern")
    if pattern:
        field["constraints"] = {"pattern": f"({pattern}({LIST_SEPARATOR}{pattern})*)?"}
    return field


def _required(field: Field, required: bool) -> Field:
    if required:
        field = {**field, "constraints": {"required": True, **field.get("constraints", {})}}
    return field


def model_field(model: type[BaseModel], name: str, column: str | None = None) -> Field:
    """The Table Schema field of ``model.name``, named ``column`` (default: the field's name)."""
    info = model.model_fields[name]
    base, metadata, optional = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    if get_origin(base) is list:
        (item,) = get_args(base)
        field = _joined(_item(item))
        required = any(getattr(entry, "min_length", 0) for entry in metadata)  # axes: at least one
        description = " ".join(filter(None, [_(info.description or ""), _("Joined with ';'.")]))
    else:
        field = _scalar(base, metadata)
        required = not optional  # a field with a default always has a value
        description = " ".join(filter(None, [_(info.description or ""), field.pop("description", None)]))
    field = _required({"name": column or name, **field}, required)
    if info.examples:  # for a column the data leaves empty, the example the model gives
        field["example"] = str(info.examples[0])
    return {**field, "description": description} if description else field


def derived_field(column: Column) -> Field:
    """A column no model field holds (``year``, ``earliest``, ``when``…), from its declaration."""
    form = column.form
    if form == "year":
        field: Field = {"type": "year"}
    elif form == "date":
        field = {"type": "date"}
    elif form == "edtf":
        field = {"type": "string", "constraints": {"pattern": xsd_pattern(edtf.PATTERN)}}
    else:
        field = {"type": "integer" if column.type is int else "string"}
    return {"name": column.name, **field, **({"description": _(column.doc)} if column.doc else {})}


def id_field(name: str, model: type[BaseModel], description: str) -> Field:
    """A column holding an id of ``model``'s records (``measure_id``…): its pattern, never empty."""
    return {**model_field(model, "id", name), "description": description}


def plain_field(name: str, type_: str, description: str, **constraints: Any) -> Field:
    """A field the models do not describe (a position, a count, a fixed role)."""
    return {"name": name, "type": type_, "description": description, "constraints": {"required": True, **constraints}}

"""The configuration `pwc manifest --config` checks and deploys, where its
numbers and JSON values matter: what the module refuses in a `double` or a
`dyn` that a JSON Schema cannot say, and the text handed to the module.

The text is read with every number kept as written (`JsonInt` for an
integer, `JsonDecimal` for a number with a fraction or an exponent), so that a
`double` or a number inside a `dyn` reaches the module exactly as given
(`-0` stays -0.0 for a double, `1.50` stays a double in a dyn).  The module
refuses (stdlib/cfg_json.wat): a double beyond the double range (`1e400`, a
400-digit integer), and in a dyn a number with a fraction or an exponent
beyond it (its integers may be any size); a repeated key anywhere is
refused while parsing (manifest.py).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from . import types


class JsonInt(int):
    """An integer of the configuration, with its text as written (`-0`)."""

    text: str

    def __new__(cls, text: str) -> JsonInt:
        # through Decimal: int() refuses texts of over 4300 digits, which a dyn keeps
        number = super().__new__(cls, int(Decimal(text)) if len(text) > 4000 else int(text))
        number.text = text
        return number


class JsonDecimal(Decimal):
    """A number with a fraction or an exponent, with its text as written (`1.50`, `1e400`)."""

    text: str

    def __new__(cls, text: str) -> JsonDecimal:
        number = super().__new__(cls, text)
        number.text = text
        return number


def number_problems(value: Any, t: types.Type, where: str = "") -> list[str]:
    """What the module refuses in the numbers of `value`, read as `t` (values
    of the wrong JSON type are the schema's to name, and skipped here)."""
    if isinstance(t, types.RecordType) and isinstance(value, dict):
        return [problem for f in t.fields if f.name in value
                for problem in number_problems(value[f.name], f.type, f"{where}.{f.name}" if where else f.name)]
    if t.kind == "list" and t.item is not None and isinstance(value, list):
        return [problem for i, item in enumerate(value) for problem in number_problems(item, t.item, f"{where}[{i}]")]
    if t.kind == "map" and t.item is not None and isinstance(value, dict):
        return [problem for key, item in value.items() for problem in number_problems(item, t.item, f"{where}.{key}")]
    if t is types.DOUBLE and isinstance(value, (int, Decimal)) and not isinstance(value, bool) \
            and not _is_double(value):
        return [f"key {json.dumps(where)}: {_shown(value)} is beyond the double range"]
    if t is types.DYN:
        beyond = _beyond_double(value)
        if beyond is not None:
            return [f"key {json.dumps(where)}: {beyond} is beyond the double range (a JSON value's numbers with a "
                    "fraction or an exponent are doubles)"]
    return []


def _is_double(number: int | Decimal) -> bool:
    try:
        return abs(float(number)) != float("inf")
    except OverflowError:  # an int too large for a float
        return False


def _beyond_double(value: Any) -> str | None:
    """The first number with a fraction or an exponent beyond the double range in a JSON value."""
    if isinstance(value, Decimal):
        return None if _is_double(value) else _shown(value)
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return next((found for item in items if (found := _beyond_double(item)) is not None), None)


def deployed_text(config: dict[str, Any], t: types.RecordType) -> str:
    """The configuration as the module reads it: compact JSON, a record's and
    a map's keys sorted (deterministic), a dyn as given (its keys' order is
    part of its value), numbers as written."""
    return _json(config, t)


def _json(value: Any, t: types.Type | None) -> str:
    """`value` as JSON text; `t` None inside a dyn (keys kept in order)."""
    if isinstance(value, dict):
        keyed = t is not None and t is not types.DYN
        members = sorted(value.items()) if keyed else list(value.items())
        return "{" + ",".join(json.dumps(key, ensure_ascii=False) + ":" + _json(item, _member_type(t, key))
                              for key, item in members) + "}"
    if isinstance(value, list):
        item_type = t.item if t is not None and t.kind == "list" else None
        return "[" + ",".join(_json(item, item_type) for item in value) + "]"
    if isinstance(value, (JsonInt, Decimal)):
        return _text(value)
    return json.dumps(value, ensure_ascii=False)


def _member_type(t: types.Type | None, key: str) -> types.Type | None:
    if isinstance(t, types.RecordType):
        field = t.field_named(key)
        return field.type if field is not None else None
    if t is not None and t.kind == "map":
        return t.item
    return None


def _text(number: int | Decimal) -> str:
    return number.text if isinstance(number, (JsonInt, JsonDecimal)) else str(number)


def _shown(number: int | Decimal) -> str:
    """A number in a message: its text, cut after 48 bytes as the module cuts it."""
    text = _text(number)
    return text if len(text) <= 48 else text[:48] + "..."

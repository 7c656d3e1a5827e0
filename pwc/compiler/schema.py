"""The JSON Schema of a filter's configuration, from its `config` block and
record types.

The module checks the same rules when Envoy configures it (stdlib/cfg.wat),
so a document this schema accepts is one the module accepts, with caveats
a schema cannot express, all refused by the module:
- a key given twice (JSON parsers keep the last);
- an integer written with a fraction or an exponent (`1.0`, `1e3`), which
  JSON Schema counts as an integer: parse numbers as decimals to see it
  (Python: `parse_float=Decimal`);
- a lone surrogate escape (`"\\ud83d"`), which some JSON parsers accept;
- a duration past 2^63-1 milliseconds (`"2562047788016h"`);
- a number beyond the double range (`1e400`, or a 400-digit integer) for
  a `double`, and one with a fraction or an exponent beyond it anywhere in
  a `dyn` (whose integers may be any size); an object in a `dyn` repeating
  a key, as everywhere (the first caveat);
- a `cidr` or `ip` whose text has the right shape but is not one (`"1.2.3.4/40"`),
  and a `regex` that RE2 would refuse: the schema says only "a string" of
  the right shape (`format` names what it is).
Record types become `$defs` entries, referenced where they are used.
"""

from __future__ import annotations

import json
from typing import Any

from . import types
from .checked import Checked

DURATION_PATTERN = r"^([0-9]+(ms|s|m|h))+$"
INT64 = {"minimum": -(2**63), "maximum": 2**63 - 1}
# JSON Schema for each scalar type.
_SCALARS: dict[types.Type, dict[str, Any]] = {
    types.STRING: {"type": "string"},
    types.INT: {"type": "integer", **INT64, "description": "an integer written without fraction or exponent"},
    types.BOOL: {"type": "boolean"},
    types.DURATION: {"type": "string", "pattern": DURATION_PATTERN,
                     "description": 'a duration: one or more NUMBER UNIT groups, units ms, s, m, h ("250ms", "1m30s")'},
    types.REGEX: {"type": "string", "format": "regex", "description": "an RE2 pattern"},
    types.CIDR: {"type": "string", "pattern": r"^[0-9A-Fa-f.:]+(/[0-9]{1,3})?$",
                 "description": 'a network ADDRESS/PREFIX, IPv4 or IPv6 ("10.0.0.0/8"), or an address alone (one host)'},
    types.IP: {"type": "string", "pattern": r"^[0-9A-Fa-f.:]+$", "description": "an IPv4 or IPv6 address"},
    types.DOUBLE: {"type": "number", "description": "a number, read as a double (IEEE 754 binary64)"},
    types.DYN: {"description": "any JSON value, null included, read as the language's JSON value (dyn)"},
}


def json_schema(checked: Checked) -> dict:
    """A JSON Schema (draft 2020-12) for the filter's plugin configuration."""
    definitions: dict[str, dict] = {}
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"configuration of the pwc filter \"{checked.module.filter_name}\"",
        **_object([entry.field for entry in checked.config], definitions),
    }
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _object(fields: list[types.Field], definitions: dict[str, dict]) -> dict:
    """An object of exactly these fields, the required ones required."""
    properties = {}
    for field in fields:
        prop = dict(_type(field.type, definitions))
        if field.default is not None:
            prop["default"] = _json_default(field.type, field.default)
        properties[field.name] = prop
    result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [field.name for field in fields if field.required]
    if required:
        result["required"] = required
    return result


def _type(t: types.Type, definitions: dict[str, dict]) -> dict:
    if t.kind == "list":
        assert t.item is not None, "a list has an item type"
        return {"type": "array", "items": _type(t.item, definitions)}
    if t.kind == "map":
        assert t.item is not None, "a map has a value type"
        return {"type": "object", "additionalProperties": _type(t.item, definitions)}
    if isinstance(t, types.RecordType):
        if t.name not in definitions:
            definitions[t.name] = {}  # placeholder: records cannot hold themselves, but keep the walk finite
            definitions[t.name] = {"title": t.name, **_object(t.fields, definitions)}
        return {"$ref": f"#/$defs/{t.name}"}
    return _SCALARS[t]


def _json_default(t: types.Type, value: Any) -> Any:
    """A default as JSON would give it (durations as text)."""
    if t is types.DURATION:
        return duration_text(value)
    if t is types.DYN:
        return json.loads(value)
    if t.kind == "list" and t.item is not None:
        return [_json_default(t.item, item) for item in value]
    if t.kind == "map" and t.item is not None:
        return {key: _json_default(t.item, item) for key, item in value.items()}
    if isinstance(t, types.RecordType):
        return {f.name: _json_default(f.type, value[f.name]) for f in t.fields if f.name in value}
    return value


def duration_text(ms: int) -> str:
    """Milliseconds as duration text the module reads: 90000 -> "1m30s", 0 -> "0s"."""
    parts = []
    for unit, size in (("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)):
        if ms >= size:
            parts.append(f"{ms // size}{unit}")
            ms %= size
    return "".join(parts) or "0s"


def syntax_tree_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the syntax tree's JSON form: what `pwc parse
    --json` writes and `pwc compile --from-json` reads, from the tree's own models
    (syntax.py), so it cannot drift from them.  It describes what the models accept;
    the checker's rules (names, types) are beyond a schema, as for a .pwf text."""
    from . import syntax

    tree = syntax.Module.model_json_schema(mode="validation")
    tree.pop("title", None)  # pydantic's, the model's class name
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "the syntax tree of a pwc filter (pwc parse --json)", **tree}

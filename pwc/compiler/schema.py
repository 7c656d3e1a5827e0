"""The JSON Schema of a filter's configuration, from its `config` block.

The module checks the same rules when Envoy configures it (stdlib/json.wat),
so a document this schema accepts is one the module accepts, with four
caveats a schema cannot express, all refused by the module:
- a key given twice (JSON parsers keep the last);
- an integer written with a fraction or an exponent (`1.0`, `1e3`), which
  JSON Schema counts as an integer: parse numbers as decimals to see it
  (Python: `parse_float=Decimal`);
- a lone surrogate escape (`"\ud83d"`), which some JSON parsers accept;
- a duration past 2^63-1 milliseconds (`"2562047788016h"`).
"""

from __future__ import annotations

from . import types
from .checked import Checked, ConfigEntry

DURATION_PATTERN = r"^([0-9]+(ms|s|m|h))+$"
INT64 = {"minimum": -(2**63), "maximum": 2**63 - 1}


def _property(entry: ConfigEntry) -> dict:
    if entry.type is types.STRING:
        return {"type": "string"}
    if entry.type is types.INT:
        return {"type": "integer", **INT64, "description": "an integer written without fraction or exponent"}
    if entry.type is types.BOOL:
        return {"type": "boolean"}
    if entry.type is types.DURATION:
        return {"type": "string", "pattern": DURATION_PATTERN,
                "description": 'a duration: one or more NUMBER UNIT groups, units ms, s, m, h ("250ms", "1m30s")'}
    if entry.type is types.LIST:
        return {"type": "array", "items": {"type": "string"}}
    return {"type": "object", "additionalProperties": {"type": "string"}}


def json_schema(checked: Checked) -> dict:
    """A JSON Schema (draft 2020-12) for the filter's plugin configuration."""
    properties = {}
    for entry in checked.config:
        prop = _property(entry)
        if entry.default is not None:
            prop["default"] = _default_value(entry.default)
        properties[entry.name] = prop
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"configuration of the pwc filter \"{checked.module.filter_name}\"",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = [entry.name for entry in checked.config if entry.default is None]
    if required:
        schema["required"] = required
    return schema


def _default_value(node):
    from . import syntax

    if isinstance(node, syntax.DurationLit):
        return node.text
    if isinstance(node, syntax.Unary):
        return -node.operand.value
    if isinstance(node, syntax.ListLit):
        return [item.value for item in node.items]
    if isinstance(node, syntax.MapLit):
        return {entry.key.value: entry.value.value for entry in node.entries}
    return node.value

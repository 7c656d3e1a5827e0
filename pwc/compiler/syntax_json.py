"""The JSON form of the syntax tree (`pwc parse --json`, `pwc compile
--from-json`): syntax.Module written and read with pydantic, validated
against the node dataclasses (their `kind` tells the members of a union
apart; an unknown key is an error).

pydantic is imported here, at the first use of the JSON form: compiling
.pwf text never needs it (that import was a third of a compile's time).
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING

from . import syntax
from .source import MAX_OFFSET

if TYPE_CHECKING:
    from pydantic import TypeAdapter


@cache
def _adapter() -> TypeAdapter[syntax.Module]:
    from pydantic import TypeAdapter

    return TypeAdapter(syntax.Module)


def dump(module: syntax.Module, indent: int | None = None) -> str:
    """The tree as JSON, fields in their declaration order."""
    return _adapter().dump_json(module, indent=indent).decode()


def json_schema() -> dict:
    """The JSON Schema of the form `load` accepts (`pwc schema --syntax-tree`).
    A list field that defaults to empty says so (`"default": []`), which
    pydantic leaves out for a dataclass field's default factory."""
    schema = _adapter().json_schema(mode="validation")
    for node in _node_classes():
        properties = schema.get("$defs", {}).get(node.__name__, {}).get("properties", {})
        if node is syntax.Module:
            properties = schema.get("properties", {})
        for member in dataclasses.fields(node):
            if member.default_factory is list and member.name in properties:
                properties[member.name] = {"default": [], **properties[member.name]}
    for member in schema.get("$defs", {}).get("Span", {}).get("properties", {}).values():
        member.update(minimum=0, maximum=MAX_OFFSET)  # Span.__post_init__'s check, for generators to read
    return schema


def _node_classes() -> list[type[syntax.Node]]:
    found, pending = [], [syntax.Node]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(node.__subclasses__())
    return found


def load(text: str) -> tuple[syntax.Module | None, list[tuple[str, str]]]:
    """The tree a JSON document holds, or None and each problem as (JSON
    path, pydantic's words for it), in pydantic's order."""
    from pydantic import ValidationError

    try:
        return _adapter().validate_json(text), []
    except ValidationError as error:
        return None, [(".".join(str(part) for part in problem["loc"]) or "(document)", _words(problem))
                      for problem in error.errors()]


def _words(problem) -> str:
    """pydantic's words for a problem; a check of ours (a ValueError) in its own words."""
    if problem["type"] == "value_error" and "error" in problem.get("ctx", {}):
        return str(problem["ctx"]["error"])
    return _WORDS.get(problem["type"], problem["msg"])


# pydantic words a key the node does not have as a dataclass argument; say
# it as for any JSON document.
_WORDS = {"unexpected_keyword_argument": "Extra inputs are not permitted"}

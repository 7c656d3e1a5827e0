"""The JSON form of the syntax tree (`pwc parse --json`, `pwc compile
--from-json`): syntax.Module written and read with pydantic, validated
against the node dataclasses (their `kind` tells the members of a union
apart; an unknown key is an error).

pydantic is imported here, at the first use of the JSON form: compiling
.pwf text never needs it (that import was a third of a compile's time).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from . import syntax

if TYPE_CHECKING:
    from pydantic import TypeAdapter


@cache
def _adapter() -> TypeAdapter[syntax.Module]:
    from pydantic import TypeAdapter

    return TypeAdapter(syntax.Module)


def dump(module: syntax.Module, indent: int | None = None) -> str:
    """The tree as JSON, fields in their declaration order."""
    return _adapter().dump_json(module, indent=indent).decode()


def load(text: str) -> tuple[syntax.Module | None, list[tuple[str, str]]]:
    """The tree a JSON document holds, or None and each problem as (JSON
    path, pydantic's words for it), in pydantic's order."""
    from pydantic import ValidationError

    try:
        return _adapter().validate_json(text), []
    except ValidationError as error:
        return None, [(".".join(str(part) for part in problem["loc"]) or "(document)",
                       _WORDS.get(problem["type"], problem["msg"])) for problem in error.errors()]


# pydantic words a key the node does not have as a dataclass argument; say
# it as for any JSON document.
_WORDS = {"unexpected_keyword_argument": "Extra inputs are not permitted"}

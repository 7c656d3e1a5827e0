"""The checks of JSON values (`dyn`), apart from checker.py: reads through
keys and indexes, comparisons, and writes into `request.json` and
`response.json` (their keys, in their own body phase)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import attributes, messages, syntax, types
from .checked import AttributeRef

if TYPE_CHECKING:
    from .checker import _Checker, _Scope

DYN = types.DYN
JSON_ATTRIBUTES = attributes.JSON_ATTRIBUTES
# What a dyn compares with: `==`/`!=` and the orderings.
EQUAL_WITH = (types.STRING, types.INT, types.DOUBLE, types.BOOL, DYN)
ORDERED_WITH = (types.STRING, types.INT, types.DOUBLE)
# What a write into JSON takes.
WRITTEN = (types.STRING, types.INT, types.DOUBLE, types.BOOL, DYN)


def in_json(path: str | None) -> bool:
    """Whether dotted `path` names a JSON attribute or a member inside one."""
    return path is not None and any(path == name or path.startswith(name + ".") for name in JSON_ATTRIBUTES)


def index(checker: _Checker, node: syntax.Index, index_type: types.Type) -> types.Type:
    """`x["k"]`, `x[i]` of a dyn: a dyn (null when missing)."""
    if index_type not in (types.STRING, types.INT, types.ERROR):
        checker.diag.error(messages.json_index(index_type), node.index.span)
    return DYN


def compare(checker: _Checker, node: syntax.Binary, left: types.Type, right: types.Type) -> types.Type:
    """`x == v`, `x < v` with a dyn on either side: never an error at run time."""
    other = right if left is DYN else left
    allowed = EQUAL_WITH if node.op in ("==", "!=") else ORDERED_WITH
    if other not in allowed:
        checker.diag.error(messages.compare_types(node.op, left, right), node.span)
    return types.BOOL


def json_path(target: syntax.Expr) -> tuple[str, list[syntax.Expr | str]] | None:
    """A write target inside a JSON attribute: the attribute and the keys
    and indexes down to the written one (a member's name as a str)."""
    steps: list[syntax.Expr | str] = []
    node = target
    while isinstance(node, (syntax.Index, syntax.Member)):
        path = syntax.dotted_name(node)
        if path in JSON_ATTRIBUTES:
            return (path, list(reversed(steps))) if steps else None
        steps.append(node.index if isinstance(node, syntax.Index) else node.name)
        node = node.target
    return None


def write(checker: _Checker, stmt: syntax.SetStmt | syntax.RemoveStmt, scope: _Scope,
          value_type: types.Type | None) -> bool:
    """`set request.json["a"]["b"] = v`, `remove response.json["a"]`: False
    when the target is not inside a JSON attribute."""
    target = stmt.target
    if isinstance(target, syntax.Member) and syntax.dotted_name(target) in JSON_ATTRIBUTES:
        checker.diag.error(messages.json_whole_write(syntax.dotted_name(target) or ""), target.span)
        return True
    found = json_path(target)
    if found is None:
        return False
    path, steps = found
    if scope.phase not in JSON_ATTRIBUTES[path].readable_in:
        checker.diag.error(messages.written_in_wrong_phase(path, scope.phase), target.span)
    for step in steps:
        if not isinstance(step, str):
            step_type = checker.expr(step, scope)
            if step_type not in (types.STRING, types.INT, types.ERROR):
                checker.diag.error(messages.json_index(step_type), step.span)
    last = steps[-1]
    if isinstance(stmt, syntax.RemoveStmt) and not isinstance(last, str) \
            and checker.checked.types.get(id(last)) is types.INT:
        checker.diag.error(messages.json_remove_index(), last.span)
    if isinstance(stmt, syntax.SetStmt) and stmt.op != "set":
        checker.diag.error(messages.added_to_attribute(path), target.span)
    if value_type is not None and value_type not in (*WRITTEN, types.ERROR):
        checker.diag.error(messages.json_value(value_type), stmt.value.span if isinstance(stmt, syntax.SetStmt)
                           else target.span)
    checker.checked.resolved[id(target)] = AttributeRef(path)  # what lowering writes
    return True

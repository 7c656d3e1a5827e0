"""Lowering of JSON values (`dyn`), apart from lower.py: reads become calls
of stdlib/dyn.wat (never failing: a missing key or a wrong kind reads as
null, 0), comparisons of dyn_ops.wat (never failing), explicit conversions
(failing with BAD_CONVERSION), and writes into `request.json` /
`response.json` rebuild the path with dyn_build.wat and replace the body
only when its canonical text changed (never when the body is not JSON)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ir, syntax, types
from .attributes import JSON_ATTRIBUTES
from .checked import AttributeRef
from .checker_json import json_path
from .lower_numbers import ordered

if TYPE_CHECKING:
    from .lower import _Lowering

DYN = types.DYN
# `x == v` by the type of v: the stdlib function and how v is passed.
_EQUAL = {types.STRING: "dyn_eq_str", types.INT: "dyn_eq_int", types.DOUBLE: "dyn_eq_dbl", types.BOOL: "dyn_eq_bool",
          DYN: "dyn_eq"}
_ORDER = {types.STRING: "dyn_cmp_str", types.INT: "dyn_cmp_int", types.DOUBLE: "dyn_cmp_dbl"}
# With the dyn on the right, `v < x` is `x > v`.
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
# A language value as a JSON value, by its type.
_TO_DYN = {types.STRING: "json_quote", types.INT: "dyn_from_int", types.DOUBLE: "dbl_to_dyn",
           types.BOOL: "dyn_from_bool"}
_CONVERSIONS: dict[str, tuple[str, ir.Wasm]] = {"string": ("dyn_string", "i64"), "int": ("dyn_int", "i64"),
                                                "bool": ("dyn_bool", "i32")}


def is_dyn(lowering: _Lowering, node: syntax.Expr) -> bool:
    return lowering.checked.types.get(id(node)) is DYN


def step(container: ir.Expr, key: ir.Expr, key_type: types.Type) -> ir.Expr:
    """`x["k"]` or `x[i]`: null when missing or of another kind."""
    return ir.StdCall("dyn_key" if key_type is types.STRING else "dyn_index", [container, key], "i64")


def member(lowering: _Lowering, node: syntax.Member) -> ir.Expr:
    return step(lowering.expr(node.target), ir.Str(node.name.encode()), types.STRING)


def index(lowering: _Lowering, node: syntax.Index) -> ir.Expr:
    return step(lowering.expr(node.target), lowering.expr(node.index), lowering.checked.type_of(node.index))


def has(lowering: _Lowering, node: syntax.Member) -> ir.Expr:
    """has(x.k): whether x is an object with key k (null value included)."""
    return ir.StdCall("dyn_has", [lowering.expr(node.target), ir.Str(node.name.encode())], "i32")


def contains(lowering: _Lowering, node: syntax.Binary) -> ir.Expr:
    """`"k" in x`: whether x is an object with key k."""
    return ir.StdCall("dyn_has", [lowering.expr(node.right), lowering.expr(node.left)], "i32")


def conversion(lowering: _Lowering, node: syntax.Call) -> ir.Expr:
    """string(x), int(x), bool(x) of a dyn: BAD_CONVERSION for the wrong kind."""
    func, wasm = _CONVERSIONS[node.name]
    return ir.StdCall(func, [lowering.expr(node.args[0])], wasm)


def compare(lowering: _Lowering, node: syntax.Binary) -> ir.Expr:
    """A comparison with a dyn on either side: false for another kind or null."""
    op: str = node.op
    value_node, other_node = node.left, node.right
    if not is_dyn(lowering, node.left):
        op, value_node, other_node = _MIRRORED[op], node.right, node.left
    value, other = lowering.expr(value_node), lowering.expr(other_node)
    other_type = lowering.checked.type_of(other_node)
    if op in ("==", "!="):
        equal = ir.StdCall(_EQUAL[other_type], [value, other], "i32")
        return equal if op == "==" else ir.Instruction("i32.eqz", [equal], "i32")
    return ordered(op, ir.StdCall(_ORDER[other_type], [value, other], "i32"))


def as_dyn(lowering: _Lowering, node: syntax.Expr) -> ir.Expr:
    """A value written into JSON: a string quoted, an int's digits, a bool."""
    value, value_type = lowering.expr(node), lowering.checked.type_of(node)
    return value if value_type is DYN else ir.StdCall(_TO_DYN[value_type], [value], "i64")


def write(lowering: _Lowering, stmt: syntax.SetStmt | syntax.RemoveStmt, out: list) -> None:
    """`set request.json[K1]..[Kn] = v`, `remove response.json[K1]..[Kn]`: the
    containers down the path are read, the last one changed, and each
    container above rebuilt with its changed child; the body is replaced
    only when the document was JSON and its text changed."""
    path = lowering.checked.ref(stmt.target, AttributeRef).path
    found = json_path(stmt.target)
    assert found is not None and found[0] == path, "the checker resolved a JSON write"
    keys = [(ir.Str(s.encode()), types.STRING) if isinstance(s, str)
            else (lowering.evaluated(lowering.expr(s), out, stmt), lowering.checked.type_of(s)) for s in found[1]]
    buffer = ir.Const("i32", JSON_ATTRIBUTES[path].body_buffer or 0)
    root = lowering.evaluated(ir.StdCall(JSON_ATTRIBUTES[path].body_reader, [buffer], "i64"), out, stmt)
    containers = [root]
    for key, key_type in keys[:-1]:
        containers.append(lowering.evaluated(step(containers[-1], key, key_type), out, stmt))
    last_key, last_type = keys[-1]
    if isinstance(stmt, syntax.SetStmt):
        value = lowering.evaluated(as_dyn(lowering, stmt.value), out, stmt)
        changed = _rebuilt(containers, keys, _set(containers[-1], last_key, last_type, value))
        new = lowering.evaluated(changed, out, stmt)
        differs = ir.Instruction("i32.eqz", [ir.StdCall("str_eq", [root, new], "i32")], "i32")
        condition = ir.Select(ir.Instruction("i64.ne", [root, ir.Const("i64", 0)], "i32"), differs,
                              ir.Const("i32", 0), "i32")
        write_body: list = []
        lowering.effect(ir.StdCall("body_set", [buffer, new], ""), write_body, stmt)
        out.append(ir.If(condition, write_body, [], span=stmt.span))
        return
    removed = lowering.evaluated(ir.StdCall("dyn_remove_key", [containers[-1], last_key], "i64"), out, stmt)
    then: list = []
    new = lowering.evaluated(_rebuilt(containers, keys, removed), then, stmt)
    lowering.effect(ir.StdCall("body_set", [buffer, new], ""), then, stmt)
    out.append(ir.If(ir.Instruction("i64.ne", [removed, containers[-1]], "i32"), then, [], span=stmt.span))


def _set(container: ir.Expr, key: ir.Expr, key_type: types.Type, value: ir.Expr) -> ir.Expr:
    func = "dyn_set_key" if key_type is types.STRING else "dyn_set_index"
    return ir.StdCall(func, [container, key, value], "i64")


def _rebuilt(containers: list[ir.Expr], keys: list[tuple[ir.Expr, types.Type]], child: ir.Expr) -> ir.Expr:
    """The root whose container at the end of the path became `child`."""
    for container, (key, key_type) in zip(reversed(containers[:-1]), reversed(keys[:-1])):
        child = _set(container, key, key_type, child)
    return child

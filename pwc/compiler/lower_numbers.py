"""Lowering of doubles and type values, apart from lower.py.  A double is
the i64 of its bits (types.DOUBLE); stdlib/dbl.wat computes with them.
Comparisons become a three-way compare (-1, 0, 1; 2 when a NaN makes the
operands unordered) and a test of its answer, as lower_json does for JSON
values, so that every comparison with a NaN is false but `!=`."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from . import ir, syntax, types

if TYPE_CHECKING:
    from .lower import _Lowering

DOUBLE = types.DOUBLE
_ARITHMETIC = {"+": "dbl_add", "-": "dbl_sub", "*": "dbl_mul", "/": "dbl_div"}
# With the double on the right of an int, `i < d` is `d > i`.
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
# double(x) and int(x) / string(x) of a double, by the argument's type.
_TO_DOUBLE = {types.STRING: "dbl_parse", types.INT: "dbl_from_int", types.DYN: "dbl_of_dyn"}
_FROM_DOUBLE = {"int": "dbl_to_int", "string": "dbl_text"}


def bits(value: float) -> int:
    """A double's bits as the signed i64 a wasm constant takes."""
    return struct.unpack("<q", struct.pack("<d", value))[0]


def literal(node: syntax.DoubleLit) -> ir.Expr:
    return ir.Const("i64", bits(node.value))


def negated(lowering: _Lowering, node: syntax.Unary) -> ir.Expr:
    if isinstance(node.operand, syntax.DoubleLit):
        return ir.Const("i64", bits(-node.operand.value))
    return ir.StdCall("dbl_neg", [lowering.expr(node.operand)], "i64")


def ordered(op: str, order: ir.Expr) -> ir.Expr:
    """The boolean of comparison `op` from a three-way answer (-1, 0, 1, 2)."""
    test = {"==": ("i32.eq", 0), "!=": ("i32.ne", 0), "<": ("i32.eq", -1), "<=": ("i32.le_s", 0),
            ">": ("i32.eq", 1), ">=": ("i32.lt_u", 2)}[op]
    return ir.Instruction(test[0], [order, ir.Const("i32", test[1])], "i32")


def binary(lowering: _Lowering, node: syntax.Binary) -> ir.Expr:
    """An operator where a double or a type value takes part (no dyn)."""
    left_type, right_type = lowering.checked.type_of(node.left), lowering.checked.type_of(node.right)
    left, right = lowering.expr(node.left), lowering.expr(node.right)
    if left_type is types.TYPE:
        return ir.Instruction("i32.eq" if node.op == "==" else "i32.ne", [left, right], "i32")
    if node.op in _ARITHMETIC:
        return ir.StdCall(_ARITHMETIC[node.op], [left, right], "i64")
    if left_type is right_type:
        return ordered(node.op, ir.StdCall("dbl_cmp", [left, right], "i32"))
    if left_type is DOUBLE:
        return ordered(node.op, ir.StdCall("dbl_cmp_int", [left, right], "i32"))
    return ordered(_MIRRORED[node.op], ir.StdCall("dbl_cmp_int", [right, left], "i32"))


def involved(lowering: _Lowering, node: syntax.Binary) -> bool:
    """Whether a double or a type value is an operand (checker_numbers.binary's cases)."""
    operands = (lowering.checked.type_of(node.left), lowering.checked.type_of(node.right))
    return DOUBLE in operands or types.TYPE in operands


def conversion(lowering: _Lowering, node: syntax.Call) -> ir.Expr | None:
    """double(x), int(d), string(d) and type(x); None for the other conversions."""
    arg = node.args[0]
    arg_type = lowering.checked.type_of(arg)
    if node.name == "type":
        code = types.type_code(arg_type)
        if code is None:  # a dyn: its kind when the rule runs
            return ir.StdCall("type_of_dyn", [lowering.expr(arg)], "i32")
        if not _has_effect(arg):
            return ir.Const("i32", code)
        local = lowering.new_local(arg_type.value_wasm, "typed")  # evaluated all the same: it may fail
        return ir.Bind(local, lowering.expr(arg), ir.Const("i32", code), "i32")
    if node.name == "double":
        value = lowering.expr(arg)
        return value if arg_type is DOUBLE else ir.StdCall(_TO_DOUBLE[arg_type], [value], "i64")
    if arg_type is DOUBLE:
        return ir.StdCall(_FROM_DOUBLE[node.name], [lowering.expr(arg)], "i64")
    return None


def _has_effect(node: syntax.Expr) -> bool:
    return not isinstance(node, (syntax.Name, syntax.StringLit, syntax.IntLit, syntax.DoubleLit, syntax.BoolLit))

"""The checks of doubles and of CEL's type values, apart from checker.py:
double literals, operators where a double or a type value takes part, and
`type(x)`.

As in CEL, arithmetic never mixes an int and a double (`double(i) * 0.5`),
`%` is the ints' only, and comparisons do mix them: numbers compare by
value (`1 == 1.0`, `2 < 2.5`), exactly, whatever their types.  Type values
(`type(x) == string`) compare with `==` and `!=` only.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from . import messages, syntax, types

if TYPE_CHECKING:
    from .checker import _Checker

DOUBLE, TYPE = types.DOUBLE, types.TYPE
NUMBERS = (types.INT, DOUBLE)
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
DOUBLE_ARITHMETIC = ("+", "-", "*", "/")


def literal(checker: _Checker, node: syntax.DoubleLit) -> types.Type:
    if not math.isfinite(node.value):  # `1e999`, or a JSON tree's infinity
        checker.diag.error(messages.double_literal_range(), node.span)
    return DOUBLE


def binary(checker: _Checker, node: syntax.Binary, left: types.Type, right: types.Type) -> types.Type | None:
    """`a OP b` when a double or a type value takes part: its type; None
    when neither does (checker.py decides)."""
    op = node.op
    if TYPE in (left, right):
        if op not in ("==", "!=") or left is not right:
            checker.diag.error(messages.compare_types(op, left, right), node.span)
        return types.BOOL
    if DOUBLE not in (left, right):
        return None
    if op in COMPARISONS:
        if left not in NUMBERS or right not in NUMBERS:
            checker.diag.error(messages.compare_types(op, left, right), node.span)
        return types.BOOL
    if op in DOUBLE_ARITHMETIC and left is right:
        return DOUBLE
    checker.diag.error(messages.double_operator_types(op, left, right), node.span)
    return types.ERROR


def type_of(checker: _Checker, node: syntax.Call, arg_types: list[types.Type]) -> types.Type:
    """`type(x)`: a type value, known when the module is built but for a dyn."""
    if len(arg_types) != 1:
        checker.diag.error(messages.wrong_arity("type", 1, len(arg_types)), node.span)
    elif arg_types[0] is not types.DYN and types.type_code(arg_types[0]) is None \
            and arg_types[0] is not types.ERROR:
        checker.diag.error(messages.type_argument(arg_types[0]), node.args[0].span)
    return TYPE

"""What a computed value goes through before it is written into a request
or a response: literals were checked at compile time (literals.py); a
computed value is cleaned or checked at run time (stdlib/target.wat)."""

from __future__ import annotations

from . import ir, targets

# The run-time check (stdlib/target.wat) of a computed value written into a
# pseudo-header or given as a call's field; literals are checked at compile time.
TARGET_CHECK = {":path": "request_target", ":method": "method_token", ":authority": "authority_value"}
FRAMING = ir.StaticList(tuple(name.encode() for name in targets.FRAMING_HEADERS))


def header_safe(expr: ir.Expr) -> ir.Expr:
    """`expr` as it may be written into a header: literals were checked for
    control bytes at compile time; anything computed has them stripped."""
    if isinstance(expr, ir.Str):
        return expr
    return ir.StdCall("str_strip_ctl", [expr], "i64")


def target_value(pseudo: str, expr: ir.Expr) -> ir.Expr:
    """`expr` as it may be written into `pseudo` (`:path`, `:method`,
    `:authority`): a literal was checked at compile time; a computed value is
    encoded or refused at run time."""
    if isinstance(expr, ir.Str):
        return expr
    return ir.StdCall(TARGET_CHECK[pseudo], [expr], "i64")


def header_map_value(expr: ir.Expr) -> ir.Expr:
    """A map of headers for a local reply or a call: literal keys were checked
    at compile time; a map built at run time has every key checked."""
    literal_keys = isinstance(expr, ir.NewMap) and all(isinstance(key, ir.Str) for key, _ in expr.entries)
    if isinstance(expr, (ir.StaticMap, ir.Const)) or literal_keys:
        return expr
    return ir.StdCall("header_map_value", [expr, FRAMING], "i32")

"""Lowering of state kept across requests, apart from lower.py: `limit`
and `once` call stdlib/shared.wat with their site, the prefix of the
shared-data keys that are theirs alone (the filter's name and the line of
the statement or call), so that two sites never share a bucket."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ir, syntax

if TYPE_CHECKING:
    from .lower import _Lowering

# What a refused request gets when the `limit` says nothing else (Envoy's
# local_ratelimit answers 429 too).
REFUSED_STATUS, REFUSED_BODY = 429, b"too many requests\n"
# The layout version of the values behind a site's keys (shared.wat): a
# filter that changes it does not read an older one's values.
LAYOUT = "pwc1"


def site(lowering: _Lowering, node: syntax.Node) -> ir.Str:
    line = lowering.source.line_of(node.span)
    return ir.Str(f"{LAYOUT}:{lowering.checked.module.filter_name}:{line}:".encode())


def limit(lowering: _Lowering, stmt: syntax.LimitStmt, out: list) -> None:
    """Take a token; when none is left, answer 429 (or the statement's own
    reply) with `retry-after` and the `x-ratelimit-*` headers."""
    key = lowering.expr(stmt.key) if stmt.key is not None else ir.Str(b"")
    count = lowering.evaluated(lowering.expr(stmt.count), out, stmt)
    taken = ir.StdCall("limit_take", [site(lowering, stmt), key, count, lowering.expr(stmt.period)], "i64")
    left = lowering.evaluated(taken, out, stmt)
    refused: list = []
    if stmt.reply is not None:
        lowering.stmt_respond(stmt.reply, refused)
    else:
        refused.append(ir.Respond(ir.Const("i32", REFUSED_STATUS), ir.Str(REFUSED_BODY), ir.Const("i32", 0),
                                  span=stmt.span))
    reply = refused[-1]
    assert isinstance(reply, ir.Respond), "a respond lowers to ir.Respond last"
    headers = ir.NewMap([(ir.Str(b"retry-after"), ir.StdCall("i64_to_str", [ir.StdCall("limit_retry_after", [], "i64")], "i64")),
                         (ir.Str(b"x-ratelimit-limit"), ir.StdCall("i64_to_str", [count], "i64")),
                         (ir.Str(b"x-ratelimit-remaining"), ir.Str(b"0"))], lowering.new_local("i32", "table"))
    own = reply.headers
    reply.headers = headers if isinstance(own, ir.Const) else ir.StdCall("map_merge", [headers, own], "i32")
    out.append(ir.If(ir.Instruction("i64.lt_s", [left, ir.Const("i64", 0)], "i32"), refused, [], span=stmt.span))

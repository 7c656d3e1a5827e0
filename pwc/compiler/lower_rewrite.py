"""Lowering of `rewrite TARGET PATTERN to "template"`, apart from lower.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..abi import MapType
from . import ir, syntax, targets
from .attributes import BODY_ATTRIBUTES, HEADER_ATTRIBUTES
from .checked import AttributeRef, HeaderMapRef
from .written_values import target_value

if TYPE_CHECKING:
    from .lower import _Lowering

# Shared with lower.py: the header map of each side, the pseudo-header of each request attribute.
_PSEUDO = {a.name: a.pseudo_header for a in HEADER_ATTRIBUTES.values() if a.pseudo_header and a.name.startswith("request.")}
_MAP_OF = {"request": MapType.REQUEST_HEADERS, "response": MapType.RESPONSE_HEADERS}


def _body_buffer(path: str) -> ir.Const:
    buffer = BODY_ATTRIBUTES[path].body_buffer
    assert buffer is not None, "a body attribute names its buffer"
    return ir.Const("i32", buffer)


def lower_rewrite(lowering: _Lowering, stmt: syntax.RewriteStmt, out: list) -> None:
    """Replace every match (RE2 GlobalReplace) and write the result back
    when it changed; a header that is absent stays absent, and each copy
    of a repeated header is rewritten on its own (none is lost or joined)."""
    replace_one, replace_each = replacers(lowering, stmt)
    target = stmt.target
    headers = ir.Const("i32", MapType.REQUEST_HEADERS)
    if isinstance(target, syntax.Index):
        side = lowering.checked.ref(target, HeaderMapRef).side
        map_type = ir.Const("i32", _MAP_OF[side])
        name = lowering.evaluated(lowering.written_name(target.index), out, stmt)
        old = lowering.evaluated(ir.StdCall("hdr_values", [map_type, name], "i32"), out, stmt)
        new = lowering.evaluated(replace_each(old), out, stmt)
        lowering.effect(ir.StdCall("hdr_replace_copies", [map_type, name, old, new], ""), out, stmt)
        return
    path = lowering.checked.ref(target, AttributeRef).path
    if path in BODY_ATTRIBUTES:
        old = lowering.evaluated(ir.StdCall("body_read", [_body_buffer(path)], "i64"), out, stmt)
        new = lowering.evaluated(replace_one(old), out, stmt)
        write_body: list = []
        lowering.effect(ir.StdCall("body_set", [_body_buffer(path), new], ""), write_body, stmt)
        out.append(ir.If(ir.Instruction("i64.ne", [old, new], "i32"), write_body, [], span=stmt.span))
        return
    pseudo = ":path" if path == "request.url_path" else _PSEUDO[path]
    current = lowering.evaluated(ir.StdCall("hdr_get_first", [headers, ir.Str(pseudo.encode())], "i64"), out, stmt)
    old = lowering.evaluated(ir.StdCall("url_path_of", [current], "i64"), out, stmt) if path == "request.url_path" else current
    new = lowering.evaluated(replace_one(old), out, stmt)
    if path == "request.url_path":
        new = lowering.evaluated(ir.StdCall("path_with_url_path", [current, new], "i64"), out, stmt)
        old = current
    checked: ir.Expr = target_value(pseudo, new)
    if pseudo == ":path" and template_keeps_path_bytes(lowering, stmt.template):
        checked = ir.StdCall("path_leading_slash", [new], "i64")  # the old path's bytes, rearranged
    write = ir.StdCall("hdr_set_raw", [headers, ir.Str(pseudo.encode()), checked], "")
    changed = lowering.evaluated(ir.Instruction("i64.ne", [old, new], "i32"), out, stmt)
    then: list = []
    write.args[2] = lowering.evaluated(write.args[2], then, stmt)
    lowering.effect(write, then, stmt)
    out.append(ir.If(changed, then, [], span=stmt.span))


def replacers(lowering: _Lowering, stmt: syntax.RewriteStmt) -> tuple[Callable[[ir.Expr], ir.Expr], Callable[[ir.Expr], ir.Expr]]:
    """How a rewrite replaces in one string, and in each string of a list:
    the function generated for a literal pattern, or stdlib/rx.wat's
    engine for a `regex` from configuration."""
    if isinstance(stmt.pattern, syntax.StringLit):
        name = lowering.regex_function("replace", stmt.pattern, stmt.template)
        return (lambda s: ir.Regex(name, [s], "i64"),
                lambda items: ir.EachRegex(name, items, lowering.new_local("i32", "src"), lowering.new_local("i32", "dst"),
                                           lowering.new_local("i32", "i")))
    program, template = lowering.expr(stmt.pattern), ir.Str(stmt.template.value.encode())
    return (lambda s: ir.StdCall("rx_replace", [program, s, template], "i64"),
            lambda items: ir.StdCall("rx_replace_each", [program, items, template], "i32"))


def template_keeps_path_bytes(lowering: _Lowering, template: syntax.StringLit) -> bool:
    """Whether a rewrite's output holds only bytes of the old request
    target and path bytes: its literal pieces are all targets.PATH_BYTES
    (the captured pieces come from the path Envoy accepted and forwards
    as it is; encoding them would make pwc differ from Envoy's own
    regex_rewrite)."""
    pieces = lowering.checked.templates[id(template)].pieces
    return all(byte in targets.PATH_BYTES for piece in pieces if isinstance(piece, bytes) for byte in piece)

"""Header values Envoy's substitution formatter computes exactly as the
module does, for the planner (plan.py; docs/native.md).

A moved `set` or `add` gives Envoy's `header_mutation` filter a format
string.  Its value may be a literal, a named header, a part of the
request line, the connection's addresses, or `+` of these:

- `request.headers["y"]` / `response.headers["y"]` become
  `%CEL(request.headers['y'])%`: Envoy's CEL attributes join a repeated
  header's copies with `,` (empty copies kept), as pwc reads them, and a
  missing header formats as "" (with `keep_empty_value`, as pwc writes it).
  `%REQ(y)%` gives the first copy only, so it is not used.
- `request.method`, `request.path`, `request.host` become `%REQ(:method)%`
  and the like (a pseudo-header has one copy); `request.url_path`
  `%CEL(request.url_path)%` (the path up to its first `?`, as pwc's).
- `source.address` / `source.ip` / `destination.*` become
  `%DOWNSTREAM_REMOTE_ADDRESS%` and the like: the same address the module
  reads as `source.address`, and without its port (IPv6 without brackets)
  as pwc's `address_host` gives it.
- literal text is written with `%` doubled.

What a formatter substitutes is never read again as a format string, so a
client's `%REQ(x)%` stays text.  Values Envoy holds carry no control bytes
but HTAB (its codecs refuse the request or the response), which is what the
module's writes strip, so copying them is the same.  When the value is
computed is the planner's business: this module says what it reads.
"""

from __future__ import annotations

import re

from collections.abc import Callable
from dataclasses import dataclass

from . import syntax
from .attributes import HEADER_ATTRIBUTES
from .checked import AttributeRef, Checked, HeaderMapRef, PropertyRef
from .printer import format_expr

# (Envoy property path, pwc's derivation) -> the formatter command giving the same text.
ADDRESS_COMMANDS: dict[tuple[tuple[str, ...], str | None], str] = {
    (("source", "address"), None): "%DOWNSTREAM_REMOTE_ADDRESS%",
    (("source", "address"), "address_host"): "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
    (("destination", "address"), None): "%DOWNSTREAM_LOCAL_ADDRESS%",
    (("destination", "address"), "address_host"): "%DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%",
}
# pwc's request attributes read from a pseudo-header -> (the formatter command giving the same text,
# the pseudo-header it reads).  `%REQ(:path)%` and the like: a pseudo-header has one copy.
REQUEST_COMMANDS: dict[str, tuple[str, str]] = {
    "request.method": ("%REQ(:method)%", ":method"),
    "request.path": ("%REQ(:path)%", ":path"),
    "request.url_path": ("%CEL(request.url_path)%", ":path"),  # the path up to its first `?`, as pwc's
    "request.host": ("%REQ(:authority)%", ":authority"),
}
# Header names written inside `%CEL(request.headers['NAME'])%`: an HTTP token without `%`
# (which would end the command) and `'` (which would end CEL's string).
FORMATTABLE_NAME = re.compile(r"[a-z0-9!#$&*+.^_`|~-]+")
# Request headers a tracer rewrites when the router sends the request: `on response` would read
# Envoy's rewritten copy where the module reads the request as its own phase left it.
TRACE_CONTEXT = ("traceparent", "tracestate", "baggage", "b3", "x-b3-", "x-datadog-", "x-ot-span-context",
                 "x-cloud-trace-context", "grpc-trace-bin", "sw8", "x-amzn-trace-id", "uber-trace-id", "uberctx-")
# The most header reads in one value: each read may be as large as Envoy's request headers
# (60 KiB by default), and the module builds the value in its 4 MiB scratch arena.
MAX_READS = 8


@dataclass(frozen=True)
class FormatValue:
    """A value as Envoy's format string, and the headers it reads: (side, lowercase name)."""

    text: str
    reads: tuple[tuple[str, str], ...] = ()


def format_value(checked: Checked, phase: str, expr: syntax.Expr,
                 is_owned: Callable[[str], bool]) -> FormatValue | str:
    """`expr` as a format string Envoy computes to the same bytes; else why not.
    `is_owned(name)`: whether Envoy itself sets or strips that header."""
    value = _format(checked, phase, expr, is_owned)
    if isinstance(value, FormatValue) and len(value.reads) > MAX_READS:
        return (f"the value reads {len(value.reads)} headers: more than {MAX_READS} could exceed the module's"
                f" scratch memory where Envoy would still write it")
    return value


def _format(checked: Checked, phase: str, expr: syntax.Expr, is_owned: Callable[[str], bool]) -> FormatValue | str:
    if isinstance(expr, syntax.StringLit):
        return FormatValue(expr.value.replace("%", "%%"))
    if isinstance(expr, syntax.Binary) and expr.op == "+":
        left = _format(checked, phase, expr.left, is_owned)
        right = _format(checked, phase, expr.right, is_owned)
        if isinstance(left, str) or isinstance(right, str):
            return left if isinstance(left, str) else right
        return FormatValue(left.text + right.text, left.reads + right.reads)
    ref = checked.resolved.get(id(expr))
    if isinstance(ref, PropertyRef) and (ref.path, ref.derived_by) in ADDRESS_COMMANDS:
        return FormatValue(ADDRESS_COMMANDS[ref.path, ref.derived_by])
    if isinstance(ref, AttributeRef) and ref.path in REQUEST_COMMANDS:
        command, pseudo = REQUEST_COMMANDS[ref.path]
        return FormatValue(command, (("request", pseudo),))
    if isinstance(expr, syntax.Index) and isinstance(checked.resolved.get(id(expr.target)), HeaderMapRef):
        return _header_read(checked, phase, expr, is_owned)
    return (f"the value's `{format_expr(expr)}` is computed by the module: Envoy's formatter takes literals,"
            f" named headers, `request.method`, `request.path`, `request.url_path`, `request.host`, the"
            f" connection's addresses and `+` of them")


def _header_read(checked: Checked, phase: str, expr: syntax.Index, is_owned: Callable[[str], bool]) -> FormatValue | str:
    side = checked.resolved[id(expr.target)].side  # type: ignore[union-attr]
    if not isinstance(expr.index, syntax.StringLit):
        return "the value reads a header whose name is computed per request"
    name = expr.index.value.lower()
    if not FORMATTABLE_NAME.fullmatch(name):
        return f"the value reads `{name}`, a name Envoy's format string cannot quote (`%` or `'`)"
    if is_owned(name):
        return f"the value reads `{name}`, which Envoy itself sets or strips between the filters"
    if side == "request" and phase == "response" and name.startswith(TRACE_CONTEXT):
        return (f"the value reads the request's `{name}`, which a tracer rewrites when the router sends the"
                f" request: `on response` must read it as the request phase left it")
    return FormatValue(f"%CEL({side}.headers['{name}'])%", ((side, name),))


def rewritten_read(checked: Checked, value: FormatValue, rules: list[syntax.Stmt]) -> str | None:
    """Why the value must be computed where the rule stands: the first of `rules`
    (the module's, after it) that writes a header the value reads; None if none does.
    Envoy computes a moved value when the module's phase has ended."""
    read_sides = {side for side, _ in value.reads}
    for rule in rules:
        for side, name in _written_headers(checked, rule):
            if (side, name) in value.reads or (name is None and side in read_sides):
                header = (f"a {side} header named at run time" if name is None else f"the request's {name}"
                          if name.startswith(":") else f'{side}.headers["{name}"]')
                return (f"the rule on line {rule.span.line} writes `{header}` after it, and Envoy would compute"
                        f" this value from the header as that rule leaves it")
    return None


def _written_headers(checked: Checked, root: syntax.Node) -> set[tuple[str, str | None]]:
    """The headers `root` sets, adds, removes or rewrites: (side, name), name None when computed."""
    found: set[tuple[str, str | None]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        target = getattr(node, "target", None) if isinstance(
            node, (syntax.SetStmt, syntax.RemoveStmt, syntax.RewriteStmt)) else None
        ref = checked.resolved.get(id(target)) if target is not None else None  # a target resolves as a whole
        if isinstance(ref, AttributeRef) and ref.path in HEADER_ATTRIBUTES:  # `set request.path = ...`
            attribute = HEADER_ATTRIBUTES[ref.path]
            found.add(("request", attribute.pseudo_header or attribute.source_header))
        if isinstance(target, syntax.Index):
            if isinstance(ref, HeaderMapRef):
                named = isinstance(target.index, syntax.StringLit)
                found.add((ref.side, target.index.value.lower() if named else None))  # type: ignore[union-attr]
        stack += syntax.children(node)
    return found

"""The syntax tree of a .pwf file.

Nodes are plain dataclasses; the same tree has a JSON form (for programs
that generate filters) that round-trips with the text form, which
syntax_json.py reads and writes with pydantic (imported only then: compiling
text never pays for it).  Every node has a
`kind` (the JSON discriminator) and a `span` into the source; spans are left
out of the canonical form, so the text and JSON forms of one filter hash alike.
Later passes never mutate the tree: they keep what they learn in side tables
keyed by `id(node)`.
"""

from __future__ import annotations

import copy as copy_module
import dataclasses
from dataclasses import field
from typing import Annotated, Literal, Union

from .records import record
from .source import NO_SPAN, Span


class _TaggedByKind:
    """Annotated metadata: the union is told apart by its members' `kind`
    (pydantic's discriminated union, asked for only when the JSON form is
    read or written)."""

    def __get_pydantic_core_schema__(self, source_type, handler):
        from pydantic import Discriminator

        return Discriminator("kind").__get_pydantic_core_schema__(source_type, handler)


BY_KIND = _TaggedByKind()


@record(kw_only=True)
class Node:
    __pydantic_config__ = {"extra": "forbid"}  # the JSON form: an unknown key is an error

    span: Span = NO_SPAN


# ---------------------------------------------------------------- expressions


@record(kw_only=True)
class StringLit(Node):
    kind: Literal["string"] = "string"
    value: str
    raw: bool = False


@record(kw_only=True)
class IntLit(Node):
    kind: Literal["int"] = "int"
    value: int


@record(kw_only=True)
class DoubleLit(Node):
    kind: Literal["double"] = "double"
    value: float
    text: str = ""  # as written (`1.50`, `2e3`), kept for the formatter


@record(kw_only=True)
class BoolLit(Node):
    kind: Literal["bool"] = "bool"
    value: bool


@record(kw_only=True)
class DurationLit(Node):
    kind: Literal["duration"] = "duration"
    milliseconds: int
    text: str = ""


@record(kw_only=True)
class ListLit(Node):
    kind: Literal["list"] = "list"
    items: list[Expr]


@record(kw_only=True)
class MapEntry(Node):
    kind: Literal["entry"] = "entry"
    key: Expr
    value: Expr


@record(kw_only=True)
class MapLit(Node):
    kind: Literal["map"] = "map"
    entries: list[MapEntry]


@record(kw_only=True)
class Name(Node):
    kind: Literal["name"] = "name"
    name: str


@record(kw_only=True)
class Member(Node):
    """`target.name`"""

    kind: Literal["member"] = "member"
    target: Expr
    name: str


@record(kw_only=True)
class Index(Node):
    """`target[index]`"""

    kind: Literal["index"] = "index"
    target: Expr
    index: Expr


@record(kw_only=True)
class Call(Node):
    """`name(args)` when target is None, else the method call `target.name(args)`."""

    kind: Literal["call"] = "call"
    target: Expr | None = None
    name: str
    args: list[Expr] = field(default_factory=list)


UnaryOp = Literal["!", "-"]
BinaryOp = Literal["||", "&&", "==", "!=", "<", "<=", ">", ">=", "in", "+", "-", "*", "/", "%"]


@record(kw_only=True)
class Unary(Node):
    kind: Literal["unary"] = "unary"
    op: UnaryOp
    operand: Expr


@record(kw_only=True)
class Binary(Node):
    kind: Literal["binary"] = "binary"
    op: BinaryOp
    left: Expr
    right: Expr


@record(kw_only=True)
class Conditional(Node):
    kind: Literal["conditional"] = "conditional"
    condition: Expr
    then: Expr
    otherwise: Expr


Expr = Annotated[
    Union[
        StringLit, IntLit, DoubleLit, BoolLit, DurationLit, ListLit, MapLit, Name, Member, Index, Call,
        Unary, Binary, Conditional,
    ],
    BY_KIND,
]

# ----------------------------------------------------------------- statements


@record(kw_only=True)
class SetStmt(Node):
    """`set TARGET = VALUE` (op "set") or `add TARGET = VALUE` (op "add")."""

    kind: Literal["set"] = "set"
    op: Literal["set", "add"] = "set"
    target: Expr
    value: Expr


@record(kw_only=True)
class RemoveStmt(Node):
    kind: Literal["remove"] = "remove"
    target: Expr


@record(kw_only=True)
class RewriteStmt(Node):
    kind: Literal["rewrite"] = "rewrite"
    target: Expr
    pattern: Expr  # a string literal, or a `regex` value from configuration
    template: StringLit


@record(kw_only=True)
class RespondStmt(Node):
    kind: Literal["respond"] = "respond"
    status: Expr
    body: Expr | None = None
    headers: Expr | None = None


@record(kw_only=True)
class LimitStmt(Node):
    """`limit KEY to COUNT per PERIOD [respond ...]`: at most COUNT requests
    per PERIOD for each KEY, across the Envoy's workers (no KEY: one bucket)."""
    kind: Literal["limit"] = "limit"
    key: Expr | None = None
    count: Expr
    period: Expr
    reply: RespondStmt | None = None  # what a refused request gets instead of the 429


@record(kw_only=True)
class StoreStmt(Node):
    """`store NAME = VALUE` (in an `every` block): the value every worker's `stored.NAME` reads."""
    kind: Literal["store"] = "store"
    name: str
    name_span: Span = NO_SPAN
    value: Expr


@record(kw_only=True)
class CallStmt(Node):
    """`call CLUSTER { ... }` as a statement: sent, and its answer not waited for."""
    kind: Literal["call_stmt"] = "call_stmt"
    call: CallExpr


@record(kw_only=True)
class ContinueStmt(Node):
    kind: Literal["continue"] = "continue"


@record(kw_only=True)
class Branch(Node):
    kind: Literal["branch"] = "branch"
    condition: Expr
    body: list[Stmt]


@record(kw_only=True)
class IfStmt(Node):
    kind: Literal["if"] = "if"
    branches: list[Branch]
    otherwise: list[Stmt] | None = None


@record(kw_only=True)
class CallField(Node):
    kind: Literal["field"] = "field"
    name: str
    value: Expr


@record(kw_only=True)
class CallExpr(Node):
    """`call CLUSTER { name: expr ... }`: only as the value of a `let`."""

    kind: Literal["http_call"] = "http_call"
    cluster: Expr
    fields: list[CallField] = field(default_factory=list)


@record(kw_only=True)
class LetStmt(Node):
    kind: Literal["let"] = "let"
    name: str
    name_span: Span = NO_SPAN
    value: Annotated[Union[Expr, CallExpr], BY_KIND]


@record(kw_only=True)
class VarStmt(Node):
    """`var NAME = EXPR`: a local that later statements of the phase change with `set NAME = EXPR`."""

    kind: Literal["var"] = "var"
    name: str
    name_span: Span = NO_SPAN
    value: Expr


@record(kw_only=True)
class LogStmt(Node):
    kind: Literal["log"] = "log"
    level: str
    level_span: Span = NO_SPAN
    message: Expr


@record(kw_only=True)
class CountStmt(Node):
    """`count NAME`: add one to a declared counter."""

    kind: Literal["count"] = "count"
    name: str
    name_span: Span = NO_SPAN


@record(kw_only=True)
class ObserveStmt(Node):
    """`observe NAME VALUE`: record an int (a duration: its milliseconds) in a declared histogram."""

    kind: Literal["observe"] = "observe"
    name: str
    name_span: Span = NO_SPAN
    value: Expr


@record(kw_only=True)
class ForStmt(Node):
    """`for NAME in COLLECTION { ... }`, or `for NAME, VALUE in MAP { ... }`:
    the body runs once per item of a list, key of a map, or name of a header
    map (with VALUE: once per entry)."""

    kind: Literal["for"] = "for"
    name: str
    name_span: Span = NO_SPAN
    value_name: str = ""
    value_span: Span = NO_SPAN
    iterable: Expr
    body: list[Stmt]


Stmt = Annotated[
    Union[SetStmt, RemoveStmt, RewriteStmt, RespondStmt, LimitStmt, StoreStmt, CallStmt, ContinueStmt, IfStmt, LetStmt,
          VarStmt, LogStmt, ForStmt, CountStmt, ObserveStmt],
    BY_KIND,
]

# ------------------------------------------------------------------ top level


@record(kw_only=True)
class TypeRef(Node):
    kind: Literal["type"] = "type"
    name: str
    args: list[TypeRef] = field(default_factory=list)


@record(kw_only=True)
class ConfigField(Node):
    """A field of `config { }` or of a record type: `name: type`, with a
    default (`= 403`) or marked optional (`string?`)."""

    kind: Literal["config_field"] = "config_field"
    name: str
    type: TypeRef
    default: Expr | None = None
    optional: bool = False


@record(kw_only=True)
class TypeDecl(Node):
    """`type NAME { field: type ... }`: a record type for configuration."""

    kind: Literal["type_decl"] = "type_decl"
    name: str
    name_span: Span = NO_SPAN
    fields: list[ConfigField] = field(default_factory=list)


@record(kw_only=True)
class Handler(Node):
    """`on PHASE { ... }`; phase is "request" or "response" (more later)."""

    kind: Literal["handler"] = "handler"
    phase: str
    phase_span: Span = NO_SPAN
    body: list[Stmt]


@record(kw_only=True)
class BodyLimit(Node):
    """`body_limit BYTES`: the largest body a body phase takes (docs/language.md, Bodies)."""
    kind: Literal["body_limit"] = "body_limit"
    bytes: int


@record(kw_only=True)
class MetricDecl(Node):
    """`counter NAME` or `histogram NAME`: a metric the filter defines (docs/language.md, Metrics)."""

    kind: Literal["metric"] = "metric"
    type: Literal["counter", "histogram"]
    name: str
    name_span: Span = NO_SPAN


@record(kw_only=True)
class StoreDecl(Node):
    """`store NAME: TYPE = DEFAULT`: a value shared by the Envoy's workers, written by `every` blocks."""
    kind: Literal["store_decl"] = "store_decl"
    name: str
    name_span: Span = NO_SPAN
    type: TypeRef
    default: Expr


@record(kw_only=True)
class Every(Node):
    """`every PERIOD { ... }`: statements the plugin runs on a timer, once per period per Envoy."""
    kind: Literal["every"] = "every"
    milliseconds: int
    text: str = ""  # the period as written (`30s`)
    body: list[Stmt]


@record(kw_only=True)
class Module(Node):
    kind: Literal["module"] = "module"
    source_name: str = ""  # the .pwf file's base name, when parsed from one
    filter_name: str
    filter_span: Span = NO_SPAN
    config: list[ConfigField] = field(default_factory=list)
    config_spans: list[Span] = field(default_factory=list)
    types: list[TypeDecl] = field(default_factory=list)
    body_limits: list[BodyLimit] = field(default_factory=list)  # at most one is allowed; the checker says so
    metrics: list[MetricDecl] = field(default_factory=list)
    handlers: list[Handler] = field(default_factory=list)
    stores: list[StoreDecl] = field(default_factory=list)
    every: list[Every] = field(default_factory=list)


def canonical_json(module: Module) -> str:
    """The tree without spans, keys sorted: what identifies a filter."""
    import json

    return json.dumps(_plain(module), sort_keys=True, separators=(",", ":"))


def _plain(value):
    """Nodes as plain data, without positions."""
    if isinstance(value, Node):
        return {item.name: _plain(getattr(value, item.name)) for item in dataclasses.fields(value)
                if not item.name.endswith("span") and item.name not in ("config_spans", "source_name")}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# How deep blocks and expressions may nest (a `!`, an operator of a chain,
# an `if` inside an `if` each add a level; parentheses add none).  Real
# filters stay far below it; past it every pass would need ever deeper
# recursion, so it is a located error instead.
MAX_NESTING = 200


def too_deep(root, limit: int = MAX_NESTING):
    """The first node (a syntax node, or a lark tree while parsing) nested
    more than `limit` levels deep, or None.  Walked with an explicit stack,
    so the check itself never recurses."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return node
        for child in children(node):
            stack.append((child, depth + 1))
    return None


def children(node) -> list:
    if isinstance(node, Node):
        found = []
        for member in dataclasses.fields(node):
            value = getattr(node, member.name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, Node):
                    found.append(item)
        return found
    return [child for child in getattr(node, "children", ()) if hasattr(child, "children")]


def span_lines(root) -> list[int]:
    """The line of every span in the tree, in one fixed order (fields in
    declaration order, depth first): what a module records of where its
    source's statements were (compiler/metadata.py)."""
    lines: list[int] = []

    def keep(span: Span) -> Span:
        lines.append(span.line)
        return span

    _visit_spans(root, keep)
    return lines


def with_lines(root, lines: list[int]):
    """A copy of the tree whose spans carry `lines` (span_lines' order), or
    None when the counts differ."""
    if len(lines) != len(span_lines(root)):
        return None
    copy = copy_module.deepcopy(root)
    taken = iter(lines)
    _visit_spans(copy, lambda span: dataclasses.replace(span, line=next(taken)))
    return copy


def _visit_spans(node, visit) -> None:
    """Call `visit` on every span below `node`, storing what it returns in its place."""
    stack = [node]
    while stack:
        current = stack.pop()
        pending = []
        for member in dataclasses.fields(current):
            value = getattr(current, member.name)
            if isinstance(value, Span):
                setattr(current, member.name, visit(value))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, Span):
                        value[index] = visit(item)
                    elif isinstance(item, Node):
                        pending.append(item)
            elif isinstance(value, Node):
                pending.append(value)
        stack += reversed(pending)


# ------------------------------------------------------------- helpers


def inner_span(literal: StringLit, start: int, end: int) -> Span:
    """The span of characters start..end of a string literal's value: exact
    when the literal has no escapes (its source is its value), else the
    whole literal."""
    opening = 2 if literal.raw else 1
    exact = literal.raw or literal.span.end - literal.span.start - 2 == len(literal.value)
    if not exact or literal.span.end == 0:
        return literal.span
    first = literal.span.start + opening
    return Span(start=first + start, end=first + max(end, start + 1), line=literal.span.line)


def type_spelling(type_ref: TypeRef) -> str:
    if not type_ref.args:
        return type_ref.name
    return f"{type_ref.name}<{','.join(type_spelling(arg) for arg in type_ref.args)}>"


def first_string(args: list) -> str:
    """The first argument when it is a string literal (for hints), else a placeholder."""
    return args[0].value if args and isinstance(args[0], StringLit) else "x-name"


def dotted_name(node) -> str | None:
    """`request.headers` for Member(Member(Name(request), headers)); None otherwise."""
    parts = []
    while isinstance(node, Member):
        parts.append(node.name)
        node = node.target
    if isinstance(node, Name):
        parts.append(node.name)
        return ".".join(reversed(parts))
    return None

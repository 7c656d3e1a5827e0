"""Canonical .pwf text from a syntax tree (`pwc fmt`).

One method per node kind.  Parentheses appear where precedence needs them,
and where the source has them (they are there to be read); strings are
written with the fewest escapes (raw strings stay raw when they can); two
spaces indent each block.  Declarations keep their
order in the source (a tree without positions prints in the order of its
lists).  Comments are not part of the tree: comments.py puts them back,
given the offsets each printed line comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from . import syntax
from .comments import Placer, Plain, SourceMap
from .source import Span

# Binding strength of each binary operator (higher binds tighter), as in the grammar.
_PRECEDENCE = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "in": 3,
               "+": 4, "-": 4, "*": 5, "/": 5, "%": 5}
_CONDITIONAL, _UNARY, _MEMBER = 0, 6, 7
# Top-level declarations of these kinds stand together without a blank line
# (unless the source has one); every other one gets a blank line before it.
_GROUPED = {"metric", "store"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def format_module(module: syntax.Module, source_map: SourceMap | None = None) -> str:
    """The module as .pwf text; with the `source_map` of the text it was
    parsed from, with that text's comments and blank lines."""
    out = Placer(source_map) if source_map is not None else Plain()
    _Printer(out).module(module)
    return out.text()


def string_literal(value: str, raw: bool = False) -> str:
    # A raw string keeps its raw form (the syntax tree records it, so the
    # printed text must give the same tree): it never holds its own quote.
    if raw and "\n" not in value:
        if '"' not in value:
            return f'r"{value}"'
        if "'" not in value:
            return f"r'{value}'"
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class _Printer:
    STATEMENTS: ClassVar[dict[type, Callable]]  # node class -> method, filled below the class
    EXPRESSIONS: ClassVar[dict[type, Callable]]

    def __init__(self, out: Plain) -> None:
        self.out = out
        self.depth = 0

    def emit(self, text: str, node_or_first, last_end: int | None = None, **layout) -> None:
        """One line; `node_or_first` is the node the line prints, or the
        offset of its first source token (then `last_end` is where its last ends)."""
        if isinstance(node_or_first, int):
            first, end = node_or_first, last_end if last_end is not None else node_or_first + 1
        else:
            first, end = node_or_first.span.start, node_or_first.span.end
        self.out.write(self.depth, text, first, end, **layout)

    def opening(self, span: Span) -> int:
        """The offset of the `{` whose `}` ends `span`."""
        return self.out.opening(span.end - 1)

    def module(self, module: syntax.Module) -> None:
        self.emit(f"filter {string_literal(module.filter_name)}", module.span.start, module.filter_span.end)
        previous = "filter"
        for _start, kind, print_item in sorted(self.items(module), key=lambda item: item[0]):
            print_item(blank=not (kind == previous and kind in _GROUPED))
            previous = kind

    def items(self, module: syntax.Module) -> list[tuple[int, str, Callable]]:
        """The top-level declarations as (offset, kind, printer), in the order
        of the module's lists (the sort by offset that follows is stable)."""
        items: list[tuple[int, str, Callable]] = []
        for declaration in module.types:
            items.append((declaration.span.start, "type", partial(
                self.fields, f"type {declaration.name} {{", declaration.fields, declaration.span)))
        for span, fields in _config_blocks(module):
            items.append((span.start, "config", partial(self.fields, "config {", fields, span)))
        for limit in module.body_limits:
            items.append((limit.span.start, "body_limit", partial(self.declaration, f"body_limit {limit.bytes}", limit)))
        for metric in module.metrics:
            items.append((metric.span.start, "metric", partial(self.declaration, f"{metric.type} {metric.name}", metric)))
        for store in module.stores:
            text = f"store {store.name}: {self.type_ref(store.type)} = {self.expr(store.default)}"
            items.append((store.span.start, "store", partial(self.declaration, text, store)))
        for every in module.every:
            period = every.text or str(every.milliseconds) + "ms"
            items.append((every.span.start, "every", partial(self.braced, f"every {period} {{", every.body, every.span)))
        for handler in module.handlers:
            items.append((handler.span.start, "on", partial(self.braced, f"on {handler.phase} {{", handler.body,
                                                            handler.span)))
        return items

    def declaration(self, text: str, node, blank: bool) -> None:
        self.emit(text, node, blank=blank)

    def braced(self, opening: str, body: list, span: Span, blank: bool = False) -> None:
        """`opening` (ending in `{`), the statements of `body`, and the `}` that ends `span`."""
        self.emit(opening, span.start, self.opening(span) + 1, opens=True, blank=blank)
        self.block(body)
        self.emit("}", span.end - 1, closes=True)

    def fields(self, opening: str, fields: list[syntax.ConfigField], span: Span, blank: bool) -> None:
        """A `type` or `config` block."""
        self.emit(opening, span.start, self.opening(span) + 1, opens=True, blank=blank)
        self.depth += 1
        for field in fields:
            optional = "?" if field.optional else ""
            default = f" = {self.expr(field.default)}" if field.default is not None else ""
            self.emit(f"{field.name}: {self.type_ref(field.type)}{optional}{default}", field)
        self.depth -= 1
        self.emit("}", span.end - 1, closes=True)

    def type_ref(self, node: syntax.TypeRef) -> str:
        if not node.args:
            return node.name
        return f"{node.name}<{', '.join(self.type_ref(arg) for arg in node.args)}>"

    def block(self, body: list) -> None:
        self.depth += 1
        for stmt in body:
            self.STATEMENTS[type(stmt)](self, stmt)
        self.depth -= 1

    # statements
    def stmt_set(self, node: syntax.SetStmt) -> None:
        self.emit(f"{node.op} {self.expr(node.target)} = {self.expr(node.value)}", node)

    def stmt_remove(self, node: syntax.RemoveStmt) -> None:
        self.emit(f"remove {self.expr(node.target)}", node)

    def stmt_rewrite(self, node: syntax.RewriteStmt) -> None:
        self.emit(f"rewrite {self.expr(node.target)} {self.expr(node.pattern)} to {self.expr(node.template)}", node)

    def stmt_respond(self, node: syntax.RespondStmt) -> None:
        self.emit(self.respond_text(node), node)

    def respond_text(self, node: syntax.RespondStmt) -> str:
        parts = ["respond", self.expr(node.status)]
        if node.body is not None:
            parts.append(self.expr(node.body))
        if node.headers is not None:
            parts += ["headers", self.expr(node.headers)]
        return " ".join(parts)

    def stmt_limit(self, node: syntax.LimitStmt) -> None:
        parts = ["limit"] + ([self.expr(node.key)] if node.key is not None else [])
        parts += ["to", self.expr(node.count), "per", self.expr(node.period)]
        if node.reply is not None:
            parts.append(self.respond_text(node.reply))
        self.emit(" ".join(parts), node)

    def stmt_store(self, node: syntax.StoreStmt) -> None:
        self.emit(f"store {node.name} = {self.expr(node.value)}", node)

    def stmt_continue(self, node: syntax.ContinueStmt) -> None:
        self.emit("continue", node)

    def stmt_if(self, node: syntax.IfStmt) -> None:
        closes = self.branch_ends(node)
        for index, branch in enumerate(node.branches):
            body_end = closes[index]
            if index == 0:
                first, opening = node.span.start, "if"
            else:  # `} else if`: the line starts at the `}` of the branch before
                first, opening = closes[index - 1], "} else if"
            self.emit(f"{opening} {self.expr(branch.condition)} {{", first, self.out.opening(body_end) + 1,
                      closes=index > 0, opens=True)
            self.block(branch.body)
        if node.otherwise is not None:
            self.emit("} else {", closes[-2], self.out.opening(closes[-1]) + 1, closes=True, opens=True)
            self.block(node.otherwise)
        self.emit("}", closes[-1], closes=True)

    def branch_ends(self, node: syntax.IfStmt) -> list[int]:
        """The offsets of the `}` that ends each branch's block (and the `else` block's)."""
        closes = [node.span.end - 1]
        if node.otherwise is not None:  # `} else {`: the token before the `{`'s is `else`
            else_start, _end = self.out.token_before(self.out.opening(closes[0]))
            closes.insert(0, self.out.token_before(else_start)[0])
        for branch in reversed(node.branches[1:]):  # an `else if` branch's span starts at its `else`
            closes.insert(0, self.out.token_before(branch.span.start)[0])
        return closes

    def stmt_var(self, node: syntax.VarStmt) -> None:
        self.emit(f"var {node.name} = {self.expr(node.value)}", node)

    def stmt_let(self, node: syntax.LetStmt) -> None:
        value = node.value
        if isinstance(value, syntax.CallExpr):
            self.http_call(f"let {node.name} = ", value, node.span.start)
        else:
            self.emit(f"let {node.name} = {self.expr(value)}", node)

    def stmt_call(self, node: syntax.CallStmt) -> None:
        self.http_call("", node.call, node.span.start)

    def http_call(self, before: str, call: syntax.CallExpr, first: int) -> None:
        self.emit(f"{before}call {self.expr(call.cluster)} {{", first, self.opening(call.span) + 1, opens=True)
        self.depth += 1
        for field in call.fields:
            self.emit(f"{field.name}: {self.expr(field.value)}", field)
        self.depth -= 1
        self.emit("}", call.span.end - 1, closes=True)

    def stmt_for(self, node: syntax.ForStmt) -> None:
        names = node.name + (f", {node.value_name}" if node.value_name else "")
        self.braced(f"for {names} in {self.expr(node.iterable)} {{", node.body, node.span)

    def stmt_log(self, node: syntax.LogStmt) -> None:
        self.emit(f"log {node.level} {self.expr(node.message)}", node)

    def stmt_count(self, node: syntax.CountStmt) -> None:
        self.emit(f"count {node.name}", node)

    def stmt_observe(self, node: syntax.ObserveStmt) -> None:
        self.emit(f"observe {node.name} {self.expr(node.value)}", node)

    # expressions
    def expr(self, node, context: int = _CONDITIONAL) -> str:
        text, strength = self.EXPRESSIONS[type(node)](self, node)
        # Parentheses where precedence needs them, and where the source has them (they are there to be read).
        return f"({text})" if strength < context or self.out.parenthesized(node.span.start, node.span.end) else text

    def expr_string(self, node: syntax.StringLit):
        return string_literal(node.value, node.raw), _MEMBER

    def expr_int(self, node: syntax.IntLit):
        return str(node.value), _MEMBER

    def expr_double(self, node: syntax.DoubleLit):
        return (node.text or repr(node.value)), _MEMBER

    def expr_bool(self, node: syntax.BoolLit):
        return ("true" if node.value else "false"), _MEMBER

    def expr_duration(self, node: syntax.DurationLit):
        return (node.text or f"{node.milliseconds}ms"), _MEMBER

    def expr_list(self, node: syntax.ListLit):
        return "[" + ", ".join(self.expr(item) for item in node.items) + "]", _MEMBER

    def expr_map(self, node: syntax.MapLit):
        entries = ", ".join(f"{self.expr(e.key)}: {self.expr(e.value)}" for e in node.entries)
        return "{" + entries + "}", _MEMBER

    def expr_name(self, node: syntax.Name):
        return node.name, _MEMBER

    def expr_member(self, node: syntax.Member):
        return f"{self.expr(node.target, _MEMBER)}.{node.name}", _MEMBER

    def expr_index(self, node: syntax.Index):
        return f"{self.expr(node.target, _MEMBER)}[{self.expr(node.index)}]", _MEMBER

    def expr_call(self, node: syntax.Call):
        args = ", ".join(self.expr(arg) for arg in node.args)
        if node.target is None:
            return f"{node.name}({args})", _MEMBER
        return f"{self.expr(node.target, _MEMBER)}.{node.name}({args})", _MEMBER

    def expr_unary(self, node: syntax.Unary):
        operand = self.expr(node.operand, _UNARY)
        # `- -x` must not print as `--x`; `-(-5)` keeps its meaning either way.
        separator = " " if node.op == "-" and operand.startswith("-") else ""
        return f"{node.op}{separator}{operand}", _UNARY

    def expr_binary(self, node: syntax.Binary):
        strength = _PRECEDENCE[node.op]
        # Left-associative: the right operand needs parentheses at equal strength.
        left = self.expr(node.left, strength)
        right = self.expr(node.right, strength + 1)
        return f"{left} {node.op} {right}", strength

    def expr_conditional(self, node: syntax.Conditional):
        condition = self.expr(node.condition, 1)
        return f"{condition} ? {self.expr(node.then)} : {self.expr(node.otherwise)}", _CONDITIONAL


# Dispatch by node class, built once: every edge is a reference a type checker
# and "find usages" see (tests/unit/test_dispatch.py checks they cover the tree).
_Printer.STATEMENTS = {
    syntax.SetStmt: _Printer.stmt_set,
    syntax.RemoveStmt: _Printer.stmt_remove,
    syntax.RewriteStmt: _Printer.stmt_rewrite,
    syntax.RespondStmt: _Printer.stmt_respond,
    syntax.LimitStmt: _Printer.stmt_limit,
    syntax.StoreStmt: _Printer.stmt_store,
    syntax.CallStmt: _Printer.stmt_call,
    syntax.ContinueStmt: _Printer.stmt_continue,
    syntax.IfStmt: _Printer.stmt_if,
    syntax.LetStmt: _Printer.stmt_let,
    syntax.VarStmt: _Printer.stmt_var,
    syntax.LogStmt: _Printer.stmt_log,
    syntax.ForStmt: _Printer.stmt_for,
    syntax.CountStmt: _Printer.stmt_count,
    syntax.ObserveStmt: _Printer.stmt_observe,
}
_Printer.EXPRESSIONS = {
    syntax.StringLit: _Printer.expr_string,
    syntax.IntLit: _Printer.expr_int,
    syntax.DoubleLit: _Printer.expr_double,
    syntax.BoolLit: _Printer.expr_bool,
    syntax.DurationLit: _Printer.expr_duration,
    syntax.ListLit: _Printer.expr_list,
    syntax.MapLit: _Printer.expr_map,
    syntax.Name: _Printer.expr_name,
    syntax.Member: _Printer.expr_member,
    syntax.Index: _Printer.expr_index,
    syntax.Call: _Printer.expr_call,
    syntax.Unary: _Printer.expr_unary,
    syntax.Binary: _Printer.expr_binary,
    syntax.Conditional: _Printer.expr_conditional,
}


def _config_blocks(module: syntax.Module) -> list[tuple[Span, list[syntax.ConfigField]]]:
    """Each `config` block's span and fields (the tree holds their fields in
    one list); one block without a span for a tree without positions."""
    if not module.config:
        return []
    spans = module.config_spans
    if not spans or any(span.end == 0 for span in spans):
        return [(Span(), list(module.config))]
    return [(span, [field for field in module.config if span.start <= field.span.start < span.end]) for span in spans]


def format_expr(node: syntax.Expr) -> str:
    """One expression as canonical .pwf text (for messages that quote it)."""
    return _Printer(Plain()).expr(node)

"""Canonical .pwf text from a syntax tree (`pwc fmt`).

One method per node kind.  Parentheses appear only where precedence needs
them; strings are written with the fewest escapes (raw strings stay raw
when they can); two spaces indent each block.  Comments are not part of the
tree, so they are not printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from . import syntax

# Binding strength of each binary operator (higher binds tighter), as in the grammar.
_PRECEDENCE = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "in": 3,
               "+": 4, "-": 4, "*": 5, "/": 5, "%": 5}
_CONDITIONAL, _UNARY, _MEMBER = 0, 6, 7
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def format_module(module: syntax.Module) -> str:
    return _Printer().module(module)


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

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def emit(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    def module(self, module: syntax.Module) -> str:
        self.emit(f"filter {string_literal(module.filter_name)}")
        for declaration in module.types:
            self.fields(f"type {declaration.name} {{", declaration.fields)
        if module.config:
            self.fields("config {", module.config)
        for limit in module.body_limits:
            self.lines.append("")
            self.emit(f"body_limit {limit.bytes}")
        if module.metrics:
            self.lines.append("")
        for metric in module.metrics:
            self.emit(f"{metric.type} {metric.name}")
        if module.stores:
            self.lines.append("")
        for store in module.stores:
            self.emit(f"store {store.name}: {self.type_ref(store.type)} = {self.expr(store.default)}")
        for every in module.every:
            self.lines.append("")
            self.emit(f"every {every.text or str(every.milliseconds) + 'ms'} {{")
            self.block(every.body)
            self.emit("}")
        for handler in module.handlers:
            self.lines.append("")
            self.emit(f"on {handler.phase} {{")
            self.block(handler.body)
            self.emit("}")
        return "\n".join(self.lines) + "\n"

    def fields(self, opening: str, fields: list[syntax.ConfigField]) -> None:
        """A `type` or `config` block, after a blank line."""
        self.lines.append("")
        self.emit(opening)
        self.depth += 1
        for field in fields:
            optional = "?" if field.optional else ""
            default = f" = {self.expr(field.default)}" if field.default is not None else ""
            self.emit(f"{field.name}: {self.type_ref(field.type)}{optional}{default}")
        self.depth -= 1
        self.emit("}")

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
        self.emit(f"{node.op} {self.expr(node.target)} = {self.expr(node.value)}")

    def stmt_remove(self, node: syntax.RemoveStmt) -> None:
        self.emit(f"remove {self.expr(node.target)}")

    def stmt_rewrite(self, node: syntax.RewriteStmt) -> None:
        self.emit(f"rewrite {self.expr(node.target)} {self.expr(node.pattern)} to {self.expr(node.template)}")

    def stmt_respond(self, node: syntax.RespondStmt) -> None:
        self.emit(self.respond_text(node))

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
        self.emit(" ".join(parts))

    def stmt_store(self, node: syntax.StoreStmt) -> None:
        self.emit(f"store {node.name} = {self.expr(node.value)}")

    def stmt_continue(self, node: syntax.ContinueStmt) -> None:
        self.emit("continue")

    def stmt_if(self, node: syntax.IfStmt) -> None:
        for index, branch in enumerate(node.branches):
            opening = "if" if index == 0 else "} else if"
            self.emit(f"{opening} {self.expr(branch.condition)} {{")
            self.block(branch.body)
        if node.otherwise is not None:
            self.emit("} else {")
            self.block(node.otherwise)
        self.emit("}")

    def stmt_var(self, node: syntax.VarStmt) -> None:
        self.emit(f"var {node.name} = {self.expr(node.value)}")

    def stmt_let(self, node: syntax.LetStmt) -> None:
        value = node.value
        if isinstance(value, syntax.CallExpr):
            self.http_call(f"let {node.name} = ", value)
        else:
            self.emit(f"let {node.name} = {self.expr(value)}")

    def stmt_call(self, node: syntax.CallStmt) -> None:
        self.http_call("", node.call)

    def http_call(self, before: str, call: syntax.CallExpr) -> None:
        self.emit(f"{before}call {self.expr(call.cluster)} {{")
        self.depth += 1
        for field in call.fields:
            self.emit(f"{field.name}: {self.expr(field.value)}")
        self.depth -= 1
        self.emit("}")

    def stmt_for(self, node: syntax.ForStmt) -> None:
        names = node.name + (f", {node.value_name}" if node.value_name else "")
        self.emit(f"for {names} in {self.expr(node.iterable)} {{")
        self.block(node.body)
        self.emit("}")

    def stmt_log(self, node: syntax.LogStmt) -> None:
        self.emit(f"log {node.level} {self.expr(node.message)}")

    def stmt_count(self, node: syntax.CountStmt) -> None:
        self.emit(f"count {node.name}")

    def stmt_observe(self, node: syntax.ObserveStmt) -> None:
        self.emit(f"observe {node.name} {self.expr(node.value)}")

    # expressions
    def expr(self, node, context: int = _CONDITIONAL) -> str:
        text, strength = self.EXPRESSIONS[type(node)](self, node)
        return f"({text})" if strength < context else text

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



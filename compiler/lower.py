"""Pass 3: Checked -> ir.Program.

Lowering decides how each read and write reaches the host: which header map,
which stdlib function, what the request phase must keep for `on response`
(Envoy refuses reads of request headers once the request phase is over), and
where a run-time error must be checked.  The rule for errors: an expression
that may fail is computed into a local and checked before anything acts on
it, so a failed statement has no effect.
"""

from __future__ import annotations

from . import checker as C
from . import ir, messages, syntax
from . import types as T
from .abi import LogLevel, MapType
from .diagnostics import Diagnostics
from .source import Source

_PSEUDO = {"request.path": ":path", "request.method": ":method", "request.host": ":authority", "request.scheme": ":scheme"}
_MAP_OF = {"request": MapType.REQUEST_HEADERS, "response": MapType.RESPONSE_HEADERS}
_LOG_LEVELS = {"trace": LogLevel.TRACE, "debug": LogLevel.DEBUG, "info": LogLevel.INFO, "warn": LogLevel.WARN,
               "error": LogLevel.ERROR, "critical": LogLevel.CRITICAL}
_STRING_METHODS = {"startsWith": "str_starts_with", "endsWith": "str_ends_with", "contains": "str_contains",
                   "lowerAscii": "str_lower_ascii", "upperAscii": "str_upper_ascii", "trim": "str_trim"}
_INT_OPS = {"+": "i64_add_checked", "-": "i64_sub_checked", "*": "i64_mul_checked", "/": "i64_div_checked",
            "%": "i64_rem_checked"}
_INT_COMPARE = {"==": "i64.eq", "!=": "i64.ne", "<": "i64.lt_s", "<=": "i64.le_s", ">": "i64.gt_s", ">=": "i64.ge_s"}
_I32_COMPARE = {"<": "i32.lt_s", "<=": "i32.le_s", ">": "i32.gt_s", ">=": "i32.ge_s"}
_SLOT_KIND = {T.STRING: "string", T.INT: "int", T.DURATION: "int", T.BOOL: "bool", T.LIST: "list", T.MAP: "map"}

FALSE, TRUE = ir.Const("i32", 0), ir.Const("i32", 1)


def lower(checked: C.Checked, source: Source, diagnostics: Diagnostics) -> ir.Program:
    return _Lowering(checked, source, diagnostics).program()


def may_fail(expr) -> bool:
    """Whether evaluating `expr` may set the stdlib's run-time error flag."""
    if isinstance(expr, (ir.Std, ir.Regex, ir.NewList, ir.NewMap)):
        return True
    if isinstance(expr, ir.Op):
        return any(may_fail(a) for a in expr.args)
    if isinstance(expr, ir.Select):
        return may_fail(expr.condition) or may_fail(expr.then) or may_fail(expr.otherwise)
    return False


class _Lowering:
    def __init__(self, checked: C.Checked, source: Source, diagnostics: Diagnostics):
        self.checked = checked
        self.source = source
        self.diag = diagnostics
        self.slots: dict[tuple, ir.Slot] = {}
        self.snapshot: list[tuple[int, object]] = []
        self.phase: ir.Phase | None = None
        self.let_locals: dict[int, ir.Local] = {}  # id(Binding) -> local
        self.extra_functions: list[str] = []
        self.extra_stdlib: set[str] = set()

    def program(self) -> ir.Program:
        module = self.checked.module
        phases: dict[str, ir.Phase] = {}
        for handler in sorted(module.handlers, key=lambda h: h.phase != "request"):
            if handler.phase in C.PHASES and handler.phase not in phases:
                phases[handler.phase] = self.lower_phase(handler)
        if self.slots and "request" not in phases:
            phases["request"] = ir.Phase("request", [])
        return ir.Program(
            filter_name=module.filter_name,
            source_name=self.source.name,
            phases=phases,
            slots=sorted(self.slots.values(), key=lambda s: s.index),
            snapshot=self.snapshot,
            extra_functions=self.extra_functions,
            extra_stdlib=self.extra_stdlib,
        )

    def lower_phase(self, handler: syntax.Handler) -> ir.Phase:
        self.phase = ir.Phase(handler.phase, [])
        self.phase.body = self.block(handler.body)
        return self.phase

    # ------------------------------------------------------------- helpers

    def line(self, node) -> int:
        return self.source.line_col(node.span.start)[0]

    def new_local(self, wasm: str, hint: str = "t") -> ir.Local:
        local = ir.Local(f"${hint}{len(self.phase.locals)}", wasm)
        self.phase.locals.append(local)
        return local

    def settle(self, expr, out: list, node) -> object:
        """`expr` itself when it cannot fail; otherwise a local holding its
        value, computed and checked by statements appended to `out`."""
        if not may_fail(expr):
            return expr
        local = self.new_local(expr.wasm)
        out.append(ir.SetLocal(local, expr, span=node.span))
        out.append(ir.Check(self.line(node), span=node.span))
        return ir.Get(local)

    def slot(self, key: tuple, kind: str, snapshot_expr=None) -> ir.Slot:
        """The record slot for `key`, created on first use."""
        if key not in self.slots:
            self.slots[key] = ir.Slot(len(self.slots), kind)
            if snapshot_expr is not None:
                self.snapshot.append((self.slots[key].index, snapshot_expr))
        return self.slots[key]

    # ---------------------------------------------------------- statements

    def block(self, body: list) -> list:
        out: list = []
        for stmt in body:
            getattr(self, f"stmt_{stmt.kind}")(stmt, out)
        return out

    def stmt_set(self, stmt: syntax.SetStmt, out: list) -> None:
        value = self.settle(self.expr(stmt.value), out, stmt)
        target = stmt.target
        if isinstance(target, syntax.Index):
            side = C._dotted(target.target).split(".")[0]
            name = self.settle(self.header_name(target.index), out, stmt)
            func = "hdr_set" if stmt.op == "set" else "hdr_add"
            self.effect(ir.Std(func, [ir.Const("i32", _MAP_OF[side]), name, value], ""), out, stmt)
            return
        path = C._dotted(target)
        if path == "request.url_path":
            current = ir.Std("hdr_get", [ir.Const("i32", MapType.REQUEST_HEADERS), ir.Str(b":path")], "i64")
            value = self.settle(ir.Std("path_with_url_path", [current, value], "i64"), out, stmt)
            path = "request.path"
        self.effect(ir.Std("hdr_set", [ir.Const("i32", MapType.REQUEST_HEADERS), ir.Str(_PSEUDO[path].encode()), value], ""),
                    out, stmt)

    def stmt_remove(self, stmt: syntax.RemoveStmt, out: list) -> None:
        side = C._dotted(stmt.target.target).split(".")[0]
        name = self.settle(self.header_name(stmt.target.index), out, stmt)
        self.effect(ir.Std("hdr_remove", [ir.Const("i32", _MAP_OF[side]), name], ""), out, stmt)

    def effect(self, call: ir.Std, out: list, node) -> None:
        out.append(ir.Do(call, span=node.span))
        out.append(ir.Check(self.line(node), span=node.span))

    def stmt_respond(self, stmt: syntax.RespondStmt, out: list) -> None:
        status = self.expr(stmt.status)
        if not isinstance(stmt.status, syntax.IntLit):
            status = ir.Std("checked_status", [status], "i64")
        status = self.settle(status, out, stmt)
        body = self.settle(self.expr(stmt.body), out, stmt) if stmt.body is not None else ir.Const("i64", 0)
        headers = self.settle(self.expr(stmt.headers), out, stmt) if stmt.headers is not None else ir.Const("i32", 0)
        out.append(ir.Respond(ir.Op("i32.wrap_i64", [status], "i32"), body, headers, span=stmt.span))

    def stmt_continue(self, stmt: syntax.ContinueStmt, out: list) -> None:
        out.append(ir.Exit(span=stmt.span))

    def stmt_if(self, stmt: syntax.IfStmt, out: list) -> None:
        otherwise = self.block(stmt.otherwise) if stmt.otherwise is not None else []
        # Conditions are evaluated in order, each only when the ones before were false.
        for branch in reversed(stmt.branches):
            prologue: list = []
            condition = self.settle(self.expr(branch.condition), prologue, branch)
            chosen = ir.If(condition, self.block(branch.body), otherwise, span=branch.span)
            otherwise = prologue + [chosen]
        out.extend(otherwise)

    def stmt_let(self, stmt: syntax.LetStmt, out: list) -> None:
        binding = self.checked.bindings[id(stmt)]
        value = self.expr(stmt.value)
        local = self.new_local(value.wasm, "let_" + binding.name + "_")
        self.let_locals[id(binding)] = local
        out.append(ir.SetLocal(local, value, span=stmt.span))
        if may_fail(value):
            out.append(ir.Check(self.line(stmt), span=stmt.span))
        if binding.read_in_response and binding.phase == "request":
            slot = self.slot(("let", id(binding)), _SLOT_KIND[binding.type])
            out.append(ir.Save(slot.index, ir.Get(local), span=stmt.span))
            out.append(ir.Check(self.line(stmt), span=stmt.span))

    def stmt_log(self, stmt: syntax.LogStmt, out: list) -> None:
        message = self.settle(self.expr(stmt.message), out, stmt)
        level = _LOG_LEVELS.get(stmt.level, LogLevel.INFO)
        out.append(ir.Do(ir.Std("log", [ir.Const("i32", level), message], ""), span=stmt.span))

    def stmt_rewrite(self, stmt: syntax.RewriteStmt, out: list) -> None:
        raise AssertionError("rewrite is rejected by the checker until regexes land")

    # --------------------------------------------------------- expressions

    def expr(self, node):
        return getattr(self, f"expr_{node.kind}")(node)

    def expr_string(self, node: syntax.StringLit):
        return ir.Str(node.value.encode("utf-8"))

    def expr_int(self, node: syntax.IntLit):
        return ir.Const("i64", node.value)

    def expr_bool(self, node: syntax.BoolLit):
        return TRUE if node.value else FALSE

    def expr_duration(self, node: syntax.DurationLit):
        return ir.Const("i64", node.milliseconds)

    def expr_list(self, node: syntax.ListLit):
        if all(isinstance(item, syntax.StringLit) for item in node.items):
            return ir.StaticList(tuple(item.value.encode() for item in node.items))
        return ir.NewList([self.expr(item) for item in node.items], self.new_local("i32", "table"))

    def expr_map(self, node: syntax.MapLit):
        literal = all(isinstance(e.key, syntax.StringLit) and isinstance(e.value, syntax.StringLit) for e in node.entries)
        if literal:
            return ir.StaticMap(tuple((e.key.value.encode(), e.value.value.encode()) for e in node.entries))
        return ir.NewMap([(self.expr(e.key), self.expr(e.value)) for e in node.entries], self.new_local("i32", "table"))

    def expr_name(self, node: syntax.Name):
        ref = self.checked.resolved[id(node)]
        binding = ref.binding
        if binding.phase == self.phase.name:
            return ir.Get(self.let_locals[id(binding)])
        slot = self.slot(("let", id(binding)), _SLOT_KIND[binding.type])
        return ir.Saved(slot.index, slot.wasm)

    def expr_member(self, node: syntax.Member):
        path = self.checked.resolved[id(node)].path
        if path == "response.code":
            status = ir.Std("hdr_get", [ir.Const("i32", MapType.RESPONSE_HEADERS), ir.Str(b":status")], "i64")
            return ir.Std("str_to_i64", [status], "i64")
        if self.phase.name == "response":
            slot = self.slot(("attr", path), "string", self.request_attribute(path))
            return ir.Saved(slot.index, "i64")
        return self.request_attribute(path)

    @staticmethod
    def request_attribute(path: str):
        headers = ir.Const("i32", MapType.REQUEST_HEADERS)
        if path in _PSEUDO:
            return ir.Std("hdr_get", [headers, ir.Str(_PSEUDO[path].encode())], "i64")
        whole = ir.Std("hdr_get", [headers, ir.Str(b":path")], "i64")
        return ir.Std("url_path_of" if path == "request.url_path" else "query_of", [whole], "i64")

    def header_name(self, node):
        if isinstance(node, syntax.StringLit):
            return ir.Str(node.value.lower().encode())
        return ir.Std("str_lower_ascii", [self.expr(node)], "i64")

    def expr_index(self, node: syntax.Index):
        ref = self.checked.resolved.get(id(node.target))
        if isinstance(ref, C.HeaderMapRef):
            return self.header_read(ref.side, node.index, "hdr_get", "i64", "string")
        return ir.Std("map_get", [self.expr(node.target), self.expr(node.index)], "i64")

    def header_read(self, side: str, name_node, func: str, wasm: str, kind: str):
        map_type = ir.Const("i32", _MAP_OF[side])
        if side == "request" and self.phase.name == "response":
            if not isinstance(name_node, syntax.StringLit):
                self.diag.error(messages.not_supported_yet("a computed request header name in `on response`",
                                                           "use a literal name"), name_node.span)
                return ir.Const(wasm, 0)
            name = name_node.value.lower()
            slot = self.slot((func, name), kind, ir.Std(func, [map_type, ir.Str(name.encode())], wasm))
            return ir.Saved(slot.index, wasm)
        return ir.Std(func, [map_type, self.header_name(name_node)], wasm)

    def expr_call(self, node: syntax.Call):
        if node.name == "size":
            arg = node.target if node.target is not None else node.args[0]
            arg_type = self.checked.type_of(arg)
            func = {T.STRING: "str_size", T.LIST: "list_size", T.MAP: "map_size"}[arg_type]
            return ir.Std(func, [self.expr(arg)], "i64")
        if node.target is None:
            return self.conversion(node)
        receiver = self.expr(node.target)
        result = "i32" if self.checked.type_of(node) is T.BOOL else "i64"
        return ir.Std(_STRING_METHODS[node.name], [receiver, *(self.expr(a) for a in node.args)], result)

    def conversion(self, node: syntax.Call):
        arg = node.args[0]
        arg_type, value = self.checked.type_of(arg), self.expr(arg)
        if node.name == "int":
            return value if arg_type is T.INT else ir.Std("str_to_i64", [value], "i64")
        if arg_type is T.INT:
            return ir.Std("i64_to_str", [value], "i64")
        if arg_type is T.BOOL:
            return ir.Select(value, ir.Str(b"true"), ir.Str(b"false"), "i64")
        return value

    def expr_unary(self, node: syntax.Unary):
        if node.op == "!":
            return ir.Op("i32.eqz", [self.expr(node.operand)], "i32")
        if isinstance(node.operand, syntax.IntLit):
            return ir.Const("i64", -node.operand.value)
        return ir.Std("i64_sub_checked", [ir.Const("i64", 0), self.expr(node.operand)], "i64")

    def expr_binary(self, node: syntax.Binary):
        op = node.op
        if op == "&&":
            return ir.Select(self.expr(node.left), self.expr(node.right), FALSE, "i32")
        if op == "||":
            return ir.Select(self.expr(node.left), TRUE, self.expr(node.right), "i32")
        if op == "in":
            return self.membership(node)
        left_type = self.checked.type_of(node.left)
        left, right = self.expr(node.left), self.expr(node.right)
        if left_type is T.STRING:
            if op == "+":
                return ir.Std("str_concat", [left, right], "i64")
            if op in ("==", "!="):
                equal = ir.Std("str_eq", [left, right], "i32")
                return equal if op == "==" else ir.Op("i32.eqz", [equal], "i32")
            return ir.Op(_I32_COMPARE[op], [ir.Std("str_cmp", [left, right], "i32"), FALSE], "i32")
        if left_type is T.BOOL:
            return ir.Op("i32.eq" if op == "==" else "i32.ne", [left, right], "i32")
        if op in _INT_COMPARE:
            return ir.Op(_INT_COMPARE[op], [left, right], "i32")
        return ir.Std(_INT_OPS[op], [left, right], "i64")

    def membership(self, node: syntax.Binary):
        ref = self.checked.resolved.get(id(node.right))
        if isinstance(ref, C.HeaderMapRef):
            return self.header_read(ref.side, node.left, "hdr_has", "i32", "bool")
        container_type = self.checked.type_of(node.right)
        func = "list_contains" if container_type is T.LIST else "map_has"
        return ir.Std(func, [self.expr(node.right), self.expr(node.left)], "i32")

    def expr_conditional(self, node: syntax.Conditional):
        then = self.expr(node.then)
        return ir.Select(self.expr(node.condition), then, self.expr(node.otherwise), then.wasm)


"""Pass 3: Checked -> ir.Program.

Lowering decides how each read and write reaches the host: which header map,
which stdlib function, what the request phase must keep for `on response`
(Envoy refuses reads of request headers once the request phase is over), and
where a run-time error must be checked.  The rule for errors: an expression
that may fail is computed into a local and checked before anything acts on
it, so a failed statement has no effect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ClassVar

from ..abi import LogLevel, MapType
from . import ir, layout, syntax, types
from .attributes import BODY_ATTRIBUTES, BODY_PHASE, CALL_FIELD_ATTRIBUTE, HEADER_ATTRIBUTES, JSON_ATTRIBUTES, PHASES, SIDE
from .checked import (AttributeRef, Binding, CallFieldRef, CallHeadersRef, Checked, ConfigEntry, ConfigRef, ConstantRef,
                      FieldRef, FunctionRef, HeaderMapRef, LetRef, MacroRef, PropertyRef, StoredRef)
from .diagnostics import locate_failure
from .hoist import loop_invariants
from . import lower_every, lower_json, lower_metrics, lower_numbers, lower_state
from .lower_rewrite import _MAP_OF, _PSEUDO, _body_buffer, lower_rewrite
from .source import Source
from .written_values import FRAMING, header_map_value, header_safe, target_value

_INT_OPS = {"+": "i64_add_checked", "-": "i64_sub_checked", "*": "i64_mul_checked", "/": "i64_div_checked",
            "%": "i64_rem_checked"}
_INT_COMPARE = {"==": "i64.eq", "!=": "i64.ne", "<": "i64.lt_s", "<=": "i64.le_s", ">": "i64.gt_s", ">=": "i64.ge_s"}
_I32_COMPARE = {"<": "i32.lt_s", "<=": "i32.le_s", ">": "i32.gt_s", ">=": "i32.ge_s"}
_PROPERTY_READERS: dict[types.Type, tuple[str, ir.Wasm]] = {
    types.STRING: ("property_string", "i64"), types.INT: ("property_int", "i64"), types.BOOL: ("property_bool", "i32"),
    types.TIMESTAMP: ("property_timestamp", "i64")}
# stdlib/rx.wat's function for each kind of pattern function (ir.RegexFunction kinds).
_CONFIGURED_PATTERN = {"match": "rx_matches", "find": "rx_find", "extract": "rx_extract", "findall": "rx_find_all",
                       "replace": "rx_replace"}
_TIMESTAMP_ARITHMETIC = {(types.TIMESTAMP, "+"): "ts_add_ms", (types.TIMESTAMP, "-"): "ts_sub_ms"}

_CALL_FIELD_PSEUDO = {field: pseudo for field, name in CALL_FIELD_ATTRIBUTE.items()
                      if (pseudo := HEADER_ATTRIBUTES[name].pseudo_header) is not None}

FALSE, TRUE = ir.Const("i32", 0), ir.Const("i32", 1)
DEFAULT_CALL_TIMEOUT_MS = 1000


def lower(checked: Checked, source: Source) -> ir.Program:
    """Lower a module the checker accepted: lowering reports nothing."""
    return _Lowering(checked, source).program()


def _slot_kind(t: types.Type) -> str:
    kind = types.slot_kind(t)
    assert kind is not None, f"the checker keeps no {t} in a record"
    return kind


def narrowed(slot: ir.Expr, t: types.Type) -> ir.Expr:
    """An 8-byte slot (a record field, a list item, a map value) as a value of type `t`."""
    return ir.Instruction("i32.wrap_i64", [slot], "i32") if t.value_wasm == "i32" else slot


def may_fail(expr: ir.Expr) -> bool:
    """Whether evaluating `expr` may set the stdlib's run-time error flag."""
    if isinstance(expr, (ir.StdCall, ir.Regex, ir.NewList, ir.NewMap, ir.EachRegex, ir.Fold)):
        return True
    if isinstance(expr, ir.Instruction):
        return any(may_fail(a) for a in expr.args)
    if isinstance(expr, ir.Select):
        return may_fail(expr.condition) or may_fail(expr.then) or may_fail(expr.otherwise)
    if isinstance(expr, ir.Bind):
        return may_fail(expr.value) or may_fail(expr.body)
    return False


class _Lowering:
    STATEMENTS: ClassVar[dict[type, Callable]]  # node class -> method, filled below the class
    EXPRESSIONS: ClassVar[dict[type, Callable]]

    def __init__(self, checked: Checked, source: Source):
        self.checked = checked
        self.source = source
        self.slots: dict[tuple, ir.Slot] = {}
        self.snapshot: list[tuple[int, ir.Expr]] = []
        self._current: ir.Function | None = None
        self.let_reads: dict[int, ir.Expr] = {}  # id(Binding) -> how this function reads it
        self.saved_bindings: set[int] = set()  # bindings already in the record
        self.continuations: list[ir.Function] = []
        self.calls: list[ir.CallSite] = []
        self.extra_stdlib: set[str] = set()
        self.regex_functions: dict[tuple[str, str, str | None], ir.RegexFunction] = {}

    def program(self) -> ir.Program:
        module = self.checked.module
        functions: list[ir.Function] = []
        lowered: set[str] = set()
        for handler in sorted(module.handlers, key=lambda h: PHASES.index(h.phase) if h.phase in PHASES else 0):
            if handler.phase in PHASES and handler.phase not in lowered:
                lowered.add(handler.phase)
                functions.append(self.function(handler.phase.replace(" ", "_"), handler.phase, handler.body))
        stores, timers, every = lower_every.program_parts(self)
        functions.extend(every)
        config = [self.config_field(entry) for entry in self.checked.config]
        if config:
            self.slot(("config",), "config")
        if self.slots and "request" not in lowered:
            functions.insert(0, ir.Function("request", "request"))
        functions.extend(self.continuations)
        return ir.Program(
            filter_name=module.filter_name,
            source_name=self.source.name,
            functions=functions,
            slots=sorted(self.slots.values(), key=lambda s: s.index),
            snapshot=self.snapshot,
            calls=self.calls,
            config=config,
            config_type=types.RecordType("config", "i32", kind="record", fields=[f.field for f in config]) if config else None,
            config_slot=self.slots[("config",)].index if config else None,
            resume_slot=self.slots[("resume",)].index if self.calls else None,
            token_slot=self.slots[("token",)].index if self.calls else None,
            ended_slot=self.slots[("ended",)].index if ("ended",) in self.slots else None,
            regex_functions=list(self.regex_functions.values()),
            extra_stdlib=self.extra_stdlib,
            body_limit=module.body_limits[0].bytes if module.body_limits else layout.BODY_LIMIT,
            stores=stores,
            timers=timers,
            metrics=lower_metrics.program_metrics(self.checked, self.source, functions),
        )

    def config_field(self, entry: ConfigEntry) -> ir.ConfigField:
        return ir.ConfigField(entry.name, entry.field, call_timeout=entry.name in self.checked.timeout_config)

    def function(self, name: str, phase: str, body: list[syntax.Stmt], resume: int | None = None,
                 saved: dict[int, ir.Expr] | None = None) -> ir.Function:
        """Lower `body` as the whole code of one function.  `saved` gives the
        bindings that a continuation reads back from the stream's record."""
        function = ir.Function(name, phase, resume=resume)
        with self.lowering(function, saved or {}):
            function.body = self.block(body, [])
        return function

    @contextmanager
    def lowering(self, function: ir.Function, saved: dict[int, ir.Expr]) -> Iterator[None]:
        """Make `function` the one statements are lowered into, with its own
        let bindings (`saved`: those read back from the record), and restore
        the enclosing function's afterwards: a call's continuation is lowered
        in the middle of the function that makes the call."""
        outer = (self._current, self.let_reads, self.saved_bindings)
        self._current, self.let_reads, self.saved_bindings = function, dict(saved), set(saved)
        try:
            yield
        finally:
            self._current, self.let_reads, self.saved_bindings = outer

    @property
    def current(self) -> ir.Function:
        if self._current is None:
            raise RuntimeError("lowering an expression outside a function")
        return self._current

    # ------------------------------------------------------------- helpers

    def new_local(self, wasm: ir.Wasm, hint: str = "t") -> ir.Local:
        local = ir.Local(f"${hint}{len(self.current.locals)}", wasm)
        self.current.locals.append(local)
        return local

    def evaluated(self, expr: ir.Expr, out: list[ir.Stmt], node: syntax.Node) -> ir.Expr:
        """`expr` itself when it cannot fail; otherwise a local holding its
        value, computed and checked by statements appended to `out`."""
        if not may_fail(expr):
            return expr
        local = self.new_local(ir.wasm_of(expr))
        out.append(ir.SetLocal(local, expr, span=node.span))
        out.append(ir.Check(span=node.span))
        return ir.Get(local)

    def slot(self, key: tuple, kind: str, snapshot_expr=None) -> ir.Slot:
        """The record slot for `key`, created on first use."""
        if key not in self.slots:
            self.slots[key] = ir.Slot(len(self.slots), kind)
            if snapshot_expr is not None:
                self.snapshot.append((self.slots[key].index, snapshot_expr))
        return self.slots[key]

    # ---------------------------------------------------------- statements

    def block(self, body: list, after: list) -> list:
        """Lower `body`; `after` is what runs once it is done (the rest of
        the enclosing blocks), which a `call` inside needs as its continuation."""
        out: list = []
        for index, stmt in enumerate(body):
            rest = body[index + 1 :] + after
            if isinstance(stmt, syntax.LetStmt) and isinstance(stmt.value, syntax.CallExpr):
                self.http_call(stmt, rest, out)
                break
            try:
                if isinstance(stmt, syntax.IfStmt):
                    self.stmt_if(stmt, out, rest)
                else:
                    self.STATEMENTS[type(stmt)](self, stmt, out)
            except Exception as error:
                locate_failure(error, stmt.span)
                raise
        return out

    def stmt_set(self, stmt: syntax.SetStmt, out: list) -> None:
        target = stmt.target
        if self.writes_json(target):
            lower_json.write(self, stmt, out)
            return
        value = self.expr(stmt.value)
        if isinstance(target, syntax.Name):
            self.set_var(stmt, self.checked.ref(target, LetRef).binding, value, out)
            return
        if isinstance(target, syntax.Index):
            side = self.checked.ref(target, HeaderMapRef).side
            value = self.evaluated(header_safe(value), out, stmt)
            name = self.evaluated(self.written_name(target.index), out, stmt)
            func = "hdr_set_raw" if stmt.op == "set" else "hdr_add_raw"
            self.effect(ir.StdCall(func, [ir.Const("i32", _MAP_OF[side]), name, value], ""), out, stmt)
            return
        path = self.checked.ref(target, AttributeRef).path
        if path in BODY_ATTRIBUTES:  # the buffer, and content-length when the message has one
            self.effect(ir.StdCall("body_set", [_body_buffer(path), self.evaluated(value, out, stmt)], ""), out, stmt)
            return
        if path == "request.url_path":
            current = ir.StdCall("hdr_get_first", [ir.Const("i32", MapType.REQUEST_HEADERS), ir.Str(b":path")], "i64")
            value = ir.StdCall("path_with_url_path", [current, value], "i64")
            path = "request.path"
        pseudo = _PSEUDO[path]
        value = self.evaluated(target_value(pseudo, value), out, stmt)
        self.effect(ir.StdCall("hdr_set_raw", [ir.Const("i32", MapType.REQUEST_HEADERS), ir.Str(pseudo.encode()),
                                           value], ""), out, stmt)

    def writes_json(self, target: syntax.Expr) -> bool:
        ref = self.checked.resolved.get(id(target))
        return isinstance(ref, AttributeRef) and ref.path in JSON_ATTRIBUTES

    def stmt_remove(self, stmt: syntax.RemoveStmt, out: list) -> None:
        target = stmt.target
        if self.writes_json(target):
            lower_json.write(self, stmt, out)
            return
        assert isinstance(target, syntax.Index), "the checker allows removing headers only"
        side = self.checked.ref(target, HeaderMapRef).side
        name = self.evaluated(self.written_name(target.index), out, stmt)
        self.effect(ir.StdCall("hdr_remove_raw", [ir.Const("i32", _MAP_OF[side]), name], ""), out, stmt)

    def effect(self, call: ir.StdCall, out: list, node) -> None:
        out.append(ir.Effect(call, span=node.span))
        out.append(ir.Check(span=node.span))

    def stmt_respond(self, stmt: syntax.RespondStmt, out: list) -> None:
        status: ir.Expr = self.expr(stmt.status)
        if not isinstance(stmt.status, syntax.IntLit):
            status = ir.StdCall("checked_status", [status], "i64")
        status = self.evaluated(status, out, stmt)
        body = self.evaluated(self.expr(stmt.body), out, stmt) if stmt.body is not None else ir.Const("i64", 0)
        headers: ir.Expr = ir.Const("i32", 0)
        if stmt.headers is not None:
            headers = self.evaluated(header_map_value(self.expr(stmt.headers)), out, stmt)
        out.append(ir.Respond(ir.Instruction("i32.wrap_i64", [status], "i32"), body, headers, span=stmt.span))

    def stmt_continue(self, stmt: syntax.ContinueStmt, out: list) -> None:
        out.append(ir.Exit(span=stmt.span))

    def stmt_if(self, stmt: syntax.IfStmt, out: list, after: list) -> None:
        # A binding saved inside one branch is not saved on the others' paths,
        # nor after the `if`: each branch starts from what was saved before it.
        saved_before = set(self.saved_bindings)
        otherwise = self.branch(stmt.otherwise, after, saved_before) if stmt.otherwise is not None else []
        # Conditions are evaluated in order, each only when the ones before were false.
        for branch in reversed(stmt.branches):
            prologue: list = []
            self.saved_bindings = set(saved_before)
            condition = self.evaluated(self.expr(branch.condition), prologue, branch)
            chosen = ir.If(condition, self.branch(branch.body, after, saved_before), otherwise, span=branch.span)
            otherwise = prologue + [chosen]
        self.saved_bindings = saved_before
        out.extend(otherwise)

    def branch(self, body: list, after: list, saved_before: set[int]) -> list:
        self.saved_bindings = set(saved_before)
        return self.block(body, after)

    def stmt_let(self, stmt: syntax.LetStmt, out: list) -> None:
        assert not isinstance(stmt.value, syntax.CallExpr), "block() lowers calls as http_call"
        self.local_binding(stmt, stmt.value, "let_", out)

    def stmt_var(self, stmt: syntax.VarStmt, out: list) -> None:
        self.local_binding(stmt, stmt.value, "var_", out)

    def local_binding(self, stmt: syntax.LetStmt | syntax.VarStmt, node: syntax.Expr, prefix: str, out: list) -> None:
        """A `let` or `var` lives in a local, and in its record slot too when
        a later phase reads it (a var's every `set` updates the slot)."""
        binding = self.checked.bindings[id(stmt)]
        value = self.expr(node)
        local = self.new_local(ir.wasm_of(value), prefix + binding.name + "_")
        self.let_reads[id(binding)] = ir.Get(local)
        out.append(ir.SetLocal(local, value, span=stmt.span))
        if may_fail(value):
            out.append(ir.Check(span=stmt.span))
        if binding.read_later:
            self.save_binding(binding, out, stmt)

    def set_var(self, stmt: syntax.SetStmt, binding: Binding, value: ir.Expr, out: list) -> None:
        """`set NAME = EXPR`: the new value goes where reads of the var find it
        in this function (its local, or its record slot after a call or in
        `on response`), and to the slot as well when `on response` reads it."""
        value = self.evaluated(value, out, stmt)
        read = self.let_reads.get(id(binding)) if binding.phase == self.current.phase else None
        if isinstance(read, ir.Get):
            out.append(ir.SetLocal(read.local, value, span=stmt.span))
            if not binding.read_later:
                return
            value = read
        slot = self.slot(("let", id(binding)), _slot_kind(binding.type))
        out.append(ir.Save(slot.index, value, span=stmt.span))
        out.append(ir.Check(span=stmt.span))

    def save_binding(self, binding: Binding, out: list, node) -> None:
        """Persist a let's value in the record, unless every path here already did."""
        if id(binding) in self.saved_bindings:
            return
        self.saved_bindings.add(id(binding))
        slot = self.slot(("let", id(binding)), _slot_kind(binding.type))
        out.append(ir.Save(slot.index, self.let_reads[id(binding)], span=node.span))
        out.append(ir.Check(span=node.span))

    def http_call(self, stmt: syntax.LetStmt, rest: list, out: list) -> None:
        """`let x = call ...`: save what the rest needs, start the call, and
        lower the rest as the continuation function that the answer resumes."""
        binding = self.checked.bindings[id(stmt)]
        call = stmt.value
        assert isinstance(call, syntax.CallExpr), "block() passes only `let x = call ...` here"
        cluster, args = self.call_arguments(call, out, stmt)
        live = [b for b in self.visible_bindings() if b.type is not types.CALL]
        for live_binding in live:
            self.save_binding(live_binding, out, stmt)
        self.slot(("resume",), "int")
        self.slot(("token",), "int")
        result = self.call_slots(binding)
        resume = len(self.calls) + 1
        phase = self.current.phase
        name = f"{phase.replace(' ', '_')}_{resume}" if phase != "every" else f"every_call_{resume}"
        self.calls.append(ir.CallSite(resume, result, name, stream=phase != "every", side=SIDE[phase], phase=phase))
        if BODY_PHASE.get(phase) in {h.phase for h in self.checked.module.handlers}:
            self.slot(("ended",), "int")  # the body may end before the answer comes
        out.append(ir.HttpCall(resume, result, cluster, args["method"], args["path"], args["authority"],
                               args["headers"], args["body"], args["timeout"], span=stmt.span))
        saved: dict[int, ir.Expr] = {id(b): ir.RecordRead(self.slots[("let", id(b))].index, self.slots[("let", id(b))].wasm) for b in live}
        self.continuations.append(self.function(name, phase, rest, resume, saved))

    def call_arguments(self, call: syntax.CallExpr, out: list, stmt: syntax.Stmt) -> tuple[ir.Expr, dict[str, ir.Expr]]:
        """The cluster and the call's fields, evaluated in order (defaults for those left out)."""
        fields = {f.name: f.value for f in call.fields}
        cluster = self.evaluated(self.expr(call.cluster), out, stmt)
        args = {}
        for name, default in (("method", ir.Str(b"GET")), ("path", ir.Str(b"/")), ("authority", cluster),
                              ("headers", ir.Const("i32", 0)), ("body", ir.Const("i64", 0)),
                              ("timeout", ir.Const("i64", DEFAULT_CALL_TIMEOUT_MS))):
            value = self.call_field(name, fields[name]) if name in fields else default
            args[name] = self.evaluated(value, out, stmt)
        return cluster, args

    def call_field(self, name: str, node: syntax.Expr) -> ir.Expr:
        """A field of a `call` as given, with the run-time checks its value needs."""
        value = self.expr(node)
        configured = isinstance(self.checked.resolved.get(id(node)), ConfigRef)  # checked at configure time
        if name == "timeout" and not isinstance(node, syntax.DurationLit) and not configured:
            return ir.StdCall("checked_timeout", [value], "i64")
        if name in _CALL_FIELD_PSEUDO:
            return target_value(_CALL_FIELD_PSEUDO[name], value)
        if name == "headers":
            return header_map_value(value)
        return value

    def visible_bindings(self) -> list[Binding]:
        """The bindings of this function's phase it has defined or restored."""
        return [b for b in self.checked.bindings.values() if id(b) in self.let_reads and b.phase == self.current.phase]

    def call_slots(self, binding: Binding) -> int:
        """The record slots of a call result: status, failed, headers, body."""
        first = self.slot(("call", id(binding), "status"), "int").index
        self.slot(("call", id(binding), "failed"), "bool")
        self.slot(("call", id(binding), "headers"), "string")
        self.slot(("call", id(binding), "body"), "string")
        return first

    def stmt_for(self, stmt: syntax.ForStmt, out: list) -> None:
        loop = self.checked.loops[id(stmt)]
        entries = loop.value is not None or loop.over == "map"
        items = self.evaluated(self.collection(stmt.iterable, loop.over, loop.side, loop.value is not None), out, stmt)
        item = self.new_local(loop.item.type.value_wasm, f"for_{loop.item.name}_")
        self.let_reads[id(loop.item)] = ir.Get(item)
        value = None
        if loop.value is not None:
            value = self.new_local(loop.value.type.value_wasm, f"for_{loop.value.name}_")
            self.let_reads[id(loop.value)] = ir.Get(value)
        body = self.block(stmt.body, [])
        varying = {item.name} | ({value.name} if value is not None else set())
        for local, read in loop_invariants(body, varying, lambda wasm: self.new_local(wasm, "once")):
            out.append(ir.SetLocal(local, read, span=stmt.span))
            out.append(ir.Check(span=stmt.span))
        out.append(ir.ForEach(items, 16 if entries else 8, item, value, body, self.new_local("i32", "items"),
                              self.new_local("i32", "i"), span=stmt.span))

    def stmt_log(self, stmt: syntax.LogStmt, out: list) -> None:
        message = self.evaluated(self.expr(stmt.message), out, stmt)
        level = LogLevel[stmt.level.upper()]  # the checker allowed only the ABI's level names
        out.append(ir.Effect(ir.StdCall("log", [ir.Const("i32", level), message], ""), span=stmt.span))

    def stmt_rewrite(self, stmt: syntax.RewriteStmt, out: list) -> None:
        lower_rewrite(self, stmt, out)

    def regex_function(self, kind: str, pattern: syntax.StringLit, template: syntax.StringLit | None) -> str:
        """The name of the function generated for a pattern (ir.RegexFunction
        kinds), once per distinct kind, pattern and template."""
        key = (kind, pattern.value, None if template is None else template.value)
        if key not in self.regex_functions:
            regex = self.checked.regexes[id(pattern)]
            name = f"re{len(self.regex_functions)}_{kind}"
            checked_template = None if template is None else self.checked.templates[id(template)]
            self.regex_functions[key] = ir.RegexFunction(name, kind, regex, checked_template)
            self.extra_stdlib.update(regex.stdlib_functions)
        return self.regex_functions[key].name

    # --------------------------------------------------------- expressions

    def expr(self, node: syntax.Expr) -> ir.Expr:
        return self.EXPRESSIONS[type(node)](self, node)

    def expr_string(self, node: syntax.StringLit) -> ir.Expr:
        return ir.Str(node.value.encode("utf-8"))

    def expr_int(self, node: syntax.IntLit) -> ir.Expr:
        return ir.Const("i64", node.value)

    def expr_double(self, node: syntax.DoubleLit) -> ir.Expr:
        return lower_numbers.literal(node)

    def expr_bool(self, node: syntax.BoolLit) -> ir.Expr:
        return TRUE if node.value else FALSE

    def expr_duration(self, node: syntax.DurationLit) -> ir.Expr:
        return ir.Const("i64", node.milliseconds)

    def expr_list(self, node: syntax.ListLit) -> ir.Expr:
        """A list literal: static when its items are string literals, else built (8-byte items)."""
        strings = [item.value.encode() for item in node.items if isinstance(item, syntax.StringLit)]
        if len(strings) == len(node.items):
            return ir.StaticList(tuple(strings))
        return ir.NewList([self.expr(item) for item in node.items], self.new_local("i32", "table"))

    def expr_map(self, node: syntax.MapLit) -> ir.Expr:
        pairs = [(e.key.value.encode(), e.value.value.encode()) for e in node.entries
                 if isinstance(e.key, syntax.StringLit) and isinstance(e.value, syntax.StringLit)]
        if len(pairs) == len(node.entries):
            return ir.StaticMap(tuple(pairs))
        return ir.NewMap([(self.expr(e.key), self.expr(e.value)) for e in node.entries], self.new_local("i32", "table"))

    def resolved_value(self, ref: PropertyRef | ConfigRef) -> ir.Expr:
        if isinstance(ref, ConfigRef):
            index = [entry.name for entry in self.checked.config].index(ref.entry.name)
            return ir.ConfigRead(index, ref.entry.type.value_wasm)
        func, wasm = _PROPERTY_READERS[ref.type]
        read = ir.StdCall(func, [ir.Str("\0".join(ref.path).encode())], wasm)
        if ref.derived_by is not None:
            read = ir.StdCall(ref.derived_by, [read], wasm)
        if ref.path[0] == "request" and SIDE[self.current.phase] == "response":
            # Envoy derives request.* from the request headers, gone by now.
            slot = self.slot(("property", ref.path), _slot_kind(ref.type), read)
            return ir.RecordRead(slot.index, slot.wasm)
        return read

    def expr_name(self, node: syntax.Name) -> ir.Expr:
        value = self.checked.functions.get(id(node))
        if value is not None:
            return ir.StdCall(value.function.stdlib, [], value.function.result.value_wasm)
        ref = self.checked.resolved[id(node)]
        if isinstance(ref, PropertyRef):
            return self.resolved_value(ref)
        if isinstance(ref, ConstantRef):
            return ir.Const(self.checked.type_of(node).value_wasm, ref.value)
        binding = self.checked.ref(node, LetRef).binding
        if binding.phase == self.current.phase:
            return self.let_reads[id(binding)]
        slot = self.slot(("let", id(binding)), _slot_kind(binding.type))
        return ir.RecordRead(slot.index, slot.wasm)

    def expr_member(self, node: syntax.Member) -> ir.Expr:
        if lower_json.is_dyn(self, node.target):
            return lower_json.member(self, node)
        ref = self.checked.resolved[id(node)]
        if isinstance(ref, (PropertyRef, ConfigRef)):
            return self.resolved_value(ref)
        if isinstance(ref, FieldRef):
            field = ref.record.fields[ref.index]
            read = ir.StdCall("record_slot", [self.expr(node.target), ir.Const("i32", 8 * (1 + ref.index))], "i64")
            return narrowed(read, field.type)
        if isinstance(ref, CallFieldRef):
            slot = self.slots[("call", id(ref.binding), ref.field)]
            return ir.RecordRead(slot.index, slot.wasm)
        if isinstance(ref, StoredRef):
            return lower_every.read(self, node)
        path = self.checked.ref(node, AttributeRef).path
        if path in BODY_ATTRIBUTES:  # read (or decoded) once per phase by its reader
            attribute = BODY_ATTRIBUTES[path]
            body = ir.StdCall(attribute.body_reader, [_body_buffer(path)], "i64")
            return body if attribute.derived_by is None else ir.StdCall(attribute.derived_by, [body], "i32")
        if path.startswith("response."):
            attribute = HEADER_ATTRIBUTES[path]
            assert attribute.pseudo_header is not None, "response attributes are pseudo-headers"
            read = ir.StdCall("hdr_get_first", [ir.Const("i32", MapType.RESPONSE_HEADERS),
                                            ir.Str(attribute.pseudo_header.encode())], "i64")
            if attribute.type is not types.INT:
                return read
            # in `on done` a stream the client left has no response: its code reads 0
            return ir.StdCall("status_or_zero" if self.current.phase == "done" else "str_to_i64", [read], "i64")
        if SIDE[self.current.phase] == "response":
            slot = self.slot(("attr", path), _slot_kind(HEADER_ATTRIBUTES[path].type), self.request_attribute(path))
            return ir.RecordRead(slot.index, slot.wasm)
        return self.request_attribute(path)

    @staticmethod
    def request_attribute(path: str) -> ir.Expr:
        """A request attribute: its pseudo-header, or what a stdlib function derives from a header."""
        headers = ir.Const("i32", MapType.REQUEST_HEADERS)
        attribute = HEADER_ATTRIBUTES[path]
        if attribute.pseudo_header:
            return ir.StdCall("hdr_get_first", [headers, ir.Str(attribute.pseudo_header.encode())], "i64")
        assert attribute.derived_by is not None, "a request attribute is a pseudo-header or derived from a header"
        name = ir.Str(attribute.source_header.encode())
        source = (ir.StdCall("hdr_values", [headers, name], "i32") if attribute.every_copy
                  else ir.StdCall("hdr_get_first", [headers, name], "i64"))
        return ir.StdCall(attribute.derived_by, [source], attribute.type.value_wasm)

    def written_name(self, node: syntax.Expr) -> ir.Expr:
        """The name of a header write: a literal was checked at compile time;
        a computed one is refused at run time unless it is a token that names
        no framing header (stdlib/target.wat)."""
        if isinstance(node, syntax.StringLit):
            return self.header_name(node)
        return ir.StdCall("header_name_value", [self.header_name(node), FRAMING], "i64")

    def header_name(self, node: syntax.Expr) -> ir.Expr:
        if isinstance(node, syntax.StringLit):
            return ir.Str(node.value.lower().encode())
        return ir.StdCall("str_lower_ascii", [self.expr(node)], "i64")

    def expr_index(self, node: syntax.Index) -> ir.Expr:
        if isinstance(self.checked.resolved.get(id(node)), PropertyRef):
            return self.resolved_value(self.checked.ref(node, PropertyRef))
        if lower_json.is_dyn(self, node.target):
            return lower_json.index(self, node)
        ref = self.checked.resolved.get(id(node.target))
        if isinstance(ref, HeaderMapRef):
            return self.header_read(ref.side, node.index, "hdr_get", "i64", "string")
        if isinstance(ref, CallHeadersRef):
            return ir.StdCall("pairs_get", [self.call_headers(ref), self.header_name(node.index)], "i64")
        target_type = self.checked.type_of(node.target)
        assert target_type.item is not None, "the checker allows indexing lists and maps"
        func = "map_get" if target_type.kind == "map" else "list_at"
        return narrowed(ir.StdCall(func, [self.expr(node.target), self.expr(node.index)], "i64"), target_type.item)

    def header_read(self, side: str, name_node: syntax.Expr, func: str, wasm: ir.Wasm, kind: str) -> ir.Expr:
        map_type = ir.Const("i32", _MAP_OF[side])
        if side == "request" and SIDE[self.current.phase] == "response":
            assert isinstance(name_node, syntax.StringLit), "the checker allows only literal names here"
            name = name_node.value.lower()
            slot = self.slot((func, name), kind, ir.StdCall(func, [map_type, ir.Str(name.encode())], wasm))
            return ir.RecordRead(slot.index, wasm)
        return ir.StdCall(func, [map_type, self.header_name(name_node)], wasm)

    def expr_call(self, node: syntax.Call) -> ir.Expr:
        macro = self.checked.macros.get(id(node))
        if macro is not None:
            return self.fold(node, macro)
        if node.name == "has" and node.target is None:
            return self.has(node)
        if id(node) in self.checked.bindings:  # cel.bind
            return self.bind(node, self.checked.bindings[id(node)])
        called = self.checked.functions.get(id(node))
        if called is not None and called.function.regex_kind:
            return self.pattern_call(node, called)
        if called is not None:
            function = called.function
            receiver = [self.expr(node.target)] if called.method and node.target is not None else []
            receiver = [lower_state.site(self, node)] if function.site else receiver
            arguments = receiver + [self.expr(arg) for arg in node.args]
            left_out = len(function.params) + len(function.optional) - len(node.args)
            defaults: list[ir.Expr] = [ir.Const(param.value_wasm, value)
                                       for param, value in function.optional[len(function.optional) - left_out:]]
            return ir.StdCall(function.stdlib, arguments + defaults, function.result.value_wasm)
        if node.name == "size":
            arg = node.target if node.target is not None else node.args[0]
            arg_type = self.checked.type_of(arg)
            func = {types.STRING: "str_size", types.DYN: "dyn_size"}.get(arg_type, f"{arg_type.kind}_size")
            return ir.StdCall(func, [self.expr(arg)], "i64")
        if node.target is None:
            return self.conversion(node)
        raise ValueError(f"a call of `{node.name}` the checker did not resolve")

    def bind(self, node: syntax.Call, binding: Binding) -> ir.Expr:
        """cel.bind(x, INIT, EXPR): INIT into a local that EXPR reads as x."""
        value = self.expr(node.args[1])
        local = self.new_local(ir.wasm_of(value), "bind_" + binding.name + "_")
        self.let_reads[id(binding)] = ir.Get(local)
        body = self.expr(node.args[2])
        return ir.Bind(local, value, body, ir.wasm_of(body))

    def has(self, node: syntax.Call) -> ir.Expr:
        """has(r.f) and has(config.f): the bit of the field in the record's slot 0."""
        argument = node.args[0]
        assert isinstance(argument, syntax.Member), "the checker allows has(x.field) only"
        if lower_json.is_dyn(self, argument.target):
            return lower_json.has(self, argument)
        ref = self.checked.resolved[id(node)]
        if isinstance(ref, ConfigRef):
            index = [entry.name for entry in self.checked.config].index(ref.entry.name)
            return ir.StdCall("record_has", [ir.ConfigRecord(), ir.Const("i32", index)], "i32")
        assert isinstance(ref, FieldRef), "has() reads a configuration or record field"
        return ir.StdCall("record_has", [self.expr(argument.target), ir.Const("i32", ref.index)], "i32")

    def fold(self, node: syntax.Call, macro: MacroRef) -> ir.Expr:
        """A CEL macro: the loop runs over a list, a map's entries (keys at
        their start) or the header map's names (stdlib $hdr_names)."""
        assert node.target is not None, "a macro has a receiver"
        items = self.collection(node.target, macro.over, macro.side, entries=False)
        item = self.new_local(macro.variable.type.value_wasm, "item")
        self.let_reads[id(macro.variable)] = ir.Get(item)
        body = node.args[1:]
        predicate = self.expr(body[0]) if macro.kind != "map" or len(body) == 2 else None
        value = self.expr(body[-1]) if macro.kind == "map" else None
        before = loop_invariants([predicate, value], {item.name}, lambda wasm: self.new_local(wasm, "once"))
        return ir.Fold(macro.kind, items, 16 if macro.over == "map" else 8, item, predicate, value,
                       self.new_local("i32", "items"), self.new_local("i32", "i"), self.new_local("i32", "acc"),
                       self.new_local("i32", "out"), "i32", before)

    def collection(self, node: syntax.Expr, over: str, side: str, entries: bool) -> ir.Expr:
        """What `for` and the macros range over: the list or map itself, or for a
        header map its names (stdlib $hdr_names) or, with `entries`, its entries."""
        if over == "json":
            return ir.StdCall("dyn_items", [self.expr(node)], "i32")
        if over != "headers":
            return self.expr(node)
        return ir.StdCall("hdr_entries" if entries else "hdr_names", [ir.Const("i32", _MAP_OF[side])], "i32")

    def pattern_call(self, node: syntax.Call, called: FunctionRef) -> ir.Expr:
        """A function of a literal pattern: a call of the function generated for it."""
        function = called.function
        pattern = node.args[function.pattern_arg]
        template = node.args[function.template_arg] if function.template_arg is not None else None
        assert template is None or isinstance(template, syntax.StringLit), "the checker allows literal templates"
        subject = node.target if called.method and node.target is not None else node.args[0]
        if not isinstance(pattern, syntax.StringLit):  # a `regex` from configuration
            extra = [ir.Str(template.value.encode())] if template is not None else []
            return ir.StdCall(_CONFIGURED_PATTERN[function.regex_kind], [self.expr(pattern), self.expr(subject), *extra],
                              function.result.value_wasm)
        generated = self.regex_function(function.regex_kind, pattern, template)
        return ir.Regex(generated, [self.expr(subject)], function.result.value_wasm)

    def conversion(self, node: syntax.Call) -> ir.Expr:
        arg = node.args[0]
        numeric = lower_numbers.conversion(self, node)
        if numeric is not None:
            return numeric
        if lower_json.is_dyn(self, arg):
            return lower_json.conversion(self, node)
        arg_type, value = self.checked.type_of(arg), self.expr(arg)
        if node.name in ("bool", "duration"):
            return value if arg_type is not types.STRING else ir.StdCall("duration_parse", [value], "i64")
        if node.name == "timestamp":
            return ir.StdCall("ts_parse_rfc3339" if arg_type is types.STRING else "ts_from_unix_seconds", [value], "i64")
        if arg_type is types.TIMESTAMP:
            return ir.StdCall("ts_unix_seconds" if node.name == "int" else "ts_text", [value], "i64")
        if node.name == "int":
            return value if arg_type is types.INT else ir.StdCall("str_to_i64", [value], "i64")
        if arg_type is types.INT:
            return ir.StdCall("i64_to_str", [value], "i64")
        if arg_type is types.BOOL:
            return ir.Select(value, ir.Str(b"true"), ir.Str(b"false"), "i64")
        return value

    def expr_unary(self, node: syntax.Unary) -> ir.Expr:
        if node.op == "!":
            return ir.Instruction("i32.eqz", [self.expr(node.operand)], "i32")
        if self.checked.type_of(node) is types.DOUBLE:
            return lower_numbers.negated(self, node)
        if isinstance(node.operand, syntax.IntLit):
            return ir.Const("i64", -node.operand.value)
        return ir.StdCall("i64_sub_checked", [ir.Const("i64", 0), self.expr(node.operand)], "i64")

    def expr_binary(self, node: syntax.Binary) -> ir.Expr:
        op = node.op
        if op == "&&":
            return ir.Select(self.expr(node.left), self.expr(node.right), FALSE, "i32")
        if op == "||":
            return ir.Select(self.expr(node.left), TRUE, self.expr(node.right), "i32")
        if op == "in":
            return lower_json.contains(self, node) if lower_json.is_dyn(self, node.right) else self.membership(node)
        if op in _INT_COMPARE and types.DYN in (self.checked.type_of(node.left), self.checked.type_of(node.right)):
            return lower_json.compare(self, node)
        if lower_numbers.involved(self, node):
            return lower_numbers.binary(self, node)
        left_type = self.checked.type_of(node.left)
        left, right = self.expr(node.left), self.expr(node.right)
        if left_type is types.STRING or left_type in types.TEXT_VALUES:
            if op == "+":
                return ir.StdCall("str_concat", [left, right], "i64")
            if op in ("==", "!="):
                equal = ir.StdCall("str_eq", [left, right], "i32")
                return equal if op == "==" else ir.Instruction("i32.eqz", [equal], "i32")
            return ir.Instruction(_I32_COMPARE[op], [ir.StdCall("str_cmp", [left, right], "i32"), FALSE], "i32")
        if left_type is types.BOOL:
            return ir.Instruction("i32.eq" if op == "==" else "i32.ne", [left, right], "i32")
        if left_type.is_collection:  # `+`: the checker allows no other operator
            return ir.StdCall("list_concat" if left_type.kind == "list" else "map_merge", [left, right], "i32")
        if types.TIMESTAMP in (left_type, self.checked.type_of(node.right)) and op in "+-":
            return self.timestamp_arithmetic(node, left, right)
        if op in _INT_COMPARE:
            return ir.Instruction(_INT_COMPARE[op], [left, right], "i32")
        return ir.StdCall(_INT_OPS[op], [left, right], "i64")

    def timestamp_arithmetic(self, node: syntax.Binary, left: ir.Expr, right: ir.Expr) -> ir.Expr:
        """t + d, d + t, t - d (a timestamp), t - t (a duration): total, see time.wat."""
        left_type, right_type = self.checked.type_of(node.left), self.checked.type_of(node.right)
        if left_type is types.TIMESTAMP and right_type is types.TIMESTAMP:
            return ir.StdCall("ts_diff_ms", [left, right], "i64")
        if left_type is types.DURATION:  # d + t
            return ir.StdCall("ts_add_ms", [right, left], "i64")
        return ir.StdCall(_TIMESTAMP_ARITHMETIC[(types.TIMESTAMP, node.op)], [left, right], "i64")

    def membership(self, node: syntax.Binary) -> ir.Expr:
        ref = self.checked.resolved.get(id(node.right))
        if isinstance(ref, HeaderMapRef):
            return self.header_read(ref.side, node.left, "hdr_has", "i32", "bool")
        if isinstance(ref, CallHeadersRef):
            return ir.StdCall("pairs_has", [self.call_headers(ref), self.header_name(node.left)], "i32")
        container_type = self.checked.type_of(node.right)
        left = self.expr(node.left)
        if container_type.kind == "map" or container_type.item in (types.STRING, *types.TEXT_VALUES):
            func = "map_has" if container_type.kind == "map" else "list_contains"
            return ir.StdCall(func, [self.expr(node.right), left], "i32")
        if ir.wasm_of(left) == "i32":
            left = ir.Instruction("i64.extend_i32_u", [left], "i64")  # bools are items of 8 bytes
        return ir.StdCall("list_contains_i64", [self.expr(node.right), left], "i32")

    def call_headers(self, ref: CallHeadersRef) -> ir.Expr:
        """The address of the answer's kept pairs buffer (0 when none)."""
        slot = self.slots[("call", id(ref.binding), "headers")]
        return ir.StdCall("str_ptr", [ir.RecordRead(slot.index, "i64")], "i32")

    def expr_conditional(self, node: syntax.Conditional) -> ir.Expr:
        then = self.expr(node.then)
        return ir.Select(self.expr(node.condition), then, self.expr(node.otherwise), ir.wasm_of(then))


# Dispatch by node class, built once: every edge is a reference a type checker
# and "find usages" see (tests/unit/test_dispatch.py checks they cover the tree).
_Lowering.STATEMENTS = {
    syntax.SetStmt: _Lowering.stmt_set,
    syntax.RemoveStmt: _Lowering.stmt_remove,
    syntax.RewriteStmt: _Lowering.stmt_rewrite,
    syntax.RespondStmt: _Lowering.stmt_respond,
    syntax.LimitStmt: lower_state.limit,
    syntax.StoreStmt: lower_every.store,
    syntax.CallStmt: lower_every.detached_call,
    syntax.ContinueStmt: _Lowering.stmt_continue,
    syntax.IfStmt: _Lowering.stmt_if,
    syntax.LetStmt: _Lowering.stmt_let,
    syntax.VarStmt: _Lowering.stmt_var,
    syntax.LogStmt: _Lowering.stmt_log,
    syntax.ForStmt: _Lowering.stmt_for,
    syntax.CountStmt: lower_metrics.stmt_count,
    syntax.ObserveStmt: lower_metrics.stmt_observe,
}
_Lowering.EXPRESSIONS = {
    syntax.StringLit: _Lowering.expr_string,
    syntax.IntLit: _Lowering.expr_int,
    syntax.DoubleLit: _Lowering.expr_double,
    syntax.BoolLit: _Lowering.expr_bool,
    syntax.DurationLit: _Lowering.expr_duration,
    syntax.ListLit: _Lowering.expr_list,
    syntax.MapLit: _Lowering.expr_map,
    syntax.Name: _Lowering.expr_name,
    syntax.Member: _Lowering.expr_member,
    syntax.Index: _Lowering.expr_index,
    syntax.Call: _Lowering.expr_call,
    syntax.Unary: _Lowering.expr_unary,
    syntax.Binary: _Lowering.expr_binary,
    syntax.Conditional: _Lowering.expr_conditional,
}



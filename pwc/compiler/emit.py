"""Pass 4: ir.Program -> WAT text of a whole proxy-wasm module.

One `emit_*` method per IR node.  Each statement's code is preceded by a
`;; file:line` comment, so the WAT (and a trap, should there ever be one)
points back at the .pwf line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ClassVar

from .. import __version__
from .. import abi
from ..conventions import TRACE_PREFIX
from . import emit_root, emit_stream, ir, layout
from .attributes import BODY_PHASE, SIDE
from ..abi import Action, LogLevel, MapType, StreamType
from .config_data import ConfigData
from .data import Data
from .diagnostics import locate_failure
from .emit_metrics import MetricTables
from .source import Source
from .wat import WatWriter, data_string
from pwc import stdlib

_EXPORT_CALLBACK = {"request": "proxy_on_request_headers", "response": "proxy_on_response_headers"}
# A body past the filter's limit: the request is refused, the response replaced.
_OVER_LIMIT = {"request": (413, b"request body too large\n"), "response": (502, b"response body too large\n")}
_STORE = {"i64": "i64.store", "i32": "i32.store"}
_LOAD = {"i64": "i64.load", "i32": "i32.load"}
# How a kept value (ir.Slot kinds) is copied into the persistent heap, and released.
_PERSIST = {"string": "str_pcopy", "list": "list_pcopy", "map": "map_pcopy", "flat_list": "list_pcopy_flat",
            "flat_map": "map_pcopy_keys"}
_RELEASE = {"string": "str_pfree", "list": "pfree", "map": "pfree", "flat_list": "pfree", "flat_map": "pfree"}
FAIL_BODY = b"internal error in filter\n"
REFUSED_BODY = b"bad request\n"
# The router adds this header to every answer that came from the service;
# Envoy's own answers to a call (timeout, connection failure) lack it.
SERVICE_TIME_HEADER = b"x-envoy-upstream-service-time"


def _any_of(codes) -> str:
    """WAT that is 1 when $rt_error is one of `codes`."""
    tests = [f"(i32.eq (global.get $rt_error) (i32.const {int(code)}))" for code in codes]
    while len(tests) > 1:
        tests = [f"(i32.or {a} {b})" for a, b in zip(tests[::2], tests[1::2])] + ([tests[-1]] if len(tests) % 2 else [])
    return tests[0]


def emit(program: ir.Program, source: Source, *, trace_lines: bool = False) -> str:
    """The module's WAT.  With `trace_lines`, every statement first logs
    `pwc-trace FILE:LINE: TEXT` at trace level (for `pwc test --trace`)."""
    return _Emitter(program, source, trace_lines).module()


# Phases whose run-time errors are logged without a reply: an `every` block
# answers no request, and in `on done` the stream is over.
QUIET_PHASES = ("every", "done")


def _record_offset(slot: int | None) -> int:
    """The byte offset of a record slot the program must have."""
    if slot is None:
        raise ValueError("the program has no such record slot")
    return 8 * slot


class _Emitter:
    STATEMENTS: ClassVar[dict[type, Callable]]  # node class -> method, filled below the class
    EXPRESSIONS: ClassVar[dict[type, Callable]]

    def __init__(self, program: ir.Program, source: Source, trace_lines: bool = False):
        self.program = program
        self.trace_lines = trace_lines
        self.source = source
        self.data = Data()
        self.stdlib_roots: set[str] = {"alloc", "rt_error", "hdr_invalidate_all", "log", "send_local_reply"}
        self.stdlib_roots |= program.extra_stdlib
        self.host_imports: set[str] = set()
        self.out = WatWriter()
        self.function: ir.Function | None = None
        self.record_size = 8 * len(program.slots)
        self.last_line = 0
        self.zero_record = self.data.reserve(self.record_size, align=8) if program.uses_record else 0
        self.config_data = ConfigData(self.data)
        self.config_descriptor = 0
        self.config_defaults = self.config_tables() if program.config else 0
        self.metric_tables = MetricTables(program, self.data)
        self.store_entries = emit_root.lay_out_stores(self)

    # ------------------------------------------------------------- module

    def module(self) -> str:
        functions = WatWriter()
        self.out = functions
        for function in self.program.functions:
            self.emit_function(function)
        if self.program.uses_record:
            self.emit_snapshot()
            self.emit_release()
        self.emit_fail()
        if any(function.phase in QUIET_PHASES for function in self.program.functions):
            self.emit_fail("quiet_fail", reply=False)
        self.emit_exports()
        self.stdlib_roots |= self.metric_tables.emit_definitions(self.out)
        for generated in self.program.regex_functions:
            self.emit_regex_function(generated)
        linked = stdlib.link(sorted(self.stdlib_roots))
        return self.assemble_text(linked, functions.text())

    def emit_regex_function(self, generated: ir.RegexFunction) -> None:
        regex, name = generated.regex, generated.name
        if generated.kind == "replace":
            assert generated.template is not None, "a replacement has its template"
            regex.write_replace(self.out, name, generated.template)
        else:
            {"match": regex.write_matches, "find": regex.write_find, "extract": regex.write_extract,
             "findall": regex.write_find_all}[generated.kind](self.out, name)
        self.out.blank()

    def assemble_text(self, linked, functions: str) -> str:
        heap_base = layout.heap_base(self.data.end)
        scratch_end = heap_base + layout.SCRATCH_SIZE
        w = WatWriter()
        with w.indent("(module", ")"):
            w.comment(f"pwc {__version__}: filter \"{self.program.filter_name}\" from {self.program.source_name}")
            for name in sorted(set(linked.host_imports) | self.host_imports):
                w.line(abi.import_line(name))
            w.line(f'(memory (export "memory") {layout.initial_pages(self.data.end)} {layout.MAX_MEMORY_PAGES})')
            w.comment("memory layout (compiler/layout.py)")
            w.line(f"(global $heap_base i32 (i32.const {heap_base}))")
            w.line(f"(global $scratch_top (mut i32) (i32.const {heap_base}))")
            w.line(f"(global $scratch_end i32 (i32.const {scratch_end}))")
            w.line(f"(global $pheap_top (mut i32) (i32.const {scratch_end}))")
            w.comment("stdlib")
            w.lines(linked.wat)
            w.comment("generated")
            w.lines(functions)
            if self.data.blob:
                w.line(f"(data (i32.const {layout.DATA_START}) {data_string(bytes(self.data.blob))})")
        return w.text()

    # ------------------------------------------------------------- phases

    def emit_function(self, function: ir.Function) -> None:
        self.function = function
        self.last_line = 0
        w = self.out
        with w.indent(f"(func $pwc_{function.name} (param $ctx i32) (result i32)", ")"):
            w.line("(local $rec i32) (local $line i32) (local $call i32) (local $config i32)")
            for local in function.locals:
                w.line(f"(local {local.name} {local.wasm})")
            self.emit_record_prologue(function)
            if function.resume is not None and function.phase in BODY_PHASE.values():
                w.comment("the body, as the host keeps it: what this VM read before the call may be gone")
                w.line(f"(call $body_resume (i32.const {emit_stream.BUFFER[SIDE[function.phase]]}))")
                self.stdlib_roots.add("body_resume")
            with w.indent("(block $fail (result i32)", ")"):
                self.emit_block(function.body)
                self.emit_phase_end()
                w.line(f"(return (i32.const {Action.CONTINUE}))")
            w.comment("a run-time error: the line number is on the stack")
            w.line("local.set $line")
            if SIDE[function.phase] == "request" and self.program.uses_record:
                w.line("(call $pwc_snapshot (local.get $ctx))")
            w.line(f"(call $pwc_{'quiet_' if function.phase in QUIET_PHASES else ''}fail (local.get $line))")
            w.line(f"(i32.const {Action.PAUSE})")

    def emit_record_prologue(self, function: ir.Function) -> None:
        if not self.program.uses_record:
            return
        w = self.out
        w.comment("the stream's record (opened in proxy_on_context_create): what outlives a callback")
        w.line("(local.set $rec (call $stream_get (local.get $ctx)))")
        self.stdlib_roots.add("stream_get")
        if function.phase in ("request", "every") and function.resume is None:
            parent = "(i32.const 0)" if function.phase == "request" else f"(i32.and (local.get $ctx) (i32.const 0x{emit_root.ROOT_ID_MASK:X}))"
            w.line(f"(if (i32.eqz (local.get $rec)) (then (local.set $rec (call $pwc_open_record (local.get $ctx) {parent}))))")
            w.line(f"(if (i32.eqz (local.get $rec)) (then (call $pwc_fail (i32.const 0)) (return (i32.const {Action.PAUSE}))))")
        else:
            w.comment("zeros when the request phase never ran")
            w.line(f"(if (i32.eqz (local.get $rec)) (then (local.set $rec (i32.const {self.zero_record}))))")
        if self.program.config:
            w.line(f"(local.set $config (i32.load offset={_record_offset(self.program.config_slot)} (local.get $rec)))")
            w.line(f"(if (i32.eqz (local.get $config)) (then (local.set $config (i32.const {self.config_defaults}))))")

    def emit_phase_end(self) -> None:
        """What every way out of a phase does first (but a run-time error)."""
        if self.function is not None and SIDE.get(self.function.phase) == "request" and self.program.uses_record:
            self.out.line("(call $pwc_snapshot (local.get $ctx))")

    def emit_block(self, body: list) -> None:
        for stmt in body:
            self.emit_location(stmt)
            try:
                self.STATEMENTS[type(stmt)](self, stmt)
            except Exception as error:
                locate_failure(error, stmt.span)
                raise

    def emit_location(self, stmt: ir.Stmt) -> None:
        if stmt.span.end:
            line = self.source.line_of(stmt.span)
            if line == self.last_line:
                return
            self.last_line = line
            text = self.source.line_text(line).strip()
            self.out.comment(f"{self.source.name}:{line}: {text[:60]}")
            if self.trace_lines:
                message = f"{TRACE_PREFIX}{self.source.name}:{line}: {text}".encode()
                self.out.line(f"(call $log (i32.const {LogLevel.TRACE}) (i64.const {self.data.string(message)}))")

    # --------------------------------------------------------- statements

    def emit_setlocal(self, stmt: ir.SetLocal) -> None:
        self.emit_expr(stmt.value)
        self.out.line(f"local.set {stmt.local.name}")

    def emit_effect(self, stmt: ir.Effect) -> None:
        self.emit_expr(stmt.call)
        if stmt.call.wasm:
            self.out.line("drop")

    def emit_save(self, stmt: ir.Save) -> None:
        slot = self.program.slots[stmt.slot]
        self.out.line("local.get $rec")
        self.emit_expr(stmt.value)
        if slot.kind in _PERSIST:
            self.call(_PERSIST[slot.kind])
        if slot.kind in _RELEASE:
            # A slot saved again (a `set` of a kept var, another path through a call)
            # gives its old copy back once the new one is made: the new value may be read from it.
            self.out.line(f"(call ${_RELEASE[slot.kind]} ({_LOAD[slot.wasm]} offset={8 * slot.index} (local.get $rec)))")
            self.stdlib_roots.add(_RELEASE[slot.kind])
        self.out.line(f"{_STORE[slot.wasm]} offset={8 * slot.index}")

    def emit_if(self, stmt: ir.If) -> None:
        self.emit_expr(stmt.condition)
        w = self.out
        with w.indent("(if", ")"):
            with w.indent("(then", ")"):
                self.emit_block(stmt.then)
            if stmt.otherwise:
                with w.indent("(else", ")"):
                    self.emit_block(stmt.otherwise)

    def emit_for_each(self, stmt: ir.ForEach) -> None:
        self.emit_expr(stmt.items)
        with self.each_item(stmt.items_at, stmt.index, stmt.stride, stmt.item, stmt.value, "for"):
            self.emit_block(stmt.body)

    @contextmanager
    def each_item(self, items: ir.Local, index: ir.Local, stride: int, item: ir.Local, value: ir.Local | None,
                  label: str) -> Iterator[str]:
        """A loop over the list (or map) on the stack: each step sets `item`
        (and `value`, the entry's second half) and runs the body; yields the
        label that ends the loop."""
        w, i = self.out, index.name
        done, loop = f"${label}_done_{i[1:]}", f"${label}_{i[1:]}"
        entry = f"(i32.add (local.get {items.name}) (i32.mul (local.get {i}) (i32.const {stride})))"
        w.line(f"local.set {items.name}")
        w.line(f"(local.set {i} (i32.const 0))")
        with w.indent(f"(block {done}", ")"):
            with w.indent(f"(loop {loop}", ")"):
                w.line(f"(br_if {done} (i32.eqz (local.get {items.name})))")
                w.line(f"(br_if {done} (i32.ge_u (local.get {i}) (i32.load (local.get {items.name}))))")
                w.line(f"(local.set {item.name} ({_LOAD[item.wasm]} offset=8 {entry}))")  # an i32 is the low half
                if value is not None:
                    w.line(f"(local.set {value.name} ({_LOAD[value.wasm]} offset=16 {entry}))")
                w.line(f"(local.set {i} (i32.add (local.get {i}) (i32.const 1)))")
                yield done
                w.line(f"(br {loop})")

    def emit_check(self, stmt: ir.Check) -> None:
        self.fail_on_error(self.source.line_of(stmt.span))

    def fail_on_error(self, line: int) -> None:
        self.out.line(f"(br_if $fail (i32.const {line}) (global.get $rt_error))")
        self.out.line("drop")

    def emit_respond(self, stmt: ir.Respond) -> None:
        self.emit_phase_end()
        self.metric_tables.emit_reply_count(self.out, self.source.line_of(stmt.span))
        self.emit_expr(stmt.status)
        self.emit_expr(stmt.body)
        self.emit_expr(stmt.headers)
        self.call("send_local_reply")
        self.out.line(f"(return (i32.const {Action.PAUSE}))")

    def emit_exit(self, stmt: ir.Exit) -> None:
        self.emit_phase_end()
        self.out.line(f"(return (i32.const {Action.CONTINUE}))")

    def emit_httpcall(self, stmt: ir.HttpCall) -> None:
        """Start the call; pause, or run the continuation at once when Envoy refuses it."""
        w = self.out
        p = self.program
        for value in (stmt.cluster, stmt.method, stmt.path, stmt.authority, stmt.headers, stmt.body, stmt.timeout):
            self.emit_expr(value)
        w.line("(local.get $ctx)")
        self.call("http_call_start")
        w.line("(local.set $call)")
        w.line(f"(i64.store offset={_record_offset(p.token_slot)} (local.get $rec) (i64.extend_i32_u (local.get $call)))")
        self.fail_on_error(self.last_line)
        with w.indent("(if (local.get $call)", ")"):
            with w.indent("(then", ")"):
                w.line(f"(i64.store offset={_record_offset(p.resume_slot)} (local.get $rec) (i64.const {stmt.resume}))")
                w.line(f"(return (i32.const {Action.PAUSE}))")
        w.comment("refused by Envoy (unknown cluster, bad arguments): the call failed")
        w.line(f"(i32.store offset={8 * (stmt.result_slot + 1)} (local.get $rec) (i32.const 1))")
        continuation = next(site.function for site in p.calls if site.resume == stmt.resume)
        w.line(f"(return (call $pwc_{continuation} (local.get $ctx)))")

    # -------------------------------------------------------- expressions

    def call(self, func: str) -> None:
        self.stdlib_roots.add(func)
        self.out.line(f"call ${func}")

    def emit_expr(self, expr) -> None:
        self.EXPRESSIONS[type(expr)](self, expr)

    def expr_const(self, expr: ir.Const) -> None:
        self.out.line(f"{expr.wasm}.const {expr.value}")

    def expr_str(self, expr: ir.Str) -> None:
        packed = self.data.string(expr.text)
        self.out.line(f"i64.const {packed}" + (f"  ;; {expr.text[:40]!r}" if expr.text else ""))

    def expr_staticlist(self, expr: ir.StaticList) -> None:
        self.out.line(f"i32.const {self.data.static_list(expr.items)}")

    def expr_staticmap(self, expr: ir.StaticMap) -> None:
        self.out.line(f"i32.const {self.data.static_map(expr.entries)}")

    def expr_newlist(self, expr: ir.NewList) -> None:
        self.build_table(expr.table, [[item] for item in expr.items])

    def expr_newmap(self, expr: ir.NewMap) -> None:
        self.build_table(expr.table, [[key, value] for key, value in expr.entries])

    def build_table(self, table: ir.Local, rows: list[list]) -> None:
        """[count, pad, i64 values...] in scratch memory; 0 when it cannot be allocated."""
        width = len(rows[0]) if rows else 1
        w = self.out
        w.line(f"(local.set {table.name} (call $alloc (i32.const {8 + 8 * width * len(rows)})))")
        self.stdlib_roots.add("alloc")
        with w.indent(f"(if (local.get {table.name})", ")"):
            with w.indent("(then", ")"):
                w.line(f"(i32.store (local.get {table.name}) (i32.const {len(rows)}))")
                for index, value in enumerate(v for row in rows for v in row):
                    w.line(f"local.get {table.name}")
                    self.emit_expr(value)
                    if ir.wasm_of(value) == "i32":
                        w.line("i64.extend_i32_u")  # items are 8 bytes
                    w.line(f"i64.store offset={8 + 8 * index}")
        w.line(f"local.get {table.name}")

    def expr_get(self, expr: ir.Get) -> None:
        self.out.line(f"local.get {expr.local.name}")

    def expr_record_read(self, expr: ir.RecordRead) -> None:
        self.out.line(f"(local.get $rec) ({_LOAD[expr.wasm]} offset={8 * expr.slot})")

    def expr_configread(self, expr: ir.ConfigRead) -> None:
        self.out.line(f"(local.get $config) ({_LOAD[expr.wasm]} offset={8 * (1 + expr.slot)})")  # slot 0: the given bits

    def expr_configrecord(self, expr: ir.ConfigRecord) -> None:
        self.out.line("(local.get $config)")

    def expr_metric_id(self, expr: ir.MetricId) -> None:
        self.out.line(self.metric_tables.read(expr.name))

    def expr_stdcall(self, expr: ir.StdCall) -> None:
        for arg in expr.args:
            self.emit_expr(arg)
        self.call(expr.func)

    def expr_regex(self, expr: ir.Regex) -> None:
        for arg in expr.args:
            self.emit_expr(arg)
        self.out.line(f"call ${expr.func}")

    def expr_eachregex(self, expr: ir.EachRegex) -> None:
        src, dst, i = expr.source.name, expr.result.name, expr.index.name
        item = f"(i32.add (local.get {{list}}) (i32.shl (local.get {i}) (i32.const 3)))"
        w = self.out
        self.emit_expr(expr.items)
        w.line(f"local.set {src}")
        w.line(f"(local.set {dst} (i32.const 0))")
        with w.indent(f"(if (local.get {src})", ")"):
            with w.indent("(then", ")"):
                w.line(f"(local.set {dst} (call $alloc (i32.add (i32.const 8)"
                       f" (i32.shl (i32.load (local.get {src})) (i32.const 3)))))")
                w.line(f"(if (local.get {dst}) (then (i32.store (local.get {dst}) (i32.load (local.get {src})))))")
                w.line(f"(local.set {i} (i32.const 0))")
                with w.indent("(block $each_done", ")"):
                    with w.indent("(loop $each", ")"):
                        w.line(f"(br_if $each_done (i32.eqz (local.get {dst})))")
                        w.line(f"(br_if $each_done (i32.ge_u (local.get {i}) (i32.load (local.get {src}))))")
                        w.line(f"(i64.store offset=8 {item.format(list=dst)}"
                               f" (call ${expr.func} (i64.load offset=8 {item.format(list=src)})))")
                        w.line("(br_if $each_done (global.get $rt_error))")
                        w.line(f"(local.set {i} (i32.add (local.get {i}) (i32.const 1)))")
                        w.line("(br $each)")
        w.line(f"local.get {dst}")
        self.stdlib_roots.add("alloc")

    def expr_fold(self, expr: ir.Fold) -> None:
        """A CEL macro as one loop; each item is read where the list (or map) keeps it."""
        w = self.out
        items, acc, out = expr.items_at.name, expr.acc.name, expr.out.name
        for local, read in expr.before:
            self.emit_expr(read)
            w.line(f"local.set {local.name}")
        self.emit_expr(expr.items)
        w.line(f"(local.set {acc} (i32.const {1 if expr.kind == 'all' else 0}))")
        if expr.kind in ("filter", "map"):
            w.line(f"(local.tee {items})")  # the loop takes the list from the stack
            w.line(f"(local.set {out} (i32.const 0))")
            w.line(f"(if (local.get {items}) (then (local.set {out} (call $alloc (i32.add (i32.const 8)"
                   f" (i32.shl (i32.load (local.get {items})) (i32.const 3)))))))")
            self.stdlib_roots.add("alloc")
        with self.each_item(expr.items_at, expr.index, expr.stride, expr.item, None, "fold") as done:
            self.fold_step(expr, done)
            w.line(f"(br_if {done} (global.get $rt_error))")
        self.fold_result(expr)

    def fold_step(self, expr: ir.Fold, done: str) -> None:
        """What one item does: decide (exists, all), count (exists_one) or keep (filter, map)."""
        w, acc = self.out, expr.acc.name
        if expr.predicate is not None:
            self.emit_expr(expr.predicate)
            if expr.kind == "all":
                w.line("i32.eqz")
        else:
            w.line("i32.const 1")  # map without a condition keeps every item
        with w.indent("(if", ")"):
            with w.indent("(then", ")"):
                if expr.kind in ("exists", "all"):
                    w.line(f"(local.set {acc} (i32.const {0 if expr.kind == 'all' else 1}))")
                    w.line(f"(br {done})")
                    return
                if expr.kind in ("filter", "map"):
                    w.line(f"(local.get {expr.out.name})")
                    with w.indent("(if", ")"):
                        with w.indent("(then", ")"):
                            w.line(f"(i32.add (local.get {expr.out.name}) (i32.shl (local.get {acc}) (i32.const 3)))")
                            kept = expr.value if expr.value is not None else ir.Get(expr.item)
                            self.emit_expr(kept)
                            if ir.wasm_of(kept) == "i32":
                                w.line("i64.extend_i32_u")  # items are 8 bytes
                            w.line("i64.store offset=8")
                w.line(f"(local.set {acc} (i32.add (local.get {acc}) (i32.const 1)))")

    def fold_result(self, expr: ir.Fold) -> None:
        w, acc, out = self.out, expr.acc.name, expr.out.name
        if expr.kind in ("exists", "all"):
            w.line(f"local.get {acc}")
        elif expr.kind == "exists_one":
            w.line(f"(i32.eq (local.get {acc}) (i32.const 1))")
        else:  # a list: its count, and the empty list is 0
            w.line(f"(if (local.get {out}) (then (i32.store (local.get {out}) (local.get {acc}))))")
            w.line(f"(select (local.get {out}) (i32.const 0) (local.get {acc}))")

    def expr_instruction(self, expr: ir.Instruction) -> None:
        for arg in expr.args:
            self.emit_expr(arg)
        self.out.line(expr.instr)

    def expr_context(self, expr: ir.Context) -> None:
        self.out.line("local.get $ctx")

    def expr_storeentry(self, expr: ir.StoreEntry) -> None:
        self.out.line(f"i32.const {self.store_entries[expr.index]}")

    def expr_bind(self, expr: ir.Bind) -> None:
        self.emit_expr(expr.value)
        self.out.line(f"local.set {expr.local.name}")
        self.emit_expr(expr.body)

    def expr_select(self, expr: ir.Select) -> None:
        self.emit_expr(expr.condition)
        w = self.out
        with w.indent(f"(if (result {expr.wasm})", ")"):
            with w.indent("(then", ")"):
                self.emit_expr(expr.then)
            with w.indent("(else", ")"):
                self.emit_expr(expr.otherwise)

    # ------------------------------------------------- support functions

    def emit_snapshot(self) -> None:
        """Keep, in the stream's record, the request values `on response` reads."""
        w = self.out
        self.function = ir.Function("snapshot", "snapshot")
        with w.indent("(func $pwc_snapshot (param $ctx i32)", ")"):
            w.line("(local $rec i32)")
            w.line("(local.set $rec (call $stream_get (local.get $ctx)))")
            w.line("(if (i32.eqz (local.get $rec)) (then (return)))")
            for slot_index, value in self.program.snapshot:
                self.emit_save(ir.Save(slot_index, value))
        self.stdlib_roots.add("stream_get")

    def emit_release(self) -> None:
        w = self.out
        with w.indent("(func $pwc_release (param $ctx i32)", ")"):
            w.line("(local $rec i32)")
            w.line("(local.set $rec (call $stream_take (local.get $ctx)))")
            w.line("(if (i32.eqz (local.get $rec)) (then (return)))")
            if self.program.token_slot is not None:
                w.comment("a call still in flight: its answer will find no stream")
                w.line(f"(call $http_call_forget (i32.wrap_i64 (i64.load offset={_record_offset(self.program.token_slot)} (local.get $rec))))")
                self.stdlib_roots.add("http_call_forget")
            for slot in self.program.slots:
                if slot.kind in _RELEASE:
                    w.line(f"(call ${_RELEASE[slot.kind]} ({_LOAD[slot.wasm]} offset={8 * slot.index} (local.get $rec)))")
                    self.stdlib_roots.add(_RELEASE[slot.kind])
            w.line("(call $pfree (local.get $rec))")
        self.stdlib_roots |= {"stream_take", "pfree"}

    def emit_fail(self, name: str = "fail", reply: bool = True) -> None:
        """Log `FILTER: runtime error at FILE:LINE: MESSAGE` and answer 500,
        or 400 for a refused value (layout.REFUSED_VALUE_ERRORS).

        The message is written into a buffer in the data segment, not the
        scratch arena, so it can be logged even when memory ran out."""
        prefix = f"{self.program.filter_name}: runtime error at {self.program.source_name}:".encode()
        longest = max(len(m.encode()) for m in layout.RUNTIME_ERROR_MESSAGES.values())
        buffer = self.data.reserve(len(prefix) + 10 + 2 + longest)
        self.data.put(buffer, prefix)
        w = self.out
        with w.indent(f"(func $pwc_{name} (param $line i32)", ")"):
            w.line("(local $end i32) (local $message i64) (local $refused i32)")
            self.metric_tables.emit_error_count(w)
            w.line(f"(local.set $end (i32.add (i32.const {buffer + len(prefix)})"
                   f" (call $write_decimal (i32.const {buffer + len(prefix)}) (local.get $line))))")
            w.line("(i32.store16 (local.get $end) (i32.const 0x203a))  ;; \": \"")
            w.line("(local.set $message (i64.const 0))")
            for code, text in layout.RUNTIME_ERROR_MESSAGES.items():
                w.line(f"(if (i32.eq (global.get $rt_error) (i32.const {int(code)}))"
                       f" (then (local.set $message (i64.const {self.data.string(text.encode())}))))")
            w.line("(memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message))"
                   " (call $str_len (local.get $message)))")
            w.line(f"(local.set $refused {_any_of(sorted(layout.REFUSED_VALUE_ERRORS))})")
            w.line("(global.set $rt_error (i32.const 0))")
            w.line(f"(call $log (i32.const {LogLevel.ERROR}) (call $str_pack (i32.const {buffer})"
                   f" (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message)))"
                   f" (i32.const {buffer}))))")
            if reply:  # not for QUIET_PHASES: no request to answer
                w.line(f"(if (local.get $refused)"
                       f" (then (call $send_local_reply (i32.const 400) (i64.const {self.data.string(REFUSED_BODY)}) (i32.const 0)))"
                       f" (else (call $send_local_reply (i32.const 500) (i64.const {self.data.string(FAIL_BODY)}) (i32.const 0))))")
        self.stdlib_roots |= {"write_decimal", "str_ptr", "str_len", "str_pack"}

    def emit_exports(self) -> None:
        w = self.out
        w.line(f'(func (export "{abi.ABI_VERSION_EXPORT}"))')
        w.line('(func (export "malloc") (param $size i32) (result i32) (call $alloc (local.get $size)))')
        w.line('(func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))')
        self.emit_configure()
        if self.program.uses_record:
            self.emit_context_create()
        phases = self.program.phases
        if "done" in phases:
            self.emit_scoped_export("proxy_on_log", "(param $ctx i32)", "", "(drop (call $pwc_done (local.get $ctx)))")
        for side in ("request", "response"):
            if side in phases or BODY_PHASE[side] in phases:
                emit_stream.headers_callback(self, side, side in phases, BODY_PHASE[side] in phases)
            if BODY_PHASE[side] in phases:
                emit_stream.body_callback(self, side)
        if self.program.calls:
            emit_stream.call_response(self)
        emit_root.emit_tick(self)
        if self.program.uses_record:
            with w.indent('(func (export "proxy_on_delete") (param $ctx i32)', ")"):
                w.line("(call $pwc_release (local.get $ctx))")

    # ------------------------------------------------------ configuration

    def config_tables(self) -> int:
        """Lay out the configuration's descriptor (self.config_descriptor) and
        the record of its defaults (what a stream reads before any
        configuration was loaded); returns the defaults' address."""
        config_type = self.program.config_type
        assert config_type is not None, "a program with configuration has its record type"
        self.config_descriptor = self.config_data.descriptor(config_type)
        return self.config_data.static_record(config_type, {})

    def emit_configure(self) -> None:
        """Check the plugin configuration (JSON text) and keep it per root
        context; refuse it (Envoy then refuses the plugin) when it is wrong."""
        w = self.out
        fields = self.program.config
        self.emit_scoped_export("proxy_on_configure", "(param $root i32) (param $size i32)", "i32",
                                "(call $pwc_configure (local.get $root) (local.get $size))")
        with w.indent("(func $pwc_configure (param $root i32) (param $size i32) (result i32)", ")"):
            w.line("(local $text i64) (local $config i32)")
            if self.program.metrics:
                w.line("(call $pwc_define_metrics)")
            emit_root.start_timer(self)
            if "http_call_detached" in self.stdlib_roots:  # calls no stream waits for are the root's
                w.line("(global.set $call_root (local.get $root))")
            w.line("(local.set $text (call $plugin_config_text (local.get $size)))")
            if not fields:
                with w.indent("(if (i32.eqz (call $config_is_empty (local.get $text)))", ")"):
                    with w.indent("(then", ")"):
                        message = f"{self.program.filter_name}: bad configuration: this filter takes no configuration"
                        w.line(f"(call $log (i32.const {LogLevel.ERROR}) (i64.const {self.data.string(message.encode())}))")
                        w.line("(return (i32.const 0))")
                w.line("(i32.const 1)")
                self.stdlib_roots |= {"plugin_config_text", "config_is_empty"}
                return
            w.line(f"(local.set $config (call $config_load (local.get $text) (i32.const {self.config_descriptor})))")
            with w.indent("(if (i32.eqz (local.get $config))", ")"):
                w.line("(then (call $pwc_config_error) (return (i32.const 0)))")
            for index, config_field in enumerate(fields):
                if config_field.call_timeout:
                    self.emit_timeout_check(index, config_field.name)
            w.comment("a configuration replaced later stays allocated: streams may still read it")
            w.line("(call $stream_put (local.get $root) (local.get $config))")
            w.line("(i32.const 1)")
        self.stdlib_roots |= {"plugin_config_text", "config_load", "config_free", "stream_put"}
        self.stdlib_roots |= self.config_data.stdlib_roots()
        self.out.lines(self.config_data.special_functions())
        self.emit_config_error()

    def emit_timeout_check(self, index: int, name: str) -> None:
        """Refuse a configured call timeout no call could use: every request
        would otherwise end in the run-time error of `checked_timeout`."""
        w = self.out
        message = (f"{self.program.filter_name}: bad configuration: {name}: "
                   f"a call timeout must be between 1ms and {layout.MAX_CALL_TIMEOUT_MS}ms")
        with w.indent(f"(if (i64.ge_u (i64.sub (i64.load offset={8 * (1 + index)} (local.get $config)) (i64.const 1))"
                      f" (i64.const {layout.MAX_CALL_TIMEOUT_MS}))", ")"):
            with w.indent("(then", ")"):
                w.line(f"(call $log (i32.const {LogLevel.ERROR}) (i64.const {self.data.string(message.encode())}))")
                w.line(f"(call $config_free (local.get $config) (i32.const {self.config_descriptor}))")
                w.line("(return (i32.const 0))")

    def emit_config_error(self) -> None:
        """Log `FILTER: bad configuration: [PATH: ]WHAT` (stdlib/cfg.wat's failure)."""
        w = self.out
        text = lambda message: f"(i64.const {self.data.string(message.encode())})"  # noqa: E731
        concat = lambda *parts: functools.reduce(lambda a, b: f"(call $str_concat {a} {b})", parts)  # noqa: E731
        key = concat(text('"'), "(global.get $cfg_fail_key)", text('"'))
        at_byte = "(call $i64_to_str (i64.extend_i32_u (i32.sub (global.get $cfg_fail_at) (global.get $cfg_text_start))))"
        expected = concat(text("expected "), "(i64.load offset=8 (global.get $cfg_fail_type))", text(", got "),
                          "(call $cfg_got_text)")
        messages = {
            1: concat(text("malformed JSON at byte "), at_byte),
            2: concat(text("unknown key "), key, text(" (known keys: "), "(i64.load offset=16 (global.get $cfg_fail_type))",
                      text(")")),
            3: expected,
            4: concat(text("missing required key "), key),
            5: concat(text("duplicate key "), key),
            6: f"(if (result i64) (i64.eqz (global.get $cfg_fail_detail)) (then {expected})"
               f" (else {concat(text('bad pattern: '), '(global.get $cfg_fail_detail)')}))",
            7: concat(text("too large or nested too deeply, at byte "), at_byte),
            8: concat(text("not a JSON object, at byte "), at_byte),
        }
        with w.indent("(func $pwc_config_error", ")"):
            w.line("(local $message i64) (local $code i32)")
            w.line("(local.set $code (global.get $cfg_fail_code))")
            for code, build in messages.items():
                w.line(f"(if (i32.eq (local.get $code) (i32.const {code})) (then (local.set $message {build})))")
            prefix = f"{self.program.filter_name}: bad configuration: "
            w.line(f"(call $log (i32.const {LogLevel.ERROR}) {concat(text(prefix), '(call $cfg_path_prefix)', '(local.get $message)')})")
        self.stdlib_roots |= {"str_concat", "i64_to_str", "cfg_got_text", "cfg_path_prefix"}

    def emit_context_create(self) -> None:
        """Open each stream's record when Envoy creates the stream, with the
        configuration of its plugin (its parent, a root context)."""
        w = self.out
        with w.indent('(func (export "proxy_on_context_create") (param $ctx i32) (param $parent i32)', ")"):
            w.line("(if (local.get $parent) (then (drop (call $pwc_open_record (local.get $ctx) (local.get $parent)))))")
        with w.indent("(func $pwc_open_record (param $ctx i32) (param $parent i32) (result i32)", ")"):
            w.line("(local $rec i32)")
            w.line(f"(local.set $rec (call $record_open (local.get $ctx) (i32.const {self.record_size})))")
            if self.program.config:
                w.line(f"(if (i32.and (i32.ne (local.get $rec) (i32.const 0)) (i32.ne (local.get $parent) (i32.const 0)))"
                       f" (then (i32.store offset={_record_offset(self.program.config_slot)} (local.get $rec)"
                       f" (call $stream_get (local.get $parent)))))")
            w.line("(local.get $rec)")
        self.stdlib_roots |= {"record_open", "stream_get"}

    def emit_scoped_export(self, name: str, params: str, result: str, body: str) -> None:
        """An export Envoy calls, around `body`: the run-time error flag and
        the header caches start clean, and the scratch memory the call used
        is released however `body` returned."""
        w = self.out
        result_type = f" (result {result})" if result else ""
        with w.indent(f'(func (export "{name}") {params}{result_type}', ")"):
            w.line("(local $mark i32)" + (f" (local $result {result})" if result else ""))
            w.line("(local.set $mark (global.get $scratch_top))")
            w.line("(global.set $rt_error (i32.const 0))")
            w.line("(call $hdr_invalidate_all)")
            w.line(f"(local.set $result {body})" if result else body)
            w.comment("scratch is released; the header caches pointing into it are dropped at the next entry")
            w.line("(global.set $scratch_top (local.get $mark))")
            if result:
                w.line("(local.get $result)")


# Dispatch by node class, built once: every edge is a reference a type checker
# and "find usages" see (tests/unit/test_dispatch.py checks they cover the IR).
_Emitter.STATEMENTS = {
    ir.SetLocal: _Emitter.emit_setlocal, ir.Effect: _Emitter.emit_effect, ir.Save: _Emitter.emit_save,
    ir.If: _Emitter.emit_if, ir.Check: _Emitter.emit_check, ir.Respond: _Emitter.emit_respond,
    ir.ForEach: _Emitter.emit_for_each,
    ir.Exit: _Emitter.emit_exit, ir.HttpCall: _Emitter.emit_httpcall,
}
_Emitter.EXPRESSIONS = {
    ir.Const: _Emitter.expr_const, ir.Str: _Emitter.expr_str, ir.StaticList: _Emitter.expr_staticlist,
    ir.StaticMap: _Emitter.expr_staticmap, ir.NewList: _Emitter.expr_newlist, ir.NewMap: _Emitter.expr_newmap,
    ir.Get: _Emitter.expr_get, ir.RecordRead: _Emitter.expr_record_read, ir.ConfigRead: _Emitter.expr_configread,
    ir.ConfigRecord: _Emitter.expr_configrecord, ir.MetricId: _Emitter.expr_metric_id,
    ir.Bind: _Emitter.expr_bind,
    ir.StoreEntry: _Emitter.expr_storeentry,
    ir.Context: _Emitter.expr_context,
    ir.StdCall: _Emitter.expr_stdcall, ir.Regex: _Emitter.expr_regex, ir.EachRegex: _Emitter.expr_eachregex,
    ir.Fold: _Emitter.expr_fold,
    ir.Instruction: _Emitter.expr_instruction, ir.Select: _Emitter.expr_select,
}

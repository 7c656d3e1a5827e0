"""The IR: what each proxy-wasm callback does, shaped for wasm.

Expressions are values of one wasm type each (`i64` for strings, ints and
durations, `i32` for bools, lists and maps) built from stdlib calls and wasm
instructions.  Statements are effects in order; a phase ends at `Exit`,
`Respond`, the end of its body, or a run-time error found by `Check`.
Every statement keeps the span it came from, so the WAT says which .pwf line
each piece of code belongs to.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

from . import layout, types
from .metrics import Metric
from .regex import CompiledRegex, Template
from .records import record
from .source import NO_SPAN, Span

Wasm = types.Wasm  # the wasm type of a value
WasmResult = Literal["i32", "i64", ""]  # a stdlib call's result type: "" for none

# ---------------------------------------------------------------- expressions


@record(eq=False)
class Local:
    name: str
    wasm: Wasm


@record(eq=False)
class Const:
    wasm: Wasm
    value: int


@record(eq=False)
class Str:
    """A string literal: lives in a data segment."""

    text: bytes
    wasm: Wasm = "i64"


@record(eq=False)
class StaticList:
    """A list literal of literal strings: laid out in a data segment."""

    items: tuple[bytes, ...]
    wasm: Wasm = "i32"


@record(eq=False)
class StaticMap:
    entries: tuple[tuple[bytes, bytes], ...]
    wasm: Wasm = "i32"


@record(eq=False)
class NewList:
    """A list built at run time (8-byte items: packed strings) in `table`."""

    items: list[Expr]
    table: Local
    wasm: Wasm = "i32"


@record(eq=False)
class NewMap:
    entries: list[tuple[Expr, Expr]]
    table: Local
    wasm: Wasm = "i32"


@record(eq=False)
class Get:
    local: Local

    @property
    def wasm(self) -> Wasm:
        return self.local.wasm


@record(eq=False)
class RecordRead:
    """A value the request phase saved in the stream's record."""

    slot: int
    wasm: Wasm


@record(eq=False)
class ConfigRead:
    """Field `slot` of this stream's plugin configuration (the root
    context's configuration record)."""

    slot: int
    wasm: Wasm


@record(eq=False)
class ConfigRecord:
    """This stream's configuration record itself (for has(config.x))."""

    wasm: Wasm = "i32"


@record(eq=False)
class StdCall:
    """A call to a stdlib function."""

    func: str
    args: list[Expr]
    wasm: WasmResult  # result type, "" for none


@record(eq=False)
class Instruction:
    """A wasm instruction applied to its operands, e.g. `i64.eq`."""

    instr: str
    args: list[Expr]
    wasm: Wasm


@record(eq=False)
class Select:
    """`condition ? then : otherwise`, evaluating only one side."""

    condition: Expr
    then: Expr
    otherwise: Expr
    wasm: Wasm


@record(eq=False)
class Bind:
    """`cel.bind`: `value` into `local`, then `body` (which reads it)."""

    local: Local
    value: Expr
    body: Expr
    wasm: Wasm


@record(eq=False)
class Regex:
    """Call a matcher or rewriter of `Program.regex_functions`."""

    func: str  # the generated function's name
    args: list[Expr]
    wasm: Wasm


@record(eq=False)
class EachRegex:
    """A new list: the rewriter `func` applied to each string of `items` (a
    list, 0 when empty), stopping at a run-time error.  `source`, `result`
    and `index` are the locals the loop uses."""

    func: str
    items: Expr  # a list
    source: Local
    result: Local
    index: Local
    wasm: Wasm = "i32"


@record(eq=False)
class Fold:
    """A CEL macro over the strings of `items` (a list, 0 when empty; a map's
    entries are `stride` 16 apart, its keys first): `kind` is exists, all,
    exists_one (bools), filter or map (new lists).  Each step sets `item` and
    evaluates `predicate` (and `value` for map); exists and all stop at the
    first decisive item.  `items_at`, `index`, `acc` and `out` are its locals."""

    kind: str
    items: Expr
    stride: int
    item: Local
    predicate: Expr | None
    value: Expr | None
    items_at: Local
    index: Local
    acc: Local
    out: Local
    wasm: Wasm
    before: list[tuple[Local, Expr]] = field(default_factory=list)  # loop-invariant reads, computed first (hoist.py)


@record(eq=False)
class MetricId:
    """The id this VM's host gave the metric named `name` (one of
    `Program.metrics`) when on_configure defined it."""

    name: str
    wasm: Wasm = "i32"


# Every expression node: what statements and other expressions hold.
@record(eq=False)
class StoreEntry:
    """The address of this VM's copy of store `index` (stdlib/store.wat's entry)."""

    index: int
    wasm: Wasm = "i32"


@record(eq=False)
class Context:
    """The id of the context the function runs for (its `$ctx`)."""

    wasm: Wasm = "i32"


Expr = Union[Local, Const, Str, StaticList, StaticMap, NewList, NewMap, Get, RecordRead, ConfigRead, ConfigRecord, StdCall,
             Instruction, Select, Bind, Regex, EachRegex, Fold, StoreEntry, MetricId, Context]


# ----------------------------------------------------------------- statements


@record(eq=False)
class Stmt:
    span: Span = field(default=NO_SPAN, kw_only=True)


@record(eq=False)
class SetLocal(Stmt):
    local: Local
    value: Expr


@record(eq=False)
class Effect(Stmt):
    """Evaluate an expression for its effect (a stdlib call returning nothing)."""

    call: Expr


@record(eq=False)
class Save(Stmt):
    """Persist a value into the stream record (for `on response`)."""

    slot: int
    value: Expr


@record(eq=False)
class If(Stmt):
    condition: Expr
    then: list[Stmt]
    otherwise: list[Stmt]


@record(eq=False)
class Check(Stmt):
    """End the phase with a run-time error if a stdlib call reported one;
    the error names the .pwf line of `span`."""


@record(eq=False)
class Respond(Stmt):
    status: Expr
    body: Expr
    headers: Expr  # a map, or Const(i32, 0) for none


@record(eq=False)
class Exit(Stmt):
    """`continue`: the phase ends, the stream goes on."""


@record(eq=False)
class ForEach(Stmt):
    """`for`: `body` once per string of `items` (a list, 0 when empty), set
    into `item`; with `value`, items are (key, value) entries `stride` 16
    apart.  The loop ends early at a run-time error (the body's Checks) or a
    reply, like any statement."""

    items: Expr
    stride: int
    item: Local
    value: Local | None
    body: list[Stmt]
    items_at: Local
    index: Local


# ------------------------------------------------------------------ program


@dataclass(frozen=True)
class Slot:
    """One value kept per stream from the request phase to the response phase."""

    index: int
    kind: str  # types.slot_kind's

    @property
    def wasm(self) -> Wasm:
        return "i64" if self.kind in ("string", "int") else "i32"


@record(eq=False)
class HttpCall(Stmt):
    """Start `let x = call ...` and end the function: the stream pauses, and
    the continuation `resume` runs when the answer arrives (or at once, with
    `x.failed`, when Envoy refuses the call)."""

    resume: int  # index of the continuation function
    result_slot: int  # first of the four slots: status, failed, headers, body
    cluster: Expr
    method: Expr
    path: Expr
    authority: Expr
    headers: Expr
    body: Expr
    timeout: Expr  # i64 milliseconds


@record(eq=False)
class Function:
    """The code of one phase entry (`request`, `response`) or of one
    continuation after a call (`request_1`, ...)."""

    name: str
    phase: str
    body: list[Stmt] = field(default_factory=list)
    locals: list[Local] = field(default_factory=list)
    resume: int | None = None  # the continuation index, None for a phase entry




@dataclass(frozen=True)
class CallSite:
    resume: int
    result_slot: int
    function: str = ""  # the continuation the answer runs (`request_1`, `every_call_2`)
    stream: bool = True  # a stream waits for the answer (not an `every` block)
    side: str = "request"  # which of the stream's directions it holds (resumed with proxy_continue_stream)
    phase: str = "request"  # the phase that waits (a body phase's headers phase may leave it to the answer)


@dataclass(frozen=True)
class Store:
    """`store NAME: TYPE = DEFAULT`: its shared-data key, its kind
    (stdlib/store.wat) and its default (a constant, a static list or map)."""

    index: int
    kind: int
    key: bytes
    default: Expr


@dataclass(frozen=True)
class Timer:
    """`every PERIOD { }`: the function it runs and the shared-data key of its lease."""

    function: str
    period_ms: int
    lease_key: bytes


# A field holding a compiler structure that is not made of IR nodes: `walk`
# does not descend into it.
OPAQUE = {"ir": False}


@dataclass(frozen=True)
class ConfigField:
    """A configuration field: field `index` of the configuration's record
    (`Program.config_type`), which stdlib/cfg.wat reads."""

    name: str
    field: types.Field = field(metadata=OPAQUE)
    call_timeout: bool = False  # a call's timeout: refused at configure time outside 1ms..2^31-1 ms


@record(eq=False)
class RegexFunction:
    """A function generated for a pattern, by `kind`: "match" (`matches`: the
    pattern's DFA when it has one, else a Pike VM), "replace" (RE2's
    GlobalReplace by `template`), "find" (the first match), "extract" (its
    first group), "findall" (a list of every match).  The emitter renders it
    from the compiled pattern."""

    name: str
    kind: str
    regex: CompiledRegex = field(metadata=OPAQUE)
    template: Template | None = field(default=None, metadata=OPAQUE)


@record(eq=False)
class Program:
    filter_name: str
    source_name: str
    functions: list[Function]
    slots: list[Slot] = field(default_factory=list)
    # What the request phase snapshots when it ends: (slot, expression).
    snapshot: list[tuple[int, Expr]] = field(default_factory=list)
    calls: list[CallSite] = field(default_factory=list)
    config: list[ConfigField] = field(default_factory=list)
    config_type: types.RecordType | None = field(default=None, metadata=OPAQUE)  # the fields' record
    config_slot: int | None = None  # the stream record's pointer to its configuration
    resume_slot: int | None = None  # which continuation a paused stream waits for
    token_slot: int | None = None  # the pending call's token, 0 when none
    ended_slot: int | None = None  # bits of the sides whose message ended while a headers phase waited (emit_stream.py)
    regex_functions: list[RegexFunction] = field(default_factory=list)
    extra_stdlib: set[str] = field(default_factory=set)  # stdlib functions generated code calls
    body_limit: int = layout.BODY_LIMIT  # the largest body a body phase takes, in bytes
    stores: list[Store] = field(default_factory=list)
    timers: list[Timer] = field(default_factory=list)
    # What on_configure defines: declared metrics, then the automatic counters (compiler/metrics.py).
    metrics: list[Metric] = field(default_factory=list, metadata=OPAQUE)

    @property
    def uses_record(self) -> bool:
        return bool(self.slots)

    @property
    def phases(self) -> list[str]:
        return [f.phase for f in self.functions if f.resume is None and f.phase != "every"]


def wasm_of(expr: Expr) -> Wasm:
    """The wasm type of `expr`'s value (a stdlib call made for its effect has none)."""
    if expr.wasm == "i32":
        return "i32"
    if expr.wasm == "i64":
        return "i64"
    raise TypeError(f"{type(expr).__name__} has no value")


# ------------------------------------------------------------------- walking


def walk(root) -> Iterator[object]:
    """Every IR node reachable from `root` (a node, a function, a program, or
    lists of them), each once per occurrence, parents before children.
    Iterative, so no nesting depth can exhaust the stack."""
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            yield item
            fields = [f for f in dataclasses.fields(item) if f.metadata.get("ir", True)]
            stack.extend(reversed([getattr(item, f.name) for f in fields]))


"""Lowering of stores and `every` blocks, apart from lower.py.

A store is JSON text in the Envoy's shared data (stdlib/store.wat), and a
copy of it in each VM, which `stored.NAME` reads: an entry of the data
segment the emitter lays out (ir.StoreEntry).  An `every` block is a
function of phase "every" that the plugin's timer runs when this VM holds
the block's lease (emit_root.py); its calls resume it, not a stream.
A call no rule waits for (`call CLUSTER { }` as a statement) is sent as
the root context's too (stdlib/call.wat's $http_call_detached)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import conventions
from . import ir, syntax, types
from .checked import StoredRef, StoreEntry

if TYPE_CHECKING:
    from .lower import _Lowering

# stdlib/store.wat's kinds.
KIND_STRING, KIND_INT, KIND_BOOL, KIND_LIST, KIND_MAP = 1, 2, 3, 5, 6


def kind_of(t: types.Type) -> int:
    if t.kind in ("list", "map"):
        return KIND_LIST if t.kind == "list" else KIND_MAP
    return {types.STRING.name: KIND_STRING, types.BOOL.name: KIND_BOOL}.get(t.name, KIND_INT)


def store_key(lowering: _Lowering, entry: StoreEntry) -> bytes:
    return conventions.store_key(lowering.checked.module.filter_name, entry.name)


def program_parts(lowering: _Lowering) -> tuple[list[ir.Store], list[ir.Timer], list[ir.Function]]:
    """The stores, the timers and the functions of the `every` blocks."""
    stores = [ir.Store(e.index, kind_of(e.type), store_key(lowering, e), lowering.expr(e.default))
              for e in lowering.checked.stores.values()]
    timers, functions = [], []
    for number, block in enumerate(lowering.checked.module.every, 1):
        name = f"every_{number}"
        functions.append(lowering.function(name, "every", block.body))
        line = lowering.source.line_of(block.span)
        lease = f"pwc1:{lowering.checked.module.filter_name}:every:{line}".encode()
        timers.append(ir.Timer(name, block.milliseconds, lease))
    return stores, timers, functions


def read(lowering: _Lowering, node: syntax.Member) -> ir.Expr:
    """`stored.NAME`: this VM's copy, at no cost."""
    entry = lowering.checked.ref(node, StoredRef).entry
    value = ir.Instruction("i64.load offset=8", [ir.StoreEntry(entry.index)], "i64")
    return ir.Instruction("i32.wrap_i64", [value], "i32") if entry.type.value_wasm == "i32" else value


def store(lowering: _Lowering, stmt: syntax.StoreStmt, out: list) -> None:
    """`store NAME = VALUE`: the JSON text into shared data, then this VM's copy read back."""
    entry = lowering.checked.ref(stmt, StoredRef).entry
    value = lowering.expr(stmt.value)
    if ir.wasm_of(value) == "i32":
        value = ir.Instruction("i64.extend_i32_u", [value], "i64")
    kind = ir.Const("i32", kind_of(entry.type))
    text = lowering.evaluated(ir.StdCall("store_json", [value, kind], "i64"), out, stmt)
    key = ir.Str(store_key(lowering, entry))
    lowering.effect(ir.StdCall("store_put", [key, text], ""), out, stmt)
    lowering.effect(ir.StdCall("store_refresh", [key, kind, ir.StoreEntry(entry.index)], ""), out, stmt)


def detached_call(lowering: _Lowering, stmt: syntax.CallStmt, out: list) -> None:
    """`call CLUSTER { ... }` as a statement: sent as the root context's
    (stdlib/call.wat's $http_call_detached), its answer dropped."""
    cluster, args = lowering.call_arguments(stmt.call, out, stmt)
    lowering.effect(ir.StdCall("http_call_detached", [cluster, *args.values(), ir.Context()], ""), out, stmt)

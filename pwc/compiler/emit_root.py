"""What the emitter writes for the plugin's root context beyond its
configuration: the timer that runs `every` blocks and refreshes stores
(stdlib/store.wat), apart from emit.py.

Each VM of the Envoy gets the timer.  At each tick a VM brings its copies of
the stores up to date, and runs each `every` block whose lease (a due time in
shared data) it takes, so a block runs once per period per Envoy.  The tick
is a quarter of the shortest period (10 ms at least): a block runs within a
quarter period of its due time, and a `store` reaches every VM within a
tick.  A block's own state (its `let`s, a call's answer) lives in a record
of its own, keyed by the root context's id with EVERY_RECORD_BIT and the
block's number; a block whose call has not been answered is not run again
until it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ir, layout

if TYPE_CHECKING:
    from .emit import _Emitter

MIN_TICK_MS = 10
# Where a block's record is kept: the root context's id, this bit, and the
# block's number from bit 20 (root ids are small, stream ids never reach it).
EVERY_RECORD_BIT = layout.EVERY_RECORD_KEY_BIT
NUMBER_SHIFT = 20
ROOT_ID_MASK = (1 << NUMBER_SHIFT) - 1  # a block's record key -> its root context's id


def record_key(number: int) -> int:
    return EVERY_RECORD_BIT | (number << NUMBER_SHIFT)


def tick_ms(program: ir.Program) -> int:
    if not program.timers:
        return 0
    return max(MIN_TICK_MS, min(timer.period_ms for timer in program.timers) // 4)


def lay_out_stores(emitter: _Emitter) -> dict[int, int]:
    """Each store's entry in the data segment, holding its default: index -> address."""
    entries = {}
    for store in emitter.program.stores:
        address = emitter.data.reserve(16, align=8)
        emitter.data.put(address + 8, (_constant(emitter, store.default) % 2**64).to_bytes(8, "little"))
        entries[store.index] = address
    return entries


def _constant(emitter: _Emitter, default: ir.Expr) -> int:
    if isinstance(default, ir.Str):
        return emitter.data.string(default.text)
    if isinstance(default, ir.StaticList):
        return emitter.data.static_list(default.items)
    if isinstance(default, ir.StaticMap):
        return emitter.data.static_map(default.entries)
    assert isinstance(default, ir.Const), "a store's default is a literal"
    return int(default.value)


def start_timer(emitter: _Emitter) -> None:
    """In proxy_on_configure: the timer, when the filter has `every` blocks."""
    if emitter.program.timers:
        emitter.out.line(f"(drop (call $proxy_set_tick_period_milliseconds (i32.const {tick_ms(emitter.program)})))")
        emitter.host_imports.add("proxy_set_tick_period_milliseconds")


def emit_tick(emitter: _Emitter) -> None:
    """proxy_on_tick: refresh the stores, run the blocks that are due here."""
    program, w = emitter.program, emitter.out
    if not program.timers and not program.stores:
        return
    emitter.emit_scoped_export("proxy_on_tick", "(param $root i32)", "", "(call $pwc_tick (local.get $root))")
    with w.indent("(func $pwc_tick (param $root i32)", ")"):
        for store in program.stores:
            w.line(f"(call $store_refresh (i64.const {emitter.data.string(store.key)}) (i32.const {store.kind})"
                   f" (i32.const {emitter.store_entries[store.index]}))")
        for number, timer in enumerate(program.timers, 1):
            key = f"(i32.or (local.get $root) (i32.const {record_key(number)}))"
            lease = (f"(call $lease_take (i64.const {emitter.data.string(timer.lease_key)}) (i64.const {timer.period_ms})"
                     f" (i64.const {tick_ms(program) // 2}))")
            w.line(f"(if (i32.and {_idle(emitter, key)} {lease}) (then (drop (call $pwc_{timer.function} {key}))))")
    emitter.stdlib_roots |= {"store_refresh", "lease_take"}


def _idle(emitter: _Emitter, key: str) -> str:
    """Whether the block's record has no call waiting for its answer."""
    if emitter.program.token_slot is None:
        return "(i32.const 1)"
    emitter.stdlib_roots.add("stream_get")
    offset = 8 * emitter.program.token_slot
    return (f"(i32.or (i32.eqz (call $stream_get {key}))"
            f" (i64.eqz (i64.load offset={offset} (call $stream_get {key}))))")

"""Run stdlib functions through wasmtime against a fake proxy-wasm host.

`StdlibModule()` links the whole stdlib into a module laid out as the emitter
lays one out (layout.py), with Python implementations of the host functions
the stdlib imports.  Test inputs (strings, lists, maps) are written to the
data region between DATA_START and heap_base, where a compiled module keeps
its literals, so they never use the scratch arena under test.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import cache

import wasmtime

from pwc import stdlib
from pwc import abi
from pwc.compiler import layout
from pwc.compiler.assemble import assemble

INPUT_REGION = 1 << 20  # bytes of test inputs after DATA_START
DATA_END = layout.DATA_START + INPUT_REGION
HEAP_BASE = layout.heap_base(DATA_END)
SCRATCH_END = HEAP_BASE + layout.SCRATCH_SIZE
MASK64 = (1 << 64) - 1

# Test-only helpers compiled into the harness module, next to the stdlib.
_TEST_FUNCS = """
(func $test_palloc_churn (param $n i32) (param $size i32) (result i32)
  (local $p i32) (local $last i32)
  (block $done
    (loop $again
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $p (call $palloc (local.get $size)))
      (if (i32.eqz (local.get $p)) (then (return (i32.const 0))))
      (i32.store8 (local.get $p) (i32.const 0xAB))
      (call $pfree (local.get $p))
      (local.set $last (local.get $p))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $again)))
  (local.get $last))
"""


def serialize_pairs(pairs: list[tuple[bytes, bytes]]) -> bytes:
    """The proxy-wasm pairs format, as Envoy writes it."""
    out = bytearray(struct.pack("<I", len(pairs)))
    for key, value in pairs:
        out += struct.pack("<II", len(key), len(value))
    for key, value in pairs:
        out += key + b"\0" + value + b"\0"
    return bytes(out)


def parse_pairs(data: bytes) -> list[tuple[bytes, bytes]]:
    """Inverse of serialize_pairs (strict: asserts the format)."""
    (count,) = struct.unpack_from("<I", data, 0)
    lens = [struct.unpack_from("<II", data, 4 + 8 * i) for i in range(count)]
    at = 4 + 8 * count
    pairs = []
    for key_len, value_len in lens:
        key = data[at : at + key_len]
        assert data[at + key_len] == 0
        at += key_len + 1
        value = data[at : at + value_len]
        assert data[at + value_len] == 0
        at += value_len + 1
        pairs.append((key, value))
    assert at == len(data)
    return pairs


@dataclass
class FakeHost:
    """Header maps held in Python, and a record of what the module did."""

    maps: dict[int, list[tuple[bytes, bytes]]] = field(default_factory=dict)
    # map type -> raw bytes handed back instead of the serialized map, or
    # (status, ptr, len) written to the out-slots as they are
    raw_pairs: dict[int, bytes | tuple[int, int, int]] = field(default_factory=dict)
    fetches: list[int] = field(default_factory=list)
    writes: list[tuple[str, int, bytes, bytes | None]] = field(default_factory=list)
    logs: list[tuple[int, bytes]] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)


@cache
def _compiled() -> tuple[wasmtime.Engine, wasmtime.Module, tuple[str, ...]]:
    linked = stdlib.link(stdlib.function_names())
    exports = [f'(export "{name}" (func ${name}))' for name in linked.functions]
    exports += [f'(export "{name}" (global ${name}))' for name in ("rt_error", "scratch_top", "pheap_top", "num_fail")]
    wat = "\n".join(
        ["(module"]
        + [abi.import_line(name) for name in linked.host_imports]
        + [
            f'(memory (export "memory") {layout.initial_pages(DATA_END)} {layout.MAX_MEMORY_PAGES})',
            f"(global $heap_base i32 (i32.const {HEAP_BASE}))",
            f"(global $scratch_top (mut i32) (i32.const {HEAP_BASE}))",
            f"(global $scratch_end i32 (i32.const {SCRATCH_END}))",
            f"(global $pheap_top (mut i32) (i32.const {SCRATCH_END}))",
            linked.wat,
            stdlib.emitter_function_stubs(),
            _TEST_FUNCS,
            '(func (export "malloc") (param i32) (result i32) (call $alloc (local.get 0)))',
            '(func (export "test_palloc_churn") (param i32 i32) (result i32) '
            "(call $test_palloc_churn (local.get 0) (local.get 1)))",
        ]
        + exports
        + [")"]
    )
    engine = wasmtime.Engine()
    return engine, wasmtime.Module(engine, assemble(wat)), linked.host_imports


def _unimplemented(result_count: int):
    """A host function these tests do not exercise: answers Unimplemented."""

    def handler(caller, *args):
        return abi.Status.UNIMPLEMENTED if result_count else None

    return handler


class StdlibModule:
    """One fresh instance of the linked stdlib and its fake host."""

    def __init__(self, host: FakeHost | None = None) -> None:
        engine, module, host_imports = _compiled()
        self.host = host or FakeHost()
        self.store = wasmtime.Store(engine)
        linker = wasmtime.Linker(engine)
        for name in host_imports:
            params, results = abi.HOST_FUNCTIONS[name]
            functype = wasmtime.FuncType(
                [wasmtime.ValType.i32() if p == "i32" else wasmtime.ValType.i64() for p in params],
                [wasmtime.ValType.i32() for _ in results],
            )
            handler = getattr(self, "_" + name, None) or _unimplemented(len(results))
            linker.define_func("env", name, functype, handler, access_caller=True)
        self.instance = linker.instantiate(self.store, module)
        self.exports = self.instance.exports(self.store)
        self.memory: wasmtime.Memory = self.exports["memory"]
        self._input_top = layout.DATA_START

    # --- calling -----------------------------------------------------------
    def call(self, name: str, *args: int) -> int | None:
        return self.exports[name](self.store, *args)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args: self.call(name, *args)

    def global_value(self, name: str) -> int:
        return self.exports[name].value(self.store)

    def set_global(self, name: str, value: int) -> None:
        self.exports[name].set_value(self.store, wasmtime.Val.i32(value))

    @property
    def rt_error(self) -> int:
        return self.global_value("rt_error")

    def clear_error(self) -> None:
        self.set_global("rt_error", 0)

    def reset_scratch(self) -> None:
        self.set_global("scratch_top", HEAP_BASE)

    # --- memory ------------------------------------------------------------
    def read(self, ptr: int, length: int) -> bytes:
        return bytes(self.memory.read(self.store, ptr, ptr + length))

    def write(self, ptr: int, data: bytes) -> None:
        self.memory.write(self.store, data, ptr)

    def put(self, data: bytes) -> int:
        """Copy `data` into the input region; returns its address (8-aligned)."""
        if self._input_top + len(data) > DATA_END:
            self._input_top = layout.DATA_START
        assert len(data) <= INPUT_REGION
        ptr = self._input_top
        self.write(ptr, data)
        self._input_top = (ptr + len(data) + 7) & ~7
        return ptr

    def s(self, data: bytes | str) -> int:
        """A packed string holding `data`."""
        if isinstance(data, str):
            data = data.encode()
        return pack(self.put(data), len(data)) if data else 0

    def text(self, packed: int) -> bytes:
        """The bytes of packed string `packed` (as returned, maybe negative)."""
        packed &= MASK64
        return self.read(packed >> 32, packed & 0xFFFFFFFF)

    def list(self, items: list[bytes | str]) -> int:
        packed = [self.s(item) for item in items]
        return self.put(struct.pack(f"<ii{len(packed)}q", len(packed), 0, *packed))

    def map(self, entries: list[tuple[bytes | str, bytes | str]]) -> int:
        flat = [self.s(part) for entry in entries for part in entry]
        return self.put(struct.pack(f"<ii{len(flat)}q", len(entries), 0, *flat))

    def memory_pages(self) -> int:
        return self.memory.size(self.store)

    # --- fake host functions (proxy-wasm ABI, as Envoy behaves) -----------
    def _mem(self, caller: wasmtime.Caller) -> wasmtime.Memory:
        return caller.get("memory")

    def _read_in(self, caller, ptr: int, length: int) -> bytes:
        return bytes(self._mem(caller).read(caller, ptr, ptr + length))

    def _proxy_get_header_map_pairs(self, caller, map_type: int, ret_ptr: int, ret_len: int) -> int:
        self.host.fetches.append(map_type)
        memory = self._mem(caller)
        raw = self.host.raw_pairs.get(map_type)
        if isinstance(raw, tuple):
            status, ptr, length = raw
            memory.write(caller, struct.pack("<I", ptr & 0xFFFFFFFF), ret_ptr)
            memory.write(caller, struct.pack("<I", length & 0xFFFFFFFF), ret_len)
            return status
        if raw is None:
            if map_type not in self.host.maps:
                return abi.Status.BAD_ARGUMENT
            raw = serialize_pairs(self.host.maps[map_type])
        ptr = caller.get("malloc")(caller, len(raw))  # like Envoy: the module's malloc
        memory.write(caller, raw, ptr)
        memory.write(caller, struct.pack("<I", ptr), ret_ptr)
        memory.write(caller, struct.pack("<I", len(raw)), ret_len)
        return abi.Status.OK

    def _header_write(self, caller, kind, map_type, key_ptr, key_len, value_ptr=None, value_len=None) -> int:
        key = self._read_in(caller, key_ptr, key_len)
        value = None if value_ptr is None else self._read_in(caller, value_ptr, value_len)
        self.host.writes.append((kind, map_type, key, value))
        pairs = self.host.maps.setdefault(map_type, [])
        if kind in ("replace", "remove"):
            pairs[:] = [(k, v) for k, v in pairs if k.lower() != key.lower()]
        if kind in ("replace", "add"):
            pairs.append((key.lower(), value))
        return abi.Status.OK

    def _proxy_replace_header_map_value(self, caller, map_type, kp, kl, vp, vl) -> int:
        return self._header_write(caller, "replace", map_type, kp, kl, vp, vl)

    def _proxy_add_header_map_value(self, caller, map_type, kp, kl, vp, vl) -> int:
        return self._header_write(caller, "add", map_type, kp, kl, vp, vl)

    def _proxy_remove_header_map_value(self, caller, map_type, kp, kl) -> int:
        return self._header_write(caller, "remove", map_type, kp, kl)

    def _proxy_log(self, caller, level: int, ptr: int, length: int) -> int:
        self.host.logs.append((level, self._read_in(caller, ptr, length)))
        return abi.Status.OK

    def _proxy_send_local_response(self, caller, status, dp, dl, bp, bl, hp, hl, grpc) -> int:
        self.host.replies.append(
            {
                "status": status,
                "details": self._read_in(caller, dp, dl),
                "body": self._read_in(caller, bp, bl),
                "headers": self._read_in(caller, hp, hl),
                "grpc_status": grpc,
            }
        )
        return abi.Status.OK


def pack(ptr: int, length: int) -> int:
    return (ptr << 32) | length


def signed64(value: int) -> int:
    value &= MASK64
    return value - (1 << 64) if value >> 63 else value


def linked_module_text(roots: list[str] | tuple[str, ...], heap: int = 2048, exports: bool = False,
                       exported_globals: tuple[str, ...] = ()) -> str:
    """A module of the stdlib fields `roots` need, alone, with the globals the
    emitter would define (heap at `heap`) and the host functions they import;
    with `exports`, the roots, the memory and `exported_globals` exported."""
    linked = stdlib.link(list(roots))
    return "\n".join(
        ["(module"] + [abi.import_line(name) for name in linked.host_imports]
        + [f"(memory {(heap + layout.SCRATCH_SIZE) // 65536 + 1} 1024)",
           f"(global $heap_base i32 (i32.const {heap}))", f"(global $scratch_top (mut i32) (i32.const {heap}))",
           f"(global $scratch_end i32 (i32.const {heap + layout.SCRATCH_SIZE}))",
           f"(global $pheap_top (mut i32) (i32.const {heap + layout.SCRATCH_SIZE}))", linked.wat]
        + ([stdlib.emitter_function_stubs()] if "cfg_text_value" in linked.functions else [])
        + ([f'(export "{name}" (func ${name}))' for name in roots] + ['(export "memory" (memory 0))']
           + [f'(export "{name}" (global ${name}))' for name in exported_globals] if exports else [])
        + [")"])


class Metered:
    """Stdlib functions linked alone (with only what they need) in a wasmtime
    engine that counts fuel, about one unit per wasm instruction: what a call
    costs, measured.  Inputs go at `base` (DATA_START); the heap starts
    `data_room` bytes later."""

    def __init__(self, funcs: list[str] | tuple[str, ...], data_room: int = 1 << 17) -> None:
        self.base = layout.DATA_START
        wat = linked_module_text(funcs, heap=self.base + data_room, exports=True)
        config = wasmtime.Config()
        config.consume_fuel = True
        self.engine = wasmtime.Engine(config)
        self.module = wasmtime.Module(self.engine, assemble(wat))

    def run(self, func: str, *args: int, data: list[tuple[int, bytes]] | tuple = ()) -> int:
        """The fuel one call uses on a fresh instance; `data` holds (offset from base, bytes) written first."""
        store = wasmtime.Store(self.engine)
        exports = wasmtime.Instance(store, self.module, []).exports(store)
        for offset, chunk in data:
            exports["memory"].write(store, chunk, self.base + offset)
        store.set_fuel(1 << 40)
        exports[func](store, *args)
        return (1 << 40) - store.get_fuel()


@cache
def _shared() -> StdlibModule:
    return StdlibModule()


def shared_module() -> StdlibModule:
    """One instance for a whole test run (instantiating is slow), its scratch
    and error reset on every use."""
    module = _shared()
    module.reset_scratch()
    module.clear_error()
    return module


def mutate_once(draw, text: bytes, alphabet: bytes) -> bytes:
    """A near miss of a valid `text`, as a client sends one: one byte of
    `alphabet` replacing, inserted before, or one byte deleted at a drawn place
    (`draw` is hypothesis's `st.data()`)."""
    from hypothesis import strategies as st

    out = bytearray(text)
    at = draw.draw(st.integers(0, len(out) - 1))
    char = draw.draw(st.sampled_from(alphabet))
    change = draw.draw(st.sampled_from(["replace", "insert", "delete"]))
    if change == "replace":
        out[at] = char
    elif change == "insert":
        out.insert(at, char)
    else:
        del out[at]
    return bytes(out)

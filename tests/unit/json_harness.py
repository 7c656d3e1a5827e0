"""Run stdlib/json.wat ($json_validate, $config_load, $config_free) through wasmtime.

`JsonModule()` links those roots (and what they need) into a module laid out
as the emitter lays one out (compiler/layout.py): inputs (texts, schemas,
records, default values) live in a data region below heap_base, where a
compiled module keeps its literals, then comes the scratch arena, then the
persistent heap.  No host functions are needed.
"""

from __future__ import annotations

import struct
from functools import cache

import wasmtime

from pwc import stdlib
from pwc.compiler import layout
from pwc.compiler.assemble import assemble

INPUT_REGION = 6 << 20  # texts up to a few MiB, schemas, records, defaults
DATA_END = layout.DATA_START + INPUT_REGION
HEAP_BASE = layout.heap_base(DATA_END)
SCRATCH_END = HEAP_BASE + layout.SCRATCH_SIZE
INITIAL_PAGES = layout.initial_pages(DATA_END)
MASK64 = (1 << 64) - 1

STRING, INT, BOOL, DURATION, LIST, MAP = 1, 2, 3, 4, 5, 6
REQUIRED = 0x100
TYPE_NAMES = {STRING: "string", INT: "int", BOOL: "bool", DURATION: "duration", LIST: "list", MAP: "map"}

ROOTS = ("config_load", "config_free", "json_validate")
EXPORTED_GLOBALS = ("cfg_err_key", "cfg_err_pos", "cfg_err_expected", "rt_error", "scratch_top", "pheap_top")


@cache
def _compiled(max_pages: int) -> tuple[wasmtime.Engine, wasmtime.Module]:
    linked = stdlib.link(ROOTS + ("rt_error",))
    assert linked.host_imports == ()
    wat = "\n".join(
        [
            "(module",
            f'(memory (export "memory") {INITIAL_PAGES} {max_pages})',
            f"(global $heap_base i32 (i32.const {HEAP_BASE}))",
            f"(global $scratch_top (mut i32) (i32.const {HEAP_BASE}))",
            f"(global $scratch_end i32 (i32.const {SCRATCH_END}))",
            f"(global $pheap_top (mut i32) (i32.const {SCRATCH_END}))",
            linked.wat,
        ]
        + [f'(export "{name}" (func ${name}))' for name in ROOTS]
        + [f'(export "{name}" (global ${name}))' for name in EXPORTED_GLOBALS]
        + [")"]
    )
    engine = wasmtime.Engine()
    return engine, wasmtime.Module(engine, assemble(wat))


def pack(ptr: int, length: int) -> int:
    return (ptr << 32) | length if length else 0


def signed64(value: int) -> int:
    value &= MASK64
    return value - (1 << 64) if value >> 63 else value


class JsonModule:
    """One fresh instance; `max_pages` lowers the memory maximum (to make
    the persistent heap run out)."""

    def __init__(self, max_pages: int = layout.MAX_MEMORY_PAGES) -> None:
        engine, module = _compiled(max_pages)
        self.store = wasmtime.Store(engine)
        self.instance = wasmtime.Instance(self.store, module, [])
        self.exports = self.instance.exports(self.store)
        self.memory: wasmtime.Memory = self.exports["memory"]
        self._top = layout.DATA_START

    # --- raw access --------------------------------------------------------
    def g(self, name: str) -> int:
        return self.exports[name].value(self.store)

    def set_global(self, name: str, value: int) -> None:
        self.exports[name].set_value(self.store, wasmtime.Val.i32(value))

    def read(self, ptr: int, length: int) -> bytes:
        return bytes(self.memory.read(self.store, ptr, ptr + length))

    def write(self, ptr: int, data: bytes) -> None:
        self.memory.write(self.store, data, ptr)

    def put(self, data: bytes) -> int:
        """Copy `data` into the input region (8-aligned); returns its address."""
        assert self._top + len(data) <= DATA_END, "input region full: use a fresh JsonModule"
        ptr = self._top
        self.write(ptr, data)
        self._top = (ptr + len(data) + 7) & ~7
        return ptr

    def mark(self) -> int:
        """The input region's fill level, for `rewind`."""
        return self._top

    def rewind(self, mark: int) -> None:
        """Forget the inputs put since `mark` (their memory is reused)."""
        self._top = mark

    def s(self, data: bytes | str) -> int:
        if isinstance(data, str):
            data = data.encode()
        return pack(self.put(data), len(data)) if data else 0

    def text(self, packed: int) -> bytes:
        packed &= MASK64
        return self.read(packed >> 32, packed & 0xFFFFFFFF)

    def table(self, rows: list, width: int) -> int:
        flat = [self.s(part) for row in rows for part in ((row,) if width == 1 else row)]
        return self.put(struct.pack(f"<ii{len(flat)}q", len(rows), 0, *flat))

    def read_table(self, ptr: int, width: int) -> list:
        if ptr == 0:
            return []
        (count,) = struct.unpack("<i", self.read(ptr, 4))
        flat = struct.unpack(f"<{count * width}q", self.read(ptr + 8, 8 * count * width))
        items = [self.text(x) for x in flat]
        return items if width == 1 else [tuple(items[i : i + 2]) for i in range(0, len(items), 2)]

    def pages(self) -> int:
        return self.memory.size(self.store)

    # --- the functions under test ------------------------------------------
    def validate(self, text: bytes) -> int:
        return self.exports["json_validate"](self.store, self.s(text))

    def validate_at(self, ptr: int, length: int) -> int:
        return self.exports["json_validate"](self.store, pack(ptr, length))

    def schema(self, fields: list[tuple[str | bytes, int, int]]) -> int:
        """fields: (key, type code | REQUIRED, slot)."""
        body = b"".join(struct.pack("<qii", self.s(key), code, slot) for key, code, slot in fields)
        return self.put(struct.pack("<ii", len(fields), 0) + body)

    def record(self, nslots: int, values: dict[int, tuple[int, object]] | None = None) -> int:
        """A record of `nslots` slots; values: slot -> (type, Python default)."""
        raw = [0] * nslots
        for slot, (code, value) in (values or {}).items():
            raw[slot] = self.encode(code & 0xFF, value)
        return self.put(struct.pack(f"<{nslots}q", *raw))

    def encode(self, code: int, value) -> int:
        if code == STRING:
            return self.s(value)
        if code in (INT, DURATION):
            return value
        if code == BOOL:
            return int(bool(value))
        if code == LIST:
            return self.table(value, 1) if value else 0
        if code == MAP:
            return self.table(list(value.items()) if isinstance(value, dict) else value, 2) if value else 0
        raise ValueError(code)

    def slot(self, record: int, slot: int, code: int):
        (raw,) = struct.unpack("<q", self.read(record + 8 * slot, 8))
        code &= 0xFF
        if code == STRING:
            return self.text(raw)
        if code in (INT, DURATION):
            return raw
        if code == BOOL:
            assert raw in (0, 1), raw
            return bool(raw)
        if code == LIST:
            assert raw >> 32 == 0
            return self.read_table(raw, 1)
        if code == MAP:
            assert raw >> 32 == 0
            return self.read_table(raw, 2)
        raise ValueError(code)

    def load(self, text: bytes | int, schema: int, record: int) -> int:
        packed = self.s(text) if isinstance(text, (bytes, str)) else text
        return self.exports["config_load"](self.store, packed, schema, record)

    def free(self, schema: int, record: int) -> None:
        self.exports["config_free"](self.store, schema, record)

    @property
    def err_key(self) -> bytes:
        return self.text(self.g("cfg_err_key"))

    @property
    def err_pos(self) -> int:
        return self.g("cfg_err_pos")

    @property
    def err_expected(self) -> int:
        return self.g("cfg_err_expected")

    def reset_scratch(self) -> None:
        """What the emitter does when a callback returns."""
        self.set_global("scratch_top", HEAP_BASE)


class Config:
    """A schema and a record with defaults, built in one JsonModule.

    fields: {key: (type code, default or None when required)}; slots are
    given in reverse order of the keys, so that slot != schema index."""

    def __init__(self, m: JsonModule, fields: dict[str, tuple[int, object]]) -> None:
        self.m = m
        self.fields = fields
        n = len(fields)
        self.slots = {key: n - 1 - i for i, key in enumerate(fields)}
        self.codes = {key: code | (REQUIRED if default is None else 0) for key, (code, default) in fields.items()}
        self.schema = m.schema([(key, self.codes[key], self.slots[key]) for key in fields])
        defaults = {self.slots[k]: (code, d) for k, (code, d) in fields.items() if d is not None}
        self.record = m.record(max(n, 1), defaults)
        self.nbytes = 8 * max(n, 1)

    def load(self, text: bytes | str) -> int:
        if isinstance(text, str):
            text = text.encode()
        return self.m.load(text, self.schema, self.record)

    def raw(self) -> bytes:
        return self.m.read(self.record, self.nbytes)

    def value(self, key: str):
        return self.m.slot(self.record, self.slots[key], self.codes[key])

    def values(self) -> dict:
        return {key: self.value(key) for key in self.fields}

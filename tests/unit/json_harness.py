"""Run stdlib/json.wat's $json_validate and stdlib/cfg.wat's $config_load and
$config_free through wasmtime.

`ConfigModule()` links those roots (with what they need, the path and
got-text builders of error messages, and the `$cfg_special` that
compiler/config_data.py generates for cidr and ip) into a module laid out as
the emitter lays one out (compiler/layout.py).  Type descriptors are the
real ones: a `ConfigData` over a `Data` lays them out, and its blob is
copied to layout.DATA_START, where a compiled module's data segment puts it.
Texts go in the rest of the data region, below heap_base; then come the
scratch arena and the persistent heap.  No host functions are needed.

A load gives a `Loaded` (the record read back by walking its descriptor in
memory) or a `Refused` (the failure globals, the path as error messages
print it).  Doubles read back as floats, JSON values as their canonical text
(None for null).  Patterns (regex) are not linked: the generated
`$cfg_special` refuses them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import wasmtime

from pwc import stdlib
from pwc.compiler import layout, types
from pwc.compiler.assemble import assemble
from pwc.compiler.config_data import LIST_CODE, MAP_CODE, RECORD_CODE, SCALAR_CODES, ConfigData
from pwc.compiler.data import Data

DESCRIPTOR_ROOM = 1 << 20  # ConfigData's blob, from DATA_START
INPUT_REGION = 7 << 20  # descriptors, then texts up to a few MiB
DATA_END = layout.DATA_START + INPUT_REGION
HEAP_BASE = layout.heap_base(DATA_END)
SCRATCH_END = HEAP_BASE + layout.SCRATCH_SIZE
INITIAL_PAGES = layout.initial_pages(DATA_END)
MASK64 = (1 << 64) - 1
FREE_LISTS = 256  # mem.wat's $SLOT_FREE_LISTS: one i32 per size class 0..30

ROOTS = ("config_load", "config_free", "json_validate", "cfg_path_prefix", "cfg_got_text")
EXPORTED_GLOBALS = ("cfg_fail_code", "cfg_fail_at", "cfg_fail_type", "cfg_fail_key", "cfg_fail_detail",
                    "cfg_text_start", "cfg_need", "cfg_next", "rt_error", "scratch_top", "pheap_top")
CODES = {code: t for t, code in SCALAR_CODES.items()}


def _special_functions() -> tuple[str, set[str]]:
    """`$cfg_special` for every network type and `$cfg_parse` for doubles and
    JSON values, as a module using them all gets them."""
    config_data = ConfigData(Data())
    for t in (types.CIDR, types.IP, types.DOUBLE, types.DYN):
        config_data.descriptor(t)
    return config_data.special_functions(), config_data.stdlib_roots()


@cache
def _compiled(max_pages: int) -> tuple[wasmtime.Engine, wasmtime.Module]:
    special, special_roots = _special_functions()
    linked = stdlib.link(ROOTS + tuple(sorted(special_roots)) + ("rt_error",))
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
            special,
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


@dataclass
class Record:
    """A record value: every field's value (defaults filled in; a field
    neither given nor defaulted reads as its type's zero), and the names of
    the fields the JSON gave."""

    fields: dict[str, Any]
    given: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Loaded:
    record: int  # the address $config_load returned
    value: Record


@dataclass(frozen=True)
class Refused:
    code: int  # cfg.wat's $cfg_fail_code
    path: bytes  # $cfg_path_prefix(): b"rules[2].status: ", b"" at the top
    key: bytes | None = None  # $cfg_fail_key for 2, 4 and 5
    at: int | None = field(default=None, compare=False)  # $cfg_fail_at, as an offset in the text
    expected: bytes | None = field(default=None, compare=False)  # the name of $cfg_fail_type (2, 3, 4, 6)
    got: bytes | None = field(default=None, compare=False)  # $cfg_got_text() for 3 and 6


def strict(value: Any) -> Any:
    """`value` with every dict turned into its items, so that == also
    compares the order of maps' entries."""
    if isinstance(value, Record):
        return ("record", strict(value.fields), value.given)
    if isinstance(value, dict):
        return tuple((key, strict(item)) for key, item in value.items())
    if isinstance(value, list):
        return [strict(item) for item in value]
    if isinstance(value, float):  # its bits: -0.0 is not 0.0
        return ("double", value.hex())
    return value


class ConfigModule:
    """One fresh instance; `max_pages` lowers the memory maximum (to make
    the persistent heap run out)."""

    def __init__(self, max_pages: int = layout.MAX_MEMORY_PAGES) -> None:
        engine, module = _compiled(max_pages)
        self.store = wasmtime.Store(engine)
        self.instance = wasmtime.Instance(self.store, module, [])
        self.exports = self.instance.exports(self.store)
        self.memory: wasmtime.Memory = self.exports["memory"]
        self.data = Data()
        self.config_data = ConfigData(self.data)
        self._top = layout.DATA_START + DESCRIPTOR_ROOM
        self._block: tuple[int, int] = (0, 0)  # the result block being read back: start, end

    # --- raw access --------------------------------------------------------
    def g(self, name: str) -> int:
        return self.exports[name].value(self.store)

    def set_global(self, name: str, value: int) -> None:
        """Set an i32 global (scratch_top, rt_error)."""
        self.exports[name].set_value(self.store, wasmtime.Val.i32(value))

    def read(self, ptr: int, length: int) -> bytes:
        return bytes(self.memory.read(self.store, ptr, ptr + length))

    def write(self, ptr: int, data: bytes) -> None:
        self.memory.write(self.store, data, ptr)

    def u64(self, ptr: int) -> int:
        return struct.unpack("<Q", self.read(ptr, 8))[0]

    def put(self, data: bytes) -> int:
        """Copy `data` into the data region (8-aligned); returns its address."""
        assert self._top + len(data) <= DATA_END, "data region full: use a fresh ConfigModule"
        ptr = self._top
        self.write(ptr, data)
        self._top = (ptr + len(data) + 7) & ~7
        return ptr

    def mark(self) -> int:
        """The data region's fill level, for `rewind`."""
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

    def pages(self) -> int:
        return self.memory.size(self.store)

    def heap_state(self) -> tuple[int, bytes]:
        """pheap_top and palloc's free-list heads: what a refused load must leave as it was."""
        return self.g("pheap_top"), self.read(FREE_LISTS, 4 * 31)

    def reset_scratch(self) -> None:
        """What the emitter does when a callback returns."""
        self.set_global("scratch_top", HEAP_BASE)

    # --- descriptors -------------------------------------------------------
    def descriptor(self, t: types.Type) -> int:
        """The address of `t`'s descriptor, laid out by ConfigData and copied into memory."""
        address = self.config_data.descriptor(t)
        assert len(self.data.blob) <= DESCRIPTOR_ROOM, "descriptor room full: use a fresh ConfigModule"
        self.write(layout.DATA_START, bytes(self.data.blob))
        return address

    # --- the functions under test ------------------------------------------
    def validate(self, text: bytes) -> int:
        return self.exports["json_validate"](self.store, self.s(text))

    def validate_at(self, ptr: int, length: int) -> int:
        return self.exports["json_validate"](self.store, pack(ptr, length))

    def load_raw(self, text: bytes | str | int, t: types.RecordType) -> int:
        """$config_load's result for `text` (or a packed string already in memory)."""
        packed = text if isinstance(text, int) else self.s(text)
        return self.exports["config_load"](self.store, packed, self.descriptor(t))

    def load(self, text: bytes | str | int, t: types.RecordType) -> Loaded | Refused:
        rt_error = self.g("rt_error")
        record = self.load_raw(text, t)
        assert self.g("rt_error") == rt_error, "$config_load changed $rt_error"
        if record == 0:
            return self.refusal()
        assert self.g("cfg_fail_code") == 0
        return Loaded(record, self.record_value(record, t))

    def free(self, record: int, t: types.RecordType) -> None:
        self.exports["config_free"](self.store, record, self.descriptor(t))

    def refusal(self) -> Refused:
        rt_error = self.g("rt_error")
        code = self.g("cfg_fail_code")
        assert 1 <= code <= 8, code
        at = self.g("cfg_fail_at") - self.g("cfg_text_start")
        expected = got = None
        if code in (2, 3, 4, 6):
            expected = self.text(self.u64(self.g("cfg_fail_type") + 8))
        if code in (3, 6):
            got = self.text(self.exports["cfg_got_text"](self.store))
        key = self.text(self.g("cfg_fail_key")) if code in (2, 4, 5) else None
        path = self.text(self.exports["cfg_path_prefix"](self.store))
        self.set_global("rt_error", rt_error)  # the message builders' own (out of scratch) is not the load's
        return Refused(code, path, key, at, expected, got)

    # --- reading a result back, by its descriptor in memory ------------------
    def record_value(self, record: int, t: types.RecordType) -> Record:
        """The record at `record`, just returned by $config_load for type `t`,
        read by `t`'s descriptor in memory.  Every pointer must lie in the
        bytes the measuring pass counted, which the build filled exactly, or
        in the data segment (defaults)."""
        end = record + self.g("cfg_need")
        assert self.g("cfg_next") == end, "the build did not fill what the measure counted"
        self._block = (record, end)
        return self.value(record, self.descriptor(t))

    def value(self, raw: int, desc: int) -> Any:
        code, arg = struct.unpack("<ii", self.read(desc, 8))
        if code in (LIST_CODE, MAP_CODE, RECORD_CODE):
            assert raw >> 32 == 0, "a list, map or record is an address"
            if raw == 0:
                return {LIST_CODE: [], MAP_CODE: {}, RECORD_CODE: None}[code]
        t = CODES.get(code)
        if t is types.STRING:
            return self.string(raw)
        if t in (types.INT, types.DURATION):
            return signed64(raw)
        if t is types.BOOL:
            assert raw in (0, 1), raw
            return bool(raw)
        if t in (types.CIDR, types.IP):
            return self.string(raw).decode()
        if t is types.DOUBLE:
            return struct.unpack("<d", struct.pack("<Q", raw))[0]
        if t is types.DYN:  # canonical JSON text; null 0
            return None if raw == 0 else self.string(raw)
        if code == LIST_CODE:
            return [self.value(item, arg) for item in self.rows(raw, 1)]
        if code == MAP_CODE:
            rows = self.rows(raw, 2)
            entries = {self.string(key): self.value(item, arg) for key, item in zip(rows[::2], rows[1::2])}
            assert len(entries) == len(rows) // 2, "a map holds a key twice"
            return entries
        assert code == RECORD_CODE, f"descriptor code {code}"
        self.inside(raw, 8 * (arg + 1))
        given_bits, *slots = struct.unpack(f"<{arg + 1}Q", self.read(raw, 8 * (arg + 1)))
        fields, given = {}, set()
        for i, slot in enumerate(slots):
            key, field_desc = struct.unpack("<qi", self.read(desc + 24 + 32 * i, 12))
            name = self.text(key).decode()
            fields[name] = self.value(slot, field_desc)
            if given_bits >> i & 1:
                given.add(name)
        assert given_bits >> len(slots) == 0, "given bits past the last field"
        return Record(fields, frozenset(given))

    def rows(self, table: int, width: int) -> list[int]:
        (count,) = struct.unpack("<i", self.read(table, 4))
        assert count > 0, "an empty list or map is 0"
        self.inside(table, 8 + 8 * width * count)
        return list(struct.unpack(f"<{width * count}Q", self.read(table + 8, 8 * width * count)))

    def string(self, raw: int) -> bytes:
        ptr, length = raw >> 32, raw & 0xFFFFFFFF
        if length:
            self.inside(ptr, length)
        else:
            assert raw == 0, "an empty string is 0"
        return self.read(ptr, length)

    def inside(self, ptr: int, length: int) -> None:
        """`length` bytes at `ptr` are in the result block or in the data segment (a default)."""
        start, end = self._block
        in_block = start <= ptr and ptr + length <= end
        in_data = layout.DATA_START <= ptr and ptr + length <= self.data.end
        assert in_block or in_data, f"{length} bytes at {ptr} are outside the result block {start}..{end}"

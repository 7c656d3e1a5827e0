"""Run stdlib/dyn*.wat (JSON values) through wasmtime, and what Python says
of the same values (the oracle).

`DynModule()` links the dyn functions (with what they need) into a module
laid out as the emitter lays one out (compiler/layout.py); texts go in the
data region below heap_base, results live in the scratch arena after it.
A dyn value is a packed string of canonical JSON text, null is 0
(stdlib/dyn.wat).
"""

from __future__ import annotations

import json
import math
import struct
import sys
from functools import cache
from typing import Any

import wasmtime

from pwc import stdlib
from pwc.compiler import layout
from pwc.compiler.assemble import assemble

from stdlib_harness import linked_module_text

INPUT_REGION = 3 << 20  # texts up to a little over 1 MiB, twice, between resets
DATA_END = layout.DATA_START + INPUT_REGION
HEAP_BASE = layout.heap_base(DATA_END)
SCRATCH_END = HEAP_BASE + layout.SCRATCH_SIZE
MASK64 = (1 << 64) - 1
MIB = 1 << 20
MAX_DEPTH = 32
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
E = layout.RuntimeErrorCode

sys.set_int_max_str_digits(0)  # canonical integers have any number of digits

FUNCTIONS = tuple(name for name, f in stdlib.fields().items()
                  if f.kind == "func" and f.file in ("dyn.wat", "dyn_ops.wat", "dyn_build.wat"))
GLOBALS = ("rt_error", "scratch_top", "dyn_fail", "dyn_fail_at", "num_fail")


@cache
def _compiled() -> tuple[wasmtime.Engine, wasmtime.Module]:
    assert stdlib.link(FUNCTIONS).host_imports == ()
    engine = wasmtime.Engine()
    wat = linked_module_text(FUNCTIONS, heap=HEAP_BASE, exports=True, exported_globals=GLOBALS)
    return engine, wasmtime.Module(engine, assemble(wat))


@cache
def _shared() -> "DynModule":
    return DynModule()


def shared_dyn_module() -> "DynModule":
    """One instance for a whole test run (instantiating is slow), its
    scratch, inputs and error reset on every use."""
    module = _shared()
    module.reset()
    return module


def pack(ptr: int, length: int) -> int:
    return (ptr << 32) | length if length else 0


def signed64(value: int) -> int:
    value &= MASK64
    return value - (1 << 64) if value >> 63 else value


class DynModule:
    """One instance; `put` writes inputs, the function names call exports."""

    def __init__(self) -> None:
        engine, module = _compiled()
        self.store = wasmtime.Store(engine)
        self.instance = wasmtime.Instance(self.store, module, [])
        self.exports = self.instance.exports(self.store)
        self.memory: wasmtime.Memory = self.exports["memory"]
        self._top = layout.DATA_START

    # --- raw access --------------------------------------------------------
    def __getattr__(self, name: str):
        if name.startswith("_") or name not in FUNCTIONS:
            raise AttributeError(name)
        return lambda *args: self.exports[name](self.store, *args)

    def g(self, name: str) -> int:
        return self.exports[name].value(self.store)

    def set_global(self, name: str, value: int) -> None:
        self.exports[name].set_value(self.store, wasmtime.Val.i32(value))

    def reset(self) -> None:
        """Give back the scratch arena and the inputs; clear $rt_error."""
        self.set_global("scratch_top", HEAP_BASE)
        self.set_global("rt_error", 0)
        self._top = layout.DATA_START

    def read(self, ptr: int, length: int) -> bytes:
        return bytes(self.memory.read(self.store, ptr, ptr + length))

    def write(self, ptr: int, data: bytes) -> None:
        self.memory.write(self.store, data, ptr)

    def put(self, data: bytes | str) -> int:
        """`data` copied into the data region (until `reset`), as a packed string."""
        raw = data.encode() if isinstance(data, str) else data
        ptr, self._top = self._top, (self._top + len(raw) + 7) & ~7
        assert self._top <= DATA_END, "the data region is full: reset() the module"
        self.write(ptr, raw)
        return pack(ptr, len(raw))

    def text(self, packed: int) -> bytes:
        packed &= MASK64
        return self.read(packed >> 32, packed & 0xFFFFFFFF)

    def value(self, packed: int) -> bytes | None:
        """A dyn result: its text, or None for null."""
        return None if packed & MASK64 == 0 else self.text(packed)

    def coll(self, items: list[int], width: int = 1) -> int:
        """A coll.wat list (width 1) or map (width 2) of packed values."""
        data = struct.pack(f"<ii{len(items)}q", len(items) // width, 0, *[signed64(i) for i in items])
        return self.put(data) >> 32

    # --- the functions, on Python values --------------------------------------
    def decode(self, text: bytes) -> bytes | None:
        return self.value(self.json_decode(self.put(text)))

    def dyn(self, canonical: bytes | None) -> int:
        """A dyn value of canonical text (None: null)."""
        return 0 if canonical is None else self.put(canonical)


# --- the oracle ----------------------------------------------------------------------


class Refused(Exception):
    pass


def _refuse_constant(name: str):
    raise Refused(name)


def _unique_pairs(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise Refused("repeated key")
    return dict(pairs)


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _well_formed(value) -> bool:
    """No lone surrogate (json.wat refuses them), no infinite double."""
    if isinstance(value, str):
        return not any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_well_formed(k) and _well_formed(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_well_formed(v) for v in value)
    return True


def loads(data: bytes) -> Any:
    """What $json_decode reads `data` as; raises Refused where it gives null."""
    if len(data) > MIB:
        raise Refused("too large")
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant, object_pairs_hook=_unique_pairs)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Refused(str(error)) from error
    if _depth(value) > MAX_DEPTH or not _well_formed(value):
        raise Refused("deep, lone surrogate or infinite")
    return value


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def canonical(data: bytes) -> bytes | None:
    """$json_decode's result for `data` as Python computes it (None: null)."""
    try:
        value = loads(data)
    except Refused:
        return None
    return None if value is None else dumps(value)


def kind(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return 2
    if isinstance(value, float):
        return 3
    if isinstance(value, str):
        return 4
    return 5 if isinstance(value, list) else 6


def cel_eq(a: Any, b: Any) -> bool:
    """CEL equality as dyn_ops.wat defines it (an int beyond int64 meets a
    double as the double it rounds to)."""
    ka, kb = kind(a), kind(b)
    if ka in (2, 3) and kb in (2, 3):
        if ka == 2 and kb == 3 and not INT64_MIN <= a <= INT64_MAX:
            return float(a) == b
        if kb == 2 and ka == 3 and not INT64_MIN <= b <= INT64_MAX:
            return float(b) == a
        return a == b
    if ka != kb:
        return False
    if ka == 5:
        return len(a) == len(b) and all(cel_eq(x, y) for x, y in zip(a, b))
    if ka == 6:
        return a.keys() == b.keys() and all(cel_eq(a[k], b[k]) for k in a)
    return a == b


def quoted(raw: bytes) -> bytes:
    """$json_quote's result for raw bytes."""
    return json.dumps(raw.decode("utf-8", "replace"), ensure_ascii=False).encode()

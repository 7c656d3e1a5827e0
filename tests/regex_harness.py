"""Run generated regex functions in wasmtime, with a stand-in for the stdlib.

The module holds the generated functions plus a tiny `$alloc` with the
stdlib's contract (8-aligned bump allocation from `$scratch_top` up to
`$scratch_end`; 0 and `$rt_error` = 4 when exhausted) and `$rt_error`.
Inputs are written at INPUT_BASE; the scratch arena follows them.
"""

from __future__ import annotations

import wasmtime

from pwc.compiler.assemble import assemble

INPUT_BASE = 1024
SCRATCH_BASE = 4 << 20
SCRATCH_END = 12 << 20
PAGES = 256  # 16 MiB

_PRELUDE = f"""
  (memory (export "memory") {PAGES})
  (global $rt_error (export "rt_error") (mut i32) (i32.const 0))
  (global $scratch_top (mut i32) (i32.const {SCRATCH_BASE}))
  (global $scratch_end (mut i32) (i32.const {SCRATCH_END}))
  (func $alloc (param $size i32) (result i32) (local $p i32) (local $next i64)
    (local.set $p (i32.and (i32.add (global.get $scratch_top) (i32.const 7)) (i32.const -8)))
    (local.set $next (i64.add (i64.extend_i32_u (local.get $p)) (i64.extend_i32_u (local.get $size))))
    (if (i64.gt_u (local.get $next) (i64.extend_i32_u (global.get $scratch_end)))
      (then (global.set $rt_error (i32.const 4)) (return (i32.const 0))))
    (global.set $scratch_top (i32.wrap_i64 (local.get $next)))
    (local.get $p))
  (func (export "reset") (param $end i32)
    (global.set $scratch_top (i32.const {SCRATCH_BASE}))
    (global.set $scratch_end (local.get $end))
    (global.set $rt_error (i32.const 0)))
"""


class RegexModule:
    """One wasm module holding any number of generated functions."""

    def __init__(self, functions: str, exports: list[str], *, fuel: bool = False):
        body = functions + "".join(f'  (export "{name}" (func ${name}))\n' for name in exports)
        self.wat = "(module\n" + _PRELUDE + body + ")\n"
        config = wasmtime.Config()
        config.consume_fuel = fuel
        self.fuel = fuel
        self.engine = wasmtime.Engine(config)
        self.store = wasmtime.Store(self.engine)
        module = wasmtime.Module(self.engine, assemble(self.wat))
        self.instance = wasmtime.Instance(self.store, module, [])
        ex = self.instance.exports(self.store)
        self.memory = ex["memory"]
        self.rt_error_global = ex["rt_error"]
        self._reset = ex["reset"]
        self._funcs = {name: ex[name] for name in exports}
        self.last_fuel = 0
        self.size = len(assemble(self.wat))

    def _prepare(self, data: bytes, scratch_end: int) -> int:
        if INPUT_BASE + len(data) > SCRATCH_BASE:
            raise ValueError("input too large for the harness")
        self.memory.write(self.store, data, INPUT_BASE)
        if self.fuel:
            self.store.set_fuel(10**12)
        self._reset(self.store, scratch_end)
        if self.fuel:
            self.store.set_fuel(10**12)
        return (INPUT_BASE << 32) | len(data)

    def _after(self) -> None:
        if self.fuel:
            self.last_fuel = 10**12 - self.store.get_fuel()

    @property
    def rt_error(self) -> int:
        return self.rt_error_global.value(self.store)

    def matches(self, name: str, data: bytes, *, scratch_end: int = SCRATCH_END) -> int:
        s = self._prepare(data, scratch_end)
        result = self._funcs[name](self.store, s)
        self._after()
        return result

    def replace(self, name: str, data: bytes, *, scratch_end: int = SCRATCH_END) -> bytes:
        s = self._prepare(data, scratch_end)
        result = self._funcs[name](self.store, s) & 0xFFFFFFFFFFFFFFFF
        self._after()
        ptr, length = result >> 32, result & 0xFFFFFFFF
        if length == 0:
            return b""
        return bytes(self.memory.read(self.store, ptr, ptr + length))


    def strings(self, name: str, data: bytes, *, scratch_end: int = SCRATCH_END) -> list[bytes]:
        """Call a function returning a list of strings ([count, pad, (ptr << 32 | len) * count])."""
        s = self._prepare(data, scratch_end)
        pointer = self._funcs[name](self.store, s)
        self._after()
        if pointer == 0:
            return []
        read = self.memory.read
        count = int.from_bytes(read(self.store, pointer, pointer + 4), "little")
        items = []
        for k in range(count):
            item = int.from_bytes(read(self.store, pointer + 8 + 8 * k, pointer + 16 + 8 * k), "little")
            ptr, length = item >> 32, item & 0xFFFFFFFF
            items.append(bytes(read(self.store, ptr, ptr + length)) if length else b"")
        return items


def build(pattern: str, template: str | None = None, *, fuel: bool = False) -> RegexModule:
    """A module exporting `m` (matches) and, given a template, `r` (replace)."""
    from pwc.compiler.regex import compile_regex, parse_template

    rx = compile_regex(pattern)
    text = rx.emit_matches("m")
    exports = ["m"]
    if template is not None:
        text += rx.emit_replace("r", parse_template(template, rx.group_count))
        exports.append("r")
    return RegexModule(text, exports, fuel=fuel)

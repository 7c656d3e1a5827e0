"""Run pwc/stdlib/rx.wat (regexes compiled inside the module) in wasmtime.

`RxModule()` links rx.wat's functions alone (`linked_module_text`), as the
emitter would lay them out, and calls them as the configure and request
code will: `compile` a pattern into a program in the persistent heap, then
`matches`, `find`, `extract`, `find_all` and `replace` on subjects.  Each
call starts with an empty scratch arena and no run-time error, as a
proxy-wasm callback does.  With `fuel=True` every call's cost (wasmtime
fuel, about one unit per wasm instruction) is left in `last_fuel`.
"""

from __future__ import annotations

from dataclasses import dataclass

import wasmtime

from stdlib_harness import linked_module_text

from pwc.compiler import layout
from pwc.compiler.assemble import assemble
from pwc.compiler.regex.rx_tables import RX_ERRORS

FUNCS = ("rx_compile", "rx_free", "rx_groups", "rx_matches", "rx_find", "rx_extract", "rx_find_all", "rx_replace",
         "rx_template_max_group", "rx_error_text")
GLOBALS = ("rx_error", "rx_error_at", "rt_error", "scratch_top", "pheap_top")
INPUT_BASE = 4096
INPUT_ROOM = 2 << 20  # subjects, patterns and templates, written one after the other
HEAP = INPUT_BASE + INPUT_ROOM
SCRATCH_END = HEAP + layout.SCRATCH_SIZE
MASK64 = (1 << 64) - 1
FUEL = 1 << 50


@dataclass(frozen=True)
class RxError:
    """A pattern rx.wat refuses: its code (rx_tables.RX_ERRORS), byte offset and text."""

    code: int
    at: int
    text: str

    @property
    def name(self) -> str:
        return RX_ERRORS[self.code][0]


def module_text() -> str:
    wat = linked_module_text(FUNCS, heap=HEAP, exports=True)
    exports = "".join(f' (export "{name}" (global ${name}))' for name in GLOBALS)
    return wat.replace("(module", "(module" + exports, 1)


class RxModule:
    def __init__(self, *, fuel: bool = False) -> None:
        config = wasmtime.Config()
        config.consume_fuel = fuel
        self.fuel = fuel
        self.engine = wasmtime.Engine(config)
        self.store = wasmtime.Store(self.engine)
        self.instance = wasmtime.Instance(self.store, wasmtime.Module(self.engine, assemble(module_text())), [])
        self.ex = self.instance.exports(self.store)
        self.memory: wasmtime.Memory = self.ex["memory"]
        self.last_fuel = 0
        self.room: int | None = None  # scratch bytes the next calls get (None: all)
        self._top = INPUT_BASE

    # -- plumbing -----------------------------------------------------------
    def global_value(self, name: str) -> int:
        return self.ex[name].value(self.store)

    def set_global(self, name: str, value: int) -> None:
        self.ex[name].set_value(self.store, wasmtime.Val.i32(value))

    @property
    def rt_error(self) -> int:
        return self.global_value("rt_error")

    def put(self, data: bytes) -> int:
        """`data` as a packed string in the input region (which wraps around)."""
        if self._top + len(data) > HEAP:
            self._top = INPUT_BASE
        assert len(data) <= INPUT_ROOM
        ptr = self._top
        self.memory.write(self.store, data, ptr)
        self._top = (ptr + len(data) + 7) & ~7
        return (ptr << 32) | len(data) if data else 0

    def text(self, packed: int) -> bytes:
        packed &= MASK64
        ptr, length = packed >> 32, packed & 0xFFFFFFFF
        return bytes(self.memory.read(self.store, ptr, ptr + length)) if length else b""

    def strings(self, pointer: int) -> list[bytes]:
        if pointer == 0:
            return []
        read = self.memory.read
        count = int.from_bytes(read(self.store, pointer, pointer + 4), "little")
        words = read(self.store, pointer + 8, pointer + 8 + 8 * count)
        return [self.text(int.from_bytes(words[8 * k : 8 * k + 8], "little")) for k in range(count)]

    def call(self, name: str, *args: int) -> int:
        """One call as a callback makes it: empty scratch (`room` bytes of
        it, all by default), no error pending."""
        self.set_global("scratch_top", SCRATCH_END - self.room if self.room is not None else HEAP)
        self.set_global("rt_error", 0)
        if self.fuel:
            self.store.set_fuel(FUEL)
        result = self.ex[name](self.store, *args)
        if self.fuel:
            self.last_fuel = FUEL - self.store.get_fuel()
        return result

    # -- the contract -------------------------------------------------------
    def compile(self, pattern: bytes | str) -> int | RxError:
        if isinstance(pattern, str):
            pattern = pattern.encode("utf-8", "surrogatepass")
        prog = self.call("rx_compile", self.put(pattern))
        if prog:
            return prog
        code, at = self.global_value("rx_error"), self.global_value("rx_error_at")
        return RxError(code, at, self.text(self.ex["rx_error_text"](self.store)).decode())

    def free(self, prog: int) -> None:
        self.call("rx_free", prog)

    def groups(self, prog: int) -> int:
        return self.call("rx_groups", prog)

    def matches(self, prog: int, data: bytes) -> int:
        return self.call("rx_matches", prog, self.put(data))

    def find(self, prog: int, data: bytes) -> bytes:
        return self.text(self.call("rx_find", prog, self.put(data)))

    def extract(self, prog: int, data: bytes) -> bytes:
        return self.text(self.call("rx_extract", prog, self.put(data)))

    def find_all(self, prog: int, data: bytes) -> list[bytes]:
        return self.strings(self.call("rx_find_all", prog, self.put(data)))

    def replace(self, prog: int, data: bytes, template: bytes | str) -> bytes:
        if isinstance(template, str):
            template = template.encode()
        subject, tpl = self.put(data), self.put(template)
        return self.text(self.call("rx_replace", prog, subject, tpl))

    def template_max_group(self, template: bytes | str) -> int:
        if isinstance(template, str):
            template = template.encode()
        return self.call("rx_template_max_group", self.put(template))

"""The configuration in the module's data: the type descriptors stdlib/cfg.wat
reads configuration against, the static values of defaults, the
`$cfg_special` functions that turn a configured text into a pattern or a
network, and `$cfg_parse`, which reads a double or a JSON value.  Layouts
are cfg.wat's (its head comment)."""

from __future__ import annotations

import struct
from typing import Any

from . import types
from .data import Data

# Type codes of cfg.wat, by type; lists, maps and records below.
SCALAR_CODES = {types.STRING: 1, types.INT: 2, types.BOOL: 3, types.DURATION: 4, types.REGEX: 8, types.CIDR: 9,
                types.IP: 10, types.DOUBLE: 11, types.DYN: 12}
LIST_CODE, MAP_CODE, RECORD_CODE = 5, 6, 7
REQUIRED, OPTIONAL = 1, 2
# How an error names what a value should have been, where describe() is not enough.
_EXPECTED = {
    types.DURATION: 'a duration such as "250ms", "2s" or "1m30s"',
    types.CIDR: 'a cidr such as "10.0.0.0/8"',
    types.IP: 'an ip such as "10.0.0.1"',
    types.REGEX: "an RE2 pattern",
    types.BOOL: "true or false",
    types.DYN: "a JSON value",
}
REGEX_CODE = SCALAR_CODES[types.REGEX]
# What `$cfg_special` does for each type code it handles: the function it calls.
_SPECIAL = {REGEX_CODE: "cfg_pattern", 9: "cidr_config_canonical", 10: "ip_canonical"}
# What `$cfg_parse` does for each type code it handles (stdlib/cfg_json.wat).
_PARSE = {SCALAR_CODES[types.DOUBLE]: "cfg_double", SCALAR_CODES[types.DYN]: "cfg_dyn"}


def expected(t: types.Type) -> str:
    """How a configuration error names type `t`: `an int`, `a list<Rule>`."""
    return _EXPECTED.get(t) or types.describe(t)


class ConfigData:
    """Descriptors and default values of one module, each laid out once."""

    def __init__(self, data: Data):
        self.data = data
        self.descriptors: dict[types.Type, int] = {}
        self.codes: set[int] = set()  # the scalar codes some descriptor uses

    def descriptor(self, t: types.Type) -> int:
        """The address of `t`'s descriptor (a record's fields laid out first)."""
        if t in self.descriptors:
            return self.descriptors[t]
        name = self.data.string(expected(t).encode())
        if t.kind in ("list", "map"):
            assert t.item is not None, "a collection has an item type"
            item = self.descriptor(t.item)
            address = self.data.reserve(16, align=8)
            self.data.put(address, _i32(LIST_CODE if t.kind == "list" else MAP_CODE) + _i32(item) + _i64(name))
        elif isinstance(t, types.RecordType):
            address = self.record(t, name)
        else:
            code = SCALAR_CODES[t]
            self.codes.add(code)
            # a JSON value's arg: the double's descriptor, which a number in it beyond the double range is refused as
            arg = self.descriptor(types.DOUBLE) if t is types.DYN else 0
            address = self.data.reserve(16, align=8)
            self.data.put(address, _i32(code) + _i32(arg) + _i64(name))
        self.descriptors[t] = address
        return address

    def record(self, t: types.RecordType, name: int) -> int:
        fields = [(self.data.string(f.name.encode()), self.descriptor(f.type), _flags(f),
                   self.value(f.type, f.default) if f.default is not None else 0) for f in t.fields]
        known = self.data.string(", ".join(f.name for f in t.fields).encode())
        address = self.data.reserve(24 + 32 * len(fields), align=8)
        header = _i32(RECORD_CODE) + _i32(len(fields)) + _i64(name) + _i64(known)
        self.data.put(address, header + b"".join(_i64(k) + _i32(d) + _i32(fl) + _i64(v) + _i64(0)
                                                 for k, d, fl, v in fields))
        return address

    def value(self, t: types.Type, value: Any) -> int:
        """The 8 bytes a slot holds for `value` (a default) of type `t`, as an unsigned int."""
        if t.kind == "list":
            assert t.item is not None, "a list has an item type"
            return self.data.table(len(value), [self.value(t.item, item) for item in value]) if value else 0
        if t.kind == "map":
            assert t.item is not None, "a map has a value type"
            rows = [v for key, item in value.items() for v in (self.data.string(key.encode()), self.value(t.item, item))]
            return self.data.table(len(value), rows) if value else 0
        if isinstance(t, types.RecordType):
            return self.static_record(t, value)
        if t is types.DYN:  # its canonical text (declarations.JsonText); null is 0
            return 0 if value == "null" else self.data.string(value.encode())
        if t is types.DOUBLE:
            return struct.unpack("<Q", struct.pack("<d", value))[0]
        if isinstance(value, str):
            return self.data.string(value.encode())
        return int(value) & 0xFFFFFFFFFFFFFFFF  # ints, durations (ms), bools

    def static_record(self, t: types.RecordType, given: dict[str, Any]) -> int:
        """A record value in the data segment: the fields `given`, the others' defaults."""
        slots = [0]
        for i, f in enumerate(t.fields):
            if f.name in given:
                slots[0] |= 1 << i
            chosen = given.get(f.name, f.default)
            slots.append(self.value(f.type, chosen) if chosen is not None else 0)
        address = self.data.reserve(8 * len(slots), align=8)
        self.data.put(address, b"".join(_i64(v) for v in slots))
        return address

    def special_functions(self) -> str:
        """`$cfg_special`, `$cfg_special_free` and `$cfg_parse` (stdlib/__init__.py's
        EMITTER_FUNCTIONS) for the value types this module's configuration uses,
        and `$cfg_pattern` when one is a pattern; call after every descriptor."""
        special = [f"  (if (i32.eq (local.get $code) (i32.const {code})) (then (return (call ${function} (local.get $s)))))"
                   for code, function in sorted(_SPECIAL.items()) if code in self.codes]
        parse = [f"  (if (i32.eq (local.get $code) (i32.const {code}))"
                 f" (then (return (call ${function} (local.get $desc) (local.get $s)))))"
                 for code, function in sorted(_PARSE.items()) if code in self.codes]
        lines = ["(func $cfg_special (param $code i32) (param $s i64) (result i64)", *special, "  (i64.const 0))",
                 "(func $cfg_parse (param $code i32) (param $desc i32) (param $s i64) (result i64)", *parse,
                 "  (i64.const 0))",
                 "(func $cfg_special_free (param $code i32) (param $v i64)"]
        if REGEX_CODE not in self.codes:
            return "\n".join(lines + ["  )"]) + "\n"
        at_offset = self.data.string(b" at offset ")
        lines += [f"  (if (i32.eq (local.get $code) (i32.const {REGEX_CODE})) (then (call $rx_free (i32.wrap_i64 (local.get $v))))))",
                  ";; $cfg_pattern: a configured pattern's program (stdlib/rx.wat), or 0 with",
                  ";; $cfg_fail_detail saying what is wrong with it and where.",
                  "(func $cfg_pattern (param $s i64) (result i64)",
                  "  (local $program i32)",
                  "  (local.set $program (call $rx_compile (local.get $s)))",
                  "  (if (i32.eqz (local.get $program)) (then (global.set $cfg_fail_detail",
                  "    (call $str_concat (call $rx_error_text) (call $str_concat",
                  f"      (i64.const {at_offset})",
                  "      (call $i64_to_str (i64.extend_i32_u (global.get $rx_error_at)))))) (return (i64.const 0))))",
                  "  (i64.extend_i32_u (local.get $program)))"]
        return "\n".join(lines) + "\n"

    def stdlib_roots(self) -> set[str]:
        """What `special_functions` calls ($cfg_pattern is its own)."""
        roots = {_SPECIAL[code] for code in self.codes if code in _SPECIAL and code != REGEX_CODE}
        roots |= {_PARSE[code] for code in self.codes if code in _PARSE}
        if REGEX_CODE in self.codes:
            roots |= {"rx_compile", "rx_free", "rx_error_text", "rx_error_at", "str_concat", "i64_to_str"}
        return roots


def _flags(f: types.Field) -> int:
    return REQUIRED if f.required else OPTIONAL if f.optional else 0


def _i32(v: int) -> bytes:
    return (v & 0xFFFFFFFF).to_bytes(4, "little")


def _i64(v: int) -> bytes:
    return (v & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little")

"""The emitter's part for run-time errors: `$pwc_fail`, which a phase calls
with the .pwf line of a failed statement.

It counts the error (pwc.FILTER.errors.line_N), logs
`FILTER: runtime error at FILE:LINE: MESSAGE` and answers 500, or 400 for a
refused value (layout.REFUSED_VALUE_ERRORS).  The message is written into a
buffer in the data segment, not the scratch arena, so it can be logged even
when memory ran out.

Only the errors the module can raise get a message: `possible_errors` reads
them off the finished WAT (every `global.set $rt_error` of generated and
linked code), so a filter that can only run out of memory carries one
message, not eleven.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..abi import LogLevel
from . import layout
from .layout import RuntimeErrorCode

if TYPE_CHECKING:
    from .emit import _Emitter as Emitter

FAIL_BODY = b"internal error in filter\n"
REFUSED_BODY = b"bad request\n"


def stdlib_needed(lines: set[int]) -> set[str]:
    """The stdlib functions `$pwc_fail` calls when told one of `lines`."""
    return {"str_ptr", "str_len", "str_pack", "log", "send_error_reply"} | ({"write_decimal"} if len(lines) != 1 else set())

_SET_ERROR = re.compile(r"\(global\.set \$rt_error\s+\(([^()]*)\)")
_CODE = re.compile(r"i32\.const (\d+)\Z")
_NAMED = re.compile(r"global\.get \$E_(\w+)\Z")
# A saved error put back: it was set, and counted, where it was raised.
_RESTORED = re.compile(r"local\.get \$\w+\Z")


def possible_errors(wat: str) -> list[RuntimeErrorCode]:
    """The error codes some code in `wat` may set, in code order; every code
    when one is set in a way not read here (a new stdlib idiom), so that no
    error ever goes without its message."""
    codes: set[RuntimeErrorCode] = set()
    for found in _SET_ERROR.finditer(wat):
        value = found.group(1).strip()
        if (code := _CODE.match(value)) is not None:
            codes.add(RuntimeErrorCode(int(code.group(1))))
        elif (named := _NAMED.match(value)) is not None:
            codes.add(RuntimeErrorCode[named.group(1)])
        elif not _RESTORED.match(value):
            return sorted(layout.RUNTIME_ERROR_MESSAGES)
    if wat.count("global.set $rt_error") != len(_SET_ERROR.findall(wat)):
        return sorted(layout.RUNTIME_ERROR_MESSAGES)
    return sorted(codes - {RuntimeErrorCode.NONE})


def _any_of(codes) -> str:
    """WAT that is 1 when $rt_error is one of `codes`."""
    tests = [f"(i32.eq (global.get $rt_error) (i32.const {int(code)}))" for code in codes]
    while len(tests) > 1:
        tests = [f"(i32.or {a} {b})" for a, b in zip(tests[::2], tests[1::2])] + ([tests[-1]] if len(tests) % 2 else [])
    return tests[0]


def emit_fail(emitter: Emitter, codes: list[RuntimeErrorCode], name: str = "fail", reply: bool = True) -> None:
    """`$pwc_<name> (param $line i32)` for the errors `codes`; `reply` False
    for the phases with no request to answer (emit.QUIET_PHASES)."""
    program, data, w = emitter.program, emitter.data, emitter.out
    messages = {code: layout.RUNTIME_ERROR_MESSAGES[code].encode() for code in codes}
    prefix = f"{program.filter_name}: runtime error at {program.source_name}:".encode()
    if len(emitter.fail_lines) == 1:  # the line is known: it is part of the prefix
        prefix += f"{min(emitter.fail_lines)}: ".encode()
    buffer = data.reserve(len(prefix) + 10 + 2 + max(map(len, messages.values()), default=0))
    data.put(buffer, prefix)
    with w.indent(f"(func $pwc_{name} (param $line i32)", ")"):
        w.line("(local $end i32) (local $message i64)")
        emitter.metric_tables.emit_error_count(w)
        if len(emitter.fail_lines) == 1:
            w.line(f"(local.set $end (i32.const {buffer + len(prefix) - 2}))")
        else:
            w.line(f"(local.set $end (i32.add (i32.const {buffer + len(prefix)})"
                   f" (call $write_decimal (i32.const {buffer + len(prefix)}) (local.get $line))))")
            w.line("(i32.store16 (local.get $end) (i32.const 0x203a))  ;; \": \"")
        for code, text in messages.items():
            w.line(f"(if (i32.eq (global.get $rt_error) (i32.const {int(code)}))"
                   f" (then (local.set $message (i64.const {data.string(text)}))))")
        w.line("(memory.copy (i32.add (local.get $end) (i32.const 2)) (call $str_ptr (local.get $message))"
               " (call $str_len (local.get $message)))")
        w.line(f"(call $log (i32.const {LogLevel.ERROR}) (call $str_pack (i32.const {buffer})"
               f" (i32.sub (i32.add (i32.add (local.get $end) (i32.const 2)) (call $str_len (local.get $message)))"
               f" (i32.const {buffer}))))")
        refused = sorted(layout.REFUSED_VALUE_ERRORS & set(codes))
        if reply and refused:
            w.line(f"(if {_any_of(refused)}"
                   f" (then (call $send_error_reply (i32.const 400) (i64.const {data.string(REFUSED_BODY)})))"
                   f" (else (call $send_error_reply (i32.const 500) (i64.const {data.string(FAIL_BODY)}))))")
        elif reply:
            w.line(f"(call $send_error_reply (i32.const 500) (i64.const {data.string(FAIL_BODY)}))")
        w.line("(global.set $rt_error (i32.const 0))")

"""`$pwc_fail` carries a message for every error its module can raise, and
only those (compiler/emit_fail.py)."""

from __future__ import annotations

from pwc.compiler import layout
from pwc.compiler.driver import compile_source
from pwc.compiler.emit_fail import possible_errors
from pwc.runtime.host import Host

E = layout.RuntimeErrorCode


def test_codes_are_read_from_constants_names_and_not_from_restores():
    wat = ("(global.set $rt_error (i32.const 4))\n(global.set $rt_error (global.get $E_BAD_PATH))\n"
           "(global.set $rt_error (local.get $saved))\n(global.set $rt_error (i32.const 0))\n")
    assert possible_errors(wat) == [E.OUT_OF_MEMORY, E.BAD_PATH]


def test_a_way_of_setting_the_error_not_read_keeps_every_message():
    assert possible_errors("(global.set $rt_error (call $pick))") == sorted(layout.RUNTIME_ERROR_MESSAGES)
    assert possible_errors("global.set $rt_error") == sorted(layout.RUNTIME_ERROR_MESSAGES)


def _fail_function(wat: str) -> str:
    start = wat.index("(func $pwc_fail")
    return wat[start:wat.index("\n  )", start)]


def test_a_filter_carries_the_messages_of_its_errors_only():
    text = 'filter "f"\n\non request {\n  set request.headers["x-n"] = string(int(request.headers["x-a"]) + 1)\n}\n'
    result = compile_source(text, "f.pwf")
    assert result.ok and result.wat is not None
    fail = _fail_function(result.wat)
    assert str(int(E.NOT_AN_INTEGER)) in fail and str(int(E.OVERFLOW)) in fail
    assert b"int(): the string is not an integer" in result.wasm and b"integer overflow" in result.wasm
    assert b"division by zero" not in result.wasm and b"refused: the path" not in result.wasm


def test_a_single_failing_line_is_part_of_the_message_and_still_logged_and_counted():
    text = 'filter "f"\n\non request {\n  set request.headers["x-n"] = string(int(request.headers["x-a"]))\n}\n'
    result = compile_source(text, "f.pwf")
    assert result.ok and result.wasm is not None and "$write_decimal" not in result.wat
    host = Host(result.wasm)
    reply = host.request("GET", "/", headers=[("x-a", "abc")])
    assert reply.local_reply is not None and reply.local_reply.status == 500
    assert "f: runtime error at f.pwf:4: int(): the string is not an integer" in host.log_lines()
    assert host.metrics["pwc.f.errors.line_4"] == 1

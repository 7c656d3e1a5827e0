"""stdlib/target.wat against independent statements of the same rules:
urllib's percent-encoder for `:path`, RFC 9110's token grammar written as a
regular expression, and compiler/targets.py's tables (which the checker uses
for literals), so a literal and a computed value are judged alike."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


from stdlib_harness import StdlibModule

from pwc import stdlib
from pwc.compiler import layout, targets

E = layout.RuntimeErrorCode
TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")  # RFC 9110 section 5.6.2
SAFE_IN_PATH = "-._~!$&'()*+,;=:@/?%"  # RFC 3986 pchar, '/', '?', and '%' of escapes
AUTHORITY = re.compile(rb"[-._~!$&'()*+,;=:\[\]%0-9A-Za-z]{1,512}\Z")
FRAMING = {b"content-length", b"transfer-encoding", b"connection", b"upgrade", b"te", b"host", b"keep-alive",
           b"proxy-connection"}

_module = None


def module() -> StdlibModule:
    global _module
    if _module is None:
        _module = StdlibModule()
    _module.clear_error()
    _module.reset_scratch()
    return _module


def run(func: str, value: bytes, *extra) -> tuple[bytes, int]:
    m = module()
    result = m.call(func, m.s(value), *extra)
    return m.text(result), m.rt_error


def framing_list(m: StdlibModule) -> int:
    return m.list(list(targets.FRAMING_HEADERS))


def test_the_bitmaps_in_the_wat_are_the_python_sets():
    text = stdlib.fields()["request_target"].text + stdlib.fields()["method_token"].text
    text += stdlib.fields()["authority_value"].text + stdlib.fields()["header_name_value"].text
    used = {(int(lo, 16), int(hi, 16)) for lo, hi in re.findall(r"\(i64\.const (0x[0-9a-f]+)\) \(i64\.const (0x[0-9a-f]+)\)", text)}
    wanted = {targets.bitmap(targets.PATH_BYTES), targets.bitmap(targets.TOKEN_BYTES),
              targets.bitmap(targets.AUTHORITY_BYTES)}
    assert used == wanted


def test_the_python_sets_follow_the_rfcs():
    every = range(256)
    assert {b for b in every if TOKEN.match(bytes([b]))} == targets.TOKEN_BYTES
    assert {b for b in every if AUTHORITY.match(bytes([b]))} == targets.AUTHORITY_BYTES
    assert {b for b in every if urllib.parse.quote(bytes([b]), safe=SAFE_IN_PATH) == chr(b)} == targets.PATH_BYTES
    assert set(name.encode() for name in targets.FRAMING_HEADERS) == FRAMING


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40))
def test_request_target(value):
    path = b"/" + value
    assert run("request_target", path) == (urllib.parse.quote(path, safe=SAFE_IN_PATH).encode(), 0)
    text = path.decode("utf-8", "replace")  # the checker judges literals, which are text
    assert targets.request_target(text) == urllib.parse.quote(text, safe=SAFE_IN_PATH)
    if not value.startswith(b"/"):
        assert run("request_target", value) == (b"", E.BAD_PATH)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=12) | st.sampled_from([b"GET", b"PATCH", b"M-SEARCH", b"G T", b"GET:", b""]))
def test_method_token(value):
    accepted = bool(TOKEN.match(value))
    assert run("method_token", value) == ((value, 0) if accepted else (b"", E.BAD_METHOD))
    assert targets.is_token(value.decode("latin-1")) == accepted


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=16) | st.sampled_from([b"a.example:8080", b"[::1]:80", b"user@evil", b"a/b", b"x" * 513]))
def test_authority_value(value):
    accepted = bool(AUTHORITY.match(value))
    assert run("authority_value", value) == ((value, 0) if accepted else (b"", E.BAD_AUTHORITY))
    assert targets.is_authority(value.decode("latin-1")) == accepted


@pytest.mark.parametrize("name", sorted(FRAMING) + [b"Content-Length", b"TE", b":path", b":status", b"x y", b"x:y",
                                                      b"caf\xe9", b"x\r\ny", b"x-ok", b"X-Upper", b"te-x", b""])
def test_header_name_value(name):
    m = module()
    result = m.header_name_value(m.s(name), framing_list(m))
    refused = bool(name) and (not TOKEN.match(name) or name.lower() in FRAMING)
    assert (m.text(result), m.rt_error) == ((b"", E.BAD_HEADER_NAME) if refused else (name, 0))


def test_header_map_value():
    m = module()
    good = m.map([("x-a", "1"), ("Set-Cookie", "a=1")])
    assert (m.header_map_value(good, framing_list(m)), m.rt_error) == (good, 0)
    for bad in ("content-length", ":status", "a b", ""):
        m = module()
        assert (m.header_map_value(m.map([("x-a", "1"), (bad, "2")]), framing_list(m)), m.rt_error) == (
            0, E.BAD_HEADER_NAME)


@pytest.mark.parametrize("value", [b"/", b"/a b", b"x/", b"", b"?q"])
def test_path_leading_slash_checks_only_the_slash(value):
    accepted = value.startswith(b"/")
    assert run("path_leading_slash", value) == ((value, 0) if accepted else (b"", E.BAD_PATH))

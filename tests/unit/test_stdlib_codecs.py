"""stdlib/codec.wat and stdlib/hash.wat against independent implementations:
Python's base64, binascii, urllib.parse, hashlib, hmac and zlib, and a
few-line FNV-1a written from its definition."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdlib_harness import SCRATCH_END, StdlibModule

from pwc import stdlib
from pwc.compiler import layout

E = layout.RuntimeErrorCode
EXAMPLES = settings(max_examples=300, deadline=None)

_module: StdlibModule | None = None


def module() -> StdlibModule:
    """One instance for the whole file (instantiating is slow), reset per use."""
    global _module
    if _module is None:
        _module = StdlibModule()
    _module.clear_error()
    _module.reset_scratch()
    return _module


def run(func: str, *args: bytes) -> bytes:
    """`func` applied to strings holding `args`; its result's bytes (no error allowed)."""
    m = module()
    result = m.call(func, *(m.s(arg) for arg in args))
    assert m.rt_error == 0, func
    return m.text(result)


def predicate(func: str, value: bytes) -> int:
    m = module()
    result = m.call(func, m.s(value))
    assert m.rt_error == 0
    return result


# --- oracles ---------------------------------------------------------------

def py_b64decode(text: bytes) -> bytes | None:
    """Python's strict decoder, plus RFC 4648's rule that padding only ever
    completes the last group of 4 (Python 3.11 ignores '=' after a complete
    group: "YWJj=" decodes there, and is malformed here)."""
    try:
        decoded = base64.b64decode(text, validate=True)
    except binascii.Error:
        return None
    if b"=" in text:
        data = text.rstrip(b"=")
        if len(text) - len(data) > 2 or len(text) % 4 or len(data) % 4 == 0:
            return None
    return decoded


def py_b64url_decode(text: bytes) -> bytes | None:
    """base64url, padded or not: the standard decoder over the translated text."""
    if re.search(rb"[^A-Za-z0-9_=-]", text):
        return None
    std = text.translate(bytes.maketrans(b"-_", b"+/"))
    if b"=" not in std and len(std) % 4:
        std += b"=" * (-len(std) % 4)
    return py_b64decode(std)


def py_url_decode(text: bytes) -> bytes | None:
    """RFC 3986 percent-decoding; None when a '%' is not followed by two hex digits."""
    if re.search(rb"%(?![0-9A-Fa-f]{2})", text):
        return None
    return urllib.parse.unquote_to_bytes(text)


# --- base64 ----------------------------------------------------------------

RFC4648 = [(b"", b""), (b"f", b"Zg=="), (b"fo", b"Zm8="), (b"foo", b"Zm9v"), (b"foob", b"Zm9vYg=="),
           (b"fooba", b"Zm9vYmE="), (b"foobar", b"Zm9vYmFy")]


@pytest.mark.parametrize("plain, encoded", RFC4648)
def test_base64_rfc4648_vectors(plain, encoded):
    assert run("b64_encode", plain) == encoded
    assert run("b64_decode", encoded) == plain
    assert predicate("b64_valid", encoded) == 1
    assert run("b64url_encode", plain) == encoded.rstrip(b"=")
    assert run("b64url_decode", encoded) == plain
    assert run("b64url_decode", encoded.rstrip(b"=")) == plain
    assert predicate("b64url_valid", encoded) == predicate("b64url_valid", encoded.rstrip(b"=")) == 1


def test_base64_alphabets_differ_in_two_symbols():
    data = bytes([0xFB, 0xFF, 0xBF])
    assert run("b64_encode", data) == b"+/+/"
    assert run("b64url_encode", data) == b"-_-_"
    assert run("b64_decode", b"+/+/") == data and run("b64url_decode", b"-_-_") == data
    assert run("b64_decode", b"-_-_") == b"" and predicate("b64_valid", b"-_-_") == 0
    assert run("b64url_decode", b"+/+/") == b"" and predicate("b64url_valid", b"+/+/") == 0


MALFORMED_STD = [
    b"Zg", b"Zg=", b"Zm8", b"Z", b"Zm9vY", b"Zg===", b"Z===", b"====", b"=", b"==", b"Zg==Zg==", b"Zm9v=",
    b"Zm9v====", b"Zg=a", b"Z=g=", b" Zm9v", b"Zm9v ", b"Zm9v\n", b"Zm\n9v", b"Zm9v\r\n", b"Zm9\x00",
    b"Zm9\xff", b"Zm.v", b"Zm-v", b"Zm_v", b"Zg%3D%3D",
]


@pytest.mark.parametrize("text", MALFORMED_STD)
def test_base64_malformed_decodes_to_empty(text):
    assert py_b64decode(text) is None  # the oracle agrees that it is malformed
    assert run("b64_decode", text) == b""
    assert predicate("b64_valid", text) == 0


MALFORMED_URL = [b"Z", b"Zg=", b"Zm9vY", b"Zg===", b"Zm9v=", b"Zm9v====", b"Zg==Zg==", b"Z=g=", b"Zm+v",
                 b"Zm/v", b"Zm9v\n", b" Zg", b"Zg\t", b"Zm9\xc3\xa9", b"="]


@pytest.mark.parametrize("text", MALFORMED_URL)
def test_base64url_malformed_decodes_to_empty(text):
    assert py_b64url_decode(text) is None
    assert run("b64url_decode", text) == b""
    assert predicate("b64url_valid", text) == 0


def test_base64_unused_bits_need_not_be_zero():
    # as Python and Go's (non-Strict) decoders: the low bits are dropped
    assert run("b64_decode", b"Zh==") == b"f" and predicate("b64_valid", b"Zh==") == 1
    assert run("b64url_decode", b"Zm9=") == b"fo" and run("b64url_decode", b"Zm9") == b"fo"


@EXAMPLES
@given(st.binary(max_size=200))
def test_base64_random_bytes_round_trip(data):
    assert run("b64_encode", data) == base64.b64encode(data)
    assert run("b64url_encode", data) == base64.urlsafe_b64encode(data).rstrip(b"=")
    assert run("b64_decode", base64.b64encode(data)) == data
    assert run("b64url_decode", base64.urlsafe_b64encode(data)) == data
    assert run("b64url_decode", base64.urlsafe_b64encode(data).rstrip(b"=")) == data


B64_TEXT = st.lists(st.sampled_from(b"AZaz09+/-_=Qg \n."), max_size=14).map(bytes)


@settings(max_examples=600, deadline=None)
@given(st.one_of(B64_TEXT, st.binary(max_size=16)))
def test_base64_decoders_against_python_on_arbitrary_text(text):
    for func, valid, oracle in [("b64_decode", "b64_valid", py_b64decode),
                                ("b64url_decode", "b64url_valid", py_b64url_decode)]:
        expected = oracle(text)
        assert predicate(valid, text) == (expected is not None), (func, text)
        assert run(func, text) == (expected or b""), (func, text)


# --- hex -------------------------------------------------------------------


def test_hex_encode_fixed():
    assert run("hex_encode", b"") == b""
    assert run("hex_encode", bytes(range(256))) == bytes(range(256)).hex().encode()
    assert run("hex_encode", b"\x00\xff\x0a\xa0") == b"00ff0aa0"


@EXAMPLES
@given(st.binary(max_size=300))
def test_hex_encode_random(data):
    assert run("hex_encode", data) == binascii.hexlify(data)


# --- url -------------------------------------------------------------------


def test_url_encode_fixed():
    assert run("url_encode", b"") == b""
    assert run("url_encode", b"AZaz09-._~") == b"AZaz09-._~"
    assert run("url_encode", b"a b+c/d?e=f&g%h") == b"a%20b%2Bc%2Fd%3Fe%3Df%26g%25h"
    assert run("url_encode", "é€".encode()) == b"%C3%A9%E2%82%AC"
    assert run("url_encode", bytes(range(256))) == urllib.parse.quote(bytes(range(256)), safe="").encode()


def test_url_encode_returns_the_input_when_nothing_to_encode():
    m = module()
    s = m.s(b"plain-text_1.2~")
    assert m.url_encode(s) == s and m.url_decode(s) == s


def test_url_decode_fixed():
    assert run("url_decode", b"a%20b+c%2B%2f%2F%c3%A9") == b"a b+c+//\xc3\xa9"
    assert run("url_decode", b"%00%ff%FF") == b"\x00\xff\xff"
    assert run("url_decode", b"%25%32%30") == b"%20"  # decoded once, not twice
    assert predicate("url_valid", b"") == 1 and predicate("url_valid", b"a b\xff") == 1


@pytest.mark.parametrize("text", [b"%", b"%2", b"a%", b"a%2", b"%zz", b"%2g", b"%g2", b"100%", b"%%41", b"%-1",
                                  b"abc%4", b"%\xc3\xa9", b"% 20"])
def test_url_malformed_decodes_to_empty(text):
    assert py_url_decode(text) is None
    assert run("url_decode", text) == b""
    assert predicate("url_valid", text) == 0


@EXAMPLES
@given(st.binary(max_size=200))
def test_url_encode_random(data):
    encoded = run("url_encode", data)
    assert encoded == urllib.parse.quote(data, safe="").encode()
    assert run("url_decode", encoded) == data


URL_TEXT = st.lists(st.sampled_from(b"%%%0aF9fG+ z\xff"), max_size=12).map(bytes)


@settings(max_examples=600, deadline=None)
@given(st.one_of(URL_TEXT, st.binary(max_size=16)))
def test_url_decode_against_python(text):
    expected = py_url_decode(text)
    assert predicate("url_valid", text) == (expected is not None), text
    assert run("url_decode", text) == (expected or b""), text


# --- scratch exhaustion ----------------------------------------------------

ENCODERS = ["b64_encode", "b64url_encode", "hex_encode", "url_encode"]
DECODERS = [("b64_decode", b"Zm9vYmFy"), ("b64url_decode", b"Zm9vYmFy"), ("url_decode", b"a%20b")]


@pytest.mark.parametrize("func", ENCODERS)
def test_encoders_out_of_scratch(func):
    m = module()
    s = m.s(b"foo bar")
    m.set_global("scratch_top", SCRATCH_END - 2)
    assert m.call(func, s) == 0
    assert m.rt_error == E.OUT_OF_MEMORY
    assert m.global_value("scratch_top") == SCRATCH_END - 2


@pytest.mark.parametrize("func, text", DECODERS)
def test_decoders_out_of_scratch(func, text):
    m = module()
    s = m.s(text)
    m.set_global("scratch_top", SCRATCH_END - 2)
    assert m.call(func, s) == 0
    assert m.rt_error == E.OUT_OF_MEMORY


def test_encoders_refuse_a_result_past_4_gib_without_wrapping():
    # a string that claims 2^32 - 1 bytes: the size is computed in 64 bits
    # and refused before any byte is read
    m = module()
    huge = (layout.DATA_START << 32) | 0xFFFFFFFF
    for func in ("b64_encode", "hex_encode"):
        m.clear_error()
        assert m.call(func, huge) == 0 and m.rt_error == E.OUT_OF_MEMORY, func


# --- linking ---------------------------------------------------------------


def test_codec_functions_link_alone_with_their_dependencies():
    linked = stdlib.link(["b64url_decode"])
    assert {"b64url_decode", "b64_decode_with", "b64_decoded_len", "b64_value", "alloc"} <= set(linked.functions)
    assert "b64_encode_with" not in linked.functions and "url_encode" not in linked.functions
    for name in ("b64_encode", "b64_decode", "b64url_encode", "b64url_decode", "b64_valid", "b64url_valid",
                 "hex_encode", "url_encode", "url_decode", "url_valid"):
        assert stdlib.fields()[name].file == "codec.wat"
    assert {"url_encode", "byte_in", "count_outside", "hex_digit"} <= set(stdlib.link(["url_encode"]).functions)

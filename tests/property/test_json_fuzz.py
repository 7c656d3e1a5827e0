"""Fuzz stdlib/json.wat against Python's json module, used strictly.

The oracle: the bytes must decode as strict UTF-8, then `json.loads` must
accept the text with NaN/Infinity/-Infinity refused.  Two documented
differences are folded into the oracle: Python accepts a lone surrogate in a
`\\u` escape (json.wat refuses it), and json.wat refuses nesting deeper than
32 (Python goes to its recursion limit).  Documents stay far below json.wat's
1 MiB limit.

Default run: a few thousand documents in well under a minute.  For a longer
run set PWC_FUZZ_EXAMPLES (examples per test; the default is 400, and the
mutation test checks 10 mutants of each generated document).
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from json_corpus import (MUTATIONS_PER_DOCUMENT, mutate, mutated_documents, near_json_bytes, string_bodies,
                         valid_documents)
import dyn_harness
from json_harness import ConfigModule
from json_harness import Refused as LoadRefused

from pwc.compiler import types

EXAMPLES = int(os.environ.get("PWC_FUZZ_EXAMPLES", "400"))
MAX_DEPTH = 32
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# --- the oracle --------------------------------------------------------------------


class Refused(Exception):
    pass


def _refuse_constant(name: str):
    raise Refused(name)


class Pairs(list):
    """A JSON object as all its (key, value) pairs: duplicates kept, so that
    nothing the reader must look at is dropped by dict()."""


def _depth(value) -> int:
    if isinstance(value, Pairs):
        return 1 + max((_depth(v) for _, v in value), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    if isinstance(value, Pairs):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value)
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def python_accepts(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")  # strict: no encoded surrogates, no overlongs
        value = json.loads(text, parse_constant=_refuse_constant, parse_int=str, parse_float=str,
                           object_pairs_hook=Pairs)
    except (UnicodeDecodeError, ValueError, Refused, RecursionError):
        return False
    return not _has_surrogate(value) and _depth(value) <= MAX_DEPTH


# --- documents: tests/unit/json_corpus.py ------------------------------------------

# --- $json_validate agrees with Python --------------------------------------------------

_module: ConfigModule | None = None


def shared_module() -> ConfigModule:
    global _module
    if _module is None:
        _module = ConfigModule()
    return _module


def check_validate(data: bytes) -> None:
    m = shared_module()
    mark = m.mark()
    try:
        result = m.validate(data)  # a trap would raise wasmtime.Trap here
    finally:
        m.rewind(mark)
    expected = python_accepts(data)
    if expected:
        assert result == 0, f"refused valid JSON at offset {result - 1}: {data[:200]!r}"
    else:
        assert 1 <= result <= len(data) + 1, f"accepted invalid JSON: {data[:200]!r}"


@fuzz
@given(valid_documents())
def test_valid_documents_are_accepted(data):
    assert python_accepts(data)
    check_validate(data)


@fuzz
@given(valid_documents(), st.randoms(use_true_random=False))
def test_mutated_documents_agree_with_python(data, rnd):
    for _ in range(MUTATIONS_PER_DOCUMENT):
        check_validate(mutate(data, rnd))


@fuzz
@given(near_json_bytes)
def test_random_bytes_agree_with_python(data):
    check_validate(data)


@fuzz
@given(string_bodies, st.sampled_from([b"%s", b"[%s]", b'{%s: 1}', b'{"k": %s}']))
def test_strings_and_escapes_agree_with_python(body, frame):
    check_validate(frame % body)


@settings(max_examples=max(50, EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 80), st.sampled_from([("[", "]"), ('{"a":', "}"), ('[{"b":', "}]")]))
def test_nesting_depth_limit(depth, brackets):
    opened, closed = brackets
    data = (opened * depth + "0" + closed * depth).encode()
    check_validate(data)


# --- $config_load (stdlib/cfg.wat) on any text -------------------------------------------
# What it reads is checked against a reference reader on generated types and
# documents in tests/unit/test_json_config.py; here, only that no text traps it
# and that it refuses, as malformed, what Python refuses.

ANY_FIELDS = types.RecordType("fuzzed", "i32", kind="record", fields=[
    types.Field("a", types.STRING, optional=True), types.Field("b", types.INT, optional=True),
    types.Field("c", types.LIST, optional=True), types.Field("d", types.MAP, optional=True)])


@fuzz
@given(mutated_documents)
def test_config_load_never_traps_and_refuses_what_python_refuses(data):
    m = shared_module()
    mark = m.mark()
    heap = m.heap_state()
    try:
        result = m.load(data, ANY_FIELDS)  # a trap would raise wasmtime.Trap here
        m.reset_scratch()
        if isinstance(result, LoadRefused):
            assert m.heap_state() == heap  # a refused text leaves nothing allocated
        else:
            m.free(result.record, ANY_FIELDS)
    finally:
        m.rewind(mark)
    accepted = not isinstance(result, LoadRefused)
    if not python_accepts(data) and data.strip(b" \t\r\n"):
        assert not accepted and result.code in (1, 7), (result, data)
    if accepted:
        assert python_accepts(data) or not data.strip(b" \t\r\n")


# A dyn field reads its value as json.decode does (stdlib/dyn.wat): the same
# canonical text, and refused (with the dyn's path) exactly where json.decode
# refuses the value alone, nested one level deeper here.

DYN_FIELD = types.RecordType("fuzzed_dyn", "i32", kind="record", fields=[types.Field("v", types.DYN, optional=False)])


@fuzz
@given(st.one_of(valid_documents(), mutated_documents))
def test_a_dyn_field_reads_what_json_decode_reads(data):
    m = shared_module()
    mark = m.mark()
    heap = m.heap_state()
    try:
        result = m.load(b'{"v": ' + data + b"}", DYN_FIELD)
        m.reset_scratch()
        if isinstance(result, LoadRefused):
            assert m.heap_state() == heap
        else:
            m.free(result.record, DYN_FIELD)
    finally:
        m.rewind(mark)
    try:
        expected = dyn_harness.loads(data)
    except dyn_harness.Refused:
        assert isinstance(result, LoadRefused), (result, data)
        if python_accepts(data):  # JSON, but a repeated key or a number beyond the double range
            assert result.code in (5, 6) and result.path == b"v: ", (result, data)
        return
    if _depth_of(data) == MAX_DEPTH:  # the configuration's object is one level more
        assert isinstance(result, LoadRefused) and result.code == 7
        return
    assert not isinstance(result, LoadRefused), (result, data)
    assert result.value.fields["v"] == (None if expected is None else dyn_harness.dumps(expected))


def _depth_of(data: bytes) -> int:
    return _depth(json.loads(data.decode("utf-8"), object_pairs_hook=Pairs))


def test_oracle_is_strict():
    assert not python_accepts(b"NaN") and not python_accepts(b"[Infinity]") and not python_accepts(b"-Infinity")
    assert not python_accepts(b'"\\ud800"') and python_accepts(b'"\\ud83d\\ude00"')
    assert not python_accepts(b'"\xed\xa0\x80"') and not python_accepts(b"\xef\xbb\xbf1")
    assert not python_accepts(b"[" * 33 + b"]" * 33) and python_accepts(b"[" * 32 + b"]" * 32)
    assert python_accepts(b"1" * 5000)
    assert not python_accepts(b'{"a": {"\\udf7f": 1}, "a": 2}')  # a dropped duplicate still counts


if __name__ == "__main__":
    pytest.main([__file__])

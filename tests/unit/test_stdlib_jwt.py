"""stdlib/jwt.wat against PyJWT (the oracle, tests only): tokens PyJWT signs
verify under their key and no other, their claims decode as Python's json
reads them, and tokens PyJWT refuses (a changed byte, another algorithm, a
malformed token) are refused too."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import jwt as pyjwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyn_harness import canonical
from stdlib_harness import shared_module

CLAIM_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)
CLAIMS = st.dictionaries(st.text(max_size=8), CLAIM_VALUES, max_size=5)
KEYS = st.binary(min_size=1, max_size=80)  # PyJWT refuses an empty key, and so does pwc
pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def verify(token: str | bytes, key: bytes) -> bool:
    m = shared_module()
    m.reset_scratch()
    token = token.encode() if isinstance(token, str) else token
    return m.jwt_verify_hs256(m.s(token), m.s(key)) == 1


def decode(token: str | bytes) -> bytes | None:
    m = shared_module()
    m.reset_scratch()
    token = token.encode() if isinstance(token, str) else token
    value = m.jwt_decode(m.s(token))
    return None if value == 0 else m.text(value)


def pyjwt_verifies(token: str, key: bytes) -> bool:
    try:
        pyjwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False, "verify_nbf": False,
                                                                "verify_iat": False, "verify_aud": False,
                                                                "verify_iss": False, "verify_sub": False,
                                                                "verify_jti": False})
        return True
    except pyjwt.PyJWTError:
        return False


def payload_of(token: str) -> bytes:
    segment = token.split(".")[1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


@settings(max_examples=400, deadline=None)
@given(CLAIMS, KEYS, KEYS)
def test_tokens_pyjwt_signs_verify_under_their_key_only(claims, key, other):
    token = pyjwt.encode(claims, key, algorithm="HS256")
    assert verify(token, key) and pyjwt_verifies(token, key)
    assert verify(token, other) == pyjwt_verifies(token, other) == (key == other)
    assert decode(token) == canonical(payload_of(token))
    assert json.loads(decode(token)) == claims


@settings(max_examples=400, deadline=None)
@given(CLAIMS, KEYS, st.data())
def test_a_changed_character_is_refused_as_pyjwt_refuses_it(claims, key, data):
    token = pyjwt.encode(claims, key, algorithm="HS256")
    at = data.draw(st.integers(0, len(token) - 1))
    if token[at] == ".":
        return
    changed = token[:at] + data.draw(st.sampled_from(ALPHABET)) + token[at + 1:]
    assert verify(changed, key) == pyjwt_verifies(changed, key)


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_another_algorithm_is_refused(algorithm):
    token = pyjwt.encode({"sub": "ann"}, b"k" * 64, algorithm=algorithm)
    assert not verify(token, b"k" * 64)
    assert decode(token) == b'{"sub":"ann"}'  # decoding does not look at the algorithm


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_alg_none_and_malformed_tokens():
    none = _b64(b'{"alg":"none"}') + "." + _b64(b'{"sub":"x"}') + "."
    assert not verify(none, b"") and decode(none) == b'{"sub":"x"}'
    good = pyjwt.encode({"a": 1}, b"key", algorithm="HS256")
    h, p, s = good.split(".")
    for bad in ["", ".", "..", "a.b", f"{h}.{p}", f"{h}.{p}.{s}.x", f"{h}.{p}.{s}.", f"{h}=.{p}.{s}",
                f"{h}.{p}=.{s}", f"{h}.{p}.{s}=", f"{h}.{p}!.{s}", f"{h} .{p}.{s}",
                f"{_b64(b'[1]')}.{p}.{s}", f"{h}.{_b64(b'42')}.{s}", f"{h}.{_b64(b'{bad json')}.{s}",
                f"{h}.{_b64(bytes([0xff, 0xfe]))}.{s}"]:
        assert not verify(bad, b"key"), bad
        assert not pyjwt_verifies(bad, b"key") or "=" in bad, bad  # PyJWT tolerates padding
    for bad in ["", "a.b", f"{h}.{p}.{s}.x", f"{h}.{_b64(b'42')}.{s}", f"{h}=.{p}.{s}"]:
        assert decode(bad) is None, bad
    assert verify(good, b"key") and decode(good) == b'{"a":1}'


def test_an_empty_key_verifies_nothing():
    none_key = _b64(b'{"alg":"HS256","typ":"JWT"}') + "." + _b64(b'{"sub":"x"}')
    token = none_key + "." + _b64(hmac.new(b"", none_key.encode(), hashlib.sha256).digest())
    assert not verify(token, b"")
    assert decode(token) == b'{"sub":"x"}'


def test_the_signature_must_be_whole():
    good = pyjwt.encode({"a": 1}, b"key", algorithm="HS256")
    h, p, s = good.split(".")
    assert not verify(f"{h}.{p}.{s[:-2]}", b"key")
    assert not verify(f"{h}.{p}.", b"key")


def test_a_signature_in_another_spelling_of_its_bytes_is_refused():
    # 32 bytes take 43 characters, the last holding 2 unused bits: flipping one
    # keeps the bytes but changes the token, which PyJWT refuses, and so does pwc
    good = pyjwt.encode({"a": 1}, b"key", algorithm="HS256")
    h, p, s = good.split(".")
    last = ALPHABET.index(s[-1])
    altered = f"{h}.{p}.{s[:-1]}{ALPHABET[last ^ 1]}"
    assert base64.urlsafe_b64decode(altered.split(".")[2] + "=") == base64.urlsafe_b64decode(s + "=")
    assert not verify(altered, b"key") and not pyjwt_verifies(altered, b"key")
    assert decode(f"{h}.{p}.{s[:-1]}{ALPHABET[last ^ 1]}") is None

"""Hostile values through every new function, in a real Envoy: the encoders,
decoders, hashes, string functions, patterns, request parts, networks,
timestamps and macros never trap, never make a 500 by themselves, and the
time they take grows with the input, not faster.

The filter writes only sizes and booleans, so the upstream request stays
small whatever the client sent; the client's values stay under Envoy's
60 KiB header limit (above it Envoy answers 431 itself).
"""

from __future__ import annotations

import pytest
from hostile_envoy import filter_in_envoy, timed_request

pytestmark = pytest.mark.e2e

FILTER = '''filter "hostile"
on request {
  let v = request.headers["x-v"]
  set request.headers["x-codec"] = string(size(base64.decode(v))) + "," + string(size(base64url.decode(v))) + "," + string(size(url.decode(v))) + "," + string(base64.valid(v)) + "," + string(size(hex.encode(v))) + "," + string(size(url.encode(v)))
  set request.headers["x-hash"] = string(size(sha256(v))) + "," + string(size(hmac_sha512(v, v))) + "," + string(crc32(v) >= 0) + "," + string(fnv1a(v) >= 0)
  set request.headers["x-strings"] = string(v.indexOf("a,b")) + "," + string(size(v.split(","))) + "," + string(size(v.replace("a", "bb"))) + "," + string(size(v.substring(3, 999999)))
  set request.headers["x-patterns"] = string(size(v.find("(a|b)+c"))) + "," + string(size(v.findAll("[0-9]+"))) + "," + string(size(regex.replace(v, "(.)", "$1$1")))
  set request.headers["x-parts"] = string(size(request.query_params)) + "," + string(size(request.cookies)) + "," + string(isIP(v)) + "," + string(cidr("10.0.0.0/8").containsIP(ip(v)))
  set request.headers["x-time"] = string(timestamp(v) < now) + "," + http_date(timestamp(v))
  set request.headers["x-macros"] = string(v.split(",").exists(p, p.startsWith("zz"))) + "," + string(size(v.split(",").filter(p, p.contains("a")))) + "," + string(request.headers.exists(n, n == "x-never"))
}
'''

ALPHABET = bytes(range(0x20, 0x7F)).replace(b",", b"") + b"\x80\xc3\xa9\xff"


def _noise(size: int, seed: int) -> bytes:
    """Deterministic bytes: printable ASCII, commas, 'a', digits and bytes that are not UTF-8."""
    state, out = seed, bytearray()
    pieces = [b"a", b"a,b", b",", b"0123", b"%zz", b"%41", b"=", b"==", b"\xff", b"\xc3", b"abc"]
    while len(out) < size:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        pick = state >> 59
        out += pieces[pick % len(pieces)] if pick < 20 else ALPHABET[state % len(ALPHABET):][:1]
    return bytes(out[:size])


@pytest.fixture(scope="module")
def envoy(session_upstream, envoy_path):
    with filter_in_envoy("hostile", FILTER, session_upstream.port) as running:
        yield running


def _send(envoy, upstream, headers, path="/"):
    return timed_request(envoy, "hostile", upstream, headers, path)


CASES = {
    "48 KiB of noise": [("x-v", _noise(48 << 10, 1))],
    "95 copies of a header (Envoy allows 100 headers)": [("x-v", _noise(300, k)) for k in range(95)],
    "invalid base64 and percent escapes": [("x-v", b"====%%%zz%4" * 2000)],
    "invalid UTF-8 only": [("x-v", b"\xff\xc3\x80" * 5000)],
    "a cookie with 2000 pairs": [("x-v", b"1.2.3.4"), ("cookie", b"; ".join(b"k%d=v" % k for k in range(2000)))],
    "digits for the patterns": [("x-v", b"0123456789" * 4000)],
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_values_reach_the_upstream(envoy, upstream, name):
    response, _, seen = _send(envoy, upstream, CASES[name])
    assert response.status == 200, (name, response.status, response.body[:200])
    assert seen is not None and seen.header("x-codec") and seen.header("x-macros")


def test_a_query_with_2000_parameters(envoy, upstream):
    query = "&".join(f"k{k}=v%20{k}" for k in range(2000))
    response, _, seen = _send(envoy, upstream, [("x-v", "2024-02-29T12:00:00Z")], path=f"/?{query}")
    assert response.status == 200 and seen is not None
    assert seen.header("x-parts").startswith("2000,0,false,false")
    assert seen.header("x-time") == "true,Thu, 29 Feb 2024 12:00:00 GMT"


def test_time_grows_with_the_input_not_faster(envoy, upstream):
    def best_of_three(size: int) -> float:
        return min(_send(envoy, upstream, [("x-v", _noise(size, 7))])[1] for _ in range(3))

    small, large = best_of_three(6 << 10), best_of_three(48 << 10)
    # 8x the input: linear work takes about 8x (plus the fixed cost of a request); quadratic would be 64x.
    assert large < 20 * max(small, 0.002), (small, large)

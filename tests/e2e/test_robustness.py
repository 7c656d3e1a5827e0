"""Hostile requests through a real Envoy: what only Envoy can show.

The hostile requests whose outcome is the filter's alone are conformance cases
now (tests/conformance/language/robustness/robust.test.yaml, run locally and in
Envoy).  What stays here needs Envoy itself: values and paths near its size
limits and past them (its own 4xx), bytes that are not UTF-8 (the case format's
text is UTF-8 locally but latin-1 in the parity mode), clients that hang up,
pipelined requests, and Envoy's log and stats.

One Envoy (V8) runs the `robust` filter (the conformance folder's robust.pwf)
for the whole file.  The last test checks Envoy's log for wasm traps and sends
a normal request: after a trap Envoy answers 503 to everything, so a correct
200 proves the VM is alive.
"""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, encode_request, http_request, send_and_hang_up

pytestmark = pytest.mark.e2e

SOURCE = (Path(__file__).resolve().parents[1] / "conformance" / "language" / "robustness" / "robust.pwf"
          ).read_text(encoding="utf-8")

FILTER_HEADERS = ("x-multi-seen", "x-multi-size", "x-lower", "x-upper", "x-trim", "x-has-admin", "x-api",
                  "x-get-or-head", "x-has-auth", "x-num-calc", "x-div-calc")
ERROR_BODY = b"internal error in filter\n"


@pytest.fixture(scope="module")
def envoy(envoy_path, session_upstream):
    result = compile_source(SOURCE, "robust.pwf")
    assert result.ok, result.render()
    proxy = Envoy([Listener("robust", wasm=result.wasm)], upstream_port=session_upstream.port)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
        print(f"--- envoy log (test_robustness) ---\n{proxy.log_text()[-6000:]}")


@pytest.fixture
def send(envoy, upstream):
    """send(method, path, headers) -> (client response, request the upstream got or None)."""

    def go(method, path, headers=(), body=b""):
        upstream.clear()
        reply = http_request(envoy.listener_port("robust"), method, path, headers, body=body, timeout=10)
        seen = list(upstream.requests)
        assert len(seen) <= 1
        return reply, (seen[0] if seen else None)

    return go


def _model(headers, method: str, path: str) -> dict[str, str]:
    """What the filter must add to the request, computed from the CEL semantics in DESIGN.md."""

    def get(name: str) -> str:
        values = [v.strip(" \t") for k, v in headers if k.lower() == name]
        return ",".join(values)

    def present(name: str) -> bool:
        return any(k.lower() == name for k, _ in headers)

    def lower(s: str) -> str:
        return "".join(c.lower() if "A" <= c <= "Z" else c for c in s)

    def upper(s: str) -> str:
        return "".join(c.upper() if "a" <= c <= "z" else c for c in s)

    text, multi = get("x-text"), get("x-multi")
    expected = {
        "x-multi-seen": multi,
        # size() counts code points: the bytes that do not continue a UTF-8 sequence.
        "x-multi-size": str(sum(1 for b in multi.encode("latin-1") if not 0x80 <= b <= 0xBF)),
        "x-lower": lower(text),
        "x-upper": upper(text),
        "x-trim": "[" + text.strip(" \t\r\n") + "]",
        "x-has-admin": str("admin" in text).lower(),
        "x-api": str(path.startswith("/api")).lower(),
        "x-get-or-head": str(method in ("GET", "HEAD")).lower(),
        "x-has-auth": str(present("authorization")).lower(),
    }
    if present("x-num"):
        expected["x-num-calc"] = str(int(get("x-num")) * 2 + 1)
    if present("x-div"):
        divisor = int(get("x-div"))
        quotient = abs(100) // abs(divisor)
        expected["x-div-calc"] = str(quotient if divisor > 0 else -quotient)
    return expected


def _assert_passed(reply, seen, method: str, path: str, headers) -> None:
    """The request reached the upstream with exactly the model's headers, and the
    response phase echoed the request's path parts."""
    assert reply.status == 200, (reply.status, reply.body[:200])
    assert reply.body == b"upstream ok\n"
    assert seen is not None and seen.method == method and seen.path == path
    expected = _model(headers, method, path)
    for name in FILTER_HEADERS:
        if name in expected:
            assert seen.header_values(name) == [expected[name]], name
        else:
            assert seen.header_values(name) == [], name
    # The client's own headers arrive untouched (names lowercased by Envoy), in order.
    sent = [(k.lower(), v.strip(" \t")) for k, v in headers]
    got = [(k.lower(), v) for k, v in seen.headers if k.lower() in {n for n, _ in sent}]
    assert got == sent
    url_path, _, query = path.partition("?")
    assert reply.header_values("x-req-path") == [path]
    assert reply.header_values("x-req-url-path") == [url_path]
    assert reply.header_values("x-req-query") == [query]
    assert reply.header_values("x-multi-back") == [expected["x-multi-seen"]]
    ua = ",".join(v.strip(" \t") for k, v in headers if k.lower() == "user-agent")
    assert reply.header_values("x-ua") == [ua]


def _assert_refused_by_envoy(reply, seen, status: int) -> None:
    assert reply.status == status, (reply.status, reply.body[:200])
    assert seen is None
    assert reply.header("x-req-path") is None  # the filter never saw it


# ---- headers -------------------------------------------------------------------------------------


def test_sixteen_kilobyte_values(send):
    big = "Ab" * 8192
    headers = [("x-text", big), ("x-multi", "m" * 16384), ("user-agent", "U" * 16384)]
    reply, seen = send("GET", "/big", headers)
    _assert_passed(reply, seen, "GET", "/big", headers)
    assert seen.header("x-upper") == "AB" * 8192 and seen.header("x-lower") == "ab" * 8192
    assert seen.header("x-multi-size") == "16384"


def test_five_repeated_ten_kilobyte_headers(send):
    headers = [("x-multi", chr(ord("a") + i) * 10240) for i in range(5)]
    reply, seen = send("GET", "/rep", headers)
    _assert_passed(reply, seen, "GET", "/rep", headers)
    assert seen.header("x-multi-size") == str(5 * 10240 + 4)


def test_headers_past_envoys_limit_are_refused_by_envoy(send):
    reply, seen = send("GET", "/toolarge", [("x-big", "v" * 16384)] * 4)
    _assert_refused_by_envoy(reply, seen, 431)


def test_latin1_and_high_bytes_in_values(send):
    high = "".join(chr(c) for c in range(0x80, 0x100))
    headers = [("x-text", "CAF\xc9 caf\xe9 " + high), ("x-multi", "\xff\xfe"), ("x-multi", "\x80"),
               ("user-agent", "\xe9t\xe9")]
    reply, seen = send("GET", "/latin1", headers)
    _assert_passed(reply, seen, "GET", "/latin1", headers)
    # lowerAscii/upperAscii change ASCII letters only; every byte 0x80-0xFF passes through.
    assert seen.header("x-lower") == "caf\xc9 caf\xe9 " + high
    assert seen.header("x-upper") == "CAF\xc9 CAF\xe9 " + high
    assert reply.header("x-ua") == "\xe9t\xe9"


def test_utf8_values_have_their_code_point_size(send):
    text = "h\u00e9llo w\u00f6rld \u20ac \U0001f600"
    headers = [("x-multi", text.encode("utf-8").decode("latin-1"))]
    reply, seen = send("GET", "/utf8", headers)
    _assert_passed(reply, seen, "GET", "/utf8", headers)
    assert seen.header("x-multi-size") == str(len(text))
    assert reply.header("x-multi-back").encode("latin-1").decode("utf-8") == text


# ---- paths ---------------------------------------------------------------------------------------

# The short odd paths are conformance cases; these two are near Envoy's 60 KiB limit.
ODD_PATHS = ["/" + "p" * 59000, "/" + "p" * 30000 + "?" + "q=1&" * 5000]


@pytest.mark.parametrize("path", ODD_PATHS, ids=lambda p: p if len(p) < 30 else f"long-{len(p)}")
def test_odd_paths_pass_through_unchanged(send, path):
    reply, seen = send("GET", path, [("x-text", "t")])
    _assert_passed(reply, seen, "GET", path, [("x-text", "t")])


@pytest.mark.parametrize("path, status", [
    ("?", 400),
    ("/a#frag", 400),
    ("/a?q#frag", 400),
    (b"/caf\xe9", 400),
    ("/" + "p" * 62000, 431),
], ids=["question-mark-only", "fragment", "query-and-fragment", "high-byte-in-path", "path-over-limit"])
def test_paths_envoy_refuses_before_the_filter(send, path, status):
    reply, seen = send("GET", path, [])
    _assert_refused_by_envoy(reply, seen, status)


# ---- clients that go away ------------------------------------------------------------------------


def test_clients_hanging_up_mid_request(envoy, upstream, send):
    port = envoy.listener_port("robust")
    whole = encode_request("POST", "/hangup", [("x-num", "5"), ("content-length", "100")], b"")
    send_and_hang_up(port, whole[: len(whole) // 2])
    send_and_hang_up(port, whole[: len(whole) // 2], reset=True)
    send_and_hang_up(port, whole, linger=0.2)  # request phase ran, body never came
    send_and_hang_up(port, whole + b"x" * 10, linger=0.1, reset=True)
    send_and_hang_up(port, b"GARBAGE\r\n\r\n")
    time.sleep(0.3)
    reply, seen = send("GET", "/after-hangups", [("x-num", "1")])
    _assert_passed(reply, seen, "GET", "/after-hangups", [("x-num", "1")])


def test_pipelined_requests_with_a_runtime_error_between(envoy, upstream):
    """Two requests in one write: the first passes, the second hits int("oops"): the 500
    goes out on the same connection after the 200, then Envoy closes it."""
    port = envoy.listener_port("robust")
    data = encode_request("GET", "/p0", [("x-num", "1")]) + encode_request("GET", "/p1", [("x-num", "oops")])
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        deadline = time.monotonic() + 5
        while received.count(b"HTTP/1.1 ") < 2 or not received.endswith(ERROR_BODY):
            chunk = sock.recv(65536)
            if not chunk or time.monotonic() > deadline:
                break
            received += chunk
    statuses = re.findall(rb"^HTTP/1\.1 (\d{3})", received, re.M)
    assert statuses == [b"200", b"500"], received[:500]
    assert [request.path for request in upstream.requests] == ["/p0"]


# ---- the VM is alive at the end ------------------------------------------------------------------


def test_no_wasm_trap_in_envoys_log_and_the_filter_still_serves(envoy, send):
    # The run-time errors' answers and messages are conformance cases; here each kind
    # (int() of text, overflow, division by zero) is logged at error level in this Envoy.
    for name, value in (("x-num", "abc"), ("x-num", "9223372036854775807"), ("x-div", "0")):
        assert send("GET", "/err", [(name, value)])[0].status == 500
    headers = [("User-Agent", "final"), ("x-multi", "1"), ("x-multi", "2"), ("x-num", "20"), ("x-div", "3")]
    reply, seen = send("GET", "/api/final?z=9", headers)
    _assert_passed(reply, seen, "GET", "/api/final?z=9", headers)
    assert seen.header("x-num-calc") == "41" and seen.header("x-div-calc") == "33"
    log = envoy.log_text()
    assert "Uncaught RuntimeError" not in log
    assert not re.search(r"Function: proxy_on_\w+ failed", log)
    assert "wasm_fail" not in log
    for line in log.splitlines():
        if "[wasm]" in line and "failed:" in line:
            pytest.fail(f"wasm failure in Envoy's log: {line}")
        if "runtime error at" in line:
            assert "[error]" in line and re.search(r"robust: runtime error at robust\.pwf:\d+: \S", line), line
    stats = envoy.stats()
    assert all(value == 0 for name, value in stats.items()
               if "wasm" in name and ("fail" in name or "crash" in name) and isinstance(value, int)), {
        name: value for name, value in stats.items() if "wasm" in name}

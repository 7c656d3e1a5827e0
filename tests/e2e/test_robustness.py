"""Hostile requests through a real Envoy: the compiled filter gives the defined
answer to each, never traps, and keeps serving.

One Envoy (V8) runs the `robust` filter below for the whole file.  Each case
asserts the exact outcome: what the upstream received and what the client got,
or the filter's 500 for a run-time error (with its log line), or Envoy's own
4xx when Envoy refuses the request before the filter runs.  The last tests
check Envoy's log for wasm traps and send a normal request: after a trap Envoy
answers 503 to everything, so a correct 200 proves the VM is alive.
"""

from __future__ import annotations

import re
import socket
import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, encode_request, http_request, send_and_hang_up

pytestmark = pytest.mark.e2e

SOURCE = r'''filter "robust"

on request {
  let ua = request.headers["user-agent"]
  let multi = request.headers["x-multi"]
  set request.headers["x-multi-seen"] = multi
  set request.headers["x-multi-size"] = string(size(multi))
  set request.headers["x-lower"] = request.headers["x-text"].lowerAscii()
  set request.headers["x-upper"] = request.headers["x-text"].upperAscii()
  set request.headers["x-trim"] = "[" + request.headers["x-text"].trim() + "]"
  set request.headers["x-has-admin"] = string(request.headers["x-text"].contains("admin"))
  set request.headers["x-api"] = string(request.path.startsWith("/api"))
  set request.headers["x-get-or-head"] = string(request.method in ["GET", "HEAD"])
  set request.headers["x-has-auth"] = string("authorization" in request.headers)
  if ("x-num" in request.headers) {
    let n = int(request.headers["x-num"])
    set request.headers["x-num-calc"] = string(n * 2 + 1)
  }
  if ("x-div" in request.headers) {
    set request.headers["x-div-calc"] = string(100 / int(request.headers["x-div"]))
  }
  log info "robust " + request.method + " " + request.path
}

on response {
  set response.headers["x-req-path"] = request.path
  set response.headers["x-req-url-path"] = request.url_path
  set response.headers["x-req-query"] = request.query
  set response.headers["x-ua"] = ua
  set response.headers["x-multi-back"] = multi
}
'''

FILTER_HEADERS = ("x-multi-seen", "x-multi-size", "x-lower", "x-upper", "x-trim", "x-has-admin", "x-api",
                  "x-get-or-head", "x-has-auth", "x-num-calc", "x-div-calc")
ERROR_BODY = b"internal error in filter\n"
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def _line_of(snippet: str) -> int:
    for number, line in enumerate(SOURCE.splitlines(), start=1):
        if snippet in line:
            return number
    raise AssertionError(snippet)


INT_LINE = _line_of("let n = int(")
CALC_LINE = _line_of("string(n * 2 + 1)")
DIV_LINE = _line_of("100 / int(")


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


def _assert_runtime_error(envoy, reply, seen, line: int, message: str, path: str) -> None:
    assert reply.status == 500, (reply.status, reply.body[:200])
    assert reply.body == ERROR_BODY
    assert seen is None, "the upstream was reached despite the run-time error"
    # on response still runs for the filter's own 500 (docs/envoy-behaviour.md #1).
    assert reply.header_values("x-req-path") == [path]
    envoy.wait_for_log(f"robust: runtime error at robust.pwf:{line}: {message}")


def _assert_refused_by_envoy(reply, seen, status: int) -> None:
    assert reply.status == status, (reply.status, reply.body[:200])
    assert seen is None
    assert reply.header("x-req-path") is None  # the filter never saw it


# ---- headers -------------------------------------------------------------------------------------


def test_ordinary_request_with_mixed_case_names(send):
    headers = [("User-Agent", "Mozilla/5.0 (X11)"), ("X-Multi", "a"), ("x-MULTI", "b"),
               ("X-TEXT", "  Hello admin World  "), ("AUTHORIZATION", "Bearer t")]
    path = "/api/v1/items?a=1&b=2"
    reply, seen = send("GET", path, headers)
    _assert_passed(reply, seen, "GET", path, headers)
    assert seen.header("x-lower") == "hello admin world" and seen.header("x-has-admin") == "true"
    assert seen.header("x-multi-seen") == "a,b" and seen.header("x-has-auth") == "true"


def test_eighty_headers_and_five_copies_of_one(send):
    headers = [(f"X-H{i:02d}", f"value-{i}") for i in range(80)]
    headers += [("x-multi", f"copy-{i}") for i in range(5)]
    reply, seen = send("POST", "/many", headers, body=b"x")
    _assert_passed(reply, seen, "POST", "/many", headers)
    assert seen.header("x-multi-seen") == "copy-0,copy-1,copy-2,copy-3,copy-4"
    assert seen.header("x-get-or-head") == "false"


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


def test_empty_header_values(send):
    headers = [("x-text", ""), ("x-multi", ""), ("authorization", ""), ("user-agent", "")]
    reply, seen = send("GET", "/empty", headers)
    _assert_passed(reply, seen, "GET", "/empty", headers)
    assert seen.header("x-multi-seen") == "" and seen.header("x-multi-size") == "0"
    assert seen.header("x-has-auth") == "true" and seen.header("x-trim") == "[]"


def test_an_empty_copy_after_a_value(send):
    headers = [("x-multi", "a"), ("x-multi", ""), ("x-multi", "b"), ("x-multi", "")]
    reply, seen = send("GET", "/empty-last", headers)
    _assert_passed(reply, seen, "GET", "/empty-last", headers)
    assert seen.header("x-multi-seen") == "a,,b,"


@pytest.mark.parametrize("values, joined", [(["", ""], ","), (["", "x"], ",x"), (["", "", "abc"], ",,abc")],
                         ids=["two-empty", "empty-then-x", "two-empty-then-abc"])
def test_leading_empty_copies_keep_their_separators(send, values, joined):
    headers = [("x-multi", value) for value in values]
    reply, seen = send("GET", "/empty-first", headers)
    assert seen is not None
    assert (seen.header("x-multi-seen"), seen.header("x-multi-size")) == (joined, str(len(joined)))


# ---- paths ---------------------------------------------------------------------------------------

ODD_PATHS = ["//", "/%00", "/../..", "/a/./b/../c", "/%2e%2e/%2F", "/???", "/a?b?c??", "/api?", "/x?a=%00&b=%C3%A9",
             "/" + "p" * 59000, "/" + "p" * 30000 + "?" + "q=1&" * 5000]


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


# ---- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["21", "0", "-21", "4611686018427387903", "-4611686018427387904", "  7  "])
def test_int_from_a_header(send, value):
    headers = [("x-num", value)]
    reply, seen = send("GET", "/num", headers)
    _assert_passed(reply, seen, "GET", "/num", headers)
    assert int(seen.header("x-num-calc")) <= INT64_MAX


@pytest.mark.parametrize("value, line, message", [
    ("abc", INT_LINE, "int(): the string is not an integer"),
    ("", INT_LINE, "int(): the string is not an integer"),
    ("12abc", INT_LINE, "int(): the string is not an integer"),
    ("1.5", INT_LINE, "int(): the string is not an integer"),
    ("99999999999999999999", INT_LINE, "integer overflow"),
    ("9223372036854775808", INT_LINE, "integer overflow"),
    ("-9223372036854775809", INT_LINE, "integer overflow"),
    ("9223372036854775807", CALC_LINE, "integer overflow"),
    ("4611686018427387904", CALC_LINE, "integer overflow"),
    ("-9223372036854775808", CALC_LINE, "integer overflow"),
], ids=["letters", "empty", "trailing-garbage", "decimal", "20-digits", "int64-max+1", "int64-min-1",
        "max-times-2", "just-over-half", "min-times-2"])
def test_int_errors_answer_500(envoy, send, value, line, message):
    reply, seen = send("GET", "/num", [("x-num", value)])
    _assert_runtime_error(envoy, reply, seen, line, message, "/num")


def test_two_copies_of_a_number_header_are_not_a_number(envoy, send):
    # Joined as "1,2" (never just the first copy), which is not an integer.
    reply, seen = send("GET", "/num2", [("x-num", "1"), ("x-num", "2")])
    _assert_runtime_error(envoy, reply, seen, INT_LINE, "int(): the string is not an integer", "/num2")


@pytest.mark.parametrize("divisor", ["7", "-3", "1", "-1", "100", "101", str(INT64_MIN), str(INT64_MAX)])
def test_division(send, divisor):
    headers = [("x-div", divisor)]
    reply, seen = send("GET", "/div", headers)
    _assert_passed(reply, seen, "GET", "/div", headers)


def test_division_by_zero_answers_500(envoy, send):
    reply, seen = send("GET", "/div", [("x-div", "0")])
    _assert_runtime_error(envoy, reply, seen, DIV_LINE, "division by zero", "/div")


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

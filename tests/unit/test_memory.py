"""A compiled filter's memory stays flat: 20,000 requests after warm-up leave the
linear memory exactly as large, and written exactly as far, as before.

The module runs in wasmtime under minihost.py, a small proxy-wasm host that
calls the callbacks per stream as Envoy does.  The request mix covers the
ordinary path, the filter's own `respond`, run-time errors (int() of a
non-number, overflow) in both phases, big and repeated headers, and streams
interleaved between their request and response phases.

Two measures: the memory size in pages (what Envoy would see grow), and the
high-water mark (one past the highest non-zero byte; memory grows
zero-filled), which catches a leak long before it costs a page.
"""

from __future__ import annotations

import random
import time

import pytest

from minihost import MiniHost

from pwc.compiler.driver import compile_source

SOURCE = r'''filter "mem"

on request {
  let ua = request.headers["user-agent"]
  let joined = request.headers["x-multi"]
  set request.headers["x-seen"] = ua.lowerAscii() + "|" + joined.upperAscii().trim()
  add request.headers["x-size"] = string(size(joined))
  remove request.headers["x-drop"]
  if request.path.startsWith("/deny") {
    respond 403 "denied " + ua headers {"x-why": request.path}
  }
  if (request.method in ["POST", "PUT"]) {
    let n = int(request.headers["x-num"])
    set request.headers["x-num-out"] = string(n * 1000 + 1)
  }
  log debug "req " + request.path
}

on response {
  set response.headers["x-path"] = request.path
  set response.headers["x-ua"] = ua + "/" + request.query
  if response.headers["x-fail"] == "1" {
    let bad = int("not a number")
    set response.headers["x-never"] = string(bad)
  }
}
'''

REQUESTS = 20_000
BATCH = 8  # streams open at once, between their request and response phases


@pytest.fixture(scope="module")
def wasm() -> bytes:
    result = compile_source(SOURCE, "mem.pwf")
    assert result.ok, result.render()
    return result.wasm


def _base(path: str, method: str = "GET") -> list[tuple[str, str]]:
    return [(":authority", "example.com"), (":path", path), (":method", method), (":scheme", "http"),
            ("user-agent", "Mozilla/5.0 Test"), ("x-multi", " one "), ("x-multi", "two"),
            ("x-drop", "secret"), ("x-forwarded-proto", "http"), ("x-request-id", "0" * 36)]


OK_RESPONSE = [(":status", "200"), ("content-type", "text/plain"), ("content-length", "3")]
FAIL_RESPONSE = OK_RESPONSE + [("x-fail", "1")]

# kind -> (request headers, upstream response headers, client status, whether the upstream is reached)
KINDS = {
    "get": (_base("/api/items?page=00007"), OK_RESPONSE, 200, True),
    "deny": (_base("/deny/this/path"), OK_RESPONSE, 403, False),
    "post": (_base("/submit", "POST") + [("x-num", "1234567")], OK_RESPONSE, 200, True),
    "not-int": (_base("/submit", "PUT") + [("x-num", "12abc")], OK_RESPONSE, 500, False),
    "overflow": (_base("/submit", "POST") + [("x-num", "9223372036854776")], OK_RESPONSE, 500, False),
    "int64-overflow": (_base("/submit", "POST") + [("x-num", "99999999999999999999999")], OK_RESPONSE, 500, False),
    "response-error": (_base("/resp?e=1"), FAIL_RESPONSE, 500, True),
    "big": (_base("/big") + [("x-big", "v" * 8192), ("user-agent", "U" * 4096)], OK_RESPONSE, 200, True),
    "many": (_base("/many") + [(f"x-h{i:02d}", "value-%02d" % i) for i in range(60)], OK_RESPONSE, 200, True),
    "repeated": (_base("/rep") + [("x-multi", "copy-%d" % i) for i in range(5)], OK_RESPONSE, 200, True),
    "high-bytes": (_base("/hi") + [("user-agent", "caf\xe9 \xff\x80\xa0")], OK_RESPONSE, 200, True),
    "empty": (_base("/empty") + [("x-empty", "")] + [("x-multi", "")], OK_RESPONSE, 200, True),
}
CYCLE = list(KINDS)


def _check(kind: str, stream) -> None:
    _, _, status, upstream = KINDS[kind]
    assert stream.client_status == status, (kind, stream.client_status, stream.local_reply)
    assert (stream.upstream_request is not None) == upstream, kind
    if kind == "get":
        sent = dict(stream.upstream_request)
        assert sent[b"x-seen"] == b"mozilla/5.0 test|ONE ,TWO" and b"x-drop" not in sent
        assert dict(stream.client_headers)[b"x-ua"] == b"Mozilla/5.0 Test/page=00007"
    elif kind == "post":
        assert dict(stream.upstream_request)[b"x-num-out"] == b"1234567001"
    elif kind == "deny":
        assert stream.local_reply.body == b"denied Mozilla/5.0 Test"


def _run_batch(host: MiniHost, kinds: list[str], order: random.Random) -> None:
    """Open len(kinds) streams, run all request phases, then the response phases and
    the stream ends in shuffled orders, so streams overlap as on a busy worker."""
    streams = [(kind, host.open_stream()) for kind in kinds]
    for kind, stream in streams:
        host.request_headers(stream, KINDS[kind][0])
    responding = streams[:]
    order.shuffle(responding)
    for kind, stream in responding:
        host.response_headers(stream, KINDS[kind][1])
    closing = streams[:]
    order.shuffle(closing)
    for kind, stream in closing:
        host.close_stream(stream)
        _check(kind, stream)


def _run(host: MiniHost, count: int, order: random.Random, start: int = 0) -> None:
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        _run_batch(host, [CYCLE[(start + done + i) % len(CYCLE)] for i in range(size)], order)
        done += size


def test_memory_is_flat_after_20000_requests(wasm: bytes) -> None:
    host = MiniHost(wasm)
    order = random.Random(20240601)
    # Warm-up: every kind in every batch position and order a few times over.
    warm = len(CYCLE) * BATCH * 6
    _run(host, warm, order)
    pages_before, high_before = host.memory_pages(), host.high_water()
    errors_before = host.level_counts.get(4, 0)

    began = time.monotonic()
    _run(host, REQUESTS, order, start=warm)
    seconds = time.monotonic() - began

    pages_after, high_after = host.memory_pages(), host.high_water()
    assert not host.streams, "a stream was left open"
    print(f"\nmemory: {pages_before} -> {pages_after} pages, high water {high_before} -> {high_after} bytes; "
          f"{REQUESTS} requests in {seconds:.1f}s, {host.host_calls} host calls, {host.log_count} log lines")
    assert pages_after == pages_before, f"memory grew from {pages_before} to {pages_after} pages"
    assert high_after == high_before, f"memory written up to {high_before}, then {high_after}: a leak"
    # Every run-time error was reported at error level, not swallowed.
    failing = {"not-int", "overflow", "int64-overflow", "response-error"}
    expected = sum(1 for i in range(REQUESTS) if CYCLE[(warm + i) % len(CYCLE)] in failing)
    assert host.level_counts.get(4, 0) - errors_before == expected
    assert all(text.startswith("mem: runtime error at mem.pwf:") for level, text in host.logs if level == 4)


def test_streams_abandoned_mid_request_free_their_state(wasm: bytes) -> None:
    """Client hangs up: Envoy ends streams after the request phase (no response phase),
    or before any header arrived.  Their per-stream state must be freed too."""
    host = MiniHost(wasm)

    def round_() -> None:
        for index in range(300):
            stream = host.open_stream()
            if index % 3:
                host.request_headers(stream, KINDS[CYCLE[index % len(CYCLE)]][0])
            host.close_stream(stream)

    round_()
    pages, high = host.memory_pages(), host.high_water()
    for _ in range(5):
        round_()
    assert (host.memory_pages(), host.high_water()) == (pages, high)


def test_many_streams_open_at_once_reuse_their_memory(wasm: bytes) -> None:
    """500 streams open together, then all closed, twice: the second wave fits in
    what the first one left free."""
    host = MiniHost(wasm)
    order = random.Random(7)

    def wave() -> None:
        streams = [(CYCLE[i % len(CYCLE)], host.open_stream()) for i in range(500)]
        for kind, stream in streams:
            host.request_headers(stream, KINDS[kind][0])
        order.shuffle(streams)
        for kind, stream in streams:
            host.response_headers(stream, KINDS[kind][1])
            host.close_stream(stream)
            _check(kind, stream)

    wave()
    pages, high = host.memory_pages(), host.high_water()
    wave()
    wave()
    assert (host.memory_pages(), host.high_water()) == (pages, high)


def test_the_high_water_measure_sees_a_leak(wasm: bytes) -> None:
    """Sanity check of the method: streams that are never deleted keep their state,
    and the high-water mark must notice it."""
    host = MiniHost(wasm)
    _run(host, 200, random.Random(1))
    high = host.high_water()
    kept = []
    for index in range(200):
        stream = host.open_stream()
        host.request_headers(stream, KINDS["get"][0])
        kept.append(stream)
    assert host.high_water() > high, "per-stream state of 200 open streams left no trace in memory"
    for stream in kept:
        host.response_headers(stream, KINDS["get"][1])
        host.close_stream(stream)

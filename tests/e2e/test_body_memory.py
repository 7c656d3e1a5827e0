"""Memory stays flat under bodies: 20,000 requests with 100 KB bodies, each
read and rewritten by the filter in both directions, through a real Envoy.
The module's memory is the process's: it only grows (wasm memory never
shrinks), so a leak of even one body per request would add gigabytes."""

from __future__ import annotations

import socket

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Response, read_response

pytestmark = pytest.mark.e2e

FILTER = """\
filter "rewriter"
on request body {
  if request.body.contains("forbidden") {
    respond 400 "no"
  }
  set request.body = request.body.replace("a", "b")
}
on response body {
  set response.body = response.body.replace("c", "d")
}
"""
BODY = 100 * 1024
REQUESTS = 20_000


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _send(sock: socket.socket, body: bytes) -> Response:
    sock.sendall(b"POST / HTTP/1.1\r\nhost: example.com\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
    return read_response(sock, method="POST")


def test_memory_is_flat_over_20000_requests_with_100_kb_bodies(envoy_factory, upstream):
    result = compile_source(FILTER, "rewriter.pwf")
    assert result.ok, result.render()
    answer = b"c" * BODY
    upstream.responder = lambda request: Response(200, [("content-type", "text/plain")], answer)
    envoy = envoy_factory([("rewriter", result.wasm, "")])
    body = b"a" * BODY
    with socket.create_connection(("127.0.0.1", envoy.listener_port("rewriter")), timeout=30) as sock:
        for _ in range(1000):  # warm up: V8 compiles, buffers reach their working size
            assert _send(sock, body).status == 200
        before = _rss_kib(envoy.pid)
        for number in range(REQUESTS):
            reply = _send(sock, body)
            assert reply.status == 200 and reply.body == b"d" * BODY, number
            if number % 1000 == 999:  # the recording upstream keeps what it saw
                assert upstream.requests[-1].body == b"b" * BODY
                upstream.clear()
        after = _rss_kib(envoy.pid)
    print(f"Envoy RSS before {before} KiB, after {REQUESTS} requests {after} KiB")
    assert after - before < 32 * 1024, (before, after)  # KiB: 20,000 leaked bodies would be 2 GB

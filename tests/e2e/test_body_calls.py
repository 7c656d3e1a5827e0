"""`let x = call` in body phases, and in a headers phase whose side has a
body phase, in a real Envoy.  Both orders of the two things a request
waits for are forced: the body ending while the headers' call is out, and
the answer coming back before the client has sent its body.  Many streams
at once, each with its own body and its own slow answer, check that a body
phase goes on after its call over its own body (the VM's body globals are
shared by every stream of the worker)."""

from __future__ import annotations

import random
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Response, Upstream, http_request
from pwc.runtime.http1 import read_response

pytestmark = pytest.mark.e2e

SCREENED = """filter "screened"
on request {
  let auth = call "auth" { path: "/check" }
  if auth.status != 200 {
    respond 403 "denied"
  }
  set request.headers["x-verdict"] = auth.body
}
on request body {
  let scan = call "scanner" { method: "POST", path: "/scan", body: request.body }
  if scan.body == "bad" {
    respond 422 "rejected"
  }
  set request.body = request.body + "|" + scan.body + "|" + string(size(request.body))
}
"""


@pytest.fixture
def services():
    with Upstream() as auth, Upstream() as scanner:
        auth.responder = lambda request: Response(200, [], b"ok")
        scanner.responder = lambda request: Response(200, [], b"scanned-" + request.body[:8])
        yield auth, scanner


def _envoy(envoy_factory, auth, scanner):
    result = compile_source(SCREENED, "screened.pwf")
    assert result.ok, result.render()
    return envoy_factory([("screened", result.wasm, "")], clusters={"auth": auth.port, "scanner": scanner.port})


def test_the_body_ends_while_the_headers_call_is_out(envoy_factory, upstream, services):
    auth, scanner = services
    auth.responder = lambda request: (time.sleep(0.3), Response(200, [], b"late-ok"))[1]
    envoy = _envoy(envoy_factory, auth, scanner)
    reply = http_request(envoy.listener_port("screened"), "POST", "/", [("content-type", "text/plain")], b"payload")
    assert reply.status == 200, reply
    seen = upstream.requests[-1]
    assert seen.body == b"payload|scanned-payload|7"
    assert seen.header("x-verdict") == "late-ok"
    assert seen.header("content-length") == str(len(seen.body))
    assert [r.body for r in scanner.requests] == [b"payload"]


def test_the_answer_comes_before_the_body(envoy_factory, upstream, services):
    auth, scanner = services
    envoy = _envoy(envoy_factory, auth, scanner)
    body = b"sent-after-the-answer"
    with socket.create_connection(("127.0.0.1", envoy.listener_port("screened")), timeout=5) as sock:
        sock.sendall(b"POST /late HTTP/1.1\r\nhost: example.com\r\ncontent-length: %d\r\n\r\n" % len(body))
        auth.wait_for(1)
        time.sleep(0.2)  # the answer is back and the headers phase is over; the body is not in
        assert not upstream.requests and not scanner.requests
        sock.sendall(body[:5])
        time.sleep(0.05)
        sock.sendall(body[5:])
        reply = read_response(sock)
    assert reply.status == 200, reply
    assert upstream.requests[-1].body == body + b"|scanned-sent-aft|" + str(len(body)).encode()
    assert upstream.requests[-1].header("x-verdict") == "ok"


def test_a_reply_after_the_body_phase_call(envoy_factory, upstream, services):
    auth, scanner = services
    scanner.responder = lambda request: Response(200, [], b"bad")
    envoy = _envoy(envoy_factory, auth, scanner)
    reply = http_request(envoy.listener_port("screened"), "POST", "/", [], b"anything")
    assert (reply.status, reply.body) == (422, b"rejected")
    assert not upstream.requests


def test_concurrent_streams_each_go_on_over_their_own_body(envoy_factory, upstream, services):
    auth, scanner = services
    delays = random.Random(7)
    lock = threading.Lock()

    def slow_scan(request):
        with lock:
            delay = delays.uniform(0, 0.2)
        time.sleep(delay)
        return Response(200, [], b"scanned-" + request.body[:8])

    scanner.responder = slow_scan
    envoy = _envoy(envoy_factory, auth, scanner)
    port = envoy.listener_port("screened")
    bodies = [(b"%02d-" % i) + bytes([97 + i % 26]) * (i * 997 % 20000) for i in range(24)]

    def send(body: bytes):
        return http_request(port, "POST", "/", [("x-n", body[:2].decode())], body, timeout=10)

    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(send, bodies))
    assert all(reply.status == 200 for reply in replies), [r.status for r in replies]
    received = {r.header("x-n"): r.body for r in upstream.requests}
    for body in bodies:
        want = body + b"|scanned-" + body[:8] + b"|" + str(len(body)).encode()
        assert received[body[:2].decode()] == want

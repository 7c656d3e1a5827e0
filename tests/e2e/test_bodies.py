"""Body phases in a real Envoy: whole bodies of every size arrive in the
phase, pass on byte for byte when the filter leaves them alone, are
replaced with the right content-length when it does not, and a body past
the limit gets the filter's answer, never a hang.

Digests are Python's hashlib, the reference; the filter's own sha256 of the
body it saw must agree with the bytes the client sent."""

from __future__ import annotations

import hashlib
import json
import random
import socket
import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.compiler.layout import BODY_LIMIT
from pwc.runtime.envoy import Response, read_response

pytestmark = pytest.mark.e2e

WITNESS = """\
filter "witness"
on request body {
  set request.headers["x-seen-sha256"] = hex.encode(sha256(request.body))
}
on response body {
  set response.headers["x-seen-sha256"] = hex.encode(sha256(response.body))
}
"""

SIZES = [0, 1, 1024, 65537, 1_000_000, BODY_LIMIT]


@pytest.fixture(scope="module")
def witness() -> bytes:
    result = compile_source(WITNESS, "witness.pwf")
    assert result.ok, result.render()
    return result.wasm


def _pieces(data: bytes, rng: random.Random) -> list[bytes]:
    """`data` cut at random places into at most 12 pieces."""
    cuts = sorted(rng.sample(range(1, len(data)), min(11, len(data) - 1))) if len(data) > 1 else []
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]


def _send(port: int, head: bytes, pieces: list[bytes], chunked: bool) -> Response:
    """One request whose body goes out in `pieces`, a moment apart, so that
    Envoy reads (and hands the filter) several parts."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(head)
        for piece in pieces:
            time.sleep(0.002)
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
        return read_response(sock, method="POST")


def _post(port: int, body: bytes, *, chunked: bool, rng: random.Random) -> Response:
    framing = b"transfer-encoding: chunked" if chunked else b"content-length: %d" % len(body)
    head = b"POST /upload HTTP/1.1\r\nhost: example.com\r\n" + framing + b"\r\n\r\n"
    return _send(port, head, _pieces(body, rng), chunked)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
@pytest.mark.parametrize("size", SIZES)
def test_every_byte_of_a_request_body_reaches_the_phase_and_the_upstream(envoy_factory, upstream, witness,
                                                                          size, chunked):
    rng = random.Random(size * 2 + chunked)
    body = rng.randbytes(size)
    envoy = envoy_factory([("witness", witness, "")])
    reply = _post(envoy.listener_port("witness"), body, chunked=chunked, rng=rng)
    assert reply.status == 200, reply
    (seen,) = upstream.wait_for(1)
    assert hashlib.sha256(seen.body).hexdigest() == hashlib.sha256(body).hexdigest()
    assert seen.header("x-seen-sha256") == hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize("size", [BODY_LIMIT + 1, 3 * BODY_LIMIT])
def test_a_request_body_past_the_limit_is_refused_and_never_reaches_the_upstream(envoy_factory, upstream,
                                                                                 witness, size):
    envoy = envoy_factory([("witness", witness, "")])
    for chunked in (False, True):
        reply = _post(envoy.listener_port("witness"), b"x" * size, chunked=chunked, rng=random.Random(size))
        assert (reply.status, reply.body) == (413, b"request body too large\n")
    assert upstream.requests == []


@pytest.mark.parametrize("size", [0, 1024, 1_000_000, BODY_LIMIT])
def test_every_byte_of_a_response_body_reaches_the_phase_and_the_client(envoy_factory, upstream, witness, size):
    body = random.Random(size).randbytes(size)
    upstream.responder = lambda request: Response(200, [("content-type", "application/octet-stream")], body)
    envoy = envoy_factory([("witness", witness, "")])
    reply = _post(envoy.listener_port("witness"), b"q", chunked=False, rng=random.Random(0))
    assert reply.status == 200
    assert hashlib.sha256(reply.body).hexdigest() == hashlib.sha256(body).hexdigest()
    assert reply.header("x-seen-sha256") == hashlib.sha256(body).hexdigest()


def test_a_response_body_past_the_limit_is_replaced_by_502(envoy_factory, upstream, witness):
    upstream.responder = lambda request: Response(200, [("content-type", "text/plain")], b"y" * (BODY_LIMIT + 1))
    envoy = envoy_factory([("witness", witness, "")])
    reply = _post(envoy.listener_port("witness"), b"q", chunked=False, rng=random.Random(0))
    assert (reply.status, reply.body) == (502, b"response body too large\n")


JSON_ROUTER = """\
filter "json-router"
on request body {
  if has(request.json.tenant) {
    set request.headers["x-tenant"] = string(request.json["tenant"])
  }
  if !(request.json.amount >= 0) {
    respond 400 "{\\"error\\":\\"amount must be an int from 0\\"}" headers {"content-type": "application/json"}
  }
}
on response body {
  remove response.json["password"]
}
"""


def _document(size: int) -> bytes:
    """A JSON object of about `size` bytes whose routing keys come last."""
    filler = [{"id": n, "note": "x" * 40} for n in range(max(0, size // 64))]
    return json.dumps({"items": filler, "tenant": "acme", "amount": 12}).encode()


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
@pytest.mark.parametrize("size", [0, 1024, 1_000_000])
def test_a_json_field_routes_and_a_field_is_removed_at_every_size(envoy_factory, upstream, size, chunked):
    result = compile_source(JSON_ROUTER, "json-router.pwf")
    assert result.ok, result.render()
    document = _document(size)
    answer = json.dumps({"user": "ann", "password": "secret", "items": [1] * (size // 4)}).encode()
    upstream.responder = lambda request: Response(200, [("content-type", "application/json")], answer)
    envoy = envoy_factory([("json", result.wasm, "")])
    reply = _post(envoy.listener_port("json"), document, chunked=chunked, rng=random.Random(size))
    assert reply.status == 200, reply
    (seen,) = upstream.wait_for(1)
    assert seen.header("x-tenant") == "acme" and seen.body == document
    expected = json.loads(answer)
    del expected["password"]
    assert json.loads(reply.body) == expected and reply.header("content-length") == str(len(reply.body))


@pytest.mark.parametrize("body", [b"", b"not json", b'{"amount": -1}', b'{"amount": "12"}', b'{"a":1,"a":2}',
                                  b"[" * 40 + b"]" * 40])
def test_a_body_that_is_not_the_json_a_rule_wants_gets_its_400_never_a_500(envoy_factory, upstream, body):
    result = compile_source(JSON_ROUTER, "json-router.pwf")
    envoy = envoy_factory([("json", result.wasm, "")])
    reply = _post(envoy.listener_port("json"), body, chunked=False, rng=random.Random(0))
    assert (reply.status, reply.body) == (400, b'{"error":"amount must be an int from 0"}')
    assert upstream.requests == []


def test_a_json_body_over_the_limit_is_refused(envoy_factory, upstream):
    result = compile_source(JSON_ROUTER, "json-router.pwf")
    envoy = envoy_factory([("json", result.wasm, "")])
    reply = _post(envoy.listener_port("json"), _document(BODY_LIMIT + 1000), chunked=True, rng=random.Random(1))
    assert reply.status == 413 and upstream.requests == []

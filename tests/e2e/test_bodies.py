"""Body phases in a real Envoy: whole bodies of every size arrive in the
phase, pass on byte for byte when the filter leaves them alone, are
replaced with the right content-length when it does not, and a body past
the limit gets the filter's answer, never a hang.

Digests are Python's hashlib, the reference; the filter's own sha256 of the
body it saw must agree with the bytes the client sent.

Then the six body filters of issue 15 (a body field routes, a schema check,
an HMAC, a password removed, an HTML snippet, an error body replaced), each
at 0 B, 1 KB and 1 MiB, with a content-length or chunked, past the limit and
(where it reads JSON) not JSON, all in one Envoy for the module."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import socket
import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.compiler.layout import BODY_LIMIT
from pwc.runtime.envoy import Envoy, Listener, Response, read_response

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
framings = pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])


@pytest.fixture(scope="module")
def witness() -> bytes:
    result = compile_source(WITNESS, "witness.pwf")
    assert result.ok, result.render()
    return result.wasm


def _pieces(data: bytes, rng: random.Random, most: int = 12) -> list[bytes]:
    """`data` cut at random places into at most `most` pieces."""
    cuts = sorted(rng.sample(range(1, len(data)), min(most - 1, len(data) - 1))) if len(data) > 1 else []
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


def _post(port: int, body: bytes, *, chunked: bool, rng: random.Random, headers: bytes = b"") -> Response:
    """POST `body` in random pieces; `headers` are more header lines, each ending with CRLF."""
    framing = b"transfer-encoding: chunked" if chunked else b"content-length: %d" % len(body)
    head = b"POST /upload HTTP/1.1\r\nhost: example.com\r\n" + headers + framing + b"\r\n\r\n"
    return _send(port, head, _pieces(body, rng), chunked)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _framed(message, body: bytes, chunked: bool) -> bool:
    """Whether `message` (a request the upstream saw, or a client's response)
    carries `body` with the framing it came with: its content-length, or chunked."""
    framing = ("chunked", None) if chunked else (None, str(len(body)))
    return (message.header("transfer-encoding"), message.header("content-length")) == framing


def _answer(upstream, status: int, content_type: str, body: bytes, chunked: bool, rng: random.Random,
            most: int = 12) -> None:
    """Have the upstream answer `body`, chunked in at most `most` random pieces when `chunked`."""
    headers = [("content-type", content_type)]
    sizes = []
    if chunked:
        headers.append(("transfer-encoding", "chunked"))
        sizes = [len(piece) for piece in _pieces(body, rng, most)] or [1]
    upstream.responder = lambda request: Response(status, headers, body, chunks=sizes)


@framings
@pytest.mark.parametrize("size", SIZES)
def test_every_byte_of_a_request_body_reaches_the_phase_and_the_upstream(envoy_factory, upstream, witness,
                                                                          size, chunked):
    rng = random.Random(size * 2 + chunked)
    body = rng.randbytes(size)
    envoy = envoy_factory([("witness", witness, "")])
    reply = _post(envoy.listener_port("witness"), body, chunked=chunked, rng=rng)
    assert reply.status == 200, reply
    (seen,) = upstream.wait_for(1)
    assert _sha(seen.body) == _sha(body) and _framed(seen, body, chunked)
    assert seen.header("x-seen-sha256") == _sha(body)


@pytest.mark.parametrize("size", [BODY_LIMIT + 1, 3 * BODY_LIMIT])
def test_a_request_body_past_the_limit_is_refused_and_never_reaches_the_upstream(envoy_factory, upstream,
                                                                                 witness, size):
    envoy = envoy_factory([("witness", witness, "")])
    for chunked in (False, True):
        reply = _post(envoy.listener_port("witness"), b"x" * size, chunked=chunked, rng=random.Random(size))
        assert (reply.status, reply.body) == (413, b"request body too large\n")
    assert upstream.requests == []


@framings
@pytest.mark.parametrize("size", [0, 1024, 1_000_000, BODY_LIMIT])
def test_every_byte_of_a_response_body_reaches_the_phase_and_the_client(envoy_factory, upstream, witness,
                                                                          size, chunked):
    rng = random.Random(size * 2 + chunked)
    body = rng.randbytes(size)
    _answer(upstream, 200, "application/octet-stream", body, chunked, rng)
    envoy = envoy_factory([("witness", witness, "")])
    reply = _post(envoy.listener_port("witness"), b"q", chunked=False, rng=random.Random(0))
    assert reply.status == 200
    assert _sha(reply.body) == _sha(body) and _framed(reply, body, chunked)
    assert reply.header("x-seen-sha256") == _sha(body)


def test_bodies_in_hundreds_of_random_chunks_pass_whole(envoy_factory, upstream, witness):
    """Nothing is lost however a body is cut: a request in 300 chunks of
    random sizes, and a response in 40, up to the limit."""
    envoy = envoy_factory([("witness", witness, "")])
    port = envoy.listener_port("witness")
    for size in (4096, 300_000, BODY_LIMIT):
        rng = random.Random(f"many-{size}")
        body, answer = rng.randbytes(size), rng.randbytes(size)
        _answer(upstream, 200, "application/octet-stream", answer, True, rng, most=40)
        head = b"POST /upload HTTP/1.1\r\nhost: example.com\r\ntransfer-encoding: chunked\r\n\r\n"
        reply = _send(port, head, _pieces(body, rng, most=300), chunked=True)
        (seen,) = upstream.wait_for(1)
        assert _sha(seen.body) == seen.header("x-seen-sha256") == _sha(body)
        assert _sha(reply.body) == reply.header("x-seen-sha256") == _sha(answer) and _framed(reply, answer, True)
        upstream.clear()


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


@framings
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


# ---------------------------------------------------------------------------
# The six body filters of issue 15, each on its own listener of one Envoy for
# the module, each at 0 B, 1 KB and the limit (1 MiB), sent with a
# content-length or chunked (in random pieces, seeded), past the limit, and
# (where the filter reads JSON) with bodies that are not JSON.  Expected
# bytes come from Python (json, hmac, bytes.replace), never from pwc.

ROUTER = """\
filter "router"
on request body {
  if has(request.json.tenant) {
    set request.headers["x-tenant"] = string(request.json["tenant"])
  }
}
"""
SCHEMA = """\
filter "schema"
on request body {
  let user = request.json
  if !(user.name >= "") || !(user.age >= 0 && user.age <= 150) || !user.tags.all(t, t >= "") {
    respond 400 "{\\"error\\":\\"invalid user\\",\\"name\\":" + json.encode(user.name) + "}" headers {"content-type": "application/json"}
  }
}
"""
HMAC = """\
filter "hmac"
on request body {
  if hex.encode(hmac_sha256("body-signing-key", request.body)) != request.headers["x-signature"] {
    respond 401 "bad signature"
  }
}
"""
REDACT = """\
filter "redact"
on response body {
  remove response.json["password"]
}
"""
INJECT = """\
filter "inject"
on response body {
  if response.headers["content-type"].startsWith("text/html") {
    set response.body = response.body.replace("</body>", "<script src=\\"/x.js\\"></script></body>")
  }
}
"""
ERRORS = """\
filter "errors"
on response body {
  if response.code >= 500 {
    set response.headers["content-type"] = "application/json"
    set response.body = "{\\"error\\":\\"upstream failed\\",\\"status\\":" + string(response.code) + "}"
  }
}
"""
SIX = {"router": ROUTER, "schema": SCHEMA, "hmac": HMAC, "redact": REDACT, "inject": INJECT, "errors": ERRORS}
SWEEP = [0, 1024, BODY_LIMIT]
SNIPPET = b'<script src="/x.js"></script>'
sweep = pytest.mark.parametrize("size", SWEEP, ids=["0B", "1KB", "1MiB"])


@pytest.fixture(scope="module")
def six(session_upstream, envoy_path):
    listeners = []
    for name, text in SIX.items():
        result = compile_source(text, f"{name}.pwf")
        assert result.ok, result.render()
        listeners.append(Listener(name, wasm=result.wasm))
    with Envoy(listeners, upstream_port=session_upstream.port) as running:
        yield running
        log = running.log_text()
        assert "Uncaught" not in log and "runtime error" not in log, log[-4000:]


def _rng(*seed: object) -> random.Random:
    return random.Random("-".join(map(str, seed)))


def _sized_json(size: int, fields: dict) -> bytes:
    """A JSON object of exactly `size` bytes (indented, so not the canonical
    text): records, then `fields`, after a "pad" string that makes up the size."""

    def text(records: list, pad: str) -> bytes:
        return json.dumps({"items": records, "pad": pad, **fields}, ensure_ascii=False, indent=1).encode()

    record = {"id": 0, "name": "zoë \"q\"", "tags": ["a", "b"]}
    count = max(0, (size - len(text([], ""))) // (len(text([record], "")) - len(text([], "")) + 4))
    records = [{**record, "id": n} for n in range(count)]
    document = text(records, "p" * (size - len(text(records, ""))))
    assert len(document) == size
    return document


def _canonical(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _fetch(six, name: str) -> Response:
    return _post(six.listener_port(name), b"q", chunked=False, rng=random.Random(0))


def _router_document(size: int) -> bytes:
    return _sized_json(size, {"tenant": f"acme-{size}", "amount": 12}) if size else b""


@framings
@sweep
def test_a_request_body_field_routes_the_request(six, upstream, size, chunked):
    body = _router_document(size)
    reply = _post(six.listener_port("router"), body, chunked=chunked, rng=_rng("router", size, chunked))
    assert reply.status == 200, reply
    (seen,) = upstream.wait_for(1)
    assert seen.header("x-tenant") == (f"acme-{size}" if size else None)
    assert _sha(seen.body) == _sha(body) and _framed(seen, body, chunked)


NOT_JSON = {
    "text": b'tenant: "acme"\n' * 70,
    "truncated": _sized_json(1024, {"tenant": "acme"})[:-1],
    "trailing comma": b'{"tenant": "acme",}',
    "two documents": b'{"tenant": "acme"} {"tenant": "other"}',
    "not utf-8": b'{"tenant": "acme\xff"}',
    "binary": random.Random(7).randbytes(BODY_LIMIT),
}


@framings
@pytest.mark.parametrize("kind", NOT_JSON)
def test_a_body_that_is_not_json_routes_nowhere_and_passes_unchanged(six, upstream, kind, chunked):
    body = NOT_JSON[kind]
    reply = _post(six.listener_port("router"), body, chunked=chunked, rng=_rng("not-json", kind, chunked))
    assert reply.status == 200, reply
    (seen,) = upstream.wait_for(1)
    assert seen.header("x-tenant") is None
    assert _sha(seen.body) == _sha(body) and _framed(seen, body, chunked)


def _user(size: int, **fields: object) -> bytes:
    return _sized_json(size, {"name": "ann", "age": 30, "tags": ["x", "y"], **fields})


@framings
@sweep
def test_a_schema_check_passes_a_valid_body_and_answers_400_with_json_otherwise(six, upstream, size, chunked):
    port = six.listener_port("schema")
    if size:
        valid = _user(size)
        reply = _post(port, valid, chunked=chunked, rng=_rng("schema", size, chunked))
        assert reply.status == 200, reply
        (seen,) = upstream.wait_for(1)
        assert _sha(seen.body) == _sha(valid) and _framed(seen, valid, chunked)
        upstream.clear()
    wrong = [_user(size, age=151), _user(size, name=5), _user(size, tags=["x", 1])] if size else [b""]
    for body, name in zip(wrong, ["ann", 5, "ann"]):
        reply = _post(port, body, chunked=chunked, rng=_rng("schema", size, chunked, name))
        assert reply.status == 400 and reply.header("content-type") == "application/json", reply
        assert reply.body == _canonical({"error": "invalid user", "name": name if size else None})
    assert upstream.requests == []


@pytest.mark.parametrize("kind", NOT_JSON)
def test_a_schema_check_answers_400_to_a_body_that_is_not_json(six, upstream, kind):
    reply = _post(six.listener_port("schema"), NOT_JSON[kind], chunked=True, rng=_rng("schema", kind))
    assert (reply.status, reply.body) == (400, b'{"error":"invalid user","name":null}')
    assert upstream.requests == []


def _signed(body: bytes) -> bytes:
    return b"x-signature: %s\r\n" % hmac.new(b"body-signing-key", body, hashlib.sha256).hexdigest().encode()


@framings
@sweep
def test_an_hmac_over_the_body_is_checked_against_its_header(six, upstream, size, chunked):
    rng = _rng("hmac", size, chunked)
    body = rng.randbytes(size)
    port = six.listener_port("hmac")
    reply = _post(port, body, chunked=chunked, rng=rng, headers=_signed(body))
    assert reply.status == 200, reply
    (seen,) = upstream.wait_for(1)
    assert _sha(seen.body) == _sha(body) and _framed(seen, body, chunked)
    upstream.clear()
    if size:  # one byte of the body differs from the one signed
        at = rng.randrange(size)
        tampered = body[:at] + bytes([body[at] ^ 1 << rng.randrange(8)]) + body[at + 1:]
        reply = _post(port, tampered, chunked=chunked, rng=rng, headers=_signed(body))
        assert (reply.status, reply.body) == (401, b"bad signature")
    signature = bytearray(_signed(body))  # one digit of the signature differs
    signature[13] = ord("0") if signature[13] != ord("0") else ord("1")
    reply = _post(port, body, chunked=chunked, rng=rng, headers=bytes(signature))
    assert (reply.status, reply.body) == (401, b"bad signature")
    assert upstream.requests == []


@framings
@pytest.mark.parametrize("name", ["router", "schema", "hmac"])
def test_a_request_body_past_the_limit_gets_413_from_every_request_filter(six, upstream, name, chunked):
    body = _user(BODY_LIMIT + 1) if name != "hmac" else b"z" * (BODY_LIMIT + 1)
    reply = _post(six.listener_port(name), body, chunked=chunked, rng=_rng(name, "past", chunked),
                  headers=_signed(body))
    assert (reply.status, reply.body) == (413, b"request body too large\n")
    assert upstream.requests == []


@framings
@sweep
def test_a_password_field_is_removed_from_a_response(six, upstream, size, chunked):
    answer = _sized_json(size, {"user": "ann", "password": "secret", "roles": ["a"]}) if size else b""
    _answer(upstream, 200, "application/json", answer, chunked, _rng("redact", size, chunked))
    reply = _fetch(six, "redact")
    assert reply.status == 200, reply
    expected = b""
    if size:
        document = json.loads(answer)
        del document["password"]
        expected = _canonical(document)
    assert _sha(reply.body) == _sha(expected) and _framed(reply, expected, chunked)


REDACT_UNCHANGED = {
    **{kind: NOT_JSON[kind] for kind in ("text", "truncated", "not utf-8", "binary")},
    "no password": _sized_json(BODY_LIMIT, {"user": "ann", "nested": {"password": "kept"}}),
}


@framings
@pytest.mark.parametrize("kind", REDACT_UNCHANGED)
def test_a_response_without_a_password_to_remove_arrives_unchanged(six, upstream, kind, chunked):
    answer = REDACT_UNCHANGED[kind]
    _answer(upstream, 200, "application/json", answer, chunked, _rng("redact", kind, chunked))
    reply = _fetch(six, "redact")
    assert reply.status == 200 and _sha(reply.body) == _sha(answer) and _framed(reply, answer, chunked)


def _page(size: int) -> bytes:
    """An HTML page of `size` bytes that ends with </body></html>, filled with UTF-8 text."""
    head, tail = "<html><head><title>é</title></head><body>".encode(), b"</body></html>"
    line = "<p>Grüße, wörld</p>\n".encode()
    fill = (line * (size // len(line) + 1))[:max(0, size - len(head) - len(tail))]
    return head + fill + tail if size else b""


@framings
@sweep
def test_an_html_response_gets_a_snippet_injected(six, upstream, size, chunked):
    page = _page(size)
    _answer(upstream, 200, "text/html; charset=utf-8", page, chunked, _rng("inject", size, chunked))
    reply = _fetch(six, "inject")
    expected = page.replace(b"</body>", SNIPPET + b"</body>")
    assert reply.status == 200 and len(expected) == len(page) + (len(SNIPPET) if size else 0)
    assert _sha(reply.body) == _sha(expected) and _framed(reply, expected, chunked)


@framings
def test_a_response_that_is_not_html_keeps_its_body_tag(six, upstream, chunked):
    answer = _page(BODY_LIMIT)
    _answer(upstream, 200, "text/plain", answer, chunked, _rng("inject", "text", chunked))
    reply = _fetch(six, "inject")
    assert reply.status == 200 and _sha(reply.body) == _sha(answer) and _framed(reply, answer, chunked)


ERROR_JSON = b'{"error":"upstream failed","status":503}'


@framings
@sweep
def test_an_error_body_is_replaced_by_a_json_document(six, upstream, size, chunked):
    rng = _rng("errors", size, chunked)
    _answer(upstream, 503, "text/html", rng.randbytes(size), chunked, rng)
    reply = _fetch(six, "errors")
    assert reply.status == 503 and reply.header("content-type") == "application/json"
    # A response that ended with its headers has no body to replace (docs/language.md, Bodies).
    expected = ERROR_JSON if size or chunked else b""
    assert reply.body == expected and _framed(reply, expected, chunked)


@framings
def test_a_response_that_is_no_error_keeps_its_body(six, upstream, chunked):
    answer = random.Random(5).randbytes(BODY_LIMIT)
    _answer(upstream, 200, "application/octet-stream", answer, chunked, _rng("errors", "ok", chunked))
    reply = _fetch(six, "errors")
    assert reply.status == 200 and reply.header("content-type") == "application/octet-stream"
    assert _sha(reply.body) == _sha(answer) and _framed(reply, answer, chunked)


@framings
@pytest.mark.parametrize("name, content_type, status", [("redact", "application/json", 200),
                                                        ("inject", "text/html", 200), ("errors", "text/plain", 503)])
def test_a_response_body_past_the_limit_gets_502_from_every_response_filter(six, upstream, name, content_type,
                                                                            status, chunked):
    answer = _sized_json(BODY_LIMIT + 1, {"password": "secret"}) if name == "redact" else _page(BODY_LIMIT + 1)
    _answer(upstream, status, content_type, answer, chunked, _rng(name, "past", chunked))
    reply = _fetch(six, name)
    assert (reply.status, reply.body) == (502, b"response body too large\n")

"""Hostile values through every path into a request line, a header name or a
call, in a real Envoy: the raw bytes at the upstream and at the client.

Envoy forwards what a filter writes into `:path`, `:method` and `:authority`
verbatim to an HTTP/1 upstream, and a header write named `content-length`
frames the message.  Each test here sends values from client headers,
configuration and call answers, then checks that the upstream got exactly
one well-formed request per client request (or none, when the filter refused
the value with its 400), that the client got one response per request on a
keep-alive connection, and that no value caused a 503 or a trap.

The expected `:path` is computed with urllib's percent-encoding, not with
pwc's own table, so the module is checked against an independent encoder.
"""

from __future__ import annotations

import re
import socket
import urllib.parse

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, Response, Upstream, encode_request, read_response

pytestmark = pytest.mark.e2e

REFUSED = b"bad request\n"

TARGETS = r'''filter "targets"
config {
  path: string = "/from-config"
  method: string = "GET"
  host: string = "config.example"
}
on request {
  if ("x-p" in request.headers) { set request.path = request.headers["x-p"] }
  if ("x-u" in request.headers) { set request.url_path = request.headers["x-u"] }
  if ("x-m" in request.headers) { set request.method = request.headers["x-m"] }
  if ("x-h" in request.headers) { set request.host = request.headers["x-h"] }
  if ("x-q" in request.headers) { set request.path = "/echo?" + request.query }
  if ("x-len-echo" in request.headers) { set request.headers["x-seen-length"] = request.headers["content-length"] }
  if ("x-config" in request.headers) {
    set request.path = config.path
    set request.method = config.method
    set request.host = config.host
  }
  if ("x-answer" in request.headers) {
    let r = call "svc" { path: "/answer/" + request.headers["x-answer"] }
    set request.headers["x-answer-value"] = r.body
    if (request.headers["x-into"] == "path") { set request.path = r.body }
    if (request.headers["x-into"] == "method") { set request.method = r.body }
    if (request.headers["x-into"] == "host") { set request.host = r.body }
    if (request.headers["x-into"] == "name") { set request.headers[r.body] = "v" }
  }
}
'''

NAMES = r'''filter "names"
config { name: string = "x-config-name" }
on request {
  if ("x-n" in request.headers) { set request.headers[request.headers["x-n"]] = request.headers["x-v"] }
  if ("x-a" in request.headers) { add request.headers[request.headers["x-a"]] = request.headers["x-v"] }
  if ("x-drop" in request.headers) { remove request.headers[request.headers["x-drop"]] }
  if ("x-cfg" in request.headers) { set request.headers[config.name] = "/admin" }
  if ("x-k" in request.headers) {
    respond 200 "local" headers {request.headers["x-k"]: request.headers["x-v"]}
  }
  if ("x-status" in request.headers) {
    respond int(request.headers["x-status"]) "preflight ok" headers {"x-reply": "1"}
  }
}
on response {
  if ("x-rn" in request.headers) { set response.headers[request.headers["x-rn"]] = request.headers["x-rv"] }
}
'''

CALLS = r'''filter "calls"
on request {
  if ("x-cp" in request.headers) {
    let r = call "svc" {
      method: request.headers["x-cm"]
      path: request.headers["x-cp"]
      authority: request.headers["x-ca"]
      headers: {request.headers["x-ck"]: "1"}
    }
    set request.headers["x-call-status"] = string(r.status)
  }
}
'''

# What the call service answers to /answer/N: values no header could carry.
ANSWERS = [
    b"/x HTTP/1.1\r\nhost: evil\r\n\r\nGET /smuggled",
    b"/a b\tc\x00d",
    b"/caf\xc3\xa9/\xff?q=1#frag",
    b"GET /evil HTTP/1.1",
    b"evil.com@user",
    b"content-length",
    b"x ok",
    b"/../admin",
]

# RFC 9110 token, and a request line as an HTTP/1.1 upstream must see it.
TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
REQUEST_LINE = re.compile(rf"^{TOKEN} /[\x21-\x7e]* HTTP/1\.1$".encode())


def encoded_path(value: bytes) -> str:
    """`value` as the module must write it into `:path`, by urllib's encoder."""
    return urllib.parse.quote(value, safe="-._~!$&'()*+,;=:@/?%")


def call_service(request):
    if request.path.startswith("/answer/"):
        return Response(200, [("content-type", "text/plain")], ANSWERS[int(request.path.rsplit("/", 1)[1])])
    return Response(200, [("content-type", "text/plain")], b"called")


@pytest.fixture(scope="module")
def svc():
    with Upstream(call_service) as server:
        yield server


@pytest.fixture(scope="module")
def envoy(envoy_path, session_upstream, svc):
    listeners = []
    for name, source, config in (("targets", TARGETS, ""), ("names", NAMES, ""), ("calls", CALLS, ""),
                                 ("pseudo-name", NAMES, '{"name": ":path"}'),
                                 ("bad-config", TARGETS, '{"path": "/a b\\r\\nx: y", "method": "G T",'
                                                         ' "host": "evil.com/x"}')):
        result = compile_source(source, f"{name}.pwf")
        assert result.ok, result.render()
        listeners.append(Listener(name, wasm=result.wasm, config=config, filter_name=source.split('"')[1],
                                  vm_id=name))
    proxy = Envoy(listeners, upstream_port=session_upstream.port, clusters={"svc": svc.port})
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
        print(f"--- envoy log (test_hostile_values) ---\n{proxy.log_text()[-6000:]}")


def exchange(envoy, listener, requests):
    """Send `requests` [(method, path, headers[, body])] one after another on one
    keep-alive connection; returns the responses, one per request.  After a
    response that says `connection: close` (Envoy says it with a 400 local
    reply) the server must close, and the next request gets a new connection."""
    responses = []
    sock = None
    try:
        for method, path, headers, *body in requests:
            sock = sock or socket.create_connection(("127.0.0.1", envoy.listener_port(listener)), timeout=10)
            sock.sendall(encode_request(method, path, headers, body[0] if body else b""))
            responses.append(read_response(sock, method=method))
            if "close" in (responses[-1].header("connection") or ""):
                sock.settimeout(5)
                assert sock.recv(1) == b"", "bytes after a response that closes the connection"
                sock.close()
                sock = None
    finally:
        if sock is not None:
            sock.close()
    return responses


def send(envoy, upstream, listener, headers, *, method="GET", path="/start", body=b""):
    """One request, then a plain one on the same connection: the second proves the
    first response was framed right.  Returns (response, requests the upstream got)."""
    upstream.clear()
    first, second = exchange(envoy, listener, [(method, path, headers, body), ("GET", "/after", [])])
    assert second.status == 200, (second.status, second.body)
    got = list(upstream.requests)  # recorded before the upstream answered, so complete now
    assert [r.path for r in got][-1] == "/after", [r.line for r in got]
    for request in got:
        assert REQUEST_LINE.match(request.line), request.line
    assert first.status != 503, first.body
    return first, got[:-1]


# ------------------------------------------------------------ :path, :method, :authority


PATHS = [b"/x HTTP/1.0", b"/a b", b"/a\tb", b"/q?x=1#frag", b"/../admin", b"/caf\xe9", b"/%41%zz",
         b"/" + b"a" * 30_000]


@pytest.mark.parametrize("value", PATHS, ids=range(len(PATHS)))
def test_a_client_path_is_one_request_target(envoy, upstream, value):
    for header in ("x-p", "x-u"):
        reply, got = send(envoy, upstream, "targets", [(header, value)])
        assert reply.status == 200, reply.body
        assert [r.path for r in got] == [encoded_path(value)]


@pytest.mark.parametrize("value", [b"x", b"http://evil.com/x", b"*", b"?a"])
def test_a_path_without_a_leading_slash_is_refused(envoy, upstream, value):
    reply, got = send(envoy, upstream, "targets", [("x-p", value)])
    assert (reply.status, reply.body, got) == (400, REFUSED, [])
    assert "targets: runtime error at targets.pwf:8: refused: the path" in envoy.wait_for_log("refused: the path")


@pytest.mark.parametrize("query", ["a=1&b=%22x%22", "c=/../y&d=", "e=%0D%0Ahost:%20evil", "f='x'~*"])
def test_a_client_query_is_one_request_target(envoy, upstream, query):
    reply, got = send(envoy, upstream, "targets", [("x-q", "1")], path=f"/s?{query}")
    assert [r.path for r in got] == [encoded_path(f"/echo?{query}".encode())]


def test_framing_headers_are_readable(envoy, upstream):
    reply, got = send(envoy, upstream, "targets", [("x-len-echo", "1")], method="POST", body=b"hello")
    assert [(r.header("x-seen-length"), r.header("content-length"), r.body) for r in got] == [("5", "5", b"hello")]


def test_a_64_kib_value_is_refused_by_envoy_before_the_filter(envoy, upstream):
    """Envoy's default header limit is 60 KiB: it answers 431 itself, and the VM lives on."""
    upstream.clear()
    reply = exchange(envoy, "targets", [("GET", "/", [("x-p", b"/" + b"a" * 65536)])])[0]
    assert reply.status == 431 and upstream.requests == []
    reply, got = send(envoy, upstream, "targets", [("x-p", "/fine")])
    assert [r.path for r in got] == ["/fine"]


def test_a_url_path_keeps_the_query(envoy, upstream):
    reply, got = send(envoy, upstream, "targets", [("x-u", "/new path")], path="/old?a=1")
    assert [r.path for r in got] == ["/new%20path?a=1"]


@pytest.mark.parametrize("value", [b"G T", b"GET /evil HTTP/1.1", b"GE\tT", b"P\xe9", b"GET:"])
def test_a_method_that_is_not_a_token_is_refused(envoy, upstream, value):
    reply, got = send(envoy, upstream, "targets", [("x-m", value)])
    assert (reply.status, reply.body, got) == (400, REFUSED, [])


def test_a_token_method_goes_upstream(envoy, upstream):
    reply, got = send(envoy, upstream, "targets", [("x-m", "PATCH")])
    assert [r.method for r in got] == ["PATCH"]


@pytest.mark.parametrize("value", [b"a b", b"user@evil.com", b"evil.com/x", b"h\te", b"x" * 600, b"caf\xe9"])
def test_a_host_that_is_not_host_port_is_refused(envoy, upstream, value):
    reply, got = send(envoy, upstream, "targets", [("x-h", value)])
    assert (reply.status, reply.body, got) == (400, REFUSED, [])


@pytest.mark.parametrize("value", ["example.com:8080", "[::1]:80", "a-b.example"])
def test_a_host_port_goes_upstream(envoy, upstream, value):
    reply, got = send(envoy, upstream, "targets", [("x-h", value)])
    assert [r.header("host") for r in got] == [value]


def test_configuration_values_are_checked_like_client_values(envoy, upstream):
    reply, got = send(envoy, upstream, "targets", [("x-config", "1")])
    assert [(r.method, r.path, r.header("host")) for r in got] == [("GET", "/from-config", "config.example")]
    reply, got = send(envoy, upstream, "bad-config", [("x-config", "1")])
    assert (reply.status, got) == (400, [])


@pytest.mark.parametrize("index", range(len(ANSWERS)))
def test_call_answers_reach_the_request_line_encoded_or_refused(envoy, upstream, index):
    value = ANSWERS[index]
    reply, got = send(envoy, upstream, "targets", [("x-answer", str(index)), ("x-into", "path")])
    if value.startswith(b"/"):
        assert [r.path for r in got] == [encoded_path(value)]
    else:
        assert (reply.status, got) == (400, [])
    for into in ("method", "host", "name"):
        reply, got = send(envoy, upstream, "targets", [("x-answer", str(index)), ("x-into", into)])
        assert reply.status in (200, 400)
        if reply.status == 200:
            assert got and "/smuggled" not in got[0].line.decode("latin-1")


# ------------------------------------------------------------ header names computed at run time


FRAMING = ["content-length", "Content-Length", "transfer-encoding", "connection", "upgrade", "te", "host",
           "keep-alive", "proxy-connection"]
NOT_TOKENS = [":path", ":authority", ":method", ":status", "x-evil: 1", "a b", "a\tb", "caf\xe9", "x:y"]


@pytest.mark.parametrize("name", FRAMING + NOT_TOKENS)
def test_a_computed_request_header_name_cannot_frame_or_name_a_pseudo_header(envoy, upstream, name):
    smuggled = b"AAAAAGET /smuggled HTTP/1.1\r\nhost: upstream\r\n\r\n"
    for op in ("x-n", "x-a"):
        reply, got = send(envoy, upstream, "names", [(op, name), ("x-v", "5")], method="POST", body=smuggled)
        assert (reply.status, reply.body, got) == (400, REFUSED, [])
    assert not any("smuggled" in r.line.decode("latin-1") for r in upstream.requests)


@pytest.mark.parametrize("name", [":authority", ":method", ":path", "content-length", "x y"])
def test_a_computed_name_cannot_remove_a_pseudo_or_framing_header(envoy, upstream, name):
    reply, got = send(envoy, upstream, "names", [("x-drop", name)], method="POST", body=b"hello")
    assert (reply.status, got) == (400, [])


def test_a_token_name_is_written_and_removed(envoy, upstream):
    reply, got = send(envoy, upstream, "names", [("x-n", "X-Chosen"), ("x-v", "v1")])
    assert [r.header("x-chosen") for r in got] == ["v1"]
    reply, got = send(envoy, upstream, "names", [("x-drop", "x-secret"), ("x-secret", "s")])
    assert [r.header("x-secret") for r in got] == [None]


def test_a_configured_pseudo_header_name_is_refused(envoy, upstream):
    reply, got = send(envoy, upstream, "pseudo-name", [("x-cfg", "1")])
    assert (reply.status, got) == (400, [])
    reply, got = send(envoy, upstream, "names", [("x-cfg", "1")])
    assert [(r.path, r.header("x-config-name")) for r in got] == [("/start", "/admin")]


@pytest.mark.parametrize("name", FRAMING + [":status", "x y"])
def test_a_computed_response_header_name_cannot_split_the_response(envoy, upstream, name):
    reply, got = send(envoy, upstream, "names", [("x-rn", name), ("x-rv", "0" if name != ":status" else "101")])
    assert (reply.status, reply.body) == (400, REFUSED)
    assert len(got) == 1  # the request went upstream; its answer was replaced


def test_a_computed_response_header_name_is_written(envoy, upstream):
    reply, got = send(envoy, upstream, "names", [("x-rn", "x-chosen"), ("x-rv", "yes")])
    assert (reply.status, reply.header("x-chosen")) == (200, "yes")


@pytest.mark.parametrize("name", ["content-length", "transfer-encoding", ":status", "x y"])
def test_a_local_reply_header_map_is_checked(envoy, upstream, name):
    reply, got = send(envoy, upstream, "names", [("x-k", name), ("x-v", "0")])
    assert (reply.status, reply.body, got) == (400, REFUSED, [])
    reply, got = send(envoy, upstream, "names", [("x-k", "set-cookie"), ("x-v", "a=1")])
    assert (reply.status, reply.body, reply.header("set-cookie")) == (200, b"local", "a=1")


@pytest.mark.parametrize("status", [204, 304])
def test_a_status_without_a_body_is_sent_without_one(envoy, upstream, status):
    upstream.clear()
    first, second = exchange(envoy, "names", [("GET", "/", [("x-status", str(status))]), ("GET", "/after", [])])
    assert (first.status, first.header("x-reply"), first.header("content-length")) in (
        (status, "1", None), (status, "1", "0"))
    assert (second.status, second.body) == (200, b"upstream ok\n")


# ------------------------------------------------------------ call targets


def test_call_fields_from_the_client_are_checked(envoy, upstream, svc):
    good = [("x-cm", "POST"), ("x-cp", "/a b"), ("x-ca", "svc.local:81"), ("x-ck", "x-key")]
    svc.clear()
    reply, got = send(envoy, upstream, "calls", good)
    assert [r.header("x-call-status") for r in got] == ["200"]
    called = svc.wait_for(1)
    assert [(r.method, r.path, r.header("host"), r.header("x-key")) for r in called] == [
        ("POST", "/a%20b", "svc.local:81", "1")]
    for field, bad in (("x-cm", ""), ("x-cm", "G T"), ("x-cp", "abc"), ("x-cp", "http://evil.com/x"),
                       ("x-ca", "a b"), ("x-ca", "user@evil"), ("x-ca", "x" * 50_000), ("x-ck", "content-length"),
                       ("x-ck", ":path")):
        svc.clear()
        headers = [(k, bad if k == field else v) for k, v in good]
        reply, got = send(envoy, upstream, "calls", headers)
        assert (field, reply.status, got, svc.requests) == (field, 400, [], [])


def test_no_trap_and_still_serving(envoy, upstream):
    log = envoy.log_text()
    assert "wasm trap" not in log.lower() and "unreachable" not in log.lower()
    for listener in ("targets", "names", "calls"):
        upstream.clear()
        reply = exchange(envoy, listener, [("GET", "/plain", [])])[0]
        assert reply.status == 200, (listener, reply.status, reply.body)

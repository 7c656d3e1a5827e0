"""`on done` in a real Envoy: one call per request to a local collector, with
what the request and the response were, for requests the upstream
answered, for the filter's own local replies, and for clients that hung up
before any answer.  The call is sent as the root context's, so it does not
depend on the stream's context, which Envoy deletes right after on_log."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Response, Upstream, http_request, read_response

pytestmark = pytest.mark.e2e

AUDIT = """filter "audit"

on request {
  let user = request.headers["x-user"]
  if request.path == "/deny" {
    respond 403 "denied"
  }
}

on done {
  call "collector" {
    method: "POST"
    path: "/log"
    body: "{\\"path\\":\\"" + request.url_path + "\\",\\"status\\":" + string(response.code) + ",\\"user\\":\\"" + user + "\\"}"
    headers: {"content-type": "application/json"}
    timeout: 2s
  }
}
"""


def _records(collector: Upstream, count: int, timeout: float = 5.0) -> list[dict]:
    began = time.monotonic()
    while len(collector.requests) < count and time.monotonic() - began < timeout:
        time.sleep(0.02)
    time.sleep(0.2)  # a second call for one request would show up by now
    return [json.loads(request.body) for request in collector.requests]


@pytest.fixture
def audited(envoy_factory, upstream):
    with Upstream() as collector:
        collector.responder = lambda request: Response(204, [], b"")
        result = compile_source(AUDIT, "audit.pwf")
        assert result.ok, result.render()
        envoy = envoy_factory([("audit", result.wasm, "")], clusters={"collector": collector.port})
        yield envoy, collector, upstream


def test_one_call_per_request_answered_by_the_upstream_or_by_the_filter(audited):
    envoy, collector, _ = audited
    port = envoy.listener_port("audit")
    assert http_request(port, "GET", "/a", [("x-user", "ann")]).status == 200
    assert http_request(port, "GET", "/deny", [("x-user", "bob")]).status == 403
    for n in range(20):
        assert http_request(port, "GET", f"/n{n}", [("x-user", "cid")]).status == 200
    records = _records(collector, 22)
    assert records[:2] == [{"path": "/a", "status": 200, "user": "ann"}, {"path": "/deny", "status": 403, "user": "bob"}]
    assert sorted(r["path"] for r in records[2:]) == sorted(f"/n{n}" for n in range(20))
    assert len(records) == 22
    assert all(request.method == "POST" and request.path == "/log" for request in collector.requests)


def test_a_client_that_hangs_up_before_the_answer_is_logged_too(audited):
    envoy, collector, upstream = audited
    answered = threading.Event()

    def slow(request):
        answered.wait(3)
        return Response(200, [], b"late")

    upstream.responder = slow
    with socket.create_connection(("127.0.0.1", envoy.listener_port("audit")), timeout=5) as sock:
        sock.sendall(b"GET /gone HTTP/1.1\r\nhost: x\r\nx-user: dee\r\n\r\n")
        time.sleep(0.3)  # the request is upstream by now
    answered.set()
    records = _records(collector, 1)
    assert records == [{"path": "/gone", "status": 0, "user": "dee"}]


def test_an_unknown_collector_costs_the_request_nothing(envoy_factory, upstream):
    source = AUDIT.replace('call "collector"', 'call "nowhere"')
    result = compile_source(source, "audit.pwf")
    assert result.ok, result.render()
    envoy = envoy_factory([("audit", result.wasm, "")])
    port = envoy.listener_port("audit")
    assert [http_request(port, "GET", f"/{n}", []).status for n in range(5)] == [200] * 5
    assert "Uncaught" not in envoy.log_text()

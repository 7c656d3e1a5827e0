"""`let x = call` in `on response`, in a real Envoy: the response waits for
the answer (its headers held, then resumed with proxy_continue_stream on
the response), the rest of the phase writes the response with it, or
replaces the response when the service fails; names of the request phase
and of the response phase before the call stay readable after it."""

from __future__ import annotations

import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import ClosedPort, Response, Upstream, http_request

pytestmark = pytest.mark.e2e

ENRICH = """filter "enrich"
on request {
  let user = request.headers["x-user"]
}
on response {
  let before = "kept"
  if response.code == 200 {
    let profile = call "profiles" { path: "/profile/" + user, timeout: 500ms }
    if profile.failed {
      respond 502 "profile service down"
    }
    set response.headers["x-plan"] = profile.headers["x-plan"]
    set response.headers["x-before"] = before + " " + string(profile.status) + " " + user
  }
}
"""


def _envoy(envoy_factory, port: int):
    result = compile_source(ENRICH, "enrich.pwf")
    assert result.ok, result.render()
    return envoy_factory([("enrich", result.wasm, "")], clusters={"profiles": port})


def test_a_response_waits_for_a_call_and_carries_its_answer(envoy_factory, upstream):
    with Upstream() as profiles:
        profiles.responder = lambda request: (time.sleep(0.1), Response(200, [("x-plan", "gold")], b""))[1]
        envoy = _envoy(envoy_factory, profiles.port)
        upstream.responder = lambda request: Response(200, [("content-type", "text/plain")], b"the body")
        reply = http_request(envoy.listener_port("enrich"), "GET", "/", [("x-user", "ann")])
        assert reply.status == 200 and reply.body == b"the body"
        assert reply.header("x-plan") == "gold" and reply.header("x-before") == "kept 200 ann"
        assert [request.path for request in profiles.requests] == ["/profile/ann"]
        upstream.responder = lambda request: Response(404, [], b"missing")
        reply = http_request(envoy.listener_port("enrich"), "GET", "/", [("x-user", "bob")])
        assert reply.status == 404 and reply.header("x-plan") is None  # no call for a 404
        assert len(profiles.requests) == 1


def test_a_failed_call_replaces_the_response(envoy_factory, upstream):
    closed = ClosedPort()
    try:
        envoy = _envoy(envoy_factory, closed.port)
        reply = http_request(envoy.listener_port("enrich"), "GET", "/", [("x-user", "ann")])
        assert reply.status == 502 and reply.body == b"profile service down"
        assert "Uncaught" not in envoy.log_text()
    finally:
        closed.close()

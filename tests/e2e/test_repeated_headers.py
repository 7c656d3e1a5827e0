"""`rewrite` of a header sent several times works copy by copy, in a real
Envoy: every copy it does not change stays as it was, none is joined with
another, none is lost (set-cookie above all: its copies cannot be joined)."""

from __future__ import annotations

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, Response, http_request

pytestmark = pytest.mark.e2e

SOURCE = r'''filter "copies"
on request {
  rewrite request.headers["x-multi"] "^a" to "A"
  rewrite request.headers["x-absent"] "^" to "added"
}
on response {
  rewrite response.headers["set-cookie"] "^sid=" to "SID="
  rewrite response.headers["x-r"] "^a" to "A"
}
'''

COOKIES = ["sid=1; Path=/", "sid=2; Path=/x", "theme=dark"]


def answer(request):
    return Response(200, [("set-cookie", c) for c in COOKIES] + [("x-r", "a1"), ("x-r", "b2"), ("x-r", "a3")],
                 b"ok")


def rewritten(values, pattern_prefix, replacement):
    """The model: each copy on its own, Python's str operations."""
    return [replacement + v[len(pattern_prefix):] if v.startswith(pattern_prefix) else v for v in values]


@pytest.fixture(scope="module")
def envoy(envoy_path, session_upstream):
    result = compile_source(SOURCE, "copies.pwf")
    assert result.ok, result.render()
    with Envoy([Listener("copies", wasm=result.wasm)], upstream_port=session_upstream.port) as running:
        yield running


def test_request_copies_are_rewritten_one_by_one(envoy, upstream):
    sent = ["abc", "b", "axe", ""]
    http_request(envoy.listener_port("copies"), "GET", "/", [("x-multi", v) for v in sent])
    got = upstream.wait_for(1)[0]
    assert got.header_values("x-multi") == rewritten(sent, "a", "A")
    assert got.header("x-absent") is None


def test_response_copies_are_rewritten_one_by_one(envoy, upstream):
    upstream.responder = answer
    reply = http_request(envoy.listener_port("copies"), "GET", "/", [])
    assert reply.header_values("set-cookie") == rewritten(COOKIES, "sid=", "SID=")
    assert reply.header_values("x-r") == ["A1", "b2", "A3"]


def test_copies_that_do_not_match_stay_untouched(envoy, upstream):
    upstream.responder = lambda request: Response(200, [("set-cookie", "a=1"), ("set-cookie", "b=2")], b"ok")
    reply = http_request(envoy.listener_port("copies"), "GET", "/", [])
    assert reply.header_values("set-cookie") == ["a=1", "b=2"]

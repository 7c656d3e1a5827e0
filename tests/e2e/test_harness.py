"""The Envoy harness itself: a hand-written module is loaded, runs, and is observed."""

from __future__ import annotations

import os
import socket
import time

import pytest

from pwc.compiler.assemble import assemble
from pwc.runtime.envoy import Envoy, EnvoyStartError, Listener, Upstream, http_request, send_and_hang_up

pytestmark = pytest.mark.e2e

# Adds `x-pwc-req: 1` to requests and `x-pwc-resp: 1` to responses.
# Strings: 1024 "x-pwc-req" (9), 1040 "x-pwc-resp" (10), 1056 "1" (1).
HEADER_MODULE = """
(module
  (import "env" "proxy_add_header_map_value"
    (func $add_header (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "x-pwc-req")
  (data (i32.const 1040) "x-pwc-resp")
  (data (i32.const 1056) "1")
  (global $heap (mut i32) (i32.const 4096))
  (func (export "proxy_abi_version_0_2_1"))
  ;; Envoy copies nothing into this module here, so a bump pointer is enough.
  (func (export "malloc") (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $at))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const CONFIGURE_RESULT))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (drop (call $add_header (i32.const 0) (i32.const 1024) (i32.const 9) (i32.const 1056) (i32.const 1)))
    (i32.const 0))
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
    (drop (call $add_header (i32.const 2) (i32.const 1040) (i32.const 10) (i32.const 1056) (i32.const 1)))
    (i32.const 0))
)
"""


@pytest.fixture(scope="module")
def header_module() -> bytes:
    return assemble(HEADER_MODULE.replace("CONFIGURE_RESULT", "1"))


@pytest.fixture
def envoy(envoy_factory, header_module):
    return envoy_factory([("filtered", header_module, "{}"), ("plain", None, "")])


def test_filter_adds_request_header_seen_by_upstream(envoy, upstream):
    reply = http_request(envoy.listener_port("filtered"), "GET", "/hello", [("x-client", "a")])
    assert reply.status == 200
    assert reply.body == b"upstream ok\n"
    (seen,) = upstream.wait_for(1)
    assert seen.path == "/hello"
    assert seen.header_values("x-pwc-req") == ["1"]
    assert seen.header("x-client") == "a"


def test_filter_adds_response_header_seen_by_client(envoy, upstream):
    reply = http_request(envoy.listener_port("filtered"), "GET", "/", [])
    assert reply.header_values("x-pwc-resp") == ["1"]


def test_listener_without_filter_passes_through_untouched(envoy, upstream):
    reply = http_request(envoy.listener_port("plain"), "POST", "/p?q=1", [("x-client", "b")], b"payload")
    assert reply.status == 200
    assert reply.header("x-pwc-resp") is None
    (seen,) = upstream.wait_for(1)
    assert (seen.method, seen.path, seen.body) == ("POST", "/p?q=1", b"payload")
    assert seen.header("x-pwc-req") is None
    assert seen.header("x-client") == "b"


def test_repeated_request_headers_reach_upstream_as_repeated_lines(envoy, upstream):
    headers = [("x-rep", "one"), ("x-other", "o"), ("X-Rep", "two")]
    assert http_request(envoy.listener_port("filtered"), "GET", "/", headers).status == 200
    (seen,) = upstream.wait_for(1)
    assert seen.header_values("x-rep") == ["one", "two"]


def test_module_whose_configure_fails_stops_envoy_from_starting(envoy_factory):
    failing = assemble(HEADER_MODULE.replace("CONFIGURE_RESULT", "0"))
    with pytest.raises(EnvoyStartError) as error:
        envoy_factory([("broken", failing, "{}")])
    assert "exited" in str(error.value)
    assert "Failed to configure base Wasm plugin" in str(error.value)


def test_upstream_responder_and_large_latin1_values(envoy, upstream):
    upstream.responder = lambda request: (201, [("x-up", request.path)], b"made", 0)
    big = "v" * 16384
    reply = http_request(envoy.listener_port("plain"), "PUT", "/r", [("x-big", big), (b"x-raw", b"caf\xe9")], b"b")
    assert (reply.status, reply.header("x-up"), reply.body) == (201, "/r", b"made")
    (seen,) = upstream.wait_for(1)
    assert seen.header("x-big") == big
    assert seen.header("x-raw").encode("latin-1") == b"caf\xe9"


def test_upstream_reads_chunked_bodies_and_keeps_connections_alive(envoy, upstream):
    port = envoy.listener_port("plain")
    chunked = [("transfer-encoding", "chunked")]
    for _ in range(3):  # Envoy reuses its upstream connection for these
        assert http_request(port, "POST", "/c", chunked, b"5\r\nhello\r\n3\r\n!!!\r\n0\r\n\r\n").status == 200
    assert [seen.body for seen in upstream.wait_for(3)] == [b"hello!!!"] * 3
    stats = envoy.stats()
    assert stats["cluster.upstream.upstream_rq_total"] == 3
    assert stats["cluster.upstream.upstream_cx_total"] == 1


def test_slow_upstream_hits_the_route_timeout(envoy_factory, upstream):
    envoy = envoy_factory([Listener("quick", route_timeout=0.3)])
    upstream.responder = lambda request: (200, [], b"late", 2.0)
    reply = http_request(envoy.listener_port("quick"), "GET", "/", [])
    assert reply.status == 504
    assert reply.body == b"upstream request timeout"


def test_stop_reaps_envoy_and_keeps_its_log(envoy_path):
    with Upstream() as server:
        envoy = Envoy([Listener("l")], upstream_port=server.port).start()
        pid = envoy.pid
        assert envoy.running and envoy.startup_seconds < 10
        envoy.stop()
    assert not envoy.running and envoy.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert "starting main dispatch loop" in envoy.log_text()


def test_client_hanging_up_mid_request_leaves_envoy_serving(envoy, upstream):
    port = envoy.listener_port("plain")
    send_and_hang_up(port, b"POST /half HTTP/1.1\r\nhost: a\r\ncontent-length: 100\r\n\r\npartial", linger=0.1)
    send_and_hang_up(port, b"GET /cut HTTP/1.1\r\nho", reset=True)
    assert http_request(port, "GET", "/ok", []).status == 200
    paths = [seen.path for seen in upstream.wait_for(1)]
    assert "/ok" in paths and "/cut" not in paths
    # The half-sent body never completed, so the upstream recorded no /half request.
    assert "/half" not in paths


def test_upstream_close_does_not_wait_for_slow_replies_or_idle_connections(envoy_path):
    server = Upstream(lambda request: (200, [], b"late", 30.0)).start()
    slow = socket.create_connection(("127.0.0.1", server.port))
    idle = socket.create_connection(("127.0.0.1", server.port))
    slow.sendall(b"GET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
    server.wait_for(1)
    began = time.monotonic()
    server.close()
    assert time.monotonic() - began < 2
    assert slow.recv(100) == b""  # closed without an answer
    slow.close()
    idle.close()


def test_native_route_options_for_differential_tests(envoy_factory, upstream):
    native = Listener(
        "native",
        route_action={"regex_rewrite": {"pattern": {"regex": "banana/([0-9]*)"}, "substitution": "status/\\1"}},
        route_options={"request_headers_to_add": [{"header": {"key": "x-native", "value": "1"}}]})
    envoy = envoy_factory([native], clusters={"auth": upstream.port})
    assert http_request(envoy.listener_port("native"), "GET", "/banana/42?q=1", []).status == 200
    (seen,) = upstream.wait_for(1)
    assert (seen.path, seen.header("x-native")) == ("/status/42?q=1", "1")
    assert envoy.stats()["cluster.auth.membership_total"] == 1

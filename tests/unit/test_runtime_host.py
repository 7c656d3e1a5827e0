"""The Python proxy-wasm host: each import's results (Envoy's statuses), the
lifecycle order, http calls and effective contexts, traps, fuel, loading.

Most tests drive hand-written modules in tests/modules/.  Per-function tests use
a probe module generated from the ABI table: it re-exports every import as
`call_<name>`, so a test can call a host function with any arguments while the
host is in a chosen state.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from pwc.abi import HOST_FUNCTIONS, Action, BufferType, LogLevel, MapType, MetricType, Status, StreamType, import_line
from pwc.compiler.assemble import assemble
from pwc.runtime.headers import REQUEST_INLINE, HeaderMap, PairsFormatError, decode_pairs, encode_pairs
from pwc.runtime.host import (
    ConfigurationRejected,
    Host,
    LoadError,
    StartError,
    envoy_request_headers,
)
from pwc.runtime.model import CONNECT_FAILURE_BODY, RESET_BODY, TIMEOUT_BODY, CallFailure, Response
from pwc.runtime.properties import Environment

MODULES = Path(__file__).resolve().parent.parent / "modules"


def module(name: str) -> bytes:
    return assemble((MODULES / f"{name}.wat").read_text(), debug_names=True)


GATE = module("gate")
LIFECYCLE = module("lifecycle")

# ---- the probe module ------------------------------------------------------------------


def _probe_wat() -> str:
    lines = ["(module"]
    lines += [f"  {import_line(name)}" for name in HOST_FUNCTIONS]
    lines += [
        '  (memory (export "memory") 2)',
        "  (global $heap (mut i32) (i32.const 65536))",
        "  (global $fail (mut i32) (i32.const 0))",
        "  (global $action (mut i32) (i32.const 0))",
        '  (func (export "proxy_abi_version_0_2_1"))',
        '  (func (export "fail_malloc") (param i32) (global.set $fail (local.get 0)))',
        '  (func (export "set_action") (param i32) (global.set $action (local.get 0)))',
        '  (func (export "malloc") (param $n i32) (result i32) (local $p i32)',
        "    (if (global.get $fail) (then (return (i32.const 0))))",
        "    (local.set $p (global.get $heap))",
        "    (global.set $heap (i32.add (global.get $heap) (local.get $n)))",
        "    (local.get $p))",
        '  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (global.get $action))',
        '  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (global.get $action))',
    ]
    for name, (params, results) in HOST_FUNCTIONS.items():
        sig = "".join(f" (param {p})" for p in params) + "".join(f" (result {r})" for r in results)
        gets = " ".join(f"(local.get {i})" for i in range(len(params)))
        lines.append(f'  (func (export "call_{name}"){sig} (call ${name} {gets}))')
    lines.append(")")
    return "\n".join(lines)


PROBE = assemble(_probe_wat())
SCRATCH = 1024  # the probe's out slots live at 0..1023
OUT_PTR, OUT_LEN = 0, 4


class Probe:
    def __init__(self, **kwargs) -> None:
        self.host = Host(PROBE, **kwargs)
        self.vm = self.host.vm
        self.cursor = SCRATCH

    def put(self, data: str | bytes) -> tuple[int, int]:
        data = data.encode() if isinstance(data, str) else data
        ptr = self.cursor
        self.vm.memory.write(self.vm.store, data, ptr)
        self.cursor += len(data) + 8
        return ptr, len(data)

    def call(self, name: str, *args: int, ctx: int = 1) -> int:
        self.vm.state.effective_id = ctx
        self.vm.store.set_fuel(10_000_000)
        return self.vm.exports[f"call_{name}"](self.vm.store, *args)

    def read(self, ptr: int, size: int) -> bytes:
        return bytes(self.vm.memory.read(self.vm.store, ptr, ptr + size))

    def u32(self, ptr: int) -> int:
        return struct.unpack("<I", self.read(ptr, 4))[0]

    def u64(self, ptr: int) -> int:
        return struct.unpack("<Q", self.read(ptr, 8))[0]

    def out(self) -> bytes:
        return self.read(self.u32(OUT_PTR), self.u32(OUT_LEN))

    def get(self, map_type: int, key: str, ctx: int) -> tuple[int, bytes | None]:
        self.vm.memory.write(self.vm.store, b"\0" * 8, 0)
        status = self.call("proxy_get_header_map_value", map_type, *self.put(key), OUT_PTR, OUT_LEN, ctx=ctx)
        return status, (self.out() if status == Status.OK else None)

    def paused_stream(self, headers=None):
        """A stream whose filter paused in on_request_headers: map 0 stays readable."""
        self.vm.exports["set_action"](self.vm.store, Action.PAUSE)
        stream = self.host.create_stream()
        stream.send_request_headers(envoy_request_headers(path="/p?q=1", headers=headers, request_id="rid-1"))
        return stream


OUT_OF_RANGE = 10 * 65536  # past the probe's two pages

# ---- pairs and header maps -----------------------------------------------------------


def test_pairs_serialization_is_count_sizes_then_nul_terminated_strings():
    data = encode_pairs([(b"a", b"bc"), (b":path", b"/")])
    assert data == (struct.pack("<I", 2) + struct.pack("<II", 1, 2) + struct.pack("<II", 5, 1)
                    + b"a\0bc\0:path\0/\0")
    assert decode_pairs(data) == [(b"a", b"bc"), (b":path", b"/")]
    assert decode_pairs(b"") == [] and decode_pairs(b"\0") == []
    with pytest.raises(PairsFormatError):
        decode_pairs(struct.pack("<I", 3) + b"xx")


def test_header_map_keeps_pseudo_headers_first_and_replace_leaves_one():
    headers = HeaderMap([("x-a", "1"), (":path", "/")])
    headers.add(b":method", b"GET")
    headers.add(b"X-A", b"2")
    assert headers.text_pairs() == [(":path", "/"), (":method", "GET"), ("x-a", "1"), ("x-a", "2")]
    assert headers.get("X-a") == b"1"
    headers.replace(b"x-a", b"3")
    assert headers.get_all("x-a") == [b"3"]
    headers.replace(b"x-new", b"n")
    assert headers.text_pairs()[-1] == ("x-new", "n")


def test_envoy_request_headers_order_and_host_header():
    pairs = envoy_request_headers("POST", "/x", headers={"Host": "h.example", "X-A": "1"}, body=b"abc",
                                  request_id="id")
    assert pairs == [(":authority", "h.example"), (":path", "/x"), (":method", "POST"), (":scheme", "http"),
                     ("x-a", "1"), ("content-length", "3"), ("x-forwarded-for", "127.0.0.1"),
                     ("x-forwarded-proto", "http"), ("x-envoy-external-address", "127.0.0.1"), ("x-request-id", "id")]


def test_envoy_request_headers_sanitize_what_a_client_sends():
    sent = [("X-Forwarded-For", "1.2.3.4"), ("x-request-id", "mine"), ("x-envoy-retry-on", "5xx"),
            ("x-forwarded-proto", "https"), ("x-envoy-custom", "c"), ("x-forwarded-proto", "ftp")]
    pairs = envoy_request_headers(headers=sent, request_id="id", client_ip="2001:db8::7")
    assert pairs[4:] == [("x-forwarded-for", "1.2.3.4"), ("x-request-id", "id"), ("x-forwarded-proto", "http"),
                         ("x-envoy-custom", "c"), ("x-forwarded-for", "2001:db8::7"),
                         ("x-envoy-external-address", "2001:db8::7")]
    # x-forwarded-for is inline: the appended copy joins the client's in its place
    assert HeaderMap(pairs, inline=REQUEST_INLINE).get_all("x-forwarded-for") == [b"1.2.3.4,2001:db8::7"]


# ---- header-map imports --------------------------------------------------------------


def test_get_header_map_value_returns_first_copy_case_insensitively_and_not_found():
    probe = Probe()
    stream = probe.paused_stream(headers=[("x-dup", "one"), ("X-Dup", "two")])
    assert probe.get(MapType.REQUEST_HEADERS, "X-DUP", stream.id) == (Status.OK, b"one")
    assert probe.get(MapType.REQUEST_HEADERS, ":path", stream.id) == (Status.OK, b"/p?q=1")
    assert probe.get(MapType.REQUEST_HEADERS, "x-missing", stream.id) == (Status.NOT_FOUND, None)
    assert probe.get(99, "x-dup", stream.id)[0] == Status.BAD_ARGUMENT


def test_request_headers_unreadable_after_the_filter_continued_and_on_root():
    probe = Probe()
    stream = probe.host.create_stream()
    assert stream.send_request_headers(envoy_request_headers()) == Action.CONTINUE
    assert probe.get(MapType.REQUEST_HEADERS, ":path", stream.id)[0] == Status.BAD_ARGUMENT
    assert probe.get(MapType.RESPONSE_HEADERS, ":status", stream.id)[0] == Status.BAD_ARGUMENT
    assert probe.get(MapType.REQUEST_HEADERS, ":path", 1)[0] == Status.BAD_ARGUMENT
    assert probe.get(MapType.HTTP_CALL_RESPONSE_HEADERS, ":status", stream.id)[0] == Status.BAD_ARGUMENT


def test_add_replace_remove_follow_envoy():
    probe = Probe()
    stream = probe.paused_stream(headers=[("x-r", "1"), ("x-r", "2")])
    sid = stream.id
    assert probe.call("proxy_add_header_map_value", 0, *probe.put("X-Add"), *probe.put("a"), ctx=sid) == Status.OK
    assert probe.call("proxy_add_header_map_value", 0, *probe.put("x-add"), *probe.put("b"), ctx=sid) == Status.OK
    assert stream.request_headers.get_all("x-add") == [b"a", b"b"]
    assert probe.call("proxy_replace_header_map_value", 0, *probe.put("x-r"), *probe.put("3"), ctx=sid) == Status.OK
    assert stream.request_headers.get_all("x-r") == [b"3"]
    assert probe.call("proxy_remove_header_map_value", 0, *probe.put("x-absent"), ctx=sid) == Status.OK
    assert probe.call("proxy_remove_header_map_value", 0, *probe.put("x-add"), ctx=sid) == Status.OK
    assert "x-add" not in stream.request_headers
    assert probe.call("proxy_add_header_map_value", 7, *probe.put("k"), *probe.put("v"), ctx=sid) == Status.BAD_ARGUMENT


def test_pairs_size_and_set_pairs_imports():
    probe = Probe()
    stream = probe.paused_stream()
    sid = stream.id
    assert probe.call("proxy_get_header_map_pairs", 0, OUT_PTR, OUT_LEN, ctx=sid) == Status.OK
    assert decode_pairs(probe.out()) == stream.request_headers.pairs()
    assert probe.call("proxy_get_header_map_size", 0, 8, ctx=sid) == Status.OK
    assert probe.u32(8) == stream.request_headers.byte_size()
    fresh = encode_pairs([(b":path", b"/new"), (b"X-One", b"1")])
    assert probe.call("proxy_set_header_map_pairs", 0, *probe.put(fresh), ctx=sid) == Status.OK
    assert stream.request_headers.text_pairs() == [(":path", "/new"), ("x-one", "1")]
    # a malformed buffer is an empty map, as Envoy's toPairs makes it
    assert probe.call("proxy_set_header_map_pairs", 0, *probe.put(b"\x05\0\0\0"), ctx=sid) == Status.OK
    assert len(stream.request_headers) == 0 and probe.host.vm.state.warnings
    probe.vm.memory.write(probe.vm.store, b"\xff" * 8, 0)
    assert probe.call("proxy_get_header_map_pairs", 0, OUT_PTR, OUT_LEN, ctx=sid) == Status.OK
    assert (probe.u32(OUT_PTR), probe.u32(OUT_LEN)) == (0, 0)  # empty map: no allocation


def test_bad_pointers_and_failed_malloc_give_invalid_memory_access():
    probe = Probe()
    stream = probe.paused_stream()
    sid = stream.id
    key = probe.put(":path")
    assert probe.call("proxy_get_header_map_value", 0, OUT_OF_RANGE, 5, OUT_PTR, OUT_LEN, ctx=sid) == \
        Status.INVALID_MEMORY_ACCESS
    assert probe.call("proxy_get_header_map_value", 0, *key, OUT_OF_RANGE, OUT_LEN, ctx=sid) == \
        Status.INVALID_MEMORY_ACCESS
    assert probe.call("proxy_get_header_map_value", 0, -1, 5, OUT_PTR, OUT_LEN, ctx=sid) == \
        Status.INVALID_MEMORY_ACCESS
    assert probe.call("proxy_log", LogLevel.INFO, 2 * 65536 - 2, 10) == Status.INVALID_MEMORY_ACCESS
    probe.vm.exports["fail_malloc"](probe.vm.store, 1)
    assert probe.call("proxy_get_header_map_value", 0, *key, OUT_PTR, OUT_LEN, ctx=sid) == \
        Status.INVALID_MEMORY_ACCESS
    assert probe.host.trap is None


# ---- other imports --------------------------------------------------------------------


def test_proxy_log_levels():
    probe = Probe()
    assert probe.call("proxy_log", LogLevel.WARN, *probe.put("careful")) == Status.OK
    assert probe.call("proxy_log", 9, *probe.put("x")) == Status.BAD_ARGUMENT
    assert [(r.level, r.message, r.context_id) for r in probe.host.logs] == [(LogLevel.WARN, "careful", 1)]


def test_buffers_plugin_config_only_in_on_configure_and_body_semantics():
    probe = Probe(plugin_config='{"a":1}')
    assert probe.call("proxy_get_buffer_bytes", BufferType.PLUGIN_CONFIGURATION, 0, 100, OUT_PTR, OUT_LEN) == \
        Status.NOT_FOUND
    assert probe.call("proxy_get_buffer_bytes", 42, 0, 1, OUT_PTR, OUT_LEN) == Status.BAD_ARGUMENT
    assert probe.call("proxy_get_buffer_bytes", BufferType.HTTP_CALL_RESPONSE_BODY, 0, 1, OUT_PTR, OUT_LEN) == \
        Status.NOT_FOUND
    stream = probe.host.create_stream()
    stream.context.request_body = bytearray(b"hello world")
    sid = stream.id
    assert probe.call("proxy_get_buffer_bytes", 0, 6, 100, OUT_PTR, OUT_LEN, ctx=sid) == Status.OK
    assert probe.out() == b"world"
    probe.vm.memory.write(probe.vm.store, b"\xee" * 8, 0)
    assert probe.call("proxy_get_buffer_bytes", 0, 50, 10, OUT_PTR, OUT_LEN, ctx=sid) == Status.OK
    assert probe.read(0, 8) == b"\xee" * 8  # past the end: Ok, out slots untouched
    assert probe.call("proxy_set_buffer_bytes", 0, 0, 5, *probe.put("HELLO!"), ctx=sid) == Status.OK
    assert probe.call("proxy_set_buffer_bytes", 0, 100, 0, *probe.put("!"), ctx=sid) == Status.OK
    assert stream.context.request_body == b"HELLO! world!"
    assert probe.call("proxy_set_buffer_bytes", 0, 3, 1, *probe.put("x"), ctx=sid) == Status.BAD_ARGUMENT
    assert probe.call("proxy_set_buffer_bytes", BufferType.PLUGIN_CONFIGURATION, 0, 0, *probe.put("x")) == \
        Status.NOT_FOUND


def test_plugin_config_is_read_in_on_configure_and_zero_rejects_it():
    Host(GATE, plugin_config="fine")
    with pytest.raises(ConfigurationRejected, match="Failed to configure base Wasm plugin"):
        Host(GATE, plugin_config="reject")


def test_local_response_is_recorded_and_does_nothing_on_root():
    probe = Probe()
    stream = probe.host.create_stream()
    pairs = encode_pairs([(b"x-why", b"because")])
    args = (*probe.put("details"), *probe.put("denied"), *probe.put(pairs), -1)
    assert probe.call("proxy_send_local_response", 403, *args, ctx=1) == Status.OK
    assert stream.local_reply is None
    assert probe.call("proxy_send_local_response", 403, *args, ctx=stream.id) == Status.OK
    reply = stream.local_reply
    assert (reply.status, reply.body, reply.headers, reply.details) == (403, b"denied", [("x-why", "because")],
                                                                        "details")
    assert probe.call("proxy_send_local_response", 500, *args, ctx=stream.id) == Status.BAD_ARGUMENT


def test_http_call_checks_cluster_and_pseudo_headers_and_numbers_calls():
    probe = Probe(clusters={"auth": Response(200)})
    good = encode_pairs([(b":authority", b"a"), (b":path", b"/c"), (b":method", b"GET")])
    no_path = encode_pairs([(b":authority", b"a"), (b":method", b"GET")])
    empty = (0, 0)

    def call(cluster: str, headers: bytes) -> int:
        return probe.call("proxy_http_call", *probe.put(cluster), *probe.put(headers), *empty, *empty, 100, 8)

    assert call("nope", good) == Status.BAD_ARGUMENT
    assert call("auth", no_path) == Status.BAD_ARGUMENT
    assert probe.host.pending_calls == []
    assert call("auth", good) == Status.OK and probe.u32(8) == 4
    assert call("auth", good) == Status.OK and probe.u32(8) == 8
    assert [(c.cluster, c.path, c.timeout_ms) for c in probe.host.pending_calls] == [("auth", "/c", 100)] * 2


def test_stream_control_and_effective_context_statuses():
    probe = Probe()
    stream = probe.paused_stream()
    assert probe.call("proxy_continue_stream", StreamType.DOWNSTREAM, ctx=stream.id) == Status.BAD_ARGUMENT
    assert probe.call("proxy_set_effective_context", 77) == Status.BAD_ARGUMENT
    assert probe.call("proxy_continue_stream", StreamType.HTTP_REQUEST, ctx=1) == Status.OK
    probe.host._apply_deferred()
    assert stream.paused  # continue on the root context does nothing
    assert probe.call("proxy_set_effective_context", stream.id) == Status.OK
    assert probe.call("proxy_continue_stream", StreamType.HTTP_REQUEST, ctx=probe.vm.state.effective_id) == Status.OK
    probe.host._apply_deferred()
    assert not stream.paused
    assert probe.call("proxy_done") == Status.OK


def test_properties_use_nul_separated_segments_and_envoy_encodings():
    probe = Probe(root_id="api-gate", properties={"node.metadata.zone": "z1"})
    stream = probe.paused_stream()

    def prop(path: bytes, ctx=stream.id):
        status = probe.call("proxy_get_property", *probe.put(path), OUT_PTR, OUT_LEN, ctx=ctx)
        return status, (probe.out() if status == Status.OK else None)

    assert prop(b"request\0path") == (Status.OK, b"/p?q=1")
    assert prop(b"request\0url_path") == (Status.OK, b"/p")
    assert prop(b"request\0query") == (Status.OK, b"q=1")
    assert prop(b"request\0id") == (Status.OK, b"rid-1")
    assert prop(b"request.path")[0] == Status.NOT_FOUND
    assert prop(b"source\0port") == (Status.OK, struct.pack("<q", 40000))
    assert prop(b"connection\0mtls") == (Status.OK, b"\x00")
    assert prop(b"plugin_name", ctx=1) == (Status.OK, b"api-gate")
    assert prop(b"plugin_root_id", ctx=1) == (Status.OK, b"api-gate")
    assert prop(b"node\0metadata\0zone") == (Status.OK, b"z1")
    assert prop(b"request\0headers\0x-request-id") == (Status.OK, b"rid-1")
    assert prop(b"no\0such")[0] == Status.NOT_FOUND


def test_node_route_tls_and_request_time_as_envoy_serves_them():
    environment = Environment(source=("2001:db8::7", 51000), requested_server_name="api.example.com",
                              route_name="orders", node_id="n-1")
    probe = Probe(environment=environment, clock=lambda: 1_700_000_000_123_456_789)
    stream = probe.paused_stream()

    def prop(path: bytes):
        status = probe.call("proxy_get_property", *probe.put(path), OUT_PTR, OUT_LEN, ctx=stream.id)
        return status, (probe.out() if status == Status.OK else None)

    # request.time: when the stream began, an int64 of nanoseconds (docs/envoy-behaviour.md fact 11).
    assert prop(b"request\0time") == (Status.OK, struct.pack("<q", 1_700_000_000_123_456_789))
    assert prop(b"source\0address") == (Status.OK, b"[2001:db8::7]:51000")
    assert prop(b"connection\0requested_server_name") == (Status.OK, b"api.example.com")
    # Envoy 1.40 serves the node and the route name under `xds` only.
    assert prop(b"xds\0route_name") == (Status.OK, b"orders")
    assert prop(b"xds\0node\0id") == (Status.OK, b"n-1")
    assert prop(b"xds\0cluster_name") == (Status.OK, b"upstream")  # chosen with the route, before the filters
    assert prop(b"node\0id")[0] == Status.NOT_FOUND
    assert prop(b"route_name")[0] == Status.NOT_FOUND


def test_metrics_by_name_with_envoy_statuses():
    probe = Probe()
    name = probe.put("hits")
    assert probe.call("proxy_define_metric", MetricType.COUNTER, *name, 8) == Status.OK
    counter = probe.u32(8)
    assert probe.call("proxy_define_metric", 9, *name, 8) == Status.BAD_ARGUMENT
    assert probe.call("proxy_increment_metric", counter, 2) == Status.OK
    assert probe.call("proxy_increment_metric", counter, -1) == Status.BAD_ARGUMENT
    assert probe.call("proxy_get_metric", counter, 16) == Status.OK and probe.u64(16) == 2
    assert probe.call("proxy_get_metric", 4096, 16) == Status.NOT_FOUND
    assert probe.call("proxy_define_metric", MetricType.GAUGE, *probe.put("level"), 8) == Status.OK
    gauge = probe.u32(8)
    assert probe.call("proxy_record_metric", gauge, 7) == Status.OK
    assert probe.call("proxy_increment_metric", gauge, -2) == Status.OK
    assert probe.call("proxy_define_metric", MetricType.HISTOGRAM, *probe.put("lat"), 8) == Status.OK
    assert probe.call("proxy_get_metric", probe.u32(8), 16) == Status.BAD_ARGUMENT
    assert probe.host.metrics == {"hits": 2, "level": 5, "lat": 0}


def test_time_tick_period_and_status():
    probe = Probe(clock=lambda: 1234567890123)
    assert probe.call("proxy_get_current_time_nanoseconds", 16) == Status.OK
    assert probe.u64(16) == 1234567890123
    assert probe.host.tick() is False
    assert probe.call("proxy_set_tick_period_milliseconds", 250) == Status.OK
    assert probe.host.tick_period_ms == 250
    assert probe.call("proxy_get_status", 16, 20, 24) == Status.OK
    assert (probe.u32(16), probe.u32(24)) == (0, 0)


# ---- lifecycle -----------------------------------------------------------------------------


def _callbacks(result):
    return [event.name for event in result.trace if event.direction == "callback"]


def test_get_lifecycle_order_and_header_availability():
    host = Host(LIFECYCLE, trace=True, upstream=Response(200, {"a": "b"}, "hello"))
    result = host.request(path="/x")
    assert _callbacks(result) == [
        "proxy_on_context_create", "proxy_on_request_headers", "proxy_on_response_headers",
        "proxy_on_response_body", "proxy_on_response_body", "proxy_on_log", "proxy_on_done", "proxy_on_delete",
    ]
    bodies = [e.args for e in result.trace if e.name == "proxy_on_response_body" and e.direction == "callback"]
    assert bodies == [(2, 5, 0), (2, 0, 1)]
    # map 0: BadArgument (2) in on_response_headers, readable again in on_log
    assert result.log_lines() == ["path-status:2", "path-status:0", "/x"]
    assert result.response.status == 200 and result.response.body == b"hello"
    assert host.request().stream_id == 3


def test_post_body_arrives_as_data_then_end_of_stream():
    host = Host(LIFECYCLE, trace=True)
    result = host.request("POST", "/p", body="0123456789")
    heads = [e.args for e in result.trace if e.name == "proxy_on_request_headers" and e.direction == "callback"]
    bodies = [e.args for e in result.trace if e.name == "proxy_on_request_body" and e.direction == "callback"]
    assert heads[0][2] == 0 and bodies == [(2, 10, 0), (2, 0, 1)]
    assert "body:0123456789" in result.log_lines()
    assert result.upstream_request.body == b"0123456789"


def test_local_reply_from_request_phase_runs_the_response_phase():
    host = Host(LIFECYCLE, trace=True)
    result = host.request(headers={"x-reply": "1"})
    assert result.upstream_request is None
    assert result.local_reply.status == 418 and result.response.body == b"teapot"
    assert "proxy_on_response_headers" in _callbacks(result)
    assert result.log_lines()[0] == "path-status:0"  # map 0 readable for a local reply (envoy-behaviour.md 5)
    assert _callbacks(result)[-3:] == ["proxy_on_log", "proxy_on_done", "proxy_on_delete"]


def test_pause_without_resume_is_reported_as_hung():
    result = Host(LIFECYCLE).request(headers={"x-pause": "1"})
    assert result.hung and result.response is None and result.upstream_request is None


# ---- http calls through the gate module ------------------------------------------------------


def test_http_call_answer_resumes_the_stream_after_set_effective_context():
    host = Host(GATE, clusters={"auth": Response(200, {"x-user": "alice"})}, trace=True)
    result = host.request(path="/x", headers={"authorization": "Bearer t"})
    assert result.upstream_request.header("x-user") == "alice"
    assert result.upstream_request.header("x-filter") == "gate"
    assert result.response.header("x-served-by") == "wat"
    [call] = result.calls
    assert (call.cluster, call.method, call.path, call.header("authorization"), call.call_id) == \
        ("auth", "GET", "/check", "Bearer t", 4)
    callback = next(e for e in result.trace if e.name == "proxy_on_http_call_response")
    # root ctx, call id, 4 headers: :status x-user content-length and the router's x-envoy-upstream-service-time
    assert callback.context_id == 1 and callback.args[:3] == (1, 4, 4)
    assert result.log_lines() == ["allowed alice"] and not result.hung
    assert host.request(headers={"authorization": "x"}).calls[0].call_id == 8


def test_without_set_effective_context_the_stream_hangs():
    host = Host(GATE, plugin_config="no-effective", clusters={"auth": Response(200, {"x-user": "a"})})
    result = host.request(headers={"authorization": "Bearer t"})
    assert result.hung and result.upstream_request is None and result.response is None
    assert any("root context does nothing" in w for w in host.vm.state.warnings)


@pytest.mark.parametrize("kind, status, body", [("timeout", 504, TIMEOUT_BODY), ("refused", 503, CONNECT_FAILURE_BODY),
                                                ("reset", 503, RESET_BODY)])
def test_call_failures_arrive_as_envoy_synthetic_answers(kind, status, body):
    seen = []

    def auth(call):
        seen.append(call)
        return CallFailure(kind)

    host = Host(GATE, clusters={"auth": auth}, trace=True)
    result = host.request(headers={"authorization": "Bearer t"})
    assert result.local_reply.status == 403 and result.response.body == b"forbidden"
    assert seen[0].cluster == "auth" and seen[0].answer == CallFailure(kind)
    response = CallFailure(kind).synthetic_response()
    assert (response.status, response.body, len(response.headers) + 1) == (status, body, 3)
    callback = next(e for e in result.trace if e.name == "proxy_on_http_call_response")
    assert callback.args[2:4] == (3, len(body))


def test_answers_in_order_and_unknown_cluster():
    host = Host(GATE, clusters={"auth": [Response(200, {"x-user": "a"}), Response(401)]})
    assert host.request(headers={"authorization": "t"}).upstream_request is not None
    assert host.request(headers={"authorization": "t"}).local_reply.status == 403
    assert host.request(headers={"authorization": "t"}).local_reply.status == 403  # the last answer repeats
    nocluster = Host(GATE).request(headers={"authorization": "t"})
    assert nocluster.local_reply.status == 403 and nocluster.calls == []


def test_stepwise_api_like_proxytest():
    host = Host(GATE, clusters={"auth": Response(500)})
    stream = host.create_stream()
    action = stream.send_request_headers(envoy_request_headers(headers={"authorization": "t"}))
    assert action == Action.PAUSE and stream.paused
    [call] = host.pending_calls
    host.deliver_call(call, Response(200, {"x-user": "bob"}))
    assert not stream.paused and stream.request_headers.text("x-user") == "bob"
    stream.send_response_headers([(":status", "200")])
    assert stream.response_headers.text("x-served-by") == "wat"
    stream.complete()
    assert stream.id not in host.streams


# ---- failures ----------------------------------------------------------------------------------


def test_trap_fails_closed_and_later_requests_get_503():
    host = Host(LIFECYCLE)
    result = host.request(headers={"x-trap": "1"})
    assert result.trap.callback == "proxy_on_request_headers" and result.trap.kind == "trap"
    assert "unreachable" in result.trap.message and result.trap.backtrace
    assert result.response.status == 503 and host.dead
    assert any("Function: proxy_on_request_headers failed" in line for line in host.log_lines(LogLevel.CRITICAL))
    later = host.request()
    assert later.response.status == 503 and later.vm_dead and later.upstream_request is None


def test_fuel_counts_instructions_and_limits_each_callback():
    host = Host(LIFECYCLE)
    light = host.request(headers={"x-work": "1"}).fuel
    heavy = host.request(headers={"x-work": "5"}).fuel
    assert light > 1000 and heavy - light > 4 * 4000
    assert host.request(headers={"x-work": "1"}).fuel == light  # deterministic
    looping = Host(LIFECYCLE, fuel_limit=1_000_000).request(headers={"x-loop": "1"})
    assert looping.trap.kind == "out_of_fuel" and looping.response.status == 503
    assert "spin" in looping.trap.backtrace[0]


# ---- loading -------------------------------------------------------------------------------------

MINIMAL = """(module {imports}
  (memory (export "memory") 1)
  {abi}
  (func (export "{alloc}") (param i32) (result i32) (i32.const 1024))
  {extra})"""


def _module(imports="", abi='(func (export "proxy_abi_version_0_2_1"))', alloc="malloc", extra="") -> bytes:
    return assemble(MINIMAL.format(imports=imports, abi=abi, alloc=alloc, extra=extra))


def test_load_checks_like_envoy():
    with pytest.raises(LoadError, match="Missing or unknown Proxy-Wasm ABI version"):
        Host(_module(abi=""))
    with pytest.raises(LoadError, match="missing malloc"):
        Host(_module(alloc="other"))
    Host(_module(alloc="proxy_on_memory_allocate"))
    with pytest.raises(LoadError, match="env.proxy_fancy, env.other"):
        Host(_module(imports='(import "env" "proxy_fancy" (func)) (import "env" "other" (func))'))
    with pytest.raises(LoadError, match="import type mismatch: env.proxy_continue_stream"):
        Host(_module(imports='(import "env" "proxy_continue_stream" (func (param i64) (result i32)))'))
    with pytest.raises(LoadError, match="Bad function signature for: proxy_on_request_headers"):
        Host(_module(extra='(func (export "proxy_on_request_headers") (param i32) (result i32) (i32.const 0))'))


def test_wasi_stdout_is_logged_and_proc_exit_fails_start():
    imports = ('(import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))'
               '(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))')
    writer = """(data (i32.const 16) "hi from wasi\\n")
      (func (export "_initialize") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 13))
        (drop (call $w (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8))))"""
    host = Host(_module(imports=imports, extra=writer))
    assert [(r.level, r.message) for r in host.logs] == [(LogLevel.ERROR, "hi from wasi")]
    exits = '(func (export "_start") (call $exit (i32.const 3)))'
    with pytest.raises(StartError, match=r"proc_exit\(3\)"):
        Host(_module(imports=imports, extra=exits))

"""Envoy attributes read with proxy_get_property, in Envoy 1.40 (issue 7).

Each attribute is written into a request header (seen by the upstream) and a
response header, then checked against what the test knows independently: the
client socket's own address and port, the listener's port, the x-request-id the
upstream received, the bootstrap's `node:` section, the route's name.

Envoy 1.40 does not serve `node.*`, `route_name` or `cluster_name` under those
names, so pwc reads them from `xds.node`, `xds.route_name` and `xds.cluster_name`: since the CEL attribute rework, the Wasm host's own property tokens are only
plugin_name, plugin_root_id, plugin_vm_id and connection_id
(source/extensions/common/wasm/context.cc, PROPERTY_TOKENS); everything else is
delegated to StreamActivation (source/extensions/filters/common/expr/context.cc),
whose roots are request, response, connection, upstream, source, destination,
metadata, filter_state, xds and upstream_filter_state. The node, the route name and
the cluster name moved under `xds` (`xds.node`, `xds.route_name`,
`xds.cluster_name`), so the top-level names answer NotFound.
"""

from __future__ import annotations

import socket

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Listener, encode_request, read_response

pytestmark = pytest.mark.e2e

ATTRS = r'''
filter "attrs"
on request {
  set request.headers["x-source-address"] = source.address
  set request.headers["x-source-port"] = string(source.port)
  set request.headers["x-destination-address"] = destination.address
  set request.headers["x-destination-port"] = string(destination.port)
  set request.headers["x-request-id-attr"] = request.id
  set request.headers["x-request-protocol"] = request.protocol
  set request.headers["x-mtls"] = string(connection.mtls)
  set request.headers["x-sni"] = "[" + connection.requested_server_name + "]"
  set request.headers["x-node-id"] = "[" + node.id + "]"
  set request.headers["x-istio-version"] = "[" + node.metadata["ISTIO_VERSION"] + "]"
  set request.headers["x-missing-metadata"] = "[" + node.metadata["NO_SUCH_KEY"] + "]"
  set request.headers["x-plugin-name"] = plugin_name
  set request.headers["x-plugin-root-id"] = plugin_root_id
  set request.headers["x-route-name"] = "[" + route_name + "]"
  set request.headers["x-cluster-name"] = "[" + cluster_name + "]"
}
on response {
  set response.headers["x-source-port"] = string(source.port)
  set response.headers["x-request-id-attr"] = request.id
  set response.headers["x-plugin-name"] = plugin_name
  set response.headers["x-request-protocol"] = request.protocol
  set response.headers["x-node-id"] = "[" + node.id + "]"
  set response.headers["x-route-name"] = "[" + route_name + "]"
  set response.headers["x-cluster-name"] = "[" + cluster_name + "]"
}
'''

NODE = {"id": "pwc-node-7", "cluster": "pwc-nodes", "metadata": {"ISTIO_VERSION": "1.99.0", "OTHER": "x"}}
ROUTE_NAME = "the-route"


def _customize(bootstrap: dict) -> None:
    bootstrap["node"] = NODE
    manager = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    manager["route_config"]["virtual_hosts"][0]["routes"][0]["name"] = ROUTE_NAME


@pytest.fixture
def exchange(envoy_factory, upstream):
    """One request through the attrs filter on a socket whose local port the test knows."""
    result = compile_source(ATTRS, "attrs.pwf")
    assert result.ok, result.render()
    listener = Listener("attrs", wasm=result.wasm, filter_name="attrs-plugin", root_id="attrs")
    envoy = envoy_factory([listener], customize=_customize)
    port = envoy.listener_port("attrs")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        client_address, client_port = sock.getsockname()
        sock.sendall(encode_request("GET", "/attrs", [("connection", "close")]))
        response = read_response(sock)
    assert response.status == 200
    seen = upstream.requests[-1]
    assert "Uncaught" not in envoy.log_text(), "the module trapped"
    return {"client": (client_address, client_port), "listener_port": port, "response": response,
            "seen": seen}


def test_source_is_the_client_socket(exchange):
    address, port = exchange["client"]
    seen = exchange["seen"]
    # Envoy's source.address is the whole peer address, "ip:port".
    assert seen.header("x-source-address") == f"{address}:{port}"
    assert seen.header("x-source-port") == str(port)
    assert exchange["response"].header("x-source-port") == str(port)


def test_destination_is_the_listener(exchange):
    port = exchange["listener_port"]
    assert exchange["seen"].header("x-destination-address") == f"127.0.0.1:{port}"
    assert exchange["seen"].header("x-destination-port") == str(port)


def test_request_id_is_the_x_request_id_envoy_sent_upstream(exchange):
    seen = exchange["seen"]
    request_id = seen.header("x-request-id")
    assert request_id and len(request_id) == 36
    assert seen.header("x-request-id-attr") == request_id


def test_request_id_stays_readable_in_on_response(exchange):
    assert exchange["response"].header("x-request-id-attr") == exchange["seen"].header("x-request-id")


def test_request_protocol_and_mtls(exchange):
    assert exchange["seen"].header("x-request-protocol") == "HTTP/1.1"
    assert exchange["seen"].header("x-mtls") == "false"  # plain TCP listener
    assert exchange["response"].header("x-request-protocol") == "HTTP/1.1"


def test_requested_server_name_is_empty_without_tls(exchange):
    # Served (Ok, empty string): the connection carried no TLS SNI.
    assert exchange["seen"].header("x-sni") == "[]"


def test_plugin_name_and_root_id(exchange):
    assert exchange["seen"].header("x-plugin-name") == "attrs-plugin"
    assert exchange["seen"].header("x-plugin-root-id") == "attrs"
    assert exchange["response"].header("x-plugin-name") == "attrs-plugin"


def test_missing_property_reads_empty_and_never_traps(exchange):
    # A node metadata key that is not there (and every NOT SERVED attribute below) reads "";
    # the request still completes and the module did not trap (checked in the fixture).
    assert exchange["seen"].header("x-missing-metadata") == "[]"


# pwc reads node.*, route_name and cluster_name from Envoy's `xds.` paths
# (see the module docstring for why the top-level names answer NotFound).
def test_node_id(exchange):
    assert exchange["seen"].header("x-node-id") == "[pwc-node-7]"
    assert exchange["response"].header("x-node-id") == "[pwc-node-7]"


def test_node_metadata(exchange):
    assert exchange["seen"].header("x-istio-version") == "[1.99.0]"


def test_route_name(exchange):
    assert exchange["seen"].header("x-route-name") == "[the-route]"
    assert exchange["response"].header("x-route-name") == "[the-route]"


def test_cluster_name_is_known_once_the_router_chose_the_cluster(exchange):
    # The router picks the cluster after the request phase: "" there, the name in `on response`.
    assert exchange["seen"].header("x-cluster-name") in ("[]", "[upstream]")
    assert exchange["response"].header("x-cluster-name") == "[upstream]"


# ---------------------------------------------------------------------------
# Where Envoy 1.40 does serve them: the same facts under `xds.`, read by a
# hand-written module (pwc cannot name these paths today). This is the evidence
# for the report: the compiler should reject node.*/route_name/cluster_name with a
# located error, or read them from these paths.

XDS_PATHS = [
    ("x-p0", b"xds\x00node\x00id"),
    ("x-p1", b"xds\x00node\x00metadata\x00ISTIO_VERSION"),
    ("x-p2", b"xds\x00route_name"),
    ("x-p3", b"xds\x00cluster_name"),
    ("x-p4", b"node\x00id"),  # the name pwc uses today: NotFound
]


def _wat_string(data: bytes) -> str:
    return "".join(chr(b) if 0x20 <= b < 0x7f and b not in (0x22, 0x5c) else f"\\{b:02x}" for b in data)


def _probe_wat() -> str:
    """on_request_headers: for each path, proxy_get_property; Ok -> add header NAME: value,
    any other status -> add header NAME: "!" (so a NotFound is visible too)."""
    data, calls, offset = [], [], 2048
    for name, path in XDS_PATHS:
        data.append(f'(data (i32.const {offset}) "{_wat_string(path)}")')
        data.append(f'(data (i32.const {offset + 128}) "{name}")')
        calls.append(f"""
    (if (i32.eqz (call $get (i32.const {offset}) (i32.const {len(path)}) (i32.const 0) (i32.const 4)))
      (then (drop (call $add (i32.const 0) (i32.const {offset + 128}) (i32.const {len(name)})
                              (i32.load (i32.const 0)) (i32.load (i32.const 4)))))
      (else (drop (call $add (i32.const 0) (i32.const {offset + 128}) (i32.const {len(name)})
                              (i32.const 1024) (i32.const 1)))))""")
        offset += 256
    return f"""(module
  (import "env" "proxy_get_property" (func $get (param i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_add_header_map_value" (func $add (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 65536))
  (data (i32.const 1024) "!")
  {" ".join(data)}
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (i32.and (i32.add (local.get $size) (i32.const 7)) (i32.const -8))))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))))))
    (local.get $p))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    {"".join(calls)}
    (i32.const 0))
)"""


def test_envoy_1_40_serves_node_route_and_cluster_under_xds(envoy_factory, upstream):
    from pwc.compiler.assemble import assemble

    envoy = envoy_factory([Listener("probe", wasm=assemble(_probe_wat()), filter_name="probe")],
                          customize=_customize)
    with socket.create_connection(("127.0.0.1", envoy.listener_port("probe")), timeout=5) as sock:
        sock.sendall(encode_request("GET", "/", [("connection", "close")]))
        assert read_response(sock).status == 200
    seen = upstream.requests[-1]
    assert seen.header("x-p0") == NODE["id"]
    assert seen.header("x-p1") == NODE["metadata"]["ISTIO_VERSION"]
    assert seen.header("x-p2") == ROUTE_NAME
    # The upstream cluster is chosen by the router, after this filter's request phase.
    assert seen.header("x-p3") in ("!", "upstream")
    assert seen.header("x-p4") == "!"  # `node` at top level: NotFound in Envoy 1.40


REQUEST_TIME = '''
filter "began"
on request {
  set request.headers["x-began"] = string(request.time)
  set request.headers["x-now"] = string(now)
}
on response {
  set response.headers["x-began"] = string(request.time)
}
'''


def test_request_time_is_when_envoy_began_the_request(envoy_factory, upstream):
    from datetime import datetime, timezone

    def instant(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    result = compile_source(REQUEST_TIME, "began.pwf")
    assert result.ok, result.render()
    envoy = envoy_factory([Listener("began", wasm=result.wasm, filter_name="began")])
    # Envoy's clock cannot be fixed: the time lies between the client's clock before and after.
    before = datetime.now(timezone.utc).replace(microsecond=0)
    with socket.create_connection(("127.0.0.1", envoy.listener_port("began")), timeout=5) as sock:
        sock.sendall(encode_request("GET", "/", [("connection", "close")]))
        response = read_response(sock)
    after = datetime.now(timezone.utc)
    seen = upstream.requests[-1]
    began = instant(seen.header("x-began"))
    assert before <= began <= instant(seen.header("x-now")) <= after
    # Kept from the request phase, the same instant in `on response`.
    assert response.header("x-began") == seen.header("x-began")

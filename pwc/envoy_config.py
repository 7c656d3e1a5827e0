"""Envoy's bootstrap configuration, as plain dicts: the one builder behind
`pwc manifest --for envoy`, `pwc run` and the Envoy test harness.

    bootstrap([Listener("f", wasm="/tmp/f.wasm", config="{}")], upstream=("127.0.0.1", 8080))

A `Listener` is one HTTP connection manager on 127.0.0.1:
[http_filters_before] -> the wasm filter -> [http_filters_after] -> router,
with one route to the `upstream` cluster.  The plugin configuration travels as
a StringValue (never a Struct, which reaches the module as binary protobuf).
Neither the compiler nor the runtime owns this module; both import it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"
UPSTREAM_CLUSTER = "upstream"  # the cluster every listener's one route goes to
WASM_FILTER = "envoy.filters.http.wasm"
WASM_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm"
WASM_RUNTIME = "envoy.wasm.runtime.v8"
STRING_VALUE = "type.googleapis.com/google.protobuf.StringValue"
ROUTER_FILTER = "envoy.filters.http.router"
ROUTER_TYPE = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"
UPSTREAM_CODEC_FILTER = "envoy.filters.http.upstream_codec"
UPSTREAM_CODEC_TYPE = "type.googleapis.com/envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec"
PROXY_PROTOCOL_FILTER = "envoy.filters.listener.proxy_protocol"
PROXY_PROTOCOL_TYPE = "type.googleapis.com/envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol"
CONNECTION_MANAGER = "envoy.filters.network.http_connection_manager"
CONNECTION_MANAGER_TYPE = ("type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3"
                           ".HttpConnectionManager")
ROUTE_TIMEOUT_S = 15.0
# Envoy's per-connection buffer limit for a listener whose filter holds headers to
# read bodies: above the largest body limit a filter may set (compiler/layout.py
# BODY_LIMIT), so the filter's own limit decides, not Envoy's default 1 MiB.
HELD_BUFFER_LIMIT = 32 << 20
CONNECT_TIMEOUT_S = 1.0

Address = tuple[str, int]

# Envoy's tag extraction for pwc's metrics (pwc/compiler/metrics.py), in every
# bootstrap pwc writes: `wasmcustom.pwc.gate.responded.line_12` is
# `pwc_responded{pwc_filter="gate",pwc_line="12"}` in /stats/prometheus, and
# `wasmcustom.pwc.gate.denied` is `pwc_denied{pwc_filter="gate"}`
# (docs/envoy-behaviour.md, fact 14).  /stats keeps the whole names.
STATS_TAGS = [
    {"tag_name": "pwc_filter", "regex": r"^wasmcustom\.pwc\.(([^.]+)\.)"},
    {"tag_name": "pwc_line", "regex": r"^wasmcustom\.pwc\.[^.]+\.(?:responded|errors)(\.line_([0-9]+))$"},
]


@dataclass
class Listener:
    """One listener: HTTP connection manager -> [before] -> wasm? -> [after] -> router.

    `wasm` is module bytes, a file path, or None (no wasm filter); `bootstrap` is told
    where bytes were written.  `filter_name` (default: the listener name) is the plugin
    name and the root_id unless `root_id` is given.  Each listener gets its own VM
    unless `vm_id` is shared.  `route_action` merges into the route's `route:` (e.g.
    `regex_rewrite`, `timeout`); `route_options` merges into the route entry (e.g.
    `request_headers_to_add`); `routes_before` are complete routes tried before it
    (e.g. a `direct_response`).  `http_filters_before/after` are full filter dicts;
    `listener_filters` run on the connection before it (e.g. `proxy_protocol()`).
    `stat_prefix` and `route_config_name` default to the listener name and NAME-routes.
    """

    name: str
    wasm: bytes | str | Path | None = None
    config: str = ""
    filter_name: str | None = None
    root_id: str | None = None
    vm_id: str | None = None
    vm_config: str | None = None
    fail_open: bool | None = None
    failure_policy: str | None = None
    route_timeout: float = ROUTE_TIMEOUT_S
    route_action: dict[str, Any] = field(default_factory=dict)
    route_options: dict[str, Any] = field(default_factory=dict)
    routes_before: list[dict[str, Any]] = field(default_factory=list)  # complete routes matched before the main one
    http_filters_before: list[dict[str, Any]] = field(default_factory=list)
    http_filters_after: list[dict[str, Any]] = field(default_factory=list)
    router_upstream_filters: list[dict[str, Any]] = field(default_factory=list)  # the router's upstream_http_filters
    listener_filters: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    stat_prefix: str | None = None
    route_config_name: str | None = None
    hold_headers: bool = False  # see wasm_filter
    code: dict[str, Any] | None = None  # vm_config.code instead of the local file (e.g. a remote fetch)


def duration(seconds: float) -> str:
    """A protobuf Duration in JSON: 15.0 -> "15s", 0.25 -> "0.25s"."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".") + "s"


def string_value(text: str) -> dict[str, Any]:
    return {"@type": STRING_VALUE, "value": text}


def socket_address(host: str, port: int) -> dict[str, Any]:
    return {"socket_address": {"address": host, "port_value": port}}


def wasm_filter(name: str, wasm_file: str | Path, config: str = "", *, root_id: str | None = None,
                vm_id: str | None = None, vm_config: str | None = None, fail_open: bool | None = None,
                failure_policy: str | None = None, hold_headers: bool = False,
                code: dict[str, Any] | None = None) -> dict[str, Any]:
    """An `envoy.filters.http.wasm` entry loading `wasm_file` (or `code`: vm_config.code as
    given, such as a remote fetch), with a StringValue configuration.
    `hold_headers`: the module pauses headers to read a body before they go on
    (a pwc body phase), which Envoy allows only with allow_on_headers_stop_iteration;
    without it a paused stream would never see its body and hang."""
    vm: dict[str, Any] = {
        "vm_id": vm_id or name,
        "runtime": WASM_RUNTIME,
        "code": code if code is not None else {"local": {"filename": str(wasm_file)}},
    }
    if vm_config is not None:
        vm["configuration"] = string_value(vm_config)
    plugin: dict[str, Any] = {
        "name": name,
        "root_id": name if root_id is None else root_id,
        "vm_config": vm,
        "configuration": string_value(config),
    }
    if fail_open is not None:
        plugin["fail_open"] = fail_open
    if failure_policy is not None:
        plugin["failure_policy"] = failure_policy
    if hold_headers:
        plugin["allow_on_headers_stop_iteration"] = True
    return {"name": WASM_FILTER, "typed_config": {"@type": WASM_TYPE, "config": plugin}}


def proxy_protocol() -> dict[str, Any]:
    """The listener filter that takes the connection's source and destination addresses
    from a PROXY protocol header the client sends first (v1 text or v2)."""
    return {"name": PROXY_PROTOCOL_FILTER, "typed_config": {"@type": PROXY_PROTOCOL_TYPE}}


def router_filter(upstream_filters: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The router; `upstream_filters` run on each request it sends upstream (then the codec)."""
    config: dict[str, Any] = {"@type": ROUTER_TYPE}
    if upstream_filters:
        config["upstream_http_filters"] = [*upstream_filters,
                                           {"name": UPSTREAM_CODEC_FILTER, "typed_config": {"@type": UPSTREAM_CODEC_TYPE}}]
    return {"name": ROUTER_FILTER, "typed_config": config}


def cluster(name: str, host: str, port: int, *, connect_timeout: float = CONNECT_TIMEOUT_S) -> dict[str, Any]:
    """One endpoint: STATIC for an IP address, STRICT_DNS (IPv4 first) for a host name."""
    try:
        ipaddress.ip_address(host)
        kind = "STATIC"
    except ValueError:
        kind = "STRICT_DNS"
    entry: dict[str, Any] = {"name": name, "type": kind, "connect_timeout": duration(connect_timeout)}
    if kind == "STRICT_DNS":
        entry["dns_lookup_family"] = "V4_PREFERRED"
    entry["load_assignment"] = {"cluster_name": name, "endpoints": [{"lb_endpoints": [{"endpoint": {
        "address": socket_address(host, port)}}]}]}
    return entry


def listener(spec: Listener, wasm_file: str | Path | None) -> dict[str, Any]:
    """The listener dict for `spec`; `wasm_file` is where its module is (None: no wasm filter)."""
    filters = list(spec.http_filters_before)
    if wasm_file is not None or spec.code is not None:
        filters.append(wasm_filter(
            spec.filter_name or spec.name, wasm_file or "", spec.config, root_id=spec.root_id,
            vm_id=spec.vm_id or spec.name, vm_config=spec.vm_config, fail_open=spec.fail_open,
            failure_policy=spec.failure_policy, hold_headers=spec.hold_headers, code=spec.code))
    filters += spec.http_filters_after
    filters.append(router_filter(spec.router_upstream_filters))
    route = {"match": {"prefix": "/"},
             "route": {"cluster": UPSTREAM_CLUSTER, "timeout": duration(spec.route_timeout), **spec.route_action},
             **spec.route_options}
    manager = {
        "@type": CONNECTION_MANAGER_TYPE,
        "stat_prefix": spec.stat_prefix or spec.name,
        "codec_type": "AUTO",
        # The peer is the client: without this, source.address would be whatever
        # the client wrote last in x-forwarded-for.
        "use_remote_address": True,
        "route_config": {"name": spec.route_config_name or f"{spec.name}-routes",
                         "virtual_hosts": [{"name": "all", "domains": ["*"],
                                            "routes": [*spec.routes_before, route]}]},
        "http_filters": filters,
    }
    entry: dict[str, Any] = {
        "name": spec.name,
        "address": socket_address(LOOPBACK, spec.port),
        "filter_chains": [{"filters": [{"name": CONNECTION_MANAGER, "typed_config": manager}]}],
    }
    if spec.listener_filters:
        entry["listener_filters"] = list(spec.listener_filters)
    if spec.hold_headers:
        entry["per_connection_buffer_limit_bytes"] = HELD_BUFFER_LIMIT
    return entry


def _module_path(spec: Listener) -> str | Path | None:
    if isinstance(spec.wasm, bytes):
        raise ValueError(f"listener {spec.name!r}: write its module to a file first (module_file=...)")
    return spec.wasm


def bootstrap(listeners: Sequence[Listener], upstream: Address, *, clusters: Mapping[str, Address] | None = None,
              admin_port: int = 0, extra_clusters: Sequence[dict[str, Any]] = (),
              module_file: Callable[[Listener], str | Path | None] = _module_path) -> dict[str, Any]:
    """A complete bootstrap: an admin endpoint on 127.0.0.1, the listeners, the `upstream`
    cluster, then `clusters` in the order given, then `extra_clusters` (complete cluster
    dicts).  `module_file(spec)` says where each listener's module is (default: its
    `wasm`, which must then be a path)."""
    names = [spec.name for spec in listeners]
    if len(set(names)) != len(names):
        raise ValueError(f"listener names must be unique: {names}")
    extra = dict(clusters or {})
    if UPSTREAM_CLUSTER in extra:
        raise ValueError(f"cluster name {UPSTREAM_CLUSTER!r} is reserved for the upstream")
    return {
        "admin": {"address": socket_address(LOOPBACK, admin_port)},
        "stats_config": {"stats_tags": [dict(tag) for tag in STATS_TAGS]},
        "static_resources": {
            "listeners": [listener(spec, module_file(spec)) for spec in listeners],
            "clusters": [cluster(UPSTREAM_CLUSTER, *upstream)]
                        + [cluster(name, host, port) for name, (host, port) in extra.items()]
                        + [dict(entry) for entry in extra_clusters],
        },
    }

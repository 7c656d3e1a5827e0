"""proxy_get_property: Envoy's attributes, encoded as Envoy encodes them.

Paths arrive as NUL-separated segments (`request\\0path`); a dotted path is a
single segment and is NotFound, as in Envoy (notes §4).  Strings come back
raw, integers as 8-byte little-endian, booleans as one byte, maps in the
pairs format, timestamps (`request.time`) as an integer of nanoseconds since
the epoch (docs/envoy-behaviour.md fact 11).  A map attribute takes one more
segment as a key (`request\\0headers\\0x-user`), like CEL's indexing.  The
node and the route name are under `xds` only, as in Envoy 1.40.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .headers import HeaderMap, encode_pairs, to_bytes
from .state import Context, VmState


# Where the local host's connection comes from and goes to, unless a test says.
DEFAULT_SOURCE = ("127.0.0.1", 40000)
DEFAULT_DESTINATION = ("127.0.0.1", 10000)


@dataclass
class Environment:
    """What the proxy knows about itself and the connection, beyond the request."""

    plugin_name: str = ""
    root_id: str = ""
    vm_id: str = ""
    node_id: str = "pwc-test"
    node_cluster: str = "pwc"
    node_metadata: dict[str, Any] = field(default_factory=dict)
    source: tuple[str, int] = DEFAULT_SOURCE
    destination: tuple[str, int] = DEFAULT_DESTINATION
    mtls: bool = False
    requested_server_name: str = ""  # the TLS SNI; "" without TLS, as Envoy serves it
    route_name: str = ""
    cluster_name: str = "upstream"  # the cluster the route sends the request to (envoy_config's name)
    protocol: str = "HTTP/1.1"
    extra: dict[tuple[str, ...], Any] = field(default_factory=dict)  # overrides, by segments


def encode(value: Any) -> bytes:
    """Envoy's serialization of an attribute value."""
    if isinstance(value, bool):
        return b"\x01" if value else b"\x00"
    if isinstance(value, int):
        return struct.pack("<q", value)
    if isinstance(value, HeaderMap):
        return encode_pairs(value.pairs())
    if isinstance(value, Mapping):
        return encode_pairs([(to_bytes(str(k)), to_bytes(str(v))) for k, v in value.items()])
    return to_bytes(value if isinstance(value, (bytes, str)) else str(value))


def address_text(address: tuple[str, int]) -> str:
    """Envoy's `IP:PORT`, with the IPv6 address in brackets (`[::1]:443`)."""
    host, port = address
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _request(context: Context, env: Environment) -> dict[str, Any]:
    headers = context.request_headers
    path = headers.text(":path") or ""
    parts = urlsplit(path)
    values: dict[str, Any] = {
        "path": path,
        "url_path": parts.path,
        "host": headers.text(":authority") or "",
        "scheme": headers.text(":scheme") or "",
        "method": headers.text(":method") or "",
        "query": parts.query,
        "headers": headers,
        "protocol": env.protocol,
        "time": context.started_ns,
    }
    for name, header in (("id", "x-request-id"), ("useragent", "user-agent"), ("referer", "referer")):
        if header in headers:
            values[name] = headers.text(header)
    return values


def _response(context: Context) -> dict[str, Any]:
    headers = context.response_headers
    status = headers.text(":status")
    if status is None:
        return {}
    values: dict[str, Any] = {"headers": headers}
    if status.isdigit():
        values["code"] = int(status)
    return values


def lookup(state: VmState, env: Environment, path: bytes) -> bytes | None:
    segments = tuple(s.decode("utf-8", errors="replace") for s in path.split(b"\0"))
    if segments in env.extra:
        return encode(env.extra[segments])
    context = state.effective_context()
    roots: dict[str, Any] = {
        "plugin_name": env.plugin_name,
        "plugin_root_id": env.root_id,
        "plugin_vm_id": env.vm_id,
        "xds": {"node": {"id": env.node_id, "cluster": env.node_cluster, "metadata": env.node_metadata},
                "route_name": env.route_name},
        "source": {"address": address_text(env.source), "port": env.source[1]},
        "destination": {"address": address_text(env.destination), "port": env.destination[1]},
        "connection": {"mtls": env.mtls, "requested_server_name": env.requested_server_name},
    }
    if not context.is_root:
        roots["request"] = _request(context, env)
        roots["response"] = _response(context)
        # Envoy picks the route, and so the cluster, before the filters run.
        roots["xds"]["cluster_name"] = env.cluster_name
    value: Any = roots
    for segment in segments:
        if isinstance(value, HeaderMap):
            value = value.get(segment)
        elif isinstance(value, Mapping):
            value = value.get(segment)
        else:
            return None
        if value is None:
            return None
    if value is roots:
        return None
    return encode(value)

"""The attributes a rule can name: one table, read by the checker (types,
phases, what may be written), by lowering (how a value is fetched and
written) and by the docs (docs/language.md, "Attributes").

Three kinds, by how the module gets the value:
- a pseudo-header of the request or response header map (`:path`, ...);
- derived by a stdlib function from a request header: from the first value
  of `:path` (`url_path_of`, `query_params_of`, ...), or from every copy of
  a header (`cookies_of`, over each `cookie` header);
- an Envoy property read with proxy_get_property (`source.address`, ...),
  possibly then derived by a stdlib function (`source.ip`: `address_host`);
- a body, read from Envoy's buffer of it in the body phase of its side.
"""

from __future__ import annotations


from . import types
from .records import record

# The phases in the order a stream runs them.  A body phase runs once its
# side's whole body is in, with that side's headers held (still readable and
# writable); SIDE says which header maps a phase sees as its own.
# `on done` runs when the stream has ended (proxy_on_log): it reads the
# request as the request phase left it and the response, and writes nothing.
PHASES = ("request", "request body", "response", "response body", "done")
SIDE = {"request": "request", "request body": "request", "response": "response", "response body": "response",
        "done": "response",
        "every": "root"}  # `every` blocks run in the plugin's root context, with no stream
BODY_PHASE = {"request": "request body", "response": "response body"}
REQUEST_SIDE = ("request", "request body")
RESPONSE_SIDE = ("response", "response body")
RESPONSE_READABLE = (*RESPONSE_SIDE, "done")  # in `on done` too, as the stream ended


@record(frozen=True)
class Attribute:
    name: str
    type: types.Type
    readable_in: tuple[str, ...] = PHASES
    pseudo_header: str | None = None  # read (and written) as this pseudo-header
    derived_by: str | None = None  # the stdlib function that derives it (from `source_header`, or the property)
    source_header: str = ":path"  # the request header it is derived from, when not a property
    every_copy: bool = False  # derived from the list of every copy of `source_header`, not the first
    property_path: tuple[str, ...] | None = None  # read with proxy_get_property
    written_in: tuple[str, ...] = ()  # the phases whose `set` may write it
    body_buffer: int | None = None  # a body: read and written as this proxy-wasm buffer
    body_reader: str = "body_read"  # a body: the stdlib function that reads it from its buffer
    rewritable: bool = False  # a `rewrite` target


# Request and response attributes read from the header maps.  `request.*`
# stays readable in `on response`: lowering keeps what the response reads.
HEADER_ATTRIBUTES = {attribute.name: attribute for attribute in (
    Attribute("request.path", types.STRING, pseudo_header=":path", written_in=REQUEST_SIDE, rewritable=True),
    Attribute("request.url_path", types.STRING, derived_by="url_path_of", written_in=REQUEST_SIDE, rewritable=True),
    Attribute("request.query", types.STRING, derived_by="query_of"),
    Attribute("request.query_params", types.MAP, derived_by="query_params_of"),
    Attribute("request.cookies", types.MAP, derived_by="cookies_of", source_header="cookie", every_copy=True),
    Attribute("request.method", types.STRING, pseudo_header=":method", written_in=REQUEST_SIDE),
    Attribute("request.host", types.STRING, pseudo_header=":authority", written_in=REQUEST_SIDE, rewritable=True),
    Attribute("request.scheme", types.STRING, pseudo_header=":scheme"),
    Attribute("response.code", types.INT, readable_in=RESPONSE_READABLE, pseudo_header=":status"),
)}

# The bodies, each readable and writable in its body phase only (BufferType 0 and 1).
BODY_ATTRIBUTES = {attribute.name: attribute for attribute in (
    Attribute("request.body", types.STRING, readable_in=("request body",), written_in=("request body",),
              body_buffer=0, rewritable=True),
    Attribute("response.body", types.STRING, readable_in=("response body",), written_in=("response body",),
              body_buffer=1, rewritable=True),
    Attribute("request.form", types.MAP, readable_in=("request body",), derived_by="form_of", body_buffer=0),
    # The body decoded as JSON (null when it is not JSON); written through its
    # keys (`set request.json["a"] = v`, `remove response.json["b"]`).
    Attribute("request.json", types.DYN, readable_in=("request body",), body_buffer=0, body_reader="body_json"),
    Attribute("response.json", types.DYN, readable_in=("response body",), body_buffer=1, body_reader="body_json"),
)}

# Envoy attributes read with proxy_get_property, in every phase.
# node.metadata["KEY"] is handled apart.  Envoy 1.40 serves the node and the
# route and cluster names under `xds` only.
PROPERTY_ATTRIBUTES = {attribute.name: attribute for attribute in (
    Attribute("source.address", types.STRING, property_path=("source", "address")),
    Attribute("source.ip", types.STRING, property_path=("source", "address"), derived_by="address_host"),
    Attribute("source.port", types.INT, property_path=("source", "port")),
    Attribute("destination.address", types.STRING, property_path=("destination", "address")),
    Attribute("destination.ip", types.STRING, property_path=("destination", "address"), derived_by="address_host"),
    Attribute("destination.port", types.INT, property_path=("destination", "port")),
    Attribute("request.id", types.STRING, property_path=("request", "id")),
    Attribute("request.protocol", types.STRING, property_path=("request", "protocol")),
    Attribute("request.time", types.TIMESTAMP, property_path=("request", "time")),
    Attribute("connection.mtls", types.BOOL, property_path=("connection", "mtls")),
    Attribute("connection.requested_server_name", types.STRING, property_path=("connection", "requested_server_name")),
    Attribute("node.id", types.STRING, property_path=("xds", "node", "id")),
    Attribute("plugin_name", types.STRING, property_path=("plugin_name",)),
    Attribute("plugin_root_id", types.STRING, property_path=("plugin_root_id",)),
    Attribute("route_name", types.STRING, property_path=("xds", "route_name")),
    Attribute("cluster_name", types.STRING, property_path=("xds", "cluster_name")),
)}

# The bodies read as JSON values: their keys are written in the phase that reads them.
JSON_ATTRIBUTES = {a.name: a for a in BODY_ATTRIBUTES.values() if a.type is types.DYN}

HEADER_MAPS = {"request.headers": PHASES, "response.headers": RESPONSE_READABLE}

# Views of the tables above, for the questions the passes ask.
WRITABLE = {a.name: a.written_in for a in (*HEADER_ATTRIBUTES.values(), *BODY_ATTRIBUTES.values()) if a.written_in}
REWRITABLE = tuple(a.name for a in (*HEADER_ATTRIBUTES.values(), *BODY_ATTRIBUTES.values()) if a.rewritable)
ATTRIBUTE_OF_PSEUDO_HEADER = {a.pseudo_header: a.name for a in HEADER_ATTRIBUTES.values() if a.pseudo_header}
PROPERTY_ROOTS = {name.split(".")[0] for name in PROPERTY_ATTRIBUTES} | {"node"}
# A call's fields that become its request line: each is checked like the attribute it mirrors.
CALL_FIELD_ATTRIBUTE = {"path": "request.path", "method": "request.method", "authority": "request.host"}


# What each attribute means, in a phrase: the language server's hover shows
# it beside the facts of the tables above (docs/language.md says it at length).
MEANINGS = {
    "request.path": "the whole `:path`, query included",
    "request.url_path": "the path without the query",
    "request.query": "what follows the first `?` of the path (without it)",
    "request.query_params": "the query's parameters decoded as a form; a repeated key keeps its first value",
    "request.cookies": "the cookies of every `cookie` header; a repeated name keeps its first value",
    "request.method": "the `:method` pseudo-header",
    "request.host": "the `:authority` pseudo-header",
    "request.scheme": "the `:scheme` pseudo-header",
    "response.code": "the response's status (`:status`)",
    "request.body": "the whole request body",
    "response.body": "the whole response body",
    "request.form": "the request body read as a form (`a=1&b=2`)",
    "request.json": "the request body decoded as JSON, `null` when it is not JSON",
    "response.json": "the response body decoded as JSON, `null` when it is not JSON",
    "source.address": "the downstream peer's `IP:PORT`",
    "source.ip": "the downstream peer's address without the port",
    "source.port": "the downstream peer's port",
    "destination.address": "the local address the connection came in on, `IP:PORT`",
    "destination.ip": "the local address without the port",
    "destination.port": "the local port",
    "request.id": "Envoy's request id (`x-request-id`)",
    "request.protocol": "the request's protocol, e.g. `HTTP/1.1`",
    "request.time": "when Envoy began the request",
    "connection.mtls": "whether the downstream connection used mutual TLS",
    "connection.requested_server_name": "the SNI the client asked for",
    "node.id": "the Envoy node's id",
    "plugin_name": "the plugin's name in Envoy's configuration",
    "plugin_root_id": "the plugin's root id",
    "route_name": "the name of the route Envoy chose",
    "cluster_name": "the upstream cluster Envoy chose (known in `on response`)",
    "request.headers": "the request's headers: `request.headers[NAME]`, `NAME in request.headers`",
    "response.headers": "the response's headers: `response.headers[NAME]`, `NAME in response.headers`",
}

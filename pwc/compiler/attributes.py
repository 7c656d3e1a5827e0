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

from dataclasses import dataclass

from . import types

# The phases in the order a stream runs them.  A body phase runs once its
# side's whole body is in, with that side's headers held (still readable and
# writable); SIDE says which header maps a phase sees as its own.
PHASES = ("request", "request body", "response", "response body")
SIDE = {"request": "request", "request body": "request", "response": "response", "response body": "response",
        "every": "root"}  # `every` blocks run in the plugin's root context, with no stream
BODY_PHASE = {"request": "request body", "response": "response body"}
REQUEST_SIDE = ("request", "request body")
RESPONSE_SIDE = ("response", "response body")


@dataclass(frozen=True)
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
    Attribute("response.code", types.INT, readable_in=RESPONSE_SIDE, pseudo_header=":status"),
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

HEADER_MAPS = {"request.headers": PHASES, "response.headers": RESPONSE_SIDE}

# Views of the tables above, for the questions the passes ask.
WRITABLE = {a.name: a.written_in for a in (*HEADER_ATTRIBUTES.values(), *BODY_ATTRIBUTES.values()) if a.written_in}
REWRITABLE = tuple(a.name for a in (*HEADER_ATTRIBUTES.values(), *BODY_ATTRIBUTES.values()) if a.rewritable)
ATTRIBUTE_OF_PSEUDO_HEADER = {a.pseudo_header: a.name for a in HEADER_ATTRIBUTES.values() if a.pseudo_header}
PROPERTY_ROOTS = {name.split(".")[0] for name in PROPERTY_ATTRIBUTES} | {"node"}
# A call's fields that become its request line: each is checked like the attribute it mirrors.
CALL_FIELD_ATTRIBUTE = {"path": "request.path", "method": "request.method", "authority": "request.host"}


"""The state one VM's host functions read and change, as one explicit object.

`Vm` (vm.py) owns a `VmState` and runs callbacks against it; `HostFunctions`
(abi_host.py) implements the imports on it.  Neither reaches into the other:
what both see is here, with the questions the imports ask of it (which header
map or buffer is readable now, which context is effective).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pwc.abi import BufferType, LogLevel, MapType, MetricType, Status, StreamType

from .headers import HeaderMap
from .model import HttpCall, LocalReply, LogRecord, TraceEvent

# Envoy's metric ids carry the metric type in their low two bits.
METRIC_TYPE_MASK = 0x3
METRIC_ID_STEP = 0x4
CALL_ID_STEP = 4  # Envoy's http call tokens: 4, 8, 12, ... (notes §5)


@dataclass
class Context:
    """A root context (parent 0) or an HTTP stream context, and what it may see now."""

    id: int
    parent_id: int
    request_headers: HeaderMap = field(default_factory=HeaderMap)
    response_headers: HeaderMap = field(default_factory=HeaderMap)
    request_headers_readable: bool = False
    response_headers_readable: bool = False
    request_body: bytearray | None = None  # None outside the body callbacks
    response_body: bytearray | None = None
    continue_requested: set[StreamType] = field(default_factory=set)
    local_reply: LocalReply | None = None
    closed: bool = False
    properties: dict[bytes, bytes] = field(default_factory=dict)
    route_cache_cleared: int = 0  # proxy_clear_route_cache calls (ABI 0.1.0)
    started_ns: int = 0  # when the stream began, by the host's clock: `request.time`
    fuel: int = 0

    @property
    def is_root(self) -> bool:
        return self.parent_id == 0


class Metrics:
    """Envoy's stats for the module, by name; ids carry the type in their low bits.
    `values` holds counters and gauges, `samples` every value a histogram recorded."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.samples: dict[str, list[int]] = {}
        self.types: dict[str, MetricType] = {}
        self._ids: dict[int, str] = {}
        # Envoy's first counter is 4, its first histogram 6 (docs/envoy-behaviour.md fact 14).
        self._next = {kind: int(kind) + METRIC_ID_STEP for kind in MetricType}

    def define(self, kind: MetricType, name: str) -> int:
        metric_id = self._next[kind]
        self._next[kind] += METRIC_ID_STEP
        self._ids[metric_id] = name
        self.types.setdefault(name, kind)
        self.values.setdefault(name, 0)
        if kind == MetricType.HISTOGRAM:
            self.samples.setdefault(name, [])
        return metric_id

    def _find(self, metric_id: int) -> tuple[str | None, MetricType | None]:
        name = self._ids.get(metric_id)
        kind_value = metric_id & METRIC_TYPE_MASK
        kind = MetricType(kind_value) if kind_value in MetricType._value2member_map_ else None
        return name, kind

    def increment(self, metric_id: int, delta: int) -> Status:
        name, kind = self._find(metric_id)
        if name is None:
            return Status.NOT_FOUND
        if kind == MetricType.COUNTER and delta > 0 or kind == MetricType.GAUGE:
            self.values[name] += delta
            return Status.OK
        return Status.BAD_ARGUMENT

    def record(self, metric_id: int, value: int) -> Status:
        name, kind = self._find(metric_id)
        if name is None:
            return Status.NOT_FOUND
        if kind == MetricType.COUNTER:
            self.values[name] += value
        elif kind == MetricType.HISTOGRAM:
            self.samples[name].append(value)  # Envoy keeps them in its histogram; get_metric cannot read them
        else:
            self.values[name] = value
        return Status.OK

    def get(self, metric_id: int) -> tuple[Status, int]:
        name, kind = self._find(metric_id)
        if name is None:
            return Status.NOT_FOUND, 0
        if kind == MetricType.HISTOGRAM:
            return Status.BAD_ARGUMENT, 0
        return Status.OK, self.values[name]


# Answers proxy_get_property for what the context's own properties do not hold.
PropertyResolver = Callable[["VmState", bytes], "bytes | None"]


@dataclass
class SharedData:
    """proxy-wasm shared data as Envoy keeps it (proxy-wasm-cpp-host's
    SharedData): one table for every VM of a vm_id, so Hosts given the same
    object behave as the workers of one Envoy.  A write naming a version
    (cas) fails on a present key whose version differs; a write to an absent
    key stores, whatever its cas; versions come from one counter that starts
    at 1 and skips 0."""

    entries: dict[bytes, tuple[bytes, int]] = field(default_factory=dict)
    next_cas: int = 1

    def get(self, key: bytes) -> tuple[bytes, int] | None:
        return self.entries.get(key)

    def set(self, key: bytes, value: bytes, cas: int) -> Status:
        current = self.entries.get(key)
        if cas and current is not None and current[1] != cas:
            return Status.CAS_MISMATCH
        self.entries[key] = (value, self.next_cas)
        self.next_cas = (self.next_cas + 1) & 0xFFFFFFFF or 1
        return Status.OK


@dataclass
class VmState:
    """Everything the imports act on: contexts, logs, calls, metrics, configurations."""

    clusters: set[str] = field(default_factory=set)
    clock: Callable[[], int] = time.time_ns
    environment: dict[str, str] = field(default_factory=dict)  # WASI environ
    tracing: bool = False
    property_resolver: PropertyResolver | None = None
    log_level: LogLevel = LogLevel.TRACE
    logs: list[LogRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    trace: list[TraceEvent] = field(default_factory=list)
    metrics: Metrics = field(default_factory=Metrics)
    shared_data: SharedData = field(default_factory=SharedData)
    tick_period_ms: int = 0
    contexts: dict[int, Context] = field(default_factory=dict)
    pending_calls: list[HttpCall] = field(default_factory=list)  # made, not yet answered
    effective_id: int = 0
    plugin_config: bytes | None = None  # readable only inside on_configure
    vm_config: bytes = b""
    call_response: tuple[HeaderMap, bytes, HeaderMap] | None = None  # inside on_http_call_response
    last_call_id: int = 0

    # ---- contexts --------------------------------------------------------------

    def context(self, context_id: int) -> Context:
        return self.contexts[context_id]

    def effective_context(self) -> Context:
        return self.contexts[self.effective_id]

    def new_context(self, context_id: int, parent_id: int) -> Context:
        context = Context(context_id, parent_id)
        self.contexts[context_id] = context
        return context

    def next_call_id(self) -> int:
        self.last_call_id += CALL_ID_STEP
        return self.last_call_id

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    # ---- what the imports see --------------------------------------------------

    def header_map(self, kind: MapType) -> HeaderMap | None:
        context = self.effective_context()
        if kind == MapType.REQUEST_HEADERS and context.request_headers_readable:
            return context.request_headers
        if kind == MapType.RESPONSE_HEADERS and context.response_headers_readable:
            return context.response_headers
        if self.call_response is not None:
            if kind == MapType.HTTP_CALL_RESPONSE_HEADERS:
                return self.call_response[0]
            if kind == MapType.HTTP_CALL_RESPONSE_TRAILERS:
                return self.call_response[2]
        return None

    def buffer(self, kind: BufferType) -> bytes | bytearray | None:
        """A readable buffer, or None (NotFound)."""
        context = self.effective_context()
        if kind == BufferType.REQUEST_BODY:
            return context.request_body or b""
        if kind == BufferType.RESPONSE_BODY:
            return context.response_body or b""
        if kind == BufferType.HTTP_CALL_RESPONSE_BODY and self.call_response is not None:
            return self.call_response[1]
        if kind == BufferType.PLUGIN_CONFIGURATION and self.plugin_config is not None:
            return self.plugin_config
        if kind == BufferType.VM_CONFIGURATION:
            return self.vm_config
        return None

    def configuration(self) -> bytes:
        """What proxy_get_configuration (ABI 0.1.0) returns now: the plugin configuration
        inside on_configure, the VM configuration elsewhere (Envoy's Context::getConfiguration)."""
        return self.plugin_config if self.plugin_config is not None else self.vm_config

    def mutable_buffer(self, kind: BufferType) -> bytearray | None:
        context = self.effective_context()
        if kind == BufferType.REQUEST_BODY:
            return context.request_body
        if kind == BufferType.RESPONSE_BODY:
            return context.response_body
        return None

    def get_property(self, path: bytes) -> bytes | None:
        context = self.effective_context()
        if path in context.properties:
            return context.properties[path]
        if self.property_resolver is None:
            return None
        return self.property_resolver(self, path)

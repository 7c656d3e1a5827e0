"""Drive a proxy-wasm module the way Envoy 1.40 does, from Python.

    host = Host(wasm, plugin_config='{"a": 1}', root_id="api-gate",
                clusters={"auth": Response(200, {"x-user": "alice"})})
    result = host.request(method="GET", path="/x", headers=[("a", "b")])
    result.upstream_request, result.local_reply, result.response, result.calls,
    result.logs, result.fuel, result.trap, result.hung

The stepwise API mirrors proxy-wasm-go-sdk's proxytest: `host.create_stream()`
gives a `Stream`; feed it `send_request_headers`, `send_request_body`, ...,
deliver http-call answers with `host.deliver_calls()`, then `stream.complete()`.

Envoy's behaviour, not the spec's prose, decides (PROXY-WASM-NOTES.md): the
callback order, when header maps are readable, http-call answers delivered on
the root context, local replies and Pause, fail-closed 503s after a trap.
"""

from __future__ import annotations

import ipaddress
import json
import random
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pwc.abi import Action, StreamType

from .abi_host import ABI_0_1_0
from .headers import REQUEST_INLINE, RESPONSE_INLINE, HeaderMap, to_bytes
from .model import (
    Answer,
    as_received,
    body_pieces,
    CallFailure,
    HeadersLike,
    HttpCall,
    LocalReply,
    LogRecord,
    Request,
    Responder,
    Response,
    TraceEvent,
    TrapInfo,
    header_list,
)
from .properties import Environment, lookup
from .state import Context, SharedData
from .vm import DEFAULT_FUEL_LIMIT, LoadError, Vm, VmFailed, holds_headers

ROOT_CONTEXT_ID = 1
FIRST_STREAM_ID = 2

# Whether on_response_headers/on_response_body run for a local reply the filter
# sent from the request phase.  Verified in Envoy 1.40: they do, once, after
# on_request_headers returned, with map 0 still readable; a reply sent there
# replaces the first without re-entry (docs/envoy-behaviour.md facts 1, 3, 5).
LOCAL_REPLY_RUNS_RESPONSE_PHASE = True

__all__ = [
    "Host", "Stream", "RequestResult", "Response", "CallFailure", "HttpCall", "LocalReply",
    "Request", "LogRecord", "TrapInfo", "TraceEvent", "LoadError", "StartError",
    "ConfigurationRejected", "LOCAL_REPLY_RUNS_RESPONSE_PHASE", "envoy_request_headers",
    "ENVOY_ADDED_REQUEST_HEADERS", "SANITIZED_REQUEST_HEADERS",
]


class StartError(Exception):
    """proxy_on_vm_start failed or trapped: Envoy exits with "Failed to start base Wasm"."""

    def __init__(self, message: str, logs: Sequence[LogRecord] = ()) -> None:
        super().__init__(message)
        self.logs = list(logs)


class ConfigurationRejected(StartError):
    """proxy_on_configure returned 0 or trapped: Envoy refuses the plugin configuration."""


# What Envoy's connection manager does to a request's headers before any filter
# runs, with `use_remote_address: true` as every configuration pwc writes sets it,
# verified in Envoy 1.40 (tests/e2e/test_envoy_facts.py).  Every client is
# external (Envoy 1.40 trusts no address as internal unless configured), so:
# these headers a client sends are dropped; x-forwarded-for gets the peer's
# address appended (Envoy's own address for a loopback peer); x-forwarded-proto,
# x-envoy-external-address and x-request-id are replaced in place or appended, in
# ENVOY_ADDED_REQUEST_HEADERS's order.
SANITIZED_REQUEST_HEADERS = frozenset((
    "x-envoy-internal", "x-envoy-original-path", "x-envoy-original-url", "x-envoy-original-host",
    "x-envoy-expected-rq-timeout-ms", "x-envoy-retry-on", "x-envoy-retry-grpc-on", "x-envoy-max-retries",
    "x-envoy-upstream-rq-timeout-ms", "x-envoy-upstream-rq-per-try-timeout-ms",
    "x-envoy-upstream-rq-timeout-alt-response", "x-envoy-hedge-on-per-try-timeout",
    "x-envoy-retriable-status-codes", "x-envoy-retriable-header-names", "x-envoy-upstream-alt-stat-name",
    "x-envoy-decorator-operation", "x-envoy-downstream-service-cluster", "x-envoy-downstream-service-node",
    "x-envoy-ip-tags", "x-envoy-force-trace", "x-forwarded-client-cert",
))
ENVOY_ADDED_REQUEST_HEADERS = ("x-forwarded-for", "x-forwarded-proto", "x-envoy-external-address", "x-request-id")

# What Envoy appends to x-forwarded-for for a client on the loopback interface:
# the host's own address, which depends on the machine; locally, the loopback.
LOOPBACK_FORWARDED_FOR = "127.0.0.1"


def envoy_request_headers(method: str = "GET", path: str = "/", authority: str = "example.com",
                          scheme: str = "http", headers: HeadersLike = None, body: bytes = b"",
                          request_id: str = "", client_ip: str = "127.0.0.1") -> list[tuple[str, str]]:
    """The request header map as a filter sees it in Envoy: pseudo-headers first, names
    lowercased, the client's headers sanitized, then what Envoy adds."""
    # Envoy's HTTP/1 codec drops the spaces and tabs around a value.
    given = [(k.lower(), v.strip(" \t")) for k, v in header_list(headers)]
    for name, value in given:
        if name == "host":  # HTTP/1 Host becomes :authority
            authority = value
    given = [(k, v) for k, v in given if k != "host" and k not in SANITIZED_REQUEST_HEADERS]
    names = {k for k, _ in given}
    if body and "content-length" not in names and "transfer-encoding" not in names:
        given.append(("content-length", str(len(body))))
    loopback = ipaddress.ip_address(client_ip).is_loopback
    # x-forwarded-for is inline: the added copy joins the client's with ","
    given.append(("x-forwarded-for", LOOPBACK_FORWARDED_FOR if loopback else client_ip))
    replaced = {"x-forwarded-proto": scheme, "x-envoy-external-address": client_ip, "x-request-id": request_id}
    for name, value in replaced.items():
        given = _replace_in_place(given, name, value)
    return [(":authority", authority), (":path", path), (":method", method), (":scheme", scheme)] + given


def _replace_in_place(pairs: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    """Envoy's setReference on an inline header: the first copy's place keeps
    the new value, other copies go; appended when there was none."""
    if all(k != name for k, _ in pairs):
        return pairs + [(name, value)]
    first = next(i for i, (k, _) in enumerate(pairs) if k == name)
    return [(k, value) if i == first else (k, v) for i, (k, v) in enumerate(pairs) if i == first or k != name]


# The router adds this to every answer that came from a service (upstream or http
# call), never to its own; pwc's generated code tells a failed call by it.
SERVICE_TIME_HEADER = "x-envoy-upstream-service-time"


def _response_map(response: Response, *, from_service: bool = False) -> HeaderMap:
    headers = HeaderMap([(":status", str(response.status))], inline=RESPONSE_INLINE)
    for name, value in response.headers:
        headers.add(to_bytes(name), to_bytes(value))
    if "content-length" not in headers and "transfer-encoding" not in headers:
        headers.add(b"content-length", str(len(response.body)).encode())
    if from_service:
        headers.replace(SERVICE_TIME_HEADER.encode(), b"0")
    return headers


def _answer_map(answer: Answer) -> tuple[HeaderMap, bytes]:
    """An answer as Envoy hands it on: a service's response, or Envoy's own for a failure."""
    if isinstance(answer, CallFailure):
        response = answer.synthetic_response()
        return _response_map(response), bytes(response.body)
    return _response_map(answer, from_service=True), bytes(answer.body)


def _on_the_wire(response: Response) -> Response:
    """What the connection manager does after the filters: `server: envoy` replaces the upstream's."""
    headers = [(k, v) for k, v in response.headers if k.lower() != "server"] + [("server", "envoy")]
    return Response(response.status, headers, response.body)


def _local_reply_response(reply: LocalReply) -> Response:
    """What Envoy puts on the wire for sendLocalReply."""
    headers = [("content-length", str(len(reply.body)))]
    if reply.body:
        headers.append(("content-type", "text/plain"))
    names = {k.lower() for k, _ in reply.headers}
    headers = [(k, v) for k, v in headers if k not in names] + list(reply.headers)
    return Response(reply.status, headers, reply.body)


def _client_response(headers: HeaderMap, body: bytes) -> Response:
    pairs = headers.text_pairs()
    status = headers.text(":status") or "0"
    return Response(int(status) if status.isdigit() else 0,
                    [(k, as_received(v)) for k, v in pairs if k != ":status"], body)


class _Answers:
    """Turns a Responder into successive answers."""

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.index = 0

    def next(self, request: Any) -> Answer:
        responder = self.responder
        if isinstance(responder, (Response, CallFailure)):
            return responder
        if callable(responder):
            return responder(request)
        answers = list(responder)
        if not answers:
            raise ValueError("an empty list of answers")
        answer = answers[min(self.index, len(answers) - 1)]
        self.index += 1
        return answer


@dataclass
class RequestResult:
    """Everything one request did, as `Host.request` reports it."""

    stream_id: int
    upstream_request: Request | None = None
    local_reply: LocalReply | None = None
    response: Response | None = None  # what the client got; None if the stream hung
    calls: list[HttpCall] = field(default_factory=list)
    logs: list[LogRecord] = field(default_factory=list)
    fuel: int = 0
    trap: TrapInfo | None = None
    hung: bool = False
    reset: bool = False  # the filter closed the stream
    vm_dead: bool = False  # the VM had trapped before: the filter was not called
    trace: list[TraceEvent] = field(default_factory=list)

    def log_lines(self) -> list[str]:
        return [record.message for record in self.logs]


class Stream:
    """One HTTP stream context; each step calls the module as Envoy would."""

    def __init__(self, host: "Host", context: Context) -> None:
        self.host = host
        self.context = context
        self.id = context.id
        self.waiting: StreamType | None = None  # paused until proxy_continue_stream(waiting)
        self.forwarded_request_body = bytearray()
        self.forwarded_response_body = bytearray()
        self.reply_sent: LocalReply | None = None
        self.trap: TrapInfo | None = None
        self.completed = False
        self.held: StreamType | None = None  # headers paused with the body still coming (Host.holds_headers)

    # ---- state a test reads -----------------------------------------------------

    @property
    def request_headers(self) -> HeaderMap:
        return self.context.request_headers

    @property
    def response_headers(self) -> HeaderMap:
        return self.context.response_headers

    @property
    def local_reply(self) -> LocalReply | None:
        return self.context.local_reply

    @property
    def paused(self) -> bool:
        return self.waiting is not None

    @property
    def fuel(self) -> int:
        return self.context.fuel

    # ---- steps ------------------------------------------------------------------

    def _call(self, name: str, *args: int):
        return self.host._callback(name, self.id, *args, account=self.context)

    def _headers_args(self, count: int, end_of_stream: bool) -> tuple[int, ...]:
        """ABI 0.1.0's header callbacks take (context_id, num_headers); 0.2.x add end_of_stream."""
        if self.host.vm.abi_version == ABI_0_1_0:
            return (self.id, count)
        return (self.id, count, int(end_of_stream))

    def _after(self, action: int | None, direction: StreamType, headers: bool = False) -> Action | int:
        action = Action.CONTINUE if action is None else action
        if self.context.local_reply is None and action != Action.CONTINUE:
            self.waiting = direction
            if headers and self.host.holds_headers:
                self.held = direction
        self.host._apply_deferred()
        return Action(action) if action in (Action.CONTINUE, Action.PAUSE) else action

    def send_request_headers(self, headers: Sequence[tuple[str, str]], end_of_stream: bool = True) -> Action | int:
        """proxy_on_request_headers with exactly these headers (see envoy_request_headers)."""
        self.context.request_headers = headers if isinstance(headers, HeaderMap) else HeaderMap(headers, inline=REQUEST_INLINE)
        self.context.request_headers_readable = True
        action = self._call("proxy_on_request_headers",
                            *self._headers_args(len(self.context.request_headers), end_of_stream))
        result = self._after(action, StreamType.HTTP_REQUEST, headers=True)
        if self.waiting is None:
            # Envoy drops its pointer to the request headers once the filter continues.
            self.context.request_headers_readable = False
        return result

    def send_request_body(self, data: bytes, end_of_stream: bool) -> Action | int:
        return self._body("proxy_on_request_body", data, end_of_stream, StreamType.HTTP_REQUEST)

    def send_response_headers(self, headers: Sequence[tuple[str, str]] | HeaderMap,
                              end_of_stream: bool = True) -> Action | int:
        """proxy_on_response_headers; `headers` starts with :status."""
        self.context.response_headers = (headers if isinstance(headers, HeaderMap)
                                         else HeaderMap(headers, inline=RESPONSE_INLINE))
        self.context.response_headers_readable = True
        action = self._call("proxy_on_response_headers",
                            *self._headers_args(len(self.context.response_headers), end_of_stream))
        result = self._after(action, StreamType.HTTP_RESPONSE, headers=True)
        if self.waiting is None:
            self.context.response_headers_readable = False
        return result

    def send_response_body(self, data: bytes, end_of_stream: bool) -> Action | int:
        return self._body("proxy_on_response_body", data, end_of_stream, StreamType.HTTP_RESPONSE)

    def _body(self, callback: str, data: bytes, end_of_stream: bool, direction: StreamType) -> Action | int:
        request = direction == StreamType.HTTP_REQUEST
        attribute = "request_body" if request else "response_body"
        forwarded = self.forwarded_request_body if request else self.forwarded_response_body
        buffered = getattr(self.context, attribute) or bytearray()
        buffered += data
        setattr(self.context, attribute, buffered)
        action = self._call(callback, self.id, len(buffered), int(end_of_stream))
        action = Action.CONTINUE if action is None else action
        if action == Action.CONTINUE:
            forwarded += getattr(self.context, attribute)
            setattr(self.context, attribute, None)
            if self.held == direction:  # held headers go on with the body
                self.held = None
                self.resume(direction)
            self.host._apply_deferred()
            return Action.CONTINUE
        # Pause on a body chunk buffers it (StopIterationAndBuffer); at the end it waits.
        if end_of_stream and self.context.local_reply is None:
            self.waiting = direction
        self.host._apply_deferred()
        return Action(action) if action in (Action.CONTINUE, Action.PAUSE) else action

    def resume(self, direction: StreamType) -> None:
        """What Envoy does after proxy_continue_stream(direction) on a paused stream."""
        if self.waiting != direction:
            return
        self.waiting = None
        body = self.context.request_body if direction == StreamType.HTTP_REQUEST else self.context.response_body
        if body is not None:
            forwarded = (self.forwarded_request_body if direction == StreamType.HTTP_REQUEST
                         else self.forwarded_response_body)
            forwarded += body
        if direction == StreamType.HTTP_REQUEST:
            self.context.request_headers_readable = False
            self.context.request_body = None
        else:
            self.context.response_headers_readable = False
            self.context.response_body = None

    def complete(self) -> None:
        """The stream ends: on_log (both header maps readable again), on_done, on_delete."""
        if self.completed:
            return
        self.completed = True
        self.waiting = None
        self.context.request_headers_readable = True
        self.context.response_headers_readable = True
        self._call("proxy_on_log", self.id)
        self._call("proxy_on_done", self.id)
        self._call("proxy_on_delete", self.id)
        self.context.request_headers_readable = False
        self.context.response_headers_readable = False
        self.host.streams.pop(self.id, None)


class Host:
    """A proxy-wasm host for one plugin: one VM, one root context (id 1)."""

    def __init__(
        self,
        wasm: bytes,
        *,
        plugin_config: str | bytes | Mapping | None = None,
        vm_config: str | bytes = b"",
        root_id: str = "",
        plugin_name: str | None = None,
        vm_id: str = "",
        clusters: Mapping[str, Responder] | None = None,
        upstream: Responder | Callable[[Request], Answer] | None = None,
        fuel_limit: int = DEFAULT_FUEL_LIMIT,
        clock: Callable[[], int] = time.time_ns,
        environment: Environment | None = None,
        properties: Mapping[str, Any] | None = None,
        local_reply_runs_response_phase: bool = LOCAL_REPLY_RUNS_RESPONSE_PHASE,
        trace: bool = False,
        seed: int = 0,
        start: bool = True,
        shared_data: SharedData | None = None,
    ) -> None:
        self.clusters = {name: _Answers(responder) for name, responder in (clusters or {}).items()}
        self.upstream = _Answers(upstream if upstream is not None else Response(200))
        self.environment = environment or Environment()
        self.environment.root_id = root_id or self.environment.root_id
        self.environment.plugin_name = plugin_name or root_id or self.environment.plugin_name
        self.environment.vm_id = vm_id or self.environment.vm_id
        for dotted, value in (properties or {}).items():
            self.environment.extra[tuple(dotted.split("."))] = value
        self.local_reply_runs_response_phase = local_reply_runs_response_phase
        self.vm = Vm(wasm, fuel_limit=fuel_limit, clusters=set(self.clusters), clock=clock, trace=trace,
                     property_resolver=lambda state, path: lookup(state, self.environment, path))
        if isinstance(plugin_config, Mapping):
            plugin_config = json.dumps(plugin_config)
        self.plugin_config = to_bytes(plugin_config) if plugin_config is not None else b""
        self.vm.state.vm_config = to_bytes(vm_config)
        if shared_data is not None:  # another worker's: this Host is one more VM of its Envoy
            self.vm.state.shared_data = shared_data
        # Configured as pwc configures Envoy: allow_on_headers_stop_iteration for a module
        # with body callbacks (vm.BODY_CALLBACKS), so a Pause from its headers holds them
        # while the body still comes in; otherwise a Pause stops the body too.
        self.holds_headers = holds_headers(bytes(wasm))
        self.streams: dict[int, Stream] = {}
        self.calls: list[HttpCall] = []  # every call made, in order
        self._next_stream_id = FIRST_STREAM_ID
        self._random = random.Random(seed)
        self.started = False
        if start:
            self.start()

    # ---- state a test reads ------------------------------------------------------

    @property
    def logs(self) -> list[LogRecord]:
        return self.vm.state.logs

    @property
    def metrics(self) -> dict[str, int]:
        """Counters and gauges by the name the module defined them with."""
        return self.vm.state.metrics.values

    @property
    def histograms(self) -> dict[str, list[int]]:
        """Every value each histogram recorded, in order."""
        return self.vm.state.metrics.samples

    @property
    def trace(self) -> list[TraceEvent]:
        return self.vm.state.trace

    @property
    def trap(self) -> TrapInfo | None:
        return self.vm.failure

    @property
    def abi_version(self) -> str:
        """The module's proxy-wasm ABI version: "0.1.0", "0.2.0" or "0.2.1"."""
        return self.vm.abi_version

    @property
    def dead(self) -> bool:
        return self.vm.failure is not None

    @property
    def pending_calls(self) -> list[HttpCall]:
        return list(self.vm.state.pending_calls)

    @property
    def tick_period_ms(self) -> int:
        return self.vm.state.tick_period_ms

    def log_lines(self, level=None) -> list[str]:
        return [r.message for r in self.vm.state.logs if level is None or r.level == level]

    # ---- lifecycle --------------------------------------------------------------

    def _callback(self, name: str, context_id: int, *args: int, account: Context | None = None):
        return self.vm.call(name, *args, context_id=context_id, account=account)

    def start(self) -> None:
        """Envoy's plugin start: _initialize/_start, root context, on_vm_start, on_configure."""
        if self.started:
            return
        self.started = True
        root = self.vm.state.new_context(ROOT_CONTEXT_ID, 0)
        try:
            # WASI reactors get _initialize (then main(0, 0) if exported); commands get _start.
            if self.vm.has("_initialize"):
                self._callback("_initialize", ROOT_CONTEXT_ID, account=root)
                if self.vm.has("main"):
                    self._callback("main", ROOT_CONTEXT_ID, 0, 0, account=root)
            elif self.vm.has("_start"):
                self._callback("_start", ROOT_CONTEXT_ID, account=root)
            self._callback("proxy_on_context_create", ROOT_CONTEXT_ID, ROOT_CONTEXT_ID, 0, account=root)
            ok = self._callback("proxy_on_vm_start", ROOT_CONTEXT_ID, ROOT_CONTEXT_ID, len(self.vm.state.vm_config),
                                account=root)
        except VmFailed as failed:
            raise StartError(f"Failed to start base Wasm: {failed.trap}", self.vm.state.logs) from None
        if ok == 0:
            raise StartError("Failed to start base Wasm: proxy_on_vm_start returned false", self.vm.state.logs)
        self.vm.state.plugin_config = self.plugin_config
        try:
            ok = self._callback("proxy_on_configure", ROOT_CONTEXT_ID, ROOT_CONTEXT_ID, len(self.plugin_config), account=root)
        except VmFailed as failed:
            raise ConfigurationRejected(f"Failed to configure base Wasm plugin: {failed.trap}",
                                        self.vm.state.logs) from None
        finally:
            self.vm.state.plugin_config = None  # readable only inside on_configure
        if ok == 0:
            raise ConfigurationRejected("Failed to configure base Wasm plugin: proxy_on_configure "
                                        "returned false", self.vm.state.logs)

    def create_stream(self) -> Stream:
        """A new HTTP stream: proxy_on_context_create(id, root)."""
        context = self.vm.state.new_context(self._next_stream_id, ROOT_CONTEXT_ID)
        context.started_ns = self.vm.state.clock()
        self._next_stream_id += 1
        stream = Stream(self, context)
        self.streams[stream.id] = stream
        self._callback("proxy_on_context_create", stream.id, stream.id, ROOT_CONTEXT_ID, account=context)
        return stream

    def tick(self) -> bool:
        """Fire proxy_on_tick(root) if the module set a tick period; True if it fired."""
        if self.vm.state.tick_period_ms == 0:
            return False
        self._callback("proxy_on_tick", ROOT_CONTEXT_ID, ROOT_CONTEXT_ID,
                       account=self.vm.state.context(ROOT_CONTEXT_ID))
        self._apply_deferred()
        return True

    def answer_calls(self, clusters: Mapping[str, Responder]) -> None:
        """From now on, answer the calls to these clusters (which the host was made with) this way."""
        unknown = set(clusters) - set(self.clusters)
        if unknown:
            raise ValueError(f"clusters the host was not made with: {sorted(unknown)}")
        self.clusters.update({name: _Answers(responder) for name, responder in clusters.items()})

    def request_id(self) -> str:
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    # ---- http calls -------------------------------------------------------------

    def deliver_call(self, call: HttpCall, answer: Answer | None = None) -> None:
        """proxy_on_http_call_response(root, call_id, ...) with map 6 and buffer 4 readable."""
        self.vm.state.pending_calls.remove(call)
        if answer is None:
            answer = self.clusters[call.cluster].next(call)
        call.answer = answer
        headers, body = _answer_map(answer)
        self.vm.state.call_response = (headers, body, HeaderMap())
        stream = self.streams.get(call.context_id)
        account = stream.context if stream else self.vm.state.context(ROOT_CONTEXT_ID)
        try:
            self._callback("proxy_on_http_call_response", ROOT_CONTEXT_ID, ROOT_CONTEXT_ID, call.call_id, len(headers),
                           len(body), 0, account=account)
        finally:
            self.vm.state.call_response = None
        self._apply_deferred()

    def deliver_calls(self) -> int:
        """Answer every pending call (and those made while answering); returns how many."""
        delivered = 0
        while self.vm.state.pending_calls:
            self.deliver_call(self.vm.state.pending_calls[0])
            delivered += 1
        return delivered

    def _apply_deferred(self) -> None:
        """Envoy runs continue_stream and local replies after the VM call returns."""
        for call in self.vm.state.pending_calls:
            if call not in self.calls:
                self.calls.append(call)
        for stream in list(self.streams.values()):
            requested = stream.context.continue_requested
            if stream.context.local_reply is not None:
                stream.waiting = None
            for direction in sorted(requested):
                stream.resume(direction)
            requested.clear()

    # ---- one whole request --------------------------------------------------------

    def request(self, method: str = "GET", path: str = "/", headers: HeadersLike = None, body: bytes | str = b"",
                *, authority: str = "example.com", scheme: str = "http",
                upstream: Responder | None = None, chunks: Sequence[int] = ()) -> RequestResult:
        """Send a request through the filter to the upstream and back, as Envoy would;
        the body in pieces of `chunks` bytes, then the rest (model.body_pieces)."""
        body = to_bytes(body)
        if self.dead:
            reply = LocalReply(503, b"", [], "wasm_fail_stream")
            return RequestResult(0, local_reply=reply, response=_on_the_wire(_local_reply_response(reply)),
                                 vm_dead=True)
        logs_before, trace_before, calls_before = len(self.vm.state.logs), len(self.vm.state.trace), len(self.calls)
        pairs = envoy_request_headers(method, path, authority, scheme, headers, body, self.request_id(),
                                      self.environment.source[0])
        result = RequestResult(self._next_stream_id)
        stream = None
        try:
            stream = self.create_stream()
            self._run(stream, pairs, body, result, _Answers(upstream) if upstream is not None else self.upstream,
                      list(chunks))
        except VmFailed as failed:
            # Fail closed: the request gets Envoy's 503, the VM stays dead.
            result.trap = failed.trap
            result.local_reply = LocalReply(503, b"", [], "wasm_fail_stream")
            result.response = _local_reply_response(result.local_reply)
            result.hung = False
            if stream is not None:
                self.streams.pop(stream.id, None)
        if not self.dead:
            # calls made as the stream ended (`on done`'s) belong to the root context: answered now
            self._apply_deferred()
            self.deliver_calls()
        if result.response is not None:
            result.response = _on_the_wire(result.response)
        result.fuel = stream.fuel if stream is not None else 0
        result.calls = self.calls[calls_before:]
        result.logs = self.vm.state.logs[logs_before:]
        result.trace = self.vm.state.trace[trace_before:]
        return result

    def _settle(self, stream: Stream) -> bool:
        """Deliver the calls in flight; True if the stream may go on."""
        self.deliver_calls()
        return stream.waiting is None

    def _ended_by_reply(self, stream: Stream, result: RequestResult, upstream_seen: bool) -> bool:
        reply = stream.context.local_reply
        if reply is None:
            return False
        result.local_reply = reply
        response = _local_reply_response(reply)
        if not upstream_seen and self.local_reply_runs_response_phase:
            # The reply goes through the encoder filter chain, this filter included,
            # with the request headers still readable.  A reply sent there replaces
            # this one and goes straight to the client.
            context = stream.context
            context.local_reply = None
            context.request_headers_readable = True
            stream.send_response_headers(_response_map(response), end_of_stream=not reply.body)
            if context.local_reply is None and reply.body:
                stream.send_response_body(reply.body, end_of_stream=True)
            context.request_headers_readable = False
            if context.local_reply is not None:
                result.local_reply = context.local_reply
                response = _local_reply_response(context.local_reply)
            else:
                context.local_reply = reply
                response = _client_response(context.response_headers, bytes(stream.forwarded_response_body))
        result.response = response
        return True

    def _run(self, stream: Stream, pairs, body: bytes, result: RequestResult, upstream: _Answers,
             chunks: list[int]) -> None:
        stream.send_request_headers(pairs, end_of_stream=not body)
        go_on = self._deliver_body(stream, StreamType.HTTP_REQUEST, body_pieces(body, chunks))
        if not self._finish_early(stream, result, upstream_seen=False, go_on=go_on):
            request = Request.from_map(stream.context.request_headers, bytes(stream.forwarded_request_body))
            result.upstream_request = request
            answer = upstream.next(request)
            response_map, response_body = _answer_map(answer)
            response = Response(0, [], response_body)
            stream.send_response_headers(response_map, end_of_stream=not response.body)
            pieces = answer.pieces() if isinstance(answer, Response) else body_pieces(response.body, [])
            go_on = self._deliver_body(stream, StreamType.HTTP_RESPONSE, pieces)
            if not self._finish_early(stream, result, upstream_seen=True, go_on=go_on):
                result.response = _client_response(stream.context.response_headers,
                                                   bytes(stream.forwarded_response_body))
        result.reset = stream.context.closed
        stream.complete()

    def _deliver_body(self, stream: Stream, direction: StreamType, pieces: list[bytes]) -> bool:
        """After the headers: a body as Envoy hands it to a filter that continued
        or holds its headers, piece by piece, then an empty end of stream (as
        Envoy's HTTP/1 codec does); True if the stream may go on."""
        send = stream.send_request_body if direction == StreamType.HTTP_REQUEST else stream.send_response_body
        for data, end in [(piece, False) for piece in pieces] + [(b"", True)] if pieces else []:
            if stream.context.local_reply is not None or not (self._settle(stream) or stream.held == direction):
                break
            send(data, end_of_stream=end)
        return self._settle(stream)

    def _finish_early(self, stream: Stream, result: RequestResult, *, upstream_seen: bool, go_on: bool) -> bool:
        if stream.context.closed:
            result.reset = True
            return True
        if self._ended_by_reply(stream, result, upstream_seen):
            return True
        if not go_on:
            result.hung = True  # nothing left that could resume it: Envoy would wait until a timeout
            return True
        return False

"""Plain data the runtime records and returns: requests, responses, calls, logs, traps.

Kept apart from the host so that the import functions (abi_host.py), the
driver (host.py), the Envoy harness (envoy.py, http1.py) and the test runner
share one vocabulary without cycles.  `Request` and `Response` are the one
model of an HTTP message, in the local host and on the wire alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Union

from pwc.abi import LogLevel

from .headers import HeaderMap, to_bytes, to_text

HeadersLike = Union[Mapping[str, str], Sequence[tuple[str, str]], Sequence[Sequence[str]], None]

# Envoy's own answers when no response came from the service (PROXY-WASM-NOTES.md §5).
TIMEOUT_BODY = b"upstream request timeout"
# Envoy 1.40's bodies, as `pwc test --envoy` sees them: a refused connection, and a
# service that accepts and closes without answering.  Both start with CONNECT_FAILURE_PREFIX.
CONNECT_FAILURE_PREFIX = b"upstream connect error or disconnect/reset before headers. reset reason: "
CONNECT_FAILURE_BODY = CONNECT_FAILURE_PREFIX + b"remote connection failure"
RESET_BODY = CONNECT_FAILURE_PREFIX + b"connection termination"


def header_list(headers: HeadersLike) -> list[tuple[str, str]]:
    """Headers given as a mapping or as (name, value) pairs -> a list of pairs."""
    if headers is None:
        return []
    if isinstance(headers, Mapping):
        return [(str(k), str(v)) for k, v in headers.items()]
    return [(str(k), str(v)) for k, v in headers]


def header_values(headers: Sequence[tuple[str, str]], name: str) -> list[str]:
    """Every value of header `name` (case-insensitive), in order, one per header line."""
    name = name.lower()
    return [v for k, v in headers if k.lower() == name]


def _lookup(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    values = header_values(headers, name)
    return values[0] if values else None


def body_pieces(body: bytes, sizes: list[int]) -> list[bytes]:
    """`body` cut into pieces of `sizes` (in order), the rest in a last piece;
    the whole body in one piece without sizes; no empty pieces."""
    pieces, at = [], 0
    for size in sizes:
        if at >= len(body):
            break
        pieces.append(body[at:at + size])
        at += size
    if at < len(body):
        pieces.append(body[at:])
    return [piece for piece in pieces if piece]


@dataclass
class Response:
    """An HTTP response: what an upstream or a called cluster answers, or what the client got.

    `reason` is the client's status line text; `delay` (seconds) is how long the
    recording upstream (http1.Upstream) waits before sending this answer; `chunks`
    the sizes of the pieces the body is sent in (chunked transfer-encoding, a moment
    apart), the rest in a last piece.  None takes part in comparisons."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    reason: str = field(default="", compare=False)
    delay: float = field(default=0.0, compare=False)
    chunks: list[int] = field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.headers = header_list(self.headers)
        self.body = to_bytes(self.body)

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive), or None."""
        return _lookup(self.headers, name)

    def header_values(self, name: str) -> list[str]:
        return header_values(self.headers, name)

    def pieces(self) -> list[bytes]:
        """The body cut as `chunks` says (see body_pieces)."""
        return body_pieces(self.body, self.chunks)

    @property
    def text(self) -> str:
        return to_text(self.body)


FailKind = Literal["timeout", "refused", "reset"]


@dataclass(frozen=True)
class CallFailure:
    """No answer from the service: Envoy answers the http call itself."""

    kind: FailKind

    def synthetic_response(self) -> Response:
        if self.kind == "timeout":
            status, body = 504, TIMEOUT_BODY
        elif self.kind == "reset":
            status, body = 503, RESET_BODY
        else:
            status, body = 503, CONNECT_FAILURE_BODY
        # Envoy's synthetic answer carries exactly three headers, :status included.
        return Response(status, [("content-length", str(len(body))), ("content-type", "text/plain")], body)


@dataclass
class HttpCall:
    """One proxy_http_call the module made."""

    call_id: int
    cluster: str
    headers: list[tuple[str, str]]
    body: bytes
    trailers: list[tuple[str, str]]
    timeout_ms: int
    context_id: int
    answer: Response | CallFailure | None = None

    def header(self, name: str) -> str | None:
        return _lookup(self.headers, name)

    @property
    def method(self) -> str | None:
        return self.header(":method")

    @property
    def path(self) -> str | None:
        return self.header(":path")

    @property
    def authority(self) -> str | None:
        return self.header(":authority")


@dataclass
class Request:
    """An HTTP request.  As the local host passes it upstream: every header in Envoy's
    map, pseudo-headers first, with `authority` and `scheme`.  As the recording
    upstream received it over HTTP/1.1: the header lines as sent (text Latin-1
    decoded, so bytes round-trip), `version`, and the request `line` exactly."""

    method: str
    path: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    authority: str = ""
    scheme: str = ""
    version: str = ""
    line: bytes = field(default=b"", compare=False)  # the request line without its CRLF
    received_at: float = field(default_factory=time.monotonic, compare=False)

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive), or None."""
        return _lookup(self.headers, name)

    def header_values(self, name: str) -> list[str]:
        return header_values(self.headers, name)

    @classmethod
    def from_map(cls, headers: HeaderMap, body: bytes) -> "Request":
        return cls(
            method=headers.text(":method") or "",
            path=headers.text(":path") or "",
            authority=headers.text(":authority") or "",
            scheme=headers.text(":scheme") or "",
            headers=[(name, as_received(value)) for name, value in headers.text_pairs()],
            body=bytes(body),
        )


def as_received(value: str) -> str:
    """A header value as the peer of an HTTP/1 connection reads it: the blanks
    around it are not part of it (RFC 9112's optional white space), so a value
    a filter wrote as " x" reaches the upstream, and the client, as "x"."""
    return value.strip(" \t")


@dataclass
class LocalReply:
    """What proxy_send_local_response asked for."""

    status: int
    body: bytes
    headers: list[tuple[str, str]]
    details: str = ""
    grpc_status: int = -1

    def header(self, name: str) -> str | None:
        return _lookup(self.headers, name)

    @property
    def text(self) -> str:
        return to_text(self.body)


@dataclass(frozen=True)
class LogRecord:
    level: LogLevel
    message: str
    context_id: int

    def __str__(self) -> str:
        return f"[{self.level.name.lower()}] {self.message}"


@dataclass
class TrapInfo:
    """A callback that did not return normally; the VM is dead afterwards, as in Envoy."""

    callback: str
    kind: Literal["trap", "out_of_fuel", "exit", "host_error"]
    message: str
    backtrace: list[str] = field(default_factory=list)
    context_id: int = 0

    def __str__(self) -> str:
        what = {"trap": "trapped", "out_of_fuel": "ran out of fuel", "exit": "exited",
                "host_error": "failed in the host"}[self.kind]
        text = f"{self.callback} {what}: {self.message}"
        if self.backtrace:
            text += "\n" + "\n".join(f"  at {frame}" for frame in self.backtrace)
        return text


@dataclass(frozen=True)
class TraceEvent:
    """One proxy-wasm call, in order: `callback` (host -> module), its `return`, or a
    `host` call (module -> host) made meanwhile."""

    direction: Literal["callback", "return", "host"]
    name: str
    args: tuple
    result: object
    context_id: int

    def __str__(self) -> str:
        if self.direction == "return":
            return f"<- {self.name} returned {self.result}"
        arrow = "->" if self.direction == "callback" else "  host"
        args = ", ".join(repr(a) if isinstance(a, (str, bytes)) else str(a) for a in self.args)
        result = "" if self.result is None else f" = {self.result}"
        return f"{arrow} {self.name}({args}){result}"


# An answer source: a fixed answer, a list answered in order, or a function of the request.
Answer = Union[Response, CallFailure]
Responder = Union[Answer, Sequence[Answer], Callable[..., Answer]]

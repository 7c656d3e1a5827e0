"""HTTP/1.1 on 127.0.0.1 for the Envoy harness: the message codec, a raw client,
and the one recording server that plays the upstream and every called cluster.

    with Upstream() as upstream:                      # answers with a responder function
        ...; upstream.requests[-1].header("x-added")
    server = Upstream(answers=[Response(204)])        # answers a test case's list, in order
    server.set_case([CallFailure("timeout"), Response(200, [], b"ok")])

Requests and answers are model.Request and model.Response; an answer may also
be a model.CallFailure: `timeout` holds the connection without answering,
`reset` reads the request and closes, `refused` (only among other answers; a
cluster refused throughout points at a `ClosedPort`) resets the connection
before reading anything.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Sequence
from typing import Union

from .model import Answer, CallFailure, Request, Response, header_values

HeaderList = list[tuple[str, str]]
Bytesish = Union[str, bytes]
# A responder returns a Response or a tuple (status, headers, body[, delay]).
UpstreamResponder = Callable[[Request], Union[Response, tuple]]

HOLD_S = 60.0  # how long a `timeout` answer keeps the connection open (cut short at close)
CASE_READ_TIMEOUT_S = 10.0  # a case server gives up on a request that does not arrive


# ---------------------------------------------------------------------------
# Reading messages, shared by the server and the client


class _Reader:
    """Buffered reads from a socket: lines, exact sizes, or everything until EOF."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def line(self, limit: int = 1 << 20) -> bytes | None:
        """One line without its CRLF; None at EOF before any byte of it."""
        while b"\n" not in self.buffer:
            if len(self.buffer) > limit:
                raise ValueError("line too long")
            if not self._fill():
                if self.buffer:
                    raise ConnectionError("connection closed mid-line")
                return None
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.rstrip(b"\r")

    def exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            if not self._fill():
                raise ConnectionError(f"connection closed after {len(self.buffer)} of {size} body bytes")
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def rest(self) -> bytes:
        while self._fill():
            pass
        data, self.buffer = self.buffer, b""
        return data


def _read_headers(reader: _Reader) -> HeaderList:
    headers: HeaderList = []
    while True:
        line = reader.line()
        if line is None:
            raise ConnectionError("connection closed inside the header block")
        if not line:
            return headers
        name, sep, value = line.partition(b":")
        if not sep:
            raise ValueError(f"malformed header line {line!r}")
        headers.append((name.decode("latin-1"), value.strip(b" \t").decode("latin-1")))


def _read_body(reader: _Reader, headers: HeaderList, *, until_eof: bool) -> bytes:
    """The message body per RFC 9112 §6.3: chunked, Content-Length, or (responses) until EOF."""
    encodings = ",".join(header_values(headers, "transfer-encoding")).lower()
    if "chunked" in encodings:
        body = b""
        while True:
            size_line = reader.line()
            if size_line is None:
                raise ConnectionError("connection closed inside a chunked body")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                _read_headers(reader)  # trailers, dropped
                return body
            body += reader.exact(size)
            reader.exact(2)  # CRLF after the chunk
    lengths = header_values(headers, "content-length")
    if lengths:
        return reader.exact(int(lengths[0]))
    return reader.rest() if until_eof else b""


def _to_bytes(value: Bytesish) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")


def read_request(reader: _Reader) -> Request | None:
    """The next request on the connection; None at EOF before it."""
    line = reader.line()
    while line == b"":  # tolerate stray CRLF between requests (RFC 9112 §2.2)
        line = reader.line()
    if line is None:
        return None
    method, path, version = line.decode("latin-1").split(" ", 2)
    headers = _read_headers(reader)
    body = _read_body(reader, headers, until_eof=False)
    return Request(method, path, headers, body, version=version, line=line)


# ---------------------------------------------------------------------------
# Writing responses


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 418: "I'm a teapot", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


CHUNK_PAUSE_S = 0.02  # between the pieces of a body sent in chunks, so that the peer reads them apart


def chunk(piece: bytes) -> bytes:
    """One piece of a body in chunked transfer-encoding; b"" is the last chunk."""
    return b"%x\r\n%s\r\n" % (len(piece), piece) if piece else b"0\r\n\r\n"


def send_in_chunks(sock: socket.socket, head: bytes, pieces: Sequence[bytes]) -> None:
    """`head` (ending with the blank line), then each piece as a chunk, a moment apart."""
    sock.sendall(head)
    for piece in [*pieces, b""]:
        time.sleep(CHUNK_PAUSE_S)
        sock.sendall(chunk(piece))


def _answer(sock: socket.socket, request: Request, response: Response) -> None:
    """Send `response`; one with `chunks` says transfer-encoding: chunked (testcases.answer_of)."""
    if response.chunks:
        send_in_chunks(sock, encode_response(request, Response(response.status, response.headers)),
                       response.pieces())
    else:
        sock.sendall(encode_response(request, response))


def encode_response(request: Request, response: Response) -> bytes:
    """The answer's bytes; adds content-length unless the answer frames itself."""
    reason = _REASONS.get(response.status, "Status")
    lines = [f"HTTP/1.1 {response.status} {reason}".encode("latin-1")]
    lines += [_to_bytes(k) + b": " + _to_bytes(v) for k, v in response.headers]
    framed = response.header_values("content-length") or response.header_values("transfer-encoding")
    interim = 100 <= response.status < 200
    no_body = request.method == "HEAD" or response.status in (204, 304) or interim
    if not framed and response.status not in (204, 304) and not interim:
        lines.append(b"content-length: %d" % len(response.body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + (b"" if no_body else response.body)


def _wants_close(request: Request, response: Response) -> bool:
    tokens = ",".join(request.header_values("connection") + response.header_values("connection"))
    return "close" in tokens.lower() or request.version == "HTTP/1.0"


# ---------------------------------------------------------------------------
# The recording server


def default_responder(request: Request) -> Response:
    return Response(200, [("content-type", "text/plain")], b"upstream ok\n")


def _as_response(answer: Response | tuple) -> Response:
    if isinstance(answer, Response):
        return answer
    status, headers, body, *rest = answer
    return Response(status, list(headers), _to_bytes(body), delay=float(rest[0]) if rest else 0.0)


class _CaseAnswers:
    """A test case's answers, taken one per connection in order; the last one repeats."""

    def __init__(self, answers: Answer | Sequence[Answer]) -> None:
        self.answers: list[Answer] = list(answers) if isinstance(answers, Sequence) else [answers]
        self.taken = 0

    def take(self) -> Answer:
        answer = self.answers[min(self.taken, len(self.answers) - 1)]
        self.taken += 1
        return answer


class _Handler(socketserver.BaseRequestHandler):
    server: "_Server"

    def handle(self) -> None:
        owner = self.server.owner
        sock: socket.socket = self.request
        owner._track(sock, add=True)
        try:
            if owner._case is None:
                owner._serve_keep_alive(sock)
            else:
                owner._serve_case(sock)
        except (OSError, ValueError, ConnectionError):
            return  # peer hung up or sent garbage: drop the connection
        finally:
            owner._track(sock, add=False)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, owner: "Upstream"):
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _Handler)


class Upstream:
    """A recording HTTP/1.1 server on 127.0.0.1.

    Without `answers`, `responder(request)` answers each request, keep-alive
    connections, Content-Length and chunked request bodies supported.  With
    `answers` (or after `set_case`), a test case's answers are given in order,
    one exchange per connection, each answer saying `connection: close`: so
    every request or call gets a fresh connection and the answers follow the
    order of the calls.  Closing the server also closes open connections and
    cuts any delay or hold short.
    """

    def __init__(self, responder: UpstreamResponder | None = None, *, answers: Answer | Sequence[Answer] | None = None):
        self.responder: UpstreamResponder = responder or default_responder
        self.requests: list[Request] = []
        self._case = None if answers is None else _CaseAnswers(answers)
        self._changed = threading.Condition()
        self._closing = threading.Event()
        self._connections: set[socket.socket] = set()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("upstream not started")
        return self._server.server_address[1]

    def start(self) -> "Upstream":
        self._closing.clear()
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"pwc-upstream-{self.port}", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is None:
            return
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
        with self._changed:
            connections = list(self._connections)
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> "Upstream":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def clear(self) -> None:
        """Forget recorded requests (the responder stays)."""
        with self._changed:
            self.requests.clear()

    def set_case(self, answers: Answer | Sequence[Answer]) -> None:
        """Answer with `answers` from now on (one exchange per connection), and forget
        the requests recorded so far."""
        with self._changed:
            self._case = _CaseAnswers(answers)
            self.requests = []

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Request]:
        """Block until at least `count` requests were recorded; TimeoutError otherwise."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.requests) >= count, timeout):
                raise TimeoutError(f"upstream saw {len(self.requests)} requests, wanted {count} within {timeout}s")
            return list(self.requests)

    # -- serving (in the connection's thread)

    def _serve_keep_alive(self, sock: socket.socket) -> None:
        reader = _Reader(sock)
        while not self._closing.is_set():
            request = read_request(reader)
            if request is None:
                return
            self._record(request)
            response = _as_response(self.responder(request))
            if response.delay and self._closing.wait(response.delay):
                return
            _answer(sock, request, response)
            if _wants_close(request, response):
                return

    def _serve_case(self, sock: socket.socket) -> None:
        try:
            with self._changed:
                assert self._case is not None
                answer = self._case.take()
            if isinstance(answer, CallFailure) and answer.kind == "refused":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return  # closed below: a reset before anything was read
            sock.settimeout(CASE_READ_TIMEOUT_S)
            request = read_request(_Reader(sock))
            if request is None:
                return
            self._record(request)
            if isinstance(answer, CallFailure):
                if answer.kind == "timeout":
                    self._hold(sock)
                return  # reset: close without answering
            if answer.delay and self._closing.wait(answer.delay):
                return
            # The connection closes after this answer, so the answer says so: otherwise
            # Envoy may send the next request on a connection being closed, and answer it
            # 503 itself.
            closing = Response(answer.status, [*answer.headers, ("connection", "close")], answer.body,
                               chunks=answer.chunks)
            _answer(sock, request, closing)
        finally:
            sock.close()

    def _hold(self, sock: socket.socket) -> None:
        """Keep the connection open, answering nothing, until Envoy gives up on it."""
        sock.settimeout(0.05)
        deadline = time.monotonic() + HOLD_S
        while not self._closing.is_set() and time.monotonic() < deadline:
            try:
                if sock.recv(65536) == b"":
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def _record(self, request: Request) -> None:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def _track(self, sock: socket.socket, *, add: bool) -> None:
        with self._changed:
            (self._connections.add if add else self._connections.discard)(sock)


class ClosedPort:
    """A port nothing listens on: bound (so no one else takes it) but not listening."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def close(self) -> None:
        self.sock.close()


# ---------------------------------------------------------------------------
# A raw client


def encode_request(method: str, path: Bytesish, headers: Sequence[tuple[Bytesish, Bytesish]],
                   body: bytes = b"", *, host: str = "localhost") -> bytes:
    """Request bytes exactly as given; adds `host` and `content-length` only when absent."""
    names = {_to_bytes(name).lower() for name, _ in headers}
    lines = [method.encode("ascii") + b" " + _to_bytes(path) + b" HTTP/1.1"]
    if b"host" not in names:
        lines.append(b"host: " + host.encode("ascii"))
    lines += [_to_bytes(name) + b": " + _to_bytes(value) for name, value in headers]
    if body and b"content-length" not in names and b"transfer-encoding" not in names:
        lines.append(b"content-length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def proxy_header(source: tuple[str, int], destination: tuple[str, int]) -> bytes:
    """A PROXY protocol v1 line: the connection's addresses for a listener with the
    proxy_protocol listener filter, sent before the request.  Both of one family."""
    family = "TCP6" if ":" in source[0] else "TCP4"
    return f"PROXY {family} {source[0]} {destination[0]} {source[1]} {destination[1]}\r\n".encode("ascii")


def read_response(sock: socket.socket, *, method: str = "GET") -> Response:
    reader = _Reader(sock)
    while True:
        line = reader.line()
        if line is None:
            raise ConnectionError("connection closed before a response arrived")
        version, _, rest = line.decode("latin-1").partition(" ")
        code, _, reason = rest.partition(" ")
        headers = _read_headers(reader)
        status = int(code)
        if status != 100:  # skip interim 100-continue answers
            break
    if method == "HEAD" or status in (204, 304):
        body = b""
    else:
        body = _read_body(reader, headers, until_eof=True)
    return Response(status, headers, body, reason=reason)


def raw_request(port: int, data: bytes, *, method: str = "GET", timeout: float = 5.0) -> Response:
    """Send `data` as-is to 127.0.0.1:`port` and read one response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        return read_response(sock, method=method)


def http_request(port: int, method: str, path: Bytesish, headers: Sequence[tuple[Bytesish, Bytesish]] = (),
                 body: bytes = b"", timeout: float = 5.0) -> Response:
    """One HTTP/1.1 request over a fresh connection. Headers go out in order, repeats kept;
    str values are Latin-1 encoded, bytes are sent raw."""
    return raw_request(port, encode_request(method, path, headers, body), method=method, timeout=timeout)


def chunked_request(port: int, head: bytes, pieces: Sequence[bytes], *, method: str = "POST",
                    timeout: float = 5.0) -> Response:
    """Send `head` (a request's line and headers, saying transfer-encoding: chunked),
    then its body in `pieces`, a moment apart, and read one response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        send_in_chunks(sock, head, pieces)
        return read_response(sock, method=method)


def send_and_hang_up(port: int, data: bytes, *, linger: float = 0.0, reset: bool = False) -> None:
    """Send part of a request, optionally wait `linger` seconds, then close the connection
    (with an RST when `reset`), without reading any answer."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        sock.sendall(data)
        if linger:
            time.sleep(linger)
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        sock.close()

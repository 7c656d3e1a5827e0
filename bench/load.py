"""Load generation, the fast upstream, CPU pinning and /proc readings."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------
# The upstream: a second Envoy answering every request with a direct_response


def direct_response_bootstrap() -> dict:
    router = {"name": "envoy.filters.http.router", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}
    manager = {
        "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "stat_prefix": "upstream",
        "route_config": {"name": "direct", "virtual_hosts": [{"name": "all", "domains": ["*"], "routes": [
            {"match": {"prefix": "/"}, "direct_response": {"status": 200, "body": {"inline_string": "ok\n"}}}]}]},
        "http_filters": [router],
    }
    return {
        "admin": {"address": {"socket_address": {"address": "127.0.0.1", "port_value": 0}}},
        "static_resources": {"listeners": [{
            "name": "upstream",
            "address": {"socket_address": {"address": "127.0.0.1", "port_value": 0}},
            "filter_chains": [{"filters": [{"name": "envoy.filters.network.http_connection_manager",
                                            "typed_config": manager}]}],
        }]},
    }


# ---------------------------------------------------------------------------
# /proc


def cpu_ticks(pid: int) -> int:
    """utime + stime of the whole process (all threads), in clock ticks."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pin(pid: int, cpus: str) -> None:
    """Pin every thread of `pid` to `cpus` (taskset -a)."""
    subprocess.run(["taskset", "-a", "-p", "-c", cpus, str(pid)], check=True, stdout=subprocess.DEVNULL)


def can_pin() -> bool:
    return shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2


# ---------------------------------------------------------------------------
# Load generators


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk(log) -> str | None:
    """wrk's path, installing Debian's package if missing and we are root; None if unavailable."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing Debian's package (apt-get install -y wrk)")
        attempt = subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, text=True,
                                 env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if attempt.returncode != 0:
            subprocess.run(["apt-get", "update"], capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True,
                           env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        found = shutil.which("wrk")
    if not found:
        log("wrk unavailable: falling back to the Python load generator (lower request rates; "
            "CPU per request in Envoy stays comparable)")
    return found


_WRK_TOTAL = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)")
_WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


class Load:
    """Runs HTTP/1.1 keep-alive load at one URL for a number of seconds."""

    def __init__(self, wrk: str | None, connections: int = 8, cpus: str | None = None):
        self.wrk = wrk
        self.connections = connections
        self.cpus = cpus

    @property
    def name(self) -> str:
        return "wrk" if self.wrk else "python"

    def run(self, port: int, path: str, headers: list[tuple[str, str]], seconds: float) -> LoadResult:
        if self.wrk:
            return self._run_wrk(port, path, headers, seconds)
        return python_load(port, path, headers, seconds, self.connections, self.cpus)

    def _run_wrk(self, port: int, path: str, headers, seconds: float) -> LoadResult:
        command = [self.wrk, "-t1", f"-c{self.connections}", f"-d{max(1, round(seconds))}s"]
        for name, value in headers:
            command += ["-H", f"{name}: {value}"]
        command.append(f"http://127.0.0.1:{port}{path}")
        if self.cpus is not None:
            command = ["taskset", "-c", self.cpus, *command]
        out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
        total = _WRK_TOTAL.search(out)
        if not total:
            raise RuntimeError(f"could not read wrk's output:\n{out}")
        scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[total.group(3)]
        errors = int(_WRK_ERRORS.search(out).group(1)) if _WRK_ERRORS.search(out) else 0
        sockets = _WRK_SOCKET.search(out)
        if sockets:
            errors += sum(int(g) for g in sockets.groups())
        return LoadResult(int(total.group(1)), float(total.group(2)) * scale, errors)


def python_load(port: int, path: str, headers, seconds: float, connections: int, cpus: str | None) -> LoadResult:
    """A small keep-alive load generator: one thread per connection, raw sockets.
    Slower than wrk; used only when wrk is not available."""
    if cpus is not None:
        try:
            os.sched_setaffinity(0, {int(c) for c in cpus.split(",")})
        except OSError:
            pass
    request = (f"GET {path} HTTP/1.1\r\nhost: localhost\r\n"
               + "".join(f"{n}: {v}\r\n" for n, v in headers) + "\r\n").encode("latin-1")
    counts = [0] * connections
    errors = [0] * connections
    deadline = time.monotonic() + seconds

    def worker(slot: int) -> None:
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = b""
        try:
            while time.monotonic() < deadline:
                sock.sendall(request)
                while b"\r\n\r\n" not in buffer:
                    buffer += sock.recv(65536)
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                while len(buffer) < length:
                    buffer += sock.recv(65536)
                buffer = buffer[length:]
                if not head.startswith(b"HTTP/1.1 200"):
                    errors[slot] += 1
                counts[slot] += 1
        finally:
            sock.close()

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if cpus is not None:
        try:
            os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
        except OSError:
            pass
    return LoadResult(sum(counts), time.monotonic() - began, sum(errors))

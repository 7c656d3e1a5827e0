"""`pwc run`: the try-it loop.  Compile, serve through a real Envoy, recompile on save.

    pwc run FILE.pwf --upstream HOST:PORT [--config JSON|@FILE] [--port N] [--cluster NAME=HOST:PORT] [--wasm-only]

The Envoy runs the bootstrap of `pwc manifest --for envoy` (admin on a free
port): planned (docs/native.md), the rules Envoy runs itself as its own
configuration around the module of what is left (none when nothing is);
`--wasm-only` runs the whole module.  The module is in a private temporary folder.  The source is polled
(mtime and size, every 0.2 s); a change whose text compiles to a new module is
loaded by starting a second Envoy on the same port (Envoy listeners set
SO_REUSEPORT, so both may bind it) and, once that one is LIVE, closing the old
one's listener (admin /drain_listeners), letting its in-flight requests finish
(at most 2 s) and stopping it.  So there is no moment without a listener, and
every request after "reloaded" is served by the new module.  A source with
errors, a configuration the new filter refuses, or an Envoy that will not start
with the new module leaves the last good one serving.  SIGINT (Ctrl-C) and
SIGTERM stop Envoy and remove the temporary folder; nothing is left running.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from pwc.compiler import manifest_native
from pwc.compiler.manifest import Built, ManifestError, Options, build, envoy_bootstrap, host_port, named_clusters, \
    read_config_argument
from pwc.compiler.plan import Planned

POLL_SECONDS = 0.2
DRAIN_SECONDS = 2.0
_WASM_LOG = re.compile(r"^wasm log (?:\S+ )*?\S+: (.*)$")
_NOISE = ("global_downstream_max_connections",)  # said by every Envoy without a connection limit
_LOG_PREFIX = re.compile(r"^\[[^\]]*\]\[\d+\]\[(\w+)\]\[(\w+)\] (\[[^\]]*\] )?")


def _say(text: str) -> None:
    print(f"pwc run: {text}", flush=True)


def _warn(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _module_file(built: Built, plan: Planned | None) -> tuple[str, bytes | None]:
    """The file name and bytes of the module Envoy loads: the whole one, the planned one, or none."""
    if plan is None:
        return f"{built.vm_id}.wasm", built.wasm
    served = manifest_native.planned_built(built, plan)
    return f"{served.vm_id}.wasm", plan.wasm


def _what_runs(built: Built, plan: Planned | None) -> str:
    """How the served filter is run, for the status lines: `module 0123456789ab` or the plan's summary."""
    if plan is None:
        return f"module {built.sha256[:12]}"
    moved = sum(1 for p in plan.plan.placements if p.where != manifest_native.MODULE)
    native = f"{moved} rule{'s' * (moved != 1)} in Envoy's configuration"
    if plan.wasm is None:
        return f"no module, {native}"
    return f"module {hashlib.sha256(plan.wasm).hexdigest()[:12]}, {native}"


class _Serving:
    """One Envoy process serving one filter (planned unless `plan` is None), and how far its log has been shown."""

    def __init__(self, built: Built, plan: Planned | None, envoy):
        self.built = built
        self.plan = plan
        self.envoy = envoy
        self.log_offset = 0

    @property
    def what(self) -> str:
        return _what_runs(self.built, self.plan)

    def forward_log(self) -> None:
        """Print what the filter logged (and Envoy's warnings) since last time."""
        workdir = self.envoy.workdir
        log = workdir / "envoy.log" if workdir else None
        if log is None or not log.exists():
            return
        with open(log, "rb") as stream:
            stream.seek(self.log_offset)
            chunk = stream.read()
        end = chunk.rfind(b"\n") + 1
        self.log_offset += end
        for line in chunk[:end].decode("utf-8", "replace").splitlines():
            match = _LOG_PREFIX.match(line)
            level = match.group(1) if match else "info"
            text = line[match.end():] if match else line
            if any(noise in text for noise in _NOISE):
                continue
            said = _WASM_LOG.match(text)
            if said:  # the filter's own `log` statement
                _warn(f"{self.built.filter_name}: {level}: {said.group(1)}")
            else:
                _warn(f"envoy {level}: {text}")


class Runner:
    def __init__(self, path: str, upstream: tuple[str, int], *, config_text: str | None = None,
                 port: int = 10000, clusters: dict[str, tuple[str, int]] | None = None, wasm_only: bool = False):
        self.path = Path(path)
        self.wasm_only = wasm_only
        self.upstream = upstream
        self.config_text = config_text
        self.port = port
        self.clusters = clusters or {}
        self.stopping = threading.Event()
        self.workdir = Path(tempfile.mkdtemp(prefix="pwc-run-"))
        self.serving: _Serving | None = None
        self._stamp: tuple[float, int] | None = None
        self._text: str | None = None

    # -- compile and serve

    def _compile(self) -> Built | None:
        from pwc.configure import module_accepts  # the runtime: loaded by `pwc run` only

        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            _warn(f"pwc: error: {self.path}: cannot read it ({error})")
            return None
        self._text = text
        try:
            return build(text, str(self.path), self.config_text, module_accepts)
        except ManifestError as error:
            error.print()
            return None

    def _plan(self, built: Built) -> Planned | None:
        assert self._text is not None, "planned after a compile"
        return None if self.wasm_only else manifest_native.plan_built(built, self._text)

    def _start(self, built: Built, plan: Planned | None) -> _Serving:
        from pwc.runtime.envoy import Envoy

        name, module = _module_file(built, plan)
        wasm = self.workdir / name
        if module is not None:
            wasm.write_bytes(module)
        options = Options(upstream=self.upstream, clusters=self.clusters, port=self.port, admin_port=0,
                          wasm_path=str(wasm))
        envoy = Envoy(bootstrap=envoy_bootstrap(built, options, plan), log_level="warning",
                      component_log_level="wasm:info", startup_timeout=30.0)
        envoy.start()
        if self.port == 0:  # the first Envoy chose a port: keep it for every reload
            self.port = envoy.listener_port(built.filter_name)
        return _Serving(built, plan, envoy)

    def _stamp_now(self) -> tuple[float, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime, stat.st_size

    def start(self) -> int:
        self._stamp = self._stamp_now()
        built = self._compile()
        if built is None:
            return 1
        from pwc.runtime.envoy import EnvoyNotFound, EnvoyStartError

        try:
            self.serving = self._start(built, self._plan(built))
        except EnvoyNotFound as error:
            _warn(f"pwc: error: {error}")
            return 2
        except EnvoyStartError as error:
            _warn(f"pwc: error: Envoy did not start with the module: {error}")
            return 1
        for target in built.targets:
            if target.name not in self.clusters and target.name != "upstream":
                _warn(f"pwc: note: call target {target.name or target.source} has no --cluster; its calls fail")
        _say(f"serving filter \"{built.filter_name}\" on http://127.0.0.1:{self.port}/ "
             f"-> {self.upstream[0]}:{self.upstream[1]} ({self.serving.what})")
        _say(f"watching {self.path}; Ctrl-C stops")
        return 0

    def reload(self) -> None:
        began = time.monotonic()
        serving = self.serving
        assert serving is not None, "reload after start"
        built = self._compile()
        if built is None:
            _say(f"{self.path} not loaded; still serving {serving.what}")
            return
        if built.wasm == serving.built.wasm and built.config == serving.built.config:
            _say(f"{self.path} saved; the module is unchanged")
            return
        from pwc.runtime.envoy import EnvoyStartError

        try:
            fresh = self._start(built, self._plan(built))
        except EnvoyStartError as error:
            _warn(f"pwc: error: Envoy did not start with the new filter: {error}")
            _say(f"still serving {serving.what}")
            return
        self.serving = fresh
        self._retire(serving)
        _say(f"reloaded {self.path}: {fresh.what} ({time.monotonic() - began:.2f}s)")

    def _retire(self, old: _Serving) -> None:
        """Close the old listener, let its requests finish, stop it."""
        import urllib.request  # here, not at the top: every command loads this module for its flags

        old.forward_log()
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{old.envoy.admin_port}/drain_listeners",
                                             method="POST", data=b"")
            urllib.request.urlopen(request, timeout=2).read()
            deadline = time.monotonic() + DRAIN_SECONDS
            while time.monotonic() < deadline:
                if int(old.envoy.stats().get("http.pwc.downstream_rq_active", 0)) == 0:
                    break
                time.sleep(0.05)
        except (OSError, ValueError):
            pass  # it is stopped below either way
        old.envoy.stop()
        self._remove_module(old)

    def _remove_module(self, old: _Serving) -> None:
        name, _ = _module_file(old.built, old.plan)
        if self.serving is None or _module_file(self.serving.built, self.serving.plan)[0] != name:
            (self.workdir / name).unlink(missing_ok=True)

    # -- the loop

    def watch(self) -> None:
        while not self.stopping.wait(POLL_SECONDS):
            assert self.serving is not None, "watch after start"
            self.serving.forward_log()
            stamp = self._stamp_now()
            if stamp is None or stamp == self._stamp:
                continue
            self._stamp = stamp
            try:
                text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if text == self._text:
                continue
            self.reload()

    def close(self) -> None:
        serving, self.serving = self.serving, None
        if serving is not None:
            serving.forward_log()
            serving.envoy.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def add_subcommand(commands) -> None:
    run = commands.add_parser("run", help="serve a filter through Envoy and reload it on every save")
    run.add_argument("file", metavar="FILE.pwf")
    run.add_argument("--upstream", required=True, metavar="HOST:PORT", help="where requests go after the filter")
    run.add_argument("--config", metavar="JSON|@FILE", help="the filter's configuration (checked)")
    run.add_argument("--port", type=int, default=10000, help="the listener port on 127.0.0.1 (default 10000; 0: any)")
    run.add_argument("--cluster", action="append", metavar="NAME=HOST:PORT",
                     help="a cluster for a call target (repeatable)")
    run.add_argument("--wasm-only", action="store_true",
                     help="run every rule in the module, none in Envoy's own configuration (pwc plan)")
    run.set_defaults(run=cmd_run)


def cmd_run(args) -> int:
    try:
        upstream = host_port(args.upstream, "--upstream")
        clusters = named_clusters(args.cluster)
        config_text = read_config_argument(args.config)
    except ManifestError as error:
        error.print()
        return error.status
    runner = Runner(args.file, upstream, config_text=config_text, port=args.port, clusters=clusters,
                    wasm_only=args.wasm_only)

    def stop(signum, frame):
        runner.stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        status = runner.start()
        if status == 0:
            runner.watch()
            _say("stopping")
        return status
    finally:
        runner.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

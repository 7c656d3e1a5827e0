"""`pwc run` end to end, in a subprocess as a user runs it: serve, edit, reload,
survive a broken edit, stop on SIGINT/SIGTERM with no Envoy left behind."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pwc.runtime.envoy import http_request

pytestmark = pytest.mark.e2e

FILTER = '''filter "live"

on request {
  set request.headers["x-version"] = "VERSION"
}

on response {
  set response.headers["x-version"] = "VERSION"
}
'''


class Session:
    """A `pwc run` subprocess with its output read line by line."""

    def __init__(self, source: Path, upstream_port: int, tmp: Path, *extra: str):
        env = dict(os.environ, TMPDIR=str(tmp))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pwc.cli", "run", str(source), "--upstream",
             f"127.0.0.1:{upstream_port}", "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.seen: list[tuple[str, str]] = []
        self.matched: set[int] = set()  # indices into `seen` an expect has returned
        for name, stream in (("out", self.proc.stdout), ("err", self.proc.stderr)):
            threading.Thread(target=self._pump, args=(name, stream), daemon=True).start()

    def _pump(self, name, stream):
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def expect(self, pattern: str, timeout: float = 30.0, stream: str = "out") -> re.Match:
        """The first line of `stream` matching `pattern` that no earlier expect
        returned: stdout and stderr are read by two threads, so a line of one
        may be queued before an earlier line of the other."""
        for index, (name, line) in enumerate(self.seen):
            match = re.search(pattern, line)
            if name == stream and match and index not in self.matched:
                self.matched.add(index)
                return match
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {pattern!r} on {stream} within {timeout}s; output: {self.seen}")
            try:
                name, line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append((name, line))
            match = re.search(pattern, line)
            if name == stream and match:
                self.matched.add(len(self.seen) - 1)
                return match

    def children(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.proc.pid:
                    pids.append(int(entry.name))
        return pids

    def kill(self):
        """Stop `pwc run` and, should it not have stopped them itself, its Envoys."""
        envoys = self.children() if self.proc.poll() is None else []
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pid in envoys:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _edit(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text)
    if path.stat().st_mtime_ns == before:  # a coarse clock: make the save visible
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture
def session_factory(tmp_path):
    sessions = []

    def make(source, upstream_port, *extra):
        session = Session(source, upstream_port, tmp_path, *extra)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.kill()


def _stop(session: Session, sig: int) -> list[int]:
    envoys = session.children()
    assert envoys, "pwc run should have an Envoy child"
    session.proc.send_signal(sig)
    assert session.proc.wait(timeout=30) == 0
    return envoys


def test_serve_edit_reload_broken_edit_and_sigint(envoy_path, upstream, tmp_path, session_factory):
    source = tmp_path / "live.pwf"
    source.write_text(FILTER.replace("VERSION", "one"))
    session = session_factory(source, upstream.port)
    port = int(session.expect(r"serving filter \"live\" on http://127\.0\.0\.1:(\d+)/ .*\(no module, 2 rules").group(1))
    # planned: every rule is Envoy's own header_mutation, and no wasm filter runs
    assert _http_filters(tmp_path) == ["envoy.filters.http.header_mutation", "envoy.filters.http.router"]

    reply = http_request(port, "GET", "/a", [])
    assert reply.status == 200 and reply.header("x-version") == "one"
    assert upstream.wait_for(1)[-1].header("x-version") == "one"

    _edit(source, FILTER.replace("VERSION", "two"))
    seconds = float(session.expect(r"reloaded .*live\.pwf: no module, 2 rules in Envoy's configuration "
                                   r"\((\d+\.\d+)s\)").group(1))
    assert seconds < 20
    assert http_request(port, "GET", "/b", []).header("x-version") == "two"

    _edit(source, FILTER.replace("VERSION", "three").replace("on response", "on respnse"))
    session.expect(r"live\.pwf:\d+:\d+: error", stream="err")
    session.expect(r"not loaded; still serving no module")
    for _ in range(3):
        assert http_request(port, "GET", "/c", []).header("x-version") == "two"

    _edit(source, FILTER.replace("VERSION", "four"))
    session.expect(r"reloaded")
    assert http_request(port, "GET", "/d", []).header("x-version") == "four"

    envoys = _stop(session, signal.SIGINT)
    assert len(envoys) == 1  # the replaced Envoys were stopped at each reload
    assert not any(_alive(pid) for pid in envoys)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("pwc-")]  # temporary folders removed


def test_config_is_checked_and_sigterm_stops(envoy_path, upstream, tmp_path, session_factory):
    source = tmp_path / "conf.pwf"
    source.write_text('filter "conf"\nconfig {\n  tag: string = "d"\n}\n'
                      'on request {\n  set request.headers["x-tag"] = config.tag\n}\n')
    refused = subprocess.run([sys.executable, "-m", "pwc.cli", "run", str(source), "--upstream",
                              f"127.0.0.1:{upstream.port}", "--port", "0", "--config", '{"tga": "x"}'],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and 'unknown key "tga"' in refused.stderr

    session = session_factory(source, upstream.port, "--config", '{"tag": "given"}')
    port = int(session.expect(r"on http://127\.0\.0\.1:(\d+)/").group(1))
    assert http_request(port, "GET", "/", []).status == 200
    assert upstream.wait_for(1)[-1].header("x-tag") == "given"
    envoys = _stop(session, signal.SIGTERM)
    assert not any(_alive(pid) for pid in envoys)


MIXED = '''filter "mixed"

on request {
  set request.headers["x-native"] = "yes"
  remove request.headers["x-secret"]
}

on response {
  if request.headers["x-deny"] == "1" {
    respond 403 "denied"
  }
  set response.headers["x-served-by"] = "pwc"
}
'''
VARYING = {"x-request-id", "date", "x-envoy-upstream-service-time"}


def _http_filters(tmp: Path) -> list[str]:
    """The HTTP filters of the one Envoy `pwc run` runs, from the bootstrap it was given."""
    (config_file,) = tmp.glob("pwc-envoy-*/envoy.json")
    bootstrap = json.loads(config_file.read_text())
    manager = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    return [f["name"] for f in manager["http_filters"]]


@pytest.mark.parametrize("extra, served, filters", [
    ((), r"module [0-9a-f]{12}, 2 rules in Envoy's configuration",
     ["envoy.filters.http.wasm", "envoy.filters.http.header_mutation", "envoy.filters.http.router"]),
    (("--wasm-only",), r"module [0-9a-f]{12}\)", ["envoy.filters.http.wasm", "envoy.filters.http.router"]),
])
def test_run_plans_a_mixed_filter_and_wasm_only_runs_the_whole_module(extra, served, filters, envoy_path, upstream,
                                                                      tmp_path, session_factory):
    source = tmp_path / "mixed.pwf"
    source.write_text(MIXED)
    session = session_factory(source, upstream.port, *extra)
    port = int(session.expect(r"serving filter \"mixed\" on http://127\.0\.0\.1:(\d+)/ -> \S+ \(" + served).group(1))
    assert _http_filters(tmp_path) == filters
    # the native rules and the module's both act, as the whole module would
    denied = http_request(port, "GET", "/a", [("x-deny", "1"), ("x-secret", "s")])
    assert (denied.status, denied.body) == (403, b"denied")
    passed = http_request(port, "GET", "/b", [("x-secret", "s"), ("x-native", "client")])
    assert (passed.status, passed.header("x-served-by")) == (200, "pwc")
    seen = upstream.wait_for(1)[-1]
    assert seen.path == "/b" and seen.header("x-secret") is None
    assert [v for n, v in seen.headers if n == "x-native"] == ["yes"]
    _stop(session, signal.SIGINT)

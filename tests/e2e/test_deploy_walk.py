"""docs/deploy.md's walk "From `pwc compile` to an Envoy that fetches the module",
run as written: the same commands in the same order, with only the ports the
test assigns put in place of 8000 (the module server), 8080 (the service: the
`upstream` fixture), 10000 and 9901 (Envoy's listener and admin: 0, Envoy picks)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from deploy_doc import documented_blocks

from pwc.runtime.envoy import Envoy, http_request

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
THIS = "tests/e2e/test_deploy_walk.py"
SERVE_PORT, SERVICE_PORT, LISTENER_PORT = "8000", "8080", "10000"


def _walk() -> list[list[str]]:
    (block,) = documented_blocks()[THIS]
    return [shlex.split(line) for line in block]


def _pwc(args: list[str], cwd: Path, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "pwc.cli", *args], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def _serve(args: list[str], cwd: Path) -> tuple[subprocess.Popen, int]:
    """`python3 -m http.server 8000 --bind 127.0.0.1 &` on a port of the system's choosing."""
    assert args[:3] == ["python3", "-m", "http.server"] and args[3] == SERVE_PORT and args[-1] == "&"
    command = [sys.executable, *args[1:3], "0", *args[4:-1]]
    server = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    banner = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
    assert banner.startswith("Serving HTTP on 127.0.0.1 port "), banner
    return server, int(banner.split()[5])


def test_the_documented_walk(envoy_path, upstream, tmp_path):
    compile_, serve, write, run_envoy, request = _walk()
    shutil.copy(ROOT / "examples" / "banana.pwf", tmp_path / "banana.pwf")

    assert compile_ == ["pwc", "compile", "banana.pwf"]
    _pwc(compile_[1:], tmp_path)
    compiled = (tmp_path / "banana.wasm").read_bytes()

    server, serve_port = _serve(serve, tmp_path)
    try:
        assert write[:2] == ["pwc", "manifest"] and write[-2:] == [">", "envoy.yaml"]
        args = [arg.replace(f"127.0.0.1:{SERVE_PORT}", f"127.0.0.1:{serve_port}")
                .replace(f"127.0.0.1:{SERVICE_PORT}", f"127.0.0.1:{upstream.port}") for arg in write[1:-2]]
        with open(tmp_path / "envoy.yaml", "w") as out:
            _pwc(args, tmp_path, stdout=out)
        assert (tmp_path / "banana.wasm").read_bytes() == compiled  # the same module, left as it was

        assert run_envoy == ["envoy", "-c", "envoy.yaml", "&"]
        bootstrap = yaml.safe_load((tmp_path / "envoy.yaml").read_text())
        assert bootstrap["static_resources"]["listeners"][0]["address"]["socket_address"]["port_value"] \
            == int(LISTENER_PORT)
        bootstrap["static_resources"]["listeners"][0]["address"]["socket_address"]["port_value"] = 0
        bootstrap["admin"]["address"]["socket_address"]["port_value"] = 0
        with Envoy(bootstrap=bootstrap) as envoy:
            assert request[:2] == ["curl", "-s"]
            path = request[2].removeprefix(f"http://127.0.0.1:{LISTENER_PORT}")
            reply = http_request(envoy.listener_port("banana"), "GET", path, [])
            assert reply.status == 200, reply.body
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
    assert upstream.wait_for(1)[-1].path == "/status/418"
    assert log.count('"GET /banana.wasm HTTP/1.1" 200') == 1, log

"""Fixtures for the OCI tests: a real registry (Debian's `docker-registry`, the
distribution project's) on 127.0.0.1, and `skopeo` to read back what was pushed.

    def test_something(registry):
        pwc("push", "f.wasm", f"{registry.host}/f:1", "--plain-http")

Both are Debian packages that .ci/run installs.  Without them the tests skip
here, and fail under CI=true: CI must really run them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REGISTRY_BINARY = "/usr/bin/docker-registry"
START_TIMEOUT_S = 20.0


def require(tool: str, path: str | None) -> str:
    """The tool's path; a skip where it is missing, a failure in CI."""
    if path and Path(path).exists():
        return path
    message = f"{tool} is not installed (Debian package; .ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def skopeo() -> str:
    return require("skopeo", shutil.which("skopeo"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Registry:
    host: str  # 127.0.0.1:PORT
    log: Path
    credentials: tuple[str, str] | None = None  # what it asks for, if it asks


def _config(folder: Path, port: int, htpasswd: Path | None) -> Path:
    lines = ["version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:",
             f"    rootdirectory: {folder / 'storage'}", "http:", f"  addr: 127.0.0.1:{port}",
             "  secret: pwc-tests"]
    if htpasswd is not None:
        lines += ["auth:", "  htpasswd:", "    realm: pwc-tests", f"    path: {htpasswd}"]
    config = folder / "config.yml"
    config.write_text("\n".join(lines) + "\n")
    return config


def _answers(host: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}/v2/", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # 401 from a registry that wants credentials is an answer too
    except OSError:
        return False


def _start(folder: Path, htpasswd: Path | None) -> tuple[subprocess.Popen, Registry]:
    binary = require("docker-registry", REGISTRY_BINARY)
    port = free_port()
    log = folder / "registry.log"
    with log.open("wb") as output:
        process = subprocess.Popen([binary, "serve", str(_config(folder, port, htpasswd))],
                                   stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    registry = Registry(f"127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _answers(registry.host):
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"docker-registry did not start on {registry.host}:\n{log.read_text()}")
        time.sleep(0.05)
    return process, registry


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Iterator[Registry]:
    """An open registry: anyone may push."""
    process, server = _start(tmp_path_factory.mktemp("registry"), None)
    yield server
    _stop(process)


USER, PASSWORD = "ada", "lovelace-1843"


@pytest.fixture(scope="module")
def basic_registry(tmp_path_factory) -> Iterator[Registry]:
    """A registry that asks for Basic credentials: USER and PASSWORD (an htpasswd file, bcrypt)."""
    import bcrypt

    folder = tmp_path_factory.mktemp("basic-registry")
    htpasswd = folder / "htpasswd"
    htpasswd.write_text(f"{USER}:{bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()}\n")
    process, server = _start(folder, htpasswd)
    server.credentials = (USER, PASSWORD)
    yield server
    _stop(process)


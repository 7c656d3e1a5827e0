"""`pwc manifest --for envoy|envoyfilter --url http(s)://...`: a real Envoy fetches the
module from a real server on 127.0.0.1, checks its sha256, and runs it, or refuses it."""

from __future__ import annotations

import copy
import hashlib
import http.server
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pwc.compiler.driver import compile_file
from pwc.compiler.manifest_remote import FETCH_RETRIES
from pwc.runtime.envoy import Envoy, http_request

pytestmark = pytest.mark.e2e

TLS = Path(__file__).resolve().parents[1] / "data" / "tls"
# A condition keeps the rule in the module (pwc plan would move a bare literal `set` into Envoy's configuration).
TAGGER = '''filter "tagger"

on request {
  if request.method != "" {
    set request.headers["x-tag"] = "TAG"
  }
}
'''


class ModuleServer:
    """An HTTP(S) server on 127.0.0.1 answering GET PATH with `files[PATH]`, recording each path asked."""

    def __init__(self, tls: bool = False):
        self.files: dict[str, bytes] = {}
        self.asked: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.asked.append(self.path)
                body = server.files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("content-length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS / "server.pem", TLS / "server-key.pem")
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "ModuleServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def module_server() -> Iterator[ModuleServer]:
    with ModuleServer() as server:
        yield server


@pytest.fixture
def tls_module_server() -> Iterator[ModuleServer]:
    with ModuleServer(tls=True) as server:
        yield server


def pwc(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def tagger(tmp_path: Path, tag: str = "fetched") -> Path:
    source = tmp_path / "tagger.pwf"
    source.write_text(TAGGER.replace("TAG", tag))
    return source


def bootstrap_for(source: Path, url: str, upstream_port: int, *extra) -> tuple[dict, bytes]:
    """`pwc manifest --for envoy --url URL` (ports 0: Envoy picks them), and the module it wrote."""
    wasm = source.with_suffix(".wasm")
    done = pwc("manifest", source, "--for", "envoy", "--url", url, "--upstream", f"127.0.0.1:{upstream_port}",
               "--port", 0, "--admin-port", 0, *extra)
    assert done.returncode == 0, done.stderr
    assert f"Serve {wasm.resolve()} as {url}" in done.stdout
    return yaml.safe_load(done.stdout), wasm.read_bytes()


def wasm_config(bootstrap: dict) -> dict:
    manager = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    return manager["http_filters"][0]["typed_config"]["config"]


def test_envoy_fetches_checks_and_runs_the_module(envoy_path, upstream, module_server, tmp_path):
    source = tagger(tmp_path)
    url = f"http://127.0.0.1:{module_server.port}/filters/tagger.wasm"
    bootstrap, module = bootstrap_for(source, url, upstream.port)
    assert module == compile_file(source)
    remote = wasm_config(bootstrap)["vm_config"]["code"]["remote"]
    assert remote["sha256"] == hashlib.sha256(module).hexdigest()
    assert remote["http_uri"]["uri"] == url
    clusters = {c["name"]: c for c in bootstrap["static_resources"]["clusters"]}
    fetch = clusters[remote["http_uri"]["cluster"]]
    assert fetch["type"] == "STATIC" and "transport_socket" not in fetch
    module_server.files["/filters/tagger.wasm"] = module

    with Envoy(bootstrap=bootstrap) as envoy:
        assert module_server.asked == ["/filters/tagger.wasm"]
        stats = envoy.stats()
        assert (stats["wasm.remote_load_fetch_successes"], stats["wasm.remote_load_fetch_failures"]) == (1, 0)
        reply = http_request(envoy.listener_port("tagger"), "GET", "/through", [])
        assert reply.status == 200, reply.body
    seen = upstream.wait_for(1)[-1]
    assert (seen.path, seen.header("x-tag")) == ("/through", "fetched")


@pytest.mark.parametrize("strategy", ["FAIL_CLOSE", "FAIL_RELOAD"])
def test_a_module_with_other_bytes_is_refused(envoy_path, upstream, module_server, tmp_path, strategy):
    """Served a valid module that is not the one the manifest names (its sha256 differs),
    Envoy tries 1 + num_retries times, then the filter that failed to load answers every
    request 503 and nothing reaches the upstream; the listener itself is up."""
    bootstrap, module = bootstrap_for(tagger(tmp_path), f"http://127.0.0.1:{module_server.port}/t.wasm",
                                      upstream.port, "--fail-strategy", strategy)
    impostor = compile_file(_other_module(tmp_path))
    assert impostor != module
    module_server.files["/t.wasm"] = impostor

    with Envoy(bootstrap=bootstrap) as envoy:
        assert module_server.asked == ["/t.wasm"] * (1 + FETCH_RETRIES)
        stats = envoy.stats()
        assert (stats["wasm.remote_load_fetch_successes"], stats["wasm.remote_load_fetch_failures"]) == (0, 1)
        assert stats["listener_manager.total_listeners_active"] == 1
        for _ in range(3):
            reply = http_request(envoy.listener_port("tagger"), "GET", "/", [])
            assert reply.status == 503
        assert "Plugin configured to fail closed failed to load" in envoy.log_text()
        assert len(module_server.asked) == 1 + FETCH_RETRIES  # requests do not make Envoy fetch again
    assert upstream.requests == []


def _other_module(tmp_path: Path) -> Path:
    folder = tmp_path / "other"
    folder.mkdir()
    return tagger(folder, "impostor")


def test_fail_open_lets_requests_through_unfiltered(envoy_path, upstream, module_server, tmp_path):
    bootstrap, _ = bootstrap_for(tagger(tmp_path), f"http://127.0.0.1:{module_server.port}/t.wasm",
                                 upstream.port, "--fail-open")
    assert wasm_config(bootstrap)["failure_policy"] == "FAIL_OPEN"
    module_server.files["/t.wasm"] = compile_file(_other_module(tmp_path))
    with Envoy(bootstrap=bootstrap) as envoy:
        assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 200
    assert upstream.wait_for(1)[-1].header("x-tag") is None


def test_https_fetch_checks_the_certificate(envoy_path, upstream, tls_module_server, tmp_path):
    """Over https the server's certificate must chain to --ca-file and name the URL's host."""
    source = tagger(tmp_path)
    url = f"https://localhost:{tls_module_server.port}/tagger.wasm"
    bootstrap, module = bootstrap_for(source, url, upstream.port, "--ca-file", TLS / "ca.pem")
    tls_module_server.files["/tagger.wasm"] = module
    cluster = bootstrap["static_resources"]["clusters"][-1]
    context = cluster["transport_socket"]["typed_config"]
    assert (cluster["type"], context["sni"]) == ("STRICT_DNS", "localhost")
    with Envoy(bootstrap=bootstrap) as envoy:
        assert tls_module_server.asked == ["/tagger.wasm"]
        assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 200
    assert upstream.wait_for(1)[-1].header("x-tag") == "fetched"

    # the same server, checked against a CA that did not sign its certificate, or for
    # another name than its certificate's: the handshake fails, nothing is fetched
    for break_it in (_trust_other_ca, _expect_other_name):
        refusing = copy.deepcopy(bootstrap)
        break_it(refusing["static_resources"]["clusters"][-1]["transport_socket"]["typed_config"])
        tls_module_server.asked.clear()
        upstream.clear()
        with Envoy(bootstrap=refusing) as envoy:
            stats = envoy.stats()
            assert (stats["wasm.remote_load_fetch_successes"], stats["wasm.remote_load_fetch_failures"]) == (0, 1)
            assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 503
        assert tls_module_server.asked == [] and upstream.requests == []


def _trust_other_ca(tls_context: dict) -> None:
    tls_context["common_tls_context"]["validation_context"]["trusted_ca"]["filename"] = str(TLS / "other-ca.pem")


def _expect_other_name(tls_context: dict) -> None:
    names = tls_context["common_tls_context"]["validation_context"]["match_typed_subject_alt_names"]
    names[0]["matcher"]["exact"] = "wasm.example.com"


def test_envoyfilter_patches_fetch_in_envoy(envoy_path, upstream, module_server, tmp_path):
    """The EnvoyFilter's two patches, the wasm filter and the CLUSTER it fetches through,
    placed in a bootstrap as Istio places them: the module is fetched and runs."""
    source = tagger(tmp_path)
    url = f"http://127.0.0.1:{module_server.port}/tagger.wasm"
    done = pwc("manifest", source, "--for", "envoyfilter", "--url", url)
    assert done.returncode == 0, done.stderr
    filter_patch, cluster_patch = yaml.safe_load(done.stdout)["spec"]["configPatches"]
    assert (cluster_patch["applyTo"], cluster_patch["match"], cluster_patch["patch"]["operation"]) \
        == ("CLUSTER", {"context": "ANY"}, "ADD")
    module_server.files["/tagger.wasm"] = compile_file(source)

    bootstrap, _ = bootstrap_for(source, url, upstream.port)
    manager = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    manager["http_filters"][0] = filter_patch["patch"]["value"]  # INSERT_BEFORE the router
    clusters = bootstrap["static_resources"]["clusters"]
    clusters[:] = [c for c in clusters if c["name"] == "upstream"] + [cluster_patch["patch"]["value"]]
    with Envoy(bootstrap=bootstrap) as envoy:
        assert module_server.asked == ["/tagger.wasm"]
        assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 200
    assert upstream.wait_for(1)[-1].header("x-tag") == "fetched"


@pytest.mark.parametrize("extra", [
    ("--url", "https://localhost:8443/tagger.wasm", "--ca-file", TLS / "ca.pem", "--fail-strategy", "FAIL_RELOAD"),
    ("--url", "https://[::1]:8443/tagger.wasm", "--ca-file", TLS / "ca.pem"),
    ("--url", "http://wasm.example.com/tagger.wasm?v=2", "--fail-strategy", "FAIL_OPEN"),
])
def test_bootstraps_pass_envoy_validate(envoy_path, tmp_path, extra):
    done = pwc("manifest", tagger(tmp_path), "--for", "envoy", "--upstream", "127.0.0.1:8080", *extra)
    assert done.returncode == 0, done.stderr
    config = tmp_path / "envoy.yaml"
    config.write_text(done.stdout)
    checked = subprocess.run([envoy_path, "--mode", "validate", "-c", str(config), "--disable-hot-restart",
                              "--use-dynamic-base-id", "--log-level", "warning"],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "OK" in checked.stdout, checked.stdout + checked.stderr

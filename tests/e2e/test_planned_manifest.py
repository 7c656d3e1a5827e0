"""`pwc manifest --for envoy` plans by default (docs/native.md): the rules
Envoy runs itself become its own configuration, with a module only for what
is left.  Here the bootstraps it prints run in a real Envoy, planned and
`--wasm-only`, and behave the same."""

from __future__ import annotations

import base64
import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pwc.runtime.envoy import Envoy, http_request

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
VARYING = {"x-request-id", "date", "x-envoy-upstream-service-time"}


def _bootstrap(source: Path, upstream_port: int, tmp_path: Path, *extra: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "pwc.cli", "manifest", str(source), "--for", "envoy",
                           "--upstream", f"127.0.0.1:{upstream_port}", "--port", "0", "--admin-port", "0",
                           "--wasm", str(tmp_path / f"{source.stem}{'-whole' if extra else ''}.wasm"), *extra],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def _filters(bootstrap: dict) -> list[str]:
    manager = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    return [f["name"] for f in manager["http_filters"]]


def _exchange(bootstrap: dict, upstream, requests) -> list[tuple]:
    seen = []
    with Envoy(bootstrap=bootstrap) as envoy:
        port = envoy.listener_port(bootstrap["static_resources"]["listeners"][0]["name"])
        for method, path, headers in requests:
            before = len(upstream.requests)
            reply = http_request(port, method, path, headers)
            reached = [(r.path, [(n, v) for n, v in r.headers if n not in VARYING]) for r in upstream.requests[before:]]
            seen.append((reply.status, [(n, v) for n, v in reply.headers if n.lower() not in VARYING], reply.body,
                         reached))
    return seen


@pytest.mark.parametrize("example, filters", [
    ("bench/headers.pwf", ["envoy.filters.http.header_mutation", "envoy.filters.http.router"]),
    ("examples/banana-path.pwf", ["envoy.filters.http.router"]),
    ("examples/api-gate.pwf", ["envoy.filters.http.wasm", "envoy.filters.http.header_mutation",
                               "envoy.filters.http.router"]),
])
def test_a_planned_bootstrap_behaves_as_the_whole_module(example, filters, upstream, tmp_path):
    source = ROOT / example
    planned = _bootstrap(source, upstream.port, tmp_path)
    whole = _bootstrap(source, upstream.port, tmp_path, "--wasm-only")
    assert _filters(planned) == filters
    assert "envoy.filters.http.wasm" in _filters(whole)
    requests = [("GET", "/banana/418?q=banana/1", [("x-bench-remove", "1"), ("authorization", "Bearer t")]),
                ("DELETE", "/x", [("x-internal-token", "s")]),
                ("GET", "/public/a", [("x-filter", "client"), ("x-filter", "again")]),
                ("POST", "/api/b", [])]
    assert _exchange(planned, upstream, requests) == _exchange(whole, upstream, requests)


def test_the_talks_rewrite_runs_in_the_route_with_no_module(upstream, tmp_path):
    bootstrap = _bootstrap(ROOT / "examples/banana-path.pwf", upstream.port, tmp_path)
    route = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"][
        "route_config"]["virtual_hosts"][0]["routes"][0]["route"]
    assert route["regex_rewrite"] == {"pattern": {"regex": "banana/([0-9]*)"}, "substitution": "status/\\1"}
    assert not (tmp_path / "banana-path.wasm").exists()  # no module to write
    with Envoy(bootstrap=bootstrap) as envoy:
        reply = http_request(envoy.listener_port("banana-path"), "GET", "/banana/418?next=banana/3", [])
    assert reply.status == 200
    seen = upstream.requests[-1]
    assert seen.path == "/status/418?next=banana/3" and seen.header("x-envoy-original-path") is None


def _sidecar_with(envoy_filter_text: str, whole: dict, module: Path) -> dict:
    """The whole-module bootstrap as a sidecar's listener before pwc's EnvoyFilter (no wasm filter),
    with the EnvoyFilter's patches applied as Istio applies them and the module at a local path."""
    from istio_patches import apply

    sidecar = copy.deepcopy(whole)
    manager = sidecar["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    manager["http_filters"] = [f for f in manager["http_filters"] if f["name"] != "envoy.filters.http.wasm"]
    patched = apply(sidecar, yaml.safe_load(envoy_filter_text)["spec"]["configPatches"], "SIDECAR_INBOUND")
    for entry in patched["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"][
            "http_filters"]:
        code = entry["typed_config"].get("config", {}).get("vm_config", {}).get("code", {})
        if "local" in code:
            code["local"]["filename"] = str(module)
    return patched


@pytest.mark.parametrize("example, filters", [
    ("examples/api-gate.pwf", ["pwc.api-gate", "pwc.api-gate.request.header_mutation", "envoy.filters.http.router"]),
    ("examples/banana-path.pwf", ["envoy.filters.http.router"]),
    ("bench/headers.pwf", ["pwc.headers.header_mutation", "envoy.filters.http.router"]),
])
def test_the_envoyfilter_patches_run_in_envoy_as_the_whole_module(example, filters, upstream, tmp_path):
    source = ROOT / example
    whole = _bootstrap(source, upstream.port, tmp_path, "--wasm-only")
    envoy_filter = subprocess.run([sys.executable, "-m", "pwc.cli", "manifest", str(source), "--for", "envoyfilter"],
                                  capture_output=True, text=True, timeout=120)
    assert envoy_filter.returncode == 0, envoy_filter.stderr
    module = tmp_path / "planned.wasm"
    config_map = subprocess.run([sys.executable, "-m", "pwc.cli", "manifest", str(source), "--for", "configmap"],
                                capture_output=True, text=True, timeout=120)
    if config_map.returncode == 0:  # the module of what is left, as the sidecar would mount it
        (data,) = yaml.safe_load(config_map.stdout)["binaryData"].values()
        module.write_bytes(base64.b64decode(data))
    patched = _sidecar_with(envoy_filter.stdout, whole, module)
    assert _filters(patched) == filters
    requests = [("GET", "/banana/418?q=banana/1", [("x-bench-remove", "1"), ("authorization", "Bearer t")]),
                ("DELETE", "/x", [("x-internal-token", "s")]),
                ("GET", "/public/a", [("x-filter", "client"), ("x-filter", "again")]),
                ("POST", "/api/b", [])]
    assert _exchange(patched, upstream, requests) == _exchange(whole, upstream, requests)

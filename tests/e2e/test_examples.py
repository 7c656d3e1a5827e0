"""The examples in examples/, compiled by `pwc compile` and run in Envoy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pwc.runtime.envoy import Envoy, Listener, http_request

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("api-gate", "response-hardening", "canary", "metrics")


@pytest.fixture(scope="module")
def envoy(session_upstream, envoy_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples")
    listeners = []
    for name in NAMES:
        output = folder / f"{name}.wasm"
        command = [sys.executable, "-m", "pwc.cli", "compile", str(EXAMPLES / f"{name}.pwf"), "-o", str(output)]
        subprocess.run(command, check=True, capture_output=True)
        listeners.append(Listener(name, wasm=output, filter_name=name))
    with Envoy(listeners, upstream_port=session_upstream.port) as running:
        yield running
        assert "Uncaught" not in running.log_text()


def send(envoy, upstream, listener, path="/", headers=(), method="GET"):
    upstream.clear()
    response = http_request(envoy.listener_port(listener), method, path, list(headers))
    return response, (upstream.requests[-1] if upstream.requests else None)


def test_api_gate_refuses_methods(envoy, upstream):
    response, seen = send(envoy, upstream, "api-gate", "/api/x", method="DELETE")
    assert (response.status, response.body, seen) == (405, b"method not allowed", None)
    assert response.header("allow") == "GET, HEAD, POST"
    assert response.header("x-served-by") == "pwc"


def test_api_gate_lets_public_paths_through_without_credentials(envoy, upstream):
    response, seen = send(envoy, upstream, "api-gate", "/public/logo.png", [("x-internal-token", "t")])
    assert response.status == 200
    assert seen.header("x-filter") == "api-gate"
    assert seen.header("x-internal-token") is None
    assert response.header("cache-control") is None


def test_api_gate_asks_for_credentials(envoy, upstream):
    response, seen = send(envoy, upstream, "api-gate", "/api/orders")
    assert (response.status, response.body, seen) == (401, b"missing credentials", None)
    assert response.header("www-authenticate") == "Bearer"
    response, seen = send(envoy, upstream, "api-gate", "/api/orders", [("authorization", "Basic abc")])
    assert (response.status, response.body) == (401, b"unsupported credentials")


def test_api_gate_allows_bearer_tokens(envoy, upstream):
    response, seen = send(envoy, upstream, "api-gate", "/api/orders?page=2", [("authorization", "Bearer abc123")])
    assert response.status == 200
    assert seen.path == "/api/orders?page=2"
    assert seen.header("x-user-token-length") == "13"
    assert response.header("cache-control") == "no-store"
    envoy.wait_for_log("allowed GET /api/orders")


def test_response_hardening_headers(envoy, upstream):
    upstream.responder = lambda request: (200, [("content-type", "text/html; charset=utf-8"),
                                                ("x-powered-by", "php"), ("server", "apache")], b"<html/>")
    response, _ = send(envoy, upstream, "response-hardening", "/index.html")
    assert response.header("strict-transport-security") == "max-age=31536000; includeSubDomains"
    assert response.header("x-content-type-options") == "nosniff"
    assert response.header("x-frame-options") == "DENY"
    assert response.header("x-powered-by") is None
    assert response.header("cache-control") is None


def test_response_hardening_marks_upstream_errors(envoy, upstream):
    upstream.responder = lambda request: (503, [("content-type", "application/json")], b"{}")
    response, _ = send(envoy, upstream, "response-hardening", "/api/broken?x=1")
    assert response.status == 503
    assert response.header("cache-control") == "no-store"
    assert response.header("x-failed-path") == "/api/broken"
    assert response.header("x-frame-options") is None


def test_canary_by_user_bucket_and_forced_header(envoy, upstream):
    response, seen = send(envoy, upstream, "canary", "/api/items?q=1", [("x-user-id", "user-17")])
    assert seen.path == "/v2/api/items?q=1"
    assert seen.header("x-api-version") == "v2"
    assert seen.header("via") == "pwc-canary"
    assert response.header("x-api-version") == "v2"
    response, seen = send(envoy, upstream, "canary", "/api/items", [("x-user-id", "user-17"), ("x-canary", "NEVER")])
    assert seen.path == "/api/items"
    assert response.header("x-api-version") == "v1"
    response, seen = send(envoy, upstream, "canary", "/api/items", [("x-canary", "always")])
    assert seen.path == "/v2/api/items"
    response, seen = send(envoy, upstream, "canary", "/static/app.js", [("x-canary", "always")])
    assert seen.path == "/static/app.js"


def test_metrics_example_shows_in_prometheus(envoy, upstream):
    """The SDKs' metrics example: what the requests did, as Envoy's Prometheus output shows it."""
    for headers in ([], [("x-envoy-wasm-metric", "counter")], [("x-envoy-wasm-metric", "histogram"),
                                                               ("x-envoy-wasm-metric-value", "100")],
                    [("x-envoy-wasm-metric", "histogram"), ("x-envoy-wasm-metric-value", "x")]):
        send(envoy, upstream, "metrics", "/", headers)
    envoy.admin_get("/stats")
    lines = set(envoy.admin_get("/stats/prometheus").splitlines())
    assert {'pwc_requests{pwc_filter="metrics"} 4', 'pwc_wasm_counter{pwc_filter="metrics"} 1',
            'pwc_errors{pwc_filter="metrics",pwc_line="21"} 1'} <= lines
    # histograms show after Envoy's stats flush (every 5 s here: this Envoy is the harness's default)
    assert any(line.startswith('pwc_wasm_histogram_count{pwc_filter="metrics"}') for line in lines)

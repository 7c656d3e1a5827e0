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
    ("bench/sides.pwf", ["envoy.filters.http.header_mutation", "envoy.filters.http.wasm",
                         "envoy.filters.http.router"]),
    ("examples/edge-replies.pwf", ["envoy.filters.http.wasm", "envoy.filters.http.header_mutation",
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
                ("POST", "/api/b", []),
                ("TRACE", "/healthz", []), ("GET", "/healthz?x=1", []), ("GET", "/internal/x.php", []),
                ("GET", "/a/x.php?q", [("x-internal-token", "t")]), ("PUT", "/static/x", [])]
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


def test_replies_become_routes_before_the_main_route(upstream, tmp_path):
    bootstrap = _bootstrap(ROOT / "examples/edge-replies.pwf", upstream.port, tmp_path)
    routes = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"][
        "route_config"]["virtual_hosts"][0]["routes"]
    assert [r.get("name") for r in routes] == [f"edge-replies line {n}" for n in (10, 13, 16, 19, 22)] + [None]
    assert routes[1]["match"] == {"path": "/healthz"} and routes[-1]["match"] == {"prefix": "/"}
    with Envoy(bootstrap=bootstrap) as envoy:
        reply = http_request(envoy.listener_port("edge-replies"), "GET", "/healthz?probe=1", [])
        assert envoy.stats()["http.pwc.rq_direct_response"] == 1
    assert (reply.status, reply.body, reply.header("x-served-by")) == (200, b"ok\n", "edge")


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
    ("bench/sides.pwf", ["pwc.sides.response.header_mutation", "pwc.sides", "envoy.filters.http.router"]),
    ("examples/banana-path.pwf", ["envoy.filters.http.wasm", "envoy.filters.http.router"]),  # it stays: below
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


ISTIO_REQUESTS = [("GET", "/banana/418?q=1", [], b""),
                  ("GET", "/banana/7", [("x-envoy-original-path", "/from-a-caller-that-rewrote")], b""),
                  ("GET", "/aab/c", [("x-a", "1"), ("x-envoy-original-path", "/x")], b"")]


def _as_istio_inbound(bootstrap: dict) -> None:
    """Istio's sidecar inbound connection manager takes the peer from x-forwarded-for
    (use_remote_address false) and trusts no address as internal by default."""
    for listener in bootstrap["static_resources"]["listeners"]:
        listener["filter_chains"][0]["filters"][0]["typed_config"]["use_remote_address"] = False


def _istio_listeners(index: int, text: str) -> list:
    from pwc.compiler.driver import compile_source, front_end
    from pwc.compiler.manifest_native import ISTIO_STAYS
    from pwc.compiler.plan import planned
    from pwc.compiler.source import Source
    from pwc.envoy_config import proxy_protocol
    from pwc.runtime.envoy import Listener

    result = front_end(Source(f"f{index}.pwf", text))
    assert result.checked is not None, result.render()
    whole = compile_source(text, f"f{index}.pwf").wasm
    forms = {"w": None, "i": ISTIO_STAYS, "e": None}  # whole module, Istio's plan, the envoy target's plan
    # The connection's addresses come from a PROXY protocol header: the same for every form.
    listeners = [Listener(f"w{index}", wasm=whole, filter_name=f"w{index}", listener_filters=[proxy_protocol()])]
    for form in ("i", "e"):
        plan = planned(result.checked, result.source, f"f{index}.pwf", forms[form])
        listeners.append(Listener(f"{form}{index}", wasm=plan.wasm, filter_name=f"{form}{index}",
                                  listener_filters=[proxy_protocol()], http_filters_before=plan.filters_before,
                                  http_filters_after=plan.filters_after, route_action=plan.route_action,
                                  routes_before=plan.routes_before, router_upstream_filters=plan.upstream_filters))
    return listeners


def _moves_what_istio_keeps(text: str) -> bool:
    from pwc.compiler.driver import front_end
    from pwc.compiler.manifest_native import ISTIO_STAYS
    from pwc.compiler.plan import plan
    from pwc.compiler.source import Source

    result = front_end(Source("f.pwf", text))
    assert result.checked is not None, result.render()
    return any(p.where in ISTIO_STAYS for p in plan(result.checked, result.source).placements)


def test_under_istios_inbound_connection_manager_rewrites_and_replies_stay_in_the_module():
    """A sidecar's inbound listener passes a caller's x-envoy-original-path on; the module passes it,
    Envoy's rewrite replaces it and the planned upstream filter removes it.  So the Istio targets keep
    the rewrite in the module (and replies: docs/deploy.md), and their plan, header rules moved, is the
    whole module's behaviour there: for generated filters that move a rewrite or a reply for Envoy."""
    from native_corpus import ADDRESSES, REQUESTS, filters, upstream_answer
    from pwc.runtime.envoy import Response, Upstream
    from pwc.runtime.http1 import encode_request, proxy_header, raw_request

    chosen = [text for text in filters(300) if _moves_what_istio_keeps(text)][:24]
    assert len(chosen) == 24
    texts = dict(enumerate(chosen + [(ROOT / "examples/edge-replies.pwf").read_text()]))
    listeners = [spec for index, text in texts.items() for spec in _istio_listeners(index, text)]
    told_apart = 0
    with Upstream(lambda request: Response(*upstream_answer(request.path))) as upstream, \
            Envoy(listeners, upstream_port=upstream.port, customize=_as_istio_inbound) as envoy:
        for index in texts:
            for number, (method, path, headers, body) in enumerate(ISTIO_REQUESTS + REQUESTS):
                sent = proxy_header(*ADDRESSES[number % len(ADDRESSES)]) + encode_request(method, path, headers, body)
                seen = {}
                for form in ("w", "i", "e"):
                    before = len(upstream.requests)
                    reply = raw_request(envoy.listener_port(f"{form}{index}"), sent, method=method)
                    seen[form] = (reply.status, [(n, v) for n, v in reply.headers if n.lower() not in VARYING],
                                  reply.body, [(r.method, r.path, [(n, v) for n, v in r.headers if n not in VARYING],
                                                r.body) for r in upstream.requests[before:]])
                assert seen["i"] == seen["w"], (texts[index], path)
                told_apart += seen["e"] != seen["w"]
    assert told_apart >= 6  # the envoy target's plan differs here: the caller's x-envoy-original-path

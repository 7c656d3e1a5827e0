"""`pwc manifest` output against the real things: Envoy runs and validates the
bootstraps, Istio's CRD schemas (tests/data/istio/) validate the resources."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from pwc.compiler.driver import compile_file
from pwc.runtime.envoy import Envoy, Response, Upstream, http_request
from istio_crd import closed, crd_version
from istio_crds import check_against_crd

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AUTH_GATE = ROOT / "examples" / "auth-gate.pwf"

CONFIGURED = '''filter "tagger"

config {
  tag: string = "default-tag"
  limit: int = 3
}

on request {
  set request.headers["x-tag"] = config.tag
  set request.headers["x-limit"] = string(config.limit)
}
'''


def pwc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def manifest(*args: str) -> dict:
    done = pwc("manifest", *args)
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def validate(envoy_path: str, config_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([envoy_path, "--mode", "validate", "-c", str(config_file), "--disable-hot-restart",
                           "--use-dynamic-base-id", "--log-level", "warning"],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def auth_service():
    def answer(request):
        token = request.header("authorization") or ""
        if token == "Bearer good":
            return Response(200, [("x-user", "ada")], b"")
        return Response(403, [], b"no")

    with Upstream(answer) as server:
        yield server


# ------------------------------------------------------------------ envoy


def test_envoy_bootstrap_runs_auth_gate(envoy_path, upstream, auth_service, tmp_path):
    wasm = tmp_path / "auth-gate.wasm"
    done = pwc("manifest", AUTH_GATE, "--for", "envoy", "--upstream", f"127.0.0.1:{upstream.port}",
               "--cluster", f"auth=127.0.0.1:{auth_service.port}", "--port", 0, "--admin-port", 0, "--wasm", wasm)
    assert done.returncode == 0, done.stderr
    assert wasm.read_bytes() == compile_file(AUTH_GATE)
    bootstrap_file = tmp_path / "bootstrap.yaml"
    bootstrap_file.write_text(done.stdout)
    checked = validate(envoy_path, bootstrap_file)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "OK" in checked.stdout

    with Envoy(bootstrap=yaml.safe_load(done.stdout)) as envoy:
        port = envoy.listener_port("auth-gate")
        assert http_request(port, "GET", "/private", []).status == 401
        assert http_request(port, "GET", "/private", [("authorization", "Bearer bad")]).status == 403
        reply = http_request(port, "GET", "/private", [("authorization", "Bearer good")])
        assert reply.status == 200, reply.body
        assert reply.header("x-authenticated-user") == "ada"
        seen = upstream.wait_for(1)[-1]
        assert seen.path == "/private" and seen.header("x-user") == "ada"
        assert auth_service.requests[-1].path == "/check"
        assert http_request(port, "GET", "/public/x", []).status == 200


def test_envoy_bootstrap_without_auth_cluster_has_placeholder_and_runs(envoy_path, upstream, tmp_path):
    done = pwc("manifest", AUTH_GATE, "--for", "envoy", "--upstream", f"127.0.0.1:{upstream.port}",
               "--port", 0, "--admin-port", 0, "--wasm", tmp_path / "m.wasm")
    assert done.returncode == 0, done.stderr
    assert "# - name: auth" in done.stdout and "--cluster auth=HOST:PORT" in done.stdout
    assert "call target auth has no --cluster" in done.stderr
    with Envoy(bootstrap=yaml.safe_load(done.stdout)) as envoy:
        # the call cannot be made: the filter's documented answer for an unreachable service
        reply = http_request(envoy.listener_port("auth-gate"), "GET", "/x", [("authorization", "Bearer good")])
        assert reply.status == 503


def test_configured_filter_gets_its_configuration(envoy_path, upstream, tmp_path):
    source = tmp_path / "tagger.pwf"
    source.write_text(CONFIGURED)
    bootstrap = manifest(source, "--for", "envoy", "--upstream", f"127.0.0.1:{upstream.port}", "--port", 0,
                         "--admin-port", 0, "--config", '{"tag": "from-config"}')
    with Envoy(bootstrap=bootstrap) as envoy:
        assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 200
    seen = upstream.wait_for(1)[-1]
    assert (seen.header("x-tag"), seen.header("x-limit")) == ("from-config", "3")


def _wasm_filter(bootstrap: dict) -> dict:
    manager = bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    return manager["http_filters"]


def test_envoyfilter_patch_value_loads_in_envoy(envoy_path, upstream, tmp_path):
    """The EnvoyFilter's patch value, with the sidecar path swapped for a local one, in a real Envoy."""
    source = tmp_path / "tagger.pwf"
    source.write_text(CONFIGURED)
    wasm = tmp_path / "tagger.wasm"
    wasm.write_bytes(compile_file(source))
    envoy_filter = manifest(source, "--for", "envoyfilter", "--config", '{"tag": "patched"}')
    value = copy.deepcopy(envoy_filter["spec"]["configPatches"][0]["patch"]["value"])
    value["typed_config"]["config"]["vm_config"]["code"]["local"]["filename"] = str(wasm)

    bootstrap = manifest(source, "--for", "envoy", "--upstream", f"127.0.0.1:{upstream.port}", "--port", 0,
                         "--admin-port", 0, "--wasm", wasm)
    filters = _wasm_filter(bootstrap)
    assert [f["name"] for f in filters] == ["envoy.filters.http.wasm", "envoy.filters.http.router"]
    filters[0] = value  # INSERT_BEFORE the router, as the patch says
    config_file = tmp_path / "embedded.yaml"
    config_file.write_text(yaml.safe_dump(bootstrap))
    checked = validate(envoy_path, config_file)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with Envoy(bootstrap=bootstrap) as envoy:
        assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 200
    assert upstream.wait_for(1)[-1].header("x-tag") == "patched"


def test_empty_plugin_config_as_istio_sends_it(envoy_path, upstream, tmp_path):
    """Istio leaves the configuration out when pluginConfig is empty (pwc omits it then):
    the module must take the absent configuration as all defaults."""
    source = tmp_path / "tagger.pwf"
    source.write_text(CONFIGURED)
    plugin = manifest(source, "--for", "istio")
    assert "pluginConfig" not in plugin["spec"]
    bootstrap = manifest(source, "--for", "envoy", "--upstream", f"127.0.0.1:{upstream.port}", "--port", 0,
                         "--admin-port", 0, "--wasm", tmp_path / "t.wasm")
    del _wasm_filter(bootstrap)[0]["typed_config"]["config"]["configuration"]
    with Envoy(bootstrap=bootstrap) as envoy:
        assert http_request(envoy.listener_port("tagger"), "GET", "/", []).status == 200
    assert upstream.wait_for(1)[-1].header("x-tag") == "default-tag"


# ------------------------------------------------------------------ Istio CRDs


@pytest.fixture(scope="module")
def gate_sha() -> str:
    return hashlib.sha256(compile_file(AUTH_GATE)).hexdigest()


def test_crd_check_catches_mistakes():
    """The closed CRD schema is strict enough to mean something."""
    spec = closed(crd_version("wasmplugins.yaml")[1]["schema"]["openAPIV3Schema"]["properties"]["spec"])
    good = {"url": "file:///x.wasm", "failStrategy": "FAIL_CLOSE", "phase": "AUTHN"}
    jsonschema.Draft7Validator(spec).validate(good)
    for bad in ({**good, "failStrategy": "FAIL_CLOSED"}, {**good, "plugin_name": "x"},
                {**good, "phase": "UNSPECIFIED"}, {**good, "sha256": "ABC"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft7Validator(spec).validate(bad)


def test_wasmplugin_against_crd(gate_sha):
    plugin = manifest(AUTH_GATE, "--for", "istio", "--namespace", "shop", "--selector", "app=web",
                      "--selector", "tier=front", "--url", "https://example.com/auth-gate.wasm",
                      "--config", "{}", "--phase", "AUTHN")
    check_against_crd(plugin, "wasmplugins.yaml")
    spec = plugin["spec"]
    assert plugin["metadata"] == {"name": "auth-gate", "namespace": "shop"}
    assert spec["pluginName"] == "auth-gate"
    assert spec["url"] == "https://example.com/auth-gate.wasm" and spec["sha256"] == gate_sha
    assert spec["selector"] == {"matchLabels": {"app": "web", "tier": "front"}}
    assert (spec["phase"], spec["failStrategy"], spec["type"]) == ("AUTHN", "FAIL_CLOSE", "HTTP")
    assert manifest(AUTH_GATE, "--for", "istio", "--fail-open")["spec"]["failStrategy"] == "FAIL_OPEN"
    default = manifest(AUTH_GATE, "--for", "istio")
    check_against_crd(default, "wasmplugins.yaml")
    assert default["spec"]["phase"] == "UNSPECIFIED_PHASE"
    assert default["spec"]["url"] == "file:///var/local/lib/wasm-filters/auth-gate/auth-gate.wasm"


def test_wasmplugin_plugin_config_and_oci(tmp_path):
    source = tmp_path / "tagger.pwf"
    source.write_text(CONFIGURED)
    plugin = manifest(source, "--for", "istio", "--config", '{"tag": "t", "limit": 7}',
                      "--url", "oci://ghcr.io/acme/tagger:1")
    check_against_crd(plugin, "wasmplugins.yaml")
    assert plugin["spec"]["pluginConfig"] == {"limit": 7, "tag": "t"}
    assert "sha256" not in plugin["spec"]  # for OCI, Istio checks the image digest instead


def test_trafficextension_against_crd(gate_sha):
    extension = manifest(AUTH_GATE, "--for", "trafficextension", "--selector", "app=web", "--namespace", "shop")
    check_against_crd(extension, "trafficextensions.yaml")
    spec = extension["spec"]
    assert spec["selector"] == {"matchLabels": {"app": "web"}}
    assert spec["phase"] == "UNSPECIFIED"
    wasm = spec["wasm"]
    assert wasm["pluginName"] == "auth-gate" and wasm["sha256"] == gate_sha
    assert wasm["url"].startswith("file://") and wasm["failStrategy"] == "FAIL_CLOSE" and wasm["type"] == "HTTP"
    assert "lua" not in spec  # the CRD's rule: exactly one of wasm or lua
    for phase in ("AUTHN", "AUTHZ", "STATS"):
        check_against_crd(manifest(AUTH_GATE, "--for", "trafficextension", "--phase", phase),
                          "trafficextensions.yaml")


def test_envoyfilter_against_crd_and_the_talk(tmp_path):
    source = tmp_path / "tagger.pwf"
    source.write_text(CONFIGURED)
    envoy_filter = manifest(source, "--for", "envoyfilter", "--selector", "app=web", "--namespace", "shop",
                            "--config", '{"tag": "t"}')
    check_against_crd(envoy_filter, "envoyfilters.yaml")
    spec = envoy_filter["spec"]
    assert spec["workloadSelector"] == {"labels": {"app": "web"}}
    (patch,) = spec["configPatches"]
    # the talk's shape: an HTTP filter inserted before the router of the inbound sidecar listener
    assert patch["applyTo"] == "HTTP_FILTER"
    assert patch["match"] == {"context": "SIDECAR_INBOUND", "listener": {"filterChain": {"filter": {
        "name": "envoy.filters.network.http_connection_manager",
        "subFilter": {"name": "envoy.filters.http.router"}}}}}
    assert patch["patch"]["operation"] == "INSERT_BEFORE"
    value = patch["patch"]["value"]
    assert value["name"] == "envoy.filters.http.wasm"
    assert value["typed_config"]["@type"] == "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm"
    config = value["typed_config"]["config"]
    assert config["root_id"] == "tagger" and config["name"] == "tagger"
    vm = config["vm_config"]
    assert vm["runtime"] == "envoy.wasm.runtime.v8"
    assert vm["code"] == {"local": {"filename": "/var/local/lib/wasm-filters/tagger/tagger.wasm"}}
    sha = hashlib.sha256(compile_file(source)).hexdigest()
    assert vm["vm_id"] == f"tagger-{sha[:12]}"
    assert config["configuration"] == {"@type": "type.googleapis.com/google.protobuf.StringValue",
                                       "value": '{"tag":"t"}'}
    # a new module gets a new vm_id, so the sidecar loads it instead of keeping the old VM
    source.write_text(CONFIGURED.replace("x-limit", "x-max"))
    changed = manifest(source, "--for", "envoyfilter")
    new_vm = changed["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["config"]["vm_config"]
    assert new_vm["vm_id"] != vm["vm_id"]


def test_configmap_mounts_where_the_others_look(tmp_path):
    text = pwc("manifest", AUTH_GATE, "--for", "configmap", "--namespace", "shop")
    assert text.returncode == 0, text.stderr
    config_map = yaml.safe_load(text.stdout)
    # Kubernetes core/v1 ConfigMap: apiVersion, kind, metadata, binaryData (map of base64 []byte)
    assert (config_map["apiVersion"], config_map["kind"]) == ("v1", "ConfigMap")
    assert set(config_map) == {"apiVersion", "kind", "metadata", "binaryData"}
    assert config_map["metadata"]["name"] == "auth-gate" and config_map["metadata"]["namespace"] == "shop"
    (key, data), = config_map["binaryData"].items()
    assert re.fullmatch(r"[-._a-zA-Z0-9]+", key)
    assert base64.b64decode(data, validate=True) == compile_file(AUTH_GATE)
    # the annotations in the comment mount it at the path the EnvoyFilter and WasmPlugin use
    annotations = dict(re.findall(r"^#\s+(sidecar\.istio\.io/\w+): '(.*)'$", text.stdout, re.M))
    volumes = json.loads(annotations["sidecar.istio.io/userVolume"])
    mounts = json.loads(annotations["sidecar.istio.io/userVolumeMount"])
    assert volumes == [{"name": volumes[0]["name"], "configMap": {"name": "auth-gate"}}]
    assert mounts[0]["name"] == volumes[0]["name"] and mounts[0]["readOnly"] is True
    path = f"{mounts[0]['mountPath']}/{key}"
    envoy_filter = manifest(AUTH_GATE, "--for", "envoyfilter")
    config = envoy_filter["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["config"]
    assert config["vm_config"]["code"]["local"]["filename"] == path
    assert manifest(AUTH_GATE, "--for", "istio")["spec"]["url"] == f"file://{path}"
    assert manifest(AUTH_GATE, "--for", "trafficextension")["spec"]["wasm"]["url"] == f"file://{path}"

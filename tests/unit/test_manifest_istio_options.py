"""`pwc manifest`'s Istio options (--target-ref, --priority, --match, --image-pull-*,
--env, --fail-strategy, --context), the --url Envoy fetches and the ConfigMap's size
limit, without Envoy: every resource printed is checked against Istio's own CRDs
(istio_crd.py, schema and CEL rules), every bad value is a usage error."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

from istio_crd import crd_problems

from pwc import cli
from pwc.compiler.driver import compile_source
from pwc.compiler.manifest import CONFIG_MAP_LIMIT, config_map_data_bytes

ROOT = Path(__file__).resolve().parents[2]
AUTH_GATE = ROOT / "examples" / "auth-gate.pwf"
OCI = "oci://ghcr.io/acme/auth-gate:1"


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        status = cli.main(["manifest", *map(str, args)])
    except SystemExit as exit_:  # argparse's own usage errors
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def manifest(capsys, *args) -> dict:
    status, out, err = run(capsys, AUTH_GATE, *args)
    assert status == 0, err
    return yaml.safe_load(out)


EVERY_OPTION = ["--target-ref", "Gateway/web", "--target-ref", "Service/api", "--priority", "10",
                "--match", "SERVER:8080,8443", "--match", "client", "--image-pull-policy", "Always",
                "--image-pull-secret", "registry-login", "--env", "REGION=eu-1", "--env", "POD_NAME",
                "--fail-strategy", "FAIL_RELOAD", "--url", OCI]
TARGET_REFS = [{"kind": "Gateway", "name": "web", "group": "gateway.networking.k8s.io"},
               {"kind": "Service", "name": "api"}]
MATCH = [{"mode": "SERVER", "ports": [{"number": 8080}, {"number": 8443}]}, {"mode": "CLIENT"}]
VM_CONFIG = {"env": [{"name": "REGION", "value": "eu-1"}, {"name": "POD_NAME", "valueFrom": "HOST"}]}


def test_wasmplugin_with_every_option(capsys):
    plugin = manifest(capsys, "--for", "istio", *EVERY_OPTION)
    assert crd_problems(plugin, "wasmplugins.yaml") == []
    spec = plugin["spec"]
    assert "selector" not in spec and spec["targetRefs"] == TARGET_REFS
    assert (spec["priority"], spec["match"], spec["vmConfig"]) == (10, MATCH, VM_CONFIG)
    assert (spec["imagePullPolicy"], spec["imagePullSecret"]) == ("Always", "registry-login")
    assert (spec["failStrategy"], spec["url"]) == ("FAIL_RELOAD", OCI)


def test_trafficextension_puts_each_option_where_its_crd_has_it(capsys):
    extension = manifest(capsys, "--for", "trafficextension", *EVERY_OPTION)
    assert crd_problems(extension, "trafficextensions.yaml") == []
    spec, wasm = extension["spec"], extension["spec"]["wasm"]
    assert (spec["targetRefs"], spec["priority"], spec["match"]) == (TARGET_REFS, 10, MATCH)
    assert (wasm["imagePullPolicy"], wasm["imagePullSecret"], wasm["vmConfig"]) == \
        ("Always", "registry-login", VM_CONFIG)
    assert wasm["failStrategy"] == "FAIL_RELOAD"


@pytest.mark.parametrize("target, crd", [("istio", "wasmplugins.yaml"),
                                         ("trafficextension", "trafficextensions.yaml")])
@pytest.mark.parametrize("strategy", ["FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD"])
def test_every_fail_strategy_is_one_istio_takes(capsys, target, crd, strategy):
    resource = manifest(capsys, "--for", target, "--fail-strategy", strategy)
    assert crd_problems(resource, crd) == []
    spec = resource["spec"] if target == "istio" else resource["spec"]["wasm"]
    assert spec["failStrategy"] == strategy


@pytest.mark.parametrize("ref, written", [
    ("Gateway/web", {"kind": "Gateway", "name": "web", "group": "gateway.networking.k8s.io"}),
    ("GatewayClass/istio-waypoint", {"kind": "GatewayClass", "name": "istio-waypoint",
                                     "group": "gateway.networking.k8s.io"}),
    ("Service/reviews", {"kind": "Service", "name": "reviews"}),
    ("Service/reviews/core", {"kind": "Service", "name": "reviews", "group": "core"}),
    ("ServiceEntry/ext", {"kind": "ServiceEntry", "name": "ext", "group": "networking.istio.io"}),
    ("Gateway/web/gateway.networking.k8s.io", {"kind": "Gateway", "name": "web",
                                               "group": "gateway.networking.k8s.io"}),
])
def test_target_refs_get_the_group_of_their_kind(capsys, ref, written):
    plugin = manifest(capsys, "--for", "istio", "--target-ref", ref)
    assert crd_problems(plugin, "wasmplugins.yaml") == []
    assert plugin["spec"]["targetRefs"] == [written]


@pytest.mark.parametrize("context", ["SIDECAR_INBOUND", "SIDECAR_OUTBOUND", "GATEWAY", "ANY"])
def test_envoyfilter_context_priority_and_target_refs(capsys, context):
    envoy_filter = manifest(capsys, "--for", "envoyfilter", "--context", context, "--priority", "-5",
                            "--target-ref", "Gateway/ingress", "--fail-strategy", "FAIL_RELOAD")
    assert crd_problems(envoy_filter, "envoyfilters.yaml") == []
    spec = envoy_filter["spec"]
    assert (spec["priority"], spec["targetRefs"]) == (-5, [{"kind": "Gateway", "name": "ingress",
                                                              "group": "gateway.networking.k8s.io"}])
    (patch,) = spec["configPatches"]
    assert patch["match"]["context"] == context
    assert patch["patch"]["value"]["typed_config"]["config"]["failure_policy"] == "FAIL_RELOAD"


def test_envoyfilter_default_context_is_the_talks(capsys):
    patch = manifest(capsys, "--for", "envoyfilter")["spec"]["configPatches"][0]
    assert patch["match"]["context"] == "SIDECAR_INBOUND"


@pytest.mark.parametrize("url", ["https://wasm.example.com/f/auth-gate.wasm?v=3", "http://10.0.0.7:8080/a.wasm",
                                 "https://[fd00::7]:8443/a.wasm"])
def test_envoyfilter_remote_fetch_against_crd(capsys, url):
    envoy_filter = manifest(capsys, "--for", "envoyfilter", "--url", url, "--selector", "app=web")
    assert crd_problems(envoy_filter, "envoyfilters.yaml") == []
    filter_patch, cluster_patch = envoy_filter["spec"]["configPatches"]
    remote = filter_patch["patch"]["value"]["typed_config"]["config"]["vm_config"]["code"]["remote"]
    assert remote["http_uri"]["uri"] == url
    assert remote["http_uri"]["cluster"] == cluster_patch["patch"]["value"]["name"]
    assert cluster_patch["match"] == {"context": "ANY"}
    tls = cluster_patch["patch"]["value"].get("transport_socket")
    assert (tls is not None) == url.startswith("https")


def test_fetch_cluster_names_follow_the_url():
    from pwc.compiler.manifest_remote import parse_remote

    assert parse_remote("https://Wasm.Example.com/x.wasm").cluster_name == "pwc-fetch-https-wasm.example.com-443"
    assert parse_remote("http://127.0.0.1/x").cluster_name == "pwc-fetch-http-127.0.0.1-80"
    assert parse_remote("https://[::1]:8443/x").cluster_name == "pwc-fetch-https-[::1]-8443"


def test_oracle_runs_the_crd_rules(capsys):
    """The CEL rules Istio's API server runs, which a schema check alone would miss."""
    plugin = manifest(capsys, "--for", "istio", "--target-ref", "Gateway/web", "--env", "A")
    plugin["spec"]["selector"] = {"matchLabels": {"app": "web"}}
    plugin["spec"]["vmConfig"]["env"][0]["value"] = "x"
    assert crd_problems(plugin, "wasmplugins.yaml") == [
        "spec: only one of targetRefs or selector can be set",
        "spec.vmConfig.env[0]: value may only be set when valueFrom is INLINE"]
    plugin["spec"]["match"] = [{"mode": "SERVER", "ports": [{"number": 0}]}]
    assert any("0 is less than the minimum of 1" in p for p in crd_problems(plugin, "wasmplugins.yaml"))


@pytest.mark.parametrize("args, message", [
    (["--for", "istio", "--target-ref", "Gateway"], "expected KIND/NAME or KIND/NAME/GROUP"),
    (["--for", "istio", "--target-ref", "Gateway/web/x/y"], "expected KIND/NAME or KIND/NAME/GROUP"),
    (["--for", "istio", "--target-ref", "9ateway/web"], "is not a resource kind"),
    (["--for", "istio", "--target-ref", "Gateway/Web_1"], "is not a Kubernetes name"),
    (["--for", "istio", "--target-ref", "Gateway/web/Not.A_Group"], "is not an API group"),
    (["--for", "istio", "--target-ref", "Deployment/web"], "give the group of a Deployment"),
    (["--for", "istio", "--target-ref", "Gateway/a", "--target-ref", "Gateway/a"], "given twice"),
    (["--for", "istio", *[f for i in range(17) for f in ("--target-ref", f"Gateway/g{i}")]], "at most 16"),
    (["--for", "istio", "--target-ref", "Gateway/web", "--selector", "app=web"], "one or the other"),
    (["--for", "envoyfilter", "--target-ref", "Gateway/web", "--selector", "app=web"], "one or the other"),
    (["--for", "istio", "--priority", "2147483648"], "32-bit integer"),
    (["--for", "istio", "--priority", "ten"], "invalid int value"),
    (["--for", "istio", "--match", "INBOUND"], "the mode is one of CLIENT, SERVER, CLIENT_AND_SERVER"),
    (["--for", "istio", "--match", "SERVER:0"], "'0' is not a port"),
    (["--for", "istio", "--match", "SERVER:80,x"], "'x' is not a port"),
    (["--for", "istio", "--match", "SERVER:"], "'' is not a port"),
    (["--for", "istio", "--match", "SERVER:80,80"], "port 80 is given twice"),
    (["--for", "istio", "--image-pull-policy", "Never"], "invalid choice: 'Never'"),
    (["--for", "istio", "--image-pull-policy", "Always"], "is for a module Istio fetches"),
    (["--for", "istio", "--image-pull-secret", "Reg_Cred", "--url", OCI], "not a Secret name"),
    (["--for", "istio", "--image-pull-secret", "regcred"], "is for a module in an OCI registry"),
    (["--for", "istio", "--env", "=x"], "expected NAME=VALUE"),
    (["--for", "istio", "--env", "A=1", "--env", "A=2"], "--env A: given twice"),
    (["--for", "istio", "--env", "A=" + "x" * 2049], "the value is 2049 characters"),
    (["--for", "istio", "--fail-strategy", "FAIL_CLOSED"], "invalid choice: 'FAIL_CLOSED'"),
    (["--for", "istio", "--fail-open", "--fail-strategy", "FAIL_RELOAD"], "contradict each other"),
    (["--for", "envoyfilter", "--context", "WAYPOINT"], "invalid choice: 'WAYPOINT'"),
    (["--for", "envoyfilter", "--match", "SERVER"], "--match does nothing with --for envoyfilter"),
    (["--for", "istio", "--context", "GATEWAY"], "--context does nothing with --for istio"),
    (["--for", "configmap", "--fail-strategy", "FAIL_OPEN"], "--fail-strategy does nothing with --for configmap"),
    (["--for", "configmap", "--priority", "1"], "--priority does nothing with --for configmap"),
    (["--for", "envoy", "--upstream", "h:1", "--env", "A=1"], "--env does nothing with --for envoy"),
    # URLs Envoy cannot fetch
    (["--for", "envoyfilter", "--url", OCI], "Envoy cannot pull OCI images"),
    (["--for", "envoy", "--upstream", "h:1", "--url", "file:///m.wasm"], "a local module is what"),
    (["--for", "envoy", "--upstream", "h:1", "--url", "ftp://h/m.wasm"], "over http:// or https:// only"),
    (["--for", "envoyfilter", "--url", "https://user:pw@h/m.wasm"], "sends no credentials"),
    (["--for", "envoyfilter", "--url", "https://h/m.wasm#x"], "fragment"),
    (["--for", "envoyfilter", "--url", "https://h:0/m.wasm"], "a number from 1 to 65535"),
    (["--for", "envoyfilter", "--url", "https://h:70000/m.wasm"], "a number from 1 to 65535"),
    (["--for", "envoyfilter", "--url", "https://h:x/m.wasm"], "a number from 1 to 65535"),
    (["--for", "envoyfilter", "--url", "https:///m.wasm"], "names no host"),
    (["--for", "envoyfilter", "--url", "https://a_b/m.wasm"], "is not a host name"),
    (["--for", "envoyfilter", "--url", "https://[fe80::zz]/m.wasm"], "not a URL ('fe80::zz' does not appear"),
    (["--for", "envoyfilter", "--url", "https://h/a b.wasm"], "percent-encode"),
    (["--for", "envoyfilter", "--url", "https://h/m.wasm", "--filename", "/m.wasm"], "not both"),
    (["--for", "envoyfilter", "--url", "http://h/m.wasm", "--ca-file", "/ca.pem"], "https:// --url"),
    (["--for", "envoy", "--upstream", "h:1", "--url", "http://h:1/m", "--cluster", "pwc-fetch-http-h-1=h:2"],
     "the --url fetch's cluster"),
])
def test_usage_errors(capsys, tmp_path, args, message):
    wasm = ["--wasm", tmp_path / "m.wasm"] if args[1] == "envoy" else []
    status, out, err = run(capsys, AUTH_GATE, *args, *wasm)
    assert (status, out) == (2, "") and message in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "m.wasm").exists()


# ---------------------------------------------------------------- ConfigMap size


def _big_filter(tmp_path: Path, length: int) -> Path:
    source = tmp_path / "big.pwf"
    source.write_text(f'filter "big"\n\non request {{\n  set request.headers["x-big"] = "{"a" * length}"\n}}\n')
    return source


def _module_size(source: Path) -> int:
    result = compile_source(source.read_text(), source.name)
    assert result.ok and result.wasm is not None
    return len(result.wasm)


def test_configmap_holds_a_module_of_exactly_one_mib_and_not_a_byte_more(capsys, tmp_path):
    """Kubernetes counts the decoded bytes of binaryData against 1 MiB (ValidateConfigMap):
    a module of 1,048,576 bytes fits (base64 and metadata do not count), 1,048,577 does not."""
    probe = 1_000_000
    overhead = _module_size(_big_filter(tmp_path, probe)) - probe
    fitting = _big_filter(tmp_path, CONFIG_MAP_LIMIT - overhead)
    status, out, err = run(capsys, fitting, "--for", "configmap", "--wasm-only")
    assert status == 0, err
    document = yaml.safe_load(out)
    (data,) = document["binaryData"].values()
    assert len(base64.b64decode(data)) == CONFIG_MAP_LIMIT == config_map_data_bytes(document)
    assert "kubectl apply --server-side" in out  # its base64 is beyond client-side apply's annotation

    too_big = _big_filter(tmp_path, CONFIG_MAP_LIMIT - overhead + 1)
    status, out, err = run(capsys, too_big, "--for", "configmap", "--wasm-only")
    assert (status, out) == (1, "")
    assert err == ("pwc: error: --for configmap: the module is 1,048,577 bytes, and a ConfigMap holds at most "
                   "1,048,576 (1 MiB): load it from an OCI image (--for istio --url oci://...) or have Envoy "
                   "fetch it over HTTP(S) (--url https://...)\n")


def test_small_configmap_has_no_server_side_note(capsys):
    status, out, _ = run(capsys, AUTH_GATE, "--for", "configmap")
    assert status == 0 and "--server-side" not in out

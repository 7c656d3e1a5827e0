"""`pwc manifest` planned for Istio's targets and the ConfigMap (docs/native.md,
docs/deploy.md).  The EnvoyFilter's patches, applied to a sidecar's listener
the way Istio applies them (tests/istio_patches.py), must give the chain
`--for envoy` builds for the same plan: for every example and for generated
filters (Istio's plan keeps rewrites and replies in the module; that plan runs
against the whole module in tests/e2e/test_planned_manifest.py).  The
resources pass Istio's CRDs; WasmPlugin and TrafficExtension deploy the whole module beside a plan
that moves rules, and give their whole-module output when none moves.  What
every target deploys for each example is a golden file (tests/golden/istio)."""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from istio_crds import check_against_crd
from istio_patches import apply
from native_corpus import filters as corpus_filters
from pwc.compiler import manifest_native
from pwc.compiler.driver import compile_file
from pwc.compiler.manifest import Built, ManifestError, Options, build, envoy_bootstrap, render
from pwc.compiler.plan import Planned

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.pwf")) + sorted((ROOT / "bench").glob("*.pwf"))
WASM = "/module.wasm"  # where the bootstraps load the module; the EnvoyFilter's sidecar path is swapped for it
CRD_OF = {"istio": "wasmplugins.yaml", "trafficextension": "trafficextensions.yaml",
          "envoyfilter": "envoyfilters.yaml"}


def _built(text: str, filename: str) -> tuple[Built, Planned] | None:
    try:
        built = build(text, filename, None)
    except ManifestError:
        return None  # a filter that needs --config: tests/e2e cover those with theirs
    return built, manifest_native.plan_built(built, text, "envoyfilter")


def _yaml(target: str, built: Built, plan: Planned | None, **options) -> dict:
    return yaml.safe_load(render(target, built, Options(**options), plan))


def _manager(bootstrap: dict) -> dict:
    return bootstrap["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]


def _sidecar(built: Built) -> dict:
    """The listener an EnvoyFilter patches: the whole-module bootstrap with no filter of pwc's."""
    bootstrap = envoy_bootstrap(built, Options(upstream=("127.0.0.1", 8080), wasm_path=WASM))
    manager = _manager(bootstrap)
    manager["http_filters"] = [f for f in manager["http_filters"] if f["name"] != "envoy.filters.http.wasm"]
    return bootstrap


def _chain(bootstrap: dict) -> tuple[list, dict]:
    """The HTTP filters (their configurations, in order; names are each target's own) and the route."""
    manager = _manager(copy.deepcopy(bootstrap))
    for entry in manager["http_filters"]:
        code = entry["typed_config"].get("config", {}).get("vm_config", {}).get("code", {})
        if "local" in code:
            code["local"]["filename"] = WASM
    return [f["typed_config"] for f in manager["http_filters"]], manager["route_config"]


def _patched_equals_planned(text: str, filename: str) -> Planned | None:
    made = _built(text, filename)
    if made is None:
        return None
    built, plan = made
    envoy_filter = _yaml("envoyfilter", built, plan)
    check_against_crd(envoy_filter, CRD_OF["envoyfilter"])
    patched = apply(_sidecar(built), envoy_filter["spec"]["configPatches"], "SIDECAR_INBOUND")
    planned = envoy_bootstrap(built, Options(upstream=("127.0.0.1", 8080), wasm_path=WASM), plan)
    assert _chain(patched) == _chain(planned)
    names = [f["name"] for f in _manager(patched)["http_filters"]]
    assert len(set(names)) == len(names), names  # each patch can find its anchor
    whole = _yaml("envoyfilter", built, None)
    unpatched = apply(_sidecar(built), whole["spec"]["configPatches"], "SIDECAR_INBOUND")
    whole_bootstrap = envoy_bootstrap(built, Options(upstream=("127.0.0.1", 8080), wasm_path=WASM))
    assert _chain(unpatched) == _chain(whole_bootstrap)
    return plan


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_envoyfilter_patches_make_the_planned_envoy_chain(example):
    _patched_equals_planned(example.read_text(), example.name)


def test_envoyfilter_patches_make_the_planned_chain_of_generated_filters():
    moved = 0
    for index, text in enumerate(corpus_filters(60)):
        plan = _patched_equals_planned(text, f"f{index}.pwf")
        assert plan is not None
        moved += manifest_native.moved(plan) > 0
    assert moved >= 10  # filters whose every request or response rule is a header rule Envoy can run


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_plugins_carry_the_whole_module_and_name_what_the_plan_would_move(example):
    made = _built(example.read_text(), example.name)
    if made is None:
        pytest.skip("needs --config")
    built, plan = made
    for target in ("istio", "trafficextension"):
        resource = _yaml(target, built, plan)
        check_against_crd(resource, CRD_OF[target])
        assert resource == _yaml(target, built, None)  # the whole module, as --wasm-only
        text = render(target, built, Options(), plan)
        lines = [p.line for p in plan.plan.placements if p.where != "module"]
        assert ("--for envoyfilter deploys that plan" in text) == bool(lines)
        assert all(f"{line}" in text.split("Not planned:", 1)[-1].split("\n", 1)[0] for line in lines)
    config_map = _yaml("configmap", built, plan) if plan.wasm is not None else None
    if config_map is not None:
        held = config_map["metadata"]["annotations"]["pwc/sha256"]
        assert held == manifest_native.planned_built(built, plan).sha256 if manifest_native.moved(plan) \
            else held == built.sha256


def _pwc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_the_command_line_plans_every_target_and_wasm_only_keeps_the_whole_module():
    sides = ROOT / "bench" / "sides.pwf"  # a request rule stays in the module, the response's header moves
    for target in ("istio", "trafficextension"):
        noted = _pwc("manifest", sides, "--for", target)
        assert noted.returncode == 0 and "planned (pwc plan), 1 rule (line 12) would run in Envoy's own" in noted.stdout
        whole = _pwc("manifest", sides, "--for", target, "--wasm-only")
        assert whole.returncode == 0 and "Not planned" not in whole.stdout
        assert whole.stdout.split("\n", 1)[1] == noted.stdout.split("\n", 2)[2]  # the same resource
    planned = _pwc("manifest", sides, "--for", "envoyfilter")
    assert planned.returncode == 0, planned.stderr
    assert "# Planned (pwc plan): 1 rule in Envoy's own configuration, 1 in the module" in planned.stdout
    patches = yaml.safe_load(planned.stdout)["spec"]["configPatches"]
    assert [(p["patch"]["operation"], p["match"]["listener"]["filterChain"]["filter"]["subFilter"]["name"],
             p["patch"]["value"]["name"]) for p in patches] == [
        ("INSERT_BEFORE", "envoy.filters.http.router", "pwc.sides"),
        ("INSERT_BEFORE", "pwc.sides", "pwc.sides.response.header_mutation")]
    no_module = _pwc("manifest", ROOT / "bench" / "headers.pwf", "--for", "configmap")
    assert no_module.returncode == 1
    assert "planned (pwc plan) this filter needs none: --for envoyfilter deploys it" in no_module.stderr
    assert _pwc("manifest", ROOT / "bench" / "headers.pwf", "--for", "configmap", "--wasm-only").returncode == 0


def test_a_path_rewrite_stays_in_the_module_for_istio_and_header_rules_move_in_every_context():
    banana = ROOT / "examples" / "banana-path.pwf"
    made = _built(banana.read_text(), "banana-path.pwf")
    assert made is not None
    built, plan = made
    assert manifest_native.moved(plan) == 0 and plan.wasm is not None
    text = render("envoyfilter", built, Options(), plan)
    assert ("# Line 9: a path rewrite stays in the module under Istio: its listeners pass a caller's "
            "`x-envoy-original-path` on") in text
    assert yaml.safe_load(text) == _yaml("envoyfilter", built, None)  # the whole module, as --wasm-only
    for target in ("istio", "trafficextension"):
        assert _yaml(target, built, plan) == _yaml(target, built, None)
    envoy_plan = manifest_native.plan_built(built, banana.read_text())  # --for envoy and pwc run move it
    assert envoy_plan.wasm is None and envoy_plan.route_action
    headers = ROOT / "bench" / "headers.pwf"  # header rules only: every context can have them
    made = _built(headers.read_text(), "headers.pwf")
    assert made is not None
    for context in ("GATEWAY", "SIDECAR_OUTBOUND", "ANY"):
        options = Options()
        options.istio.context = context
        resource = yaml.safe_load(render("envoyfilter", made[0], options, made[1]))
        check_against_crd(resource, "envoyfilters.yaml")
        assert {p["match"]["context"] for p in resource["spec"]["configPatches"]} == {context}


def test_flags_that_say_where_the_module_is_are_refused_when_no_module_is_left():
    banana = ROOT / "bench" / "headers.pwf"
    for flag, value in (("--url", "https://example.com/m.wasm"), ("--filename", "/m.wasm")):
        refused = _pwc("manifest", banana, "--for", "envoyfilter", flag, value)
        assert refused.returncode == 2
        assert f"{flag} says where the module is, and planned (pwc plan) this filter needs none: drop {flag}" \
            in refused.stderr
        assert _pwc("manifest", banana, "--for", "envoyfilter", flag, value, "--wasm-only").returncode == 0


def test_wasm_writes_the_module_the_envoyfilter_loads(tmp_path):
    api_gate = ROOT / "bench" / "sides.pwf"  # planned, a module is left and a rule moves
    out = tmp_path / "left.wasm"
    done = _pwc("manifest", api_gate, "--for", "envoyfilter", "--url", "https://example.com/m.wasm", "--wasm", out)
    assert done.returncode == 0, done.stderr
    code = yaml.safe_load(done.stdout)["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]["config"][
        "vm_config"]["code"]["remote"]
    assert code["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert "--wasm OUT.wasm writes that module" in done.stdout
    whole = _pwc("manifest", api_gate, "--for", "envoyfilter", "--wasm-only", "--wasm", out)
    assert whole.returncode == 0, whole.stderr
    assert out.read_bytes() == compile_file(api_gate)
    refused = _pwc("manifest", ROOT / "bench" / "headers.pwf", "--for", "envoyfilter", "--wasm", out)
    assert refused.returncode == 2 and "--wasm says where the module is" in refused.stderr


GOLDEN = ROOT / "tests" / "golden" / "istio"
MODULE_VALUE = "<the module's wasm filter: --wasm-only's, named as here>"


def _stable(text: str) -> list[str]:
    """A manifest's comment lines, but those naming the module's bytes (they change with the compiler)."""
    return [line for line in text.splitlines() if line.startswith("# ") and "sha256" not in line
            and "bytes" not in line]


def _what_each_target_deploys(built: Built, plan: Planned) -> str:
    lines = []
    for target in ("envoyfilter", "configmap", "istio", "trafficextension"):
        try:
            text = render(target, built, Options(), plan)
        except ManifestError as refused:
            lines += [f"## {target}: refused", f"# {refused}"]
            continue
        document = yaml.safe_load(text)
        moved = manifest_native.moved(plan) > 0 and target not in manifest_native.PLUGIN_TARGETS
        lines += [f"## {target}: {'the module of what is left' if moved and plan.wasm else 'the whole module'}"
                  if target != "envoyfilter" else f"## {target}", *_stable(text)]
        if target == "envoyfilter":
            for patch in document["spec"]["configPatches"]:
                if patch["patch"]["value"]["typed_config"]["@type"].endswith(".wasm.v3.Wasm"):
                    patch["patch"]["value"]["typed_config"] = MODULE_VALUE
            lines.append(yaml.safe_dump(document["spec"]["configPatches"], sort_keys=False, width=1 << 30).rstrip())
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_what_every_istio_target_deploys_matches_its_golden(example, golden):
    made = _built(example.read_text(), example.name)
    if made is None:
        pytest.skip("needs --config")
    golden(GOLDEN / f"{example.stem}.txt", _what_each_target_deploys(*made))

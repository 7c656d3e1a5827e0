"""`pwc manifest`: the YAML that deploys a compiled filter, for five targets.

    istio             Istio WasmPlugin (extensions.istio.io/v1alpha1)
    trafficextension  Istio TrafficExtension (extensions.istio.io/v1alpha1), WasmPlugin's successor
    envoyfilter       Istio EnvoyFilter (networking.istio.io/v1alpha3) loading the module from a file,
                      as in the talk
    configmap         a ConfigMap holding the module, to mount into the sidecar
    envoy             a complete Envoy bootstrap that runs the filter on 127.0.0.1

Every target is a plain dict built by one function, then dumped with a few
comment lines; the same inputs give the same bytes.  The configuration given
with --config is checked before anything is printed (`parse_config`): against
the filter's JSON Schema, and for the things the module refuses that a
schema cannot say (a key given twice, an integer written with a fraction or an
exponent, a number beyond the double range: config_values.py).  Call targets (`call CLUSTER {...}`) come from the checked tree:
a string literal, or `config.NAME` whose value is the given one or the default.
Istio's options of where and how the plugin runs are in manifest_istio.py;
Envoy fetching the module itself (`--url http(s)://` for envoy, envoyfilter)
in manifest_remote.py; the plan every target deploys unless --wasm-only, in manifest_native.py.  See docs/deploy.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import __version__, envoy_config, oci
from . import checker, manifest_istio, manifest_native, manifest_remote, types
from .plan import Planned
from .attributes import BODY_PHASE
from .config_values import JsonDecimal, JsonInt, deployed_text, number_problems
from .files import write_atomically
from .manifest_calls import CallTarget, call_targets
from .diagnostics import closest

TARGETS = ("istio", "trafficextension", "envoyfilter", "configmap", "envoy")
MOUNT_ROOT = "/var/local/lib/wasm-filters"  # the ConfigMap is mounted at MOUNT_ROOT/NAME/
UPSTREAM = envoy_config.UPSTREAM_CLUSTER
URL_SCHEMES = ("oci://", "file://", "http://", "https://")
# Istio's two CRDs spell "no particular phase" differently (see tests/data/istio/).
PHASES = {"istio": {"AUTHN": "AUTHN", "AUTHZ": "AUTHZ", "STATS": "STATS", "UNSPECIFIED": "UNSPECIFIED_PHASE"},
          "trafficextension": {"AUTHN": "AUTHN", "AUTHZ": "AUTHZ", "STATS": "STATS", "UNSPECIFIED": "UNSPECIFIED"}}
CONFIG_MAP_LIMIT = 1 << 20  # Kubernetes' core.MaxSecretSize, which ConfigMaps share
# Client-side `kubectl apply` copies the object into an annotation, and all of an
# object's annotations together hold at most this many bytes.
ANNOTATIONS_LIMIT = 256 << 10
K8S_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


class ManifestError(Exception):
    """A refusal: `messages` are printed one per line; `status` is the exit status."""

    def __init__(self, messages: str | list[str], status: int = 1, *, rendered: bool = False):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))
        self.status = status
        self.rendered = rendered  # compiler diagnostics, already in their printed form

    def print(self, stream=None) -> None:
        for message in self.messages:
            print(message if self.rendered else f"pwc: error: {message}", file=stream or sys.stderr)


# ---------------------------------------------------------------- configuration


def read_config_argument(value: str | None) -> str | None:
    """The text of `--config JSON|@FILE` (None when not given)."""
    if value is None or not value.startswith("@"):
        return value
    try:
        return Path(value[1:]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"--config {value}: cannot read it ({getattr(error, 'strerror', None) or error})")


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_config(text: str | None, checked: checker.Checked) -> dict[str, Any]:
    """The configuration object, checked as the module will check it; ManifestError naming
    every bad key otherwise.  None (no --config) is the empty object: every default applies."""
    if text is None:
        text = "{}"
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=JsonDecimal, parse_int=JsonInt,
                           parse_constant=_refuse_constant)
    except _DuplicateKey as error:
        raise ManifestError(f"--config: key {json.dumps(str(error))} is given twice") from None
    except ValueError as error:
        raise ManifestError(f"--config: not valid JSON ({error})") from None
    except RecursionError:
        raise ManifestError("--config: nested too deeply (the module reads at most 32 levels)") from None
    if not isinstance(value, dict):
        raise ManifestError("--config: the configuration must be a JSON object")
    problems = _schema_problems(value, checked) or number_problems(value, config_type(checked))
    if problems:
        raise ManifestError([f"--config: {problem}" for problem in problems])
    return value


def _schema_problems(value: dict[str, Any], checked: checker.Checked) -> list[str]:
    try:
        import jsonschema
    except ImportError:
        raise ManifestError("checking --config needs the jsonschema package: pip install jsonschema", 2) from None
    from .schema import json_schema

    schema = json_schema(checked)
    keys = list(schema["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(value), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        where = _key_path(error.absolute_path)
        if error.validator == "additionalProperties" and not where:
            for key in sorted(set(error.instance) - set(keys)):
                hint = closest(key, keys)
                known = ", ".join(keys) if keys else "none: this filter has no config block"
                problems.append(f"unknown key {json.dumps(key)}"
                                + (f" (did you mean {json.dumps(hint)}?)" if hint else "")
                                + f"; the filter's keys: {known}")
        elif error.validator == "required":
            for key in error.validator_value:
                if key not in error.instance:
                    problems.append(f"key {json.dumps(key)} is required (it has no default)")
        elif error.validator == "type" and error.validator_value == "integer" and isinstance(error.instance, Decimal):
            problems.append(f"key {json.dumps(where)}: {error.instance} is not an integer "
                            "(write integers without a fraction or an exponent)")
        else:
            instance = _plain(error.instance)
            problems.append(f"key {json.dumps(where)}: {json.dumps(instance)} is not valid here ({_reason(error)})")
    return problems


def config_type(checked: checker.Checked) -> types.RecordType:
    """The configuration as the record type the module reads it as."""
    return types.RecordType("config", "i32", kind="record", fields=[entry.field for entry in checked.config])


def _key_path(parts) -> str:
    """A location in the configuration as the module names it: `rules[2].status`."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _reason(error) -> str:
    if error.validator == "pattern":
        return 'a duration is NUMBER UNIT groups, units ms, s, m, h, as in "250ms" or "1m30s"'
    if error.validator == "type":
        return f"expected {error.validator_value}"
    return error.message


def _plain(value: Any) -> Any:
    """Decimals (only ever in refused input) as JSON numbers for messages,
    integers too long for Python to print as the start of their text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, JsonInt) and len(value.text) > 4000:
        return f"{value.text[:48]}..."
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value




# ---------------------------------------------------------------- the filter, built once


@dataclass
class Built:
    """A compiled filter and what every target needs from it."""

    filter_name: str
    wasm: bytes
    checked: checker.Checked
    config: dict[str, Any]
    source_name: str = "filter.pwf"
    targets: list[CallTarget] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.wasm).hexdigest()

    @property
    def vm_id(self) -> str:
        """Changes with the module, so Envoy loads a new VM instead of reusing the old one."""
        return f"{self.filter_name}-{self.sha256[:12]}"

    @property
    def configuration(self) -> str:
        return deployed_text(self.config, config_type(self.checked))

    @property
    def holds_headers(self) -> bool:
        """A body phase pauses its side's headers until the body is in, which
        Envoy allows only with the plugin's allow_on_headers_stop_iteration."""
        return any(handler.phase in BODY_PHASE.values() for handler in self.checked.module.handlers)


def _needs_envoy_plugin_options(built: Built, target: str) -> None:
    """Istio's WasmPlugin and TrafficExtension cannot set allow_on_headers_stop_iteration."""
    if built.holds_headers:
        raise ManifestError(f"--for {target}: the filter has a body phase, which needs the Envoy plugin option "
                            "allow_on_headers_stop_iteration; Istio's resource cannot set it: use --for envoyfilter")


# Runs the module's own configure step on the deployed configuration; raises
# ManifestError if the module refuses it.  The command line passes one (it
# needs the runtime, which the compiler does not import): pwc.configure.
ModuleCheck = Callable[["Built"], None]


def build(text: str, filename: str, config_text: str | None, check_module: ModuleCheck | None = None) -> Built:
    """Compile and check the configuration (against the schema, then with `check_module`);
    ManifestError (with rendered diagnostics) on errors."""
    from .driver import compile_source

    result = compile_source(text, filename)
    if not result.ok or result.wasm is None:
        raise ManifestError(result.render(), rendered=True)
    assert result.checked is not None and result.module is not None, "a compiled filter was checked"
    config = parse_config(config_text, result.checked)
    built = Built(result.module.filter_name, result.wasm, result.checked, config, Path(filename).name)
    if check_module is not None:
        check_module(built)
    built.targets = call_targets(result.checked, config)
    return built


@dataclass
class Options:
    url: str | None = None
    name: str | None = None
    namespace: str | None = None
    selector: dict[str, str] = field(default_factory=dict)
    upstream: tuple[str, int] | None = None
    clusters: dict[str, tuple[str, int]] = field(default_factory=dict)
    port: int = 10000
    admin_port: int = 9901
    phase: str = "UNSPECIFIED"
    fail_open: bool = False
    filename: str | None = None  # envoyfilter: where the sidecar finds the module
    wasm_path: str | None = None  # envoy: the module file the bootstrap loads
    image: oci.Reference | None = None  # istio, trafficextension: the module's OCI image (pwc push)
    variant: str = oci.DEFAULT_VARIANT  # the image's variant, whose digest a tag is checked against
    fail_strategy: str | None = None  # FAIL_CLOSE, FAIL_OPEN, FAIL_RELOAD (None: by fail_open)
    istio: manifest_istio.IstioOptions = field(default_factory=manifest_istio.IstioOptions)
    ca_file: str | None = None  # envoy, envoyfilter: the CA bundle an https fetch is checked with

    @property
    def strategy(self) -> str:
        return self.fail_strategy or ("FAIL_OPEN" if self.fail_open else "FAIL_CLOSE")

    @property
    def failure_policy(self) -> str | None:
        """The strategy as Envoy's PluginConfig.failure_policy (None: Envoy's default, fail closed)."""
        return manifest_istio.ENVOY_FAILURE_POLICY[self.strategy]

    def remote(self) -> manifest_remote.Remote | None:
        """envoy, envoyfilter: the module URL Envoy fetches (None: a local file)."""
        if self.url is None:
            return None
        try:
            return manifest_remote.parse_remote(self.url, self.ca_file)
        except manifest_remote.UrlRefused as error:
            raise ManifestError(f"--url {self.url}: {error}", 2) from None


def resource_name(built: Built, options: Options) -> str:
    name = options.name or built.filter_name
    if not K8S_NAME.match(name) or len(name) > 63:
        raise ManifestError(f"{json.dumps(name)} is not a Kubernetes resource name "
                            "(lower-case letters, digits and '-', at most 63): give one with --name", 2)
    return name


def _metadata(name: str, options: Options) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": name}
    if options.namespace:
        metadata["namespace"] = options.namespace
    return metadata


def mount_dir(name: str) -> str:
    return f"{MOUNT_ROOT}/{name}"


def default_url(built: Built, name: str) -> str:
    return f"file://{mount_dir(name)}/{built.filter_name}.wasm"


def _wasm_source(built: Built, name: str, options: Options) -> dict[str, Any]:
    """url + sha256: for oci:// the sha256 Istio checks is the image digest, not the module's."""
    if options.image is not None:
        return oci.istio_source(options.image, built.wasm, options.variant)
    url = options.url or default_url(built, name)
    if not url.startswith(URL_SCHEMES):
        raise ManifestError(f"--url {url}: use oci://, file://, http:// or https://", 2)
    source = {"url": url}
    if not url.startswith("oci://"):
        source["sha256"] = built.sha256
    return source


def wasm_plugin(built: Built, options: Options) -> dict[str, Any]:
    _needs_envoy_plugin_options(built, "istio")
    name = resource_name(built, options)
    spec: dict[str, Any] = _istio_attachment(options, "selector", "matchLabels")
    spec.update(_wasm_source(built, name, options))
    spec.update(_istio_vm_fields(options, spec["url"]))
    spec["pluginName"] = built.filter_name
    if built.config:
        spec["pluginConfig"] = _plugin_config(built)
    spec["phase"] = PHASES["istio"][options.phase]
    spec.update(manifest_istio.traffic_fields(options.istio))
    spec["failStrategy"] = options.strategy
    spec["type"] = "HTTP"
    return {"apiVersion": "extensions.istio.io/v1alpha1", "kind": "WasmPlugin",
            "metadata": _metadata(name, options), "spec": spec}


def _istio_attachment(options: Options, selector_key: str, labels_key: str) -> dict[str, Any]:
    try:
        return manifest_istio.attachment(options.istio, options.selector, selector_key, labels_key)
    except manifest_istio.BadOption as error:
        raise ManifestError(str(error), 2) from None


def _istio_vm_fields(options: Options, url: str) -> dict[str, Any]:
    try:
        return manifest_istio.vm_fields(options.istio, url)
    except manifest_istio.BadOption as error:
        raise ManifestError(str(error), 2) from None


def _plugin_config(built: Built) -> Any:
    """The configuration as Istio's pluginConfig, a protobuf Struct, whose
    numbers are doubles: an integer too long for Python to read as one is
    read as a double too (Istio hands the module what the Struct holds)."""
    return json.loads(built.configuration, parse_int=lambda text: int(text) if len(text) <= 4000 else float(text))


def traffic_extension(built: Built, options: Options) -> dict[str, Any]:
    _needs_envoy_plugin_options(built, "trafficextension")
    name = resource_name(built, options)
    spec: dict[str, Any] = _istio_attachment(options, "selector", "matchLabels")
    spec["phase"] = PHASES["trafficextension"][options.phase]
    spec.update(manifest_istio.traffic_fields(options.istio))
    wasm: dict[str, Any] = _wasm_source(built, name, options)
    wasm.update(_istio_vm_fields(options, wasm["url"]))
    wasm["pluginName"] = built.filter_name
    if built.config:
        wasm["pluginConfig"] = _plugin_config(built)
    wasm["failStrategy"] = options.strategy
    wasm["type"] = "HTTP"
    spec["wasm"] = wasm
    return {"apiVersion": "extensions.istio.io/v1alpha1", "kind": "TrafficExtension",
            "metadata": _metadata(name, options), "spec": spec}


def wasm_http_filter(built: Built, filename: str, failure_policy: str | None = None,
                     code: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `envoy.filters.http.wasm` entry for the module at `filename` in its deployment
    (or fetched as `code` says: manifest_remote.remote_code)."""
    return envoy_config.wasm_filter(built.filter_name, filename, built.configuration, root_id=built.filter_name,
                                    vm_id=built.vm_id, failure_policy=failure_policy,
                                    hold_headers=built.holds_headers, code=code)


def envoy_filter(built: Built, options: Options, plan: Planned | None = None) -> dict[str, Any]:
    """The EnvoyFilter; planned, `built` holds the module of what is left (manifest_native.for_target)."""
    name = resource_name(built, options)
    filename = options.filename or f"{mount_dir(name)}/{built.filter_name}.wasm"
    remote = options.remote() if plan is None or plan.wasm else None
    code = manifest_remote.remote_code(remote, built.sha256) if remote else None
    spec: dict[str, Any] = _istio_attachment(options, "workloadSelector", "labels")
    if options.istio.priority is not None:
        spec["priority"] = options.istio.priority
    wasm = wasm_http_filter(built, filename, failure_policy=options.failure_policy, code=code)
    if plan is not None:
        spec["configPatches"] = manifest_native.config_patches(plan, name, options.istio.context,
                                                               wasm if plan.wasm else None)
    else:
        spec["configPatches"] = [{
        "applyTo": "HTTP_FILTER",
        "match": {
            "context": options.istio.context,
            "listener": {"filterChain": {"filter": {
                "name": "envoy.filters.network.http_connection_manager",
                "subFilter": {"name": "envoy.filters.http.router"}}}},
        },
        "patch": {"operation": "INSERT_BEFORE", "value": wasm},
    }]
    if remote:
        spec["configPatches"].append(manifest_remote.cluster_patch(remote))
    return {"apiVersion": "networking.istio.io/v1alpha3", "kind": "EnvoyFilter",
            "metadata": _metadata(name, options), "spec": spec}


def config_map(built: Built, options: Options) -> dict[str, Any]:
    name = resource_name(built, options)
    metadata = _metadata(name, options)
    metadata["annotations"] = {"pwc/filter": built.filter_name, "pwc/sha256": built.sha256}
    document = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata,
                "binaryData": {f"{built.filter_name}.wasm": base64.b64encode(built.wasm).decode("ascii")}}
    size = config_map_data_bytes(document)
    if size > CONFIG_MAP_LIMIT:
        raise ManifestError(f"--for configmap: the module is {size:,} bytes, and a ConfigMap holds at most "
                            f"{CONFIG_MAP_LIMIT:,} (1 MiB): load it from an OCI image (--for istio --url oci://...) "
                            "or have Envoy fetch it over HTTP(S) (--url https://...)")
    return document


def config_map_data_bytes(document: dict[str, Any]) -> int:
    """What the Kubernetes API server holds against a ConfigMap's limit: the bytes of
    every `data` value and every decoded `binaryData` value (its ValidateConfigMap).
    The base64 text and the metadata do not count; etcd's own limit (1.5 MiB by
    default, on the whole object, stored in binary) is the looser one."""
    return (sum(len(value.encode()) for value in document.get("data", {}).values())
            + sum(len(base64.b64decode(value)) for value in document.get("binaryData", {}).values()))


def sidecar_annotations(built: Built, name: str) -> dict[str, str]:
    """The pod annotations that mount the ConfigMap into the istio-proxy container."""
    volume = f"wasm-{name}"[:63]
    return {
        "sidecar.istio.io/userVolume": json.dumps([{"name": volume, "configMap": {"name": name}}],
                                                  separators=(",", ":")),
        "sidecar.istio.io/userVolumeMount": json.dumps(
            [{"name": volume, "mountPath": mount_dir(name), "readOnly": True}], separators=(",", ":")),
    }


def envoy_bootstrap(built: Built, options: Options, plan: Planned | None = None) -> dict[str, Any]:
    """A runnable bootstrap: listener on 127.0.0.1:PORT -> wasm -> router -> `upstream` cluster;
    planned, with the native parts around the module of what is left (or no module)."""
    if plan is not None:
        built = manifest_native.planned_built(built, plan)
    if options.upstream is None:
        raise ManifestError("--for envoy needs --upstream HOST:PORT (where requests go after the filter)", 2)
    if options.wasm_path is None:
        raise ManifestError("internal: no module path for the bootstrap", 2)
    if UPSTREAM in options.clusters:
        raise ManifestError(f"--cluster {UPSTREAM}=...: the name {UPSTREAM!r} is the --upstream cluster", 2)
    remote = options.remote()
    if remote and remote.cluster_name in options.clusters:
        raise ManifestError(f"--cluster {remote.cluster_name}=...: the name is the --url fetch's cluster", 2)
    if remote and plan is not None and plan.wasm is None:
        raise ManifestError("--url: planned, this filter needs no module (pwc plan); drop --url or give --wasm-only", 2)
    listener = envoy_config.Listener(
        built.filter_name, wasm=options.wasm_path if plan is None or plan.wasm else None,
        config=built.configuration, vm_id=built.vm_id, failure_policy=options.failure_policy,
        port=options.port, stat_prefix="pwc", route_config_name="pwc", hold_headers=built.holds_headers,
        code=manifest_remote.remote_code(remote, built.sha256) if remote else None,
        **(manifest_native.listener_options(plan) if plan is not None else {}))
    return envoy_config.bootstrap([listener], options.upstream, clusters=dict(sorted(options.clusters.items())),
                                  admin_port=options.admin_port,
                                  extra_clusters=[manifest_remote.fetch_cluster(remote)] if remote else ())


def missing_clusters(built: Built, options: Options) -> list[CallTarget]:
    given = set(options.clusters) | {UPSTREAM}
    return [target for target in built.targets if target.name not in given]


# ---------------------------------------------------------------- YAML


def dump(document: dict[str, Any]) -> str:
    import yaml  # here, not at the top: every command loads this module for its flags, few write YAML

    return yaml.safe_dump(document, sort_keys=False, default_flow_style=False, width=1 << 30, allow_unicode=True)


def _comment(lines: list[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _calls_note(built: Built) -> list[str]:
    if not built.targets:
        return []
    names = ", ".join(t.name if t.name else f"({t.source})" for t in built.targets)
    return [f"The filter calls these clusters: {names}.",
            "In Istio a cluster is named outbound|PORT||HOST, e.g. outbound|80||auth.default.svc.cluster.local:",
            "declare the target in the config (`config.NAME`) and set it there."]


def _render_envoy_filter(header: list[str], built: Built, options: Options, plan: Planned | None) -> str:
    name = resource_name(built, options)
    remote = options.remote()
    notes = [f"vm_id changes with the module, so Envoy loads a new VM when the module changes."]
    notes += manifest_remote.notes(remote, None, options.strategy) if remote else [
        f"The module is read from the sidecar's file system: `pwc manifest --for configmap` and its",
        f"annotations put it at {mount_dir(name)}/{built.filter_name}.wasm."]
    if plan is not None and plan.wasm is None:
        notes = []  # no module to load
    return _comment(header + notes + _calls_note(built)) + dump(envoy_filter(built, options, plan))


def render(target: str, built: Built, options: Options, plan: Planned | None = None) -> str:
    """The YAML text printed for `target`: planned, unless `plan` is None (--wasm-only)."""
    header = [f"generated by pwc {__version__} from {built.source_name}: filter {json.dumps(built.filter_name)}, "
              f"module sha256 {built.sha256}"]
    if options.image is not None:
        header += oci.image_note(options.image, built.wasm, options.variant, built.source_name)
    if plan is not None and target in manifest_native.PLUGIN_TARGETS:
        header += manifest_native.plugin_notes(plan, target)
    elif plan is not None and target != "envoy":
        header += manifest_native.notes(plan, None, target)
    if plan is not None and target != "envoy":
        built, plan = manifest_native.for_target(target, built, plan, {
            "--url": options.url, "--filename": options.filename, "--wasm": options.wasm_path})
    if target == "istio":
        return _comment(header + _calls_note(built)) + dump(wasm_plugin(built, options))
    if target == "trafficextension":
        return _comment(header + _calls_note(built)) + dump(traffic_extension(built, options))
    if target == "envoyfilter":
        return _render_envoy_filter(header, built, options, plan)
    if target == "configmap":
        name = resource_name(built, options)
        annotations = sidecar_annotations(built, name)
        notes = [f"Mount it into the sidecar with these pod annotations (spec.template.metadata.annotations):",
                 *(f"  {key}: '{value}'" for key, value in annotations.items()),
                 f"The module is then {mount_dir(name)}/{built.filter_name}.wasm, the default of --for envoyfilter",
                 f"and, as {default_url(built, name)}, of --for istio and --for trafficextension.",
                 "A ConfigMap holds at most 1 MiB."]
        resource = config_map(built, options)
        if len(resource["binaryData"][f"{built.filter_name}.wasm"]) > ANNOTATIONS_LIMIT:
            notes += ["Apply it with `kubectl apply --server-side` or `kubectl create`: a client-side `kubectl apply`",
                      "copies it into an annotation, and annotations hold at most 256 KiB."]
        return _comment(header + notes) + dump(resource)
    if target == "envoy":
        document = dump(envoy_bootstrap(built, options, plan))
        placeholders = []
        for missing in missing_clusters(built, options):
            if missing.name is None:
                placeholders += [f"  # call target {missing.source} is known only at run time: add its clusters here"]
                continue
            placeholders += [f"  # call target {json.dumps(missing.name)} ({missing.source}) has no cluster: "
                             f"give --cluster {missing.name}=HOST:PORT, or add",
                             f"  # - name: {missing.name}",
                             "  #   type: STATIC",
                             "  #   connect_timeout: 1s",
                             f"  #   load_assignment: {{cluster_name: {missing.name}, endpoints: [{{lb_endpoints: "
                             "[{endpoint: {address: {socket_address: {address: 127.0.0.1, port_value: PORT}}}}]}]}"]
        remote = options.remote()
        notes = [f"Run it: envoy -c THIS.yaml   (listener 127.0.0.1:{options.port}, "
                 f"admin 127.0.0.1:{options.admin_port})"]
        if plan is not None:
            notes += manifest_native.notes(plan, options.wasm_path, target)
        if remote:
            notes += manifest_remote.notes(remote, options.wasm_path, options.strategy)
        elif plan is None:
            notes += [f"The module is loaded from {options.wasm_path}."]
        return _comment(header + notes) + document + "".join(line + "\n" for line in placeholders)
    raise ManifestError(f"unknown target {target!r}; targets: {', '.join(TARGETS)}", 2)


# ---------------------------------------------------------------- command line


def host_port(text: str, flag: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ManifestError(f"{flag} {text}: expected HOST:PORT", 2)
    return host, int(port)


def named_clusters(values: list[str] | None) -> dict[str, tuple[str, int]]:
    clusters: dict[str, tuple[str, int]] = {}
    for value in values or []:
        name, sep, address = value.partition("=")
        if not sep or not name:
            raise ManifestError(f"--cluster {value}: expected NAME=HOST:PORT", 2)
        if name in clusters:
            raise ManifestError(f"--cluster {name}: given twice", 2)
        clusters[name] = host_port(address, f"--cluster {name}=")
    return clusters


def _selector(values: list[str] | None) -> dict[str, str]:
    labels: dict[str, str] = {}
    for value in values or []:
        key, sep, label = value.partition("=")
        if not sep or not key:
            raise ManifestError(f"--selector {value}: expected key=value", 2)
        labels[key] = label
    return labels


def add_subcommand(commands, check_module: ModuleCheck | None = None) -> None:
    manifest = commands.add_parser("manifest", help="print the YAML that deploys a filter (Istio, Kubernetes, Envoy)")
    manifest.add_argument("file", metavar="FILE.pwf")
    manifest.add_argument("--for", dest="target", required=True, choices=TARGETS, help="what to print")
    manifest.add_argument("--config", metavar="JSON|@FILE", help="the filter's configuration (checked)")
    manifest.add_argument("--url", help="where the module is fetched from: oci://, file://, http(s):// for istio "
                                        f"(default file://{MOUNT_ROOT}/NAME/FILTER.wasm); "
                                        "http(s):// for envoy and envoyfilter, fetched by Envoy")
    manifest.add_argument("--ca-file", metavar="PATH",
                          help="envoy, envoyfilter: the CA bundle an https --url is checked with "
                               f"(default {manifest_remote.DEFAULT_CA_FILE})")
    manifest.add_argument("--image", metavar="REF", help="istio, trafficextension: the module's OCI image, "
                                                         "REGISTRY/REPO@sha256:... as `pwc push` prints it, or :TAG")
    manifest.add_argument("--variant", choices=oci.VARIANTS,
                          help=f"with --image REGISTRY/REPO:TAG: the variant pushed (default {oci.DEFAULT_VARIANT})")
    manifest.add_argument("--name", help="the resource's name (default: the filter name)")
    manifest.add_argument("--namespace", help="the resource's namespace")
    manifest.add_argument("--selector", action="append", metavar="key=value", help="workload label (repeatable)")
    manifest.add_argument("--upstream", metavar="HOST:PORT", help="envoy: where requests go")
    manifest.add_argument("--cluster", action="append", metavar="NAME=HOST:PORT",
                          help="envoy: a cluster for a call target (repeatable)")
    manifest.add_argument("--port", type=int, help="envoy: the listener port (default 10000)")
    manifest.add_argument("--admin-port", type=int, help="envoy: the admin port (default 9901)")
    manifest.add_argument("--phase", choices=("UNSPECIFIED", "AUTHN", "AUTHZ", "STATS"),
                          help="istio, trafficextension: where in the chain (default: just before the router)")
    manifest.add_argument("--fail-open", action="store_true",
                          help="let traffic through when the plugin fails (default: fail closed)")
    manifest.add_argument("--filename", help="envoyfilter: the module's path in the sidecar")
    manifest.add_argument("--wasm", metavar="OUT.wasm",
                          help="envoy, envoyfilter: where to write the module it loads (envoy's default: next to "
                               "the source); planned, the module of what is left")
    manifest.add_argument("--wasm-only", action="store_true",
                          help="run every rule in the module, none in Envoy's own configuration (pwc plan); "
                               "istio and trafficextension always do, a WasmPlugin carrying a module only")
    manifest_istio.add_arguments(manifest)
    manifest.set_defaults(run=lambda args: cmd_manifest(args, check_module))


# The targets each flag means something for: a flag given for another target
# is refused, never silently dropped (`--phase` with envoyfilter would put the
# filter elsewhere than the user asked).
_FLAG_TARGETS = {
    "url": ("istio", "trafficextension", "envoyfilter", "envoy"),
    "ca_file": ("envoyfilter", "envoy"),
    "image": ("istio", "trafficextension"), "variant": ("istio", "trafficextension"),
    "name": ("istio", "trafficextension", "envoyfilter", "configmap"),
    "namespace": ("istio", "trafficextension", "envoyfilter", "configmap"),
    "selector": ("istio", "trafficextension", "envoyfilter"),
    "phase": ("istio", "trafficextension"),
    "fail_open": ("istio", "trafficextension", "envoyfilter", "envoy"),
    "filename": ("envoyfilter",),
    "upstream": ("envoy",), "cluster": ("envoy",), "port": ("envoy",), "admin_port": ("envoy",),
    "wasm": ("envoyfilter", "envoy"),
    **manifest_istio.FLAG_TARGETS,
}


def _refuse_unused_flags(args) -> None:
    for dest, targets in _FLAG_TARGETS.items():
        if getattr(args, dest) not in (None, False, []) and args.target not in targets:
            flag = "--" + dest.replace("_", "-")
            raise ManifestError(f"{flag} does nothing with --for {args.target}: it is for --for "
                                + " and --for ".join(targets), 2)
    if args.image and args.url:
        raise ManifestError("--image and --url both say where the module is: give one", 2)
    if args.variant and not args.image:
        raise ManifestError("--variant says which image --image names: give --image too", 2)


def _image_reference(text: str | None) -> oci.Reference | None:
    try:
        return oci.parse_reference(text) if text is not None else None
    except oci.ImageError as error:
        raise ManifestError(f"--image {error}") from None


def cmd_manifest(args, check_module: ModuleCheck | None = None) -> int:
    try:
        _refuse_unused_flags(args)
        text = _read_source(args.file)
        config_text = read_config_argument(args.config)
        options = _options(args)
        built = build(text, args.file, config_text, check_module)
        plan = None if args.wasm_only else manifest_native.plan_built(built, text, args.target)
        if args.target == "envoy":
            wasm = Path(args.wasm) if args.wasm else Path(args.file).with_suffix(".wasm")
            options.wasm_path = str(wasm.resolve())
            output = render(args.target, built, options, plan)  # refusals first: nothing is written
            module = built.wasm if plan is None else plan.wasm
            if module is not None:
                write_if_changed(wasm, module)
            for missing in missing_clusters(built, options):
                print(f"pwc: note: call target {missing.name or missing.source} has no --cluster; "
                      "the bootstrap has a commented placeholder", file=sys.stderr)
        else:
            options.wasm_path = args.wasm  # envoyfilter: where to write the module it loads
            output = render(args.target, built, options, plan)
            if args.wasm:
                write_if_changed(Path(args.wasm), manifest_native.deployed_module(built, plan))
    except ManifestError as error:
        error.print()
        return error.status
    sys.stdout.write(output)
    return 0


def _options(args) -> Options:
    """The flags as Options, each checked (ManifestError, exit status 2, for a bad one)."""
    if args.filename and args.url:
        raise ManifestError("--filename and --url: the module is read from a file or fetched, not both", 2)
    if args.ca_file and not (args.url or "").startswith("https://"):
        raise ManifestError("--ca-file checks the server of an https:// --url: give one", 2)
    try:
        istio = manifest_istio.from_args(args)
        strategy = manifest_istio.fail_strategy(args.fail_open, args.fail_strategy)
    except manifest_istio.BadOption as error:
        raise ManifestError(str(error), 2) from None
    options = Options(url=args.url, name=args.name, namespace=args.namespace, selector=_selector(args.selector),
                      upstream=host_port(args.upstream, "--upstream") if args.upstream else None,
                      clusters=named_clusters(args.cluster), port=10000 if args.port is None else args.port,
                      admin_port=9901 if args.admin_port is None else args.admin_port,
                      phase=args.phase or "UNSPECIFIED", fail_open=args.fail_open, filename=args.filename,
                      fail_strategy=strategy, istio=istio, ca_file=args.ca_file,
                      image=_image_reference(args.image), variant=args.variant or oci.DEFAULT_VARIANT)
    if args.target in ("envoy", "envoyfilter"):
        options.remote()  # refuses a URL Envoy cannot fetch before anything is written
    return options


def _read_source(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: cannot read it ({error})") from None


def write_if_changed(path: Path, data: bytes) -> None:
    """Write atomically, and not at all when the file already holds `data` (no needless reloads)."""
    if path.exists() and path.read_bytes() == data:
        return
    write_atomically(path, data)

"""Istio's choices of where and how a filter runs, for `pwc manifest`.

    --target-ref Kind/name[/group]   WasmPlugin, TrafficExtension, EnvoyFilter: attach to a
                                     Gateway, GatewayClass, Service (waypoints) or ServiceEntry
    --priority N                     the order among plugins (EnvoyFilter: patch sets) of a phase
    --match MODE[:PORT,...]          WasmPlugin, TrafficExtension: which traffic (direction, ports)
    --image-pull-policy, --image-pull-secret, --env NAME[=VALUE]   how Istio fetches and runs the VM
    --fail-strategy FAIL_CLOSE|FAIL_OPEN|FAIL_RELOAD               every target but configmap
    --context SIDECAR_INBOUND|SIDECAR_OUTBOUND|GATEWAY|ANY         EnvoyFilter: which listeners

Every value is checked here against what Istio's CRDs (tests/data/istio/) accept,
including their CEL rules, which a schema check alone does not run; a bad one is
a BadOption, which the command line reports as a usage error (exit status 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# The resources Istio attaches a WasmPlugin or an EnvoyFilter to, by kind, and the
# group each lives in ("" is the core group, written by leaving the group out).
TARGET_REF_GROUPS = {
    "Gateway": "gateway.networking.k8s.io",
    "GatewayClass": "gateway.networking.k8s.io",
    "Service": "",
    "ServiceEntry": "networking.istio.io",
}
MAX_TARGET_REFS = 16
KIND = re.compile(r"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$")
GROUP = re.compile(r"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
DNS_SUBDOMAIN = GROUP  # a Kubernetes object name: the same shape, and at most 253 characters
MATCH_MODES = ("CLIENT", "SERVER", "CLIENT_AND_SERVER")
PULL_POLICIES = ("IfNotPresent", "Always")
FAIL_STRATEGIES = ("FAIL_CLOSE", "FAIL_OPEN", "FAIL_RELOAD")
# The same choice in Envoy's PluginConfig.failure_policy (None: Envoy's default, fail closed).
ENVOY_FAILURE_POLICY = {"FAIL_CLOSE": None, "FAIL_OPEN": "FAIL_OPEN", "FAIL_RELOAD": "FAIL_RELOAD"}
CONTEXTS = ("SIDECAR_INBOUND", "SIDECAR_OUTBOUND", "GATEWAY", "ANY")
INT32 = (-(1 << 31), (1 << 31) - 1)
MAX_ENV = 256
MAX_ENV_NAME = 256
MAX_ENV_VALUE = 2048

ISTIO_RESOURCES = ("istio", "trafficextension")
# The targets each of these flags is for (merged into manifest._FLAG_TARGETS).
FLAG_TARGETS = {
    "target_ref": (*ISTIO_RESOURCES, "envoyfilter"),
    "priority": (*ISTIO_RESOURCES, "envoyfilter"),
    "match": ISTIO_RESOURCES,
    "image_pull_policy": ISTIO_RESOURCES,
    "image_pull_secret": ISTIO_RESOURCES,
    "env": ISTIO_RESOURCES,
    "fail_strategy": (*ISTIO_RESOURCES, "envoyfilter", "envoy"),
    "context": ("envoyfilter",),
}


class BadOption(ValueError):
    """A flag's value Istio would not accept; the message names the flag."""


@dataclass
class IstioOptions:
    target_refs: list[dict[str, str]] = field(default_factory=list)
    priority: int | None = None
    match: list[dict[str, Any]] = field(default_factory=list)
    image_pull_policy: str | None = None
    image_pull_secret: str | None = None
    env: list[dict[str, str]] = field(default_factory=list)
    context: str = "SIDECAR_INBOUND"


def add_arguments(parser) -> None:
    parser.add_argument("--target-ref", action="append", metavar="KIND/NAME[/GROUP]",
                        help="istio, trafficextension, envoyfilter: attach to this Gateway, GatewayClass, "
                             "Service or ServiceEntry instead of --selector (repeatable; waypoints need it)")
    parser.add_argument("--priority", type=int, help="istio, trafficextension, envoyfilter: order within the phase")
    parser.add_argument("--match", action="append", metavar="MODE[:PORT,...]",
                        help=f"istio, trafficextension: traffic to run on, MODE one of {', '.join(MATCH_MODES)} "
                             "(repeatable)")
    parser.add_argument("--image-pull-policy", choices=PULL_POLICIES,
                        help="istio, trafficextension: when Istio fetches the module again (oci://, http(s)://)")
    parser.add_argument("--image-pull-secret", metavar="SECRET", help="istio, trafficextension: for oci:// URLs")
    parser.add_argument("--env", action="append", metavar="NAME[=VALUE]",
                        help="istio, trafficextension: a VM environment variable; NAME alone takes "
                             "the proxy's own value (repeatable)")
    parser.add_argument("--fail-strategy", choices=FAIL_STRATEGIES,
                        help="what a plugin that fails does (default FAIL_CLOSE; --fail-open is FAIL_OPEN)")
    parser.add_argument("--context", choices=CONTEXTS,
                        help="envoyfilter: the listeners to patch (default SIDECAR_INBOUND)")


def from_args(args) -> IstioOptions:
    """The Istio flags of `args`, checked; BadOption otherwise."""
    return IstioOptions(target_refs=target_refs(args.target_ref), priority=priority(args.priority),
                        match=match(args.match), image_pull_policy=args.image_pull_policy,
                        image_pull_secret=_secret(args.image_pull_secret), env=env(args.env),
                        context=args.context or "SIDECAR_INBOUND")


def fail_strategy(fail_open: bool, strategy: str | None) -> str:
    if fail_open and strategy not in (None, "FAIL_OPEN"):
        raise BadOption(f"--fail-open and --fail-strategy {strategy} contradict each other: give one")
    return "FAIL_OPEN" if fail_open else strategy or "FAIL_CLOSE"


def target_refs(values: list[str] | None) -> list[dict[str, str]]:
    refs: list[dict[str, str]] = []
    for value in values or []:
        ref = _target_ref(value)
        if ref in refs:
            raise BadOption(f"--target-ref {value}: given twice")
        refs.append(ref)
    if len(refs) > MAX_TARGET_REFS:
        raise BadOption(f"--target-ref: at most {MAX_TARGET_REFS} (Istio's limit), not {len(refs)}")
    return refs


def _target_ref(value: str) -> dict[str, str]:
    parts = value.split("/")
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise BadOption(f"--target-ref {value}: expected KIND/NAME or KIND/NAME/GROUP, as in Gateway/web")
    kind, name = parts[:2]
    if not KIND.match(kind) or len(kind) > 63:
        raise BadOption(f"--target-ref {value}: {kind!r} is not a resource kind (a letter, then letters, "
                        "digits and '-')")
    if not DNS_SUBDOMAIN.match(name) or len(name) > 253:
        raise BadOption(f"--target-ref {value}: {name!r} is not a Kubernetes name (lower-case letters, digits, "
                        "'-' and '.')")
    if len(parts) == 3:
        group = parts[2]
        if not GROUP.match(group) or len(group) > 253:
            raise BadOption(f"--target-ref {value}: {group!r} is not an API group (as in gateway.networking.k8s.io)")
    elif kind in TARGET_REF_GROUPS:
        group = TARGET_REF_GROUPS[kind]
    else:
        raise BadOption(f"--target-ref {value}: give the group of a {kind} (KIND/NAME/GROUP); Istio attaches to "
                        + ", ".join(TARGET_REF_GROUPS))
    ref = {"kind": kind, "name": name}
    if group:
        ref["group"] = group
    return ref


def priority(value: int | None) -> int | None:
    if value is not None and not INT32[0] <= value <= INT32[1]:
        raise BadOption(f"--priority {value}: Istio's priority is a 32-bit integer "
                        f"({INT32[0]} to {INT32[1]})")
    return value


def match(values: list[str] | None) -> list[dict[str, Any]]:
    return [_match(value) for value in values or []]


def _match(value: str) -> dict[str, Any]:
    mode, sep, ports_text = value.partition(":")
    if mode.upper() not in MATCH_MODES:
        raise BadOption(f"--match {value}: the mode is one of {', '.join(MATCH_MODES)}, as in SERVER:8080,8443")
    entry: dict[str, Any] = {"mode": mode.upper()}
    if not sep:
        return entry
    ports: list[int] = []
    for text in ports_text.split(","):
        if not text.isdigit() or not 0 < int(text) < 65536:
            raise BadOption(f"--match {value}: {text!r} is not a port (1 to 65535)")
        if int(text) in ports:
            raise BadOption(f"--match {value}: port {text} is given twice")
        ports.append(int(text))
    entry["ports"] = [{"number": port} for port in ports]
    return entry


def _secret(value: str | None) -> str | None:
    if value is not None and (not DNS_SUBDOMAIN.match(value) or not 0 < len(value) <= 253):
        raise BadOption(f"--image-pull-secret {value}: not a Secret name (lower-case letters, digits, '-' and '.')")
    return value


def env(values: list[str] | None) -> list[dict[str, str]]:
    variables: list[dict[str, str]] = []
    for value in values or []:
        name, sep, text = value.partition("=")
        if not 0 < len(name) <= MAX_ENV_NAME:
            raise BadOption(f"--env {value}: expected NAME=VALUE, or NAME for the proxy's own value")
        if any(v["name"] == name for v in variables):
            raise BadOption(f"--env {name}: given twice")
        if len(text) > MAX_ENV_VALUE:
            raise BadOption(f"--env {name}=...: the value is {len(text)} characters; Istio takes at most "
                            f"{MAX_ENV_VALUE}")
        variables.append({"name": name, "value": text} if sep else {"name": name, "valueFrom": "HOST"})
    if len(variables) > MAX_ENV:
        raise BadOption(f"--env: at most {MAX_ENV} variables (Istio's limit), not {len(variables)}")
    return variables


# ---------------------------------------------------------------- into the resources


def attachment(options: IstioOptions, selector: dict[str, str], selector_key: str,
               labels_key: str) -> dict[str, Any]:
    """`{selector_key: {labels_key: ...}}` or `{"targetRefs": [...]}`: Istio takes one of them."""
    if selector and options.target_refs:
        raise BadOption("--selector and --target-ref: Istio takes one or the other (workloads by label, "
                        "or the Gateways and Services named)")
    if options.target_refs:
        return {"targetRefs": [dict(ref) for ref in options.target_refs]}
    if selector:
        return {selector_key: {labels_key: dict(sorted(selector.items()))}}
    return {}


def traffic_fields(options: IstioOptions) -> dict[str, Any]:
    """priority and match, where a WasmPlugin or TrafficExtension spec has them."""
    fields: dict[str, Any] = {}
    if options.priority is not None:
        fields["priority"] = options.priority
    if options.match:
        fields["match"] = [dict(entry) for entry in options.match]
    return fields


def vm_fields(options: IstioOptions, url: str) -> dict[str, Any]:
    """imagePullPolicy, imagePullSecret and vmConfig, beside the module's url."""
    fields: dict[str, Any] = {}
    if options.image_pull_policy:
        if url.startswith("file://"):
            raise BadOption(f"--image-pull-policy is for a module Istio fetches (oci://, http://, https://), "
                            f"not {url}")
        fields["imagePullPolicy"] = options.image_pull_policy
    if options.image_pull_secret:
        if not url.startswith("oci://"):
            raise BadOption(f"--image-pull-secret is for a module in an OCI registry (oci://...), not {url}")
        fields["imagePullSecret"] = options.image_pull_secret
    if options.env:
        fields["vmConfig"] = {"env": [dict(variable) for variable in options.env]}
    return fields

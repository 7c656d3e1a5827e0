"""`pwc manifest` with native lowering (docs/native.md): the rules Envoy runs
itself become Envoy's own configuration, with a module only for what is left
(none when nothing is); `--wasm-only` keeps the whole module.

    envoy             the bootstrap's listener gets the native filters, route and upstream filters
    envoyfilter       the same as EnvoyFilter patches around the module's (config_patches)
    configmap         holds the module of what is left
    istio, trafficextension
                      a WasmPlugin or TrafficExtension carries a module and nothing else: they
                      deploy the whole module, and their comment lines name the rules that
                      --for envoyfilter would give Envoy (`plugin_notes`; docs/deploy.md says
                      why not an EnvoyFilter beside them, or VirtualService fields)

A plan that moves nothing gives every target its whole-module output.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING, Any

from .. import envoy_config
from .plan import HOST_REWRITE, MODULE, REGEX_REWRITE, Planned, planned
from .plan_reply import DIRECT_RESPONSE
from .source import Source

if TYPE_CHECKING:
    from .manifest import Built

ISTIO_TARGETS = ("istio", "trafficextension", "envoyfilter", "configmap")
# The features Istio's listeners cannot run as pwc's bootstrap does, and why: their rules
# stay in the module for the Istio targets (docs/deploy.md, "Planned targets").
# A path rewrite's router adds x-envoy-original-path, which the upstream filter removes;
# pwc's bootstrap (use_remote_address) strips a client's own, but Istio's sidecar inbound
# listener does not (use_remote_address false; its gateways trust mesh networks as
# internal), and the module passes it on.  A reply's route would have to come first in
# every virtual host of route configurations Istio builds (per port inbound, from
# VirtualServices at gateways, where a request no virtual host takes gets Envoy's 404
# instead of the reply).  Replies stay all together: one moves only if the replies after
# it move too (plan_reply.py).
ISTIO_STAYS = {
    REGEX_REWRITE: "a path rewrite stays in the module under Istio: its listeners pass a caller's "
                   "`x-envoy-original-path` on, which Envoy's rewrite would replace and pwc removes",
    HOST_REWRITE: "a host rewrite stays in the module under Istio: its listeners pass a caller's "
                  "`x-envoy-original-host` on, which Envoy's rewrite would replace and pwc removes",
    DIRECT_RESPONSE: "a reply stays in the module under Istio: its route would have to precede the routes "
                     "Istio builds, in every virtual host",
}


def plan_built(built: Built, text: str, target: str = "envoy") -> Planned:
    """Plan the filter `built` was compiled from (its source `text`) for `target`."""
    stays = ISTIO_STAYS if target in ISTIO_TARGETS else None
    return planned(built.checked, Source(built.source_name, text), built.source_name, stays)


def planned_built(built: Built, plan: Planned) -> Built:
    """`built` with the planned module in place of the whole one (its sha256 and vm_id follow)."""
    return dataclasses.replace(built, wasm=plan.wasm or b"")


def moved(plan: Planned) -> int:
    """How many rules Envoy runs itself."""
    return sum(1 for p in plan.plan.placements if p.where != MODULE)


def deployed_module(built: Built, plan: Planned | None) -> bytes:
    """The module a target other than envoy loads: the whole one unless the plan moves a rule."""
    if plan is None or not moved(plan):
        return built.wasm
    assert plan.wasm is not None, "for_target refuses --wasm when no module is left"
    return plan.wasm


def listener_options(plan: Planned) -> dict[str, Any]:
    """What the listener gains around (or instead of) the module."""
    return {"http_filters_before": plan.filters_before, "http_filters_after": plan.filters_after,
            "route_action": plan.route_action, "routes_before": plan.routes_before,
            "router_upstream_filters": plan.upstream_filters}


def notes(plan: Planned, wasm_path: str | None, target: str = "envoy") -> list[str]:
    """The comment lines of a planned manifest for `target`; `wasm_path` is where the module is loaded from."""
    count = moved(plan)
    kept = len(plan.plan.placements) - count
    lines = [f"Planned (pwc plan): {count} rule{'s' * (count != 1)} in Envoy's own configuration, "
             f"{kept} in the module; --wasm-only keeps the whole module."]
    lines += [f"Line {p.line}: {p.reason}." for p in plan.plan.placements if p.reason in ISTIO_STAYS.values()]
    if plan.wasm is None:
        lines.append("No module: Envoy runs every rule itself.")
    elif count:
        where = f" is loaded from {wasm_path}" if wasm_path else ""
        lines.append(f"The module of what is left ({len(plan.wasm)} bytes, sha256 "
                     f"{hashlib.sha256(plan.wasm).hexdigest()}){where}.")
    if count and plan.wasm is not None and target in ("envoyfilter", "configmap"):
        lines.append("--for configmap plans as this does: give --wasm-only to both, or to neither.")
    if count and plan.wasm is not None and target == "envoyfilter":
        lines.append("--wasm OUT.wasm writes that module; `pwc compile` writes the whole one, which this does not load.")
    return lines


# ---------------------------------------------------------------- Istio's resources


def _refusal(message: str, status: int = 1) -> Exception:
    from .manifest import ManifestError  # manifest imports this module

    return ManifestError(message, status)


PLUGIN_TARGETS = ("istio", "trafficextension")


def plugin_notes(plan: Planned, target: str) -> list[str]:
    """A WasmPlugin or TrafficExtension holds a module only, so it deploys the whole one;
    its comment lines say what the plan would have moved, and where that is offered."""
    count = moved(plan)
    if not count:
        return []
    lines = ", ".join(str(p.line) for p in plan.plan.placements if p.where != MODULE)
    resource = "WasmPlugin" if target == "istio" else "TrafficExtension"
    return [f"Not planned: a {resource} carries a module only, so every rule runs in it; planned (pwc plan), "
            f"{count} rule{'s' * (count != 1)} (line{'s' * (count != 1)} {lines}) would run in Envoy's own "
            "configuration: --for envoyfilter deploys that plan."]


def refuse_no_module(plan: Planned, target: str, flag: str | None = None) -> None:
    """A target or flag that needs a module, for a plan that leaves none."""
    if plan.wasm is None:
        what = f"{flag} says where the module is" if flag else f"--for {target} holds the module"
        raise _refusal(f"{what}, and planned (pwc plan) this filter needs none: "
                       + ("--for envoyfilter deploys it without one; " if target == "configmap" else
                          f"drop {flag}, or ") + "give --wasm-only for the whole module", 1 if flag is None else 2)


def _hcm_match(context: str, filter_name: str) -> dict[str, Any]:
    """An HTTP_FILTER patch's match: the named filter of the listeners' connection manager."""
    return {"context": context, "listener": {"filterChain": {"filter": {
        "name": envoy_config.CONNECTION_MANAGER, "subFilter": {"name": filter_name}}}}}


def _insert(context: str, operation: str, anchor: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"applyTo": "HTTP_FILTER", "match": _hcm_match(context, anchor),
            "patch": {"operation": operation, "value": value}}


def _named(filters: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The filters with names of their own (`pwc.NAME.request.header_mutation`): later patches
    place themselves against these names, and config dumps show whose they are."""
    named, seen = [], set()
    for entry in filters:
        name = f"{prefix}.{entry['name'].rsplit('.', 1)[-1]}"
        unique, n = name, 1
        while unique in seen:
            n += 1
            unique = f"{name}.{n}"
        seen.add(unique)
        named.append({**entry, "name": unique})
    return named


def config_patches(plan: Planned, name: str, context: str, wasm: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The EnvoyFilter patches of a planned filter, in the order Istio applies them (one
    EnvoyFilter's patches of one applyTo apply in the order written, each seeing the ones
    before): the module's filter (`wasm`, None for no module) before the router, named
    `pwc.NAME` so the native filters are placed against it; the request's filters right
    after it, the response's right before it (Envoy runs those on the response after the
    module); with no module, all before the router."""
    assert not (plan.route_action or plan.routes_before or plan.upstream_filters), \
        "ISTIO_STAYS keeps route features in the module"
    router = envoy_config.ROUTER_FILTER
    patches, module = [], f"pwc.{name}"
    if wasm is None:
        native = _named(plan.filters_before + plan.filters_after, module)
        patches += [_insert(context, "INSERT_BEFORE", router, entry) for entry in native]
    else:
        after, before = _named(plan.filters_after, f"{module}.request"), _named(plan.filters_before,
                                                                                f"{module}.response")
        patches.append(_insert(context, "INSERT_BEFORE", router, {**wasm, "name": module}))
        anchor = module
        for entry in after:  # each right after the one before it: the rule order
            patches.append(_insert(context, "INSERT_AFTER", anchor, entry))
            anchor = entry["name"]
        patches += [_insert(context, "INSERT_BEFORE", module, entry) for entry in before]
    return patches


def for_target(target: str, built: Built, plan: Planned, given: dict[str, str | None]) -> tuple[Built, Planned | None]:
    """What `target` (not envoy) deploys: the whole module when nothing moves or the target
    holds a module only (plan None), else the module of what is left; refusals where the
    target cannot say the plan.
    `given` maps the flags that say where a module is to their values."""
    if target in PLUGIN_TARGETS or not moved(plan):
        return built, None
    if target == "configmap":
        refuse_no_module(plan, target)
    for flag, value in given.items():
        if value is not None:
            refuse_no_module(plan, target, flag)
    return planned_built(built, plan), plan

"""Istio's EnvoyFilter patching, in Python, for the patches `pwc manifest --for
envoyfilter` writes: so a test can apply them to a listener as a sidecar's
would be and compare the result with the bootstrap `--for envoy` writes.

Modelled on istio/istio pilot/pkg/networking/core/envoyfilter (listener_patch.go,
rc_patch.go, util.go): one EnvoyFilter's patches of one applyTo apply in the
order written, each on the result of the ones before; HTTP_FILTER INSERT_BEFORE
and INSERT_AFTER place the value at the first filter whose name matches the
subFilter; then every MERGE patch merges into each matching filter's typed
config; HTTP_ROUTE MERGE merges into every route of the route configuration
that the vhost/route match accepts.  A merge is protobuf's: message fields
merge, repeated fields append, scalars replace.  Anything else fails loudly
(this is a test oracle, not Istio).
"""

from __future__ import annotations

import copy
from typing import Any

HCM = "envoy.filters.network.http_connection_manager"


def proto_merge(into: dict[str, Any], value: dict[str, Any]) -> None:
    if "@type" in into and "@type" in value:
        assert into["@type"] == value["@type"], (into["@type"], value["@type"])
    for key, item in value.items():
        if isinstance(item, dict) and isinstance(into.get(key), dict):
            proto_merge(into[key], item)
        elif isinstance(item, list):
            into[key] = list(into.get(key, [])) + copy.deepcopy(item)
        else:
            into[key] = copy.deepcopy(item)


def _sub_filter(patch: dict[str, Any]) -> str:
    network = patch["match"]["listener"]["filterChain"]["filter"]
    assert network["name"] == HCM, network
    return network["subFilter"]["name"]


def _patch_http_filters(filters: list[dict[str, Any]], patches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    filters = list(filters)
    for patch in patches:
        operation, value = patch["patch"]["operation"], copy.deepcopy(patch["patch"]["value"])
        if operation == "MERGE":
            continue
        names = [f["name"] for f in filters]
        anchor = _sub_filter(patch)
        assert anchor in names, f"{operation}: no filter {anchor!r} in {names}: Istio would not apply it"
        at = names.index(anchor)  # the first match only
        assert operation in ("INSERT_BEFORE", "INSERT_AFTER"), operation
        filters.insert(at if operation == "INSERT_BEFORE" else at + 1, value)
    for patch in patches:
        if patch["patch"]["operation"] != "MERGE":
            continue
        value = patch["patch"]["value"]
        for entry in filters:
            if entry["name"] == _sub_filter(patch):
                entry["name"] = value.get("name") or entry["name"]
                proto_merge(entry["typed_config"], value["typed_config"])
    return filters


def _route_matches(match: dict[str, Any], route: dict[str, Any]) -> bool:
    wanted = match.get("routeConfiguration", {}).get("vhost", {}).get("route", {})
    assert set(wanted) <= {"action"}, wanted
    action = wanted.get("action", "ANY")
    return action == "ANY" or (action == "ROUTE" and "route" in route)


def apply(bootstrap: dict[str, Any], patches: list[dict[str, Any]], context: str) -> dict[str, Any]:
    """A copy of `bootstrap` with `patches` applied to each listener's connection manager,
    taken to be a listener of `context` (SIDECAR_INBOUND, GATEWAY, ...)."""
    patched = copy.deepcopy(bootstrap)
    kinds = {patch["applyTo"] for patch in patches}
    assert kinds <= {"HTTP_FILTER", "HTTP_ROUTE", "CLUSTER"}, kinds
    ours = [p for p in patches if p["match"].get("context") in (context, "ANY")]
    for listener in patched["static_resources"]["listeners"]:
        for chain in listener["filter_chains"]:
            for network in chain["filters"]:
                if network["name"] != HCM:
                    continue
                manager = network["typed_config"]
                manager["http_filters"] = _patch_http_filters(
                    manager["http_filters"], [p for p in ours if p["applyTo"] == "HTTP_FILTER"])
                for patch in (p for p in ours if p["applyTo"] == "HTTP_ROUTE"):
                    assert patch["patch"]["operation"] == "MERGE", patch
                    for host in manager["route_config"]["virtual_hosts"]:
                        for route in host["routes"]:
                            if _route_matches(patch["match"], route):
                                proto_merge(route, patch["patch"]["value"])
    for patch in (p for p in ours if p["applyTo"] == "CLUSTER"):
        assert patch["patch"]["operation"] == "ADD", patch
        patched["static_resources"]["clusters"].append(copy.deepcopy(patch["patch"]["value"]))
    return patched

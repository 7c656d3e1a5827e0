"""Istio's EnvoyFilter patching, in Python, for the patches `pwc manifest --for
envoyfilter` writes: so a test can apply them to a listener as a sidecar's
would be and compare the result with the bootstrap `--for envoy` writes.

Modelled on istio/istio pilot/pkg/networking/core/envoyfilter (listener_patch.go
patchHTTPFilters, util.go insertBeforeFunc/insertAfterFunc): one EnvoyFilter's
HTTP_FILTER patches apply in the order written, each on the result of the ones
before, and INSERT_BEFORE / INSERT_AFTER place the value at the first filter
whose name is the patch's subFilter; a patch whose filter is not there is not
applied (here: fails).  CLUSTER ADD appends a cluster.  Anything else fails
loudly: this is a test oracle for what pwc writes, not Istio.
"""

from __future__ import annotations

import copy
from typing import Any

HCM = "envoy.filters.network.http_connection_manager"


def _sub_filter(patch: dict[str, Any]) -> str:
    network = patch["match"]["listener"]["filterChain"]["filter"]
    assert network["name"] == HCM, network
    return network["subFilter"]["name"]


def _patch_http_filters(filters: list[dict[str, Any]], patches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    filters = list(filters)
    for patch in patches:
        operation, value = patch["patch"]["operation"], copy.deepcopy(patch["patch"]["value"])
        assert operation in ("INSERT_BEFORE", "INSERT_AFTER"), operation
        names = [f["name"] for f in filters]
        anchor = _sub_filter(patch)
        assert anchor in names, f"{operation}: no filter {anchor!r} in {names}: Istio would not apply it"
        at = names.index(anchor)  # the first match only
        filters.insert(at if operation == "INSERT_BEFORE" else at + 1, value)
    return filters


def apply(bootstrap: dict[str, Any], patches: list[dict[str, Any]], context: str) -> dict[str, Any]:
    """A copy of `bootstrap` with `patches` applied to each listener's connection manager,
    taken to be a listener of `context` (SIDECAR_INBOUND, GATEWAY, ...)."""
    patched = copy.deepcopy(bootstrap)
    kinds = {patch["applyTo"] for patch in patches}
    assert kinds <= {"HTTP_FILTER", "CLUSTER"}, kinds
    ours = [p for p in patches if p["match"].get("context") in (context, "ANY")]
    for listener in patched["static_resources"]["listeners"]:
        for chain in listener["filter_chains"]:
            for network in chain["filters"]:
                if network["name"] == HCM:
                    manager = network["typed_config"]
                    manager["http_filters"] = _patch_http_filters(
                        manager["http_filters"], [p for p in ours if p["applyTo"] == "HTTP_FILTER"])
    for patch in (p for p in ours if p["applyTo"] == "CLUSTER"):
        assert patch["patch"]["operation"] == "ADD", patch
        patched["static_resources"]["clusters"].append(copy.deepcopy(patch["patch"]["value"]))
    return patched

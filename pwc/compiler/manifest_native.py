"""`pwc manifest --for envoy` with native lowering (docs/native.md): the
bootstrap gets the rules Envoy runs itself as its own configuration, and a
module only for what is left (none when nothing is); `--wasm-only` keeps
the whole module, as every other target does for now."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING, Any

from .plan import MODULE, Planned, planned
from .source import Source

if TYPE_CHECKING:
    from .manifest import Built


def plan_built(built: Built, text: str) -> Planned:
    """Plan the filter `built` was compiled from (its source `text`)."""
    return planned(built.checked, Source(built.source_name, text), built.source_name)


def planned_built(built: Built, plan: Planned) -> Built:
    """`built` with the planned module in place of the whole one (its sha256 and vm_id follow)."""
    return dataclasses.replace(built, wasm=plan.wasm or b"")


def listener_options(plan: Planned) -> dict[str, Any]:
    """What the listener gains around (or instead of) the module."""
    return {"http_filters_before": plan.filters_before, "http_filters_after": plan.filters_after,
            "route_action": plan.route_action, "routes_before": plan.routes_before,
            "router_upstream_filters": plan.upstream_filters}


def notes(plan: Planned, wasm_path: str | None) -> list[str]:
    moved = [p for p in plan.plan.placements if p.where != MODULE]
    kept = len(plan.plan.placements) - len(moved)
    lines = [f"Planned (pwc plan): {len(moved)} rule{'s' * (len(moved) != 1)} in Envoy's own configuration, "
             f"{kept} in the module; --wasm-only keeps the whole module."]
    if plan.wasm is None:
        lines.append("No module: Envoy runs every rule itself.")
    else:
        lines.append(f"The module of what is left ({len(plan.wasm)} bytes, sha256 "
                     f"{hashlib.sha256(plan.wasm).hexdigest()}) is loaded from {wasm_path}.")
    return lines

"""The clusters a filter calls (`let x = call CLUSTER {...}`), as `pwc manifest` lists
them: a string literal, or `config.NAME` whose value is the given one or the default."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from . import checker, syntax


@dataclass(frozen=True)
class CallTarget:
    """A cluster the filter calls: `name` when known at deploy time, else None with `source` text."""

    name: str | None
    source: str


def _nodes(node: Any):
    if isinstance(node, syntax.Node):
        yield node
        for member in dataclasses.fields(node):
            yield from _nodes(getattr(node, member.name))
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


def call_targets(checked: checker.Checked, config: dict[str, Any]) -> list[CallTarget]:
    """Every distinct cluster of `let x = call CLUSTER {...}`, in first-use order."""
    defaults = {entry.name: entry.default for entry in checked.config}
    found: list[CallTarget] = []
    for node in _nodes(checked.module):
        if not isinstance(node, syntax.CallExpr):
            continue
        cluster = node.cluster
        target: CallTarget
        if isinstance(cluster, syntax.StringLit):
            target = CallTarget(cluster.value, json.dumps(cluster.value))
        else:
            ref = checked.resolved[id(cluster)]
            assert isinstance(ref, checker.ConfigRef), "the checker allows a literal or a configuration value only"
            entry = ref.entry
            default = defaults.get(entry.name)
            value = config.get(entry.name, default.value if isinstance(default, syntax.StringLit) else None)
            target = CallTarget(value if isinstance(value, str) else None, f"config.{entry.name}")
        if target not in found:
            found.append(target)
    return found

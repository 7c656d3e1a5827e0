"""The `pwc` custom section: what a module is and what it may do.

Every module carries a custom section named `pwc` holding JSON (keys
sorted): the pwc version, the filter name, the sha256 of the canonical
syntax tree (spans left out, so the text and JSON forms of one filter have
the same one), the configuration schema, and the capabilities the code uses
(header maps read and written, clusters called by name or by a
configuration key, properties read, log levels, local replies, the metrics
it defines).  `pwc inspect` prints it; `pwc verify` checks it.
"""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from . import ir, syntax
from ..abi import LogLevel, MapType
from ..module_sections import SECTION_NAME, append_section, read_metadata, read_sections  # noqa: F401  (this module's API too)

_HEADER_READS = {"hdr_get", "hdr_get_first", "hdr_has", "hdr_pairs", "hdr_values"}
_HEADER_WRITES = {"hdr_set", "hdr_add", "hdr_remove", "hdr_set_raw", "hdr_add_raw", "hdr_remove_raw",
                  "hdr_replace_copies"}


def syntax_digest(module: syntax.Module) -> str:
    return hashlib.sha256(syntax.canonical_json(module).encode()).hexdigest()


def describe(module: syntax.Module, program: ir.Program, schema: dict, regex_cost_per_byte: int = 0) -> dict:
    return {
        "pwc": __version__,
        "filter": module.filter_name,
        "syntax_sha256": syntax_digest(module),
        "config_schema": schema,
        "capabilities": capabilities(program),
        # The most any one pattern may spend per byte of its subject (wasm
        # instructions; regex.CompiledRegex.max_cost_per_byte), 0 without patterns.
        "regex_max_cost_per_byte": regex_cost_per_byte,
        # Where the source's statements were (syntax.span_lines), as differences from
        # the line before: `pwc verify --source` rebuilds a reformatted source with them.
        "lines": encode_lines(syntax.span_lines(module)),
    }


def encode_lines(lines: list[int]) -> str:
    previous, out = 0, []
    for line in lines:
        out.append(str(line - previous) if line != previous else "")
        previous = line
    return ",".join(out)


def decode_lines(text: str) -> list[int] | None:
    lines, previous = [], 0
    try:
        for piece in text.split(",") if text else []:
            previous += int(piece) if piece else 0
            lines.append(previous)
    except ValueError:
        return None
    return lines


def capabilities(program: ir.Program) -> dict:
    reads: set[str] = set()
    writes: set[str] = set()
    clusters: set[str] = set()
    configured: set[str] = set()
    properties: set[str] = set()
    levels: set[str] = set()
    replies = False
    for node in ir.walk(program.functions):
        if isinstance(node, ir.StdCall):
            first = node.args[0] if node.args else None
            if node.func in _HEADER_READS | _HEADER_WRITES and isinstance(first, ir.Const):
                (reads if node.func in _HEADER_READS else writes).add(MapType(first.value).name.lower())
            elif node.func.startswith("property_") and isinstance(first, ir.Str):
                properties.add(first.text.decode().replace("\0", "."))
            elif node.func == "log" and isinstance(first, ir.Const):
                levels.add(LogLevel(first.value).name.lower())
        elif isinstance(node, ir.HttpCall):
            # The checker allows a literal or a configuration value, nothing a request chooses.
            if isinstance(node.cluster, ir.Str):
                clusters.add(node.cluster.text.decode())
            elif isinstance(node.cluster, ir.ConfigRead):
                configured.add(program.config[node.cluster.slot].name)
            else:
                raise TypeError(f"a call's cluster is a literal or configured, not {type(node.cluster).__name__}")
        elif isinstance(node, ir.Respond):
            replies = True
    if program.calls:
        reads.add(MapType.HTTP_CALL_RESPONSE_HEADERS.name.lower())
    return {
        "header_maps_read": sorted(reads),
        "header_maps_written": sorted(writes),
        "clusters_called": sorted(clusters),
        "cluster_config_keys": sorted(configured),  # configuration keys whose value names a called cluster
        "properties_read": sorted(properties),
        "log_levels": sorted(levels | {"error"}),  # run-time errors are logged at error level
        "local_replies": replies,  # `respond` statements (a run-time error answers 500 regardless)
        "configuration_keys": [field.name for field in program.config],
        # Envoy stats the module defines (compiler/metrics.py): name -> counter or histogram.
        "metrics": {metric.name: metric.kind.name.lower() for metric in program.metrics},
    }

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

SECTION_NAME = "pwc"
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
    }


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


def append_section(wasm: bytes, data: dict) -> bytes:
    """The module with a `pwc` custom section holding `data` as JSON."""
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    name = SECTION_NAME.encode()
    body = _leb128(len(name)) + name + payload
    return wasm + b"\x00" + _leb128(len(body)) + body


def read_sections(wasm: bytes) -> list[tuple[int, str | None, bytes]]:
    """The module's sections as (id, custom name or None, payload).
    Raises ValueError when the bytes are not a well-formed wasm module."""
    if wasm[:4] != b"\0asm" or len(wasm) < 8:
        raise ValueError("not a WebAssembly module (no \\0asm header)")
    sections, offset = [], 8
    while offset < len(wasm):
        section_id = wasm[offset]
        size, offset = _read_leb128(wasm, offset + 1)
        end = offset + size
        if end > len(wasm):
            raise ValueError(f"section {section_id} runs past the end of the module")
        payload = wasm[offset:end]
        name = None
        if section_id == 0:
            length, start = _read_leb128(payload, 0)
            name = payload[start : start + length].decode("utf-8", "replace")
            payload = payload[start + length :]
        sections.append((section_id, name, payload))
        offset = end
    return sections


def read_metadata(wasm: bytes) -> dict | None:
    for section_id, name, payload in read_sections(wasm):
        if section_id == 0 and name == SECTION_NAME:
            return json.loads(payload)
    return None


def _leb128(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _read_leb128(data: bytes, offset: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if offset >= len(data) or shift > 35:
            raise ValueError("malformed length in the module")
        byte = data[offset]
        value |= (byte & 0x7F) << shift
        offset += 1
        shift += 7
        if not byte & 0x80:
            return value, offset

"""The `pwc` custom section of a module, written by the compiler
(compiler/metadata.py decides what it holds) and read by it, by `pwc
inspect`/`verify` and by the test runners (a filter's name, its stores):
a shared part, so neither side parses wasm the other's way."""

from __future__ import annotations

import json

SECTION_NAME = "pwc"


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

"""Header maps with Envoy's semantics, and the ABI's pairs serialization.

Envoy keeps pseudo-headers (`:path`, ...) ahead of regular ones, stores names
lowercased, keeps one entry per repeated header, and answers a lookup with the
first entry only (PROXY-WASM-NOTES.md §4).  Names and values are bytes here:
the module may write any bytes, and the host must not reinterpret them.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

Pair = tuple[bytes, bytes]
_U32 = struct.Struct("<I")


def _lower(name: bytes) -> bytes:
    return name.lower()


def to_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def to_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


# Envoy keeps these headers in one "inline" entry: a second copy, whether it comes
# from the codec or from proxy_add_header_map_value (HeaderMapImpl::insertByKey),
# is appended to the first with ",".  Verified in Envoy 1.40 by sending two copies
# of each name through it (request: client -> upstream; response: upstream ->
# client); the names Envoy strips or rewrites come from its INLINE_*_HEADERS lists.
_INLINE_COMMON = frozenset(n.encode() for n in (
    "via", "content-type", "cache-control", "content-encoding", "proxy-status", "content-length",
    "transfer-encoding", "connection", "upgrade", "keep-alive", "proxy-connection", "x-request-id",
    "x-envoy-attempt-count", "x-envoy-decorator-operation",
))
REQUEST_INLINE = _INLINE_COMMON | frozenset(n.encode() for n in (
    "user-agent", "authorization", "accept-encoding", "referer", "origin", "x-forwarded-for",
    "x-forwarded-host", "x-forwarded-proto", "accept", "grpc-timeout", "pragma", "if-none-match", "if-match",
    "if-modified-since", "x-envoy-original-path", "access-control-request-method", "grpc-accept-encoding",
    "x-client-trace-id", "te", "expect", "x-envoy-internal", "x-envoy-retry-on", "x-envoy-max-retries",
    "x-envoy-expected-rq-timeout-ms", "x-envoy-upstream-rq-timeout-ms", "x-forwarded-client-cert",
))
RESPONSE_INLINE = _INLINE_COMMON | frozenset(n.encode() for n in (
    "etag", "location", "date", "server", "vary", "last-modified", "age", "expires",
    "x-envoy-upstream-service-time", "x-envoy-degraded", "x-envoy-ratelimited",
))


class HeaderMap:
    """An ordered multimap: pseudo-headers first, lowercase names.  Names in `inline`
    keep one entry, later copies appended with "," (Envoy's inline headers)."""

    def __init__(self, pairs: Iterable[tuple[str | bytes, str | bytes]] = (), inline: frozenset = frozenset()):
        self._entries: list[Pair] = []
        self.inline = inline
        for name, value in pairs:
            self.add(to_bytes(name), to_bytes(value))

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self):
        return iter(list(self._entries))

    def __repr__(self) -> str:
        return f"HeaderMap({self.text_pairs()!r})"

    def pairs(self) -> list[Pair]:
        return list(self._entries)

    def text_pairs(self) -> list[tuple[str, str]]:
        return [(to_text(k), to_text(v)) for k, v in self._entries]

    def byte_size(self) -> int:
        """What proxy_get_header_map_size returns: Envoy's HeaderMap::byteSize."""
        return sum(len(k) + len(v) for k, v in self._entries)

    def get(self, name: str | bytes) -> bytes | None:
        """The FIRST value only, as Envoy's get_header_map_value does."""
        key = _lower(to_bytes(name))
        for k, v in self._entries:
            if k == key:
                return v
        return None

    def get_all(self, name: str | bytes) -> list[bytes]:
        key = _lower(to_bytes(name))
        return [v for k, v in self._entries if k == key]

    def text(self, name: str) -> str | None:
        value = self.get(name)
        return None if value is None else to_text(value)

    def __contains__(self, name: str | bytes) -> bool:
        return self.get(name) is not None

    def add(self, name: bytes, value: bytes) -> None:
        key = _lower(name)
        if key.startswith(b":"):
            end = 0
            while end < len(self._entries) and self._entries[end][0].startswith(b":"):
                end += 1
            self._entries.insert(end, (key, value))
        elif key in self.inline:
            for index, (k, v) in enumerate(self._entries):
                if k == key:
                    self._entries[index] = (k, v + b"," + value)
                    return
            self._entries.append((key, value))
        else:
            self._entries.append((key, value))

    def replace(self, name: bytes, value: bytes) -> None:
        """Envoy's setCopy.  A pseudo-header or an inline header (one Envoy keeps
        a fixed slot for) takes the value in place, other copies go; any other
        header loses every copy and the new value goes at the end, as Envoy
        1.40 does (tests/conformance/language/language/writes.test.yaml)."""
        key = _lower(name)
        positions = [i for i, (k, _) in enumerate(self._entries) if k == key]
        if not positions or not (key.startswith(b":") or key in self.inline):
            self.remove(key)
            self.add(key, value)
            return
        self._entries[positions[0]] = (key, value)
        for i in reversed(positions[1:]):
            del self._entries[i]

    def remove(self, name: bytes) -> None:
        key = _lower(name)
        self._entries = [(k, v) for k, v in self._entries if k != key]

    def set_pairs(self, pairs: Iterable[Pair]) -> None:
        """Envoy removes every key, then adds the given pairs one by one."""
        self._entries = []
        for k, v in pairs:
            self.add(k, v)


def encode_pairs(pairs: Iterable[Pair]) -> bytes:
    """The ABI's pairs format: count, (key_len, value_len)*, then key\\0value\\0 each."""
    pairs = list(pairs)
    out = bytearray(_U32.pack(len(pairs)))
    for k, v in pairs:
        out += _U32.pack(len(k)) + _U32.pack(len(v))
    for k, v in pairs:
        out += k + b"\0" + v + b"\0"
    return bytes(out)


class PairsFormatError(ValueError):
    pass


def decode_pairs(data: bytes) -> list[Pair]:
    """Parse the pairs format; an empty buffer or a single NUL is the empty map."""
    if len(data) == 0 or data == b"\0":
        return []
    if len(data) < 4:
        raise PairsFormatError(f"pairs buffer of {len(data)} bytes is shorter than its count")
    (count,) = _U32.unpack_from(data, 0)
    header_end = 4 + 8 * count
    if header_end > len(data):
        raise PairsFormatError(f"pairs buffer claims {count} pairs but holds {len(data)} bytes")
    sizes = [struct.unpack_from("<II", data, 4 + 8 * i) for i in range(count)]
    pos = header_end
    pairs = []
    for key_len, value_len in sizes:
        end = pos + key_len + 1 + value_len + 1
        if end > len(data):
            raise PairsFormatError("pairs buffer ends inside a key or value")
        key = data[pos : pos + key_len]
        value = data[pos + key_len + 1 : pos + key_len + 1 + value_len]
        pairs.append((key, value))
        pos = end
    return pairs

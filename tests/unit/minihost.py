"""A minimal proxy-wasm host on wasmtime, just enough to drive pwc modules
stream by stream the way Envoy 1.40 does (see ../../docs/envoy-behaviour.md
and /work/shared/PROXY-WASM-NOTES.md).

It is deliberately independent from pwc.runtime: the memory tests use it to
run tens of thousands of streams cheaply, and to interleave streams freely.

    host = MiniHost(wasm)
    s = host.open_stream()
    host.request_headers(s, [(":path", "/x"), ...])
    host.response_headers(s, [(":status", "200")])
    host.close_stream(s)
    host.memory_pages(), host.high_water()

Envoy semantics kept: header names are matched case-insensitively and stored
lowercase; get_header_map_value returns the first copy; replace keeps one
header (adding it when absent); remove of an absent key is Ok; request headers
(map 0) answer BadArgument after the request phase, except in the response
phase of a local reply sent from the request phase; a local reply sent from
on_request_headers runs on_response_headers once, after the callback returned;
buffers given to the module are allocated with its exported `malloc`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import wasmtime

from pwc.abi import HOST_FUNCTIONS, Action, BufferType, MapType, Status

ROOT_ID = 1  # this host's choice of root context id (Envoy's too), not an ABI value

Pairs = list[tuple[bytes, bytes]]


def _b(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")


def serialize_pairs(pairs: Pairs) -> bytes:
    head = struct.pack("<I", len(pairs)) + b"".join(struct.pack("<II", len(k), len(v)) for k, v in pairs)
    return head + b"".join(k + b"\0" + v + b"\0" for k, v in pairs)


def parse_pairs(data: bytes) -> Pairs:
    if len(data) < 4:
        return []
    (count,) = struct.unpack_from("<I", data, 0)
    sizes = [struct.unpack_from("<II", data, 4 + 8 * i) for i in range(count)]
    offset = 4 + 8 * count
    pairs = []
    for key_len, value_len in sizes:
        key = data[offset:offset + key_len]
        offset += key_len + 1
        value = data[offset:offset + value_len]
        offset += value_len + 1
        pairs.append((bytes(key), bytes(value)))
    return pairs


@dataclass
class LocalReply:
    status: int
    body: bytes
    headers: Pairs


@dataclass
class StreamState:
    id: int
    request: Pairs = field(default_factory=list)
    response: Pairs = field(default_factory=list)
    request_readable: bool = False
    response_readable: bool = False
    local_reply: LocalReply | None = None
    reply_phase: str = ""  # "request" or "response": the phase that sent the reply
    upstream_request: Pairs | None = None  # what went upstream (None: never)
    client_status: int = 0
    client_headers: Pairs = field(default_factory=list)


class HostError(AssertionError):
    """The module did something Envoy would refuse (or this host does not support)."""


class MiniHost:
    SUPPORTED = {
        "proxy_log", "proxy_get_header_map_value", "proxy_get_header_map_pairs",
        "proxy_add_header_map_value", "proxy_replace_header_map_value", "proxy_remove_header_map_value",
        "proxy_get_header_map_size", "proxy_send_local_response", "proxy_get_buffer_bytes",
        "proxy_continue_stream", "proxy_set_effective_context", "proxy_get_current_time_nanoseconds",
        "proxy_get_property", "proxy_define_metric", "proxy_increment_metric", "proxy_record_metric",
    }
    assert SUPPORTED <= HOST_FUNCTIONS.keys()  # names from pwc/abi.py, not invented here

    def __init__(self, wasm: bytes, plugin_config: bytes = b"") -> None:
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        self.module = wasmtime.Module(self.engine, wasm)
        self.plugin_config = plugin_config
        self.config_readable = False
        self.logs: list[tuple[int, str]] = []
        self.log_count = 0
        self.level_counts: dict[int, int] = {}
        self.keep_logs = 200  # the last few lines; a count of all of them
        self.streams: dict[int, StreamState] = {}
        self.current: StreamState | None = None
        self.next_id = 2
        self.host_calls = 0
        self.metrics: dict[int, int] = {}  # metric id -> updates (ids as Envoy gives them: 4, 8, ...)
        linker = wasmtime.Linker(self.engine)
        for item in self.module.imports:
            if item.module != "env" or item.name not in self.SUPPORTED:
                raise HostError(f"module imports {item.module}.{item.name}, which this host does not provide")
            impl = getattr(self, "_" + item.name)
            linker.define_func("env", item.name, item.type, self._wrap(impl), access_caller=False)
        self.instance = linker.instantiate(self.store, self.module)
        exports = self.instance.exports(self.store)
        self.memory: wasmtime.Memory = exports["memory"]
        self.malloc = exports["malloc"]
        self.exports = {item.name for item in self.module.exports}
        self._funcs = {name: exports[name] for name in self.exports if name.startswith("proxy_on_")}
        self._call("proxy_on_context_create", ROOT_ID, 0)
        if self._call("proxy_on_vm_start", ROOT_ID, 0) == 0:
            raise HostError("proxy_on_vm_start returned false")
        self.config_readable = True
        try:
            if self._call("proxy_on_configure", ROOT_ID, len(plugin_config)) == 0:
                raise HostError("proxy_on_configure returned false: " + repr(self.logs[-3:]))
        finally:
            self.config_readable = False

    # ---- plumbing ---------------------------------------------------------------

    def _wrap(self, impl):
        def call(*args):
            self.host_calls += 1
            return impl(*args)
        return call

    def _call(self, name: str, *args: int):
        func = self._funcs.get(name)
        if func is None:
            return None
        return func(self.store, *args)  # a trap raises wasmtime.Trap: the test fails

    def _read(self, ptr: int, size: int) -> bytes:
        if size == 0:
            return b""
        if ptr < 0 or size < 0 or ptr + size > self.memory.data_len(self.store):
            raise HostError(f"out-of-bounds read {ptr}+{size}")
        return bytes(self.memory.read(self.store, ptr, ptr + size))

    def _write_u32(self, ptr: int, value: int) -> None:
        self.memory.write(self.store, struct.pack("<I", value & 0xFFFFFFFF), ptr)

    def _give(self, data: bytes, ptr_out: int, size_out: int) -> int:
        """Copy `data` into memory the module allocates with its malloc (as proxy-wasm-cpp-host does)."""
        pointer = 0
        if data:
            pointer = self.malloc(self.store, len(data))
            if pointer == 0:
                raise HostError(f"malloc({len(data)}) returned 0")
            self.memory.write(self.store, data, pointer)
        self._write_u32(ptr_out, pointer)
        self._write_u32(size_out, len(data))
        return Status.OK

    def _map(self, kind: int) -> Pairs | None:
        stream = self.current
        if stream is None:
            return None
        if kind == MapType.REQUEST_HEADERS and stream.request_readable:
            return stream.request
        if kind == MapType.RESPONSE_HEADERS and stream.response_readable:
            return stream.response
        return None

    # ---- imports ----------------------------------------------------------------

    def _proxy_log(self, level: int, ptr: int, size: int) -> int:
        self.log_count += 1
        self.level_counts[level] = self.level_counts.get(level, 0) + 1
        self.logs.append((level, self._read(ptr, size).decode("utf-8", "replace")))
        if len(self.logs) > 2 * self.keep_logs:
            del self.logs[: self.keep_logs]
        return Status.OK

    def _proxy_get_header_map_value(self, kind, kptr, klen, ptr_out, size_out) -> int:
        pairs = self._map(kind)
        if pairs is None:
            return Status.BAD_ARGUMENT
        key = self._read(kptr, klen).lower()
        for name, value in pairs:
            if name == key:
                return self._give(value, ptr_out, size_out)
        return Status.NOT_FOUND

    def _proxy_get_header_map_pairs(self, kind, ptr_out, size_out) -> int:
        pairs = self._map(kind)
        if pairs is None:
            return Status.BAD_ARGUMENT
        return self._give(serialize_pairs(pairs), ptr_out, size_out)

    def _proxy_get_header_map_size(self, kind, size_out) -> int:
        pairs = self._map(kind)
        if pairs is None:
            return Status.BAD_ARGUMENT
        self._write_u32(size_out, len(serialize_pairs(pairs)))
        return Status.OK

    def _proxy_add_header_map_value(self, kind, kptr, klen, vptr, vlen) -> int:
        pairs = self._map(kind)
        if pairs is None:
            return Status.BAD_ARGUMENT
        pairs.append((self._read(kptr, klen).lower(), self._read(vptr, vlen)))
        return Status.OK

    def _proxy_replace_header_map_value(self, kind, kptr, klen, vptr, vlen) -> int:
        pairs = self._map(kind)
        if pairs is None:
            return Status.BAD_ARGUMENT
        key, value = self._read(kptr, klen).lower(), self._read(vptr, vlen)
        for index, (name, _) in enumerate(pairs):
            if name == key:
                pairs[index] = (key, value)
                pairs[index + 1:] = [(n, v) for n, v in pairs[index + 1:] if n != key]
                return Status.OK
        pairs.append((key, value))
        return Status.OK

    def _proxy_remove_header_map_value(self, kind, kptr, klen) -> int:
        pairs = self._map(kind)
        if pairs is None:
            return Status.BAD_ARGUMENT
        key = self._read(kptr, klen).lower()
        pairs[:] = [(n, v) for n, v in pairs if n != key]
        return Status.OK

    def _proxy_send_local_response(self, status, dptr, dlen, bptr, blen, hptr, hlen, grpc) -> int:
        stream = self.current
        if stream is None:
            return Status.BAD_ARGUMENT
        headers = parse_pairs(self._read(hptr, hlen))
        for name, value in headers:
            if any(c < 0x20 and c != 0x09 or c == 0x7F for c in name + value):
                raise HostError(f"control byte in a local-reply header: {name!r}: {value!r}")
        stream.local_reply = LocalReply(status, self._read(bptr, blen), headers)
        return Status.OK

    def _proxy_get_buffer_bytes(self, kind, start, max_size, ptr_out, size_out) -> int:
        if kind == BufferType.PLUGIN_CONFIGURATION and self.config_readable:
            data = self.plugin_config[start:start + max_size]
            return self._give(data, ptr_out, size_out)
        return Status.NOT_FOUND

    def _proxy_continue_stream(self, kind) -> int:
        return Status.OK

    def _proxy_set_effective_context(self, context_id) -> int:
        return Status.OK if context_id in self.streams or context_id == ROOT_ID else Status.BAD_ARGUMENT

    def _proxy_get_current_time_nanoseconds(self, out) -> int:
        self.memory.write(self.store, struct.pack("<Q", 1_700_000_000_000_000_000), out)
        return Status.OK

    def _proxy_get_property(self, pptr, plen, ptr_out, size_out) -> int:
        return Status.NOT_FOUND

    def _proxy_define_metric(self, kind, nptr, nlen, id_out) -> int:
        metric_id = 4 * (len(self.metrics) + 1) + kind
        self.metrics[metric_id] = 0
        self._write_u32(id_out, metric_id)
        return Status.OK

    def _proxy_increment_metric(self, metric_id, delta) -> int:
        if metric_id not in self.metrics:
            return Status.NOT_FOUND
        self.metrics[metric_id] += delta
        return Status.OK

    def _proxy_record_metric(self, metric_id, value) -> int:
        return self._proxy_increment_metric(metric_id, 1)

    # ---- streams ----------------------------------------------------------------

    def open_stream(self) -> StreamState:
        stream = StreamState(self.next_id)
        self.next_id += 1
        self.streams[stream.id] = stream
        self.current = stream
        self._call("proxy_on_context_create", stream.id, ROOT_ID)
        self.current = None
        return stream

    def request_headers(self, stream: StreamState, headers) -> None:
        """on_request_headers(eos=1); then, as Envoy: a local reply runs the response phase."""
        stream.request = [(_b(k).lower(), _b(v)) for k, v in headers]
        stream.request_readable = True
        self.current = stream
        try:
            action = self._call("proxy_on_request_headers", stream.id, len(stream.request), 1)
        finally:
            self.current = None
        if stream.local_reply is not None:
            stream.reply_phase = "request"
            reply = stream.local_reply
            stream.response = [(b":status", str(reply.status).encode()),
                               (b"content-length", str(len(reply.body)).encode())]
            if reply.body:
                stream.response.append((b"content-type", b"text/plain"))
            stream.response += [(k.lower(), v) for k, v in reply.headers]
            self._response_phase(stream)  # map 0 stays readable here (docs/envoy-behaviour.md #5)
            stream.request_readable = False
            return
        if action != Action.CONTINUE:
            raise HostError(f"on_request_headers paused without a local reply (action {action})")
        stream.request_readable = False
        stream.upstream_request = list(stream.request)

    def response_headers(self, stream: StreamState, headers) -> None:
        """The upstream answered: on_response_headers(eos=1), unless a local reply ended the stream."""
        if stream.reply_phase:
            return
        stream.response = [(_b(k).lower(), _b(v)) for k, v in headers]
        self._response_phase(stream)

    def _response_phase(self, stream: StreamState) -> None:
        stream.response_readable = True
        previous = stream.local_reply
        self.current = stream
        try:
            self._call("proxy_on_response_headers", stream.id, len(stream.response), 1)
        finally:
            self.current = None
            stream.response_readable = False
        if stream.local_reply is not previous:  # a reply from the response phase replaces the response
            reply = stream.local_reply
            stream.reply_phase = stream.reply_phase or "response"
            stream.client_status = reply.status
            stream.client_headers = list(reply.headers)
            return
        stream.client_status = int(dict(stream.response).get(b":status", b"0"))
        stream.client_headers = [(k, v) for k, v in stream.response if k != b":status"]

    def close_stream(self, stream: StreamState) -> None:
        """on_log, on_done, on_delete, with both maps readable during on_log."""
        stream.request_readable = stream.response_readable = True
        self.current = stream
        try:
            self._call("proxy_on_log", stream.id)
            self._call("proxy_on_done", stream.id)
            self._call("proxy_on_delete", stream.id)
        finally:
            self.current = None
            stream.request_readable = stream.response_readable = False
        del self.streams[stream.id]

    # ---- memory -----------------------------------------------------------------

    def memory_pages(self) -> int:
        return self.memory.size(self.store)

    def high_water(self) -> int:
        """One past the highest non-zero byte of linear memory (memory grows zero-filled,
        so this is how far the module has ever written)."""
        data = bytes(self.memory.read(self.store, 0, self.memory.data_len(self.store)))
        return len(data.rstrip(b"\0"))

"""The host side of the proxy-wasm imports: what each `env.proxy_*` call does.

Each method named like an import implements it with Envoy 1.40's results
(PROXY-WASM-NOTES.md) on the VM's `VmState` (state.py); `Vm` (vm.py) binds the
ones the module imports.  The methods receive a `Guest`, the module's memory
and allocator as seen from inside the call.  Bad pointers give
InvalidMemoryAccess, never a Python error.
"""

from __future__ import annotations

import os
import struct
from typing import Protocol

from pwc.abi import (
    HOST_FUNCTIONS,
    BufferType,
    LogLevel,
    MapType,
    MetricType,
    Status,
    StreamType,
)

import wasmtime

from .headers import HeaderMap, PairsFormatError, decode_pairs, encode_pairs, to_text
from .model import HttpCall, LocalReply, LogRecord
from .state import VmState

Signature = tuple[tuple[str, ...], tuple[str, ...]]  # (params, results), as in pwc.abi

# Imports SDK-built modules carry that pwc never emits (spec v0.2.1 signatures).
EXTRA_HOST_FUNCTIONS: dict[str, Signature] = {
    "proxy_get_log_level": (("i32",), ("i32",)),
    "proxy_get_shared_data": (("i32",) * 5, ("i32",)),
    "proxy_set_shared_data": (("i32",) * 5, ("i32",)),
    "proxy_register_shared_queue": (("i32",) * 3, ("i32",)),
    "proxy_resolve_shared_queue": (("i32",) * 5, ("i32",)),
    "proxy_enqueue_shared_queue": (("i32",) * 3, ("i32",)),
    "proxy_dequeue_shared_queue": (("i32",) * 3, ("i32",)),
    "proxy_call_foreign_function": (("i32",) * 6, ("i32",)),
    "proxy_grpc_call": (("i32",) * 12, ("i32",)),
    "proxy_grpc_stream": (("i32",) * 9, ("i32",)),
    "proxy_grpc_send": (("i32",) * 4, ("i32",)),
    "proxy_grpc_cancel": (("i32",), ("i32",)),
    "proxy_grpc_close": (("i32",), ("i32",)),
}

# ---- ABI versions ---------------------------------------------------------------
#
# Envoy 1.40 (proxy-wasm-cpp-host) accepts three ABI versions, named by the first
# `proxy_abi_version_*` function the module exports.  What differs between them:
# - imports: 0.1.0 has proxy_get_configuration, proxy_continue_request,
#   proxy_continue_response and proxy_clear_route_cache; 0.2.0 replaced the
#   continue calls with proxy_continue_stream/proxy_close_stream (the
#   configurations became buffers 6 and 7); 0.2.1 added proxy_get_log_level.
#   Envoy links only the version's own set: importing another version's
#   function fails the load as any unknown import does.
# - callbacks: in 0.1.0 proxy_on_request_headers/proxy_on_response_headers take
#   (context_id, num_headers), without end_of_stream.
# Everything else (statuses, map and buffer enums, the other callbacks) is the
# same in Envoy for all three; notably the buffer enum is one enum, so a 0.1.0
# module may read buffers 6/7 too, although the v0.1.0 spec lists only 0-5.

ABI_0_1_0, ABI_0_2_0, ABI_0_2_1 = "0.1.0", "0.2.0", "0.2.1"
ABI_VERSION_EXPORTS = {
    "proxy_abi_version_0_1_0": ABI_0_1_0,
    "proxy_abi_version_0_2_0": ABI_0_2_0,
    "proxy_abi_version_0_2_1": ABI_0_2_1,
}

_STREAM_CONTROL_0_2 = {
    "proxy_continue_stream": (("i32",), ("i32",)),
    "proxy_close_stream": (("i32",), ("i32",)),
}
ABI_SPECIFIC_FUNCTIONS: dict[str, dict[str, Signature]] = {
    ABI_0_1_0: {
        "proxy_get_configuration": (("i32", "i32"), ("i32",)),
        "proxy_continue_request": ((), ("i32",)),
        "proxy_continue_response": ((), ("i32",)),
        "proxy_clear_route_cache": ((), ("i32",)),
    },
    ABI_0_2_0: dict(_STREAM_CONTROL_0_2),
    ABI_0_2_1: {**_STREAM_CONTROL_0_2, "proxy_get_log_level": (("i32",), ("i32",))},
}
_ANY_ABI_SPECIFIC = {name for table in ABI_SPECIFIC_FUNCTIONS.values() for name in table}

# Imports every ABI version has (Envoy's FOR_ALL_HOST_FUNCTIONS).
COMMON_HOST_FUNCTIONS = {
    name: signature
    for name, signature in {**HOST_FUNCTIONS, **EXTRA_HOST_FUNCTIONS}.items()
    if name not in _ANY_ABI_SPECIFIC
}

# Every `env` import some version provides (for lookups that do not care which).
ENV_FUNCTIONS = {**COMMON_HOST_FUNCTIONS, **{name: sig for table in ABI_SPECIFIC_FUNCTIONS.values()
                                            for name, sig in table.items()}}


def env_functions(abi: str) -> dict[str, Signature]:
    """The `env` imports Envoy links for a module of ABI version `abi`.

    Read from ENV_FUNCTIONS at each load, so an entry added there (bench/profile.py
    adds its stubs) counts as common to all versions."""
    common = {name: sig for name, sig in ENV_FUNCTIONS.items() if name not in _ANY_ABI_SPECIFIC}
    return {**common, **ABI_SPECIFIC_FUNCTIONS[abi]}


def abi_versions_providing(name: str) -> list[str]:
    return [abi for abi, table in ABI_SPECIFIC_FUNCTIONS.items() if name in table]


def callback_signatures(abi: str, callbacks: dict) -> dict[str, Signature]:
    """The callback signatures Envoy looks up for `abi` (0.1.0: header callbacks without end_of_stream)."""
    if abi != ABI_0_1_0:
        return dict(callbacks)
    return {**callbacks,
            "proxy_on_request_headers": (("i32", "i32"), ("i32",)),
            "proxy_on_response_headers": (("i32", "i32"), ("i32",))}

_U32_MASK = 0xFFFFFFFF


class MemoryFault(Exception):
    """A pointer the module passed (or malloc returned) is outside its memory."""


def u32(value: int) -> int:
    return value & _U32_MASK


class Instance(Protocol):
    """What a Guest needs of the running module (vm.Vm is one)."""

    memory: wasmtime.Memory
    store: wasmtime.Store

    def allocate(self, store: wasmtime.Caller, size: int) -> int: ...


class Guest:
    """The module's memory and allocator, as seen from inside one host call."""

    def __init__(self, instance: Instance, store: wasmtime.Caller) -> None:
        self.instance = instance
        self.store = store
        self.memory = instance.memory

    def _check(self, ptr: int, size: int) -> tuple[int, int]:
        ptr, size = u32(ptr), u32(size)
        if ptr + size > self.memory.data_len(self.store):
            raise MemoryFault(f"{size} bytes at {ptr} are outside memory")
        return ptr, size

    def read(self, ptr: int, size: int) -> bytes:
        ptr, size = self._check(ptr, size)
        return bytes(self.memory.read(self.store, ptr, ptr + size)) if size else b""

    def write(self, ptr: int, data: bytes) -> None:
        ptr, _ = self._check(ptr, len(data))
        if data:
            self.memory.write(self.store, data, ptr)

    def write_u32(self, ptr: int, value: int) -> None:
        self.write(ptr, struct.pack("<I", u32(value)))

    def write_u64(self, ptr: int, value: int) -> None:
        self.write(ptr, struct.pack("<Q", value & 0xFFFFFFFFFFFFFFFF))

    def give(self, data: bytes, ptr_out: int, size_out: int) -> Status:
        """Copy `data` into a fresh allocation and write its address and size (Envoy's copyToPointerSize)."""
        address = 0
        if data:
            address = u32(self.instance.allocate(self.store, len(data)))
            if address == 0:
                return Status.INVALID_MEMORY_ACCESS
            self.write(address, data)
        self.write_u32(ptr_out, address)
        self.write_u32(size_out, len(data))
        return Status.OK


class HostFunctions:
    """The `env` imports, acting on `self.state`."""

    def __init__(self, state: VmState) -> None:
        self.state = state

    # ---- logging, time, status -------------------------------------------------

    def proxy_log(self, g: Guest, level: int, ptr: int, size: int) -> int:
        if level not in LogLevel._value2member_map_:
            return Status.BAD_ARGUMENT
        message = to_text(g.read(ptr, size))
        self.state.logs.append(LogRecord(LogLevel(level), message, self.state.effective_id))
        return Status.OK

    def proxy_get_log_level(self, g: Guest, out: int) -> int:
        g.write_u32(out, self.state.log_level)
        return Status.OK

    def proxy_get_current_time_nanoseconds(self, g: Guest, out: int) -> int:
        g.write_u64(out, self.state.clock())
        return Status.OK

    def proxy_get_status(self, g: Guest, code_out: int, ptr_out: int, size_out: int) -> int:
        # Envoy answers Ok, code 0, empty message even after a failed call (notes §5).
        g.write_u32(code_out, 0)
        g.write_u32(ptr_out, 0)
        g.write_u32(size_out, 0)
        return Status.OK

    def proxy_set_tick_period_milliseconds(self, g: Guest, period: int) -> int:
        self.state.tick_period_ms = u32(period)
        return Status.OK

    def proxy_done(self, g: Guest) -> int:
        return Status.OK

    # ---- buffers ---------------------------------------------------------------

    def proxy_get_buffer_bytes(self, g: Guest, kind: int, start: int, max_size: int, ptr_out: int, size_out: int) -> int:
        if kind not in BufferType._value2member_map_:
            return Status.BAD_ARGUMENT
        data = self.state.buffer(BufferType(kind))
        if data is None:
            return Status.NOT_FOUND
        start, max_size = u32(start), u32(max_size)
        length = min(max_size, max(len(data) - start, 0))
        if length == 0:
            # Envoy returns Ok without touching the out slots (start past the end included).
            return Status.OK
        return g.give(bytes(data[start : start + length]), ptr_out, size_out)

    def proxy_get_buffer_status(self, g: Guest, kind: int, size_out: int, flags_out: int) -> int:
        if kind not in BufferType._value2member_map_:
            return Status.BAD_ARGUMENT
        data = self.state.buffer(BufferType(kind))
        if data is None:
            return Status.NOT_FOUND
        g.write_u32(size_out, len(data))
        g.write_u32(flags_out, 0)
        return Status.OK

    def proxy_get_configuration(self, g: Guest, ptr_out: int, size_out: int) -> int:
        """ABI 0.1.0: the plugin configuration inside on_configure, else the VM's (Envoy's
        Context::getConfiguration); an empty one gives Ok with the out slots (0, 0)."""
        return g.give(bytes(self.state.configuration()), ptr_out, size_out)

    def proxy_set_buffer_bytes(self, g: Guest, kind: int, start: int, length: int, ptr: int, size: int) -> int:
        if kind not in BufferType._value2member_map_:
            return Status.BAD_ARGUMENT
        data = g.read(ptr, size)
        buffer = self.state.mutable_buffer(BufferType(kind))
        if buffer is None:
            return Status.NOT_FOUND
        start, length = u32(start), u32(length)
        # Envoy's Buffer::copyFrom: replace a prefix, or append; nothing in between.
        if start == 0:
            del buffer[:length]
            buffer[0:0] = data
        elif start >= len(buffer):
            buffer += data
        else:
            return Status.BAD_ARGUMENT
        return Status.OK

    # ---- header maps -----------------------------------------------------------

    def _map(self, kind: int) -> HeaderMap | None:
        if kind not in MapType._value2member_map_:
            return None
        return self.state.header_map(MapType(kind))

    def proxy_get_header_map_value(self, g: Guest, kind: int, kptr: int, klen: int, ptr_out: int, size_out: int) -> int:
        key = g.read(kptr, klen)
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        value = headers.get(key)
        if value is None:
            return Status.NOT_FOUND
        return g.give(value, ptr_out, size_out)

    def proxy_add_header_map_value(self, g: Guest, kind: int, kptr: int, klen: int, vptr: int, vlen: int) -> int:
        key, value = g.read(kptr, klen), g.read(vptr, vlen)
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        headers.add(key, value)
        return Status.OK

    def proxy_replace_header_map_value(self, g: Guest, kind: int, kptr: int, klen: int, vptr: int, vlen: int) -> int:
        key, value = g.read(kptr, klen), g.read(vptr, vlen)
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        headers.replace(key, value)
        return Status.OK

    def proxy_remove_header_map_value(self, g: Guest, kind: int, kptr: int, klen: int) -> int:
        key = g.read(kptr, klen)
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        headers.remove(key)
        return Status.OK

    def proxy_get_header_map_pairs(self, g: Guest, kind: int, ptr_out: int, size_out: int) -> int:
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        pairs = headers.pairs()
        # An empty map comes back as (0, 0) without an allocation, as in Envoy.
        return g.give(encode_pairs(pairs) if pairs else b"", ptr_out, size_out)

    def proxy_set_header_map_pairs(self, g: Guest, kind: int, ptr: int, size: int) -> int:
        pairs = self._pairs(g.read(ptr, size), "proxy_set_header_map_pairs")
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        headers.set_pairs(pairs)
        return Status.OK

    def proxy_get_header_map_size(self, g: Guest, kind: int, size_out: int) -> int:
        headers = self._map(kind)
        if headers is None:
            return Status.BAD_ARGUMENT
        g.write_u32(size_out, headers.byte_size())
        return Status.OK

    def _pairs(self, data: bytes, where: str) -> list[tuple[bytes, bytes]]:
        try:
            return decode_pairs(data)
        except PairsFormatError as error:
            # Envoy's toPairs() turns a malformed buffer into an empty map, silently.
            self.state.warn(f"{where}: malformed pairs buffer ({error}); Envoy treats it as empty")
            return []

    # ---- stream control, local replies, http calls ----------------------------

    def proxy_send_local_response(self, g: Guest, status: int, dptr: int, dlen: int, bptr: int, blen: int,
                                  hptr: int, hlen: int, grpc_status: int) -> int:
        details, body = g.read(dptr, dlen), g.read(bptr, blen)
        pairs = self._pairs(g.read(hptr, hlen), "proxy_send_local_response")
        context = self.state.effective_context()
        if context.is_root:
            self.state.warn("proxy_send_local_response on the root context does nothing (set the effective context)")
            return Status.OK
        if context.local_reply is not None:
            return Status.BAD_ARGUMENT
        headers = [(to_text(k), to_text(v)) for k, v in pairs]
        context.local_reply = LocalReply(u32(status), body, headers, to_text(details), grpc_status)
        return Status.OK

    def proxy_continue_stream(self, g: Guest, stream: int) -> int:
        if stream not in (StreamType.HTTP_REQUEST, StreamType.HTTP_RESPONSE):
            return Status.BAD_ARGUMENT
        context = self.state.effective_context()
        if context.is_root:
            self.state.warn("proxy_continue_stream on the root context does nothing (set the effective context)")
        else:
            context.continue_requested.add(StreamType(stream))
        return Status.OK

    def proxy_continue_request(self, g: Guest) -> int:
        """ABI 0.1.0: proxy_continue_stream(HTTP_REQUEST)."""
        return self.proxy_continue_stream(g, StreamType.HTTP_REQUEST)

    def proxy_continue_response(self, g: Guest) -> int:
        """ABI 0.1.0: proxy_continue_stream(HTTP_RESPONSE)."""
        return self.proxy_continue_stream(g, StreamType.HTTP_RESPONSE)

    def proxy_clear_route_cache(self, g: Guest) -> int:
        """ABI 0.1.0: Envoy re-picks the route after this filter; the local host has one route."""
        context = self.state.effective_context()
        if not context.is_root:
            context.route_cache_cleared += 1
        return Status.OK

    def proxy_close_stream(self, g: Guest, stream: int) -> int:
        if stream not in (StreamType.HTTP_REQUEST, StreamType.HTTP_RESPONSE):
            return Status.BAD_ARGUMENT
        context = self.state.effective_context()
        if not context.is_root:
            context.closed = True
        return Status.OK

    def proxy_set_effective_context(self, g: Guest, context_id: int) -> int:
        if u32(context_id) not in self.state.contexts:
            return Status.BAD_ARGUMENT
        self.state.effective_id = u32(context_id)
        return Status.OK

    def proxy_http_call(self, g: Guest, cptr: int, clen: int, hptr: int, hlen: int, bptr: int, blen: int,
                        tptr: int, tlen: int, timeout_ms: int, id_out: int) -> int:
        cluster = to_text(g.read(cptr, clen))
        headers = self._pairs(g.read(hptr, hlen), "proxy_http_call headers")
        body = g.read(bptr, blen)
        trailers = self._pairs(g.read(tptr, tlen), "proxy_http_call trailers")
        if cluster not in self.state.clusters:
            self.state.warn(f"proxy_http_call: unknown cluster {cluster!r}")
            return Status.BAD_ARGUMENT
        names = {k.lower() for k, _ in headers}
        missing = [h for h in (b":authority", b":path", b":method") if h not in names]
        if missing:
            self.state.warn(f"proxy_http_call: missing {', '.join(to_text(m) for m in missing)}")
            return Status.BAD_ARGUMENT
        call_id = self.state.next_call_id()
        g.write_u32(id_out, call_id)
        self.state.pending_calls.append(HttpCall(
            call_id=call_id,
            cluster=cluster,
            headers=[(to_text(k), to_text(v)) for k, v in headers],
            body=body,
            trailers=[(to_text(k), to_text(v)) for k, v in trailers],
            timeout_ms=u32(timeout_ms),
            context_id=self.state.effective_id,
        ))
        return Status.OK

    # ---- properties ------------------------------------------------------------

    def proxy_get_property(self, g: Guest, pptr: int, plen: int, ptr_out: int, size_out: int) -> int:
        path = g.read(pptr, plen)
        value = self.state.get_property(path)
        if value is None:
            return Status.NOT_FOUND
        return g.give(value, ptr_out, size_out)

    def proxy_set_property(self, g: Guest, pptr: int, plen: int, vptr: int, vlen: int) -> int:
        path, value = g.read(pptr, plen), g.read(vptr, vlen)
        self.state.effective_context().properties[path] = value
        return Status.OK

    # ---- metrics ---------------------------------------------------------------

    def proxy_define_metric(self, g: Guest, kind: int, nptr: int, nlen: int, id_out: int) -> int:
        name = to_text(g.read(nptr, nlen))
        if kind not in MetricType._value2member_map_:
            return Status.BAD_ARGUMENT
        g.write_u32(id_out, self.state.metrics.define(MetricType(kind), name))
        return Status.OK

    def proxy_increment_metric(self, g: Guest, metric_id: int, delta: int) -> int:
        return self.state.metrics.increment(u32(metric_id), delta)

    def proxy_record_metric(self, g: Guest, metric_id: int, value: int) -> int:
        return self.state.metrics.record(u32(metric_id), value)

    def proxy_get_metric(self, g: Guest, metric_id: int, out: int) -> int:
        status, value = self.state.metrics.get(u32(metric_id))
        if status == Status.OK:
            g.write_u64(out, value)
        return status

    # ---- SDK extras: shared data, queues, gRPC, foreign functions ------------

    def proxy_get_shared_data(self, g: Guest, kptr: int, klen: int, ptr_out: int, size_out: int, cas_out: int) -> int:
        entry = self.state.shared_data.get(g.read(kptr, klen))
        if entry is None:
            return Status.NOT_FOUND
        value, cas = entry
        status = g.give(value, ptr_out, size_out)
        if status == Status.OK:
            g.write_u32(cas_out, cas)
        return status

    def proxy_set_shared_data(self, g: Guest, kptr: int, klen: int, vptr: int, vlen: int, cas: int) -> int:
        return self.state.shared_data.set(g.read(kptr, klen), g.read(vptr, vlen), u32(cas))

    def _unimplemented(self, *_args) -> int:
        return Status.UNIMPLEMENTED

    proxy_register_shared_queue = _unimplemented
    proxy_resolve_shared_queue = _unimplemented
    proxy_enqueue_shared_queue = _unimplemented
    proxy_dequeue_shared_queue = _unimplemented
    proxy_grpc_call = _unimplemented
    proxy_grpc_stream = _unimplemented
    proxy_grpc_send = _unimplemented
    proxy_grpc_cancel = _unimplemented
    proxy_grpc_close = _unimplemented

    def proxy_call_foreign_function(self, g: Guest, *_args) -> int:
        return Status.NOT_FOUND


# ---- WASI: the few calls SDK runtimes make, with small honest answers ---------

WASI_MODULES = ("wasi_snapshot_preview1", "wasi_unstable")

WASI_FUNCTIONS: dict[str, Signature] = {
    "fd_write": (("i32",) * 4, ("i32",)),
    "fd_read": (("i32",) * 4, ("i32",)),
    "fd_seek": (("i32", "i64", "i32", "i32"), ("i32",)),
    "fd_close": (("i32",), ("i32",)),
    "fd_fdstat_get": (("i32", "i32"), ("i32",)),
    "fd_prestat_get": (("i32", "i32"), ("i32",)),
    "fd_prestat_dir_name": (("i32", "i32", "i32"), ("i32",)),
    "environ_sizes_get": (("i32", "i32"), ("i32",)),
    "environ_get": (("i32", "i32"), ("i32",)),
    "args_sizes_get": (("i32", "i32"), ("i32",)),
    "args_get": (("i32", "i32"), ("i32",)),
    "clock_time_get": (("i32", "i64", "i32"), ("i32",)),
    "clock_res_get": (("i32", "i32"), ("i32",)),
    "random_get": (("i32", "i32"), ("i32",)),
    "sched_yield": ((), ("i32",)),
    "poll_oneoff": (("i32",) * 4, ("i32",)),
    "proc_exit": (("i32",), ()),
}

ERRNO_SUCCESS, ERRNO_BADF, ERRNO_FAULT, ERRNO_NOSYS, ERRNO_SPIPE = 0, 8, 21, 52, 70


class WasiExit(Exception):
    """proc_exit: Envoy fails the VM."""

    def __init__(self, code: int) -> None:
        super().__init__(f"proc_exit({code})")
        self.code = code


class WasiFunctions:
    """No files, no arguments; environment from the host; stdout/stderr become logs."""

    def __init__(self, state: VmState) -> None:
        self.state = state

    def fd_write(self, g: Guest, fd: int, iovs: int, count: int, written_out: int) -> int:
        if fd not in (1, 2):
            return ERRNO_BADF
        data = bytearray()
        for i in range(u32(count)):
            ptr, size = struct.unpack("<II", g.read(iovs + 8 * i, 8))
            data += g.read(ptr, size)
        level = LogLevel.INFO if fd == 1 else LogLevel.ERROR
        self.state.logs.append(LogRecord(level, to_text(bytes(data)).rstrip("\n"), self.state.effective_id))
        g.write_u32(written_out, len(data))
        return ERRNO_SUCCESS

    def fd_read(self, g: Guest, *_args) -> int:
        return ERRNO_NOSYS

    def fd_seek(self, g: Guest, *_args) -> int:
        return ERRNO_SPIPE

    def fd_close(self, g: Guest, fd: int) -> int:
        return ERRNO_SUCCESS if fd in (0, 1, 2) else ERRNO_BADF

    def fd_fdstat_get(self, g: Guest, fd: int, out: int) -> int:
        if fd not in (0, 1, 2):
            return ERRNO_BADF
        # filetype character_device (2), no flags, all rights.
        g.write(out, struct.pack("<BxHxxxxQQ", 2, 0, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF))
        return ERRNO_SUCCESS

    def fd_prestat_get(self, g: Guest, fd: int, out: int) -> int:
        return ERRNO_BADF

    def fd_prestat_dir_name(self, g: Guest, *_args) -> int:
        return ERRNO_NOSYS

    def _strings(self, items: list[bytes]) -> list[bytes]:
        return [item + b"\0" for item in items]

    def _sizes(self, g: Guest, items: list[bytes], count_out: int, size_out: int) -> int:
        encoded = self._strings(items)
        g.write_u32(count_out, len(encoded))
        g.write_u32(size_out, sum(len(e) for e in encoded))
        return ERRNO_SUCCESS

    def _fill(self, g: Guest, items: list[bytes], pointers: int, buffer: int) -> int:
        offset = u32(buffer)
        for i, item in enumerate(self._strings(items)):
            g.write_u32(pointers + 4 * i, offset)
            g.write(offset, item)
            offset += len(item)
        return ERRNO_SUCCESS

    def _environ(self) -> list[bytes]:
        return [f"{k}={v}".encode() for k, v in self.state.environment.items()]

    def environ_sizes_get(self, g: Guest, count_out: int, size_out: int) -> int:
        return self._sizes(g, self._environ(), count_out, size_out)

    def environ_get(self, g: Guest, pointers: int, buffer: int) -> int:
        return self._fill(g, self._environ(), pointers, buffer)

    def args_sizes_get(self, g: Guest, count_out: int, size_out: int) -> int:
        return self._sizes(g, [], count_out, size_out)

    def args_get(self, g: Guest, pointers: int, buffer: int) -> int:
        return self._fill(g, [], pointers, buffer)

    def clock_time_get(self, g: Guest, clock_id: int, precision: int, out: int) -> int:
        g.write_u64(out, self.state.clock())
        return ERRNO_SUCCESS

    def clock_res_get(self, g: Guest, clock_id: int, out: int) -> int:
        g.write_u64(out, 1)
        return ERRNO_SUCCESS

    def random_get(self, g: Guest, ptr: int, size: int) -> int:
        g.write(ptr, os.urandom(u32(size)))
        return ERRNO_SUCCESS

    def sched_yield(self, g: Guest) -> int:
        return ERRNO_SUCCESS

    def poll_oneoff(self, g: Guest, *_args) -> int:
        return ERRNO_NOSYS

    def proc_exit(self, g: Guest, code: int) -> None:
        raise WasiExit(code)

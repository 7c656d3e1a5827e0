"""One proxy-wasm VM on wasmtime: loading, contexts, and calling the module.

`Vm` checks a module the way Envoy does at load time, binds the imports it
asks for (abi_host.py), and runs each `proxy_on_*` callback with a fuel limit,
catching traps.  After a trap the VM is dead, as in Envoy: callers see
`VmFailed` and answer 503.  What a callback *means* for a stream (when maps are
readable, what Pause does) is host.py's business; the state it reads lives in
`Context` here.
"""

from __future__ import annotations

import functools
import hashlib
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

import wasmtime

from pwc.abi import CALLBACKS, BufferType, LogLevel, MapType, MetricType, Status, StreamType

from .abi_host import (
    ABI_VERSION_EXPORTS,
    ENV_FUNCTIONS,
    ERRNO_FAULT,
    METRIC_ID_STEP,
    METRIC_TYPE_MASK,
    WASI_FUNCTIONS,
    WASI_MODULES,
    Guest,
    HostFunctions,
    abi_versions_providing,
    callback_signatures,
    env_functions,
    MemoryFault,
    WasiExit,
    WasiFunctions,
)
from .headers import HeaderMap
from .model import HttpCall, LocalReply, LogRecord, TraceEvent, TrapInfo

# Per callback.  Envoy sets no such limit, so the local runtime must not fail
# where Envoy succeeds: this is far above what any pwc filter can spend (a
# pattern's regex_max_cost_per_byte times Envoy's largest headers) and only
# stops a module stuck in a loop.  Tests pass their own lower limits.
DEFAULT_FUEL_LIMIT = 10**12
MAX_MEMORY_BYTES = 16384 * 65536  # Envoy's 1 GiB per VM (notes §4)
CALL_ID_STEP = 4  # Envoy's http call tokens: 4, 8, 12, ... (notes §5)


class LoadError(Exception):
    """The module cannot be loaded; Envoy would refuse it at startup."""


class VmFailed(Exception):
    """A callback trapped (now or earlier): the VM is dead."""

    def __init__(self, trap: TrapInfo) -> None:
        super().__init__(str(trap))
        self.trap = trap


@functools.cache
def _engine() -> wasmtime.Engine:
    config = wasmtime.Config()
    config.consume_fuel = True
    return wasmtime.Engine(config)


@functools.lru_cache(maxsize=64)
def _compile(digest: str, wasm: bytes) -> wasmtime.Module:
    return wasmtime.Module(_engine(), wasm)


@dataclass
class Context:
    """A root context (parent 0) or an HTTP stream context, and what it may see now."""

    id: int
    parent_id: int
    request_headers: HeaderMap = field(default_factory=HeaderMap)
    response_headers: HeaderMap = field(default_factory=HeaderMap)
    request_headers_readable: bool = False
    response_headers_readable: bool = False
    request_body: bytearray | None = None  # None outside the body callbacks
    response_body: bytearray | None = None
    continue_requested: set[StreamType] = field(default_factory=set)
    local_reply: LocalReply | None = None
    closed: bool = False
    properties: dict[bytes, bytes] = field(default_factory=dict)
    route_cache_cleared: int = 0  # proxy_clear_route_cache calls (ABI 0.1.0)
    fuel: int = 0

    @property
    def is_root(self) -> bool:
        return self.parent_id == 0


class Metrics:
    """Envoy's stats for the module, by name; ids carry the type in their low bits."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.types: dict[str, MetricType] = {}
        self._ids: dict[int, str] = {}
        self._next = {kind: int(kind) for kind in MetricType}

    def define(self, kind: MetricType, name: str) -> int:
        metric_id = self._next[kind]
        self._next[kind] += METRIC_ID_STEP
        self._ids[metric_id] = name
        self.types.setdefault(name, kind)
        self.values.setdefault(name, 0)
        return metric_id

    def _find(self, metric_id: int) -> tuple[str | None, MetricType | None]:
        name = self._ids.get(metric_id)
        kind_value = metric_id & METRIC_TYPE_MASK
        kind = MetricType(kind_value) if kind_value in MetricType._value2member_map_ else None
        return name, kind

    def increment(self, metric_id: int, delta: int) -> Status:
        name, kind = self._find(metric_id)
        if name is None:
            return Status.NOT_FOUND
        if kind == MetricType.COUNTER and delta > 0 or kind == MetricType.GAUGE:
            self.values[name] += delta
            return Status.OK
        return Status.BAD_ARGUMENT

    def record(self, metric_id: int, value: int) -> Status:
        name, kind = self._find(metric_id)
        if name is None:
            return Status.NOT_FOUND
        if kind == MetricType.COUNTER:
            self.values[name] += value
        else:
            self.values[name] = value
        return Status.OK

    def get(self, metric_id: int) -> tuple[Status, int]:
        name, kind = self._find(metric_id)
        if name is None:
            return Status.NOT_FOUND, 0
        if kind == MetricType.HISTOGRAM:
            return Status.BAD_ARGUMENT, 0
        return Status.OK, self.values[name]


def _signature(func_type: wasmtime.FuncType) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(str(p) for p in func_type.params), tuple(str(r) for r in func_type.results)


def _func_type(signature: tuple[tuple[str, ...], tuple[str, ...]]) -> wasmtime.FuncType:
    kinds = {"i32": wasmtime.ValType.i32(), "i64": wasmtime.ValType.i64()}
    params, results = signature
    return wasmtime.FuncType([kinds[p] for p in params], [kinds[r] for r in results])


class Vm:
    """A loaded module, its contexts and the host state its imports act on."""

    def __init__(
        self,
        wasm: bytes,
        *,
        fuel_limit: int = DEFAULT_FUEL_LIMIT,
        clusters: set[str] = frozenset(),
        clock: Callable[[], int] = time.time_ns,
        environment: dict[str, str] | None = None,
        trace: bool = False,
        property_resolver: Callable[["Vm", bytes], bytes | None] | None = None,
    ) -> None:
        self.fuel_limit = fuel_limit
        self.clusters = set(clusters)
        self.clock = clock
        self.environment = dict(environment or {})
        self.tracing = trace
        self.property_resolver = property_resolver
        self.log_level = LogLevel.TRACE
        self.logs: list[LogRecord] = []
        self.warnings: list[str] = []
        self.trace: list[TraceEvent] = []
        self.metrics = Metrics()
        self.shared_data: dict[bytes, tuple[bytes, int]] = {}
        self.tick_period_ms = 0
        self.contexts: dict[int, Context] = {}
        self.pending_calls: list[HttpCall] = []  # made, not yet answered
        self.total_fuel = 0
        self.failure: TrapInfo | None = None
        self.effective_id = 0
        self.callback_name: str | None = None
        self.plugin_config: bytes | None = None  # readable only inside on_configure
        self.vm_config = b""
        self.call_response: tuple[HeaderMap, bytes, HeaderMap] | None = None  # inside on_http_call_response
        self.abi_version = ""  # "0.1.0", "0.2.0" or "0.2.1", from the module's export
        self.fuel_account: Context | None = None  # who pays for the running callback
        self._call_id = 0
        self._load(wasm)

    # ---- loading ---------------------------------------------------------------

    def _load(self, wasm: bytes) -> None:
        try:
            module = _compile(hashlib.sha256(wasm).hexdigest(), bytes(wasm))
        except wasmtime.WasmtimeError as error:
            raise LoadError(f"not a valid wasm module: {error}") from None
        exports = {e.name: e.type for e in module.exports}
        # Envoy takes the first proxy_abi_version_* function export, in export order.
        abi = next((ABI_VERSION_EXPORTS[e.name] for e in module.exports
                    if e.name in ABI_VERSION_EXPORTS and isinstance(e.type, wasmtime.FuncType)), None)
        if abi is None:
            raise LoadError("Missing or unknown Proxy-Wasm ABI version: the module must export one of "
                            + ", ".join(f"`{name}`" for name in reversed(ABI_VERSION_EXPORTS)))
        self.abi_version = abi
        if not isinstance(exports.get("memory"), wasmtime.MemoryType):
            raise LoadError("the module must export its memory as `memory`")
        allocator = "malloc" if "malloc" in exports else "proxy_on_memory_allocate"
        if allocator not in exports:
            raise LoadError("missing malloc function: export `malloc` or `proxy_on_memory_allocate`")
        for name, signature in callback_signatures(abi, CALLBACKS).items():
            if name in exports and _signature(exports[name]) != signature:
                raise LoadError(f"Bad function signature for: {name}: expected {signature}, "
                                f"got {_signature(exports[name])} (ABI {abi})")

        linker = wasmtime.Linker(_engine())
        env, wasi = HostFunctions(self), WasiFunctions(self)
        provided = env_functions(abi)
        unknown, mismatched = [], []
        for item in module.imports:
            if item.module == "env" and item.name in provided:
                impl, wanted, fault = getattr(env, item.name), provided[item.name], Status.INVALID_MEMORY_ACCESS
            elif item.module == "env" and item.name in ENV_FUNCTIONS:
                versions = ", ".join(abi_versions_providing(item.name))
                unknown.append(f"{item.module}.{item.name} (ABI {versions} only; this module is ABI {abi})")
                continue
            elif item.module in WASI_MODULES and item.name in WASI_FUNCTIONS:
                impl, wanted, fault = getattr(wasi, item.name), WASI_FUNCTIONS[item.name], ERRNO_FAULT
            else:
                unknown.append(f"{item.module}.{item.name}")
                continue
            if not isinstance(item.type, wasmtime.FuncType) or _signature(item.type) != wanted:
                mismatched.append(f"{item.module}.{item.name}")
                continue
            linker.define_func(item.module, item.name, _func_type(wanted),
                               self._bind(item.name, impl, fault, bool(wanted[1])), access_caller=True)
        if unknown:
            raise LoadError(f"the module imports functions this host does not provide: {', '.join(unknown)}")
        if mismatched:
            raise LoadError(f"import type mismatch: {', '.join(mismatched)}")

        self.store = wasmtime.Store(_engine())
        self.store.set_limits(memory_size=MAX_MEMORY_BYTES)
        self.store.set_fuel(self.fuel_limit)
        try:
            self.instance = linker.instantiate(self.store, module)
        except (wasmtime.WasmtimeError, wasmtime.Trap) as error:
            raise LoadError(f"the module failed to instantiate: {error}") from None
        self.exports = self.instance.exports(self.store)
        self.memory = self.exports["memory"]
        self.allocator = self.exports[allocator]
        self.allocator_name = allocator

    def _bind(self, name: str, impl, fault: int, has_result: bool):
        def host_call(caller, *args):
            guest = Guest(self, caller)
            try:
                result = impl(guest, *args)
            except MemoryFault:
                result = fault
            if self.tracing:
                self.trace.append(TraceEvent("host", name, args, None if result is None else int(result),
                                             self.effective_id))
            return int(result) if has_result else None

        return host_call

    def allocate(self, store, size: int) -> int:
        """Call the module's allocator from inside a host call (its fuel counts)."""
        return self.allocator(store, size)

    # ---- contexts --------------------------------------------------------------

    def context(self, context_id: int) -> Context:
        return self.contexts[context_id]

    def effective_context(self) -> Context:
        return self.contexts[self.effective_id]

    def new_context(self, context_id: int, parent_id: int) -> Context:
        context = Context(context_id, parent_id)
        self.contexts[context_id] = context
        return context

    def next_call_id(self) -> int:
        self._call_id += CALL_ID_STEP
        return self._call_id

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    # ---- what the imports see --------------------------------------------------

    def header_map(self, kind: MapType) -> HeaderMap | None:
        context = self.effective_context()
        if kind == MapType.REQUEST_HEADERS and context.request_headers_readable:
            return context.request_headers
        if kind == MapType.RESPONSE_HEADERS and context.response_headers_readable:
            return context.response_headers
        if self.call_response is not None:
            if kind == MapType.HTTP_CALL_RESPONSE_HEADERS:
                return self.call_response[0]
            if kind == MapType.HTTP_CALL_RESPONSE_TRAILERS:
                return self.call_response[2]
        return None

    def buffer(self, kind: BufferType) -> bytes | bytearray | None:
        """A readable buffer, or None (NotFound)."""
        context = self.effective_context()
        if kind == BufferType.REQUEST_BODY:
            return context.request_body or b""
        if kind == BufferType.RESPONSE_BODY:
            return context.response_body or b""
        if kind == BufferType.HTTP_CALL_RESPONSE_BODY and self.call_response is not None:
            return self.call_response[1]
        if kind == BufferType.PLUGIN_CONFIGURATION and self.plugin_config is not None:
            return self.plugin_config
        if kind == BufferType.VM_CONFIGURATION:
            return self.vm_config
        return None

    def configuration(self) -> bytes:
        """What proxy_get_configuration (ABI 0.1.0) returns now: the plugin configuration
        inside on_configure, the VM configuration elsewhere (Envoy's Context::getConfiguration)."""
        return self.plugin_config if self.plugin_config is not None else self.vm_config

    def mutable_buffer(self, kind: BufferType) -> bytearray | None:
        context = self.effective_context()
        if kind == BufferType.REQUEST_BODY:
            return context.request_body
        if kind == BufferType.RESPONSE_BODY:
            return context.response_body
        return None

    def get_property(self, path: bytes) -> bytes | None:
        context = self.effective_context()
        if path in context.properties:
            return context.properties[path]
        if self.property_resolver is None:
            return None
        return self.property_resolver(self, path)

    # ---- calling the module ----------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self.exports

    def call(self, name: str, *args: int, context_id: int, account: Context | None = None):
        """Run one callback with the fuel limit; a missing optional export returns None.

        Raises VmFailed if the VM is dead or dies now.
        """
        if self.failure is not None:
            raise VmFailed(self.failure)
        func = self.exports[name] if name in self.exports else None
        if func is None:
            return None
        self.effective_id = context_id
        self.callback_name = name
        self.fuel_account = account
        self.store.set_fuel(self.fuel_limit)
        if self.tracing:
            self.trace.append(TraceEvent("callback", name, args, None, context_id))
        try:
            result = func(self.store, *args)
        except wasmtime.Trap as trap:
            self.failure = self._trap_info(name, trap, context_id)
        except WasiExit as exit_:
            self.failure = TrapInfo(name, "exit", str(exit_), [], context_id)
        except Exception as error:  # a bug in this host: report it, never let it escape
            self.failure = TrapInfo(name, "host_error", f"{type(error).__name__}: {error}",
                                    traceback.format_exc().splitlines()[-6:], context_id)
        finally:
            used = self.fuel_limit - self.store.get_fuel()
            if account is not None:
                account.fuel += used
            self.total_fuel += used
            self.callback_name = None
            self.fuel_account = None
            self.effective_id = context_id
        if self.failure is not None:
            self.logs.append(LogRecord(LogLevel.CRITICAL, f"Function: {name} failed: {self.failure.message}",
                                       context_id))
            raise VmFailed(self.failure)
        if self.tracing and result is not None:
            self.trace.append(TraceEvent("return", name, (), result, context_id))
        return result

    def _trap_info(self, name: str, trap: wasmtime.Trap, context_id: int) -> TrapInfo:
        frames = []
        for frame in trap.frames:
            label = frame.func_name or f"func[{frame.func_index}]"
            frames.append(f"{label} (offset {frame.module_offset:#x})")
        kind = "out_of_fuel" if trap.trap_code == wasmtime.TrapCode.OUT_OF_FUEL else "trap"
        lines = [line.strip() for line in (trap.message or "").splitlines() if line.strip()]
        message = lines[-1] if lines else "trap"  # the cause; wasmtime puts the backtrace first
        if kind == "out_of_fuel":
            message = f"all fuel used ({self.fuel_limit} per callback)"
        return TrapInfo(name, kind, message, frames, context_id)

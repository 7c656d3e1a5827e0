"""One proxy-wasm VM on wasmtime: loading, and calling the module.

`Vm` checks a module the way Envoy does at load time, binds the imports it
asks for (abi_host.py, acting on the VM's `VmState`), and runs each
`proxy_on_*` callback with a fuel limit, catching traps.  After a trap the VM
is dead, as in Envoy: callers see `VmFailed` and answer 503.  What a callback
*means* for a stream (when maps are readable, what Pause does) is host.py's
business; the state the imports read and change is `vm.state` (state.py).
"""

from __future__ import annotations

import functools
import hashlib
import time
import traceback
from collections.abc import Callable, Set
from typing import Literal

import wasmtime

from pwc.abi import CALLBACKS, LogLevel, Status

from .abi_host import (
    ABI_VERSION_EXPORTS,
    ENV_FUNCTIONS,
    ERRNO_FAULT,
    WASI_FUNCTIONS,
    WASI_MODULES,
    Guest,
    HostFunctions,
    MemoryFault,
    Signature,
    WasiExit,
    WasiFunctions,
    abi_versions_providing,
    callback_signatures,
    env_functions,
)
from .model import LogRecord, TraceEvent, TrapInfo
from .state import Context, PropertyResolver, VmState

# Per callback.  Envoy sets no such limit, so the local runtime must not fail
# where Envoy succeeds: this is far above what any pwc filter can spend (a
# pattern's regex_max_cost_per_byte times Envoy's largest headers) and only
# stops a module stuck in a loop.  Tests pass their own lower limits.
DEFAULT_FUEL_LIMIT = 10**12
MAX_MEMORY_BYTES = 16384 * 65536  # Envoy's 1 GiB per VM (notes §4)


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


# A pwc module exports a body callback only for a body phase, which pauses its
# side's headers until the body is in: Envoy must run it with the plugin option
# allow_on_headers_stop_iteration (envoy_config.wasm_filter's hold_headers),
# and the local host then lets the body through to a paused filter as Envoy does.
BODY_CALLBACKS = ("proxy_on_request_body", "proxy_on_response_body")


def holds_headers(wasm: bytes) -> bool:
    """Whether the module reads bodies with its headers held (see BODY_CALLBACKS)."""
    try:
        module = _compile(hashlib.sha256(wasm).hexdigest(), bytes(wasm))
    except wasmtime.WasmtimeError:
        return False
    return any(export.name in BODY_CALLBACKS for export in module.exports)


def _signature(func_type: wasmtime.FuncType) -> Signature:
    return tuple(str(p) for p in func_type.params), tuple(str(r) for r in func_type.results)


def _func_type(signature: Signature) -> wasmtime.FuncType:
    kinds = {"i32": wasmtime.ValType.i32(), "i64": wasmtime.ValType.i64()}
    params, results = signature
    return wasmtime.FuncType([kinds[p] for p in params], [kinds[r] for r in results])


def _check_exports(module: wasmtime.Module) -> tuple[str, str]:
    """The module's ABI version and allocator export, checked as Envoy checks them at load."""
    exports = {e.name: e.type for e in module.exports}
    # Envoy takes the first proxy_abi_version_* function export, in export order.
    abi = next((ABI_VERSION_EXPORTS[e.name] for e in module.exports
                if e.name in ABI_VERSION_EXPORTS and isinstance(e.type, wasmtime.FuncType)), None)
    if abi is None:
        raise LoadError("Missing or unknown Proxy-Wasm ABI version: the module must export one of "
                        + ", ".join(f"`{name}`" for name in reversed(ABI_VERSION_EXPORTS)))
    if not isinstance(exports.get("memory"), wasmtime.MemoryType):
        raise LoadError("the module must export its memory as `memory`")
    allocator = "malloc" if "malloc" in exports else "proxy_on_memory_allocate"
    if allocator not in exports:
        raise LoadError("missing malloc function: export `malloc` or `proxy_on_memory_allocate`")
    for name, signature in callback_signatures(abi, CALLBACKS).items():
        export = exports.get(name)
        if export is not None and (not isinstance(export, wasmtime.FuncType) or _signature(export) != signature):
            got = _signature(export) if isinstance(export, wasmtime.FuncType) else "not a function"
            raise LoadError(f"Bad function signature for: {name}: expected {signature}, got {got} (ABI {abi})")
    return abi, allocator


class Vm:
    """A loaded module and the calls into it; `state` is what its imports act on."""

    def __init__(
        self,
        wasm: bytes,
        *,
        fuel_limit: int = DEFAULT_FUEL_LIMIT,
        clusters: Set[str] = frozenset(),
        clock: Callable[[], int] = time.time_ns,
        environment: dict[str, str] | None = None,
        trace: bool = False,
        property_resolver: PropertyResolver | None = None,
    ) -> None:
        self.fuel_limit = fuel_limit
        self.state = VmState(clusters=set(clusters), clock=clock, environment=dict(environment or {}),
                             tracing=trace, property_resolver=property_resolver)
        self.total_fuel = 0
        self.failure: TrapInfo | None = None
        self.callback_name: str | None = None
        self.abi_version = ""  # "0.1.0", "0.2.0" or "0.2.1", from the module's export
        self.fuel_account: Context | None = None  # who pays for the running callback
        self._load(wasm)

    # ---- loading ---------------------------------------------------------------

    def _load(self, wasm: bytes) -> None:
        try:
            module = _compile(hashlib.sha256(wasm).hexdigest(), bytes(wasm))
        except wasmtime.WasmtimeError as error:
            raise LoadError(f"not a valid wasm module: {error}") from None
        self.abi_version, allocator = _check_exports(module)
        linker = self._link(module)
        self.store = wasmtime.Store(_engine())
        self.store.set_limits(memory_size=MAX_MEMORY_BYTES)
        self.store.set_fuel(self.fuel_limit)
        try:
            self.instance = linker.instantiate(self.store, module)
        except (wasmtime.WasmtimeError, wasmtime.Trap) as error:
            raise LoadError(f"the module failed to instantiate: {error}") from None
        self.exports = self.instance.exports(self.store)
        memory, allocate = self.exports["memory"], self.exports[allocator]
        if not isinstance(memory, wasmtime.Memory):
            raise LoadError("the module must export its memory as `memory` (not a shared memory)")
        if not isinstance(allocate, wasmtime.Func):
            raise LoadError(f"missing malloc function: `{allocator}` is not a function")
        self.memory: wasmtime.Memory = memory
        self.allocator: wasmtime.Func = allocate
        self.allocator_name = allocator

    def _link(self, module: wasmtime.Module) -> wasmtime.Linker:
        """A linker with every import the module asks for, bound to this VM's state."""
        abi = self.abi_version
        linker = wasmtime.Linker(_engine())
        env, wasi = HostFunctions(self.state), WasiFunctions(self.state)
        provided = env_functions(abi)
        unknown, mismatched = [], []
        fault: int
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
        return linker

    def _bind(self, name: str, impl: Callable[..., int | None], fault: int,
              has_result: bool) -> Callable[..., int | None]:
        state = self.state

        def host_call(caller: wasmtime.Caller, *args: int) -> int | None:
            guest = Guest(self, caller)
            try:
                result = impl(guest, *args)
            except MemoryFault:
                result = fault
            if state.tracing:
                state.trace.append(TraceEvent("host", name, args, None if result is None else int(result),
                                              state.effective_id))
            return int(result) if has_result and result is not None else None

        return host_call

    def allocate(self, store: wasmtime.Caller, size: int) -> int:
        """Call the module's allocator from inside a host call (its fuel counts)."""
        address = self.allocator(store, size)
        return address if isinstance(address, int) else 0

    # ---- calling the module ----------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self.exports

    def call(self, name: str, *args: int, context_id: int, account: Context | None = None) -> int | None:
        """Run one callback with the fuel limit; a missing optional export returns None.

        Raises VmFailed if the VM is dead or dies now.
        """
        if self.failure is not None:
            raise VmFailed(self.failure)
        func = self.exports[name] if name in self.exports else None
        if not isinstance(func, wasmtime.Func):
            return None
        state = self.state
        state.effective_id = context_id
        self.callback_name = name
        self.fuel_account = account
        self.store.set_fuel(self.fuel_limit)
        if state.tracing:
            state.trace.append(TraceEvent("callback", name, args, None, context_id))
        result = None
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
            state.effective_id = context_id
        if self.failure is not None:
            state.logs.append(LogRecord(LogLevel.CRITICAL, f"Function: {name} failed: {self.failure.message}",
                                        context_id))
            raise VmFailed(self.failure)
        if state.tracing and result is not None:
            state.trace.append(TraceEvent("return", name, (), result, context_id))
        return result if isinstance(result, int) else None

    def _trap_info(self, name: str, trap: wasmtime.Trap, context_id: int) -> TrapInfo:
        frames = []
        for frame in trap.frames:
            label = frame.func_name or f"func[{frame.func_index}]"
            frames.append(f"{label} (offset {frame.module_offset:#x})")
        out_of_fuel = trap.trap_code == wasmtime.TrapCode.OUT_OF_FUEL
        kind: Literal["out_of_fuel", "trap"] = "out_of_fuel" if out_of_fuel else "trap"
        lines = [line.strip() for line in (trap.message or "").splitlines() if line.strip()]
        message = lines[-1] if lines else "trap"  # the cause; wasmtime puts the backtrace first
        if kind == "out_of_fuel":
            message = f"all fuel used ({self.fuel_limit} per callback)"
        return TrapInfo(name, kind, message, frames, context_id)

"""`pwc inspect` and `pwc verify`: read any proxy-wasm module and check it
against the ABI as Envoy loads it (PROXY-WASM-NOTES.md §1-2, §4), and, for
pwc's modules, against their metadata and their source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import wasmtime

from .. import __version__
from .. import abi
from . import metadata, syntax

MAX_PAGES = 16384  # Envoy's limit: 1 GiB per VM
# WASI functions Envoy provides to modules (SDK-built modules import some).
WASI_MODULE = "wasi_snapshot_preview1"
WASI_FUNCTIONS = {"fd_write", "fd_read", "fd_close", "fd_seek", "fd_fdstat_get", "fd_prestat_get",
                  "fd_prestat_dir_name", "proc_exit", "clock_time_get", "random_get", "environ_get",
                  "environ_sizes_get", "args_get", "args_sizes_get", "sched_yield", "poll_oneoff", "path_open"}
# Exports the runtime of some toolchains adds; Envoy ignores or calls them.
TOOLCHAIN_EXPORTS = {"_start", "_initialize", "main", "proxy_on_memory_allocate", "__heap_base", "__data_end"}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _valtypes(types) -> tuple[str, ...]:
    return tuple(str(t) for t in types)


def describe(wasm: bytes) -> dict:
    """What `pwc inspect` prints: size, digest, imports, exports, memory, metadata."""
    module = wasmtime.Module(wasmtime.Engine(), wasm)
    memories = [e.type for e in module.exports if isinstance(e.type, wasmtime.MemoryType)]
    limits = memories[0].limits if memories else None
    return {
        "size_bytes": len(wasm),
        "sha256": hashlib.sha256(wasm).hexdigest(),
        "imports": [f"{i.module}.{i.name}" for i in module.imports],
        "exports": [e.name for e in module.exports],
        "memory_pages": {"initial": limits.min, "maximum": limits.max} if limits else None,
        "pwc": metadata.read_metadata(wasm),
    }


def verify(wasm: bytes, source_text: str | None = None, source_name: str | None = None) -> Report:
    report = Report()
    try:
        metadata.read_sections(wasm)
        module = wasmtime.Module(wasmtime.Engine(), wasm)
    except (ValueError, wasmtime.WasmtimeError) as error:
        report.problems.append(f"not a valid WebAssembly module: {str(error).splitlines()[0]}")
        return report
    _check_imports(module, report)
    _check_exports(module, report)
    meta = metadata.read_metadata(wasm)
    if meta is None:
        report.notes.append("no pwc metadata: not built by pwc (the ABI checks above still apply)")
    else:
        _check_capabilities(module, meta, report)
    if source_text is not None:
        _check_source(wasm, meta, source_text, source_name or "filter.pwf", report)
    return report


def _check_imports(module: wasmtime.Module, report: Report) -> None:
    for item in module.imports:
        name = f"{item.module}.{item.name}"
        if not isinstance(item.type, wasmtime.FuncType):
            report.problems.append(f"imports {name}, which is not a function: Envoy provides only functions")
        elif item.module == "env" and item.name in abi.HOST_FUNCTIONS:
            params, results = abi.HOST_FUNCTIONS[item.name]
            if (_valtypes(item.type.params), _valtypes(item.type.results)) != (params, results):
                report.problems.append(f"imports {name} with the wrong type: Envoy refuses to load it")
        elif item.module == WASI_MODULE and item.name in WASI_FUNCTIONS:
            report.notes.append(f"imports {name} (WASI, provided by Envoy)")
        else:
            report.problems.append(f"imports {name}, which is outside the proxy-wasm ABI")


def _check_exports(module: wasmtime.Module, report: Report) -> None:
    exports = {e.name: e.type for e in module.exports}
    if abi.ABI_VERSION_EXPORT not in exports:
        report.problems.append(f"does not export {abi.ABI_VERSION_EXPORT}: Envoy refuses the module")
    if "malloc" not in exports and "proxy_on_memory_allocate" not in exports:
        report.problems.append("exports neither malloc nor proxy_on_memory_allocate: Envoy refuses the module")
    memory = exports.get("memory")
    if not isinstance(memory, wasmtime.MemoryType):
        report.problems.append("does not export its memory")
    else:
        limits = memory.limits
        if limits.min > MAX_PAGES:
            report.problems.append(f"starts with {limits.min} memory pages, over Envoy's {MAX_PAGES}")
        if limits.max is None:
            report.problems.append("declares no maximum memory: it may grow until Envoy's 1 GiB limit")
        elif limits.max > MAX_PAGES:
            report.problems.append(f"declares up to {limits.max} memory pages, over Envoy's {MAX_PAGES}")
    for name, kind in exports.items():
        if name in abi.CALLBACKS:
            params, results = abi.CALLBACKS[name]
            if not isinstance(kind, wasmtime.FuncType) or (_valtypes(kind.params), _valtypes(kind.results)) != (
                    params, results):
                report.problems.append(f"exports {name} with the wrong signature: Envoy refuses the module")
        elif name.startswith("proxy_on_"):
            report.problems.append(f"exports {name}, which is not a proxy-wasm 0.2.1 callback")
        elif name not in ("memory", "malloc", abi.ABI_VERSION_EXPORT) and name not in TOOLCHAIN_EXPORTS:
            report.notes.append(f"exports {name}, which Envoy does not call")


def _check_capabilities(module: wasmtime.Module, meta: dict, report: Report) -> None:
    capabilities = meta.get("capabilities", {})
    imported = {item.name for item in module.imports}
    if "proxy_http_call" in imported and not (capabilities.get("clusters_called")
                                              or capabilities.get("cluster_config_keys")):
        report.problems.append("imports proxy_http_call, but its metadata says it calls no cluster")
    if "proxy_get_property" in imported and not capabilities.get("properties_read"):
        report.notes.append("imports proxy_get_property without listing properties (configuration reads only)")


def _check_source(wasm: bytes, meta: dict | None, text: str, name: str, report: Report) -> None:
    from .driver import compile_source

    result = compile_source(text, name)
    if not result.ok:
        report.problems.append(f"the source does not compile:\n{result.render()}")
        return
    if result.wasm == wasm:
        report.notes.append(f"exactly the module pwc {__version__} makes from {Path(name).name}")
        return
    assert result.wasm is not None, "a source that compiles has a module"
    expected = metadata.read_metadata(result.wasm)
    assert expected is not None, "pwc's modules carry their metadata"
    if meta is None:
        report.problems.append(f"was not built by pwc; pwc makes a different module from {Path(name).name}")
    elif meta.get("syntax_sha256") != expected["syntax_sha256"]:
        report.problems.append(f"was built from a different filter: its syntax tree hash is "
                               f"{meta.get('syntax_sha256', '?')[:16]}..., {Path(name).name} gives "
                               f"{expected['syntax_sha256'][:16]}...")
    elif meta.get("pwc") != __version__:
        report.problems.append(f"was built by pwc {meta.get('pwc')} from this filter; pwc {__version__} makes a "
                               f"different module (recompile to update it)")
    elif _built_with_other_lines(wasm, meta, result, name):
        report.notes.append(f"the module pwc {__version__} makes from {Path(name).name} with the lines the source had "
                            f"when it was built: the program is the same, its lines have moved since (`pwc fmt`?), "
                            f"so run-time errors name the old lines until you recompile")
    else:
        report.problems.append(f"differs from what pwc makes of {Path(name).name} although the filter and the pwc "
                               f"version match: the file was altered after it was built")


def _built_with_other_lines(wasm: bytes, meta: dict, result, name: str) -> bool:
    """Whether `wasm` is exactly what pwc makes of this program with the source
    lines its metadata records (the same tree, reformatted since)."""
    from .driver import compile_module

    lines = metadata.decode_lines(meta.get("lines", "")) if isinstance(meta.get("lines"), str) else None
    relabeled = syntax.with_lines(result.module, lines) if lines is not None and result.module is not None else None
    return relabeled is not None and compile_module(relabeled, name).wasm == wasm

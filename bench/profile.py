"""Wasm instructions per request in pwc's local runtime, and where they go.

Instructions are wasmtime fuel: one unit per executed wasm operator (block
structure such as `block`/`end`/`nop` costs nothing). The profiler rewrites a
module's WAT so that every function is wrapped by a stub that calls two extra
host imports (`env.pwc_bench_enter`/`env.pwc_bench_leave`) around the real body; the host
reads the remaining fuel at each, which gives every function's inclusive and
self instruction counts. Host calls (the proxy-wasm imports) are recorded the
same way, so the time spent in the module's allocator on the host's behalf
shows up too. The stubs' own instructions are subtracted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------
# Local runtime instruction counts


def instructions_per_request(wasm: bytes, *, config: str, root_id: str, path: str,
                             headers: list[tuple[str, str]]) -> tuple[int | None, str]:
    """(fuel of one steady-state request, note). The second request is measured:
    the first may pay one-off set-up (lazy initialisation)."""
    from pwc.runtime.host import Host

    try:
        host = Host(wasm, plugin_config=config, root_id=root_id)
        host.request("GET", path, headers=headers)
        result = host.request("GET", path, headers=headers)
    except Exception as error:  # report, don't crash the benchmark
        return None, f"the local runtime could not run it: {type(error).__name__}: {error}"
    if result.trap is not None or result.response is None or result.response.status != 200:
        return None, f"the local runtime ran it but the request failed: {result.trap or result.response}"
    return result.fuel, ""


def host_call_trace(wasm: bytes, *, config: str, root_id: str, path: str, headers) -> list[str]:
    """The proxy-wasm calls one steady-state request makes, in order."""
    from pwc.runtime.host import Host

    host = Host(wasm, plugin_config=config, root_id=root_id, trace=True)
    host.request("GET", path, headers=headers)
    result = host.request("GET", path, headers=headers)
    return [str(event) for event in result.trace]


# ---------------------------------------------------------------------------
# WAT instrumentation


def _skip_string(text: str, i: int) -> int:
    i += 1
    while text[i] != '"':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _form_end(text: str, start: int) -> int:
    """Index just past the s-expression opening at text[start] == '('."""
    depth, i = 0, start
    while True:
        c = text[i]
        if c == '"':
            i = _skip_string(text, i)
            continue
        if c == ";" and text.startswith(";;", i):
            i = text.index("\n", i)
            continue
        if c == "(" and text.startswith("(;", i):
            i = text.index(";)", i) + 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def _children(form: str) -> list[tuple[int, int]]:
    """Spans of the direct children of `form` (atoms and lists), comments skipped."""
    spans, i = [], 1
    while i < len(form) - 1:
        c = form[i]
        if c.isspace():
            i += 1
        elif form.startswith(";;", i):
            i = form.index("\n", i)
        elif form.startswith("(;", i):
            i = form.index(";)", i) + 2
        elif c == "(":
            end = _form_end(form, i)
            spans.append((i, end))
            i = end
        elif c == '"':
            end = _skip_string(form, i)
            spans.append((i, end))
            i = end
        else:
            end = i
            while end < len(form) - 1 and not form[end].isspace() and form[end] not in "()":
                end += 1
            spans.append((i, end))
            i = end
    return spans


def _top_forms(wat: str) -> list[tuple[int, int]]:
    start = wat.index("(module")
    module = wat[start:_form_end(wat, start)]
    return [(start + a, start + b) for a, b in _children(module) if module[a] == "("]


_PARAM_TYPES = re.compile(r"\b(i32|i64|f32|f64)\b")


@dataclass
class Instrumented:
    wat: str
    names: list[str]  # function id -> name
    params: list[int]  # function id -> number of params


def instrument(wat: str) -> Instrumented:
    """Wrap every defined function: `$f` becomes a stub calling enter/real body/leave."""
    pieces, last, names, params = [], 0, [], []
    imports = ('(import "env" "pwc_bench_enter" (func $__bench_enter (param i32)))\n'
               '(import "env" "pwc_bench_leave" (func $__bench_leave (param i32)))\n')
    forms = _top_forms(wat)
    first_non_import = next((a for a, b in forms if not wat.startswith("(import", a)), None)
    for start, end in forms:
        form = wat[start:end]
        if start == first_non_import:
            pieces.append(wat[last:start])
            pieces.append(imports)
            last = start
        if not form.startswith("(func"):
            continue
        spans = _children(form)
        index = 1  # after "func"
        name = None
        exports, signature = [], []
        if index < len(spans) and form[spans[index][0]] == "$":
            name = form[spans[index][0]:spans[index][1]]
            index += 1
        while index < len(spans):
            child = form[spans[index][0]:spans[index][1]]
            if child.startswith("(export"):
                exports.append(child)
            elif child.startswith("(param") or child.startswith("(result"):
                signature.append(child)
            elif child.startswith("(type"):
                signature.append(child)
            else:
                break
            index += 1
        body = form[spans[index][0]:spans[-1][1]] if index < len(spans) else ""
        func_id = len(names)
        label = name or (exports[0].split('"')[1] if exports else f"func{func_id}")
        names.append(label.lstrip("$"))
        inner = f"$__bench_inner_{func_id}"
        # Parameters: count value types in (param ...) forms; named params are one each.
        count = 0
        for part in signature:
            if part.startswith("(param"):
                inner_text = part[len("(param"):-1].strip()
                count += 1 if inner_text.startswith("$") else len(_PARAM_TYPES.findall(inner_text))
        params.append(count)
        sig = " ".join(s for s in signature if not s.startswith("(type"))
        # Rename named params in the stub so it can pass them on by index.
        stub_sig = re.sub(r"\(param \$[^\s)]+ ", "(param ", sig)
        call_args = " ".join(f"(local.get {i})" for i in range(count))
        stub = (f"(func {name or ''} {' '.join(exports)} {stub_sig}\n"
                f"  (call $__bench_enter (i32.const {func_id}))\n"
                f"  (call {inner} {call_args})\n"
                f"  (call $__bench_leave (i32.const {func_id})))\n")
        real = f"(func {inner} {sig}\n{body})"
        pieces.append(wat[last:start])
        pieces.append(stub + real)
        last = end
    pieces.append(wat[last:])
    return Instrumented("".join(pieces), names, params)


# ---------------------------------------------------------------------------
# Running the instrumented module


@dataclass
class FunctionCost:
    calls: int = 0
    inclusive: int = 0
    self: int = 0


@dataclass
class Profile:
    functions: dict[str, FunctionCost] = field(default_factory=dict)
    host_calls: dict[str, int] = field(default_factory=dict)  # import name -> calls per request
    host_inside: dict[str, int] = field(default_factory=dict)  # wasm instructions run inside host calls
    total: int = 0  # instructions of the request, stubs subtracted
    uninstrumented: int = 0


def _patch_host(recorder) -> None:
    """Teach the local runtime two extra `env` imports for the stubs (in this process only)."""
    from pwc.runtime import abi_host, vm as vm_module

    _RECORDER[0] = recorder
    if "pwc_bench_enter" in vm_module.ENV_FUNCTIONS:
        return

    def enter(host_functions, guest, func_id):
        _RECORDER[0].event("enter", func_id, guest.instance.store.get_fuel())

    def leave(host_functions, guest, func_id):
        _RECORDER[0].event("leave", func_id, guest.instance.store.get_fuel())

    abi_host.HostFunctions.pwc_bench_enter = enter
    abi_host.HostFunctions.pwc_bench_leave = leave
    vm_module.ENV_FUNCTIONS["pwc_bench_enter"] = (("i32",), ())
    vm_module.ENV_FUNCTIONS["pwc_bench_leave"] = (("i32",), ())


_RECORDER: list = [None]


class _Recorder:
    def __init__(self, names: list[str], params: list[int]):
        self.names = names
        self.params = params
        self.active = False
        self.stack: list[list[int]] = []  # [func_id, fuel at enter, children inclusive, child stubs]
        self.costs: dict[str, FunctionCost] = defaultdict(FunctionCost)

    def event(self, kind: str, func_id: int, fuel: int) -> None:
        if not self.active:
            return
        if kind == "enter":
            self.stack.append([func_id, fuel, 0, 0])
            return
        entry = self.stack.pop()
        # Between the enter and leave readings the stub ran: n local.get, call, i32.const, call.
        inclusive = entry[1] - fuel - (self.params[func_id] + 3) - entry[3]
        cost = self.costs[self.names[func_id]]
        cost.calls += 1
        cost.inclusive += inclusive
        cost.self += inclusive - entry[2]
        if self.stack:
            parent = self.stack[-1]
            parent[2] += inclusive
            # the child's stub: i32.const+call before enter, plus the n+3 after
            parent[3] += self.params[func_id] + 5


def profile(wat: str, *, config: str, root_id: str, path: str, headers) -> Profile:
    """Per-function instruction counts of one steady-state request."""
    from pwc.compiler.assemble import assemble
    from pwc.runtime.host import Host

    plain = Host(assemble(wat), plugin_config=config, root_id=root_id)
    plain.request("GET", path, headers=headers)
    uninstrumented = plain.request("GET", path, headers=headers).fuel

    wrapped = instrument(wat)
    recorder = _Recorder(wrapped.names, wrapped.params)
    _patch_host(recorder)
    host = Host(assemble(wrapped.wat), plugin_config=config, root_id=root_id, trace=True)
    host.request("GET", path, headers=headers)
    recorder.active = True
    result = host.request("GET", path, headers=headers)
    recorder.active = False
    out = Profile(functions=dict(recorder.costs), uninstrumented=uninstrumented)
    exported = {"proxy_on_context_create", "proxy_on_request_headers", "proxy_on_response_headers",
                "proxy_on_done", "proxy_on_log", "proxy_on_delete", "malloc", "proxy_on_memory_allocate"}
    out.total = sum(cost.inclusive for name, cost in out.functions.items() if name in exported)
    for event in result.trace:
        if event.direction == "host":
            out.host_calls[event.name] = out.host_calls.get(event.name, 0) + 1
    return out


CATEGORIES = [
    ("regex search (re*_search: the Pike VM, run once per pass)", re.compile(r"^re\d+_.*search")),
    ("rewrite driver (re*_replace: two passes, workspace clear, output copies)", re.compile(r"^re\d+_")),
    ("control-byte stripping of header names/values (str_strip_ctl, ctl_first, is_ctl)",
     re.compile(r"(strip_ctl|ctl_first|ctl_count|is_ctl|copy_strip)")),
    ("header cache clear (hdr_invalidate*: memory.fill, 1 fuel per byte)", re.compile(r"^hdr_invalidate")),
    ("header pairs fetch, validation and lookup (proxy_get_header_map_pairs)",
     re.compile(r"(pairs_|map_to_pairs|hdr_fetch|hdr_get|hdr_pairs|hdr_cache_entry|mem_eq_ci|ascii_lower|is_set_cookie)")),
    ("allocator (incl. calls the host makes for its results)", re.compile(r"^(alloc|malloc|proxy_on_memory_allocate)$")),
]


def categorise(prof: Profile) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for name, cost in prof.functions.items():
        for label, pattern in CATEGORIES:
            if pattern.search(name):
                totals[label] += cost.self
                break
        else:
            totals["filter logic and callbacks"] += cost.self
    return dict(totals)

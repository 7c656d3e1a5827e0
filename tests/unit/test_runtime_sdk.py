"""The local runtime is a general proxy-wasm host: it runs modules built with an SDK
(the AssemblyScript ones bench/ builds) and every ABI version Envoy 1.40 accepts.

The SDK modules come from bench/variants.py's own builder (npm install into
bench/work/sdk, cached, then asc).  Without node/npm, or when npm cannot reach
its registry, those tests are skipped with the builder's reason; the ABI 0.1.0
tests below them use hand-written WAT and always run.

`@solo-io/proxy-runtime` 0.1.8 exports `proxy_abi_version_0_2_0`: 0.2.0
links proxy_continue_stream/proxy_close_stream but not proxy_get_log_level, and
its header callbacks take end_of_stream like 0.2.1.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from pathlib import Path

import pytest

from pwc.abi import Action, LogLevel, StreamType
from pwc.cli import compiler_toolchain
from pwc.compiler.assemble import assemble
from pwc.runtime.host import ConfigurationRejected, Host, LoadError
from pwc.runtime.testrunner import Toolchain, run

# .wat and .wasm filters only, as the runner ran them before the command line passed it the compiler.
WAT_ONLY = Toolchain(assemble=compiler_toolchain().assemble)

ROOT = Path(__file__).resolve().parents[2]


def values(headers: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in headers if k.lower() == name]


def _bench_variants():
    spec = importlib.util.spec_from_file_location("pwc_bench_variants", ROOT / "bench" / "variants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


variants = _bench_variants()


@pytest.fixture(scope="module")
def sdk_modules() -> dict[str, bytes]:
    """{"banana": wasm, "headers": wasm}, built exactly as the benchmark builds them."""
    builds = variants.Builds()
    messages: list[str] = []
    try:
        variants.build_sdk(builds, timing=False, log=messages.append)
    except SystemExit as failed:  # asc itself failed: a real error, not a missing tool
        pytest.fail(f"the AssemblyScript SDK build failed: {failed}")
    if builds.sdk_skipped:
        pytest.skip(f"SDK modules not built: {builds.sdk_skipped}")
    return {name: builds.modules[f"{name}/sdk"] for name in ("banana", "headers")}


def sdk_host(wasm: bytes, name: str, **kwargs) -> Host:
    return Host(wasm, plugin_config=variants.SDK_CONFIG, root_id=name, **kwargs)


@pytest.fixture(scope="module")
def pwc_modules() -> dict[str, bytes]:
    from pwc.compiler.driver import compile_source

    modules = {}
    for name, source in variants.PWC_SOURCES.items():
        result = compile_source(source.read_text(encoding="utf-8"), source.name)
        assert result.ok and result.wasm is not None, result.render()
        modules[name] = result.wasm
    return modules


# ---- the SDK modules ------------------------------------------------------------------


def test_sdk_modules_declare_abi_0_2_0(sdk_modules):
    for name, wasm in sdk_modules.items():
        assert sdk_host(wasm, name).abi_version == "0.2.0", name


def test_sdk_banana_rewrites_the_path(sdk_modules):
    host = sdk_host(sdk_modules["banana"], "banana")
    result = host.request(path="/banana/42")
    assert result.trap is None and not result.hung
    assert result.upstream_request.path == "/status/42"
    assert result.response.status == 200
    for path, wanted in variants.BANANA_CASES:
        assert host.request(path=path).upstream_request.path == wanted, path


def test_sdk_headers_sets_and_removes(sdk_modules):
    host = sdk_host(sdk_modules["headers"], "headers")
    result = host.request(path=variants.TIMED_PATH, headers=[*variants.TIMED_HEADERS, ("x-bench-set", "old")])
    assert result.trap is None
    upstream = result.upstream_request
    assert upstream.path == variants.TIMED_PATH
    assert values(upstream.headers, "x-bench-set") == ["on"]
    assert values(upstream.headers, "x-bench-remove") == []
    assert values(result.response.headers, "x-bench-response") == ["on"]


def test_sdk_stream_steps(sdk_modules):
    host = sdk_host(sdk_modules["headers"], "headers")
    stream = host.create_stream()
    assert stream.send_request_headers([(":path", "/"), (":method", "GET"), ("x-bench-remove", "1")],
                                       end_of_stream=True) == Action.CONTINUE
    assert stream.request_headers.text("x-bench-set") == "on"
    assert "x-bench-remove" not in stream.request_headers
    assert stream.send_response_headers([(":status", "200")]) == Action.CONTINUE
    assert stream.response_headers.text("x-bench-response") == "on"
    stream.complete()
    assert "context id: 2: onDelete()" in host.log_lines()


def test_sdk_module_refuses_an_empty_configuration(sdk_modules):
    # As in Envoy: the SDK's on_configure calls abort -> proc_exit when the configuration is empty.
    with pytest.raises(ConfigurationRejected, match=r"proc_exit"):
        Host(sdk_modules["banana"], root_id="banana")


def test_sdk_and_pwc_agree_and_cost(sdk_modules, pwc_modules, capsys):
    """Same request through the SDK module and pwc's module of the same filter: same upstream
    request and client headers; the instructions (fuel) per request of each are printed."""
    request = dict(path=variants.TIMED_PATH, headers=[*variants.TIMED_HEADERS, ("x-bench-set", "old")])
    costs = {}
    for name in ("banana", "headers"):
        sdk = sdk_host(sdk_modules[name], name).request(**request)
        pwc = Host(pwc_modules[name], plugin_config="{}", root_id=name).request(**request)
        assert sdk.upstream_request.path == pwc.upstream_request.path, name
        assert values(sdk.upstream_request.headers, "x-bench-set") == values(pwc.upstream_request.headers, "x-bench-set")
        assert values(sdk.upstream_request.headers, "x-bench-remove") == values(pwc.upstream_request.headers, "x-bench-remove")
        response = lambda r: sorted((k, v) for k, v in r.response.headers if k.startswith("x-bench"))  # noqa: E731
        assert response(sdk) == response(pwc), name
        costs[name] = (sdk.fuel, pwc.fuel)
    with capsys.disabled():
        for name, (sdk_fuel, pwc_fuel) in costs.items():
            print(f"\n  {name}: GET {variants.TIMED_PATH}: sdk {sdk_fuel} wasm instructions, pwc {pwc_fuel}", end="")


CASES = """\
filter: {wasm}
root_id: {root_id}
config: {config}
cases:
{cases}
"""

BANANA_CASES = """\
  - name: rewrites banana
    request: {path: /banana/42}
    expect:
      upstream: {path: /status/42}
      response: {status: 200}
  - name: leaves apples alone
    request: {path: /apple/7}
    expect:
      upstream: {path: /apple/7}
"""

HEADERS_CASES = """\
  - name: sets and removes
    request: {path: /, headers: {x-bench-remove: "1", x-bench-set: old}}
    expect:
      upstream: {headers: {x-bench-set: "on"}, absent: [x-bench-remove]}
      response: {headers: {x-bench-response: "on"}}
"""


def _case_files(folder: Path, sdk_modules) -> list[Path]:
    paths = []
    for name, cases in (("banana", BANANA_CASES), ("headers", HEADERS_CASES)):
        (folder / f"{name}.sdk.wasm").write_bytes(sdk_modules[name])
        path = folder / f"{name}-sdk.test.yaml"
        path.write_text(CASES.format(wasm=f"{name}.sdk.wasm", root_id=name, config=variants.SDK_CONFIG,
                                     cases=cases), encoding="utf-8")
        paths.append(path)
    return paths


def test_pwc_test_runs_sdk_modules(sdk_modules, tmp_path):
    paths = _case_files(tmp_path, sdk_modules)
    out = io.StringIO()
    assert run(paths, WAT_ONLY, out=out, cost=True) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[-1] == "3 passed, 0 failed"
    assert any(line.startswith("cost ") and "rewrites banana" in line for line in lines)
    # A wrong expectation is caught, so the passes above are real verdicts.
    paths[0].write_text(paths[0].read_text().replace("/status/42", "/status/43"), encoding="utf-8")
    out = io.StringIO()
    assert run(paths, WAT_ONLY, out=out) == 1
    assert "rewrites banana" in out.getvalue() and "/status/43" in out.getvalue()


def test_pwc_test_cli_runs_sdk_modules(sdk_modules, tmp_path):
    _case_files(tmp_path, sdk_modules)
    cli = Path(sys.executable).parent / "pwc"
    if not cli.exists():
        pytest.skip(f"{cli} not installed (pip install -e .)")
    done = subprocess.run([str(cli), "test", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "3 passed, 0 failed"


# ---- ABI 0.1.0 (hand-written: no SDK we can build emits it) ---------------------------

ABI_0_1_0 = """(module
  (import "env" "proxy_get_configuration" (func $get_configuration (param i32 i32) (result i32)))
  (import "env" "proxy_continue_request" (func $continue_request (result i32)))
  (import "env" "proxy_continue_response" (func $continue_response (result i32)))
  (import "env" "proxy_clear_route_cache" (func $clear_route_cache (result i32)))
  (import "env" "proxy_set_effective_context" (func $set_effective_context (param i32) (result i32)))
  (import "env" "proxy_set_tick_period_milliseconds" (func $set_tick (param i32) (result i32)))
  (import "env" "proxy_replace_header_map_value" (func $replace (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 64) "x-config")
  (data (i32.const 80) "x-response")
  (data (i32.const 96) "seen")
  (func (export "proxy_abi_version_0_1_0"))
  (func (export "malloc") (param $size i32) (result i32) (local $at i32)
    (local.set $at (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $at))
  ;; Slots: 0/4 the plugin configuration, 8/12 scratch, 16 the paused stream.
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32)
    (drop (call $get_configuration (i32.const 8) (i32.const 12)))
    (drop (call $log (i32.const 2) (i32.load (i32.const 8)) (i32.load (i32.const 12))))
    (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32)
    (drop (call $get_configuration (i32.const 0) (i32.const 4)))
    (drop (call $log (i32.const 2) (i32.load (i32.const 0)) (i32.load (i32.const 4))))
    ;; Envoy has one buffer enum for every ABI: buffer 7 is the plugin configuration here too.
    (drop (call $get_buffer (i32.const 7) (i32.const 0) (i32.const 100) (i32.const 8) (i32.const 12)))
    (drop (call $log (i32.const 1) (i32.load (i32.const 8)) (i32.load (i32.const 12))))
    (drop (call $set_tick (i32.const 1000)))
    (i32.eq (local.get 1) (i32.load (i32.const 4))))
  ;; 0.1.0: (context_id, num_headers), no end_of_stream.  Pauses when the configuration starts with "p".
  (func (export "proxy_on_request_headers") (param $id i32) (param $count i32) (result i32)
    (drop (call $replace (i32.const 0) (i32.const 64) (i32.const 8) (i32.load (i32.const 0)) (i32.load (i32.const 4))))
    (drop (call $clear_route_cache))
    (i32.store (i32.const 16) (local.get $id))
    (i32.eq (i32.load8_u (i32.load (i32.const 0))) (i32.const 112)))
  (func (export "proxy_on_response_headers") (param i32 i32) (result i32)
    (drop (call $replace (i32.const 2) (i32.const 80) (i32.const 10) (i32.const 96) (i32.const 4)))
    (drop (call $continue_response))  ;; not paused: nothing to do, Ok
    (i32.const 0))
  (func (export "proxy_on_tick") (param i32)
    (drop (call $set_effective_context (i32.load (i32.const 16))))
    (drop (call $continue_request))))
"""


def test_abi_0_1_0_configuration_and_callbacks():
    host = Host(assemble(ABI_0_1_0), plugin_config="go", vm_config="vm-conf")
    assert host.abi_version == "0.1.0"
    # proxy_get_configuration: the VM's in on_vm_start, the plugin's in on_configure.
    assert host.log_lines(LogLevel.INFO) == ["vm-conf", "go"]
    assert host.log_lines(LogLevel.DEBUG) == ["go"]
    result = host.request(path="/x")
    assert result.trap is None and not result.hung
    assert values(result.upstream_request.headers, "x-config") == ["go"]
    assert values(result.response.headers, "x-response") == ["seen"]


def test_abi_0_1_0_pause_and_continue_request():
    host = Host(assemble(ABI_0_1_0), plugin_config="pause")
    stream = host.create_stream()
    assert stream.send_request_headers([(":path", "/"), (":method", "GET")]) == Action.PAUSE
    assert stream.paused and stream.waiting == StreamType.HTTP_REQUEST
    assert stream.context.route_cache_cleared == 1
    assert stream.request_headers.text("x-config") == "pause"
    assert host.tick()  # on_tick: set_effective_context(stream), proxy_continue_request()
    assert not stream.paused
    trace_host = Host(assemble(ABI_0_1_0), plugin_config="pause", trace=True)
    trace_host.create_stream().send_request_headers([(":path", "/")])
    calls = [tuple(e.args) for e in trace_host.trace
             if e.direction == "callback" and e.name == "proxy_on_request_headers"]
    assert calls == [(2, 1)]  # (context_id, num_headers): no end_of_stream in 0.1.0


def _module(abi: str, *, imports: str = "", extra: str = "") -> bytes:
    return assemble(f"""(module {imports}
      (memory (export "memory") 1)
      (func (export "proxy_abi_version_{abi}"))
      (func (export "malloc") (param i32) (result i32) (i32.const 1024))
      {extra})""")


@pytest.mark.parametrize("abi, name, signature, allowed", [
    ("0_1_0", "proxy_get_configuration", "(param i32 i32) (result i32)", True),
    ("0_1_0", "proxy_continue_request", "(result i32)", True),
    ("0_1_0", "proxy_clear_route_cache", "(result i32)", True),
    ("0_1_0", "proxy_continue_stream", "(param i32) (result i32)", False),
    ("0_1_0", "proxy_close_stream", "(param i32) (result i32)", False),
    ("0_1_0", "proxy_get_log_level", "(param i32) (result i32)", False),
    ("0_2_0", "proxy_continue_stream", "(param i32) (result i32)", True),
    ("0_2_0", "proxy_get_log_level", "(param i32) (result i32)", False),
    ("0_2_0", "proxy_continue_request", "(result i32)", False),
    ("0_2_1", "proxy_get_log_level", "(param i32) (result i32)", True),
    ("0_2_1", "proxy_get_configuration", "(param i32 i32) (result i32)", False),
    ("0_2_1", "proxy_continue_response", "(result i32)", False),
    ("0_1_0", "proxy_get_buffer_status", "(param i32 i32 i32) (result i32)", True),
])
def test_imports_are_linked_per_abi_version(abi, name, signature, allowed):
    wasm = _module(abi, imports=f'(import "env" "{name}" (func {signature}))')
    if allowed:
        Host(wasm)
    else:
        with pytest.raises(LoadError, match=rf"env\.{name} \(ABI .* only; this module is ABI {abi.replace('_', '.')}\)"):
            Host(wasm)


def test_header_callback_signatures_follow_the_abi_version():
    three = '(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 0))'
    two = '(func (export "proxy_on_response_headers") (param i32 i32) (result i32) (i32.const 0))'
    Host(_module("0_2_0", extra=three))
    Host(_module("0_1_0", extra=two))
    with pytest.raises(LoadError, match="Bad function signature for: proxy_on_request_headers.*ABI 0.1.0"):
        Host(_module("0_1_0", extra=three))
    with pytest.raises(LoadError, match="Bad function signature for: proxy_on_response_headers.*ABI 0.2.1"):
        Host(_module("0_2_1", extra=two))


def test_the_first_abi_export_decides():
    both = assemble("""(module (memory (export "memory") 1)
      (func (export "proxy_abi_version_0_1_0")) (func (export "proxy_abi_version_0_2_1"))
      (func (export "malloc") (param i32) (result i32) (i32.const 1024)))""")
    assert Host(both).abi_version == "0.1.0"
    with pytest.raises(LoadError, match="Missing or unknown Proxy-Wasm ABI version"):
        Host(assemble('(module (memory (export "memory") 1) (func (export "proxy_abi_version_0_3_0")) '
                      '(func (export "malloc") (param i32) (result i32) (i32.const 1024)))'))

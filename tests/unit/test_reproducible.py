"""Compiled modules are reproducible and import/export only what the ABI allows.

DESIGN.md: "the same syntax tree gives the same bytes whatever the folder, file
path (only the base name is embedded) or PYTHONHASHSEED", and "the module
imports nothing beyond the ABI".  The CLI runs in subprocesses so that each
compile gets its own hash seed and working directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime

from pwc import abi
from pwc.compiler.driver import compile_source

# Many constructs at once: sets and maps of names are where hash order could leak.
SOURCE = r'''filter "repro"

on request {
  let ua = request.headers["user-agent"]
  let tags = ["a", "b", "c", "d", "e"]
  let extra = {"x-one": "1", "x-two": "2", "x-three": "3"}
  set request.headers["x-lower"] = request.headers["x-text"].lowerAscii()
  set request.headers["x-upper"] = ua.upperAscii().trim()
  add request.headers["x-added"] = string(size(ua))
  remove request.headers["x-secret"]
  if ("x-num" in request.headers) {
    let n = int(request.headers["x-num"])
    set request.headers["x-num-next"] = string(n * 3 + 7 - n / 2 + n % 5)
  }
  if request.method in tags || "x-one" in extra {
    log debug "tagged " + request.path
  } else if request.path.startsWith("/admin") && !request.path.endsWith(".css") {
    respond 403 "no" headers {"x-reason": "admin", "x-who": ua}
  } else {
    set request.headers["x-contains"] = request.path.contains("api") ? "yes" : "no"
  }
  log info "repro " + request.method + " " + request.url_path + " " + request.query
}

on response {
  set response.headers["x-req-path"] = request.path
  set response.headers["x-ua"] = ua
  remove response.headers["server"]
}
'''

BASENAME = "repro.pwf"
VENV_BIN = Path(sys.executable).parent


def _pwc() -> list[str]:
    script = VENV_BIN / "pwc"
    if script.exists():
        return [str(script)]
    found = shutil.which("pwc")
    if found:
        return [found]
    return [sys.executable, "-c", "from pwc.cli import main; raise SystemExit(main())"]


def _cli_compile(folder: Path, seed: str, relative_input: str, output: str | None) -> bytes:
    """Run `pwc compile` with cwd=`folder` and PYTHONHASHSEED=`seed`; return the module bytes."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    command = _pwc() + ["compile", "-q", relative_input]
    if output:
        command += ["-o", output]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"pwc compile failed:\n{done.stdout}\n{done.stderr}"
    target = folder / (output if output else Path(relative_input).with_suffix(".wasm"))
    return target.read_bytes()


@pytest.fixture(scope="module")
def api_wasm() -> bytes:
    result = compile_source(SOURCE, BASENAME)
    assert result.ok, result.render()
    return result.wasm


def test_cli_output_is_identical_across_folders_paths_and_hash_seeds(tmp_path: Path, api_wasm: bytes) -> None:
    first = tmp_path / "pwc-one"
    second = tmp_path / "two" / "deeper" / "still"
    (first).mkdir(parents=True)
    (second / "src" / "rules").mkdir(parents=True)
    (first / BASENAME).write_text(SOURCE)
    (second / "src" / "rules" / BASENAME).write_text(SOURCE)

    a = _cli_compile(first, "1", BASENAME, None)
    b = _cli_compile(second, "2", f"src/rules/{BASENAME}", None)
    c = _cli_compile(second, "12345", str((second / "src" / "rules" / BASENAME).resolve()), "other.wasm")

    assert a == b, "same source, different folder/path/hash seed gave different bytes"
    assert a == c, "an absolute input path or another output name changed the bytes"
    assert a == api_wasm, "the Python API and the CLI disagree"
    # Only the base name may be embedded: none of the folder names appear in the module.
    for marker in (b"pwc-one", b"deeper", b"still", b"rules", str(tmp_path).encode()):
        assert marker not in a, f"{marker!r} leaked into the module"


def test_api_is_deterministic_within_one_process(api_wasm: bytes) -> None:
    for name in (BASENAME, f"/tmp/x/{BASENAME}", f"rel/dir/{BASENAME}"):
        again = compile_source(SOURCE, name)
        assert again.ok, again.render()
        assert again.wasm == api_wasm, f"compiling as {name!r} changed the bytes"


def test_api_is_deterministic_across_hash_seeds(api_wasm: bytes) -> None:
    program = (
        "import sys; from pwc.compiler.driver import compile_source; "
        "r = compile_source(sys.stdin.read(), 'repro.pwf'); "
        "sys.stdout.buffer.write(r.wasm if r.ok else b'FAILED ' + r.render().encode())"
    )
    outputs = set()
    for seed in ("0", "3", "777"):
        done = subprocess.run([sys.executable, "-c", program], input=SOURCE.encode(), capture_output=True,
                              env=dict(os.environ, PYTHONHASHSEED=seed), timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        outputs.add(done.stdout)
    assert outputs == {api_wasm}


def test_module_interface_is_only_the_proxy_wasm_abi(api_wasm: bytes) -> None:
    module = wasmtime.Module(wasmtime.Engine(), api_wasm)

    imports = list(module.imports)
    assert imports, "a filter that reads headers must import host functions"
    for item in imports:
        assert item.module == "env", f"import from module {item.module!r}"
        assert item.name in abi.HOST_FUNCTIONS, f"env.{item.name} is not a proxy-wasm ABI function"
        assert isinstance(item.type, wasmtime.FuncType), f"env.{item.name} is not a function import"
        params = tuple(str(t) for t in item.type.params)
        results = tuple(str(t) for t in item.type.results)
        assert (params, results) == abi.HOST_FUNCTIONS[item.name], f"env.{item.name} has the wrong type"

    exports = {item.name: item.type for item in module.exports}
    for name, kind in exports.items():
        if name == "memory":
            assert isinstance(kind, wasmtime.MemoryType)
        elif name in ("malloc", abi.ABI_VERSION_EXPORT) or name.startswith("proxy_on_"):
            assert isinstance(kind, wasmtime.FuncType), f"export {name} is not a function"
            if name in abi.CALLBACKS:
                params = tuple(str(t) for t in kind.params)
                results = tuple(str(t) for t in kind.results)
                assert (params, results) == abi.CALLBACKS[name], f"export {name} has the wrong type"
            else:
                assert name in ("malloc", abi.ABI_VERSION_EXPORT), f"unknown callback export {name}"
        else:
            pytest.fail(f"unexpected export {name!r}")
    for required in ("memory", "malloc", abi.ABI_VERSION_EXPORT, "proxy_on_request_headers",
                     "proxy_on_response_headers"):
        assert required in exports, f"missing export {required}"

    malloc = exports["malloc"]
    assert [str(t) for t in malloc.params] == ["i32"] and [str(t) for t in malloc.results] == ["i32"]

    memory = exports["memory"]
    assert memory.limits.max is not None, "memory has no maximum: it could grow without bound"
    # Envoy refuses more than 16384 pages (1 GiB); the declared bound must be within that.
    assert memory.limits.min <= memory.limits.max <= 16384


def test_wasm_objdump_agrees_on_the_interface(api_wasm: bytes, tmp_path: Path) -> None:
    objdump = VENV_BIN / "wasm-objdump"
    if not objdump.exists():
        objdump = Path(shutil.which("wasm-objdump") or "")
    if not objdump.is_file():
        pytest.skip("wasm-objdump not installed")
    path = tmp_path / "repro.wasm"
    path.write_bytes(api_wasm)
    text = subprocess.run([str(objdump), "-x", str(path)], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    section = ""
    imports, exports, memories = [], [], []
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line.split("[", 1)[0]
            continue
        line = line.strip()
        if section == "Import":
            imports.append(line.rsplit("<- ", 1)[1])
        elif section == "Export":
            exports.append(line.rsplit('"', 2)[1])
        elif section == "Memory":
            memories.append(line)
    assert imports and all(name.startswith("env.") and name[4:] in abi.HOST_FUNCTIONS for name in imports), imports
    assert all(name in ("memory", "malloc", abi.ABI_VERSION_EXPORT) or name.startswith("proxy_on_")
               for name in exports), exports
    assert len(memories) == 1 and "max=" in memories[0], memories


def test_parentheses_around_an_in_condition_do_not_matter() -> None:
    body = '    log info "one"\n    log info "two"\n  }\n}\n'
    bare = compile_source('filter "p"\n\non request {\n  if "x" in request.headers {\n' + body, "p.pwf")
    wrapped = compile_source('filter "p"\n\non request {\n  if ("x" in request.headers) {\n' + body, "p.pwf")
    assert wrapped.ok, wrapped.render()
    assert bare.ok, bare.render()
    assert bare.wasm == wrapped.wasm

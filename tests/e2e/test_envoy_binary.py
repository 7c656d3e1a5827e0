"""`pwc test --envoy-binary PATH` and $PWC_ENVOY run the cases in that Envoy: a
wrapper script records that it was run, then runs the package's Envoy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pwc.cli import main

pytestmark = pytest.mark.e2e

MODULES = Path(__file__).resolve().parents[1] / "modules"

CASES = """\
filter: gate.wat
cases:
  - name: missing credentials
    expect: {reply: {status: 401, body: missing credentials}}
"""


def wrapper(folder: Path, envoy_path: str) -> tuple[Path, Path]:
    """An executable that notes its arguments in `ran`, then becomes the real Envoy."""
    ran = folder / "ran"
    script = folder / "my-envoy"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{ran}"\nexec "{envoy_path}" "$@"\n')
    script.chmod(0o755)
    return script, ran


@pytest.mark.parametrize("how", ["--envoy-binary", "PWC_ENVOY"])
def test_the_cases_run_in_the_envoy_named(tmp_path, envoy_path, capsys, monkeypatch, how):
    shutil.copy(MODULES / "gate.wat", tmp_path / "gate.wat")
    (tmp_path / "gate.test.yaml").write_text(CASES)
    script, ran = wrapper(tmp_path, envoy_path)
    if how == "PWC_ENVOY":
        monkeypatch.setenv("PWC_ENVOY", str(script))
        args = ["test", "--envoy", "-v", str(tmp_path)]
    else:
        monkeypatch.setenv("PWC_ENVOY", str(tmp_path / "not-this-one"))  # the flag wins over the variable
        args = ["test", "--envoy-binary", str(script), "-v", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"PASS {tmp_path}/gate.test.yaml:3: missing credentials [")
    assert out[-1] == "1 passed, 0 failed"
    runs = ran.read_text().splitlines()
    assert len(runs) == 1 and runs[0].startswith("-c ") and "--admin-address-path" in runs[0]

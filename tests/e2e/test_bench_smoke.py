"""The benchmark's smoke mode: every variant of bench/ builds and does its job in
Envoy (the upstream sees the rewritten path and the right headers). No timing.
bench/bodies.py (bodies and JSON, pwc beside Lua) and bench/state.py (`limit` beside
Envoy's local_ratelimit) have their own smoke modes, run here too.

The AssemblyScript SDK variant needs node and npm (and the npm registry on the
first run; the install is cached in bench/work/sdk); without them it is skipped
with a message, and the other variants are still checked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
NPM_MISSING = shutil.which("npm") is None or shutil.which("node") is None
BASE_VARIANTS = ["baseline", "floor/wat", "banana/pwc", "banana/lua", "banana/native", "banana/planned",
                 "headers/pwc", "headers/lua", "headers/native", "headers/planned", "mixed/pwc", "mixed/planned",
                 "sides/pwc", "sides/planned"]


@pytest.fixture(scope="module")
def smoke(envoy_path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke"]
    if NPM_MISSING:
        command.append("--no-sdk")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _checked_ok(output: str, variant: str) -> bool:
    return any(line.split()[:3] == ["check", variant, "ok"] for line in output.splitlines())


def test_every_variant_builds_and_is_correct(smoke):
    output = smoke.stdout + smoke.stderr
    assert smoke.returncode == 0, output[-4000:]
    for variant in BASE_VARIANTS:
        assert _checked_ok(output, variant), f"{variant} not checked ok:\n{output[-4000:]}"


def test_assemblyscript_sdk_variant_is_correct(smoke):
    if NPM_MISSING:
        pytest.skip("npm/node not installed: the AssemblyScript SDK variant of the benchmark was not built")
    output = smoke.stdout + smoke.stderr
    if "SKIP sdk" in output:
        pytest.skip("the AssemblyScript SDK variant was skipped: " + output.split("SKIP sdk:", 1)[1][:500])
    for variant in ("banana/sdk", "headers/sdk"):
        assert _checked_ok(output, variant), f"{variant} not checked ok:\n{output[-4000:]}"


def test_body_benchmark_variants_do_their_work(envoy_path):
    """bench/bodies.py --smoke: the body rewrite, the JSON field read into a
    header and the JSON field removal, as pwc and as Lua (with bench/json.lua),
    each checked against Python's json on the bench's documents and odd ones."""
    command = [sys.executable, str(ROOT / "bench" / "bodies.py"), "--smoke"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    for work in ("rewrite", "json-read", "json-remove"):
        for variant in ("pwc", "lua"):
            assert f"check {work}/{variant} ok" in output.splitlines(), output[-4000:]


def test_state_benchmark_variants_refuse_what_they_should(envoy_path):
    """bench/state.py --smoke: Envoy's local_ratelimit and pwc's keyless and
    keyed `limit`, each with a bucket of 2, refuse the third request."""
    command = [sys.executable, str(ROOT / "bench" / "state.py"), "--smoke"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert "check native/keyless/keyed ok" in output.splitlines(), output[-4000:]

"""The six Higress plugins rewritten in pwc (examples/higress-*.pwf): module
size, compile time, and wasm instructions per request in the local runtime
for the request each example's case file expects to pass and for one it
expects to be answered by the filter.

    .venv/bin/python bench/higress.py          # prints a Markdown table

Instructions are wasmtime fuel (one unit per executed wasm operator) of
the case's request, run as `pwc test` runs it (its configuration,
connection, route and clock; the first request of a fresh instance, so
one-off set-up is included); the first passing case of each kind is shown.
Compile time is `compile_source` alone, after a first compile has paid for
the compiler's imports.
Higress's own plugins are Go built with TinyGo: no per-plugin sizes are
published; the smallest functional filter built with the Go SDK was
reported at about 9 MB (envoyproxy/envoy#24284), and Higress ships its
plugins as OCI images of several hundred KB to a few MB each.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pwc.compiler.driver import compile_source  # noqa: E402
from pwc.runtime import testcases  # noqa: E402
from pwc.runtime.testrunner import run_case  # noqa: E402

PLUGINS = ("key-auth", "basic-auth", "ip-restriction", "cors", "request-block", "traffic-tag")


def measure(name: str) -> dict:
    source = ROOT / "examples" / f"higress-{name}.pwf"
    began = time.perf_counter()
    result = compile_source(source.read_text(encoding="utf-8"), source.name)
    compile_ms = (time.perf_counter() - began) * 1000
    assert result.ok and result.wasm is not None, result.render()
    case_file = source.with_suffix(".test.yaml")
    cases = testcases.parse(case_file.read_text(encoding="utf-8"), case_file)
    row: dict = {"plugin": name, "bytes": len(result.wasm), "compile_ms": compile_ms, "passed": None, "answered": None}
    for case in cases.cases:
        expect = case.expect
        kind = ("passed" if expect.upstream is not None and expect.upstream.reached and not case.calls
                else "answered" if expect.reply is not None and not case.calls else None)
        if kind is None or row[kind] is not None or expect.config_rejected:
            continue
        outcome = run_case(result.wasm, case, cases)  # the case's configuration, connection, route and clock
        if not outcome.differences and outcome.fuel is not None:
            row[kind] = (outcome.fuel, case.name)
    return row


def main() -> None:
    compile_source('filter "warm"\non request {\n}\n', "warm.pwf")  # the compiler's imports, paid once here
    rows = [measure(name) for name in PLUGINS]
    print("| plugin | module | compile | instructions, a request that passes | instructions, a request answered |")
    print("|---|---|---|---|---|")
    for row in rows:
        cells = []
        for kind in ("passed", "answered"):
            got = row[kind]
            cells.append("—" if got is None or got[0] is None else f"{got[0]:,} ({got[1]})")
        print(f"| {row['plugin']} | {row['bytes'] / 1024:.1f} KiB | {row['compile_ms']:.0f} ms | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()

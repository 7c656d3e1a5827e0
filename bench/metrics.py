"""What metrics cost per request: wasm instructions in the local runtime and
host calls, for `count`, `observe` and pwc's own counter of a `respond`.

    .venv/bin/python bench/metrics.py          # a second, no Envoy needed

Each statement is measured as the difference between a filter with it and
the same filter without it (wasmtime fuel of one request, the first of a
fresh instance), and the host calls it adds (proxy_increment_metric /
proxy_record_metric), counted in the local runtime's trace.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pwc.compiler.driver import compile_source  # noqa: E402
from pwc.runtime.host import Host  # noqa: E402

BASE = 'filter "m"\n\n{decls}\non request {{\n  set request.headers["x-a"] = "1"\n{body}}}\n'
VARIANTS = {
    "nothing": ("", ""),
    "count": ("counter hits\n", "  count hits\n"),
    "10 x count": ("counter hits\n", "  count hits\n" * 10),
    "observe a literal": ("histogram size\n", "  observe size 12\n"),
    "observe size(request.path)": ("histogram size\n", "  observe size size(request.path)\n"),
}
METRIC_CALLS = {"proxy_increment_metric", "proxy_record_metric"}


def measure(decls: str, body: str, reply: bool = False) -> tuple[int, int]:
    text = BASE.format(decls=decls, body=body + ('  respond 403 "no"\n' if reply else ""))
    result = compile_source(text, "m.pwf")
    assert result.ok and result.wasm is not None, result.render()
    host = Host(result.wasm, root_id="m", trace=True)
    outcome = host.request(path="/items/42")
    calls = sum(1 for event in outcome.trace if event.direction == "host" and event.name in METRIC_CALLS)
    return outcome.fuel, calls


def main() -> None:
    base, _ = measure("", "")
    print("| statement | instructions per request | added | metric host calls |")
    print("|---|---|---|---|")
    for name, (decls, body) in VARIANTS.items():
        fuel, calls = measure(decls, body)
        print(f"| {name} | {fuel:,} | {fuel - base:+,} | {calls} |")
    fuel, calls = measure("", "", reply=True)
    print(f"| `respond 403` (its own counter included) | {fuel:,} | {fuel - base:+,} | {calls} |")


if __name__ == "__main__":
    main()

"""Cost of `matches` and `rewrite` for a handful of typical patterns.

    .venv/bin/python bench/regex_report.py [--small BYTES] [--large BYTES]

For each pattern, three filters are compiled with pwc: a baseline, the
baseline plus an `if SUBJECT.matches(PAT)` statement, and the baseline plus
a `rewrite TARGET PAT to TPL` statement.  Each filter runs in the local
runtime (pwc.runtime.host.Host, wasmtime with fuel: one unit per wasm
instruction) on a typical subject of `small` and of `large` bytes;
instructions per input byte is the difference in fuel over the difference in
size, so the fixed cost of a request cancels out.  Each pattern has a typical
subject that matches ("hit") and one that does not ("miss"): an unanchored
`matches` stops at the first match, so a hit early in the subject costs
nothing per further byte, while a miss reads every byte.  "bytes" is how much the
statement adds to the module (with minus without).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pwc.compiler.driver import compile_source  # noqa: E402
from pwc.runtime.host import Host  # noqa: E402


def repeat_to(unit: str, size: int, prefix: str = "", suffix: str = "") -> str:
    body = size - len(prefix) - len(suffix)
    return prefix + (unit * (body // len(unit) + 1))[:max(body, 0)] + suffix


@dataclass(frozen=True)
class Case:
    name: str
    target: str            # the rewrite target, also the subject of `matches`
    pattern: str
    template: str
    hit: Callable[[int], str]    # a typical subject of `size` bytes that matches
    miss: Callable[[int], str]   # one that does not

    def request(self, host: Host, subject: Callable[[int], str], size: int):
        value = subject(size)
        if self.target in ("request.path", "request.url_path"):
            return host.request(path=value)
        if self.target == "request.host":
            return host.request(authority=value)
        header = self.target.split('"')[1]
        return host.request(headers=[(header, value)])


CASES = [
    Case("talk (banana)", "request.path", r"banana/([0-9]*)", r"status/$1",
         lambda n: repeat_to("/fruit/banana/42", n), lambda n: repeat_to("/fruit/apple/42", n)),
    Case("service", "request.url_path", r"^/service/([^/]+)(/.*)$", r"\2/instance/\1",
         lambda n: repeat_to("/v1/api", n, prefix="/service/foo"), lambda n: repeat_to("/v1/api", n)),
    Case("bearer (?i)", 'request.headers["authorization"]', r"^(?i)bearer\s+(\S+)$", r"$1",
         lambda n: repeat_to("eyJhbGciOiJIUzI1NiJ9", n, prefix="Bearer "),
         lambda n: repeat_to("eyJhbGciOiJIUzI1NiJ9", n, prefix="Bearer ", suffix=" x")),
    Case("query token", "request.path", r"[?&]token=[^&]*", r"",
         lambda n: repeat_to("&k=value", n, prefix="/search?q=pwc", suffix="&token=s3cr3t"),
         lambda n: repeat_to("&k=value", n, prefix="/search?q=pwc")),
    Case("host", "request.host", r"^([^:]+):(\d+)$", r"$1",
         lambda n: repeat_to("sub.", n, prefix="www.", suffix="example.com:8080"),
         lambda n: repeat_to("sub.", n, prefix="www.", suffix="example.com")),
    Case("pathological", 'request.headers["x-big"]', r"^(a+)+$", r"<$1>",
         lambda n: "a" * n, lambda n: "a" * (n - 1) + "b"),
]

BASE = 'set request.headers["x-bench"] = "1"'


def filter_source(statement: str) -> str:
    return f'filter "bench"\n\non request {{\n  {BASE}\n  {statement}\n}}\n'


def compile_filter(statement: str) -> bytes:
    result = compile_source(filter_source(statement), "bench.pwf")
    if not result.ok or result.wasm is None:
        raise SystemExit(result.render())
    return result.wasm


def per_byte(case: Case, wasm: bytes, subject: Callable[[int], str], small: int, large: int) -> float:
    host = Host(wasm)
    case.request(host, subject, 64)  # warm up: first-request effects stay out of the figures
    low, high = case.request(host, subject, small), case.request(host, subject, large)
    for result in (low, high):
        if result.trap is not None or result.upstream_request is None:
            raise SystemExit(f"{case.name}: the request did not reach the upstream ({result.trap})")
    return (high.fuel - low.fuel) / (len(subject(large)) - len(subject(small)))


def measure(case: Case, small: int, large: int) -> list[str]:
    base = len(compile_filter(""))
    matches = compile_filter(f'if {case.target}.matches(r"{case.pattern}") {{ set request.headers["x-m"] = "1" }}')
    rewrite = compile_filter(f'rewrite {case.target} r"{case.pattern}" to r"{case.template}"')
    figures = [per_byte(case, wasm, subject, small, large)
               for wasm in (matches, rewrite) for subject in (case.hit, case.miss)]
    return [f"{figure:.1f}" for figure in figures] + [str(len(matches) - base), str(len(rewrite) - base)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=1024, help="subject size for the low point (bytes)")
    parser.add_argument("--large", type=int, default=16 * 1024, help="subject size for the high point (bytes)")
    args = parser.parse_args(argv)
    rows = [["pattern", "regex", "matches hit", "matches miss", "rewrite hit", "rewrite miss",
             "matches +B", "rewrite +B"]]
    for case in CASES:
        rows.append([case.name, case.pattern] + measure(case, args.small, args.large))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print(f"wasm instructions per input byte (between {args.small} and {args.large} bytes), on a subject that"
          " matches (hit) and one that does not (miss); module bytes added by the statement (+B)")
    for k, row in enumerate(rows):
        print("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

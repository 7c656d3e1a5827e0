"""Bodies: what reading and rewriting a whole body costs, pwc beside Lua.

    .venv/bin/python bench/bodies.py                 # about a minute, needs Envoy (the pip package)
    .venv/bin/python bench/bodies.py --requests 500

Two measurements, one run:

1. Wasm instructions per body byte in the local runtime (wasmtime fuel), for
   a request body phase that reads the body (`contains`), one that rewrites
   it (`replace` + `set request.body`), one that parses it as JSON and reads
   a key, and one that removes a key: the difference between a 100 KB and a
   1 KB body, divided by the bytes between them, so the fixed per-request
   cost cancels out.
2. Envoy's CPU per request (utime+stime of the process ÷ requests), for the
   same rewrite as a pwc module and as Envoy's Lua filter
   (`request_handle:body()`, `string.gsub`, `setBytes`), each on its own
   listener of one Envoy, requests of 1 KB and 100 KB sent over one
   keep-alive connection, interleaved so both see the same machine.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import cpu_ticks  # noqa: E402
from variants import lua_filter  # noqa: E402

from pwc.compiler.driver import compile_source  # noqa: E402
from pwc.runtime.envoy import Envoy, Listener, Upstream, read_response  # noqa: E402
from pwc.runtime.host import Host  # noqa: E402

JSON_READ = 'filter "jr"\non request body {\n  if request.json["k"] == 1 {\n    set request.headers["x-k"] = "1"\n  }\n}\n'
JSON_REMOVE = 'filter "jx"\non request body {\n  remove request.json["password"]\n}\n'
READ = 'filter "read"\non request body {\n  if request.body.contains("forbidden") {\n    respond 400 "no"\n  }\n}\n'
REWRITE = 'filter "rewrite"\non request body {\n  set request.body = request.body.replace("password", "********")\n}\n'
LUA_REWRITE = """
function envoy_on_request(handle)
  local body = handle:body()
  local text = body:getBytes(0, body:length())
  body:setBytes((string.gsub(text, "password", "********")))
end
"""
SMALL, LARGE = 1024, 100 * 1024


def body_of(size: int) -> bytes:
    """`size` bytes of form-like text with a `password` every 64 bytes."""
    unit = b"user=ann&password=secret&x=" + b"y" * 37
    return (unit * (size // len(unit) + 1))[:size]


def json_of(size: int) -> bytes:
    """A JSON object of about `size` bytes: a list of records, then the keys the filters use."""
    record = {"user": "ann", "id": 12345, "tags": ["a", "b"], "note": "text with \\ escapes \u00e9"}
    count = max(1, size // len(json.dumps(record)))
    return json.dumps({"items": [record] * count, "k": 1, "password": "secret"}).encode()


def fuel(source: str, body: bytes) -> int:
    wasm = compile_source(source, "bench.pwf").wasm
    result = Host(wasm).request("POST", "/", {"content-length": str(len(body))}, body)
    assert result.trap is None and result.response is not None and result.response.status == 200
    return result.fuel


def per_byte(source: str, make=body_of) -> float:
    small, large = make(SMALL), make(LARGE)
    return (fuel(source, large) - fuel(source, small)) / (len(large) - len(small))


def send(sock: socket.socket, body: bytes) -> int:
    sock.sendall(b"POST / HTTP/1.1\r\nhost: bench\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
    return read_response(sock, method="POST").status


def envoy_cpu(requests: int, rounds: int) -> dict[tuple[str, int], float]:
    """CPU µs per request of each (variant, body size), median over rounds."""
    module = compile_source(REWRITE, "rewrite.pwf").wasm
    listeners = [Listener("pwc", wasm=module), Listener("lua", http_filters_before=[lua_filter(LUA_REWRITE)])]
    samples: dict[tuple[str, int], list[float]] = {}
    with Upstream() as upstream, Envoy(listeners, upstream_port=upstream.port, log_level="warning") as envoy:
        for _ in range(rounds):
            for name in ("pwc", "lua"):
                for size in (SMALL, LARGE):
                    body = body_of(size)
                    with socket.create_connection(("127.0.0.1", envoy.listener_port(name)), timeout=30) as sock:
                        assert send(sock, body) == 200
                        seen = upstream.requests[-1].body
                        assert seen == body.replace(b"password", b"********"), name
                        upstream.clear()
                        ticks = cpu_ticks(envoy.pid)
                        for number in range(requests):
                            assert send(sock, body) == 200
                            if number % 200 == 199:
                                upstream.clear()
                        spent = (cpu_ticks(envoy.pid) - ticks) / _ticks_per_second()
                    samples.setdefault((name, size), []).append(spent / requests * 1e6)
    return {key: sorted(values)[len(values) // 2] for key, values in samples.items()}


def _ticks_per_second() -> int:
    import os
    return os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="requests per variant, size and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("Wasm instructions per body byte (local runtime, 100 KB minus 1 KB):")
    for name, source, make in (("read (contains)", READ, body_of), ("rewrite (replace + set)", REWRITE, body_of),
                               ("JSON parse + read a key", JSON_READ, json_of),
                               ("JSON parse + remove a key", JSON_REMOVE, json_of)):
        print(f"  {name:26} {per_byte(source, make):6.1f}")
    started = time.monotonic()
    cpu = envoy_cpu(args.requests, args.rounds)
    print(f"\nEnvoy CPU per request, µs (median of {args.rounds} rounds of {args.requests}; "
          f"{time.monotonic() - started:.0f} s):")
    print(f"  {'body':>8} {'pwc':>9} {'lua':>9} {'pwc/lua':>8}")
    for size in (SMALL, LARGE):
        pwc, lua = cpu[("pwc", size)], cpu[("lua", size)]
        print(f"  {size // 1024:>6}KB {pwc:9.1f} {lua:9.1f} {pwc / lua:8.2f}")


if __name__ == "__main__":
    main()

"""State across requests: what `limit` and `once` cost, beside Envoy's own
local_ratelimit, and what a million distinct keys do to Envoy's memory.

    .venv/bin/python bench/state.py                  # a few minutes, needs Envoy (the pip package)
    .venv/bin/python bench/state.py --keys 200000    # a shorter memory run
    .venv/bin/python bench/state.py --smoke          # correctness checks only (seconds)

Three measurements, one run:

1. Wasm instructions per request in the local runtime (wasmtime fuel) for a
   filter that only takes a `limit` token (a key seen before), one that
   asks `once` about a new key each time, and an empty filter (the floor).
2. Envoy's CPU per request (utime+stime of the process ÷ requests), one
   keep-alive connection, variants interleaved, each its own listener of one
   Envoy: no filter; Envoy's local_ratelimit filter (one bucket); pwc's
   keyless `limit` (one bucket) and keyed `limit` (a key per client); a
   pwc `count`; the empty pwc module (the floor of any wasm filter).  Every bucket is large
   enough that nothing is refused: this is the cost of counting.
3. Envoy's resident memory while a million requests, each with its own key,
   pass a keyed `limit` and a `once` (two workers, eight connections).

Before timing, each variant is checked: a small bucket of the same filter
refuses the request after it, with the headers it promises.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import CLK_TCK, cpu_ticks, rss_kib  # noqa: E402

from pwc.compiler.driver import compile_source  # noqa: E402
from pwc.runtime.envoy import Envoy, Listener, Upstream, read_response  # noqa: E402
from pwc.runtime.host import Host  # noqa: E402

BIG = 1_000_000_000
EMPTY = 'filter "empty"\non request {\n  continue\n}\n'
COUNTED = 'filter "counted"\ncounter hits\non request {\n  count hits\n}\n'
KEYLESS = 'filter "keyless"\non request {{\n  limit to {count} per 1s\n}}\n'
KEYED = 'filter "keyed"\non request {{\n  limit request.headers["x-key"] to {count} per 1s\n}}\n'
ONCE = 'filter "once"\non request {\n  if !once(request.headers["x-key"], 1m) {\n    respond 409 "seen"\n  }\n}\n'
KEYS_AND_NONCES = ('filter "both"\non request {\n  limit request.headers["x-key"] to 1000 per 1s\n'
                   '  if !once(request.headers["x-key"], 10m) {\n    respond 409 "seen"\n  }\n}\n')


def native_local_ratelimit(tokens: int) -> dict:
    bucket = {"max_tokens": tokens, "tokens_per_fill": tokens, "fill_interval": "1s"}
    always = {"default_value": {"numerator": 100, "denominator": "HUNDRED"}}
    return {"name": "envoy.filters.http.local_ratelimit", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
        "stat_prefix": "bench_rl", "token_bucket": bucket,
        "filter_enabled": {"runtime_key": "bench_rl_enabled", **always},
        "filter_enforced": {"runtime_key": "bench_rl_enforced", **always}}}


def wasm(source: str) -> bytes:
    result = compile_source(source, "bench.pwf")
    assert result.ok, result.render()
    return result.wasm


def listeners(count: int) -> list[Listener]:
    return [Listener("plain"), Listener("native", http_filters_before=[native_local_ratelimit(count)]),
            Listener("keyless", wasm=wasm(KEYLESS.format(count=count))),
            Listener("keyed", wasm=wasm(KEYED.format(count=count))), Listener("counted", wasm=wasm(COUNTED)),
            Listener("empty", wasm=wasm(EMPTY))]


VARIANTS = ("plain", "native", "keyless", "keyed", "counted", "empty")


def get(sock: socket.socket, key: str) -> tuple[int, dict[str, str]]:
    sock.sendall(f"GET / HTTP/1.1\r\nhost: bench\r\nx-key: {key}\r\n\r\n".encode())
    reply = read_response(sock)
    return reply.status, {name.lower(): value for name, value in reply.headers}


def fuel(source: str, keys: list[str]) -> float:
    """Instructions per request over `keys`, after a first request of each."""
    host = Host(wasm(source))
    for key in keys[:1]:
        host.request(headers=[("x-key", key)])
    spent = [host.request(headers=[("x-key", key)]).fuel for key in keys]
    return sum(spent) / len(spent)


def check() -> None:
    """A bucket of 2 refuses the third request, in Envoy's filter and in pwc's."""
    with Upstream() as upstream, Envoy(listeners(2), upstream_port=upstream.port, log_level="warning") as envoy:
        for name in ("native", "keyless", "keyed"):
            with socket.create_connection(("127.0.0.1", envoy.listener_port(name)), timeout=10) as sock:
                statuses = [get(sock, "k")[0] for _ in range(3)]
                assert statuses == [200, 200, 429], (name, statuses)
        with socket.create_connection(("127.0.0.1", envoy.listener_port("keyed")), timeout=10) as sock:
            status, headers = get(sock, "k")
            assert status == 429 and headers["x-ratelimit-limit"] == "2" and headers["retry-after"] == "1", headers
            assert get(sock, "other")[0] == 200
    print("check native/keyless/keyed ok", flush=True)


def cpu_per_request(envoy: Envoy, name: str, requests: int) -> float:
    with socket.create_connection(("127.0.0.1", envoy.listener_port(name)), timeout=30) as sock:
        assert get(sock, "warm")[0] == 200
        ticks = cpu_ticks(envoy.pid)
        for number in range(requests):
            assert get(sock, f"client-{number % 1000}")[0] == 200
        return (cpu_ticks(envoy.pid) - ticks) / CLK_TCK / requests * 1e6


def envoy_cpu(requests: int, rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in VARIANTS}
    with Upstream() as upstream, Envoy(listeners(BIG), upstream_port=upstream.port, log_level="warning") as envoy:
        for _ in range(rounds):
            for name in VARIANTS:
                samples[name].append(cpu_per_request(envoy, name, requests))
                upstream.clear()
    return {name: sorted(values)[len(values) // 2] for name, values in samples.items()}


def memory(keys: int, threads: int = 8) -> tuple[list[tuple[int, int]], int]:
    """(requests so far, Envoy's RSS in KiB) as `keys` distinct keys pass `limit`
    and `once`, and how many `once` refused (a full slot of live keys: `once`
    holds 65,536 live keys a site and fails closed past that)."""
    readings: list[tuple[int, int]] = []
    done, refused = [0], [0]
    lock = threading.Lock()
    with Upstream() as upstream, Envoy([Listener("both", wasm=wasm(KEYS_AND_NONCES))], upstream_port=upstream.port,
                                       log_level="warning", concurrency=2) as envoy:
        port = envoy.listener_port("both")
        readings.append((0, rss_kib(envoy.pid)))
        step = keys // 10

        def work(index: int) -> None:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                for number in range(index, keys, threads):
                    status = get(sock, f"key-{number:09d}-{'x' * (number % 40)}")[0]
                    assert status in (200, 409), status
                    with lock:
                        done[0] += 1
                        refused[0] += status == 409
                        if done[0] % step == 0:
                            readings.append((done[0], rss_kib(envoy.pid)))
                        if len(upstream.requests) > 5000:
                            upstream.clear()

        running = [threading.Thread(target=work, args=(index,)) for index in range(threads)]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
    return readings, refused[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000, help="requests per variant and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keys", type=int, default=1_000_000, help="distinct keys for the memory run")
    parser.add_argument("--smoke", action="store_true", help="correctness checks only, no figures")
    args = parser.parse_args()
    check()
    if args.smoke:
        print("smoke ok")
        return
    keys = [f"client-{n}" for n in range(200)]
    print("Wasm instructions per request (local runtime):")
    print(f"  empty filter            {fuel(EMPTY, keys):8.0f}")
    print(f"  limit, a known key      {fuel(KEYED.format(count=BIG), keys):8.0f}")
    print(f"  count                   {fuel(COUNTED, keys):8.0f}")
    print(f"  once, a new key each    {fuel(ONCE, [f'n-{n}' for n in range(200)]):8.0f}")
    started = time.monotonic()
    cpu = envoy_cpu(args.requests, args.rounds)
    print(f"\nEnvoy CPU per request, µs (median of {args.rounds} rounds of {args.requests}; "
          f"{time.monotonic() - started:.0f} s), and added over no filter:")
    for name in VARIANTS:
        print(f"  {name:8} {cpu[name]:7.1f}  +{cpu[name] - cpu['plain']:6.1f}")
    added = {name: cpu[name] - cpu["plain"] for name in VARIANTS}
    if added["native"] > 0:
        print(f"  pwc keyless / native local_ratelimit (added cost): {added['keyless'] / added['native']:.2f}")
        print(f"  pwc keyed / native local_ratelimit (added cost):   {added['keyed'] / added['native']:.2f}")
        print(f"  pwc count / native local_ratelimit (added cost):   {added['counted'] / added['native']:.2f}")
    started = time.monotonic()
    readings, refused = memory(args.keys)
    print(f"\nEnvoy RSS as {args.keys:,} distinct keys pass `limit` and `once` ({time.monotonic() - started:.0f} s; "
          f"`once` refused {refused:,} fresh keys, its slots full of live ones):")
    for done, rss in readings:
        print(f"  {done:>9,} requests  {rss / 1024:7.1f} MiB")


if __name__ == "__main__":
    main()

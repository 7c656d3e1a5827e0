"""Bodies: what reading and rewriting a whole body costs, pwc beside Lua.

    .venv/bin/python bench/bodies.py                 # a few minutes, needs Envoy (the pip package)
    .venv/bin/python bench/bodies.py --requests 500
    .venv/bin/python bench/bodies.py --smoke         # correctness checks only, no timing (seconds)

Two measurements, one run:

1. Wasm instructions per body byte in the local runtime (wasmtime fuel), for
   a request body phase that reads the body (`contains`), one that rewrites
   it (`replace` + `set request.body`), one that parses it as JSON and reads
   a key into a header, and one that removes a key: the difference between a
   100 KB and a 1 KB body, divided by the bytes between them, so the fixed
   per-request cost cancels out.
2. Envoy's CPU per request (utime+stime of the process ÷ requests) for three
   pieces of work, each as a pwc module and as Envoy's Lua filter: the body
   rewrite (`request_handle:body()`, `string.gsub`, `setBytes`); a JSON
   field read into a header (`x-tenant`); a JSON field removed and the
   document written again.  Envoy's Lua has no JSON library, so the Lua
   filters carry bench/json.lua, a strict decoder/encoder in plain Lua.
   Every variant is its own listener of one Envoy; requests of 1 KB and
   100 KB go over one keep-alive connection, variants interleaved so all see
   the same machine.

Before timing, every variant is checked against a recording upstream: the
rewritten body, the header, the field gone and the document re-encoded as
Python's json would write it (plus a few documents with escapes, nesting and
non-ASCII text, and some that are not JSON and must pass unchanged).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import CLK_TCK, cpu_ticks  # noqa: E402
from variants import lua_filter  # noqa: E402

from pwc.compiler.driver import compile_source  # noqa: E402
from pwc.runtime.envoy import Envoy, Listener, Request, Upstream, read_response  # noqa: E402
from pwc.runtime.host import Host  # noqa: E402

JSON_READ = """\
filter "jr"
on request body {
  if has(request.json.tenant) {
    set request.headers["x-tenant"] = string(request.json["tenant"])
  }
}
"""
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
LUA_JSON = (Path(__file__).resolve().parent / "json.lua").read_text(encoding="utf-8")
LUA_JSON_READ = LUA_JSON + """
function envoy_on_request(handle)
  local body = handle:body()
  if not body then return end
  local tenant = json.get(json.decode(body:getBytes(0, body:length())), "tenant")
  if type(tenant) == "string" then
    handle:headers():replace("x-tenant", tenant)
  end
end
"""
LUA_JSON_REMOVE = LUA_JSON + """
function envoy_on_request(handle)
  local body = handle:body()
  if not body then return end
  local document = json.decode(body:getBytes(0, body:length()))
  if json.remove(document, "password") then
    local text = json.encode(document)
    body:setBytes(text)
    handle:headers():replace("content-length", tostring(#text))
  end
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
    return json.dumps({"items": [record] * count, "tenant": "acme", "password": "secret"}).encode()


def canonical(value: object) -> bytes:
    """The text pwc's JSON writes: Python's json without white space, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _unrepeated(pairs: list[tuple[str, object]]) -> dict[str, object]:
    if len({key for key, _ in pairs}) != len(pairs):
        raise ValueError("a repeated key")
    return dict(pairs)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def strict(sent: bytes) -> object:
    """`sent` read as pwc reads JSON (RFC 8259 strictly: no repeated keys, no
    lone surrogates, UTF-8, at most 32 levels of nesting), or None when it is not JSON."""
    try:
        value = json.loads(sent.decode("utf-8"), object_pairs_hook=_unrepeated)
        canonical(value)  # a lone surrogate has no UTF-8: UnicodeEncodeError
    except ValueError:
        return None
    return value if _depth(value) <= 32 else None


def without_password(sent: bytes) -> bytes:
    """What a filter removing the top-level "password" must pass on for `sent`."""
    document = strict(sent)
    if not isinstance(document, dict) or "password" not in document:
        return sent
    del document["password"]
    return canonical(document)


# Documents beyond json_of's, each through both JSON filters: escapes both
# ways, surrogate pairs, nesting, integers (bench/json.lua writes integral
# doubles as integers), and bodies that are not JSON
# (they pass unchanged: a repeated key, a lone surrogate, text after the value,
# 33 levels of nesting).
ODD_DOCUMENTS = [
    '{"password": 1, "a": "\\u00e9\\ud83d\\ude00 \\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0001 \\u007f", "b": "é😀"}',
    '{"z": [], "y": {}, "x": [[[{"password": 2}]]], "password": null, "w": [true, false, null, -0, 0, 12]}',
    ' {"nested": {"password": "kept"}, "password": "gone", "n": -12345678901234} \r\n',
    '{"password": 1, "password": 2}', '{"password": "\\ud800"}', '{"password": 1} x', '[1, 2, {"password": 3}]',
    '{"password": 1,}', '{"password": 01}', '{"password": "\x01"}', "",
    '{"password": 1, "deep": ' + "[" * 31 + "]" * 31 + "}", '{"password": 1, "deep": ' + "[" * 32 + "]" * 32 + "}",
]


@dataclass
class Work:
    """One piece of work, as pwc and as Lua; `passes(sent, seen)` says whether
    the upstream saw what the work must make of the body `sent`."""

    name: str
    pwc: str
    lua: str
    make: Callable[[int], bytes]
    passes: Callable[[bytes, Request], bool]


def _rewritten(sent: bytes, seen: Request) -> bool:
    return seen.body == sent.replace(b"password", b"********")


def _routed(sent: bytes, seen: Request) -> bool:
    document = strict(sent)
    tenant = document.get("tenant") if isinstance(document, dict) else None
    return seen.body == sent and seen.header("x-tenant") == tenant


def _removed(sent: bytes, seen: Request) -> bool:
    expected = without_password(sent)
    return seen.body == expected and seen.header("content-length") == str(len(expected))


WORKS = [
    Work("rewrite", REWRITE, LUA_REWRITE, body_of, _rewritten),
    Work("json-read", JSON_READ, LUA_JSON_READ, json_of, _routed),
    Work("json-remove", JSON_REMOVE, LUA_JSON_REMOVE, json_of, _removed),
]


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


def listeners() -> list[Listener]:
    """Two listeners per work: WORK/pwc and WORK/lua (names with a dash: WORK-pwc)."""
    made = []
    for work in WORKS:
        made.append(Listener(f"{work.name}-pwc", wasm=compile_source(work.pwc, f"{work.name}.pwf").wasm))
        made.append(Listener(f"{work.name}-lua", http_filters_before=[lua_filter(work.lua)]))
    return made


def check(envoy: Envoy, upstream: Upstream) -> None:
    """Every variant does its work on the bench's bodies and the odd documents; AssertionError if not."""
    for work in WORKS:
        bodies = [work.make(SMALL), work.make(LARGE)]
        if work.make is json_of:
            bodies += [text.encode() for text in ODD_DOCUMENTS]
        for variant in ("pwc", "lua"):
            with socket.create_connection(("127.0.0.1", envoy.listener_port(f"{work.name}-{variant}")),
                                          timeout=30) as sock:
                for body in bodies:
                    upstream.clear()
                    assert send(sock, body) == 200, (work.name, variant, body[:80])
                    assert work.passes(body, upstream.requests[-1]), (work.name, variant, body[:80])
            print(f"check {work.name}/{variant} ok", flush=True)
    upstream.clear()


def cpu_per_request(envoy: Envoy, upstream: Upstream, name: str, body: bytes, requests: int) -> float:
    """Envoy's CPU µs per request for `requests` POSTs of `body` to listener `name`."""
    with socket.create_connection(("127.0.0.1", envoy.listener_port(name)), timeout=30) as sock:
        assert send(sock, body) == 200
        upstream.clear()
        ticks = cpu_ticks(envoy.pid)
        for number in range(requests):
            assert send(sock, body) == 200
            if number % 200 == 199:  # the recording upstream keeps what it saw
                upstream.clear()
        spent = (cpu_ticks(envoy.pid) - ticks) / CLK_TCK
    upstream.clear()
    return spent / requests * 1e6


def envoy_cpu(requests: int, rounds: int) -> dict[tuple[str, str, int], float]:
    """CPU µs per request of each (work, variant, body size), median over rounds."""
    samples: dict[tuple[str, str, int], list[float]] = {}
    with Upstream() as upstream, Envoy(listeners(), upstream_port=upstream.port, log_level="warning") as envoy:
        check(envoy, upstream)
        for _ in range(rounds):
            for work in WORKS:
                for size in (SMALL, LARGE):
                    body = work.make(size)
                    for variant in ("pwc", "lua"):
                        spent = cpu_per_request(envoy, upstream, f"{work.name}-{variant}", body, requests)
                        samples.setdefault((work.name, variant, size), []).append(spent)
    return {key: sorted(values)[len(values) // 2] for key, values in samples.items()}


def report_fuel() -> None:
    print("Wasm instructions per body byte (local runtime, 100 KB minus 1 KB):")
    for name, source, make in (("read (contains)", READ, body_of), ("rewrite (replace + set)", REWRITE, body_of),
                               ("JSON parse + read a key", JSON_READ, json_of),
                               ("JSON parse + remove a key", JSON_REMOVE, json_of)):
        print(f"  {name:26} {per_byte(source, make):6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per variant, work, size and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="check every variant in Envoy, a few requests, no figures")
    args = parser.parse_args()
    if args.smoke:
        envoy_cpu(requests=3, rounds=1)
        print("smoke ok")
        return
    report_fuel()
    started = time.monotonic()
    cpu = envoy_cpu(args.requests, args.rounds)
    print(f"\nEnvoy CPU per request, µs (median of {args.rounds} rounds of {args.requests}; "
          f"{time.monotonic() - started:.0f} s):")
    print(f"  {'work':12} {'body':>6} {'pwc':>9} {'lua':>9} {'pwc/lua':>8}")
    for work in WORKS:
        for size in (SMALL, LARGE):
            pwc, lua = cpu[(work.name, "pwc", size)], cpu[(work.name, "lua", size)]
            ratio = f"{pwc / lua:8.2f}" if lua else f"{'-':>8}"  # too few requests for a clock tick
            print(f"  {work.name:12} {size // 1024:>4}KB {pwc:9.1f} {lua:9.1f} {ratio}")


if __name__ == "__main__":
    main()

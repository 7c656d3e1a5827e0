"""What the tests that check pwc against CEL itself share
(tests/conformance/cel): a filter that writes expressions into request
headers, for the local runtime."""

from __future__ import annotations

from pwc.compiler.driver import compile_source
from pwc.runtime.host import Host


def headers_filter(name: str, lets: list[str], headers: dict[str, str]) -> Host:
    """A local host running filter `name`: on a request, the `let` lines, then
    every header of `headers` set to its expression."""
    lines = [f'filter "{name}"', "on request {"] + [f"  {line}" for line in lets]
    lines += [f'  set request.headers["{header}"] = {expression}' for header, expression in headers.items()]
    result = compile_source("\n".join(lines + ["}"]) + "\n", f"{name}.pwf")
    assert result.ok, result.render()
    return Host(result.wasm)


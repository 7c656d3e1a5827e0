"""What the tests that check pwc against CEL itself share
(tests/conformance/cel, tests/property/test_dyn_against_cel.py): a filter
that writes expressions into request headers, for the local runtime, and
cel-cpp (the `cel-expr-python` package, Google's CEL in C++ with cel-go's
strings extension; a test oracle only, never a dependency of pwc)."""

from __future__ import annotations

from typing import Any

from cel_expr_python import cel
from cel_expr_python.ext import ext_strings

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


class CelCpp:
    """cel-cpp with the strings extension, over typed variables: each
    expression is compiled once, its values are passed in an activation (so
    a generated string is never escaped into the expression's text).
    cel-expr-python 0.1.3 cuts a string it is given at its first NUL."""

    def __init__(self, variables: dict[str, Any]) -> None:
        self.env = cel.NewEnv(variables=variables, extensions=[ext_strings.ExtStrings()])
        self.programs: dict[str, Any] = {}

    def evaluate(self, expression: str, values: dict[str, Any]) -> tuple[bool, Any]:
        """(True, the value as Python's) or (False, CEL's error text)."""
        program = self.programs.get(expression)
        if program is None:
            program = self.programs[expression] = self.env.compile(expression)
        result = program.eval(self.env.Activation(values))
        if result.type() == cel.Type.ERROR:
            return False, result.value()
        return True, result.plain_value()


STRING = cel.Type.STRING
INT = cel.Type.INT
STRING_LIST = cel.Type.List(cel.Type.STRING)

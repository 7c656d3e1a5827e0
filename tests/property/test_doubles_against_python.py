"""Doubles in compiled filters against Python's floats.

One filter reads two doubles and an int from headers (`double(s)`,
`int(s)`), computes every operator on them and writes the results with
`string()`; the local runtime runs it for generated values.  The oracles are
independent of pwc: IEEE 754 arithmetic as CPython does it, repr() for
string() (the shortest text that reads back, Python's layout), Python's
exact comparison of an int with a float for CEL's heterogeneous
comparisons, and int() truncation.  Inputs are written with repr, so
double() must read back exactly the value drawn (a bit-for-bit round trip).
"""

from __future__ import annotations

import math
from functools import cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pwc.compiler.driver import compile_source
from pwc.runtime.host import Host

# header -> pwc expression over a, b (doubles) and i (an int)
EXPRESSIONS = {
    "x-sum": "string(a + b)", "x-diff": "string(a - b)", "x-product": "string(a * b)",
    "x-quotient": "string(a / b)", "x-negated": "string(-a)", "x-text": "string(a)",
    "x-lt": "string(a < b)", "x-le": "string(a <= b)", "x-eq": "string(a == b)", "x-ne": "string(a != b)",
    "x-i-lt": "string(a < i)", "x-i-gt": "string(i > a)", "x-i-eq": "string(i == a)", "x-i-ge": "string(a >= i)",
    "x-int": 'a > -9.2e18 && a < 9.2e18 ? string(int(a)) : "range"',
    "x-from-int": "string(double(i))",
    "x-json": 'string(json.decode(request.headers["x-a"]) < b) + string(json.decode(request.headers["x-i"]) == a)',
}


@cache
def host() -> Host:
    lines = ['filter "doubles"', "on request {", '  let a = double(request.headers["x-a"])',
             '  let b = double(request.headers["x-b"])', '  let i = int(request.headers["x-i"])']
    lines += [f'  set request.headers["{name}"] = {expression}' for name, expression in EXPRESSIONS.items()]
    result = compile_source("\n".join(lines + ["}"]) + "\n", "doubles.pwf")
    assert result.ok, result.render()
    return Host(result.wasm)


def divided(a: float, b: float) -> float:
    """IEEE 754 division (Python raises for a zero divisor)."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def text(x: float) -> str:
    return repr(x)


def expected(a: float, b: float, i: int) -> dict[str, str]:
    def truth(x: bool) -> str:
        return "true" if x else "false"
    return {
        "x-sum": text(a + b), "x-diff": text(a - b), "x-product": text(a * b), "x-quotient": text(divided(a, b)),
        "x-negated": text(-a), "x-text": text(a),
        "x-lt": truth(a < b), "x-le": truth(a <= b), "x-eq": truth(a == b), "x-ne": truth(a != b),
        "x-i-lt": truth(a < i), "x-i-gt": truth(i > a), "x-i-eq": truth(i == a), "x-i-ge": truth(a >= i),
        "x-int": str(int(a)) if -9.2e18 < a < 9.2e18 else "range",
        "x-from-int": text(float(i)),
        "x-json": truth(a < b) + truth(i == a),
    }


def run(a: float, b: float, i: int) -> dict[str, str]:
    result = host().request(headers=[("x-a", repr(a)), ("x-b", repr(b)), ("x-i", str(i))])
    assert result.upstream_request is not None, (a, b, i, [log.message for log in result.logs])
    return {name: result.upstream_request.header(name) for name in EXPRESSIONS}


FINITE = st.floats(allow_nan=False, allow_infinity=False)
NEAR_INTS = st.integers(-(2**63), 2**63 - 1).map(float) | st.integers(-(2**60), 2**60).map(lambda n: n + 0.5)
INTS = st.integers(-(2**63), 2**63 - 1) | st.sampled_from([0, 1, -1, 2**53, 2**53 + 1, -(2**53) - 1, 2**63 - 1])


@settings(max_examples=1500, deadline=None)
@given(FINITE | NEAR_INTS, FINITE | NEAR_INTS | st.sampled_from([0.0, -0.0]), INTS)
@example(1e308, 1e308, 0)
@example(-0.0, 0.0, 0)
@example(0.0, -0.0, 0)
@example(5e-324, -2.0, 2**53 + 1)
@example(float(2**53), 3.0, 2**53 + 1)
@example(9.223372036854775e18, 1.0, 2**63 - 1)
def test_double_operators_agree_with_python(a, b, i):
    assert run(a, b, i) == expected(a, b, i)


def test_the_oracle_sees_what_float_arithmetic_gives():
    assert expected(0.1, 0.2, 0)["x-sum"] == "0.30000000000000004"
    assert expected(float(2**53), 1.0, 2**53 + 1)["x-i-lt"] == "true"  # exact: 2^53 < 2^53 + 1
    assert run(0.1, 0.2, 0)["x-sum"] == "0.30000000000000004"

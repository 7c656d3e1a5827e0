"""Robustness of the front end: whatever the input, `pwc check` answers with
diagnostics, never a crash.

Generated inputs: (a) token soup, (b) mutations of real programs, (c) well-formed
programs from a small grammar, which must also compile to a wasm module.  Every
run asserts that no exception escapes, no internal-error diagnostic appears,
every span lies within the source, and the CLI exits 0 or 1.  (e) batches of
well-formed programs compile to identical bytes in two folders under two
hash seeds, each within 2 s, each compiler process within 500 MB.

PWC_FUZZ_EXAMPLES=5000 pytest tests/property  runs a larger budget (and
PWC_FUZZ_EXAMPLES/25 batches of (e), 25 programs each).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pwc import cli
from pwc.compiler import driver
from pwc.compiler.source import Source

def budget(default: int) -> settings:
    """`default` examples, or PWC_FUZZ_EXAMPLES when it is set."""
    count = int(os.environ.get("PWC_FUZZ_EXAMPLES", default))
    return settings(max_examples=count, deadline=None, derandomize="PWC_FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


# ------------------------------------------------------------------ checks


def assert_front_end_survives(text: str) -> driver.Result:
    result = driver.front_end(Source("fuzz.pwf", text))
    for diagnostic in result.diagnostics:
        assert "internal compiler error" not in diagnostic.message, (diagnostic.message, text)
        assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text), (diagnostic, text)
        assert diagnostic.message and diagnostic.severity in ("error", "warning", "note")
    rendered = result.render()
    assert rendered.count("error:") + rendered.count("warning:") >= len(result.diagnostics)
    return result


def run_cli_check(text: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.pwf"
        path.write_text(text, encoding="utf-8", newline="")
        stderr, stdout = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
            status = cli.main(["check", str(path)])
    return status, stderr.getvalue()


# ------------------------------------------------------------- (a) token soup

KEYWORDS = ["filter", "on", "request", "response", "config", "set", "add", "remove", "rewrite", "to",
            "respond", "headers", "continue", "if", "else", "let", "call", "log", "info", "true", "false",
            "in", "size", "int", "string", "startsWith", "matches", "body", "every"]
OPERATORS = ["==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "+", "-", "*", "/", "%", "?", ":", "=",
             ".", ",", "(", ")", "[", "]", "{", "}", "<string>", "list<"]
LITERALS = ['"x"', '"/api"', "''", 'r"\\d+"', '"\\d"', '"a\\x4"', '"\\u00e9"', '"unterminated', "0", "42",
            "0x7f", "99999999999999999999", "9223372036854775808", "500ms", "1m30s", "5sec", "700", '":path"',
            '"x a"', '"a\\r\\nb"', "#comment", "request.path", "request.headers", 'request.headers["x-a"]',
            "response.code", "config.x", "x", "_", "é", "\t", "\r", "\0", "\u2028", "\ufeff"]
LAYOUT = ["\n", "\n", "\n\n", " {\n", "\n}\n", "\r\n"]

tokens = st.sampled_from(KEYWORDS + OPERATORS + LITERALS + LAYOUT)


@st.composite
def token_soup(draw) -> str:
    head = draw(st.sampled_from(['filter "f"\n', 'filter "f"\non request {\n', "", "on response {\n"]))
    parts = draw(st.lists(tokens, max_size=40))
    separators = draw(st.lists(st.sampled_from([" ", "", "\n", "  "]), min_size=len(parts), max_size=len(parts)))
    return head + "".join(p + s for p, s in zip(parts, separators))


@budget(1500)
@given(token_soup())
@example('filter "f"\non request {\nlet config = 1\n}\n')
@example('filter\n')
@example('filter "f"\non request {\n  if {\n    continue\n  }\n}\n')
def test_token_soup_never_crashes(text: str) -> None:
    assert_front_end_survives(text)


# ------------------------------------------------------ (b) mutated programs

BUILT_IN_PROGRAMS = [
    '''filter "gate"

on request {
  let user = request.headers["x-user"]
  if !("authorization" in request.headers) && request.method in ["GET", "HEAD"] {
    respond 401 "missing credentials" headers {"www-authenticate": "Bearer"}
  } else if size(user) > 3 || user.startsWith("svc-") {
    set request.headers["x-user"] = user.lowerAscii()
  } else {
    remove request.headers["x-internal"]
  }
  log info "user " + user + " " + string(size(request.path) * 2 - 1)
}

on response {
  set response.headers["x-user"] = user
  if response.code >= 500 {
    set response.headers["cache-control"] = "no-store"
  }
}
''',
    '''filter "literals"
# comment
on request {
  let a = r"\\d+"
  let b = "tab\\t\\x41\\u00e9 \\"q\\""
  let n = -9223372036854775808 + 0x10 % 3
  let c = n > 0 ? "pos" : "neg"
  set request.path = "/v2" + request.path
  add request.headers["via"] = c + a + b
  respond 503
}
''',
]
EXAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("examples").glob("*.pwf"))
PROGRAMS = BUILT_IN_PROGRAMS + [path.read_text(encoding="utf-8") for path in EXAMPLES]
INSERTS = ["\0", "\r", "\t", "\x7f", "\x1b", "é", "日本", "\U0001f600", "\u2028", "\ufeff", "\\", '"', "'", "r'",
           "{", "}", "(", ")", "[", "]", "\n", "#", "---", "x" * 5000, " " * 300 + "=", "else", "}\nelse {",
           "\n\n\n", "9" * 40, "-", "!", "?", ":", ".", ",", "config", "call", "headers"]
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\w+|\s+|.', re.S)


@st.composite
def mutated_program(draw) -> str:
    text = draw(st.sampled_from(PROGRAMS))
    for _ in range(draw(st.integers(1, 6))):
        pieces = TOKEN.findall(text) if draw(st.booleans()) else list(text)
        if not pieces:
            pieces = [""]
        i = draw(st.integers(0, len(pieces) - 1))
        j = draw(st.integers(i, min(len(pieces), i + 8)))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace"]))
        if operation == "delete":
            del pieces[i:j]
        elif operation == "duplicate":
            pieces[i:i] = pieces[i:j]
        elif operation == "swap":
            k = draw(st.integers(0, len(pieces) - 1))
            pieces[i], pieces[k] = pieces[k], pieces[i]
        elif operation == "insert":
            pieces.insert(i, draw(st.sampled_from(INSERTS)))
        else:
            pieces[i:j] = [draw(st.sampled_from(INSERTS + KEYWORDS + OPERATORS))]
        text = "".join(pieces)
    return text


@budget(2000)
@given(mutated_program())
def test_mutated_programs_never_crash(text: str) -> None:
    assert_front_end_survives(text)


@budget(200)
@given(st.one_of(mutated_program(), token_soup(), st.text(max_size=200)))
def test_cli_check_exits_0_or_1(text: str) -> None:
    status, stderr = run_cli_check(text)
    assert status in (0, 1), stderr
    assert "internal compiler error" not in stderr and "pwc: internal error" not in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert (status == 1) == ("error:" in stderr), stderr


# ------------------------------------------------ (c) well-formed programs

HEADER_NAMES = ["x-a", "x-user", "Cache-Control", "via", "x_b", "authorization"]
SAFE_CHARS = st.characters(min_codepoint=0x20, max_codepoint=0x2FF, exclude_characters='"\\\x7f')


@st.composite
def string_literal(draw) -> str:
    parts = draw(st.lists(st.one_of(st.text(SAFE_CHARS, max_size=6),
                                    st.sampled_from(["\\\\", '\\"', "\\t", "\\x41", "\\u00e9"])), max_size=4))
    return '"' + "".join(parts) + '"'


class _Program:
    """Draws typed expressions and statements over the names declared so far."""

    def __init__(self, draw, phase: str, lets: dict[str, str]):
        self.draw, self.phase, self.lets = draw, phase, lets

    def names(self, kind: str) -> list[str]:
        return [name for name, t in self.lets.items() if t == kind]

    def string(self, depth: int = 0) -> str:
        options = ["literal", "attribute", "header"] + (["let"] if self.names("string") else [])
        if depth < 3:
            options += ["concat", "method", "convert", "conditional"]
        choice = self.draw(st.sampled_from(options))
        if choice == "literal":
            return self.draw(string_literal())
        if choice == "attribute":
            return self.draw(st.sampled_from(["request.path", "request.url_path", "request.query", "request.method",
                                              "request.host", "request.scheme"]))
        if choice == "header":
            side = self.draw(st.sampled_from(["request", "response"] if self.phase == "response" else ["request"]))
            return f'{side}.headers["{self.draw(st.sampled_from(HEADER_NAMES))}"]'
        if choice == "let":
            return self.draw(st.sampled_from(self.names("string")))
        if choice == "concat":
            return f"{self.string(depth + 1)} + {self.string(depth + 1)}"
        if choice == "method":
            return f"({self.string(depth + 1)}).{self.draw(st.sampled_from(['lowerAscii', 'upperAscii', 'trim']))}()"
        if choice == "convert":
            return f"string({self.int(depth + 1)})"
        return f"({self.bool(depth + 1)} ? {self.string(depth + 1)} : {self.string(depth + 1)})"

    def int(self, depth: int = 0) -> str:
        options = ["literal"] + (["let"] if self.names("int") else []) + (["code"] if self.phase == "response" else [])
        if depth < 3:
            options += ["size", "arith", "negate"]
        choice = self.draw(st.sampled_from(options))
        if choice == "literal":
            return str(self.draw(st.integers(0, 1000)))
        if choice == "let":
            return self.draw(st.sampled_from(self.names("int")))
        if choice == "code":
            return "response.code"
        if choice == "size":
            return f"size({self.string(depth + 1)})"
        if choice == "negate":
            return f"-({self.int(depth + 1)})"
        op = self.draw(st.sampled_from(["+", "-", "*", "/", "%"]))
        right = str(self.draw(st.integers(1, 9))) if op in "/%" else self.int(depth + 1)
        return f"({self.int(depth + 1)} {op} {right})"

    def bool(self, depth: int = 0) -> str:
        options = ["literal"] + (["let"] if self.names("bool") else [])
        if depth < 3:
            options += ["compare", "method", "logic", "not", "in_headers", "in_list"]
        choice = self.draw(st.sampled_from(options))
        if choice == "literal":
            return self.draw(st.sampled_from(["true", "false"]))
        if choice == "let":
            return self.draw(st.sampled_from(self.names("bool")))
        if choice == "compare":
            if self.draw(st.booleans()):
                return f"{self.string(depth + 1)} {self.draw(st.sampled_from(['==', '!=', '<', '>=']))} {self.string(depth + 1)}"
            return f"{self.int(depth + 1)} {self.draw(st.sampled_from(['==', '!=', '<', '<=', '>', '>=']))} {self.int(depth + 1)}"
        if choice == "method":
            method = self.draw(st.sampled_from(["startsWith", "endsWith", "contains"]))
            return f"({self.string(depth + 1)}).{method}({self.string(depth + 1)})"
        if choice == "logic":
            return f"({self.bool(depth + 1)} {self.draw(st.sampled_from(['&&', '||']))} {self.bool(depth + 1)})"
        if choice == "not":
            return f"!({self.bool(depth + 1)})"
        if choice == "in_headers":
            return f'"{self.draw(st.sampled_from(HEADER_NAMES))}" in request.headers'
        return f"{self.string(depth + 1)} in [{self.string(depth + 1)}, {self.draw(string_literal())}]"

    def statements(self, indent: str, depth: int) -> list[str]:
        lines = []
        for _ in range(self.draw(st.integers(0, 4))):
            lines.extend(self.statement(indent, depth))
        ending = self.draw(st.sampled_from(["", "", "continue", "respond"]))
        if ending == "continue":
            lines.append(indent + "continue")
        elif ending == "respond":
            status = self.draw(st.integers(100, 599))
            has_body = not (status < 200 or status in (204, 304))  # HTTP sends no body with these
            body = f" {self.string()}" if has_body and self.draw(st.booleans()) else ""
            headers = f' headers {{"{self.draw(st.sampled_from(HEADER_NAMES))}": {self.string()}}}' if body and self.draw(st.booleans()) else ""
            lines.append(f"{indent}respond {status}{body}{headers}")
        return lines

    def statement(self, indent: str, depth: int) -> list[str]:
        options = ["set_header", "remove", "let", "log"] + (["if"] if depth < 2 else [])
        if self.phase == "request":
            options.append("set_attribute")
        choice = self.draw(st.sampled_from(options))
        header = f'{self.phase}.headers["{self.draw(st.sampled_from(HEADER_NAMES))}"]'
        if choice == "set_header":
            return [f"{indent}{self.draw(st.sampled_from(['set', 'add']))} {header} = {self.string()}"]
        if choice == "remove":
            return [f"{indent}remove {header}"]
        if choice == "set_attribute":
            target = self.draw(st.sampled_from(["request.path", "request.url_path", "request.method", "request.host"]))
            # a literal must be a valid path/method/host (checked at compile time);
            # a computed value is checked at run time
            valid = {"request.path": '"/"', "request.url_path": '"/"', "request.method": '"GET"',
                     "request.host": '"h"'}[target]
            return [f"{indent}set {target} = {valid} + {self.string()}"]
        if choice == "log":
            level = self.draw(st.sampled_from(["trace", "debug", "info", "warn", "error"]))
            return [f"{indent}log {level} {self.string()}"]
        if choice == "let":
            kind = self.draw(st.sampled_from(["string", "int", "bool"]))
            value = getattr(self, kind)()
            name = f"v{len(self.lets)}_{self.phase[:3]}"
            self.lets[name] = kind
            return [f"{indent}let {name} = {value}"]
        lines = [f"{indent}if {self.bool()} {{"]
        inner = _Program(self.draw, self.phase, dict(self.lets))
        lines += inner.statements(indent + "  ", depth + 1)
        self._adopt_names(inner)
        if self.draw(st.booleans()):
            lines.append(f"{indent}}} else {{")
            inner = _Program(self.draw, self.phase, dict(self.lets))
            lines += inner.statements(indent + "  ", depth + 1)
            self._adopt_names(inner)
        lines.append(f"{indent}}}")
        return lines

    def _adopt_names(self, inner: "_Program") -> None:
        # Names declared in an inner block are out of scope afterwards, but
        # stay taken so that no later `let` reuses them.
        for name in inner.lets.keys() - self.lets.keys():
            self.lets[name] = "taken"


@st.composite
def well_formed_program(draw) -> str:
    lets: dict[str, str] = {}
    out = [f'filter "{draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True))}"', ""]
    phases = draw(st.sampled_from([["request"], ["response"], ["request", "response"], ["response", "request"]]))
    for phase in phases:
        # Top-level lets of `on request` are visible in `on response`; check order does not matter.
        visible = {n: t for n, t in lets.items() if n.endswith("_req") and t != "taken"} if phase == "response" else {}
        program = _Program(draw, phase, dict(visible) | {n: "taken" for n in lets if n not in visible})
        body = program.statements("  ", 0)
        lets.update({n: t for n, t in program.lets.items() if n not in lets})
        out += [f"on {phase} {{", *body, "}", ""]
    return "\n".join(out)


@budget(60)
@given(well_formed_program())
# `{` after `request.headers` was taken for a map literal (`headers` is also a keyword).
@example('filter "a"\non request {\n  if "x-a" in request.headers {\n    continue\n  }\n}\n')
def test_well_formed_programs_compile(text: str) -> None:
    result = assert_front_end_survives(text)
    assert result.ok, result.render() + "\n\n" + text
    compiled = driver.compile_source(text, "generated.pwf")
    assert compiled.ok, compiled.render() + "\n\n" + text
    assert compiled.wasm is not None and compiled.wasm.startswith(b"\0asm")


# ---------------------------------------- (e) reproducible, bounded compiles

_COMPILE_ALL = r'''
import hashlib, json, sys, time
from pathlib import Path
from pwc.compiler.driver import compile_source
report = []
for path in sorted(Path(".").glob("*.pwf")):
    began = time.perf_counter()
    result = compile_source(path.read_text(encoding="utf-8"), path.name)
    report.append([path.name, result.ok, hashlib.sha256(result.wasm or b"").hexdigest(),
                   time.perf_counter() - began])
# VmHWM starts again at exec; ru_maxrss would count the parent's pages a fork shared before it
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"modules": report, "peak_kb": peak}))
'''


def _compile_in(folder: Path, hash_seed: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _COMPILE_ALL], cwd=folder, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@settings(budget(2), max_examples=max(2, int(os.environ.get("PWC_FUZZ_EXAMPLES", 50)) // 25))
@given(st.lists(well_formed_program(), min_size=25, max_size=25))
def test_generated_programs_compile_to_identical_bytes_in_bounded_time_and_memory(programs: list[str]) -> None:
    """Each batch is compiled twice, in two folders under two hash seeds, in
    child processes (so their peak memory is their own): the bytes agree,
    every module assembles, no compile takes more than 2 s and no child more
    than 500 MB."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        for folder in (one, two):
            for index, text in enumerate(programs):
                (Path(folder) / f"p{index:03}.pwf").write_text(text, encoding="utf-8")
        first, second = _compile_in(Path(one), "1"), _compile_in(Path(two), "4242")
    assert [m[:3] for m in first["modules"]] == [m[:3] for m in second["modules"]]
    assert all(ok for _, ok, _, _ in first["modules"]), [p for p, m in zip(programs, first["modules"]) if not m[1]]
    assert max(seconds for *_, seconds in first["modules"] + second["modules"]) < 2.0
    assert max(first["peak_kb"], second["peak_kb"]) < 500 * 1024

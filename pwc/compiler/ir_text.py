"""The IR as text, for `pwc ir FILE.pwf` and the per-pass goldens.

One line per statement, prefixed by the .pwf line it came from; expressions
inline, in call syntax:

    request:
      banana.pwf:4  $t0 = hdr_get_first(i32 0, ":path")
      banana.pwf:4  check
      banana.pwf:4  if i64.ne($t0, $t1) {
      ...

Stdlib calls print as `name(args)`, wasm instructions as `i64.ne(args)`,
constants with their wasm type, strings as Python-style escaped ASCII
literals (so the text is deterministic and safe to print), locals as their
WAT names.  Generated regex functions print as what the emitter renders
them from: the pattern's program (RE2's instruction set) and, for a
`matches` that runs one, its DFA.
"""

from __future__ import annotations

from collections.abc import Callable

from . import ir
from .regex import listing
from .source import Source

_INDENT = "  "


def format_program(program: ir.Program, source: Source) -> str:
    lines = [f"filter {_string(program.filter_name.encode())} from {program.source_name}"]
    for config in program.config:
        field = config.field
        given = "required" if field.required else "optional" if field.optional else f"default {field.default!r}"
        timeout = ", a call timeout" if config.call_timeout else ""
        lines.append(f"config {config.name}: {field.type}, {given}{timeout}")
    for slot in program.slots:
        lines.append(f"slot {slot.index}: {slot.kind}")
    for metric in program.metrics:
        lines.append(f"metric {metric.name}: {metric.kind.name.lower()}")
    for index, value in program.snapshot:
        lines.append(f"snapshot slot {index} = {_expr(value)}")
    for store in program.stores:
        lines.append(f"store {store.index}: kind {store.kind} at {_string(store.key)}, default {_expr(store.default)}")
    for timer in program.timers:
        lines.append(f"every {timer.period_ms}ms: {timer.function}, lease {_string(timer.lease_key)}")
    for function in program.functions:
        lines.append("")
        resume = f" (continuation {function.resume})" if function.resume is not None else ""
        lines.append(f"{function.name}:{resume}")
        if function.locals:
            lines.append(_INDENT + "locals " + ", ".join(f"{local.name} {local.wasm}" for local in function.locals))
        _block(function.body, 1, source, lines)
    for generated in program.regex_functions:
        lines.append("")
        lines += _regex_function(generated)
    return "\n".join(lines) + "\n"


def _regex_function(generated: ir.RegexFunction) -> list[str]:
    regex = generated.regex
    pattern = _string(regex.pattern.encode("utf-8", "surrogatepass"))
    groups = f"{regex.group_count} group{'s' * (regex.group_count != 1)}"
    if generated.template is None:
        head = f"regex ${generated.name}: {_KIND_TEXT[generated.kind]} {pattern} ({groups})"
    else:
        template = _string(listing.template_text(generated.template).encode())
        head = f"regex ${generated.name}: replace {pattern} by {template} ({groups})"
    bound = f"at most {regex.max_cost_per_byte:,} wasm instructions per byte"
    lines = [head, f"{_INDENT}program, {len(regex.automaton.insts)} instructions, {bound}:"]
    lines += [_INDENT * 2 + line for line in listing.program_lines(regex.automaton)]
    dfa = regex.dfa if generated.kind == "match" else None
    if dfa is not None:
        lines.append(f"{_INDENT}runs as a DFA, {len(dfa.transitions)} states:")
        lines += [_INDENT * 2 + line for line in listing.dfa_listing(dfa)]
    elif generated.kind == "match":
        lines.append(f"{_INDENT}runs as a Pike VM (no DFA: line anchors, word boundaries or too many states)")
    return lines


_KIND_TEXT = {"match": "matches", "find": "finds the first match of", "extract": "extracts the first group of",
              "findall": "finds every match of"}


def _block(body: list, depth: int, source: Source, lines: list[str]) -> None:
    for stmt in body:
        _STATEMENTS[type(stmt)](stmt, depth, source, lines)


def _where(stmt: ir.Stmt, source: Source) -> str:
    if not stmt.span.end:
        return ""
    line = source.line_of(stmt.span)
    return f"{source.name}:{line}  "


def _emit(stmt: ir.Stmt, depth: int, source: Source, lines: list[str], text: str) -> None:
    lines.append(_INDENT * depth + _where(stmt, source) + text)


def _set_local(stmt: ir.SetLocal, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines, f"{stmt.local.name} = {_expr(stmt.value)}")


def _effect(stmt: ir.Effect, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines, f"do {_expr(stmt.call)}")


def _save(stmt: ir.Save, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines, f"save slot {stmt.slot} = {_expr(stmt.value)}")


def _if(stmt: ir.If, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines, f"if {_expr(stmt.condition)} {{")
    _block(stmt.then, depth + 1, source, lines)
    if stmt.otherwise:
        lines.append(_INDENT * depth + "} else {")
        _block(stmt.otherwise, depth + 1, source, lines)
    lines.append(_INDENT * depth + "}")


def _check(stmt: ir.Check, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines, f"check (fail at line {source.line_of(stmt.span)})")


def _respond(stmt: ir.Respond, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines,
          f"respond {_expr(stmt.status)} body {_expr(stmt.body)} headers {_expr(stmt.headers)}")


def _exit(stmt: ir.Exit, depth, source, lines) -> None:
    _emit(stmt, depth, source, lines, "continue")


def _http_call(stmt: ir.HttpCall, depth, source, lines) -> None:
    fields = ", ".join(f"{name}: {_expr(getattr(stmt, name))}"
                       for name in ("method", "path", "authority", "headers", "body", "timeout"))
    _emit(stmt, depth, source, lines, f"call {_expr(stmt.cluster)} {{{fields}}} -> slots {stmt.result_slot}.., "
                                      f"then continuation {stmt.resume}")


def _for_each(stmt: ir.ForEach, depth, source, lines) -> None:
    names = stmt.item.name + (f", {stmt.value.name}" if stmt.value is not None else "")
    _emit(stmt, depth, source, lines, f"for {names} in {_expr(stmt.items)} {{")
    _block(stmt.body, depth + 1, source, lines)
    lines.append(_INDENT * depth + "}")


_STATEMENTS: dict[type, Callable] = {
    ir.SetLocal: _set_local, ir.Effect: _effect, ir.Save: _save, ir.If: _if, ir.Check: _check,
    ir.Respond: _respond, ir.Exit: _exit, ir.HttpCall: _http_call, ir.ForEach: _for_each,
}


def _expr(expr) -> str:
    return _EXPRESSIONS[type(expr)](expr)


def _string(data: bytes) -> str:
    """An ASCII literal: printable bytes as they are, the rest escaped."""
    return '"' + "".join(chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\x{b:02x}" for b in data) + '"'


def _args(args: list) -> str:
    return ", ".join(_expr(arg) for arg in args)


_EXPRESSIONS: dict[type, Callable] = {
    ir.Local: lambda e: e.name,
    ir.Const: lambda e: f"{e.wasm} {e.value}",
    ir.Str: lambda e: _string(e.text),
    ir.StaticList: lambda e: "[" + ", ".join(_string(item) for item in e.items) + "]",
    ir.StaticMap: lambda e: "{" + ", ".join(f"{_string(k)}: {_string(v)}" for k, v in e.entries) + "}",
    ir.NewList: lambda e: f"list in {e.table.name} [" + _args(e.items) + "]",
    ir.NewMap: lambda e: f"map in {e.table.name} {{" + ", ".join(f"{_expr(k)}: {_expr(v)}" for k, v in e.entries) + "}",
    ir.Get: lambda e: e.local.name,
    ir.RecordRead: lambda e: f"saved slot {e.slot}",
    ir.ConfigRead: lambda e: f"config field {e.slot}",
    ir.ConfigRecord: lambda e: "config",
    ir.StdCall: lambda e: f"{e.func}({_args(e.args)})",
    ir.Instruction: lambda e: f"{e.instr}({_args(e.args)})",
    ir.Select: lambda e: f"({_expr(e.condition)} ? {_expr(e.then)} : {_expr(e.otherwise)})",
    ir.Bind: lambda e: f"(bind {e.local.name} = {_expr(e.value)} in {_expr(e.body)})",
    ir.Regex: lambda e: f"{e.func}({_args(e.args)})",
    ir.EachRegex: lambda e: f"each {e.func}({_expr(e.items)}) via {e.source.name} {e.result.name} {e.index.name}",
    ir.Fold: lambda e: ("".join(f"({local.name} = {_expr(read)}) then " for local, read in e.before)
                        + f"{e.kind}({_expr(e.items)}, {e.item.name}"
                        + "".join(f", {_expr(part)}" for part in (e.predicate, e.value) if part is not None) + ")"),
    ir.MetricId: lambda e: f"metric {e.name}",
    ir.StoreEntry: lambda e: f"store entry {e.index}",
    ir.Context: lambda e: "ctx",
    type(None): lambda e: "none",
}

"""The pipeline, as a short list of passes, and the Python API.

    parse -> check -> lower -> emit -> assemble

Each pass collects its diagnostics; the pipeline stops after the first pass
that reported an error, so later passes only ever see well-formed input.
"""

from __future__ import annotations

import traceback
from dataclasses import field
from pathlib import Path

from . import checker, emit, ir, lower, messages, metadata, parser, syntax, syntax_json
from .checked import Checked
from .assemble import assemble
from .printer import format_module
from .schema import json_schema
from .diagnostics import CompileError, Diagnostic, Diagnostics, render_all
from .source import Source, Span
from .records import record


@record
class Result:
    """What a compile produced: the module (None on error) and every diagnostic."""

    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    module: syntax.Module | None = None
    checked: Checked | None = None
    program: ir.Program | None = None
    wat: str | None = None
    wasm: bytes | None = None

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def render(self) -> str:
        return render_all(self.diagnostics, self.source)


def front_end(source: Source, module: syntax.Module | None = None) -> Result:
    """Parse (unless a syntax tree is given) and check: the diagnostics of `pwc check`."""
    result = Result(source)
    diagnostics = Diagnostics()
    with _internal_errors(result, diagnostics):
        if module is None:
            module = parser.parse(source, diagnostics)
        elif (deep := syntax.too_deep(module)) is not None:  # a tree from the JSON form
            diagnostics.error(messages.tree_nested_too_deeply(syntax.MAX_NESTING), getattr(deep, "span", Span()))
            module = None
        if module is not None:
            result.module = module
            checked = checker.check(module, diagnostics)
            result.checked = checked
            if not diagnostics.has_errors:
                result.program = lower.lower(checked, source)
    result.diagnostics = diagnostics.sorted()
    return result


def _emit(result: Result, trace_lines: bool) -> Result:
    if result.ok and result.program is not None:
        diagnostics = Diagnostics(list(result.diagnostics))
        with _internal_errors(result, diagnostics):
            result.wat = emit.emit(result.program, result.source, trace_lines=trace_lines)
        result.diagnostics = diagnostics.sorted()
    return result


def _assemble(result: Result) -> Result:
    checked, module, program = result.checked, result.module, result.program
    if result.ok and result.wat is not None and checked and module and program:
        diagnostics = Diagnostics(list(result.diagnostics))
        with _internal_errors(result, diagnostics):
            regex_cost = max((rx.max_cost_per_byte for rx in checked.regexes.values()), default=0)
            described = metadata.describe(module, program, json_schema(checked), regex_cost)
            result.wasm = metadata.append_section(assemble(result.wat), described)
        result.diagnostics = diagnostics.sorted()
    return result


def to_wat(source: Source, *, trace_lines: bool = False) -> Result:
    return _emit(front_end(source), trace_lines)


def compile_source(text: str, filename: str = "filter.pwf", *, trace_lines: bool = False) -> Result:
    """Compile .pwf text; `result.wasm` holds the module when `result.ok`.

    Only the base name of `filename` is embedded in the module, so the same
    text gives the same bytes wherever the file lives.  `trace_lines` makes
    a build that logs each statement it runs (see emit.emit)."""
    source = Source(Path(filename).name, text)
    return _assemble(to_wat(source, trace_lines=trace_lines))


def compile_module(module: syntax.Module, filename: str = "filter.pwf") -> Result:
    """Compile a syntax tree (the JSON form).  A tree whose spans carry line
    numbers (as `pwc parse --json` writes them) gives the same module as its
    text; a tree without them is compiled from its canonical text, so run-time
    errors name lines of `pwc fmt`'s output."""
    if not _has_lines(module):
        return compile_source(format_module(module), filename)
    return _assemble(_emit(front_end(Source(Path(filename).name, ""), module), trace_lines=False))


def compile_json(text: str, filename: str = "filter.json") -> Result:
    """Compile the JSON form; a document that is not a valid syntax tree gets
    diagnostics naming the JSON path of each problem."""
    name = module_name_for(filename)
    module, problems = syntax_json.load(text)
    if module is None:
        diagnostics = Diagnostics()
        for where, problem in problems:
            diagnostics.error(messages.invalid_tree(where, problem), Span())
        return Result(Source(Path(filename).name, ""), diagnostics.items)  # in pydantic's order
    return compile_module(module, module.source_name or name)


def module_name_for(filename: str | Path) -> str:
    """The source name a JSON file's module embeds: `x.json` -> `x.pwf`."""
    return Path(filename).with_suffix(".pwf").name


def _has_lines(module: syntax.Module) -> bool:
    return all(handler.span.line for handler in module.handlers) and bool(module.filter_span.line)


def compile_file(path: str | Path, *, trace_lines: bool = False) -> bytes:
    """The module compiled from a .pwf file; raises CompileError on errors."""
    path = Path(path)
    result = compile_source(path.read_text(encoding="utf-8"), path.name, trace_lines=trace_lines)
    if not result.ok or result.wasm is None:
        raise CompileError(result.diagnostics, result.source)
    return result.wasm


class _internal_errors:
    """Turns a crash inside a pass into a located internal-error diagnostic."""

    def __init__(self, result: Result, diagnostics: Diagnostics):
        self.result = result
        self.diagnostics = diagnostics

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        if error is None or not isinstance(error, Exception):
            return False
        frames = traceback.extract_tb(tb)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        self.diagnostics.error(messages.internal_error(error, where), getattr(error, "pwc_span", None) or Span())
        return True

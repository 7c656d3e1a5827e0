"""Hand-written WAT support code linked into compiled modules.

The `.wat` files here hold top-level module fields only (`func` and `global`,
no data segments), each preceded by a `;;` comment that documents it.
`link(roots)` picks the fields that the named roots need, transitively, and
returns their text for the emitter to paste into a module, with the host
functions they call (the emitter declares those imports with
`abi.import_line`).

The emitter defines the layout globals in `EMITTER_GLOBALS`; stdlib code uses
them but never defines them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pwc import abi

# Globals every module gets from the emitter (compiler/layout.py).
EMITTER_GLOBALS = frozenset({"heap_base", "scratch_top", "scratch_end", "pheap_top"})
# Functions every module that reads configuration gets from the emitter
# (compiler/config_data.py): what cfg.wat calls for the value types a filter
# may not use (patterns, networks, doubles, JSON values), so that only those
# it uses are linked.
EMITTER_FUNCTIONS = frozenset({"cfg_special", "cfg_special_free", "cfg_parse"})

# Link order: a field's position is (file, place in file).  These files come
# first, in this order; any other .wat file of the package follows, by name.
_FILES = ("mem.wat", "str.wat", "int.wat", "coll.wat", "hdr.wat", "host.wat", "stream.wat")

_FIELD_HEAD = re.compile(r"\(\s*(func|global)\s+\$([^\s()]+)")
_REFERENCE = re.compile(r"\b(call|global\.get|global\.set)\s+\$([^\s()]+)")


@dataclass(frozen=True)
class Field:
    """One top-level `func` or `global` of a stdlib file."""

    kind: str  # "func" or "global"
    name: str  # without "$"
    file: str
    doc: str  # the `;;` comment lines just above the field, without ";;"
    text: str  # the field with its doc comment, ready to paste into a module
    calls: frozenset[str]  # functions it calls (stdlib or host)
    globals: frozenset[str]  # globals it reads or writes


@dataclass(frozen=True)
class Linked:
    wat: str  # the fields, in file order then definition order
    host_imports: tuple[str, ...]  # proxy_* functions referenced, sorted
    functions: tuple[str, ...]  # stdlib functions included, in output order
    globals: tuple[str, ...] = ()  # stdlib globals included, in output order


class LinkError(Exception):
    """The stdlib sources are inconsistent (a bug in stdlib/*.wat)."""


def _top_level_forms(code: str, file: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each top-level form of `code` (comments blanked)."""
    forms, depth, start = [], 0, 0
    for i, ch in enumerate(code):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise LinkError(f"{file}: unbalanced ')' at offset {i}")
            if depth == 0:
                forms.append((start, i + 1))
    if depth:
        raise LinkError(f"{file}: unclosed '(' at offset {start}")
    return forms


def _blank_comments(source: str) -> str:
    """`source` with comments and strings replaced by spaces, offsets kept."""
    chars = list(source)
    i, n = 0, len(source)
    while i < n:
        if source.startswith(";;", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
        elif source.startswith("(;", i):
            end = source.find(";)", i + 2)
            end = n if end < 0 else end + 2
        elif source[i] == '"':
            end = i + 1
            while end < n and source[end] != '"':
                end += 2 if source[end] == "\\" else 1
            end = min(end + 1, n)
        else:
            i += 1
            continue
        for j in range(i, end):
            if chars[j] != "\n":
                chars[j] = " "
        i = end
    return "".join(chars)


def _doc_above(source: str, start: int) -> str:
    """The run of `;;` lines directly above offset `start` (no blank line between)."""
    lines = source[:start].split("\n")
    if lines[-1].strip():
        return ""  # the form does not start its line
    doc: list[str] = []
    for line in reversed(lines[:-1]):
        stripped = line.strip()
        if not stripped.startswith(";;"):
            break
        doc.append(stripped[2:].strip())
    return "\n".join(reversed(doc))


def parse(source: str, file: str) -> list[Field]:
    """The top-level fields of one stdlib file."""
    fields = []
    code = _blank_comments(source)
    for start, end in _top_level_forms(code, file):
        form = source[start:end]
        head = _FIELD_HEAD.match(code, start)
        if not head:
            raise LinkError(f"{file}: only (func $name ...) and (global $name ...) may appear at top level: {form[:40]!r}")
        kind, name = head.groups()
        doc = _doc_above(source, start)
        refs = _REFERENCE.findall(code[head.end() : end])
        doc_text = "".join(f";; {line}".rstrip() + "\n" for line in doc.split("\n")) if doc else ""
        fields.append(
            Field(
                kind=kind,
                name=name,
                file=file,
                doc=doc,
                text=doc_text + form,
                calls=frozenset(target for op, target in refs if op == "call"),
                globals=frozenset(target for op, target in refs if op != "call"),
            )
        )
    return fields


@cache
def fields() -> dict[str, Field]:
    """Every stdlib field by name, in link order; checks that references resolve."""
    table: dict[str, Field] = {}
    package = resources.files(__package__)
    others = sorted(entry.name for entry in package.iterdir() if entry.name.endswith(".wat"))
    for file in _FILES + tuple(name for name in others if name not in _FILES):
        for field in parse(package.joinpath(file).read_text(encoding="utf-8"), file):
            if field.name in table:
                raise LinkError(f"{file}: ${field.name} is already defined in {table[field.name].file}")
            table[field.name] = field
    for field in table.values():
        for target in field.calls:
            known = (target in abi.HOST_FUNCTIONS or target in EMITTER_FUNCTIONS
                     or (target in table and table[target].kind == "func"))
            if not known:
                raise LinkError(f"{field.file}: ${field.name} calls unknown function ${target}")
        for target in field.globals:
            known = target in EMITTER_GLOBALS or (target in table and table[target].kind == "global")
            if not known:
                raise LinkError(f"{field.file}: ${field.name} uses unknown global ${target}")
    return table


def function_names() -> tuple[str, ...]:
    """Every stdlib function, in link order."""
    return tuple(name for name, field in fields().items() if field.kind == "func")


def link(roots: Iterable[str]) -> Linked:
    """The stdlib fields `roots` need, transitively.

    Roots are stdlib function names without `$`; a global may be named too
    (for instance `rt_error`, which generated code reads, or a `SLOT_*`
    constant).  An unknown name raises KeyError.
    """
    table = fields()
    wanted: set[str] = set()
    pending = []
    for root in roots:
        field = table.get(root)
        if field is None:
            close = difflib.get_close_matches(root, list(table), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else f" (known: {', '.join(function_names())})"
            raise KeyError(f"unknown stdlib function {root!r}{hint}")
        pending.append(root)
    hosts: set[str] = set()
    while pending:
        name = pending.pop()
        if name in wanted:
            continue
        wanted.add(name)
        field = table[name]
        for target in field.calls:
            if target in table:
                pending.append(target)
            elif target not in EMITTER_FUNCTIONS:
                hosts.add(target)
        pending.extend(g for g in field.globals if g in table)
    chosen = [field for name, field in table.items() if name in wanted]
    return Linked(
        wat="\n".join(field.text for field in chosen) + ("\n" if chosen else ""),
        host_imports=tuple(sorted(hosts)),
        functions=tuple(f.name for f in chosen if f.kind == "func"),
        globals=tuple(f.name for f in chosen if f.kind == "global"),
    )


def emitter_function_stubs() -> str:
    """Definitions of EMITTER_FUNCTIONS that handle no value type (every
    `$cfg_special` text is refused): what linking the stdlib alone, without
    the emitter, needs (tests)."""
    return ("(func $cfg_special (param $code i32) (param $s i64) (result i64) (i64.const 0))\n"
            "(func $cfg_special_free (param $code i32) (param $v i64))\n"
            "(func $cfg_parse (param $code i32) (param $desc i32) (param $s i64) (result i64) (i64.const 0))\n")

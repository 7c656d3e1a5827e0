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
import dataclasses
from dataclasses import dataclass
from functools import cache, cached_property
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
    """One top-level `func` or `global` of a stdlib file: where it starts
    (`start`) and where the next one does (`limit`) in the file's `source`."""

    kind: str  # "func" or "global"
    name: str  # without "$"
    file: str
    source: str = dataclasses.field(repr=False, compare=False)
    start: int = 0
    limit: int = 0

    # Its text is cut out when it is first linked: every compile loads the
    # table, and most fields are never linked.
    @cached_property
    def form(self) -> str:
        """The field alone, without its doc comment."""
        return self.source[self.start:_form_end(self.source, self.start, self.limit)]

    @cached_property
    def doc(self) -> str:
        """The `;;` comment lines just above the field, without ";;"."""
        return _doc_above(self.source, self.start)

    @property
    def text(self) -> str:
        """The field with its doc comment, ready to paste into a module."""
        doc_text = "".join(f";; {line}".rstrip() + "\n" for line in self.doc.split("\n")) if self.doc else ""
        return doc_text + self.form

    # What a field refers to is worked out when it is first linked: every
    # compile loads the table, and most fields are never linked.
    @cached_property
    def _references(self) -> list[tuple[str, str]]:
        code = _blank_comments(self.form)
        if code.count("(") != code.count(")"):
            raise LinkError(f"{self.file}: ${self.name} has unbalanced parentheses")
        return _REFERENCE.findall(code)

    @property
    def calls(self) -> frozenset[str]:
        """The functions it calls (stdlib or host)."""
        return frozenset(target for op, target in self._references if op == "call")

    @property
    def globals(self) -> frozenset[str]:
        """The globals it reads or writes."""
        return frozenset(target for op, target in self._references if op != "call")


@dataclass(frozen=True)
class Linked:
    wat: str  # the fields, in file order then definition order
    host_imports: tuple[str, ...]  # proxy_* functions referenced, sorted
    functions: tuple[str, ...]  # stdlib functions included, in output order
    globals: tuple[str, ...] = ()  # stdlib globals included, in output order


class LinkError(Exception):
    """The stdlib sources are inconsistent (a bug in stdlib/*.wat)."""


# What `_blank_comments` blanks, in the order it looks for them at one offset:
# a line comment, a block comment, a string (an unclosed one runs to the end).
_NOT_CODE = re.compile(r';;[^\n]*|\(;.*?(?:;\)|\Z)|"(?:[^"\\]|\\.?)*"?', re.DOTALL)
_NOT_NEWLINE = re.compile(r"[^\n]")
# A top-level field starts with `(` at the start of a line, and nothing else
# does (stdlib files are written so): finding the fields is then a cheap scan.
_FIELD_START = re.compile(r"^\(", re.MULTILINE)


def _blank_comments(source: str) -> str:
    """`source` with comments and strings replaced by spaces, offsets kept."""
    return _NOT_CODE.sub(lambda found: _NOT_NEWLINE.sub(" ", found.group()), source)


def _doc_above(source: str, start: int) -> str:
    """The run of `;;` lines directly above offset `start` (no blank line between)."""
    line_start = source.rfind("\n", 0, start) + 1
    if source[line_start:start].strip():
        return ""  # the form does not start its line
    doc: list[str] = []
    end = line_start - 1  # the newline that ends the line above
    while end >= 0:
        begin = source.rfind("\n", 0, end) + 1
        stripped = source[begin:end].strip()
        if not stripped.startswith(";;"):
            break
        doc.append(stripped[2:].strip())
        end = begin - 1
    return "\n".join(reversed(doc))


def _form_end(source: str, start: int, limit: int) -> int:
    """Where the field starting at `start` ends: after the code of its last
    line of code before `limit` (the next field's start, or the end of the
    file).  Only the few comment lines between two fields are read."""
    end = limit
    while end > start:
        begin = source.rfind("\n", start, end - 1) + 1 or start
        code = source[begin:end].split(";;", 1)[0].rstrip()
        if code:
            return begin + len(code)
        end = begin
    return start


def parse(source: str, file: str) -> list[Field]:
    """The top-level fields of one stdlib file."""
    fields = []
    starts = [found.start() for found in _FIELD_START.finditer(source)]
    before = source[: starts[0] if starts else len(source)].split("\n")
    if any(line.strip() and not line.lstrip().startswith(";;") for line in before):
        raise LinkError(f"{file}: text before the first field (fields start at the beginning of a line)")
    for start, limit in zip(starts, [*starts[1:], len(source)]):
        head = _FIELD_HEAD.match(source, start)
        if not head:
            raise LinkError(f"{file}: only (func $name ...) and (global $name ...) may appear at top level: "
                            f"{source[start:start + 40]!r}")
        fields.append(Field(kind=head.group(1), name=head.group(2), file=file, source=source, start=start,
                            limit=limit))
    return fields


@cache
def fields() -> dict[str, Field]:
    """Every stdlib field by name, in link order.  What a field refers to is
    checked when it is linked (`link`); `check_all` checks every field."""
    table: dict[str, Field] = {}
    package = resources.files(__package__)
    others = sorted(entry.name for entry in package.iterdir() if entry.name.endswith(".wat"))
    for file in _FILES + tuple(name for name in others if name not in _FILES):
        for field in parse(package.joinpath(file).read_text(encoding="utf-8"), file):
            if field.name in table:
                raise LinkError(f"{file}: ${field.name} is already defined in {table[field.name].file}")
            table[field.name] = field
    return table


def _check_references(field: Field, table: dict[str, Field]) -> None:
    for target in field.calls:
        known = (target in abi.HOST_FUNCTIONS or target in EMITTER_FUNCTIONS
                 or (target in table and table[target].kind == "func"))
        if not known:
            raise LinkError(f"{field.file}: ${field.name} calls unknown function ${target}")
    for target in field.globals:
        known = target in EMITTER_GLOBALS or (target in table and table[target].kind == "global")
        if not known:
            raise LinkError(f"{field.file}: ${field.name} uses unknown global ${target}")


def check_all() -> None:
    """Raises LinkError when any stdlib field refers to something undefined."""
    table = fields()
    for field in table.values():
        _check_references(field, table)


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
        _check_references(field, table)
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

"""Reads that do not change from one iteration to the next, computed once
before a loop: `config.blocked.exists(p, request.path.matches(p))` reads
the path once, not once per pattern.  Each read of a header copies it into
scratch memory, so with thousands of configured items the copies alone
would exhaust it.

Only reads are moved (READS): they have no effect, and the only way they
fail is running out of memory, which would have happened in the loop too.
A subexpression moves when it holds no local the loop sets: the loop's
variables, and anything assigned in its body."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from . import ir
from .attributes import HEADER_ATTRIBUTES, PROPERTY_ATTRIBUTES

# Reads of the request, the response and the configuration, and what is
# derived from them without failing (by attributes.py's `derived_by`).
READS = frozenset({"hdr_get_first", "hdr_get", "hdr_has", "hdr_values", "property_string", "property_int",
                   "property_bool", "property_timestamp", "str_lower_ascii"}
                  | {a.derived_by for a in (*HEADER_ATTRIBUTES.values(), *PROPERTY_ATTRIBUTES.values())
                     if a.derived_by})
# Header writes: a loop body with one of these reads headers as they change.
WRITES = frozenset({"hdr_set_raw", "hdr_add_raw", "hdr_remove_raw", "hdr_replace_copies"})


def loop_invariants(roots: list, loop_locals: set[str], new_local: Callable[[ir.Wasm], ir.Local]
                    ) -> list[tuple[ir.Local, ir.Expr]]:
    """Replace, inside `roots` (IR nodes or lists of them), each largest read
    that uses none of `loop_locals` (names) by a new local; returns the
    (local, read) pairs to compute before the loop, in order."""
    if any(isinstance(node, ir.StdCall) and node.func in WRITES for node in ir.walk(roots)):
        return []
    hoisted: list[tuple[ir.Local, ir.Expr]] = []
    _visit(roots, loop_locals | _assigned(roots), new_local, hoisted)
    return hoisted


def _assigned(roots: list) -> set[str]:
    return {node.local.name for node in ir.walk(roots) if isinstance(node, (ir.SetLocal, ir.Bind))} | {
        local.name for node in ir.walk(roots) if isinstance(node, (ir.Fold, ir.ForEach))
        for local in (node.item, getattr(node, "value", None)) if isinstance(local, ir.Local)}


def _visit(node, varying: set[str], new_local, hoisted: list) -> None:
    """Hoist within `node`'s children (lists included)."""
    children = node if isinstance(node, list) else [
        getattr(node, f.name) for f in dataclasses.fields(node) if f.metadata.get("ir", True)]
    for index, child in enumerate(children):
        if _movable(child, varying):
            local = new_local(ir.wasm_of(child))
            hoisted.append((local, child))
            _replace(node, index, child, ir.Get(local))
        elif isinstance(child, list) or (dataclasses.is_dataclass(child) and not isinstance(child, type)):
            _visit(child, varying, new_local, hoisted)


def _replace(node, index: int, old, new) -> None:
    if isinstance(node, list):
        node[index] = new
        return
    for f in dataclasses.fields(node):
        if getattr(node, f.name) is old:
            setattr(node, f.name, new)
            return


def _movable(expr, varying: set[str]) -> bool:
    """A read (a StdCall of READS) whose arguments are constants or movable themselves."""
    return isinstance(expr, ir.StdCall) and expr.func in READS and all(_fixed(arg, varying) for arg in expr.args)


def _fixed(expr, varying: set[str]) -> bool:
    if isinstance(expr, (ir.Const, ir.Str, ir.StaticList, ir.StaticMap, ir.ConfigRead, ir.ConfigRecord, ir.RecordRead)):
        return True
    if isinstance(expr, ir.Get):
        return expr.local.name not in varying
    return _movable(expr, varying)

"""Each pass dispatches by node class through a table built once
(compiler/{checker,lower,printer,emit}.py); these tables must cover every
node the tree or the IR can hold, or a new node would fail at run time."""

from __future__ import annotations

import typing

from pwc.compiler import checker, emit, ir, lower, printer, syntax


def _members(annotated) -> set[type]:
    """The classes of a discriminated union such as syntax.Expr."""
    union = typing.get_args(annotated)[0]
    return set(typing.get_args(union))


STATEMENTS = _members(syntax.Stmt)
EXPRESSIONS = _members(syntax.Expr)


def test_syntax_passes_cover_every_statement_and_expression():
    for owner in (checker._Checker, lower._Lowering, printer._Printer):
        assert set(owner.STATEMENTS) == STATEMENTS, owner
        assert set(owner.EXPRESSIONS) == EXPRESSIONS, owner


def test_the_emitter_covers_every_ir_node():
    nodes = {cls for cls in vars(ir).values() if isinstance(cls, type) and cls.__module__ == ir.__name__}
    statements = {cls for cls in nodes if issubclass(cls, ir.Stmt) and cls is not ir.Stmt}
    not_expressions = {ir.Stmt, ir.Slot, ir.Function, ir.ConfigField, ir.CallSite, ir.RegexFunction, ir.Program, ir.Local,
                       ir.Store, ir.Timer}
    assert set(emit._Emitter.STATEMENTS) == statements
    assert set(emit._Emitter.EXPRESSIONS) == nodes - statements - not_expressions


def test_ir_expr_names_every_expression_class():
    nodes = {cls for cls in vars(ir).values() if isinstance(cls, type) and cls.__module__ == ir.__name__}
    statements = {cls for cls in nodes if issubclass(cls, ir.Stmt)}
    not_expressions = {ir.Slot, ir.Function, ir.ConfigField, ir.CallSite, ir.RegexFunction, ir.Program, ir.Store, ir.Timer}
    assert set(typing.get_args(ir.Expr)) == nodes - statements - not_expressions

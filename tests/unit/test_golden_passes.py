"""What each pass makes of every example, kept as golden text: the syntax
tree (`pwc parse --json`), the IR (`pwc ir`) and the generated part of the
WAT (`pwc wat` from `;; generated` on; the linked stdlib is stdlib/*.wat as
it is).  A change to any pass shows here as a reviewable diff;
`pytest --update-golden` rewrites them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pwc.compiler import syntax_json
from pwc.compiler.driver import to_wat
from pwc.compiler.ir_text import format_program
from pwc.compiler.source import Source

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.pwf"))
GOLDEN = ROOT / "tests" / "golden" / "passes"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_pass_of_every_example_matches_its_golden(path: Path, golden):
    result = to_wat(Source(path.name, path.read_text(encoding="utf-8")))
    assert result.ok, result.render()
    golden(GOLDEN / f"{path.stem}.tree.json", syntax_json.dump(result.module, indent=1) + "\n")
    golden(GOLDEN / f"{path.stem}.ir", format_program(result.program, result.source))
    generated = result.wat[result.wat.index(";; generated"):]
    golden(GOLDEN / f"{path.stem}.wat", generated)


def test_the_ir_printer_covers_every_node():
    from pwc.compiler import ir, ir_text

    nodes = {cls for cls in vars(ir).values() if isinstance(cls, type) and cls.__module__ == ir.__name__}
    statements = {cls for cls in nodes if issubclass(cls, ir.Stmt) and cls is not ir.Stmt}
    expressions = nodes - statements - {ir.Stmt, ir.Slot, ir.Function, ir.ConfigField, ir.CallSite, ir.RegexFunction, ir.Program,
                                        ir.Store, ir.Timer}
    assert statements == set(ir_text._STATEMENTS)
    assert expressions == set(ir_text._EXPRESSIONS) - {type(None)}

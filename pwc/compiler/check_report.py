"""`pwc check --format json`: diagnostics as data, for CI annotations and editors.

    {"diagnostics": [{"file": "examples/x.pwf", "line": 3, "column": 7, "end_line": 3, "end_column": 12,
                      "severity": "error", "message": "unknown name `reqest`", "hint": "did you mean `request`?",
                      "notes": []}],
     "files": [{"file": "examples/x.pwf", "ok": false}]}

One document for every file checked, in the order given, each file's
diagnostics in source order.  Lines and columns count from 1, as the text
form prints them; `end_line`/`end_column` is the position just after the
span (the SARIF and LSP convention), so a one-character span at column 7
ends at column 8.  A file that cannot be read has one diagnostic with null
positions.  `file` is the path as given on the command line, so CI systems
can find it; `notes` are the secondary locations (a name's first
declaration), each {message, file, line, column, end_line, end_column}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .driver import Result, front_end
from .source import Source, Span


@dataclass(frozen=True)
class Checked:
    """One file's check: its result, or why it could not be read."""

    path: str
    result: Result | None = None
    unreadable: str | None = None

    @property
    def ok(self) -> bool:
        return self.result is not None and self.result.ok


def check_file(path: str) -> Checked:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Checked(path, unreadable="no such file")
    except (OSError, UnicodeDecodeError) as error:
        return Checked(path, unreadable=f"cannot read it ({error})")
    return Checked(path, front_end(Source(Path(path).name, text)))


def _position(span: Span, source: Source) -> dict[str, int]:
    if not source.text:  # a tree from the JSON form: its spans know their line only
        line = span.line or 1
        return {"line": line, "column": 1, "end_line": line, "end_column": 1}
    line, column = source.line_col(span.start)
    end_line, end_column = source.line_col(max(span.end, span.start))
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def diagnostic_data(diagnostic: Diagnostic, source: Source, file: str) -> dict[str, Any]:
    notes = [{"message": text, "file": file, **_position(span, source)} for text, span in diagnostic.notes]
    return {"file": file, **_position(diagnostic.span, source), "severity": diagnostic.severity,
            "message": diagnostic.message, "hint": diagnostic.hint, "notes": notes}


def _unreadable(file: str, problem: str) -> dict[str, Any]:
    return {"file": file, "line": None, "column": None, "end_line": None, "end_column": None,
            "severity": "error", "message": problem, "hint": None, "notes": []}


def report_json(checked: list[Checked]) -> str:
    diagnostics: list[dict[str, Any]] = []
    for one in checked:
        if one.result is None:
            diagnostics.append(_unreadable(one.path, one.unreadable or "cannot read it"))
            continue
        diagnostics += [diagnostic_data(d, one.result.source, one.path) for d in one.result.diagnostics]
    document = {"diagnostics": diagnostics, "files": [{"file": one.path, "ok": one.ok} for one in checked]}
    return json.dumps(document, indent=1, ensure_ascii=False)

"""Code stays readable: no source file under pwc/ over 800 lines, no function
over 60.  The offenders are listed, so a failure says what to split."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pwc"
MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_source_file_is_over_800_lines():
    long_files = [f"{path.relative_to(PACKAGE.parent)}: {n} lines" for path in _sources()
                  if (n := path.read_text(encoding="utf-8").count("\n")) > MAX_FILE_LINES]
    assert not long_files, "split these files:\n" + "\n".join(long_files)


def test_no_function_is_over_60_lines():
    long_functions = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_functions.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}: {length} lines")
    assert not long_functions, "split these functions:\n" + "\n".join(long_functions)


def test_the_checks_see_the_whole_package():
    names = {path.name for path in _sources()}
    assert {"checker.py", "lower.py", "emit.py", "vm.py", "nfa.py"} <= names


def test_test_modules_have_names_of_their_own():
    """pytest imports test files by their base name (no packages under tests/),
    so two test_x.py in different folders cannot be collected in one run."""
    tests = PACKAGE.parent / "tests"
    seen: dict[str, list[str]] = {}
    for path in sorted(tests.rglob("*.py")):
        if path.name != "conftest.py":
            seen.setdefault(path.name, []).append(str(path.relative_to(tests)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}

"""Wrong programs and the exact diagnostics `pwc check` gives for them.

Each NAME.pwf here holds complete programs separated by lines `---` (as in
starlark-go's error tests).  NAME.expected holds, chunk by chunk, what the
front end reports for each, rendered as `pwc check` prints it, with the file
name `NAME.pwf#N` and line numbers counted from the chunk's first line.

Goldens are never edited by hand: `pytest tests/errors --update-golden`
rewrites them, and the diff is reviewed.  `unsupported.pwf` covers features
that do not exist yet; its golden is expected to change when they land.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pwc.compiler import driver
from pwc.compiler.source import Source

HERE = Path(__file__).parent
CHUNK_FILES = sorted(HERE.glob("*.pwf"))
SEPARATOR = "---"


def split_chunks(text: str) -> list[tuple[int, str]]:
    """(first line in the file, program text) for each chunk.  A chunk of only
    blank lines is the empty program."""
    chunks, lines, first = [], [], 1
    for number, line in enumerate(text.split("\n"), 1):
        if line == SEPARATOR:
            chunks.append((first, lines))
            lines, first = [], number + 1
        else:
            lines.append(line)
    chunks.append((first, lines))
    programs = []
    for first, lines in chunks:
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        programs.append((first, "\n".join(lines) + "\n" if lines else ""))
    return programs


def check_chunk(name: str, number: int, program: str) -> driver.Result:
    return driver.front_end(Source(f"{name}#{number}", program))


def expected_text(path: Path) -> tuple[str, list[str]]:
    """The golden text for a chunk file, and a list of problems with the chunks themselves."""
    parts, problems = [], []
    for number, (first_line, program) in enumerate(split_chunks(path.read_text(encoding="utf-8")), 1):
        result = check_chunk(path.name, number, program)
        errors = [d for d in result.diagnostics if d.severity == "error"]
        if not errors:
            problems.append(f"{path.name}#{number} (line {first_line}) has no error: a wrong program that compiles")
        for diagnostic in result.diagnostics:
            if "internal compiler error" in diagnostic.message:
                problems.append(f"{path.name}#{number} (line {first_line}): {diagnostic.message}")
            if not 0 <= diagnostic.span.start <= diagnostic.span.end <= len(program):
                problems.append(f"{path.name}#{number} (line {first_line}): span {diagnostic.span} outside the program")
        parts.append(f"=== {path.name}#{number} (line {first_line})\n{result.render()}\n")
    return "\n".join(parts), problems


@pytest.mark.parametrize("path", CHUNK_FILES, ids=lambda p: p.name)
def test_diagnostics(path: Path, golden) -> None:
    actual, problems = expected_text(path)
    assert not problems, "\n".join(problems)
    golden(path.with_suffix(".expected"), actual)


def test_there_are_enough_wrong_programs() -> None:
    count = sum(len(split_chunks(path.read_text(encoding="utf-8"))) for path in CHUNK_FILES)
    assert count >= 40, count


def test_split_chunks_keeps_line_numbers() -> None:
    text = 'filter "a"\n---\n\n---\nfilter "b"\non request {\n}\n'
    assert split_chunks(text) == [(1, 'filter "a"\n'), (3, ""), (5, 'filter "b"\non request {\n}\n')]

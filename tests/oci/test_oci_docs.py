"""docs/deploy.md's walk-through from `pwc compile` to a WasmPlugin that pulls
the pushed image: every command it shows runs here, against a real registry,
and prints what the page says it prints.

Placeholders in the page: `<digest>`, `<compat-digest>`, `<sha256>` stand for
64 hex digits (each the same value wherever it appears), `<n>` for a number,
`<version>` for pwc's version; a `...` line for any lines.  The page's
registry, 127.0.0.1:5000, is the test's registry.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.oci

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy.md"
PAGE_REGISTRY = "127.0.0.1:5000"
PLACEHOLDER = re.compile(r"<(digest|compat-digest|sha256|n|version)>")
PATTERNS = {"n": r"[0-9]+", "version": r"[^ ]+"}  # every other placeholder: 64 hex digits


def walkthrough() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of the page's walk-through, in order."""
    text = DOC.read_text()
    block = text.split("<!-- oci-walkthrough -->")[1].split("<!-- /oci-walkthrough -->")[0]
    lines = block.strip().removeprefix("```console").removesuffix("```").strip().splitlines()
    steps: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def output_pattern(expected: list[str], known: dict[str, str]) -> re.Pattern:
    """A regex for the whole output: known placeholders as their values, new ones captured once."""
    captured: set[str] = set()

    def placeholder(name: str) -> str:
        group = name.replace("-", "_")
        if name in known:
            return re.escape(known[name])
        if group in captured:
            return f"(?P={group})"
        captured.add(group)
        return f"(?P<{group}>{PATTERNS.get(name, '[0-9a-f]{64}')})"

    parts = []
    for line in expected:
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = PLACEHOLDER.split(line)  # text, placeholder name, text, ...
            regex = "".join(re.escape(piece) if index % 2 == 0 else placeholder(piece)
                            for index, piece in enumerate(pieces))
            parts.append(regex + "\n")
    return re.compile("".join(parts) + (r"(?:[^\n]*\n)*" if expected and expected[-1] == "..." else ""))


def test_the_walkthrough_runs_as_written(registry, tmp_path):
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "banana.pwf", tmp_path / "examples")
    known: dict[str, str] = {}
    steps = walkthrough()
    assert [shlex.split(command)[:2] for command, _ in steps][:4] == [
        ["pwc", "compile"], ["pwc", "package"], ["pwc", "push"], ["pwc", "manifest"]]
    for command, expected in steps:
        command = command.replace(PAGE_REGISTRY, registry.host)
        command = PLACEHOLDER.sub(lambda match: known[match[1]], command)
        argv = shlex.split(command)
        assert argv[0] == "pwc"
        done = subprocess.run([sys.executable, "-m", "pwc.cli", *argv[1:]], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        pattern = output_pattern([line.replace(PAGE_REGISTRY, registry.host) for line in expected], known)
        match = pattern.fullmatch(done.stdout)
        assert match, f"{command} printed\n{done.stdout}\nnot what docs/deploy.md shows:\n" + "\n".join(expected)
        known.update({name.replace("_", "-"): value for name, value in match.groupdict().items()})
    assert known["digest"] != known["compat-digest"]

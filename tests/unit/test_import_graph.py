"""The parts of pwc import each other one way only.

    compiler ──> shared <── runtime     shared: pwc/abi.py, conventions.py, envoy_config.py, __init__.py
        │ ^                             stdlib: may import pwc.abi only
        │ └── editor                    editor: pwc/lsp/ (the language server) reads the compiler
        └──> stdlib ──> pwc.abi         command line: pwc/cli.py, run.py, configure.py compose them all

Every module under pwc/ is parsed with `ast`; imports inside functions count,
relative imports are resolved, and `from package import name` counts as an
import of the submodule when `name` is one.  Run this file as a script to print
the graph between parts.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pwc"

# Modules at the package root that compose the parts (nothing imports them back).
COMMAND_LINE = {"pwc.cli", "pwc.run", "pwc.configure"}
# Which parts each part must not import.
FORBIDDEN = {
    "compiler": {"runtime", "command line", "editor"},
    "runtime": {"compiler", "command line", "editor"},
    "stdlib": {"compiler", "runtime", "shared", "command line", "editor"},  # pwc.abi excepted below
    "shared": {"compiler", "runtime", "stdlib", "command line", "editor"},
    "editor": {"runtime", "command line"},
}
STDLIB_MAY_IMPORT = {"pwc.abi"}


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def part_of(module: str) -> str:
    if module in COMMAND_LINE:
        return "command line"
    for package, part in (("compiler", "compiler"), ("runtime", "runtime"), ("stdlib", "stdlib"), ("lsp", "editor")):
        if module == f"pwc.{package}" or module.startswith(f"pwc.{package}."):
            return part
    return "shared"


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([base] if base else []))
    found = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        found.append(submodule if submodule in known else base)
    return found


def import_edges(root: Path = PACKAGE) -> list[tuple[str, str]]:
    """(importer, imported) for every import of a pwc module by a pwc module."""
    names = module_names(root)
    known = set(names)
    edges = set()
    for module, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _imported(node, module, path.name == "__init__.py", known):
                    if target in known and target != module:
                        edges.add((module, target))
    return sorted(edges)


def part_graph(root: Path = PACKAGE) -> dict[tuple[str, str], list[tuple[str, str]]]:
    graph: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for importer, imported in import_edges(root):
        source, target = part_of(importer), part_of(imported)
        if source != target:
            graph[source, target].append((importer, imported))
    return dict(graph)


def forbidden_edges(root: Path = PACKAGE) -> list[str]:
    bad = []
    for (source, target), edges in sorted(part_graph(root).items()):
        for importer, imported in edges:
            if source == "stdlib" and imported in STDLIB_MAY_IMPORT:
                continue
            if target in FORBIDDEN.get(source, set()):
                bad.append(f"{source} -> {target}: {importer} imports {imported}")
    return bad


def part_cycles(root: Path = PACKAGE) -> list[list[str]]:
    """Cycles in the graph between parts (each found once, from its smallest part)."""
    following: dict[str, set[str]] = defaultdict(set)
    for source, target in part_graph(root):
        following[source].add(target)
    cycles = []

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(following[node]):
            if nxt == start:
                cycles.append(path + [start])
            elif nxt not in path and nxt > start:
                walk(start, nxt, path + [nxt])

    for start in sorted(following):
        walk(start, start, [start])
    return cycles


def test_parts_import_one_way():
    bad = forbidden_edges()
    assert not bad, "imports against the direction of the parts:\n" + "\n".join(bad)


def test_no_cycle_between_parts():
    cycles = part_cycles()
    assert not cycles, "import cycles between parts:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_imports_inside_functions_and_relative_ones(tmp_path):
    root = tmp_path / "pwc"
    for folder in ("compiler", "runtime"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "runtime" / "host.py").write_text("X = 1\n")
    (root / "compiler" / "a.py").write_text("def f():\n    from ..runtime import host\n")
    (root / "runtime" / "b.py").write_text("from pwc.compiler.a import f\n")
    assert forbidden_edges(root) == ["compiler -> runtime: pwc.compiler.a imports pwc.runtime.host",
                                     "runtime -> compiler: pwc.runtime.b imports pwc.compiler.a"]
    assert part_cycles(root) == [["compiler", "runtime", "compiler"]]


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE
    for (source, target), edges in sorted(part_graph(where).items()):
        print(f"{source} -> {target}: " + ", ".join(f"{a.removeprefix('pwc.')}->{b.removeprefix('pwc.')}"
                                                  for a, b in edges))
    for line in forbidden_edges(where):
        print("FORBIDDEN", line)
    for cycle in part_cycles(where):
        print("CYCLE", " -> ".join(cycle))

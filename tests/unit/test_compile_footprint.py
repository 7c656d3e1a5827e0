"""What `pwc compile` costs that is deterministic: the size of the talk's
module, and the modules a compile imports (their import is most of a
compile's time; bench/compile.py measures the time itself)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pwc.compiler.driver import compile_file

ROOT = Path(__file__).resolve().parents[2]

# The talk's filter (issue 17): its module must stay within 3 KiB.
BANANA_LIMIT = 3072

# Modules a compile of .pwf text has no use for, each once imported by it:
# YAML and HTTP for `pwc manifest` and `pwc run`, the runtime for `pwc test`,
# pydantic for the JSON form of the tree (syntax_json.py) and what it loads;
# the deployment commands' modules, whose flags are not registered for a compile.
NOT_FOR_COMPILE = ("yaml", "urllib.request", "http.client", "wasmtime", "pwc.runtime", "jsonschema", "pydantic",
                   "pydantic_core", "importlib.metadata", "pwc.compiler.manifest", "pwc.oci", "pwc.run", "tarfile")

_HARNESS = """
import json, sys
from pwc.cli import main
status = main(["compile", sys.argv[1], "-o", sys.argv[2], "-q"])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def test_the_talks_module_fits_in_3_kib():
    size = len(compile_file(ROOT / "examples" / "banana.pwf"))
    assert size <= BANANA_LIMIT, f"examples/banana.pwf compiles to {size} bytes (limit {BANANA_LIMIT})"


def test_compile_imports_nothing_it_does_not_use(tmp_path):
    ran = subprocess.run([sys.executable, "-c", _HARNESS, str(ROOT / "examples" / "banana.pwf"),
                          str(tmp_path / "banana.wasm")], capture_output=True, text=True, check=True)
    result = json.loads(ran.stdout)
    assert result["status"] == 0 and (tmp_path / "banana.wasm").stat().st_size > 0
    loaded = [name for name in NOT_FOR_COMPILE if name in result["modules"]]
    assert loaded == [], f"pwc compile imported {loaded}"


def test_parse_tables_are_cached_in_the_users_cache_folder(tmp_path, monkeypatch):
    from lark import Lark

    from pwc.compiler import parser

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammar = 'start: "a"\n'
    where = parser._tables_cache(grammar)
    assert isinstance(where, str) and Path(where).parent == tmp_path / "pwc"
    assert (tmp_path / "pwc").stat().st_mode & 0o777 == 0o700
    assert parser._tables_cache(grammar + " ") != where  # one file per grammar
    Lark(grammar, parser="lalr", cache=where)
    assert Path(where).stat().st_size > 0 and Lark(grammar, parser="lalr", cache=where).parse("a")
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))  # no folder can be made there
    assert parser._tables_cache(grammar) is False


def test_every_command_is_offered_whatever_is_typed(capsys):
    """The deployment commands are registered only when needed; help and a
    mistyped command still list them all, and each slow command has its flags."""
    import re

    import pytest

    from pwc.cli import build_parser, main

    every = set(build_parser().command_names)
    assert {"manifest", "run", "package", "push", "compile"} <= every
    for argv in (["--help"], ["compil"]):
        with pytest.raises(SystemExit):
            main(argv)
        printed = capsys.readouterr()
        words = set(re.findall(r"[a-z]+", printed.out + printed.err))
        assert every <= words, (argv, every - words)
    for argv, flag in ((["manifest", "--help"], "--for"), (["push", "--help"], "--plain-http"),
                       (["package", "--help"], "--variant"), (["run", "--help"], "--upstream")):
        with pytest.raises(SystemExit):
            main(argv)
        assert flag in capsys.readouterr().out, argv

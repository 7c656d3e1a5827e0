"""Robustness of the JSON form of the syntax tree, which programs that
generate filters write: whatever a generator gets wrong, `compile_json`
answers with diagnostics (or a module), never a crash or an internal
compiler error.

The inputs are the examples' own trees, mutated one to three times each:
a node replaced by another of any kind, a key dropped, a string made odd,
a value of another type put in, a number made huge or negative, a node
inserted into a list.  A mutant that still compiles must give a module.
Seeded: the same mutants every run; PWC_FUZZ_EXAMPLES=20000 runs more
(the campaign that found spans whose line does not fit an i32).
"""

from __future__ import annotations

import copy
import json
import os
import random
from pathlib import Path

import pytest

from pwc.compiler import syntax_json
from pwc.compiler.driver import compile_json, compile_source

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.pwf"))
ODD_STRINGS = ["", ":path", "x y", "a\x00b", "é😀", "x" * 5000, "-1", "1e999", "on", "{", "\n", "%REQ(x)%"]
ODD_VALUES = [None, True, 0, -1, 2**64, 1.5, "", [], {}, "text", ["a"], {"kind": "nope"}]
ODD_NUMBERS = [-5, 0, 10**9, 2**31, 2**63, -(2**63), 2**64]
MUTANTS = int(os.environ.get("PWC_FUZZ_EXAMPLES", 300))


def _nodes(value, found: list) -> list:
    if isinstance(value, dict):
        if "kind" in value:
            found.append(value)
        for member in value.values():
            _nodes(member, found)
    elif isinstance(value, list):
        for member in value:
            _nodes(member, found)
    return found


def _places(value, found: list, parent=None, key=None) -> list:
    """Every (container, key, value) of the tree."""
    if parent is not None:
        found.append((parent, key, value))
    members = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for member_key, member in list(members):
        _places(member, found, value, member_key)
    return found


def _mutate(tree: dict, pool: list, rng: random.Random) -> dict:
    tree = copy.deepcopy(tree)
    for _ in range(rng.randint(1, 3)):
        parent, key, value = rng.choice(_places(tree, []))
        roll = rng.random()
        if roll < 0.3 and isinstance(value, dict) and "kind" in value:
            parent[key] = copy.deepcopy(rng.choice(pool))
        elif roll < 0.45 and isinstance(parent, dict):
            del parent[key]
        elif roll < 0.6 and isinstance(value, str):
            parent[key] = rng.choice(ODD_STRINGS)
        elif roll < 0.75:
            parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif roll < 0.85 and isinstance(value, int) and not isinstance(value, bool):
            parent[key] = rng.choice(ODD_NUMBERS)
        elif isinstance(parent, list):
            parent.insert(key, copy.deepcopy(rng.choice(pool)))
    return tree


@pytest.fixture(scope="module")
def trees() -> list[dict]:
    return [json.loads(syntax_json.dump(compile_source(path.read_text(), path.name).module)) for path in EXAMPLES]


def test_mutated_trees_get_diagnostics_never_a_crash(trees):
    pool = [node for tree in trees for node in _nodes(tree, [])]
    rng = random.Random(20261206)
    for number in range(MUTANTS):
        text = json.dumps(_mutate(rng.choice(trees), pool, rng))
        result = compile_json(text, "mutant.json")
        rendered = result.render()
        assert "internal compiler error" not in rendered, (number, rendered[:500], text[:2000])
        assert result.ok == (result.wasm is not None) and (result.ok or "error:" in rendered), (number, rendered)


@pytest.mark.parametrize("field, value", [("line", 2**63), ("line", -1), ("start", 2**64), ("end", -3)])
def test_a_span_out_of_range_is_named_by_its_json_path(trees, field, value):
    tree = copy.deepcopy(trees[0])
    tree["handlers"][0]["body"][0]["span"][field] = value
    result = compile_json(json.dumps(tree), "generated.json")
    assert not result.ok and "internal compiler error" not in result.render()
    assert "handlers.0.body.0." in result.render() and "from 0 to 2147483647" in result.render()

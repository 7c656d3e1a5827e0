"""The `pwc manifest` examples docs/deploy.md shows run as shown, and print
resources Istio's CRDs accept (docs/deploy.md, "Istio's options")."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from deploy_doc import DEPLOY_DOC, documented_blocks, sh_block_count
from istio_crd import crd_problems

from pwc import cli
from pwc.compiler.manifest import _FLAG_TARGETS, TARGETS

ROOT = Path(__file__).resolve().parents[2]
THIS = "tests/unit/test_deploy_doc.py"
CRD_OF_KIND = {"WasmPlugin": "wasmplugins.yaml", "TrafficExtension": "trafficextensions.yaml",
               "EnvoyFilter": "envoyfilters.yaml"}
COMMANDS = [line for block in documented_blocks().get(THIS, []) for line in block]


def test_every_command_block_of_the_doc_is_run_by_a_test():
    blocks = documented_blocks()
    assert sum(len(found) for found in blocks.values()) == sh_block_count()
    for test_file in blocks:
        assert (ROOT / test_file).is_file(), test_file
    assert len(COMMANDS) == 3


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_manifest_command(capsys, monkeypatch, command):
    program, subcommand, *args = shlex.split(command)
    assert (program, subcommand) == ("pwc", "manifest")
    monkeypatch.chdir(ROOT)  # the doc says: run from the repository's root
    status = cli.main([subcommand, *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    resource = yaml.safe_load(out)
    assert crd_problems(resource, CRD_OF_KIND[resource["kind"]]) == []


def _flag_table() -> dict[str, tuple[str, ...]]:
    """docs/deploy.md's table of flags: flag dest -> the targets ticked for it."""
    lines = DEPLOY_DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index("| flag | istio | trafficextension | envoyfilter | configmap | envoy | meaning |")
    targets = [cell.strip() for cell in lines[start].strip("|").split("|")][1:6]
    table = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.replace("\\|", "/").strip("|").split("|")]
        ticked = tuple(target for target, cell in zip(targets, cells[1:6]) if cell == "✓")
        for flag in re.findall(r"`--([a-z-]+)", cells[0]):
            table[flag.replace("-", "_")] = ticked
    return table


def test_the_docs_flag_table_is_the_codes():
    table = _flag_table()
    assert table.pop("config") == TARGETS  # --config is every target's
    assert table.pop("wasm_only") == TARGETS  # and so is --wasm-only
    assert table == {dest: tuple(t for t in TARGETS if t in targets) for dest, targets in _FLAG_TARGETS.items()}

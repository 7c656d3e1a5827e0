"""The `pwc manifest` examples docs/deploy.md shows run as shown, and print
resources Istio's CRDs accept (docs/deploy.md, "Istio's options")."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from deploy_doc import sh_block_count, documented_blocks
from istio_crd import crd_problems

from pwc import cli

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

"""Istio's CRD schemas (tests/data/istio/) as validators for what `pwc manifest` prints:
shared by the manifest tests and the OCI tests."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema
import yaml

CRDS = Path(__file__).resolve().parent / "data" / "istio"


def _crd(file: str) -> dict:
    return yaml.safe_load((CRDS / file).read_text())


def _closed(schema: dict) -> dict:
    """The schema with every object closed, as Kubernetes prunes unknown fields: a field
    the CRD does not define is an error here."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node \
                    and not node.get("x-kubernetes-preserve-unknown-fields") and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


def check_against_crd(document: dict, crd_file: str) -> dict:
    crd = _crd(crd_file)
    version = next(v for v in crd["spec"]["versions"] if v.get("served"))
    assert document["apiVersion"] == f"{crd['spec']['group']}/{version['name']}"
    assert document["kind"] == crd["spec"]["names"]["kind"]
    assert set(document) == {"apiVersion", "kind", "metadata", "spec"}
    assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", document["metadata"]["name"])
    spec_schema = _closed(version["schema"]["openAPIV3Schema"]["properties"]["spec"])
    jsonschema.Draft7Validator(spec_schema).validate(document["spec"])
    return spec_schema

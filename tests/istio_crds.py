"""Istio's CRDs as an assertion for what `pwc manifest` prints (the manifest
and OCI tests): tests/unit/istio_crd.py is the oracle (closed schemas and
the CRDs' CEL rules); this adds the checks of the object around the spec."""

from __future__ import annotations

import re

from istio_crd import closed, crd_problems, crd_version


def check_against_crd(document: dict, crd_file: str) -> dict:
    """Assert `document` is what the API server would accept; returns the closed spec schema."""
    assert set(document) == {"apiVersion", "kind", "metadata", "spec"}
    assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", document["metadata"]["name"])
    problems = crd_problems(document, crd_file)
    assert not problems, problems
    return closed(crd_version(crd_file)[1]["schema"]["openAPIV3Schema"]["properties"]["spec"])

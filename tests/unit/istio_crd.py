"""Istio's CRDs (tests/data/istio/) as the oracle of what `pwc manifest` prints.

`crd_problems(document, "wasmplugins.yaml")` lists what the API server would
refuse: the spec against the CRD's openAPIV3Schema with every object closed (a
field Istio does not define is an error, as pruning would drop it), and every
`x-kubernetes-validations` CEL rule evaluated (by cel-rust, the
`common-expression-language` package) on the part of the spec it guards.
Rules using Kubernetes' URL library (`isURL`, `url()`), which plain CEL lacks,
are the only ones skipped; `test_oracle_*` in test_manifest_istio_options.py
shows the rest catch what they should.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import cel
import jsonschema
import yaml

CRDS = Path(__file__).resolve().parents[1] / "data" / "istio"
KUBERNETES_ONLY_FUNCTIONS = ("isURL(",)


def crd_version(file: str) -> tuple[dict, dict]:
    crd = yaml.safe_load((CRDS / file).read_text())
    return crd, next(v for v in crd["spec"]["versions"] if v.get("served"))


def closed(schema: dict) -> dict:
    """The schema with every object that lists its properties closed to others."""
    schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
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


def crd_problems(document: dict, file: str) -> list[str]:
    crd, version = crd_version(file)
    problems = []
    if document.get("apiVersion") != f"{crd['spec']['group']}/{version['name']}":
        problems.append(f"apiVersion {document.get('apiVersion')}")
    if document.get("kind") != crd["spec"]["names"]["kind"]:
        problems.append(f"kind {document.get('kind')}")
    spec_schema = version["schema"]["openAPIV3Schema"]["properties"]["spec"]
    validator = jsonschema.Draft7Validator(closed(spec_schema))
    problems += [f"spec{''.join(f'[{p!r}]' for p in e.absolute_path)}: {e.message}"
                 for e in validator.iter_errors(document["spec"])]
    problems += _rule_problems(spec_schema, document["spec"], "spec")
    return problems


def _rule_problems(schema: dict, value: Any, where: str) -> list[str]:
    """Every CEL rule of `schema` and the schemas below it, on the matching part of `value`."""
    problems = []
    for rule in schema.get("x-kubernetes-validations", []):
        if any(name in rule["rule"] for name in KUBERNETES_ONLY_FUNCTIONS):
            continue
        if cel.evaluate(rule["rule"], {"self": value}) is not True:
            problems.append(f"{where}: {rule['message']}")
    if isinstance(value, dict):
        for key, item in value.items():
            child = schema.get("properties", {}).get(key)
            if child is None and isinstance(schema.get("additionalProperties"), dict):
                child = schema["additionalProperties"]
            if child is not None:
                problems += _rule_problems(child, item, f"{where}.{key}")
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            problems += _rule_problems(schema["items"], item, f"{where}[{index}]")
    return problems

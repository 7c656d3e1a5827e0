"""The `.test.yaml` format of `pwc test`: pydantic models and a located loader.

    filter: api-gate.pwf                 # relative to this file (.pwf, .wat or .wasm)
    config: {auth_cluster: auth}         # plugin configuration, optional
    cases:
      - name: rewrites banana paths
        request: {method: GET, path: /banana/42, headers: {authorization: Bearer good}}
        calls: {auth: {status: 200, headers: {x-user: alice}}}
        expect:
          upstream: {path: /status/42, headers: {x-user: alice}, absent: [x-internal-token]}

Header expectations: `headers` is a subset match (each pair is among the
message's headers), `absent` names headers that must not be there, and
`exactly` lists every header of the names it mentions, in order:
`exactly: [[x-added, a], [x-added, b]]` fails on a third `x-added` or on
`b` before `a`.  `upstream: {reached: false}` says the request must not
reach the upstream at all.

A bad file gets `CaseFileError` whose message names the file, the YAML line
and the field, e.g. `t.test.yaml:7: cases[0].expect.upstream: unknown field
`pathh` (did you mean `path`?)`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationError,
    model_validator,
)

from .model import CallFailure, Response


class CaseFileError(Exception):
    """A test-case file that cannot be used; the message is located and readable."""


def _headers(value: Any) -> Any:
    """Headers as a mapping or as [name, value] pairs -> a list of (str, str) pairs."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [(str(k), _scalar(v)) for k, v in value.items()]
    if isinstance(value, list):
        pairs = []
        for item in value:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise ValueError("a header list holds [name, value] pairs")
            pairs.append((str(item[0]), _scalar(item[1])))
        return pairs
    raise ValueError("headers are a map of name: value, or a list of [name, value] pairs")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise ValueError(f"a header value must be text, not {type(value).__name__}")


def _text(value: Any) -> Any:
    return _scalar(value) if isinstance(value, (int, float, bool)) else value


Headers = Annotated[list[tuple[str, str]], BeforeValidator(_headers)]
Text = Annotated[str, BeforeValidator(_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RequestSpec(_Strict):
    method: str = "GET"
    path: Text = "/"
    authority: str = "example.com"
    scheme: str = "http"
    headers: Headers = Field(default_factory=list)
    body: Text = ""


class AnswerSpec(_Strict):
    """A response from the upstream or from a called cluster."""

    status: int = 200
    headers: Headers = Field(default_factory=list)
    body: Text = ""


class FailSpec(_Strict):
    """No response: Envoy answers a call itself (504 on timeout, 503 otherwise)."""

    fail: Literal["timeout", "refused", "reset"]


def answer_of(spec: AnswerSpec | FailSpec) -> Response | CallFailure:
    """The answer a case gives, as the local host and the recording servers take it."""
    if isinstance(spec, FailSpec):
        return CallFailure(spec.fail)
    return Response(spec.status, list(spec.headers), spec.body.encode("utf-8"))


def _answer_kind(value: Any) -> str:
    return "fail" if isinstance(value, Mapping) and "fail" in value else "answer"


Answer = Annotated[
    Union[Annotated[FailSpec, Tag("fail")], Annotated[AnswerSpec, Tag("answer")]],
    Discriminator(_answer_kind),
]


def _one_or_list(value: Any) -> str:
    return "list" if isinstance(value, list) else "one"


Answers = Annotated[
    Union[Annotated[Answer, Tag("one")], Annotated[list[Answer], Tag("list")]],
    Discriminator(_one_or_list),
]


class MessageExpect(_Strict):
    """An expected reply or response; headers are a subset match, `exactly` an exact one."""

    status: int | None = None
    body: Text | None = None
    headers: Headers | None = None
    absent: list[str] = Field(default_factory=list)
    exactly: Headers | None = None


class UpstreamExpect(_Strict):
    reached: bool = True  # false: the request must never reach the upstream
    method: str | None = None
    path: Text | None = None
    authority: str | None = None
    body: Text | None = None
    headers: Headers | None = None
    absent: list[str] = Field(default_factory=list)
    exactly: Headers | None = None

    @model_validator(mode="after")
    def _nothing_to_see_if_not_reached(self) -> UpstreamExpect:
        if not self.reached and self.model_fields_set - {"reached"}:
            raise ValueError("an upstream that is not reached has nothing else to expect")
        return self


class CallExpect(_Strict):
    cluster: str | None = None
    method: str | None = None
    path: Text | None = None
    authority: str | None = None
    body: Text | None = None
    timeout_ms: int | None = None
    headers: Headers | None = None
    absent: list[str] = Field(default_factory=list)


class Expect(_Strict):
    upstream: UpstreamExpect | None = None
    reply: MessageExpect | None = None
    response: MessageExpect | None = None
    calls: list[CallExpect] | None = None
    logs: list[str] | None = None
    config_rejected: bool | None = None  # the filter refuses the configuration


Config = Union[dict[str, Any], str, None]


class Case(_Strict):
    name: str
    config: Config = None
    request: RequestSpec = Field(default_factory=RequestSpec)
    calls: dict[str, Answers] = Field(default_factory=dict)
    upstream: Answer = Field(default_factory=AnswerSpec)
    expect: Expect = Field(default_factory=Expect)


class CaseFile(_Strict):
    filter: str
    config: Config = None
    root_id: str = ""
    cases: list[Case] = Field(min_length=1)

    # set by parse(); not part of the format
    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple, int] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def lines(self) -> dict[tuple, int]:
        return self._lines

    def filter_path(self) -> Path:
        base = self.path.parent if self.path else Path(".")
        return base / self.filter

    def case_line(self, index: int) -> int | None:
        return self.lines.get(("cases", index))


def exact_header_differences(what: str, expected: list[tuple[str, str]] | None,
                             actual: list[tuple[str, str]]) -> list[str]:
    """`exactly`: the actual headers of the names listed (names case-insensitive) must be
    the listed pairs, no more and in the same order; [] when they are."""
    if expected is None:
        return []
    names = {name.lower() for name, _ in expected}
    want = [(name.lower(), value) for name, value in expected]
    got = [(name.lower(), value) for name, value in actual if name.lower() in names]
    if got == want:
        return []
    return [f"{what} headers {', '.join(sorted(names))}: expected exactly {_show_pairs(want)}, "
            f"got {_show_pairs(got)}"]


def _show_pairs(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name}: {value!r}" for name, value in pairs) if pairs else "none"


def config_text(config: Config) -> str | None:
    """The plugin configuration as Envoy passes a StringValue: JSON text."""
    if config is None:
        return None
    if isinstance(config, str):
        return config
    return json.dumps(config)


# ---- loading with line numbers ----------------------------------------------------


def _node_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            _node_lines(value, path + (name,), lines)
            lines[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, path + (index,), lines)


def _where(loc: tuple, data: Any, lines: dict[tuple, int]) -> tuple[str, int | None, Any]:
    """Pydantic's error location -> a readable path, its line, and the data there.

    Union branches add model names to `loc`; only steps found in the data count.
    """
    path: tuple = ()
    node = data
    for step in loc:
        if isinstance(node, Mapping) and step in node:
            node = node[step]
            path += (step,)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            path += (step,)
    line = None
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            line = lines[path[:cut]]
            break
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text, line, node


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names valid where an unknown key was found (for "did you mean")."""
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(step)
        if field is None:
            continue
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _describe(error: dict, fields: list[str]) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        name = loc[-1]
        close = difflib.get_close_matches(str(name), fields, n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else (f"; known fields: {', '.join(fields)}" if fields else "")
        return f"unknown field `{name}`{hint}"
    if kind == "missing":
        return f"`{loc[-1]}` is required"
    message = error["msg"]
    return message[0].lower() + message[1:]


def parse(text: str, path: Path | None = None) -> CaseFile:
    """Validate YAML text as a case file; raises CaseFileError with file:line messages."""
    label = str(path) if path else "<cases>"
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CaseFileError(f"{label}{line}: not valid YAML: {problem}") from None
    if not isinstance(data, Mapping):
        raise CaseFileError(f"{label}:1: a test-case file is a map with `filter` and `cases`")
    lines: dict[tuple, int] = {}
    if root is not None:
        _node_lines(root, (), lines)
    try:
        cases = CaseFile.model_validate(data)
    except ValidationError as errors:
        messages = []
        seen = set()
        for problem in errors.errors():
            where, at, _ = _where(problem["loc"], data, lines)
            if problem["type"] == "extra_forbidden":
                where = where.rsplit(".", 1)[0] if "." in where else ""
            described = _describe(dict(problem), _fields_at(CaseFile, problem["loc"]))
            text = f"{label}:{at or 1}: {where + ': ' if where else ''}{described}"
            if text not in seen:
                seen.add(text)
                messages.append(text)
        raise CaseFileError("\n".join(messages)) from None
    cases._path = path
    cases._lines = lines
    return cases


def load(path: str | Path) -> CaseFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CaseFileError(f"{path}: cannot read: {error.strerror}") from None
    return parse(text, path)

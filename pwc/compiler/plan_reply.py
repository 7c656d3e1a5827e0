r"""Native lowering of replies: `if COND { respond ... }` in `on request` as a
route of Envoy's that answers by itself (`direct_response`), placed before
the filter's main route (docs/native.md, "Replies as routes").

Envoy's router sends a direct response after every HTTP filter ran the
request phase; the module would send its reply at the rule, and run
nothing after it.  So a reply moves only when (facts verified in Envoy 1.40):

- its condition is a conjunction of what a route's match says exactly:
  `request.method ==`/`!=` a literal, or `in` a literal list (a `:method`
  header matcher: exact, or a regex of the alternatives, matched whole),
  `request.url_path ==` a literal (`path`: Envoy compares the path without
  its query, as `url_path` is), `request.url_path.startsWith` or
  `request.path.startsWith` a literal without `?` (`prefix`: Envoy compares
  it with the path without its query too), `request.url_path.matches` a
  literal (`safe_regex`, a full match: the pattern is wrapped in `\C*`, any
  bytes, on both sides for pwc's search), `"x" in request.headers` and its negation
  (`present_match`).  A header's value is not compared: Envoy's matcher tests
  each copy of a repeated header on its own (`x-a: 1`, `x-a: 2` matches
  `exact: "2"`), where pwc compares the copies joined with `,`.
- the reply is literal, with a status Envoy's direct response takes (200 to
  599) and to which it adds nothing: 201 and 3xx get a `location` header.
- nothing any rule of `on request` writes is read by the condition (the
  route is matched on the request as the filters left it);
- no `continue` before it (the module would skip the reply, the route would
  not);
- every rule after it either moves too (its effect never reaches anyone
  once the request is answered, and what reads it was checked when it
  moved) or is a literal write of a named request header that no later
  phase reads: anything else the module runs after it (a log, a call, a
  store, a metric, a reply or a `limit` of its own, a run-time error's 500)
  would run, and show, before Envoy's reply;
- the filter has no `on request body` (which would hold the request, and
  run, before the router answers), and declares no metrics (a moved reply
  is not counted by `pwc.FILTER.responded.line_N`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import syntax
from .checked import AttributeRef, Checked, HeaderMapRef

DIRECT_RESPONSE = "route direct_response"
# Envoy's default `max_direct_response_body_size_bytes` of a route configuration.
MAX_BODY_BYTES = 4096
# Statuses a direct response adds a `location` header to (the request's URL): the module's reply has none.
_LOCATION_STATUSES = "201 and 3xx"
ENVOY_OWNED_REPLY = ("content-length", "transfer-encoding", "connection", "date", "server")

Match = dict
Route = dict


def reply_parts(stmt: syntax.Stmt) -> tuple[syntax.Expr | None, syntax.RespondStmt] | None:
    """(condition, respond) of `if COND { respond ... }` or of a bare `respond`; None for other rules."""
    if isinstance(stmt, syntax.RespondStmt):
        return None, stmt
    if (isinstance(stmt, syntax.IfStmt) and len(stmt.branches) == 1 and stmt.otherwise is None
            and len(stmt.branches[0].body) == 1 and isinstance(stmt.branches[0].body[0], syntax.RespondStmt)):
        return stmt.branches[0].condition, stmt.branches[0].body[0]
    return None


def route_of(checked: Checked, stmt: syntax.Stmt, name: str) -> Route | str:
    """The route answering as `stmt` does (`reply_parts` must hold), or why there is none."""
    parts = reply_parts(stmt)
    assert parts is not None
    condition, respond = parts
    match = match_of(checked, condition) if condition is not None else {"prefix": ""}
    if isinstance(match, str):
        return match
    reply = direct_response(respond)
    if isinstance(reply, str):
        return reply
    answer, headers = reply
    route: Route = {"name": name, "match": match, "direct_response": answer}
    if headers:
        route["response_headers_to_add"] = headers
    return route


def match_of(checked: Checked, condition: syntax.Expr) -> Match | str:
    """A route's `match` true exactly when `condition` is; else why Envoy cannot say it."""
    match: Match = {}
    headers: list[dict] = []
    for term in _conjuncts(condition):
        part = _term(checked, term)
        if isinstance(part, str):
            return part
        if "name" in part:
            headers.append(part)
        elif match:
            return "the condition tests the path twice, and a route has one path matcher"
        else:
            match.update(part)
    whole = {**(match or {"prefix": ""}), **({"headers": headers} if headers else {})}
    if _has_control_bytes(whole):
        return "a literal of the condition has control bytes, which Envoy's route configuration refuses"
    return whole


def _has_control_bytes(value: object) -> bool:
    if isinstance(value, dict):
        return any(_has_control_bytes(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_control_bytes(item) for item in value)
    return isinstance(value, str) and _CONTROL.search(value) is not None


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _conjuncts(expr: syntax.Expr) -> list[syntax.Expr]:
    if isinstance(expr, syntax.Binary) and expr.op == "&&":
        return _conjuncts(expr.left) + _conjuncts(expr.right)
    return [expr]


def _term(checked: Checked, term: syntax.Expr) -> dict | str:
    """One matcher: a path specifier ({"path"|"prefix"|"safe_regex": ...}) or a header matcher."""
    if isinstance(term, syntax.Unary) and term.op == "!":
        inner = _term(checked, term.operand)
        if isinstance(inner, str) or "name" not in inner:
            return inner if isinstance(inner, str) else "Envoy's route cannot invert a path matcher"
        if inner.get("invert_match"):
            return {key: value for key, value in inner.items() if key != "invert_match"}
        return {**inner, "invert_match": True}
    if isinstance(term, syntax.Binary) and term.op in ("==", "!="):
        return _comparison(checked, term)
    if isinstance(term, syntax.Binary) and term.op == "in" and isinstance(term.right, syntax.ListLit):
        return _method_in(checked, term.left, term.right)
    if isinstance(term, syntax.Binary) and term.op == "in" and isinstance(term.left, syntax.StringLit):
        headers = checked.resolved.get(id(term.right))
        if isinstance(headers, HeaderMapRef) and headers.side == "request":
            name = term.left.value.lower()
            if name.startswith(":") or not name:
                return "Envoy's route tests the presence of named headers only"
            return {"name": name, "present_match": True}
    if isinstance(term, syntax.Call) and term.target is not None and term.name in _PATH_CALLS:
        return _path_call(checked, term)
    return ("the condition is not one Envoy's route matchers say exactly (a method, the path, a prefix,"
            " a pattern, a header's presence, `!` of some, and `&&` of those)")


def _attribute(checked: Checked, node: syntax.Expr | None) -> str | None:
    ref = checked.resolved.get(id(node)) if node is not None else None
    return ref.path if isinstance(ref, AttributeRef) else None


_HEADER_VALUE = ("the condition tests a header's value: Envoy's header matcher tests each copy of a repeated header"
                 " on its own, and pwc compares the copies joined with `,`")
_NOT_MATCHED = ("the condition tests what Envoy's route does not match on (it matches the method, the path and"
                " the presence of headers)")


def _is_header_value(checked: Checked, node: syntax.Expr | None) -> bool:
    return isinstance(node, syntax.Index) and isinstance(checked.resolved.get(id(node.target)), HeaderMapRef)


def _comparison(checked: Checked, term: syntax.Binary) -> dict | str:
    left, right = term.left, term.right
    if isinstance(left, syntax.StringLit):
        left, right = right, left
    if _is_header_value(checked, left):
        return _HEADER_VALUE
    attribute = _attribute(checked, left)
    if attribute not in ("request.method", "request.url_path"):
        return _NOT_MATCHED
    if not isinstance(right, syntax.StringLit):
        return "the condition compares with a computed value: Envoy's route matches literals only"
    if attribute == "request.method":
        method = {"name": ":method", "string_match": {"exact": right.value}}
        return {**method, "invert_match": True} if term.op == "!=" else method
    if term.op == "!=":
        return "Envoy's route cannot invert a path matcher"
    if not right.value.startswith("/") or "?" in right.value:
        return "the path compared is never a path without query (it must start with `/` and have no `?`)"
    return {"path": right.value}


def _method_in(checked: Checked, method: syntax.Expr, methods: syntax.ListLit) -> dict | str:
    """`request.method in ["GET", "HEAD"]`: a `:method` matcher of the alternatives, matched whole."""
    if _attribute(checked, method) != "request.method":
        return _NOT_MATCHED
    names = [item.value for item in methods.items if isinstance(item, syntax.StringLit)]
    if not names or len(names) != len(methods.items) or not all(_TOKEN.fullmatch(name) for name in names):
        return "the methods must be a literal list of method names (letters, digits, `-`, `_`)"
    return {"name": ":method", "string_match": {"safe_regex": {"regex": "|".join(names)}}}


_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def _prefix(checked: Checked, call: syntax.Call, literal: str) -> dict | str:
    attribute = _attribute(checked, call.target)
    if _is_header_value(checked, call.target):
        return _HEADER_VALUE
    if attribute not in ("request.url_path", "request.path"):
        return _NOT_MATCHED
    if not literal.startswith("/") or "?" in literal:
        return ("Envoy's route compares a prefix with the path without its query: the prefix must start with `/`"
                " and have no `?`")
    return {"prefix": literal}


def _pattern(checked: Checked, call: syntax.Call, literal: str) -> dict | str:
    from .plan import MAX_NATIVE_REGEX_INSTS

    if _is_header_value(checked, call.target):
        return _HEADER_VALUE
    if _attribute(checked, call.target) != "request.url_path":
        return "Envoy's route matches a pattern against the path without query (`request.url_path`) only"
    regex = checked.regexes.get(id(call.args[0]))
    if regex is None:
        return "the pattern comes from the configuration: Envoy's route takes a literal one"
    if len(regex.automaton.insts) > MAX_NATIVE_REGEX_INSTS:
        return "the pattern is larger than Envoy accepts by default (its RE2 program-size limit)"
    # pwc's `matches` finds the pattern anywhere, starting at any byte (as RE2's search does); Envoy's route
    # matches the whole path: any bytes (`\C`, which `.` is not: it never takes a byte outside UTF-8) around it.
    return {"safe_regex": {"regex": f"\\C*(?:{literal})\\C*"}}


_PATH_CALLS: dict[str, Callable[[Checked, syntax.Call, str], dict | str]] = {
    "startsWith": _prefix, "matches": _pattern}


def _path_call(checked: Checked, call: syntax.Call) -> dict | str:
    if len(call.args) != 1 or not isinstance(call.args[0], syntax.StringLit):
        return "the condition's argument is computed: Envoy's route matches literals only"
    return _PATH_CALLS[call.name](checked, call, call.args[0].value)


def direct_response(respond: syntax.RespondStmt) -> tuple[dict, list[dict]] | str:
    """(direct_response, response_headers_to_add) sending what `respond` sends; else why not."""
    if not isinstance(respond.status, syntax.IntLit):
        return "the reply's status is computed: a route's direct response has a literal one"
    status = respond.status.value
    if not 200 <= status <= 599 or status == 201 or 300 <= status <= 399:
        return (f"Envoy's direct response takes statuses 200 to 599 and adds a `location` header to"
                f" {_LOCATION_STATUSES}: the reply's {status} stays in the module")
    answer: dict = {"status": status}
    if respond.body is not None:
        if not isinstance(respond.body, syntax.StringLit):
            return "the reply's body is computed: a route's direct response has a literal one"
        if len(respond.body.value.encode()) > MAX_BODY_BYTES:
            return f"the reply's body is over {MAX_BODY_BYTES} bytes, Envoy's default limit for a direct response"
        if respond.body.value:
            answer["body"] = {"inline_string": respond.body.value}
    headers = _reply_headers(respond.headers)
    return headers if isinstance(headers, str) else (answer, headers)


def _reply_headers(headers: syntax.Expr | None) -> list[dict] | str:
    if headers is None:
        return []
    if not isinstance(headers, syntax.MapLit):
        return "the reply's headers are computed: a route's direct response adds literal ones"
    added = []
    for entry in headers.entries:
        if not isinstance(entry.key, syntax.StringLit) or not isinstance(entry.value, syntax.StringLit):
            return "the reply's headers are computed: a route's direct response adds literal ones"
        name, value = entry.key.value.lower(), entry.value.value
        if name in ENVOY_OWNED_REPLY or name.startswith((":", "x-envoy-")):
            return f"Envoy itself writes `{name}` on a reply: only the module's reply is certain"
        # The value is a format string to Envoy (`%` is written `%%`); an empty value is kept.
        added.append({"header": {"key": name, "value": value.replace("%", "%%")},
                      "append_action": "APPEND_IF_EXISTS_OR_ADD", "keep_empty_value": True})
    return added


@dataclass
class _Phase:
    """`on request` as the replies' placements see it.  What each rule writes, what the later phases
    read, and each reply's verdict are found once: a reply asks about every rule around it."""

    checked: Checked
    body: list
    later: list  # the rules of the phases after it
    later_phases: set[str]
    verdicts: dict[int, str | None] = field(default_factory=dict)
    written: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    read_later: set[tuple[str, str]] | None = None

    def writes(self, index: int) -> set[tuple[str, str]]:
        if index not in self.written:
            self.written[index] = _writes(self.checked, self.body[index])
        return self.written[index]

    def reads_later(self) -> set[tuple[str, str]]:
        from .plan import _footprint

        if self.read_later is None:
            self.read_later = set().union(*(_footprint(self.checked, s) for s in self.later))
        return self.read_later


def reply_placements(checked: Checked, body: list, later: list,
                     later_phases: set[str]) -> dict[int, tuple[Route | None, str]]:
    """For each reply rule of `on request` (by index): (its route, why it moves), or (None, why it stays)."""
    phase = _Phase(checked, body, later, later_phases)
    placed: dict[int, tuple[Route | None, str]] = {}
    for index, stmt in enumerate(body):
        if reply_parts(stmt) is None:
            continue
        route = route_of(checked, stmt, f"{checked.module.filter_name} line {stmt.span.line}")
        if isinstance(route, str):
            placed[index] = (None, route)
            continue
        reason = _why_reply_stays(phase, index)
        placed[index] = (None, reason) if reason is not None else (route, _MOVES)
    return placed


_MOVES = ("Envoy's route matches exactly what the condition tests, its direct response is the same reply,"
          " and nothing before or after it in the module makes a difference the reply would show")


def _why_reply_stays(phase: _Phase, index: int) -> str | None:
    if index not in phase.verdicts:
        phase.verdicts[index] = _why_stays(phase, index)
    return phase.verdicts[index]


def _why_stays(phase: _Phase, index: int) -> str | None:
    """None when the reply rule body[index] can be a route, given what surrounds it; else why it stays."""
    checked, body = phase.checked, phase.body
    if "request body" in phase.later_phases:
        return ("the filter has `on request body`: the module answers before the body arrives and skips that phase,"
                " but Envoy's route answers after it ran (it may answer first: its own reply, 413, a run-time error)")
    if checked.metrics:
        return ("the filter declares metrics, and its replies are counted too (`pwc.FILTER.responded.line_N`):"
                " Envoy's route would answer uncounted")
    condition, _ = reply_parts(body[index]) or (None, None)
    reads = _condition_reads(checked, condition)
    for other in (i for i in range(len(body)) if i != index):
        written = phase.writes(other)
        if written & reads or (reads and ("request", _ALL) in written):
            return (f"the rule on line {body[other].span.line} writes what the condition reads: Envoy's route"
                    f" matches the request as the filters left it")
    for earlier in body[:index]:
        if _contains(earlier, syntax.ContinueStmt):
            return (f"the `continue` on line {earlier.span.line} may end the phase before this rule,"
                    f" and Envoy's route would still answer")
    for after in range(index + 1, len(body)):
        reason = _why_not_harmless(phase, after)
        if reason is not None:
            return reason
    return None


def _why_not_harmless(phase: _Phase, index: int) -> str | None:
    """None when body[index], after a reply, makes no difference the reply would show."""
    from .plan import _mutation_shape, _why_not_native

    checked, stmt = phase.checked, phase.body[index]
    if reply_parts(stmt) is not None:
        if not isinstance(route_of(checked, stmt, ""), str) and _why_reply_stays(phase, index) is None:
            return None
        return (f"the reply on line {stmt.span.line} after it stays in the module, and would answer before"
                f" Envoy's route")
    if isinstance(stmt, syntax.RewriteStmt) and _why_not_native(
            checked, "request", stmt, phase.body[:index], phase.body[index + 1:] + phase.later) is None:
        return None
    # A literal write cannot fail; a value the module computes might (its scratch memory), before the reply.
    literal = isinstance(stmt, syntax.RemoveStmt) or (isinstance(stmt, syntax.SetStmt)
                                                      and isinstance(stmt.value, syntax.StringLit))
    shape = _mutation_shape(checked, "request", stmt) if literal else None
    if isinstance(shape, tuple):
        read_later = phase.reads_later()
        if ("request", _ALL) in read_later or shape in read_later:
            return (f"the rule on line {stmt.span.line} after it writes a request header a later phase reads:"
                    f" the module would not have written it when it answered")
        return None
    return (f"the rule on line {stmt.span.line} after it stays in the module and would run before Envoy's route"
            f" answers (a log, a call, a store, a metric, a reply or a `limit`, a run-time error's 500):"
            f" only literal header writes may follow a moved reply")


_ALL = "*"  # plan.ALL: every header of a side


def _contains(root: syntax.Node, kind: type) -> bool:
    from .plan import _contains as contains

    return contains(root, kind)


def _condition_reads(checked: Checked, condition: syntax.Expr | None) -> set[tuple[str, str]]:
    from .plan import _footprint

    return _footprint(checked, condition) if condition is not None else set()


def _writes(checked: Checked, root: syntax.Node) -> set[tuple[str, str]]:
    """The request headers `root` sets, adds, removes or rewrites: (side, name), (side, ALL) for a computed name."""
    from .plan import _footprint

    found: set[tuple[str, str]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, (syntax.SetStmt, syntax.RemoveStmt, syntax.RewriteStmt)):
            ref = checked.resolved.get(id(node.target))
            if isinstance(ref, HeaderMapRef) and not isinstance(node.target, syntax.Index):
                found.add((ref.side, _ALL))
            elif isinstance(ref, (HeaderMapRef, AttributeRef)):
                found |= _footprint(checked, node.target)
        stack += syntax.children(node)
    return found


"""Native lowering: which rules Envoy can run itself, and why the others stay
in the module (`pwc plan`; docs/native.md).

A rule here is a top-level statement of a phase.  One moves out of the
module only when Envoy's own form of it is indistinguishable, to the
upstream and to the client, from the module running it:

- `set`/`add`/`remove` of a named request header with a literal value, or
  one Envoy's formatter computes the same (plan_values.py), in
  `on request`, becomes a mutation of Envoy's `header_mutation` filter
  placed after the module: it runs when the module lets the request go on,
  as the end of the phase would.  So the rule must commute with everything
  after it that stays in the module (the later rules that move are applied
  after it, in rule order, in the same filter): no later rule, in this
  phase or a later one, reads or writes
  that header (`on response` and `on done` read the request as the request
  phase left it), no later rule writes any header if this one sets one
  (Envoy keeps headers in the order they were written), and no `continue`
  before it may end the phase early; a computed value also needs no later
  rule of the module to write a header it reads (Envoy computes it when the
  phase ends).  A `respond` or a run-time error after it stops the request
  in both forms.
- The same rules on response headers, in `on response`, become mutations of
  a `header_mutation` filter placed before the module, which Envoy runs on
  the response after the module.  A response phase can replace the response
  (a `respond`, a run-time error) at any of its rules, and Envoy would send
  that reply through the filter: so they move only when every rule of `on
  response` moves (then Envoy applies them in rule order, as the module
  would), and nothing after it (`on response body`, `on done`) touches the
  header.

- A reply, `if COND { respond ... }`, becomes a route answering by itself
  (`direct_response`) when COND is one a route matches exactly and nothing
  around it would show the difference: plan_reply.py says when.

Everything else stays, with the reason.  Header names Envoy itself sets or
frames the message with stay too: between the filters and the upstream
Envoy may change them.
"""

from __future__ import annotations

import dataclasses

from dataclasses import dataclass, field

from . import plan_reply, syntax
from .attributes import HEADER_ATTRIBUTES, PHASES
from .checked import AttributeRef, Checked, HeaderMapRef
from .plan_values import FormatValue, format_value, rewritten_read
from .regex.emit import first_bytes_in_any_context
from .source import Source
from .targets import PATH_BYTES

ALL = "*"  # a footprint entry for "every header of this side"
# Headers Envoy sets, strips or frames the message with on its own; a rule on them stays in the module.
ENVOY_OWNED = ("content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection", "te",
               "upgrade", "host", "expect", "via", "date", "server", "cookie", "set-cookie")
ENVOY_OWNED_PREFIXES = ("x-envoy-", "x-forwarded-", "x-request-id", ":")
HEADER_MUTATION = "envoy.filters.http.header_mutation"
HEADER_MUTATION_TYPE = "type.googleapis.com/envoy.extensions.filters.http.header_mutation.v3.HeaderMutation"
# pwc's statement -> Envoy's append action (HeaderValueOption.append_action).
_APPEND_ACTION = {"set": "OVERWRITE_IF_EXISTS_OR_ADD", "add": "APPEND_IF_EXISTS_OR_ADD"}
# The feature each side's mutations use, as `pwc plan` names it.
FEATURE = {"request": "header_mutation after the module (request)",
           "response": "header_mutation before the module (response)"}
REGEX_REWRITE = "route regex_rewrite"
# The largest pattern (pwc's NFA instructions) moved to Envoy: RE2's program for it stays
# well under Envoy's default program-size limit (100), which refuses the route above it.
MAX_NATIVE_REGEX_INSTS = 40
# What Envoy's router adds when a route rewrites the path, and the module's rewrite does not:
# removed from the request the router sends, so the upstream sees the same request.
ORIGINAL_PATH = "x-envoy-original-path"
HOST_REWRITE = "route host_rewrite_literal"
# What the router adds when a route rewrites the host, as x-envoy-original-path for the path.
ORIGINAL_HOST = "x-envoy-original-host"
# The route's rewrites, and the header the router adds for each (removed again upstream).
ROUTE_REWRITES = {REGEX_REWRITE: ORIGINAL_PATH, HOST_REWRITE: ORIGINAL_HOST}
MODULE = "module"


@dataclass(frozen=True)
class Placement:
    """Where one rule runs: `where` is MODULE or the Envoy feature; `mutation`
    is its entry in that feature's configuration."""

    phase: str
    line: int
    rule: str  # the rule's first line of text
    where: str
    reason: str
    mutation: dict | None = None
    statement: syntax.Stmt | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict:
        return {"phase": self.phase, "line": self.line, "rule": self.rule, "where": self.where,
                "reason": self.reason, **({"envoy": self.mutation} if self.mutation else {})}


@dataclass
class Plan:
    filter_name: str
    placements: list[Placement]

    def native(self, side: str) -> list[dict]:
        """The header_mutation entries of `side`'s rules that moved, in rule order."""
        return [p.mutation for p in self.placements if p.where == FEATURE[side] and p.mutation]

    @property
    def route_action(self) -> dict:
        """What the route gains: the path and host rewrites of the rules that moved there."""
        return {key: value for p in self.placements if p.where in ROUTE_REWRITES and p.mutation
                for key, value in p.mutation.items()}

    @property
    def original_headers(self) -> list[str]:
        """The headers the router adds for the route's rewrites, which the module never wrote."""
        return [ROUTE_REWRITES[p.where] for p in self.placements if p.where in ROUTE_REWRITES]

    @property
    def routes_before(self) -> list[dict]:
        """The routes placed before the filter's main route: the replies that moved, in rule order."""
        return [p.mutation for p in self.placements if p.where == plan_reply.DIRECT_RESPONSE and p.mutation]

    @property
    def moved(self) -> set[int]:
        return {id(p.statement) for p in self.placements if p.where != MODULE}

    def remaining(self, module: syntax.Module) -> syntax.Module | None:
        """The filter without the rules that moved; None when nothing is left for a module."""
        moved = self.moved
        handlers = [dataclasses.replace(h, body=[s for s in h.body if id(s) not in moved]) for h in module.handlers]
        handlers = [h for h in handlers if h.body]
        if not handlers and not module.every and not module.metrics and not module.stores:
            return None
        return dataclasses.replace(module, handlers=handlers)

    def as_json(self) -> dict:
        return {"filter": self.filter_name, "rules": [p.as_json() for p in self.placements]}


def plan(checked: Checked, source: Source) -> Plan:
    module = checked.module
    phases = {h.phase: h.body for h in module.handlers}
    placements: list[Placement] = []
    for phase in PHASES:
        body = phases.get(phase, [])
        after = PHASES[PHASES.index(phase) + 1:]
        later = [s for p in after for s in phases.get(p, [])]
        placements += _place_phase(checked, source, phase, body, later, set(after) & set(phases))
    for block in module.every:
        placements += [_stays(source, "every", s, "an `every` block runs on Envoy's timer, which only a module has")
                       for s in block.body]
    return Plan(module.filter_name, keep_headers_with_module(placements))


def keep_headers_with_module(placements: list[Placement]) -> list[Placement]:
    """A phase's header mutations (and a host rewrite) stay in the module when it runs that
    phase anyway (a rule of the phase stays): Envoy's header_mutation filter beside it (or
    the upstream one a host rewrite needs) costs more than the module's own write
    (bench/native.py --instructions: one literal header moved out of a module's request
    phase cost 3,000 instructions more per request).  A phase the module would not run
    otherwise keeps its native filter: the module exports no callback for it.  Moving a
    rule back is always faithful: the module is the reference."""
    kept = {p.phase: p for p in reversed(placements) if p.where == MODULE}
    return [dataclasses.replace(p, where=MODULE, mutation=None, reason=(
                f"the module runs `on {p.phase}` anyway (line {kept[p.phase].line} stays in it), and its own write"
                " costs less than the header_mutation filter Envoy would add beside it"))
            if (p.where in FEATURE.values() or p.where == HOST_REWRITE) and p.phase in kept else p
            for p in placements]


def _place_phase(checked: Checked, source: Source, phase: str, body: list, later: list,
                 later_phases: set[str]) -> list[Placement]:
    placed: list[Placement] = []
    replies = plan_reply.reply_placements(checked, body, later, later_phases) if phase == "request" else {}
    # Last rule first: a later rule that moved to the same filter is applied after this one, in
    # rule order, as the module would apply it, so only the later rules that stay can observe a move.
    for index in reversed(range(len(body))):
        stmt = body[index]
        if index in replies:
            route, why = replies[index]
            placed.insert(0, Placement(phase, stmt.span.line, _first_line(source, stmt), plan_reply.DIRECT_RESPONSE,
                                       why, route, stmt) if route else _stays(source, phase, stmt, why))
            continue
        # A route rewrite runs in the router, after the header_mutation filter: every later rule sees it.
        same_filter = None if _route_level(checked, stmt) else FEATURE.get(phase)
        stays_after = [s for s, p in zip(body[index + 1:], placed) if p.where != same_filter]
        reason = _why_not_native(checked, phase, stmt, body[:index], stays_after + later)
        placed.insert(0, _stays(source, phase, stmt, reason) if reason else _moved(checked, source, phase, stmt))
    if phase == "response" and "response body" in later_phases:
        placed = [p if p.where == MODULE or p.statement is None else _stays(
            source, phase, p.statement,
            "`on response body` may replace the response (a `respond`, a run-time error, a body over the limit),"
            " which Envoy would still pass through this header's mutation") for p in placed]
    if phase == "response" and any(p.where == MODULE for p in placed):
        blocker = next(p for p in placed if p.where == MODULE)
        placed = [p if p.where == MODULE or p.statement is None else _stays(
            source, phase, p.statement,
            f"the rule on line {blocker.line} stays in the module and may replace the response (a `respond`,"
            f" a run-time error), which Envoy would still pass through this header's mutation: only a wholly"
            f" native `on response` moves") for p in placed]
    return placed


# How a reason names the pseudo-headers the route's rewrites change.
_PSEUDO_HEADERS = {":path": "the path", ":authority": "the host"}


def _route_level(checked: Checked, stmt: syntax.Stmt) -> bool:
    """Whether `stmt` would move to the route (a path or host rewrite), not to a header_mutation filter."""
    return isinstance(stmt, syntax.RewriteStmt) or _sets_host(checked, stmt)


def _sets_host(checked: Checked, stmt: syntax.Stmt) -> bool:
    """Whether `stmt` is `set request.host = ...` (the route's `host_rewrite_literal`, when literal)."""
    ref = checked.resolved.get(id(stmt.target)) if isinstance(stmt, syntax.SetStmt) else None
    return isinstance(ref, AttributeRef) and ref.path == "request.host"


def _why_not_native(checked: Checked, phase: str, stmt: syntax.Stmt, before: list, after_it: list) -> str | None:
    """None when `stmt` can move; else why it stays.  `before`: the phase's rules before it;
    `after_it`: the rules after it, in this phase and later ones, but those that moved to its filter."""
    shape = _mutation_shape(checked, phase, stmt)
    if isinstance(shape, str):
        return shape
    side, name = shape
    for earlier in before:
        if _contains(earlier, syntax.ContinueStmt):
            return (f"the `continue` on line {earlier.span.line} may end the phase before this rule,"
                    f" and Envoy would still apply it")
    if phase == "request" and isinstance(stmt, syntax.SetStmt):
        # A moved value is computed when the module's phase ends.  (`on response` moves whole, in order.)
        rewritten = rewritten_read(checked, _value(checked, phase, stmt), after_it)
        if rewritten:
            return rewritten
    for after in after_it:
        if isinstance(stmt, syntax.SetStmt) and not name.startswith(":") and _writes_headers(checked, after, side):
            return (f"the rule on line {after.span.line} writes a {side} header after it: Envoy keeps headers in"
                    f" the order they were written, and this one would come after that one")
        touched = _footprint(checked, after)
        if (side, ALL) in touched:
            return f"the rule on line {after.span.line} reads every {side} header after it, and must see this write"
        if (side, name) in touched:
            what = _PSEUDO_HEADERS.get(name, f"`{side}.headers[\"{name}\"]`")
            return f"the rule on line {after.span.line} reads or writes {what} after it, and must see this write"
    return None


def _mutation_shape(checked: Checked, phase: str, stmt: syntax.Stmt) -> tuple[str, str] | str:
    """(side, header name) of a literal header mutation of this phase's own side; else why not."""
    if phase not in ("request", "response"):
        return f"Envoy has no native form of a rule in `on {phase}`"
    if isinstance(stmt, syntax.RewriteStmt):
        return _rewrite_shape(checked, phase, stmt)
    if not isinstance(stmt, (syntax.SetStmt, syntax.RemoveStmt)):
        return _NOT_LOWERED.get(type(stmt), "Envoy has no native form of this rule")
    target = stmt.target
    ref = checked.resolved.get(id(target))
    if _sets_host(checked, stmt):
        if not isinstance(stmt.value, syntax.StringLit):  # type: ignore[union-attr]  # a SetStmt: _sets_host
            return "the host is computed per request: Envoy's route rewrites it to a literal only"
        return "request", ":authority"
    if not isinstance(ref, HeaderMapRef) or not isinstance(target, syntax.Index):
        return f"`{syntax.dotted_name(target) if isinstance(target, syntax.Member) else 'the target'}` is changed by the module only (only named headers move)"
    if not isinstance(target.index, syntax.StringLit):
        return "the header's name is computed per request: only named headers move"
    name = target.index.value.lower()
    if envoy_owned(name):
        return f"Envoy itself sets, strips or frames the message with `{name}`: only the module's write is certain"
    if isinstance(stmt, syntax.SetStmt):
        value = format_value(checked, phase, stmt.value, envoy_owned)
        if isinstance(value, str):
            return value
    return ref.side, name


def envoy_owned(name: str) -> bool:
    """Whether Envoy itself sets, strips or frames the message with header `name`."""
    return name in ENVOY_OWNED or name.startswith(ENVOY_OWNED_PREFIXES)


def _rewrite_shape(checked: Checked, phase: str, stmt: syntax.RewriteStmt) -> tuple[str, str] | str:
    """("request", ":path") for a rewrite Envoy's route `regex_rewrite` does exactly; else why not."""
    ref = checked.resolved.get(id(stmt.target))
    path = ref.path if isinstance(ref, AttributeRef) else None
    if path == "request.path":
        return ("it rewrites `request.path`, query included, and Envoy's `regex_rewrite` leaves the query alone:"
                " rewrite `request.url_path` to let Envoy do it")
    if path != "request.url_path" or phase != "request":
        return "Envoy rewrites only the path (`request.url_path`) natively"
    regex = checked.regexes.get(id(stmt.pattern))
    if regex is None:
        return "the pattern comes from the configuration: Envoy's route takes a literal one"
    if len(regex.automaton.insts) > MAX_NATIVE_REGEX_INSTS:
        return "the pattern is larger than Envoy accepts by default (its RE2 program-size limit)"
    starts = first_bytes_in_any_context(regex.automaton)
    template = checked.templates[id(stmt.template)]
    if starts is None or _covers(starts, b"*") or (_covers(starts, b"/") and not _writes_leading_slash(template)):
        return ("a match could start the path (or be empty), and pwc refuses a rewritten path that loses its"
                " leading `/` where Envoy would send it on (a template that starts with `/` keeps it)")
    if not all(byte in PATH_BYTES for piece in template.pieces if isinstance(piece, bytes) for byte in piece):
        return "the template writes bytes pwc encodes in a path and Envoy would send as they are"
    return "request", ":path"


def _writes_leading_slash(template) -> bool:
    """Whether every replacement starts with `/`: a match at the path's start then keeps it a path."""
    return bool(template.pieces) and isinstance(template.pieces[0], bytes) and template.pieces[0].startswith(b"/")


def _covers(ranges, byte_string: bytes) -> bool:
    """Whether a byte of `byte_string` is in the ranges."""
    return any(lo <= byte <= hi for lo, hi in ranges for byte in byte_string)


def _substitution(checked: Checked, stmt: syntax.RewriteStmt) -> str:
    """The template in RE2's rewrite syntax, as Envoy's `regex_rewrite` takes it."""
    pieces = checked.templates[id(stmt.template)].pieces
    return "".join(f"\\{piece}" if isinstance(piece, int) else piece.decode().replace("\\", "\\\\")
                   for piece in pieces)


# Why a rule of another kind stays (the first lowerings are header mutations).
_NOT_LOWERED: dict[type, str] = {
    syntax.IfStmt: "a condition decided per request: conditional rules stay in the module",
    syntax.ForStmt: "a loop over the request's values runs in the module",
    syntax.RespondStmt: "a reply outside `on request`: only the request phase's replies become routes",
    syntax.LetStmt: "a `let` names a value for the rules after it: the module computes it",
    syntax.VarStmt: "a `var` holds a value for the rules after it: the module keeps it",
    syntax.LimitStmt: ("Envoy's `local_ratelimit` counts otherwise: its token bucket gives a token back every"
                       " PERIOD/COUNT, where `limit` lets COUNT pass per window from the first request, and its 429"
                       " (`local_rate_limited`, no `retry-after`) is not `limit`'s"),
    syntax.LogStmt: "a `log` line is written by the module",
    syntax.CountStmt: "a metric the module defines",
    syntax.ObserveStmt: "a metric the module defines",
    syntax.CallStmt: "a call is made by the module",
    syntax.ContinueStmt: "`continue` ends the module's phase",
    syntax.StoreStmt: "a stored value lives in the module's shared data",
}


def _footprint(checked: Checked, root: syntax.Node) -> set[tuple[str, str]]:
    """The headers `root` reads or writes: (side, name), (side, ALL) for a whole map."""
    found: set[tuple[str, str]] = set()
    stack: list[tuple[syntax.Node, syntax.Node | None]] = [(root, None)]
    while stack:
        node, parent = stack.pop()
        ref = checked.resolved.get(id(node))
        if isinstance(ref, HeaderMapRef):
            found.add((ref.side, _named_header(node, parent)))
        elif isinstance(ref, AttributeRef) and ref.path in HEADER_ATTRIBUTES:
            attribute = HEADER_ATTRIBUTES[ref.path]
            found.add((ref.path.split(".")[0], attribute.pseudo_header or attribute.source_header))
        loop = checked.loops.get(id(node)) or checked.macros.get(id(node))
        if loop is not None and loop.over.endswith(".headers"):
            found.add((loop.over.split(".")[0], ALL))
        stack += [(child, node) for child in syntax.children(node)]
    return found


def _named_header(node: syntax.Node, parent: syntax.Node | None) -> str:
    """The one header a use of a header map touches (`m["x"]`, `"x" in m`), else ALL."""
    if isinstance(node, syntax.Index) and isinstance(node.index, syntax.StringLit):
        return node.index.value.lower()
    if isinstance(parent, syntax.Index) and parent.target is node and isinstance(parent.index, syntax.StringLit):
        return parent.index.value.lower()
    if (isinstance(parent, syntax.Binary) and parent.op == "in" and parent.right is node
            and isinstance(parent.left, syntax.StringLit)):
        return parent.left.value.lower()
    return ALL


def _writes_headers(checked: Checked, root: syntax.Node, side: str) -> bool:
    """Whether `root` sets, adds or rewrites a header of `side` (which puts it last in the map)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, (syntax.SetStmt, syntax.RewriteStmt)):
            ref = checked.resolved.get(id(node.target))
            if isinstance(ref, HeaderMapRef) and ref.side == side:
                return True
        stack += syntax.children(node)
    return False


def _contains(root: syntax.Node, kind: type) -> bool:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            return True
        stack += syntax.children(node)
    return False


def _mutation(checked: Checked, phase: str, stmt: syntax.Stmt) -> dict:
    """The header_mutation entry doing what `stmt` does."""
    assert isinstance(stmt, (syntax.SetStmt, syntax.RemoveStmt)) and isinstance(stmt.target, syntax.Index)
    assert isinstance(stmt.target.index, syntax.StringLit)
    name = stmt.target.index.value.lower()
    if isinstance(stmt, syntax.RemoveStmt):
        return {"remove": name}
    # The value is a format string to Envoy (plan_values.py); an empty value is kept, as pwc keeps it.
    header = {"key": name, "value": _value(checked, phase, stmt).text}
    return {"append": {"header": header, "append_action": _APPEND_ACTION[stmt.op], "keep_empty_value": True}}


def _value(checked: Checked, phase: str, stmt: syntax.SetStmt) -> FormatValue:
    """The format string of a `set` or `add` that moves (its shape was checked)."""
    value = format_value(checked, phase, stmt.value, envoy_owned)
    assert isinstance(value, FormatValue)
    return value


def _moved(checked: Checked, source: Source, phase: str, stmt: syntax.Stmt) -> Placement:
    line = _first_line(source, stmt)
    if isinstance(stmt, syntax.RewriteStmt):
        rewrite = {"pattern": {"regex": stmt.pattern.value}, "substitution": _substitution(checked, stmt)}  # type: ignore[union-attr]
        return Placement(phase, stmt.span.line, line, REGEX_REWRITE,
                         "rewrites the path as Envoy's route does (RE2's global replace, the query kept), the path"
                         " keeps its leading `/`, and nothing after it reads the path", {"regex_rewrite": rewrite}, stmt)
    if _sets_host(checked, stmt):
        return Placement(phase, stmt.span.line, line, HOST_REWRITE,
                         "sets the host to a literal as Envoy's route does, and nothing after it reads the host",
                         {"host_rewrite_literal": stmt.value.value}, stmt)  # type: ignore[union-attr]
    return Placement(phase, stmt.span.line, line, FEATURE[phase], _moved_reason(stmt),
                     _mutation(checked, phase, stmt), stmt)


def _moved_reason(stmt: syntax.Stmt) -> str:
    literal = isinstance(stmt, syntax.SetStmt) and isinstance(stmt.value, syntax.StringLit)
    done = "removes a named header" if not isinstance(stmt, syntax.SetStmt) else \
        f"{stmt.op}s a named header to a literal value" if literal else \
        f"{stmt.op}s a named header to a value Envoy's formatter computes the same"
    return f"{done}, and nothing after it observes the difference"


def _stays(source: Source, phase: str, stmt: syntax.Stmt, reason: str) -> Placement:
    return Placement(phase, stmt.span.line, _first_line(source, stmt), MODULE, reason, None, stmt)


def _first_line(source: Source, stmt: syntax.Stmt) -> str:
    if source.text and stmt.span.end > stmt.span.start:
        return source.text[stmt.span.start:stmt.span.end].splitlines()[0].rstrip(" {")
    return type(stmt).__name__


def header_mutation_filter(request: list[dict], response: list[dict]) -> dict:
    """Envoy's header_mutation HTTP filter with these mutations."""
    mutations = {}
    if request:
        mutations["request_mutations"] = request
    if response:
        mutations["response_mutations"] = response
    return {"name": HEADER_MUTATION, "typed_config": {"@type": HEADER_MUTATION_TYPE, "mutations": mutations}}


def render(plan_: Plan, source_name: str) -> str:
    """`pwc plan`'s text: rule by rule, where it runs and why."""
    moved = sum(1 for p in plan_.placements if p.where != MODULE)
    kept = len(plan_.placements) - moved
    lines = [f"{source_name}: {len(plan_.placements)} rule{'s' * (len(plan_.placements) != 1)}: "
             f"{moved} in Envoy's configuration, {kept} in the module"
             + ("" if kept else " (no module needed)")]
    for p in plan_.placements:
        lines.append(f"  line {p.line:<4} on {p.phase}: {p.rule.strip()}")
        lines.append(f"             {p.where}: {p.reason}")
    return "\n".join(lines) + "\n"


@dataclass
class Planned:
    """A filter as Envoy runs it once planned: the module for what is left
    (None when nothing is), and the native filters around it, in chain order."""

    plan: Plan
    wasm: bytes | None
    filters_before: list[dict]  # before the module: Envoy runs them on the response after it
    filters_after: list[dict]  # after the module: Envoy runs them on the request after it
    route_action: dict = field(default_factory=dict)  # merged into the route's `route:`
    routes_before: list[dict] = field(default_factory=list)  # routes before the main one (direct responses)
    upstream_filters: list[dict] = field(default_factory=list)  # the router's, before it sends the request


def planned(checked: Checked, source: Source, filename: str, stays: dict[str, str] | None = None) -> Planned:
    """Plan the filter and compile what is left of it.  `stays` maps features a deployment
    cannot run faithfully to the reason: their rules stay in the module (only features no
    other placement's proof depends on: the route's path rewrite)."""
    from .driver import compile_module

    placed = plan(checked, source)
    if stays:
        placed.placements = keep_headers_with_module([
            dataclasses.replace(p, where=MODULE, reason=stays[p.where], mutation=None) if p.where in stays else p
            for p in placed.placements])
    remaining = placed.remaining(checked.module)
    request, response = placed.native("request"), placed.native("response")
    before = [header_mutation_filter([], response)] if response else []
    after = [header_mutation_filter(request, [])] if request else []
    if remaining is None and (request or response):
        before, after = [], [header_mutation_filter(request, response)]  # no module between: one filter does both
    route = placed.route_action
    originals = placed.original_headers
    upstream = [header_mutation_filter([{"remove": name} for name in originals], [])] if originals else []
    wasm = None
    if remaining is not None:
        result = compile_module(remaining, filename)
        if not result.ok or result.wasm is None:
            raise ValueError(f"{filename}: the planned module did not compile: {result.render()}")
        wasm = result.wasm
    return Planned(placed, wasm, before, after, route, placed.routes_before, upstream)

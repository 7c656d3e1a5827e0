"""Generated filters for the native-lowering equivalence test: rules Envoy
can run itself (header mutations with literal values or values Envoy's
formatter computes, path rewrites, replies under conditions a route
matches) mixed with rules that must stay in the module (other conditions,
other computed values, `continue`, run-time errors), and the requests each
is tried with.  Seeded: the same corpus every run."""

from __future__ import annotations

import random

REQUEST_NAMES = ["x-a", "x-b", "X-Mixed-Case", "x-empty", "accept", "user-agent", "x-num", "cookie",
                 "x-envoy-test", "x-forwarded-for", "content-type"]
RESPONSE_NAMES = ["x-r", "x-s", "X-Resp-Case", "cache-control", "server", "content-type", "x-nf"]
VALUES = ["v", "", "a%b", "%REQ(x-a)%", "two words", "x,y", "ünï", "v=1; w=2", "100%"]
# Values Envoy's formatter computes (headers, addresses, `+` of them with literals), and some it must not.
REQUEST_COMPUTED = ['request.headers["x-a"]', 'request.headers["X-B"] + "-" + source.ip', 'source.address',
                    '"%" + request.headers["x-pct"] + "%REQ(x-a)%"', 'destination.ip + ":" + request.headers["x-empty"]',
                    'destination.address', 'request.headers["x-forwarded-for"]', 'request.headers["x-a"].upperAscii()',
                    'request.method + " " + request.path', 'request.url_path + "@" + request.host']
RESPONSE_COMPUTED = ['response.headers["x-s"]', 'response.headers["x-r"] + "|" + request.headers["x-a"]',
                     'request.headers["x-b"]', 'source.ip', 'request.headers["traceparent"]',
                     'response.headers["x-nf"] + request.headers["x-pct"]', 'request.headers["x-envoy-expected-rq-timeout-ms"]',
                     'request.url_path', 'request.method + request.host + request.path']

# Path rewrites: some Envoy's route can take (no match can take the leading `/`), some not.
REWRITES = ['rewrite request.url_path "banana/([0-9]*)" to "status/$1"', 'rewrite request.url_path "(a+)b" to "$1-"',
            'rewrite request.url_path "[0-9]+" to "N"', 'rewrite request.url_path "x" to "y\\\\\\\\z"',
            'rewrite request.url_path "/v1/" to "/v2/"', 'rewrite request.path "banana" to "apple"',
            'rewrite request.url_path "o*" to "0"', 'rewrite request.url_path "^/v1/" to "/v2/"',
            'rewrite request.url_path "^/(banana|apple)/" to "/fruit/$1/"', 'rewrite request.url_path "o*" to "/0"',
            'rewrite request.url_path "\\\\bv" to "/w"', 'set request.host = "backend.internal"',
            'set request.host = "a.example:8080"']

# Replies under conditions: most are routes Envoy can match exactly (each kind of
# matcher, with its negation where Envoy has one), some are not (a header's value,
# which Envoy tests copy by copy; a status Envoy adds `location` to; two path tests).
REPLIES = [
    'if request.method == "POST" {\n    respond 405 "no posts" headers {"allow": "GET", "x-r": "100%"}\n  }',
    'if request.url_path == "/skip" {\n    respond 200 "skipped" headers {"content-type": "application/json"}\n  }',
    'if request.url_path.startsWith("/v1/") {\n    respond 410 "gone\\n"\n  }',
    'if request.path.startsWith("/oth") && "cookie" in request.headers {\n    respond 429 "" headers {"x-s": ""}\n  }',
    'if request.path.startsWith("/other?q=") {\n    respond 429 "query"\n  }',
    'if request.url_path.matches("ban+a/[0-9]+") && !("x-b" in request.headers) {\n    respond 418 "teapot"\n  }',
    'if request.url_path.startsWith("/nf") && request.method != "PUT" && !("x-b" in request.headers) {\n'
    '    respond 401 "who?" headers {"www-authenticate": "Basic", "x-s": "1", "x-s": "2"}\n  }',
    'if request.headers["x-a"] == "2" {\n    respond 409 "two"\n  }',
    'if request.url_path == "/deny" {\n    respond 302 "elsewhere" headers {"location": "/x"}\n  }',
    'if request.url_path.startsWith("/v1") && request.url_path.matches("boom") {\n    respond 400 "both"\n  }',
    'if request.method == "DELETE" {\n    respond 204\n  }',
]

REQUEST_MODULE_RULES = [
    'if request.headers["x-a"] == "deny" {\n    respond 403 "denied" headers {"x-why": "a"}\n  }',
    'set request.headers["x-copy"] = request.headers["x-b"].lowerAscii() + "!"',
    'if request.url_path == "/skip" {\n    continue\n  }',
    'log info "seen " + request.path',
    'if request.query_params["q"] == "1" {\n    set request.headers["x-q"] = "one"\n  }',
    'if request.url_path == "/boom" {\n    set request.headers["x-n"] = string(int(request.headers["x-num"]))\n  }',
    'if "x-a" in request.headers {\n    set request.headers["x-had-a"] = "yes"\n  }',
    'if request.url_path == "/pct" {\n    remove request.headers["x-pct"]\n  }',
    'if request.headers["x-b"] == "" {\n    remove request.headers["x-a"]\n  }',
]
RESPONSE_MODULE_RULES = [
    'if response.code == 404 {\n    set response.headers["x-nf"] = "1"\n  }',
    'set response.headers["x-path"] = request.url_path',
    'if request.headers["x-a"] == "resp-deny" {\n    respond 451 "gone"\n  }',
    'set response.headers["x-seen-a"] = request.headers["x-a"].lowerAscii()',
]

# (method, path, headers, body) sent to every filter.
REQUESTS = [
    ("GET", "/", [("x-a", "1"), ("X-B", "b"), ("x-a", "2"), ("X-Mixed-Case", "m")], b""),
    ("GET", "/skip?q=1", [("x-empty", ""), ("x-b", "")], b""),
    ("GET", "/deny", [("x-a", "deny"), ("x-r", "client")], b""),
    ("POST", "/boom", [("x-num", "abc"), ("content-type", "text/plain")], b"hi"),
    ("GET", "/other?q=2", [("cookie", "a=1"), ("user-agent", "t"), ("accept", "*/*"), ("x-num", "7")], b""),
    ("GET", "/nf", [("x-a", "%")], b""),
    ("GET", "/resp", [("x-a", "resp-deny"), ("x-b", "v")], b""),
    ("GET", "/banana/42/aab/x7?q=banana/9&v1=/v1/", [("x-a", "p")], b""),
    ("GET", "/v1/boom/banana/", [("x-num", "1")], b""),
    ("DELETE", "/skip/bannna/7?x=/v1/", [("x-a", "2"), ("x-a", "2"), ("x-b", "")], b""),
    ("GET", "/nf/skip", [("x-a", "2"), ("cookie", "c=1")], b""),
    ("GET", "/pct", [("X-A", "%REQ(x-b)%"), ("x-b", ""), ("x-b", "t\tz"), ("x-pct", "100%"),
                     ("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), ("x-b", "%"),
                     ("x-b", "caf\xe9")], b""),  # a byte that is no UTF-8
    # what a route's rewrites add, forged by the client (Envoy strips them from an external request)
    ("GET", "/v1/apple/", [("x-envoy-original-host", "forged"), ("x-envoy-original-path", "/forged")], b""),
]
# The connection's addresses each request gives Envoy in a PROXY protocol header (request i takes
# ADDRESSES[i % 2]): both forms of a filter see the same `source.*` and `destination.*`.
ADDRESSES = [(("10.1.2.3", 5555), ("10.0.0.1", 80)), (("2001:db8::7", 443), ("2001:db8::1", 8080))]


def upstream_answer(path: str) -> tuple[int, list[tuple[str, str]], bytes]:
    if path.startswith("/nf"):
        return 404, [("x-r", "1"), ("x-r", "2"), ("server", "up"), ("cache-control", "max-age=1")], b"missing"
    return 200, [("x-r", "u"), ("x-s", "s1"), ("x-s", "s2"), ("content-type", "text/plain")], b"ok"


def _native_rule(rng: random.Random, side: str) -> str:
    name = rng.choice(REQUEST_NAMES if side == "request" else RESPONSE_NAMES)
    kind = rng.choice(["set", "set", "add", "remove"])
    target = f'{side}.headers["{name}"]'
    if kind == "remove":
        return f"remove {target}"
    if rng.random() < 0.3:
        return f"{kind} {target} = {rng.choice(REQUEST_COMPUTED if side == 'request' else RESPONSE_COMPUTED)}"
    value = rng.choice(VALUES).replace("\\", "\\\\").replace('"', '\\"')
    return f'{kind} {target} = "{value}"'


def _phase(rng: random.Random, side: str, module_rules: list[str]) -> list[str]:
    """1 to 5 rules; about one phase in four only of rules Envoy may run (path rewrites, mutations)."""
    rules = []
    only_native = rng.random() < 0.25
    for _ in range(rng.randint(1, 5)):
        pick = rng.random() * (0.65 if only_native else 1)
        if side == "request" and pick < 0.15:
            rules.append(rng.choice(REWRITES))
        elif side == "request" and pick < 0.35:
            rules.append(rng.choice(REPLIES))
        else:
            rules.append(_native_rule(rng, side) if pick < 0.65 else rng.choice(module_rules))
    return rules


def filters(count: int, seed: int = 20261206) -> list[str]:
    """`count` filter sources, some phases only of rules Envoy may run, most mixed."""
    rng = random.Random(seed)
    out = []
    for number in range(count):
        parts = [f'filter "native-{number}"', ""]
        if rng.random() < 0.9:
            parts += ["on request {", *[f"  {rule}" for rule in _phase(rng, "request", REQUEST_MODULE_RULES)], "}", ""]
        if rng.random() < 0.7:
            parts += ["on response {", *[f"  {rule}" for rule in _phase(rng, "response", RESPONSE_MODULE_RULES)],
                      "}", ""]
        if len(parts) == 2:
            parts += ["on request {", f"  {_native_rule(rng, 'request')}", "}", ""]
        out.append("\n".join(parts))
    return out


# Filters written to tell the value forms apart, each with the lines that must move (True) or stay.
VALUE_CASES: list[tuple[str, dict[int, bool]]] = [
    # A later rule that stays writes the header the value reads: the value must be computed at the rule.
    ('filter "v0"\non request {\n  set request.headers["x-c"] = request.headers["x-a"]\n'
     '  if request.url_path == "/pct" {\n    remove request.headers["x-a"]\n  }\n}\n', {3: False}),
    # Mutations of a wholly native `on response` apply in order, reading what the earlier ones wrote.
    ('filter "v1"\non response {\n  set response.headers["x-s2"] = response.headers["x-s"]\n'
     '  set response.headers["x-s"] = "new"\n'
     '  add response.headers["x-s3"] = response.headers["x-s"] + request.headers["x-a"] + source.address\n}\n',
     {3: True, 4: True, 5: True}),
    ('filter "v2"\non request {\n  set request.headers["x-src"] = source.address + "|" + source.ip + "|"'
     ' + destination.address + "|" + destination.ip\n}\n', {3: True}),
    ('filter "v3"\non request {\n  set request.headers["x-pct2"] = "100% " + request.headers["x-pct"] + " %REQ(x-a)%"\n'
     '}\n', {3: True}),
    ('filter "v4"\non request {\n  add request.headers["x-missing"] = request.headers["x-nothing"]\n}\n', {3: True}),
    # `on response` reads the request as the module left it: a module rule's write, not a native one's.
    ('filter "v5"\non request {\n  set request.headers["x-n"] = "native"\n'
     '  set request.headers["x-m"] = request.headers["x-a"].lowerAscii()\n}\n'
     'on response {\n  set response.headers["x-m"] = request.headers["x-m"] + request.headers["x-n"]\n}\n',
     {3: False, 4: False, 7: True}),
    # A request the module answers: `on response` reads the request as it was when the module answered.
    ('filter "v6"\non request {\n  if request.headers["x-a"] == "deny" {\n    respond 403 "no"\n  }\n'
     '  remove request.headers["x-b"]\n}\non response {\n  set response.headers["x-echo"] = request.headers["x-a"]'
     ' + "/" + request.headers["x-b"]\n}\n', {6: False, 9: True}),
    # `on request body` runs before the request goes on: a value must not read what it writes.
    ('filter "v7"\non request {\n  set request.headers["x-c"] = request.headers["x-bb"]\n}\n'
     'on request body {\n  set request.headers["x-bb"] = "b"\n}\n'
     'on response {\n  set response.headers["x-bb"] = request.headers["x-bb"]\n}\n', {3: False, 9: True}),
    # Envoy's own and tracing headers, and names a format string cannot quote, stay.
    ('filter "v8"\non request {\n  set request.headers["x-c"] = request.headers["x-forwarded-for"]\n'
     '  set request.headers["x-d"] = request.headers["x%y"]\n  set request.headers["x-e"] = request.headers["x\'y"]\n}\n'
     'on response {\n  set response.headers["x-tp"] = request.headers["traceparent"]\n}\n',
     {3: False, 4: False, 5: False, 8: False}),
    # The request line's parts, read where the module leaves them; a later write of the path keeps the value.
    ('filter "v9"\non request {\n  set request.headers["x-p"] = request.path + "|" + request.url_path + "|"'
     ' + request.host + "|" + request.method\n}\n', {3: True}),
    ('filter "v10"\non request {\n  set request.headers["x-p"] = request.url_path\n'
     '  if request.url_path == "/nf" {\n    set request.path = "/moved?q=1"\n  }\n}\n', {3: False}),
    # `on response` reads the path as the module left it: a rewrite it reads stays in the module.
    ('filter "v11"\non request {\n  rewrite request.url_path "banana" to "apple"\n}\n'
     'on response {\n  set response.headers["x-p"] = request.url_path + " " + request.path\n}\n', {3: False, 6: True}),
    # A route rewrite runs in the router, after the header_mutation filter: a later value reading the path
    # or the host, moved or not, must see the rewrite, so the rewrite stays (and the value with the module).
    ('filter "v12"\non request {\n  rewrite request.url_path "^/v1/" to "/v2/"\n'
     '  set request.headers["x-p"] = request.url_path\n}\n', {3: False}),
    ('filter "v13"\non request {\n  set request.host = "backend.internal"\n'
     '  set request.headers["x-h"] = request.host + "!"\n}\n', {3: False}),
    # An earlier value that reads the path and host stays (conservatively: Envoy would compute it before the
    # route's rewrite, as the module does, but the host rewrite stays in the module, which runs first).
    ('filter "v14"\non request {\n  set request.headers["x-p"] = request.url_path + "@" + request.host\n'
     '  rewrite request.url_path "^/v1/" to "/v2/"\n  set request.host = "a.example:8080"\n}\n',
     {3: False, 4: True, 5: False}),
]


# Filters whose replies move to routes, written out: the module's later phases see
# Envoy's reply as they saw the module's own (`on response`, `on response body`,
# `on done`), and may replace it (a reply of `on response`); a HEAD or a request
# with a body is answered the same, and a reply with a body-less status has none.
REPLY_FILTERS = [
    'filter "r-body"\n\non request {\n  if request.url_path.startsWith("/r/") {\n'
    '    respond 403 "stop\\n" headers {"x-a": "1", "x-a": "2", "content-type": "text/html"}\n  }\n'
    '  set request.headers["x-passed"] = "1"\n}\n\n'
    'on response body {\n  set response.headers["x-len"] = string(size(response.body))\n'
    '  if response.code == 403 {\n    set response.body = response.body + "more"\n  }\n}\n\n'
    'on done {\n  log info "done " + string(response.code) + " " + request.method\n}\n',
    'filter "r-each"\n\non request {\n  if request.method in ["HEAD", "DELETE"] && "x-k" in request.headers {\n'
    '    respond 204\n  }\n  if request.url_path == "/r/x" && !("x-k" in request.headers) {\n'
    '    respond 200 "" headers {"x-empty": ""}\n  }\n  if request.url_path.matches("^/r/[a-z]+$") {\n'
    '    respond 503 "down %s" headers {"retry-after": "1"}\n  }\n}\n\n'
    'on response {\n  set response.headers["x-code"] = string(response.code)\n'
    '  set response.headers["x-k-seen"] = request.headers["x-k"]\n}\n',
    'filter "r-bytes"\n\non request {\n  if request.url_path.matches("/r/.x") {\n    respond 406 "one character"\n  }\n'
    '  if request.url_path.matches("x$") {\n    respond 409 "ends with x"\n  }\n}\n',
    'filter "r-twice"\n\non request {\n  if "x-k" in request.headers {\n    respond 403 "first"\n  }\n}\n\n'
    'on response {\n  if response.code == 403 {\n    respond 451 "second" headers {"x-b": "1"}\n  }\n'
    '  set response.headers["x-after"] = "1"\n}\n',
    'filter "r-all"\n\non request {\n  respond 503 "closed" headers {"content-type": "application/json"}\n'
    '  set request.headers["x-never"] = "1"\n}\n',
]
REPLY_REQUESTS = [
    ("GET", "/r/a?x=1", [("x-k", "1")], b""),
    ("HEAD", "/r/x", [("x-k", "")], b""),
    ("HEAD", "/r/x", [], b""),
    ("DELETE", "/r/", [("x-k", "1"), ("x-k", "2")], b"body"),
    ("POST", "/r/x", [("content-type", "text/plain")], b"a body"),
    ("GET", "/r/a9", [], b""),
    ("GET", "/s/a", [], b""),
    ("GET", b"/r/\xffx", [], b""),
    ("GET", b"/r/\xc3\xa9x", [], b""),
    ("GET", b"/r/x\xc3", [("x-k", "1")], b""),
]

"""Generated filters for the native-lowering equivalence test: rules Envoy
can run itself (literal header mutations, path rewrites, replies under
conditions a route matches) mixed with rules that must stay in the module
(other conditions, computed values, `continue`, run-time errors), and the
requests each is tried with.  Seeded: the same corpus every run."""

from __future__ import annotations

import random

REQUEST_NAMES = ["x-a", "x-b", "X-Mixed-Case", "x-empty", "accept", "user-agent", "x-num", "cookie",
                 "x-envoy-test", "x-forwarded-for", "content-type"]
RESPONSE_NAMES = ["x-r", "x-s", "X-Resp-Case", "cache-control", "server", "content-type", "x-nf"]
VALUES = ["v", "", "a%b", "%REQ(x-a)%", "two words", "x,y", "ünï", "v=1; w=2", "100%"]

# Path rewrites: some Envoy's route can take (no match can take the leading `/`), some not.
REWRITES = ['rewrite request.url_path "banana/([0-9]*)" to "status/$1"', 'rewrite request.url_path "(a+)b" to "$1-"',
            'rewrite request.url_path "[0-9]+" to "N"', 'rewrite request.url_path "x" to "y\\\\\\\\z"',
            'rewrite request.url_path "/v1/" to "/v2/"', 'rewrite request.path "banana" to "apple"',
            'rewrite request.url_path "o*" to "0"']

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
    'set request.headers["x-copy"] = request.headers["x-b"] + "!"',
    'if request.url_path == "/skip" {\n    continue\n  }',
    'log info "seen " + request.path',
    'if request.query_params["q"] == "1" {\n    set request.headers["x-q"] = "one"\n  }',
    'if request.url_path == "/boom" {\n    set request.headers["x-n"] = string(int(request.headers["x-num"]))\n  }',
    'if "x-a" in request.headers {\n    set request.headers["x-had-a"] = "yes"\n  }',
]
RESPONSE_MODULE_RULES = [
    'if response.code == 404 {\n    set response.headers["x-nf"] = "1"\n  }',
    'set response.headers["x-path"] = request.url_path',
    'if request.headers["x-a"] == "resp-deny" {\n    respond 451 "gone"\n  }',
    'set response.headers["x-seen-a"] = request.headers["x-a"]',
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
]


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
    value = rng.choice(VALUES).replace("\\", "\\\\").replace('"', '\\"')
    return f'{kind} {target} = "{value}"'


def _phase(rng: random.Random, side: str, module_rules: list[str]) -> list[str]:
    rules = []
    for _ in range(rng.randint(1, 5)):
        pick = rng.random()
        if side == "request" and pick < 0.15:
            rules.append(rng.choice(REWRITES))
        elif side == "request" and pick < 0.35:
            rules.append(rng.choice(REPLIES))
        else:
            rules.append(_native_rule(rng, side) if pick < 0.65 else rng.choice(module_rules))
    return rules


def filters(count: int, seed: int = 20261206) -> list[str]:
    """`count` filter sources: about one in four has only native rules in a phase."""
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

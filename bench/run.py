"""pwc's benchmark: the same two filters built every way a user would, side by side.

    .venv/bin/python bench/run.py            # everything, < 10 minutes on 2 cores; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --smoke    # build every variant and check it in Envoy; no timing

See bench/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load as load_mod  # noqa: E402
import profile as profile_mod  # noqa: E402
import variants as var  # noqa: E402

PINNINGS = {
    # name: (cpus of the Envoy under test, cpus of wrk and the upstream Envoy, description)
    "one core": ("0", "0", "everything (Envoy under test, upstream Envoy, wrk) on CPU 0"),
    "split": ("0", "1", "Envoy under test alone on CPU 0; wrk and the upstream Envoy on CPU 1"),
}


def log(message: str) -> None:
    print(message, flush=True)


@dataclass
class Sample:
    rps: float
    cpu_us: float  # Envoy CPU time per request, microseconds
    requests: int
    errors: int


@dataclass
class Timing:
    samples: dict[str, dict[str, list[Sample]]] = field(default_factory=dict)  # pinning -> variant -> samples
    order: list[str] = field(default_factory=list)


def spread(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def fmt3(values: list[float], digits: int = 1) -> str:
    lo, mid, hi = spread(values)
    return f"{mid:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


# ---------------------------------------------------------------------------
# Timing


def run_timing(variants: list[var.Variant], load_gen: str | None, *, rounds: int, seconds: float,
               pinnings: list[str]) -> Timing:
    from pwc.runtime.envoy import Envoy

    timing = Timing(order=[v.name for v in variants])
    for pinning in pinnings:
        envoy_cpus, other_cpus, _ = PINNINGS[pinning]
        log(f"-- timing, pinning '{pinning}': {PINNINGS[pinning][2]}")
        with Envoy(bootstrap=load_mod.direct_response_bootstrap(), log_level="error") as upstream:
            upstream_port = upstream.listener_port("upstream")
            with Envoy([v.listener() for v in variants], upstream_port=upstream_port, log_level="error",
                       concurrency=1) as envoy:
                if load_mod.can_pin():
                    load_mod.pin(envoy.pid, envoy_cpus)
                    load_mod.pin(upstream.pid, other_cpus)
                gen = load_mod.Load(load_gen, cpus=other_cpus if load_mod.can_pin() else None)
                ports = {v.name: envoy.listener_port(v.listener_name) for v in variants}
                for variant in variants:  # warm-up: connections, V8 tier-up, caches
                    gen.run(ports[variant.name], var.TIMED_PATH, var.TIMED_HEADERS, 1)
                per_variant: dict[str, list[Sample]] = {v.name: [] for v in variants}
                for round_index in range(rounds):
                    # Interleaved: every round visits every variant, starting one further along.
                    shift = round_index % len(variants)
                    for variant in variants[shift:] + variants[:shift]:
                        before = load_mod.cpu_ticks(envoy.pid)
                        result = gen.run(ports[variant.name], var.TIMED_PATH, var.TIMED_HEADERS, seconds)
                        ticks = load_mod.cpu_ticks(envoy.pid) - before
                        cpu_us = ticks / load_mod.CLK_TCK * 1e6 / max(result.requests, 1)
                        per_variant[variant.name].append(Sample(result.rps, cpu_us, result.requests, result.errors))
                    log(f"   round {round_index + 1}/{rounds}: " + ", ".join(
                        f"{name} {samples[-1].cpu_us:.1f}µs" for name, samples in per_variant.items()))
                timing.samples[pinning] = per_variant
    return timing


def relative_spread(samples: list[Sample]) -> float:
    values = [s.cpu_us for s in samples]
    lo, mid, hi = spread(values)
    return (hi - lo) / mid if mid else 0.0


def quieter(timing: Timing) -> str:
    scores = {p: statistics.mean(relative_spread(s) for s in per.values()) for p, per in timing.samples.items()}
    return min(scores, key=scores.get)


# ---------------------------------------------------------------------------
# Memory after 100k requests


def run_memory(variants: list[var.Variant], load_gen: str | None, *, total: int) -> dict[str, dict]:
    """One Envoy with the wasm variants as listeners; each in turn
    gets `total` requests; VmRSS and tcmalloc's allocated bytes before and after."""
    from pwc.runtime.envoy import Envoy

    chosen = [v for v in variants if v.wasm is not None]
    out: dict[str, dict] = {}
    with Envoy(bootstrap=load_mod.direct_response_bootstrap(), log_level="error") as upstream:
        with Envoy([v.listener() for v in chosen], upstream_port=upstream.listener_port("upstream"),
                   log_level="error") as envoy:
            split = load_mod.can_pin()
            if split:
                load_mod.pin(envoy.pid, "0")
                load_mod.pin(upstream.pid, "1")
            gen = load_mod.Load(load_gen, cpus="1" if split else None)
            for variant in chosen:
                port = envoy.listener_port(variant.listener_name)
                gen.run(port, var.TIMED_PATH, var.TIMED_HEADERS, 1)  # warm-up
                rss0, heap0 = load_mod.rss_kib(envoy.pid), _allocated(envoy)
                done = 0
                while done < total:
                    done += gen.run(port, var.TIMED_PATH, var.TIMED_HEADERS, 4).requests
                rss1, heap1 = load_mod.rss_kib(envoy.pid), _allocated(envoy)
                out[variant.name] = {"requests": done, "rss_before_kib": rss0, "rss_after_kib": rss1,
                                     "heap_before": heap0, "heap_after": heap1}
                log(f"   memory {variant.name:14} {done} requests: RSS {rss0} -> {rss1} KiB, "
                    f"allocated {heap0} -> {heap1} bytes")
    return out


def _allocated(envoy) -> int:
    try:
        return int(json.loads(envoy.admin_get("/memory")).get("allocated", 0))
    except (ValueError, OSError):
        return 0


# ---------------------------------------------------------------------------
# The report


def table(timing: Timing, pinning: str, variants: list[var.Variant]) -> list[str]:
    per = timing.samples[pinning]
    base = per["baseline"]
    base_cpu = statistics.median(s.cpu_us for s in base)
    floor_added = _added(per["floor/wat"], base) if "floor/wat" in per else None
    lines = ["| variant | req/s median (min–max) | Envoy CPU µs/req median (min–max) | × baseline CPU "
             "| added CPU µs/req median (min–max) | added ÷ floor's added |",
             "|---|---|---|---|---|---|"]
    for v in variants:
        samples = per[v.name]
        cpu = [s.cpu_us for s in samples]
        ratio = statistics.median(cpu) / base_cpu
        if v.name == "baseline":
            added, vs_floor = "—", "—"
        else:
            diffs = _added(samples, base)
            added = fmt3(diffs, 2)
            vs_floor = f"{statistics.median(diffs) / statistics.median(floor_added):.2f}" if floor_added else "—"
        errors = sum(s.errors for s in samples)
        name = v.name + (f" ⚠ {errors} errors" if errors else "")
        lines.append(f"| {name} | {fmt3([s.rps for s in samples], 0)} | {fmt3(cpu, 2)} | {ratio:.2f} "
                     f"| {added} | {vs_floor} |")
    return lines


def _added(samples: list[Sample], base: list[Sample]) -> list[float]:
    """Per-round added CPU per request: this variant minus the baseline of the same round."""
    return [s.cpu_us - b.cpu_us for s, b in zip(samples, base)]


def comparisons(timing: Timing, pinning: str) -> list[str]:
    per = timing.samples[pinning]
    base = per["baseline"]

    def added(name: str) -> float | None:
        return statistics.median(_added(per[name], base)) if name in per else None

    lines = []
    floor = added("floor/wat")
    for name in ("banana", "headers"):
        pwc, sdk, lua, native = (added(f"{name}/{k}") for k in ("pwc", "sdk", "lua", "native"))
        parts = [f"**{name}**: pwc adds {pwc:.2f} µs/req"]
        if floor:
            parts.append(f"{pwc / floor:.2f}× the floor's {floor:.2f} µs (target ≤ 1.10×: "
                         f"{'met' if pwc <= 1.10 * floor else 'not met'})")
        if sdk is not None:
            parts.append(f"{pwc / sdk:.2f}× the AssemblyScript SDK's {sdk:.2f} µs (target ≤ 0.40×: "
                         f"{'met' if pwc <= 0.4 * sdk else 'not met'})")
        if lua is not None:
            parts.append(f"Lua adds {lua:.2f} µs (pwc/Lua {pwc / lua:.2f}×)" if lua > 0 else f"Lua adds {lua:.2f} µs")
        if native is not None:
            parts.append(f"Envoy native adds {native:.2f} µs: native wins by {pwc - native:.2f} µs/req")
        lines.append("- " + "; ".join(parts) + ".")
    return lines


def write_results(path: Path, *, args, machine, versions, builds: var.Builds, checks, timing: Timing | None,
                  memory, instructions, profiles, load_name: str, elapsed: float, variants) -> str:
    out: list[str] = ["# Benchmark results", "",
                      f"Written by `bench/run.py` on {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} "
                      f"in {elapsed / 60:.1f} minutes. How to rerun and what each figure means: bench/README.md.", "",
                      "## Machine", ""]
    for key, value in {**machine, **versions, **builds.tool_versions}.items():
        out.append(f"- {key}: {value}")
    out += ["", f"Load generator: **{load_name}**" + (
        " (Debian's package: a C event-loop client, far cheaper per request than the Envoy it drives, "
        "so it is not the bottleneck; it reports requests and errors, and runs pinned where we say)."
        if load_name == "wrk" else " (wrk was not available: a threaded Python client, slower; "
        "CPU per request in Envoy stays comparable, requests per second do not)."),
        "Upstream: a second Envoy (`--concurrency 1`) answering every request from a `direct_response` route. "
        "Envoy under test: `--concurrency 1`, all variants as separate listeners of one process "
        "(each wasm variant in its own VM), loaded one at a time.",
        f"Each run: {args.seconds:g} s of load with {8} keep-alive connections of `GET {var.TIMED_PATH}` "
        f"with `{var.TIMED_HEADERS[0][0]}: {var.TIMED_HEADERS[0][1]}`; {args.rounds} rounds, interleaved "
        "(each round visits every variant, starting one further along). CPU per request = "
        "(utime + stime of the Envoy process from /proc/PID/stat over the run) ÷ requests served.", "",
        "The machine is shared with other engineers' test runs: figures can be noisy; the spread columns show "
        "how much.", ""]

    out += ["## Correctness (checked before timing, against a recording upstream)", ""]
    for name, problems in checks.items():
        out.append(f"- {name}: {'ok' if not problems else 'FAILED: ' + '; '.join(problems)}")
    if builds.sdk_skipped:
        out.append(f"- AssemblyScript SDK variants: skipped: {builds.sdk_skipped}")
    out.append("")

    if timing:
        best = quieter(timing)
        out += ["## Per-request cost", ""]
        for pinning in timing.samples:
            score = statistics.mean(relative_spread(s) for s in timing.samples[pinning].values())
            out += [f"### Pinning '{pinning}': {PINNINGS[pinning][2]}"
                    + (" — the quieter one" if pinning == best else ""), "",
                    f"Mean relative spread of CPU/req over rounds ((max − min) ÷ median): {score:.1%}.", ""]
            out += table(timing, pinning, variants) + [""]
            out += comparisons(timing, pinning) + [""]
        out += [f"**Pinning finding**: '{best}' is the quieter pinning on this machine (smaller spread of CPU per "
                "request between rounds). " + _pinning_note(timing), ""]

    out += ["## Build time and module size", "",
            "| build | cold (fresh process) | warm (in-process, after one build) |", "|---|---|---|"]
    for name, t in builds.times.items():
        cells = [f"{t[k]:.3f} s" if k in t else "—" for k in ("cold", "warm")]
        out.append(f"| {name} | {cells[0]} | {cells[1]} |")
    out += [""]
    for name in ("banana", "headers"):
        pwc = builds.times.get(f"pwc {name}")
        sdk = builds.times.get(f"sdk {name}")
        if pwc and sdk and "cold" in sdk:
            warm = (f", warm {sdk['warm'] / pwc['warm']:.0f}×" if "warm" in sdk and "warm" in pwc else "")
            out.append(f"- {name}: pwc compiles {sdk['cold'] / pwc['cold']:.0f}× faster cold{warm} "
                       "(target ≥ 20×).")
    out += ["- pwc cold = `pwc compile FILE.pwf` in a new process (Python start-up and imports included), "
            "median of 3; warm = `compile_source` again in the same process, median of 5.",
            "- SDK cold = `asc assembly/F.ts --optimize` in a new node process (npm install not included: "
            "see notes); warm = the second `asc.main` build of the same file in one node process (banana only, "
            "to keep the run short).", ""]
    out += ["| module | bytes |", "|---|---|"]
    for name, wasm in builds.modules.items():
        out.append(f"| {name} | {len(wasm)} |")
    out.append("")
    for name in ("banana", "headers"):
        if f"{name}/sdk" in builds.modules:
            ratio = len(builds.modules[f"{name}/sdk"]) / len(builds.modules[f"{name}/pwc"])
            out.append(f"- {name}: the SDK's optimised module is {ratio:.1f}× pwc's (target ≥ 10×).")
    out += [""] + [f"- {note}" for note in builds.notes] + [""]

    out += ["## Wasm instructions per request (pwc's local runtime, wasmtime fuel)", "",
            f"One steady-state `GET {var.TIMED_PATH}` (the second request of a fresh VM).", "",
            "| module | instructions | note |", "|---|---|---|"]
    for name, (fuel, note) in instructions.items():
        out.append(f"| {name} | {fuel if fuel is not None else '—'} | {note} |")
    out.append("")

    if memory:
        out += ["## Memory after 100k requests", "",
                "One Envoy (pinned as 'split') with the wasm variants as listeners; each in turn "
                "gets a 1 s warm-up, then at least 100k requests. Measured: the Envoy process's VmRSS "
                "(/proc/PID/status: includes V8's wasm memories) and tcmalloc's allocated bytes (admin /memory; "
                "Envoy's heap, not V8's). Envoy has no per-VM memory statistic.", "",
                "| variant | requests | RSS before → after (KiB) | Δ RSS KiB | heap before → after (bytes) | Δ heap |",
                "|---|---|---|---|---|---|"]
        for name, m in memory.items():
            out.append(f"| {name} | {m['requests']} | {m['rss_before_kib']} → {m['rss_after_kib']} | "
                       f"{m['rss_after_kib'] - m['rss_before_kib']:+d} | {m['heap_before']} → {m['heap_after']} | "
                       f"{m['heap_after'] - m['heap_before']:+d} |")
        out.append("")

    if profiles:
        out += ["## Where pwc's instructions go", "",
                "Every function wrapped by a stub that reads wasmtime's fuel on entry and exit (bench/profile.py); "
                "stub instructions subtracted, so figures are ±a few instructions per call. Note that wasmtime "
                "charges `memory.fill`/`memory.copy` one unit per byte, so bulk copies and clears count by size.", ""]
        for name, prof in profiles.items():
            out += [f"### {name}: {prof.uninstrumented} instructions per request (instrumented total "
                    f"{prof.total})", "", "Host calls per request: " + ", ".join(
                        f"{k} ×{v}" for k, v in prof.host_calls.items() if not k.startswith("pwc_bench")), "",
                    "| category | instructions (self) | share |", "|---|---|---|"]
            cats = profile_mod.categorise(prof)
            total = sum(cats.values()) or 1
            for label, value in sorted(cats.items(), key=lambda kv: -kv[1]):
                out.append(f"| {label} | {value} | {value / total:.0%} |")
            out += ["", "| function | calls | inclusive | self |", "|---|---|---|---|"]
            for fname, cost in sorted(prof.functions.items(), key=lambda kv: -kv[1].self)[:12]:
                out.append(f"| {fname} | {cost.calls} | {cost.inclusive} | {cost.self} |")
            out.append("")
    text = "\n".join(out) + "\n"
    path.write_text(text)
    return text


def _pinning_note(timing: Timing) -> str:
    if set(timing.samples) != {"one core", "split"}:
        return ""
    one = statistics.median(s.cpu_us for s in timing.samples["one core"]["baseline"])
    split = statistics.median(s.cpu_us for s in timing.samples["split"]["baseline"])
    rps_one = statistics.median(s.rps for s in timing.samples["one core"]["baseline"])
    rps_split = statistics.median(s.rps for s in timing.samples["split"]["baseline"])
    return (f"Baseline Envoy CPU per request: {one:.2f} µs with everything on one core, {split:.2f} µs with Envoy "
            f"alone on its core ({split / one:.2f}×); baseline requests per second: {rps_one:.0f} vs {rps_split:.0f}. "
            "With Envoy alone, its core idles between bursts and every request pays cross-core wake-ups "
            "(the effect the issue warned of); with everything on one core, wrk, the upstream and Envoy take "
            "turns and each wake-up carries more work.")


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="build every variant and check it; no timing")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per pinning (default 3)")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds of load per run (default 3)")
    parser.add_argument("--memory-requests", type=int, default=100_000)
    parser.add_argument("--pinning", choices=[*PINNINGS, "both"], default="both")
    parser.add_argument("--no-sdk", action="store_true", help="leave out the AssemblyScript SDK variant")
    parser.add_argument("--output", type=Path, default=var.BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    began = time.monotonic()
    var.WORK.mkdir(parents=True, exist_ok=True)

    log("-- building")
    builds = var.Builds()
    var.build_floor(builds)
    var.build_pwc(builds, timing=not args.smoke)
    if args.no_sdk:
        builds.sdk_skipped = "left out with --no-sdk"
    else:
        var.build_sdk(builds, timing=not args.smoke, log=log)
    for name, t in builds.times.items():
        log(f"   build {name}: " + ", ".join(f"{k} {v:.3f}s" for k, v in t.items()))
    for name, wasm in builds.modules.items():
        log(f"   module {name}: {len(wasm)} bytes")
    variants = var.make_variants(builds)

    log("-- correctness")
    checks = var.check_all(variants, log)
    failed = [name for name, problems in checks.items() if problems]
    if failed:
        log(f"FAILED correctness: {', '.join(failed)}")
        return 1
    if args.smoke:
        log(f"smoke: {len(variants)} variants built and correct"
            + (f" (SDK skipped: {builds.sdk_skipped})" if builds.sdk_skipped else "")
            + f" in {time.monotonic() - began:.0f} s")
        return 0

    wrk = load_mod.ensure_wrk(log)
    load_name = "wrk" if wrk else "python"
    pinnings = list(PINNINGS) if args.pinning == "both" else [args.pinning]
    if not load_mod.can_pin():
        log("taskset or a second CPU is missing: running unpinned")
        pinnings = pinnings[:1]
    timing = run_timing(variants, wrk, rounds=args.rounds, seconds=args.seconds, pinnings=pinnings)

    log("-- wasm instructions per request (local runtime)")
    instructions = {}
    for v in variants:
        if v.wasm is None:
            continue
        fuel, note = profile_mod.instructions_per_request(v.wasm, config=v.config, root_id=v.root_id or "",
                                                          path=var.TIMED_PATH, headers=var.TIMED_HEADERS)
        instructions[v.name] = (fuel, note)
        log(f"   {v.name}: {fuel} {note}")

    log("-- profile of pwc's modules")
    from pwc.compiler.driver import compile_source

    profiles = {}
    for name, source in var.PWC_SOURCES.items():
        result = compile_source(source.read_text(encoding="utf-8"), source.name)
        profiles[f"{name}/pwc"] = profile_mod.profile(result.wat, config="{}", root_id=name, path=var.TIMED_PATH,
                                                      headers=var.TIMED_HEADERS)

    log("-- memory after 100k requests")
    memory = run_memory(variants, wrk, total=args.memory_requests)

    raw = {"timing": {p: {n: [vars(x) for x in xs] for n, xs in per.items()} for p, per in timing.samples.items()},
           "builds": builds.times, "sizes": {n: len(w) for n, w in builds.modules.items()}, "memory": memory,
           "instructions": instructions}
    (var.WORK / "results.json").write_text(json.dumps(raw, indent=1))
    text = write_results(args.output, args=args, machine=var.machine_description(), versions=var.environment_versions(),
                         builds=builds, checks=checks, timing=timing, memory=memory, instructions=instructions,
                         profiles=profiles, load_name=load_name, elapsed=time.monotonic() - began, variants=variants)
    log("")
    log(text)
    log(f"wrote {args.output} in {(time.monotonic() - began) / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Native lowering's cost targets (issue 17, docs/native.md).

    .venv/bin/python bench/native.py --instructions  # instructions per request in Envoy (valgrind), ~5 minutes
    .venv/bin/python bench/native.py                 # CPU time: 25 rounds of 1 s per variant, about 5 minutes
    .venv/bin/python bench/native.py --rounds 9      # quicker, wider intervals

`--instructions` runs Envoy under valgrind's callgrind, one Envoy per filter
(its variants and a baseline listener), and counts the instructions it
executes (every thread, user space) for 1000 requests per variant, sent one
after another on one connection after a warm-up, between two dumps of the
counts (`callgrind_control -d`).  The counts repeat to about 0.1% from run
to run, where this shared machine's CPU times move by tens of percent: the
differences the targets are about, a few thousand instructions, can be
read.  Kernel time (the sockets) is not in them, and is the same for every
variant.

Without it, every variant is a listener of one Envoy with one worker thread, pinned to
CPU 0 (wrk and the upstream Envoy on CPU 1).  A round loads each variant
for `--seconds` in turn (the order turns by one each round); what counts
is the CPU time of Envoy's worker thread (/proc/PID/task/TID/schedstat,
nanoseconds), divided by the requests wrk completed.  Each round's figure
for a variant is compared with the same round's baseline (no filter), and
the comparisons asked for are made round by round too: the medians over
the rounds are printed with a 95% confidence interval of the median (the
order statistics that cover it, distribution-free).  The machine's load is
printed beside the figures: other work on CPU 0 widens the intervals.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load as load_mod  # noqa: E402
import variants as var  # noqa: E402

# The variants the targets compare, by name (bench/variants.py builds them).
WANTED = ("baseline", "banana/native", "banana/native+upstream", "banana/planned", "banana/pwc", "headers/native",
          "headers/planned", "headers/pwc", "mixed/pwc", "mixed/planned", "sides/pwc", "sides/planned")
# (what is claimed, variant, reference, the most the variant may cost over the reference, µs)
TARGETS = (
    ("the planned talk filter within 0.5 µs of hand-written native configuration", "banana/planned",
     "banana/native", 0.5),
    ("one native rule and one module rule no costlier than the module alone", "mixed/planned", "mixed/pwc", 0.0),
    ("a module rule and a native response rule no costlier than the module alone", "sides/planned", "sides/pwc",
     0.0),
    ("the planned headers filter within 0.5 µs of hand-written native configuration", "headers/planned",
     "headers/native", 0.5),
)
# What the planned talk filter adds to the hand-written route is the upstream filter that removes
# x-envoy-original-path: the same route with an upstream filter that changes nothing costs as much.
EXPLAINED = (("an upstream filter merely existing", "banana/native+upstream", "banana/native"),
             ("the planned talk filter against the route with a do-nothing upstream filter", "banana/planned",
              "banana/native+upstream"))


def worker_thread(pid: int) -> int:
    """The thread id of Envoy's only worker (its name is `wrk:worker_0`)."""
    for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
        if (task / "comm").read_text().strip().startswith("wrk:worker"):
            return int(task.name)
    raise SystemExit(f"no worker thread in Envoy {pid}")


def cpu_ns(pid: int, tid: int) -> int:
    """Nanoseconds the thread has run (the first field of schedstat)."""
    return int(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()[0])


def median_interval(values: list[float]) -> tuple[float, float, float]:
    """(low, median, high): a 95% confidence interval of the median from order
    statistics (normal approximation of the binomial; the extremes below 6 values)."""
    ordered = sorted(values)
    n = len(ordered)
    half = 1.96 * math.sqrt(n) / 2
    low, high = max(0, math.floor(n / 2 - half)), min(n - 1, math.ceil(n / 2 + half) - 1)
    return ordered[low], statistics.median(ordered), ordered[high]


def rounds_of_load(variants: list[var.Variant], rounds: int, seconds: float, wrk: str | None,
                   connections: int) -> dict[str, list[float]]:
    """Per variant, its CPU µs per request in each round."""
    from pwc.runtime.envoy import Envoy

    per_round: dict[str, list[float]] = {v.name: [] for v in variants}
    with Envoy(bootstrap=load_mod.direct_response_bootstrap(), log_level="error") as upstream, \
            Envoy([v.listener() for v in variants], upstream_port=upstream.listener_port("upstream"),
                  log_level="error", concurrency=1) as envoy:
        pinned = load_mod.can_pin()
        if pinned:
            load_mod.pin(envoy.pid, "0")
            load_mod.pin(upstream.pid, "1")
        load = load_mod.Load(wrk, connections=connections, cpus="1" if pinned else None)
        tid = worker_thread(envoy.pid)
        ports = {v.name: envoy.listener_port(v.listener_name) for v in variants}
        for variant in variants:  # warm-up: connections, V8's tiers, caches
            load.run(ports[variant.name], var.TIMED_PATH, var.TIMED_HEADERS, 1)
        for index in range(rounds):
            turn = index % len(variants)
            for variant in variants[turn:] + variants[:turn]:
                before = cpu_ns(envoy.pid, tid)
                result = load.run(ports[variant.name], var.TIMED_PATH, var.TIMED_HEADERS, seconds)
                if result.errors:
                    raise SystemExit(f"{variant.name}: {result.errors} failed requests")
                per_round[variant.name].append((cpu_ns(envoy.pid, tid) - before) / 1e3 / max(result.requests, 1))
            print(f"  round {index + 1}/{rounds}: " + ", ".join(
                f"{name} {values[-1]:.2f}" for name, values in per_round.items()), flush=True)
    return per_round


def count_instructions(variants: list[var.Variant], requests: int) -> dict[str, float]:
    """Per variant, the instructions Envoy executes per request (callgrind, see the head comment)."""
    import glob
    import subprocess
    import tempfile
    import time

    from pwc.runtime.envoy import Envoy, Upstream, envoy_binary, http_request

    with tempfile.TemporaryDirectory(prefix="pwc-callgrind-") as folder:
        wrapper = Path(folder) / "envoy"
        wrapper.write_text(f"#!/bin/sh\nexec valgrind --tool=callgrind --smc-check=all-non-file "
                           f"--callgrind-out-file={folder}/counts.%p {envoy_binary()} \"$@\"\n")
        wrapper.chmod(0o755)
        counted: dict[str, float] = {}
        with Upstream() as upstream, Envoy([v.listener() for v in variants], upstream_port=upstream.port,
                                           log_level="error", concurrency=1, binary=str(wrapper),
                                           startup_timeout=300) as envoy:
            pid = str(envoy.pid)
            ports = {v.name: envoy.listener_port(v.listener_name) for v in variants}
            for variant in variants:  # warm-up, uncounted: V8's tiers, Envoy's caches
                for _ in range(100):
                    http_request(ports[variant.name], "GET", var.TIMED_PATH, var.TIMED_HEADERS)
            def dump() -> float:
                """Instructions since the last dump (callgrind_control -d).  Valgrind reads a
                command only when one of Envoy's threads runs, and an idle Envoy sleeps: admin
                requests wake it until the dump is written (they cost each window alike, and
                drop out of the differences)."""
                before = set(glob.glob(f"{folder}/counts.*"))
                asking = subprocess.Popen(["callgrind_control", "-d", pid], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
                for _ in range(200):
                    envoy.admin_get("/ready")
                    written = set(glob.glob(f"{folder}/counts.*")) - before
                    if written:
                        break
                    time.sleep(0.05)
                else:
                    raise SystemExit("callgrind did not dump its counts")
                asking.wait(timeout=60)
                time.sleep(0.2)  # the file is complete once callgrind_control has its answer
                return sum(int(line.split()[1]) for dump in written for line in Path(dump).read_text().splitlines()
                           if line.startswith("totals:"))

            for variant in variants:
                dump()  # what came before
                for _ in range(requests):
                    reply = http_request(ports[variant.name], "GET", var.TIMED_PATH, var.TIMED_HEADERS)
                    if reply.status != 200:  # a module V8 could not start answers cheaply: never count that
                        raise SystemExit(f"{variant.name}: status {reply.status} under valgrind: {reply.body[:200]!r}")
                counted[variant.name] = dump() / requests
                print(f"  {variant.name}: {counted[variant.name]:,.0f} instructions per request", flush=True)
    return counted


def instruction_report(added: dict[str, float], requests: int) -> list[str]:
    lines = [f"instructions per request that each variant adds to Envoy's (callgrind; {requests} requests per "
             "variant on one connection; each filter's variants in an Envoy of their own, beside a baseline "
             "listener with no filter)", "", "| variant | added instructions per request |", "|---|---:|"]
    lines += [f"| {name} | {count:+,.0f} |" for name, count in added.items()]
    lines += ["", "| target | difference in instructions per request |", "|---|---:|"]
    lines += [f"| {claim}: {name} − {reference} | {added[name] - added[reference]:+,.0f} |"
              for claim, name, reference, *_ in TARGETS + EXPLAINED if name in added and reference in added]
    return lines


def upstream_filter_alone() -> var.Variant:
    """The hand-written route with an upstream header_mutation filter that has no mutations.  (Not
    one removing a header the request lacks: in a trial that cost ~3,900 instructions more than the
    plan's removal of x-envoy-original-path, which makes it no measure of the filter alone.)"""
    from pwc.compiler.plan import header_mutation_filter

    return var.Variant("banana/native+upstream", "banana", "native", route_action=var.NATIVE_BANANA_ROUTE,
                       upstream_filters=[header_mutation_filter([], [])])


def differences(per_round: dict[str, list[float]], name: str, reference: str) -> list[float]:
    return [a - b for a, b in zip(per_round[name], per_round[reference])]


def report(per_round: dict[str, list[float]], rounds: int, seconds: float) -> list[str]:
    load = os.getloadavg()
    lines = [f"{rounds} rounds of {seconds:g} s per variant; load average after: {load[0]:.2f} {load[1]:.2f} "
             f"{load[2]:.2f}; {os.cpu_count()} CPUs", "",
             "| variant | worker CPU µs/request, median | added over baseline, median (95% CI) |",
             "|---|---:|---:|"]
    for name, values in per_round.items():
        added = "—" if name == "baseline" else "%.2f (%.2f … %.2f)" % _mid_first(
            median_interval(differences(per_round, name, "baseline")))
        lines.append(f"| {name} | {statistics.median(values):.2f} | {added} |")
    lines += ["", "| target | difference, median (95% CI) | allowed | holds |", "|---|---:|---:|---|"]
    for claim, name, reference, allowed in [t for t in TARGETS if t[1] in per_round and t[2] in per_round]:
        low, mid, high = median_interval(differences(per_round, name, reference))
        verdict = "yes" if high <= allowed else ("no" if low > allowed else "not resolved at this noise")
        lines.append(f"| {claim}: {name} − {reference} | {mid:+.2f} ({low:+.2f} … {high:+.2f}) µs | "
                     f"≤ {allowed:g} µs | {verdict} |")
    for claim, name, reference in [t for t in EXPLAINED if t[1] in per_round and t[2] in per_round]:
        low, mid, high = median_interval(differences(per_round, name, reference))
        lines.append(f"| {claim}: {name} − {reference} | {mid:+.2f} ({low:+.2f} … {high:+.2f}) µs | — | — |")
    return lines


def _mid_first(interval: tuple[float, float, float]) -> tuple[float, float, float]:
    low, mid, high = interval
    return mid, low, high


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=1.0, help="load per variant and round (wrk counts whole seconds)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections (1: no batching of requests)")
    parser.add_argument("--only", nargs="+", metavar="VARIANT", help="these variants (and baseline) only")
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind instead of timing")
    parser.add_argument("--requests", type=int, default=1000, help="with --instructions: requests counted per variant")
    args = parser.parse_args(argv)
    builds = var.Builds()
    var.build_pwc(builds, timing=False)
    var.build_floor(builds)
    wanted = {"baseline", *args.only} if args.only else set(WANTED)
    variants = [v for v in [*var.make_variants(builds), upstream_filter_alone()] if v.name in wanted]
    failures = {name: problems for name, problems in var.check_all(variants, print).items() if problems}
    if failures:
        raise SystemExit(f"variants that do not do what they should: {failures}")
    if args.instructions:
        # One Envoy per filter (with its own baseline): under valgrind, V8 fails to start more than a few
        # modules in one process, and each module's guard regions take address space valgrind lacks.
        counted: dict[str, float] = {}
        for group in sorted({v.filter for v in variants} - {"baseline"}):
            alone = count_instructions([v for v in variants if v.filter in ("baseline", group)], args.requests)
            counted |= {name: value - alone["baseline"] for name, value in alone.items() if name != "baseline"}
        print("\n".join(instruction_report(counted, args.requests)))
        return 0
    per_round = rounds_of_load(variants, args.rounds, args.seconds, load_mod.ensure_wrk(print), args.connections)
    print("\n".join(report(per_round, args.rounds, args.seconds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

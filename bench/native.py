"""Native lowering's cost targets (issue 17, docs/native.md), measured as
paired differences so that a shared machine's drift cancels out.

    .venv/bin/python bench/native.py                 # 25 rounds of 1 s per variant, about 5 minutes
    .venv/bin/python bench/native.py --rounds 9      # quicker, wider intervals

Every variant is a listener of one Envoy with one worker thread, pinned to
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
WANTED = ("baseline", "banana/native", "banana/planned", "banana/pwc", "headers/native", "headers/planned",
          "headers/pwc", "mixed/pwc", "mixed/planned")
# (what is claimed, variant, reference, the most the variant may cost over the reference, µs)
TARGETS = (
    ("the planned talk filter within 0.5 µs of hand-written native configuration", "banana/planned",
     "banana/native", 0.5),
    ("one native rule and one module rule no costlier than the module alone", "mixed/planned", "mixed/pwc", 0.0),
    ("the planned headers filter within 0.5 µs of hand-written native configuration", "headers/planned",
     "headers/native", 0.5),
)


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


def rounds_of_load(variants: list[var.Variant], rounds: int, seconds: float, wrk: str | None) -> dict[str, list[float]]:
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
        load = load_mod.Load(wrk, cpus="1" if pinned else None)
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
    for claim, name, reference, allowed in TARGETS:
        low, mid, high = median_interval(differences(per_round, name, reference))
        verdict = "yes" if high <= allowed else ("no" if low > allowed else "not resolved at this noise")
        lines.append(f"| {claim}: {name} − {reference} | {mid:+.2f} ({low:+.2f} … {high:+.2f}) µs | "
                     f"≤ {allowed:g} µs | {verdict} |")
    return lines


def _mid_first(interval: tuple[float, float, float]) -> tuple[float, float, float]:
    low, mid, high = interval
    return mid, low, high


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=1.0, help="load per variant and round (wrk counts whole seconds)")
    args = parser.parse_args(argv)
    builds = var.Builds()
    var.build_pwc(builds, timing=False)
    var.build_floor(builds)
    variants = [v for v in var.make_variants(builds) if v.name in WANTED]
    failures = {name: problems for name, problems in var.check_all(variants, print).items() if problems}
    if failures:
        raise SystemExit(f"variants that do not do what they should: {failures}")
    per_round = rounds_of_load(variants, args.rounds, args.seconds, load_mod.ensure_wrk(print))
    print("\n".join(report(per_round, args.rounds, args.seconds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
